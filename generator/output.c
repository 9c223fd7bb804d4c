#define _GNU_SOURCE
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* The real path of p, which may not exist yet: the real path of its
 * nearest existing ancestor followed by the rest, lexically normalised.
 * Caller frees; NULL when no ancestor can be resolved. */
static char *
real_path_of(const char *p)
{
	char *abs;
	if (p[0] == '/') {
		abs = xstrdup(p);
	} else {
		char *cwd = getcwd(NULL, 0);
		if (cwd == NULL)
			return NULL;
		abs = path_join(cwd, p);
		free(cwd);
	}
	/* Walk up until a prefix resolves, keeping the unresolved tail. */
	char *head = xstrdup(abs);
	char *tail = xstrdup("");
	char *real = NULL;
	for (;;) {
		real = realpath(head, NULL);
		if (real != NULL)
			break;
		char *slash = strrchr(head, '/');
		if (slash == NULL || slash == head) {
			free(head);
			free(tail);
			free(abs);
			return NULL;
		}
		char *t = *tail ? xasprintf("%s/%s", slash + 1, tail) : xstrdup(slash + 1);
		free(tail);
		tail = t;
		*slash = '\0';
	}
	free(head);
	free(abs);
	/* Normalise the tail: ".", "..", empty segments. */
	struct buf b = {0};
	buf_puts(&b, real);
	free(real);
	char *save = NULL;
	for (char *seg = strtok_r(tail, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			char *slash = strrchr(b.p, '/');
			if (slash && slash != b.p) {
				b.len = (size_t)(slash - b.p);
				b.p[b.len] = '\0';
			} else {
				b.len = 1;
				b.p[1] = '\0';
			}
			continue;
		}
		if (!(b.len == 1 && b.p[0] == '/'))
			buf_putc(&b, '/');
		buf_puts(&b, seg);
	}
	free(tail);
	return buf_steal(&b);
}

/* Whether a is b or a folder above b (both absolute and normalised). */
static bool
same_or_above(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n == 1 && a[0] == '/')
		return true;
	return strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/');
}

int
output_check_place(const char *out, const struct output_guard *guards, size_t nguards)
{
	char *real = real_path_of(out);
	if (real == NULL) {
		fprintf(stderr, "qbpress: error: cannot resolve the output folder %s: %s\n", out, strerror(errno));
		return -1;
	}
	int rc = 0;
	char *cwd = getcwd(NULL, 0);
	char *rcwd = cwd ? realpath(cwd, NULL) : NULL;
	free(cwd);
	if (rcwd && same_or_above(real, rcwd)) {
		fprintf(stderr,
		        "qbpress: error: the output folder %s is the working folder or holds it: a build replaces its "
		        "output folder, so choose one of its own (like ./output)\n",
		        out);
		rc = -1;
	}
	free(rcwd);
	for (size_t i = 0; i < nguards && rc == 0; i++) {
		if (guards[i].dir == NULL)
			continue;
		char *g = realpath(guards[i].dir, NULL);
		if (g == NULL)
			continue;
		if (same_or_above(real, g) || same_or_above(g, real)) {
			fprintf(stderr,
			        "qbpress: error: the output folder %s %s the %s folder %s: a build replaces its output "
			        "folder, so it must lie outside the %s\n",
			        out, strcmp(real, g) == 0 ? "is" : same_or_above(real, g) ? "holds" : "lies inside",
			        guards[i].what, guards[i].dir, guards[i].what);
			rc = -1;
		}
		free(g);
	}
	free(real);
	return rc;
}

/* Whether a folder was made by a build: it holds the mark. */
static bool
has_mark(const char *dir)
{
	char *p = path_join(dir, OUTPUT_MARK);
	struct stat st;
	bool ok = lstat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return ok;
}

static bool
is_empty_dir(const char *dir)
{
	char **names = list_dir(dir);
	bool empty = names != NULL && names[0] == NULL;
	free_strv(names);
	return empty;
}

