#include "pdf_image.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../util.h"
#include "pdf_haru.h"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Whether z inflates to exactly len bytes of rows of rowlen bytes, each
 * starting with a filter byte PNG defines (0 to 4). */
static bool
rows_whole(const unsigned char *z, size_t zlen, size_t rows, size_t rowlen)
{
	size_t want = rows * rowlen;
	unsigned char *out = malloc(want + 1);
	if (out == NULL)
		return false;
	z_stream st;
	memset(&st, 0, sizeof(st));
	bool ok = inflateInit(&st) == Z_OK;
	if (ok) {
		st.next_in = (Bytef *)z;
		st.avail_in = (uInt)zlen;
		st.next_out = out;
		st.avail_out = (uInt)(want + 1);
		ok = inflate(&st, Z_FINISH) == Z_STREAM_END && st.total_out == want && st.avail_in == 0;
		inflateEnd(&st);
	}
	for (size_t r = 0; ok && r < rows; r++)
		ok = out[r * rowlen] <= 4;
	free(out);
	return ok;
}

int
pdf_png_rows(struct pdf_png *out, const unsigned char *png, size_t len)
{
	memset(out, 0, sizeof(*out));
	if (len < 8 + 25 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0 || len > 0x7fffffff)
		return -1;
	struct buf rows = {0};
	int color = -1, idats = 0; /* 0 none yet, 1 in them, 2 after them */
	bool end = false, ok = true;
	for (size_t at = 8; ok && !end;) {
		if (len - at < 12) {
			ok = false;
			break;
		}
		uint32_t n = be32(png + at);
		const unsigned char *type = png + at + 4, *data = png + at + 8;
		if (n > len - at - 12) {
			ok = false;
			break;
		}
		bool first = at == 8;
		if (first != (memcmp(type, "IHDR", 4) == 0)) {
			ok = false;
		} else if (first) {
			ok = n == 13 && data[10] == 0 && data[11] == 0 && data[12] == 0;
			out->width = be32(data);
			out->height = be32(data + 4);
			out->depth = data[8];
			color = data[9];
			ok = ok && out->width > 0 && out->height > 0 && out->width <= 65535 && out->height <= 65535 &&
			     ((color == 0 && (out->depth == 1 || out->depth == 2 || out->depth == 4 || out->depth == 8)) ||
			      (color == 2 && out->depth == 8) ||
			      (color == 3 && (out->depth == 1 || out->depth == 2 || out->depth == 4 || out->depth == 8)));
			out->colors = color == 2 ? 3 : 1;
		} else if (memcmp(type, "PLTE", 4) == 0) {
			ok = n % 3 == 0 && n >= 3 && n <= 768 && out->palette == NULL && idats == 0;
			out->palette = data;
			out->npalette = n / 3;
		} else if (memcmp(type, "IDAT", 4) == 0) {
			ok = idats < 2;
			idats = 1;
			buf_add(&rows, (const char *)data, n);
		} else if (memcmp(type, "IEND", 4) == 0) {
			end = true;
		} else {
			if (idats == 1)
				idats = 2;
			/* transparency, or a chunk a reader must understand */
			ok = memcmp(type, "tRNS", 4) != 0 && (type[0] & 0x20) != 0;
		}
		at += 12 + (size_t)n;
	}
	if (color == 3 && out->palette == NULL)
		ok = false;
	if (color != 3)
		out->palette = NULL, out->npalette = 0;
	size_t rowlen = 1 + ((size_t)out->width * (size_t)out->colors * (size_t)out->depth + 7) / 8;
	if (!ok || !end || rows.len == 0 || !rows_whole((const unsigned char *)rows.p, rows.len, out->height, rowlen)) {
		buf_free(&rows);
		memset(out, 0, sizeof(*out));
		return -1;
	}
	out->rows_len = rows.len;
	out->rows = (unsigned char *)buf_steal(&rows);
	return 0;
}

