/* Theme templates: XSLT 1.0 stylesheets compiled once per build and applied
 * to the model XML. A theme may hold only some templates: every file it
 * lacks (including files pulled in with xsl:import or xsl:include) is taken
 * from the default theme. Stylesheets cannot write files or reach the
 * network. */
#ifndef QB_XSLT_H
#define QB_XSLT_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "../markdown_html.h"
#include "../util.h"
#include "render.h"

/* The namespace of qbpress's extension elements (qb:cached). */
#define QB_XSLT_NS "urn:qbpress:xslt"

struct theme_sheet {
	xsltStylesheetPtr sheet;
	char *path;       /* the file it was compiled from */
	struct hash hash; /* of it and every module it imports or includes */
};

/* Compiles templates/<rel> (e.g. "site/page.xsl") of ctx's theme, falling
 * back to the default theme. Returns 0, or -1 after a diagnostic that names
 * the file and line. */
int theme_sheet_load(const struct render_ctx *ctx, const char *rel, struct theme_sheet *out);
void theme_sheet_free(struct theme_sheet *s);
/* Compiles templates/<rel> of ctx's theme now (unless it is waiting
 * already), for the next theme_sheet_load() of the same file and theme to
 * take, with what compiling it reported: those messages come then, where
 * they would have come without the preload (a template never taken
 * reports nothing). One thread at a time, holding the pool's lock
 * (pool.h) when others may run. */
void theme_sheet_preload(const struct render_ctx *ctx, const char *rel);

/* Applies a stylesheet to doc with string parameters (a NULL-terminated list
 * of name, value pairs; values are quoted for XPath here) and serialises the
 * result with the stylesheet's xsl:output settings into out. Returns 0, or
 * -1 after a diagnostic. */
int theme_apply(const struct theme_sheet *s, xmlDocPtr doc, const char *const *params, struct buf *out);
/* The same for a sheet that writes XML, giving the tree: *out is the
 * document the written XML would read back as (NULL when it is not one
 * well-formed element), for the caller to free. */
int theme_apply_tree(const struct theme_sheet *s, xmlDocPtr doc, const char *const *params, xmlDocPtr *out);

/* Adds to hooks the CommonMark node types that a stylesheet or one of its
 * modules names (cm:heading and the like, with whatever prefix it binds to
 * the CommonMark namespace): those must reach it as elements
 * (markdown_html.h). */
void theme_sheet_hooks(const struct theme_sheet *s, struct md_hooks *hooks);

/* Feeds a node and everything below it (names, namespaces, attributes,
 * text) to h; an element below it whose _private is set stands for the
 * struct hash it points to (the hash of its subtree, kept by whoever made
 * it). */
void xml_hash_node(struct hasher *h, xmlNodePtr n);
/* The hash of a whole document. */
struct hash xml_hash_doc(xmlDocPtr doc);

/* The path of a theme file (e.g. "static/site.css"), from ctx's theme or the
 * default theme; NULL when neither has it. Caller frees. */
char *theme_file(const struct render_ctx *ctx, const char *rel);

/* Once per process, before any other call. */
void theme_init(const struct render_ctx *ctx);

#endif
