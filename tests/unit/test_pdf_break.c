/* The book's line and page breaking (render/pdf/pdf_break.h), as pure
 * functions: Unicode's own line breaking conformance test (UAX #14,
 * LineBreakTest.txt of Debian's unicode-data), the basic rules of the W3C's
 * Requirements for Chinese Text Layout (clreq), and page breaking over
 * measured boxes.
 *
 * Where the breaker departs from LineBreakTest.txt on purpose:
 *   1. clreq line-start prohibition: no break before ，。、；：！？）》」』】
 *      〕〗〙〛〉 closing quotes, … ‥ · ・ ～ and small kana (UAX #14 allows
 *      one before some of them, e.g. before … (IN) after an ideograph, or
 *      before ・);
 *   2. clreq line-end prohibition: no break after （《「『【〔〖〘〚〈 and
 *      opening quotes;
 *   3. —— and …… never split;
 *   4. the language "zh": ambiguous characters (AI) are ideographs and
 *      quotation marks open or close by their shape, as libunibreak tailors
 *      them for Chinese;
 *   5. characters above U+FFFF are not laid out (`check` refuses them: the
 *      PDF library cannot encode them), so their test cases are left out.
 * What is left is libunibreak's own distance from Unicode 15.0: Debian 12
 * ships libunibreak 1.1, which implements an older UAX #14 (no rules for
 * emoji modifiers and ZWJ, older rules for combining marks after spaces and
 * for numbers). That count is held at most at what it is now. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <linebreak.h>

#include "render/pdf/pdf_break.h"
#include "render/pdf/pdf_layout.h"
#include "utf8.h"
#include "util.h"

#define LINEBREAK_TEST "/usr/share/unicode/auxiliary/LineBreakTest.txt"

/* libunibreak 1.1 against Unicode 15.0, measured: the most cases the
 * breaker may still disagree on beyond the overrides above. */
#define LIBUNIBREAK_GAP 431

static bool
clreq_override(const uint32_t *cps, size_t n, size_t i)
{
	return i + 1 < n && (pdf_break_no_start(cps[i + 1]) || pdf_break_no_end(cps[i]) ||
	                     (cps[i] == cps[i + 1] && (cps[i] == 0x2014 || cps[i] == 0x2026)));
}

static void
test_linebreaktest(void **state)
{
	(void)state;
	FILE *f = fopen(LINEBREAK_TEST, "r");
	if (f == NULL)
		fail_msg("%s is missing: install unicode-data", LINEBREAK_TEST);
	char line[8192];
	int total = 0, agree = 0, over_clreq = 0, over_zh = 0, above = 0, gap = 0;
	while (fgets(line, sizeof(line), f)) {
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		uint32_t cps[512];
		int expect[512];
		size_t n = 0;
		bool big = false;
		for (char *p = line; *p && n < 512;) {
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				p++;
			} else if (strncmp(p, "\xC3\xB7", 2) == 0) { /* ÷ */
				if (n)
					expect[n - 1] = 1;
				p += 2;
			} else if (strncmp(p, "\xC3\x97", 2) == 0) { /* × */
				if (n)
					expect[n - 1] = 0;
				p += 2;
			} else {
				char *end;
				cps[n] = (uint32_t)strtoul(p, &end, 16);
				if (end == p)
					break;
				big |= cps[n] > 0xFFFF;
				n++;
				p = end;
			}
		}
		if (n == 0)
			continue;
		total++;
		if (big) {
			above++;
			continue;
		}
		char ours[512], plain[512], zh[512];
		pdf_break_opportunities(cps, n, ours);
		set_linebreaks_utf32(cps, n, "", plain);
		set_linebreaks_utf32(cps, n, "zh", zh);
		bool same = true, clreq = false, tailored = false;
		for (size_t i = 0; i + 1 < n; i++) {
			int got = ours[i] != PDF_BREAK_NO;
			if (got == expect[i])
				continue;
			same = false;
			if (clreq_override(cps, n, i))
				clreq = true;
			else if ((plain[i] == LINEBREAK_NOBREAK) != (zh[i] == LINEBREAK_NOBREAK))
				tailored = true;
		}
		if (same)
			agree++;
		else if (clreq)
			over_clreq++;
		else if (tailored)
			over_zh++;
		else
			gap++;
	}
	fclose(f);
	print_message("LineBreakTest.txt: %d cases; %d agree; clreq overrides %d; zh tailoring %d; above U+FFFF %d; "
	              "libunibreak 1.1 differs %d\n",
	              total, agree, over_clreq, over_zh, above, gap);
	assert_true(total > 7000);
	assert_true(agree > 6000);
	assert_true(gap <= LIBUNIBREAK_GAP);
}

