/* Reading a theme's PDF settings (themes/NAME/pdf.yaml): values with their
 * diagnostics, and font roles ("kai", "song", "hei") turned into chains of
 * faces from the file's `fonts:` mapping. Shared by the certificate and the
 * book. */
#ifndef QB_PDF_THEME_H
#define QB_PDF_THEME_H

#include <stdbool.h>

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
/* The chain of a role: its face, then the fallbacks, opened in R->fonts. */
void pdf_theme_chain(struct pdf_theme_reader *R, const char *role, struct pos where, struct pdf_chain *c);

#endif
