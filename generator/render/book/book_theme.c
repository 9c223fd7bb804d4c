#include "book_theme.h"

#include <stdlib.h>
#include <string.h>

#include "../../yamldoc.h"
#include "../pdf/pdf_theme.h"

#define MM (72.0 / 25.4)

/* Reads a style under key of map: {text, font, size, leading, space_before,
 * indent, color}; what it leaves out comes from `from` (NULL: defaults).
 * With `text` set the style must have a text. */
static void
read_style(struct pdf_theme_reader *R, const struct ynode *map, const char *key, struct book_style *s,
           const struct book_style *from, bool text)
{
	static const char *const keys[] = {"text",   "font",  "size",   "leading", "space_before",
	                                   "indent", "color", "header", NULL};
	if (from) {
		s->chain = from->chain;
		s->size = from->size;
		s->leading = from->leading;
		memcpy(s->rgb, from->rgb, sizeof(s->rgb));
	} else {
		s->size = 10.5;
		s->leading = 1.6;
		s->rgb[0] = s->rgb[1] = s->rgb[2] = 0.1;
	}
	const struct ynode *v = map ? pdf_theme_map(R, map, key, from == NULL || text, map->pos) : NULL;
	s->pos = v ? v->pos : map ? map->pos : (struct pos){0};
	if (v == NULL) {
		s->text = text ? xstrdup("") : NULL;
		return;
	}
	pdf_theme_unknown(v, keys);
	const char *t = pdf_theme_str(R, v, "text", text);
	s->text = t ? xstrdup(t) : text ? xstrdup("") : NULL;
	pdf_theme_face(R, v, from == NULL, &s->chain, &s->size, &s->leading, s->rgb);
	s->space_before = pdf_theme_num(R, v, "space_before", 0, 0, 200);
	s->indent = pdf_theme_num(R, v, "indent", 0, 0, 10);
}

static void
read_page(struct pdf_theme_reader *R, const struct ynode *b, struct book_theme *t)
{
	t->page_w = 210 * MM;
	t->page_h = 297 * MM;
	const struct ynode *v = ymap_get(b, "page");
	if (v && v->kind == Y_SCALAR) {
		if (strcmp(v->text, "16K") == 0 || strcmp(v->text, "16k") == 0) {
			t->page_w = 185 * MM;
			t->page_h = 260 * MM;
		} else if (strcmp(v->text, "A4") != 0) {
			diag_error(v->pos, "'page' must be A4, 16K or {width: …, height: …} in millimetres");
			R->errors++;
		}
	} else if (v && v->kind == Y_MAPPING) {
		pdf_theme_page_size(R, v, &t->page_w, &t->page_h);
	}
	const struct ynode *m = pdf_theme_map(R, b, "margins", false, b->pos);
	static const char *const mkeys[] = {"top", "bottom", "inside", "outside", NULL};
	if (m)
		pdf_theme_unknown(m, mkeys);
	t->top = (m ? pdf_theme_num(R, m, "top", 30, 5, 100) : 30) * MM;
	t->bottom = (m ? pdf_theme_num(R, m, "bottom", 28, 5, 100) : 28) * MM;
	t->inside = (m ? pdf_theme_num(R, m, "inside", 26, 5, 100) : 26) * MM;
	t->outside = (m ? pdf_theme_num(R, m, "outside", 22, 5, 100) : 22) * MM;
	if (t->page_w - t->inside - t->outside < 60 || t->page_h - t->top - t->bottom < 100) {
		diag_error(m ? m->pos : b->pos, "the margins leave no room for the text");
		R->errors++;
	}
}

