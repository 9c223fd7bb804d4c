#include "modelxml.h"

#include <cmark-gfm-core-extensions.h>
#include <libxml/xmlmemory.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "util.h"

#define X(s) ((const xmlChar *)(s))

static void
set(xmlNodePtr n, const char *name, const char *value)
{
	if (value)
		xmlNewProp(n, X(name), X(value));
}

static void
set_int(xmlNodePtr n, const char *name, long v)
{
	char b[32];
	snprintf(b, sizeof(b), "%ld", v);
	xmlNewProp(n, X(name), X(b));
}

/* Sets name="YYYY-MM-DD" and name-zh="2025年9月26日" (and the upper-case
 * Chinese form for dates printed on certificates). */
static void
set_date(xmlNodePtr n, const char *name, day_t d)
{
	if (d == DAY_NONE)
		return;
	char iso[16], zh[32], up[64];
	date_format(d, iso);
	date_format_zh(d, zh);
	date_format_zh_upper(d, up);
	set(n, name, iso);
	char *k = xasprintf("%s-zh", name);
	set(n, k, zh);
	free(k);
	k = xasprintf("%s-zh-upper", name);
	set(n, k, up);
	free(k);
}

static xmlNodePtr
child(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, X(name), text ? X(text) : NULL);
}

static const char *
cm_name(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_DOCUMENT:
		return "document";
	case CMARK_NODE_BLOCK_QUOTE:
		return "block_quote";
	case CMARK_NODE_LIST:
		return "list";
	case CMARK_NODE_ITEM:
		return "item";
	case CMARK_NODE_CODE_BLOCK:
		return "code_block";
	case CMARK_NODE_PARAGRAPH:
		return "paragraph";
	case CMARK_NODE_HEADING:
		return "heading";
	case CMARK_NODE_THEMATIC_BREAK:
		return "thematic_break";
	case CMARK_NODE_TEXT:
		return "text";
	case CMARK_NODE_SOFTBREAK:
		return "softbreak";
	case CMARK_NODE_LINEBREAK:
		return "linebreak";
	case CMARK_NODE_CODE:
		return "code";
	case CMARK_NODE_EMPH:
		return "emph";
	case CMARK_NODE_STRONG:
		return "strong";
	case CMARK_NODE_LINK:
		return "link";
	case CMARK_NODE_IMAGE:
		return "image";
	default:
		break;
	}
	const char *s = cmark_node_get_type_string(n);
	if (strcmp(s, "table_row") == 0 && cmark_gfm_extensions_get_table_row_is_header(n))
		return "table_header";
	return s;
}

/* Attributes for a local link target: what it points at, so that each
 * renderer can make its own address. */
static void
set_target(xmlNodePtr x, const char *target)
{
	if (target == NULL)
		return;
	const char *hash = strchr(target, '#');
	size_t n = hash ? (size_t)(hash - target) : strlen(target);
	char *path = xstrndup(target, n);
	if (hash && hash[1])
		set(x, "fragment", hash + 1);
	int year;
	char id[80];
	if (n == 0) {
		set(x, "target-kind", "anchor");
	} else if (markdown_target_case(path, &year, id, sizeof(id))) {
		set(x, "target-kind", "case");
		set_int(x, "target-year", year);
		set(x, "target-id", id);
	} else if (markdown_target_page(path)) {
		char *name = xstrndup(path + 6, strlen(path + 6) - 3);
		set(x, "target-kind", "page");
		set(x, "target-name", name);
		free(name);
	} else {
		set(x, "target-kind", "file");
	}
	set(x, "target", path);
	free(path);
}

