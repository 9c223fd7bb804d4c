/* Composing the notices' texts once per build (notices.h). */
#include "notices.h"

#include <errno.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../address.h"
#include "../diag.h"
#include "../modelxml.h"
#include "../output.h"
#include "parallel.h"
#include "render.h"
#include "xslt.h"

#define X(s) ((const xmlChar *)(s))

static const char *const kind_names[] = {"publicity", "announcement", "revocation"};

const char *
notice_kind_name(enum notice_kind k)
{
	return kind_names[k];
}

static void
add(struct notice_set *s, enum notice_kind kind, const struct campaign *c, const struct record *r, char *address,
    day_t date, bool published)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	struct notice *n = &s->v[s->n++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->campaign = c;
	n->record = r;
	n->address = address;
	n->pdf_address = address_notice_pdf(address);
	n->date = date;
	n->published = published;
	n->fd = -1;
}

/* Every notice the content calls for, in the order of notices.h. */
static void
pick(const struct model *m, struct notice_set *s)
{
	for (size_t i = 0; i < m->ncampaigns; i++) {
		const struct campaign *c = m->campaigns[i];
		/* A publicity notice is out from its date (Art. 22). */
		add(s, NOTICE_PUBLICITY, c, NULL, address_publicity(c), c->publicity_date,
		    c->publicity_date != DAY_NONE && c->publicity_date <= m->today);
		if (c->announced)
			add(s, NOTICE_ANNOUNCEMENT, c, NULL, address_announcement(c), c->announcement_date, true);
		for (size_t j = 0; j < c->nrecords; j++) {
			const struct record *r = c->records[j];
			if (record_is_issued(r) && r->revoked)
				add(s, NOTICE_REVOCATION, c, r, address_revocation(r), r->revoked_date, true);
		}
	}
}

/* What the text template sees: the site, the focus areas, and the notice's
 * campaign with its records (without narratives). No build date: a
 * notice's text does not change with the day it is read. */
static xmlDocPtr
text_view(const struct model *m, const struct campaign *c)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = modelxml_root(doc, m, false);
	modelxml_site(root, m);
	modelxml_focus_areas(root, m);
	xmlNodePtr cs = xmlNewChild(root, NULL, X("campaigns"), NULL);
	xmlNodePtr rs = xmlNewChild(modelxml_campaign(cs, c), NULL, X("records"), NULL);
	for (size_t i = 0; i < c->nrecords; i++)
		modelxml_record(rs, c->records[i], false, NULL, m, NULL);
	return doc;
}

xmlNodePtr
notice_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, X(name)) == 0)
			return c;
	return NULL;
}

