#include "pdf_break.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

#include "../../utf8.h"
#include "../../util.h"

void
pdf_break_init(void)
{
	init_linebreak();
}

static bool
in_list(uint32_t cp, const uint32_t *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == cp)
			return true;
	return false;
}

/* True when cp is outside every list below: ASCII letters and digits,
 * most of the BMP. */
static bool
plain(uint32_t cp)
{
	if (cp < 0x80)
		return strchr(",.;:!?)]}([{", (int)cp) == NULL || cp == 0;
	return cp != 0xB7 && (cp < 0x2018 || (cp > 0x2026 && cp < 0x3001) || (cp > 0x30FB && cp < 0xFF01));
}

bool
pdf_break_no_start(uint32_t cp)
{
	if (plain(cp))
		return false;
	static const uint32_t list[] = {
	    0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF0E, /* ，。、；：！？． */
	    0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x3009, 0xFF3D, 0xFF5D,
	    0x2019, 0x201D, 0x301E, 0x301F,                 /* closing quotation marks */
	    0x2026, 0x2025, 0x00B7, 0x30FB, 0xFF65, 0xFF5E, /* … ‥ · ・ ･ ～ */
	    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, /* small kana */
	    0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
	    ',', '.', ';', ':', '!', '?', ')', ']', '}'};
	return in_list(cp, list, sizeof(list) / sizeof(list[0]));
}

bool
pdf_break_no_end(uint32_t cp)
{
	if (plain(cp))
		return false;
	static const uint32_t list[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A,
	                                0x3008, 0xFF3B, 0xFF5B, 0x2018, 0x201C, 0x301D, '(', '[', '{'};
	return in_list(cp, list, sizeof(list) / sizeof(list[0]));
}

bool
pdf_break_squeezable(uint32_t cp)
{
	if (plain(cp))
		return false;
	static const uint32_t list[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300B,
	                                0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3009, 0xFF08, 0x300A, 0x300C,
	                                0x300E, 0x3010, 0x3014, 0x3016, 0x3008, 0x2018, 0x2019, 0x201C, 0x201D};
	return in_list(cp, list, sizeof(list) / sizeof(list[0]));
}

/* The unbreakable pairs of clreq: —— and ……. */
static bool
joined(uint32_t a, uint32_t b)
{
	return a == b && (a == 0x2014 || a == 0x2026);
}

char *
pdf_break_opportunities(const uint32_t *cps, size_t n, char *brk)
{
	if (n == 0)
		return brk;
	/* libunibreak 1.1 stops the program on some sequences of characters
	 * above U+FFFF (regional indicators); the book never draws those. */
	utf32_t *v = xcalloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = cps[i] > 0xFFFF ? 0x4E00 : cps[i];
	set_linebreaks_utf32(v, n, "zh", brk);
	free(v);
	for (size_t i = 0; i < n; i++) {
		int b = brk[i] == LINEBREAK_MUSTBREAK ? PDF_BREAK_MUST
		        : brk[i] == LINEBREAK_ALLOWBREAK ? PDF_BREAK_ALLOW
		                                         : PDF_BREAK_NO;
		if (b == PDF_BREAK_ALLOW && i + 1 < n &&
		    (pdf_break_no_start(cps[i + 1]) || pdf_break_no_end(cps[i]) || joined(cps[i], cps[i + 1])))
			b = PDF_BREAK_NO;
		brk[i] = (char)b;
	}
	brk[n - 1] = PDF_BREAK_MUST;
	return brk;
}

static bool
is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x3000 || cp == 0x200B;
}

static void
push(struct pdf_lines *out, size_t from, size_t to, double natural, double avail, size_t count, bool last)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 4;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	struct pdf_line_box *l = &out->v[out->n++];
	l->from = from;
	l->to = to;
	l->natural = natural;
	l->last = last;
	l->spacing = 0;
	if (count > 1 && (!last || natural > avail))
		l->spacing = (avail - natural) / (double)(count - 1);
}

/* Ends a line [from, to): trims blanks at its end and appends it. */
static void
end_line(struct pdf_lines *out, const uint32_t *cps, const double *w, size_t from, size_t to, double avail,
         bool last)
{
	size_t end = to;
	while (end > from && is_blank(cps[end - 1]))
		end--;
	double natural = 0;
	for (size_t i = from; i < end; i++)
		natural += w[i];
	push(out, from, end, natural, avail, end - from, last);
}

/* True when the characters from `from` to the next break opportunity are
 * wider than a line: such a run is broken where the line is full, not
 * moved whole to a line of its own. */
