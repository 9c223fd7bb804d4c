/* wechat-lint: checks exported WeChat articles against the rules of
 * shared/WECHAT.md, independently of the renderer that wrote them.
 *
 *   wechat-lint [--max-chars N] FILE...
 *       Parses each fragment with libxml2 and reports every rule it breaks
 *       as "FILE: rule: message". Rules: root, element, attribute, style,
 *       colour, list, link, code, table, image, limit.
 *   wechat-lint --roundtrip MODEL.xml YEAR ID FILE
 *       Checks that the visible text of FILE (tags stripped, reference
 *       marks [n] left out, whitespace ignored) contains the text of every
 *       paragraph of the narrative of record ID of YEAR in the model XML
 *       (qbpress model), in order.
 *
 * Exit status: 0 when everything passes, 1 when a rule is broken, 2 on
 * usage or I/O errors. */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

#define CM_NS "http://commonmark.org/xml/1.0"

struct lint {
	const char *file;
	int problems;
	bool silent; /* re-reading a style already reported on */
	/* reference marks [n] in order of appearance, and the numbered list */
	int *marks;
	size_t nmarks;
	int *listed;
	char **listed_urls;
	size_t nlisted;
	bool has_ref_title;
};

static void QB_PRINTF(3, 4)
report(struct lint *l, const char *rule, const char *fmt, ...)
{
	if (l->silent)
		return;
	va_list ap;
	va_start(ap, fmt);
	printf("%s: %s: ", l->file, rule);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	l->problems++;
}

static const char *const elements[] = {"section", "p", "span", "strong", "em", "h1", "h2", "h3", "h4",
                                       "blockquote", "figure", "figcaption", "img", "table", "thead", "tbody",
                                       "tr", "th", "td", "sup", "br", "hr", "pre", "code", "a", NULL};

/* Properties an inline style may set; anything else is refused. */
static const char *const properties[] = {
	"color", "background", "background-color", "font-family", "font-size", "font-weight", "font-style",
	"line-height", "letter-spacing", "text-align", "text-indent", "text-decoration", "word-break",
	"overflow-wrap", "white-space", "vertical-align", "margin", "margin-top", "margin-right", "margin-bottom",
	"margin-left", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left", "border",
	"border-top", "border-right", "border-bottom", "border-left", "border-color", "border-style",
	"border-width", "border-radius", "border-collapse", "border-spacing", "display", "width", "max-width",
	"min-width", "height", "max-height", "overflow", "overflow-x", "box-sizing", NULL};

static bool
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static bool
is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, BAD_CAST name) == 0;
}

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* A style attribute as declarations: names lower-cased, values trimmed. */
struct decl {
	char name[64];
	char value[512];
};

static size_t
parse_style(struct lint *l, const char *style, struct decl *out, size_t max)
{
	size_t n = 0;
	const char *p = style;
	while (*p) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *d = xstrndup(p, len);
		char *colon = strchr(d, ':');
		char *name = d, *value = colon ? colon + 1 : NULL;
		if (colon)
			*colon = '\0';
		while (isspace((unsigned char)*name))
			name++;
		for (char *e = name + strlen(name); e > name && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		if (value) {
			while (isspace((unsigned char)*value))
				value++;
			for (char *e = value + strlen(value); e > value && isspace((unsigned char)e[-1]);)
				*--e = '\0';
		}
		if (*name == '\0' && value == NULL) {
			/* an empty declaration (";;" or a final ";") */
		} else if (value == NULL || *name == '\0') {
			report(l, "style", "malformed declaration \"%s\"", d);
		} else if (n < max && strlen(name) < sizeof(out->name) && strlen(value) < sizeof(out->value)) {
			for (char *c = name; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			strcpy(out[n].name, name);
			strcpy(out[n].value, value);
			n++;
		}
		free(d);
		p += len;
		if (*p == ';')
			p++;
	}
	return n;
}

static const char *
get(const struct decl *d, size_t n, const char *name)
{
	const char *v = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(d[i].name, name) == 0)
			v = d[i].value;
	return v;
}

static bool
has_prefix_prop(const struct decl *d, size_t n, const char *prefix)
{
	for (size_t i = 0; i < n; i++)
		if (str_has_prefix(d[i].name, prefix))
			return true;
	return false;
}

