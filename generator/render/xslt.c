#define _GNU_SOURCE
#include "xslt.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/templates.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../diag.h"
#include "../hash.h"
#include "../modelxml.h"
#include "html_out.h"

#include <libxml/HTMLtree.h>
#include <libxslt/imports.h>

static void hash_sheet(struct hasher *h, xsltStylesheetPtr s);

static char *theme_real, *default_real;
static xsltDocLoaderFunc default_loader;
static xsltSecurityPrefsPtr prefs;

static bool
exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *
theme_file(const struct render_ctx *ctx, const char *rel)
{
	char *p = xasprintf("%s/%s", ctx->theme_dir, rel);
	if (exists(p))
		return p;
	free(p);
	p = xasprintf("%s/%s", ctx->default_theme_dir, rel);
	if (exists(p))
		return p;
	free(p);
	return NULL;
}

/* The stylesheet modules imported so far, as parsed: a theme's templates
 * import the same few (layout.xsl, common.xsl, dates.xsl), and parsing
 * them again for every template was most of compiling a theme. A process
 * parses each once; every import gets a copy of its own. */
static struct module {
	char *uri;
	xmlDocPtr doc;
} *modules;
static size_t nmodules;

/* A copy of a parsed module as the parser would have given it to the
 * importing stylesheet: its names in that stylesheet's dictionary, its
 * address and its lines as they were. */
static xmlDocPtr
module_copy(xmlDocPtr src, xmlDictPtr dict)
{
	xmlDocPtr d = xmlNewDoc(src->version ? src->version : BAD_CAST "1.0");
	if (d == NULL)
		return NULL;
	if (dict) {
		d->dict = dict;
		xmlDictReference(dict);
	}
	d->URL = src->URL ? xmlStrdup(src->URL) : NULL;
	d->encoding = src->encoding ? xmlStrdup(src->encoding) : NULL;
	d->charset = src->charset;
	d->standalone = src->standalone;
	d->properties = src->properties;
	for (xmlNodePtr c = src->children; c; c = c->next) {
		xmlNodePtr k = xmlDocCopyNode(c, d, 1);
		if (k == NULL || xmlAddChild((xmlNodePtr)d, k) == NULL) {
			xmlFreeNode(k);
			xmlFreeDoc(d);
			return NULL;
		}
	}
	return d;
}

static xmlDocPtr
load_module(const char *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
	if (type != XSLT_LOAD_STYLESHEET)
		return default_loader((const xmlChar *)uri, dict, options, ctxt, type);
	for (size_t i = 0; i < nmodules; i++)
		if (strcmp(modules[i].uri, uri) == 0)
			return module_copy(modules[i].doc, dict);
	/* Parsed with a dictionary of its own: the copies take the
	 * importer's. A module that does not parse is not kept, so that each
	 * import reports why. */
	xmlDocPtr d = default_loader((const xmlChar *)uri, NULL, options, ctxt, type);
	if (d == NULL || d->intSubset != NULL || d->extSubset != NULL)
		return d;
	modules = xrealloc(modules, (nmodules + 1) * sizeof(*modules));
	modules[nmodules++] = (struct module){xstrdup(uri), d};
	return module_copy(d, dict);
}

/* Redirects a stylesheet module missing from the chosen theme to the same
 * file of the default theme. */
static xmlDocPtr
loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
	const char *u = (const char *)uri;
	if (str_has_prefix(u, "file://"))
		u += 7;
	if (type == XSLT_LOAD_STYLESHEET && theme_real && default_real && !exists(u) &&
	    str_has_prefix(u, theme_real) && u[strlen(theme_real)] == '/') {
		char *alt = xasprintf("%s%s", default_real, u + strlen(theme_real));
		xmlDocPtr d = load_module(alt, dict, options | XML_PARSE_NONET, ctxt, type);
		free(alt);
		return d;
	}
	return load_module((const char *)uri, dict, options | XML_PARSE_NONET, ctxt, type);
}

