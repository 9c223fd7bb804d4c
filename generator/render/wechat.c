/* The WeChat renderer: picks the articles (cases in the case library,
 * publicity notices, announcements, revocation notices), renders each with
 * the theme's templates/wechat/article.xsl, measures it against WeChat's
 * limits and writes wechat/<year>/<name>.html, the images it needs, the
 * manifest and the copy page. An article over a limit is exported in full
 * and reported as a warning. */
#include <errno.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../diag.h"
#include "wechat.h"
#include "xslt.h"

static const char *const kind_names[] = {"publicity", "announcement", "revocation", "case"};

const char *
wechat_kind_name(enum wechat_kind k)
{
	return kind_names[k];
}

struct run {
	const struct render_ctx *ctx;
	struct theme_sheet sheet;
	xmlDocPtr view;        /* what the template sees of the model for the current article */
	char *base;            /* base_url with a final slash */
	bool *copied;          /* per image of the model (m->images): copied already */
	xmlNodePtr **records;  /* per campaign (m->campaigns), its records' elements in the model XML */
};

static struct wechat_article *
article_new(enum wechat_kind kind, const struct campaign *c, const struct record *r)
{
	struct wechat_article *a = xcalloc(1, sizeof(*a));
	a->kind = kind;
	a->campaign = c;
	a->record = r;
	switch (kind) {
	case WECHAT_CASE:
		a->name = xstrdup(r->id);
		break;
	case WECHAT_REVOCATION:
		a->name = xasprintf("notice_revocation_%s", r->id);
		break;
	default:
		/* Record ids are [a-z0-9-]: a name with "_" never clashes with a case. */
		a->name = xasprintf("notice_%s", kind_names[kind]);
		break;
	}
	a->file = xasprintf("%d/%s.html", c->year, a->name);
	return a;
}

static void
article_free(struct wechat_article *a)
{
	free(a->name);
	free(a->file);
	free(a->title);
	free(a->author);
	free(a->digest);
	free(a->source_url);
	free(a->cover);
	free_strv(a->images);
	free(a->html);
	for (size_t i = 0; i < a->nlimits; i++)
		free(a->limits[i].detail);
	free(a->limits);
	free(a);
}

/* Where diagnostics about an article point. */
static struct pos
article_pos(const struct wechat_article *a)
{
	if (a->kind == WECHAT_CASE && a->record->narrative)
		return (struct pos){a->record->narrative->file, 0, 0};
	if (a->record)
		return a->record->pos;
	return a->campaign->pos;
}

static void
add_limit(struct wechat_article *a, const char *name, long value, long max, const char *detail)
{
	a->limits = xrealloc(a->limits, (a->nlimits + 1) * sizeof(*a->limits));
	a->limits[a->nlimits++] = (struct wechat_limit){name, value, max, detail ? xstrdup(detail) : NULL};
}

/* Appends an image; repeats are removed by unique_images. The list doubles
 * when its length reaches a power of two, and stays NULL-terminated. */
static void
add_image(struct wechat_article *a, const char *src)
{
	size_t n = a->nimages;
	if (n == 0 || (n & (n - 1)) == 0)
		a->images = xrealloc(a->images, (n ? 2 * n : 1) * sizeof(*a->images) + sizeof(*a->images));
	a->images[a->nimages++] = xstrdup(src);
	a->images[a->nimages] = NULL;
}

static int
cmp_image_ref(const void *x, const void *y)
{
	char *const *a = *(char *const *const *)x, *const *b = *(char *const *const *)y;
	int c = strcmp(*a, *b);
	return c ? c : (a > b) - (a < b);
}

/* Keeps the first of each image an article shows, in their order: sorting
 * pointers to them finds the repeats in n log n. */
static void
unique_images(struct wechat_article *a)
{
	if (a->nimages < 2)
		return;
	char ***v = xcalloc(a->nimages, sizeof(*v));
	for (size_t i = 0; i < a->nimages; i++)
		v[i] = &a->images[i];
	qsort(v, a->nimages, sizeof(*v), cmp_image_ref);
	for (size_t i = 1, first = 0; i < a->nimages; i++) {
		if (strcmp(*v[i], *v[first]) != 0) {
			first = i;
			continue;
		}
		free(*v[i]);
		*v[i] = NULL;
	}
	free(v);
	size_t k = 0;
	for (size_t i = 0; i < a->nimages; i++)
		if (a->images[i])
			a->images[k++] = a->images[i];
	a->nimages = k;
	a->images[k] = NULL;
}

