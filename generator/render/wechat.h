/* The WeChat renderer (output/wechat/): one paste-ready article per case
 * and notice, the copy page and the manifest. The articles' markup and
 * styles come from the theme (templates/wechat/article.xsl); this code
 * picks the articles, measures them against WeChat's limits and writes the
 * files. The rules are in shared/WECHAT.md. */
#ifndef QB_WECHAT_H
#define QB_WECHAT_H

#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#include "../util.h"
#include "render.h"

/* WeChat's limits (draft API; the web editor allows longer titles). */
#define WECHAT_TITLE_MAX 32
#define WECHAT_TITLE_WEB_MAX 64
#define WECHAT_AUTHOR_MAX 16
#define WECHAT_DIGEST_MAX 120
#define WECHAT_HTML_CHARS_MAX 20000 /* the HTML must stay under this */
#define WECHAT_HTML_BYTES_MAX (1024L * 1024L)
#define WECHAT_IMAGE_BYTES_MAX (1024L * 1024L)
#define WECHAT_PAGE_ARTICLES 100 /* more than this: the copy page splits by year */

enum wechat_kind { WECHAT_PUBLICITY, WECHAT_ANNOUNCEMENT, WECHAT_REVOCATION, WECHAT_CASE };

/* One limit an article breaks: its name in the manifest, the figure and the
 * limit. */
struct wechat_limit {
	const char *name;
	long value, max;
	char *detail; /* the image it concerns, or NULL */
};

struct wechat_article {
	enum wechat_kind kind;
	const struct campaign *campaign;
	const struct record *record; /* cases and revocations, else NULL */
	char *name;                  /* file name without ".html" */
	char *file;                  /* "2025/name.html", below wechat/ */
	char *title, *digest;
	const char *author;          /* the account's, the same for every article */
	const char *base;            /* the site's address, with a final slash */
	char *source_url;            /* its page on the site, while loaded */
	char *pdf_url;               /* a notice's official PDF while loaded, else NULL */
	char *cover;                 /* "images/…" below wechat/, or NULL */
	char **images;               /* local images in the article, below wechat/, unique */
	size_t nimages;
	char *html;                  /* the fragment while it is made, or NULL */
	struct hash in;              /* what the fragment was made from (the same: the same bytes) */
	size_t len, chars;           /* bytes, characters */
	size_t source_chars;         /* characters of the text the digest was made from */
	struct wechat_limit *limits;
	size_t nlimits;
	/* Once made, an article's title, digest and images are set aside in a
	 * file without a name (facts_len bytes at facts_at of facts_fd, or
	 * facts_fd -1 when they stay in memory): wechat_article_load() brings
	 * them back and makes its addresses, wechat_article_unload() lets them
	 * go again. */
	bool made;
	int facts_fd;
	uint64_t facts_at;
	size_t facts_len;
};

/* Returns 0, or -1 after a diagnostic when the facts cannot be read back. */
int wechat_article_load(struct wechat_article *a);
void wechat_article_unload(struct wechat_article *a);

/* The renderer's steps (render.h; listed in render.c). Each returns 0, or
 * -1 after a diagnostic; limits an article breaks are warnings, not
 * failures. Case articles are made in the record pass, notices (from
 * their texts, ctx->notices) and the copy page in wechat_finish(), the
 * manifest (which lists the books) in wechat_finish_books(). */
int wechat_begin(const struct render_ctx *ctx, void **state);
int wechat_record(void *state, const struct record *r, struct narrative *body);
int wechat_finish(void *state);
int wechat_finish_books(void *state);
void wechat_end(void *state);

/* The kind's name, as passed to the template and written to the manifest. */
const char *wechat_kind_name(enum wechat_kind k);

/* wechat_html.c */

/* Appends an element and its content in the form a browser's innerHTML
 * gives (double-quoted attributes; &amp; &lt; &gt; &nbsp; in text; &amp;
 * &quot; &lt; &gt; &nbsp; in attribute values; void elements without end
 * tags), so that the copy page's preview serialises to the same bytes.
 * Comments and processing instructions are dropped. */
void wechat_serialize(struct buf *out, xmlNodePtr node);
/* Escapes text for HTML content or a double-quoted attribute value. */
void wechat_escape(struct buf *out, const char *s);
/* The first sentences of text that fit in max characters; when they would
 * fill less than a third of it, the first max - 1 characters and "…".
 * Never splits a character. Returns a new string. */
char *wechat_digest(const char *text, size_t max);
/* Characters (code points) of a UTF-8 string. */
size_t wechat_chars(const char *s);

/* wechat_page.c */

/* Writes wechat/index.html (the copy page, with copy.css and copy.js from
 * the theme; past WECHAT_PAGE_ARTICLES articles, one page of previews per
 * year, wechat/<year>/index.html, and an index that lists the years; the
 * previews are read back from the articles written) and
 * wechat/manifest.json. Returns 0, or -1 after a diagnostic. */
int wechat_write_page(const struct render_ctx *ctx, struct wechat_article *const *a, size_t n);
int wechat_write_manifest(const struct render_ctx *ctx, struct wechat_article *const *a, size_t n);

#endif
