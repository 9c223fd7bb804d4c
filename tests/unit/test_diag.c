/* Unit tests for diagnostics positions: generator/yamldoc.h (node positions,
 * syntax errors at libyaml's line:column, duplicate keys, aliases),
 * generator/markdown.h (front matter split that keeps line numbers, link
 * targets looked at once a build) and
 * generator/diag.h (collection, sorting, the summary line, messages captured
 * by threads).
 *
 * Lines and columns are 1-based; columns count characters, not bytes. */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <yaml.h>

#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "yamldoc.h"

/* Everything diag_flush prints, as a string the caller frees. */
static char *
flush_to_string(int summary)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	assert_non_null(fp);
	diag_flush(fp, summary);
	fclose(fp);
	return s;
}

static void
assert_prefix(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		print_error("got      \"%s\"\nexpected \"%s…\"\n", s, prefix);
	assert_true(strncmp(s, prefix, strlen(prefix)) == 0);
}

static void
assert_contains(const char *s, const char *part)
{
	if (strstr(s, part) == NULL)
		print_error("\"%s\" does not contain \"%s\"\n", s, part);
	assert_non_null(strstr(s, part));
}

static int
reset(void **state)
{
	(void)state;
	diag_reset();
	return 0;
}

static struct ynode *
parse(const char *text, int line_offset)
{
	return ydoc_parse("f.yaml", text, strlen(text), line_offset);
}

static void
assert_pos(const struct ynode *n, int line, int col)
{
	assert_non_null(n);
	if (n->pos.line != line || n->pos.col != col)
		print_error("node '%s' at %d:%d, expected %d:%d\n", n->kind == Y_SCALAR ? n->text : "(collection)",
		            n->pos.line, n->pos.col, line, col);
	assert_int_equal(n->pos.line, line);
	assert_int_equal(n->pos.col, col);
}

static const char positions_text[] = "year: 2025\n"                 /* 1 */
                                     "企业名称: 青岛海达精密\n"      /* 2 */
                                     "methods: [工业互联网, SPC]\n" /* 3 */
                                     "iso9001:\n"                   /* 4 */
                                     "  certificate: \"00123Q\"\n"  /* 5 */
                                     "  valid_until: 2027-03-31\n"  /* 6 */
                                     "list:\n"                      /* 7 */
                                     "  - 甲乙: 丙\n"                /* 8 */
                                     "    丁: '戊'\n";              /* 9 */

static void
check_positions(int off)
{
	struct ynode *root = parse(positions_text, off);
	assert_non_null(root);
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(root->kind, Y_MAPPING);
	assert_int_equal(root->n, 5);

	assert_pos(root->pairs[0].key, 1 + off, 1);
	assert_string_equal(root->pairs[0].key->text, "year");
	assert_pos(root->pairs[0].value, 1 + off, 7);
	assert_string_equal(root->pairs[0].value->text, "2025");
	assert_true(root->pairs[0].value->plain);

	/* A value after a Chinese key on line 2: "企业名称: " is 6 characters
	 * (but 14 bytes), so the value starts in column 7. */
	assert_pos(root->pairs[1].key, 2 + off, 1);
	assert_string_equal(root->pairs[1].key->text, "企业名称");
	assert_pos(root->pairs[1].value, 2 + off, 7);
	assert_string_equal(ymap_get(root, "企业名称")->text, "青岛海达精密");

	/* Flow sequence: "[" at 10, "工业互联网" at 11, "SPC" after
	 * "methods: [工业互联网, " = 17 characters → 18. */
	struct ynode *m = ymap_get(root, "methods");
	assert_int_equal(m->kind, Y_SEQUENCE);
	assert_int_equal(m->n, 2);
	assert_pos(m, 3 + off, 10);
	assert_pos(m->items[0], 3 + off, 11);
	assert_pos(m->items[1], 3 + off, 18);

	struct ynode *iso = ymap_get(root, "iso9001");
	assert_int_equal(iso->kind, Y_MAPPING);
	assert_pos(iso->pairs[0].key, 5 + off, 3);
	/* A quoted value starts at its quote and is not plain. */
	assert_pos(iso->pairs[0].value, 5 + off, 16);
	assert_false(iso->pairs[0].value->plain);
	assert_string_equal(iso->pairs[0].value->text, "00123Q");
	assert_pos(ymap_get(iso, "valid_until"), 6 + off, 16);

	struct ynode *list = ymap_get(root, "list");
	assert_int_equal(list->kind, Y_SEQUENCE);
	struct ynode *item = list->items[0];
	assert_int_equal(item->kind, Y_MAPPING);
	assert_pos(item, 8 + off, 5);
	assert_pos(item->pairs[0].key, 8 + off, 5);
	assert_pos(item->pairs[0].value, 8 + off, 9);
	assert_pos(item->pairs[1].key, 9 + off, 5);
	/* "    丁: " is 7 characters: the quote is in column 8. */
	assert_pos(item->pairs[1].value, 9 + off, 8);
	assert_string_equal(item->pairs[1].value->text, "戊");

	/* The file name is the interned one. */
	assert_string_equal(root->pos.file, "f.yaml");
	assert_ptr_equal(root->pos.file, diag_file("f.yaml"));
	ynode_free(root);
}

