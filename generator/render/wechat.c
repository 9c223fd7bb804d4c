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

#include "../address.h"
#include "../diag.h"
#include "../modelxml.h"
#include "../output.h"
#include "notices.h"
#include "parallel.h"
#include "wechat.h"
#include "xslt.h"

static const char *const kind_names[] = {"publicity", "announcement", "revocation", "case"};

const char *
wechat_kind_name(enum wechat_kind k)
{
	return kind_names[k];
}

struct by_record {
	const struct record *r;
	size_t article;
};

struct run {
	const struct render_ctx *ctx;
	struct theme_sheet sheet;
	xmlDocPtr view;        /* what the template sees of the model for the current article */
	char *base;            /* base_url with a final slash */
	const char *author;    /* the articles' author (the model's) */
	struct wechat_article **a; /* every article, in the order of the copy page */
	size_t n;
	struct by_record *byrec;   /* the articles of records, by record */
	size_t nbyrec;
	int facts_kind;        /* the message that brings an article's facts from a worker */
	struct shelf facts;    /* where the articles' facts are set aside (a file without a name in the staging folder) */
	struct md_hooks hooks; /* the narrative nodes the template renders itself */
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
	a->facts_fd = -1;
	return a;
}

static void
article_free(struct wechat_article *a)
{
	free(a->name);
	free(a->file);
	free(a->title);
	free(a->digest);
	free(a->source_url);
	free(a->pdf_url);
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

/* The content image an exported path comes from, or NULL: a picture of
 * the content's images/ folder (the only folder the loader lets pictures
 * come from), which the export keeps at the same path. */
static const char *
content_image(const struct render_ctx *ctx, const char *src)
{
	if (!str_has_prefix(src, "images/") || strstr(src, "/../") || strstr(src, "/./"))
		return NULL;
	char *p = path_join(ctx->model->content_dir, src);
	struct stat st;
	bool ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return ok ? src : NULL;
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

/* What the template wrote for an article: a tree whose root is one
 * <article> element; NULL after a diagnostic. */
static xmlDocPtr
apply(struct run *run, const struct wechat_article *a)
{
	char year[24];
	fmt_long(year, a->campaign->year);
	const char *id = a->record ? a->record->id : "";
	const char *params[] = {"kind", kind_names[a->kind], "year", year, "id", id, NULL};
	xmlDocPtr d = NULL;
	if (theme_apply_tree(&run->sheet, run->view, params, &d) != 0)
		return NULL;
	xmlNodePtr r = d ? xmlDocGetRootElement(d) : NULL;
	if (r == NULL || xmlStrcmp(r->name, BAD_CAST "article") != 0) {
		diag(DIAG_ERROR, run->sheet.path, 0, 0, "the result of WeChat article %s is not one <article> element",
		     a->file);
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

/* The notice an article publishes (the kinds are in the same order). */
static const struct notice *
article_notice(const struct run *run, const struct wechat_article *a)
{
	return notices_find(run->ctx->notices, (enum notice_kind)a->kind, a->campaign,
	                    a->kind == WECHAT_REVOCATION ? a->record : NULL);
}

/* The part of the model an article needs, in the model's shape: the site,
 * the focus areas and the article's campaign, with the article's record
 * (cases, revocations; *record, to which modelxml_record_body adds the
 * narrative's body) or every record without its narrative's body
 * (notices). libxslt walks the whole input of every transformation, so
 * applying the template to the whole model would make the export quadratic
 * in the number of cases. Caller frees. */
static xmlDocPtr
article_view(const struct run *run, const struct wechat_article *a, xmlNodePtr *record)
{
	const struct model *m = run->ctx->model;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = modelxml_root(doc, m, false);
	modelxml_site(root, m);
	modelxml_focus_areas(root, m);
	xmlNodePtr cs = xmlNewChild(root, NULL, BAD_CAST "campaigns", NULL);
	xmlNodePtr rs = xmlNewChild(modelxml_campaign(cs, a->campaign), NULL, BAD_CAST "records", NULL);
	*record = NULL;
	if (a->record) {
		*record = modelxml_record(rs, a->record, true, NULL, m, &run->hooks);
	} else {
		for (size_t i = 0; i < a->campaign->nrecords; i++)
			modelxml_record(rs, a->campaign->records[i], true, NULL, m, &run->hooks);
	}
	/* a notice's text, composed once for every channel */
	if (a->kind != WECHAT_CASE)
		notice_text_xml(root, article_notice(run, a));
	return doc;
}


/* The page on the site an article is made from. */
static char *
article_page(const struct wechat_article *a)
{
	switch (a->kind) {
	case WECHAT_CASE:
		return address_case(a->record);
	case WECHAT_REVOCATION:
		return address_revocation(a->record);
	case WECHAT_ANNOUNCEMENT:
		return address_announcement(a->campaign);
	default:
		return address_publicity(a->campaign);
	}
}

/* The fields of an article that follow from the model; its addresses are
 * made when it is loaded. */
static void
article_fields(struct run *run, struct wechat_article *a)
{
	a->author = run->author;
	a->base = run->base;
	if (a->kind == WECHAT_CASE && a->record->narrative && a->record->narrative->cover)
		a->cover = export_path(a->record->narrative->cover);
}

static void
article_urls(struct wechat_article *a)
{
	char *page = article_page(a);
	a->source_url = xasprintf("%s%s", a->base, page);
	if (a->kind != WECHAT_CASE) {
		char *pdf = address_notice_pdf(page);
		a->pdf_url = xasprintf("%s%s", a->base, pdf);
		free(pdf);
	}
	free(page);
}

/* The article's title, the text of its digest and its fragment: the
 * <title>, <digest> and the one <section> of what the template wrote. */
static int
article_render(struct run *run, struct wechat_article *a)
{
	xmlDocPtr d = apply(run, a);
	if (d == NULL)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(d), section = NULL;
	size_t sections = 0;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST "section") == 0) {
			section = c;
			sections++;
		}
	}
	if (sections != 1) {
		diag(DIAG_ERROR, run->sheet.path, 0, 0, "the markup of WeChat article %s is not one <section> element",
		     a->file);
		xmlFreeDoc(d);
		return -1;
	}
	a->title = child_text(root, "title");
	char *source = child_text(root, "digest");
	a->digest = wechat_digest(source, WECHAT_DIGEST_MAX);
	a->source_chars = wechat_chars(source);
	free(source);
	struct buf b = {0};
	wechat_serialize(&b, section);
	collect_images(a, section->children);
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
	if (a->kind == WECHAT_CASE && a->record->narrative && a->record->narrative->summary &&
	    a->source_chars > WECHAT_DIGEST_MAX)
		diag_warning(article_pos(a),
		             "the summary has %zu characters and WeChat's digest takes %d; the WeChat digest is "
		             "\"%s\"",
		             a->source_chars, WECHAT_DIGEST_MAX, a->digest);
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
		const char *from = content_image(run->ctx, src);
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

/* The images the articles show (and their covers), gathered while each
 * article is loaded. */
struct sources {
	char **v;
	size_t n, cap;
};

static void
add_sources(const struct run *run, const struct wechat_article *a, struct sources *l)
{
	for (size_t j = 0; j <= a->nimages; j++) {
		const char *src = j < a->nimages ? a->images[j] : a->cover;
		if (src == NULL || content_image(run->ctx, src) == NULL)
			continue;
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 64;
			l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
		}
		l->v[l->n++] = xstrdup(src);
	}
}

static void
sources_free(struct sources *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* Copies every image gathered to wechat/images/, each once: sorted,
 * repeats skipped. */
static int
copy_images(struct run *run, struct sources *l)
{
	const struct model *m = run->ctx->model;
	int rc = 0;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_path);
	for (size_t i = 0; i < l->n && rc == 0; i++) {
		if (i > 0 && strcmp(l->v[i], l->v[i - 1]) == 0)
			continue;
		char *in = path_join(m->content_dir, l->v[i]);
		char *rel = xasprintf("wechat/%s", l->v[i]);
		rc = render_copy(run->ctx, rel, in);
		free(in);
		free(rel);
	}
	return rc;
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

/* ---- facts: what the copy page and the manifest need of an article ---- */

static void
fact(struct buf *b, const char *key, const char *value)
{
	buf_puts(b, key);
	buf_putc(b, '\t');
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\\')
			buf_puts(b, "\\\\");
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '\n');
}

static char *
article_facts(const struct wechat_article *a)
{
	struct buf b = {0};
	char n[64];
	fact(&b, "title", a->title);
	fact(&b, "digest", a->digest);
	snprintf(n, sizeof(n), "%zu %zu %zu", a->source_chars, a->chars, a->len);
	fact(&b, "sizes", n);
	for (size_t i = 0; i < a->nimages; i++)
		fact(&b, "image", a->images[i]);
	return buf_steal(&b);
}

static void
read_facts(struct wechat_article *a, const char *facts)
{
	/* The facts are the whole list (in one process, the article has made
	 * its own already). */
	free_strv(a->images);
	a->images = NULL;
	a->nimages = 0;
	for (const char *line = facts; *line;) {
		const char *end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		const char *tab = memchr(line, '\t', (size_t)(end - line));
		if (tab) {
			struct buf v = {0};
			buf_puts(&v, "");
			for (const char *p = tab + 1; p < end; p++) {
				if (*p == '\\' && p + 1 < end) {
					p++;
					buf_putc(&v, *p == 'n' ? '\n' : *p);
				} else {
					buf_putc(&v, *p);
				}
			}
			size_t k = (size_t)(tab - line);
			if (k == 5 && memcmp(line, "title", 5) == 0) {
				free(a->title);
				a->title = buf_steal(&v);
			} else if (k == 6 && memcmp(line, "digest", 6) == 0) {
				free(a->digest);
				a->digest = buf_steal(&v);
			} else if (k == 5 && memcmp(line, "sizes", 5) == 0) {
				sscanf(v.p, "%zu %zu %zu", &a->source_chars, &a->chars, &a->len);
			} else if (k == 5 && memcmp(line, "image", 5) == 0) {
				add_image(a, v.p);
			}
			buf_free(&v);
		}
		line = *end ? end + 1 : end;
	}
}

int
wechat_article_load(struct wechat_article *a)
{
	if (a->source_url == NULL)
		article_urls(a);
	if (a->facts_fd < 0 || a->title != NULL)
		return 0;
	char *facts = shelf_get(a->facts_fd, a->facts_at, a->facts_len);
	if (facts == NULL) {
		diag(DIAG_FAILURE, NULL, 0, 0, "cannot read back the facts of the WeChat article %s: %s", a->file,
		     strerror(errno));
		return -1;
	}
	read_facts(a, facts);
	free(facts);
	return 0;
}

void
wechat_article_unload(struct wechat_article *a)
{
	free(a->source_url);
	free(a->pdf_url);
	a->source_url = a->pdf_url = NULL;
	if (a->facts_fd < 0)
		return;
	free(a->title);
	free(a->digest);
	free_strv(a->images);
	a->title = a->digest = NULL;
	a->images = NULL;
	a->nimages = 0;
}

static void
receive_facts(void *arg, const void *data, size_t len)
{
	struct run *run = arg;
	size_t i;
	struct hash in;
	if (len < sizeof(i) + sizeof(in))
		return;
	memcpy(&i, data, sizeof(i));
	memcpy(&in, (const char *)data + sizeof(i), sizeof(in));
	if (i >= run->n)
		return;
	struct wechat_article *a = run->a[i];
	a->in = in;
	size_t n = len - sizeof(i) - sizeof(in);
	char *facts = xstrndup((const char *)data + sizeof(i) + sizeof(in), n);
	read_facts(a, facts);
	a->made = true;
	if (run->facts.open && shelf_put(&run->facts, facts, n, &a->facts_at) == 0) {
		a->facts_fd = run->facts.fd;
		a->facts_len = n;
		wechat_article_unload(a);
	}
	free(facts);
}

/* Makes article i (or keeps it, from the same view and template) and
 * sends its facts to the calling process. */
static int
make_article(struct run *run, size_t i, struct narrative *body)
{
	struct wechat_article *a = run->a[i];
	/* The view without the body first: the body is added only when the
	 * article cannot be kept. */
	xmlNodePtr record;
	run->view = article_view(run, a, &record);
	char year[16];
	snprintf(year, sizeof(year), "%d", a->campaign->year);
	struct hasher h;
	hasher_init(&h);
	hasher_hash(&h, xml_hash_doc(run->view));
	if (body && a->record)
		hasher_hash(&h, modelxml_body_key(run->ctx->model, a->record));
	hasher_hash(&h, run->sheet.hash);
	hasher_str(&h, kind_names[a->kind]);
	hasher_str(&h, year);
	hasher_str(&h, a->record ? a->record->id : "");
	hasher_str(&h, run->base);
	struct hash in = hasher_end(&h);
	char *rel = xasprintf("wechat/%s", a->file);
	const char *kept = render_kept(run->ctx, rel, in);
	int rc = 0;
	char *facts = NULL;
	if (kept) {
		facts = xstrdup(kept);
	} else {
		cmark_node *tree = body && record ? narrative_tree(body) : NULL;
		if (tree)
			modelxml_record_body(record, a->record, tree, run->ctx->model, &run->hooks);
		rc = article_render(run, a);
		if (rc == 0) {
			facts = article_facts(a);
			rc = render_write_facts(run->ctx, rel, in, a->html, a->len, facts);
		}
	}
	free(rel);
	xmlFreeDoc(run->view);
	run->view = NULL;
	if (rc == 0) {
		size_t n = strlen(facts);
		char *msg = xmalloc(sizeof(i) + sizeof(in) + n);
		memcpy(msg, &i, sizeof(i));
		memcpy(msg + sizeof(i), &in, sizeof(in));
		memcpy(msg + sizeof(i) + sizeof(in), facts, n);
		par_send(run->facts_kind, msg, sizeof(i) + sizeof(in) + n);
		free(msg);
	}
	free(facts);
	free(a->html);
	a->html = NULL;
	return rc;
}

static int
cmp_by_record(const void *x, const void *y)
{
	const struct record *a = ((const struct by_record *)x)->r, *b = ((const struct by_record *)y)->r;
	return a < b ? -1 : a > b;
}

const char *const wechat_sheets[] = {"wechat/article.xsl", NULL};

int
wechat_begin(const struct render_ctx *ctx, void **state)
{
	const struct model *m = ctx->model;
	struct run *run = xcalloc(1, sizeof(*run));
	*state = run;
	run->ctx = ctx;
	run->base = address_url(m, "");
	run->author = m->site.wechat_author ? m->site.wechat_author : m->site.office ? m->site.office : "";
	if (theme_sheet_load(ctx, wechat_sheets[0], &run->sheet) != 0)
		return -1;
	theme_sheet_hooks(&run->sheet, &run->hooks);
	run->a = pick(m, &run->n);
	run->byrec = xcalloc(run->n + 1, sizeof(*run->byrec));
	for (size_t i = 0; i < run->n; i++) {
		article_fields(run, run->a[i]);
		/* cases are made in the record pass, with their narratives */
		if (run->a[i]->kind == WECHAT_CASE)
			run->byrec[run->nbyrec++] = (struct by_record){run->a[i]->record, i};
	}
	if (run->nbyrec > 1)
		qsort(run->byrec, run->nbyrec, sizeof(*run->byrec), cmp_by_record);
	run->facts_kind = par_kind(receive_facts, run);
	shelf_open(&run->facts, ctx->staging ? ctx->staging->dir : NULL);
	return 0;
}

int
wechat_record(void *state, const struct record *r, struct narrative *body)
{
	struct run *run = state;
	struct by_record key = {r, 0};
	struct by_record *f = run->nbyrec ? bsearch(&key, run->byrec, run->nbyrec, sizeof(key), cmp_by_record) : NULL;
	if (f == NULL)
		return 0;
	while (f > run->byrec && f[-1].r == r)
		f--;
	int rc = 0;
	for (; f < run->byrec + run->nbyrec && f->r == r; f++)
		if (make_article(run, f->article, body) != 0)
			rc = -1;
	return rc;
}

/* The notices' articles, made as jobs on the worker processes. */
struct notice_articles {
	struct run *run;
	size_t *which; /* the articles' indices in run->a */
};

static int
notice_article_job(void *arg, size_t i)
{
	struct notice_articles *na = arg;
	return make_article(na->run, na->which[i], NULL);
}

int
wechat_finish(void *state)
{
	struct run *run = state;
	const struct model *m = run->ctx->model;
	struct notice_articles na = {run, xcalloc(run->n + 1, sizeof(size_t))};
	size_t nn = 0;
	for (size_t i = 0; i < run->n; i++)
		if (run->a[i]->kind != WECHAT_CASE)
			na.which[nn++] = i;
	int rc = par_run(run->ctx->jobs, nn, notice_article_job, &na, false, "WeChat notices");
	free(na.which);
	struct sources images = {0};
	for (size_t i = 0; i < run->n && rc == 0; i++) {
		if (!run->a[i]->made) {
			diag(DIAG_ERROR, NULL, 0, 0, "WeChat article %s was not made", run->a[i]->file);
			rc = -1;
			break;
		}
		rc = wechat_article_load(run->a[i]);
		if (rc == 0) {
			article_limits(run, run->a[i]);
			add_sources(run, run->a[i], &images);
		}
		wechat_article_unload(run->a[i]);
	}
	if (rc == 0)
		rc = copy_images(run, &images);
	sources_free(&images);
	if (rc == 0 && wechat_chars(m->site.wechat_author ? m->site.wechat_author : "") > WECHAT_AUTHOR_MAX)
		diag_warning(m->site.pos, "the WeChat author \"%s\" has more than %d characters", m->site.wechat_author,
		             WECHAT_AUTHOR_MAX);
	if (rc == 0)
		rc = wechat_write_page(run->ctx, run->a, run->n);
	return rc;
}

int
wechat_finish_books(void *state)
{
	struct run *run = state;
	return wechat_write_manifest(run->ctx, run->a, run->n);
}

void
wechat_end(void *state)
{
	struct run *run = state;
	par_drop(run->facts_kind);
	for (size_t i = 0; i < run->n; i++)
		article_free(run->a[i]);
	free(run->a);
	free(run->byrec);
	free(run->base);
	shelf_close(&run->facts);
	theme_sheet_free(&run->sheet);
	free(run);
}
