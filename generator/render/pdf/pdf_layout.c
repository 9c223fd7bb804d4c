#include "pdf_layout.h"

#include <stdlib.h>
#include <string.h>

#include "../../utf8.h"
#include "../../util.h"
#include "pdf_haru.h"

/* ---- styled paragraphs ---- */

void
pdf_metrics_init(struct pdf_metrics *m, const struct pdf_fonts *fs)
{
	m->fs = fs;
	m->cache = xcalloc(fs->n ? fs->n : 1, sizeof(*m->cache));
}

void
pdf_metrics_free(struct pdf_metrics *m)
{
	for (size_t i = 0; m->fs && i < m->fs->n; i++)
		free(m->cache[i]);
	free(m->cache);
	memset(m, 0, sizeof(*m));
}

int
pdf_metrics_pick(struct pdf_metrics *m, const struct pdf_chain *c, uint32_t cp, int *width)
{
	*width = 0;
	if (cp > 0xFFFF)
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		int f = c->ids[i];
		if (m->cache[f] == NULL) {
			m->cache[f] = xmalloc(0x10000 * sizeof(**m->cache));
			for (size_t k = 0; k < 0x10000; k++)
				m->cache[f][k] = -2;
		}
		int32_t *v = &m->cache[f][cp];
		if (*v == -2) {
			const struct pdf_face *face = m->fs->faces[f];
			*v = pdf_face_covers(face, cp) ? pdf_face_width(face, cp) : -1;
		}
		if (*v >= 0) {
			*width = *v;
			return f;
		}
	}
	return -1;
}

static void
para_grow(struct pdf_para *p)
{
	if (p->n < p->cap)
		return;
	p->cap = p->cap ? 2 * p->cap : 16;
	p->cps = xrealloc(p->cps, p->cap * sizeof(*p->cps));
	p->style = xrealloc(p->style, p->cap * sizeof(*p->style));
	p->face = xrealloc(p->face, p->cap * sizeof(*p->face));
	p->w = xrealloc(p->w, p->cap * sizeof(*p->w));
	p->squeeze = xrealloc(p->squeeze, p->cap * sizeof(*p->squeeze));
	p->mark = xrealloc(p->mark, p->cap * sizeof(*p->mark));
}

bool
pdf_para_skips(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200D) ||
	       cp == 0x2060 || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F);
}

void
pdf_para_add(struct pdf_para *p, struct pdf_metrics *m, const struct pdf_style *styles, unsigned style,
             const char *s, size_t len, int mark, uint32_t *bad)
{
	const struct pdf_style *st = &styles[style];
	for (size_t off = 0; off < len;) {
		uint32_t cp;
		size_t k = utf8_decode_or_replace(s + off, len - off, &cp);
		off += k;
		if (cp == '\t')
			cp = ' ';
		if (pdf_para_skips(cp))
			continue;
		int width = 0;
		int face = cp == '\n' ? -1 : pdf_metrics_pick(m, st->chain, cp, &width);
		if (face < 0 && cp != '\n') {
			if (bad && *bad == 0)
				*bad = cp;
			continue;
		}
		/* a space between two Chinese characters is not set */
		if (p->n >= 2 && p->cps[p->n - 1] == ' ' && pdf_break_wide(cp) && pdf_break_wide(p->cps[p->n - 2]))
			p->n--;
		para_grow(p);
		size_t i = p->n++;
		p->cps[i] = cp;
		p->style[i] = (unsigned short)style;
		p->face[i] = (short)face;
		p->mark[i] = mark;
		p->w[i] = width * st->size / 1000.0 + st->tracking;
		p->squeeze[i] = pdf_break_squeezable(cp) && p->w[i] >= 0.9 * st->size
		                    ? 0.5 * st->size
		                    : 0;
	}
}

uint32_t
pdf_para_last(const struct pdf_para *p)
{
	return p->n ? p->cps[p->n - 1] : 0;
}

size_t
pdf_para_break(struct pdf_para *p, double width, double indent)
{
	p->lines.n = 0;
	if (p->n == 0)
		return 0;
	char *brk = xmalloc(p->n);
	pdf_break_opportunities(p->cps, p->n, brk);
	size_t n = pdf_break_lines(p->cps, p->w, p->squeeze, brk, p->n, width, indent, &p->lines);
	free(brk);
	return n;
}

