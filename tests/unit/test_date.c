/* Unit tests for generator/date.h: parsing, weekdays, day numbers and the
 * Chinese date formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "util.h"

static void
expect_parse(const char *s, enum date_status want)
{
	day_t d = DAY_NONE;
	enum date_status st = date_parse(s, &d);
	if (st != want)
		print_error("date_parse(\"%s\") = %d, expected %d\n", s, (int)st, (int)want);
	assert_int_equal(st, want);
	if (want == DATE_OK) {
		char back[11];
		date_format(d, back);
		assert_string_equal(back, s);
	}
}

static void
test_parse_ok(void **state)
{
	(void)state;
	expect_parse("2025-01-05", DATE_OK);
	expect_parse("2025-09-26", DATE_OK);
	expect_parse("2024-02-29", DATE_OK); /* leap year */
	expect_parse("2000-02-29", DATE_OK); /* divisible by 400 */
	expect_parse("2025-12-31", DATE_OK);
	expect_parse("1900-01-01", DATE_OK);
	expect_parse("2199-12-31", DATE_OK);
	expect_parse("2025-04-30", DATE_OK);
	day_t d = 0;
	assert_int_equal(date_parse("1970-01-01", &d), DATE_OK);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("2025-09-26", &d), DATE_OK);
	assert_int_equal(d, 20357);
	assert_int_equal(date_parse("1900-01-01", &d), DATE_OK);
	assert_int_equal(d, -25567);
}

static void
test_parse_impossible(void **state)
{
	(void)state;
	expect_parse("2025-02-30", DATE_IMPOSSIBLE);
	expect_parse("2025-02-29", DATE_IMPOSSIBLE);
	expect_parse("2023-02-29", DATE_IMPOSSIBLE);
	expect_parse("1900-02-29", DATE_IMPOSSIBLE); /* divisible by 100, not 400 */
	expect_parse("2100-02-29", DATE_IMPOSSIBLE);
	expect_parse("2025-13-01", DATE_IMPOSSIBLE);
	expect_parse("2025-00-10", DATE_IMPOSSIBLE);
	expect_parse("2025-01-00", DATE_IMPOSSIBLE);
	expect_parse("2025-04-31", DATE_IMPOSSIBLE);
	expect_parse("2025-01-32", DATE_IMPOSSIBLE);
	expect_parse("2025-99-99", DATE_IMPOSSIBLE);
	/* Outside the supported years. */
	expect_parse("1899-12-31", DATE_IMPOSSIBLE);
	expect_parse("2200-01-01", DATE_IMPOSSIBLE);
	expect_parse("0000-01-01", DATE_IMPOSSIBLE);
}

static void
test_parse_malformed(void **state)
{
	(void)state;
	expect_parse("2025-1-5", DATE_MALFORMED);
	expect_parse("2025-01-5", DATE_MALFORMED);
	expect_parse(" 2025-01-05", DATE_MALFORMED);
	expect_parse("2025-01-05 ", DATE_MALFORMED);
	expect_parse("2025/01/05", DATE_MALFORMED);
	expect_parse("2025.01.05", DATE_MALFORMED);
	expect_parse("20250105", DATE_MALFORMED);
	expect_parse("", DATE_MALFORMED);
	expect_parse("2025-01-05T00:00:00", DATE_MALFORMED);
	expect_parse("25-01-05", DATE_MALFORMED);
	expect_parse("2025-0a-05", DATE_MALFORMED);
	expect_parse("+025-01-05", DATE_MALFORMED);
	expect_parse("2025-+1-05", DATE_MALFORMED);
	expect_parse("2025- 1-05", DATE_MALFORMED);
	expect_parse("2025年1月5日", DATE_MALFORMED);
	expect_parse("２０２５-01-05", DATE_MALFORMED); /* full-width digits */
	expect_parse("2025--01-05", DATE_MALFORMED);
	/* The output is untouched on failure. */
	day_t d = 42;
	assert_int_equal(date_parse("2025/01/05", &d), DATE_MALFORMED);
	assert_int_equal(d, 42);
	assert_int_equal(date_parse("2025-02-30", &d), DATE_IMPOSSIBLE);
	assert_int_equal(d, 42);
}

