#include "markdown_html.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "utf8.h"

static const char *const type_names[MD_NTYPES] = {
	"document", "block_quote", "list", "item", "code_block", "paragraph", "heading", "thematic_break",
	"table", "table_header", "table_row", "table_cell", "text", "softbreak", "linebreak", "code",
	"emph", "strong", "strikethrough", "link", "image", "html_block", "html_inline", "other",
};

int
md_cell_column(cmark_node *cell)
{
	int col = 0;
	for (cmark_node *c = cmark_node_previous(cell); c; c = cmark_node_previous(c))
		col++;
	return col;
}

const char *
md_cell_align(cmark_node *cell)
{
	cmark_node *row = cmark_node_parent(cell), *table = row ? cmark_node_parent(row) : NULL;
	if (table == NULL)
		return NULL;
	int col = md_cell_column(cell);
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(table);
	if (al == NULL || col >= cmark_gfm_extensions_get_table_columns(table))
		return NULL;
	return al[col] == 'l' ? "left" : al[col] == 'c' ? "center" : al[col] == 'r' ? "right" : NULL;
}

enum md_type
md_type_of(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_DOCUMENT: return MD_DOCUMENT;
	case CMARK_NODE_BLOCK_QUOTE: return MD_BLOCK_QUOTE;
	case CMARK_NODE_LIST: return MD_LIST;
	case CMARK_NODE_ITEM: return MD_ITEM;
	case CMARK_NODE_CODE_BLOCK: return MD_CODE_BLOCK;
	case CMARK_NODE_PARAGRAPH: return MD_PARAGRAPH;
	case CMARK_NODE_HEADING: return MD_HEADING;
	case CMARK_NODE_THEMATIC_BREAK: return MD_THEMATIC_BREAK;
	case CMARK_NODE_TEXT: return MD_TEXT;
	case CMARK_NODE_SOFTBREAK: return MD_SOFTBREAK;
	case CMARK_NODE_LINEBREAK: return MD_LINEBREAK;
	case CMARK_NODE_CODE: return MD_CODE;
	case CMARK_NODE_EMPH: return MD_EMPH;
	case CMARK_NODE_STRONG: return MD_STRONG;
	case CMARK_NODE_LINK: return MD_LINK;
	case CMARK_NODE_IMAGE: return MD_IMAGE;
	case CMARK_NODE_HTML_BLOCK: return MD_HTML_BLOCK;
	case CMARK_NODE_HTML_INLINE: return MD_HTML_INLINE;
	default: break;
	}
	const char *s = cmark_node_get_type_string(n);
	if (strcmp(s, "table") == 0)
		return MD_TABLE;
	/* cmark-gfm names a header row "table_header". */
	if (strcmp(s, "table_header") == 0)
		return MD_TABLE_HEADER;
	if (strcmp(s, "table_row") == 0)
		return cmark_gfm_extensions_get_table_row_is_header(n) ? MD_TABLE_HEADER : MD_TABLE_ROW;
	if (strcmp(s, "table_cell") == 0)
		return MD_TABLE_CELL;
	if (strcmp(s, "strikethrough") == 0)
		return MD_STRIKETHROUGH;
	return MD_OTHER;
}

const char *
md_type_name(enum md_type t)
{
	return type_names[t];
}

void
md_hooks_all(struct md_hooks *h)
{
	h->types = (1u << MD_NTYPES) - 1;
}

bool
md_hooked(const struct md_hooks *h, enum md_type t)
{
	if (t == MD_DOCUMENT || t == MD_LINK || t == MD_IMAGE || t == MD_OTHER)
		return true;
	return (h->types >> t) & 1u;
}

