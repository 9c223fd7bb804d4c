/* The views the site templates are applied to (see site.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../address.h"
#include "../date.h"
#include "../diag.h"
#include "../modelxml.h"
#include "../stats.h"
#include "../util.h"
#include "site.h"
#include "xslt.h"

#define X(s) ((const xmlChar *)(s))

/* A part of the views made once per process (a listed record, the site,
 * the focus areas, the industries, the free pages, the statistics, the
 * library's links) is lent to each view that shows it instead of made or
 * copied again, and goes back where it was, under home before next (NULL:
 * last), when the view is freed (site_view_free). */
struct lent {
	xmlNodePtr node, home, next;
};

/* What a process makes once for the views it makes (site.h). */
struct site_made {
	xmlDocPtr home;           /* the lent parts made here, between views */
	xmlNodePtr site, focus_areas, industries, stats, pages[2]; /* pages: without, with bodies */
	struct hash site_hash, focus_hash, industries_hash, stats_hash, pages_hash[2];
	xmlNodePtr *listed;       /* per record: its element in a list, NULL until made or when not kept */
	size_t nlisted, listed_max; /* how many are kept, at most */
	struct hash *listed_hash; /* per record: the hash of that element, zero until known */
	struct lent *lent;        /* what the view being made or used holds */
	size_t nlent, caplent;
};

void
site_index_init(struct site_index *ix, const struct model *m)
{
	memset(ix, 0, sizeof(*ix));
	ix->m = m;
	ix->made = xcalloc(1, sizeof(*ix->made));
	size_t n = 0;
	for (size_t i = 0; i < m->ncampaigns; i++)
		n += m->campaigns[i]->nrecords;
	ix->recs = xcalloc(n ? n : 1, sizeof(*ix->recs));
	ix->made->listed_hash = xcalloc(n ? n : 1, sizeof(*ix->made->listed_hash));
	ix->made->listed = xcalloc(n ? n : 1, sizeof(*ix->made->listed));
	/* A process keeps the listed records of two campaigns of the largest
	 * size, or 512 records, whichever is more (some 6 MiB): its memory
	 * grows with the largest campaign, not with the number of campaigns. */
	size_t largest = 0;
	for (size_t i = 0; i < m->ncampaigns; i++)
		if (m->campaigns[i]->nrecords > largest)
			largest = m->campaigns[i]->nrecords;
	ix->made->listed_max = 2 * largest > 512 ? 2 * largest : 512;
	ix->first = xcalloc(m->ncampaigns + 1, sizeof(*ix->first));
	for (size_t ci = 0; ci < m->ncampaigns; ci++) {
		const struct campaign *c = m->campaigns[ci];
		ix->first[ci] = ix->nrecs;
		long last = -1;
		for (size_t ri = 0; ri < c->nrecords; ri++) {
			struct site_record *sr = &ix->recs[ix->nrecs];
			sr->r = c->records[ri];
			sr->region_slug = address_region_slug(sr->r->region ? sr->r->region : "");
			sr->prev = sr->next = -1;
			if (record_is_published(sr->r)) {
				sr->prev = last;
				if (last >= 0)
					ix->recs[last].next = (long)ix->nrecs;
				last = (long)ix->nrecs;
			}
			ix->nrecs++;
		}
	}
	ix->first[m->ncampaigns] = ix->nrecs;
}

void
site_index_free(struct site_index *ix)
{
	for (size_t i = 0; i < ix->nrecs; i++)
		free(ix->recs[i].region_slug);
	free(ix->recs);
	free(ix->first);
	if (ix->made) {
		if (ix->made->home)
			xmlFreeDoc(ix->made->home);
		free(ix->made->lent);
		free(ix->made->listed);
		free(ix->made->listed_hash);
		free(ix->made);
	}
	memset(ix, 0, sizeof(*ix));
}

/* Makes x, wherever it is, the last child of parent until the view is
 * freed. */
