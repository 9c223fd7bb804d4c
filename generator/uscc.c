#include "uscc.h"

#include <string.h>

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static int
value_of(char c)
{
	if (c == '\0')
		return -1;
	const char *p = strchr(charset, c);
	return p ? (int)(p - charset) : -1;
}

char
uscc_check_char(const char *s)
{
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		int v = value_of(s[i]);
		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	return charset[(31 - sum % 31) % 31];
}

enum uscc_status
uscc_check(const char *code, size_t *where, char *expected)
{
	for (size_t i = 0; code[i]; i++) {
		if (value_of(code[i]) < 0) {
			if (where)
				*where = i;
			return USCC_CHARSET;
		}
	}
	if (strlen(code) != 18)
		return USCC_LENGTH;
	char c = uscc_check_char(code);
	if (c != code[17]) {
		if (expected)
			*expected = c;
		return USCC_CHECK;
	}
	return USCC_OK;
}
