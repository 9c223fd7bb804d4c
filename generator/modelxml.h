/* The model as XML: the input of the theme templates. Its shape is
 * described by docs/model.rng. The building blocks below make both the
 * whole document (`qbpress model`) and the renderers' views, the small
 * documents that hold what one page needs. Confidential review data is
 * never part of the model, so it cannot appear here. */
#ifndef QB_MODELXML_H
#define QB_MODELXML_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "markdown_html.h"
#include "model.h"

#define QB_CMARK_NS "http://commonmark.org/xml/1.0"

/* Makes libxml2 and libxslt allocate with xmalloc and friends (util.h):
 * running out of memory ends the program with status 2 and a message, as
 * everywhere else. Call it first, before any other libxml2 call. */
void xml_memory_init(void);

/* The whole document, narratives included: body(arg, r) gives a record's
 * parsed narrative (the caller of body frees nothing: the tree is freed
 * here), or NULL. The caller frees the document with xmlFreeDoc(). */
xmlDocPtr model_to_xml(const struct model *m, cmark_node *(*body)(void *arg, const struct record *r), void *arg);

/* <model generator=… today=…> as the root of doc; today only when asked,
 * because a page that shows no date must not depend on the build date. */
xmlNodePtr modelxml_root(xmlDocPtr doc, const struct model *m, bool today);
/* <site>, <focus-areas>, <industries> below root. */
void modelxml_site(xmlNodePtr root, const struct model *m);
void modelxml_focus_areas(xmlNodePtr root, const struct model *m);
void modelxml_industries(xmlNodePtr root);
/* <campaign> with its notices and exchanges, without <records>. */
xmlNodePtr modelxml_campaign(xmlNodePtr parent, const struct campaign *c);
/* <record>: with narrative set, its <narrative> front matter, and its body
 * as cm:document when body is given (with the node types of hooks as
 * elements, the rest as HTML: markdown_html.h; NULL for all elements). */
xmlNodePtr modelxml_record(xmlNodePtr parent, const struct record *r, bool narrative, cmark_node *body,
                           const struct model *m, const struct md_hooks *hooks);
/* <record> with its attributes and <enterprise> only, as a page about
 * another record names it. */
xmlNodePtr modelxml_record_brief(xmlNodePtr parent, const struct record *r);
/* Adds to a document's element (<narrative>, made without the body) what
 * the body gives: @chars, <excerpt> and the cm:document, as
 * modelxml_record does with the body. */
void modelxml_document_body(xmlNodePtr x, const struct document *d, cmark_node *body, const struct model *m,
                            const struct md_hooks *hooks);
/* The same for the <narrative> of a <record> made without the body. */
void modelxml_record_body(xmlNodePtr record, const struct record *r, cmark_node *body, const struct model *m,
                          const struct md_hooks *hooks);
/* What a record's narrative adds to its <record> when its body is given,
 * beyond the same record without it: the narrative's path and bytes, and
 * what every case a link may name became. A view made without the body,
 * hashed with this key, stands for the view with it (for keeping a file
 * of the previous build without converting the body). Zero without a
 * narrative. */
struct hash modelxml_body_key(const struct model *m, const struct record *r);
/* <pages>, with each page's body when bodies is set. */
void modelxml_pages(xmlNodePtr root, const struct model *m, bool bodies, const struct md_hooks *hooks);

/* Converts one Markdown tree to a CommonMark XML element (cm:document):
 * the node types of hooks as elements, the others as HTML text that a
 * stylesheet copies as it is (NULL: every node an element). With m given,
 * case links say what their target became (target-status). */
xmlNodePtr markdown_to_xml(cmark_node *root, xmlNsPtr ns, const struct model *m, const struct md_hooks *hooks);

/* Sets the attribute name of n to v in decimal. */
void modelxml_set_int(xmlNodePtr n, const char *name, long v);

#endif