static void
lend(struct site_made *made, xmlNodePtr parent, xmlNodePtr x)
{
	if (made->nlent == made->caplent) {
		made->caplent = made->caplent ? 2 * made->caplent : 64;
		made->lent = xrealloc(made->lent, made->caplent * sizeof(*made->lent));
	}
	made->lent[made->nlent++] = (struct lent){x, x->parent, x->next};
	xmlUnlinkNode(x);
	if (xmlAddChild(parent, x) == NULL)
		oom();
}

/* The element that holds a process's lent parts between views. */
static xmlNodePtr
home_of(struct site_made *made)
{
	if (made->home == NULL) {
		made->home = xmlNewDoc(X("1.0"));
		xmlNodePtr top = made->home ? xmlNewDocNode(made->home, NULL, X("home"), NULL) : NULL;
		if (top == NULL)
			oom();
		xmlDocSetRootElement(made->home, top);
	}
	return xmlDocGetRootElement(made->home);
}

/* The part just made as home's last child, which carries the hash of its
 * subtree from now on (see listed_record). */
static xmlNodePtr
adopt(struct site_made *made, struct hash *h)
{
	xmlNodePtr x = xmlGetLastChild(home_of(made));
	struct hasher hs;
	hasher_init(&hs);
	xml_hash_node(&hs, x);
	*h = hasher_end(&hs);
	x->_private = h;
	return x;
}

/* Makes x, just made in parent, a part lent from home from now on. */
static void
keep(struct site_made *made, xmlNodePtr parent, xmlNodePtr x)
{
	xmlUnlinkNode(x);
	if (xmlAddChild(home_of(made), x) == NULL)
		oom();
	lend(made, parent, x);
}

void
site_view_free(const struct site_index *ix, xmlDocPtr view)
{
	struct site_made *made = ix->made;
	while (made->nlent > 0) {
		const struct lent *l = &made->lent[--made->nlent];
		xmlUnlinkNode(l->node);
		if ((l->next ? xmlAddPrevSibling(l->next, l->node) : xmlAddChild(l->home, l->node)) == NULL)
			oom();
	}
	xmlFreeDoc(view);
}

/* The GB/T 4754 sections and divisions (modelxml_industries). */
static void
add_industries(const struct site_index *ix, xmlNodePtr root)
{
	struct site_made *made = ix->made;
	if (made->industries == NULL) {
		modelxml_industries(home_of(made));
		made->industries = adopt(made, &made->industries_hash);
	}
	lend(made, root, made->industries);
}

/* The statistics of the whole model (stats_xml), made the first time a
 * view of this process needs them. */
static void
add_stats(const struct site_index *ix, xmlNodePtr root)
{
	struct site_made *made = ix->made;
	if (made->stats == NULL) {
		stats_xml(ix->m, home_of(made));
		made->stats = adopt(made, &made->stats_hash);
	}
	lend(made, root, made->stats);
}

size_t
site_index_of(const struct site_index *ix, const struct record *r)
{
	for (size_t ci = 0; ci < ix->m->ncampaigns; ci++)
		if (ix->m->campaigns[ci] == r->campaign)
			return ix->first[ci] + r->index;
	return 0;
}

/* The model element, the site and the focus areas; today only when the
 * pages made from the view show or use the build date. */
static xmlDocPtr
view_begin(const struct site_index *ix, bool today, xmlNodePtr *root_out)
{
	struct site_made *made = ix->made;
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = modelxml_root(doc, ix->m, today);
	if (made->site == NULL) {
		modelxml_site(home_of(made), ix->m);
		made->site = adopt(made, &made->site_hash);
		modelxml_focus_areas(home_of(made), ix->m);
		made->focus_areas = adopt(made, &made->focus_hash);
	}
	lend(made, root, made->site);
	lend(made, root, made->focus_areas);
	*root_out = root;
	return doc;
}