static void
read_lists(struct pdf_theme_reader *R, const struct ynode *b, struct book_theme *t)
{
	const struct ynode *v = ymap_get(b, "bullets");
	if (v && v->kind == Y_SEQUENCE) {
		for (size_t i = 0; i < v->n && t->nbullets < BOOK_BULLETS; i++)
			if (v->items[i]->kind == Y_SCALAR)
				t->bullets[t->nbullets++] = xstrdup(v->items[i]->text);
	} else if (v) {
		diag_error(v->pos, "'bullets' must be a list of list markers by depth");
		R->errors++;
	}
	if (t->nbullets == 0)
		t->bullets[t->nbullets++] = xstrdup("\xE2\x80\xA2");
	const char *n = pdf_theme_str(R, b, "number", false);
	t->number = xstrdup(n ? n : "{n}.");
}

static void
read_parts(struct pdf_theme_reader *R, const struct ynode *b, struct book_theme *t)
{
	const struct ynode *parts = pdf_theme_map(R, b, "parts", true, b->pos);
	for (int f = 0; f < FOCUS_COUNT; f++) {
		const struct ynode *p = parts ? pdf_theme_map(R, parts, focus_areas[f].key, true, parts->pos) : NULL;
		static const char *const keys[] = {"number", "title", NULL};
		if (p)
			pdf_theme_unknown(p, keys);
		t->part_number[f] = pdf_theme_text(R, p, "number");
		t->part_title[f] = pdf_theme_text(R, p, "title");
	}
}

static void
read_case(struct pdf_theme_reader *R, const struct ynode *b, struct book_theme *t)
{
	const struct ynode *c = pdf_theme_map(R, b, "case", true, b->pos);
	static const char *const keys[] = {"title", "lines", "enterprise", "region", "industry", "recommender", NULL};
	if (c)
		pdf_theme_unknown(c, keys);
	read_style(R, c, "title", &t->case_title, &t->body, false);
	read_style(R, c, "lines", &t->case_lines, &t->body, false);
	t->label_enterprise = pdf_theme_text(R, c, "enterprise");
	t->label_region = pdf_theme_text(R, c, "region");
	t->label_industry = pdf_theme_text(R, c, "industry");
	t->label_recommender = pdf_theme_text(R, c, "recommender");
}

static void
read_cover(struct pdf_theme_reader *R, const struct ynode *b, struct book_theme *t)
{
	const struct ynode *c = pdf_theme_map(R, b, "cover", true, b->pos);
	static const char *const keys[] = {"year", "title", "subtitle", "organization", "date", "rule", NULL};
	if (c)
		pdf_theme_unknown(c, keys);
	read_style(R, c, "year", &t->cover_year, &t->body, true);
	read_style(R, c, "title", &t->cover_title, &t->body, true);
	read_style(R, c, "subtitle", &t->cover_subtitle, &t->body, true);
	read_style(R, c, "organization", &t->cover_org, &t->body, true);
	read_style(R, c, "date", &t->cover_date, &t->body, true);
	t->cover_rule[0] = 0.65, t->cover_rule[1] = 0.10, t->cover_rule[2] = 0.18;
	if (c)
		pdf_theme_color(R, c, "rule", t->cover_rule);
}

