#include "pdf_text.h"

#include <linebreak.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../utf8.h"
#include "../../util.h"
#include "pdf_haru.h"

void
pdf_text_init(void)
{
	init_linebreak();
}

int
pdf_line_init(struct pdf_line *l, const struct pdf_fonts *fs, const struct pdf_chain *c, const char *text,
              size_t len, uint32_t *bad)
{
	memset(l, 0, sizeof(*l));
	l->text = xstrndup(text, len);
	l->len = len;
	l->runs = xcalloc(len ? len : 1, sizeof(*l->runs));
	for (size_t off = 0; off < len;) {
		uint32_t cp;
		size_t n = utf8_decode_or_replace(text + off, len - off, &cp);
		int face = pdf_chain_pick(fs, c, cp);
		if (face < 0) {
			*bad = cp;
			pdf_line_free(l);
			return -1;
		}
		if (l->nruns && l->runs[l->nruns - 1].face == face) {
			l->runs[l->nruns - 1].len += n;
		} else {
			l->runs[l->nruns].face = face;
			l->runs[l->nruns].off = off;
			l->runs[l->nruns++].len = n;
		}
		l->units += pdf_face_width(fs->faces[face], cp);
		l->nchars++;
		off += n;
	}
	return 0;
}

void
pdf_line_free(struct pdf_line *l)
{
	free(l->text);
	free(l->runs);
	memset(l, 0, sizeof(*l));
}

double
pdf_line_width(const struct pdf_line *l, double size, double tracking)
{
	if (l->nchars == 0)
		return 0;
	return (double)l->units * size / 1000.0 + tracking * size * (double)(l->nchars - 1);
}

void
pdf_line_use(const struct pdf_line *l, struct pdf_doc_fonts *d)
{
	pdf_line_use_at(l, d, HUGE_VAL);
}

void
pdf_line_use_at(const struct pdf_line *l, struct pdf_doc_fonts *d, double size)
{
	for (size_t i = 0; i < l->nruns; i++) {
		const struct pdf_run *r = &l->runs[i];
		for (size_t off = r->off; off < r->off + r->len;) {
			uint32_t cp;
			size_t n = utf8_decode(l->text + off, r->off + r->len - off, &cp);
			if (n == 0)
				break;
			pdf_doc_fonts_use_at(d, r->face, cp, size);
			off += n;
		}
	}
}

void
pdf_num(struct buf *ops, double v)
{
	long long k = llround(v * 1000.0);
	char d[32], *e = d + sizeof(d), *q = e;
	*--q = ' ';
	bool neg = k < 0;
	unsigned long long u = (unsigned long long)(neg ? -k : k);
	int frac = (int)(u % 1000);
	u /= 1000;
	if (frac) {
		int digits = 3;
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		for (int i = 0; i < digits; i++, frac /= 10)
			*--q = (char)('0' + frac % 10);
		*--q = '.';
	}
	do
		*--q = (char)('0' + u % 10);
	while (u /= 10);
	if (neg)
		*--q = '-';
	buf_add(ops, q, (size_t)(e - q));
}

int
pdf_line_ops(struct buf *ops, HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_line *l, double x,
             double y, double size, double tracking)
{
	if (l->nruns == 0)
		return 0;
	static const char hex[] = "0123456789ABCDEF";
	buf_puts(ops, "BT\n");
	pdf_num(ops, tracking * size);
	buf_puts(ops, "Tc\n");
	pdf_num(ops, x);
	pdf_num(ops, y);
	buf_puts(ops, "Td\n");
	for (size_t i = 0; i < l->nruns; i++) {
		const struct pdf_run *r = &l->runs[i];
		const char *name = d->font[r->face] ? pdf_haru_page_font(page, d->font[r->face]) : NULL;
		if (name == NULL)
			return -1;
		buf_printf(ops, "/%s ", name);
		pdf_num(ops, size);
		buf_puts(ops, "Tf\n<");
		for (size_t off = r->off; off < r->off + r->len;) {
			uint32_t cp;
			size_t n = utf8_decode(l->text + off, r->off + r->len - off, &cp);
			uint32_t code = n ? pdf_doc_fonts_code(d, r->face, cp) : 0;
			if (code == 0)
				return -1;
			char c[4] = {hex[code >> 12 & 15], hex[code >> 8 & 15], hex[code >> 4 & 15], hex[code & 15]};
			buf_add(ops, c, 4);
			off += n;
		}
		buf_puts(ops, ">Tj\n");
	}
	buf_puts(ops, "ET\n");
	return 0;
}

static bool
is_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000 || cp == '\t';
}

/* Characters that end a word in names and titles: punctuation, closing
 * brackets, and the last characters of the usual parts of organisation
 * names (公司, 集团, 工厂, 研究院, 事务所, 管理局) and of joined phrases. */
static bool
ends_word(uint32_t cp)
{
	static const uint32_t chars[] = {0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF09, 0x300D, 0x300F, 0x3011, 0x3015, ')',
	                                 ',',    0x7684, 0x4E0E, 0x548C, 0x53CA, 0x53F8, 0x56E2, 0x5382, 0x9662, 0x6240,
	                                 0x5C40};
	for (size_t i = 0; i < sizeof(chars) / sizeof(chars[0]); i++)
		if (chars[i] == cp)
			return true;
	return false;
}

