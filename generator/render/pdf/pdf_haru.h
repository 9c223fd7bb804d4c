/* Every use of libharu beyond its documented interface: its object
 * dictionaries, streams, encoders and the fields of its structures.
 *
 * qbpress rewrites parts of the fonts libharu embeds (the ToUnicode map and
 * the CIDToGIDMap, for subset faces whose codes are glyph numbers), makes a
 * font's glyph table from a few codes instead of 65,536, hands libharu
 * image samples that are already deflated, and, for documents whose text it
 * writes itself, builds their font objects, page operators and document
 * information from libharu's objects. All of that depends on how
 * libharu 2.3.0 lays out its objects, so it is gathered here, compiled only
 * against that version, and checked at run time by pdf_haru_selftest(),
 * which `make test` runs. */
#ifndef QB_PDF_HARU_H
#define QB_PDF_HARU_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

/* HPDF_GetFont for a subset whose codes are 1 … nglyphs - 1, drawn with the
 * document's "UTF-8" encoder. Returns the font, or NULL (libharu's error). */
HPDF_Font pdf_haru_get_font(HPDF_Doc pdf, const char *name, unsigned nglyphs);

/* Replaces the text of a font's ToUnicode CMap stream with cmap and names it
 * Adobe-Identity-UCS. Returns 0, or -1 with *err set (caller frees). */
int pdf_haru_set_tounicode(HPDF_Font font, const char *cmap, char **err);

/* Replaces a CID font's CIDToGIDMap stream with the len bytes of map.
 * Returns 0, or -1 with *err set (caller frees). */
int pdf_haru_set_glyph_map(HPDF_Font font, const unsigned char *map, size_t len, char **err);

/* The deflated samples of an image libharu loaded, or of its soft mask when
 * mask is set; NULL when there are none. Caller frees; *len set. */
unsigned char *pdf_haru_image_samples(HPDF_Doc pdf, HPDF_Image im, bool mask, size_t *len);

/* An image of w × h pixels whose 8-bit samples are given already deflated;
 * libharu writes them as they are. NULL on failure. */
HPDF_Image pdf_haru_image_deflated(HPDF_Doc pdf, unsigned w, unsigned h, HPDF_ColorSpace cs,
                                   const unsigned char *data, size_t len);

/* An image of w × h pixels whose samples are given as a PNG keeps them:
 * a zlib stream (z, len bytes) of rows, each after its PNG filter byte,
 * of pixels of `colors` (1 or 3) samples of `depth` bits, or, with a
 * palette of npalette RGB triples, of indexes into it (colors 1). The
 * reader undoes the filters (a PNG predictor); libharu writes the stream
 * as it is. NULL on failure. */
HPDF_Image pdf_haru_image_rows(HPDF_Doc pdf, unsigned w, unsigned h, int colors, int depth,
                               const unsigned char *palette, size_t npalette, const unsigned char *z, size_t len);

/* The soft mask (transparency) of an image, or NULL. */
HPDF_Image pdf_haru_image_mask(HPDF_Image im);
/* Has libharu deflate an image's soft mask, which it leaves uncompressed for
 * a PNG's transparency. */
void pdf_haru_image_compress_mask(HPDF_Image im);

/* A stream object whose data is given already deflated (a zlib stream in
 * len bytes at z, which it takes: malloc'd, freed with the document):
 * written as it is, with /Filter /FlateDecode. NULL on failure. */
HPDF_Dict pdf_haru_stream_deflated(HPDF_Doc pdf, unsigned char *z, size_t len);

/* An embedded TrueType font whose codes (CIDs) are the glyph numbers of its
 * program: a Type 0 font with Identity-H encoding over a CIDFontType2 font
 * with /CIDToGIDMap /Identity, built from libharu's objects without its
 * font loader or encoders. */
struct pdf_haru_cidfont {
	const char *name;          /* BaseFont, e.g. "ABCDEF+ARPLUKaiCN" */
	unsigned char *program;    /* the font program, deflated (taken, see below) */
	size_t program_len, raw_len;
	unsigned char *tounicode;  /* the ToUnicode CMap, deflated (taken) */
	size_t tounicode_len;
	const int *widths;         /* per CID, in 1/1000 em */
	size_t nwidths;
	int default_width;         /* /DW: widths equal to it are not listed */
	int bbox[4], ascent, descent, flags;
};
/* Returns the font (a dictionary that pdf_haru_page_font() accepts), or
 * NULL on failure. The program and the map are taken (malloc'd, freed
 * with the document) and their pointers in f set to NULL. */
HPDF_Font pdf_haru_cid_font(HPDF_Doc pdf, struct pdf_haru_cidfont *f);
/* The name of a font in the page's resources, added on first use; NULL on
 * failure. */
const char *pdf_haru_page_font(HPDF_Page page, HPDF_Font font);
/* Leaves the procedure set names (/ProcSet, which readers ignore) out of a
 * page's resources. */
HPDF_STATUS pdf_haru_page_no_procset(HPDF_Page page);
/* Appends content operators to a page, as they are: between libharu's own
 * operators, never inside a path or text object that libharu began. */
