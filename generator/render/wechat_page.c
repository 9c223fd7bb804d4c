/* The WeChat export's manifest and copy page. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../diag.h"
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
	struct buf b = {0};
	buf_puts(&b, "{\n  \"account\": ");
	buf_json_quoted(&b, m->site.wechat_account);
	buf_printf(&b,
	           ",\n  \"limits\": {\"title\": %d, \"title_web\": %d, \"author\": %d, \"digest\": %d, "
	           "\"html_chars\": %d, \"html_bytes\": %ld, \"image_bytes\": %ld},\n  \"articles\": [",
	           WECHAT_TITLE_MAX, WECHAT_TITLE_WEB_MAX, WECHAT_AUTHOR_MAX, WECHAT_DIGEST_MAX,
	           WECHAT_HTML_CHARS_MAX - 1, WECHAT_HTML_BYTES_MAX - 1, WECHAT_IMAGE_BYTES_MAX - 1);
	for (size_t i = 0; i < n; i++) {
		const struct wechat_article *x = a[i];
		buf_puts(&b, i ? ",\n    {\n" : "\n    {\n");
		buf_puts(&b, "      \"file\": ");
		buf_json_quoted(&b, x->file);
		buf_puts(&b, ",\n      \"kind\": ");
		buf_json_quoted(&b, wechat_kind_name(x->kind));
		buf_printf(&b, ",\n      \"year\": %d", x->campaign->year);
		if (x->record) {
			buf_puts(&b, ",\n      \"id\": ");
			buf_json_quoted(&b, x->record->id);
			if (x->record->certificate) {
				buf_puts(&b, ",\n      \"certificate\": ");
				buf_json_quoted(&b, x->record->certificate);
			}
		}
		buf_puts(&b, ",\n      \"title\": ");
		buf_json_quoted(&b, x->title);
		buf_puts(&b, ",\n      \"author\": ");
		buf_json_quoted(&b, x->author);
		buf_puts(&b, ",\n      \"digest\": ");
		buf_json_quoted(&b, x->digest);
		buf_puts(&b, ",\n      \"source_url\": ");
		buf_json_quoted(&b, x->source_url);
		buf_puts(&b, ",\n      \"cover\": ");
		if (x->cover)
			buf_json_quoted(&b, x->cover);
		else
			buf_puts(&b, "null");
		buf_puts(&b, ",\n      \"images\": [");
		for (size_t j = 0; j < x->nimages; j++) {
			if (j)
				buf_puts(&b, ", ");
			buf_json_quoted(&b, x->images[j]);
		}
		buf_printf(&b, "],\n      \"chars\": %zu,\n      \"bytes\": %zu,\n      \"limits_broken\": ", x->chars,
		           x->len);
		json_limits(&b, x);
		buf_puts(&b, "\n    }");
	}
	buf_puts(&b, n ? "\n  ],\n  \"compendium\": [" : "],\n  \"compendium\": [");
	/* The books of the experience compendium, for staff to cite. */
	const char *base = m->site.base_url ? m->site.base_url : "";
	size_t nb = ctx->shared ? ctx->shared->nbooks : 0;
	for (size_t i = 0; i < nb; i++) {
		const struct render_book *bk = &ctx->shared->books[i];
		char *url = xasprintf("%s%s%s", base, *base && !str_has_suffix(base, "/") ? "/" : "", bk->path);
		buf_printf(&b, "%s\n    {\"year\": %d, \"url\": ", i ? "," : "", bk->year);
		buf_json_quoted(&b, url);
		buf_printf(&b, ", \"pages\": %zu, \"bytes\": %zu}", bk->pages, bk->bytes);
		free(url);
	}
	buf_puts(&b, nb ? "\n  ]\n}\n" : "]\n}\n");
	int rc = render_write(ctx, "wechat/manifest.json", b.p, b.len);
	buf_free(&b);
	return rc;
}

static void
esc(struct buf *b, const char *s)
{
	wechat_escape(b, s ? s : "");
}

/* 12345 → "12,345" */
static void
thousands(struct buf *b, size_t v)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%zu", v);
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, digits[i]);
	}
}

static const char *
kind_label(enum wechat_kind k)
{
	static const char *const labels[] = {"公示", "公告", "撤销公告", "典型经验"};
	return labels[k];
}