void
pdf_para_widths(const struct pdf_para *p, double *whole, double *piece)
{
	*whole = *piece = 0;
	if (p->n == 0)
		return;
	char *brk = xmalloc(p->n);
	pdf_break_opportunities(p->cps, p->n, brk);
	double run = 0, line = 0;
	for (size_t i = 0; i < p->n; i++) {
		run += p->w[i];
		line += p->w[i];
		if (brk[i] != PDF_BREAK_NO) {
			if (run > *piece)
				*piece = run;
			run = 0;
		}
		if (brk[i] == PDF_BREAK_MUST) {
			if (line > *whole)
				*whole = line;
			line = 0;
		}
	}
	free(brk);
}

void
pdf_para_use(const struct pdf_para *p, struct pdf_doc_fonts *d)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->face[i] >= 0)
			pdf_doc_fonts_use(d, p->face[i], p->cps[i]);
}

static double
line_spacing(const struct pdf_line_box *l, bool justify)
{
	return justify || l->spacing < 0 ? l->spacing : 0;
}

double
pdf_para_line_width(const struct pdf_para *p, size_t i, bool justify)
{
	const struct pdf_line_box *l = &p->lines.v[i];
	size_t count = l->to - l->from;
	return count ? l->natural + line_spacing(l, justify) * (double)(count - 1) : 0;
}

/* Shows the characters [a, b) of a paragraph in one face and style. */
static HPDF_STATUS
show_run(HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_para *p, size_t a, size_t b)
{
	struct buf coded = {0};
	HPDF_STATUS st = HPDF_OK;
	for (size_t i = a; i < b && st == HPDF_OK; i++) {
		if (p->face[i] < 0)
			continue;
		uint32_t code = pdf_doc_fonts_code(d, p->face[i], p->cps[i]);
		char u[4];
		if (code == 0)
			st = HPDF_INVALID_FONT; /* a character not given to pdf_para_use() */
		else
			buf_add(&coded, u, utf8_encode(code, u));
	}
	if (st == HPDF_OK && coded.len)
		st = pdf_show_text(page, coded.p, coded.len);
	buf_free(&coded);
	return st;
}

/* The end of the run of characters from a in one face and style. */
static size_t
run_end(const struct pdf_para *p, const struct pdf_line_box *l, size_t a)
{
	size_t b = a + 1;
	while (b < l->to && p->face[b] == p->face[a] && p->style[b] == p->style[a])
		b++;
	return b;
}

/* The line as one text object written at once (pdf_haru.h); the same
 * operators, in the same order, as draw_line_haru() has libharu write. */
static HPDF_STATUS
draw_line_text(struct pdf_text *t, const struct pdf_doc_fonts *d, const struct pdf_para *p,
               const struct pdf_style *styles, const struct pdf_line_box *l, double x, double y, bool justify)
{
	pdf_text_char_space(t, (HPDF_REAL)line_spacing(l, justify));
	pdf_text_move(t, (HPDF_REAL)x, (HPDF_REAL)y);
	int cur_style = -1;
	double rise = 0, track = 0;
	unsigned *codes = xmalloc((l->to - l->from) * sizeof(*codes));
	for (size_t a = l->from; a < l->to && !t->refused;) {
		size_t b = run_end(p, l, a);
		if (p->face[a] >= 0) {
			const struct pdf_style *s = &styles[p->style[a]];
			HPDF_Font font = d->font[p->face[a]];
			if (font == NULL)
				t->refused = true;
			else
				pdf_text_font(t, font, (HPDF_REAL)s->size);
			if (cur_style != p->style[a])
				pdf_text_fill(t, (HPDF_REAL)s->rgb[0], (HPDF_REAL)s->rgb[1], (HPDF_REAL)s->rgb[2]);
			if (s->tracking != track) {
				pdf_text_char_space(t, (HPDF_REAL)(line_spacing(l, justify) + s->tracking));
				track = s->tracking;
			}
			if (s->rise != rise) {
				pdf_text_rise(t, (HPDF_REAL)s->rise);
				rise = s->rise;
			}
			cur_style = p->style[a];
			size_t n = 0;
			for (size_t i = a; i < b; i++) {
				uint32_t code = pdf_doc_fonts_code(d, p->face[i], p->cps[i]);
				if (code == 0)
					t->refused = true; /* a character not given to pdf_para_use() */
				codes[n++] = code;
			}
			if (!t->refused)
				pdf_text_show(t, codes, n, pdf_doc_fonts_shown(d, p->face[a]));
		}
		a = b;
	}
	free(codes);
	return pdf_text_end(t);
}

