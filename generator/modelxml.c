#include "modelxml.h"

#include <libxml/xmlmemory.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "address.h"
#include "markdown.h"
#include "markdown_html.h"
#include "pool.h"
#include "stats.h"
#include "util.h"

#include <libxml/parserInternals.h>

#define X(s) ((const xmlChar *)(s))

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
set(xmlNodePtr n, const char *name, const char *value)
{
	if (value)
		xmlNewProp(n, X(name), X(value));
}

void
modelxml_set_int(xmlNodePtr n, const char *name, long v)
{
	char b[32];
	fmt_long(b, v);
	xmlNewProp(n, X(name), X(b));
}

/* Sets name="YYYY-MM-DD": the templates write dates in words. */
static void
set_date(xmlNodePtr n, const char *name, day_t d)
{
	if (d == DAY_NONE)
		return;
	char iso[16];
	date_format(d, iso);
	set(n, name, iso);
}

/* Sets an address made by address.h and frees it. */
static void
set_address(xmlNodePtr n, const char *name, char *addr)
{
	set(n, name, addr);
	free(addr);
}

/* A notice's page (address) and official PDF (pdf-address). */
static void
set_notice_address(xmlNodePtr n, char *page)
{
	set(n, "address", page);
	set_address(n, "pdf-address", address_notice_pdf(page));
	free(page);
}

static xmlNodePtr
child(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, X(name), text ? X(text) : NULL);
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
	char *addr = NULL;
	if (n == 0) {
		set(x, "target-kind", "anchor");
	} else if (markdown_target_case(path, &year, id, sizeof(id))) {
		set(x, "target-kind", "case");
		modelxml_set_int(x, "target-year", year);
		set(x, "target-id", id);
		struct campaign c = {.year = year};
		struct record r = {.campaign = &c, .id = id};
		addr = address_case(&r);
	} else if (markdown_target_page(path)) {
		char *name = xstrndup(path + 6, strlen(path + 6) - 3);
		set(x, "target-kind", "page");
		set(x, "target-name", name);
		free(name);
		struct document d = {.path = path};
		addr = address_page(&d);
	} else {
		set(x, "target-kind", "file");
		addr = address_asset(path);
	}
	set(x, "target-address", addr);
	free(addr);
	set(x, "target", path);
	free(path);
}


/* What a case link's target became: "published", "revoked" (its page
 * leads to the revocation notice) or "none" (withdrawn, not announced, or
 * no such record). */
static const char *
case_status(const struct model *m, int year, const char *id)
{
	const struct record *r = model_find_record(m, year, id);
	if (r == NULL)
		return "none";
	if (record_is_published(r))
		return "published";
	if (record_is_issued(r) && r->revoked)
		return "revoked";
	return "none";
}

/* Adds text that the stylesheet copies as it is (already HTML). */
static void
flush_raw(xmlNodePtr parent, struct buf *raw)
{
	if (raw->len == 0 || parent == NULL)
		return;
	xmlNodePtr t = xmlNewTextLen(X(raw->p), (int)raw->len);
	t->name = xmlStringTextNoenc;
	xmlAddChild(parent, t);
	raw->len = 0;
}

