#define _GNU_SOURCE
#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "hash.h"
#include "pool.h"
#include "utf8.h"

static const char *const extension_names[] = {"table", "strikethrough", "autolink"};

static pthread_once_t registered = PTHREAD_ONCE_INIT;

void
markdown_init(void)
{
	pthread_once(&registered, cmark_gfm_core_extensions_ensure_registered);
}

char *
markdown_split_front_matter(char *text, size_t len, int *unclosed)
{
	*unclosed = 0;
	size_t k = 3;
	while (k < len && (text[k] == ' ' || text[k] == '\t'))
		k++;
	if (!(len >= 3 && memcmp(text, "---", 3) == 0 && (k == len || text[k] == '\n' || text[k] == '\r')))
		return NULL;
	/* Find the closing line. */
	size_t i = 3;
	while (i < len && text[i] != '\n')
		i++;
	size_t body = i < len ? i + 1 : len;
	size_t p = body;
	while (p < len) {
		size_t e = p;
		while (e < len && text[e] != '\n')
			e++;
		size_t l = e - p;
		while (l > 0 && (text[p + l - 1] == '\r' || text[p + l - 1] == ' ' || text[p + l - 1] == '\t'))
			l--;
		if ((l == 3 && (memcmp(text + p, "---", 3) == 0 || memcmp(text + p, "...", 3) == 0))) {
			char *yaml = xstrndup(text + body, p - body);
			size_t end = e < len ? e + 1 : len;
			for (size_t q = 0; q < end; q++)
				if (text[q] != '\n')
					text[q] = ' ';
			return yaml;
		}
		p = e < len ? e + 1 : len;
	}
	*unclosed = 1;
	return NULL;
}

struct walk {
	struct markdown_ctx *ctx;
	const char *file, *rel, *text;
	size_t len;
	struct document *doc;
	size_t *lines; /* byte offset of each line's start, made on first use */
	size_t nlines;
};

