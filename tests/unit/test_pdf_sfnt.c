/* The font programs of generator/render/pdf/pdf_sfnt.c: for the faces the
 * themes name, a program of some characters inflates to a TrueType face
 * that HarfBuzz opens, at half the face's units per em, with one glyph per
 * glyph asked for (and .notdef), each drawn as the face's glyph is, line
 * for line and curve for curve, no point of them more than a unit of the
 * program away from the face's (a unit and a half in coarse glyphs), with
 * the face's outline extents and advance within a unit of the program,
 * and checksums that add up, fewer advances than glyphs in hmtx, with
 * some curves drawn as lines and some control points moved to imply an
 * on-curve point; with the glyphs coarse, the same and smaller. */
#include <math.h>
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

/* A glyph's outline as HarfBuzz draws it: an operation (m, l, q, c, z)
 * and its coordinates, six numbers an operation. */
struct outline {
	float *v;
	size_t n;
};

static void
put_op(struct outline *o, float op, const float *xy, int k)
{
	o->v = realloc(o->v, (o->n + 7) * sizeof(*o->v));
	assert_non_null(o->v);
	o->v[o->n++] = op;
	for (int i = 0; i < 6; i++)
		o->v[o->n++] = i < k ? xy[i] : 0;
}

static void
move_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	put_op(d, 'm', (float[]){x, y}, 2);
}

static void
line_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	put_op(d, 'l', (float[]){x, y}, 2);
}

static void
quad_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float cx, float cy, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	put_op(d, 'q', (float[]){cx, cy, x, y}, 4);
}

static void
cubic_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float ax, float ay, float bx, float by, float x,
         float y, void *u)
{
	(void)f, (void)st, (void)u;
	put_op(d, 'c', (float[]){ax, ay, bx, by, x, y}, 6);
}

static void
close_path(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	put_op(d, 'z', NULL, 0);
}

static struct outline
outline_of(hb_font_t *font, hb_codepoint_t g)
{
	hb_draw_funcs_t *df = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(df, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, quad_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, close_path, NULL, NULL);
	struct outline o = {0};
	hb_font_get_glyph_shape(font, g, df, &o);
	hb_draw_funcs_destroy(df);
	return o;
}

/* The program's glyph k draws as the face's glyph g: the same operations
 * (a curve, or the line between its ends), each line and curve at 17
 * places along it,
 * within two units of the face (one unit of the program: an implied
 * on-curve point, or a point in a composite glyph, whose components and
 * offsets are halved apart), three in coarse glyphs; the outline is placed
 * by the difference of the left side bearing and xMin, halved. */
static void
check_outline(hb_font_t *face_font, hb_codepoint_t g, hb_font_t *prog_font, hb_codepoint_t k, float tolerance,
              unsigned *lines, unsigned *moved)
{
	struct outline a = outline_of(face_font, g), b = outline_of(prog_font, k);
	assert_int_equal(a.n, b.n);
	float ax = 0, ay = 0, bx = 0, by = 0; /* where each pen is, b's at the face's units */
	for (size_t i = 0; i < a.n; i += 7) {
		const float *u = a.v + i + 1, *w = b.v + i + 1;
		/* a curve may be drawn as the line between its ends: a
		 * curve whose control point is their midpoint */
		float line[4];
		if (a.v[i] == 'q' && b.v[i] == 'l') {
			line[0] = (bx / 2 + w[0]) / 2, line[1] = (by / 2 + w[1]) / 2;
			line[2] = w[0], line[3] = w[1];
			w = line;
			++*lines;
		} else {
			assert_true(a.v[i] == b.v[i]);
			if (a.v[i] == 'q' && (fabsf(u[0] - 2 * w[0]) > tolerance || fabsf(u[1] - 2 * w[1]) > tolerance))
				++*moved;
		}
		int ends = a.v[i] == 'q' ? 2 : a.v[i] == 'c' ? 3 : 1;
		for (int t = 0; t <= 16 && a.v[i] != 'z'; t++) {
			float s = t / 16.0f, r = 1 - s, pa[2], pb[2];
			for (int c = 0; c < 2; c++) {
				float a0 = c ? ay : ax, b0 = c ? by : bx;
				if (ends == 1) {
					pa[c] = r * a0 + s * u[c];
					pb[c] = r * b0 + s * 2 * w[c];
				} else if (ends == 2) {
					pa[c] = r * r * a0 + 2 * s * r * u[c] + s * s * u[2 + c];
					pb[c] = r * r * b0 + 2 * s * r * 2 * w[c] + s * s * 2 * w[2 + c];
				} else {
					pa[c] = r * r * r * a0 + 3 * s * r * r * u[c] + 3 * s * s * r * u[2 + c] + s * s * s * u[4 + c];
					pb[c] = r * r * r * b0 + 3 * s * r * r * 2 * w[c] + 3 * s * s * r * 2 * w[2 + c] +
					        s * s * s * 2 * w[4 + c];
				}
				if (a.v[i] == 'm' && t < 16)
					continue;
				assert_true(fabsf(pa[c] - pb[c]) <= tolerance + 1e-3f);
			}
		}
		if (a.v[i] != 'z') {
			ax = u[2 * ends - 2], ay = u[2 * ends - 1];
			bx = 2 * w[2 * ends - 2], by = 2 * w[2 * ends - 1];
		}
	}
	free(a.v);
	free(b.v);
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
	/* twice: the second program comes from the kept glyphs; then with
	 * every glyph coarse, which makes a smaller program */
	size_t fine_len = 0;
	for (int round = 0; round < 3; round++) {
		hb_set_t *set = hb_set_copy(glyphs);
		struct buf z = {0};
		size_t raw_len = 0;
		assert_int_equal(pdf_sfnt_program(s, set, round == 2 ? glyphs : NULL, &z, &raw_len, &err), 0);
		if (round == 0)
			fine_len = z.len;
		else if (round == 2)
			assert_true(z.len < fine_len);
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
		/* the glyphs after the last change of advance have no advance
		 * of their own in hmtx: fewer metrics than glyphs */
		hb_blob_t *hhea = hb_face_reference_table(face, HB_TAG('h', 'h', 'e', 'a'));
		unsigned hhea_len = 0;
		const unsigned char *hp = (const unsigned char *)hb_blob_get_data(hhea, &hhea_len);
		assert_true(hhea_len >= 36);
		assert_true((unsigned)(hp[34] << 8 | hp[35]) < n);
		hb_blob_destroy(hhea);
		assert_int_equal(hb_face_get_upem(face), f->upem / 2);
		/* the program scaled to the face's units */
		hb_font_t *scaled = hb_font_create(face);
		hb_font_set_scale(scaled, (int)f->upem, (int)f->upem);
		/* curves drawn as lines, control points moved to imply a point */
		unsigned k = 0, lines = 0, moved = 0;
		for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(set, &g); k++) {
			hb_glyph_extents_t a, b;
			assert_true(hb_font_get_glyph_extents(f->font, g, &a));
			assert_true(hb_font_get_glyph_extents(scaled, k, &b));
			assert_true(abs(a.x_bearing - b.x_bearing) <= 1 && abs(a.y_bearing - b.y_bearing) <= 1);
			assert_true(abs(a.width - b.width) <= 2 && abs(a.height - b.height) <= 2);
			assert_true(abs(hb_font_get_glyph_h_advance(f->font, g) - hb_font_get_glyph_h_advance(scaled, k)) <= 1);
			check_outline(f->font, g, font, k, round == 2 ? 3.0f : 2.0f, &lines, &moved);
		}
		assert_true(lines > 0 && moved > 0);
		hb_font_destroy(scaled);
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