/* Pure black in a value: #000, #000000, black, rgb(0,0,0), rgba(0,0,0,1). */
static bool
is_black(const char *value)
{
	char v[512];
	size_t k = 0;
	for (const char *c = value; *c && k + 1 < sizeof(v); c++)
		if (!isspace((unsigned char)*c))
			v[k++] = (char)tolower((unsigned char)*c);
	v[k] = '\0';
	for (const char *h = strchr(v, '#'); h; h = strchr(h + 1, '#')) {
		size_t hex = strspn(h + 1, "0123456789abcdef"), zeros = strspn(h + 1, "0");
		if (((hex == 3 || hex == 6) && zeros == hex) || (hex == 4 && zeros == 3 && h[4] == 'f') ||
		    (hex == 8 && zeros == 6 && strncmp(h + 7, "ff", 2) == 0))
			return true;
	}
	for (const char *b = strstr(v, "black"); b; b = strstr(b + 1, "black"))
		if ((b == v || !isalnum((unsigned char)b[-1])) && !isalnum((unsigned char)b[5]) && b[5] != '-')
			return true;
	return strstr(v, "rgb(0,0,0)") || strstr(v, "rgba(0,0,0,1)") || strstr(v, "rgba(0,0,0,1.0)");
}

/* A length above 677 px (the editor's column) in a width. */
static bool
too_wide(const char *value)
{
	char *end;
	double px = strtod(value, &end);
	return end != value && strncmp(end, "px", 2) == 0 && px > 677;
}

static void
check_style(struct lint *l, xmlNodePtr n, const char *style, struct decl *d, size_t *nd)
{
	*nd = parse_style(l, style, d, 64);
	const char *tag = (const char *)n->name;
	for (size_t i = 0; i < *nd; i++) {
		const char *name = d[i].name, *value = d[i].value;
		if (str_has_prefix(name, "--") || strstr(value, "var("))
			report(l, "style", "<%s>: CSS variable in \"%s:%s\"", tag, name, value);
		else if (strstr(value, "color-mix("))
			report(l, "style", "<%s>: color-mix() in \"%s:%s\"", tag, name, value);
		else if (strcmp(name, "position") == 0 || strcmp(name, "top") == 0 || strcmp(name, "left") == 0 ||
		         strcmp(name, "right") == 0 || strcmp(name, "bottom") == 0 || strcmp(name, "z-index") == 0)
			report(l, "style", "<%s>: positioning \"%s:%s\" is dropped by the editor", tag, name, value);
		else if (strcmp(name, "background-image") == 0 || strstr(value, "url("))
			report(l, "style", "<%s>: background images are dropped (\"%s\")", tag, name);
		else if (strcmp(name, "list-style") == 0 || strcmp(name, "list-style-type") == 0 ||
		         (strcmp(name, "display") == 0 && strstr(value, "list-item")))
			report(l, "list", "<%s>: native list markers (\"%s:%s\")", tag, name, value);
		else if (!in_list(properties, name))
			report(l, "style", "<%s>: property \"%s\" is not one the editor keeps", tag, name);
		if (is_black(value))
			report(l, "colour", "<%s>: pure black in \"%s:%s\" (the editor drops it; use #3f3f3f)", tag, name,
			       value);
		if ((strcmp(name, "width") == 0 || strcmp(name, "min-width") == 0 || strcmp(name, "max-width") == 0) &&
		    too_wide(value))
			report(l, "image", "<%s>: fixed width \"%s\" above 677px", tag, value);
		if (strstr(value, "!important"))
			report(l, "style", "<%s>: !important in \"%s\"", tag, name);
	}
}

static bool
is_mp_link(const char *href)
{
	return str_has_prefix(href, "https://mp.weixin.qq.com/") || str_has_prefix(href, "http://mp.weixin.qq.com/");
}

