/* Narratives as HTML, for the node types a theme leaves to qbpress.
 *
 * A theme's templates turn the CommonMark XML of a narrative (cm:*) into
 * HTML. Transforming every node that way costs most of a page, so the site
 * gives a stylesheet only the node types it has templates for (its "hooks",
 * found by markdown_hooks_of() in the stylesheet): the rest arrive already
 * written as standard HTML, in text nodes that the stylesheet copies as
 * they are. Links and images are always elements (their addresses are the
 * theme's), so is the document. Headings carry their anchor (@anchor) in
 * either form. */
#ifndef QB_MARKDOWN_HTML_H
#define QB_MARKDOWN_HTML_H

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdint.h>

#include "util.h"

/* Node types by the names of the CommonMark XML. */
enum md_type {
	MD_DOCUMENT, MD_BLOCK_QUOTE, MD_LIST, MD_ITEM, MD_CODE_BLOCK, MD_PARAGRAPH, MD_HEADING, MD_THEMATIC_BREAK,
	MD_TABLE, MD_TABLE_HEADER, MD_TABLE_ROW, MD_TABLE_CELL, MD_TEXT, MD_SOFTBREAK, MD_LINEBREAK, MD_CODE,
	MD_EMPH, MD_STRONG, MD_STRIKETHROUGH, MD_LINK, MD_IMAGE, MD_HTML_BLOCK, MD_HTML_INLINE, MD_OTHER,
	MD_NTYPES
};

/* The node types that stay elements. */
struct md_hooks {
	uint32_t types; /* a bit per md_type */
};

enum md_type md_type_of(cmark_node *n);
/* The element name of a node type ("table_header" for a header row). */
const char *md_type_name(enum md_type t);
/* Every type: the whole CommonMark XML, as `qbpress model` gives it. */
void md_hooks_all(struct md_hooks *h);
bool md_hooked(const struct md_hooks *h, enum md_type t);
/* Adds the types that a text of XPath (a pattern, an expression) names
 * with the given prefix, like "cm:paragraph". */
void md_hooks_scan(struct md_hooks *h, const char *text, const char *prefix);

/* Appends the string value of a node, as XPath's string() gives it. */
void markdown_node_text(struct buf *b, cmark_node *n);
/* The text of a document's first paragraph, white space made single
 * spaces, or NULL when it has none. Caller frees. */
char *markdown_excerpt(cmark_node *root);

/* Whether a paragraph holds one picture of the content and nothing else: a
 * block image (the picture gets @block; written by qbpress, such a
 * paragraph has no <p>, so that the theme can make it a figure). */
bool markdown_block_image(cmark_node *paragraph);

/* A table cell's column, from 0. */
int md_cell_column(cmark_node *cell);
/* How a table cell's column is aligned: "left", "center", "right", or NULL
 * when its column does not say. */
const char *md_cell_align(cmark_node *cell);

/* Appends the HTML that opens (enter) or closes a node of a type that is
 * not hooked; anchor is a heading's (md_anchors_next()). Headings start
 * at h2 (a page's own title is its h1). A table's header
 * cells have scope="col"; a cell whose column is aligned has the class
 * align-left, align-center or align-right. */
void markdown_html_enter(struct buf *b, cmark_node *n, const char *anchor);
void markdown_html_exit(struct buf *b, cmark_node *n);

/* The anchors of a document's headings, as GitHub makes them: lower case,
 * punctuation dropped, spaces to hyphens, "-1", "-2" … for a slug repeated
 * among the headings before it with the same parent. */
struct md_anchors;
struct md_anchors *md_anchors_new(void);
/* The anchor of the next heading in document order ("" for none); caller
 * frees. */
char *md_anchors_next(struct md_anchors *a, cmark_node *heading);
void md_anchors_free(struct md_anchors *a);

#endif
