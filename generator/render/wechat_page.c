/* The WeChat export's manifest, and the copy page made by the theme's
 * templates/wechat/copy.xsl. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../address.h"
#include "../diag.h"
#include "../modelxml.h"
#include <libxml/parserInternals.h>
#include "parallel.h"
#include "wechat.h"
#include "xslt.h"

static void
json_limits(struct buf *b, const struct wechat_article *a)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < a->nlimits; i++) {
		const struct wechat_limit *l = &a->limits[i];
		buf_puts(b, i ? ", {\"limit\": " : "{\"limit\": ");
		buf_json_quoted(b, l->name);
		if (l->detail) {
			buf_puts(b, ", \"image\": ");
			buf_json_quoted(b, l->detail);
		}
		if (l->max > 0)
			buf_printf(b, ", \"value\": %ld, \"max\": %ld", l->value, l->max);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
}

int
wechat_write_manifest(const struct render_ctx *ctx, struct wechat_article *const *a, size_t n)
{
	const struct model *m = ctx->model;
	/* written as it is made: its size grows with the articles */
	struct render_file w;
	if (render_open(ctx, "wechat/manifest.json", &w) != 0) {
		render_close(&w);
		return -1;
	}
	struct buf *b = &w.b;
	buf_puts(b, "{\n  \"account\": ");
	buf_json_quoted(b, m->site.wechat_account);
	buf_printf(b,
	           ",\n  \"limits\": {\"title\": %d, \"title_web\": %d, \"author\": %d, \"digest\": %d, "
	           "\"html_chars\": %d, \"html_bytes\": %ld, \"image_bytes\": %ld},\n  \"articles\": [",
	           WECHAT_TITLE_MAX, WECHAT_TITLE_WEB_MAX, WECHAT_AUTHOR_MAX, WECHAT_DIGEST_MAX,
	           WECHAT_HTML_CHARS_MAX - 1, WECHAT_HTML_BYTES_MAX - 1, WECHAT_IMAGE_BYTES_MAX - 1);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct wechat_article *x = a[i];
		if (wechat_article_load(x) != 0) {
			rc = -1;
			break;
		}
		buf_puts(b, i ? ",\n    {\n" : "\n    {\n");
		buf_puts(b, "      \"file\": ");
		buf_json_quoted(b, x->file);
		buf_puts(b, ",\n      \"kind\": ");
		buf_json_quoted(b, wechat_kind_name(x->kind));
		buf_printf(b, ",\n      \"year\": %d", x->campaign->year);
		if (x->record) {
			buf_puts(b, ",\n      \"id\": ");
			buf_json_quoted(b, x->record->id);
			if (x->record->certificate) {
				buf_puts(b, ",\n      \"certificate\": ");
				buf_json_quoted(b, x->record->certificate);
			}
		}
		buf_puts(b, ",\n      \"title\": ");
		buf_json_quoted(b, x->title);
		buf_puts(b, ",\n      \"author\": ");
		buf_json_quoted(b, x->author);
		buf_puts(b, ",\n      \"digest\": ");
		buf_json_quoted(b, x->digest);
		buf_puts(b, ",\n      \"source_url\": ");
		buf_json_quoted(b, x->source_url);
		if (x->pdf_url) {
			buf_puts(b, ",\n      \"pdf\": ");
			buf_json_quoted(b, x->pdf_url);
		}
		buf_puts(b, ",\n      \"cover\": ");
		if (x->cover)
			buf_json_quoted(b, x->cover);
		else
			buf_puts(b, "null");
		buf_puts(b, ",\n      \"images\": [");
		for (size_t j = 0; j < x->nimages; j++) {
			if (j)
				buf_puts(b, ", ");
			buf_json_quoted(b, x->images[j]);
		}
		buf_printf(b, "],\n      \"chars\": %zu,\n      \"bytes\": %zu,\n      \"limits_broken\": ", x->chars,
		           x->len);
		json_limits(b, x);
		buf_puts(b, "\n    }");
		wechat_article_unload(x);
		render_flush(&w);
	}
	if (rc != 0) {
		render_close(&w);
		return -1;
	}
	buf_puts(b, n ? "\n  ],\n  \"compendium\": [" : "],\n  \"compendium\": [");
	/* The books of the experience compendium, for staff to cite. */
	size_t nb = ctx->shared ? ctx->shared->nbooks : 0;
	for (size_t i = 0; i < nb; i++) {
		const struct render_book *bk = &ctx->shared->books[i];
		char *url = address_url(m, bk->path);
		buf_printf(b, "%s\n    {\"year\": %d, \"url\": ", i ? "," : "", bk->year);
		buf_json_quoted(b, url);
		buf_printf(b, ", \"pages\": %zu, \"bytes\": %zu}", bk->pages, bk->bytes);
		free(url);
	}
	buf_puts(b, nb ? "\n  ]\n}\n" : "]\n}\n");
	return render_close(&w);
}

