/* GB/T 2260: the 34 provincial-level administrative divisions, with the
 * short form people write. */
#ifndef QB_REGION_H
#define QB_REGION_H

#include <stddef.h>

struct region {
	const char *code;       /* "37" */
	const char *name;       /* "山东省" */
	const char *short_name; /* "山东" */
};

/* In code order. */
extern const struct region region_divisions[];
extern const size_t region_ndivisions;

/* The division whose full name (GB/T 2260) is written, or NULL. */
const struct region *region_named(const char *written);

/* The division a record's region names: its full or short form, or a city
 * with separate planning (青岛市 is in 山东省). NULL for anything else,
 * such as 新疆生产建设兵团, which stands as a region of its own. */
const struct region *region_lookup(const char *written);

#endif
