#define _GNU_SOURCE
#include "manifest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

void
manifest_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			buf_puts(b, "\\\\");
		else if (*s == '\t')
			buf_puts(b, "\\t");
		else if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
	}
}

char *
manifest_unescape(const char *s, size_t n)
{
	struct buf b = {0};
	buf_grow(&b, n);
	buf_puts(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			buf_putc(&b, s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i]);
		} else {
			buf_putc(&b, s[i]);
		}
	}
	return buf_steal(&b);
}

void
manifest_free(struct manifest *m)
{
	free(m->today);
	free(m->options);
	for (size_t i = 0; i < m->ninputs; i++)
		free(m->inputs[i].path);
	free(m->inputs);
	for (size_t i = 0; i < m->ndiags; i++) {
		free(m->diags[i].file);
		free(m->diags[i].text);
	}
	free(m->diags);
	for (size_t i = 0; i < m->noutputs; i++) {
		free(m->outputs[i].path);
		free(m->outputs[i].facts);
	}
	free(m->outputs);
	for (size_t i = 0; i < m->nnarratives; i++)
		free(m->narratives[i].facts);
	free(m->narratives);
	memset(m, 0, sizeof(*m));
}

void
manifest_add_output(struct manifest *m, const struct manifest_output *o)
{
	if (m->noutputs == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->outputs = xrealloc(m->outputs, m->cap * sizeof(*m->outputs));
	}
	m->outputs[m->noutputs] = *o;
	m->outputs[m->noutputs].path = xstrdup(o->path);
	m->outputs[m->noutputs].facts = o->facts ? xstrdup(o->facts) : NULL;
	m->noutputs++;
}

void
manifest_add_narrative(struct manifest *m, struct hash key, const char *facts)
{
	if (m->nnarratives == m->capnarratives) {
		m->capnarratives = m->capnarratives ? m->capnarratives * 2 : 256;
		m->narratives = xrealloc(m->narratives, m->capnarratives * sizeof(*m->narratives));
	}
	m->narratives[m->nnarratives++] = (struct manifest_narrative){key, xstrdup(facts)};
}

static int
cmp_output(const void *a, const void *b)
{
	return strcmp(((const struct manifest_output *)a)->path, ((const struct manifest_output *)b)->path);
}

static int
cmp_key(struct hash x, struct hash y)
{
	if (x.a != y.a)
		return x.a < y.a ? -1 : 1;
	return x.b < y.b ? -1 : x.b > y.b;
}

static int
cmp_narrative(const void *a, const void *b)
{
	return cmp_key(((const struct manifest_narrative *)a)->key, ((const struct manifest_narrative *)b)->key);
}

void
manifest_sort(struct manifest *m)
{
	if (m->noutputs > 1)
		qsort(m->outputs, m->noutputs, sizeof(*m->outputs), cmp_output);
	if (m->nnarratives > 1)
		qsort(m->narratives, m->nnarratives, sizeof(*m->narratives), cmp_narrative);
	/* Equal keys stand for equal facts: one is enough. */
	size_t k = 0;
	for (size_t i = 0; i < m->nnarratives; i++) {
		if (k > 0 && hash_eq(m->narratives[k - 1].key, m->narratives[i].key))
			free(m->narratives[i].facts);
		else
			m->narratives[k++] = m->narratives[i];
	}
	m->nnarratives = k;
}

const char *
manifest_find_narrative(const struct manifest *m, struct hash key)
{
	size_t lo = 0, hi = m->nnarratives;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(key, m->narratives[mid].key);
		if (c == 0)
			return m->narratives[mid].facts;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct manifest_output *
manifest_find(const struct manifest *m, const char *path)
{
	size_t lo = 0, hi = m->noutputs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, m->outputs[mid].path);
		if (c == 0)
			return &m->outputs[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Splits a line into at most n fields at spaces; the last takes the rest. */
static size_t
fields(char *line, char **f, size_t n)
{
	size_t k = 0;
	char *p = line;
	while (k < n && *p) {
		f[k++] = p;
		if (k == n)
			break;
		char *sp = strchr(p, ' ');
		if (sp == NULL)
			break;
		*sp = '\0';
		p = sp + 1;
	}
	return k;
}

static bool
parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end)
		return false;
	*out = v;
	return true;
}

static bool
parse_i64(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end)
		return false;
	*out = v;
	return true;
}