/* <qb:cached key="EXPR">…</qb:cached>: the content made once per value
 * of the key (an expression, read as a string) and per stylesheet, then
 * copied as written. A stylesheet's output must then depend on nothing
 * but the key: the frame of every page (its menu depends on the page's
 * depth and section, its footer on the depth) costs one look-up instead
 * of its elements and expressions. Content made for an output other than
 * HTML without indenting is made in place every time. The content is made
 * inside a stand-in for the element it goes into; an attribute it would
 * set on that element stops the transformation. */
struct cached_comp {
	xsltElemPreComp comp; /* first: libxslt frees it through this */
	xmlXPathCompExprPtr key;
	xmlNsPtr *ns;
	int nsNr;
	struct cached_entry {
		char *key;
		char *html;
		size_t len;
	} *v;
	size_t n, cap;
};

static void
cached_free(xsltElemPreCompPtr c)
{
	struct cached_comp *cc = (struct cached_comp *)c;
	if (cc->key)
		xmlXPathFreeCompExpr(cc->key);
	xmlFree(cc->ns);
	for (size_t i = 0; i < cc->cap; i++) {
		free(cc->v[i].key);
		free(cc->v[i].html);
	}
	free(cc->v);
	free(cc);
}

/* The slot of key in an open-addressed table of cap entries (a power of
 * two): its entry, or the empty one where it goes. */
