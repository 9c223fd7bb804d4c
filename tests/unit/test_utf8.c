/* Unit tests for generator/utf8.h: validation, decoding, encoding, positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

#define NONE ((size_t)-1)

/* utf8_find_invalid on a byte string of known length (may hold NULs). */
#define INVALID_AT(lit) utf8_find_invalid((lit), sizeof(lit) - 1)

static void
test_valid_mixed(void **state)
{
	(void)state;
	const char *s = "全国质量标杆 QB2025-034：青岛（山东省）, ok.\n第二行 ÄÖü ©";
	assert_int_equal(utf8_find_invalid(s, strlen(s)), NONE);
	assert_int_equal(utf8_find_invalid("", 0), NONE);
	assert_int_equal(INVALID_AT("plain ASCII\tand\r\nnewlines"), NONE);
	/* A NUL byte is valid UTF-8 (U+0000). */
	assert_int_equal(INVALID_AT("a\0b"), NONE);
	/* The boundaries of each length. */
	assert_int_equal(INVALID_AT("\x7F"), NONE);
	assert_int_equal(INVALID_AT("\xC2\x80"), NONE);         /* U+0080 */
	assert_int_equal(INVALID_AT("\xDF\xBF"), NONE);         /* U+07FF */
	assert_int_equal(INVALID_AT("\xE0\xA0\x80"), NONE);     /* U+0800 */
	assert_int_equal(INVALID_AT("\xED\x9F\xBF"), NONE);     /* U+D7FF */
	assert_int_equal(INVALID_AT("\xEE\x80\x80"), NONE);     /* U+E000 */
	assert_int_equal(INVALID_AT("\xEF\xBB\xBF"), NONE);     /* BOM U+FEFF */
	assert_int_equal(INVALID_AT("\xEF\xBF\xBF"), NONE);     /* U+FFFF */
	assert_int_equal(INVALID_AT("\xF0\x90\x80\x80"), NONE); /* U+10000 */
	assert_int_equal(INVALID_AT("\xF4\x8F\xBF\xBF"), NONE); /* U+10FFFF */
}

static void
test_decode(void **state)
{
	(void)state;
	uint32_t cp = 0;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2); /* é */
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("中文", 6, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(utf8_decode("〇", 3, &cp), 3);
	assert_int_equal(cp, 0x3007);
	/* 𠮷 U+20BB7, four bytes F0 A0 AE B7. */
	assert_int_equal(utf8_decode("\xF0\xA0\xAE\xB7", 4, &cp), 4);
	assert_int_equal(cp, 0x20BB7);
	assert_int_equal(utf8_decode("𠮷野家", strlen("𠮷野家"), &cp), 4);
	assert_int_equal(cp, 0x20BB7);
	/* n = 0 decodes nothing. */
	assert_int_equal(utf8_decode("A", 0, &cp), 0);
}

static void
test_four_byte(void **state)
{
	(void)state;
	const char *s = "吉野家与𠮷野家";
	assert_int_equal(utf8_find_invalid(s, strlen(s)), NONE);
	assert_int_equal(utf8_length(s, strlen(s)), 7);
	assert_int_equal(strlen(s), 6 * 3 + 4);
}