static bool
is_remote(const char *src)
{
	return str_has_prefix(src, "http://") || str_has_prefix(src, "https://") || str_has_prefix(src, "//") ||
	       str_has_prefix(src, "data:");
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The exported place (below wechat/) of a content image, as the template
 * makes it: images/ stays, other paths go below images/. Caller frees. */
static char *
export_path(const char *content_path)
{
	if (str_has_prefix(content_path, "images/"))
		return xstrdup(content_path);
	return xasprintf("images/%s", content_path);
}

/* The index in m->images (sorted) of the content image an exported path
 * comes from, or -1. An exported path "images/P" comes from the content
 * image "images/P" or from "P" (export_path). */
static long
content_image_index(const struct model *m, const char *src)
{
	if (!str_has_prefix(src, "images/"))
		return -1;
	const char *cands[] = {src, src + 7};
	for (size_t c = 0; c < 2; c++) {
		const char *key = cands[c];
		char *const *hit = m->nimages ? bsearch(&key, m->images, m->nimages, sizeof(*m->images), cmp_path) : NULL;
		if (hit == NULL)
			continue;
		char *e = export_path(*hit);
		bool same = strcmp(e, src) == 0;
		free(e);
		if (same)
			return (long)(hit - m->images);
	}
	return -1;
}

/* The content image an exported path comes from, or NULL. */
static const char *
content_image(const struct model *m, const char *src)
{
	long i = content_image_index(m, src);
	return i < 0 ? NULL : m->images[i];
}

static void
collect_images(struct wechat_article *a, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, BAD_CAST "img") == 0) {
			xmlChar *src = xmlGetProp(n, BAD_CAST "src");
			if (src && *src && !is_remote((const char *)src))
				add_image(a, (const char *)src);
			xmlFree(src);
		}
		collect_images(a, n->children);
	}
}

/* Parses what the template wrote (XML, one root element). */
static xmlDocPtr
parse_result(const struct run *run, const struct wechat_article *a, const struct buf *b, const char *root)
{
	xmlDocPtr d = b->len ? xmlReadMemory(b->p, (int)b->len, a->file, "UTF-8",
	                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
	                     : NULL;
	xmlNodePtr r = d ? xmlDocGetRootElement(d) : NULL;
	if (r == NULL || xmlStrcmp(r->name, BAD_CAST root) != 0) {
		diag(DIAG_ERROR, run->sheet.path, 0, 0,
		     "the %s of WeChat article %s is not one <%s> element (the template wrote %zu bytes)",
		     strcmp(root, "meta") == 0 ? "title and digest" : "markup", a->file, root, b->len);
		xmlFreeDoc(d);
		return NULL;
	}
	return d;
}

/* The text of a child element, its runs of white space made one space and
 * trimmed; "" when there is none. Caller frees. */
static char *
child_text(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST name) == 0) {
			xmlChar *t = xmlNodeGetContent(c);
			struct buf b = {0};
			buf_puts(&b, "");
			bool space = false;
			for (const char *p = t ? (const char *)t : ""; *p; p++) {
				if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
					space = b.len > 0;
					continue;
				}
				if (space)
					buf_putc(&b, ' ');
				space = false;
				buf_putc(&b, *p);
			}
			xmlFree(t);
			return buf_steal(&b);
		}
	}
	return xstrdup("");
}

static bool
is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

static bool
attr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	bool same = v && strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return same;
}

static xmlNodePtr
copy_into(xmlNodePtr parent, xmlNodePtr src, int how)
{
	xmlNodePtr x = xmlDocCopyNode(src, parent->doc, how);
	xmlAddChild(parent, x);
	return x;
}

/* The part of the model an article needs, in the model's shape: the site,
 * the focus areas and the article's campaign, with the article's record in
 * full (cases, revocations) or every record without its narrative's body
 * (notices). libxslt walks the whole input of every transformation (its
 * keys index all of it), so applying the template to the whole model would
 * make the export quadratic in the number of cases. Caller frees. */
/* Finds the element of every record in the model XML, once: the model
 * writes each campaign's records in their order (modelxml.c). */
static void
index_records(struct run *run)
{
	const struct model *m = run->ctx->model;
	run->records = xcalloc(m->ncampaigns + 1, sizeof(*run->records));
	xmlNodePtr src = xmlDocGetRootElement(run->ctx->doc);
	for (xmlNodePtr c = src->children; c; c = c->next) {
		if (!is_element(c, "campaigns"))
			continue;
		size_t ci = 0;
		for (xmlNodePtr camp = c->children; camp && ci < m->ncampaigns; camp = camp->next) {
			if (!is_element(camp, "campaign"))
				continue;
			const struct campaign *cp = m->campaigns[ci];
			xmlNodePtr *v = run->records[ci++] = xcalloc(cp->nrecords + 1, sizeof(*v));
			size_t ri = 0;
			for (xmlNodePtr d = camp->children; d; d = d->next)
				for (xmlNodePtr r = is_element(d, "records") ? d->children : NULL; r && ri < cp->nrecords;
				     r = r->next)
					if (is_element(r, "record"))
						v[ri++] = r;
		}
	}
}

