/* Line and page breaking for Chinese text: where a line may end (UAX #14
 * through libunibreak, language "zh", tightened by the basic rules of the
 * W3C's Requirements for Chinese Text Layout), lines filled to a width, and
 * a flow of measured boxes broken into pages.
 *
 * These are pure functions over code points, widths and heights: no fonts,
 * no PDF. The book and the official notices measure their characters, call
 * pdf_break_lines() and pdf_paginate(), and draw what they return. */
#ifndef QB_PDF_BREAK_H
#define QB_PDF_BREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What pdf_break_opportunities() sets for the position after each
 * character. */
enum { PDF_BREAK_NO, PDF_BREAK_ALLOW, PDF_BREAK_MUST };

/* Once per process, before any breaking. */
void pdf_break_init(void);

/* Sets brk[i] for the position after cps[i] (the last is always
 * PDF_BREAK_MUST). UAX #14 as libunibreak implements it for "zh", with
 * these overrides (clreq 3.1.7 and 3.1.9):
 *   - no break before a character that may not start a line: ，。、；：！？
 *     ）》」』】〕〗〙〛〉 closing quotation marks, … ‥ · ・ ～ and the
 *     small kana;
 *   - no break after a character that may not end a line: （《「『【〔〖〘
 *     〚〈 and opening quotation marks;
 *   - no break inside a run of —— or ……;
 *   - code points above U+FFFF are taken as ideographs (the PDF library
 *     cannot draw them; `check` reports them before anything is laid out).
 * Returns brk. */
char *pdf_break_opportunities(const uint32_t *cps, size_t n, char *brk);

/* True when a character may not start a line (the first list above). */
bool pdf_break_no_start(uint32_t cp);
/* True when a character may not end a line (the second list). */
bool pdf_break_no_end(uint32_t cp);

/* True for full-width punctuation whose glyph fills half its em, which a
 * line may compress: ，。、；：！？ and brackets and quotation marks. */
bool pdf_break_squeezable(uint32_t cp);

/* East Asian wide and full-width characters, roughly: what a CJK face
 * draws one em wide. */
bool pdf_break_wide(uint32_t cp);

/* One line: the characters [from, to) of the text, spaces at its end left
 * out, their natural width, and the space to add after each character but
 * the last so that the line fills the width (negative: compressed). */
struct pdf_line_box {
	size_t from, to;
	double natural;
	double spacing;
	bool last;  /* the paragraph's last line: not spread */
};

struct pdf_lines {
	struct pdf_line_box *v;
	size_t n, cap;
};

/* Fills lines of `width` points (the first `indent` points narrower) with
 * the characters cps[0 … n) of widths w[] (points). A line ends at the
 * last opportunity that fits. When the character that does not fit may not
 * start a line and the line's full-width punctuation can give up its
 * half-em blank (`squeeze`: the points each may give), the line is
 * compressed to keep it; otherwise the break moves back. A run with no
 * opportunity wider than a line (a long Latin string) is broken between
 * characters where the line is full, not moved to a line of its own. Never returns a line wider than its width. Appends to out
 * (free with pdf_lines_free); returns the number of lines added. */
size_t pdf_break_lines(const uint32_t *cps, const double *w, const double *squeeze, const char *brk, size_t n,
                       double width, double indent, struct pdf_lines *out);

void pdf_lines_free(struct pdf_lines *l);

/* The whole breaking of a UTF-8 text into lines of `width` ems, measured
 * with a fixed metric (a wide character 1 em, any other ½ em): the entry
 * point for fuzzing and tests. Invalid UTF-8 is taken byte by byte as
 * U+FFFD. *cps receives the code points (caller frees). Returns the number
 * of lines. */
size_t pdf_break_text(const char *text, size_t len, double width, struct pdf_lines *out, uint32_t **cps,
                      size_t *ncps);

/* ---- pages ---- */

enum {
	PDF_V_KEEP = 1, /* no page break after this box */
	PDF_V_PAGE = 2, /* the box starts a page */
	PDF_V_ODD = 4,  /* the box starts a right-hand (odd-numbered) page */
};

/* A box of the flow: a line of text, an image, a table row, a page of its
 * own (height = the page's). */
struct pdf_vbox {
	double height;
	double space_before; /* dropped at the top of a page */
	double foot;         /* height of the footnotes it brings to its page */
	double head;         /* height repeated above it when it starts a page (a table's header row) */
	unsigned flags;
	/* set by pdf_paginate() */
	size_t page;         /* from 0, the first page of the flow */
	double y;            /* its top, down from the top of the type area */
	bool headed;         /* starts its page with the repeated head above it */
};

/* Breaks a flow into pages `height` points tall whose footnotes take
 * `foot_sep` more points when there are any. A page ends at the last box
 * that allows a break (no PDF_V_KEEP) and leaves room for the footnotes of
 * its boxes; when no box of the page allows one, the page ends where it is
 * full. `first` is the number of the flow's first page, for PDF_V_ODD,
 * which leaves a page empty when needed. A box taller than a page has a
 * page of its own. Returns the number of pages (empty ones included). */
size_t pdf_paginate(struct pdf_vbox *v, size_t n, double height, double foot_sep, size_t first);

#endif
