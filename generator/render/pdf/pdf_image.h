/* Images for the PDF renderers, decoded and compressed once per build and
 * placed in any number of documents: libharu decodes a PNG and deflates
 * its samples again for every document it is loaded into, which for a
 * 480-pixel seal costs more than the rest of a certificate. */
#ifndef QB_PDF_IMAGE_H
#define QB_PDF_IMAGE_H

#include <hpdf.h>
#include <stddef.h>

/* A PNG whose compressed rows a PDF takes as they are (its IDAT chunks'
 * zlib stream, the PNG filters undone by the reader as a predictor). */
struct pdf_png {
	unsigned width, height;
	int depth;  /* bits per sample: 1, 2, 4 or 8 */
	int colors; /* samples per pixel: 1 or 3 (1 with a palette) */
	const unsigned char *palette; /* npalette RGB triples, inside the PNG, or NULL */
	size_t npalette;
	unsigned char *rows; /* the zlib stream, its chunks joined; malloc'd */
	size_t rows_len;
};

/* Reads a PNG of that kind: not interlaced, without transparency, gray,
 * RGB or palette colour of at most 8 bits a sample, whose stream inflates
 * to exactly its rows, each behind a valid filter byte. Returns 0, or -1
 * when it is not one (then it must be decoded). */
int pdf_png_rows(struct pdf_png *out, const unsigned char *png, size_t len);
void pdf_png_free(struct pdf_png *p);
/* An image placed from such a PNG, or, for any other PNG, as libharu
 * loads it; NULL on failure (libharu's error). */
HPDF_Image pdf_png_put(HPDF_Doc pdf, const unsigned char *png, size_t len);

struct pdf_image {
	unsigned width, height;
	const char *color_space;  /* "DeviceRGB" or "DeviceGray" */
	unsigned char *samples;   /* deflated 8-bit samples */
	size_t samples_len;
	unsigned char *alpha;     /* deflated 8-bit transparency, or NULL */
	size_t alpha_len;
	/* a PNG in another form (palette, 16 bits): its rows when a PDF takes
	 * them as they are (read once), else loaded into each document */
	struct pdf_png rows;
	const unsigned char *png;
	size_t png_len;
};

/* Prepares a PNG (kept by the caller while the image is used). Returns 0,
 * or -1 with *err set (caller frees) when libharu cannot read it. */
int pdf_image_from_png(struct pdf_image *img, const unsigned char *png, size_t len, char **err);
/* The image as an XObject of pdf; NULL on failure (libharu's error). */
HPDF_Image pdf_image_put(HPDF_Doc pdf, const struct pdf_image *img);
void pdf_image_free(struct pdf_image *img);

#endif