HPDF_STATUS pdf_haru_page_write(HPDF_Page page, const char *ops, size_t len);

/* Sets a document information entry (title, author, subject, keywords) to
 * a UTF-8 text, written as UTF-16BE with a byte-order mark, as libharu's
 * UTF-8 encoder would, without that encoder, in a literal string (half the
 * size of libharu's hexadecimal one). */
HPDF_STATUS pdf_haru_info_text(HPDF_Doc pdf, HPDF_InfoType type, const char *utf8);

/* Saves the document and appends its bytes to out, read straight from
 * libharu's memory stream. Returns 0, or -1 (libharu's error is in
 * HPDF_GetError). */
struct buf;
int pdf_haru_save(HPDF_Doc pdf, struct buf *out);

/* Raises the document's PDF version to at least v (soft masks need 1.4). */
void pdf_haru_require_version(HPDF_Doc pdf, HPDF_PDFVer v);

/* Deflates a finished page's content stream now, at zlib's fastest level,
 * which libharu would deflate at its default level when the document is
 * saved: for a book, most of the time of saving. Nothing may be drawn on
 * the page afterwards. Returns 0, or -1 with *err set (caller frees). */
int pdf_haru_page_deflate(HPDF_Page page, char **err);
/* The same for the pages of a long document, beside the drawing: a thread
 * deflates each page given to pdf_page_deflater_add while the next is
 * drawn, and the calling thread (the only one that calls libharu) sets
 * the deflated streams as they are ready. The bytes are those of
 * pdf_haru_page_deflate. start returns NULL when no thread can be made
 * (then add deflates at once); add and finish return 0, or -1 with *err
 * set (caller frees); finish waits for the rest and frees. */
struct pdf_page_deflater;
struct pdf_page_deflater *pdf_page_deflater_start(void);
int pdf_page_deflater_add(struct pdf_page_deflater *d, HPDF_Page page, char **err);
int pdf_page_deflater_finish(struct pdf_page_deflater *d, char **err);
/* The operators of a finished page: its content stream as written so far.
 * Returns them (caller frees) with *len set, or NULL: with *err set (caller
 * frees) when the page has no content stream of the expected form, or
 * without when the page is empty. */
unsigned char *pdf_haru_page_operators(HPDF_Page page, size_t *len, char **err);
/* Replaces a page's content stream with one deflated by the caller (a
 * zlib stream in len bytes at z, which it takes: malloc'd, freed with the
 * document), written as it is. Nothing may be drawn on the page
 * afterwards. Returns 0, or -1 with *err set (caller frees). */
int pdf_haru_page_set_deflated(HPDF_Page page, unsigned char *z, size_t len, char **err);

/* Checks that libharu behaves as the functions above assume: the widths it
 * writes and measures for a subset font are the face's, its ToUnicode map
 * and glyph map are the ones qbpress writes, text drawn with subset glyph
 * codes is written with those codes, and a page deflated early is saved
 * whole (family names a TrueType face fontconfig can find). Returns 0, or -1 with *err set (caller frees)
 * saying what differs. */
int pdf_haru_selftest(const char *family, char **err);

/* A text object written into a page's content stream as one piece: the
 * bytes libharu's operator calls write (BT, Tc, Td, Tf, rg, Ts, Tj, ET,
 * numbers by libharu's own formatting, a Tj left out when libharu's text
 * width is 0), and the page's text state left as they leave it, without
 * their checks and copies for each operator. Text shows codes of a font
 * drawn with the document's "UTF-8" encoder (two bytes each). A value
 * libharu would refuse makes pdf_text_end() return HPDF_THIS_FUNC_WAS_SKIPPED
 * with nothing written: then draw the text with libharu's calls, which
 * report it. */
struct pdf_text {
	HPDF_Page page;
	bool refused;
	float char_space, font_size;
	HPDF_Font font;
	float rgb[3];
	bool rgb_set;
	float rise;
	float x, y;
	char *ops;
	size_t len, cap;
};

/* Starts the text object (BT); false when the page cannot take one now
 * (libharu's state or an earlier error): use libharu's calls. */
bool pdf_text_begin(struct pdf_text *t, HPDF_Page page);
void pdf_text_char_space(struct pdf_text *t, float v);
void pdf_text_move(struct pdf_text *t, float x, float y);
void pdf_text_font(struct pdf_text *t, HPDF_Font font, float size);
void pdf_text_fill(struct pdf_text *t, float r, float g, float b);
void pdf_text_rise(struct pdf_text *t, float v);
/* Shows n codes (each below 0xD800) of the current font, and marks their
 * glyphs shown in the font, as libharu's text calls do (its subset of the
 * font holds them): once a document for each code, kept in `shown` (2 ×
 * 65,536 bits, zeroed at first: whether a code is marked, whether its width
 * is not 0). */
void pdf_text_show(struct pdf_text *t, const unsigned *codes, size_t n, unsigned char *shown);
/* Ends it (ET) and writes it to the page. Returns HPDF_OK, libharu's
 * error, or HPDF_THIS_FUNC_WAS_SKIPPED when a value was refused. */
HPDF_STATUS pdf_text_end(struct pdf_text *t);

#endif