static char *
text_of(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = xstrdup(t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

static bool
is_space_only(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* "[12]" → 12, else 0. */
static int
mark_number(const char *s)
{
	int n = 0;
	if (s[0] != '[' || !isdigit((unsigned char)s[1]))
		return 0;
	const char *p = s + 1;
	while (isdigit((unsigned char)*p))
		n = n * 10 + (*p++ - '0');
	return strcmp(p, "]") == 0 ? n : 0;
}

static void
check_pre_text(struct lint *l, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			const char *t = (const char *)c->content;
			if (is_space_only(t))
				report(l, "code", "whitespace-only text between elements in <pre> (the editor deletes it)");
			else if (strpbrk(t, " \t\n\r"))
				report(l, "code", "a space, tab or newline in code text (use &nbsp; and <br>): \"%.40s\"", t);
		} else if (c->type == XML_ELEMENT_NODE) {
			check_pre_text(l, c);
		}
	}
}

static void
walk(struct lint *l, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = (const char *)n->name;
		if (strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0 || strcmp(tag, "li") == 0)
			report(l, "list", "<%s>: lists must be sections with literal markers", tag);
		else if (strcmp(tag, "div") == 0)
			report(l, "element", "<div> is not kept by the editor (use <section>)");
		else if (!in_list(elements, tag))
			report(l, "element", "<%s> is not an element the editor keeps", tag);

		struct decl d[64];
		size_t nd = 0;
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			bool ok = strcmp(an, "style") == 0 || (is(n, "img") && (strcmp(an, "src") == 0 || strcmp(an, "alt") == 0)) ||
			          (is(n, "a") && strcmp(an, "href") == 0);
			if (!ok)
				report(l, "attribute", "<%s %s=…>: only inline styles (and src/alt, href) are kept", tag, an);
		}
		char *style = prop(n, "style");
		if (style)
			check_style(l, n, style, d, &nd);

		if (is(n, "a")) {
			char *href = prop(n, "href");
			if (href == NULL || !is_mp_link(href))
				report(l, "link", "<a href=\"%s\">: only links to mp.weixin.qq.com may stay links",
				       href ? href : "");
			free(href);
		}
		if (is(n, "sup")) {
			char *t = text_of(n);
			int k = mark_number(t);
			if (k > 0) {
				l->marks = xrealloc(l->marks, (l->nmarks + 1) * sizeof(*l->marks));
				l->marks[l->nmarks++] = k;
			}
			free(t);
		}
		if (is(n, "p") || is(n, "section") || is(n, "h4") || is(n, "h3")) {
			char *t = text_of(n);
			if (strcmp(t, "参考链接") == 0)
				l->has_ref_title = true;
			else if (l->has_ref_title && is(n, "p") && t[0] == '[') {
				int k = 0;
				const char *p = t + 1;
				while (isdigit((unsigned char)*p))
					k = k * 10 + (*p++ - '0');
				const char *url = strrchr(t, ' ');
				if (*p != ']' || k == 0 || url == NULL || !strstr(t, ": "))
					report(l, "link", "reference line \"%.60s\" is not \"[n] text: URL\"", t);
				else {
					l->listed = xrealloc(l->listed, (l->nlisted + 1) * sizeof(*l->listed));
					l->listed_urls = xrealloc(l->listed_urls, (l->nlisted + 1) * sizeof(*l->listed_urls));
					l->listed[l->nlisted] = k;
					l->listed_urls[l->nlisted++] = xstrdup(url + 1);
				}
			}
			free(t);
		}
		if (is(n, "pre")) {
			const char *ox = get(d, nd, "overflow-x"), *ws = get(d, nd, "white-space");
			if (ox == NULL || strcmp(ox, "auto") != 0 || ws == NULL || strcmp(ws, "nowrap") != 0)
				report(l, "code", "<pre> must scroll sideways (overflow-x:auto;white-space:nowrap)");
			check_pre_text(l, n);
		}
		if (is(n, "table")) {
			xmlNodePtr p = n->parent;
			char *ps = p && p->type == XML_ELEMENT_NODE ? prop(p, "style") : NULL;
			struct decl pd[64];
			size_t npd = 0;
			if (ps) {
				struct lint quiet = {.file = l->file, .silent = true};
				npd = parse_style(&quiet, ps, pd, 64);
			}
			const char *ox = get(pd, npd, "overflow-x");
			const char *o = get(pd, npd, "overflow");
			if (!is(p, "section") || !((ox && strcmp(ox, "auto") == 0) || (o && strcmp(o, "auto") == 0)))
				report(l, "table", "a <table> must sit in a <section> with overflow-x:auto");
			free(ps);
		}
		if (is(n, "th") || is(n, "td")) {
			if (!has_prefix_prop(d, nd, "border") || !has_prefix_prop(d, nd, "padding") ||
			    get(d, nd, "text-align") == NULL)
				report(l, "table", "<%s> must carry its border, padding and text-align inline", tag);
		}
		if (is(n, "img")) {
			const char *mw = get(d, nd, "max-width"), *disp = get(d, nd, "display");
			if (!is(n->parent, "figure"))
				report(l, "image", "<img> must be inside a <figure>");
			if (mw == NULL || strcmp(mw, "100%") != 0 || disp == NULL || strcmp(disp, "block") != 0)
				report(l, "image", "<img> needs max-width:100%% and display:block");
			char *alt = prop(n, "alt");
			bool caption = false;
			for (xmlNodePtr s = n->next; s; s = s->next)
				caption |= is(s, "figcaption");
			if (alt && *alt && !caption)
				report(l, "image", "<img alt=\"%.40s\"> needs a <figcaption> with its alt text", alt);
			free(alt);
		}
		free(style);
		walk(l, n->children);
	}
}

