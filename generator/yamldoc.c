#include "yamldoc.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct builder {
	const char *file;
	int line_offset;
	struct ynode **stack;
	size_t depth, cap;
	struct ynode *root;
	bool failed;
};

static struct pos
mark_pos(const struct builder *b, yaml_mark_t m)
{
	return (struct pos){b->file, (int)m.line + 1 + b->line_offset, (int)m.column + 1};
}

static void
add_child(struct builder *b, struct ynode *child)
{
	if (b->depth == 0) {
		if (b->root == NULL)
			b->root = child;
		else
			ynode_free(child);
		return;
	}
	struct ynode *parent = b->stack[b->depth - 1];
	if (parent->kind == Y_SEQUENCE) {
		parent->items = xrealloc(parent->items, (parent->n + 1) * sizeof(*parent->items));
		parent->items[parent->n++] = child;
		return;
	}
	/* A mapping: a pair is open when its last value is missing. */
	if (parent->n > 0 && parent->pairs[parent->n - 1].value == NULL) {
		parent->pairs[parent->n - 1].value = child;
		return;
	}
	if (child->kind != Y_SCALAR) {
		diag_error(child->pos, "a mapping key must be a plain value");
		b->failed = true;
	}
	parent->pairs = xrealloc(parent->pairs, (parent->n + 1) * sizeof(*parent->pairs));
	parent->pairs[parent->n++] = (struct ypair){child, NULL};
}

static int
cmp_key(const void *a, const void *b)
{
	const struct ypair *x = *(const struct ypair *const *)a, *y = *(const struct ypair *const *)b;
	int c = strcmp(x->key->text, y->key->text);
	return c ? c : (x > y) - (x < y);
}

/* Reports each key of a finished mapping that an earlier key of it repeats.
 * Sorting keeps this n log n in the number of keys. */
static void
report_duplicates(struct builder *b, const struct ynode *map)
{
	if (map->n < 2)
		return;
	const struct ypair **v = xcalloc(map->n, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < map->n; i++)
		if (map->pairs[i].key->kind == Y_SCALAR)
			v[n++] = &map->pairs[i];
	qsort(v, n, sizeof(*v), cmp_key);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(v[i]->key->text, v[first]->key->text) != 0) {
			first = i;
			continue;
		}
		diag_error(v[i]->key->pos, "duplicate key '%s' (first given at line %d)", v[i]->key->text,
		           v[first]->key->pos.line);
		b->failed = true;
	}
	free(v);
}

/* Adds a list or a mapping and makes it the current parent. Returns false
 * (after a diagnostic) when that nests deeper than YDOC_MAX_DEPTH. */
static bool
push(struct builder *b, struct ynode *n)
{
	add_child(b, n);
	if (b->depth >= YDOC_MAX_DEPTH) {
		diag_error(n->pos, "lists and mappings are nested more than %d deep: write the value flatter",
		           YDOC_MAX_DEPTH);
		b->failed = true;
		return false;
	}
	if (b->depth == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->stack = xrealloc(b->stack, b->cap * sizeof(*b->stack));
	}
	b->stack[b->depth++] = n;
	return true;
}

static struct ynode *
new_node(enum ynode_kind kind, struct pos p)
{
	struct ynode *n = xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->pos = p;
	return n;
}