/* The element of a record in the model XML, or NULL. */
static xmlNodePtr
record_element(const struct run *run, const struct record *r)
{
	const struct model *m = run->ctx->model;
	for (size_t i = 0; i < m->ncampaigns; i++)
		if (m->campaigns[i] == r->campaign)
			return run->records[i] ? run->records[i][r->index] : NULL;
	return NULL;
}

/* The part of the model an article needs, in the model's shape: the site,
 * the focus areas and the article's campaign, with the article's record in
 * full (cases, revocations) or every record without its narrative's body
 * (notices). libxslt walks the whole input of every transformation (its
 * keys index all of it), so applying the template to the whole model would
 * make the export quadratic in the number of cases; for the same reason an
 * article's record is taken from the index, not looked for among all the
 * others. Caller frees. */
static xmlDocPtr
article_view(const struct run *run, const struct wechat_article *a)
{
	xmlNodePtr src = xmlDocGetRootElement(run->ctx->doc);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlDocCopyNode(src, doc, 2);
	xmlDocSetRootElement(doc, root);
	char year[16];
	snprintf(year, sizeof(year), "%d", a->campaign->year);
	for (xmlNodePtr c = src->children; c; c = c->next) {
		if (is_element(c, "site") || is_element(c, "focus-areas")) {
			copy_into(root, c, 1);
			continue;
		}
		if (!is_element(c, "campaigns"))
			continue;
		xmlNodePtr cs = copy_into(root, c, 2);
		for (xmlNodePtr camp = c->children; camp; camp = camp->next) {
			if (!is_element(camp, "campaign") || !attr_is(camp, "year", year))
				continue;
			xmlNodePtr cx = copy_into(cs, camp, 2);
			for (xmlNodePtr d = camp->children; d; d = d->next) {
				if (!is_element(d, "records")) {
					if (d->type == XML_ELEMENT_NODE)
						copy_into(cx, d, 1);
					continue;
				}
				xmlNodePtr rs = copy_into(cx, d, 2);
				if (a->record) {
					xmlNodePtr r = record_element(run, a->record);
					if (r)
						copy_into(rs, r, 1);
					continue;
				}
				for (xmlNodePtr r = d->children; r; r = r->next) {
					if (!is_element(r, "record"))
						continue;
					xmlNodePtr rx = copy_into(rs, r, 2);
					for (xmlNodePtr f = r->children; f; f = f->next) {
						if (f->type != XML_ELEMENT_NODE)
							continue;
						if (!is_element(f, "narrative")) {
							copy_into(rx, f, 1);
							continue;
						}
						xmlNodePtr nx = copy_into(rx, f, 2);
						for (xmlNodePtr g = f->children; g; g = g->next)
							if (g->type == XML_ELEMENT_NODE && g->ns == NULL)
								copy_into(nx, g, 1);
					}
				}
			}
		}
	}
	return doc;
}

static int
apply(struct run *run, const struct wechat_article *a, const char *part, struct buf *out)
{
	char year[16];
	const char *id = a->record ? a->record->id : "";
	snprintf(year, sizeof(year), "%d", a->campaign->year);
	const char *params[] = {"kind", kind_names[a->kind], "year", year, "id", id, "part", part, NULL};
	return theme_apply(&run->sheet, run->view, params, out);
}

