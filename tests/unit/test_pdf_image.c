/* PNGs placed in PDFs as they are (generator/render/pdf/pdf_image.c): a
 * PNG whose rows a PDF reader can take with a PNG predictor is read, its
 * stream checked whole; any other PNG (transparency, interlacing, 16 bits,
 * a damaged or short stream, an unknown critical chunk) is refused, to be
 * decoded by libharu instead. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "render/pdf/pdf_haru.h"
#include "render/pdf/pdf_image.h"
#include "util.h"

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	                      (unsigned char)v};
	buf_add(b, (const char *)x, 4);
}

static void
chunk(struct buf *b, const char *type, const void *data, size_t len)
{
	put32(b, (uint32_t)len);
	size_t from = b->len;
	buf_add(b, type, 4);
	if (len)
		buf_add(b, data, len);
	put32(b, (uint32_t)crc32(0, (const Bytef *)b->p + from, (uInt)(len + 4)));
}

struct shape {
	unsigned w, h;
	int depth, color, interlace;
	int filter;         /* the filter byte of every row */
	size_t short_by;    /* rows' bytes left out of the stream */
	int idat_parts;     /* the stream in this many IDAT chunks */
	const char *between; /* a chunk type between the IDAT chunks */
	const char *extra;  /* a chunk type before the IDAT chunks */
};

/* A PNG of that shape, its pixels a pattern, in b. */
static void
make_png(struct buf *b, const struct shape *s)
{
	memset(b, 0, sizeof(*b));
	buf_add(b, "\x89PNG\r\n\x1a\n", 8);
	unsigned char ihdr[13];
	for (int i = 0; i < 4; i++) {
		ihdr[i] = (unsigned char)(s->w >> (24 - 8 * i));
		ihdr[4 + i] = (unsigned char)(s->h >> (24 - 8 * i));
	}
	ihdr[8] = (unsigned char)s->depth;
	ihdr[9] = (unsigned char)s->color;
	ihdr[10] = ihdr[11] = 0;
	ihdr[12] = (unsigned char)s->interlace;
	chunk(b, "IHDR", ihdr, sizeof(ihdr));
	if (s->color == 3) {
		unsigned char plte[12] = {0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255};
		chunk(b, "PLTE", plte, sizeof(plte));
	}
	if (s->extra)
		chunk(b, s->extra, "\0\0", 2);
	int channels = s->color == 2 ? 3 : s->color == 6 ? 4 : s->color == 4 ? 2 : 1;
	size_t rowlen = 1 + ((size_t)s->w * (size_t)channels * (size_t)s->depth + 7) / 8;
	size_t n = rowlen * s->h - s->short_by;
	unsigned char *raw = calloc(n + 1, 1);
	for (size_t i = 0; i < n; i++)
		raw[i] = i % rowlen == 0 ? (unsigned char)s->filter : (unsigned char)(i * 7 % 3);
	uLongf zlen = compressBound(n);
	unsigned char *z = malloc(zlen);
	assert_int_equal(compress2(z, &zlen, raw, n, 6), Z_OK);
	int parts = s->idat_parts > 0 ? s->idat_parts : 1;
	size_t step = (zlen + (size_t)parts - 1) / (size_t)parts, at = 0;
	for (int p = 0; p < parts; p++) {
		size_t k = at + step > zlen ? zlen - at : step;
		chunk(b, "IDAT", z + at, k);
		at += k;
		if (p == 0 && s->between)
			chunk(b, s->between, "\0\0", 2);
	}
	chunk(b, "IEND", NULL, 0);
	free(z);
	free(raw);
}

static int
read_shape(const struct shape *s, struct pdf_png *p)
{
	struct buf b;
	make_png(&b, s);
	int rc = pdf_png_rows(p, (const unsigned char *)b.p, b.len);
	if (rc == 0)
		p->palette = NULL; /* it points into b */
	buf_free(&b);
	return rc;
}

static void
test_taken_as_they_are(void **state)
{
	(void)state;
	const struct shape ok[] = {
	    {5, 3, 8, 3, 0, 0, 0, 1, NULL, NULL},       /* palette */
	    {5, 3, 8, 2, 0, 4, 0, 1, NULL, NULL},       /* RGB, Paeth rows */
	    {9, 4, 4, 0, 0, 1, 0, 1, NULL, NULL},       /* 4-bit gray */
	    {17, 2, 1, 3, 0, 2, 0, 1, NULL, NULL},      /* 1-bit palette */
	    {40, 30, 8, 2, 0, 0, 0, 3, NULL, NULL},     /* the stream in three chunks */
	    {5, 3, 8, 3, 0, 0, 0, 1, NULL, "gAMA"},     /* an ancillary chunk */
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct pdf_png p;
		assert_int_equal(read_shape(&ok[i], &p), 0);
		assert_int_equal(p.width, ok[i].w);
		assert_int_equal(p.height, ok[i].h);
		assert_int_equal(p.depth, ok[i].depth);
		assert_int_equal(p.colors, ok[i].color == 2 ? 3 : 1);
		assert_true(p.rows_len > 0);
		pdf_png_free(&p);
	}
}

