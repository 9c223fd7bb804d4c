/* The book's settings from the `book:` section of the theme's PDF settings
 * (themes/NAME/pdf.yaml): page, margins, faces and sizes, and every word the
 * book prints that is not content. */
#ifndef QB_BOOK_THEME_H
#define QB_BOOK_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "../../model.h"
#include "../../util.h"
#include "../pdf/pdf_font.h"
#include "../pdf/pdf_theme.h"

/* How one kind of text looks (and, for some, what it says). Lengths in
 * points. */
struct book_style {
	char *text;            /* with {placeholders}, or NULL */
	struct pdf_chain chain;
	double size, leading;  /* leading in ems */
	double space_before, indent;
	double rgb[3];
	struct pos pos;        /* where it was set, for diagnostics */
};

#define BOOK_HEADINGS 3
#define BOOK_BULLETS 8

struct book_theme {
	char *file;
	struct pdf_fonts fonts;
	double page_w, page_h;
	double top, bottom, inside, outside;
	struct book_style body, emphasis, strong, code, quote, table, table_header, caption, footnote;
	struct book_style headings[BOOK_HEADINGS];
	struct book_style running_head, folio;
	char *bullets[BOOK_BULLETS];
	size_t nbullets;
	char *number;
	struct book_style cover_year, cover_title, cover_subtitle, cover_org, cover_date;
	double cover_rule[3];
	struct book_style contents, preface, part, case_title, case_lines;
	char *part_number[FOCUS_COUNT], *part_title[FOCUS_COUNT];
	char *label_enterprise, *label_region, *label_industry, *label_recommender;
	char *title, *subject, *keywords;
	struct pdf_date_form date; /* {date}: the settings' date form */
};

/* Loads the book's settings from a PDF settings file and opens their faces.
 * Returns 0, or -1 after diagnostics. */
int book_theme_load(struct book_theme *t, const char *path);
void book_theme_free(struct book_theme *t);

/* The values a book text may name. */
struct book_vals {
	const char *year, *campaign, *organization, *date, *page;
};

/* Appends a text with its placeholders replaced. Unknown names are kept
 * as written. */
void book_expand(struct buf *out, const char *text, const struct book_vals *v);

#endif
