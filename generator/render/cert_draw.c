#include "cert_draw.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <qrencode.h>
#include <string.h>

#include "../util.h"
#include "pdf/pdf_haru.h"
#include "pdf/pdf_text.h"

static void
stroke_rgb(HPDF_Page page, const double c[3], HPDF_STATUS *st)
{
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c[0], (HPDF_REAL)c[1], (HPDF_REAL)c[2]);
}

static void
line(HPDF_Page page, double x0, double y0, double x1, double y1, HPDF_STATUS *st)
{
	if (*st == HPDF_OK)
		*st = HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y0);
	if (*st == HPDF_OK)
		*st = HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y1);
}

/* A diamond of half-diagonal r centred on (x, y), filled. */
static void
diamond(HPDF_Page page, double x, double y, double r, HPDF_STATUS *st)
{
	if (*st == HPDF_OK)
		*st = HPDF_Page_MoveTo(page, (HPDF_REAL)(x - r), (HPDF_REAL)y);
	if (*st == HPDF_OK)
		*st = HPDF_Page_LineTo(page, (HPDF_REAL)x, (HPDF_REAL)(y + r));
	if (*st == HPDF_OK)
		*st = HPDF_Page_LineTo(page, (HPDF_REAL)(x + r), (HPDF_REAL)y);
	if (*st == HPDF_OK)
		*st = HPDF_Page_LineTo(page, (HPDF_REAL)x, (HPDF_REAL)(y - r));
	if (*st == HPDF_OK)
		*st = HPDF_Page_ClosePath(page);
}

void
cert_draw_border(HPDF_Page page, const struct cert_theme *t, double w, double h, HPDF_STATUS *st)
{
	stroke_rgb(page, t->border_rgb, st);
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetLineWidth(page, 3.2);
	if (*st == HPDF_OK)
		*st = HPDF_Page_Rectangle(page, FRAME_OUTER, FRAME_OUTER, (HPDF_REAL)(w - 2 * FRAME_OUTER),
		                          (HPDF_REAL)(h - 2 * FRAME_OUTER));
	if (*st == HPDF_OK)
		*st = HPDF_Page_Stroke(page);
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetLineWidth(page, 0.8);
	if (*st == HPDF_OK)
		*st = HPDF_Page_Rectangle(page, FRAME_INNER, FRAME_INNER, (HPDF_REAL)(w - 2 * FRAME_INNER),
		                          (HPDF_REAL)(h - 2 * FRAME_INNER));
	if (*st == HPDF_OK)
		*st = HPDF_Page_Stroke(page);

	stroke_rgb(page, t->accent_rgb, st);
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBFill(page, (HPDF_REAL)t->accent_rgb[0], (HPDF_REAL)t->accent_rgb[1],
		                           (HPDF_REAL)t->accent_rgb[2]);
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetLineWidth(page, 1.4);
	for (int corner = 0; corner < 4; corner++) {
		double sx = corner & 1 ? -1 : 1, sy = corner & 2 ? -1 : 1;
		double cx = corner & 1 ? w : 0, cy = corner & 2 ? h : 0;
		double a = FRAME_INNER + 7, b = FRAME_INNER + 12;
		/* an outer and an inner bracket along the two edges */
		line(page, cx + sx * a, cy + sy * (a + 46), cx + sx * a, cy + sy * a, st);
		if (*st == HPDF_OK)
			*st = HPDF_Page_LineTo(page, (HPDF_REAL)(cx + sx * (a + 46)), (HPDF_REAL)(cy + sy * a));
		line(page, cx + sx * b, cy + sy * (b + 22), cx + sx * b, cy + sy * b, st);
		if (*st == HPDF_OK)
			*st = HPDF_Page_LineTo(page, (HPDF_REAL)(cx + sx * (b + 22)), (HPDF_REAL)(cy + sy * b));
	}
	if (*st == HPDF_OK)
		*st = HPDF_Page_Stroke(page);
	for (int corner = 0; corner < 4; corner++) {
		double sx = corner & 1 ? -1 : 1, sy = corner & 2 ? -1 : 1;
		double cx = corner & 1 ? w : 0, cy = corner & 2 ? h : 0;
		diamond(page, cx + sx * (FRAME_INNER + 19), cy + sy * (FRAME_INNER + 19), 3.2, st);
	}
	if (*st == HPDF_OK)
		*st = HPDF_Page_Fill(page);
}

