#define _GNU_SOURCE
#include "fuzz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "diag.h"
#include "load.h"
#include "util.h"

#ifndef QB_FUZZ_ROOT
#error "QB_FUZZ_ROOT names the project folder"
#endif

static char *scratch, *content;

const char *
fuzz_root(void)
{
	return QB_FUZZ_ROOT;
}

static void
remove_scratch(void)
{
	if (scratch)
		remove_tree(scratch);
	free(scratch);
	free(content);
}

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "fuzz: %s %s: %s\n", what, path, strerror(errno));
	exit(2);
}

/* Copies a folder tree of regular files. */
static void
copy_tree(const char *from, const char *to)
{
	if (mkdir_p(to) != 0)
		die("cannot make", to);
	char **names = list_dir(from);
	if (names == NULL)
		die("cannot list", from);
	for (char **n = names; *n; n++) {
		char *a = path_join(from, *n), *b = path_join(to, *n);
		struct stat st;
		if (stat(a, &st) != 0)
			die("cannot stat", a);
		if (S_ISDIR(st.st_mode))
			copy_tree(a, b);
		else if (copy_file(a, b) != 0)
			die("cannot copy", a);
		free(a);
		free(b);
	}
	free_strv(names);
}

const char *
fuzz_scratch(void)
{
	if (scratch == NULL) {
		const char *tmp = getenv("TMPDIR");
		char *tpl = xasprintf("%s/qbpress-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (mkdtemp(tpl) == NULL)
			die("cannot make", tpl);
		scratch = tpl;
		content = path_join(scratch, "content");
		char *good = path_join(fuzz_root(), "tests/fixtures/good");
		copy_tree(good, content);
		free(good);
		atexit(remove_scratch);
	}
	return scratch;
}

const char *
fuzz_content(void)
{
	fuzz_scratch();
	return content;
}

void
fuzz_put(const char *rel, const uint8_t *data, size_t size)
{
	char *p = path_join(fuzz_content(), rel);
	if (write_file(p, data, size) != 0)
		die("cannot write", p);
	free(p);
}

int
fuzz_load(struct model *m)
{
	day_t today;
	date_parse("2026-11-25", &today);
	m->today = today;
	if (model_load(m, fuzz_content()) != 0)
		return -1;
	model_derive(m);
	model_check(m);
	return diag_errors();
}

void
fuzz_done(struct model *m)
{
	static FILE *sink;
	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		die("cannot open", "/dev/null");
	diag_flush(sink, 1);
	model_free(m);
	diag_reset();
}

void
fuzz_check_file(const char *rel, const uint8_t *data, size_t size)
{
	struct model m = {0};
	fuzz_put(rel, data, size);
	fuzz_load(&m);
	fuzz_done(&m);
}