static void
test_positions(void **state)
{
	(void)state;
	check_positions(0);
}

static void
test_line_offset(void **state)
{
	(void)state;
	/* As for front matter that starts on line 2 of a Markdown file. */
	check_positions(1);
	check_positions(40);
}

/* A four-byte character is one column; CRLF line ends count one line. */
static void
test_positions_wide(void **state)
{
	(void)state;
	struct ynode *n = parse("a: 1\r\n𠮷野: 值\r\nb:\t\"x\"\r\n", 0);
	assert_non_null(n);
	assert_int_equal(n->n, 3);
	assert_pos(n->pairs[1].key, 2, 1);
	assert_pos(n->pairs[1].value, 2, 5);
	assert_string_equal(n->pairs[1].value->text, "值");
	/* A tab is one column too. */
	assert_pos(n->pairs[2].value, 3, 4);
	ynode_free(n);
}

static void
test_empty(void **state)
{
	(void)state;
	struct ynode *n = parse("", 0);
	assert_non_null(n);
	assert_int_equal(n->kind, Y_MAPPING);
	assert_int_equal(n->n, 0);
	ynode_free(n);
	n = parse("# only a comment\n", 0);
	assert_non_null(n);
	assert_int_equal(n->kind, Y_MAPPING);
	ynode_free(n);
	assert_int_equal(diag_errors(), 0);
}

/* Where libyaml itself puts the problem of a text (1-based), so that the test
 * does not depend on a guess about libyaml. */
static void
libyaml_problem(const char *text, int *line, int *col)
{
	yaml_parser_t p;
	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
	*line = *col = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			*line = (int)p.problem_mark.line + 1;
			*col = (int)p.problem_mark.column + 1;
			break;
		}
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	assert_true(*line > 0);
}

/* Parses text that has a syntax error; checks ydoc_parse refuses it with
 * exactly one error, printed at libyaml's position (plus the offset), and
 * that this is the position the test expects. */
static void
check_syntax_error(const char *text, int offset, int want_line, int want_col)
{
	int line, col;
	libyaml_problem(text, &line, &col);
	assert_int_equal(line + offset, want_line);
	assert_int_equal(col, want_col);
	diag_reset();
	struct ynode *n = parse(text, offset);
	assert_null(n);
	assert_int_equal(diag_errors(), 1);
	char *out = flush_to_string(1);
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "f.yaml:%d:%d: error: YAML syntax error: ", want_line, want_col);
	assert_prefix(out, prefix);
	assert_contains(out, "\n1 error, 0 warnings\n");
	free(out);
	diag_reset();
}

