/* Layout for the PDF documents that flow (the book, official notices):
 * styled paragraphs measured with the widths libharu writes, broken into
 * lines and drawn; their lines become the boxes that pdf_paginate()
 * (pdf_break.h) breaks into pages. */
#ifndef QB_PDF_LAYOUT_H
#define QB_PDF_LAYOUT_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pdf_break.h"
#include "pdf_font.h"

/* ---- styled paragraphs ---- */

/* The faces' coverage and widths, looked up once per code point: for one
 * document (one thread). */
struct pdf_metrics {
	const struct pdf_fonts *fs;
	int32_t **cache; /* per face, per code point to U+FFFF: -2 not looked up, -1 not covered, else the width */
};

void pdf_metrics_init(struct pdf_metrics *m, const struct pdf_fonts *fs);
/* The face of a chain that draws cp (pdf_chain_pick()), and its width in
 * 1/1000 em in *width; -1 when none does. */
int pdf_metrics_pick(struct pdf_metrics *m, const struct pdf_chain *c, uint32_t cp, int *width);
void pdf_metrics_free(struct pdf_metrics *m);

/* How a run of characters looks. */
struct pdf_style {
	const struct pdf_chain *chain;
	double size;
	double rise;   /* baseline shift up, in points (superscripts) */
	double rgb[3];
	/* Space added after each character, in points; negative sets
	 * characters closer (an official document's grid of characters). */
	double tracking;
};

/* The characters of a paragraph, each with its style, face and width. */
struct pdf_para {
	uint32_t *cps;
	unsigned short *style; /* index into the caller's styles */
	short *face;
	double *w, *squeeze;
	int *mark;             /* per character: the caller's mark (footnote number, 0 for none) */
	size_t n, cap;
	struct pdf_lines lines;
};

/* True for the characters a paragraph leaves out: controls other than
 * '\n', zero-width spaces and joiners, variation selectors. */
bool pdf_para_skips(uint32_t cp);

/* Appends UTF-8 text in a style. A character no face of the style's chain
 * draws is left out and its code point put in *bad (when *bad is still 0).
 * Control characters other than '\n' (a forced line end) are left out, and
 * so is a space between two wide (Chinese) characters. */
void pdf_para_add(struct pdf_para *p, struct pdf_metrics *m, const struct pdf_style *styles,
                  unsigned style, const char *s, size_t len, int mark, uint32_t *bad);
/* The last character added, or 0. */
uint32_t pdf_para_last(const struct pdf_para *p);
/* Breaks the paragraph into p->lines, `width` wide, the first line `indent`
 * narrower. Returns the number of lines. */
size_t pdf_para_break(struct pdf_para *p, double width, double indent);
/* The natural width of the whole paragraph on one line, and of its widest
 * unbreakable piece. */
void pdf_para_widths(const struct pdf_para *p, double *whole, double *piece);
/* Records the characters in the document's fonts. */
void pdf_para_use(const struct pdf_para *p, struct pdf_doc_fonts *d);
/* Draws line i with its baseline starting at (x, y). When justify is not
 * set the line keeps its natural spacing (unless it must be compressed).
 * Returns HPDF_OK or libharu's error. */
HPDF_STATUS pdf_para_draw_line(HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_para *p,
                               const struct pdf_style *styles, size_t i, double x, double y, bool justify);
/* How a line sits in its box. */
enum pdf_align { PDF_JUSTIFY, PDF_LEFT, PDF_CENTRE, PDF_RIGHT };
/* Draws line i in the box [x, x + w) with its baseline at y: justified
 * (but a paragraph's last line), flush left, centred or flush right. Does
 * nothing when *st is not HPDF_OK or there is no line i; sets *st to
 * libharu's error. */
void pdf_para_draw_in(HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_para *p,
                      const struct pdf_style *styles, size_t i, double x, double w, double y, enum pdf_align align,
                      HPDF_STATUS *st);
/* Strokes a line from (x0, y0) to (x1, y1), width points wide, in rgb;
 * the same error handling. */
void pdf_stroke(HPDF_Page page, double x0, double y0, double x1, double y1, double width, const double rgb[3],
                HPDF_STATUS *st);
/* The width line i is drawn with. */
double pdf_para_line_width(const struct pdf_para *p, size_t i, bool justify);
void pdf_para_free(struct pdf_para *p);

#endif
