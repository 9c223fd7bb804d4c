/* Unit tests for generator/calendar.h: working days, publicity periods across
 * holidays, adjusted working days and year boundaries, missing years.
 *
 * The official 2024–2026 data is copied here from content/calendar/YYYY.yaml
 * (State Council General Office notices) so that the units do not depend on
 * the content tree. Every expected period below was worked out by hand from
 * these tables; the reasoning is in the comment above each assertion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "calendar.h"
#include "date.h"

static const char *const holidays_2024[] = {
	"2024-01-01", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15",
	"2024-02-16", "2024-02-17", "2024-04-04", "2024-04-05", "2024-04-06", "2024-05-01", "2024-05-02",
	"2024-05-03", "2024-05-04", "2024-05-05", "2024-06-10", "2024-09-15", "2024-09-16", "2024-09-17",
	"2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07",
	NULL};
static const char *const workdays_2024[] = {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28",
                                            "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12", NULL};

static const char *const holidays_2025[] = {
	"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02",
	"2025-02-03", "2025-02-04", "2025-04-04", "2025-04-05", "2025-04-06", "2025-05-01", "2025-05-02",
	"2025-05-03", "2025-05-04", "2025-05-05", "2025-05-31", "2025-06-01", "2025-06-02", "2025-10-01",
	"2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08",
	NULL};
static const char *const workdays_2025[] = {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28",
                                            "2025-10-11", NULL};

static const char *const holidays_2026[] = {
	"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
	"2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23", "2026-04-04", "2026-04-05",
	"2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-06-19",
	"2026-06-20", "2026-06-21", "2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02",
	"2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07", NULL};
static const char *const workdays_2026[] = {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
                                            "2026-09-20", "2026-10-10", NULL};

static day_t
D(const char *iso)
{
	day_t d = DAY_NONE;
	assert_int_equal(date_parse(iso, &d), DATE_OK);
	return d;
}

static void
add_year(struct calendar *cal, int year, const char *const *holidays, const char *const *workdays)
{
	calendar_add_year(cal, year);
	for (size_t i = 0; holidays[i]; i++)
		calendar_set_holiday(cal, D(holidays[i]));
	for (size_t i = 0; workdays[i]; i++)
		calendar_set_workday(cal, D(workdays[i]));
}

/* A calendar with 2024, 2025 and 2026 (the years the tests need). */
static int
setup_full(void **state)
{
	struct calendar *cal = calloc(1, sizeof(*cal));
	if (cal == NULL)
		return -1;
	add_year(cal, 2024, holidays_2024, workdays_2024);
	add_year(cal, 2025, holidays_2025, workdays_2025);
	add_year(cal, 2026, holidays_2026, workdays_2026);
	*state = cal;
	return 0;
}

/* A calendar with 2025 only. */
static int
setup_2025(void **state)
{
	struct calendar *cal = calloc(1, sizeof(*cal));
	if (cal == NULL)
		return -1;
	add_year(cal, 2025, holidays_2025, workdays_2025);
	*state = cal;
	return 0;
}

static int
teardown(void **state)
{
	free(*state);
	return 0;
}

/* Asserts the period of n working days starting on `start`. */
static void
expect_period(const struct calendar *cal, const char *start, int n, const char *first, const char *last)
{
	day_t f = DAY_NONE, l = DAY_NONE;
	int missing = -12345;
	int rc = calendar_period(cal, D(start), n, &f, &l, &missing);
	char fs[11] = "", ls[11] = "";
	if (rc == 0) {
		date_format(f, fs);
		date_format(l, ls);
	}
	if (rc != 0 || strcmp(fs, first) != 0 || strcmp(ls, last) != 0)
		print_error("period from %s, %d days: rc=%d (missing %d) %s → %s; expected %s → %s\n", start, n,
		            rc, missing, fs, ls, first, last);
	assert_int_equal(rc, 0);
	assert_string_equal(fs, first);
	assert_string_equal(ls, last);
}

static void
expect_working(const struct calendar *cal, const char *iso, int expected)
{
	int missing = 0;
	int w = calendar_is_working(cal, D(iso), &missing);
	if (w != expected)
		print_error("%s: calendar_is_working = %d, expected %d\n", iso, w, expected);
	assert_int_equal(w, expected);
}

/* The days of the data tables are where they should be in the week: every
 * adjusted working day is a Saturday or Sunday. */
