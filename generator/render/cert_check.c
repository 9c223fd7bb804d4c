/* The certificates' check at `qbpress check` time (cert_theme.h). */
#include <stdio.h>
#include <string.h>

#include "../model.h"
#include "cert_theme.h"
#include "pdf/pdf_check.h"

/* Appends to chains (room for n) the chain of each text of the settings
 * that names a placeholder. */
static size_t
chains_naming(const struct cert_theme *t, const char *placeholder, const struct pdf_chain **chains, size_t n)
{
	size_t k = 0;
	const struct cert_style *fixed[] = {&t->title, &t->number, &t->verify};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]) && k < n; i++)
		if (fixed[i]->text && strstr(fixed[i]->text, placeholder))
			chains[k++] = &fixed[i]->chain;
	for (size_t i = 0; i < t->nbody && k < n; i++)
		if (t->body[i].text && strstr(t->body[i].text, placeholder))
			chains[k++] = &t->body[i].chain;
	for (size_t i = 0; i < t->nsignature && k < n; i++)
		if (t->signature[i].text && strstr(t->signature[i].text, placeholder))
			chains[k++] = &t->signature[i].chain;
	return k;
}

int
cert_check(const struct model *m, const char *pdf_yaml, struct pdf_check *k)
{
	struct cert_theme t;
	memset(&t, 0, sizeof(t));
	if (cert_theme_load(&t, pdf_yaml) != 0) {
		cert_theme_free(&t);
		return -1;
	}
	int before = k->errors;
	const struct pdf_chain *ent[16], *exp[16];
	size_t nent = chains_naming(&t, "{enterprise}", ent, 16), nexp = chains_naming(&t, "{experience}", exp, 16);
	for (size_t i = 0; i < m->ncampaigns; i++) {
		const struct campaign *c = m->campaigns[i];
		for (size_t j = 0; j < c->nrecords; j++) {
			const struct record *r = c->records[j];
			if (!record_is_issued(r))
				continue;
			char what[160];
			snprintf(what, sizeof(what), "record '%s'", r->id ? r->id : "?");
			pdf_check_field(k, &t.fonts, ent, nent, r->enterprise, r->enterprise_pos, what, "certificate");
			pdf_check_field(k, &t.fonts, exp, nexp, r->experience, r->experience_pos, what, "certificate");
		}
	}
	cert_theme_free(&t);
	return k->errors - before;
}