static void
test_overlong(void **state)
{
	(void)state;
	uint32_t cp;
	/* '/' as two, three and four bytes. */
	assert_int_equal(INVALID_AT("\xC0\xAF"), 0);
	assert_int_equal(INVALID_AT("\xC1\xBF"), 0);
	assert_int_equal(INVALID_AT("\xE0\x80\xAF"), 0);
	assert_int_equal(INVALID_AT("\xF0\x80\x80\xAF"), 0);
	/* NUL as two bytes (modified UTF-8). */
	assert_int_equal(INVALID_AT("ab\xC0\x80"), 2);
	/* U+07FF as three bytes, U+FFFF as four. */
	assert_int_equal(utf8_decode("\xE0\x9F\xBF", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xF0\x8F\xBF\xBF", 4, &cp), 0);
}

static void
test_surrogates(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* U+D800 */
	assert_int_equal(utf8_decode("\xED\xBF\xBF", 3, &cp), 0); /* U+DFFF */
	assert_int_equal(utf8_decode("\xED\xB0\x80", 3, &cp), 0); /* U+DC00 */
	assert_int_equal(INVALID_AT("质量\xED\xA0\x80"), 6);
	/* A CESU-8 pair for U+1F600. */
	assert_int_equal(INVALID_AT("\xED\xA0\xBD\xED\xB8\x80"), 0);
}

static void
test_above_max(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* U+110000 */
	assert_int_equal(utf8_decode("\xF5\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xF7\xBF\xBF\xBF", 4, &cp), 0);
	/* Old five- and six-byte forms, and bytes never used. */
	assert_int_equal(INVALID_AT("\xF8\x88\x80\x80\x80"), 0);
	assert_int_equal(INVALID_AT("\xFC\x84\x80\x80\x80\x80"), 0);
	assert_int_equal(INVALID_AT("x\xFE"), 1);
	assert_int_equal(INVALID_AT("xy\xFF"), 2);
}

static void
test_truncated(void **state)
{
	(void)state;
	uint32_t cp;
	/* 中 is E4 B8 AD. */
	assert_int_equal(INVALID_AT("\xE4\xB8"), 0);
	assert_int_equal(INVALID_AT("abc\xE4"), 3);
	assert_int_equal(utf8_decode("\xE4\xB8\xAD", 2, &cp), 0); /* n too small */
	/* Cut short by the next character. */
	assert_int_equal(INVALID_AT("\xE4\xB8" "A"), 0);
	assert_int_equal(INVALID_AT("\xF0\xA0\xAE" "A"), 0);
	assert_int_equal(INVALID_AT("全国\xF0\xA0\xAE"), 6);
	assert_int_equal(INVALID_AT("\xC3"), 0);
	/* A truncated sequence followed by a full one. */
	assert_int_equal(INVALID_AT("\xE4\xE4\xB8\xAD"), 0);
}

static void
test_lone_continuation(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("\x80", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xBF", 1, &cp), 0);
	assert_int_equal(INVALID_AT("ok\x80"), 2);
	/* One continuation byte too many after a valid character. */
	assert_int_equal(INVALID_AT("中\xAD"), 3);
	/* Latin-1 text that is not UTF-8: "café" as E9 alone. */
	assert_int_equal(INVALID_AT("caf\xE9"), 3);
	assert_int_equal(INVALID_AT("caf\xE9 au lait"), 3);
}

static void
test_line_col(void **state)
{
	(void)state;
	int line = 0, col = 0;
	const char *s = "year: 2025\n"
	                "title: 全国质量标杆\n"
	                "名称: 青岛海达 x\n";
	/* Offset of "x" on line 3: after "名称: 青岛海达 " = 2 + 2 + 4 + 1 = 9
	 * characters, so column 10. */
	const char *x = strchr(s, 'x');
	utf8_line_col(s, (size_t)(x - s), &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 10);
	/* The start. */
	utf8_line_col(s, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	/* The newline at the end of line 1 is column 11 of line 1. */
	utf8_line_col(s, 10, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 11);
	/* First character of line 2. */
	utf8_line_col(s, 11, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
	/* After "title: 全国" on line 2: 9 characters → column 10. */
	utf8_line_col(s, 11 + strlen("title: 全国"), &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 10);
	/* A four-byte character counts as one column. */
	const char *t = "a\n𠮷b";
	utf8_line_col(t, strlen("a\n𠮷"), &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	/* An invalid byte after Chinese text on line 3 (how the YAML reader
	 * reports bad bytes). */
	const char bad[] = "a: 1\nb: 2\nc: 质量\xFF\n";
	size_t off = utf8_find_invalid(bad, sizeof(bad) - 1);
	assert_int_equal(off, strlen("a: 1\nb: 2\nc: 质量"));
	utf8_line_col(bad, off, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 6);
}

static void
test_length(void **state)
{
	(void)state;
	assert_int_equal(utf8_length("", 0), 0);
	assert_int_equal(utf8_length("abc", 3), 3);
	assert_int_equal(utf8_length("全国质量标杆", strlen("全国质量标杆")), 6);
	assert_int_equal(utf8_length("QB2025-034号", strlen("QB2025-034号")), 11);
	assert_int_equal(utf8_length("é𠮷〇", strlen("é𠮷〇")), 3);
	/* Only the first n bytes count. */
	assert_int_equal(utf8_length("全国质量", 6), 2);
	/* Every prefix of a longer text (eight bytes at a time, then the
	 * rest), against counting byte by byte. */
	const char *t = "QB2025-034号：全国质量标杆é𠮷〇 quality ·× 案例库 (2025)";
	for (size_t n = 0; n <= strlen(t); n++) {
		size_t want = 0;
		for (size_t i = 0; i < n; i++)
			want += ((unsigned char)t[i] & 0xC0) != 0x80;
		assert_int_equal(utf8_length(t, n), want);
		assert_int_equal(utf8_length(t + n, strlen(t) - n), utf8_length(t, strlen(t)) - want);
	}
}

static void
test_encode(void **state)
{
	(void)state;
	char out[4];
	assert_int_equal(utf8_encode(0x41, out), 1);
	assert_memory_equal(out, "A", 1);
	assert_int_equal(utf8_encode(0xE9, out), 2);
	assert_memory_equal(out, "\xC3\xA9", 2);
	assert_int_equal(utf8_encode(0x4E2D, out), 3);
	assert_memory_equal(out, "中", 3);
	assert_int_equal(utf8_encode(0x20BB7, out), 4);
	assert_memory_equal(out, "𠮷", 4);
	assert_int_equal(utf8_encode(0x10FFFF, out), 4);
	assert_memory_equal(out, "\xF4\x8F\xBF\xBF", 4);
	/* Invalid code points. */
	assert_int_equal(utf8_encode(0xD800, out), 0);
	assert_int_equal(utf8_encode(0xDFFF, out), 0);
	assert_int_equal(utf8_encode(0x110000, out), 0);
	assert_int_equal(utf8_encode(0xFFFFFFFF, out), 0);
}

/* Every valid code point encodes and decodes to itself; every surrogate is
 * refused both ways. */
static void
test_round_trip(void **state)
{
	(void)state;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		char buf[4];
		size_t n = utf8_encode(cp, buf);
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			assert_int_equal(n, 0);
			continue;
		}
		size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (n != want)
			print_error("U+%04X: encoded in %zu bytes, expected %zu\n", (unsigned)cp, n, want);
		assert_int_equal(n, want);
		uint32_t back = 0xFFFFFFFF;
		assert_int_equal(utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cp);
		assert_int_equal(utf8_find_invalid(buf, n), NONE);
		assert_int_equal(utf8_length(buf, n), 1);
		/* Any proper prefix is a truncated sequence. */
		if (n > 1)
			assert_int_equal(utf8_decode(buf, n - 1, &back), 0);
	}
}

static void
test_unwanted(void **state)
{
	(void)state;
	/* Text keeps tabs, line feeds and every character. */
	assert_false(utf8_is_unwanted('\t'));
	assert_false(utf8_is_unwanted('\n'));
	assert_false(utf8_is_unwanted(' '));
	assert_false(utf8_is_unwanted(0xA0));
	assert_false(utf8_is_unwanted(0x8D28)); /* 质 */
	assert_false(utf8_is_unwanted(0xFFFD));
	assert_false(utf8_is_unwanted(0x10FFFD));
	/* Controls (C0 but tab and line feed, DEL, C1) and noncharacters. */
	assert_true(utf8_is_unwanted(0x1B));
	assert_true(utf8_is_unwanted(0x0B));
	assert_true(utf8_is_unwanted('\r'));
	assert_true(utf8_is_unwanted(0x7F));
	assert_true(utf8_is_unwanted(0x85));
	assert_true(utf8_is_unwanted(0xFDD0));
	assert_true(utf8_is_unwanted(0xFDEF));
	assert_true(utf8_is_unwanted(0xFFFE));
	assert_true(utf8_is_unwanted(0xFFFF));
	assert_true(utf8_is_unwanted(0x1FFFF));
	assert_true(utf8_is_unwanted(0x10FFFF));
}

/* Text that is drawn whatever it holds: an invalid byte is U+FFFD, one byte
 * long; a valid sequence decodes as utf8_decode() does. */
static void
test_decode_or_replace(void **state)
{
	(void)state;
	uint32_t cp = 0;
	assert_int_equal(utf8_decode_or_replace("\xE8\xB4\xA8", 3, &cp), 3);
	assert_int_equal(cp, 0x8D28);
	assert_int_equal(utf8_decode_or_replace("\xFF\x41", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode_or_replace("\xE8\xB4", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

/* What the exact checks say of s: valid, no NUL, no unwanted character. */
static bool
exactly_clean(const char *s, size_t n)
{
	uint32_t cp;
	return utf8_find_invalid(s, n) == NONE && memchr(s, '\0', n) == NULL && utf8_next_unwanted(s, n, 0, &cp) == NONE;
}

static void
test_is_clean(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
		bool clean;
	} cases[] = {
	    {"", 0, true},
	    {"plain\ttext\n", 11, true},
	    {"全国质量标杆（2025年）：经验、方法。", 52, true},
	    {"\xEF\xBC\x88", 3, true},          /* （ */
	    {"\xE0\xA0\x80", 3, true},          /* U+0800 */
	    {"\xE0\x9F\xBF", 3, false},         /* overlong */
	    {"\xED\x9F\xBF", 3, true},          /* U+D7FF */
	    {"\xED\xA0\x80", 3, false},         /* surrogate */
	    {"\xEF\xB7\x8F", 3, true},          /* U+FDCF */
	    {"\xEF\xB7\x90", 3, false},         /* U+FDD0 */
	    {"\xEF\xB7\xAF", 3, false},         /* U+FDEF */
	    {"\xEF\xB7\xB0", 3, true},          /* U+FDF0 */
	    {"\xEF\xBF\xBD", 3, true},          /* U+FFFD */
	    {"\xEF\xBF\xBE", 3, false},         /* U+FFFE */
	    {"\xEF\xBF\xBF", 3, false},         /* U+FFFF */
	    {"a\x7F", 2, false},                  /* DEL */
	    {"a\rb", 3, false},
	    {"a\0b", 3, false},
	    {"\xC2\x85", 2, false},              /* C1 control */
	    {"\xE4\xB8", 2, false},              /* truncated */
	    {"\xE4\xB8\x41", 3, false},
	    {"\x80", 1, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = utf8_is_clean(cases[i].s, cases[i].n);
		if (got != cases[i].clean)
			print_error("utf8_is_clean case %zu: %d\n", i, (int)got);
		assert_int_equal(got, cases[i].clean);
		if (got)
			assert_true(exactly_clean(cases[i].s, cases[i].n));
	}
	/* Random texts of the bytes that matter: whenever the quick pass says
	 * clean, the exact checks agree; for texts without four-byte
	 * sequences they agree both ways. */
	static const unsigned char bytes[] = {0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
	                                      0xAF, 0xB7, 0xBE, 0xBF, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4};
	unsigned seed = 12345;
	for (int t = 0; t < 200000; t++) {
		char buf[6];
		size_t n = 1 + (size_t)(t % 6);
		bool four = false;
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			buf[k] = (char)bytes[(seed >> 16) % sizeof(bytes)];
			four |= (unsigned char)buf[k] >= 0xF0;
		}
		bool quick = utf8_is_clean(buf, n), exact = exactly_clean(buf, n);
		if (quick)
			assert_true(exact);
		if (!four)
			assert_int_equal(quick, exact);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_mixed), cmocka_unit_test(test_decode),
		cmocka_unit_test(test_four_byte),   cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_surrogates),  cmocka_unit_test(test_above_max),
		cmocka_unit_test(test_truncated),   cmocka_unit_test(test_lone_continuation),
		cmocka_unit_test(test_line_col),    cmocka_unit_test(test_length),
		cmocka_unit_test(test_encode),      cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_unwanted),    cmocka_unit_test(test_is_clean),
		cmocka_unit_test(test_decode_or_replace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