static void
test_tables_sane(void **state)
{
	(void)state;
	const char *const *w[] = {workdays_2024, workdays_2025, workdays_2026};
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; w[k][i]; i++)
			assert_true(date_weekday(D(w[k][i])) >= 5);
	assert_int_equal(date_weekday(D("2025-09-26")), 4); /* Friday */
	assert_int_equal(date_weekday(D("2025-09-28")), 6); /* Sunday */
	assert_int_equal(date_weekday(D("2025-10-11")), 5); /* Saturday */
	assert_int_equal(date_weekday(D("2026-01-04")), 6); /* Sunday */
}

static void
test_has_year(void **state)
{
	const struct calendar *cal = *state;
	assert_true(calendar_has_year(cal, 2024));
	assert_true(calendar_has_year(cal, 2025));
	assert_true(calendar_has_year(cal, 2026));
	assert_false(calendar_has_year(cal, 2023));
	assert_false(calendar_has_year(cal, 2027));
	assert_false(calendar_has_year(cal, 1899));
	assert_false(calendar_has_year(cal, 2200));
	assert_false(calendar_has_year(cal, -5));
}

static void
test_is_working(void **state)
{
	const struct calendar *cal = *state;
	expect_working(cal, "2025-10-11", 1); /* Saturday, 调休上班 */
	expect_working(cal, "2025-09-28", 1); /* Sunday, 调休上班 */
	expect_working(cal, "2026-01-04", 1); /* Sunday, 元旦 调休上班 */
	expect_working(cal, "2025-10-12", 0); /* plain Sunday */
	expect_working(cal, "2025-10-18", 0); /* plain Saturday */
	expect_working(cal, "2025-10-01", 0); /* Wednesday, 国庆节 */
	expect_working(cal, "2025-10-08", 0); /* Wednesday, 国庆节、中秋节 */
	expect_working(cal, "2025-10-09", 1); /* Thursday after the holiday */
	expect_working(cal, "2025-09-26", 1); /* plain Friday */
	expect_working(cal, "2026-01-02", 0); /* Friday, 元旦 */
	expect_working(cal, "2026-01-03", 0); /* Saturday inside 元旦 */
	expect_working(cal, "2026-02-23", 0); /* Monday, 春节 */
	expect_working(cal, "2026-02-14", 1); /* Saturday, 春节 调休上班 */
	expect_working(cal, "2024-10-12", 1); /* Saturday, 国庆节 调休上班 */
	expect_working(cal, "2024-06-10", 0); /* Monday, 端午节 */
}

static void
test_is_working_missing_year(void **state)
{
	const struct calendar *cal = *state;
	int missing = 0;
	assert_int_equal(calendar_is_working(cal, D("2027-03-03"), &missing), -1);
	assert_int_equal(missing, 2027);
	missing = 0;
	assert_int_equal(calendar_is_working(cal, D("2023-12-29"), &missing), -1);
	assert_int_equal(missing, 2023);
	/* A NULL missing_year is allowed. */
	assert_int_equal(calendar_is_working(cal, D("2023-12-29"), NULL), -1);
}

/* 国庆节、中秋节 2025: off 10-01 … 10-08, working Sun 09-28 and Sat 10-11.
 *   09-26 Fri 1, 09-27 Sat off, 09-28 Sun 2, 09-29 Mon 3, 09-30 Tue 4,
 *   10-01 … 10-08 off, 10-09 Thu 5, 10-10 Fri 6, 10-11 Sat 7, 10-12 Sun off,
 *   10-13 Mon 8, 10-14 Tue 9, 10-15 Wed 10. */
static void
test_national_day_2025(void **state)
{
	const struct calendar *cal = *state;
	expect_period(cal, "2025-09-26", 10, "2025-09-26", "2025-10-15");
	/* Starting on Saturday 09-27: first is Sunday 09-28 (adjusted), then 10
	 * days end one working day later, on Thursday 10-16. */
	expect_period(cal, "2025-09-27", 10, "2025-09-28", "2025-10-16");
	/* Starting on the holiday: the period starts on Thursday 10-09;
	 * 10-09, 10-10, 10-11 (Sat), 10-13 … 10-17, 10-20, 10-21 → 10 days. */
	expect_period(cal, "2025-10-01", 10, "2025-10-09", "2025-10-21");
	/* Five days from Tuesday 09-30: 09-30, then 10-09, 10-10, 10-11, 10-13. */
	expect_period(cal, "2025-09-30", 5, "2025-09-30", "2025-10-13");
}

