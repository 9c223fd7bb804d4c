#define _GNU_SOURCE
#include "fuzz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "check.h"
#include "diag.h"
#include "load.h"
#include "output.h"
#include "render/render.h"
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

void
fuzz_render_narrative(const uint8_t *data, size_t size, const char *renderer)
{
	static char *theme, *out;
	if (theme == NULL) {
		xmlInitParser();
		theme = path_join(fuzz_root(), "themes/default");
		out = path_join(fuzz_scratch(), "out");
	}
	struct model m = {0};
	fuzz_put("campaigns/2025/cases/alpha-works.md", data, size);
	struct staging st = {.lock = -1};
	if (fuzz_load(&m) == 0 && staging_begin(&st, out, true) == 0) {
		bool want[16] = {0};
		for (size_t i = 0; i < nrenderers && i < 16; i++)
			want[i] = strcmp(renderers[i].name, renderer) == 0;
		struct render_shared shared = {0};
		struct render_ctx ctx = {.model = &m,
		                         .staging = &st,
		                         .out = st.dir,
		                         .theme_dir = theme,
		                         .default_theme_dir = theme,
		                         .jobs = 1,
		                         .shared = &shared};
		render_run(&ctx, want);
		render_shared_free(&shared);
	}
	staging_abort(&st);
	fuzz_done(&m);
}