/* Marks a new folder: a link to the output folder's mark when it has one
 * (so that its inode stays), else a new file. */
static int
write_mark(const char *dir, const char *out)
{
	char *have = out ? path_join(out, OUTPUT_MARK) : NULL, *p = path_join(dir, OUTPUT_MARK);
	int linked = have && has_mark(out) ? link(have, p) : -1;
	free(have);
	free(p);
	if (linked == 0)
		return 0;
	static const char text[] = "This folder was made by qbpress; the next build replaces it.\n";
	p = path_join(dir, OUTPUT_MARK);
	int rc = write_file(p, text, sizeof(text) - 1);
	free(p);
	return rc;
}

/* Removes the staging folders that killed builds of this output left
 * beside it; only folders that carry the mark and the staging name. */
static void
remove_stale(const char *parent, const char *base)
{
	char *prefix = xasprintf(".%s.staging-", base);
	char **names = list_dir(parent);
	for (char **n = names; n && *n; n++) {
		if (!str_has_prefix(*n, prefix) || strlen(*n) != strlen(prefix) + 6)
			continue;
		char *p = path_join(parent, *n);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && has_mark(p))
			remove_tree(p);
		free(p);
	}
	free_strv(names);
	free(prefix);
}

/* Takes the twin beside the output folder as the staging folder when it
 * and the output folder both have manifests; a twin without one was being
 * updated by a build that was killed, and is removed. */
static bool
take_twin(struct staging *s)
{
	struct stat st;
	if (lstat(s->twin_path, &st) != 0)
		return false;
	if (!S_ISDIR(st.st_mode) || !has_mark(s->twin_path))
		return false;
	char *mp = path_join(s->twin_path, MANIFEST_FILE);
	bool ok = s->live.noutputs > 0 && manifest_read(mp, &s->held) == 0;
	/* From now on the twin is being changed: without its manifest, a build
	 * killed halfway leaves a twin that the next build does not trust. */
	if (ok && unlink(mp) != 0) {
		manifest_free(&s->held);
		ok = false;
	}
	free(mp);
	if (!ok) {
		remove_tree(s->twin_path);
		return false;
	}
	s->dir = xstrdup(s->twin_path);
	s->twin = true;
	return true;
}

int
staging_lock(struct staging *s, const char *out)
{
	memset(s, 0, sizeof(*s));
	s->lock = -1;
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	s->out = xstrndup(out, n);
	char *parent = path_dir(s->out);
	const char *base = strrchr(s->out, '/') ? strrchr(s->out, '/') + 1 : s->out;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || *base == '\0') {
		fprintf(stderr, "qbpress: error: the output folder %s needs a name of its own (like ./output)\n", s->out);
		goto fail;
	}
	if (mkdir_p(parent) != 0) {
		fprintf(stderr, "qbpress: error: cannot create %s: %s\n", parent, strerror(errno));
		goto fail;
	}
	struct stat st;
	if (lstat(s->out, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			fprintf(stderr, "qbpress: error: %s exists and is not a folder\n", s->out);
			goto fail;
		}
		if (!has_mark(s->out) && !is_empty_dir(s->out)) {
			fprintf(stderr,
			        "qbpress: error: %s exists and was not made by qbpress (it has no %s): a build replaces "
			        "its output folder, so give a new or empty folder\n",
			        s->out, OUTPUT_MARK);
			goto fail;
		}
	}
	/* One build at a time per output folder: the lock is released when the
	 * process ends, however it ends. */
	char *lockp = xasprintf("%s/.%s.lock", parent, base);
	s->lock = open(lockp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (s->lock < 0) {
		fprintf(stderr, "qbpress: error: cannot create %s: %s\n", lockp, strerror(errno));
		free(lockp);
		goto fail;
	}
	if (flock(s->lock, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			fprintf(stderr, "qbpress: error: another build is writing %s; wait for it to finish\n", s->out);
		else
			fprintf(stderr, "qbpress: error: cannot lock %s: %s\n", lockp, strerror(errno));
		free(lockp);
		goto fail;
	}
	free(lockp);
	remove_stale(parent, base);
	free(parent);
	return 0;
fail:
	free(parent);
	staging_abort(s);
	return -1;
}

int
staging_begin(struct staging *s, const char *out, bool force)
{
	if (s->lock < 0 && staging_lock(s, out) != 0)
		return -1;
	s->force = force;
	char *parent = path_dir(s->out);
	const char *base = strrchr(s->out, '/') ? strrchr(s->out, '/') + 1 : s->out;
	struct stat st;
	s->twin_path = xasprintf("%s/.%s.twin", parent, base);
	if (lstat(s->out, &st) == 0) {
		char *mp = path_join(s->out, MANIFEST_FILE);
		if (manifest_read(mp, &s->live) != 0)
			memset(&s->live, 0, sizeof(s->live));
		free(mp);
	}
	if (take_twin(s)) {
		free(parent);
		return 0;
	}
	char *tmpl = xasprintf("%s/.%s.staging-XXXXXX", parent, base);
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "qbpress: error: cannot create a staging folder next to %s: %s\n", s->out,
		        strerror(errno));
		free(tmpl);
		goto fail;
	}
	s->dir = tmpl;
	if (chmod(tmpl, 0755) != 0 || write_mark(tmpl, s->out) != 0) {
		fprintf(stderr, "qbpress: error: cannot write in %s: %s\n", tmpl, strerror(errno));
		goto fail;
	}
	free(parent);
	return 0;
