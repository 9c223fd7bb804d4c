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
char *address_certificate(const struct record *r);
char *address_revocation(const struct record *r);
char *address_publicity(const struct campaign *c);
char *address_announcement(const struct campaign *c);
char *address_page(const struct document *page);
/* The address of a published content file (images/…, downloads/…). */
char *address_asset(const char *content_path);

#endif
