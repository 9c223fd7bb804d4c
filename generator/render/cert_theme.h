/* The certificate's settings from the theme's PDF settings file
 * (themes/NAME/pdf.yaml, else the default theme's): font families by role,
 * sizes, colours and the wording, with {placeholders} for record values. */
#ifndef QB_CERT_THEME_H
#define QB_CERT_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "../diag.h"
#include "../util.h"
#include "pdf/pdf_font.h"
#include "pdf/pdf_theme.h"

/* The values a certificate text may name: {year}, {campaign}, … */
enum cert_var {
	CV_YEAR,
	CV_CAMPAIGN,
	CV_CERTIFICATE,
	CV_ENTERPRISE,
	CV_EXPERIENCE,
	CV_ORGANIZATION,
	CV_DATE,
	CV_COUNT
};

extern const char *const cert_var_names[CV_COUNT];

/* One piece of text on the certificate and how it looks. */
struct cert_style {
	char *text;         /* with {placeholders} */
	struct pdf_chain chain;
	double size, min_size;
	double tracking;    /* extra space after each character, in em */
	double space_before; /* points above the line (body lines) */
	double rgb[3];
	struct pos pos;     /* where the text was set, for diagnostics */
};

struct cert_theme {
	char *file;
	struct pdf_fonts fonts;
	double border_rgb[3], accent_rgb[3];
	struct cert_style title;
	struct cert_style *body;    /* stacked and centred under the title */
	size_t nbody;
	struct cert_style *signature; /* bottom right, centred on one axis */
	size_t nsignature;
	struct cert_style number, verify;
	double seal_size;           /* points */
	char *info_title, *info_subject, *info_keywords;
	struct pdf_date_form date; /* {date}: the settings' date form */
};

/* Loads the settings from a file and finds their fonts. Returns 0, or -1
 * after diagnostics. */
int cert_theme_load(struct cert_theme *t, const char *path);
void cert_theme_free(struct cert_theme *t);

/* Appends a text with its placeholders replaced by vals. Returns 0, or -1
 * when it names an unknown placeholder (stored in *unknown, up to 31 bytes). */
int cert_expand(struct buf *out, const char *text, const char *const vals[CV_COUNT], char unknown[32]);

/* Calls fn for each piece of a text: literal text (var -1) or a value. */
void cert_pieces(const char *text, const char *const vals[CV_COUNT],
                 void (*fn)(void *arg, int var, const char *s, size_t len), void *arg);

struct model;
struct pdf_check;
/* The check at `qbpress check` time: the faces of the certificate's texts
 * that name {enterprise} or {experience} print those fields of every
 * record given a certificate; each character they cannot is an error at
 * its file:line:col, unless k already reported that place. Returns the
 * number of errors found, or -1 when the settings cannot be read
 * (reported). */
int cert_check(const struct model *m, const char *pdf_yaml, struct pdf_check *k);

#endif