/* Title, digest and the other manifest fields. */
static int
article_meta(struct run *run, struct wechat_article *a)
{
	struct buf b = {0};
	if (apply(run, a, "meta", &b) != 0) {
		buf_free(&b);
		return -1;
	}
	xmlDocPtr d = parse_result(run, a, &b, "meta");
	buf_free(&b);
	if (d == NULL)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(d);
	a->title = child_text(root, "title");
	char *source = child_text(root, "digest");
	xmlFreeDoc(d);
	a->digest = wechat_digest(source, WECHAT_DIGEST_MAX);
	size_t source_chars = wechat_chars(source);
	if (a->kind == WECHAT_CASE && a->record->narrative && a->record->narrative->summary &&
	    source_chars > WECHAT_DIGEST_MAX)
		diag_warning(article_pos(a),
		             "the summary has %zu characters and WeChat's digest takes %d; the WeChat digest is "
		             "\"%s\"",
		             source_chars, WECHAT_DIGEST_MAX, a->digest);
	free(source);

	const struct model *m = run->ctx->model;
	a->author = xstrdup(m->site.wechat_author ? m->site.wechat_author : m->site.office ? m->site.office : "");
	int y = a->campaign->year;
	switch (a->kind) {
	case WECHAT_CASE:
		a->source_url = xasprintf("%scases/%d/%s/", run->base, y, a->record->id);
		if (a->record->narrative && a->record->narrative->cover)
			a->cover = export_path(a->record->narrative->cover);
		break;
	case WECHAT_REVOCATION:
		a->source_url = xasprintf("%snotices/revocation-%s/", run->base, a->record->certificate);
		break;
	default:
		a->source_url = xasprintf("%snotices/%d-%s/", run->base, y, kind_names[a->kind]);
		break;
	}
	return 0;
}

static int
article_render(struct run *run, struct wechat_article *a)
{
	struct buf b = {0};
	if (apply(run, a, "article", &b) != 0) {
		buf_free(&b);
		return -1;
	}
	xmlDocPtr d = parse_result(run, a, &b, "section");
	buf_free(&b);
	if (d == NULL)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(d);
	wechat_serialize(&b, root);
	collect_images(a, root);
	unique_images(a);
	xmlFreeDoc(d);
	a->len = b.len;
	a->html = buf_steal(&b);
	a->chars = wechat_chars(a->html);
	return 0;
}

/* Records the limits an article breaks and reports each as a warning. */
static void
article_limits(struct run *run, struct wechat_article *a)
{
	struct pos p = article_pos(a);
	struct pos tp = a->record ? a->record->pos : a->campaign->pos;
	size_t t = wechat_chars(a->title);
	if (t == 0)
		diag_warning(tp, "WeChat article %s has an empty title", a->file);
	if (t > WECHAT_TITLE_WEB_MAX) {
		add_limit(a, "title_web", (long)t, WECHAT_TITLE_WEB_MAX, NULL);
		diag_warning(tp, "the WeChat title \"%s\" has %zu characters; the web editor takes %d", a->title, t,
		             WECHAT_TITLE_WEB_MAX);
	} else if (t > WECHAT_TITLE_MAX) {
		add_limit(a, "title", (long)t, WECHAT_TITLE_MAX, NULL);
		diag_warning(tp, "the WeChat title \"%s\" has %zu characters; the draft API takes %d (the web editor %d)",
		             a->title, t, WECHAT_TITLE_MAX, WECHAT_TITLE_WEB_MAX);
	}
	size_t au = wechat_chars(a->author);
	if (au > WECHAT_AUTHOR_MAX)
		add_limit(a, "author", (long)au, WECHAT_AUTHOR_MAX, NULL);
	if (a->chars >= WECHAT_HTML_CHARS_MAX) {
		add_limit(a, "html_chars", (long)a->chars, WECHAT_HTML_CHARS_MAX - 1, NULL);
		diag_warning(p,
		             "WeChat article %s has %zu characters of HTML; WeChat takes fewer than %d (exported in "
		             "full: shorten the text or split the article)",
		             a->file, a->chars, WECHAT_HTML_CHARS_MAX);
	}
	if ((long)a->len >= WECHAT_HTML_BYTES_MAX)
		add_limit(a, "html_bytes", (long)a->len, WECHAT_HTML_BYTES_MAX - 1, NULL);

	const struct model *m = run->ctx->model;
	for (size_t i = 0; i <= a->nimages; i++) {
		const char *src = i < a->nimages ? a->images[i] : a->cover;
		bool seen = false;
		for (size_t j = 0; src && i == a->nimages && j < a->nimages; j++)
			seen |= strcmp(a->images[j], src) == 0;
		if (src == NULL || seen)
			continue;
		const char *from = content_image(m, src);
		if (from == NULL) {
			diag_warning(p, "WeChat article %s shows %s, which is not an image of the content", a->file, src);
			continue;
		}
		const char *dot = strrchr(src, '.');
		if (dot == NULL || (strcasecmp(dot, ".png") != 0 && strcasecmp(dot, ".jpg") != 0 &&
		                    strcasecmp(dot, ".jpeg") != 0)) {
			add_limit(a, "image_type", 0, 0, src);
			diag_warning(p, "WeChat articles take JPEG and PNG images only: %s", from);
		}
		char *path = path_join(m->content_dir, from);
		struct stat st;
		if (stat(path, &st) == 0 && st.st_size >= WECHAT_IMAGE_BYTES_MAX) {
			add_limit(a, "image_bytes", (long)st.st_size, WECHAT_IMAGE_BYTES_MAX - 1, src);
			diag_warning(p, "image %s has %lld bytes; WeChat takes images under 1 MB", from,
			             (long long)st.st_size);
		}
		free(path);
	}
}