static void
limit_text(struct buf *b, const struct wechat_limit *l)
{
	if (strcmp(l->name, "html_chars") == 0)
		buf_printf(b, "正文 HTML %ld 字符，超过 %ld", l->value, l->max);
	else if (strcmp(l->name, "html_bytes") == 0)
		buf_printf(b, "正文 %ld 字节，超过 1 MB", l->value);
	else if (strcmp(l->name, "title") == 0)
		buf_printf(b, "标题 %ld 字，超过接口上限 %ld（网页编辑器可到 %d）", l->value, l->max, WECHAT_TITLE_WEB_MAX);
	else if (strcmp(l->name, "title_web") == 0)
		buf_printf(b, "标题 %ld 字，超过 %ld", l->value, l->max);
	else if (strcmp(l->name, "author") == 0)
		buf_printf(b, "作者 %ld 字，超过 %ld", l->value, l->max);
	else if (strcmp(l->name, "image_bytes") == 0) {
		esc(b, l->detail);
		buf_puts(b, " 超过 1 MB");
	} else if (strcmp(l->name, "image_type") == 0) {
		esc(b, l->detail);
		buf_puts(b, " 不是 JPG/PNG");
	} else
		esc(b, l->name);
}

/* Appends the article as written below the staging folder. */
static int
add_article(const struct render_ctx *ctx, struct buf *b, const struct wechat_article *a)
{
	char *path = xasprintf("%s/wechat/%s", ctx->out, a->file);
	struct buf t = {0};
	int rc = read_file(path, &t);
	if (rc != 0)
		diag(DIAG_FAILURE, NULL, 0, 0, "cannot read %s back for the copy page: %s", path, strerror(errno));
	else
		buf_add(b, t.p ? t.p : "", t.len);
	buf_free(&t);
	free(path);
	return rc;
}