char *
notice_text_of(xmlNodePtr n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	char *s = xstrdup(t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

/* Applies the template for one notice and checks the shape of what it
 * wrote. Returns 0, or -1 after a diagnostic. */
static int
compose(const struct render_ctx *ctx, const struct theme_sheet *sheet, struct notice *n)
{
	const struct model *m = ctx->model;
	char year[16];
	snprintf(year, sizeof(year), "%d", n->campaign->year);
	const char *cert = n->record && n->record->certificate ? n->record->certificate : "";
	const char *params[] = {"kind", kind_names[n->kind], "year", year, "certificate", cert, NULL};
	xmlDocPtr view = text_view(m, n->campaign);
	struct buf out = {0};
	int rc = theme_apply(sheet, view, params, &out);
	xmlFreeDoc(view);
	if (rc != 0) {
		buf_free(&out);
		return -1;
	}
	n->xml = out.p;
	n->xml_len = out.len;
	xmlDocPtr d = notice_text_doc(n);
	n->xml = NULL;
	xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
	xmlNodePtr head = notice_child(root, "head"), sig = notice_child(root, "signature");
	if (root == NULL || xmlStrcmp(root->name, X("notice")) != 0 || notice_child(head, "title") == NULL ||
	    notice_child(root, "body") == NULL || notice_child(sig, "issuer") == NULL ||
	    notice_child(sig, "date") == NULL) {
		diag(DIAG_ERROR, sheet->path, 0, 0,
		     "the text of the %s notice %s is not one <notice> with head/title, body, signature/issuer and "
		     "signature/date (templates/notice/README.md)",
		     kind_names[n->kind], n->address);
		xmlFreeDoc(d);
		buf_free(&out);
		return -1;
	}
	n->hash = xml_hash_doc(d);
	xmlNodePtr number = notice_child(head, "number");
	n->number = number ? notice_text_of(number) : NULL;
	n->title = notice_text_of(notice_child(head, "title"));
	xmlFreeDoc(d);
	n->xml_len = out.len;
	n->xml = buf_steal(&out);
	return 0;
}

xmlDocPtr
notice_text_doc(const struct notice *n)
{
	if (n == NULL || n->xml_len == 0 || (n->xml == NULL && n->fd < 0))
		return NULL;
	char *text = n->xml ? n->xml : shelf_get(n->fd, n->at, n->xml_len);
	if (text == NULL) {
		diag(DIAG_FAILURE, NULL, 0, 0, "cannot read back the text of the notice %s: %s", n->address,
		     strerror(errno));
		return NULL;
	}
	xmlDocPtr d = xmlReadMemory(text, (int)n->xml_len, n->address, "UTF-8",
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (text != n->xml)
		free(text);
	return d;
}

/* Moves a composed text from memory to the set's file, when there is one
 * (kept in memory when writing fails). */
static void
set_aside(struct notice_set *s, struct notice *n)
{
	n->composed = true;
	if (!s->texts.open || n->xml == NULL || n->xml_len == 0 || shelf_put(&s->texts, n->xml, n->xml_len, &n->at) != 0)
		return;
	n->fd = s->texts.fd;
	free(n->xml);
	n->xml = NULL;
}

/* The notices composed on worker processes, each sent back as its index,
 * hash, number, title and text. */
struct compose_run {
	const struct render_ctx *ctx;
	const struct theme_sheet *sheet;
	struct notice_set *out;
	int kind;
};

static void
put_field(struct buf *b, const char *s, size_t len)
{
	uint64_t n = s ? (uint64_t)len : UINT64_MAX;
	buf_add(b, (const char *)&n, sizeof(n));
	if (s)
		buf_add(b, s, len);
}

/* A field put_field wrote, at *p (moved past it): a new string in *out,
 * NULL for none, with its length in *len. Returns false when the message
 * ends first. */
static bool
get_field(const char **p, const char *end, char **out, size_t *len)
{
	uint64_t n;
	if ((size_t)(end - *p) < sizeof(n))
		return false;
	memcpy(&n, *p, sizeof(n));
	*p += sizeof(n);
	*out = NULL;
	*len = 0;
	if (n == UINT64_MAX)
		return true;
	if ((uint64_t)(end - *p) < n)
		return false;
	*out = xstrndup(*p, (size_t)n);
	*len = (size_t)n;
	*p += n;
	return true;
}

static int
compose_job(void *arg, size_t i)
{
	struct compose_run *c = arg;
	struct notice *n = &c->out->v[i];
	if (compose(c->ctx, c->sheet, n) != 0)
		return -1;
	if (!par_in_worker()) {
		set_aside(c->out, n);
	} else {
		struct buf b = {0};
		buf_add(&b, (const char *)&i, sizeof(i));
		buf_add(&b, (const char *)&n->hash, sizeof(n->hash));
		put_field(&b, n->number, n->number ? strlen(n->number) : 0);
		put_field(&b, n->title, strlen(n->title));
		put_field(&b, n->xml, n->xml_len);
		par_send(c->kind, b.p, b.len);
		buf_free(&b);
	}
	return 0;
}

static void
receive_composed(void *arg, const void *data, size_t len)
{
	struct compose_run *c = arg;
	const char *p = data, *end = p + len;
	size_t i;
	if (len < sizeof(i) + sizeof(struct hash))
		return;
	memcpy(&i, p, sizeof(i));
	p += sizeof(i);
	if (i >= c->out->n || c->out->v[i].composed)
		return; /* composed in this process */
	struct notice *n = &c->out->v[i];
	memcpy(&n->hash, p, sizeof(n->hash));
	p += sizeof(n->hash);
	char *xml = NULL;
	size_t ignored, xml_len = 0;
	if (get_field(&p, end, &n->number, &ignored) && get_field(&p, end, &n->title, &ignored) &&
	    get_field(&p, end, &xml, &xml_len) && xml) {
		n->xml = xml;
		n->xml_len = xml_len;
		set_aside(c->out, n);
	} else {
		free(xml);
	}
}

int
notices_compose(const struct render_ctx *ctx, struct notice_set *out)
{
	memset(out, 0, sizeof(*out));
	pick(ctx->model, out);
	if (out->n == 0)
		return 0;
	shelf_open(&out->texts, ctx->staging ? ctx->staging->dir : NULL);
	struct theme_sheet sheet;
	if (theme_sheet_load(ctx, NOTICES_SHEET, &sheet) != 0)
		return -1;
	struct compose_run c = {ctx, &sheet, out, -1};
	c.kind = par_kind(receive_composed, &c);
	int rc = par_run(ctx->jobs, out->n, compose_job, &c, false, "notices");
	par_drop(c.kind);
	theme_sheet_free(&sheet);
	return rc;
}

void
notices_free(struct notice_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].address);
		free(s->v[i].pdf_address);
		free(s->v[i].xml);
		free(s->v[i].title);
		free(s->v[i].number);
	}
	free(s->v);
	shelf_close(&s->texts);
	memset(s, 0, sizeof(*s));
}