void
cert_draw_rule(HPDF_Page page, const struct cert_theme *t, double x, double y, double half, HPDF_STATUS *st)
{
	stroke_rgb(page, t->border_rgb, st);
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetLineWidth(page, 0.9);
	line(page, x - half, y, x - 12, y, st);
	line(page, x + 12, y, x + half, y, st);
	if (*st == HPDF_OK)
		*st = HPDF_Page_Stroke(page);
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBFill(page, (HPDF_REAL)t->accent_rgb[0], (HPDF_REAL)t->accent_rgb[1],
		                           (HPDF_REAL)t->accent_rgb[2]);
	diamond(page, x, y, 4.5, st);
	diamond(page, x - half - 5, y, 2, st);
	diamond(page, x + half + 5, y, 2, st);
	if (*st == HPDF_OK)
		*st = HPDF_Page_Fill(page);
}

int
cert_draw_qr(HPDF_Page page, const char *text, double x, double y, double size, HPDF_STATUS *st, char **err)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (q == NULL) {
		*err = xasprintf("cannot make the QR code of %s: %s", text, strerror(errno));
		return -1;
	}
	/* In modules, the rows from the bottom, filled even-odd: each finder
	 * pattern as three nested squares, the other dark modules as
	 * rectangles that do not overlap, each a run along a row and as many
	 * rows below as are dark across it. */
	int n = q->width;
	unsigned char *dark = xcalloc((size_t)n * (size_t)n, 1);
	for (int i = 0; i < n * n; i++)
		dark[i] = q->data[i] & 1;
	struct buf ops = {0};
	buf_puts(&ops, "q\n");
	pdf_num(&ops, size / n);
	buf_puts(&ops, "0 0 ");
	pdf_num(&ops, size / n);
	pdf_num(&ops, x);
	pdf_num(&ops, y);
	buf_puts(&ops, "cm\n");
	static const int finders[3][2] = {{0, 0}, {0, 1}, {1, 0}}; /* (row, col): 0 first, 1 last */
	for (int f = 0; f < 3 && n >= 21; f++) {
		int r0 = finders[f][0] ? n - 7 : 0, c0 = finders[f][1] ? n - 7 : 0;
		for (int k = 0; k < 3; k++) {
			pdf_num(&ops, c0 + k);
			pdf_num(&ops, n - r0 - 7 + k);
			pdf_num(&ops, 7 - 2 * k);
			pdf_num(&ops, 7 - 2 * k);
			buf_puts(&ops, "re\n");
		}
		for (int r = r0; r < r0 + 7; r++)
			memset(dark + r * n + c0, 0, 7);
	}
	for (int row = 0; row < n; row++) {
		for (int col = 0; col < n;) {
			if (!dark[row * n + col]) {
				col++;
				continue;
			}
			int end = col;
			while (end < n && dark[row * n + end])
				end++;
			/* as many rows below as are dark across the same columns */
			int h = 1;
			while (row + h < n && memchr(dark + (row + h) * n + col, 0, (size_t)(end - col)) == NULL) {
				memset(dark + (row + h) * n + col, 0, (size_t)(end - col));
				h++;
			}
			pdf_num(&ops, col);
			pdf_num(&ops, n - row - h);
			pdf_num(&ops, end - col);
			pdf_num(&ops, h);
			buf_puts(&ops, "re\n");
			col = end;
		}
	}
	buf_puts(&ops, "f*\nQ\n");
	free(dark);
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBFill(page, 0, 0, 0);
	if (*st == HPDF_OK)
		*st = pdf_haru_page_write(page, ops.p, ops.len);
	buf_free(&ops);
	QRcode_free(q);
	return 0;
}

