/* The official PDFs' check at `qbpress check` time (notice_theme.h). */
#include <stdio.h>

#include "../../model.h"
#include "../pdf/pdf_check.h"
#include "notice_theme.h"

int
notice_check_texts(const struct model *m, const struct notice_theme *t, struct pdf_check *k)
{
	int before = k->errors;
	const struct pdf_chain *fields[] = {&t->table.chain, &t->body.chain};
	const struct pdf_chain *titles[] = {&t->title.chain, &t->body.chain};
	for (size_t i = 0; i < m->ncampaigns; i++) {
		const struct campaign *c = m->campaigns[i];
		for (size_t j = 0; j < c->nrecords; j++) {
			const struct record *r = c->records[j];
			char what[160];
			snprintf(what, sizeof(what), "record '%s'", r->id ? r->id : "?");
			pdf_check_field(k, &t->fonts, fields, 2, r->enterprise, r->enterprise_pos, what, "official notices");
			pdf_check_field(k, &t->fonts, fields, 2, r->experience, r->experience_pos, what, "official notices");
			pdf_check_field(k, &t->fonts, fields, 1, r->recommender, r->recommender_pos, what, "official notices");
		}
		if (c->nrecords)
			pdf_check_field(k, &t->fonts, titles, 2, c->title, c->pos, "the campaign title", "official notices");
	}
	return k->errors - before;
}

int
notice_check(const struct model *m, const char *pdf_yaml, struct pdf_check *k)
{
	struct notice_theme t;
	int rc = notice_theme_load(&t, pdf_yaml) == 0 ? notice_check_texts(m, &t, k) : -1;
	notice_theme_free(&t);
	return rc;
}
