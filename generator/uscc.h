/* Unified social credit codes (统一社会信用代码), GB 32100-2015. */
#ifndef QB_USCC_H
#define QB_USCC_H

#include <stddef.h>

enum uscc_status {
	USCC_OK,
	USCC_LENGTH,    /* not 18 characters */
	USCC_CHARSET,   /* a character outside 0-9 and A-Y less I O Z S V */
	USCC_CHECK      /* the 18th character is not the check character */
};

/* Checks a code. On USCC_CHARSET, *where is the 0-based index of the first
 * bad character; on USCC_CHECK, *expected is the right check character. */
enum uscc_status uscc_check(const char *code, size_t *where, char *expected);
/* The check character for the first 17 characters, or 0 when one of them is
 * outside the charset. */
char uscc_check_char(const char *first17);

#endif
