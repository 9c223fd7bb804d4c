/* Every address of a published page or file, below the site's base URL:
 * built here once and used by the site, the WeChat export, the
 * certificates and the feed, and given to the templates in the model. */
#ifndef QB_ADDRESS_H
#define QB_ADDRESS_H

#include "model.h"

/* The address segment of a region: pinyin for the provincial-level
 * divisions, "x" and the hex of the name otherwise. Caller frees. */
char *address_region_slug(const char *region);
/* The order of a region among the provincial-level divisions (GB/T 2260),
 * or a large number for others. */
int address_region_order(const char *slug);

/* Each returns a path relative to the site's top ("cases/2025/x/"); caller
 * frees. Folders end in '/'. */
char *address_case(const struct record *r);
char *address_verify(const struct record *r);
/* The list of the certificates issued in a year, for the lookup that
 * lists years instead of every certificate ("verify/year/2025/"). */
char *address_verify_year(int year);
char *address_certificate(const struct record *r);
char *address_revocation(const struct record *r);
char *address_publicity(const struct campaign *c);
char *address_announcement(const struct campaign *c);
/* A notice's official PDF, in the notice's folder: "notices/2026-publicity/
 * 2026-publicity.pdf" for the folder "notices/2026-publicity/". */
char *address_notice_pdf(const char *notice);
char *address_page(const struct document *page);
/* The experience compendium of a year, "compendium/2025.pdf". */
char *address_compendium(int year);
/* A page of the case library that lists one value of a facet
 * ("cases/region/shandong/"). */
char *address_facet(const char *facet, const char *value);
/* Page number page (from 1) of the case library's list of cards, of the
 * whole library (facet NULL) or of one facet value: the first page is the
 * list's own address ("cases/", "cases/focus/tqm/"), the others add
 * "page/N/" to it ("cases/page/2/", "cases/focus/tqm/page/2/"). */
char *address_library_page(const char *facet, const char *value, long page);
/* The address of a published content file (images/…, downloads/…). */
char *address_asset(const char *content_path);

/* The absolute URL of an address below the site's base URL (base_url);
 * caller frees. */
char *address_url(const struct model *m, const char *address);

/* The site's sections and files that are always there. */
enum address_section {
	ADDR_HOME,         /* "" */
	ADDR_NOTICES,      /* the notices list */
	ADDR_LIBRARY,      /* the case library */
	ADDR_VERIFY,       /* the certificate lookup */
	ADDR_STATS,        /* the statistics */
	ADDR_EXCHANGE,     /* the exchange activities */
	ADDR_CERTIFICATES, /* the folder of the certificates' PDFs */
	ADDR_FEED,         /* the Atom feed */
	ADDR_SECTIONS
};
/* Its name in the model (<addresses notices="notices/" …>) and its path. */
extern const char *const address_section_names[ADDR_SECTIONS];
const char *address_section(enum address_section s);

#endif
