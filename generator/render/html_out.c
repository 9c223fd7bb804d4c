/* The HTML output method, written directly into a buffer. It writes the
 * bytes libxml2's HTML serialiser (htmlDocContentDumpFormatOutput, which
 * libxslt uses for method="html") writes, in a fraction of its time: that
 * serialiser writes every piece through a growable output buffer and
 * escapes every text into a new allocation. */
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <stdint.h>
#include <string.h>

#include "html_out.h"

/* Text: '<', '>' and '&' become entities and control characters other
 * than tab, line feed and carriage return are left out (as libxml2 does);
 * with attr set, "&{…}" and "<!--…-->" stay as they are (HTML 4.0 B.7.1
 * and server side includes). */
static void
encode(struct buf *b, const unsigned char *s, bool attr)
{
	for (;;) {
		const unsigned char *run = s;
		while (*s >= 0x20 && *s != '<' && *s != '>' && *s != '&')
			s++;
		if (s > run)
			buf_add(b, (const char *)run, (size_t)(s - run));
		if (*s == '\0')
			return;
		if (*s == '<') {
			const char *end;
			if (attr && s[1] == '!' && s[2] == '-' && s[3] == '-' &&
			    (end = strstr((const char *)s, "-->")) != NULL) {
				buf_add(b, (const char *)s, (size_t)((const unsigned char *)end + 3 - s));
				s = (const unsigned char *)end + 3;
				continue;
			}
			buf_puts(b, "&lt;");
		} else if (*s == '>') {
			buf_puts(b, "&gt;");
		} else if (*s == '&') {
			if (attr && s[1] == '{' && strchr((const char *)s, '}')) {
				const unsigned char *close = (const unsigned char *)strchr((const char *)s, '}');
				buf_add(b, (const char *)s, (size_t)(close + 1 - s));
				s = close + 1;
				continue;
			}
			buf_puts(b, "&amp;");
		} else if (*s == '\n' || *s == '\t' || *s == '\r') {
			buf_putc(b, (char)*s);
		}
		s++;
	}
}

static bool
uri_keeps(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	switch (c) {
	case '-': case '_': case '.': case '!': case '~': case '*': case '\'': case '(': case ')': case '@':
	case '/': case ':': case '=': case '?': case ';': case '#': case '%': case '&': case ',': case '+':
	case '<': case '>':
		return true;
	default:
		return false;
	}
}

/* A value in quotes, as xmlBufWriteQuotedString writes it. */
static void
quoted(struct buf *b, const char *v, size_t n)
{
	bool dq = memchr(v, '"', n) != NULL, sq = memchr(v, '\'', n) != NULL;
	if (dq && !sq) {
		buf_putc(b, '\'');
		buf_add(b, v, n);
		buf_putc(b, '\'');
		return;
	}
	buf_putc(b, '"');
	const char *end = v + n;
	while (v < end) {
		const char *q = memchr(v, '"', (size_t)(end - v));
		size_t k = q ? (size_t)(q - v) : (size_t)(end - v);
		buf_add(b, v, k);
		v += k;
		if (q) {
			buf_puts(b, "&quot;");
			v++;
		}
	}
	buf_putc(b, '"');
}

static bool
ci_equal(const xmlChar *a, const char *b)
{
	return a && xmlStrcasecmp(a, (const xmlChar *)b) == 0;
}

/* Whether an element's text is written as it is (script, style). */
static bool
raw_text(const xmlChar *name)
{
	if (name == NULL || (name[0] | 0x20) != 's')
		return false;
	return ci_equal(name, "script") || ci_equal(name, "style");
}

static bool
boolean_attr(const xmlChar *name)
{
	static const char *const names[] = {"checked",  "compact",  "declare", "defer",   "disabled",
	                                    "ismap",    "multiple", "nohref",  "noresize", "noshade",
	                                    "nowrap",   "readonly", "selected", NULL};
	int c = name[0] | 0x20;
	if (!strchr("cdimnrs", c))
		return false;
	for (size_t i = 0; names[i]; i++)
		if (names[i][0] == c && ci_equal(name, names[i]))
			return true;
	return false;
}

/* htmlTagLookup() scans its table: remember its answers by name, keyed
 * by the name's bytes (a result's names come from dictionaries that live
 * no longer than its transformation). */
#define TAG_NAME_MAX 16

