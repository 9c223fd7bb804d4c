/* Unit tests for generator/industry.h: the GB/T 4754-2017 table (20 sections
 * 门类 A–T, 97 divisions 大类 01–97) and code lookup. Expected values come
 * from ../shared/data/gbt4754-2017-divisions.yaml. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "industry.h"

/* Section ranges of the standard, independent of the module's table. */
static const struct {
	char code;
	int first, last;
} ranges[] = {
	{'A', 1, 5},   {'B', 6, 12},  {'C', 13, 43}, {'D', 44, 46}, {'E', 47, 50}, {'F', 51, 52}, {'G', 53, 60},
	{'H', 61, 62}, {'I', 63, 65}, {'J', 66, 69}, {'K', 70, 70}, {'L', 71, 72}, {'M', 73, 75}, {'N', 76, 79},
	{'O', 80, 82}, {'P', 83, 83}, {'Q', 84, 85}, {'R', 86, 90}, {'S', 91, 96}, {'T', 97, 97},
};

static char
expected_section(int division)
{
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (division >= ranges[i].first && division <= ranges[i].last)
			return ranges[i].code;
	return 0;
}

static void
test_counts(void **state)
{
	(void)state;
	assert_int_equal(industry_nsections, 20);
	assert_int_equal(industry_ndivisions, 97);
}

static void
test_sections(void **state)
{
	(void)state;
	for (size_t i = 0; i < industry_nsections; i++) {
		const struct industry_section *s = &industry_sections[i];
		assert_non_null(s->code);
		assert_int_equal(strlen(s->code), 1);
		assert_int_equal(s->code[0], ranges[i].code);
		assert_int_equal(s->first, ranges[i].first);
		assert_int_equal(s->last, ranges[i].last);
		assert_non_null(s->name);
		assert_true(strlen(s->name) > 0);
		/* Ranges are contiguous: each starts after the previous one. */
		if (i > 0)
			assert_int_equal(s->first, industry_sections[i - 1].last + 1);
	}
	assert_int_equal(industry_sections[0].first, 1);
	assert_int_equal(industry_sections[industry_nsections - 1].last, 97);
}

static void
test_divisions(void **state)
{
	(void)state;
	for (size_t i = 0; i < industry_ndivisions; i++) {
		const struct industry_division *d = &industry_divisions[i];
		/* 01 … 97, in order, every one present. */
		assert_int_equal(d->code, (int)i + 1);
		assert_non_null(d->name);
		assert_true(strlen(d->name) > 0);
		char want = expected_section(d->code);
		if (d->section != want)
			print_error("division %02d: section %c, expected %c\n", d->code, d->section, want);
		assert_int_equal(d->section, want);
		/* industry_section_of agrees, and the range holds the division. */
		const struct industry_section *s = industry_section_of(d);
		assert_non_null(s);
		assert_int_equal(s->code[0], want);
		assert_in_range(d->code, s->first, s->last);
		/* Every division can be looked up by its 2-digit code. */
		char code[3] = {(char)('0' + d->code / 10), (char)('0' + d->code % 10), 0};
		assert_ptr_equal(industry_lookup(code), d);
	}
}

static void
test_lookup(void **state)
{
	(void)state;
	const struct industry_division *d;

	d = industry_lookup("34");
	assert_non_null(d);
	assert_int_equal(d->code, 34);
	assert_string_equal(d->name, "通用设备制造业");
	assert_int_equal(d->section, 'C');

	/* A class (4 digits) is checked by its division. */
	d = industry_lookup("3451");
	assert_non_null(d);
	assert_int_equal(d->code, 34);

	/* A group (3 digits). */
	d = industry_lookup("581");
	assert_non_null(d);
	assert_int_equal(d->code, 58);
	assert_string_equal(d->name, "多式联运和运输代理业");
	assert_int_equal(d->section, 'G');

	d = industry_lookup("65");
	assert_non_null(d);
	assert_string_equal(d->name, "软件和信息技术服务业");
	d = industry_lookup("05");
	assert_non_null(d);
	assert_string_equal(d->name, "农、林、牧、渔专业及辅助性活动");
	d = industry_lookup("0111");
	assert_non_null(d);
	assert_int_equal(d->code, 1);
	d = industry_lookup("97");
	assert_non_null(d);
	assert_int_equal(d->section, 'T');
}

static void
test_lookup_none(void **state)
{
	(void)state;
	assert_null(industry_lookup("99"));   /* no such division */
	assert_null(industry_lookup("98"));
	assert_null(industry_lookup("00"));
	assert_null(industry_lookup("9901"));
	assert_null(industry_lookup("5"));    /* malformed: one digit */
	assert_null(industry_lookup("0a"));   /* malformed: not a digit */
	assert_null(industry_lookup(""));
	assert_null(industry_lookup("34511")); /* five digits */
	assert_null(industry_lookup(" 34"));
	assert_null(industry_lookup("34 "));
	assert_null(industry_lookup("C34"));
	assert_null(industry_lookup("-34"));
	assert_null(industry_lookup("３４")); /* full-width digits */
}

static void
test_section_names(void **state)
{
	(void)state;
	const struct {
		const char *division, *section, *name;
	} cases[] = {
		{"34", "C", "制造业"},
		{"58", "G", "交通运输、仓储和邮政业"},
		{"65", "I", "信息传输、软件和信息技术服务业"},
		{"66", "J", "金融业"},
		{"72", "L", "租赁和商务服务业"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct industry_division *d = industry_lookup(cases[i].division);
		assert_non_null(d);
		const struct industry_section *s = industry_section_of(d);
		assert_non_null(s);
		assert_string_equal(s->code, cases[i].section);
		assert_string_equal(s->name, cases[i].name);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),      cmocka_unit_test(test_sections),
		cmocka_unit_test(test_divisions),   cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_lookup_none), cmocka_unit_test(test_section_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