static void
test_syntax_errors(void **state)
{
	(void)state;
	/* An unclosed flow sequence: found at the ':' of line 3. */
	check_syntax_error("title: 全国\nkey: [1, 2\nnext: 3\n", 0, 3, 5);
	/* The same with Chinese text before the problem on its line: columns
	 * count characters. */
	check_syntax_error("名称: 全国\n方法: [工业互联网, SPC\n下一个: 3\n", 0, 3, 4);
	/* A sequence item inside a mapping. */
	check_syntax_error("名称: 值\n- x\n", 0, 2, 1);
	/* An unterminated quoted scalar: at the end of the stream. */
	check_syntax_error("a: 1\nb: \"open\n", 0, 3, 1);
	/* With a line offset (front matter). */
	check_syntax_error("title: 全国\nkey: [1, 2\nnext: 3\n", 5, 8, 5);
}

/* Parses text with a mistake an office editor makes; checks the one error
 * is the hint, at the character in question. */
static void
check_hint(const char *text, int offset, const char *want)
{
	diag_reset();
	assert_null(parse(text, offset));
	assert_int_equal(diag_errors(), 1);
	char *out = flush_to_string(0);
	assert_prefix(out, want);
	free(out);
	diag_reset();
}

static void
test_syntax_hints(void **state)
{
	(void)state;
	/* A key indented under a scalar value, also with a line offset. */
	check_hint("a: 1\n  b: 2\n", 0,
	           "f.yaml:2:3: error: YAML syntax error: this line is indented 2 spaces and the line above 0: keys "
	           "of one mapping start in the same column\n");
	check_hint("a: 1\n  b: 2\n", 1, "f.yaml:3:3: error: YAML syntax error: this line is indented 2 spaces");
	/* Comments and blank lines between are passed over. */
	check_hint("- a: 1\n  b: 2\n\n  # c\n   d: 3\n", 0,
	           "f.yaml:5:4: error: YAML syntax error: this line is indented 3 spaces and the line above 2:");
	/* A full-width colon; one inside a value is not the mistake. */
	check_hint("名称: 值：甲\n地区：山东\n下一个: 3\n", 0,
	           "f.yaml:2:3: error: YAML syntax error: '：' is a full-width colon");
	/* A full-width space after the colon. */
	check_hint("a: 1\nb:\u3000值\nc: 3\n", 0, "f.yaml:2:2: error: YAML syntax error: a full-width space follows ':'");
	/* A tab in the indentation. */
	check_hint("a:\n  b: 1\n\tc: 2\n", 0, "f.yaml:3:1: error: YAML syntax error: a tab indents this line");
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	/* The reader reports a byte offset; it is turned into line:col. */
	const char text[] = "a: 1\nb: 2\nc: 质量\xFF\n";
	struct ynode *n = ydoc_parse("f.yaml", text, sizeof(text) - 1, 0);
	assert_null(n);
	assert_int_equal(diag_errors(), 1);
	char *out = flush_to_string(0);
	assert_prefix(out, "f.yaml:3:6: error: ");
	assert_contains(out, "0xFF");
	free(out);
	diag_reset();
	n = ydoc_parse("f.yaml", text, sizeof(text) - 1, 1);
	assert_null(n);
	out = flush_to_string(0);
	assert_prefix(out, "f.yaml:4:6: error: ");
	free(out);
}

static void
test_duplicate_keys(void **state)
{
	(void)state;
	struct ynode *n = parse("id: a\nname: 甲\nid: b\n", 0);
	assert_null(n);
	assert_int_equal(diag_errors(), 1);
	char *out = flush_to_string(1);
	assert_prefix(out, "f.yaml:3:1: error: duplicate key 'id'");
	assert_contains(out, "line 1");
	assert_contains(out, "1 error, 0 warnings");
	free(out);
	diag_reset();

	/* In a nested mapping, with Chinese keys, and a line offset. */
	n = parse("iso9001:\n  证书: x\n  证书: y\n", 1);
	assert_null(n);
	out = flush_to_string(0);
	assert_prefix(out, "f.yaml:4:3: error: duplicate key '证书'");
	assert_contains(out, "line 3");
	free(out);
	diag_reset();

	/* The same key in two different mappings is fine. */
	n = parse("- id: a\n- id: b\n", 0);
	assert_non_null(n);
	assert_int_equal(diag_errors(), 0);
	ynode_free(n);

	/* Quoted and plain spellings of one key are the same key. */
	n = parse("id: a\n\"id\": b\n", 0);
	assert_null(n);
	out = flush_to_string(0);
	assert_prefix(out, "f.yaml:2:1: error: duplicate key 'id'");
	free(out);
}