void
md_hooks_scan(struct md_hooks *h, const char *text, const char *prefix)
{
	size_t plen = strlen(prefix);
	for (const char *p = strstr(text, prefix); p; p = strstr(p + 1, prefix)) {
		if (p > text && (p[-1] == '_' || p[-1] == '-' || (p[-1] >= 'a' && p[-1] <= 'z') ||
		                 (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9')))
			continue;
		const char *name = p + plen;
		size_t n = 0;
		while ((name[n] >= 'a' && name[n] <= 'z') || name[n] == '_')
			n++;
		if (n == 1 && name[0] == '*') {
			md_hooks_all(h);
			return;
		}
		for (int t = 0; t < MD_NTYPES; t++)
			if (strlen(type_names[t]) == n && strncmp(type_names[t], name, n) == 0)
				h->types |= 1u << t;
		if (name[0] == '*')
			md_hooks_all(h);
	}
}

/* A heading's HTML level: from h2 on, since every page has its own title
 * as its h1. */
static int
html_heading_level(cmark_node *heading)
{
	int level = cmark_node_get_heading_level(heading);
	return level < 2 ? 2 : level;
}

/* Text as the XSLT HTML output writes it. */
static void
escape_text(struct buf *b, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "&<>");
		buf_add(b, s, n);
		s += n;
		if (*s == '\0')
			return;
		buf_puts(b, *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : "&gt;");
		s++;
	}
}

static void
escape_attr(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_putc(b, *s);
		}
	}
}

bool
markdown_block_image(cmark_node *paragraph)
{
	cmark_node *c = cmark_node_first_child(paragraph);
	if (c == NULL || c != cmark_node_last_child(paragraph) || cmark_node_get_type(c) != CMARK_NODE_IMAGE)
		return false;
	const char *t = markdown_node_target(c);
	return t != NULL && *t != '\0' && *t != '#';
}

static bool
tight_item_paragraph(cmark_node *n)
{
	cmark_node *item = cmark_node_parent(n), *list = item ? cmark_node_parent(item) : NULL;
	return item && list && cmark_node_get_type(item) == CMARK_NODE_ITEM &&
	       cmark_node_get_type(list) == CMARK_NODE_LIST && cmark_node_get_list_tight(list);
}

/* The last (or first) character of a node's text, as a code point; 0 for
 * none. */
static uint32_t
edge_char(cmark_node *n, bool last)
{
	while (n) {
		const char *lit = NULL;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(n);
			break;
		default:
			break;
		}
		if (lit) {
			size_t len = strlen(lit);
			if (len == 0)
				return 0;
			if (!last) {
				uint32_t cp;
				return utf8_decode(lit, len, &cp) > 0 ? cp : 0;
			}
			size_t i = len - 1;
			while (i > 0 && ((unsigned char)lit[i] & 0xC0) == 0x80)
				i--;
			uint32_t cp;
			return utf8_decode(lit + i, len - i, &cp) > 0 ? cp : 0;
		}
		cmark_node *c = last ? cmark_node_last_child(n) : cmark_node_first_child(n);
		if (c == NULL)
			return 0;
		n = c;
	}
	return 0;
}

static bool
latin(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != 0 && strchr(".,;:!?)(%-", (int)c) != NULL && c < 0x80);
}

