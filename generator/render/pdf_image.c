#include "pdf_image.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

/* The whole content of a libharu memory stream. */
static unsigned char *
stream_bytes(HPDF_Stream s, size_t *len)
{
	*len = 0;
	HPDF_UINT32 size = HPDF_Stream_Size(s);
	unsigned char *p = xmalloc(size ? size : 1);
	if (size == 0 || HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET) != HPDF_OK) {
		free(p);
		return NULL;
	}
	HPDF_UINT32 got = 0;
	while (got < size) {
		HPDF_UINT n = size - got;
		HPDF_STATUS st = HPDF_Stream_Read(s, p + got, &n);
		got += n;
		if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || n == 0)
			break;
	}
	if (got != size) {
		free(p);
		return NULL;
	}
	*len = size;
	return p;
}

/* The samples of a stream deflated, as libharu would write them. */
static unsigned char *
deflated(HPDF_Doc pdf, HPDF_Stream src, size_t *len)
{
	*len = 0;
	HPDF_Stream dst = HPDF_MemStream_New(pdf->mmgr, 4096);
	if (dst == NULL)
		return NULL;
	unsigned char *p = NULL;
	if (HPDF_Stream_WriteToStream(src, dst, HPDF_STREAM_FILTER_FLATE_DECODE, NULL) == HPDF_OK)
		p = stream_bytes(dst, len);
	HPDF_Stream_Free(dst);
	return p;
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
	HPDF_Dict smask = HPDF_Dict_GetItem(im, "SMask", HPDF_OCLASS_DICT);
	bool simple = cs && (strcmp(cs, "DeviceRGB") == 0 || strcmp(cs, "DeviceGray") == 0) &&
	              HPDF_Image_GetBitsPerComponent(im) == 8 &&
	              (smask == NULL || HPDF_Image_GetBitsPerComponent(smask) == 8);
	if (simple) {
		img->width = HPDF_Image_GetWidth(im);
		img->height = HPDF_Image_GetHeight(im);
		img->color_space = strcmp(cs, "DeviceRGB") == 0 ? "DeviceRGB" : "DeviceGray";
		img->samples = deflated(pdf, im->stream, &img->samples_len);
		if (smask)
			img->alpha = deflated(pdf, smask->stream, &img->alpha_len);
		if (img->samples == NULL || (smask && img->alpha == NULL)) {
			free(img->samples);
			free(img->alpha);
			img->samples = img->alpha = NULL;
		}
	}
	HPDF_Free(pdf);
	return 0;
}

/* Writes the filter of a stream that libharu copies as it is (it drops a
 * /Filter entry from the dictionary of a stream it does not compress). */
static HPDF_STATUS
write_flate_filter(HPDF_Dict obj, HPDF_Stream out)
{
	(void)obj;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* A libharu image whose samples are already deflated: made as a 1 x 1
 * image, then given the real size and data, which libharu writes as they
 * are. */
static HPDF_Image
put_deflated(HPDF_Doc pdf, unsigned w, unsigned h, HPDF_ColorSpace cs, const unsigned char *data, size_t len)
{
	static const HPDF_BYTE pixel[3] = {0, 0, 0};
	HPDF_Image im = HPDF_LoadRawImageFromMem(pdf, pixel, 1, 1, cs, 8);
	if (im == NULL || im->write_fn != NULL)
		return NULL;
	im->filter = HPDF_STREAM_FILTER_NONE;
	im->write_fn = write_flate_filter;
	HPDF_MemStream_FreeData(im->stream);
	HPDF_STATUS st = HPDF_Stream_Write(im->stream, data, (HPDF_UINT)len);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(im, "Width", w);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(im, "Height", h);
	return st == HPDF_OK ? im : NULL;
}

HPDF_Image
pdf_image_put(HPDF_Doc pdf, const struct pdf_image *img)
{
	if (img->samples == NULL) {
		HPDF_Image im = HPDF_LoadPngImageFromMem(pdf, img->png, (HPDF_UINT)img->png_len);
		/* libharu leaves a PNG's transparency uncompressed */
		HPDF_Dict smask = im ? HPDF_Dict_GetItem(im, "SMask", HPDF_OCLASS_DICT) : NULL;
		if (smask)
			smask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		return im;
	}
	HPDF_ColorSpace cs = strcmp(img->color_space, "DeviceRGB") == 0 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY;
	HPDF_Image im = put_deflated(pdf, img->width, img->height, cs, img->samples, img->samples_len);
	if (im && img->alpha) {
		HPDF_Image mask =
		    put_deflated(pdf, img->width, img->height, HPDF_CS_DEVICE_GRAY, img->alpha, img->alpha_len);
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
	memset(img, 0, sizeof(*img));
}