static HPDF_STATUS draw_line_haru(HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_para *p,
                                  const struct pdf_style *styles, const struct pdf_line_box *l, double x, double y,
                                  bool justify);

HPDF_STATUS
pdf_para_draw_line(HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_para *p,
                   const struct pdf_style *styles, size_t li, double x, double y, bool justify)
{
	const struct pdf_line_box *l = &p->lines.v[li];
	if (l->to <= l->from)
		return HPDF_OK;
	struct pdf_text t;
	if (pdf_text_begin(&t, page)) {
		HPDF_STATUS st = draw_line_text(&t, d, p, styles, l, x, y, justify);
		if (st != HPDF_THIS_FUNC_WAS_SKIPPED)
			return st;
	}
	return draw_line_haru(page, d, p, styles, l, x, y, justify);
}

/* The line through libharu's calls, which check each value and report
 * one they refuse. */
static HPDF_STATUS
draw_line_haru(HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_para *p,
               const struct pdf_style *styles, const struct pdf_line_box *l, double x, double y, bool justify)
{
	HPDF_STATUS st = HPDF_Page_BeginText(page);
	if (st == HPDF_OK)
		st = HPDF_Page_SetCharSpace(page, (HPDF_REAL)line_spacing(l, justify));
	if (st == HPDF_OK)
		st = HPDF_Page_MoveTextPos(page, (HPDF_REAL)x, (HPDF_REAL)y);
	int cur_style = -1;
	double rise = 0, track = 0;
	for (size_t a = l->from; a < l->to && st == HPDF_OK;) {
		size_t b = run_end(p, l, a);
		if (p->face[a] >= 0) {
			const struct pdf_style *s = &styles[p->style[a]];
			HPDF_Font font = d->font[p->face[a]];
			st = font ? HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)s->size) : HPDF_INVALID_FONT;
			if (st == HPDF_OK && cur_style != p->style[a])
				st = HPDF_Page_SetRGBFill(page, (HPDF_REAL)s->rgb[0], (HPDF_REAL)s->rgb[1], (HPDF_REAL)s->rgb[2]);
			if (st == HPDF_OK && s->tracking != track) {
				st = HPDF_Page_SetCharSpace(page, (HPDF_REAL)(line_spacing(l, justify) + s->tracking));
				track = s->tracking;
			}
			if (st == HPDF_OK && s->rise != rise) {
				st = HPDF_Page_SetTextRise(page, (HPDF_REAL)s->rise);
				rise = s->rise;
			}
			cur_style = p->style[a];
			if (st == HPDF_OK)
				st = show_run(page, d, p, a, b);
		}
		a = b;
	}
	HPDF_STATUS end = HPDF_Page_EndText(page);
	return st != HPDF_OK ? st : end;
}

void
pdf_para_draw_in(HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_para *p,
                 const struct pdf_style *styles, size_t i, double x, double w, double y, enum pdf_align align,
                 HPDF_STATUS *st)
{
	if (i >= p->lines.n || *st != HPDF_OK)
		return;
	bool justify = align == PDF_JUSTIFY;
	double lw = pdf_para_line_width(p, i, justify);
	double dx = align == PDF_CENTRE ? (w - lw) / 2 : align == PDF_RIGHT ? w - lw : 0;
	*st = pdf_para_draw_line(page, d, p, styles, i, x + (dx > 0 ? dx : 0), y, justify);
}

void
pdf_stroke(HPDF_Page page, double x0, double y0, double x1, double y1, double width, const double rgb[3],
           HPDF_STATUS *st)
{
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBStroke(page, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1], (HPDF_REAL)rgb[2]);
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetLineWidth(page, (HPDF_REAL)width);
	if (*st == HPDF_OK)
		*st = HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y0);
	if (*st == HPDF_OK)
		*st = HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y1);
	if (*st == HPDF_OK)
		*st = HPDF_Page_Stroke(page);
}

void
pdf_para_free(struct pdf_para *p)
{
	free(p->cps);
	free(p->style);
	free(p->face);
	free(p->w);
	free(p->squeeze);
	free(p->mark);
	pdf_lines_free(&p->lines);
	memset(p, 0, sizeof(*p));
}