/* ---- the copy page: the theme's templates/wechat/copy.xsl over a view
 * of the articles ---- */

#define X(s) ((const xmlChar *)(s))

/* The fragment of an article as written below the staging folder, as text
 * that the template copies as it is. Returns 0, or -1 after a diagnostic. */
static int
add_article(const struct render_ctx *ctx, xmlNodePtr parent, const struct wechat_article *a)
{
	char *path = xasprintf("%s/wechat/%s", ctx->out, a->file);
	struct buf t = {0};
	int rc = read_file(path, &t);
	if (rc != 0) {
		diag(DIAG_FAILURE, NULL, 0, 0, "cannot read %s back for the copy page: %s", path, strerror(errno));
	} else {
		xmlNodePtr html = xmlNewChild(parent, NULL, X("html"), NULL);
		xmlNodePtr raw = xmlNewTextLen(X(t.p ? t.p : ""), (int)t.len);
		raw->name = xmlStringTextNoenc;
		xmlAddChild(html, raw);
	}
	buf_free(&t);
	free(path);
	return rc;
}

/* <article>: the facts of an article, the limits it breaks and the images
 * to upload (as="cover", "cover-inside" or "inside"); a preview adds its
 * fragment (add_article). */
static xmlNodePtr
article_xml(xmlNodePtr root, const struct wechat_article *a, size_t i)
{
	xmlNodePtr x = xmlNewChild(root, NULL, X("article"), NULL);
	modelxml_set_int(x, "n", (long)i + 1);
	xmlNewProp(x, X("file"), X(a->file));
	xmlNewProp(x, X("kind"), X(wechat_kind_name(a->kind)));
	modelxml_set_int(x, "year", a->campaign->year);
	xmlNewProp(x, X("title"), X(a->title ? a->title : ""));
	xmlNewProp(x, X("digest"), X(a->digest ? a->digest : ""));
	modelxml_set_int(x, "digest-chars", (long)wechat_chars(a->digest ? a->digest : ""));
	xmlNewProp(x, X("author"), X(a->author ? a->author : ""));
	modelxml_set_int(x, "chars", (long)a->chars);
	modelxml_set_int(x, "bytes", (long)a->len);
	xmlNewProp(x, X("source-url"), X(a->source_url));
	if (a->pdf_url)
		xmlNewProp(x, X("pdf"), X(a->pdf_url));
	if (a->cover)
		xmlNewProp(x, X("cover"), X(a->cover));
	for (size_t j = 0; j < a->nlimits; j++) {
		const struct wechat_limit *l = &a->limits[j];
		xmlNodePtr lx = xmlNewChild(x, NULL, X("limit"), NULL);
		xmlNewProp(lx, X("name"), X(l->name));
		if (l->max > 0) {
			modelxml_set_int(lx, "value", l->value);
			modelxml_set_int(lx, "max", l->max);
		}
		if (l->detail)
			xmlNewProp(lx, X("image"), X(l->detail));
	}
	bool cover_inside = false;
	for (size_t j = 0; a->cover && j < a->nimages; j++)
		cover_inside |= strcmp(a->images[j], a->cover) == 0;
	if (a->cover) {
		xmlNodePtr u = xmlNewChild(x, NULL, X("upload"), NULL);
		xmlNewProp(u, X("src"), X(a->cover));
		xmlNewProp(u, X("as"), X(cover_inside ? "cover-inside" : "cover"));
	}
	for (size_t j = 0; j < a->nimages; j++) {
		if (a->cover && strcmp(a->images[j], a->cover) == 0)
			continue;
		xmlNodePtr u = xmlNewChild(x, NULL, X("upload"), NULL);
		xmlNewProp(u, X("src"), X(a->images[j]));
		xmlNewProp(u, X("as"), X("inside"));
	}
	return x;
}

