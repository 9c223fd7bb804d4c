#include "pdf_check.h"

#include <stdlib.h>
#include <string.h>

#include "../../utf8.h"
#include "pdf_layout.h"

static bool
seen(struct pdf_check *k, struct pos p)
{
	for (size_t i = 0; i < k->nseen; i++)
		if (k->seen[i].line == p.line && k->seen[i].col == p.col &&
		    (k->seen[i].file == p.file || (k->seen[i].file && p.file && strcmp(k->seen[i].file, p.file) == 0)))
			return true;
	k->seen = xrealloc(k->seen, (k->nseen + 1) * sizeof(*k->seen));
	k->seen[k->nseen++] = p;
	return false;
}

int
pdf_check_text(struct pdf_check *k, const struct pdf_fonts *fs, const struct pdf_chain *chain, const char *s,
               struct pos at, const char *what, const char *output)
{
	int errors = 0, col = at.col;
	for (size_t off = 0, n = strlen(s); off < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + off, n - off, &cp);
		if (len == 0)
			break;
		off += len;
		if (cp == '\n') {
			at.line += at.line ? 1 : 0;
			col = at.col;
			continue;
		}
		if (!pdf_para_skips(cp) && pdf_chain_pick(fs, chain, cp) < 0) {
			struct pos p = {at.file, at.line, at.line ? col : 0};
			errors++;
			if (!seen(k, p)) {
				char ch[8], *names = pdf_chain_names(fs, chain);
				ch[utf8_encode(cp, ch)] = '\0';
				if (cp > 0xFFFF)
					diag_error(p,
					           "%s has '%s' (U+%04X), which the %s cannot print: the PDF library encodes no "
					           "character above U+FFFF",
					           what, ch, (unsigned)cp, output);
				else
					diag_error(p, "%s has '%s' (U+%04X), which the %s cannot print: no face has it (%s)", what, ch,
					           (unsigned)cp, output, names);
				free(names);
				k->errors++;
			}
		}
		col++;
	}
	return errors;
}

void
pdf_check_field(struct pdf_check *k, const struct pdf_fonts *fs, const struct pdf_chain *const *chains, size_t n,
                const char *s, struct pos at, const char *what, const char *output)
{
	for (size_t i = 0; s && i < n; i++)
		if (pdf_check_text(k, fs, chains[i], s, at, what, output) > 0)
			return;
}

void
pdf_check_free(struct pdf_check *k)
{
	free(k->seen);
	k->seen = NULL;
	k->nseen = 0;
}
