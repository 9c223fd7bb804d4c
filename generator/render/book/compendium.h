/* The experience compendium (经验汇编): one typeset book per announced
 * campaign, site/compendium/<year>.pdf, with every published case of the
 * year in four parts by focus area (Art. 11), each case on a right-hand
 * page. */
#ifndef QB_COMPENDIUM_H
#define QB_COMPENDIUM_H

#include <stddef.h>

#include "../../model.h"
#include "../../util.h"
#include "../render.h"

/* Where a case stands in its book. */
struct compendium_case {
	const struct record *r;
	unsigned page;  /* the page number printed on it (the folio) */
	unsigned index; /* its page in the PDF file, from 1: for links "<year>.pdf#page=N" */
};

/* What the site says of a book. */
struct compendium_info {
	int year;
	char *rel;          /* "site/compendium/2025.pdf", below the output folder */
	size_t pages;       /* pages in the file */
	size_t bytes;       /* its size */
	struct compendium_case *cases; /* in the book's order */
	size_t ncases;
};

/* A case's narrative tree (sanitised), parsed from its file, or NULL: the
 * only way the book reaches it. The caller frees it with
 * markdown_free_tree(). */
cmark_node *compendium_narrative(const struct model *m, const struct record *r);

/* True when a campaign has a book: announced, with a published case. */
bool compendium_wanted(const struct campaign *c);

/* Makes the book of a campaign in memory: appends the PDF to out and fills
 * *info (free with compendium_info_free). Returns 0, or -1 after
 * diagnostics. Reads the theme's pdf.yaml each time: to make several books,
 * render_compendium() does it once. */
int compendium_make(const struct render_ctx *ctx, const struct campaign *c, struct buf *out,
                    struct compendium_info *info);
void compendium_info_free(struct compendium_info *info);

/* The renderer's steps (render.h): begin() starts a job per wanted
 * campaign's book that cannot be kept (and one checking its texts), which
 * run beside the record pass; settle() waits for them. */
int compendium_begin(const struct render_ctx *ctx, void **state);
int compendium_settle(void *state);
void compendium_end(void *state);

/* The check at `qbpress check` time: every character the books will print
 * (narratives, the compendium.md prefaces, the record fields of a case's
 * opening, the campaign title and organization) must be drawn by a face of
 * the theme's PDF settings at pdf_yaml; each that is not is an error at its
 * file:line:col, unless k already reported that place (another PDF's
 * check). Returns the number of errors found, or -1 when the settings
 * cannot be read (reported). */
struct pdf_check;
int compendium_check(const struct model *m, const char *pdf_yaml, struct pdf_check *k);

struct book_theme;
/* The same with settings already loaded, for the campaign of `year` (every
 * campaign when 0): what the renderer runs before it lays a book out. */
int compendium_check_texts(const struct model *m, const struct book_theme *t, int year);

#endif
