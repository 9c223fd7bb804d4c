/* The font programs of generator/render/pdf/pdf_sfnt.c: for the faces the
 * themes name, a program of some characters inflates to a TrueType face
 * that HarfBuzz opens, with one glyph per glyph asked for (and .notdef),
 * each with the outline extents and advance of the face's glyph, and
 * checksums that add up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "render/pdf/pdf_font.h"
#include "render/pdf/pdf_sfnt.h"
#include "util.h"

static const uint32_t chars[] = {0x5168, 0x56FD, 0x8D28, 0x91CF, 0x6807, 0x6746, 0x300A, 0x300B, 0xFF0C,
                                 0x3002, 0x0051, 0x0042, 0x0032, 0x0030, 0x002D, 0x3007, 0x4E8C, 0x9093};

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
check_family(const char *family)
{
	struct pdf_fonts fs = {0};
	char *err = NULL;
	int fi = pdf_fonts_open(&fs, family, &err);
	if (fi < 0)
		print_error("%s: %s\n", family, err);
	assert_true(fi >= 0);
	const struct pdf_face *f = fs.faces[fi];
	struct pdf_sfnt *s = pdf_sfnt_new(f->face, &err);
	assert_non_null(s);
	hb_set_t *glyphs = hb_set_create();
	for (size_t i = 0; i < sizeof(chars) / sizeof(chars[0]); i++) {
		hb_codepoint_t g;
		if (hb_font_get_nominal_glyph(f->font, chars[i], &g))
			hb_set_add(glyphs, g);
	}
	/* twice: the second program comes from the kept glyphs */
	for (int round = 0; round < 2; round++) {
		hb_set_t *set = hb_set_copy(glyphs);
		struct buf z = {0};
		size_t raw_len = 0;
		assert_int_equal(pdf_sfnt_program(s, set, &z, &raw_len, &err), 0);
		unsigned char *raw = malloc(raw_len);
		uLongf got = raw_len;
		assert_int_equal(uncompress(raw, &got, (const unsigned char *)z.p, (uLong)z.len), Z_OK);
		assert_int_equal(got, raw_len);
		/* the whole font's checksum is the magic number */
		uint32_t sum = 0;
		for (size_t i = 0; i + 4 <= raw_len; i += 4)
			sum += get32(raw + i);
		assert_int_equal(sum, 0xB1B0AFBAu);

		hb_blob_t *blob = hb_blob_create((const char *)raw, (unsigned)raw_len, HB_MEMORY_MODE_READONLY, NULL, NULL);
		hb_face_t *face = hb_face_create(blob, 0);
		hb_font_t *font = hb_font_create(face);
		unsigned n = hb_set_get_population(set);
		assert_int_equal(hb_face_get_glyph_count(face), n);
		unsigned k = 0;
		for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(set, &g); k++) {
			hb_glyph_extents_t a, b;
			assert_true(hb_font_get_glyph_extents(f->font, g, &a));
			assert_true(hb_font_get_glyph_extents(font, k, &b));
			assert_memory_equal(&a, &b, sizeof(a));
			assert_int_equal(hb_font_get_glyph_h_advance(f->font, g), hb_font_get_glyph_h_advance(font, k));
		}
		hb_font_destroy(font);
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		free(raw);
		buf_free(&z);
		hb_set_destroy(set);
	}
	hb_set_destroy(glyphs);
	pdf_sfnt_free(s);
	pdf_fonts_free(&fs);
}

static void
test_kai(void **state)
{
	(void)state;
	check_family("AR PL UKai CN");
}

static void
test_ming(void **state)
{
	(void)state;
	check_family("AR PL UMing CN");
}

static void
test_zenhei(void **state)
{
	(void)state;
	check_family("WenQuanYi Zen Hei");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kai),
	    cmocka_unit_test(test_ming),
	    cmocka_unit_test(test_zenhei),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