/* 国庆节 2024: off 10-01 … 10-07, working Sun 09-29 and Sat 10-12.
 *   09-25 Wed 1, 09-26 Thu 2, 09-27 Fri 3, 09-28 Sat off, 09-29 Sun 4,
 *   09-30 Mon 5, 10-01 … 10-07 off, 10-08 Tue 6, 10-09 7, 10-10 8, 10-11 Fri 9,
 *   10-12 Sat 10. */
static void
test_national_day_2024(void **state)
{
	const struct calendar *cal = *state;
	expect_period(cal, "2024-09-25", 10, "2024-09-25", "2024-10-12");
	/* One day more: Sunday 10-13 is off, so Monday 10-14. */
	expect_period(cal, "2024-09-25", 11, "2024-09-25", "2024-10-14");
}

/* 国庆节 2026: off 中秋 09-25 … 09-27 and 10-01 … 10-07, working Sun 09-20
 * and Sat 10-10.
 *   09-18 Fri 1, 09-19 Sat off, 09-20 Sun 2, 09-21 … 09-24 3-6, 09-25 Fri off,
 *   09-26/27 off, 09-28 Mon 7, 09-29 8, 09-30 9, 10-01 … 10-07 off, 10-08 Thu 10.
 * From 10-01: 10-08 Thu 1, 10-09 Fri 2, 10-10 Sat 3, 10-12 … 10-16 4-8,
 *   10-19 9, 10-20 10. */
static void
test_national_day_2026(void **state)
{
	const struct calendar *cal = *state;
	expect_period(cal, "2026-09-18", 10, "2026-09-18", "2026-10-08");
	expect_period(cal, "2026-10-01", 10, "2026-10-08", "2026-10-20");
}

/* 春节 2025: off 01-28 … 02-04, working Sun 01-26 and Sat 02-08.
 *   01-20 Mon … 01-24 Fri 1-5, 01-25 Sat off, 01-26 Sun 6, 01-27 Mon 7,
 *   01-28 … 02-04 off, 02-05 Wed 8, 02-06 9, 02-07 Fri 10.
 * From 01-24: 01-24 1, 01-26 2, 01-27 3, 02-05 4, 02-06 5, 02-07 6,
 *   02-08 Sat 7, 02-09 Sun off, 02-10 Mon 8, 02-11 9, 02-12 Wed 10. */
static void
test_spring_festival_2025(void **state)
{
	const struct calendar *cal = *state;
	expect_period(cal, "2025-01-20", 10, "2025-01-20", "2025-02-07");
	expect_period(cal, "2025-01-24", 10, "2025-01-24", "2025-02-12");
	/* Saturday 01-25 is a rest day: the period starts on Sunday 01-26. */
	expect_period(cal, "2025-01-25", 3, "2025-01-26", "2025-02-05");
	int missing = 0;
	/* 01-25 … 02-09: 01-26, 01-27, 02-05, 02-06, 02-07, 02-08 → 6. */
	assert_int_equal(calendar_count(cal, D("2025-01-25"), D("2025-02-09"), &missing), 6);
}

/* 春节 2026: off 02-15 … 02-23, working Sat 02-14 and Sat 02-28.
 *   02-10 Tue 1, 02-11 2, 02-12 3, 02-13 Fri 4, 02-14 Sat 5,
 *   02-15 … 02-23 off, 02-24 Tue 6, 02-25 7, 02-26 8, 02-27 Fri 9, 02-28 Sat 10.
 * From 02-15 (a holiday, Sunday): 02-24 1, … 02-28 5, 03-01 Sun off,
 *   03-02 Mon 6, … 03-06 Fri 10. */
static void
test_spring_festival_2026(void **state)
{
	const struct calendar *cal = *state;
	expect_period(cal, "2026-02-10", 10, "2026-02-10", "2026-02-28");
	expect_period(cal, "2026-02-15", 10, "2026-02-24", "2026-03-06");
	expect_period(cal, "2026-02-14", 1, "2026-02-14", "2026-02-14");
}

/* 元旦 2026 across the year boundary: off 2026-01-01 … 01-03, working Sun 01-04.
 *   2025-12-24 Wed 1, 12-25 2, 12-26 Fri 3, 12-27/28 off, 12-29 Mon 4,
 *   12-30 5, 12-31 Wed 6, 2026-01-01 … 01-03 off, 01-04 Sun 7, 01-05 Mon 8,
 *   01-06 9, 01-07 Wed 10. */