xmlNodePtr
markdown_to_xml(cmark_node *root, xmlNsPtr ns, const struct model *m, const struct md_hooks *hooks)
{
	struct md_hooks all;
	md_hooks_all(&all);
	if (hooks == NULL)
		hooks = &all;
	struct md_anchors *anchors = md_anchors_new();
	struct buf raw = {0};
	int in_image = 0; /* below an image everything is an element: its text is the image's alt */
	xmlNodePtr top = NULL, cur = NULL;
	/* The paragraph being converted when it has images, and the images
	 * among its children so far: each child that is an element gets
	 * images-before, so that a template can find the text between two
	 * images by key. */
	cmark_node *para = NULL;
	long images = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		enum md_type t = md_type_of(n);
		bool element = n == root || in_image > 0 || md_hooked(hooks, t);
		if (ev == CMARK_EVENT_EXIT) {
			if (t == MD_IMAGE)
				in_image--;
			if (!element) {
				markdown_html_exit(&raw, n);
			} else if (cur) {
				flush_raw(cur, &raw);
				cur = cur->parent;
			}
			continue;
		}
		long before = -1;
		if (t == MD_PARAGRAPH) {
			para = NULL;
			images = 0;
			for (cmark_node *c = cmark_node_first_child(n); c && para == NULL; c = cmark_node_next(c))
				if (cmark_node_get_type(c) == CMARK_NODE_IMAGE)
					para = n;
		} else if (para != NULL && cmark_node_parent(n) == para) {
			before = images;
			if (t == MD_IMAGE)
				images++;
		}
		char *anchor = t == MD_HEADING ? md_anchors_next(anchors, n) : NULL;
		if (!element) {
			markdown_html_enter(&raw, n, anchor);
			free(anchor);
			continue;
		}
		flush_raw(cur, &raw);
		xmlNodePtr x = xmlNewNode(ns, X(t == MD_OTHER ? cmark_node_get_type_string(n) : md_type_name(t)));
		if (top == NULL)
			top = x;
		else
			xmlAddChild(cur, x);
		if (before >= 0)
			modelxml_set_int(x, "images-before", before);
		switch (t) {
		case MD_HEADING:
			modelxml_set_int(x, "level", cmark_node_get_heading_level(n));
			set(x, "anchor", anchor);
			break;
		case MD_LIST: {
			bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
			set(x, "type", ordered ? "ordered" : "bullet");
			if (ordered) {
				modelxml_set_int(x, "start", cmark_node_get_list_start(n));
				set(x, "delim", cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? "paren" : "period");
			}
			set(x, "tight", cmark_node_get_list_tight(n) ? "true" : "false");
			break;
		}
		case MD_CODE_BLOCK: {
			const char *info = cmark_node_get_fence_info(n);
			if (info && *info)
				set(x, "info", info);
			break;
		}
		case MD_LINK:
		case MD_IMAGE:
			set(x, "destination", cmark_node_get_url(n));
			if (cmark_node_get_title(n) && *cmark_node_get_title(n))
				set(x, "title", cmark_node_get_title(n));
			set_target(x, markdown_node_target(n));
			if (t == MD_IMAGE && cmark_node_parent(n) && markdown_block_image(cmark_node_parent(n)))
				set(x, "block", "true");
			if (m && t == MD_LINK) {
				xmlChar *y = xmlGetProp(x, X("target-year")), *id = xmlGetProp(x, X("target-id"));
				if (y && id)
					set(x, "target-status", case_status(m, atoi((const char *)y), (const char *)id));
				xmlFree(y);
				xmlFree(id);
			}
			break;
		case MD_TABLE_CELL:
			modelxml_set_int(x, "column", md_cell_column(n) + 1);
			set(x, "align", md_cell_align(n));
			break;
		default:
			break;
		}
		free(anchor);
		if (t == MD_TEXT || t == MD_CODE || t == MD_CODE_BLOCK) {
			const char *lit = cmark_node_get_literal(n);
			if (lit)
				xmlNodeAddContent(x, X(lit));
		}
		/* The iterator gives leaves no EXIT event; every other node is
		 * entered and left. */
		if (!markdown_node_is_leaf(n))
			cur = x;
		else if (t == MD_IMAGE)
			in_image--;
	}
	cmark_iter_free(it);
	md_anchors_free(anchors);
	buf_free(&raw);
	return top;
}

void
modelxml_document_body(xmlNodePtr x, const struct document *d, cmark_node *body, const struct model *m,
                       const struct md_hooks *hooks)
{
	modelxml_set_int(x, "chars", (long)d->chars);
	char *ex = markdown_excerpt(body);
	if (ex)
		child(x, "excerpt", ex);
	free(ex);
	xmlNsPtr ns = xmlNewNs(x, X(QB_CMARK_NS), X("cm"));
	xmlNodePtr doc = markdown_to_xml(body, ns, m, hooks);
	if (doc)
		xmlAddChild(x, doc);
}

