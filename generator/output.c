#define _GNU_SOURCE
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

static int
write_mark(const char *dir)
{
	static const char text[] = "This folder was made by qbpress; the next build replaces it.\n";
	char *p = path_join(dir, OUTPUT_MARK);
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

int
staging_begin(struct staging *s, const char *out)
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
	char *tmpl = xasprintf("%s/.%s.staging-XXXXXX", parent, base);
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "qbpress: error: cannot create a staging folder next to %s: %s\n", s->out,
		        strerror(errno));
		free(tmpl);
		goto fail;
	}
	s->dir = tmpl;
	if (chmod(tmpl, 0755) != 0 || write_mark(tmpl) != 0) {
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

int
staging_commit(struct staging *s)
{
	struct stat st;
	if (lstat(s->out, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			fprintf(stderr, "qbpress: error: %s exists and is not a folder\n", s->out);
			return -1;
		}
		bool ours = has_mark(s->out);
		if (!ours && !is_empty_dir(s->out)) {
			fprintf(stderr, "qbpress: error: %s was not made by qbpress: it is left as it is\n", s->out);
			return -1;
		}
		/* Exchange both names in one step: readers never see a missing or
		 * half-written output folder. */
		if (renameat2(AT_FDCWD, s->dir, AT_FDCWD, s->out, RENAME_EXCHANGE) != 0) {
			fprintf(stderr, "qbpress: error: cannot replace %s: %s\n", s->out, strerror(errno));
			return -1;
		}
		/* s->dir now holds the previous output, which a build made (or which
		 * was empty). */
		if ((ours || is_empty_dir(s->dir)) && remove_tree(s->dir) != 0)
			fprintf(stderr, "qbpress: warning: cannot remove the previous output %s: %s\n", s->dir,
			        strerror(errno));
	} else if (rename(s->dir, s->out) != 0) {
		fprintf(stderr, "qbpress: error: cannot create %s: %s\n", s->out, strerror(errno));
		return -1;
	}
	free(s->dir);
	s->dir = NULL;
	staging_abort(s);
	return 0;
}

void
staging_abort(struct staging *s)
{
	if (s->dir && has_mark(s->dir))
		remove_tree(s->dir);
	else if (s->dir)
		rmdir(s->dir);
	free(s->dir);
	free(s->out);
	s->dir = s->out = NULL;
	if (s->lock >= 0)
		close(s->lock);
	s->lock = -1;
}
