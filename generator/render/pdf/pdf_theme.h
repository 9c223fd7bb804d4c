/* Reading a theme's PDF settings (themes/NAME/pdf.yaml): values with their
 * diagnostics, and font roles ("kai", "song", "hei") turned into chains of
 * faces from the file's `fonts:` mapping. Shared by the certificate and the
 * book. */
#ifndef QB_PDF_THEME_H
#define QB_PDF_THEME_H

#include <stdbool.h>

#include "../../date.h"
#include "../../diag.h"
#include "../../yamldoc.h"
#include "pdf_font.h"

struct pdf_theme_role {
	const char *name;
	struct pdf_chain chain;
};

struct pdf_theme_reader {
	struct pdf_fonts *fonts;        /* where faces are opened */
	const struct ynode *fonts_map;  /* the fonts: mapping */
	int errors;                     /* errors reported so far */
	struct pdf_theme_role roles[32]; /* roles looked up so far, each reported once */
	size_t nroles;
};

/* Reads and parses a settings file. Returns its root mapping (caller frees
 * with ynode_free), or NULL after a diagnostic. */
struct ynode *pdf_theme_parse(const char *path);

/* Warns about each key of map that is not in known (NULL-terminated). */
void pdf_theme_unknown(const struct ynode *map, const char *const *known);
/* A mapping under key, or NULL (an error when required or not a mapping). */
const struct ynode *pdf_theme_map(struct pdf_theme_reader *R, const struct ynode *map, const char *key,
                                  bool required, struct pos where);
/* A single value under key, or NULL (an error when required or not one). */
const char *pdf_theme_str(struct pdf_theme_reader *R, const struct ynode *map, const char *key, bool required);
/* A number from min to max under key, or dflt when there is none (an error
 * when it is not such a number). */
double pdf_theme_num(struct pdf_theme_reader *R, const struct ynode *map, const char *key, double dflt, double min,
                     double max);
/* A colour "#RRGGBB" under key into rgb (left as it is when there is none). */
void pdf_theme_color(struct pdf_theme_reader *R, const struct ynode *map, const char *key, double rgb[3]);
/* A text under key of map (map may be NULL), "" when there is none;
 * caller frees. */
char *pdf_theme_text(struct pdf_theme_reader *R, const struct ynode *map, const char *key);
/* A page size given as {width: …, height: …} in millimetres, in points. */
void pdf_theme_page_size(struct pdf_theme_reader *R, const struct ynode *v, double *w, double *h);
/* The parts of a text style every PDF shares: `font` (a role, required
 * when font_required), `size`, `leading` and `color`, each left as it is
 * when the style has none. */
void pdf_theme_face(struct pdf_theme_reader *R, const struct ynode *v, bool font_required, struct pdf_chain *chain,
                    double *size, double *leading, double rgb[3]);
/* The chain of a role: its face, then the fallbacks, opened in R->fonts. */
void pdf_theme_chain(struct pdf_theme_reader *R, const char *role, struct pos where, struct pdf_chain *c);

/* Appends a text of the settings with its placeholders ("{name}", one of
 * the n names) replaced by vals (NULL as empty); other braces are kept as
 * written. */
struct buf;
void pdf_theme_expand(struct buf *out, const char *text, const char *const *names, const char *const *vals,
                      size_t n);

/* How the PDFs write a date ({date} in their texts): the settings' `date:`
 * mapping, {form: "{Y}年{M}月{D}日", numerals: 〇一二三四五六七八九, ten: 十}
 * (see date_format_form()). */
struct pdf_date_form {
	char *form;
	char *numerals[10];
	char *ten;
};

/* Reads `date:` from the settings' root mapping into f (free it with
 * pdf_date_form_free either way); an error when it is missing or wrong. */
void pdf_theme_date(struct pdf_theme_reader *R, const struct ynode *root, struct pdf_date_form *f);
void pdf_date_form_free(struct pdf_date_form *f);
/* Appends day written in the form to out. */
void pdf_date_write(const struct pdf_date_form *f, day_t day, struct buf *out);

#endif