fail:
	free(parent);
	staging_abort(s);
	return -1;
}

/* ---- files ---- */

static char *
in_dir(const char *dir, const char *rel)
{
	return xasprintf("%s/%s", dir, rel);
}

/* Links the output folder's file rel into the staging folder (unless the
 * twin holds that link already and trust_twin is set). Returns 0, or -1
 * when it cannot (then the caller writes the bytes). */
static int
link_live_file(const struct staging *s, const char *rel, const struct manifest_output *old, bool trust_twin)
{
	if (s->twin && trust_twin) {
		const struct manifest_output *h = manifest_find(&s->held, rel);
		if (h && h->ino == old->ino && h->size == old->size)
			return 0;
	}
	char *from = in_dir(s->out, rel), *to = in_dir(s->dir, rel);
	struct stat st;
	int rc = -1;
	if (lstat(from, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == old->size &&
	    (uint64_t)st.st_ino == old->ino) {
		if (unlink(to) != 0 && errno != ENOENT) {
			rc = -1;
		} else if (link(from, to) == 0) {
			rc = 0;
		} else if (errno == ENOENT) {
			char *dir = path_dir(to);
			if (mkdir_p(dir) == 0 && link(from, to) == 0)
				rc = 0;
			free(dir);
		}
	}
	free(from);
	free(to);
	return rc;
}

static int
link_live(const struct staging *s, const char *rel, const struct manifest_output *old)
{
	return link_live_file(s, rel, old, true);
}

/* Creates rel below the staging folder, new (never a file that may be a
 * link to the output folder's), with its folders. Returns the descriptor,
 * or -1 with errno set. */
static int
create_new(const struct staging *s, const char *rel)
{
	char *to = in_dir(s->dir, rel);
	/* Never write into a file that is there already (it may be a link to
	 * the output folder's): one there is removed, and the file made anew. */
	int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST) {
		if (unlink(to) != 0 && errno != ENOENT) {
			int e = errno;
			free(to);
			errno = e;
			return -1;
		}
		fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	}
	if (fd < 0 && errno == ENOENT) {
		char *dir = path_dir(to);
		if (mkdir_p(dir) == 0)
			fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		free(dir);
	}
	free(to);
	return fd;
}