xmlNodePtr
markdown_to_xml(cmark_node *root, xmlNsPtr ns)
{
	xmlNodePtr top = NULL, cur = NULL;
	int col = 0; /* of the current table cell, 0-based */
	/* The paragraph being converted when it has images, and the images
	 * among its children so far: each child gets images-before, so that a
	 * template can find the text between two images by key. */
	cmark_node *para = NULL;
	long images = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			if (cur)
				cur = cur->parent;
			continue;
		}
		xmlNodePtr x = xmlNewNode(ns, X(cm_name(n)));
		if (top == NULL) {
			top = x;
		} else {
			xmlAddChild(cur, x);
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			set_int(x, "level", cmark_node_get_heading_level(n));
			break;
		case CMARK_NODE_LIST: {
			bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
			set(x, "type", ordered ? "ordered" : "bullet");
			if (ordered) {
				set_int(x, "start", cmark_node_get_list_start(n));
				set(x, "delim", cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? "paren" : "period");
			}
			set(x, "tight", cmark_node_get_list_tight(n) ? "true" : "false");
			break;
		}
		case CMARK_NODE_CODE_BLOCK: {
			const char *info = cmark_node_get_fence_info(n);
			if (info && *info)
				set(x, "info", info);
			break;
		}
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			set(x, "destination", cmark_node_get_url(n));
			if (cmark_node_get_title(n) && *cmark_node_get_title(n))
				set(x, "title", cmark_node_get_title(n));
			set_target(x, markdown_node_target(n));
			break;
		default:
			break;
		}
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
			para = NULL;
			images = 0;
			for (cmark_node *c = cmark_node_first_child(n); c && para == NULL; c = cmark_node_next(c))
				if (cmark_node_get_type(c) == CMARK_NODE_IMAGE)
					para = n;
		} else if (para != NULL && cmark_node_parent(n) == para) {
			set_int(x, "images-before", images);
			if (cmark_node_get_type(n) == CMARK_NODE_IMAGE)
				images++;
		}
		const char *type = cmark_node_get_type_string(n);
		if (strcmp(type, "table_cell") == 0) {
			cmark_node *row = cmark_node_parent(n), *table = row ? cmark_node_parent(row) : NULL;
			/* The iterator enters a row's cells in order: count them as
			 * they come, not by walking back over every earlier cell. */
			col = cmark_node_previous(n) ? col + 1 : 0;
			set_int(x, "column", col + 1);
			uint8_t *al = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
			int ncols = table ? cmark_gfm_extensions_get_table_columns(table) : 0;
			if (al && col < ncols) {
				const char *a = al[col] == 'l' ? "left" : al[col] == 'c' ? "center" : al[col] == 'r' ? "right" : NULL;
				set(x, "align", a);
			}
		}
		const char *lit = NULL;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(n);
			break;
		default:
			break;
		}
		if (lit)
			xmlNodeAddContent(x, X(lit));
		/* The iterator gives leaves no EXIT event; every other node is
		 * entered and left. */
		if (!markdown_node_is_leaf(n))
			cur = x;
	}
	cmark_iter_free(it);
	return top;
}

static xmlNodePtr
document_xml(xmlNodePtr parent, const char *name, const struct document *d)
{
	xmlNodePtr x = xmlNewChild(parent, NULL, X(name), NULL);
	set(x, "path", d->path);
	set_int(x, "chars", (long)d->chars);
	if (d->title)
		child(x, "title", d->title);
	if (d->summary)
		child(x, "summary", d->summary);
	if (d->cover)
		set(xmlNewChild(x, NULL, X("cover"), NULL), "src", d->cover);
	if (d->nkeywords) {
		xmlNodePtr k = xmlNewChild(x, NULL, X("keywords"), NULL);
		for (size_t i = 0; i < d->nkeywords; i++)
			child(k, "keyword", d->keywords[i]);
	}
	xmlNsPtr ns = xmlNewNs(x, X(QB_CMARK_NS), X("cm"));
	xmlNodePtr doc = markdown_to_xml(d->root, ns);
	if (doc)
		xmlAddChild(x, doc);
	return x;
}