/* Breaks text at a width in ems with the fixed metric of pdf_break_text and
 * returns the lines joined by '|'. Also checks no line is wider than the
 * width by more than what compression gives. */
static char *
lines_of(const char *text, double width)
{
	struct pdf_lines l = {0};
	uint32_t *cps = NULL;
	size_t n = 0;
	pdf_break_text(text, strlen(text), width, &l, &cps, &n);
	struct buf b = {0};
	buf_puts(&b, "");
	for (size_t i = 0; i < l.n; i++) {
		if (i)
			buf_putc(&b, '|');
		for (size_t k = l.v[i].from; k < l.v[i].to; k++) {
			char u[4];
			buf_add(&b, u, utf8_encode(cps[k], u));
		}
		size_t count = l.v[i].to - l.v[i].from;
		double drawn = l.v[i].natural + (count > 1 ? l.v[i].spacing * (double)(count - 1) : 0);
		if (!l.v[i].last || l.v[i].spacing < 0)
			assert_true(drawn <= width + 1e-6);
	}
	free(cps);
	pdf_lines_free(&l);
	return buf_steal(&b);
}

static void
expect_lines(const char *text, double width, const char *want)
{
	char *got = lines_of(text, width);
	if (strcmp(got, want) != 0)
		print_error("'%s' at %g em:\n  got  %s\n  want %s\n", text, width, got, want);
	assert_string_equal(got, want);
	free(got);
}

/* clreq 3.1.7: no line starts with these, none ends with those. */
static void
test_line_start_and_end(void **state)
{
	(void)state;
	/* 。 does not start a line: the line's ， and 。 give up their half-em
	 * blanks and it stays at the line's end */
	expect_lines("一，二三四。五", 5, "一，二三四。|五");
	/* with nothing else to compress, a character goes down with it */
	expect_lines("一二三四五。六七", 5, "一二三四|五。六七");
	/* 》 and ” and ） and 、 */
	expect_lines("一二三四《五》", 5, "一二三四|《五》");
	expect_lines("甲乙丙丁“戊”", 5, "甲乙丙丁|“戊”");
	expect_lines("一二三四五）六", 5, "一二三四|五）六");
	expect_lines("一二三四五、六", 5, "一二三四|五、六");
	/* · and ～ never start a line */
	expect_lines("一二三四五·六", 5, "一二三四|五·六");
	expect_lines("一二三四五～六", 5, "一二三四|五～六");
	/* （ 《 “ never end one */
	expect_lines("一二三四（五）", 5, "一二三四|（五）");
	expect_lines("一二三四“五”", 5, "一二三四|“五”");
}

/* —— and …… are never split, nor start a line (……). */
static void
test_dash_and_ellipsis(void **state)
{
	(void)state;
	expect_lines("一二——三", 3, "一二|——三");
	/* …… may not start a line either, nor be compressed */
	expect_lines("一二三……四五", 4, "一二|三……四|五");
	expect_lines("一二三四……", 5, "一二三|四……");
}

/* Latin words and numbers stay whole unless longer than the line. */
static void
test_latin(void **state)
{
	(void)state;
	expect_lines("质量ISO9001认证", 5, "质量|ISO9001认|证");
	expect_lines("比例为99.3%，提高", 5, "比例为|99.3%，提|高");
	/* longer than a line: broken where the line is full */
	expect_lines("串：xxxxxxxxxxxxxxxxxxxx", 5, "串：xxxxxx|xxxxxxxxxx|xxxx");
	/* a space at a line's end is not counted */
	expect_lines("abc def ghi", 4, "abc def|ghi");
	expect_lines("abc def ghi", 3, "abc|def|ghi");
}

/* Lines are justified to the width by spreading, except the last. */
static void
test_justify(void **state)
{
	(void)state;
	struct pdf_lines l = {0};
	uint32_t *cps = NULL;
	size_t n = 0;
	const char *t = "质量ISO认证体系";
	pdf_break_text(t, strlen(t), 6, &l, &cps, &n);
	assert_int_equal(l.n, 2);
	assert_false(l.v[0].last);
	double drawn = l.v[0].natural + l.v[0].spacing * (double)(l.v[0].to - l.v[0].from - 1);
	assert_true(drawn > 6 - 1e-6 && drawn < 6 + 1e-6);
	assert_true(l.v[1].last);
	assert_true(l.v[1].spacing == 0);
	free(cps);
	pdf_lines_free(&l);
}