static void
test_aliases(void **state)
{
	(void)state;
	struct ynode *n = parse("a: &x 1\nb: *x\n", 0);
	assert_null(n);
	assert_int_equal(diag_errors(), 1);
	char *out = flush_to_string(0);
	assert_prefix(out, "f.yaml:2:4: error: ");
	assert_contains(out, "alias");
	free(out);
	diag_reset();
	/* A merge key with an alias. */
	n = parse("base: &b {x: 1}\nrec:\n  <<: *b\n", 0);
	assert_null(n);
	out = flush_to_string(0);
	assert_prefix(out, "f.yaml:3:7: error: ");
	free(out);
}

static void
test_documents_and_keys(void **state)
{
	(void)state;
	struct ynode *n = parse("a: 1\n---\nb: 2\n", 0);
	assert_null(n);
	char *out = flush_to_string(0);
	assert_prefix(out, "f.yaml:2:1: error: ");
	free(out);
	diag_reset();
	/* A complex (non-scalar) key. */
	n = parse("? [a]\n: 1\n", 0);
	assert_null(n);
	assert_int_equal(diag_errors(), 1);
	out = flush_to_string(0);
	assert_prefix(out, "f.yaml:1:3: error: ");
	free(out);
}

static void
test_split_front_matter(void **state)
{
	(void)state;
	/* A 4-line front matter (lines 1–4), a blank line 5, the body from
	 * line 6. */
	const char orig[] = "---\n"
	                    "title: 关于我们\n"
	                    "order: 2\n"
	                    "---\n"
	                    "\n"
	                    "# 标题\n"
	                    "正文第一段。\n";
	char text[sizeof(orig)];
	memcpy(text, orig, sizeof(orig));
	int unclosed = -1;
	char *fm = markdown_split_front_matter(text, sizeof(text) - 1, &unclosed);
	assert_non_null(fm);
	assert_int_equal(unclosed, 0);
	assert_string_equal(fm, "title: 关于我们\norder: 2\n");

	/* The text keeps its length and its newlines; the front matter lines
	 * are blanked, the body is untouched. */
	assert_int_equal(strlen(text), sizeof(orig) - 1);
	for (size_t i = 0; i < sizeof(orig) - 1; i++)
		assert_true((orig[i] == '\n') == (text[i] == '\n'));
	const char *body = strstr(orig, "\n\n# ") + 1;
	assert_string_equal(text + (body - orig), body);
	assert_null(strstr(text, "---"));
	assert_null(strstr(text, "title"));

	/* The body's heading is still on line 6 for cmark. */
	cmark_node *doc = cmark_parse_document(text, strlen(text), CMARK_OPT_SOURCEPOS);
	cmark_node *h = cmark_node_first_child(doc);
	assert_int_equal(cmark_node_get_type(h), CMARK_NODE_HEADING);
	assert_int_equal(cmark_node_get_start_line(h), 6);
	cmark_node *p = cmark_node_next(h);
	assert_int_equal(cmark_node_get_start_line(p), 7);
	cmark_node_free(doc);

	/* The front matter parsed with line offset 1 has file lines. */
	struct ynode *y = ydoc_parse("about.md", fm, strlen(fm), 1);
	assert_non_null(y);
	assert_pos(y->pairs[0].key, 2, 1);
	assert_pos(y->pairs[1].key, 3, 1);
	assert_pos(y->pairs[1].value, 3, 8);
	ynode_free(y);
	free(fm);

	/* Three keys between the fences (lines 1–5): the body starts right
	 * after, on line 6. */
	char t5[] = "---\ntitle: 关于\norder: 1\nsummary: 摘要\n---\n正文第一行\n\n## 小节\n";
	fm = markdown_split_front_matter(t5, strlen(t5), &unclosed);
	assert_non_null(fm);
	assert_string_equal(fm, "title: 关于\norder: 1\nsummary: 摘要\n");
	free(fm);
	doc = cmark_parse_document(t5, strlen(t5), CMARK_OPT_SOURCEPOS);
	p = cmark_node_first_child(doc);
	assert_int_equal(cmark_node_get_type(p), CMARK_NODE_PARAGRAPH);
	assert_int_equal(cmark_node_get_start_line(p), 6);
	assert_int_equal(cmark_node_get_start_line(cmark_node_next(p)), 8);
	cmark_node_free(doc);

	/* Body right after the closing line; "..." also closes; CRLF. */
	char t2[] = "---\r\na: 1\r\nb: 2\r\n...\r\n正文\r\n";
	fm = markdown_split_front_matter(t2, strlen(t2), &unclosed);
	assert_non_null(fm);
	assert_int_equal(unclosed, 0);
	assert_string_equal(fm, "a: 1\r\nb: 2\r\n");
	free(fm);
	doc = cmark_parse_document(t2, strlen(t2), CMARK_OPT_SOURCEPOS);
	p = cmark_node_first_child(doc);
	assert_int_equal(cmark_node_get_type(p), CMARK_NODE_PARAGRAPH);
	assert_int_equal(cmark_node_get_start_line(p), 5);
	cmark_node_free(doc);

	/* The closing line is the last line, without a newline. */
	char t4[] = "---\na: 1\n---";
	fm = markdown_split_front_matter(t4, strlen(t4), &unclosed);
	assert_non_null(fm);
	assert_int_equal(unclosed, 0);
	assert_string_equal(fm, "a: 1\n");
	assert_string_equal(t4, "   \n    \n   ");
	free(fm);

	/* An empty front matter. */
	char t3[] = "---\n---\nbody\n";
	fm = markdown_split_front_matter(t3, strlen(t3), &unclosed);
	assert_non_null(fm);
	assert_string_equal(fm, "");
	free(fm);
}