void
pdf_png_free(struct pdf_png *p)
{
	free(p->rows);
	memset(p, 0, sizeof(*p));
}

/* The image from rows that pdf_png_rows() read (p->rows set), else the
 * PNG as libharu loads it. */
static HPDF_Image
put_png(HPDF_Doc pdf, const struct pdf_png *p, const unsigned char *png, size_t len)
{
	if (p->rows)
		return pdf_haru_image_rows(pdf, p->width, p->height, p->colors, p->depth, p->palette, p->npalette, p->rows,
		                           p->rows_len);
	HPDF_Image im = HPDF_LoadPngImageFromMem(pdf, png, (HPDF_UINT)len);
	if (im)
		pdf_haru_image_compress_mask(im);
	return im;
}

HPDF_Image
pdf_png_put(HPDF_Doc pdf, const unsigned char *png, size_t len)
{
	struct pdf_png p;
	pdf_png_rows(&p, png, len);
	HPDF_Image im = put_png(pdf, &p, png, len);
	pdf_png_free(&p);
	return im;
}

int
pdf_image_from_png(struct pdf_image *img, const unsigned char *png, size_t len, char **err)
{
	memset(img, 0, sizeof(*img));
	img->png = png;
	img->png_len = len;
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	if (pdf == NULL) {
		*err = xstrdup("the PDF library cannot start a document");
		return -1;
	}
	HPDF_Image im = HPDF_LoadPngImageFromMem(pdf, png, (HPDF_UINT)len);
	if (im == NULL) {
		*err = xasprintf("the PDF library cannot read it as a PNG (error %#lx)", (unsigned long)HPDF_GetError(pdf));
		HPDF_Free(pdf);
		return -1;
	}
	const char *cs = HPDF_Image_GetColorSpace(im);
	HPDF_Image smask = pdf_haru_image_mask(im);
	bool simple = cs && (strcmp(cs, "DeviceRGB") == 0 || strcmp(cs, "DeviceGray") == 0) &&
	              HPDF_Image_GetBitsPerComponent(im) == 8 &&
	              (smask == NULL || HPDF_Image_GetBitsPerComponent(smask) == 8);
	if (simple) {
		img->width = HPDF_Image_GetWidth(im);
		img->height = HPDF_Image_GetHeight(im);
		img->color_space = strcmp(cs, "DeviceRGB") == 0 ? "DeviceRGB" : "DeviceGray";
		img->samples = pdf_haru_image_samples(pdf, im, false, &img->samples_len);
		if (smask)
			img->alpha = pdf_haru_image_samples(pdf, im, true, &img->alpha_len);
		if (img->samples == NULL || (smask && img->alpha == NULL)) {
			free(img->samples);
			free(img->alpha);
			img->samples = img->alpha = NULL;
		}
	}
	HPDF_Free(pdf);
	if (img->samples == NULL)
		pdf_png_rows(&img->rows, png, len);
	return 0;
}

HPDF_Image
pdf_image_put(HPDF_Doc pdf, const struct pdf_image *img)
{
	if (img->samples == NULL)
		return put_png(pdf, &img->rows, img->png, img->png_len);
	HPDF_ColorSpace cs = strcmp(img->color_space, "DeviceRGB") == 0 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY;
	HPDF_Image im = pdf_haru_image_deflated(pdf, img->width, img->height, cs, img->samples, img->samples_len);
	if (im && img->alpha) {
		HPDF_Image mask =
		    pdf_haru_image_deflated(pdf, img->width, img->height, HPDF_CS_DEVICE_GRAY, img->alpha, img->alpha_len);
		if (mask == NULL || HPDF_Image_AddSMask(im, mask) != HPDF_OK)
			return NULL;
	}
	return im;
}

void
pdf_image_free(struct pdf_image *img)
{
	free(img->samples);
	free(img->alpha);
	pdf_png_free(&img->rows);
	memset(img, 0, sizeof(*img));
}