static int
write_new(const struct staging *s, const char *rel, const void *data, size_t len, uint64_t *ino)
{
	int fd = create_new(s, rel);
	if (fd < 0)
		return -1;
	struct stat st;
	if (write_all(fd, data, len) != 0 || fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	*ino = (uint64_t)st.st_ino;
	return close(fd);
}

int
staging_put(const struct staging *s, const char *rel, const void *data, size_t len, struct hash in,
            struct manifest_output *rec)
{
	struct hash out = hash_bytes(data, len);
	*rec = (struct manifest_output){(char *)rel, in, out, len, 0, NULL};
	const struct manifest_output *old = manifest_find(&s->live, rel);
	if (old && hash_eq(old->out, out) && old->size == len && link_live(s, rel, old) == 0) {
		rec->ino = old->ino;
		return 0;
	}
	return write_new(s, rel, data, len, &rec->ino);
}

int
staging_open(const struct staging *s, const char *rel, struct staging_file *f)
{
	memset(f, 0, sizeof(*f));
	hasher_init(&f->h);
	f->fd = create_new(s, rel);
	f->err = f->fd < 0 ? errno : 0;
	return f->fd < 0 ? -1 : 0;
}

void
staging_add(struct staging_file *f, const void *data, size_t len)
{
	f->size += len;
	if (f->err == 0 && write_all(f->fd, data, len) != 0)
		f->err = errno;
	/* The hasher is given whole blocks of 16 bytes until the end, so that
	 * the hash is hash_bytes() of the whole, however it came in pieces. */
	const unsigned char *p = data;
	while (len > 0 && (f->npend > 0 || len < sizeof(f->pend))) {
		size_t k = sizeof(f->pend) - f->npend < len ? sizeof(f->pend) - f->npend : len;
		memcpy(f->pend + f->npend, p, k);
		f->npend += k;
		p += k;
		len -= k;
		if (f->npend < sizeof(f->pend))
			return;
		hasher_add(&f->h, f->pend, f->npend);
		f->npend = 0;
	}
	size_t whole = len - len % sizeof(f->pend);
	hasher_add(&f->h, p, whole);
	memcpy(f->pend, p + whole, len - whole);
	f->npend = len - whole;
}

int
staging_close(const struct staging *s, const char *rel, struct staging_file *f, struct hash in,
              struct manifest_output *rec)
{
	struct stat st = {0};
	if (f->fd >= 0 && f->err == 0 && fstat(f->fd, &st) != 0)
		f->err = errno;
	if (f->fd >= 0 && close(f->fd) != 0 && f->err == 0)
		f->err = errno;
	f->fd = -1;
	if (f->err != 0) {
		errno = f->err;
		return -1;
	}
	hasher_add(&f->h, f->pend, f->npend);
	f->npend = 0;
	*rec = (struct manifest_output){(char *)rel, in, hasher_end(&f->h), f->size, (uint64_t)st.st_ino, NULL};
	/* The same bytes as the output folder's file: its link instead (the
	 * file just written replaced whatever the twin held there). */
	const struct manifest_output *old = manifest_find(&s->live, rel);
	if (old && hash_eq(old->out, rec->out) && old->size == rec->size && link_live_file(s, rel, old, false) == 0)
		rec->ino = old->ino;
	return 0;
}

int
staging_keep(const struct staging *s, const char *rel, struct hash in, struct manifest_output *rec)
{
	if (s->force || hash_is_zero(in))
		return 0;
	const struct manifest_output *old = manifest_find(&s->live, rel);
	if (old == NULL || !hash_eq(old->in, in) || link_live(s, rel, old) != 0)
		return 0;
	*rec = *old;
	rec->path = (char *)rel;
	return 1;
}

size_t
staging_keep_all(const struct staging *s, struct hash in,
                 void (*fn)(void *arg, const struct manifest_output *rec), void *arg)
{
	if (s->force || hash_is_zero(in))
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < s->live.noutputs; i++) {
		const struct manifest_output *old = &s->live.outputs[i];
		if (!hash_eq(old->in, in))
			continue;
		if (link_live(s, old->path, old) != 0)
			return 0;
		n++;
	}
	for (size_t i = 0; n > 0 && i < s->live.noutputs; i++)
		if (hash_eq(s->live.outputs[i].in, in))
			fn(arg, &s->live.outputs[i]);
	return n;
}