static void
test_no_front_matter(void **state)
{
	(void)state;
	int unclosed = -1;
	const char *cases[] = {
		"# 标题\n---\n",         /* a thematic break later on */
		"----\na: 1\n----\n",   /* four dashes */
		"\n---\na: 1\n---\n",   /* not on line 1 */
		"",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = strdup(cases[i]);
		unclosed = -1;
		assert_null(markdown_split_front_matter(t, strlen(t), &unclosed));
		assert_int_equal(unclosed, 0);
		assert_string_equal(t, cases[i]);
		free(t);
	}
}

static void
test_unclosed_front_matter(void **state)
{
	(void)state;
	const char orig[] = "---\ntitle: 关于\norder: 1\n\n# 标题\n正文\n";
	char text[sizeof(orig)];
	memcpy(text, orig, sizeof(orig));
	int unclosed = 0;
	assert_null(markdown_split_front_matter(text, sizeof(text) - 1, &unclosed));
	assert_int_equal(unclosed, 1);
	/* Nothing was blanked. */
	assert_string_equal(text, orig);
	/* Only "---" at the end of the file. */
	char t2[] = "---";
	unclosed = 0;
	assert_null(markdown_split_front_matter(t2, 3, &unclosed));
	assert_int_equal(unclosed, 1);
	char t3[] = "---\n";
	unclosed = 0;
	assert_null(markdown_split_front_matter(t3, 4, &unclosed));
	assert_int_equal(unclosed, 1);
}

/* A link target is looked at on disk once per files cache: a target that
 * passed is known from then on, one that failed is reported each time it
 * is named; a new cache (a new build) looks again. */