static void
record_xml(xmlNodePtr parent, const struct record *r)
{
	xmlNodePtr x = xmlNewChild(parent, NULL, X("record"), NULL);
	set(x, "id", r->id);
	set_int(x, "position", (long)r->index + 1);
	set(x, "status", status_name(r->status));
	set(x, "certificate", r->certificate);
	set(x, "issued", record_is_issued(r) ? "true" : "false");
	set(x, "published", record_is_published(r) ? "true" : "false");
	set_int(x, "year", r->campaign->year);
	child(x, "enterprise", r->enterprise);
	child(x, "uscc", r->uscc);
	child(x, "region", r->region);
	child(x, "recommender", r->recommender);
	xmlNodePtr ind = xmlNewChild(x, NULL, X("industry"), NULL);
	set(ind, "code", r->industry);
	if (r->division) {
		char dc[8];
		snprintf(dc, sizeof(dc), "%02d", r->division->code);
		set(ind, "division", dc);
		set(ind, "division-name", r->division->name);
	}
	if (r->section) {
		set(ind, "section", r->section->code);
		set(ind, "section-name", r->section->name);
	}
	if (r->focus != FOCUS_NONE) {
		xmlNodePtr f = xmlNewChild(x, NULL, X("focus"), NULL);
		set(f, "key", focus_areas[r->focus].key);
		set(f, "item", focus_areas[r->focus].item);
		set(f, "name", focus_areas[r->focus].name);
	}
	child(x, "experience", r->experience);
	xmlNodePtr ms = xmlNewChild(x, NULL, X("methods"), NULL);
	for (size_t i = 0; i < r->nmethods; i++)
		child(ms, "method", r->methods[i]);
	xmlNodePtr iso = xmlNewChild(x, NULL, X("iso9001"), NULL);
	set(iso, "certificate", r->iso_certificate);
	set_date(iso, "valid-until", r->iso_valid_until);
	xmlNodePtr pr = xmlNewChild(x, NULL, X("profitable"), NULL);
	for (size_t i = 0; i < r->nprofitable; i++) {
		char y[8];
		snprintf(y, sizeof(y), "%d", r->profitable[i]);
		child(pr, "year", y);
	}
	if (r->withdrawn) {
		xmlNodePtr w = xmlNewChild(x, NULL, X("withdrawn"), NULL);
		set_date(w, "date", r->withdrawn_date);
		child(w, "reason", r->withdrawn_reason);
	}
	if (r->revoked) {
		xmlNodePtr v = xmlNewChild(x, NULL, X("revoked"), NULL);
		set_date(v, "date", r->revoked_date);
		set(v, "number", r->revoked_number);
		child(v, "reason", r->revoked_reason);
	}
	if (r->narrative)
		document_xml(x, "narrative", r->narrative);
}

static void
campaign_xml(xmlNodePtr parent, const struct campaign *c)
{
	xmlNodePtr x = xmlNewChild(parent, NULL, X("campaign"), NULL);
	set_int(x, "year", c->year);
	set(x, "phase", phase_name(c->phase));
	set(x, "title", c->title);
	xmlNodePtr p = xmlNewChild(x, NULL, X("publicity"), NULL);
	set_date(p, "date", c->publicity_date);
	set_int(p, "working-days", c->working_days);
	if (c->period_known) {
		set_date(p, "first", c->period_first);
		set_date(p, "last", c->period_last);
	}
	set_int(p, "working-days-left", c->working_days_left);
	set(p, "number", c->publicity_number);
	if (c->announced) {
		xmlNodePtr a = xmlNewChild(x, NULL, X("announcement"), NULL);
		set_date(a, "date", c->announcement_date);
		set(a, "number", c->announcement_number);
	}
	for (size_t i = 0; i < c->nexchanges; i++) {
		xmlNodePtr e = xmlNewChild(x, NULL, X("exchange"), NULL);
		set_date(e, "date", c->exchanges[i].date);
		set(e, "city", c->exchanges[i].city);
		set(e, "title", c->exchanges[i].title);
	}
	xmlNodePtr rs = xmlNewChild(x, NULL, X("records"), NULL);
	for (size_t i = 0; i < c->nrecords; i++)
		record_xml(rs, c->records[i]);
}