void
modelxml_record_body(xmlNodePtr record, const struct record *r, cmark_node *body, const struct model *m,
                     const struct md_hooks *hooks)
{
	for (xmlNodePtr c = record->children; c && r->narrative; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, X("narrative"))) {
			modelxml_document_body(c, r->narrative, body, m, hooks);
			return;
		}
}

/* A document's element: its front matter and, when body is given, the
 * body as cm:document. */
static xmlNodePtr
document_xml(xmlNodePtr parent, const char *name, const struct document *d, cmark_node *body,
             const struct model *m, const struct md_hooks *hooks)
{
	xmlNodePtr x = xmlNewChild(parent, NULL, X(name), NULL);
	set(x, "path", d->path);
	if (d->title)
		child(x, "title", d->title);
	if (d->summary)
		child(x, "summary", d->summary);
	if (d->cover) {
		xmlNodePtr cv = xmlNewChild(x, NULL, X("cover"), NULL);
		set(cv, "src", d->cover);
		set_address(cv, "address", address_asset(d->cover));
	}
	if (d->nkeywords) {
		xmlNodePtr k = xmlNewChild(x, NULL, X("keywords"), NULL);
		for (size_t i = 0; i < d->nkeywords; i++)
			child(k, "keyword", d->keywords[i]);
	}
	if (body)
		modelxml_document_body(x, d, body, m, hooks);
	return x;
}

struct hash
modelxml_body_key(const struct model *m, const struct record *r)
{
	if (r->narrative == NULL)
		return (struct hash){0};
	if (!m->case_links_known) {
		struct hasher h;
		hasher_init(&h);
		for (size_t i = 0; i < m->nbyid; i++) {
			const struct record *t = m->byid[i];
			hasher_u64(&h, (uint64_t)t->campaign->year);
			hasher_str(&h, t->id);
			hasher_str(&h, case_status(m, t->campaign->year, t->id));
		}
		struct model *w = (struct model *)m; /* a cache: the model is not const where it is made */
		w->case_links = hasher_end(&h);
		w->case_links_known = true;
	}
	struct hasher h;
	hasher_init(&h);
	hasher_str(&h, r->narrative->path);
	hasher_hash(&h, r->narrative->text_hash);
	hasher_u64(&h, (uint64_t)r->narrative->text_len);
	hasher_hash(&h, m->case_links);
	return hasher_end(&h);
}

/* <record> with its attributes. */
static xmlNodePtr
record_element(xmlNodePtr parent, const struct record *r)
{
	xmlNodePtr x = xmlNewChild(parent, NULL, X("record"), NULL);
	set(x, "id", r->id);
	if (r->id)
		set_address(x, "address", address_case(r));
	if (record_is_issued(r))
		set_address(x, "verify-address", address_verify(r));
	if (record_is_published(r))
		set_address(x, "certificate-address", address_certificate(r));
	modelxml_set_int(x, "position", (long)r->index + 1);
	set(x, "status", status_name(r->status));
	set(x, "certificate", r->certificate);
	set(x, "issued", record_is_issued(r) ? "true" : "false");
	set(x, "published", record_is_published(r) ? "true" : "false");
	modelxml_set_int(x, "year", r->campaign->year);
	return x;
}

xmlNodePtr
modelxml_record_brief(xmlNodePtr parent, const struct record *r)
{
	xmlNodePtr x = record_element(parent, r);
	child(x, "enterprise", r->enterprise);
	return x;
}