/* The free pages (modelxml_pages), with their bodies or without. */
static void
add_pages(const struct site_index *ix, xmlNodePtr root, bool bodies)
{
	struct site_made *made = ix->made;
	if (made->pages[bodies] == NULL) {
		modelxml_pages(home_of(made), ix->m, bodies, &ix->hooks);
		made->pages[bodies] = adopt(made, &made->pages_hash[bodies]);
	}
	lend(made, root, made->pages[bodies]);
}

/* <compendium path= pages= mib=> in a campaign with a book: its size in
 * MiB to one decimal, as pages show it (the exact bytes would make every
 * page that names the book again after each edit of a case). */
static xmlNodePtr
campaign_with_book(const struct site_index *ix, xmlNodePtr cs, const struct campaign *c)
{
	xmlNodePtr x = modelxml_campaign(cs, c);
	const struct render_book *b = ix->ctx ? render_book_of(ix->ctx->shared, c->year) : NULL;
	if (b) {
		xmlNodePtr k = xmlNewChild(x, NULL, X("compendium"), NULL);
		xmlSetProp(k, X("path"), X(b->path));
		modelxml_set_int(k, "pages", (long)b->pages);
		char mib[32];
		snprintf(mib, sizeof(mib), "%.1f", (double)b->bytes / 1048576.0);
		xmlSetProp(k, X("mib"), X(mib));
	}
	return x;
}

/* A record, with <compendium page= index=> where its case starts in its
 * year's book. */
static xmlNodePtr
record_with_book(const struct site_index *ix, xmlNodePtr recs, const struct record *r)
{
	xmlNodePtr x = modelxml_record(recs, r, true, NULL, ix->m, &ix->hooks);
	const struct render_book_case *bc = ix->ctx ? render_book_case(ix->ctx->shared, r) : NULL;
	if (bc) {
		xmlNodePtr k = xmlNewChild(x, NULL, X("compendium"), NULL);
		modelxml_set_int(k, "page", (long)bc->page);
		modelxml_set_int(k, "index", (long)bc->index);
	}
	return x;
}

/* Record k of the index as a list or a campaign's notice shows it
 * (record_with_book), appended to recs: made the first time a view of
 * this process needs it (once the books are known: the lists and notices
 * are made after the record pass) and lent after that, up to listed_max
 * records (made for each view after that). Its element carries the hash
 * of its subtree (xml_hash_node), taken once, so that hashing each view
 * does not walk it again. */
static void
listed_record(const struct site_index *ix, xmlNodePtr recs, size_t k)
{
	struct site_made *made = ix->made;
	if (made->listed[k]) {
		lend(made, recs, made->listed[k]);
		return;
	}
	xmlNodePtr x = record_with_book(ix, recs, ix->recs[k].r);
	if (hash_is_zero(made->listed_hash[k])) {
		struct hasher h;
		hasher_init(&h);
		xml_hash_node(&h, x);
		made->listed_hash[k] = hasher_end(&h);
	}
	x->_private = &made->listed_hash[k];
	if (made->nlisted < made->listed_max) {
		made->listed[k] = x;
		made->nlisted++;
		keep(made, recs, x);
	}
}

struct facet_value {
	char *key;
	const char *label, *extra;
	int count;
	int order;
};

static void
facet_add(struct facet_value **v, size_t *n, const char *key, const char *label, const char *extra, int order)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*v)[i].key, key) == 0) {
			(*v)[i].count++;
			return;
		}
	}
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n] = (struct facet_value){xstrdup(key), label, extra, 1, order};
	(*n)++;
}

static int
cmp_facet(const void *a, const void *b)
{
	const struct facet_value *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void
facet_xml(xmlNodePtr lib, const char *name, struct facet_value *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_facet);
	xmlNodePtr f = xmlNewChild(lib, NULL, X("facet"), NULL);
	xmlSetProp(f, X("name"), X(name));
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr x = xmlNewChild(f, NULL, X("value"), NULL);
		char cnt[24];
		fmt_long(cnt, v[i].count);
		xmlSetProp(x, X("key"), X(v[i].key));
		xmlSetProp(x, X("label"), X(v[i].label ? v[i].label : v[i].key));
		if (v[i].extra)
			xmlSetProp(x, X("code"), X(v[i].extra));
		xmlSetProp(x, X("count"), X(cnt));
		char *path = address_facet(name, v[i].key);
		xmlSetProp(x, X("address"), X(path));
		free(path);
		free(v[i].key);
	}
	free(v);
}