static void
test_new_year_2026(void **state)
{
	const struct calendar *cal = *state;
	expect_period(cal, "2025-12-24", 10, "2025-12-24", "2026-01-07");
	/* Starting on the holiday itself: Sunday 01-04 is the first day. */
	expect_period(cal, "2026-01-01", 2, "2026-01-04", "2026-01-05");
	/* 元旦 2025 (Wednesday 2025-01-01 off, no adjusted day): from 2024-12-30
	 * Mon: 12-30 1, 12-31 2, 01-02 Thu 3, 01-03 Fri 4, 01-06 Mon 5. */
	expect_period(cal, "2024-12-30", 5, "2024-12-30", "2025-01-06");
}

/* A period that starts on a weekend or a holiday starts on the next working
 * day. */
static void
test_start_on_rest_day(void **state)
{
	const struct calendar *cal = *state;
	/* Saturday 2025-11-22 → Monday 11-24; ten days end on Friday 12-05. */
	expect_period(cal, "2025-11-22", 10, "2025-11-24", "2025-12-05");
	/* Sunday 2025-11-23 → the same period. */
	expect_period(cal, "2025-11-23", 10, "2025-11-24", "2025-12-05");
	/* Saturday 2025-10-04 inside the holiday → Thursday 10-09. */
	expect_period(cal, "2025-10-04", 1, "2025-10-09", "2025-10-09");
	/* 清明节 2026 (off Sat 04-04 … Mon 04-06) → Tuesday 04-07. */
	expect_period(cal, "2026-04-04", 1, "2026-04-07", "2026-04-07");
}

static void
test_one_day(void **state)
{
	const struct calendar *cal = *state;
	expect_period(cal, "2025-09-26", 1, "2025-09-26", "2025-09-26");
	/* An adjusted working Sunday is a period of its own. */
	expect_period(cal, "2025-09-28", 1, "2025-09-28", "2025-09-28");
	/* Saturday 2025-10-11 (adjusted). */
	expect_period(cal, "2025-10-11", 1, "2025-10-11", "2025-10-11");
	/* A Wednesday with nothing special. */
	expect_period(cal, "2025-11-19", 1, "2025-11-19", "2025-11-19");
}

static void
test_missing_year(void **state)
{
	const struct calendar *cal = *state;
	day_t f = DAY_NONE, l = DAY_NONE;
	int missing = 0;
	/* No 2027 at all. */
	assert_int_equal(calendar_period(cal, D("2027-03-01"), 10, &f, &l, &missing), -1);
	assert_int_equal(missing, 2027);
	/* Runs out of 2026 into 2027: late December 2026 has only a few working
	 * days left. */
	missing = 0;
	assert_int_equal(calendar_period(cal, D("2026-12-24"), 10, &f, &l, &missing), -1);
	assert_int_equal(missing, 2027);
	/* 2023 is not loaded. */
	missing = 0;
	assert_int_equal(calendar_period(cal, D("2023-12-25"), 10, &f, &l, &missing), -1);
	assert_int_equal(missing, 2023);
	/* But a period that ends on 2026-12-31 needs no 2027: from Thursday
	 * 12-24: 12-24, 12-25, 12-28 … 12-31 → 6 working days. */
	expect_period(cal, "2026-12-24", 6, "2026-12-24", "2026-12-31");
}

/* With only 2025 loaded, a period across New Year names 2026. */
static void
test_missing_next_year(void **state)
{
	const struct calendar *cal = *state;
	day_t f = DAY_NONE, l = DAY_NONE;
	int missing = 0;
	assert_int_equal(calendar_period(cal, D("2025-12-24"), 10, &f, &l, &missing), -1);
	assert_int_equal(missing, 2026);
	/* National Day 2025 still works with 2025 alone. */
	expect_period(cal, "2025-09-26", 10, "2025-09-26", "2025-10-15");
	missing = 0;
	assert_int_equal(calendar_count(cal, D("2025-12-29"), D("2026-01-05"), &missing), -1);
	assert_int_equal(missing, 2026);
	missing = 0;
	assert_int_equal(calendar_count(cal, D("2024-12-30"), D("2025-01-03"), &missing), -1);
	assert_int_equal(missing, 2024);
}

