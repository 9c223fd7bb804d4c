/* UTF-8 validation and decoding. */
#ifndef QB_UTF8_H
#define QB_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (at most n bytes). Returns its length in bytes
 * and stores the code point, or returns 0 for an invalid sequence (overlong,
 * surrogate, above U+10FFFF, truncated). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* The same for text that is drawn whatever it holds: an invalid byte is
 * U+FFFD and one byte long. n must not be 0. */
size_t utf8_decode_or_replace(const char *s, size_t n, uint32_t *cp);
/* Encodes a code point; returns its length (1-4), 0 when cp is invalid. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Returns the byte offset of the first invalid sequence, or (size_t)-1 when
 * the whole text is valid UTF-8. */
size_t utf8_find_invalid(const char *s, size_t n);
/* Whether s holds only valid UTF-8 without the characters utf8_is_unwanted
 * (so without NUL): one quick pass for the common text; false also for
 * clean texts with four-byte sequences, which the exact checks then
 * settle. */
bool utf8_is_clean(const char *s, size_t n);
/* The 1-based line and column (in code points) of a byte offset. */
void utf8_line_col(const char *s, size_t off, int *line, int *col);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s, size_t n);
/* Whether a code point has no place in text: a control character (C0 but
 * tab and line feed, DEL, C1) or a noncharacter (U+FDD0-U+FDEF, U+FFFE,
 * U+FFFF and their likes in every plane). XML cannot carry most of them. */
bool utf8_is_unwanted(uint32_t cp);
/* In valid UTF-8 s of n bytes: the offset of the first character at or
 * after from that utf8_is_unwanted, with the character in *cp, or
 * (size_t)-1. */
size_t utf8_next_unwanted(const char *s, size_t n, size_t from, uint32_t *cp);

#endif
