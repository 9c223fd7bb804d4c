#include "cert_theme.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../yamldoc.h"

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

struct role {
	const char *name;
	struct pdf_chain chain;
};

struct reader {
	struct cert_theme *t;
	const struct ynode *fonts; /* the fonts: mapping */
	int errors;
	struct role roles[32];     /* roles looked up so far, each reported once */
	size_t nroles;
};

static void
warn_unknown(const struct ynode *map, const char *const *known)
{
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->pairs[i].key->text;
		bool ok = false;
		for (size_t j = 0; known[j]; j++)
			ok |= strcmp(k, known[j]) == 0;
		if (!ok)
			diag_warning(map->pairs[i].key->pos, "unknown key '%s'", k);
	}
}

static const struct ynode *
get_map(struct reader *R, const struct ynode *map, const char *key, bool required, struct pos where)
{
	const struct ynode *v = ymap_get(map, key);
	if (v == NULL) {
		if (required) {
			diag_error(where, "'%s' is missing", key);
			R->errors++;
		}
		return NULL;
	}
	if (v->kind != Y_MAPPING) {
		diag_error(v->pos, "'%s' must be a mapping, not %s", key, ynode_kind_name(v));
		R->errors++;
		return NULL;
	}
	return v;
}

static const char *
get_str(struct reader *R, const struct ynode *map, const char *key, bool required)
{
	const struct ynode *v = ymap_get(map, key);
	if (v == NULL) {
		if (required) {
			diag_error(map->pos, "'%s' is missing", key);
			R->errors++;
		}
		return NULL;
	}
	if (v->kind != Y_SCALAR) {
		diag_error(v->pos, "'%s' must be a single value, not %s", key, ynode_kind_name(v));
		R->errors++;
		return NULL;
	}
	return v->text;
}

static double
get_num(struct reader *R, const struct ynode *map, const char *key, double dflt, double min, double max)
{
	const struct ynode *v = ymap_get(map, key);
	if (v == NULL)
		return dflt;
	char *end = NULL;
	errno = 0;
	double d = v->kind == Y_SCALAR ? strtod(v->text, &end) : NAN;
	if (v->kind != Y_SCALAR || errno || end == v->text || *end || !(d >= min && d <= max)) {
		diag_error(v->pos, "'%s' must be a number from %g to %g", key, min, max);
		R->errors++;
		return dflt;
	}
	return d;
}

static void
get_color(struct reader *R, const struct ynode *map, const char *key, double rgb[3])
{
	const struct ynode *v = ymap_get(map, key);
	if (v == NULL)
		return;
	bool ok = v->kind == Y_SCALAR && strlen(v->text) == 7 && v->text[0] == '#';
	for (int i = 0; ok && i < 6; i++)
		ok = hex_value(v->text[1 + i]) >= 0;
	if (!ok) {
		diag_error(v->pos, "'%s' must be a colour like \"#A6192E\"", key);
		R->errors++;
		return;
	}
	for (int i = 0; i < 3; i++)
		rgb[i] = (hex_value(v->text[1 + 2 * i]) * 16 + hex_value(v->text[2 + 2 * i])) / 255.0;
}

static void
role_chain_find(struct reader *R, const char *role, struct pos where, struct pdf_chain *c)
{
	memset(c, 0, sizeof(*c));
	const struct ynode *fam = R->fonts ? ymap_get(R->fonts, role) : NULL;
	if (fam == NULL || fam->kind != Y_SCALAR || strcmp(role, "fallback") == 0) {
		diag_error(where, "font role '%s' is not defined under 'fonts:'", role);
		R->errors++;
		return;
	}
	const struct ynode *fb = ymap_get(R->fonts, "fallback");
	size_t nfb = fb == NULL ? 0 : fb->kind == Y_SEQUENCE ? fb->n : 1;
	for (size_t i = 0; i <= nfb && c->n < PDF_CHAIN_MAX; i++) {
		const struct ynode *v = i == 0 ? fam : fb->kind == Y_SEQUENCE ? fb->items[i - 1] : fb;
		if (v->kind != Y_SCALAR) {
			diag_error(v->pos, "a font family must be a single name");
			R->errors++;
			continue;
		}
		char *err = NULL;
		int id = pdf_fonts_open(&R->t->fonts, v->text, &err);
		if (id < 0) {
			diag_error(v->pos, "%s", err);
			free(err);
			R->errors++;
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < c->n; j++)
			dup |= c->ids[j] == id;
		if (!dup)
			c->ids[c->n++] = id;
	}
}

/* Builds the chain of a role: its face, then the fallbacks. */
static void
role_chain(struct reader *R, const char *role, struct pos where, struct pdf_chain *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < R->nroles; i++)
		if (strcmp(R->roles[i].name, role) == 0) {
			*c = R->roles[i].chain;
			return;
		}
	if (R->nroles < sizeof(R->roles) / sizeof(R->roles[0])) {
		R->roles[R->nroles].name = role;
		role_chain_find(R, role, where, &R->roles[R->nroles].chain);
		*c = R->roles[R->nroles++].chain;
	} else {
		role_chain_find(R, role, where, c);
	}
}

