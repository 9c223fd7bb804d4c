/* The data of the site's two scripted lookups: the case library's search
 * (cases/index.json) and the certificate lookup (verify/index.json). A site
 * built with --relative also gets each as a script (index.js) that sets a
 * global, because a page opened from a file cannot fetch JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../region.h"
#include "../util.h"
#include "site.h"

/* The distinct strings of a list, in the order first seen. */
struct strset {
	const char **v;
	size_t n;
};

/* The position of s in set, added when new. */
static size_t
strset_index(struct strset *set, const char *s)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i], s) == 0)
			return i;
	set->v = xrealloc(set->v, (set->n + 1) * sizeof(*set->v));
	set->v[set->n] = s;
	return set->n++;
}

static void
json_list(struct buf *b, char *const *v, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		buf_json_quoted(b, v[i]);
	}
	buf_putc(b, ']');
}

/* Writes site/<name>.json and, for a site read from files, site/<name>.js,
 * which assigns the same data to window.<global>. */
static int
write_index(const struct site_index *ix, const char *name, const char *global, struct buf *json)
{
	char *rel = xasprintf("site/%s.json", name);
	int rc = render_write(ix->ctx, rel, json->p, json->len);
	free(rel);
	if (rc == 0 && ix->ctx->relative) {
		struct buf js = {0};
		buf_printf(&js, "window.%s = ", global);
		buf_add(&js, json->p, json->len);
		buf_puts(&js, ";\n");
		rel = xasprintf("site/%s.js", name);
		rc = render_write(ix->ctx, rel, js.p, js.len);
		free(rel);
		buf_free(&js);
	}
	return rc;
}

/* One published case: u address below cases/, y year, e enterprise,
 * t experience, f focus key, i section letter, d division code, r region
 * slug, c recommender (index into names.c), m methods, k keywords,
 * s summary, n certificate number. */
static void
case_json(struct buf *b, const struct site_record *sr, struct strset *recommenders)
{
	const struct record *r = sr->r;
	buf_printf(b, "{\"u\":\"%d/", r->campaign->year);
	buf_json_string(b, r->id);
	buf_printf(b, "/\",\"y\":%d,\"e\":", r->campaign->year);
	buf_json_quoted(b, r->enterprise);
	buf_puts(b, ",\"t\":");
	buf_json_quoted(b, r->experience);
	buf_puts(b, ",\"f\":");
	buf_json_quoted(b, r->focus != FOCUS_NONE ? focus_areas[r->focus].key : "");
	buf_puts(b, ",\"i\":\"");
	if (r->section)
		buf_putc(b, (char)(r->section->code[0] - 'A' + 'a'));
	buf_puts(b, "\",\"d\":");
	if (r->division) {
		char dc[8];
		snprintf(dc, sizeof(dc), "%02d", r->division->code);
		buf_printf(b, "\"%s\"", dc);
	} else {
		buf_puts(b, "\"\"");
	}
	buf_puts(b, ",\"r\":");
	buf_json_quoted(b, sr->region_slug);
	buf_printf(b, ",\"c\":%zu,\"m\":", strset_index(recommenders, r->recommender));
	json_list(b, r->methods, r->nmethods);
	buf_puts(b, ",\"k\":");
	json_list(b, r->narrative ? r->narrative->keywords : NULL, r->narrative ? r->narrative->nkeywords : 0);
	buf_puts(b, ",\"s\":");
	buf_json_quoted(b, r->narrative && r->narrative->summary ? r->narrative->summary : "");
	buf_puts(b, ",\"n\":");
	buf_json_quoted(b, r->certificate);
	buf_putc(b, '}');
}

/* The names the cases refer to: f focus key → [item, name], i section
 * letter → name, d division code → name, r region slug → [full name, short
 * form] (or [as written] for a region that is no provincial division),
 * c recommending units. */
