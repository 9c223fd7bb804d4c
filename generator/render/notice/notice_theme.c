#include "notice_theme.h"

#include <stdlib.h>
#include <string.h>

#include "../../yamldoc.h"

#define MM (72.0 / 25.4)

/* Reads a style under key of map: {font, size, leading, color, text};
 * what it leaves out comes from `from` (NULL: required). */
static void
read_style(struct pdf_theme_reader *R, const struct ynode *map, const char *key, struct notice_style *s,
           const struct notice_style *from, bool text)
{
	static const char *const keys[] = {"font", "size", "leading", "color", "text", "header", "top", "below", NULL};
	if (from) {
		s->chain = from->chain;
		s->size = from->size;
		s->leading = from->leading;
		memcpy(s->rgb, from->rgb, sizeof(s->rgb));
	} else {
		s->size = 16;
		s->leading = 1.5;
	}
	const struct ynode *v = map ? pdf_theme_map(R, map, key, from == NULL || text, map->pos) : NULL;
	s->pos = v ? v->pos : map ? map->pos : (struct pos){0};
	if (v == NULL) {
		s->text = text ? xstrdup("") : NULL;
		return;
	}
	pdf_theme_unknown(v, keys);
	const char *t = text ? pdf_theme_str(R, v, "text", true) : NULL;
	s->text = text ? xstrdup(t ? t : "") : NULL;
	pdf_theme_face(R, v, from == NULL, &s->chain, &s->size, &s->leading, s->rgb);
}

/* The page, the type area and the grid. */
static void
read_page(struct pdf_theme_reader *R, const struct ynode *n, struct notice_theme *t)
{
	t->page_w = 210 * MM;
	t->page_h = 297 * MM;
	const struct ynode *v = ymap_get(n, "page");
	if (v && v->kind == Y_SCALAR && strcmp(v->text, "A4") != 0) {
		diag_error(v->pos, "'page' must be A4 or {width: …, height: …} in millimetres");
		R->errors++;
	} else if (v && v->kind == Y_MAPPING) {
		pdf_theme_page_size(R, v, &t->page_w, &t->page_h);
	}
	static const char *const mkeys[] = {"top", "left", NULL};
	const struct ynode *m = pdf_theme_map(R, n, "margins", false, n->pos);
	if (m)
		pdf_theme_unknown(m, mkeys);
	t->top = (m ? pdf_theme_num(R, m, "top", 37, 5, 200) : 37) * MM;
	t->left = (m ? pdf_theme_num(R, m, "left", 28, 5, 200) : 28) * MM;
	static const char *const akeys[] = {"width", "height", NULL};
	const struct ynode *a = pdf_theme_map(R, n, "area", false, n->pos);
	if (a)
		pdf_theme_unknown(a, akeys);
	t->area_w = (a ? pdf_theme_num(R, a, "width", 156, 50, 500) : 156) * MM;
	t->area_h = (a ? pdf_theme_num(R, a, "height", 225, 50, 800) : 225) * MM;
	if (t->left + t->area_w > t->page_w || t->top + t->area_h > t->page_h) {
		diag_error(a ? a->pos : n->pos, "the type area does not fit on the page");
		R->errors++;
	}
	static const char *const gkeys[] = {"lines", "chars", NULL};
	const struct ynode *g = pdf_theme_map(R, n, "grid", false, n->pos);
	if (g)
		pdf_theme_unknown(g, gkeys);
	t->lines = (int)(g ? pdf_theme_num(R, g, "lines", 22, 5, 80) : 22);
	t->chars = (int)(g ? pdf_theme_num(R, g, "chars", 28, 5, 80) : 28);
}