static void
test_leap(void **state)
{
	(void)state;
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	assert_false(date_is_leap(2100));
	assert_false(date_is_leap(2025));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2025, 2), 28);
	assert_int_equal(date_days_in_month(2025, 4), 30);
	assert_int_equal(date_days_in_month(2025, 12), 31);
	assert_int_equal(date_days_in_month(2025, 0), 0);
	assert_int_equal(date_days_in_month(2025, 13), 0);
}

static int
weekday_of(const char *iso)
{
	day_t d;
	assert_int_equal(date_parse(iso, &d), DATE_OK);
	return date_weekday(d);
}

static void
test_weekday(void **state)
{
	(void)state;
	/* 0 = Monday … 6 = Sunday. */
	assert_int_equal(weekday_of("1970-01-01"), 3); /* Thursday */
	assert_int_equal(weekday_of("1969-12-31"), 2); /* Wednesday (day -1) */
	assert_int_equal(weekday_of("1900-01-01"), 0); /* Monday */
	assert_int_equal(weekday_of("2000-01-01"), 5); /* Saturday */
	assert_int_equal(weekday_of("2024-02-29"), 3); /* Thursday */
	assert_int_equal(weekday_of("2025-09-26"), 4); /* Friday */
	assert_int_equal(weekday_of("2025-09-28"), 6); /* Sunday (调休上班) */
	assert_int_equal(weekday_of("2025-10-11"), 5); /* Saturday (调休上班) */
	assert_int_equal(weekday_of("2025-01-01"), 2); /* Wednesday */
	assert_int_equal(weekday_of("2026-01-01"), 3); /* Thursday */
	assert_int_equal(weekday_of("2026-01-04"), 6); /* Sunday */
	assert_int_equal(weekday_of("2199-12-31"), 1); /* Tuesday */
	/* Consecutive days step through the week, also before 1970. */
	for (day_t d = -30000; d < 90000; d++)
		assert_int_equal(date_weekday(d + 1), (date_weekday(d) + 1) % 7);
}

/* Every day from 1900-01-01 to 2199-12-31 converts to y-m-d and back, in
 * order, with valid fields; a sample goes through text too. */
static void
test_round_trip(void **state)
{
	(void)state;
	day_t first = date_from_ymd(1900, 1, 1), last = date_from_ymd(2199, 12, 31);
	assert_int_equal(first, -25567);
	assert_int_equal(last, 84005);
	int py = 1899, pm = 12, pd = 31;
	for (day_t day = first; day <= last; day++) {
		int y, m, d;
		date_to_ymd(day, &y, &m, &d);
		/* The day after the previous one. */
		if (d == 1) {
			assert_int_equal(pd, date_days_in_month(py, pm));
			if (m == 1) {
				assert_int_equal(y, py + 1);
				assert_int_equal(pm, 12);
			} else {
				assert_int_equal(y, py);
				assert_int_equal(m, pm + 1);
			}
		} else {
			assert_int_equal(y, py);
			assert_int_equal(m, pm);
			assert_int_equal(d, pd + 1);
		}
		assert_int_equal(date_from_ymd(y, m, d), day);
		if (day % 97 == 0 || (m == 2 && d >= 28) || (m == 12 && d == 31)) {
			char s[11];
			date_format(day, s);
			day_t back = DAY_NONE;
			assert_int_equal(date_parse(s, &back), DATE_OK);
			assert_int_equal(back, day);
		}
		py = y, pm = m, pd = d;
	}
	assert_int_equal(py, 2199);
}

/* The numerals the default theme gives its PDFs (pdf.yaml, date:). */
static const char *const numerals[10] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

