#include "utf8.h"

#include <string.h>

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t
utf8_decode_or_replace(const char *s, size_t n, uint32_t *cp)
{
	size_t k = utf8_decode(s, n, cp);
	if (k == 0) {
		*cp = 0xFFFD;
		k = 1;
	}
	return k;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_find_invalid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		/* The common case of Chinese text: a three-byte sequence
		 * outside the surrogates and above U+07FF. */
		if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(str + i, n - i, &cp);
		if (len == 0)
			return i;
		i += len;
	}
	return (size_t)-1;
}

bool
utf8_is_clean(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + n;
	while (s < end) {
		unsigned c = *s;
		/* The common case of Chinese text first: a lead E1..EC (no
		 * limits on the second byte, unlike E0, ED; no noncharacters,
		 * unlike EF) and two continuation bytes 80..BF. */
		if (c - 0xE1u <= 0xEC - 0xE1 && end - s >= 3 && ((s[1] ^ 0x80u) | (s[2] ^ 0x80u)) < 0x40) {
			s += 3;
			continue;
		}
		if (c < 0x80) {
			if (c < 0x20 ? c != '\t' && c != '\n' : c == 0x7F)
				return false;
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			/* two bytes; C2 80..9F are the C1 controls */
			if (end - s < 2 || (s[1] & 0xC0) != 0x80 || (c == 0xC2 && s[1] <= 0x9F))
				return false;
			s += 2;
			continue;
		}
		if (end - s < 3 || c < 0xE0 || c > 0xEF)
			return false;
		unsigned c1 = s[1], c2 = s[2];
		if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80)
			return false;
		/* E0 below U+0800, ED surrogates, EF B7 90..AF and EF BF BE..BF
		 * noncharacters. */
		if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) ||
		    (c == 0xEF && ((c1 == 0xB7 && c2 >= 0x90 && c2 <= 0xAF) || (c1 == 0xBF && c2 >= 0xBE))))
			return false;
		s += 3;
	}
	return true;
}

size_t
utf8_next_unwanted(const char *str, size_t n, size_t from, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = from; i < n;) {
		unsigned char c = s[i];
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
				*cp = c;
				return i;
			}
			i++;
			continue;
		}
		size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		/* Only U+0080..U+009F (C2 80..9F), U+FDD0..U+FDEF and
		 * U+xFFFE/U+xFFFF (lead EF or F0..F4) can be unwanted. */
		if (c == 0xC2 || c == 0xEF || c >= 0xF0) {
			uint32_t v;
			if (utf8_decode(str + i, n - i, &v) != 0 && utf8_is_unwanted(v)) {
				*cp = v;
				return i;
			}
		}
		i += len;
	}
	return (size_t)-1;
}

void
utf8_line_col(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

size_t
utf8_length(const char *s, size_t n)
{
	/* Eight bytes at a time: a continuation byte has bit 7 set and bit 6
	 * clear; the multiplication adds the eight bits that say so into the
	 * top byte (a count without the processor's popcount instruction,
	 * which the baseline x86-64 lacks). */
	size_t count = 0, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t cont = x & ~(x << 1) & 0x8080808080808080ULL;
		count += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

bool
utf8_is_unwanted(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n';
	if (cp >= 0x7F && cp <= 0x9F)
		return true;
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}
