/* The programme's figures (see stats.h). */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "modelxml.h"
#include "region.h"
#include "util.h"

#define X(s) ((const xmlChar *)(s))

/* A value and how many benchmarks have it. */
struct tally {
	const char *name, *short_name, *code; /* borrowed from the model or static tables */
	int count;
};

struct tallies {
	struct tally *v;
	size_t n;
};

/* The tally of name, added with a count of 0 when new. */
static struct tally *
tally_get(struct tallies *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
	t->v[t->n] = (struct tally){name, NULL, NULL, 0};
	return &t->v[t->n++];
}

/* Most first; ties by code (values without one last), then by name. */
static int
cmp_tally(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if ((x->code == NULL) != (y->code == NULL))
		return x->code ? -1 : 1;
	int c = x->code ? strcmp(x->code, y->code) : 0;
	return c ? c : strcmp(x->name, y->name);
}

static void
region_add(struct tallies *t, const char *written)
{
	const struct region *d = region_lookup(written);
	struct tally *x = tally_get(t, d ? d->name : written);
	x->code = d ? d->code : NULL;
	x->short_name = d ? d->short_name : written;
	x->count++;
}

static void
section_add(struct tallies *t, const struct industry_section *s)
{
	struct tally *x = tally_get(t, s->name);
	x->code = s->code;
	x->count++;
}

/* Writes the tallies ranked as <element code= name= short= count=/> and
 * frees them; with all false, only those with a count. */
static void
tallies_xml(xmlNodePtr parent, const char *element, struct tallies *t, bool all)
{
	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), cmp_tally);
	for (size_t i = 0; i < t->n; i++) {
		if (!all && t->v[i].count == 0)
			continue;
		xmlNodePtr x = xmlNewChild(parent, NULL, X(element), NULL);
		if (t->v[i].code)
			xmlNewProp(x, X("code"), X(t->v[i].code));
		xmlNewProp(x, X("name"), X(t->v[i].name));
		if (t->v[i].short_name)
			xmlNewProp(x, X("short"), X(t->v[i].short_name));
		modelxml_set_int(x, "count", t->v[i].count);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

static void
focus_xml(xmlNodePtr parent, const int count[FOCUS_COUNT], const struct model *names)
{
	for (int f = 0; f < FOCUS_COUNT; f++) {
		xmlNodePtr x = xmlNewChild(parent, NULL, X("focus"), NULL);
		xmlNewProp(x, X("key"), X(focus_areas[f].key));
		if (names && names->focus[f].item)
			xmlNewProp(x, X("item"), X(names->focus[f].item));
		if (names && names->focus[f].name)
			xmlNewProp(x, X("name"), X(names->focus[f].name));
		modelxml_set_int(x, "count", count[f]);
	}
}

/* Adds <year> for campaign c to st and the campaign's benchmarks to the
 * totals. */
static void
year_xml(xmlNodePtr st, const struct campaign *c, int focus[FOCUS_COUNT], struct tallies *sections,
         struct tallies *regions, struct tallies *recommenders, long totals[3])
{
	int yfocus[FOCUS_COUNT] = {0};
	struct tallies ysections = {0}, yregions = {0};
	long withdrawn = 0, named = 0, revoked = 0;
	for (size_t i = 0; i < c->nrecords; i++) {
		const struct record *r = c->records[i];
		withdrawn += r->withdrawn;
		if (!record_is_issued(r))
			continue;
		named++;
		revoked += r->revoked;
		if (r->focus != FOCUS_NONE) {
			yfocus[r->focus]++;
			focus[r->focus]++;
		}
		if (r->section) {
			section_add(&ysections, r->section);
			section_add(sections, r->section);
		}
		region_add(&yregions, r->region);
		region_add(regions, r->region);
		tally_get(recommenders, r->recommender)->count++;
	}
	xmlNodePtr y = xmlNewChild(st, NULL, X("year"), NULL);
	modelxml_set_int(y, "year", c->year);
	xmlNewProp(y, X("announced"), X(c->announced ? "true" : "false"));
	modelxml_set_int(y, "publicised", (long)c->nrecords);
	modelxml_set_int(y, "withdrawn", withdrawn);
	modelxml_set_int(y, "named", named);
	modelxml_set_int(y, "revoked", revoked);
	modelxml_set_int(y, "published", named - revoked);
	focus_xml(y, yfocus, NULL);
	tallies_xml(y, "section", &ysections, false);
	tallies_xml(y, "region", &yregions, false);
	totals[0] += named;
	totals[1] += revoked;
	totals[2] += named - revoked;
}

void
stats_xml(const struct model *m, xmlNodePtr parent)
{
	xmlNodePtr st = xmlNewChild(parent, NULL, X("statistics"), NULL);
	int focus[FOCUS_COUNT] = {0};
	struct tallies sections = {0}, regions = {0}, recommenders = {0};
	long totals[3] = {0};
	/* Every division is listed, those without benchmarks too. */
	for (size_t i = 0; i < region_ndivisions; i++) {
		struct tally *x = tally_get(&regions, region_divisions[i].name);
		x->code = region_divisions[i].code;
		x->short_name = region_divisions[i].short_name;
	}
	for (size_t i = 0; i < m->ncampaigns; i++) {
		const struct campaign *c = m->campaigns[i];
		/* A campaign's list is public once its publicity notice is out or
		 * its result announced (as on the site). */
		if (c->announced || (c->publicity_date != DAY_NONE && c->publicity_date <= m->today))
			year_xml(st, c, focus, &sections, &regions, &recommenders, totals);
	}
	modelxml_set_int(st, "named", totals[0]);
	modelxml_set_int(st, "revoked", totals[1]);
	modelxml_set_int(st, "published", totals[2]);
	focus_xml(st, focus, m);
	tallies_xml(st, "section", &sections, false);
	tallies_xml(st, "region", &regions, true);
	tallies_xml(st, "recommender", &recommenders, false);
}
