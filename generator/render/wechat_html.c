/* Text helpers of the WeChat renderer: the browser-identical HTML form of
 * an article, JSON strings, digests. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../utf8.h"
#include "wechat.h"

static const char *const void_elements[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                            "input", "link", "meta", "source", "track", "wbr", NULL};

static bool
is_void(const char *name)
{
	for (const char *const *v = void_elements; *v; v++)
		if (strcmp(*v, name) == 0)
			return true;
	return false;
}

static void
escape(struct buf *out, const char *s, bool attr)
{
	const char *stops = attr ? "&<>\"\xC2" : "&<>\xC2";
	const char *p = s, *run = s;
	for (;;) {
		p += strcspn(p, stops);
		if (*p == '\0')
			break;
		const char *ent;
		size_t skip = 1;
		if (*p == '&')
			ent = "&amp;";
		else if (*p == '<')
			ent = "&lt;";
		else if (*p == '>')
			ent = "&gt;";
		else if (*p == '"')
			ent = "&quot;";
		else if ((unsigned char)p[1] == 0xA0) {
			ent = "&nbsp;";
			skip = 2;
		} else {
			p++;
			continue;
		}
		buf_add(out, run, (size_t)(p - run));
		buf_puts(out, ent);
		p += skip;
		run = p;
	}
	buf_add(out, run, (size_t)(p - run));
}

void
wechat_escape(struct buf *out, const char *s)
{
	escape(out, s, true);
}

void
wechat_serialize(struct buf *out, xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		escape(out, n->content ? (const char *)n->content : "", false);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	const char *name = (const char *)n->name;
	buf_putc(out, '<');
	buf_puts(out, name);
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		buf_putc(out, ' ');
		buf_puts(out, (const char *)a->name);
		buf_puts(out, "=\"");
		xmlNodePtr t = a->children;
		if (t && t->next == NULL && t->type == XML_TEXT_NODE) {
			escape(out, t->content ? (const char *)t->content : "", true);
		} else {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			escape(out, v ? (const char *)v : "", true);
			xmlFree(v);
		}
		buf_putc(out, '"');
	}
	buf_putc(out, '>');
	if (is_void(name))
		return;
	for (xmlNodePtr c = n->children; c; c = c->next)
		wechat_serialize(out, c);
	buf_puts(out, "</");
	buf_puts(out, name);
	buf_putc(out, '>');
}

size_t
wechat_chars(const char *s)
{
	return utf8_length(s, strlen(s));
}

static bool
ends_sentence(uint32_t c)
{
	return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ || c == '!' || c == '?' ||
	       c == 0xFF1B /* ； */;
}

static bool
closes_quote(uint32_t c)
{
	return c == 0x201D /* ” */ || c == 0x2019 /* ’ */ || c == 0xFF09 /* ） */ || c == 0x300D /* 」 */ ||
	       c == 0x300F /* 』 */ || c == 0x300B /* 》 */ || c == '"' || c == ')';
}

char *
wechat_digest(const char *text, size_t max)
{
	size_t n = strlen(text);
	if (utf8_length(text, n) <= max)
		return xstrdup(text);
	size_t off = 0, chars = 0, sentence_end = 0, sentence_chars = 0, cut = 0;
	bool after_end = false;
	while (off < n) {
		uint32_t c;
		size_t l = utf8_decode(text + off, n - off, &c);
		if (l == 0)
			l = 1, c = 0xFFFD;
		if (after_end && !closes_quote(c))
			after_end = false;
		if (chars + 1 > max)
			break;
		off += l;
		chars++;
		if (chars == max - 1)
			cut = off;
		if (ends_sentence(c) || (after_end && closes_quote(c))) {
			sentence_end = off;
			sentence_chars = chars;
			after_end = true;
		}
	}
	if (sentence_end > 0 && sentence_chars >= max / 3)
		return xstrndup(text, sentence_end);
	char *s = xmalloc(cut + 4);
	memcpy(s, text, cut);
	memcpy(s + cut, "\xE2\x80\xA6", 4);
	return s;
}