/* The bytes of line `line` (0-based) of text; *n receives its length. */
static const char *
line_at(const char *text, size_t len, size_t line, size_t *n)
{
	const char *p = text, *end = text + len;
	for (size_t l = 0; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*n = (size_t)((nl ? nl : end) - p);
	return p;
}

static const char *
find_bytes(const char *s, size_t n, const char *what)
{
	size_t w = strlen(what);
	for (size_t i = 0; i + w <= n; i++)
		if (memcmp(s + i, what, w) == 0)
			return s + i;
	return NULL;
}

static size_t
indent_of(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* Reports a syntax error in the words of the mistakes an office editor
 * makes (a full-width colon or space, a tab, a line indented off its
 * siblings), at the character in question. Returns false when the lines
 * show none of them. */
static bool
report_hint(struct builder *b, const char *text, size_t len, const yaml_parser_t *p)
{
	size_t lines[2] = {p->context ? p->context_mark.line : p->problem_mark.line, p->problem_mark.line};
	for (int i = 0; i < 2; i++) {
		size_t n;
		const char *l = line_at(text, len, lines[i], &n);
		const char *at;
		const char *msg = NULL;
		if ((at = find_bytes(l, n, "\xEF\xBC\x9A")) != NULL && find_bytes(l, (size_t)(at - l), ": ") == NULL)
			msg = "'：' is a full-width colon: end the key with ':' and a space (key: value)";
		else if ((at = find_bytes(l, n, ":\xE3\x80\x80")) != NULL)
			msg = "a full-width space follows ':': write an ASCII space after the colon";
		else if ((at = memchr(l, '\t', indent_of(l, n) < n ? indent_of(l, n) + 1 : n)) != NULL)
			msg = "a tab indents this line: YAML indents with spaces only";
		if (msg) {
			int line, col;
			utf8_line_col(l, (size_t)(at - l), &line, &col);
			diag(DIAG_ERROR, b->file, (int)lines[i] + 1 + b->line_offset, col, "YAML syntax error: %s", msg);
			return true;
		}
	}
	/* A line indented unlike the one above that does not open a block
	 * (comments and blank lines in between are passed over). */
	size_t line = p->problem_mark.line, n, pn = 0;
	const char *l = line_at(text, len, line, &n), *prev = NULL;
	for (const char *e = l; e > text && prev == NULL;) {
		const char *start = e - 1; /* the line feed that ends the line above */
		while (start > text && start[-1] != '\n')
			start--;
		size_t ln = (size_t)(e - 1 - start), ind = indent_of(start, ln);
		if (ind < ln && start[ind] != '#') {
			prev = start;
			pn = ln;
		}
		e = start;
	}
	size_t ind = indent_of(l, n), pind = prev ? indent_of(prev, pn) : 0;
	if (prev == NULL || ind == n || ind == pind || prev[pn - 1] == ':')
		return false;
	diag(DIAG_ERROR, b->file, (int)line + 1 + b->line_offset, (int)ind + 1,
	     "YAML syntax error: this line is indented %zu space%s and the line above %zu: keys of one mapping "
	     "start in the same column",
	     ind, ind == 1 ? "" : "s", pind);
	return true;
}

static void
report_parser_error(struct builder *b, yaml_parser_t *p, const char *text, size_t len)
{
	yaml_mark_t m = p->problem_mark;
	if (p->error == YAML_READER_ERROR) {
		/* The reader gives a byte offset only. */
		int line, col;
		size_t off = p->problem_offset < len ? p->problem_offset : len;
		utf8_line_col(text, off, &line, &col);
		if (p->problem_value != -1 && off < len)
			diag(DIAG_ERROR, b->file, line + b->line_offset, col, "%s (byte 0x%02X)",
			     p->problem ? p->problem : "unreadable text", (unsigned)(unsigned char)text[off]);
		else
			diag(DIAG_ERROR, b->file, line + b->line_offset, col, "%s",
			     p->problem ? p->problem : "unreadable text");
	} else if (!report_hint(b, text, len, p)) {
		struct pos at = mark_pos(b, m);
		int ctx_line = (int)p->context_mark.line + 1 + b->line_offset;
		if (p->context && ctx_line != at.line)
			diag_error(at, "YAML syntax error: %s %s started at line %d", p->problem ? p->problem : "",
			           p->context, ctx_line);
		else if (p->context)
			diag_error(at, "YAML syntax error: %s %s", p->problem ? p->problem : "", p->context);
		else
			diag_error(at, "YAML syntax error: %s", p->problem ? p->problem : "unknown problem");
	}
	b->failed = true;
}

struct ynode *
ydoc_parse(const char *file, const char *text, size_t len, int line_offset)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		diag(DIAG_ERROR, file, 0, 0, "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	struct builder b = {.file = diag_file(file), .line_offset = line_offset};
	int docs = 0;
	bool done = false;
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&b, &parser, text, len);
			break;
		}
		struct pos at = mark_pos(&b, ev.start_mark);
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag_error(at, "only one YAML document is allowed in a file");
				b.failed = true;
				done = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			diag_error(at, "YAML aliases ('*%s') are not supported: write the value out",
			           (const char *)ev.data.alias.anchor);
			b.failed = true;
			done = true;
			break;
		case YAML_SCALAR_EVENT: {
			struct ynode *n = new_node(Y_SCALAR, at);
			n->text = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
			n->len = ev.data.scalar.length;
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			if (memchr(n->text, '\0', n->len) != NULL) {
				diag_error(at, "a value contains a NUL character");
				b.failed = true;
			}
			add_child(&b, n);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
			done = !push(&b, new_node(Y_SEQUENCE, at));
			break;
		case YAML_MAPPING_START_EVENT:
			done = !push(&b, new_node(Y_MAPPING, at));
			break;
		case YAML_MAPPING_END_EVENT:
			if (b.depth > 0)
				report_duplicates(&b, b.stack[b.depth - 1]);
			/* fall through */
		case YAML_SEQUENCE_END_EVENT:
			if (b.depth > 0)
				b.depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(b.stack);
	if (b.failed) {
		ynode_free(b.root);
		return NULL;
	}
	if (b.root == NULL || (b.root->kind == Y_SCALAR && b.root->len == 0 && b.root->plain)) {
		struct pos p = b.root ? b.root->pos : (struct pos){b.file, 1 + line_offset, 1};
		ynode_free(b.root);
		b.root = new_node(Y_MAPPING, p);
	}
	return b.root;
}

void
ynode_free(struct ynode *n)
{
	if (n == NULL)
		return;
	free(n->text);
	for (size_t i = 0; n->kind == Y_SEQUENCE && i < n->n; i++)
		ynode_free(n->items[i]);
	for (size_t i = 0; n->kind == Y_MAPPING && i < n->n; i++) {
		ynode_free(n->pairs[i].key);
		ynode_free(n->pairs[i].value);
	}
	free(n->items);
	free(n->pairs);
	free(n);
}

struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	if (map == NULL || map->kind != Y_MAPPING)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->pairs[i].key->text, key) == 0)
			return map->pairs[i].value;
	return NULL;
}

const char *
ynode_kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case Y_SCALAR:
		return "a single value";
	case Y_SEQUENCE:
		return "a list";
	default:
		return "a mapping";
	}
}