static void
names_json(struct buf *b, const struct site_index *ix, const struct strset *recommenders)
{
	buf_puts(b, "\"names\":{\"f\":{");
	for (int f = 0; f < FOCUS_COUNT; f++) {
		buf_printf(b, "%s\"%s\":[", f ? "," : "", focus_areas[f].key);
		buf_json_quoted(b, ix->m->focus[f].item ? ix->m->focus[f].item : "");
		buf_putc(b, ',');
		buf_json_quoted(b, ix->m->focus[f].name ? ix->m->focus[f].name : "");
		buf_putc(b, ']');
	}
	buf_puts(b, "},\"i\":{");
	for (size_t i = 0; i < industry_nsections; i++) {
		buf_printf(b, "%s\"%c\":", i ? "," : "", industry_sections[i].code[0] - 'A' + 'a');
		buf_json_quoted(b, industry_sections[i].name);
	}
	buf_puts(b, "},\"d\":{");
	bool first = true;
	for (size_t i = 0; i < industry_ndivisions; i++) {
		bool used = false;
		for (size_t k = 0; k < ix->nrecs && !used; k++)
			used = record_is_published(ix->recs[k].r) && ix->recs[k].r->division == &industry_divisions[i];
		if (!used)
			continue;
		buf_printf(b, "%s\"%02d\":", first ? "" : ",", industry_divisions[i].code);
		buf_json_quoted(b, industry_divisions[i].name);
		first = false;
	}
	buf_puts(b, "},\"r\":{");
	struct strset seen = {0};
	for (size_t i = 0; i < ix->nrecs; i++) {
		const struct site_record *sr = &ix->recs[i];
		size_t before = seen.n;
		if (!record_is_published(sr->r) || strset_index(&seen, sr->region_slug) < before)
			continue;
		const struct region *d = region_lookup(sr->r->region);
		buf_puts(b, before ? "," : "");
		buf_json_quoted(b, sr->region_slug);
		buf_puts(b, ":[");
		buf_json_quoted(b, d ? d->name : sr->r->region);
		if (d) {
			buf_putc(b, ',');
			buf_json_quoted(b, d->short_name);
		}
		buf_putc(b, ']');
	}
	free(seen.v);
	buf_puts(b, "},\"c\":[");
	for (size_t i = 0; i < recommenders->n; i++) {
		if (i)
			buf_putc(b, ',');
		buf_json_quoted(b, recommenders->v[i]);
	}
	buf_puts(b, "]}");
}

/* cases/index.json: every published case, newest campaign first. */
static int
search_index(const struct site_index *ix)
{
	const struct model *m = ix->ctx->model;
	struct strset recommenders = {0};
	struct buf b = {0};
	buf_puts(&b, "{\"cases\":[");
	bool first = true;
	for (size_t ci = m->ncampaigns; ci-- > 0;) {
		for (size_t i = 0; i < ix->nrecs; i++) {
			const struct site_record *sr = &ix->recs[i];
			if (sr->r->campaign != m->campaigns[ci] || !record_is_published(sr->r))
				continue;
			buf_puts(&b, first ? "\n" : ",\n");
			case_json(&b, sr, &recommenders);
			first = false;
		}
	}
	buf_puts(&b, "\n],");
	names_json(&b, ix, &recommenders);
	buf_puts(&b, "}\n");
	int rc = write_index(ix, "cases/index", "qbCases", &b);
	buf_free(&b);
	free(recommenders.v);
	return rc;
}

/* verify/index.json: every certificate ever issued, as [number,
 * enterprise, unified social credit code, year, 1 when revoked else 0]. */
static int
verify_index(const struct site_index *ix)
{
	struct buf b = {0};
	buf_puts(&b, "[");
	bool first = true;
	for (size_t i = 0; i < ix->nrecs; i++) {
		const struct record *r = ix->recs[i].r;
		if (!record_is_issued(r))
			continue;
		buf_puts(&b, first ? "\n[" : ",\n[");
		buf_json_quoted(&b, r->certificate);
		buf_putc(&b, ',');
		buf_json_quoted(&b, r->enterprise);
		buf_putc(&b, ',');
		buf_json_quoted(&b, r->uscc);
		buf_printf(&b, ",%d,%d]", r->campaign->year, r->revoked ? 1 : 0);
		first = false;
	}
	buf_puts(&b, "\n]\n");
	int rc = write_index(ix, "verify/index", "qbCertificates", &b);
	buf_free(&b);
	return rc;
}

int
site_search_write(const struct site_index *ix)
{
	int rc = search_index(ix);
	if (rc == 0)
		rc = verify_index(ix);
	return rc;
}