void
markdown_html_enter(struct buf *b, cmark_node *n, const char *anchor)
{
	switch (md_type_of(n)) {
	case MD_BLOCK_QUOTE:
		buf_puts(b, "<blockquote>");
		break;
	case MD_LIST:
		if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
			int start = cmark_node_get_list_start(n);
			if (start != 1)
				buf_printf(b, "<ol start=\"%d\">", start);
			else
				buf_puts(b, "<ol>");
		} else {
			buf_puts(b, "<ul>");
		}
		break;
	case MD_ITEM:
		buf_puts(b, "<li>");
		break;
	case MD_CODE_BLOCK: {
		const char *info = cmark_node_get_fence_info(n);
		buf_puts(b, "<pre><code");
		if (info && *info) {
			while (*info == ' ' || *info == '\t' || *info == '\n' || *info == '\r')
				info++;
			size_t k = strcspn(info, " \t\n\r");
			char *word = xstrndup(info, k);
			buf_puts(b, " class=\"language-");
			escape_attr(b, word);
			buf_putc(b, '"');
			free(word);
		}
		buf_putc(b, '>');
		escape_text(b, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
		buf_puts(b, "</code></pre>");
		break;
	}
	case MD_PARAGRAPH:
		if (!tight_item_paragraph(n) && !markdown_block_image(n))
			buf_puts(b, "<p>");
		break;
	case MD_HEADING:
		buf_printf(b, "<h%d", html_heading_level(n));
		if (anchor && *anchor) {
			buf_puts(b, " id=\"");
			escape_attr(b, anchor);
			buf_putc(b, '"');
		}
		buf_putc(b, '>');
		break;
	case MD_THEMATIC_BREAK:
		buf_puts(b, "<hr>");
		break;
	case MD_TABLE:
		buf_puts(b, "<table>");
		break;
	case MD_TABLE_HEADER:
		buf_puts(b, "<thead><tr>");
		break;
	case MD_TABLE_ROW:
		if (cmark_node_previous(n) == NULL || md_type_of(cmark_node_previous(n)) == MD_TABLE_HEADER)
			buf_puts(b, "<tbody>");
		buf_puts(b, "<tr>");
		break;
	case MD_TABLE_CELL: {
		cmark_node *row = cmark_node_parent(n);
		const char *align = md_cell_align(n);
		buf_puts(b, row && md_type_of(row) == MD_TABLE_HEADER ? "<th scope=\"col\"" : "<td");
		if (align)
			buf_printf(b, " class=\"align-%s\"", align);
		buf_putc(b, '>');
		break;
	}
	case MD_TEXT:
		escape_text(b, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
		break;
	case MD_SOFTBREAK: {
		cmark_node *prev = cmark_node_previous(n), *next = cmark_node_next(n);
		uint32_t a = prev ? edge_char(prev, true) : 0, z = next ? edge_char(next, false) : 0;
		if (latin(a) && latin(z))
			buf_putc(b, ' ');
		break;
	}
	case MD_LINEBREAK:
		buf_puts(b, "<br>");
		break;
	case MD_CODE:
		buf_puts(b, "<code>");
		escape_text(b, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
		buf_puts(b, "</code>");
		break;
	case MD_EMPH:
		buf_puts(b, "<em>");
		break;
	case MD_STRONG:
		buf_puts(b, "<strong>");
		break;
	case MD_STRIKETHROUGH:
		buf_puts(b, "<del>");
		break;
	default:
		break;
	}
}

void
markdown_html_exit(struct buf *b, cmark_node *n)
{
	switch (md_type_of(n)) {
	case MD_BLOCK_QUOTE:
		buf_puts(b, "</blockquote>");
		break;
	case MD_LIST:
		buf_puts(b, cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "</ol>" : "</ul>");
		break;
	case MD_ITEM:
		buf_puts(b, "</li>");
		break;
	case MD_PARAGRAPH:
		if (!tight_item_paragraph(n) && !markdown_block_image(n))
			buf_puts(b, "</p>");
		break;
	case MD_HEADING:
		buf_printf(b, "</h%d>", html_heading_level(n));
		break;
	case MD_TABLE:
		buf_puts(b, "</table>");
		break;
	case MD_TABLE_HEADER:
		buf_puts(b, "</tr></thead>");
		break;
	case MD_TABLE_ROW:
		/* The body ends with its last row, so that a theme's table
		 * element holds whole rows. */
		buf_puts(b, cmark_node_next(n) ? "</tr>" : "</tr></tbody>");
		break;
	case MD_TABLE_CELL: {
		cmark_node *row = cmark_node_parent(n);
		buf_puts(b, row && md_type_of(row) == MD_TABLE_HEADER ? "</th>" : "</td>");
		break;
	}
	case MD_EMPH:
		buf_puts(b, "</em>");
		break;
	case MD_STRONG:
		buf_puts(b, "</strong>");
		break;
	case MD_STRIKETHROUGH:
		buf_puts(b, "</del>");
		break;
	default:
		break;
	}
}

void
markdown_node_text(struct buf *b, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			buf_puts(b, cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Punctuation dropped from anchors (the theme's list, as it was). */
static const char anchor_punct[] = "、，。：；！？（）《》〈〉【】「」“”‘’·…—～.,:;!?()[]{}\"/\\`~@#$%^&*+=|<>'";

static bool
is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return cp != 0 && strchr(".,:;!?()[]{}\"/\\`~@#$%^&*+=|<>'", (int)cp) != NULL;
	static uint32_t wide[64];
	static size_t nwide;
	if (nwide == 0) {
		const char *p = anchor_punct;
		size_t left = sizeof(anchor_punct) - 1;
		while (left > 0 && nwide < 64) {
			uint32_t c;
			size_t k = utf8_decode(p, left, &c);
			if (k == 0)
				break;
			if (c >= 0x80)
				wide[nwide++] = c;
			p += k;
			left -= k;
		}
	}
	for (size_t i = 0; i < nwide; i++)
		if (wide[i] == cp)
			return true;
	return false;
}

static char *
slug(cmark_node *heading)
{
	struct buf t = {0}, out = {0};
	buf_puts(&t, "");
	buf_puts(&out, "");
	markdown_node_text(&t, heading);
	/* translate(punct → ''), lower case, normalize-space, ' ' → '-'. */
	bool space = false;
	for (size_t i = 0; i < t.len;) {
		uint32_t c;
		size_t k = utf8_decode(t.p + i, t.len - i, &c);
		if (k == 0) {
			k = 1;
			c = (unsigned char)t.p[i];
		}
		if (is_punct(c)) {
			i += k;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = out.len > 0;
		} else {
			if (space)
				buf_putc(&out, '-');
			space = false;
			if (c >= 'A' && c <= 'Z')
				buf_putc(&out, (char)(c - 'A' + 'a'));
			else
				buf_add(&out, t.p + i, k);
		}
		i += k;
	}
	buf_free(&t);
	return buf_steal(&out);
}

/* The headings seen in a document: how many had a slug under a parent. */
struct md_anchors {
	struct anchor_seen {
		cmark_node *parent;
		char *slug;
		int count;
	} *v;
	size_t n, cap; /* cap a power of two, or 0 */
};

struct md_anchors *
md_anchors_new(void)
{
	return xcalloc(1, sizeof(struct md_anchors));
}

void
md_anchors_free(struct md_anchors *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->cap; i++)
		free(a->v[i].slug);
	free(a->v);
	free(a);
}

static size_t
anchor_slot(const struct md_anchors *a, cmark_node *parent, const char *slug)
{
	size_t h = (size_t)(uintptr_t)parent * 31u;
	for (const char *p = slug; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	size_t i = h & (a->cap - 1);
	while (a->v[i].slug && !(a->v[i].parent == parent && strcmp(a->v[i].slug, slug) == 0))
		i = (i + 1) & (a->cap - 1);
	return i;
}

char *
md_anchors_next(struct md_anchors *a, cmark_node *heading)
{
	char *s = slug(heading);
	if (*s == '\0')
		return s;
	if (2 * (a->n + 1) > a->cap) {
		struct md_anchors b = {NULL, 0, a->cap ? 2 * a->cap : 16};
		b.v = xcalloc(b.cap, sizeof(*b.v));
		for (size_t i = 0; i < a->cap; i++)
			if (a->v[i].slug)
				b.v[anchor_slot(&b, a->v[i].parent, a->v[i].slug)] = a->v[i];
		free(a->v);
		a->v = b.v;
		a->cap = b.cap;
	}
	cmark_node *parent = cmark_node_parent(heading);
	size_t i = anchor_slot(a, parent, s);
	if (a->v[i].slug == NULL) {
		a->v[i] = (struct anchor_seen){parent, xstrdup(s), 0};
		a->n++;
	}
	int n = a->v[i].count++;
	if (n == 0)
		return s;
	char *r = xasprintf("%s-%d", s, n);
	free(s);
	return r;
}

char *
markdown_excerpt(cmark_node *root)
{
	cmark_node *p = root ? cmark_node_first_child(root) : NULL;
	while (p && cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		p = cmark_node_next(p);
	if (p == NULL)
		return NULL;
	struct buf t = {0}, out = {0};
	buf_puts(&t, "");
	buf_puts(&out, "");
	markdown_node_text(&t, p);
	bool space = false;
	for (const char *c = t.p; *c; c++) {
		if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') {
			space = out.len > 0;
			continue;
		}
		if (space)
			buf_putc(&out, ' ');
		space = false;
		buf_putc(&out, *c);
	}
	buf_free(&t);
	return buf_steal(&out);
}