static void
test_resolve_target_files(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/qbpress-unit-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	char p[256];
	snprintf(p, sizeof(p), "%s/images", tmpl);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/images/a.png", tmpl);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
	char q[256];
	snprintf(q, sizeof(q), "%s/images/out.png", tmpl);
	assert_int_equal(symlink("/etc/hostname", q), 0);
	char *real = realpath(tmpl, NULL);
	assert_non_null(real);
	struct markdown_files *files = markdown_files_new();
	struct markdown_ctx ctx = {tmpl, real, NULL, files};
	const char *rel = "campaigns/2025/cases/x.md";
	struct pos at = {rel, 3, 1};
	for (int i = 0; i < 2; i++) {
		char *t = markdown_resolve_target(&ctx, rel, "../../../images/a.png", at, "image", TARGET_IMAGE);
		assert_string_equal(t, "images/a.png");
		free(t);
		assert_null(markdown_resolve_target(&ctx, rel, "../../../images/none.png", at, "image", TARGET_IMAGE));
		assert_null(markdown_resolve_target(&ctx, rel, "../../../images/out.png", at, "image", TARGET_IMAGE));
	}
	assert_int_equal(diag_errors(), 4);
	char *out = flush_to_string(1);
	const char *c = out;
	int outside = 0;
	while ((c = strstr(c, "leads outside the content folder")) != NULL) {
		outside++;
		c++;
	}
	assert_int_equal(outside, 2);
	free(out);
	diag_reset();
	/* Gone: this cache still knows it, a new one does not. */
	assert_int_equal(unlink(p), 0);
	char *t = markdown_resolve_target(&ctx, rel, "../../../images/a.png", at, "image", TARGET_IMAGE);
	assert_string_equal(t, "images/a.png");
	free(t);
	markdown_files_free(files);
	ctx.files = markdown_files_new();
	assert_null(markdown_resolve_target(&ctx, rel, "../../../images/a.png", at, "image", TARGET_IMAGE));
	assert_int_equal(diag_errors(), 1);
	free(flush_to_string(1));
	markdown_files_free(ctx.files);
	assert_int_equal(unlink(q), 0);
	snprintf(p, sizeof(p), "%s/images", tmpl);
	assert_int_equal(rmdir(p), 0);
	assert_int_equal(rmdir(tmpl), 0);
	free(real);
}

/* markdown_parse reports front matter and body problems at file lines. */
static void
test_markdown_parse_positions(void **state)
{
	(void)state;
	struct model *m = calloc(1, sizeof(*m));
	assert_non_null(m);
	struct markdown_ctx ctx = {"/nonexistent-qbpress-content", NULL, m, NULL};
	struct ynode *front = NULL;

	/* Raw HTML on line 6 after a 4-line front matter (and a Chinese
	 * paragraph before it on the same line). */
	char t1[] = "---\ntitle: 关于\norder: 1\n---\n\n质量 <br>\n\n<div>块</div>\n";
	struct document *d = markdown_parse(&ctx, "pages/about.md", "pages/about.md", t1, strlen(t1), &front, true);
	assert_non_null(d);
	assert_non_null(front);
	assert_pos(ymap_get(front, "order"), 3, 8);
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(diag_warnings(), 2);
	char *out = flush_to_string(1);
	/* "质量 " is 3 characters: the inline HTML is in column 4. */
	assert_prefix(out, "pages/about.md:6:4: warning: ");
	assert_contains(out, "\npages/about.md:8:1: warning: ");
	assert_contains(out, "\n0 errors, 2 warnings\n");
	free(out);
	document_free(d);
	ynode_free(front);
	front = NULL;
	diag_reset();

	/* A YAML syntax error in the front matter, at its file line. */
	char t2[] = "---\ntitle: 关于\nkeywords: [a, b\n---\n正文\n";
	d = markdown_parse(&ctx, "pages/x.md", "pages/x.md", t2, strlen(t2), &front, true);
	assert_null(d);
	assert_null(front);
	assert_int_equal(diag_errors(), 1);
	out = flush_to_string(0);
	int line, col;
	libyaml_problem("title: 关于\nkeywords: [a, b\n", &line, &col);
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "pages/x.md:%d:%d: error: YAML syntax error", line + 1, col);
	assert_prefix(out, prefix);
	free(out);
	diag_reset();

	/* Unclosed front matter: an error at 1:1. */
	char t3[] = "---\ntitle: 关于\n\n正文\n";
	d = markdown_parse(&ctx, "pages/y.md", "pages/y.md", t3, strlen(t3), &front, true);
	assert_null(d);
	assert_int_equal(diag_errors(), 1);
	out = flush_to_string(0);
	assert_prefix(out, "pages/y.md:1:1: error: front matter is not closed");
	free(out);
	diag_reset();
	free(m);
}