static struct cached_entry *
cached_slot(struct cached_entry *v, size_t cap, const char *key)
{
	size_t i = (size_t)hash_bytes(key, strlen(key)).a & (cap - 1);
	while (v[i].key && strcmp(v[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static void
cached_add(struct cached_comp *cc, char *key, char *html, size_t len)
{
	if (2 * (cc->n + 1) > cc->cap) {
		size_t cap = cc->cap ? 2 * cc->cap : 16;
		struct cached_entry *v = xcalloc(cap, sizeof(*v));
		for (size_t i = 0; i < cc->cap; i++)
			if (cc->v[i].key)
				*cached_slot(v, cap, cc->v[i].key) = cc->v[i];
		free(cc->v);
		cc->v = v;
		cc->cap = cap;
	}
	*cached_slot(cc->v, cc->cap, key) = (struct cached_entry){key, html, len};
	cc->n++;
}

static bool
cacheable(xsltStylesheetPtr style)
{
	const xmlChar *method;
	int indent;
	XSLT_GET_IMPORT_PTR(method, style, method)
	XSLT_GET_IMPORT_INT(indent, style, indent);
	return method && xmlStrEqual(method, BAD_CAST "html") && style->methodURI == NULL && indent != 1;
}

static void
cached_run(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst, xsltElemPreCompPtr comp)
{
	struct cached_comp *cc = (struct cached_comp *)comp;
	if (ctxt == NULL || node == NULL || inst == NULL || cc == NULL || ctxt->insert == NULL)
		return;
	if (!cacheable(ctxt->style)) {
		xsltApplyOneTemplate(ctxt, node, inst->children, NULL, NULL);
		return;
	}
	xmlChar *key = xsltEvalXPathStringNs(ctxt, cc->key, cc->nsNr, cc->ns);
	if (key == NULL) {
		xsltTransformError(ctxt, NULL, inst, "qb:cached: the key could not be evaluated\n");
		ctxt->state = XSLT_STATE_STOPPED;
		return;
	}
	struct cached_entry *e = cc->cap ? cached_slot(cc->v, cc->cap, (const char *)key) : NULL;
	if (e == NULL || e->key == NULL) {
		/* Made inside a stand-in for the element it goes into, so that
		 * its namespaces and its text are written as they would be
		 * there. */
		xmlNodePtr at = ctxt->insert;
		xmlNodePtr box = xmlNewDocNode(ctxt->output, at->type == XML_ELEMENT_NODE ? at->ns : NULL,
		                               at->type == XML_ELEMENT_NODE ? at->name : BAD_CAST "div", NULL);
		if (box == NULL || xmlAddChild(at, box) == NULL)
			oom();
		ctxt->insert = box;
		xsltApplyOneTemplate(ctxt, node, inst->children, NULL, NULL);
		ctxt->insert = at;
		xmlUnlinkNode(box);
		if (box->properties != NULL && ctxt->state == XSLT_STATE_OK) {
			xsltTransformError(ctxt, NULL, inst,
			                   "qb:cached: its content sets an attribute of the element around it\n");
			ctxt->state = XSLT_STATE_STOPPED;
		}
		if (ctxt->state != XSLT_STATE_OK) {
			xmlFreeNode(box);
			xmlFree(key);
			return;
		}
		struct buf b = {0};
		buf_puts(&b, "");
		html_out_children(&b, box, 0);
		xmlFreeNode(box);
		cached_add(cc, xstrdup((const char *)key), b.p, b.len);
		e = cached_slot(cc->v, cc->cap, (const char *)key);
	}
	xmlFree(key);
	if (e->len == 0)
		return;
	xmlNodePtr t = xmlNewDocTextLen(ctxt->output, BAD_CAST e->html, (int)e->len);
	if (t == NULL)
		oom();
	t->name = xmlStringTextNoenc;
	/* Linked as it is: xmlAddChild() would merge it into a text before
	 * it, copying that text again for every part. */
	xmlNodePtr at = ctxt->insert;
	t->parent = at;
	t->prev = at->last;
	if (at->last)
		at->last->next = t;
	else
		at->children = t;
	at->last = t;
}

static xsltElemPreCompPtr
cached_compile(xsltStylesheetPtr style, xmlNodePtr inst, xsltTransformFunction function)
{
	struct cached_comp *cc = xcalloc(1, sizeof(*cc));
	xsltInitElemPreComp(&cc->comp, style, inst, function, cached_free);
	xmlChar *key = xmlGetNsProp(inst, BAD_CAST "key", NULL);
	if (key == NULL) {
		xsltTransformError(NULL, style, inst, "qb:cached needs a key attribute\n");
		style->errors++;
		return &cc->comp;
	}
	cc->key = xsltXPathCompile(style, key);
	if (cc->key == NULL) {
		xsltTransformError(NULL, style, inst, "qb:cached: could not compile the key expression %s\n",
		                   (const char *)key);
		style->errors++;
	}
	xmlFree(key);
	cc->ns = xmlGetNsList(inst->doc, inst);
	if (cc->ns)
		while (cc->ns[cc->nsNr])
			cc->nsNr++;
	return &cc->comp;
}

struct errctx {
	struct buf msg;
};

static void
collect_error(void *ctx, const char *fmt, ...)
{
	struct errctx *e = ctx;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&e->msg, fmt, ap);
	va_end(ap);
}

static void
report(struct errctx *e, const char *file, const char *what)
{
	/* libxslt's messages carry "file line N" themselves; keep them, one per line. */
	char *msg = e->msg.p ? e->msg.p : "";
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (char *c = msg; *c; c++)
		if (*c == '\n')
			*c = ' ';
	diag(DIAG_ERROR, file, 0, 0, "%s%s%s", what, *msg ? ": " : "", msg);
	buf_free(&e->msg);
}

/* Templates compiled ahead (theme_sheet_preload), each with what
 * compiling it reported, until theme_sheet_load() takes it. */
static struct preloaded {
	char *rel, *theme_dir, *default_dir;
	int rc;
	struct theme_sheet sheet;
	struct diag_capture said;
} *preloaded;
static size_t npreloaded;

static void preloaded_free(struct preloaded *p);

static void
theme_cleanup(void)
{
	for (size_t i = 0; i < npreloaded; i++)
		preloaded_free(&preloaded[i]);
	free(preloaded);
	preloaded = NULL;
	npreloaded = 0;
	if (prefs)
		xsltFreeSecurityPrefs(prefs);
	prefs = NULL;
	free(theme_real);
	free(default_real);
	theme_real = default_real = NULL;
	for (size_t i = 0; i < nmodules; i++) {
		free(modules[i].uri);
		xmlFreeDoc(modules[i].doc);
	}
	free(modules);
	modules = NULL;
	nmodules = 0;
	xsltCleanupGlobals();
}

void
theme_init(const struct render_ctx *ctx)
{
	if (prefs != NULL)
		return;
	theme_real = realpath(ctx->theme_dir, NULL);
	default_real = realpath(ctx->default_theme_dir, NULL);
	exsltRegisterAll();
	xsltRegisterExtModuleElement(BAD_CAST "cached", BAD_CAST QB_XSLT_NS, cached_compile, cached_run);
	default_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(loader);
	prefs = xsltNewSecurityPrefs();
	if (prefs == NULL)
		oom();
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetDefaultSecurityPrefs(prefs);
	atexit(theme_cleanup);
}

static int
sheet_compile(const struct render_ctx *ctx, const char *rel, struct theme_sheet *out)
{
	theme_init(ctx);
	memset(out, 0, sizeof(*out));
	char *trel = xasprintf("templates/%s", rel);
	char *path = theme_file(ctx, trel);
	if (path == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "theme template %s not found in %s or %s", trel, ctx->theme_dir,
		     ctx->default_theme_dir);
		free(trel);
		return -1;
	}
	free(trel);
	struct errctx e = {0};
	xsltSetGenericErrorFunc(&e, collect_error);
	xmlSetGenericErrorFunc(&e, collect_error);
	/* By its real path, so that its modules' addresses are absolute and
	 * the loader can tell which theme they belong to. */
	char *real = realpath(path, NULL);
	xmlDocPtr d = xmlReadFile(real ? real : path, NULL, XML_PARSE_NONET | XSLT_PARSE_OPTIONS);
	free(real);
	/* A template taken from the default theme still resolves its includes
	 * in the chosen theme first, so that a theme can override one module. */
	if (d && theme_real && default_real && strcmp(theme_real, default_real) != 0 &&
	    !(str_has_prefix(path, ctx->theme_dir) && path[strlen(ctx->theme_dir)] == '/')) {
		xmlFree((xmlChar *)d->URL);
		char *as_theme = xasprintf("%s/templates/%s", theme_real, rel);
		d->URL = xmlStrdup((const xmlChar *)as_theme);
		free(as_theme);
	}
	xsltStylesheetPtr sheet = d ? xsltParseStylesheetDoc(d) : NULL;
	if (sheet == NULL || sheet->errors) {
		report(&e, path, "this theme template cannot be compiled");
		if (sheet)
			xsltFreeStylesheet(sheet);
		else if (d)
			xmlFreeDoc(d);
		xsltSetGenericErrorFunc(NULL, NULL);
		xmlSetGenericErrorFunc(NULL, NULL);
		free(path);
		return -1;
	}
	buf_free(&e.msg);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	out->sheet = sheet;
	out->path = path;
	struct hasher h;
	hasher_init(&h);
	hasher_str(&h, rel);
	hash_sheet(&h, sheet);
	out->hash = hasher_end(&h);
	return 0;
}


static struct preloaded *
preloaded_find(const struct render_ctx *ctx, const char *rel)
{
	for (size_t i = 0; i < npreloaded; i++)
		if (strcmp(preloaded[i].rel, rel) == 0 && strcmp(preloaded[i].theme_dir, ctx->theme_dir) == 0 &&
		    strcmp(preloaded[i].default_dir, ctx->default_theme_dir) == 0)
			return &preloaded[i];
	return NULL;
}

void
theme_sheet_preload(const struct render_ctx *ctx, const char *rel)
{
	if (preloaded_find(ctx, rel))
		return;
	preloaded = xrealloc(preloaded, (npreloaded + 1) * sizeof(*preloaded));
	struct preloaded *p = &preloaded[npreloaded++];
	p->rel = xstrdup(rel);
	p->theme_dir = xstrdup(ctx->theme_dir);
	p->default_dir = xstrdup(ctx->default_theme_dir);
	diag_capture_begin(&p->said);
	p->rc = sheet_compile(ctx, rel, &p->sheet);
	diag_capture_end();
}

static void
preloaded_free(struct preloaded *p)
{
	free(p->rel);
	free(p->theme_dir);
	free(p->default_dir);
	theme_sheet_free(&p->sheet);
	diag_capture_discard(&p->said);
}

int
theme_sheet_load(const struct render_ctx *ctx, const char *rel, struct theme_sheet *out)
{
	struct preloaded *p = preloaded_find(ctx, rel);
	if (p == NULL)
		return sheet_compile(ctx, rel, out);
	int rc = p->rc;
	*out = p->sheet;
	memset(&p->sheet, 0, sizeof(p->sheet));
	diag_capture_commit(&p->said);
	preloaded_free(p);
	*p = preloaded[--npreloaded];
	return rc;
}

/* Adds a string and its length through a small buffer: views are many
 * short strings. */
struct feed {
	struct hasher *h;
	unsigned char b[4096];
	size_t n;
};

static void
feed_flush(struct feed *f)
{
	hasher_add(f->h, f->b, f->n);
	f->n = 0;
}

static void
feed_bytes(struct feed *f, const void *s, size_t n, uint32_t tag)
{
	if (f->n + n + 8 > sizeof(f->b))
		feed_flush(f);
	uint32_t head[2] = {tag, (uint32_t)n};
	memcpy(f->b + f->n, head, 8);
	f->n += 8;
	if (n + 8 > sizeof(f->b)) {
		hasher_add(f->h, f->b, f->n);
		f->n = 0;
		hasher_add(f->h, s, n);
		return;
	}
	if (n > 0)
		memcpy(f->b + f->n, s, n);
	f->n += n;
}

static void
feed_str(struct feed *f, const xmlChar *s, uint32_t tag)
{
	feed_bytes(f, s, s ? strlen((const char *)s) : 0, tag);
}

void
xml_hash_node(struct hasher *h, xmlNodePtr n)
{
	/* Iterative, depth first: views can be deep (nested lists). */
	struct feed f;
	f.h = h;
	f.n = 0;
	xmlNodePtr top = n;
	while (n) {
		/* an element below top whose subtree's hash its maker kept
		 * (site_view.c) */
		const struct hash *kept = n->type == XML_ELEMENT_NODE && n != top ? n->_private : NULL;
		if (kept) {
			feed_bytes(&f, kept, sizeof(*kept), 256);
		} else if (n->type == XML_ELEMENT_NODE) {
			feed_str(&f, n->name, 1);
			if (n->ns)
				feed_str(&f, n->ns->href, 2);
			for (xmlAttrPtr a = n->properties; a; a = a->next) {
				feed_str(&f, a->name, 3);
				feed_str(&f, a->children ? a->children->content : NULL, 4);
			}
		} else {
			feed_str(&f, n->content, 5 + (uint32_t)n->type);
		}
		if (!kept && n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL) {
			n = n->parent;
			feed_str(&f, NULL, 6);
		}
		if (n == top)
			break;
		n = n->next;
	}
	feed_flush(&f);
}

struct hash
xml_hash_doc(xmlDocPtr doc)
{
	struct hasher h;
	hasher_init(&h);
	for (xmlNodePtr n = doc ? doc->children : NULL; n; n = n->next)
		xml_hash_node(&h, n);
	return hasher_end(&h);
}

/* Calls fn for every element of a compiled stylesheet's documents and those
 * of its modules. */
static void
each_element(xsltStylesheetPtr s, void (*fn)(void *arg, xmlNodePtr n), void *arg)
{
	for (; s; s = s->next) {
		xmlDocPtr docs[64];
		size_t nd = 0;
		if (s->doc)
			docs[nd++] = s->doc;
		for (xsltDocumentPtr d = s->includes; d && nd < 64; d = d->next)
			if (d->doc)
				docs[nd++] = d->doc;
		for (size_t i = 0; i < nd; i++) {
			xmlNodePtr n = xmlDocGetRootElement(docs[i]), top = n;
			while (n) {
				if (n->type == XML_ELEMENT_NODE)
					fn(arg, n);
				if (n->type == XML_ELEMENT_NODE && n->children) {
					n = n->children;
					continue;
				}
				while (n != top && n->next == NULL)
					n = n->parent;
				if (n == top)
					break;
				n = n->next;
			}
		}
		each_element(s->imports, fn, arg);
	}
}

struct prefixes {
	char **v;
	size_t n;
	struct md_hooks *hooks;
};

static void
find_prefix(void *arg, xmlNodePtr n)
{
	struct prefixes *p = arg;
	for (xmlNsPtr ns = n->nsDef; ns; ns = ns->next) {
		if (ns->href == NULL || strcmp((const char *)ns->href, QB_CMARK_NS) != 0 || ns->prefix == NULL)
			continue;
		char *pre = xasprintf("%s:", (const char *)ns->prefix);
		bool have = false;
		for (size_t i = 0; i < p->n && !have; i++)
			have = strcmp(p->v[i], pre) == 0;
		if (have || p->n == 16) {
			free(pre);
			continue;
		}
		p->v[p->n++] = pre;
	}
}

static void
scan_hooks(void *arg, xmlNodePtr n)
{
	struct prefixes *p = arg;
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		const char *v = a->children ? (const char *)a->children->content : NULL;
		for (size_t i = 0; v && i < p->n; i++)
			md_hooks_scan(p->hooks, v, p->v[i]);
	}
}

void
theme_sheet_hooks(const struct theme_sheet *s, struct md_hooks *hooks)
{
	char *v[16];
	struct prefixes p = {v, 0, hooks};
	each_element(s->sheet, find_prefix, &p);
	each_element(s->sheet, scan_hooks, &p);
	for (size_t i = 0; i < p.n; i++)
		free(v[i]);
}

/* Feeds a compiled stylesheet's document and those of its modules. */
static void
hash_sheet(struct hasher *h, xsltStylesheetPtr s)
{
	for (; s; s = s->next) {
		if (s->doc)
			for (xmlNodePtr n = s->doc->children; n; n = n->next)
				xml_hash_node(h, n);
		for (xsltDocumentPtr d = s->includes; d; d = d->next)
			if (d->doc)
				for (xmlNodePtr n = d->doc->children; n; n = n->next)
					xml_hash_node(h, n);
		hash_sheet(h, s->imports);
	}
}

void
theme_sheet_free(struct theme_sheet *s)
{
	if (s->sheet)
		xsltFreeStylesheet(s->sheet);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

/* Applies a sheet; calls done(s, &result, arg) with the result tree of a
 * transformation that ran without error, which returns 0 or -1 and may
 * take the tree (setting result to NULL). Returns 0, or -1 after
 * reporting why. */
static int
transform(const struct theme_sheet *s, xmlDocPtr doc, const char *const *params,
          int (*done)(const struct theme_sheet *s, xmlDocPtr *res, void *arg), void *arg)
{
	struct errctx e = {0};
	xsltSetGenericErrorFunc(&e, collect_error);
	xmlSetGenericErrorFunc(&e, collect_error);
	xsltTransformContextPtr tctx = xsltNewTransformContext(s->sheet, doc);
	int rc = -1;
	if (tctx) {
		xsltSetCtxtSecurityPrefs(prefs, tctx);
		/* The parameters' values are strings, not expressions. */
		xmlDocPtr res = params == NULL || xsltQuoteUserParams(tctx, (const char **)params) == 0
		                    ? xsltApplyStylesheetUser(s->sheet, doc, NULL, NULL, NULL, tctx)
		                    : NULL;
		if (res && tctx->state == XSLT_STATE_OK)
			rc = done(s, &res, arg);
		if (res)
			xmlFreeDoc(res);
		xsltFreeTransformContext(tctx);
	}
	if (rc != 0)
		report(&e, s->path, "this theme template failed");
	else
		buf_free(&e.msg);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	return rc;
}

/* Writes a result tree as the sheet's xsl:output says. */
static int
serialize_tree(const struct theme_sheet *s, xmlDocPtr res, struct buf *out)
{
	const xmlChar *method, *encoding;
	int indent;
	XSLT_GET_IMPORT_PTR(method, s->sheet, method)
	XSLT_GET_IMPORT_PTR(encoding, s->sheet, encoding)
	XSLT_GET_IMPORT_INT(indent, s->sheet, indent);
	if (method == NULL && res->type == XML_HTML_DOCUMENT_NODE)
		method = BAD_CAST "html";
	if (method && xmlStrEqual(method, BAD_CAST "html") && s->sheet->methodURI == NULL &&
	    (encoding == NULL || xmlStrcasecmp(encoding, BAD_CAST "UTF-8") == 0)) {
		if (res->children && !(res->children->type == XML_DTD_NODE && res->children->next == NULL)) {
			htmlSetMetaEncoding(res, encoding ? encoding : BAD_CAST "UTF-8");
			html_out(out, res, indent == -1 ? 1 : indent);
		}
		buf_puts(out, "");
		return 0;
	}
	xmlChar *mem = NULL;
	int len = 0;
	int rc = -1;
	if (xsltSaveResultToString(&mem, &len, res, s->sheet) == 0) {
		buf_add(out, mem ? (const char *)mem : "", (size_t)len);
		rc = 0;
	}
	xmlFree(mem);
	return rc;
}

static int
serialize_result(const struct theme_sheet *s, xmlDocPtr *res, void *arg)
{
	return serialize_tree(s, *res, arg);
}

int
theme_apply(const struct theme_sheet *s, xmlDocPtr doc, const char *const *params, struct buf *out)
{
	return transform(s, doc, params, serialize_result, out);
}

/* Whether a result tree reads back as itself once written as XML: its
 * text is escaped everywhere (no disable-output-escaping), and it holds
 * one element with nothing but white space, comments and processing
 * instructions beside it. */
static bool
plain_tree(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->name == xmlStringTextNoenc)
			return false;
		if (n->type == XML_ENTITY_REF_NODE || n->type == XML_XINCLUDE_START || n->type == XML_XINCLUDE_END)
			return false;
		if (n->type == XML_ELEMENT_NODE && !plain_tree(n->children))
			return false;
	}
	return true;
}

static int
keep_result(const struct theme_sheet *s, xmlDocPtr *res, void *arg)
{
	xmlDocPtr *out = arg;
	size_t elements = 0;
	bool plain = true;
	for (xmlNodePtr c = (*res)->children; c && plain; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			elements++;
		else if (c->type == XML_TEXT_NODE)
			plain = c->content == NULL || strspn((const char *)c->content, " \t\r\n") == strlen((const char *)c->content);
		else
			plain = c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE;
	}
	if (plain && elements == 1 && plain_tree((*res)->children)) {
		*out = *res;
		*res = NULL;
		return 0;
	}
	struct buf text = {0};
	int rc = serialize_tree(s, *res, &text);
	*out = rc == 0 && text.len ? xmlReadMemory(text.p, (int)text.len, s->path, "UTF-8",
	                                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
	                           : NULL;
	buf_free(&text);
	return rc;
}

int
theme_apply_tree(const struct theme_sheet *s, xmlDocPtr doc, const char *const *params, xmlDocPtr *out)
{
	*out = NULL;
	return transform(s, doc, params, keep_result, out);
}