/* Width in points per point of size of the characters [a, b), spaces at
 * either end left out. */
static double
span_width(const long *prefix, const uint32_t *cps, size_t a, size_t b, double tracking)
{
	while (a < b && is_space(cps[a]))
		a++;
	while (b > a && is_space(cps[b - 1]))
		b--;
	if (a == b)
		return 0;
	return (double)(prefix[b] - prefix[a]) / 1000.0 + tracking * (double)(b - a - 1);
}

/* Byte offsets of the trimmed span [a, b) of characters. */
static void
span_bytes(const size_t *offs, const uint32_t *cps, size_t a, size_t b, size_t *from, size_t *to)
{
	while (a < b && is_space(cps[a]))
		a++;
	while (b > a && is_space(cps[b - 1]))
		b--;
	*from = offs[a];
	*to = offs[b];
}

static double
half_points_down(double s)
{
	return floor(s * 2.0 + 1e-9) / 2.0;
}

int
pdf_fit(struct pdf_fit *out, const struct pdf_fonts *fs, const struct pdf_chain *c, const char *text,
        double max_width, double size, double min_size, double tracking, uint32_t *bad)
{
	memset(out, 0, sizeof(*out));
	size_t len = strlen(text);
	struct pdf_line whole;
	if (pdf_line_init(&whole, fs, c, text, len, bad) != 0)
		return -1;
	double per_pt = pdf_line_width(&whole, 1.0, tracking);
	if (per_pt * size <= max_width || whole.nchars < 2) {
		out->lines[0] = whole;
		out->nlines = 1;
		out->size = per_pt * size <= max_width ? size : half_points_down(max_width / per_pt);
		out->below_floor = out->size < min_size;
		return 0;
	}
	double fit = half_points_down(max_width / per_pt);
	if (fit >= min_size) {
		out->lines[0] = whole;
		out->nlines = 1;
		out->size = fit;
		return 0;
	}

	/* Per character: code point, byte offset, and running sum of advances. */
	size_t n = whole.nchars;
	uint32_t *cps = xcalloc(n + 1, sizeof(*cps));
	size_t *offs = xcalloc(n + 1, sizeof(*offs));
	long *prefix = xcalloc(n + 1, sizeof(*prefix));
	size_t k = 0;
	for (size_t off = 0; off < len && k < n;) {
		uint32_t cp;
		size_t m = utf8_decode_or_replace(text + off, len - off, &cp);
		cps[k] = cp;
		offs[k] = off;
		prefix[k + 1] = prefix[k] + pdf_face_width(fs->faces[pdf_chain_pick(fs, c, cp)], cp);
		k++;
		off += m;
	}
	offs[n] = len;
	char *brks = xmalloc(len ? len : 1);
	set_linebreaks_utf8((const utf8_t *)text, len, "zh", brks);

	/* The break after character i - 1 that makes the wider line narrowest;
	 * any character boundary when UAX #14 allows none. A break after the end
	 * of a word is taken instead when it costs at most 3.5 em more: "中国石油天然气
	 * 股份有限公司 / 长庆油田分公司" rather than "…股份有 / 限公司…". */
	size_t best = 0, best_word = 0;
	double best_w = 0, best_word_w = 0;
	for (int pass = 0; pass < 2 && best == 0; pass++) {
		for (size_t i = 1; i < n; i++) {
			if (pass == 0 && brks[offs[i] - 1] != LINEBREAK_ALLOWBREAK)
				continue;
			double w1 = span_width(prefix, cps, 0, i, tracking);
			double w2 = span_width(prefix, cps, i, n, tracking);
			double w = w1 > w2 ? w1 : w2;
			if (w1 <= 0 || w2 <= 0)
				continue;
			if (best == 0 || w < best_w) {
				best = i;
				best_w = w;
			}
			if (ends_word(cps[i - 1]) && (best_word == 0 || w < best_word_w)) {
				best_word = i;
				best_word_w = w;
			}
		}
	}
	if (best_word && best_word_w <= best_w + 3.5) {
		best = best_word;
		best_w = best_word_w;
	}
	free(brks);
	if (best == 0) {
		free(cps);
		free(offs);
		free(prefix);
		out->lines[0] = whole;
		out->nlines = 1;
		out->size = fit;
		out->below_floor = true;
		return 0;
	}
	pdf_line_free(&whole);
	size_t a0, a1, b0, b1;
	span_bytes(offs, cps, 0, best, &a0, &a1);
	span_bytes(offs, cps, best, n, &b0, &b1);
	free(cps);
	free(offs);
	free(prefix);
	if (pdf_line_init(&out->lines[0], fs, c, text + a0, a1 - a0, bad) != 0 ||
	    pdf_line_init(&out->lines[1], fs, c, text + b0, b1 - b0, bad) != 0) {
		pdf_fit_free(out);
		return -1;
	}
	out->nlines = 2;
	double two = half_points_down(max_width / best_w);
	out->size = two < size ? two : size;
	out->below_floor = out->size < min_size;
	return 0;
}

void
pdf_fit_free(struct pdf_fit *f)
{
	for (size_t i = 0; i < 2; i++)
		pdf_line_free(&f->lines[i]);
	f->nlines = 0;
}