/* <library count="N"> with one <facet name="year|focus|industry|region">
 * per facet, holding <value key= label= count=/> for every value that
 * published cases have. */
static void
library_xml(const struct site_index *ix, xmlNodePtr root)
{
	struct facet_value *years = NULL, *focus = NULL, *sections = NULL, *regs = NULL;
	size_t ny = 0, nf = 0, ns = 0, nr = 0;
	int count = 0;
	for (size_t i = 0; i < ix->nrecs; i++) {
		const struct site_record *sr = &ix->recs[i];
		const struct record *r = sr->r;
		if (!record_is_published(r))
			continue;
		count++;
		char y[24];
		fmt_long(y, r->campaign->year);
		facet_add(&years, &ny, y, NULL, NULL, -r->campaign->year);
		if (r->focus != FOCUS_NONE)
			facet_add(&focus, &nf, focus_areas[r->focus].key, ix->m->focus[r->focus].name,
			          ix->m->focus[r->focus].item, (int)r->focus);
		if (r->section) {
			char k[2] = {(char)(r->section->code[0] - 'A' + 'a'), '\0'};
			facet_add(&sections, &ns, k, r->section->name, r->section->code, (unsigned char)r->section->code[0]);
		}
		if (r->region)
			facet_add(&regs, &nr, sr->region_slug, r->region, NULL, address_region_order(sr->region_slug));
	}
	xmlNodePtr lib = xmlNewChild(root, NULL, X("library"), NULL);
	char cnt[24];
	snprintf(cnt, sizeof(cnt), "%d", count);
	xmlSetProp(lib, X("count"), X(cnt));
	facet_xml(lib, "year", years, ny);
	facet_xml(lib, "focus", focus, nf);
	facet_xml(lib, "industry", sections, ns);
	facet_xml(lib, "region", regs, nr);
}

/* A day as the number the templates compare dates by (20251120). */
static long
yyyymmdd(day_t d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return y * 10000L + m * 100 + day;
}

/* Whether the home page follows a campaign (home.xsl's $live): before its
 * announcement, within a year after it, or the latest announced. */
static bool
home_follows(const struct model *m, size_t ci)
{
	const struct campaign *c = m->campaigns[ci];
	if (!c->announced)
		return true;
	if (yyyymmdd(c->announcement_date) + 10000 >= yyyymmdd(m->today))
		return true;
	for (size_t k = ci + 1; k < m->ncampaigns; k++)
		if (m->campaigns[k]->announced)
			return false;
	return true;
}

long
site_campaign_issued(const struct campaign *c)
{
	long n = 0;
	for (size_t j = 0; j < c->nrecords; j++)
		if (record_is_issued(c->records[j]))
			n++;
	return n;
}

long
site_issued_count(const struct site_index *ix)
{
	long n = 0;
	for (size_t ci = 0; ci < ix->m->ncampaigns; ci++)
		n += site_campaign_issued(ix->m->campaigns[ci]);
	return n;
}

/* <verify-years count="N"> with <year year= count= address=> for every
 * year with issued certificates, the newest first. */
static void
verify_years_xml(const struct site_index *ix, xmlNodePtr root)
{
	const struct model *m = ix->m;
	xmlNodePtr v = xmlNewChild(root, NULL, X("verify-years"), NULL);
	modelxml_set_int(v, "count", site_issued_count(ix));
	for (size_t ci = m->ncampaigns; ci-- > 0;) {
		long n = site_campaign_issued(m->campaigns[ci]);
		if (n == 0)
			continue;
		xmlNodePtr y = xmlNewChild(v, NULL, X("year"), NULL);
		modelxml_set_int(y, "year", m->campaigns[ci]->year);
		modelxml_set_int(y, "count", n);
		char *a = address_verify_year(m->campaigns[ci]->year);
		xmlSetProp(y, X("address"), X(a));
		free(a);
	}
}