static bool
parse_line(struct manifest *m, char *line)
{
	char *f[6];
	if (str_has_prefix(line, "output ")) {
		struct manifest_output o = {0};
		if (fields(line + 7, f, 5) != 5 || !hash_parse(f[0], &o.in) || !hash_parse(f[1], &o.out) ||
		    !parse_u64(f[2], &o.size) || !parse_u64(f[3], &o.ino))
			return false;
		char *p = manifest_unescape(f[4], strlen(f[4]));
		o.path = p;
		manifest_add_output(m, &o);
		free(p);
		return true;
	}
	if (str_has_prefix(line, "facts ")) {
		if (m->noutputs == 0 || m->outputs[m->noutputs - 1].facts)
			return false;
		m->outputs[m->noutputs - 1].facts = manifest_unescape(line + 6, strlen(line + 6));
		return true;
	}
	if (str_has_prefix(line, "narrative ")) {
		/* The facts may be empty: the line is "narrative KEY " then. */
		struct hash key;
		char hex[33];
		if (strlen(line + 10) < 33 || line[42] != ' ')
			return false;
		memcpy(hex, line + 10, 32);
		hex[32] = '\0';
		if (!hash_parse(hex, &key))
			return false;
		char *facts = manifest_unescape(line + 43, strlen(line + 43));
		manifest_add_narrative(m, key, facts);
		free(facts);
		return true;
	}
	if (str_has_prefix(line, "input ")) {
		struct manifest_input in = {0};
		if (fields(line + 6, f, 5) != 5 || !parse_i64(f[0], &in.size) || !parse_i64(f[1], &in.mtime) ||
		    !parse_i64(f[2], &in.ctime) || !parse_u64(f[3], &in.ino))
			return false;
		in.path = manifest_unescape(f[4], strlen(f[4]));
		m->inputs = xrealloc(m->inputs, (m->ninputs + 1) * sizeof(*m->inputs));
		m->inputs[m->ninputs++] = in;
		return true;
	}
	if (str_has_prefix(line, "diag ")) {
		struct manifest_diag d = {0};
		int64_t sev, l, c;
		if (fields(line + 5, f, 4) != 4 || !parse_i64(f[0], &sev) || !parse_i64(f[1], &l) ||
		    !parse_i64(f[2], &c))
			return false;
		char *tab = strchr(f[3], '\t');
		if (tab == NULL)
			return false;
		d.sev = (int)sev;
		d.line = (int)l;
		d.col = (int)c;
		d.file = strncmp(f[3], "-\t", 2) == 0 ? NULL : manifest_unescape(f[3], (size_t)(tab - f[3]));
		d.text = manifest_unescape(tab + 1, strlen(tab + 1));
		m->diags = xrealloc(m->diags, (m->ndiags + 1) * sizeof(*m->diags));
		m->diags[m->ndiags++] = d;
		return true;
	}
	if (str_has_prefix(line, "program "))
		return hash_parse(line + 8, &m->program);
	if (str_has_prefix(line, "today ")) {
		free(m->today);
		m->today = xstrdup(line + 6);
		return true;
	}
	if (str_has_prefix(line, "options ")) {
		free(m->options);
		m->options = manifest_unescape(line + 8, strlen(line + 8));
		return true;
	}
	return false;
}

int
manifest_read(const char *path, struct manifest *m)
{
	memset(m, 0, sizeof(*m));
	struct buf b = {0};
	if (read_file(path, &b) != 0) {
		buf_free(&b);
		return -1;
	}
	char *save = NULL;
	char *line = strtok_r(b.p ? b.p : (char *)"", "\n", &save);
	int rc = line && strcmp(line, "qbpress-manifest 1") == 0 ? 0 : -1;
	while (rc == 0 && (line = strtok_r(NULL, "\n", &save)) != NULL)
		if (!parse_line(m, line))
			rc = -1;
	buf_free(&b);
	if (rc != 0)
		manifest_free(m);
	else
		manifest_sort(m);
	return rc;
}