int
book_theme_load(struct book_theme *t, const char *path)
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
	const struct ynode *b = pdf_theme_map(&R, root, "book", true, top);
	pdf_theme_date(&R, root, &t->date);
	if (R.fonts_map == NULL || b == NULL) {
		ynode_free(root);
		return -1;
	}
	static const char *const keys[] = {
	    "page",    "margins", "body",    "emphasis",     "strong", "code",     "quote", "headings", "table",
	    "caption", "footnote", "running_head", "folio", "bullets", "number", "cover", "contents",
	    "preface", "parts",   "part",    "case",         "title",  "document", NULL};
	pdf_theme_unknown(b, keys);
	read_page(&R, b, t);
	read_style(&R, b, "body", &t->body, NULL, false);
	t->body.indent = t->body.indent ? t->body.indent : 0;
	read_style(&R, b, "emphasis", &t->emphasis, &t->body, false);
	read_style(&R, b, "strong", &t->strong, &t->body, false);
	read_style(&R, b, "code", &t->code, &t->body, false);
	read_style(&R, b, "quote", &t->quote, &t->body, false);
	read_style(&R, b, "table", &t->table, &t->body, false);
	t->table_header = t->table;
	const struct ynode *tm = ymap_get(b, "table");
	const char *hrole = tm && tm->kind == Y_MAPPING ? pdf_theme_str(&R, tm, "header", false) : NULL;
	if (hrole)
		pdf_theme_chain(&R, hrole, ymap_get(tm, "header")->pos, &t->table_header.chain);
	read_style(&R, b, "caption", &t->caption, &t->body, false);
	read_style(&R, b, "footnote", &t->footnote, &t->body, false);
	read_style(&R, b, "running_head", &t->running_head, &t->body, false);
	read_style(&R, b, "folio", &t->folio, &t->body, true);
	const struct ynode *h = ymap_get(b, "headings");
	for (size_t i = 0; i < BOOK_HEADINGS; i++) {
		const struct ynode *item = h && h->kind == Y_SEQUENCE && h->n ? h->items[i < h->n ? i : h->n - 1] : NULL;
		if (item && item->kind == Y_MAPPING) {
			/* a one-key mapping around the item, for read_style */
			struct ypair pair = {&(struct ynode){.kind = Y_SCALAR, .text = "h"}, (struct ynode *)item};
			struct ynode wrap = {.kind = Y_MAPPING, .pos = item->pos, .n = 1, .pairs = &pair};
			read_style(&R, &wrap, "h", &t->headings[i], &t->strong, false);
		} else {
			read_style(&R, NULL, "h", &t->headings[i], &t->strong, false);
		}
	}
	read_lists(&R, b, t);
	read_cover(&R, b, t);
	read_style(&R, b, "contents", &t->contents, &t->strong, true);
	read_style(&R, b, "preface", &t->preface, &t->strong, true);
	read_style(&R, b, "part", &t->part, &t->strong, false);
	read_parts(&R, b, t);
	read_case(&R, b, t);
	t->title = pdf_theme_text(&R, b, "title");
	const struct ynode *doc = pdf_theme_map(&R, b, "document", true, b->pos);
	static const char *const dkeys[] = {"subject", "keywords", NULL};
	if (doc)
		pdf_theme_unknown(doc, dkeys);
	t->subject = pdf_theme_text(&R, doc, "subject");
	t->keywords = pdf_theme_text(&R, doc, "keywords");
	ynode_free(root);
	return R.errors ? -1 : 0;
}

static void
style_free(struct book_style *s)
{
	free(s->text);
	s->text = NULL;
}

void
book_theme_free(struct book_theme *t)
{
	struct book_style *styles[] = {&t->body,        &t->emphasis,     &t->strong,        &t->code,
	                               &t->quote,       &t->table,        &t->caption,       &t->footnote,
	                               &t->running_head, &t->folio,       &t->cover_year,    &t->cover_title,
	                               &t->cover_subtitle, &t->cover_org, &t->cover_date,    &t->contents,
	                               &t->preface,     &t->part,         &t->case_title,    &t->case_lines,
	                               &t->headings[0], &t->headings[1],  &t->headings[2]};
	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		style_free(styles[i]);
	for (size_t i = 0; i < t->nbullets; i++)
		free(t->bullets[i]);
	free(t->number);
	for (int f = 0; f < FOCUS_COUNT; f++) {
		free(t->part_number[f]);
		free(t->part_title[f]);
	}
	free(t->label_enterprise);
	free(t->label_region);
	free(t->label_industry);
	free(t->label_recommender);
	free(t->title);
	free(t->subject);
	free(t->keywords);
	pdf_date_form_free(&t->date);
	pdf_fonts_free(&t->fonts);
	free(t->file);
	memset(t, 0, sizeof(*t));
}

void
book_expand(struct buf *out, const char *text, const struct book_vals *v)
{
	static const char *const names[] = {"year", "campaign", "organization", "date", "page"};
	const char *vals[] = {v->year, v->campaign, v->organization, v->date, v->page};
	pdf_theme_expand(out, text, names, vals, 5);
}