static int
copy_static(const struct render_ctx *ctx, const char *name)
{
	char *rel = xasprintf("templates/wechat/%s", name);
	char *from = theme_file(ctx, rel);
	free(rel);
	if (from == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "theme file templates/wechat/%s not found in %s or %s", name, ctx->theme_dir,
		     ctx->default_theme_dir);
		return -1;
	}
	struct buf b = {0};
	int rc = read_file(from, &b);
	if (rc != 0)
		diag(DIAG_ERROR, from, 0, 0, "cannot read this theme file");
	else {
		char *to = xasprintf("wechat/%s", name);
		rc = render_write(ctx, to, b.p ? b.p : "", b.len);
		free(to);
	}
	buf_free(&b);
	free(from);
	return rc;
}

/* <year>: what the index tells of a year's articles (a[0..n), all of
 * that year): how many of each kind, how many keep every limit, the
 * longest. */
static void
year_xml(xmlNodePtr root, struct wechat_article *const *a, size_t n)
{
	size_t kinds[WECHAT_CASE + 1] = {0}, fit = 0, longest = 0;
	for (size_t i = 0; i < n; i++) {
		kinds[a[i]->kind]++;
		fit += a[i]->nlimits == 0;
		if (a[i]->chars > longest)
			longest = a[i]->chars;
	}
	xmlNodePtr y = xmlNewChild(root, NULL, X("year"), NULL);
	modelxml_set_int(y, "year", a[0]->campaign->year);
	modelxml_set_int(y, "articles", (long)n);
	for (int k = 0; k <= WECHAT_CASE; k++)
		modelxml_set_int(y, wechat_kind_name((enum wechat_kind)k), (long)kinds[k]);
	modelxml_set_int(y, "fit", (long)fit);
	modelxml_set_int(y, "longest", (long)longest);
}

/* One copy page: with year 0, wechat/index.html, which previews every
 * article, or, when there are more than WECHAT_PAGE_ARTICLES, lists the
 * years with their figures (so that it stays as small as the largest
 * year's page); otherwise wechat/<year>/index.html, made from and
 * previewing that year's articles only (so that an edit remakes only its
 * year's page and the index; the template gives it <base href="../">, so
 * that every address in it is the same as on the index page). */