/* Hostile input: nothing but long runs, controls, invalid UTF-8, and a width
 * narrower than a character. Every character is on exactly one line. */
static void
test_hostile(void **state)
{
	(void)state;
	const char *texts[] = {"", "\n\n\n", "\xFF\xFE\x80", "，，，，，，，，，，，，，", "（（（（（（（（", "——————————————",
	                       "a b c d e f g", "\xF0\x9F\x87\xA6\xF0\x9F\x87\xA6#\xF0\x9F\x87\xA6"};
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
		for (double w = 0.2; w < 8; w += 0.9) {
			struct pdf_lines l = {0};
			uint32_t *cps = NULL;
			size_t n = 0;
			pdf_break_text(texts[k], strlen(texts[k]), w, &l, &cps, &n);
			size_t at = 0;
			for (size_t i = 0; i < l.n; i++) {
				assert_true(l.v[i].from >= at);
				assert_true(l.v[i].to <= n);
				at = l.v[i].to;
			}
			free(cps);
			pdf_lines_free(&l);
		}
}

/* ---- pages ---- */

static void
test_paginate_widows_and_orphans(void **state)
{
	(void)state;
	/* 10 lines of 10 points on pages of 45: a paragraph of 4 lines after 3
	 * single ones would leave its first line alone at the foot of page 1 */
	struct pdf_vbox v[7] = {0};
	for (int i = 0; i < 7; i++)
		v[i].height = 10;
	/* lines 3..6 are a paragraph: no break after its first nor before its last */
	v[3].flags = PDF_V_KEEP;
	v[5].flags = PDF_V_KEEP;
	size_t pages = pdf_paginate(v, 7, 45, 5, 1);
	assert_int_equal(pages, 2);
	assert_int_equal(v[2].page, 0);
	assert_int_equal(v[3].page, 1);
	assert_int_equal(v[4].page, 1);
	assert_true(v[3].y == 0);
}

static void
test_paginate_odd_and_footnotes(void **state)
{
	(void)state;
	struct pdf_vbox v[5] = {0};
	for (int i = 0; i < 5; i++)
		v[i].height = 10;
	v[1].flags = PDF_V_ODD; /* page 2 would be even: page 3 */
	v[2].space_before = 5;
	v[3].foot = 20;         /* with the rule of 5: 10+5+10+10+25 > 50 */
	size_t pages = pdf_paginate(v, 5, 50, 5, 1);
	assert_int_equal(v[0].page, 0);
	assert_int_equal(v[1].page, 2);
	assert_int_equal(v[2].page, 2);
	assert_true(v[2].y == 15);
	assert_int_equal(v[3].page, 3);
	assert_int_equal(pages, 4);
}

static void
test_paginate_repeated_head(void **state)
{
	(void)state;
	/* a header row of 8 kept with the rows after it, rows of 10 repeating it */
	struct pdf_vbox v[8] = {0};
	v[0].height = 8;
	v[0].flags = PDF_V_KEEP;
	for (int i = 1; i < 8; i++) {
		v[i].height = 10;
		v[i].head = 8;
	}
	pdf_paginate(v, 8, 40, 0, 1);
	assert_int_equal(v[3].page, 0);
	assert_int_equal(v[4].page, 1);
	assert_true(v[4].headed);
	assert_true(v[4].y == 8);
	assert_false(v[5].headed);
	/* a box taller than a page has a page of its own */
	struct pdf_vbox big[3] = {{.height = 10}, {.height = 100}, {.height = 10}};
	assert_int_equal(pdf_paginate(big, 3, 50, 0, 1), 3);
}

int
main(void)
{
	pdf_break_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_linebreaktest),
	    cmocka_unit_test(test_line_start_and_end),
	    cmocka_unit_test(test_dash_and_ellipsis),
	    cmocka_unit_test(test_latin),
	    cmocka_unit_test(test_justify),
	    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_paginate_widows_and_orphans),
	    cmocka_unit_test(test_paginate_odd_and_footnotes),
	    cmocka_unit_test(test_paginate_repeated_head),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