static const htmlElemDesc *
tag_info(const xmlChar *name)
{
	static struct {
		char name[TAG_NAME_MAX];
		const htmlElemDesc *info;
	} cache[256];
	uint32_t h = 2166136261u;
	size_t n = 0;
	for (; name[n] && n < TAG_NAME_MAX; n++)
		h = (h ^ name[n]) * 16777619u;
	if (n == TAG_NAME_MAX)
		return htmlTagLookup(name);
	h = (h ^ (h >> 16)) & 255;
	if (memcmp(cache[h].name, name, n + 1) != 0) {
		memcpy(cache[h].name, name, n + 1);
		cache[h].info = htmlTagLookup(name);
	}
	return cache[h].info;
}

static void
attribute(struct buf *b, xmlAttrPtr a, struct buf *tmp)
{
	buf_putc(b, ' ');
	if (a->ns && a->ns->prefix) {
		buf_puts(b, (const char *)a->ns->prefix);
		buf_putc(b, ':');
	}
	buf_puts(b, (const char *)a->name);
	if (a->children == NULL || boolean_attr(a->name))
		return;
	tmp->len = 0;
	buf_puts(tmp, "");
	for (xmlNodePtr t = a->children; t; t = t->next)
		if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
			encode(tmp, t->content, true);
	buf_putc(b, '=');
	xmlNodePtr owner = a->parent;
	int c0 = a->name[0] | 0x20;
	if (a->ns == NULL && owner && owner->ns == NULL && strchr("hasn", c0) &&
	    (ci_equal(a->name, "href") || ci_equal(a->name, "action") || ci_equal(a->name, "src") ||
	     (ci_equal(a->name, "name") && ci_equal(owner->name, "a")))) {
		const unsigned char *v = (const unsigned char *)tmp->p;
		while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
			v++;
		struct buf e = {0};
		buf_puts(&e, "");
		static const char hex[] = "0123456789ABCDEF";
		for (; *v; v++) {
			if (uri_keeps(*v)) {
				buf_putc(&e, (char)*v);
			} else {
				char esc[3] = {'%', hex[*v >> 4], hex[*v & 15]};
				buf_add(&e, esc, 3);
			}
		}
		quoted(b, e.p, e.len);
		buf_free(&e);
	} else {
		quoted(b, tmp->p, tmp->len);
	}
}

static void
name_of(struct buf *b, xmlNodePtr n)
{
	if (n->ns && n->ns->prefix) {
		buf_puts(b, (const char *)n->ns->prefix);
		buf_putc(b, ':');
	}
	buf_puts(b, (const char *)n->name);
}

static bool
block_break(int format, const htmlElemDesc *info, xmlNodePtr next, xmlNodePtr parent)
{
	return format && info && !info->isinline && next && next->type != HTML_TEXT_NODE &&
	       next->type != HTML_ENTITY_REF_NODE && parent && parent->name && parent->name[0] != 'p';
}

