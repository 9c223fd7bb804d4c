/* Unit tests for what the preview server decides without a network:
 * which file a request names (generator/preview.h), its Content-Type, the
 * script element added to pages, which names in watched folders are
 * editors' files rather than content, and what the watcher sees in a real
 * folder tree (generator/watch.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "preview.h"
#include "util.h"
#include "watch.h"

static void
expect_path(const char *url, const char *want)
{
	char *got = preview_path(url);
	if (got == NULL || strcmp(got, want) != 0)
		print_error("%s: got %s, expected %s\n", url, got ? got : "(refused)", want);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
expect_refused(const char *url)
{
	char *got = preview_path(url);
	if (got != NULL)
		print_error("%s: got %s, expected it refused\n", url, got);
	assert_null(got);
}

static void
test_paths(void **state)
{
	(void)state;
	expect_path("/", "");
	expect_path("/index.html", "index.html");
	expect_path("/cases/", "cases/");
	expect_path("/cases/2025/lanyue-precision/", "cases/2025/lanyue-precision/");
	expect_path("/certificates/QB2025-001.pdf", "certificates/QB2025-001.pdf");
	/* Escapes are decoded: a Chinese name, a space, a percent sign. */
	expect_path("/pages/%E5%85%B3%E4%BA%8E/", "pages/\xe5\x85\xb3\xe4\xba\x8e/");
	expect_path("/a%20b.html", "a b.html");
	expect_path("/100%25.txt", "100%.txt");
	/* Dots inside a name are names. */
	expect_path("/a..b/c.d", "a..b/c.d");
}

