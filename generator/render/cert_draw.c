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
	/* An image mask of one sample a module, rows from the top, a dark
	 * module 1 (painted, as the decode array is [1 0]), each row a whole
	 * number of bytes, in hexadecimal (the content stream is deflated),
	 * scaled to the square. */
	int n = q->width;
	struct buf ops = {0};
	buf_puts(&ops, "q\n");
	pdf_num(&ops, size);
	buf_puts(&ops, "0 0 ");
	pdf_num(&ops, size);
	pdf_num(&ops, x);
	pdf_num(&ops, y);
	buf_printf(&ops, "cm\nBI /IM true /W %d /H %d /BPC 1 /D [1 0] /F /AHx ID\n", n, n);
	static const char hex[] = "0123456789ABCDEF";
	for (int row = 0; row < n; row++) {
		for (int col = 0; col < n; col += 8) {
			unsigned byte = 0;
			for (int k = 0; k < 8; k++)
				byte = byte << 1 | (col + k < n ? q->data[row * n + col + k] & 1u : 0u);
			buf_putc(&ops, hex[byte >> 4]);
			buf_putc(&ops, hex[byte & 15]);
		}
	}
	buf_puts(&ops, ">\nEI\nQ\n");
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBFill(page, 0, 0, 0);
	if (*st == HPDF_OK)
		*st = pdf_haru_page_write(page, ops.p, ops.len);
	buf_free(&ops);
	QRcode_free(q);
	return 0;
}