/* Column in characters of a byte column on a line (both 1-based). */
static int
char_col(struct walk *w, int line, int bytecol)
{
	if (w->lines == NULL) {
		size_t n = 1;
		for (const char *p = w->text, *end = w->text + w->len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			n++;
		w->lines = xmalloc(n * sizeof(*w->lines));
		w->lines[w->nlines++] = 0;
		for (const char *p = w->text, *end = w->text + w->len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			w->lines[w->nlines++] = (size_t)(p - w->text) + 1;
	}
	if (line < 1 || (size_t)line > w->nlines)
		return bytecol;
	size_t off = w->lines[line - 1];
	int col = 1;
	for (int b = 1; b < bytecol && off < w->len && w->text[off] != '\n'; b++, off++)
		if (((unsigned char)w->text[off] & 0xC0) != 0x80)
			col++;
	return col;
}

static struct pos
node_pos(struct walk *w, cmark_node *n)
{
	cmark_node *p = n;
	while (p && cmark_node_get_start_line(p) <= 0)
		p = cmark_node_parent(p);
	int line = p ? cmark_node_get_start_line(p) : 0;
	int col = p ? cmark_node_get_start_column(p) : 0;
	if (line > 0 && col > 0)
		col = char_col(w, line, col);
	return (struct pos){w->file, line, col};
}

/* The scheme of a URL in lower case ("" for none); caller frees. */
static char *
url_scheme(const char *url)
{
	size_t i = 0;
	if (!((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')))
		return xstrdup("");
	while (url[i] && (url[i] == '+' || url[i] == '-' || url[i] == '.' || (url[i] >= '0' && url[i] <= '9') ||
	                  (url[i] >= 'a' && url[i] <= 'z') || (url[i] >= 'A' && url[i] <= 'Z')))
		i++;
	if (url[i] != ':')
		return xstrdup("");
	char *s = xstrndup(url, i);
	for (char *c = s; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return s;
}

/* Decodes %XX escapes of the first n bytes of s; sets *len to the length
 * of the result, which may hold NUL bytes. Caller frees. */
static char *
percent_decode(const char *s, size_t n, size_t *len)
{
	struct buf b = {0};
	buf_grow(&b, n);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
			buf_putc(&b, (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
			i += 2;
		} else {
			buf_putc(&b, s[i]);
		}
	}
	*len = b.len;
	return buf_steal(&b);
}

static bool
has_ext(const char *path, const char *const *exts)
{
	const char *dot = strrchr(path, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return false;
	for (size_t i = 0; exts[i]; i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return true;
	return false;
}

static const char *const image_exts[] = {"png", "jpg", "jpeg", "gif", "webp", NULL};
static const char *const download_exts[] = {"pdf", "ofd", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps",
                                            "et", "dps", "odt", "ods", "odp", "txt", "csv", "zip", "7z",
                                            "png", "jpg", "jpeg", "gif", "webp", NULL};

bool
markdown_target_case(const char *path, int *year, char *id, size_t idsize)
{
	int y, n = 0;
	if (sscanf(path, "campaigns/%4d/cases/%n", &y, &n) != 1 || n == 0 || !str_has_suffix(path, ".md"))
		return false;
	const char *s = path + n;
	size_t len = strlen(s) - 3;
	if (len == 0 || len >= idsize || len > 64)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	if (year)
		*year = y;
	if (id) {
		memcpy(id, s, len);
		id[len] = '\0';
	}
	return true;
}

bool
markdown_target_page(const char *path)
{
	return str_has_prefix(path, "pages/") && str_has_suffix(path, ".md") && strchr(path + 6, '/') == NULL &&
	       strlen(path) > 9;
}

/* Whether a content file may be published by a link or an image: case
 * narratives and free pages become their pages' addresses; files are
 * copied only from images/ (pictures) and downloads/ (documents). Every
 * other file of the content folder is a source (records with their
 * confidential review data, calendars, site.yaml, campaign files) and never
 * reaches an output (Art. 16). */
static bool
publishable(const char *path, enum target_use use)
{
	if (use == TARGET_LINK && (markdown_target_case(path, NULL, NULL, 80) || markdown_target_page(path)))
		return true;
	if (str_has_prefix(path, "images/"))
		return has_ext(path, image_exts);
	if (use == TARGET_LINK && str_has_prefix(path, "downloads/"))
		return has_ext(path, download_exts);
	return false;
}

/* Whether the target at full is a file inside the content folder: 0, or
 * -1 after reporting why not. */
static int
target_file(const struct markdown_ctx *ctx, const char *full, const char *target, struct pos at, const char *what)
{
	struct stat st;
	if (lstat(full, &st) != 0) {
		diag_error(at, "%s '%s' does not exist (looked for %s)", what, target, full);
		return -1;
	}
	char *real = realpath(full, NULL);
	if (real == NULL || ctx->content_real == NULL || !str_has_prefix(real, ctx->content_real) ||
	    (real[strlen(ctx->content_real)] != '/' && real[strlen(ctx->content_real)] != '\0')) {
		diag_error(at, "%s '%s' leads outside the content folder (through a symbolic link)", what, target);
		free(real);
		return -1;
	}
	free(real);
	if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(at, "%s '%s' is %s, not a file", what, target,
		           S_ISDIR(st.st_mode) ? "a folder" : "a special file (a pipe or a device)");
		return -1;
	}
	return 0;
}

struct markdown_files {
	pthread_mutex_t lock;
	char **slots; /* open addressing; NULL is empty */
	size_t cap, n;
};

struct markdown_files *
markdown_files_new(void)
{
	struct markdown_files *f = xcalloc(1, sizeof(*f));
	pthread_mutex_init(&f->lock, NULL);
	return f;
}

void
markdown_files_free(struct markdown_files *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->cap; i++)
		free(f->slots[i]);
	free(f->slots);
	pthread_mutex_destroy(&f->lock);
	free(f);
}

static size_t
files_slot(char **slots, size_t cap, const char *path)
{
	size_t i = (size_t)hash_bytes(path, strlen(path)).a & (cap - 1);
	while (slots[i] != NULL && strcmp(slots[i], path) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

static bool
files_has(struct markdown_files *f, const char *path)
{
	if (f == NULL)
		return false;
	pthread_mutex_lock(&f->lock);
	bool has = f->cap > 0 && f->slots[files_slot(f->slots, f->cap, path)] != NULL;
	pthread_mutex_unlock(&f->lock);
	return has;
}

static void
files_add(struct markdown_files *f, const char *path)
{
	if (f == NULL)
		return;
	pthread_mutex_lock(&f->lock);
	if (2 * (f->n + 1) > f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 64;
		char **slots = xcalloc(cap, sizeof(*slots));
		for (size_t i = 0; i < f->cap; i++)
			if (f->slots[i])
				slots[files_slot(slots, cap, f->slots[i])] = f->slots[i];
		free(f->slots);
		f->slots = slots;
		f->cap = cap;
	}
	size_t i = files_slot(f->slots, f->cap, path);
	if (f->slots[i] == NULL) {
		f->slots[i] = xstrdup(path);
		f->n++;
	}
	pthread_mutex_unlock(&f->lock);
}

char *
markdown_resolve_target(struct markdown_ctx *ctx, const char *rel, const char *target, struct pos at,
                        const char *what, enum target_use use)
{
	size_t n = strcspn(target, "#?");
	const char *frag = target[n] == '#' ? target + n : strchr(target + n, '#');
	if (n == 0) {
		/* "#anchor" or "?q": a place in the same document. */
		if (use == TARGET_IMAGE) {
			diag_error(at, "%s '%s' names no file: put the picture in images/ and give its path", what, target);
			return NULL;
		}
		return xstrdup(frag ? target : "");
	}
	size_t plen;
	char *path = percent_decode(target, n, &plen);
	if (path[0] == '/' || strstr(path, "\\") != NULL) {
		diag_error(at, "%s '%s' is an absolute path: write it relative to this file", what, target);
		free(path);
		return NULL;
	}
	if (plen == 0 || memchr(path, '\0', plen) != NULL) {
		free(path);
		diag_error(at, "%s '%s' is not a usable path", what, target);
		return NULL;
	}
	char *dir = path_dir(rel);
	char *joined = strcmp(dir, ".") == 0 ? xstrdup(path) : path_join(dir, path);
	free(dir);
	free(path);
	char *norm = path_normalize_rel(joined);
	free(joined);
	if (norm == NULL || *norm == '\0') {
		diag_error(at, "%s '%s' leaves the content folder", what, target);
		free(norm);
		return NULL;
	}
	if (!files_has(ctx->files, norm)) {
		char *full = path_join(ctx->content_dir, norm);
		int bad = target_file(ctx, full, target, at, what);
		free(full);
		if (bad) {
			free(norm);
			return NULL;
		}
		files_add(ctx->files, norm);
	}
	if (!publishable(norm, use)) {
		if (use == TARGET_IMAGE)
			diag_error(at,
			           "%s '%s' is not a published picture: pictures are PNG, JPEG, GIF or WebP files in images/",
			           what, target);
		else
			diag_error(at,
			           "%s '%s' points at %s, a content source that is never published: link a case, a "
			           "page, a picture in images/ or a document in downloads/",
			           what, target, norm);
		free(norm);
		return NULL;
	}
	if (frag) {
		char *t = xasprintf("%s%s", norm, frag);
		free(norm);
		norm = t;
	}
	return norm;
}

static pthread_mutex_t images_lock = PTHREAD_MUTEX_INITIALIZER;

void
markdown_add_image(struct model *m, const char *path)
{
	if (m == NULL)
		return;
	/* The list doubles when its length reaches a power of two; repeats are
	 * removed and the rest sorted once, when loading ends
	 * (markdown_images_done), so that the threads that load campaigns may
	 * add in any order. */
	char *p = xstrndup(path, strcspn(path, "#?"));
	pthread_mutex_lock(&images_lock);
	size_t n = m->nimages;
	if (n == 0 || (n & (n - 1)) == 0)
		m->images = xrealloc(m->images, (n ? 2 * n : 1) * sizeof(*m->images));
	m->images[m->nimages++] = p;
	pthread_mutex_unlock(&images_lock);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
markdown_images_done(struct model *m)
{
	if (m->nimages > 1)
		qsort(m->images, m->nimages, sizeof(*m->images), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < m->nimages; i++) {
		if (k > 0 && strcmp(m->images[k - 1], m->images[i]) == 0)
			free(m->images[i]);
		else
			m->images[k++] = m->images[i];
	}
	m->nimages = k;
}

static bool
is_safe_link_scheme(const char *scheme)
{
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 || strcmp(scheme, "mailto") == 0 ||
	       strcmp(scheme, "tel") == 0;
}

/* Replaces a node by its children. */
static void
unwrap(cmark_node *node)
{
	cmark_node *child;
	while ((child = cmark_node_first_child(node)) != NULL)
		cmark_node_insert_before(node, child);
	cmark_node_free(node);
}

/* Checks one link or image; returns false when the node was removed. */
static bool
check_destination(struct walk *w, cmark_node *node)
{
	bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
	const char *what = image ? "image" : "link";
	const char *url = cmark_node_get_url(node);
	if (url == NULL)
		url = "";
	struct pos at = node_pos(w, node);
	char *scheme = url_scheme(url);
	bool keep = true;
	if (*scheme) {
		if (image) {
			diag_error(at, "image '%s' is not a file inside the content folder: put the file under images/",
			           url);
		} else if (!is_safe_link_scheme(scheme)) {
			diag_warning(at, "unsafe link '%s' is not published: only http, https, mailto and tel links are",
			             url);
			unwrap(node);
			keep = false;
		}
	} else if (url[0] == '/' && url[1] == '/') {
		diag_error(at, "%s '%s' has no scheme: write https://…", what, url);
	} else if (*url == '\0') {
		diag_error(at, "%s has an empty destination", what);
	} else {
		char *target = markdown_resolve_target(w->ctx, w->rel, url, at, what, image ? TARGET_IMAGE : TARGET_LINK);
		if (target) {
			if (image)
				markdown_add_image(w->ctx->model, target);
			cmark_node_set_user_data(node, target);
		}
	}
	free(scheme);
	return keep;
}

static size_t
text_chars(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	return lit ? utf8_length(lit, strlen(lit)) : 0;
}

bool
markdown_node_is_leaf(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return true;
	default:
		return false;
	}
}

/* Walks the tree once: drops raw HTML with a warning, checks every link and
 * image, counts the characters of text, and cuts what nests deeper than
 * MARKDOWN_MAX_DEPTH (an error at its line), so that no later walk of the
 * tree or of its XML form goes deeper. */
static void
sanitize(struct walk *w, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node **drop = NULL, **links = NULL;
	size_t ndrop = 0, nlinks = 0, capdrop = 0, caplinks = 0;
	int depth = 0;
	bool too_deep = false;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			continue;
		}
		if (!markdown_node_is_leaf(n) && ++depth > MARKDOWN_MAX_DEPTH) {
			if (!too_deep)
				diag_error(node_pos(w, n),
				           "lists, quotes and emphasis are nested more than %d deep here: write it flatter",
				           MARKDOWN_MAX_DEPTH);
			too_deep = true;
			/* Skip the subtree: it is dropped whole. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			depth--;
			if (ndrop == capdrop) {
				capdrop = capdrop ? 2 * capdrop : 16;
				drop = xrealloc(drop, capdrop * sizeof(*drop));
			}
			drop[ndrop++] = n;
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			diag_warning(node_pos(w, n), "raw HTML is not published: write it in Markdown");
			if (ndrop == capdrop) {
				capdrop = capdrop ? 2 * capdrop : 16;
				drop = xrealloc(drop, capdrop * sizeof(*drop));
			}
			drop[ndrop++] = n;
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (nlinks == caplinks) {
				caplinks = caplinks ? 2 * caplinks : 16;
				links = xrealloc(links, caplinks * sizeof(*links));
			}
			links[nlinks++] = n;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			w->doc->chars += text_chars(n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	/* Links inside dropped nodes are never collected (HTML has none, and a
	 * subtree cut for its depth is skipped), so the two lists are disjoint. */
	for (size_t i = 0; i < ndrop; i++)
		cmark_node_free(drop[i]);
	for (size_t i = 0; i < nlinks; i++)
		check_destination(w, links[i]);
	free(drop);
	free(links);
}

void
markdown_free_tree(cmark_node *root)
{
	if (root == NULL)
		return;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER) {
			free(cmark_node_get_user_data(n));
			cmark_node_set_user_data(n, NULL);
		}
	}
	cmark_iter_free(it);
	cmark_node_free(root);
}

const char *
markdown_node_target(cmark_node *node)
{
	return cmark_node_get_user_data(node);
}

/* Parses text (front matter already blanked) into a sanitised tree; sets
 * d->chars. */
static cmark_node *
parse_body(struct markdown_ctx *ctx, struct document *d, const char *rel, const char *text, size_t len)
{
	markdown_init();
	/* The text is valid UTF-8 already (the loader refuses anything else).
	 * cmark-gfm allocates from the pool: running out of memory ends the
	 * program with status 2, not with cmark's abort(). */
	static cmark_mem mem = {pool_calloc, pool_realloc, pool_free};
	/* The loader's threads parse prefaces and pages side by side. */
	pool_lock();
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, &mem);
	for (size_t i = 0; i < sizeof(extension_names) / sizeof(extension_names[0]); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extension_names[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, text, len);
	cmark_node *root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	d->chars = 0;
	struct walk w = {ctx, d->file, rel, text, len, d, NULL, 0};
	sanitize(&w, root);
	pool_unlock();
	free(w.lines);
	return root;
}

struct document *
markdown_parse(struct markdown_ctx *ctx, const char *file, const char *rel, char *text, size_t len,
               struct ynode **front, bool body)
{
	*front = NULL;
	int unclosed = 0;
	char *fm = markdown_split_front_matter(text, len, &unclosed);
	if (unclosed) {
		diag(DIAG_ERROR, file, 1, 1, "front matter is not closed: add a line '---' after it");
		return NULL;
	}
	if (fm) {
		*front = ydoc_parse(file, fm, strlen(fm), 1);
		free(fm);
		if (*front == NULL)
			return NULL;
		if ((*front)->kind != Y_MAPPING) {
			diag_error((*front)->pos, "front matter must be a mapping of keys to values");
			ynode_free(*front);
			*front = NULL;
			return NULL;
		}
	}
	struct document *doc = xcalloc(1, sizeof(*doc));
	doc->path = xstrdup(rel);
	doc->file = diag_file(file);
	if (body)
		doc->root = parse_body(ctx, doc, rel, text, len);
	return doc;
}

cmark_node *
markdown_parse_body(struct markdown_ctx *ctx, struct document *d, char *text, size_t len)
{
	int unclosed = 0;
	free(markdown_split_front_matter(text, len, &unclosed));
	return parse_body(ctx, d, d->path, text, len);
}

bool
markdown_publishes(bool image, const char *target)
{
	if (*target == '\0' || *target == '#')
		return false;
	return image || str_has_prefix(target, "images/") || str_has_prefix(target, "downloads/");
}

void
markdown_collect_images(cmark_node *root, char ***paths, size_t *n)
{
	if (root == NULL)
		return;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		const char *t = ev == CMARK_EVENT_ENTER ? markdown_node_target(node) : NULL;
		if (t == NULL || !markdown_publishes(cmark_node_get_type(node) == CMARK_NODE_IMAGE, t))
			continue;
		*paths = xrealloc(*paths, (*n + 1) * sizeof(**paths));
		(*paths)[(*n)++] = xstrndup(t, strcspn(t, "#?"));
	}
	cmark_iter_free(it);
}
