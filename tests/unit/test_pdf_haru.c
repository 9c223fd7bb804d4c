/* libharu's internals, as generator/render/pdf/pdf_haru.c uses them: for
 * each face the themes name, a subset font whose codes are glyph numbers
 * must be measured and written with the face's widths, carry qbpress's
 * ToUnicode map and an identity glyph map, and show the codes it is given.
 * A libharu that lays out its objects otherwise fails here, loudly, before
 * any certificate or book is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "render/pdf/pdf_haru.h"

static void
selftest(const char *family)
{
	char *err = NULL;
	int rc = pdf_haru_selftest(family, &err);
	if (rc != 0)
		print_error("libharu self-test with '%s': %s\n", family, err ? err : "?");
	free(err);
	assert_int_equal(rc, 0);
}

static void
test_kai(void **state)
{
	(void)state;
	selftest("AR PL UKai CN");
}

static void
test_ming(void **state)
{
	(void)state;
	selftest("AR PL UMing CN");
}

/* WenQuanYi Zen Hei has 44,960 glyphs: more than libharu's signed glyph
 * numbers hold, which the subset's renumbering avoids. */
static void
test_zenhei(void **state)
{
	(void)state;
	selftest("WenQuanYi Zen Hei");
}

static void
test_unknown_family_fails(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(pdf_haru_selftest("No Such Family Anywhere", &err), -1);
	assert_non_null(err);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kai),
	    cmocka_unit_test(test_ming),
	    cmocka_unit_test(test_zenhei),
	    cmocka_unit_test(test_unknown_family_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
