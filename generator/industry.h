/* GB/T 4754-2017: sections (门类 A–T) and divisions (大类 01–97). */
#ifndef QB_INDUSTRY_H
#define QB_INDUSTRY_H

#include <stddef.h>

struct industry_section {
	const char *code; /* "A" … "T" */
	const char *name;
	int first, last;  /* division range */
};

struct industry_division {
	int code;         /* 1 … 97 */
	const char *name;
	char section;
};

extern const struct industry_section industry_sections[];
extern const size_t industry_nsections;
extern const struct industry_division industry_divisions[];
extern const size_t industry_ndivisions;

/* The division of a code of 2 (division), 3 (group) or 4 (class) digits, or
 * NULL when the code is malformed or names no division. */
const struct industry_division *industry_lookup(const char *code);
const struct industry_section *industry_section_of(const struct industry_division *d);

#endif
