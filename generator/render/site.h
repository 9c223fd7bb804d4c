/* The website renderer (output/site/): notices, case pages, the case
 * library with its facet pages and search index, verification pages, feeds.
 *
 * Pages are made by the stylesheets in the theme's templates/site/. Each
 * is applied to a "view": a small document with the shape of the model XML
 * (`qbpress model`) that holds only what a page needs, because libxslt
 * walks the whole input document once per transformation. The library view
 * holds every campaign and record without narrative bodies; a record view
 * holds one record in full and its published neighbours in the library. In
 * both, copied records carry two additions: region/@slug (the facet
 * address) and, on case links in narratives, @target-status. */
#ifndef QB_SITE_H
#define QB_SITE_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "render.h"

/* A record as the site sees it. */
struct site_record {
	const struct record *r;
	xmlNodePtr node;   /* its element in ctx->doc */
	char *region_slug;
	long prev, next;   /* published neighbours in its campaign, or -1 */
};

struct site_index {
	const struct render_ctx *ctx;
	struct site_record *recs; /* campaigns by year, records in records.yaml order */
	size_t nrecs;
};

/* Collects the records of ctx->doc. Returns 0, or -1 after a diagnostic. */
int site_index_init(struct site_index *ix, const struct render_ctx *ctx);
void site_index_free(struct site_index *ix);
/* The record of a year and id, or NULL. */
const struct site_record *site_index_find(const struct site_index *ix, int year, const char *id);

/* The address segment of a region: pinyin for the province-level divisions,
 * hex of the name otherwise. Caller frees. */
char *site_region_slug(const char *region);

/* The library view; the caller frees it with xmlFreeDoc(). */
xmlDocPtr site_library_view(const struct site_index *ix);
/* The view of record i. */
xmlDocPtr site_record_view(const struct site_index *ix, size_t i);

/* Writes the data of the library search and the certificate lookup
 * (site_search.c). Returns 0, or -1 after a diagnostic. */
int site_search_write(const struct site_index *ix);

int render_site(const struct render_ctx *ctx);

#endif
