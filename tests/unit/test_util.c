/* Unit tests for generator/util.h: buf_printf writes the common
 * conversions itself and must give exactly what snprintf gives. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"

static void
check(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		print_error("buf_printf gave \"%s\", snprintf \"%s\"\n", got, want);
	assert_string_equal(got, want);
}

#define SAME(...)                                                                                                      \
	do {                                                                                                           \
		char want[256];                                                                                        \
		snprintf(want, sizeof(want), __VA_ARGS__);                                                             \
		struct buf b = {0};                                                                                    \
		buf_printf(&b, __VA_ARGS__);                                                                           \
		check(b.p ? b.p : "", want);                                                                           \
		buf_free(&b);                                                                                          \
		char *x = xasprintf(__VA_ARGS__);                                                                      \
		check(x, want);                                                                                        \
		free(x);                                                                                               \
	} while (0)

static void
test_strings(void **state)
{
	(void)state;
	SAME("%s", "");
	SAME("plain text, no conversion");
	SAME("%s%s/%s/", "cases/", "2025", "c2025-001");
	SAME("100%% %s", "全国质量标杆");
	SAME("[%c]", 'x');
	SAME("%.*s|", 3, "abcdef");
	SAME("%.*s|", 0, "abcdef");
	SAME("%.*s|", 10, "abc");
	SAME("%.*s/%.*s.pdf", 12, "notices/2025", 4, "2025");
}

static void
test_integers(void **state)
{
	(void)state;
	SAME("%d %d %d", 0, -1, 42);
	SAME("%d %d", INT_MIN, INT_MAX);
	SAME("%i", -7);
	SAME("%u %u", 0u, UINT_MAX);
	SAME("%ld %ld", LONG_MIN, LONG_MAX);
	SAME("%lu", ULONG_MAX);
	SAME("%lld %llu", LLONG_MIN, ULLONG_MAX);
	SAME("%zu", (size_t)123456789);
	SAME("%03zu", (size_t)7);
	SAME("%03zu", (size_t)1234);
	SAME("%02d-%02d", 5, 12);
	SAME("%02d", -5);
	SAME("%5d|%-5d|", 42, 42);
	SAME("%5d", -42);
	SAME("%x %X %02x %04X %04x", 255u, 255u, 10u, 0xabcu, 0x2028u);
	SAME("%lx", 0xdeadbeefUL);
	SAME("%#lx", 0xdeadbeefUL);
	SAME("%.1f MiB", 1.25);
	SAME("%s=%d;%s=%u", "a", -3, "b", 3u);
}

static void
test_appends(void **state)
{
	(void)state;
	struct buf b = {0};
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.p));
	assert_true(strncmp(b.p, "0,1,2,", 6) == 0);
	assert_true(strcmp(b.p + b.len - 4, "999,") == 0);
	buf_free(&b);
}

static void
test_fmt_long(void **state)
{
	(void)state;
	const long v[] = {0, 1, -1, 9, 10, 2025, -2025, 1234567890L, LONG_MAX, LONG_MIN};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char got[24], want[24];
		size_t n = fmt_long(got, v[i]);
		snprintf(want, sizeof(want), "%ld", v[i]);
		check(got, want);
		assert_int_equal(n, strlen(want));
	}
}

/* A nameless file holds what is written at each offset and reads it back;
 * reading past its end is an error, not a short read. */
static void
test_nameless(void **state)
{
	(void)state;
	int fd = open_nameless("/tmp");
	assert_true(fd >= 0);
	static const char a[] = "first", b[] = "second";
	assert_int_equal(pwrite_all(fd, a, 5, 0), 0);
	assert_int_equal(pwrite_all(fd, b, 6, 100000), 0);
	char got[8] = {0};
	assert_int_equal(pread_all(fd, got, 6, 100000), 0);
	assert_memory_equal(got, "second", 6);
	assert_int_equal(pread_all(fd, got, 5, 0), 0);
	assert_memory_equal(got, "first", 5);
	errno = 0;
	assert_int_equal(pread_all(fd, got, 7, 100000), -1);
	assert_int_equal(errno, EIO);
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_fmt_long),
		cmocka_unit_test(test_nameless),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