static void
test_flush_sorted(void **state)
{
	(void)state;
	diag(DIAG_WARNING, "content/site.yaml", 3, 1, "unknown key '%s'", "titel");
	diag(DIAG_ERROR, "content/campaigns/2025/records.yaml", 14, 11, "bad uscc '%s'", "X");
	diag(DIAG_ERROR, "content/campaigns/2025/records.yaml", 2, 7, "second on line 2");
	diag(DIAG_ERROR, "content/campaigns/2025/records.yaml", 2, 3, "first on line 2");
	diag(DIAG_ERROR, "content/campaigns/2024/records.yaml", 100, 1, "earlier file");
	struct pos p = {"content/campaigns/2025/records.yaml", 2, 7};
	diag_warning(p, "same place, given later");
	diag(DIAG_ERROR, NULL, 0, 0, "no calendar for 2027: add content/calendar/2027.yaml");
	diag(DIAG_ERROR, "content/calendar/2025.yaml", 0, 0, "cannot read: Permission denied");
	diag(DIAG_NOTE, "content/site.yaml", 3, 0, "a note in column 0");
	assert_int_equal(diag_errors(), 6);
	assert_int_equal(diag_warnings(), 2);
	char *out = flush_to_string(1);
	assert_string_equal(out, "qbpress: error: no calendar for 2027: add content/calendar/2027.yaml\n"
	                         "content/calendar/2025.yaml: error: cannot read: Permission denied\n"
	                         "content/campaigns/2024/records.yaml:100:1: error: earlier file\n"
	                         "content/campaigns/2025/records.yaml:2:3: error: first on line 2\n"
	                         "content/campaigns/2025/records.yaml:2:7: error: second on line 2\n"
	                         "content/campaigns/2025/records.yaml:2:7: warning: same place, given later\n"
	                         "content/campaigns/2025/records.yaml:14:11: error: bad uscc 'X'\n"
	                         "content/site.yaml:3:1: note: a note in column 0\n"
	                         "content/site.yaml:3:1: warning: unknown key 'titel'\n"
	                         "6 errors, 2 warnings\n");
	free(out);
	/* The list is empty after a flush; the counts stay until a reset. */
	out = flush_to_string(0);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(diag_errors(), 6);
	out = flush_to_string(1);
	assert_string_equal(out, "6 errors, 2 warnings\n");
	free(out);
	diag_reset();
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(diag_warnings(), 0);
}

static void
test_summary(void **state)
{
	(void)state;
	char *out = flush_to_string(1);
	assert_string_equal(out, "0 errors, 0 warnings\n");
	free(out);
	diag(DIAG_ERROR, "a.yaml", 1, 1, "x");
	diag(DIAG_WARNING, "a.yaml", 1, 1, "y");
	out = flush_to_string(1);
	assert_string_equal(out, "a.yaml:1:1: error: x\na.yaml:1:1: warning: y\n1 error, 1 warning\n");
	free(out);
	diag_reset();
	for (int i = 0; i < 100; i++)
		diag(DIAG_WARNING, "b.yaml", 100 - i, 1, "w%d", i);
	diag(DIAG_ERROR, "a.yaml", 5, 5, "e");
	diag(DIAG_ERROR, "a.yaml", 5, 4, "e");
	out = flush_to_string(1);
	assert_prefix(out, "a.yaml:5:4: error: e\na.yaml:5:5: error: e\nb.yaml:1:1: warning: w99\n"
	                   "b.yaml:2:1: warning: w98\n");
	assert_contains(out, "b.yaml:100:1: warning: w0\n2 errors, 100 warnings\n");
	free(out);
}

static void
test_file_interning(void **state)
{
	(void)state;
	const char *a = diag_file("content/site.yaml");
	char name[] = "content/site.yaml";
	assert_ptr_equal(diag_file(name), a);
	name[8] = 'S';
	assert_ptr_not_equal(diag_file(name), a);
	/* A message keeps its own copy of the file name. */
	char tmp[] = "tmp.yaml";
	diag(DIAG_ERROR, tmp, 1, 2, "m");
	strcpy(tmp, "xyz.yam");
	char *out = flush_to_string(0);
	assert_string_equal(out, "tmp.yaml:1:2: error: m\n");
	free(out);
}