static void
test_count(void **state)
{
	const struct calendar *cal = *state;
	int missing = 0;
	/* The period of test_national_day_2025 has, by definition, 10 days. */
	assert_int_equal(calendar_count(cal, D("2025-09-26"), D("2025-10-15"), &missing), 10);
	/* The holiday itself has none. */
	assert_int_equal(calendar_count(cal, D("2025-10-01"), D("2025-10-08"), &missing), 0);
	/* One day, inclusive at both ends. */
	assert_int_equal(calendar_count(cal, D("2025-10-11"), D("2025-10-11"), &missing), 1);
	assert_int_equal(calendar_count(cal, D("2025-10-12"), D("2025-10-12"), &missing), 0);
	/* to < from. */
	assert_int_equal(calendar_count(cal, D("2025-10-15"), D("2025-10-14"), &missing), 0);
	/* Across New Year: 2025-12-29 … 2026-01-07 = 12-29, 12-30, 12-31,
	 * 01-04, 01-05, 01-06, 01-07 → 7. */
	assert_int_equal(calendar_count(cal, D("2025-12-29"), D("2026-01-07"), &missing), 7);
	/* Whole years. 2025: 261 weekdays, minus 18 holidays on weekdays
	 * (01-01, 01-28 … 01-31, 02-03, 02-04, 04-04, 05-01, 05-02, 05-05, 06-02,
	 * 10-01 … 10-03, 10-06 … 10-08), plus 5 adjusted days = 248. */
	assert_int_equal(calendar_count(cal, D("2025-01-01"), D("2025-12-31"), &missing), 248);
	/* 2026: 261 weekdays, minus 01-01, 01-02, 02-16 … 02-20, 02-23, 04-06,
	 * 05-01, 05-04, 05-05, 06-19, 09-25, 10-01, 10-02, 10-05, 10-06, 10-07
	 * (19) plus 6 adjusted days = 248. */
	assert_int_equal(calendar_count(cal, D("2026-01-01"), D("2026-12-31"), &missing), 248);
	/* The count agrees with the period for every start in 2025 (n = 10). */
	for (day_t d = D("2025-01-01"); d <= D("2025-12-10"); d++) {
		day_t f, l;
		missing = 0;
		assert_int_equal(calendar_period(cal, d, 10, &f, &l, &missing), 0);
		assert_true(f >= d);
		assert_int_equal(calendar_is_working(cal, f, &missing), 1);
		assert_int_equal(calendar_is_working(cal, l, &missing), 1);
		assert_int_equal(calendar_count(cal, d, l, &missing), 10);
		assert_int_equal(calendar_count(cal, d, f, &missing), 1);
	}
}

/* Setting a day of a year that was not added changes nothing. */
static void
test_set_outside(void **state)
{
	struct calendar *cal = *state;
	calendar_set_holiday(cal, D("2027-01-04"));
	calendar_set_workday(cal, D("2027-01-09"));
	int missing = 0;
	assert_int_equal(calendar_is_working(cal, D("2027-01-04"), &missing), -1);
	assert_int_equal(missing, 2027);
	/* An out-of-range day is ignored without a crash. */
	calendar_set_holiday(cal, date_from_ymd(1850, 1, 1));
	calendar_set_workday(cal, date_from_ymd(2300, 1, 1));
	calendar_add_year(cal, 1850);
	assert_false(calendar_has_year(cal, 1850));
	missing = 0;
	assert_int_equal(calendar_is_working(cal, date_from_ymd(2300, 1, 2), &missing), -1);
	assert_int_equal(missing, 2300);
	/* The last day of a leap year has an index (day 365). */
	calendar_add_year(cal, 2028);
	calendar_set_holiday(cal, D("2028-12-29"));
	assert_int_equal(calendar_is_working(cal, D("2028-12-29"), &missing), 0);
	calendar_set_workday(cal, D("2028-12-31"));
	assert_int_equal(calendar_is_working(cal, D("2028-12-31"), &missing), 1);
	assert_int_equal(calendar_is_working(cal, D("2028-12-30"), &missing), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_sane),
		cmocka_unit_test_setup_teardown(test_has_year, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_is_working, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_is_working_missing_year, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_national_day_2025, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_national_day_2024, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_national_day_2026, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_spring_festival_2025, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_spring_festival_2026, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_new_year_2026, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_start_on_rest_day, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_one_day, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_missing_year, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_missing_next_year, setup_2025, teardown),
		cmocka_unit_test_setup_teardown(test_count, setup_full, teardown),
		cmocka_unit_test_setup_teardown(test_set_outside, setup_full, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