/* The parser puts a fragment into an implied <body> (anything it takes for
 * head content into <head>): the article's top level is the body's
 * content. */
static xmlNodePtr
part(htmlDocPtr doc, const char *name)
{
	xmlNodePtr html = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = html ? html->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

static void
check_root(struct lint *l, htmlDocPtr doc)
{
	xmlNodePtr head = part(doc, "head"), body = part(doc, "body");
	for (xmlNodePtr c = head ? head->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			report(l, "root", "<%s> outside the root <section>", (const char *)c->name);
	int roots = 0;
	xmlNodePtr r = NULL;
	for (xmlNodePtr c = body ? body->children : NULL; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			roots++;
			if (r == NULL)
				r = c;
		} else if (c->type == XML_TEXT_NODE && c->content && !is_space_only((const char *)c->content))
			report(l, "root", "text outside the root <section>");
	}
	if (roots != 1 || !is(r, "section")) {
		report(l, "root", "the article must be one root <section> (found %d root elements, the first <%s>)", roots,
		       r ? (const char *)r->name : "none");
		return;
	}
	char *style = prop(r, "style");
	struct decl d[64];
	struct lint quiet = {.file = l->file, .silent = true};
	size_t nd = style ? parse_style(&quiet, style, d, 64) : 0;
	const char *fs = get(d, nd, "font-size");
	if (get(d, nd, "font-family") == NULL || fs == NULL || strcmp(fs, "16px") != 0 ||
	    get(d, nd, "line-height") == NULL || get(d, nd, "text-align") == NULL)
		report(l, "root", "the root <section> must set font-family, font-size:16px, line-height and text-align");
	free(style);
}

static void
check_links(struct lint *l)
{
	int next = 1;
	for (size_t i = 0; i < l->nmarks; i++) {
		if (l->marks[i] == next)
			next++;
		else if (l->marks[i] > next)
			report(l, "link", "reference mark [%d] appears before [%d]", l->marks[i], next);
	}
	int nrefs = next - 1;
	if (nrefs > 0 && !l->has_ref_title)
		report(l, "link", "reference marks but no closing 参考链接 list");
	for (int k = 1; k <= nrefs; k++) {
		int seen = 0;
		for (size_t j = 0; j < l->nlisted; j++)
			seen += l->listed[j] == k;
		if (seen != 1)
			report(l, "link", "[%d] is listed %d times under 参考链接 (once expected)", k, seen);
	}
	for (size_t j = 0; j < l->nlisted; j++) {
		if (l->listed[j] > nrefs)
			report(l, "link", "[%d] is listed but never marked in the text", l->listed[j]);
		for (size_t k = 0; k < j; k++)
			if (strcmp(l->listed_urls[j], l->listed_urls[k]) == 0)
				report(l, "link", "%s is listed twice ([%d] and [%d]): references are numbered once per URL",
				       l->listed_urls[j], l->listed[k], l->listed[j]);
	}
}

static htmlDocPtr
parse_fragment(const char *file, struct buf *raw)
{
	if (read_file(file, raw) != 0) {
		fprintf(stderr, "wechat-lint: cannot read %s\n", file);
		return NULL;
	}
	return htmlReadMemory(raw->p ? raw->p : "", (int)raw->len, file, "UTF-8",
	                      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
}


static int
lint_file(const char *file, long max_chars)
{
	struct buf raw = {0};
	htmlDocPtr doc = parse_fragment(file, &raw);
	if (doc == NULL) {
		buf_free(&raw);
		return 2;
	}
	struct lint l = {.file = file};
	check_root(&l, doc);
	xmlNodePtr head = part(doc, "head"), body = part(doc, "body");
	if (head)
		walk(&l, head->children);
	if (body)
		walk(&l, body->children);
	check_links(&l);
	size_t chars = utf8_length(raw.p ? raw.p : "", raw.len);
	if ((long)chars >= max_chars)
		report(&l, "limit", "%zu characters of HTML; WeChat takes fewer than %ld", chars, max_chars);
	if (raw.len >= 1024 * 1024)
		report(&l, "limit", "%zu bytes; WeChat takes under 1 MB", raw.len);
	if (strstr(raw.p ? raw.p : "", "<!--"))
		report(&l, "element", "HTML comments are not article content");
	free(l.marks);
	free(l.listed);
	for (size_t i = 0; i < l.nlisted; i++)
		free(l.listed_urls[i]);
	free(l.listed_urls);
	xmlFreeDoc(doc);
	buf_free(&raw);
	return l.problems ? 1 : 0;
}

/* Text without whitespace (ASCII, no-break and ideographic spaces). */
static void
squeeze(struct buf *out, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = utf8_decode(s + i, n - i, &c);
		if (len == 0)
			len = 1, c = 0xFFFD;
		if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000))
			buf_add(out, s + i, len);
		i += len;
	}
}