/* A spilled record: its kind, its length, then what manifest_add_output()
 * or manifest_add_narrative() is given. */
enum { SPILL_OUTPUT = 1, SPILL_NARRATIVE = 2 };

struct spill_head {
	uint32_t kind, len;
};

struct spill_output {
	struct hash in, out;
	uint64_t size, ino;
	uint32_t has_facts;
};

/* Whether records go to the spill file: it is opened at the first. */
static bool
spill_ready(struct staging *s)
{
	if (s->spilling)
		return true;
	if (s->dir == NULL || s->spill.err != 0)
		return false;
	int fd = open_nameless(s->dir);
	if (fd < 0) {
		/* A file system without nameless files: the records stay in memory. */
		s->spill.err = errno ? errno : EIO;
		return false;
	}
	s->spill.fd = fd;
	s->spilling = true;
	return true;
}

static void
spill(struct staging *s, uint32_t kind, const void *a, size_t na, const char *x, const char *y)
{
	size_t nx = strlen(x) + 1, ny = y ? strlen(y) + 1 : 0;
	struct spill_head h = {kind, (uint32_t)(na + nx + ny)};
	buf_add(&s->spill.b, (const char *)&h, sizeof(h));
	buf_add(&s->spill.b, (const char *)a, na);
	buf_add(&s->spill.b, x, nx);
	if (y)
		buf_add(&s->spill.b, y, ny);
	sink_flush(&s->spill, false);
}

void
staging_record(struct staging *s, const struct manifest_output *rec)
{
	if (!spill_ready(s)) {
		manifest_add_output(&s->next, rec);
		return;
	}
	struct spill_output o;
	memset(&o, 0, sizeof(o)); /* the padding too: it is written */
	o.in = rec->in;
	o.out = rec->out;
	o.size = rec->size;
	o.ino = rec->ino;
	o.has_facts = rec->facts != NULL;
	spill(s, SPILL_OUTPUT, &o, sizeof(o), rec->path, rec->facts);
}

const char *
staging_narrative(const struct staging *s, struct hash key)
{
	return s->force ? NULL : manifest_find_narrative(&s->live, key);
}

void
staging_record_narrative(struct staging *s, struct hash key, const char *facts)
{
	if (!spill_ready(s)) {
		manifest_add_narrative(&s->next, key, facts);
		return;
	}
	spill(s, SPILL_NARRATIVE, &key, sizeof(key), facts, NULL);
}

static void
unspill_one(struct staging *s, const struct spill_head *h, const char *p)
{
	if (h->kind == SPILL_OUTPUT) {
		struct spill_output o;
		memcpy(&o, p, sizeof(o));
		const char *path = p + sizeof(o);
		const char *facts = o.has_facts ? path + strlen(path) + 1 : NULL;
		struct manifest_output rec = {(char *)path, o.in, o.out, o.size, o.ino, (char *)facts};
		manifest_add_output(&s->next, &rec);
	} else {
		struct hash key;
		memcpy(&key, p, sizeof(key));
		manifest_add_narrative(&s->next, key, p + sizeof(key));
	}
}

/* Reads the spilled records back into s->next, in the order they came.
 * Returns 0, or -1 with errno set when they cannot all be read. */
