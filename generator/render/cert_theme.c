#include "cert_theme.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../yamldoc.h"
#include "pdf/pdf_theme.h"

const char *const cert_var_names[CV_COUNT] = {"year",       "campaign",     "certificate", "enterprise",
                                              "experience", "organization", "date"};

/* The placeholder named by the n bytes at s, or -1. */
static int
var_named(const char *s, size_t n)
{
	for (int i = 0; i < CV_COUNT; i++)
		if (n == strlen(cert_var_names[i]) && strncmp(s, cert_var_names[i], n) == 0)
			return i;
	return -1;
}

void
cert_pieces(const char *text, const char *const vals[CV_COUNT], void (*fn)(void *arg, int var, const char *s, size_t len),
            void *arg)
{
	const char *p = text;
	while (*p) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		int var = close ? var_named(open + 1, (size_t)(close - open - 1)) : -1;
		if (var < 0) {
			/* literal text up to and including a brace that starts no placeholder */
			size_t n = open ? (size_t)(open - p) + 1 : strlen(p);
			fn(arg, -1, p, n);
			p += n;
			continue;
		}
		if (open > p)
			fn(arg, -1, p, (size_t)(open - p));
		const char *v = vals[var] ? vals[var] : "";
		fn(arg, var, v, strlen(v));
		p = close + 1;
	}
}

static void
append_piece(void *arg, int var, const char *s, size_t len)
{
	(void)var;
	buf_add(arg, s, len);
}

int
cert_expand(struct buf *out, const char *text, const char *const vals[CV_COUNT], char unknown[32])
{
	for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
		const char *close = strchr(p, '}');
		if (close == NULL)
			break;
		size_t n = (size_t)(close - p - 1);
		if (var_named(p + 1, n) < 0) {
			size_t k = n < 31 ? n : 31;
			memcpy(unknown, p + 1, k);
			unknown[k] = '\0';
			return -1;
		}
	}
	buf_puts(out, "");
	cert_pieces(text, vals, append_piece, out);
	return 0;
}

/* ---- reading the file ---- */

struct reader {
	struct cert_theme *t;
	struct pdf_theme_reader pr;
};

static void
read_style(struct reader *R, const struct ynode *map, struct cert_style *s, bool needs_text)
{
	static const char *const keys[] = {"text", "font", "size", "min_size", "tracking", "space_before", "color", NULL};
	pdf_theme_unknown(map, keys);
	s->pos = map->pos;
	const char *text = pdf_theme_str(&R->pr, map, "text", needs_text);
	s->text = xstrdup(text ? text : "");
	const struct ynode *tv = ymap_get(map, "text");
	if (tv)
		s->pos = tv->pos;
	char unknown[32];
	const char *vals[CV_COUNT] = {0};
	struct buf b = {0};
	if (cert_expand(&b, s->text, vals, unknown) != 0) {
		diag_error(s->pos, "unknown placeholder '{%s}' (known: {year}, {campaign}, {certificate}, {enterprise}, "
		                   "{experience}, {organization}, {date})",
		           unknown);
		R->pr.errors++;
	}
	buf_free(&b);
	const char *role = pdf_theme_str(&R->pr, map, "font", true);
	if (role)
		pdf_theme_chain(&R->pr, role, ymap_get(map, "font")->pos, &s->chain);
	s->size = pdf_theme_num(&R->pr, map, "size", 12, 4, 200);
	s->min_size = pdf_theme_num(&R->pr, map, "min_size", s->size, 4, 200);
	if (s->min_size > s->size)
		s->min_size = s->size;
	s->tracking = pdf_theme_num(&R->pr, map, "tracking", 0, -0.2, 2);
	s->space_before = pdf_theme_num(&R->pr, map, "space_before", 0, 0, 300);
	s->rgb[0] = s->rgb[1] = s->rgb[2] = 0.1;
	pdf_theme_color(&R->pr, map, "color", s->rgb);
}

static struct cert_style *
read_styles(struct reader *R, const struct ynode *map, const char *key, size_t *n)
{
	*n = 0;
	const struct ynode *v = ymap_get(map, key);
	if (v == NULL || v->kind != Y_SEQUENCE) {
		diag_error(v ? v->pos : map->pos, "'%s' must be a list of texts like {text: …, font: kai, size: 20}", key);
		R->pr.errors++;
		return NULL;
	}
	struct cert_style *s = xcalloc(v->n ? v->n : 1, sizeof(*s));
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->kind != Y_MAPPING) {
			diag_error(v->items[i]->pos, "each item of '%s' must be a mapping like {text: …, font: kai, size: 20}",
			           key);
			R->pr.errors++;
			continue;
		}
		read_style(R, v->items[i], &s[(*n)++], true);
	}
	return s;
}

