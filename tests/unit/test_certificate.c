/* Unit tests for the certificate's building blocks: ToUnicode maps
 * (render/pdf/pdf_font.h), placeholders (render/cert_theme.h), faces and their
 * fallbacks, fitting text into a width (render/pdf/pdf_text.h) and the QR
 * code (render/cert_draw.h). The font
 * tests use the faces the build depends on (fonts-arphic-ukai,
 * fonts-wqy-zenhei). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <qrencode.h>

#include "render/cert_draw.h"
#include "render/cert_theme.h"
#include "render/pdf/pdf_font.h"
#include "render/pdf/pdf_haru.h"
#include "render/pdf/pdf_text.h"
#include "util.h"

static void
test_tounicode_ranges_and_chars(void **state)
{
	(void)state;
	const uint32_t codes[] = {1, 2, 3, 5, 0xFF, 0x100};
	const uint32_t cps[] = {0x5168, 0x5169, 0x516A, 0x41, 0x4E00, 0x4E01};
	char *m = pdf_tounicode_cmap(codes, cps, 6);
	assert_non_null(strstr(m, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"));
	assert_non_null(strstr(m, "1 beginbfrange\n<0001> <0003> <5168>\nendbfrange\n"));
	/* 0xFF and 0x100 are consecutive but differ in the first byte. */
	assert_non_null(strstr(m, "3 beginbfchar\n<0005> <0041>\n<00FF> <4E00>\n<0100> <4E01>\nendbfchar\n"));
	assert_non_null(strstr(m, "/CMapName /Adobe-Identity-UCS def"));
	assert_null(strstr(m, "cidrange"));
	free(m);
}

static void
test_tounicode_blocks_of_100(void **state)
{
	(void)state;
	uint32_t codes[150], cps[150];
	for (int i = 0; i < 150; i++) {
		codes[i] = (uint32_t)(1 + 2 * i); /* never consecutive: all bfchar */
		cps[i] = (uint32_t)(0x4E00 + i);
	}
	char *m = pdf_tounicode_cmap(codes, cps, 150);
	assert_non_null(strstr(m, "100 beginbfchar\n<0001> <4E00>\n"));
	assert_non_null(strstr(m, "endbfchar\n50 beginbfchar\n<00C9> <4E64>\n"));
	assert_null(strstr(m, "bfrange"));
	free(m);
	m = pdf_tounicode_cmap(codes, cps, 0);
	assert_null(strstr(m, "bfchar"));
	assert_non_null(strstr(m, "endcmap"));
	free(m);
}

static void
test_expand(void **state)
{
	(void)state;
	const char *vals[CV_COUNT] = {"2025", "2025年全国质量标杆", "QB2025-001", "青岛澜岳", "经验", "中国质量协会",
	                              "二〇二五年十一月二十日"};
	struct buf b = {0};
	char unknown[32];
	assert_int_equal(cert_expand(&b, "{campaign}证书（{certificate}）", vals, unknown), 0);
	assert_string_equal(b.p, "2025年全国质量标杆证书（QB2025-001）");
	buf_free(&b);
	assert_int_equal(cert_expand(&b, "《{experience}》{date}{organization}{year}", vals, unknown), 0);
	assert_string_equal(b.p, "《经验》二〇二五年十一月二十日中国质量协会2025");
	buf_free(&b);
	/* Braces that name nothing known stay as they are only when unclosed. */
	assert_int_equal(cert_expand(&b, "a { b", vals, unknown), 0);
	assert_string_equal(b.p, "a { b");
	buf_free(&b);
	assert_int_equal(cert_expand(&b, "x{enterprize}y", vals, unknown), -1);
	assert_string_equal(unknown, "enterprize");
	buf_free(&b);
	assert_int_equal(cert_expand(&b, "", vals, unknown), 0);
	assert_string_equal(b.p, "");
	buf_free(&b);
}

