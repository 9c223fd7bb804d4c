/* mutate SEED FILE: rewrites FILE with a few random edits (byte flips,
 * deletions, insertions of YAML and Markdown syntax, truncation, copied
 * lines), the same edits for the same seed. The robustness suite builds
 * trees mutated this way and expects a diagnostic, never a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static unsigned long long state;

static unsigned
next(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return n ? (unsigned)(state % n) : 0;
}

/* Moves an offset back to the start of its UTF-8 character, so that most
 * edits keep the text valid and reach past the encoding check. */
static size_t
align(const struct buf *b, size_t i)
{
	while (i > 0 && i < b->len && ((unsigned char)b->p[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static const char *const snippets[] = {
	"\n", ": ", "- ", "[", "{", "\"", "'", "\t", "#", "---\n", "&a ", "*a", "!!binary ", "\xEF\xBB\xBF",
	"\xF0\xA0\xAE\xB7", "](", "<div>", "%", "\r", "\xFF", "../../../../", "javascript:", "2025-02-30", "\\",
};

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mutate SEED FILE\n");
		return 2;
	}
	state = strtoull(argv[1], NULL, 10) * 2654435761ULL + 88172645463325252ULL;
	struct buf b = {0};
	if (read_file(argv[2], &b) != 0) {
		perror(argv[2]);
		return 2;
	}
	int edits = 1 + (int)next(4);
	for (int e = 0; e < edits && b.len > 0; e++) {
		size_t i = next((unsigned)b.len);
		struct buf o = {0};
		int op = (int)next(6);
		if (op != 0)
			i = align(&b, i);
		switch (op) {
		case 0:
			b.p[i] = (char)next(256);
			continue;
		case 1: {
			size_t n = 1 + next(20);
			if (i + n > b.len)
				n = b.len - i;
			n = align(&b, i + n) > i ? align(&b, i + n) - i : n;
			memmove(b.p + i, b.p + i + n, b.len - i - n);
			b.len -= n;
			continue;
		}
		case 2: {
			const char *s = snippets[next(sizeof(snippets) / sizeof(snippets[0]))];
			buf_add(&o, b.p, i);
			buf_puts(&o, s);
			buf_add(&o, b.p + i, b.len - i);
			break;
		}
		case 3:
			b.len = i;
			continue;
		case 4: {
			size_t j = align(&b, next((unsigned)b.len)), n = 1 + next(60);
			if (j + n > b.len)
				n = b.len - j;
			n = align(&b, j + n) > j ? align(&b, j + n) - j : n;
			buf_add(&o, b.p, i);
			buf_add(&o, b.p + j, n);
			buf_add(&o, b.p + i, b.len - i);
			break;
		}
		default: {
			/* Copy the line around j to the start of the line around i. */
			size_t j = next((unsigned)b.len), ls = i, js = j, je = j;
			while (ls > 0 && b.p[ls - 1] != '\n')
				ls--;
			while (js > 0 && b.p[js - 1] != '\n')
				js--;
			while (je < b.len && b.p[je] != '\n')
				je++;
			buf_add(&o, b.p, ls);
			buf_add(&o, b.p + js, je - js);
			buf_putc(&o, '\n');
			buf_add(&o, b.p + ls, b.len - ls);
			break;
		}
		}
		buf_free(&b);
		b = o;
	}
	int rc = write_file(argv[2], b.p ? b.p : "", b.len);
	if (rc != 0)
		perror(argv[2]);
	buf_free(&b);
	return rc != 0 ? 2 : 0;
}