/* Threads that capture: each one's messages, with the same position,
 * kept apart until committed; committed in the order of the work, they
 * come in that order whatever order the threads ran in, and count. */
struct capture_work {
	struct diag_capture cap;
	int id;
	pthread_barrier_t *bar;
};

static void *
capture_thread(void *arg)
{
	struct capture_work *w = arg;
	diag_capture_begin(&w->cap);
	pthread_barrier_wait(w->bar);
	for (int i = 0; i < 50; i++)
		diag(i % 2 ? DIAG_WARNING : DIAG_ERROR, "same.yaml", 1, 1, "thread %d message %d", w->id, i);
	diag_mute(true);
	diag(DIAG_ERROR, "same.yaml", 1, 1, "muted in thread %d", w->id);
	diag_mute(false);
	diag_capture_end();
	return NULL;
}

static void
test_capture_order(void **state)
{
	(void)state;
	pthread_barrier_t bar;
	assert_int_equal(pthread_barrier_init(&bar, NULL, 3), 0);
	struct capture_work w[3];
	pthread_t t[3];
	for (int k = 0; k < 3; k++) {
		w[k].id = k;
		w[k].bar = &bar;
		assert_int_equal(pthread_create(&t[k], NULL, capture_thread, &w[k]), 0);
	}
	for (int k = 0; k < 3; k++)
		assert_int_equal(pthread_join(t[k], NULL), 0);
	pthread_barrier_destroy(&bar);
	/* Nothing counts before it is committed. */
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(diag_count(), 0);
	diag(DIAG_NOTE, "same.yaml", 1, 1, "before");
	for (int k = 2; k >= 0; k--)
		diag_capture_commit(&w[k].cap);
	assert_int_equal(diag_count(), 151);
	assert_int_equal(diag_errors(), 75);
	assert_int_equal(diag_warnings(), 75);
	char *out = flush_to_string(1);
	struct buf want = {0};
	buf_puts(&want, "same.yaml:1:1: note: before\n");
	for (int k = 2; k >= 0; k--)
		for (int i = 0; i < 50; i++)
			buf_printf(&want, "same.yaml:1:1: %s: thread %d message %d\n", i % 2 ? "warning" : "error", k, i);
	buf_puts(&want, "75 errors, 75 warnings\n");
	assert_string_equal(out, want.p);
	buf_free(&want);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_positions, reset, reset),
		cmocka_unit_test_setup_teardown(test_line_offset, reset, reset),
		cmocka_unit_test_setup_teardown(test_positions_wide, reset, reset),
		cmocka_unit_test_setup_teardown(test_empty, reset, reset),
		cmocka_unit_test_setup_teardown(test_syntax_errors, reset, reset),
		cmocka_unit_test_setup_teardown(test_syntax_hints, reset, reset),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, reset, reset),
		cmocka_unit_test_setup_teardown(test_duplicate_keys, reset, reset),
		cmocka_unit_test_setup_teardown(test_aliases, reset, reset),
		cmocka_unit_test_setup_teardown(test_documents_and_keys, reset, reset),
		cmocka_unit_test_setup_teardown(test_split_front_matter, reset, reset),
		cmocka_unit_test_setup_teardown(test_no_front_matter, reset, reset),
		cmocka_unit_test_setup_teardown(test_unclosed_front_matter, reset, reset),
		cmocka_unit_test_setup_teardown(test_markdown_parse_positions, reset, reset),
		cmocka_unit_test_setup_teardown(test_resolve_target_files, reset, reset),
		cmocka_unit_test_setup_teardown(test_flush_sorted, reset, reset),
		cmocka_unit_test_setup_teardown(test_summary, reset, reset),
		cmocka_unit_test_setup_teardown(test_file_interning, reset, reset),
		cmocka_unit_test_setup_teardown(test_capture_order, reset, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
