/* Fonts for the PDF renderers.
 *
 * Faces are TrueType faces found by family name with fontconfig and opened
 * once per build (struct pdf_fonts). A role (say, the certificate body) uses
 * a chain: its own face, then fallback faces for characters it lacks.
 * Every document embeds only the glyphs it draws: struct pdf_doc_fonts
 * collects the code points per face and embeds each face in one of two
 * ways. pdf_doc_fonts_embed() subsets it with hb-subset and loads the
 * subset into libharu with its UTF-8 encoder, for documents drawn with
 * libharu's text functions (the book). pdf_doc_fonts_embed_own() makes the
 * font program with pdf_sfnt.h and the font objects with pdf_haru.h, for
 * documents that write their text operators themselves (pdf_line_ops()):
 * about a tenth of the work, for the certificates, made by the thousand.
 * Either way a glyph's code in the document is its number in the subset
 * (pdf_doc_fonts_code()), and a ToUnicode map of our own (not libharu's
 * "begincidrange" one) gives the text back to pdftotext and to readers
 * that copy it.
 *
 * libharu encodes text as 16-bit codes: code points above U+FFFF cannot be
 * drawn at all (pdf_chain_pick() refuses them). */
#ifndef QB_PDF_FONT_H
#define QB_PDF_FONT_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>

#define PDF_FACE_MISSING INT32_MIN
#define PDF_FACE_UNKNOWN (INT32_MIN + 1)

struct pdf_face {
	char *family;        /* as asked for */
	char *file;          /* found by fontconfig */
	int index;           /* face index in a collection */
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;     /* unscaled: advances in font units */
	unsigned upem;
	int ascender, descender; /* in 1/1000 em, descender negative */
	/* What the face answers for each character of the Basic Multilingual
	 * Plane, looked up on first use: the width in 1/1000 em, or
	 * PDF_FACE_MISSING; PDF_FACE_UNKNOWN before the first lookup. */
	int32_t *bmp;
};

/* All faces of a build, each opened once. */
struct pdf_fonts {
	struct pdf_face **faces;
	size_t n;
	FcConfig *config; /* loaded on first use */
};

#define PDF_CHAIN_MAX 8

/* A role's face followed by its fallbacks, as indexes into pdf_fonts. */
struct pdf_chain {
	int ids[PDF_CHAIN_MAX];
	size_t n;
};

/* Finds a family with fontconfig and opens it, or returns the face already
 * open under that family. Returns its index, or -1 with *err set (caller
 * frees) when fontconfig has no face of that family or it is not TrueType. */
int pdf_fonts_open(struct pdf_fonts *fs, const char *family, char **err);
void pdf_fonts_free(struct pdf_fonts *fs);

bool pdf_face_covers(const struct pdf_face *f, uint32_t cp);
/* The advance of a code point in 1/1000 em, rounded as libharu rounds the
 * widths it writes; 0 when the face lacks it. */
int pdf_face_width(const struct pdf_face *f, uint32_t cp);

/* The face of a chain that draws cp: the first that covers it. Returns -1
 * when none does or cp is above U+FFFF. */
int pdf_chain_pick(const struct pdf_fonts *fs, const struct pdf_chain *c, uint32_t cp);
/* "AR PL UKai CN, WenQuanYi Zen Hei": the families of a chain; caller frees. */
char *pdf_chain_names(const struct pdf_fonts *fs, const struct pdf_chain *c);

/* The fonts of one document, in one process (workers are forked). */
struct pdf_doc_fonts {
	const struct pdf_fonts *fs;
	hb_set_t **used;   /* per face: the code points drawn */
	hb_set_t **large;  /* per face: those drawn too large to be coarse */
	hb_map_t **code;   /* per face: code point -> code in the document */
	HPDF_Font *font;   /* per face: the embedded font, or NULL */
	unsigned char **shown; /* per face: a bit for each code whose glyph libharu was told is shown */
};

void pdf_doc_fonts_init(struct pdf_doc_fonts *d, const struct pdf_fonts *fs);
void pdf_doc_fonts_use(struct pdf_doc_fonts *d, int face, uint32_t cp);
/* The bits pdf_text_show() keeps for the codes of a face (for each code,
 * whether libharu was told its glyph is shown, and whether its width is
 * not 0), made on the first call. */
unsigned char *pdf_doc_fonts_shown(const struct pdf_doc_fonts *d, int face);
/* The same for a code point drawn at `size` points. With
 * pdf_doc_fonts_embed_own(), the glyphs of code points drawn at no more
 * than 36 points per 1,024 units per em of their face (and not given to
 * pdf_doc_fonts_use()) are embedded coarse (pdf_sfnt_program): their
 * points move by at most 0.11 pt, as the others' do at 56 points. */
void pdf_doc_fonts_use_at(struct pdf_doc_fonts *d, int face, uint32_t cp, double size);
/* Subsets and loads every face that has code points into pdf (whose current
 * encoder must be "UTF-8"). Call it once the document's characters are
 * known. Returns 0, or -1 with *err set (caller frees). */
int pdf_doc_fonts_embed(struct pdf_doc_fonts *d, HPDF_Doc pdf, char **err);
/* The same with font programs made by pdf_sfnt.h instead of hb-subset and
 * libharu's font loader, and font objects of qbpress's own (pdf_haru.h),
 * for documents that write their text with pdf_line_ops() instead of
 * libharu's text functions. sfnt has a slot per face, made on first use
 * and kept by the caller (pdf_sfnt_free). */
struct pdf_sfnt;
int pdf_doc_fonts_embed_own(struct pdf_doc_fonts *d, HPDF_Doc pdf, struct pdf_sfnt **sfnt, char **err);
/* The code that draws cp with an embedded face (0 when there is none).
 * Text is written with these codes, as UTF-8, not with its code points:
 * the fonts' ToUnicode maps give the characters back. */
uint32_t pdf_doc_fonts_code(const struct pdf_doc_fonts *d, int face, uint32_t cp);
void pdf_doc_fonts_free(struct pdf_doc_fonts *d);

/* Sorts the pairs (codes[i], cps[i]) by code. */
void pdf_codes_sort(uint32_t *codes, uint32_t *cps, size_t n);

/* The ToUnicode CMap from codes (sorted, at most U+FFFF) to the code
 * points they draw: a bfrange for each run of consecutive codes (with an
 * array of characters unless they run on too), bfchar for the rest.
 * Caller frees. */
char *pdf_tounicode_cmap(const uint32_t *codes, const uint32_t *cps, size_t n);

/* Saves the document and appends its bytes to out. Returns 0, or -1
 * (libharu's error is in HPDF_GetError). */
struct buf;
int pdf_save(HPDF_Doc pdf, struct buf *out);

/* Puts a UTF-8 string on a page with libharu's UTF-8 encoder. */
HPDF_STATUS pdf_show_text(HPDF_Page page, const char *s, size_t len);

#endif
