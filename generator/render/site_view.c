/* The views the site templates are applied to (see site.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../diag.h"
#include "../modelxml.h"
#include "../util.h"
#include "site.h"

#define X(s) ((const xmlChar *)(s))

static const struct {
	const char *name, *slug;
} regions[] = {
    {"北京", "beijing"},   {"天津", "tianjin"},     {"河北", "hebei"},       {"山西", "shanxi"},
    {"内蒙古", "neimenggu"}, {"辽宁", "liaoning"},  {"吉林", "jilin"},       {"黑龙江", "heilongjiang"},
    {"上海", "shanghai"},  {"江苏", "jiangsu"},     {"浙江", "zhejiang"},    {"安徽", "anhui"},
    {"福建", "fujian"},    {"江西", "jiangxi"},     {"山东", "shandong"},    {"河南", "henan"},
    {"湖北", "hubei"},     {"湖南", "hunan"},       {"广东", "guangdong"},   {"广西", "guangxi"},
    {"海南", "hainan"},    {"重庆", "chongqing"},   {"四川", "sichuan"},     {"贵州", "guizhou"},
    {"云南", "yunnan"},    {"西藏", "xizang"},      {"陕西", "shaanxi"},     {"甘肃", "gansu"},
    {"青海", "qinghai"},   {"宁夏", "ningxia"},     {"新疆生产建设兵团", "bingtuan"},
    {"新疆建设兵团", "bingtuan"}, {"新疆", "xinjiang"}, {"台湾", "taiwan"}, {"香港", "hongkong"},
    {"澳门", "macau"},
};

char *
site_region_slug(const char *region)
{
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (str_has_prefix(region, regions[i].name))
			return xstrdup(regions[i].slug);
	struct buf b = {0};
	buf_puts(&b, "x");
	for (const unsigned char *p = (const unsigned char *)region; *p; p++)
		buf_printf(&b, "%02x", *p);
	return buf_steal(&b);
}

static bool
is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr
first_el(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

int
site_index_init(struct site_index *ix, const struct render_ctx *ctx)
{
	memset(ix, 0, sizeof(*ix));
	ix->ctx = ctx;
	const struct model *m = ctx->model;
	size_t n = 0;
	for (size_t i = 0; i < m->ncampaigns; i++)
		n += m->campaigns[i]->nrecords;
	ix->recs = xcalloc(n ? n : 1, sizeof(*ix->recs));
	xmlNodePtr cs = first_el(xmlDocGetRootElement(ctx->doc), "campaigns");
	size_t ci = 0;
	for (xmlNodePtr c = cs ? cs->children : NULL; c; c = c->next) {
		if (!is_el(c, "campaign"))
			continue;
		if (ci >= m->ncampaigns)
			break;
		const struct campaign *camp = m->campaigns[ci++];
		size_t ri = 0, start = ix->nrecs;
		long last = -1;
		for (xmlNodePtr r = first_el(first_el(c, "records"), "record"); r; r = r->next) {
			if (!is_el(r, "record"))
				continue;
			if (ri >= camp->nrecords)
				break;
			struct site_record *sr = &ix->recs[ix->nrecs];
			sr->r = camp->records[ri++];
			sr->node = r;
			sr->region_slug = site_region_slug(sr->r->region ? sr->r->region : "");
			sr->prev = sr->next = -1;
			if (record_is_published(sr->r)) {
				sr->prev = last;
				if (last >= 0)
					ix->recs[last].next = (long)ix->nrecs;
				last = (long)ix->nrecs;
			}
			ix->nrecs++;
		}
		if (ri != camp->nrecords || ix->nrecs - start != camp->nrecords) {
			diag(DIAG_ERROR, NULL, 0, 0, "site: the model XML of %d does not match the model", camp->year);
			return -1;
		}
	}
	if (ci != m->ncampaigns) {
		diag(DIAG_ERROR, NULL, 0, 0, "site: the model XML does not match the model");
		return -1;
	}
	return 0;
}

void
site_index_free(struct site_index *ix)
{
	for (size_t i = 0; i < ix->nrecs; i++)
		free(ix->recs[i].region_slug);
	free(ix->recs);
	memset(ix, 0, sizeof(*ix));
}

const struct site_record *
site_index_find(const struct site_index *ix, int year, const char *id)
{
	for (size_t i = 0; i < ix->nrecs; i++)
		if (ix->recs[i].r->campaign->year == year && strcmp(ix->recs[i].r->id, id) == 0)
			return &ix->recs[i];
	return NULL;
}

static const char *
record_status(const struct record *r)
{
	if (record_is_published(r))
		return "published";
	if (record_is_issued(r) && r->revoked)
		return "revoked";
	return "none";
}

/* Marks the case links below n with what their target became. */
static void
annotate_links(const struct site_index *ix, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "link") == 0) {
			xmlChar *kind = xmlGetProp(c, X("target-kind"));
			if (kind && strcmp((const char *)kind, "case") == 0) {
				xmlChar *year = xmlGetProp(c, X("target-year"));
				xmlChar *id = xmlGetProp(c, X("target-id"));
				const struct site_record *t =
				    year && id ? site_index_find(ix, atoi((const char *)year), (const char *)id) : NULL;
				xmlSetProp(c, X("target-status"), X(t ? record_status(t->r) : "none"));
				xmlFree(year);
				xmlFree(id);
			}
			xmlFree(kind);
		}
		annotate_links(ix, c);
	}
}

static void
add_copy(xmlNodePtr parent, xmlNodePtr src, int recursive)
{
	xmlAddChild(parent, xmlDocCopyNode(src, parent->doc, recursive));
}

