/* The deflate encoder of generator/render/pdf/pdf_deflate.c: streams of
 * parsed pieces inflate (with zlib) to the pieces' bytes one after the
 * other, for text, binary, long runs, empty and one-byte pieces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "render/pdf/pdf_deflate.h"
#include "util.h"

/* Deflates the pieces and checks that they inflate to their bytes. */
static void
round_trip(const unsigned char *const *data, const size_t *lens, size_t n)
{
	struct pdf_lz *lz = calloc(n, sizeof(*lz));
	const struct pdf_lz **pieces = calloc(n, sizeof(*pieces));
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		pdf_lz_parse(&lz[i], data[i], lens[i], i % 2 ? PDF_LZ_FAST : PDF_LZ_BEST);
		pieces[i] = &lz[i];
		total += lens[i];
	}
	struct buf z = {0};
	pdf_deflate_pieces(&z, pieces, n);
	unsigned char *back = malloc(total + 1);
	uLongf got = total + 1;
	assert_int_equal(uncompress(back, &got, (const unsigned char *)z.p, (uLong)z.len), Z_OK);
	assert_int_equal(got, total);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		assert_memory_equal(back + at, data[i], lens[i]);
		at += lens[i];
	}
	free(back);
	buf_free(&z);
	for (size_t i = 0; i < n; i++)
		pdf_lz_free(&lz[i]);
	free(lz);
	free(pieces);
}

static void
test_text(void **state)
{
	(void)state;
	const char *a = "BT /F1 12 Tf 0 0 Td <0001000200030004> Tj ET\nBT /F1 12 Tf 0 14 Td <0001000200030005> Tj ET\n";
	const char *b = "q 2.5 0 0 2.5 76 64 cm 0 0 7 1 re 8 0 1 1 re f Q\n";
	const unsigned char *data[] = {(const unsigned char *)a, (const unsigned char *)b, (const unsigned char *)a};
	size_t lens[] = {strlen(a), strlen(b), strlen(a)};
	round_trip(data, lens, 3);
}

static void
test_binary_and_runs(void **state)
{
	(void)state;
	size_t n = 70000;
	unsigned char *noise = malloc(n), *runs = malloc(n), *mixed = malloc(n);
	uint32_t x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		noise[i] = (unsigned char)(x >> 16);
		runs[i] = (unsigned char)(i / 1000);
		mixed[i] = i % 7 == 0 ? noise[i] : (unsigned char)(i % 13);
	}
	const unsigned char *data[] = {noise, runs, mixed};
	size_t lens[] = {n, n, n};
	round_trip(data, lens, 3);
	free(noise);
	free(runs);
	free(mixed);
}

static void
test_small_pieces(void **state)
{
	(void)state;
	static const unsigned char one[] = {0x42}, two[] = {0, 0};
	const unsigned char *data[] = {one, two, one, two};
	size_t lens[] = {1, 0, 1, 2};
	round_trip(data, lens, 4);
	round_trip(data, lens, 1);
	round_trip(data + 1, lens + 1, 1); /* nothing at all */
}

/* Parsed pieces deflate about as well as zlib deflates the whole. */
static void
test_size(void **state)
{
	(void)state;
	struct buf text = {0};
	for (int i = 0; i < 400; i++)
		buf_printf(&text, "%d %d %d 1 re\n", i % 29, (i * 7) % 29, 1 + i % 5);
	struct pdf_lz lz;
	pdf_lz_parse(&lz, (const unsigned char *)text.p, text.len, PDF_LZ_BEST);
	const struct pdf_lz *p = &lz;
	struct buf z = {0};
	pdf_deflate_pieces(&z, &p, 1);
	uLongf zl = compressBound((uLong)text.len);
	unsigned char *ref = malloc(zl);
	assert_int_equal(compress2(ref, &zl, (const unsigned char *)text.p, (uLong)text.len, 9), Z_OK);
	assert_true(z.len <= zl + zl / 20);
	free(ref);
	buf_free(&z);
	buf_free(&text);
	pdf_lz_free(&lz);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_binary_and_runs),
	    cmocka_unit_test(test_small_pieces),
	    cmocka_unit_test(test_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