xmlNodePtr
modelxml_record(xmlNodePtr parent, const struct record *r, bool narrative, cmark_node *body, const struct model *m,
                const struct md_hooks *hooks)
{
	xmlNodePtr x = record_element(parent, r);
	child(x, "enterprise", r->enterprise);
	child(x, "uscc", r->uscc);
	/* The case library's pages of the values of a published case. */
	bool pub = record_is_published(r);
	xmlNodePtr reg = child(x, "region", r->region);
	if (r->region) {
		char *slug = address_region_slug(r->region);
		set(reg, "slug", slug);
		if (pub)
			set_address(reg, "address", address_facet("region", slug));
		free(slug);
	}
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
		char letter[2] = {(char)(r->section->code[0] - 'A' + 'a'), '\0'};
		if (pub)
			set_address(ind, "address", address_facet("industry", letter));
	}
	if (r->focus != FOCUS_NONE) {
		xmlNodePtr f = xmlNewChild(x, NULL, X("focus"), NULL);
		set(f, "key", focus_areas[r->focus].key);
		if (pub)
			set_address(f, "address", address_facet("focus", focus_areas[r->focus].key));
		set(f, "item", m->focus[r->focus].item);
		set(f, "name", m->focus[r->focus].name);
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
		char y[24];
		fmt_long(y, r->profitable[i]);
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
		if (record_is_issued(r))
			set_notice_address(v, address_revocation(r));
		set(v, "number", r->revoked_number);
		child(v, "reason", r->revoked_reason);
	}
	if (r->narrative && narrative)
		document_xml(x, "narrative", r->narrative, body, m, hooks);
	return x;
}

xmlNodePtr
modelxml_campaign(xmlNodePtr parent, const struct campaign *c)
{
	xmlNodePtr x = xmlNewChild(parent, NULL, X("campaign"), NULL);
	modelxml_set_int(x, "year", c->year);
	set(x, "phase", phase_name(c->phase));
	set(x, "title", c->title);
	char year[24];
	fmt_long(year, c->year);
	/* the case library's page of the year (once it has published cases) */
	set_address(x, "cases-address", address_facet("year", year));
	xmlNodePtr p = xmlNewChild(x, NULL, X("publicity"), NULL);
	set_date(p, "date", c->publicity_date);
	set_notice_address(p, address_publicity(c));
	modelxml_set_int(p, "working-days", c->working_days);
	if (c->period_known) {
		set_date(p, "first", c->period_first);
		set_date(p, "last", c->period_last);
		/* the official calendar's working days of the period */
		struct buf days = {0};
		for (size_t i = 0; i < c->nperiod_days; i++) {
			char iso[16];
			date_format(c->period_days[i], iso);
			buf_printf(&days, "%s%s", i ? " " : "", iso);
		}
		set(p, "working-dates", days.p ? days.p : "");
		buf_free(&days);
	}
	modelxml_set_int(p, "working-days-left", c->working_days_left);
	set(p, "number", c->publicity_number);
	if (c->announced) {
		xmlNodePtr a = xmlNewChild(x, NULL, X("announcement"), NULL);
		set_date(a, "date", c->announcement_date);
		set_notice_address(a, address_announcement(c));
		set(a, "number", c->announcement_number);
	}
	for (size_t i = 0; i < c->nexchanges; i++) {
		xmlNodePtr e = xmlNewChild(x, NULL, X("exchange"), NULL);
		set_date(e, "date", c->exchanges[i].date);
		set(e, "city", c->exchanges[i].city);
		set(e, "title", c->exchanges[i].title);
	}
	return x;
}

xmlNodePtr
modelxml_root(xmlDocPtr doc, const struct model *m, bool today)
{
	xmlNodePtr root = xmlNewNode(NULL, X("model"));
	xmlDocSetRootElement(doc, root);
	set(root, "generator", "qbpress " QB_VERSION);
	if (today)
		set_date(root, "today", m->today);
	return root;
}

void
modelxml_site(xmlNodePtr root, const struct model *m)
{
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
	xmlNodePtr ad = xmlNewChild(site, NULL, X("addresses"), NULL);
	for (int i = 0; i < ADDR_SECTIONS; i++)
		set(ad, address_section_names[i], address_section((enum address_section)i));
}