static int
card(const struct render_ctx *ctx, struct buf *b, const struct wechat_article *a, size_t i)
{
	buf_printf(b, "<section class=\"card\" id=\"a%zu\" aria-labelledby=\"t%zu\">\n<div class=\"info\">\n", i + 1, i + 1);
	buf_printf(b, "<p class=\"kind\">%d · %s</p>\n<h2 id=\"t%zu\">", a->campaign->year, kind_label(a->kind), i + 1);
	esc(b, a->title);
	buf_puts(b, "</h2>\n<dl>\n<dt>摘要</dt><dd>");
	esc(b, a->digest);
	buf_printf(b, " <span class=\"count\">（%zu 字）</span></dd>\n<dt>作者</dt><dd>", wechat_chars(a->digest));
	esc(b, a->author);
	buf_puts(b, "</dd>\n<dt>字符数</dt><dd>");
	thousands(b, a->chars);
	buf_puts(b, " / 20,000</dd>\n<dt>限制</dt><dd>");
	if (a->nlimits == 0) {
		buf_puts(b, "<span class=\"ok\">全部符合</span>");
	} else {
		buf_puts(b, "<span class=\"over\">");
		for (size_t j = 0; j < a->nlimits; j++) {
			if (j)
				buf_puts(b, "；");
			limit_text(b, &a->limits[j]);
		}
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</dd>\n<dt>阅读原文</dt><dd><a href=\"");
	esc(b, a->source_url);
	buf_puts(b, "\">");
	esc(b, a->source_url);
	buf_puts(b, "</a></dd>\n<dt>文件</dt><dd><a href=\"");
	esc(b, a->file);
	buf_puts(b, "\">");
	esc(b, a->file);
	buf_puts(b, "</a></dd>\n</dl>\n");

	bool cover_inside = false;
	for (size_t j = 0; a->cover && j < a->nimages; j++)
		cover_inside |= strcmp(a->images[j], a->cover) == 0;
	size_t uploads = a->nimages + (a->cover && !cover_inside ? 1 : 0);
	buf_printf(b, "<p class=\"uploads-title\">需上传的图片（%zu）</p>\n", uploads);
	if (uploads == 0) {
		buf_puts(b, "<p class=\"none\">无</p>\n");
	} else {
		buf_puts(b, "<ul class=\"uploads\">\n");
		if (a->cover) {
			buf_puts(b, "<li><a href=\"");
			esc(b, a->cover);
			buf_puts(b, "\">");
			esc(b, a->cover);
			buf_puts(b, cover_inside ? "</a>（封面，也在文中）</li>\n" : "</a>（封面）</li>\n");
		}
		for (size_t j = 0; j < a->nimages; j++) {
			if (a->cover && strcmp(a->images[j], a->cover) == 0)
				continue;
			buf_puts(b, "<li><a href=\"");
			esc(b, a->images[j]);
			buf_puts(b, "\">");
			esc(b, a->images[j]);
			buf_puts(b, "</a>（文中）</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_printf(b,
	           "<p class=\"actions\"><button type=\"button\" data-copy=\"p%zu\" aria-describedby=\"t%zu\">复制文章</button>"
	           "<label><input type=\"checkbox\" data-dark=\"f%zu\"> 深色预览</label></p>\n"
	           "<p class=\"status\" role=\"status\" aria-live=\"polite\"></p>\n</div>\n",
	           i + 1, i + 1, i + 1);
	buf_printf(b, "<div class=\"phone\" id=\"f%zu\"><div class=\"preview\" id=\"p%zu\">", i + 1, i + 1);
	int rc = add_article(ctx, b, a);
	buf_puts(b, "</div></div>\n</section>\n");
	return rc;
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

/* One copy page: with year 0, wechat/index.html, which previews every
 * article, or only lists them when there are more than
 * WECHAT_PAGE_ARTICLES; otherwise wechat/<year>/index.html, which previews
 * that year's articles. A year page carries <base href="../">, so that every
 * address in it (articles, images, styles, the list) is the same as on the
 * index page. */
static int
write_page(const struct render_ctx *ctx, struct wechat_article *const *a, size_t n, const char *rel, int year)
{
	const struct model *m = ctx->model;
	size_t fit = 0, largest = 0;
	for (size_t i = 0; i < n; i++) {
		if (a[i]->nlimits == 0)
			fit++;
		if (a[i]->chars > largest)
			largest = a[i]->chars;
	}
	bool split = n > WECHAT_PAGE_ARTICLES;
	struct buf b = {0};
	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"");
	esc(&b, m->site.language ? m->site.language : "zh-CN");
	buf_puts(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n");
	if (year)
		buf_puts(&b, "<base href=\"../\">\n");
	buf_puts(&b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>微信文章 · ");
	if (year)
		buf_printf(&b, "%d · ", year);
	esc(&b, m->site.title);
	buf_puts(&b, "</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"copy.css\">\n"
	             "<script src=\"copy.js\" defer></script>\n</head>\n<body>\n<header class=\"top\">\n<h1>微信公众号文章 · ");
	esc(&b, m->site.wechat_account ? m->site.wechat_account : m->site.title);
	if (year)
		buf_printf(&b, " · %d年", year);
	buf_printf(&b, "</h1>\n<p>共 %zu 篇，%zu 篇符合全部限制；最长一篇 ", n, fit);
	thousands(&b, largest);
	buf_puts(&b, " 字符（上限 20,000）。按“复制文章”，在公众号编辑器中粘贴；再上传列出的图片，替换文中同名图片，"
	             "并把“阅读原文”设为所列地址。");
	if (split && year == 0)
		buf_puts(&b, "文章较多，按年度分页预览。");
	else if (split)
		buf_puts(&b, "<a href=\"index.html\">全部年度</a>");
	buf_puts(&b, "</p>\n<nav aria-label=\"文章\">\n<ol>\n");
	for (size_t i = 0; i < n; i++) {
		int y = a[i]->campaign->year;
		if (year && y != year)
			continue;
		if (split)
			buf_printf(&b, "<li><a href=\"%d/index.html#a%zu\">%d · %s · ", y, i + 1, y, kind_label(a[i]->kind));
		else
			buf_printf(&b, "<li><a href=\"#a%zu\">%d · %s · ", i + 1, y, kind_label(a[i]->kind));
		esc(&b, a[i]->title);
		buf_puts(&b, "</a>");
		if (a[i]->nlimits)
			buf_puts(&b, " <span class=\"over\">超限</span>");
		buf_puts(&b, "</li>\n");
	}
	buf_puts(&b, "</ol>\n</nav>\n</header>\n<main>\n");
	int rc = 0;
	if (!(split && year == 0))
		for (size_t i = 0; i < n && rc == 0; i++)
			if (year == 0 || a[i]->campaign->year == year)
				rc = card(ctx, &b, a[i], i);
	buf_puts(&b, "</main>\n</body>\n</html>\n");
	if (rc == 0)
		rc = render_write(ctx, rel, b.p, b.len);
	buf_free(&b);
	return rc;
}

int
wechat_write_page(const struct render_ctx *ctx, struct wechat_article *const *a, size_t n)
{
	int rc = write_page(ctx, a, n, "wechat/index.html", 0);
	/* Past WECHAT_PAGE_ARTICLES the previews go on one page per year. */
	for (size_t i = 0; rc == 0 && n > WECHAT_PAGE_ARTICLES && i < n; i++) {
		if (i > 0 && a[i]->campaign->year == a[i - 1]->campaign->year)
			continue;
		char *rel = xasprintf("wechat/%d/index.html", a[i]->campaign->year);
		rc = write_page(ctx, a, n, rel, a[i]->campaign->year);
		free(rel);
	}
	if (rc == 0)
		rc = copy_static(ctx, "copy.css");
	if (rc == 0)
		rc = copy_static(ctx, "copy.js");
	return rc;
}
