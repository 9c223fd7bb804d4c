/* Unit tests for generator/uscc.h: unified social credit codes (GB 32100-2015).
 *
 * The check characters below were computed independently of the module with
 * the algorithm of the standard: charset 0123456789ABCDEFGHJKLMNPQRTUWXY
 * (values 0–30), weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28,
 * check = (31 - sum mod 31) mod 31. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "uscc.h"

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

/* The test's own implementation, used to cross-check the module on many
 * generated codes. */
static char
reference_check(const char *s)
{
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(charset, s[i]) - charset) * weights[i];
	return charset[(31 - sum % 31) % 31];
}

static void
expect_ok(const char *code)
{
	size_t where = 999;
	char expected = '?';
	enum uscc_status st = uscc_check(code, &where, &expected);
	if (st != USCC_OK)
		print_error("%s: status %d, expected USCC_OK\n", code, (int)st);
	assert_int_equal(st, USCC_OK);
}

static void
test_valid_codes(void **state)
{
	(void)state;
	/* Computed by hand (see the header comment). */
	expect_ok("91370200MAQHPKXHXX"); /* check X */
	expect_ok("91330100MATC40BQ52");
	expect_ok("91110000MA72W0TF37");
	expect_ok("91440300MAG5869E2J");
	expect_ok("91310115MA1K4Y3L0G");
	expect_ok("52110000MJ00000016");
	expect_ok("11100000000013127D");
	expect_ok("12100000400000770U");
	expect_ok("000000000000000000"); /* sum 0 → (31 - 0) mod 31 = 0 */
	expect_ok("YYYYYYYYYYYYYYYYYT");
	/* NULL out-pointers are allowed for a valid code. */
	assert_int_equal(uscc_check("91370200MAQHPKXHXX", NULL, NULL), USCC_OK);
}

static void
test_check_char(void **state)
{
	(void)state;
	assert_int_equal(uscc_check_char("91370200MAQHPKXHX"), 'X');
	assert_int_equal(uscc_check_char("91330100MATC40BQ5"), '2');
	assert_int_equal(uscc_check_char("91440300MAG5869E2"), 'J');
	assert_int_equal(uscc_check_char("00000000000000000"), '0');
	assert_int_equal(uscc_check_char("YYYYYYYYYYYYYYYYY"), 'T');
	/* Only the first 17 characters count. */
	assert_int_equal(uscc_check_char("91370200MAQHPKXHX0"), 'X');
	/* A bad character among the 17 gives 0. */
	assert_int_equal(uscc_check_char("91370200MAQHPKXHI"), 0);
	assert_int_equal(uscc_check_char("91370200maqhpkxhx"), 0);
	/* A short string stops at its NUL. */
	assert_int_equal(uscc_check_char("9137"), 0);
}

/* Cross-check on a deterministic set of generated codes. */
static void
test_reference(void **state)
{
	(void)state;
	unsigned x = 12345;
	for (int n = 0; n < 5000; n++) {
		char code[19];
		for (int i = 0; i < 17; i++) {
			x = x * 1103515245u + 12345u;
			code[i] = charset[(x >> 16) % 31];
		}
		code[17] = reference_check(code);
		code[18] = '\0';
		assert_int_equal(uscc_check_char(code), code[17]);
		assert_int_equal(uscc_check(code, NULL, NULL), USCC_OK);
		/* Every other check character is refused, naming the right one. */
		char right = code[17];
		code[17] = right == '0' ? '1' : '0';
		char expected = 0;
		assert_int_equal(uscc_check(code, NULL, &expected), USCC_CHECK);
		assert_int_equal(expected, right);
	}
}

static void
test_wrong_length(void **state)
{
	(void)state;
	assert_int_equal(uscc_check("", NULL, NULL), USCC_LENGTH);
	assert_int_equal(uscc_check("91370200MAQHPKXHX", NULL, NULL), USCC_LENGTH);   /* 17 */
	assert_int_equal(uscc_check("91370200MAQHPKXHXX0", NULL, NULL), USCC_LENGTH); /* 19 */
	assert_int_equal(uscc_check("9", NULL, NULL), USCC_LENGTH);
	/* An old 15-digit registration number. */
	assert_int_equal(uscc_check("110108000000016", NULL, NULL), USCC_LENGTH);
}

static void
expect_charset(const char *code, size_t at)
{
	size_t where = 999;
	char expected = '?';
	enum uscc_status st = uscc_check(code, &where, &expected);
	if (st != USCC_CHARSET || where != at)
		print_error("%s: status %d at %zu, expected USCC_CHARSET at %zu\n", code, (int)st, where, at);
	assert_int_equal(st, USCC_CHARSET);
	assert_int_equal(where, at);
}

static void
test_lowercase(void **state)
{
	(void)state;
	expect_charset("91370200maqhpkxhxx", 8);
	expect_charset("91370200MAQHPKXHXx", 17);
	expect_charset("a1370200MAQHPKXHXX", 0);
}

static void
test_forbidden_letters(void **state)
{
	(void)state;
	/* I, O, Z, S and V are not in the charset, wherever they are. */
	expect_charset("91370200MIQHPKXHXX", 9);
	expect_charset("91370200MAOHPKXHXX", 10);
	expect_charset("91370200MAQZPKXHXX", 11);
	expect_charset("91370200MAQHSKXHXX", 12);
	expect_charset("91370200MAQHPKXHXV", 17);
	/* Even as the check character: O is not 0. */
	expect_charset("00000000000000000O", 17);
	/* Other characters. */
	expect_charset("91370200-AQHPKXHXX", 8);
	expect_charset(" 91370200MAQHPKXHX", 0);
	expect_charset("91370200MAQHPKXHX ", 17);
}

static void
test_chinese_character(void **state)
{
	(void)state;
	/* "91370200中QHPKXHXX": 中 is three bytes; the first bad byte is at 8. */
	expect_charset("91370200\xE4\xB8\xAD" "QHPKXHXX", 8);
	/* A full-width digit (０, U+FF10) instead of 0. */
	expect_charset("\xEF\xBC\x90" "1370200MAQHPKXHXX", 0);
	/* Charset problems are reported before the length. */
	expect_charset("中", 0);
}

static void
test_wrong_check(void **state)
{
	(void)state;
	size_t where = 999;
	char expected = 0;
	assert_int_equal(uscc_check("91370200MAQHPKXHX0", &where, &expected), USCC_CHECK);
	assert_int_equal(expected, 'X');
	expected = 0;
	assert_int_equal(uscc_check("91330100MATC40BQ53", &where, &expected), USCC_CHECK);
	assert_int_equal(expected, '2');
	expected = 0;
	assert_int_equal(uscc_check("91440300MAG5869E2K", &where, &expected), USCC_CHECK);
	assert_int_equal(expected, 'J');
	/* One changed body character changes the check character. */
	expected = 0;
	assert_int_equal(uscc_check("91370200MAQHPKXHYX", &where, &expected), USCC_CHECK);
	assert_int_equal(expected, reference_check("91370200MAQHPKXHY"));
	/* NULL out-pointers are allowed. */
	assert_int_equal(uscc_check("91370200MAQHPKXHX0", NULL, NULL), USCC_CHECK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_codes),   cmocka_unit_test(test_check_char),
		cmocka_unit_test(test_reference),     cmocka_unit_test(test_wrong_length),
		cmocka_unit_test(test_lowercase),     cmocka_unit_test(test_forbidden_letters),
		cmocka_unit_test(test_chinese_character), cmocka_unit_test(test_wrong_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