static void
test_palette(void **state)
{
	(void)state;
	struct buf b;
	const struct shape s = {5, 3, 8, 3, 0, 0, 0, 1, NULL, NULL};
	make_png(&b, &s);
	struct pdf_png p;
	assert_int_equal(pdf_png_rows(&p, (const unsigned char *)b.p, b.len), 0);
	assert_int_equal(p.npalette, 4);
	assert_non_null(p.palette);
	assert_int_equal(p.palette[3], 255);
	pdf_png_free(&p);
	buf_free(&b);
}

static void
test_refused(void **state)
{
	(void)state;
	const struct shape bad[] = {
	    {5, 3, 8, 6, 0, 0, 0, 1, NULL, NULL},   /* RGB with alpha */
	    {5, 3, 8, 4, 0, 0, 0, 1, NULL, NULL},   /* gray with alpha */
	    {5, 3, 16, 2, 0, 0, 0, 1, NULL, NULL},  /* 16 bits */
	    {5, 3, 8, 3, 1, 0, 0, 1, NULL, NULL},   /* interlaced */
	    {5, 3, 8, 3, 0, 0, 0, 1, NULL, "tRNS"}, /* transparency */
	    {5, 3, 8, 3, 0, 0, 0, 1, NULL, "Xyzq"}, /* a critical chunk nobody knows */
	    {5, 3, 8, 3, 0, 5, 0, 1, NULL, NULL},   /* a filter PNG does not define */
	    {5, 3, 8, 3, 0, 0, 1, 1, NULL, NULL},   /* the rows a byte short */
	    {40, 30, 8, 2, 0, 0, 0, 2, "tEXt", NULL}, /* a chunk between the stream's chunks */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct pdf_png p;
		assert_int_equal(read_shape(&bad[i], &p), -1);
		assert_null(p.rows);
	}
}

static void
test_damaged(void **state)
{
	(void)state;
	struct buf b;
	const struct shape s = {40, 30, 8, 2, 0, 0, 0, 1, NULL, NULL};
	make_png(&b, &s);
	struct pdf_png p;
	/* every prefix of the file, and the file with any byte of its stream
	 * changed (zlib's checksum sees it) */
	for (size_t n = 0; n < b.len; n += 7)
		assert_int_equal(pdf_png_rows(&p, (const unsigned char *)b.p, n), -1);
	size_t from = 8 + 25 + 8, to = b.len - 12 - 4;
	for (size_t i = from; i < to; i++) {
		char keep = b.p[i];
		b.p[i] = (char)(b.p[i] ^ 0x5a);
		assert_int_equal(pdf_png_rows(&p, (const unsigned char *)b.p, b.len), -1);
		b.p[i] = keep;
	}
	assert_int_equal(pdf_png_rows(&p, (const unsigned char *)b.p, b.len), 0);
	pdf_png_free(&p);
	assert_int_equal(pdf_png_rows(&p, (const unsigned char *)"not a png", 9), -1);
	buf_free(&b);
}

/* Placed in a document: the rows as they are, with the predictor and the
 * palette; any other PNG through libharu. */
static void
test_placed(void **state)
{
	(void)state;
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	HPDF_Page page = HPDF_AddPage(pdf);
	struct buf direct, other;
	const struct shape a = {5, 3, 8, 3, 0, 0, 0, 1, NULL, NULL}, b = {5, 3, 8, 6, 0, 0, 0, 1, NULL, NULL};
	make_png(&direct, &a);
	make_png(&other, &b);
	HPDF_Image x = pdf_png_put(pdf, (const unsigned char *)direct.p, direct.len);
	HPDF_Image y = pdf_png_put(pdf, (const unsigned char *)other.p, other.len);
	assert_non_null(x);
	assert_non_null(y);
	assert_int_equal(HPDF_Page_DrawImage(page, x, 0, 0, 50, 30), HPDF_OK);
	assert_int_equal(HPDF_Page_DrawImage(page, y, 0, 40, 50, 30), HPDF_OK);
	assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	char *out = calloc(size + 1, 1);
	HPDF_UINT32 got = size;
	assert_int_equal(HPDF_ReadFromStream(pdf, (HPDF_BYTE *)out, &got), HPDF_OK);
	assert_non_null(memmem(out, got, "/Predictor 15", 13));
	assert_non_null(memmem(out, got, "/Indexed", 8));
	assert_non_null(memmem(out, got, "/Columns 5", 10));
	assert_non_null(memmem(out, got, "/SMask", 6)); /* the one with alpha, decoded */
	free(out);
	buf_free(&direct);
	buf_free(&other);
	HPDF_Free(pdf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_taken_as_they_are), cmocka_unit_test(test_palette), cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_damaged), cmocka_unit_test(test_placed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
