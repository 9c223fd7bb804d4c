#include "industry.h"

#include <string.h>

const struct industry_division *
industry_lookup(const char *code)
{
	size_t n = strlen(code);
	if (n < 2 || n > 4)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return NULL;
	int div = (code[0] - '0') * 10 + (code[1] - '0');
	for (size_t i = 0; i < industry_ndivisions; i++)
		if (industry_divisions[i].code == div)
			return &industry_divisions[i];
	return NULL;
}

const struct industry_section *
industry_section_of(const struct industry_division *d)
{
	for (size_t i = 0; i < industry_nsections; i++)
		if (industry_sections[i].code[0] == d->section)
			return &industry_sections[i];
	return NULL;
}
