#include "pdf_theme.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../utf8.h"
#include "../../util.h"

struct ynode *
pdf_theme_parse(const char *path)
{
	const char *file = diag_file(path);
	struct buf text = {0};
	if (read_file(path, &text) != 0) {
		diag(DIAG_ERROR, file, 0, 0, "cannot read the PDF settings: %s", strerror(errno));
		buf_free(&text);
		return NULL;
	}
	struct ynode *root = ydoc_parse(file, text.p ? text.p : "", text.len, 0);
	buf_free(&text);
	if (root != NULL && root->kind != Y_MAPPING) {
		diag_error(root->pos, "the PDF settings must be a mapping with 'fonts:' and 'certificate:'");
		ynode_free(root);
		return NULL;
	}
	return root;
}

void
pdf_theme_unknown(const struct ynode *map, const char *const *known)
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

const struct ynode *
pdf_theme_map(struct pdf_theme_reader *R, const struct ynode *map, const char *key, bool required, struct pos where)
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

const char *
pdf_theme_str(struct pdf_theme_reader *R, const struct ynode *map, const char *key, bool required)
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

double
pdf_theme_num(struct pdf_theme_reader *R, const struct ynode *map, const char *key, double dflt, double min, double max)
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

void
pdf_theme_color(struct pdf_theme_reader *R, const struct ynode *map, const char *key, double rgb[3])
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

char *
pdf_theme_text(struct pdf_theme_reader *R, const struct ynode *map, const char *key)
{
	const char *t = map ? pdf_theme_str(R, map, key, true) : NULL;
	return xstrdup(t ? t : "");
}

void
pdf_theme_page_size(struct pdf_theme_reader *R, const struct ynode *v, double *w, double *h)
{
	static const char *const keys[] = {"width", "height", NULL};
	pdf_theme_unknown(v, keys);
	*w = pdf_theme_num(R, v, "width", 210, 100, 600) * (72.0 / 25.4);
	*h = pdf_theme_num(R, v, "height", 297, 100, 900) * (72.0 / 25.4);
}

void
pdf_theme_face(struct pdf_theme_reader *R, const struct ynode *v, bool font_required, struct pdf_chain *chain,
               double *size, double *leading, double rgb[3])
{
	const char *role = pdf_theme_str(R, v, "font", font_required);
	if (role)
		pdf_theme_chain(R, role, ymap_get(v, "font")->pos, chain);
	*size = pdf_theme_num(R, v, "size", *size, 4, 200);
	*leading = pdf_theme_num(R, v, "leading", *leading, 1, 4);
	pdf_theme_color(R, v, "color", rgb);
}

static void
role_chain_find(struct pdf_theme_reader *R, const char *role, struct pos where, struct pdf_chain *c)
{
	memset(c, 0, sizeof(*c));
	const struct ynode *fam = R->fonts_map ? ymap_get(R->fonts_map, role) : NULL;
	if (fam == NULL || fam->kind != Y_SCALAR || strcmp(role, "fallback") == 0) {
		diag_error(where, "font role '%s' is not defined under 'fonts:'", role);
		R->errors++;
		return;
	}
	const struct ynode *fb = ymap_get(R->fonts_map, "fallback");
	size_t nfb = fb == NULL ? 0 : fb->kind == Y_SEQUENCE ? fb->n : 1;
	for (size_t i = 0; i <= nfb && c->n < PDF_CHAIN_MAX; i++) {
		const struct ynode *v = i == 0 ? fam : fb->kind == Y_SEQUENCE ? fb->items[i - 1] : fb;
		if (v->kind != Y_SCALAR) {
			diag_error(v->pos, "a font family must be a single name");
			R->errors++;
			continue;
		}
		char *err = NULL;
		int id = pdf_fonts_open(R->fonts, v->text, &err);
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

void
pdf_theme_chain(struct pdf_theme_reader *R, const char *role, struct pos where, struct pdf_chain *c)
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


void
pdf_theme_date(struct pdf_theme_reader *R, const struct ynode *root, struct pdf_date_form *f)
{
	memset(f, 0, sizeof(*f));
	struct pos top = {root->pos.file, 1, 1};
	const struct ynode *d = pdf_theme_map(R, root, "date", true, top);
	const char *form = d ? pdf_theme_str(R, d, "form", true) : NULL;
	const char *nums = d ? pdf_theme_str(R, d, "numerals", true) : NULL;
	const char *ten = d ? pdf_theme_str(R, d, "ten", true) : NULL;
	if (d) {
		static const char *const keys[] = {"form", "numerals", "ten", NULL};
		pdf_theme_unknown(d, keys);
	}
	f->form = xstrdup(form ? form : "{y}-{m}-{d}");
	f->ten = xstrdup(ten ? ten : "");
	/* ten characters, one a digit */
	size_t off = 0, n = nums ? strlen(nums) : 0;
	int k = 0;
	for (; nums && k < 10 && off < n; k++) {
		size_t len = utf8_decode(nums + off, n - off, &(uint32_t){0});
		if (len == 0)
			break;
		f->numerals[k] = xstrndup(nums + off, len);
		off += len;
	}
	if (nums && (k != 10 || off != n)) {
		diag_error(ymap_get(d, "numerals")->pos, "'numerals' must be ten characters, for 0 to 9");
		R->errors++;
	}
	for (; k < 10; k++)
		f->numerals[k] = xasprintf("%d", k);
}

void
pdf_date_form_free(struct pdf_date_form *f)
{
	free(f->form);
	free(f->ten);
	for (int k = 0; k < 10; k++)
		free(f->numerals[k]);
	memset(f, 0, sizeof(*f));
}

void
pdf_date_write(const struct pdf_date_form *f, day_t day, struct buf *out)
{
	date_format_form(day, f->form, (const char *const *)f->numerals, f->ten, out);
}

void
pdf_theme_expand(struct buf *out, const char *text, const char *const *names, const char *const *vals, size_t n)
{
	buf_puts(out, "");
	for (const char *p = text; *p;) {
		const char *open = strchr(p, '{');
		if (open == NULL) {
			buf_puts(out, p);
			break;
		}
		buf_add(out, p, (size_t)(open - p));
		const char *close = strchr(open, '}');
		size_t k = n;
		for (size_t i = 0; close && i < n; i++)
			if ((size_t)(close - open - 1) == strlen(names[i]) && strncmp(open + 1, names[i], strlen(names[i])) == 0)
				k = i;
		if (k == n) {
			buf_putc(out, '{');
			p = open + 1;
			continue;
		}
		buf_puts(out, vals[k] ? vals[k] : "");
		p = close + 1;
	}
}