/* A copy of a record; with full false, without the narrative's body. */
static xmlNodePtr
copy_record(const struct site_index *ix, const struct site_record *sr, xmlNodePtr parent, bool full)
{
	xmlNodePtr x = xmlDocCopyNode(sr->node, parent->doc, 2);
	xmlAddChild(parent, x);
	for (xmlNodePtr c = sr->node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "narrative") && !full) {
			xmlNodePtr n = xmlDocCopyNode(c, parent->doc, 2);
			xmlAddChild(x, n);
			for (xmlNodePtr d = c->children; d; d = d->next)
				if (d->type == XML_ELEMENT_NODE && d->ns == NULL)
					add_copy(n, d, 1);
			continue;
		}
		xmlNodePtr y = xmlDocCopyNode(c, parent->doc, 1);
		xmlAddChild(x, y);
		if (is_el(c, "region"))
			xmlSetProp(y, X("slug"), X(sr->region_slug));
		else if (is_el(c, "narrative"))
			annotate_links(ix, y);
	}
	return x;
}

/* The model element with its attributes, site and focus areas. */
static xmlDocPtr
view_begin(const struct site_index *ix, xmlNodePtr *root_out)
{
	xmlNodePtr src = xmlDocGetRootElement(ix->ctx->doc);
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = xmlDocCopyNode(src, doc, 2);
	xmlDocSetRootElement(doc, root);
	add_copy(root, first_el(src, "site"), 1);
	add_copy(root, first_el(src, "focus-areas"), 1);
	*root_out = root;
	return doc;
}

/* The campaign element with its dates, without records. */
static xmlNodePtr
copy_campaign(xmlNodePtr parent, xmlNodePtr c)
{
	xmlNodePtr x = xmlDocCopyNode(c, parent->doc, 2);
	xmlAddChild(parent, x);
	for (xmlNodePtr d = c->children; d; d = d->next)
		if (d->type == XML_ELEMENT_NODE && !is_el(d, "records"))
			add_copy(x, d, 1);
	return x;
}

/* The pages; with full false, without their bodies. */
static void
copy_pages(const struct site_index *ix, xmlNodePtr root, bool full)
{
	xmlNodePtr src = first_el(xmlDocGetRootElement(ix->ctx->doc), "pages");
	if (src == NULL)
		return;
	if (full) {
		xmlNodePtr p = xmlDocCopyNode(src, root->doc, 1);
		xmlAddChild(root, p);
		annotate_links(ix, p);
		return;
	}
	xmlNodePtr ps = xmlDocCopyNode(src, root->doc, 2);
	xmlAddChild(root, ps);
	for (xmlNodePtr p = src->children; p; p = p->next) {
		if (!is_el(p, "page"))
			continue;
		xmlNodePtr x = xmlDocCopyNode(p, root->doc, 2);
		xmlAddChild(ps, x);
		for (xmlNodePtr d = p->children; d; d = d->next)
			if (d->type == XML_ELEMENT_NODE && d->ns == NULL)
				add_copy(x, d, 1);
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

static int
region_order(const char *slug)
{
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (strcmp(regions[i].slug, slug) == 0)
			return (int)i;
	return 1000;
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
		snprintf(cnt, sizeof(cnt), "%d", v[i].count);
		xmlSetProp(x, X("key"), X(v[i].key));
		xmlSetProp(x, X("label"), X(v[i].label ? v[i].label : v[i].key));
		if (v[i].extra)
			xmlSetProp(x, X("code"), X(v[i].extra));
		xmlSetProp(x, X("count"), X(cnt));
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
		char y[16];
		snprintf(y, sizeof(y), "%d", r->campaign->year);
		facet_add(&years, &ny, y, NULL, NULL, -r->campaign->year);
		if (r->focus != FOCUS_NONE)
			facet_add(&focus, &nf, focus_areas[r->focus].key, focus_areas[r->focus].name,
			          focus_areas[r->focus].item, (int)r->focus);
		if (r->section) {
			char k[2] = {(char)(r->section->code[0] - 'A' + 'a'), '\0'};
			facet_add(&sections, &ns, k, r->section->name, r->section->code, (unsigned char)r->section->code[0]);
		}
		if (r->region)
			facet_add(&regs, &nr, sr->region_slug, r->region, NULL, region_order(sr->region_slug));
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

xmlDocPtr
site_library_view(const struct site_index *ix)
{
	xmlNodePtr root;
	xmlDocPtr doc = view_begin(ix, &root);
	xmlNodePtr src = xmlDocGetRootElement(ix->ctx->doc);
	add_copy(root, first_el(src, "industries"), 1);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	size_t k = 0;
	for (xmlNodePtr c = first_el(src, "campaigns")->children; c; c = c->next) {
		if (!is_el(c, "campaign"))
			continue;
		xmlNodePtr recs = xmlNewChild(copy_campaign(cs, c), NULL, X("records"), NULL);
		while (k < ix->nrecs && ix->recs[k].node->parent->parent == c)
			copy_record(ix, &ix->recs[k++], recs, false);
	}
	add_copy(root, first_el(src, "statistics"), 1);
	copy_pages(ix, root, true);
	library_xml(ix, root);
	return doc;
}

xmlDocPtr
site_record_view(const struct site_index *ix, size_t i)
{
	const struct site_record *sr = &ix->recs[i];
	xmlNodePtr root;
	xmlDocPtr doc = view_begin(ix, &root);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	xmlNodePtr camp = copy_campaign(cs, sr->node->parent->parent);
	xmlNodePtr recs = xmlNewChild(camp, NULL, X("records"), NULL);
	if (sr->prev >= 0)
		copy_record(ix, &ix->recs[sr->prev], recs, false);
	copy_record(ix, sr, recs, true);
	if (sr->next >= 0)
		copy_record(ix, &ix->recs[sr->next], recs, false);
	copy_pages(ix, root, false);
	return doc;
}

