/* Lines of text for the PDF renderers: a string split into runs, one per
 * face of a font chain, measured with the same widths libharu writes, fitted
 * into a width (shrink down to a floor size, then two balanced lines broken
 * where UAX #14 allows for Chinese) and drawn. */
#ifndef QB_PDF_TEXT_H
#define QB_PDF_TEXT_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pdf_font.h"

struct pdf_run {
	int face;          /* index into pdf_fonts */
	size_t off, len;   /* bytes of the line's text */
};

struct pdf_line {
	char *text;
	size_t len;
	struct pdf_run *runs;
	size_t nruns;
	size_t nchars;
	long units;        /* sum of the advances, 1/1000 em */
};

/* Once per process, before lines are fitted on any thread. */
void pdf_text_init(void);

/* Splits valid UTF-8 text into runs by the faces of a chain. Returns 0, or
 * -1 with the first code point that no face of the chain can draw in *bad
 * (and an empty line that pdf_line_free accepts). */
int pdf_line_init(struct pdf_line *l, const struct pdf_fonts *fs, const struct pdf_chain *c, const char *text,
                  size_t len, uint32_t *bad);
void pdf_line_free(struct pdf_line *l);
/* The width in points at a size, with tracking (extra space after each
 * character but the last) in em. */
double pdf_line_width(const struct pdf_line *l, double size, double tracking);
/* Records the line's code points in the document's fonts. */
void pdf_line_use(const struct pdf_line *l, struct pdf_doc_fonts *d);
/* The same for a line drawn at `size` points (pdf_doc_fonts_use_at()). */
void pdf_line_use_at(const struct pdf_line *l, struct pdf_doc_fonts *d, double size);
/* Appends to ops the operators that draw the line with the left end of its
 * baseline at (x, y), in the current fill colour, with fonts embedded by
 * pdf_doc_fonts_embed_own() (the page gets them in its resources). Returns 0, or -1 when a character was not given to
 * pdf_line_use() or the page refuses a font. */
int pdf_line_ops(struct buf *ops, HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_line *l, double x,
                 double y, double size, double tracking);
/* Appends a number to content operators: at most three decimals, no
 * trailing zeros, and a space after it. */
void pdf_num(struct buf *ops, double v);

/* Text fitted into a width. */
struct pdf_fit {
	struct pdf_line lines[2];
	size_t nlines;
	double size;
	bool below_floor; /* even two lines at min_size were too wide: size is smaller */
};

/* Fits text into max_width: one line at `size`, or smaller down to
 * `min_size` (in half points); failing that, two lines as even as the break
 * opportunities allow, at the largest size up to `size` at which both fit.
 * Never wider than max_width. Returns 0, or -1 with the first code point no
 * face can draw in *bad. */
int pdf_fit(struct pdf_fit *out, const struct pdf_fonts *fs, const struct pdf_chain *c, const char *text,
            double max_width, double size, double min_size, double tracking, uint32_t *bad);
void pdf_fit_free(struct pdf_fit *f);

#endif