struct fonts_fixture {
	struct pdf_fonts fs;
	int kai, hei;
	struct pdf_chain kai_only, kai_hei;
};

static int
setup_fonts(void **state)
{
	struct fonts_fixture *f = calloc(1, sizeof(*f));
	char *err = NULL;
	f->kai = pdf_fonts_open(&f->fs, "AR PL UKai CN", &err);
	f->hei = pdf_fonts_open(&f->fs, "WenQuanYi Zen Hei", &err);
	if (f->kai < 0 || f->hei < 0) {
		free(err);
		pdf_fonts_free(&f->fs);
		free(f);
		return -1;
	}
	f->kai_only.ids[0] = f->kai;
	f->kai_only.n = 1;
	f->kai_hei.ids[0] = f->kai;
	f->kai_hei.ids[1] = f->hei;
	f->kai_hei.n = 2;
	pdf_text_init();
	*state = f;
	return 0;
}

static int
teardown_fonts(void **state)
{
	struct fonts_fixture *f = *state;
	pdf_fonts_free(&f->fs);
	free(f);
	return 0;
}

static void
test_open_by_family(void **state)
{
	struct fonts_fixture *f = *state;
	char *err = NULL;
	/* The same family again is the same face. */
	assert_int_equal(pdf_fonts_open(&f->fs, "ar pl ukai cn", &err), f->kai);
	assert_int_equal(pdf_fonts_open(&f->fs, "No Such Family 4711", &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "No Such Family 4711"));
	free(err);
	assert_true(f->fs.faces[f->kai]->upem > 0);
	assert_true(f->fs.faces[f->kai]->ascender > 0);
}

static void
test_chain_and_fallback(void **state)
{
	struct fonts_fixture *f = *state;
	assert_int_equal(pdf_chain_pick(&f->fs, &f->kai_hei, 0x5168), f->kai);  /* 全 */
	assert_int_equal(pdf_chain_pick(&f->fs, &f->kai_hei, 'Q'), f->kai);
	assert_int_equal(pdf_chain_pick(&f->fs, &f->kai_only, 0x42B7), -1);     /* 䊷: not in UKai */
	assert_int_equal(pdf_chain_pick(&f->fs, &f->kai_hei, 0x42B7), f->hei);
	assert_int_equal(pdf_chain_pick(&f->fs, &f->kai_hei, 0x9FCD), -1);      /* 鿍: in no face */
	assert_int_equal(pdf_chain_pick(&f->fs, &f->kai_hei, 0x20BB7), -1);     /* 𠮷: above U+FFFF */
	char *names = pdf_chain_names(&f->fs, &f->kai_hei);
	assert_string_equal(names, "AR PL UKai CN, WenQuanYi Zen Hei");
	free(names);
}

static void
test_line_runs_and_width(void **state)
{
	struct fonts_fixture *f = *state;
	struct pdf_line l;
	uint32_t bad = 0;
	const char *s = "青岛䊷业";
	assert_int_equal(pdf_line_init(&l, &f->fs, &f->kai_hei, s, strlen(s), &bad), 0);
	assert_int_equal(l.nchars, 4);
	assert_int_equal(l.nruns, 3);
	assert_int_equal(l.runs[1].face, f->hei);
	assert_int_equal(l.runs[1].len, 3);
	/* Ideographs are one em wide in these faces. */
	assert_int_equal(l.units, 4000);
	assert_true(pdf_line_width(&l, 20, 0) > 79.9 && pdf_line_width(&l, 20, 0) < 80.1);
	/* Tracking adds after every character but the last. */
	assert_true(pdf_line_width(&l, 20, 0.5) > 109.9 && pdf_line_width(&l, 20, 0.5) < 110.1);
	pdf_line_free(&l);
	s = "青岛𠮷";
	assert_int_equal(pdf_line_init(&l, &f->fs, &f->kai_hei, s, strlen(s), &bad), -1);
	assert_int_equal(bad, 0x20BB7);
	pdf_line_free(&l);
}

