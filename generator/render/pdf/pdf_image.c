#include "pdf_image.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../../util.h"
#include "pdf_haru.h"

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
	return 0;
}

HPDF_Image
pdf_image_put(HPDF_Doc pdf, const struct pdf_image *img)
{
	if (img->samples == NULL) {
		HPDF_Image im = HPDF_LoadPngImageFromMem(pdf, img->png, (HPDF_UINT)img->png_len);
		if (im)
			pdf_haru_image_compress_mask(im);
		return im;
	}
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
	memset(img, 0, sizeof(*img));
}