static void
expect_form(int y, int m, int d, const char *form, const char *want)
{
	struct buf out = {0};
	date_format_form(date_from_ymd(y, m, d), form, numerals, "十", &out);
	if (strcmp(out.p, want) != 0)
		print_error("%04d-%02d-%02d: \"%s\", expected \"%s\"\n", y, m, d, out.p, want);
	assert_string_equal(out.p, want);
	buf_free(&out);
}

static void
test_format_digits(void **state)
{
	(void)state;
	expect_form(2025, 9, 26, "{y}年{m}月{d}日", "2025年9月26日");
	expect_form(2025, 10, 15, "{y}年{m}月{d}日", "2025年10月15日");
	expect_form(2026, 1, 1, "{y}/{m}/{d}", "2026/1/1");
	/* Anything that is not a placeholder is copied, braces included. */
	expect_form(2024, 12, 31, "{x}{y}{", "{x}2024{");
	char iso[11];
	date_format(date_from_ymd(2026, 1, 4), iso);
	assert_string_equal(iso, "2026-01-04");
}

static void
test_format_numerals(void **state)
{
	(void)state;
	const char *f = "{Y}年{M}月{D}日";
	expect_form(2025, 11, 20, f, "二〇二五年十一月二十日");
	expect_form(2024, 10, 12, f, "二〇二四年十月十二日");
	expect_form(2026, 1, 1, f, "二〇二六年一月一日");
	expect_form(2025, 12, 31, f, "二〇二五年十二月三十一日");
	expect_form(2025, 9, 26, f, "二〇二五年九月二十六日");
	expect_form(2025, 10, 10, f, "二〇二五年十月十日");
	expect_form(2025, 2, 28, f, "二〇二五年二月二十八日");
	expect_form(2030, 3, 30, f, "二〇三〇年三月三十日");
	expect_form(2000, 1, 19, f, "二〇〇〇年一月十九日");
	expect_form(1999, 12, 21, f, "一九九九年十二月二十一日");
	expect_form(2199, 12, 28, f, "二一九九年十二月二十八日");
}

static void
test_from_unix(void **state)
{
	(void)state;
	assert_int_equal(date_from_unix(0), 0);
	assert_int_equal(date_from_unix(1), 0);
	assert_int_equal(date_from_unix(86399), 0);
	assert_int_equal(date_from_unix(86400), 1);
	/* Before 1970: the day rounds down, not towards zero. */
	assert_int_equal(date_from_unix(-1), -1);
	assert_int_equal(date_from_unix(-86399), -1);
	assert_int_equal(date_from_unix(-86400), -1);
	assert_int_equal(date_from_unix(-86401), -2);
	/* SOURCE_DATE_EPOCH of the test run: 2025-11-25 00:00:00 UTC. */
	char s[11];
	date_format(date_from_unix(1764028800), s);
	assert_string_equal(s, "2025-11-25");
	date_format(date_from_unix(1764028800 - 1), s);
	assert_string_equal(s, "2025-11-24");
	date_format(date_from_unix(1764028800 + 86399), s);
	assert_string_equal(s, "2025-11-25");
	/* 1969-07-20 20:17:40 UTC = -14182940. */
	date_format(date_from_unix(-14182940), s);
	assert_string_equal(s, "1969-07-20");
	/* 1900-01-01 00:00:00 UTC = -2208988800. */
	date_format(date_from_unix(-2208988800LL), s);
	assert_string_equal(s, "1900-01-01");
	date_format(date_from_unix(-2208988800LL - 1), s);
	assert_string_equal(s, "1899-12-31");
	/* Past 2038 (64-bit time). */
	date_format(date_from_unix(4102444800LL), s);
	assert_string_equal(s, "2100-01-01");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ok),     cmocka_unit_test(test_parse_impossible),
		cmocka_unit_test(test_parse_malformed), cmocka_unit_test(test_leap),
		cmocka_unit_test(test_weekday),      cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_format_digits),    cmocka_unit_test(test_format_numerals),
		cmocka_unit_test(test_from_unix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