static char *
joined(const struct pdf_fit *fit)
{
	struct buf b = {0};
	for (size_t i = 0; i < fit->nlines; i++)
		buf_add(&b, fit->lines[i].text, fit->lines[i].len);
	return buf_steal(&b);
}

static void
test_fit_one_line_and_shrink(void **state)
{
	struct fonts_fixture *f = *state;
	struct pdf_fit fit;
	uint32_t bad;
	/* 10 ideographs at 30pt: 300pt, fits 400. */
	assert_int_equal(pdf_fit(&fit, &f->fs, &f->kai_only, "浙江天沐纺织科技公司", 400, 30, 20, 0, &bad), 0);
	assert_int_equal(fit.nlines, 1);
	assert_true(fit.size == 30);
	pdf_fit_free(&fit);
	/* at 30pt 360pt wide, 300 available: shrinks to 25pt (above the floor of 20) */
	assert_int_equal(pdf_fit(&fit, &f->fs, &f->kai_only, "浙江天沐纺织科技有限公司", 300, 30, 20, 0, &bad), 0);
	assert_int_equal(fit.nlines, 1);
	assert_true(fit.size == 25);
	assert_false(fit.below_floor);
	pdf_fit_free(&fit);
}

static void
test_fit_two_lines(void **state)
{
	struct fonts_fixture *f = *state;
	struct pdf_fit fit;
	uint32_t bad;
	const char *name = "中国航空工业集团有限公司西安飞机工业（集团）有限责任公司第一分公司";
	assert_int_equal(pdf_fit(&fit, &f->fs, &f->kai_only, name, 622, 34, 26, 0, &bad), 0);
	assert_int_equal(fit.nlines, 2);
	assert_false(fit.below_floor);
	assert_true(fit.size <= 34 && fit.size >= 26);
	for (size_t i = 0; i < 2; i++)
		assert_true(pdf_line_width(&fit.lines[i], fit.size, 0) <= 622);
	char *j = joined(&fit);
	assert_string_equal(j, name);
	free(j);
	/* UAX #14: no line ends with an opening bracket or starts with a closing one. */
	assert_false(str_has_suffix(fit.lines[0].text, "（"));
	assert_false(str_has_prefix(fit.lines[1].text, "）"));
	/* balanced: the lines differ by at most two characters */
	long d = (long)fit.lines[0].nchars - (long)fit.lines[1].nchars;
	assert_true(d >= -2 && d <= 2);
	pdf_fit_free(&fit);
}

static void
test_fit_prefers_word_ends(void **state)
{
	struct fonts_fixture *f = *state;
	struct pdf_fit fit;
	uint32_t bad;
	/* 20 ideographs, 400pt at 20pt, in 300pt: two lines; the balanced break
	 * would split 有限公司. */
	assert_int_equal(pdf_fit(&fit, &f->fs, &f->kai_only, "中国石油天然气股份有限公司长庆油田分公司", 300, 20, 20, 0,
	                         &bad),
	                 0);
	assert_int_equal(fit.nlines, 2);
	assert_string_equal(fit.lines[0].text, "中国石油天然气股份有限公司");
	assert_string_equal(fit.lines[1].text, "长庆油田分公司");
	pdf_fit_free(&fit);
}