/* Copies an article's images (and cover) to wechat/images/, each once. */
static int
copy_images(struct run *run, const struct wechat_article *a)
{
	const struct model *m = run->ctx->model;
	for (size_t i = 0; i <= a->nimages; i++) {
		const char *src = i < a->nimages ? a->images[i] : a->cover;
		long k = src ? content_image_index(m, src) : -1;
		if (k < 0 || run->copied[k])
			continue;
		char *in = path_join(m->content_dir, m->images[k]);
		char *rel = xasprintf("wechat/%s", src);
		char *out = path_join(run->ctx->out, rel);
		int rc = copy_file(in, out);
		if (rc != 0)
			diag(DIAG_ERROR, NULL, 0, 0, "cannot copy %s to %s: %s", in, out, strerror(errno));
		free(in);
		free(rel);
		free(out);
		if (rc != 0)
			return -1;
		run->copied[k] = true;
	}
	return 0;
}

/* The articles, newest campaign first: its publicity notice, announcement,
 * revocation notices, then its cases in the order of records.yaml. */
static struct wechat_article **
pick(const struct model *m, size_t *n)
{
	struct wechat_article **v = NULL;
	size_t len = 0, cap = 0;
	for (size_t i = m->ncampaigns; i-- > 0;) {
		const struct campaign *c = m->campaigns[i];
		for (int pass = 0; pass < 4; pass++) {
			for (size_t j = 0; j < (pass < 2 ? 1 : c->nrecords); j++) {
				struct wechat_article *a = NULL;
				const struct record *r = pass < 2 ? NULL : c->records[j];
				if (pass == 0)
					a = article_new(WECHAT_PUBLICITY, c, NULL);
				else if (pass == 1 && c->announced)
					a = article_new(WECHAT_ANNOUNCEMENT, c, NULL);
				else if (pass == 2 && record_is_issued(r) && r->revoked)
					a = article_new(WECHAT_REVOCATION, c, r);
				else if (pass == 3 && record_is_published(r) && r->narrative)
					a = article_new(WECHAT_CASE, c, r);
				if (a == NULL)
					continue;
				if (len == cap) {
					cap = cap ? 2 * cap : 32;
					v = xrealloc(v, cap * sizeof(*v));
				}
				v[len++] = a;
			}
		}
	}
	*n = len;
	return v;
}

int
render_wechat(const struct render_ctx *ctx)
{
	const struct model *m = ctx->model;
	struct run run = {.ctx = ctx};
	if (theme_sheet_load(ctx, "wechat/article.xsl", &run.sheet) != 0)
		return -1;
	const char *base = m->site.base_url ? m->site.base_url : "";
	run.base = xasprintf("%s%s", base, *base && !str_has_suffix(base, "/") ? "/" : "");
	size_t n = 0;
	struct wechat_article **a = pick(m, &n);
	run.copied = xcalloc(m->nimages + 1, sizeof(*run.copied));
	index_records(&run);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		run.view = article_view(&run, a[i]);
		rc = article_meta(&run, a[i]);
		if (rc == 0)
			rc = article_render(&run, a[i]);
		xmlFreeDoc(run.view);
		run.view = NULL;
		if (rc == 0) {
			article_limits(&run, a[i]);
			char *rel = xasprintf("wechat/%s", a[i]->file);
			rc = render_write(ctx, rel, a[i]->html, a[i]->len);
			free(rel);
		}
		if (rc == 0)
			rc = copy_images(&run, a[i]);
	}
	if (rc == 0 && wechat_chars(m->site.wechat_author ? m->site.wechat_author : "") > WECHAT_AUTHOR_MAX)
		diag_warning(m->site.pos, "the WeChat author \"%s\" has more than %d characters", m->site.wechat_author,
		             WECHAT_AUTHOR_MAX);
	if (rc == 0)
		rc = wechat_write_manifest(ctx, a, n);
	if (rc == 0)
		rc = wechat_write_page(ctx, a, n);
	for (size_t i = 0; i < n; i++)
		article_free(a[i]);
	free(a);
	free(run.copied);
	for (size_t i = 0; i < m->ncampaigns; i++)
		free(run.records[i]);
	free(run.records);
	free(run.base);
	theme_sheet_free(&run.sheet);
	return rc;
}