static void
read_style(struct reader *R, const struct ynode *map, struct cert_style *s, bool needs_text)
{
	static const char *const keys[] = {"text", "font", "size", "min_size", "tracking", "space_before", "color", NULL};
	warn_unknown(map, keys);
	s->pos = map->pos;
	const char *text = get_str(R, map, "text", needs_text);
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
		R->errors++;
	}
	buf_free(&b);
	const char *role = get_str(R, map, "font", true);
	if (role)
		role_chain(R, role, ymap_get(map, "font")->pos, &s->chain);
	s->size = get_num(R, map, "size", 12, 4, 200);
	s->min_size = get_num(R, map, "min_size", s->size, 4, 200);
	if (s->min_size > s->size)
		s->min_size = s->size;
	s->tracking = get_num(R, map, "tracking", 0, -0.2, 2);
	s->space_before = get_num(R, map, "space_before", 0, 0, 300);
	s->rgb[0] = s->rgb[1] = s->rgb[2] = 0.1;
	get_color(R, map, "color", s->rgb);
}

static struct cert_style *
read_styles(struct reader *R, const struct ynode *map, const char *key, size_t *n)
{
	*n = 0;
	const struct ynode *v = ymap_get(map, key);
	if (v == NULL || v->kind != Y_SEQUENCE) {
		diag_error(v ? v->pos : map->pos, "'%s' must be a list of texts like {text: …, font: kai, size: 20}", key);
		R->errors++;
		return NULL;
	}
	struct cert_style *s = xcalloc(v->n ? v->n : 1, sizeof(*s));
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->kind != Y_MAPPING) {
			diag_error(v->items[i]->pos, "each item of '%s' must be a mapping like {text: …, font: kai, size: 20}",
			           key);
			R->errors++;
			continue;
		}
		read_style(R, v->items[i], &s[(*n)++], true);
	}
	return s;
}

static void
read_one(struct reader *R, const struct ynode *map, const char *key, struct cert_style *s)
{
	const struct ynode *v = get_map(R, map, key, true, map->pos);
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
	const char *file = diag_file(path);
	struct buf text = {0};
	if (read_file(path, &text) != 0) {
		diag(DIAG_ERROR, file, 0, 0, "cannot read the PDF settings: %s", strerror(errno));
		buf_free(&text);
		return -1;
	}
	struct ynode *root = ydoc_parse(file, text.p ? text.p : "", text.len, 0);
	buf_free(&text);
	if (root == NULL)
		return -1;
	struct reader R;
	memset(&R, 0, sizeof(R));
	R.t = t;
	struct pos top = {file, 1, 1};
	if (root->kind != Y_MAPPING) {
		diag_error(root->pos, "the PDF settings must be a mapping with 'fonts:' and 'certificate:'");
		ynode_free(root);
		return -1;
	}
	R.fonts = get_map(&R, root, "fonts", true, top);
	const struct ynode *c = get_map(&R, root, "certificate", true, top);
	if (R.fonts == NULL || c == NULL) {
		ynode_free(root);
		return -1;
	}
	static const char *const keys[] = {"border", "title", "body", "signature", "number", "verify", "seal",
	                                   "document", NULL};
	warn_unknown(c, keys);
	t->border_rgb[0] = 0.69, t->border_rgb[1] = 0.55, t->border_rgb[2] = 0.24;
	t->accent_rgb[0] = 0.65, t->accent_rgb[1] = 0.10, t->accent_rgb[2] = 0.18;
	const struct ynode *border = get_map(&R, c, "border", false, c->pos);
	if (border) {
		static const char *const bkeys[] = {"color", "accent", NULL};
		warn_unknown(border, bkeys);
		get_color(&R, border, "color", t->border_rgb);
		get_color(&R, border, "accent", t->accent_rgb);
	}
	read_one(&R, c, "title", &t->title);
	t->body = read_styles(&R, c, "body", &t->nbody);
	t->signature = read_styles(&R, c, "signature", &t->nsignature);
	read_one(&R, c, "number", &t->number);
	read_one(&R, c, "verify", &t->verify);
	t->seal_size = 110;
	const struct ynode *seal = get_map(&R, c, "seal", false, c->pos);
	if (seal) {
		static const char *const skeys[] = {"size", NULL};
		warn_unknown(seal, skeys);
		t->seal_size = get_num(&R, seal, "size", 110, 20, 200);
	}
	const struct ynode *doc = get_map(&R, c, "document", true, c->pos);
	if (doc) {
		static const char *const dkeys[] = {"title", "subject", "keywords", NULL};
		warn_unknown(doc, dkeys);
		const char *v[3] = {get_str(&R, doc, "title", true), get_str(&R, doc, "subject", true),
		                    get_str(&R, doc, "keywords", true)};
		char **dst[3] = {&t->info_title, &t->info_subject, &t->info_keywords};
		for (int i = 0; i < 3; i++)
			*dst[i] = xstrdup(v[i] ? v[i] : "");
	}
	ynode_free(root);
	return R.errors ? -1 : 0;
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
	pdf_fonts_free(&t->fonts);
	free(t->file);
	memset(t, 0, sizeof(*t));
}