static void
test_fit_below_floor_still_fits(void **state)
{
	struct fonts_fixture *f = *state;
	struct pdf_fit fit;
	uint32_t bad;
	struct buf b = {0};
	for (int i = 0; i < 30; i++)
		buf_puts(&b, "超长名称");
	assert_int_equal(pdf_fit(&fit, &f->fs, &f->kai_only, b.p, 600, 34, 26, 0, &bad), 0);
	assert_int_equal(fit.nlines, 2);
	assert_true(fit.below_floor);
	assert_true(fit.size < 26);
	for (size_t i = 0; i < 2; i++)
		assert_true(pdf_line_width(&fit.lines[i], fit.size, 0) <= 600);
	pdf_fit_free(&fit);
	/* Spaces at the break are dropped, the words kept whole. */
	assert_int_equal(pdf_fit(&fit, &f->fs, &f->kai_only, "Quality Benchmark Enterprise Limited", 200, 20, 18, 0,
	                         &bad),
	                 0);
	assert_int_equal(fit.nlines, 2);
	assert_string_equal(fit.lines[0].text, "Quality Benchmark");
	assert_string_equal(fit.lines[1].text, "Enterprise Limited");
	pdf_fit_free(&fit);
	buf_free(&b);
	assert_int_equal(pdf_fit(&fit, &f->fs, &f->kai_only, "鿍", 600, 34, 26, 0, &bad), -1);
	assert_int_equal(bad, 0x9FCD);
	pdf_fit_free(&fit);
}

/* The QR code is one image mask scaled to its square: a sample a module,
 * rows from the top, 1 for a dark module, each row a whole number of bytes
 * in hexadecimal; its samples are libqrencode's modules. */
static void
test_qr_image_mask(void **state)
{
	(void)state;
	const char *url = "https://benchmark.example.org/verify/QB2025-001/";
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_Page page = HPDF_AddPage(pdf);
	HPDF_STATUS st = HPDF_OK;
	char *err = NULL;
	assert_int_equal(cert_draw_qr(page, url, 76, 64, 74, &st, &err), 0);
	assert_int_equal(st, HPDF_OK);
	size_t len = 0;
	unsigned char *ops = pdf_haru_page_operators(page, &len, &err);
	assert_non_null(ops);
	ops = realloc(ops, len + 1);
	assert_non_null(ops);
	ops[len] = 0;
	const char *text = (const char *)ops;
	assert_non_null(strstr(text, "q\n74 0 0 74 76 64 cm\nBI /IM true /W "));
	assert_null(strstr(text, " re\n"));
	QRcode *q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(q);
	int n = q->width, w = 0, h = 0, at = 0;
	const char *bi = strstr(text, "BI ");
	assert_non_null(bi);
	assert_int_equal(sscanf(bi, "BI /IM true /W %d /H %d /BPC 1 /D [1 0] /F /AHx ID\n%n", &w, &h, &at), 2);
	assert_true(at > 0);
	assert_int_equal(w, n);
	assert_int_equal(h, n);
	const char *hex = bi + at;
	int row_bytes = (n + 7) / 8;
	for (int row = 0; row < n; row++) {
		for (int b = 0; b < row_bytes; b++) {
			unsigned byte = 0;
			assert_int_equal(sscanf(hex + 2 * (row * row_bytes + b), "%2x", &byte), 1);
			for (int k = 0; k < 8 && 8 * b + k < n; k++)
				assert_int_equal(byte >> (7 - k) & 1, q->data[row * n + 8 * b + k] & 1);
		}
	}
	assert_int_equal(strncmp(hex + 2 * n * row_bytes, ">\nEI\nQ\n", 7), 0);
	QRcode_free(q);
	free(ops);
	HPDF_Free(pdf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tounicode_ranges_and_chars),
		cmocka_unit_test(test_tounicode_blocks_of_100),
		cmocka_unit_test(test_expand),
	};
	const struct CMUnitTest font_tests[] = {
		cmocka_unit_test(test_open_by_family),
		cmocka_unit_test(test_chain_and_fallback),
		cmocka_unit_test(test_line_runs_and_width),
		cmocka_unit_test(test_fit_one_line_and_shrink),
		cmocka_unit_test(test_fit_two_lines),
		cmocka_unit_test(test_fit_prefers_word_ends),
		cmocka_unit_test(test_fit_below_floor_still_fits),
		cmocka_unit_test(test_qr_image_mask),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	return failed + cmocka_run_group_tests(font_tests, setup_fonts, teardown_fonts);
}
