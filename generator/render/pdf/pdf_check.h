/* Checking at `qbpress check` time that a PDF's faces print a text: each
 * character no face of a chain draws is an error where it was written,
 * reported once however many PDFs would print it. */
#ifndef QB_PDF_CHECK_H
#define QB_PDF_CHECK_H

#include <stddef.h>

#include "../../diag.h"
#include "pdf_font.h"

struct pdf_check {
	int errors;
	struct pos *seen; /* where errors were reported */
	size_t nseen;
};

/* Reports each character of s (which starts at `at`, its column in
 * characters; line 0 for a place without lines) that no face of chain
 * draws: "<what> has 'c' (U+XXXX), which the <output> cannot print: …".
 * Returns the number of errors it reported. */
int pdf_check_text(struct pdf_check *k, const struct pdf_fonts *fs, const struct pdf_chain *chain, const char *s,
                   struct pos at, const char *what, const char *output);
/* Checks s with each chain in turn, up to the first that reports. */
void pdf_check_field(struct pdf_check *k, const struct pdf_fonts *fs, const struct pdf_chain *const *chains,
                     size_t n, const char *s, struct pos at, const char *what, const char *output);
void pdf_check_free(struct pdf_check *k);

#endif
