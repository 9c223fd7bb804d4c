/* The website renderer (output/site/): notices, case pages, the case
 * library with its facet pages and search index, verification pages, feeds.
 *
 * Pages are made by the stylesheets in the theme's templates/site/. Each
 * is applied to a "view": a small document with the shape of the model XML
 * (`qbpress model`) that holds only what a page needs, because libxslt
 * walks the whole input document once per transformation. The library view
 * holds every campaign and record without narrative bodies; a record view
 * holds one record in full and its published neighbours in the library. */
#ifndef QB_SITE_H
#define QB_SITE_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "../markdown_html.h"
#include "render.h"

/* A record as the site sees it. */
struct site_record {
	const struct record *r;
	char *region_slug;
	long prev, next;   /* published neighbours in its campaign, or -1 */
};

struct site_index {
	const struct render_ctx *ctx;
	const struct model *m;
	struct site_record *recs; /* campaigns by year, records in records.yaml order */
	size_t nrecs;
	size_t *first;            /* per campaign: the index of its first record */
	struct md_hooks hooks;    /* the narrative nodes the templates render themselves */
};

void site_index_init(struct site_index *ix, const struct model *m);
void site_index_free(struct site_index *ix);
/* The index of a record in ix->recs. */
size_t site_index_of(const struct site_index *ix, const struct record *r);

/* The views of the pages about many records; the caller frees them with
 * xmlFreeDoc(). Only the views of pages that show the build date or
 * depend on it (the home page, notices, the feed) carry /model/@today.
 *   library: every campaign and record (no narrative bodies), the
 *     statistics, the free pages in full, /model/library (facets and
 *     counts);
 *   facet: the same with only the published records of one facet value,
 *     and the free pages without bodies;
 *   campaign: every campaign, with the records of campaign ci only, and
 *     the statistics;
 *   pages: the site and the free pages in full, no campaigns. */
xmlDocPtr site_library_view(const struct site_index *ix);
/* /model/library alone, for the list of facet pages to make. */
xmlDocPtr site_facets_view(const struct site_index *ix);
xmlDocPtr site_facet_view(const struct site_index *ix, const char *facet, const char *value);
xmlDocPtr site_campaign_view(const struct site_index *ix, size_t ci);
xmlDocPtr site_pages_view(const struct site_index *ix);
/* The view of record i, without its narrative's body; *record is its
 * <record>. */
xmlDocPtr site_record_view(const struct site_index *ix, size_t i, xmlNodePtr *record);
/* Adds the narrative's body to the <record> of record i's view: the view
 * becomes the one the case page is made from. */
void site_record_view_body(const struct site_index *ix, size_t i, xmlNodePtr record, cmark_node *body);

/* Writes the data of the library search and the certificate lookup
 * (site_search.c). Returns 0, or -1 after a diagnostic. */
int site_search_write(const struct site_index *ix);

#endif