static void
test_escapes_refused(void **state)
{
	(void)state;
	const char *bad[] = {
	    "",                         /* not a path */
	    "index.html",               /* not starting with '/' */
	    "/..",                      "/../secret",        "/cases/../../secret", "/cases/..",
	    "/./index.html",            "/cases/.",          "/%2e%2e/secret",      "/%2E%2E/secret",
	    "/.%2e/secret",             "/%2e./secret",      "/cases/%2e%2e/x",     "/..%2fsecret",
	    "/cases%2f..%2fsecret",     "/%2fetc/passwd",    "/..%5csecret",        "/..\\secret",
	    "/a\\b",                    "/index.html%00.png", "/%00",               "/a%0d%0aSet-Cookie:x",
	    "/a%09b",                   "/a%7fb",            "//etc/passwd",        "/cases//index.html",
	    "/.qbpress-manifest",       "/.git/config",      "/cases/.hidden",      "/%",
	    "/%4",                      "/%zz",              "/%4g",                "/a%",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_refused(bad[i]);
}

static void
test_types(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"index.html", "text/html; charset=utf-8"},
	    {"static/site.css", "text/css; charset=utf-8"},
	    {"static/qb.js", "text/javascript; charset=utf-8"},
	    {"cases/index.json", "application/json"},
	    {"sitemap.xml", "application/xml"},
	    {"static/favicon.svg", "image/svg+xml"},
	    {"images/a.png", "image/png"},
	    {"images/a.jpg", "image/jpeg"},
	    {"images/a.JPEG", "image/jpeg"},
	    {"images/a.gif", "image/gif"},
	    {"images/a.webp", "image/webp"},
	    {"certificates/QB2025-001.pdf", "application/pdf"},
	    {"cases/cases.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	    {"cases/cases.csv", "text/csv; charset=utf-8"},
	    {"robots.txt", "text/plain; charset=utf-8"},
	    {"noextension", "application/octet-stream"},
	    {"a.html/noextension", "application/octet-stream"},
	    {"archive.tar.gz", "application/octet-stream"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(preview_type(cases[i][0]), cases[i][1]);
}

static void
test_inject(void **state)
{
	(void)state;
	static const char page[] = "<!DOCTYPE html>\n<html><head><title>t</title></head><body>x</body></html>\n";
	size_t len;
	char *got = preview_inject(page, strlen(page), "/__qbpress/live.js?b=1", &len);
	assert_string_equal(got, "<!DOCTYPE html>\n<html><head><title>t</title><script src=\"/__qbpress/live.js?b=1\" "
	                         "defer></script></head><body>x</body></html>\n");
	assert_int_equal(len, strlen(got));
	free(got);
	/* Without a head: at the end. */
	got = preview_inject("<p>x</p>", 8, "/s.js", &len);
	assert_string_equal(got, "<p>x</p><script src=\"/s.js\" defer></script>");
	free(got);
	/* Only the first </head>; bytes after a NUL are kept. */
	static const char two[] = "<head></head>\0<head></head>";
	got = preview_inject(two, sizeof(two) - 1, "/s.js", &len);
	assert_int_equal(len, sizeof(two) - 1 + strlen("<script src=\"/s.js\" defer></script>"));
	assert_memory_equal(got + len - 14, "\0<head></head>", 14);
	free(got);
}

static void
test_editor_files(void **state)
{
	(void)state;
	static const char *const ignored[] = {
	    ".lanyue.md.swp", ".lanyue.md.swx", ".#lanyue.md", ".goutputstream-X1Y2Z3", "lanyue.md~",
	    "#lanyue.md#",    "lanyue.md.swp", "lanyue.md.tmp", "4913",        "lanyue.md___jb_tmp___",
	    "lanyue.md___jb_old___", "lanyue.md.kate-swp", ".hidden",  "",
	};
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		if (!watch_ignored(ignored[i], false))
			print_error("%s is not ignored\n", ignored[i]);
		assert_true(watch_ignored(ignored[i], false));
	}
	static const char *const content[] = {
	    "lanyue-precision.md", "records.yaml", "2026.yaml", "site.yaml", "a.png", "case.xsl", "qb.js", "#1.md",
	};
	for (size_t i = 0; i < sizeof(content) / sizeof(content[0]); i++) {
		if (watch_ignored(content[i], false))
			print_error("%s is ignored\n", content[i]);
		assert_false(watch_ignored(content[i], false));
	}
	/* A campaign's folder is named by its year; hidden folders are not
	 * watched. */
	assert_false(watch_ignored("2027", true));
	assert_false(watch_ignored("cases", true));
	assert_true(watch_ignored(".git", true));
}

/* The changes waiting, after a moment for the events to arrive; *last
 * is replaced by the last path. */
static int
changes(struct watch *w, char **last)
{
	struct timespec moment = {0, 50000000};
	nanosleep(&moment, NULL);
	return watch_read(w, last);
}

static void
test_watch_tree(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/qbpress-watch-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	char *a = path_join(tmpl, "a"), *b = path_join(tmpl, "a/b");
	assert_int_equal(mkdir_p(b), 0);
	/* A symbolic link back up: watched once, no endless walk. */
	char *loop = path_join(tmpl, "a/b/loop");
	assert_int_equal(symlink("..", loop), 0);
	struct watch *w = watch_new();
	assert_non_null(w);
	assert_int_equal(watch_add_tree(w, tmpl), 0);
	char *last = NULL;
	assert_int_equal(changes(w, &last), 0);

	/* A file written in a folder below the root. */
	char *f = path_join(b, "case.md");
	assert_int_equal(write_file(f, "x", 1), 0);
	assert_true(changes(w, &last) > 0);
	assert_non_null(last);
	assert_string_equal(last, f);

	/* Editors' files are no change. */
	char *swp = path_join(b, ".case.md.swp"), *bak = path_join(b, "case.md~");
	assert_int_equal(write_file(swp, "x", 1), 0);
	assert_int_equal(write_file(bak, "x", 1), 0);
	assert_int_equal(changes(w, &last), 0);

	/* A folder made now is watched: a file in it is a change. */
	char *c = path_join(a, "2027"), *g = path_join(c, "records.yaml");
	assert_int_equal(mkdir(c, 0755), 0);
	assert_true(changes(w, &last) > 0);
	assert_int_equal(write_file(g, "x", 1), 0);
	assert_true(changes(w, &last) > 0);
	assert_string_equal(last, g);

	/* A file saved through a temporary one: the last path is its own. */
	char *tmp = path_join(c, "sedX1Y2Z3");
	assert_int_equal(write_file(tmp, "y", 1), 0);
	assert_int_equal(rename(tmp, g), 0);
	assert_true(changes(w, &last) > 0);
	assert_string_equal(last, g);

	/* Removing the root's contents is a change; the watcher survives. */
	assert_int_equal(remove_tree(a), 0);
	assert_true(changes(w, &last) > 0);
	watch_restore(w);
	watch_free(w);
	free(last);
	char *paths[] = {a, b, loop, f, swp, bak, c, g, tmp};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		free(paths[i]);
	assert_int_equal(remove_tree(tmpl), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paths), cmocka_unit_test(test_escapes_refused), cmocka_unit_test(test_types),
	    cmocka_unit_test(test_inject), cmocka_unit_test(test_editor_files), cmocka_unit_test(test_watch_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