static int
unspill(struct staging *s)
{
	if (!s->spilling)
		return 0;
	sink_flush(&s->spill, true);
	buf_free(&s->spill.b);
	int rc = s->spill.err == 0 && lseek(s->spill.fd, 0, SEEK_SET) == 0 ? 0 : -1;
	int e = s->spill.err ? s->spill.err : errno;
	struct buf b = {0};
	size_t at = 0;
	while (rc == 0) {
		buf_grow(&b, SINK_PIECE);
		ssize_t n = read(s->spill.fd, b.p + b.len, SINK_PIECE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		struct spill_head h;
		while (b.len - at >= sizeof(h)) {
			memcpy(&h, b.p + at, sizeof(h));
			if (b.len - at - sizeof(h) < h.len)
				break;
			unspill_one(s, &h, b.p + at + sizeof(h));
			at += sizeof(h) + h.len;
		}
		/* Keep the part of a record that the next read completes. */
		memmove(b.p, b.p + at, b.len - at);
		b.len -= at;
		at = 0;
	}
	if (rc == 0 && b.len != 0) {
		e = EIO;
		rc = -1;
	}
	buf_free(&b);
	close(s->spill.fd);
	s->spilling = false;
	errno = e;
	return rc;
}

/* Removes a file of the twin and the folders it leaves empty. */
static void
remove_held(const struct staging *s, const char *rel)
{
	char *p = in_dir(s->dir, rel);
	if (unlink(p) == 0 || errno == ENOENT) {
		size_t root = strlen(s->dir);
		for (char *slash = strrchr(p, '/'); slash && (size_t)(slash - p) > root; slash = strrchr(p, '/')) {
			*slash = '\0';
			if (rmdir(p) != 0)
				break;
		}
	}
	free(p);
}

/* Whether the build's outputs are the output folder's files, each. */
static bool
unchanged(const struct staging *s)
{
	if (s->next.noutputs != s->live.noutputs)
		return false;
	for (size_t i = 0; i < s->next.noutputs; i++) {
		const struct manifest_output *a = &s->next.outputs[i], *b = &s->live.outputs[i];
		if (strcmp(a->path, b->path) != 0 || !hash_eq(a->out, b->out) || a->ino != b->ino)
			return false;
	}
	return true;
}

int
staging_commit(struct staging *s, const struct manifest *header)
{
	if (unspill(s) != 0) {
		fprintf(stderr, "qbpress: error: cannot keep the record of the files written in %s: %s\n", s->dir,
		        strerror(errno));
		return -1;
	}
	manifest_sort(&s->next);
	/* One entry a path: the last put wins. */
	size_t k = 0;
	for (size_t i = 0; i < s->next.noutputs; i++) {
		if (k > 0 && strcmp(s->next.outputs[k - 1].path, s->next.outputs[i].path) == 0) {
			free(s->next.outputs[k - 1].path);
			free(s->next.outputs[k - 1].facts);
			s->next.outputs[k - 1] = s->next.outputs[i];
		} else {
			s->next.outputs[k++] = s->next.outputs[i];
		}
	}
	s->next.noutputs = k;
	if (s->twin)
		for (size_t i = 0; i < s->held.noutputs; i++)
			if (manifest_find(&s->next, s->held.outputs[i].path) == NULL)
				remove_held(s, s->held.outputs[i].path);
	struct manifest m = *header;
	m.outputs = s->next.outputs;
	m.noutputs = s->next.noutputs;
	m.narratives = s->next.narratives;
	m.nnarratives = s->next.nnarratives;
	char *mp = path_join(s->dir, MANIFEST_FILE);
	int rc = manifest_write(mp, &m);
	free(mp);
	if (rc != 0) {
		fprintf(stderr, "qbpress: error: cannot write the manifest in %s: %s\n", s->dir, strerror(errno));
		return -1;
	}
	struct stat st;
	bool have_out = lstat(s->out, &st) == 0;
	if (have_out && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "qbpress: error: %s exists and is not a folder\n", s->out);
		return -1;
	}
	bool ours = have_out && has_mark(s->out);
	if (have_out && !ours && !is_empty_dir(s->out)) {
		fprintf(stderr, "qbpress: error: %s was not made by qbpress: it is left as it is\n", s->out);
		return -1;
	}
	if (have_out && ours && s->live.noutputs > 0 && unchanged(s)) {
		/* Every file is the output folder's: replace its manifest only, and
		 * keep the staging folder, which mirrors it, as the twin. */
		char *lp = path_join(s->out, MANIFEST_FILE);
		rc = manifest_write(lp, &m);
		free(lp);
		if (rc != 0) {
			fprintf(stderr, "qbpress: error: cannot write the manifest in %s: %s\n", s->out, strerror(errno));
			return -1;
		}
		if (!s->twin && rename(s->dir, s->twin_path) != 0)
			remove_tree(s->dir);
		free(s->dir);
		s->dir = NULL;
		staging_abort(s);
		return 0;
	}
	if (have_out) {
		/* Exchange both names in one step: readers never see a missing or
		 * half-written output folder. */
		if (renameat2(AT_FDCWD, s->dir, AT_FDCWD, s->out, RENAME_EXCHANGE) != 0) {
			fprintf(stderr, "qbpress: error: cannot replace %s: %s\n", s->out, strerror(errno));
			return -1;
		}
		/* s->dir now holds the previous output: the twin of the next build
		 * when it has a manifest, else it goes. */
		if (!s->twin) {
			bool keep = ours && s->live.noutputs > 0 && lstat(s->twin_path, &st) != 0 &&
			            rename(s->dir, s->twin_path) == 0;
			if (!keep && (ours || is_empty_dir(s->dir)) && remove_tree(s->dir) != 0)
				fprintf(stderr, "qbpress: warning: cannot remove the previous output %s: %s\n", s->dir,
				        strerror(errno));
		}
	} else if (rename(s->dir, s->out) != 0) {
		fprintf(stderr, "qbpress: error: cannot create %s: %s\n", s->out, strerror(errno));
		return -1;
	}
	free(s->dir);
	s->dir = NULL;
	staging_abort(s);
	return 0;
}