xmlDocPtr
site_section_view(const struct site_index *ix, enum site_section which, xmlNodePtr library)
{
	const struct model *m = ix->m;
	xmlNodePtr root;
	xmlDocPtr doc = view_begin(ix, true, &root);
	add_industries(ix, root);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	for (size_t ci = 0; ci < m->ncampaigns; ci++) {
		const struct campaign *c = m->campaigns[ci];
		xmlNodePtr recs = xmlNewChild(campaign_with_book(ix, cs, c), NULL, X("records"), NULL);
		bool home = which == SECTION_HOME && home_follows(m, ci);
		for (size_t j = 0; j < c->nrecords; j++) {
			const struct record *r = c->records[j];
			if (home || (which == SECTION_VERIFY && record_is_issued(r)))
				modelxml_record_brief(recs, r);
			else if (which == SECTION_STATS && record_is_issued(r) && r->revoked)
				record_with_book(ix, recs, r);
		}
	}
	if (which == SECTION_STATS)
		add_stats(ix, root);
	if (which == SECTION_VERIFY_YEARS)
		verify_years_xml(ix, root);
	add_pages(ix, root, true);
	lend(ix->made, root, library);
	return doc;
}

xmlDocPtr
site_facets_view(const struct site_index *ix)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = xmlNewDocNode(doc, NULL, X("model"), NULL);
	xmlDocSetRootElement(doc, root);
	library_xml(ix, root);
	return doc;
}

/* Whether a record is in a list: published, and with the facet's value
 * when facet is not NULL. */
static bool
in_list(const struct site_record *sr, const char *facet, const char *value)
{
	const struct record *r = sr->r;
	if (!record_is_published(r))
		return false;
	if (facet == NULL)
		return true;
	if (strcmp(facet, "year") == 0)
		return atoi(value) == r->campaign->year;
	if (strcmp(facet, "focus") == 0)
		return r->focus != FOCUS_NONE && strcmp(focus_areas[r->focus].key, value) == 0;
	if (strcmp(facet, "industry") == 0)
		return r->section && value[0] == r->section->code[0] - 'A' + 'a' && value[1] == '\0';
	if (strcmp(facet, "region") == 0)
		return strcmp(sr->region_slug, value) == 0;
	return false;
}

/* <pager page= pages= count= first= last=> with <page number= address=>
 * for every page of the list. */
static void
pager_xml(xmlNodePtr root, const struct site_list *l, long count, long first, long last)
{
	xmlNodePtr p = xmlNewChild(root, NULL, X("pager"), NULL);
	long pages = count > 0 ? (count + l->per_page - 1) / l->per_page : 1;
	modelxml_set_int(p, "page", l->page);
	modelxml_set_int(p, "pages", pages);
	modelxml_set_int(p, "count", count);
	modelxml_set_int(p, "first", first);
	modelxml_set_int(p, "last", last);
	for (long k = 1; k <= pages; k++) {
		xmlNodePtr x = xmlNewChild(p, NULL, X("page"), NULL);
		modelxml_set_int(x, "number", k);
		char *a = address_library_page(l->facet, l->value, k);
		xmlSetProp(x, X("address"), X(a));
		free(a);
	}
}