static int
write_page(const struct render_ctx *ctx, const struct theme_sheet *sheet, struct wechat_article *const *a, size_t n,
           const char *rel, int year)
{
	const struct model *m = ctx->model;
	bool split = n > WECHAT_PAGE_ARTICLES;
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = xmlNewNode(NULL, X("copy"));
	xmlDocSetRootElement(doc, root);
	modelxml_set_int(root, "year", year);
	xmlNewProp(root, X("split"), X(split ? "true" : "false"));
	modelxml_site(root, m);
	xmlNodePtr lim = xmlNewChild(root, NULL, X("limits"), NULL);
	modelxml_set_int(lim, "title", WECHAT_TITLE_MAX);
	modelxml_set_int(lim, "title-web", WECHAT_TITLE_WEB_MAX);
	modelxml_set_int(lim, "author", WECHAT_AUTHOR_MAX);
	modelxml_set_int(lim, "digest", WECHAT_DIGEST_MAX);
	modelxml_set_int(lim, "html-chars", WECHAT_HTML_CHARS_MAX - 1);
	modelxml_set_int(lim, "html-bytes", WECHAT_HTML_BYTES_MAX - 1);
	modelxml_set_int(lim, "image-bytes", WECHAT_IMAGE_BYTES_MAX - 1);
	/* The page is the template's over the view: kept when both are the
	 * same. The previews' fragments join the view only when the page is
	 * made; what each was made from stands for it until then. */
	xmlNodePtr *previews = xcalloc(n + 1, sizeof(*previews));
	for (size_t i = 0; i < n; i++) {
		if (split && year == 0) {
			/* the years, newest first, as the articles are */
			size_t j = i + 1;
			while (j < n && a[j]->campaign->year == a[i]->campaign->year)
				j++;
			year_xml(root, a + i, j - i);
			i = j - 1;
			continue;
		}
		/* a year's page: that year's articles only */
		if (year != 0 && a[i]->campaign->year != year)
			continue;
		if (wechat_article_load(a[i]) != 0) {
			free(previews);
			xmlFreeDoc(doc);
			return -1;
		}
		previews[i] = article_xml(root, a[i], i);
		wechat_article_unload(a[i]);
	}
	struct hasher h;
	hasher_init(&h);
	hasher_hash(&h, xml_hash_doc(doc));
	hasher_hash(&h, sheet->hash);
	for (size_t i = 0; i < n; i++)
		if (previews[i])
			hasher_hash(&h, a[i]->in);
	struct hash in = hasher_end(&h);
	struct buf b = {0};
	int rc = 0;
	if (!render_keep(ctx, rel, in)) {
		for (size_t i = 0; i < n && rc == 0; i++)
			if (previews[i])
				rc = add_article(ctx, previews[i], a[i]);
		if (rc == 0)
			rc = theme_apply(sheet, doc, NULL, &b);
		if (rc == 0)
			rc = render_write_from(ctx, rel, in, b.p ? b.p : "", b.len);
	}
	buf_free(&b);
	free(previews);
	xmlFreeDoc(doc);
	return rc;
}

/* The copy pages: the index, and past WECHAT_PAGE_ARTICLES one page a
 * year that previews its articles; each a job of par_run(). */
struct copy_pages {
	const struct render_ctx *ctx;
	struct theme_sheet sheet;
	struct wechat_article *const *a;
	size_t n;
	int *years; /* of each page, 0 for the index */
	size_t npages;
};

static int
copy_page_job(void *arg, size_t i)
{
	struct copy_pages *p = arg;
	char *rel = p->years[i] ? xasprintf("wechat/%d/index.html", p->years[i]) : xstrdup("wechat/index.html");
	int rc = write_page(p->ctx, &p->sheet, p->a, p->n, rel, p->years[i]);
	free(rel);
	return rc;
}

int
wechat_write_page(const struct render_ctx *ctx, struct wechat_article *const *a, size_t n)
{
	struct copy_pages p = {ctx, {0}, a, n, NULL, 0};
	if (theme_sheet_load(ctx, "wechat/copy.xsl", &p.sheet) != 0)
		return -1;
	p.years = xcalloc(n + 1, sizeof(*p.years));
	p.years[p.npages++] = 0;
	/* Past WECHAT_PAGE_ARTICLES the previews go on one page per year. */
	for (size_t i = 0; n > WECHAT_PAGE_ARTICLES && i < n; i++)
		if (i == 0 || a[i]->campaign->year != a[i - 1]->campaign->year)
			p.years[p.npages++] = a[i]->campaign->year;
	int rc = par_run(ctx->jobs, p.npages, copy_page_job, &p, false, "WeChat copy pages");
	free(p.years);
	theme_sheet_free(&p.sheet);
	if (rc == 0)
		rc = copy_static(ctx, "copy.css");
	if (rc == 0)
		rc = copy_static(ctx, "copy.js");
	return rc;
}
