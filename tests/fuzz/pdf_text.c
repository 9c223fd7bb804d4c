/* Fuzz target: fitting a certificate text (pdf_fit) with the default
 * theme's certificate faces. The first byte picks the width, the rest is
 * the text; text that is not UTF-8 never reaches the fitting (the loader
 * refuses it). */
#include <stdio.h>
#include <stdlib.h>

#include "pdf_text.h"
#include "utf8.h"
#include "util.h"

static struct pdf_fonts fonts;
static struct pdf_chain chain;

static void
close_fonts(void)
{
	pdf_fonts_free(&fonts);
}

/* Opens the faces once, before any input: fontconfig's first use keeps
 * memory for the life of the process, which is no leak of an input. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static const char *const families[] = {"AR PL UKai CN", "AR PL UMing CN", "WenQuanYi Zen Hei"};
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		char *err = NULL;
		int id = pdf_fonts_open(&fonts, families[i], &err);
		if (id < 0) {
			fprintf(stderr, "fuzz: %s\n", err);
			exit(2);
		}
		chain.ids[chain.n++] = id;
	}
	pdf_text_init();
	atexit(close_fonts);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	if (utf8_find_invalid(text, len) != (size_t)-1)
		return 0;
	char *s = xstrndup(text, len);
	double width = 40.0 + data[0] * 3.0;
	struct pdf_fit fit;
	uint32_t bad = 0;
	if (pdf_fit(&fit, &fonts, &chain, s, width, 26, 20, data[0] % 4 * 0.1, &bad) == 0) {
		for (size_t i = 0; i < fit.nlines; i++)
			if (pdf_line_width(&fit.lines[i], fit.size, data[0] % 4 * 0.1) > width + 1e-6)
				abort();
		pdf_fit_free(&fit);
	}
	free(s);
	return 0;
}