static void
visible_text(struct buf *out, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content)
			squeeze(out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE) {
			if (is(n, "sup")) {
				char *t = text_of(n);
				bool mark = mark_number(t) > 0;
				free(t);
				if (mark)
					continue;
			}
			visible_text(out, n->children);
		}
	}
}

static void
paragraph_text(struct buf *out, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content)
			squeeze(out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			paragraph_text(out, n->children);
	}
}

static int
roundtrip(const char *model, const char *year, const char *id, const char *file)
{
	xmlDocPtr m = xmlReadFile(model, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	if (m == NULL) {
		fprintf(stderr, "wechat-lint: cannot parse %s\n", model);
		return 2;
	}
	struct buf raw = {0};
	htmlDocPtr doc = parse_fragment(file, &raw);
	if (doc == NULL) {
		xmlFreeDoc(m);
		buf_free(&raw);
		return 2;
	}
	struct buf text = {0};
	xmlNodePtr body = part(doc, "body");
	if (body)
		visible_text(&text, body->children);
	const char *hay = text.p ? text.p : "";

	xmlXPathContextPtr x = xmlXPathNewContext(m);
	xmlXPathRegisterNs(x, BAD_CAST "cm", BAD_CAST CM_NS);
	char *expr = xasprintf("/model/campaigns/campaign[@year='%s']/records/record[@id='%s']/narrative/cm:document"
	                       "//cm:paragraph",
	                       year, id);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, x);
	free(expr);
	int rc = 0;
	size_t found = 0, total = r && r->nodesetval ? (size_t)r->nodesetval->nodeNr : 0;
	if (total == 0) {
		printf("%s: roundtrip: no narrative paragraphs for %s/%s in %s\n", file, year, id, model);
		rc = 1;
	}
	const char *at = hay;
	for (size_t i = 0; i < total; i++) {
		struct buf p = {0};
		paragraph_text(&p, r->nodesetval->nodeTab[i]->children);
		if (p.len == 0) {
			buf_free(&p);
			found++;
			continue;
		}
		const char *hit = strstr(at, p.p);
		if (hit == NULL) {
			const char *anywhere = strstr(hay, p.p);
			printf("%s: roundtrip: paragraph %zu %s: \"%.90s\"\n", file, i + 1,
			       anywhere ? "is out of order" : "is missing", p.p);
			rc = 1;
		} else {
			at = hit + p.len;
			found++;
		}
		buf_free(&p);
	}
	if (rc == 0)
		printf("%s: %zu of %zu paragraphs in order\n", file, found, total);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	buf_free(&text);
	xmlFreeDoc(doc);
	buf_free(&raw);
	xmlFreeDoc(m);
	return rc;
}

int
main(int argc, char **argv)
{
	long max_chars = 20000;
	int i = 1;
	xmlInitParser();
	if (argc == 6 && strcmp(argv[1], "--roundtrip") == 0) {
		int rc = roundtrip(argv[2], argv[3], argv[4], argv[5]);
		xmlCleanupParser();
		return rc;
	}
	if (i + 1 < argc && strcmp(argv[i], "--max-chars") == 0) {
		max_chars = strtol(argv[i + 1], NULL, 10);
		i += 2;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: wechat-lint [--max-chars N] FILE...\n"
		                "       wechat-lint --roundtrip MODEL.xml YEAR ID FILE\n");
		return 2;
	}
	int rc = 0;
	for (; i < argc; i++) {
		int r = lint_file(argv[i], max_chars);
		if (r > rc)
			rc = r;
	}
	xmlCleanupParser();
	return rc;
}