int
notice_theme_load(struct notice_theme *t, const char *path)
{
	memset(t, 0, sizeof(*t));
	t->file = xstrdup(path);
	struct ynode *root = pdf_theme_parse(path);
	if (root == NULL)
		return -1;
	struct pdf_theme_reader R;
	memset(&R, 0, sizeof(R));
	R.fonts = &t->fonts;
	struct pos top = {root->pos.file, 1, 1};
	R.fonts_map = pdf_theme_map(&R, root, "fonts", true, top);
	const struct ynode *n = pdf_theme_map(&R, root, "notice", true, top);
	if (R.fonts_map == NULL || n == NULL) {
		ynode_free(root);
		return -1;
	}
	static const char *const keys[] = {"page",        "margins",     "area",  "grid",  "body",   "masthead",
	                                   "number",      "rule",        "title", "annex_label", "annex_title",
	                                   "table",       "folio",       "document", NULL};
	pdf_theme_unknown(n, keys);
	read_page(&R, n, t);
	read_style(&R, n, "body", &t->body, NULL, false);
	read_style(&R, n, "masthead", &t->masthead, &t->body, false);
	read_style(&R, n, "number", &t->number, &t->body, false);
	read_style(&R, n, "title", &t->title, &t->body, false);
	read_style(&R, n, "annex_label", &t->annex_label, &t->body, false);
	read_style(&R, n, "annex_title", &t->annex_title, &t->title, false);
	read_style(&R, n, "table", &t->table, &t->body, false);
	t->table_header = t->table;
	const struct ynode *tm = ymap_get(n, "table");
	const char *hrole = tm && tm->kind == Y_MAPPING ? pdf_theme_str(&R, tm, "header", false) : NULL;
	if (hrole)
		pdf_theme_chain(&R, hrole, ymap_get(tm, "header")->pos, &t->table_header.chain);
	read_style(&R, n, "folio", &t->folio, &t->body, true);
	const struct ynode *mh = ymap_get(n, "masthead");
	t->masthead_top = (mh && mh->kind == Y_MAPPING ? pdf_theme_num(&R, mh, "top", 35, 0, 200) : 35) * MM;
	const struct ynode *fo = ymap_get(n, "folio");
	t->folio_below = (fo && fo->kind == Y_MAPPING ? pdf_theme_num(&R, fo, "below", 7, 0, 50) : 7) * MM;
	t->rule_rgb[0] = 0.88;
	t->rule_width = 1;
	t->rule_below = 4 * MM;
	const struct ynode *rule = pdf_theme_map(&R, n, "rule", false, n->pos);
	if (rule) {
		static const char *const rkeys[] = {"color", "width", "below", NULL};
		pdf_theme_unknown(rule, rkeys);
		pdf_theme_color(&R, rule, "color", t->rule_rgb);
		t->rule_width = pdf_theme_num(&R, rule, "width", 1, 0.1, 10);
		t->rule_below = pdf_theme_num(&R, rule, "below", 4, 0, 50) * MM;
	}
	const struct ynode *doc = pdf_theme_map(&R, n, "document", true, n->pos);
	static const char *const dkeys[] = {"author", "subject", "keywords", NULL};
	if (doc)
		pdf_theme_unknown(doc, dkeys);
	t->author = pdf_theme_text(&R, doc, "author");
	t->subject = pdf_theme_text(&R, doc, "subject");
	t->keywords = pdf_theme_text(&R, doc, "keywords");
	ynode_free(root);
	return R.errors ? -1 : 0;
}

void
notice_theme_free(struct notice_theme *t)
{
	struct notice_style *styles[] = {&t->body,      &t->masthead,    &t->number, &t->title,        &t->annex_label,
	                                 &t->annex_title, &t->table,     &t->folio,  &t->table_header};
	/* table_header shares the table's text (none) */
	for (size_t i = 0; i + 1 < sizeof(styles) / sizeof(styles[0]); i++)
		free(styles[i]->text);
	free(t->author);
	free(t->subject);
	free(t->keywords);
	pdf_fonts_free(&t->fonts);
	free(t->file);
	memset(t, 0, sizeof(*t));
}

void
notice_expand(struct buf *out, const char *text, const struct notice_vals *v)
{
	static const char *const names[] = {"title", "number", "organization", "year", "page"};
	const char *vals[] = {v->title, v->number, v->organization, v->year, v->page};
	pdf_theme_expand(out, text, names, vals, 5);
}