/* The twin after a build that did not finish: what it held, with every
 * file this build put in it. */
static void
restore_twin(struct staging *s)
{
	/* Records that cannot be read back: the twin stays without a manifest,
	 * and the next build does not trust it. */
	if (unspill(s) != 0)
		return;
	manifest_sort(&s->next);
	struct manifest m = s->held;
	m.outputs = NULL;
	m.noutputs = m.cap = 0;
	for (size_t i = 0; i < s->held.noutputs; i++)
		if (manifest_find(&s->next, s->held.outputs[i].path) == NULL)
			manifest_add_output(&m, &s->held.outputs[i]);
	for (size_t i = 0; i < s->next.noutputs; i++)
		manifest_add_output(&m, &s->next.outputs[i]);
	manifest_sort(&m);
	char *mp = path_join(s->dir, MANIFEST_FILE);
	manifest_write(mp, &m);
	free(mp);
	for (size_t i = 0; i < m.noutputs; i++) {
		free(m.outputs[i].path);
		free(m.outputs[i].facts);
	}
	free(m.outputs);
}

void
staging_abort(struct staging *s)
{
	/* A twin stays: with its manifest when what it holds is known, else
	 * without, and the next build removes it. */
	if (s->dir && s->twin && s->restorable)
		restore_twin(s);
	if (s->dir && !s->twin && has_mark(s->dir))
		remove_tree(s->dir);
	else if (s->dir && !s->twin)
		rmdir(s->dir);
	free(s->dir);
	free(s->out);
	free(s->twin_path);
	s->dir = s->out = s->twin_path = NULL;
	manifest_free(&s->live);
	manifest_free(&s->held);
	manifest_free(&s->next);
	if (s->spilling)
		close(s->spill.fd);
	s->spilling = false;
	buf_free(&s->spill.b);
	memset(&s->spill, 0, sizeof(s->spill));
	if (s->lock >= 0)
		close(s->lock);
	s->lock = -1;
}
