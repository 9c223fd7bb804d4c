#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int
staging_begin(struct staging *s, const char *out)
{
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	s->out = xstrndup(out, n);
	char *parent = path_dir(s->out);
	const char *base = strrchr(s->out, '/') ? strrchr(s->out, '/') + 1 : s->out;
	if (mkdir_p(parent) != 0) {
		fprintf(stderr, "qbpress: error: cannot create %s: %s\n", parent, strerror(errno));
		free(parent);
		free(s->out);
		s->out = NULL;
		return -1;
	}
	char *tmpl = xasprintf("%s/.%s.staging-XXXXXX", parent, base);
	free(parent);
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "qbpress: error: cannot create a staging folder next to %s: %s\n", s->out,
		        strerror(errno));
		free(tmpl);
		free(s->out);
		s->out = NULL;
		return -1;
	}
	chmod(tmpl, 0755);
	s->dir = tmpl;
	return 0;
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
		/* Exchange both names in one step: readers never see a missing or
		 * half-written output folder. */
		if (renameat2(AT_FDCWD, s->dir, AT_FDCWD, s->out, RENAME_EXCHANGE) != 0) {
			fprintf(stderr, "qbpress: error: cannot replace %s: %s\n", s->out, strerror(errno));
			return -1;
		}
		/* s->dir now holds the previous output. */
		if (remove_tree(s->dir) != 0)
			fprintf(stderr, "qbpress: warning: cannot remove the previous output %s: %s\n", s->dir,
			        strerror(errno));
	} else if (rename(s->dir, s->out) != 0) {
		fprintf(stderr, "qbpress: error: cannot create %s: %s\n", s->out, strerror(errno));
		return -1;
	}
	free(s->dir);
	free(s->out);
	s->dir = s->out = NULL;
	return 0;
}

void
staging_abort(struct staging *s)
{
	if (s->dir)
		remove_tree(s->dir);
	free(s->dir);
	free(s->out);
	s->dir = s->out = NULL;
}
