/* The official PDFs' settings from the `notice:` section of the theme's
 * PDF settings (themes/NAME/pdf.yaml): the page and type area of GB/T
 * 9704-2012, its grid of lines and characters, the faces and sizes of the
 * masthead, number, title, body, attachments and page numbers, and the
 * words the PDF adds to the notice's text (its page numbers, its document
 * information). */
#ifndef QB_NOTICE_THEME_H
#define QB_NOTICE_THEME_H

#include <stdbool.h>

#include "../../util.h"
#include "../pdf/pdf_font.h"
#include "../pdf/pdf_theme.h"

/* How one kind of text looks. Sizes in points; leading in ems. */
struct notice_style {
	struct pdf_chain chain;
	double size, leading;
	double rgb[3];
	char *text;           /* folio: the page number's form, with {page} */
	struct pos pos;
};

struct notice_theme {
	char *file;
	struct pdf_fonts fonts;
	double page_w, page_h;          /* points */
	double top, left, area_w, area_h; /* the type area, points */
	int lines, chars;               /* the grid of the body: lines a page, characters a line */
	struct notice_style body, masthead, number, title, annex_label, annex_title, table, table_header, folio;
	double masthead_top;            /* from the type area's top to the masthead's, points */
	double rule_rgb[3], rule_width, rule_below; /* the red rule under the number */
	double folio_below;             /* from the type area's foot to the page number's top, points */
	char *author, *subject, *keywords; /* document information, with {title} {number} {organization} {year} */
};

/* Loads the settings from a PDF settings file and opens their faces.
 * Returns 0, or -1 after diagnostics (free t with notice_theme_free
 * either way). */
int notice_theme_load(struct notice_theme *t, const char *path);
void notice_theme_free(struct notice_theme *t);

/* The values a text of the settings may name. */
struct notice_vals {
	const char *title, *number, *organization, *year, *page;
};

/* Appends a text with its placeholders replaced; unknown names are kept
 * as written. */
void notice_expand(struct buf *out, const char *text, const struct notice_vals *v);

struct model;
struct pdf_check;
/* The check at `qbpress check` time: the official PDFs' faces print every
 * record's enterprise, experience and recommending unit (every record
 * stands on its campaign's publicity list) and the campaigns' titles;
 * each character they cannot is an error at its file:line:col, unless k
 * already reported that place. Returns the number of errors found, or -1
 * when the settings cannot be read (reported). */
int notice_check(const struct model *m, const char *pdf_yaml, struct pdf_check *k);
/* The same with settings already loaded: what the renderer runs before it
 * lays a notice out. */
int notice_check_texts(const struct model *m, const struct notice_theme *t, struct pdf_check *k);

#endif