static bool
run_longer(const double *w, const char *brk, size_t n, size_t from, double width)
{
	double x = 0;
	for (size_t i = from; i < n; i++) {
		x += w[i];
		if (x > width)
			return true;
		if (brk[i] != PDF_BREAK_NO)
			return false;
	}
	return false;
}

size_t
pdf_break_lines(const uint32_t *cps, const double *w, const double *squeeze, const char *brk, size_t n,
                double width, double indent, struct pdf_lines *out)
{
	size_t before = out->n;
	size_t start = 0;
	bool first = true;
	while (start < n) {
		double avail = width - (first ? indent : 0);
		double x = 0, ink = 0, give = 0;
		size_t last_ok = (size_t)-1, end = n;
		bool last = true;
		for (size_t i = start; i < n; i++) {
			x += w[i];
			if (!is_blank(cps[i]))
				ink = x;
			if (squeeze)
				give += squeeze[i];
			if (ink > avail + 1e-6) {
				/* the character that does not fit may not start a line:
				 * keep it here, compressed, when the line can give enough */
				if (pdf_break_no_start(cps[i]) && i > start && brk[i] != PDF_BREAK_NO &&
				    ink - avail <= give + 1e-6) {
					end = i + 1;
					last = brk[i] == PDF_BREAK_MUST;
				} else if (last_ok != (size_t)-1 && !run_longer(w, brk, n, last_ok + 1, width)) {
					end = last_ok + 1;
					last = false;
				} else {
					/* no opportunity: between characters, not before one
					 * that may not start a line */
					end = i > start ? i : start + 1;
					if (end - 1 > start && end < n && pdf_break_no_start(cps[end]))
						end--;
					last = false;
				}
				break;
			}
			if (brk[i] == PDF_BREAK_MUST) {
				end = i + 1;
				last = true;
				break;
			}
			if (brk[i] == PDF_BREAK_ALLOW)
				last_ok = i;
		}
		end_line(out, cps, w, start, end, avail, last);
		start = end;
		first = false;
	}
	return out->n - before;
}

void
pdf_lines_free(struct pdf_lines *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

bool
pdf_break_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || cp == 0x2014 || cp == 0x2026 || (cp >= 0x2018 && cp <= 0x201D) ||
	       cp >= 0x20000;
}

size_t
pdf_break_text(const char *text, size_t len, double width, struct pdf_lines *out, uint32_t **cps_out,
               size_t *ncps)
{
	uint32_t *cps = xcalloc(len ? len : 1, sizeof(*cps));
	size_t n = 0;
	for (size_t off = 0; off < len;) {
		size_t k = utf8_decode_or_replace(text + off, len - off, &cps[n]);
		n++;
		off += k;
	}
	double *w = xcalloc(n ? n : 1, sizeof(*w));
	double *sq = xcalloc(n ? n : 1, sizeof(*sq));
	char *brk = xmalloc(n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		w[i] = cps[i] == '\n' ? 0 : pdf_break_wide(cps[i]) ? 1.0 : 0.5;
		sq[i] = pdf_break_squeezable(cps[i]) ? 0.5 : 0;
	}
	pdf_break_opportunities(cps, n, brk);
	size_t lines = pdf_break_lines(cps, w, sq, brk, n, width, 0, out);
	free(w);
	free(sq);
	free(brk);
	*cps_out = cps;
	*ncps = n;
	return lines;
}

/* ---- pages ---- */

size_t
pdf_paginate(struct pdf_vbox *v, size_t n, double height, double foot_sep, size_t first)
{
	size_t page = 0, start = 0, i = 0;
	double y = 0, foot = 0;
	bool empty = true;
	while (i < n) {
		struct pdf_vbox *b = &v[i];
		if (!empty && (b->flags & (PDF_V_PAGE | PDF_V_ODD))) {
			page++;
			empty = true;
			y = foot = 0;
			start = i;
		}
		if (empty && (b->flags & PDF_V_ODD) && (first + page) % 2 == 0)
			page++;
		double top = empty ? b->head : b->space_before;
		double f = foot + b->foot;
		double notes = f > 0 ? foot_sep + f : 0;
		if (!empty && y + top + b->height + notes > height + 1e-6) {
			/* back to the last box that allows a break after it */
			size_t k = i;
			while (k > start && (v[k - 1].flags & PDF_V_KEEP))
				k--;
			i = k > start ? k : i;
			page++;
			empty = true;
			y = foot = 0;
			start = i;
			continue;
		}
		b->page = page;
		b->y = y + top;
		b->headed = empty && b->head > 0;
		y += top + b->height;
		foot = f;
		empty = false;
		i++;
	}
	return n ? page + 1 : 0;
}