int
manifest_write(const char *path, const struct manifest *m)
{
	char *tmp = xasprintf("%s.tmp", path);
	char *dir = path_dir(tmp);
	int rc = mkdir_p(dir);
	free(dir);
	/* written as it is made: a build of many files never holds all of it */
	struct sink k = {rc == 0 ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1, 0, {0}};
	if (k.fd < 0) {
		int e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	struct buf *b = &k.b;
	char h[33], h2[33];
	buf_puts(b, "qbpress-manifest 1\n");
	hash_hex(m->program, h);
	buf_printf(b, "program %s\ntoday %s\noptions ", h, m->today ? m->today : "");
	manifest_escape(b, m->options ? m->options : "");
	buf_putc(b, '\n');
	for (size_t i = 0; i < m->ninputs; i++) {
		const struct manifest_input *in = &m->inputs[i];
		buf_printf(b, "input %" PRId64 " %" PRId64 " %" PRId64 " %" PRIu64 " ", in->size, in->mtime, in->ctime,
		           in->ino);
		manifest_escape(b, in->path);
		buf_putc(b, '\n');
		sink_flush(&k, false);
	}
	for (size_t i = 0; i < m->ndiags; i++) {
		const struct manifest_diag *d = &m->diags[i];
		buf_printf(b, "diag %d %d %d ", d->sev, d->line, d->col);
		if (d->file)
			manifest_escape(b, d->file);
		else
			buf_putc(b, '-');
		buf_putc(b, '\t');
		manifest_escape(b, d->text);
		buf_putc(b, '\n');
		sink_flush(&k, false);
	}
	for (size_t i = 0; i < m->noutputs; i++) {
		const struct manifest_output *o = &m->outputs[i];
		hash_hex(o->in, h);
		hash_hex(o->out, h2);
		buf_printf(b, "output %s %s %" PRIu64 " %" PRIu64 " ", h, h2, o->size, o->ino);
		manifest_escape(b, o->path);
		buf_putc(b, '\n');
		if (o->facts) {
			buf_puts(b, "facts ");
			manifest_escape(b, o->facts);
			buf_putc(b, '\n');
		}
		sink_flush(&k, false);
	}
	for (size_t i = 0; i < m->nnarratives; i++) {
		hash_hex(m->narratives[i].key, h);
		buf_printf(b, "narrative %s ", h);
		manifest_escape(b, m->narratives[i].facts);
		buf_putc(b, '\n');
		sink_flush(&k, false);
	}
	sink_flush(&k, true);
	buf_free(b);
	rc = k.err == 0 ? 0 : -1;
	if (close(k.fd) != 0 && rc == 0) {
		k.err = errno;
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		k.err = errno;
		rc = -1;
	}
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	errno = k.err;
	return rc;
}

static void
add_input(struct manifest *m, const char *path, const struct stat *st, int64_t since)
{
	struct manifest_input in;
	in.path = xstrdup(path);
	in.mtime = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	in.ctime = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
	in.size = (in.mtime >= since || in.ctime >= since) ? -1 : (int64_t)st->st_size;
	in.ino = (uint64_t)st->st_ino;
	m->inputs = xrealloc(m->inputs, (m->ninputs + 1) * sizeof(*m->inputs));
	m->inputs[m->ninputs++] = in;
}

static void
scan(struct manifest *m, const char *dir, int64_t since, int depth)
{
	char **names = list_dir(dir);
	if (names == NULL) {
		struct stat st = {0};
		st.st_size = 0;
		add_input(m, dir, &st, INT64_MIN);
		return;
	}
	for (char **n = names; *n; n++) {
		char *p = path_join(dir, *n);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth < 64)
			scan(m, p, since, depth + 1);
		else if (lstat(p, &st) == 0 || stat(p, &st) == 0)
			add_input(m, p, &st, since);
		free(p);
	}
	free_strv(names);
}

void
manifest_scan_inputs(struct manifest *m, const char *const *dirs, size_t ndirs, const char *const *extra,
                     size_t nextra, int64_t since)
{
	for (size_t i = 0; i < ndirs; i++)
		if (dirs[i])
			scan(m, dirs[i], since, 0);
	for (size_t i = 0; i < nextra; i++) {
		struct stat st;
		if (stat(extra[i], &st) != 0)
			memset(&st, 0, sizeof(st));
		add_input(m, extra[i], &st, since);
	}
}

bool
manifest_same_inputs(const struct manifest *a, const struct manifest *b)
{
	if (a->ninputs != b->ninputs)
		return false;
	for (size_t i = 0; i < a->ninputs; i++) {
		const struct manifest_input *x = &a->inputs[i], *y = &b->inputs[i];
		if (x->size < 0 || y->size < 0 || x->size != y->size || x->mtime != y->mtime || x->ctime != y->ctime ||
		    x->ino != y->ino || strcmp(x->path, y->path) != 0)
			return false;
	}
	return true;
}