static void
read_one(struct reader *R, const struct ynode *map, const char *key, struct cert_style *s)
{
	const struct ynode *v = pdf_theme_map(&R->pr, map, key, true, map->pos);
	if (v)
		read_style(R, v, s, true);
	else
		s->text = xstrdup("");
}

int
cert_theme_load(struct cert_theme *t, const char *path)
{
	memset(t, 0, sizeof(*t));
	t->file = xstrdup(path);
	struct ynode *root = pdf_theme_parse(path);
	if (root == NULL)
		return -1;
	struct reader R;
	memset(&R, 0, sizeof(R));
	R.t = t;
	R.pr.fonts = &t->fonts;
	struct pos top = {root->pos.file, 1, 1};
	R.pr.fonts_map = pdf_theme_map(&R.pr, root, "fonts", true, top);
	const struct ynode *c = pdf_theme_map(&R.pr, root, "certificate", true, top);
	pdf_theme_date(&R.pr, root, &t->date);
	if (R.pr.fonts_map == NULL || c == NULL) {
		ynode_free(root);
		return -1;
	}
	static const char *const keys[] = {"border", "title", "body", "signature", "number", "verify", "seal",
	                                   "document", NULL};
	pdf_theme_unknown(c, keys);
	t->border_rgb[0] = 0.69, t->border_rgb[1] = 0.55, t->border_rgb[2] = 0.24;
	t->accent_rgb[0] = 0.65, t->accent_rgb[1] = 0.10, t->accent_rgb[2] = 0.18;
	const struct ynode *border = pdf_theme_map(&R.pr, c, "border", false, c->pos);
	if (border) {
		static const char *const bkeys[] = {"color", "accent", NULL};
		pdf_theme_unknown(border, bkeys);
		pdf_theme_color(&R.pr, border, "color", t->border_rgb);
		pdf_theme_color(&R.pr, border, "accent", t->accent_rgb);
	}
	read_one(&R, c, "title", &t->title);
	t->body = read_styles(&R, c, "body", &t->nbody);
	t->signature = read_styles(&R, c, "signature", &t->nsignature);
	read_one(&R, c, "number", &t->number);
	read_one(&R, c, "verify", &t->verify);
	t->seal_size = 110;
	const struct ynode *seal = pdf_theme_map(&R.pr, c, "seal", false, c->pos);
	if (seal) {
		static const char *const skeys[] = {"size", NULL};
		pdf_theme_unknown(seal, skeys);
		t->seal_size = pdf_theme_num(&R.pr, seal, "size", 110, 20, 200);
	}
	const struct ynode *doc = pdf_theme_map(&R.pr, c, "document", true, c->pos);
	if (doc) {
		static const char *const dkeys[] = {"title", "subject", "keywords", NULL};
		pdf_theme_unknown(doc, dkeys);
		const char *v[3] = {pdf_theme_str(&R.pr, doc, "title", true), pdf_theme_str(&R.pr, doc, "subject", true),
		                    pdf_theme_str(&R.pr, doc, "keywords", true)};
		char **dst[3] = {&t->info_title, &t->info_subject, &t->info_keywords};
		for (int i = 0; i < 3; i++)
			*dst[i] = xstrdup(v[i] ? v[i] : "");
	}
	ynode_free(root);
	return R.pr.errors ? -1 : 0;
}

static void
style_free(struct cert_style *s)
{
	free(s->text);
}

void
cert_theme_free(struct cert_theme *t)
{
	style_free(&t->title);
	for (size_t i = 0; i < t->nbody; i++)
		style_free(&t->body[i]);
	free(t->body);
	for (size_t i = 0; i < t->nsignature; i++)
		style_free(&t->signature[i]);
	free(t->signature);
	style_free(&t->number);
	style_free(&t->verify);
	free(t->info_title);
	free(t->info_subject);
	free(t->info_keywords);
	pdf_date_form_free(&t->date);
	pdf_fonts_free(&t->fonts);
	free(t->file);
	memset(t, 0, sizeof(*t));
}
