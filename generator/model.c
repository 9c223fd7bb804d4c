#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"

const struct focus_area focus_areas[FOCUS_COUNT] = {
	{"tqm"},
	{"engineering"},
	{"supply-chain"},
	{"digital"},
};

enum focus
focus_from_key(const char *key)
{
	for (int i = 0; i < FOCUS_COUNT; i++)
		if (strcmp(focus_areas[i].key, key) == 0)
			return (enum focus)i;
	return FOCUS_NONE;
}

const char *
phase_name(enum phase p)
{
	switch (p) {
	case PHASE_PUBLICITY:
		return "publicity";
	case PHASE_REVIEW:
		return "review";
	default:
		return "announced";
	}
}

const char *
status_name(enum record_status s)
{
	switch (s) {
	case STATUS_WITHDRAWN:
		return "withdrawn";
	case STATUS_REVOKED:
		return "revoked";
	default:
		return "plain";
	}
}

bool
record_is_issued(const struct record *r)
{
	return r->campaign->announced && !r->withdrawn && r->certificate != NULL;
}

bool
record_is_published(const struct record *r)
{
	return record_is_issued(r) && !r->revoked;
}

void
document_free(struct document *d)
{
	if (d == NULL)
		return;
	markdown_free_tree(d->root);
	free(d->path);
	free(d->summary);
	free(d->cover);
	free(d->title);
	for (size_t i = 0; i < d->nkeywords; i++)
		free(d->keywords[i]);
	free(d->keywords);
	free(d);
}

static void
record_free(struct record *r)
{
	free(r->id);
	free(r->enterprise);
	free(r->uscc);
	free(r->region);
	free(r->recommender);
	free(r->industry);
	free(r->experience);
	for (size_t i = 0; i < r->nmethods; i++)
		free(r->methods[i]);
	free(r->methods);
	free(r->iso_certificate);
	free(r->certificate);
	free(r->withdrawn_reason);
	free(r->revoked_reason);
	free(r->revoked_number);
	document_free(r->narrative);
	free(r);
}

static void
campaign_free(struct campaign *c)
{
	for (size_t i = 0; i < c->nrecords; i++)
		record_free(c->records[i]);
	free(c->records);
	for (size_t i = 0; i < c->nexchanges; i++) {
		free(c->exchanges[i].city);
		free(c->exchanges[i].title);
	}
	free(c->exchanges);
	free(c->period_days);
	document_free(c->compendium);
	free(c->dir);
	free(c->title);
	free(c->publicity_number);
	free(c->announcement_number);
	free(c);
}

void
model_free(struct model *m)
{
	struct site *s = &m->site;
	char *strs[] = {s->title, s->organization, s->office, s->base_url, s->language, s->theme,
	                s->description, s->wechat_account, s->wechat_author, s->objection_phone,
	                s->objection_email, s->objection_address, s->objection_postcode, s->seal, s->logo};
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		free(strs[i]);
	free(s->divisions);
	for (size_t i = 0; i < m->ncampaigns; i++)
		campaign_free(m->campaigns[i]);
	free(m->campaigns);
	for (size_t i = 0; i < m->npages; i++)
		document_free(m->pages[i]);
	free(m->pages);
	for (size_t i = 0; i < m->nimages; i++)
		free(m->images[i]);
	free(m->images);
	free(m->byid);
	for (int f = 0; f < FOCUS_COUNT; f++) {
		free(m->focus[f].item);
		free(m->focus[f].name);
	}
	free(m->content_dir);
	free(m->content_real);
	markdown_files_free(m->files);
	memset(m, 0, sizeof(*m));
}

static int
cmp_year_id(int year, const char *id, const struct record *r)
{
	if (year != r->campaign->year)
		return year < r->campaign->year ? -1 : 1;
	return strcmp(id, r->id);
}

static int
cmp_records(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a, *y = *(struct record *const *)b;
	int c = cmp_year_id(x->campaign->year, x->id, y);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

void
model_index(struct model *m)
{
	free(m->byid);
	m->byid = NULL;
	m->nbyid = 0;
	size_t n = 0;
	for (size_t i = 0; i < m->ncampaigns; i++)
		n += m->campaigns[i]->nrecords;
	m->byid = xcalloc(n ? n : 1, sizeof(*m->byid));
	for (size_t i = 0; i < m->ncampaigns; i++)
		for (size_t j = 0; j < m->campaigns[i]->nrecords; j++)
			if (m->campaigns[i]->records[j]->id)
				m->byid[m->nbyid++] = m->campaigns[i]->records[j];
	if (m->nbyid > 1)
		qsort(m->byid, m->nbyid, sizeof(*m->byid), cmp_records);
}

const struct record *
model_find_record(const struct model *m, int year, const char *id)
{
	size_t lo = 0, hi = m->nbyid;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_year_id(year, id, m->byid[mid]);
		if (c <= 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo < m->nbyid && cmp_year_id(year, id, m->byid[lo]) == 0 ? m->byid[lo] : NULL;
}

int
record_cmp_id(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a, *y = *(const struct record *const *)b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}