const struct notice *
notices_find(const struct notice_set *s, enum notice_kind kind, const struct campaign *c, const struct record *r)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (s->v[i].kind == kind && s->v[i].campaign == c && s->v[i].record == r)
			return &s->v[i];
	return NULL;
}

void
notice_text_xml(xmlNodePtr parent, const struct notice *n)
{
	xmlDocPtr d = notice_text_doc(n);
	xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
	if (root)
		xmlAddChild(parent, xmlDocCopyNode(root, parent->doc, 1));
	if (d)
		xmlFreeDoc(d);
}

/* <notices> with the published notices of the set (every one, with
 * published unset) that are about r's campaign and not about another
 * record, or all of them when r is NULL. */
static void
notices_of(xmlNodePtr parent, const struct notice_set *s, bool published, const struct record *r)
{
	xmlNodePtr list = xmlNewChild(parent, NULL, X("notices"), NULL);
	for (size_t i = 0; s && i < s->n; i++) {
		const struct notice *n = &s->v[i];
		if ((published && !n->published) || !n->composed)
			continue;
		if (r && (n->campaign != r->campaign || (n->record && n->record != r)))
			continue;
		xmlNodePtr x = xmlNewChild(list, NULL, X("notice"), NULL);
		xmlSetProp(x, X("kind"), X(kind_names[n->kind]));
		modelxml_set_int(x, "year", n->campaign->year);
		if (n->record)
			xmlSetProp(x, X("certificate"), X(n->record->certificate));
		xmlSetProp(x, X("address"), X(n->address));
		xmlSetProp(x, X("pdf-address"), X(n->pdf_address));
		if (n->date != DAY_NONE) {
			char iso[16];
			date_format(n->date, iso);
			xmlSetProp(x, X("date"), X(iso));
		}
		if (n->number)
			xmlSetProp(x, X("number"), X(n->number));
		xmlNewTextChild(x, NULL, X("title"), X(n->title));
	}
}

void
notices_xml(xmlNodePtr parent, const struct notice_set *s, bool published)
{
	notices_of(parent, s, published, NULL);
}

void
notices_xml_about(xmlNodePtr parent, const struct notice_set *s, const struct record *r)
{
	notices_of(parent, s, true, r);
}