xmlDocPtr
site_list_view(const struct site_index *ix, const struct site_list *l, xmlNodePtr library)
{
	const struct model *m = ix->m;
	xmlNodePtr root;
	xmlDocPtr doc = view_begin(ix, false, &root);
	add_industries(ix, root);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	/* The list runs from the newest year to the oldest, each year's records
	 * in records.yaml order (the order the template sorts them in); the
	 * page holds the records numbered from..to of it, under their campaigns
	 * in the model's order (by year, ascending). */
	long from = (l->page - 1) * l->per_page, to = from + l->per_page, n = 0;
	size_t *lo = xcalloc(m->ncampaigns + 1, sizeof(*lo)), *hi = xcalloc(m->ncampaigns + 1, sizeof(*hi));
	for (size_t ci = m->ncampaigns; ci-- > 0;) {
		lo[ci] = hi[ci] = ix->first[ci];
		bool any = false;
		for (size_t k = ix->first[ci]; k < ix->first[ci + 1]; k++) {
			if (!in_list(&ix->recs[k], l->facet, l->value))
				continue;
			if (n >= from && n < to) {
				if (!any)
					lo[ci] = k;
				any = true;
				hi[ci] = k + 1;
			}
			n++;
		}
	}
	for (size_t ci = 0; ci < m->ncampaigns; ci++) {
		xmlNodePtr recs = xmlNewChild(campaign_with_book(ix, cs, m->campaigns[ci]), NULL, X("records"), NULL);
		for (size_t k = lo[ci]; k < hi[ci]; k++)
			if (in_list(&ix->recs[k], l->facet, l->value))
				listed_record(ix, recs, k);
	}
	free(lo);
	free(hi);
	add_pages(ix, root, false);
	lend(ix->made, root, library);
	pager_xml(root, l, n, n > from ? from + 1 : 0, n < to ? n : to);
	return doc;
}

xmlDocPtr
site_campaign_view(const struct site_index *ix, size_t ci)
{
	const struct model *m = ix->m;
	xmlNodePtr root;
	xmlDocPtr doc = view_begin(ix, true, &root);
	add_industries(ix, root);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	for (size_t k = 0; k < m->ncampaigns; k++) {
		xmlNodePtr recs = xmlNewChild(campaign_with_book(ix, cs, m->campaigns[k]), NULL, X("records"), NULL);
		for (size_t j = 0; k == ci && j < m->campaigns[k]->nrecords; j++)
			listed_record(ix, recs, ix->first[k] + j);
	}
	add_stats(ix, root);
	add_pages(ix, root, false);
	return doc;
}

xmlDocPtr
site_verify_year_view(const struct site_index *ix, size_t ci)
{
	const struct model *m = ix->m;
	const struct campaign *c = m->campaigns[ci];
	xmlNodePtr root;
	xmlDocPtr doc = view_begin(ix, false, &root);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	xmlNodePtr recs = xmlNewChild(modelxml_campaign(cs, c), NULL, X("records"), NULL);
	for (size_t j = 0; j < c->nrecords; j++)
		if (record_is_issued(c->records[j]))
			modelxml_record_brief(recs, c->records[j]);
	add_pages(ix, root, false);
	return doc;
}

xmlDocPtr
site_pages_view(const struct site_index *ix)
{
	xmlNodePtr root;
	xmlDocPtr doc = view_begin(ix, false, &root);
	add_pages(ix, root, true);
	return doc;
}

xmlDocPtr
site_record_view(const struct site_index *ix, size_t i, xmlNodePtr *record)
{
	const struct site_record *sr = &ix->recs[i];
	xmlNodePtr root;
	xmlDocPtr doc = view_begin(ix, false, &root);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	xmlNodePtr recs = xmlNewChild(campaign_with_book(ix, cs, sr->r->campaign), NULL, X("records"), NULL);
	if (sr->prev >= 0)
		modelxml_record_brief(recs, ix->recs[sr->prev].r);
	*record = record_with_book(ix, recs, sr->r);
	if (sr->next >= 0)
		modelxml_record_brief(recs, ix->recs[sr->next].r);
	add_pages(ix, root, false);
	return doc;
}

void
site_record_view_body(const struct site_index *ix, size_t i, xmlNodePtr record, cmark_node *body)
{
	modelxml_record_body(record, ix->recs[i].r, body, ix->m, &ix->hooks);
}
