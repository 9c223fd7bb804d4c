/* The website renderer (output/site/): notices, case pages, the case
 * library with its facet pages and search index, verification pages, feeds.
 *
 * Pages are made by the stylesheets in the theme's templates/site/. Each
 * is applied to a "view": a small document with the shape of the model XML
 * (`qbpress model`) that holds only what a page needs, because libxslt
 * walks the whole input document once per transformation, and so that a
 * page's memory does not grow with the years: a page of the library's
 * lists holds the cases it shows, a section's page the records it shows;
 * a record view holds one record in full and its published neighbours in
 * the library. */
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
	struct site_made *made;   /* what a process makes once for its views */
};

void site_index_init(struct site_index *ix, const struct model *m);
void site_index_free(struct site_index *ix);
/* The index of a record in ix->recs. */
size_t site_index_of(const struct site_index *ix, const struct record *r);

/* The views of the pages about many records; the caller frees them with
 * site_view_free(), one view at a time (a view holds parts lent by the
 * index, which go back to it when it is freed). Only the views of pages
 * that show the build date or depend on it (the home page, notices, the
 * feed) carry /model/@today.
 *   section: every campaign, with only the records its page shows (see
 *     enum site_section), the free pages in full and library (the
 *     <library> of site_facets_view);
 *   campaign: every campaign, with the records of campaign ci only, and
 *     the statistics;
 *   pages: the site and the free pages in full, no campaigns. */
/* The pages of the site's sections and the records their views hold. */
enum site_section {
	SECTION_HOME,     /* the issued and published marks of the campaigns the home page follows */
	SECTION_NOTICES,  /* none */
	SECTION_VERIFY,   /* number, addresses and enterprise of every issued certificate */
	SECTION_VERIFY_YEARS, /* none, and /model/verify-years: the number of issued certificates of each year */
	SECTION_STATS,    /* the revoked records, and /model/statistics */
	SECTION_EXCHANGE, /* none */
	SECTION_FEED,     /* none */
};
xmlDocPtr site_section_view(const struct site_index *ix, enum site_section which, xmlNodePtr library);
/* /model/library alone, for the list of facet pages to make. */
xmlDocPtr site_facets_view(const struct site_index *ix);
/* A page of a list of the case library: the whole library (facet NULL) or
 * the published cases of one facet value, per_page cards a page. */
struct site_list {
	const char *facet, *value;
	long page, per_page; /* page from 1 */
};
/* The view of a page of a list: every campaign with only the records that
 * page shows, the free pages without bodies, library (the <library> of
 * site_facets_view) and /model/pager (the page, the number of
 * pages, the count of the list's cases, the numbers of the page's first
 * and last and every page's address). */
xmlDocPtr site_list_view(const struct site_index *ix, const struct site_list *l, xmlNodePtr library);
xmlDocPtr site_campaign_view(const struct site_index *ix, size_t ci);
xmlDocPtr site_pages_view(const struct site_index *ix);
/* Gives back what the view holds of the index (and of library), then
 * frees it. */
void site_view_free(const struct site_index *ix, xmlDocPtr view);
/* The number of certificates issued in a campaign, and in all. */
long site_campaign_issued(const struct campaign *c);
long site_issued_count(const struct site_index *ix);
/* The view of the list of a year's certificates (address_verify_year):
 * campaign ci alone, with its issued records (number, addresses and
 * enterprise), and the free pages without bodies. */
xmlDocPtr site_verify_year_view(const struct site_index *ix, size_t ci);
/* The view of record i, without its narrative's body; *record is its
 * <record>. The caller frees it with site_view_free(). */
xmlDocPtr site_record_view(const struct site_index *ix, size_t i, xmlNodePtr *record);
/* Adds the narrative's body to the <record> of record i's view: the view
 * becomes the one the case page is made from. */
void site_record_view_body(const struct site_index *ix, size_t i, xmlNodePtr record, cmark_node *body);

/* The theme's website settings (site.yaml). */
struct site_settings {
	long per_page; /* cards_per_page: cards on a page of the library's lists */
	long per_list; /* certificates_per_list: above this many issued
	                  certificates in all, /verify/ lists years, each
	                  with a page of its certificates */
};
/* Reads the theme's website settings at path (site.yaml). Returns 0, or
 * -1 after a diagnostic. */
int site_settings_read(const char *path, struct site_settings *set);

/* Writes the data of the library search and the certificate lookup
 * (site_search.c). Returns 0, or -1 after a diagnostic. */
int site_search_write(const struct site_index *ix);

#endif