void
modelxml_focus_areas(xmlNodePtr root, const struct model *m)
{
	xmlNodePtr fa = xmlNewChild(root, NULL, X("focus-areas"), NULL);
	for (int i = 0; i < FOCUS_COUNT; i++) {
		xmlNodePtr f = xmlNewChild(fa, NULL, X("focus"), NULL);
		set(f, "key", focus_areas[i].key);
		set(f, "item", m->focus[i].item);
		set(f, "name", m->focus[i].name);
	}
}

void
modelxml_industries(xmlNodePtr root)
{
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
}

void
modelxml_pages(xmlNodePtr root, const struct model *m, bool bodies, const struct md_hooks *hooks)
{
	xmlNodePtr ps = xmlNewChild(root, NULL, X("pages"), NULL);
	for (size_t i = 0; i < m->npages; i++) {
		const struct document *d = m->pages[i];
		xmlNodePtr px = document_xml(ps, "page", d, bodies ? d->root : NULL, m, hooks);
		const char *base = strrchr(d->path, '/');
		char *name = xstrdup(base ? base + 1 : d->path);
		name[strlen(name) - 3] = '\0';
		set(px, "name", name);
		free(name);
		set_address(px, "address", address_page(d));
		if (d->has_order)
			modelxml_set_int(px, "order", d->order);
	}
}

xmlDocPtr
model_to_xml(const struct model *m, cmark_node *(*body)(void *arg, const struct record *r), void *arg)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = modelxml_root(doc, m, true);
	modelxml_site(root, m);
	modelxml_focus_areas(root, m);
	modelxml_industries(root);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	char **images = NULL;
	size_t nimages = 0;
	for (size_t i = 0; i < m->nimages; i++) {
		images = xrealloc(images, (nimages + 1) * sizeof(*images));
		images[nimages++] = xstrdup(m->images[i]);
	}
	for (size_t i = 0; i < m->ncampaigns; i++) {
		const struct campaign *c = m->campaigns[i];
		xmlNodePtr rs = xmlNewChild(modelxml_campaign(cs, c), NULL, X("records"), NULL);
		for (size_t j = 0; j < c->nrecords; j++) {
			const struct record *r = c->records[j];
			cmark_node *b = r->narrative && body ? body(arg, r) : NULL;
			modelxml_record(rs, r, true, b, m, NULL);
			markdown_collect_images(b, &images, &nimages);
			markdown_free_tree(b);
		}
	}
	stats_xml(m, root);
	modelxml_pages(root, m, true, NULL);
	if (nimages > 1)
		qsort(images, nimages, sizeof(*images), cmp_str);
	xmlNodePtr im = xmlNewChild(root, NULL, X("images"), NULL);
	for (size_t i = 0; i < nimages; i++)
		if (i == 0 || strcmp(images[i], images[i - 1]) != 0)
			set(xmlNewChild(im, NULL, X("image"), NULL), "src", images[i]);
	for (size_t i = 0; i < nimages; i++)
		free(images[i]);
	free(images);
	return doc;
}

/* Runs last of the exit handlers (it is the first registered). */
static void
pool_at_exit(void)
{
	if (pool_live() == 0) {
		pool_release();
	} else if (POOL_STRICT) {
		fprintf(stderr, "qbpress: %ld blocks of libxml2 or cmark-gfm were not freed\n", pool_live());
		fflush(stderr);
		_exit(2);
	}
}

void
xml_memory_init(void)
{
	/* The pool never returns NULL: it ends the program with status 2 and
	 * a message, so libxml2 and libxslt follow the one policy for running
	 * out of memory. */
	if (xmlGcMemSetup(pool_free, pool_malloc, pool_malloc, pool_realloc, pool_strdup) != 0 ||
	    xmlMemSetup(pool_free, pool_malloc, pool_realloc, pool_strdup) != 0) {
		fputs("qbpress: cannot set libxml2's allocator\n", stderr);
		exit(2);
	}
	atexit(pool_at_exit);
}