xmlDocPtr
model_to_xml(const struct model *m)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = xmlNewNode(NULL, X("model"));
	xmlDocSetRootElement(doc, root);
	set(root, "generator", "qbpress " QB_VERSION);
	set_date(root, "today", m->today);
	const struct site *s = &m->site;
	xmlNodePtr site = xmlNewChild(root, NULL, X("site"), NULL);
	set(site, "title", s->title);
	set(site, "organization", s->organization);
	set(site, "office", s->office);
	set(site, "base-url", s->base_url);
	set(site, "language", s->language);
	set(site, "theme", s->theme);
	if (s->description)
		child(site, "description", s->description);
	xmlNodePtr w = xmlNewChild(site, NULL, X("wechat"), NULL);
	set(w, "account", s->wechat_account);
	set(w, "author", s->wechat_author);
	xmlNodePtr o = xmlNewChild(site, NULL, X("objections"), NULL);
	set(o, "phone", s->objection_phone);
	set(o, "email", s->objection_email);
	set(o, "address", s->objection_address);
	set(o, "postcode", s->objection_postcode);
	xmlNodePtr el = xmlNewChild(site, NULL, X("eligibility"), NULL);
	for (size_t i = 0; i < s->ndivisions; i++) {
		char a[8], b[8];
		snprintf(a, sizeof(a), "%02d", s->divisions[i].first);
		snprintf(b, sizeof(b), "%02d", s->divisions[i].last);
		xmlNodePtr d = xmlNewChild(el, NULL, X("divisions"), NULL);
		set(d, "first", a);
		set(d, "last", b);
	}
	if (s->seal)
		set(xmlNewChild(site, NULL, X("seal"), NULL), "src", s->seal);
	if (s->logo)
		set(xmlNewChild(site, NULL, X("logo"), NULL), "src", s->logo);

	xmlNodePtr fa = xmlNewChild(root, NULL, X("focus-areas"), NULL);
	for (int i = 0; i < FOCUS_COUNT; i++) {
		xmlNodePtr f = xmlNewChild(fa, NULL, X("focus"), NULL);
		set(f, "key", focus_areas[i].key);
		set(f, "item", focus_areas[i].item);
		set(f, "name", focus_areas[i].name);
	}
	xmlNodePtr ind = xmlNewChild(root, NULL, X("industries"), NULL);
	for (size_t i = 0; i < industry_nsections; i++) {
		const struct industry_section *sec = &industry_sections[i];
		xmlNodePtr sx = xmlNewChild(ind, NULL, X("section"), NULL);
		set(sx, "code", sec->code);
		set(sx, "name", sec->name);
		for (size_t j = 0; j < industry_ndivisions; j++) {
			if (industry_divisions[j].section != sec->code[0])
				continue;
			char dc[8];
			snprintf(dc, sizeof(dc), "%02d", industry_divisions[j].code);
			xmlNodePtr dx = xmlNewChild(sx, NULL, X("division"), NULL);
			set(dx, "code", dc);
			set(dx, "name", industry_divisions[j].name);
		}
	}
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	for (size_t i = 0; i < m->ncampaigns; i++)
		campaign_xml(cs, m->campaigns[i]);
	xmlNodePtr ps = xmlNewChild(root, NULL, X("pages"), NULL);
	for (size_t i = 0; i < m->npages; i++) {
		const struct document *d = m->pages[i];
		xmlNodePtr px = document_xml(ps, "page", d);
		const char *base = strrchr(d->path, '/');
		char *name = xstrdup(base ? base + 1 : d->path);
		name[strlen(name) - 3] = '\0';
		set(px, "name", name);
		free(name);
		if (d->has_order)
			set_int(px, "order", d->order);
	}
	xmlNodePtr im = xmlNewChild(root, NULL, X("images"), NULL);
	for (size_t i = 0; i < m->nimages; i++)
		set(xmlNewChild(im, NULL, X("image"), NULL), "src", m->images[i]);
	return doc;
}

void
xml_memory_init(void)
{
	/* xmalloc and friends never return NULL: they end the program with
	 * status 2 and a message, so libxml2 and libxslt follow the one policy
	 * for running out of memory. */
	if (xmlGcMemSetup(free, xmalloc, xmalloc, xrealloc, xstrdup) != 0 ||
	    xmlMemSetup(free, xmalloc, xrealloc, xstrdup) != 0) {
		fputs("qbpress: cannot set libxml2's allocator\n", stderr);
		exit(2);
	}
}