static void
out_tree(struct buf *b, xmlNodePtr top, int format)
{
	struct buf tmp = {0};
	xmlNodePtr cur = top, root = cur, parent = cur->parent;
	for (;;) {
		bool descended = false;
		switch (cur->type) {
		case XML_HTML_DOCUMENT_NODE:
		case XML_DOCUMENT_NODE: {
			xmlDtdPtr dtd = ((xmlDocPtr)cur)->intSubset;
			if (dtd) {
				buf_puts(b, "<!DOCTYPE ");
				buf_puts(b, (const char *)dtd->name);
				if (dtd->ExternalID) {
					buf_puts(b, " PUBLIC ");
					quoted(b, (const char *)dtd->ExternalID, strlen((const char *)dtd->ExternalID));
					if (dtd->SystemID) {
						buf_putc(b, ' ');
						quoted(b, (const char *)dtd->SystemID, strlen((const char *)dtd->SystemID));
					}
				} else if (dtd->SystemID && xmlStrcmp(dtd->SystemID, BAD_CAST "about:legacy-compat")) {
					buf_puts(b, " SYSTEM ");
					quoted(b, (const char *)dtd->SystemID, strlen((const char *)dtd->SystemID));
				}
				buf_puts(b, ">\n");
			}
			if (cur->children) {
				parent = cur;
				cur = cur->children;
				descended = true;
			} else {
				buf_putc(b, '\n');
			}
			break;
		}
		case XML_ELEMENT_NODE: {
			const htmlElemDesc *info = cur->ns == NULL ? tag_info(cur->name) : NULL;
			buf_putc(b, '<');
			name_of(b, cur);
			for (xmlNsPtr ns = cur->nsDef; ns; ns = ns->next) {
				if (ns->type != XML_LOCAL_NAMESPACE || ns->href == NULL ||
				    xmlStrEqual(ns->prefix, BAD_CAST "xml"))
					continue;
				buf_puts(b, ns->prefix ? " xmlns:" : " xmlns");
				if (ns->prefix)
					buf_puts(b, (const char *)ns->prefix);
				buf_putc(b, '=');
				quoted(b, (const char *)ns->href, strlen((const char *)ns->href));
			}
			for (xmlAttrPtr a = cur->properties; a; a = a->next)
				attribute(b, a, &tmp);
			if (info && info->empty) {
				buf_putc(b, '>');
			} else if (cur->children == NULL) {
				if (info && info->saveEndTag && xmlStrcmp(BAD_CAST info->name, BAD_CAST "html") &&
				    xmlStrcmp(BAD_CAST info->name, BAD_CAST "body")) {
					buf_putc(b, '>');
				} else {
					buf_puts(b, "></");
					name_of(b, cur);
					buf_putc(b, '>');
				}
			} else {
				buf_putc(b, '>');
				if (format && info && !info->isinline && cur->children->type != HTML_TEXT_NODE &&
				    cur->children->type != HTML_ENTITY_REF_NODE && cur->children != cur->last &&
				    cur->name && cur->name[0] != 'p')
					buf_putc(b, '\n');
				parent = cur;
				cur = cur->children;
				descended = true;
				break;
			}
			if (block_break(format, info, cur->next, parent))
				buf_putc(b, '\n');
			break;
		}
		case HTML_TEXT_NODE:
			if (cur->content == NULL)
				break;
			if (cur->name != xmlStringTextNoenc && (parent == NULL || !raw_text(parent->name)))
				encode(b, cur->content, false);
			else
				buf_puts(b, (const char *)cur->content);
			break;
		case HTML_COMMENT_NODE:
			if (cur->content) {
				buf_puts(b, "<!--");
				buf_puts(b, (const char *)cur->content);
				buf_puts(b, "-->");
			}
			break;
		case HTML_PI_NODE:
			if (cur->name) {
				buf_puts(b, "<?");
				buf_puts(b, (const char *)cur->name);
				if (cur->content) {
					buf_putc(b, ' ');
					buf_puts(b, (const char *)cur->content);
				}
				buf_putc(b, '>');
			}
			break;
		case HTML_ENTITY_REF_NODE:
			buf_putc(b, '&');
			buf_puts(b, (const char *)cur->name);
			buf_putc(b, ';');
			break;
		case HTML_PRESERVE_NODE:
			if (cur->content)
				buf_puts(b, (const char *)cur->content);
			break;
		default:
			break;
		}
		if (descended)
			continue;
		for (;;) {
			if (cur == root) {
				buf_free(&tmp);
				return;
			}
			if (cur->next) {
				cur = cur->next;
				break;
			}
			cur = parent;
			parent = cur->parent;
			if (cur->type == XML_HTML_DOCUMENT_NODE || cur->type == XML_DOCUMENT_NODE) {
				buf_putc(b, '\n');
			} else {
				const htmlElemDesc *info = format && cur->ns == NULL ? tag_info(cur->name) : NULL;
				if (format && info && !info->isinline && cur->last->type != HTML_TEXT_NODE &&
				    cur->last->type != HTML_ENTITY_REF_NODE && cur->children != cur->last && cur->name &&
				    cur->name[0] != 'p')
					buf_putc(b, '\n');
				buf_puts(b, "</");
				name_of(b, cur);
				buf_putc(b, '>');
				if (block_break(format, info, cur->next, parent))
					buf_putc(b, '\n');
			}
		}
	}
}

void
html_out(struct buf *b, xmlDocPtr doc, int format)
{
	out_tree(b, (xmlNodePtr)doc, format);
}

void
html_out_children(struct buf *b, xmlNodePtr parent, int format)
{
	for (xmlNodePtr c = parent->children; c; c = c->next)
		out_tree(b, c, format);
}
