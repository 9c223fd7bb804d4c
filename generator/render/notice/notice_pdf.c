/* The notices as official documents: site/notices/<slug>/<slug>.pdf, each
 * published notice's text (composed once, notices.h) laid out after GB/T
 * 9704-2012 with the settings of pdf.yaml's `notice:` section.
 *
 * The first page opens with the masthead (发文机关标志) 35 mm below the
 * type area's top, the number two lines under it and a red rule under the
 * number; the title two lines below the rule, centred; the body one line
 * below the title, on a grid of 22 lines of 28 characters (the body's
 * characters are set closer by the few tenths of a point that make 28 of
 * them fill the 156 mm line), each paragraph two characters in. The
 * attachments line, the signature and the date follow the last paragraph
 * and stay on its page; each attachment starts a page of its own, its
 * table's header row repeated on every page it crosses. Page numbers
 * "— 1 —" sit 7 mm below the type area, right on odd pages, left on even
 * ones, one character in.
 *
 * Like the compendium, a document is made in steps: the text becomes a
 * flow of measured boxes that pdf_paginate() breaks into pages, the fonts
 * are subset once every character is known, then the pages are drawn. */
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../diag.h"
#include "../../utf8.h"
#include "../notices.h"
#include "../parallel.h"
#include "../pdf/pdf_haru.h"
#include "../pdf/pdf_layout.h"
#include "../render.h"
#include "../xslt.h"
#include "../pdf/pdf_check.h"
#include "notice_theme.h"

#define NONE ((size_t)-1)
#define X(s) ((const xmlChar *)(s))

int notice_pdf_begin(const struct render_ctx *ctx, void **state);
int notice_pdf_finish(void *state);
void notice_pdf_end(void *state);

enum box_kind { BOX_LINE, BOX_SPACE, BOX_HEAD, BOX_ROW };

struct box {
	enum box_kind kind;
	size_t para, line;   /* BOX_LINE */
	double x;            /* from the type area's left */
	double width;
	enum pdf_align align;
	double base;         /* the baseline, down from the box's top */
	size_t table, row;   /* BOX_ROW */
};

struct cell {
	size_t para;
	bool centre;
};

struct table {
	size_t ncols, nrows;  /* row 0 is the header */
	double *colw;
	struct cell *cells;   /* nrows × ncols */
	size_t *lines;        /* per row: its height in lines */
	double pad, pitch, size;
};

struct doc {
	const struct notice_theme *t;
	const struct notice *n;
	xmlDocPtr text;      /* the notice's text (notice_text_doc) */
	struct pdf_metrics metrics;
	struct pdf_style *styles;
	size_t nstyles, capstyles;
	struct pdf_para *paras;
	size_t nparas, capparas;
	struct box *boxes;
	struct pdf_vbox *vb;
	size_t nboxes, capboxes;
	struct table *tables;
	size_t ntables;
	size_t masthead, number; /* the head's paras, or NONE */
	double ch;           /* a body character's pitch: the grid's */
	double pitch;        /* a body line's */
	double track;        /* the body's tracking, which sets its characters on the grid */
	uint32_t bad;        /* a character no face draws */
	size_t npages;
	size_t *folios;      /* per page: the para of its number */
};

/* ---- building blocks ---- */

static unsigned
style_of(struct doc *d, const struct notice_style *s, double tracking)
{
	for (size_t i = 0; i < d->nstyles; i++)
		if (d->styles[i].chain == &s->chain && d->styles[i].size == s->size && d->styles[i].tracking == tracking)
			return (unsigned)i;
	if (d->nstyles == d->capstyles) {
		d->capstyles = d->capstyles ? 2 * d->capstyles : 16;
		d->styles = xrealloc(d->styles, d->capstyles * sizeof(*d->styles));
	}
	struct pdf_style *st = &d->styles[d->nstyles];
	memset(st, 0, sizeof(*st));
	st->chain = &s->chain;
	st->size = s->size;
	memcpy(st->rgb, s->rgb, sizeof(st->rgb));
	st->tracking = tracking;
	return (unsigned)d->nstyles++;
}

/* A para of one text in one style: its runs of white space made one
 * space, as every channel shows them. */
static size_t
text_para(struct doc *d, const struct notice_style *s, double tracking, const char *text)
{
	if (d->nparas == d->capparas) {
		d->capparas = d->capparas ? 2 * d->capparas : 64;
		d->paras = xrealloc(d->paras, d->capparas * sizeof(*d->paras));
	}
	size_t p = d->nparas++;
	memset(&d->paras[p], 0, sizeof(d->paras[p]));
	struct buf b = {0};
	buf_puts(&b, "");
	bool space = false;
	for (const char *c = text; *c; c++) {
		if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = false;
		buf_putc(&b, *c);
	}
	pdf_para_add(&d->paras[p], &d->metrics, d->styles, style_of(d, s, tracking), b.p, b.len, 0, &d->bad);
	buf_free(&b);
	return p;
}

static size_t
node_para(struct doc *d, const struct notice_style *s, double tracking, xmlNodePtr node)
{
	char *text = notice_text_of(node);
	size_t p = text_para(d, s, tracking, text);
	free(text);
	return p;
}

static struct box *
new_box(struct doc *d, enum box_kind kind, double height, unsigned flags)
{
	if (d->nboxes == d->capboxes) {
		d->capboxes = d->capboxes ? 2 * d->capboxes : 128;
		d->boxes = xrealloc(d->boxes, d->capboxes * sizeof(*d->boxes));
		d->vb = xrealloc(d->vb, d->capboxes * sizeof(*d->vb));
	}
	struct box *b = &d->boxes[d->nboxes];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->para = NONE;
	b->width = d->t->area_w;
	struct pdf_vbox *v = &d->vb[d->nboxes++];
	memset(v, 0, sizeof(*v));
	v->height = height;
	v->flags = flags;
	return b;
}

static void
blank(struct doc *d, unsigned flags)
{
	new_box(d, BOX_SPACE, d->pitch, flags);
}

/* Emits the lines of para p, broken `width` wide (the first line `indent`
 * narrower; a negative indent makes it wider), as boxes of `pitch`
 * points. keep: no page break after any of them; else none after the
 * first line nor before the last (no line of a paragraph alone at the foot
 * or the top of a page). Returns the index of its first box. */
static size_t
emit_lines(struct doc *d, size_t p, double x, double width, double indent, enum pdf_align align, double pitch,
           bool keep)
{
	struct pdf_para *pa = &d->paras[p];
	size_t n = pdf_para_break(pa, width, indent);
	size_t first = d->nboxes;
	double size = pa->n ? d->styles[pa->style[0]].size : d->t->body.size;
	for (size_t i = 0; i < n; i++) {
		unsigned flags = keep || (n >= 2 && (i == 0 || i == n - 2)) ? PDF_V_KEEP : 0;
		struct box *b = new_box(d, BOX_LINE, pitch, flags);
		b->para = p;
		b->line = i;
		b->x = x + (i == 0 ? indent : 0);
		b->width = width - (i == 0 ? indent : 0);
		b->align = align;
		b->base = (pitch - size) / 2 + size * 0.88;
	}
	return first;
}

/* A title: centred lines kept together, as even as the text allows (GB/T
 * 9704-2012 asks for a trapezoid or a diamond, not a long line over a
 * short one). */
static void
emit_title(struct doc *d, size_t p, const struct notice_style *s)
{
	double w = d->t->area_w;
	size_t n = pdf_para_break(&d->paras[p], w, 0);
	if (n >= 2) {
		double whole, piece;
		pdf_para_widths(&d->paras[p], &whole, &piece);
		for (double narrow = whole / (double)n; narrow < w; narrow += s->size / 2)
			if (pdf_para_break(&d->paras[p], narrow, 0) == n) {
				w = narrow;
				break;
			}
	}
	emit_lines(d, p, (d->t->area_w - w) / 2, w, 0, PDF_CENTRE, s->size * s->leading, true);
}

/* ---- the flow ---- */

/* The masthead, the number and the red rule, as one box at the top of the
 * first page; its height leaves the two lines above the title. */
static void
emit_head(struct doc *d, xmlNodePtr head)
{
	const struct notice_theme *t = d->t;
	xmlNodePtr mh = notice_child(head, "masthead"), num = notice_child(head, "number");
	d->masthead = mh ? node_para(d, &t->masthead, 0, mh) : NONE;
	d->number = num ? node_para(d, &t->number, 0, num) : NONE;
	if (d->masthead == NONE && d->number == NONE)
		return;
	double h = 0;
	if (d->masthead != NONE) {
		pdf_para_break(&d->paras[d->masthead], 1e9, 0);
		h = t->masthead_top + t->masthead.size + 2 * d->pitch;
	}
	if (d->number != NONE) {
		pdf_para_break(&d->paras[d->number], t->area_w, 0);
		h += d->pitch;
	}
	/* the rule 4 mm below the number's characters, then two lines */
	h += t->rule_below - (d->pitch - t->number.size) / 2 + 2 * d->pitch;
	new_box(d, BOX_HEAD, h, PDF_V_KEEP);
}

/* The width a line of the signature block needs. */
static double
natural(struct doc *d, size_t p)
{
	double whole, piece;
	pdf_para_widths(&d->paras[p], &whole, &piece);
	return whole;
}

/* The attachments line, the signature and the date (GB/T 9704-2012,
 * 7.3.4 and 7.3.5.2): all kept with what comes before. */
static void
emit_close(struct doc *d, xmlNodePtr root)
{
	const struct notice_theme *t = d->t;
	double w = t->area_w;
	xmlNodePtr att = notice_child(root, "attachments");
	if (att) {
		blank(d, PDF_V_KEEP);
		for (xmlNodePtr l = att->children; l; l = l->next) {
			if (l->type != XML_ELEMENT_NODE)
				continue;
			/* "附件：" two characters in; a name that goes on is aligned
			 * with its first character */
			size_t p = node_para(d, &t->body, d->track, l);
			emit_lines(d, p, 5 * d->ch, w + d->track - 5 * d->ch, -3 * d->ch, PDF_LEFT, d->pitch, true);
		}
	}
	xmlNodePtr sig = notice_child(root, "signature");
	size_t ip = node_para(d, &t->body, 0, notice_child(sig, "issuer"));
	size_t dp = node_para(d, &t->body, 0, notice_child(sig, "date"));
	double wi = natural(d, ip), wd = natural(d, dp);
	/* the issuer two characters from the right, the date two characters
	 * right of its first; a date longer than that moves both left */
	double xi = w - 2 * d->ch - wi, xd = xi + 2 * d->ch;
	if (xd + wd > w - 2 * d->ch) {
		xd = w - 2 * d->ch - wd;
		xi = xd - 2 * d->ch;
	}
	blank(d, PDF_V_KEEP);
	emit_lines(d, ip, xi, w - xi, 0, PDF_LEFT, d->pitch, true);
	emit_lines(d, dp, xd, w - xd, 0, PDF_LEFT, d->pitch, false);
}

/* Sets the columns' widths as a browser lays a table out: each as wide as
 * its longest cell when they all fit; else a column whose longest cell
 * fits in an even share of what is left keeps it (numbers, short codes:
 * never broken), and the others share the rest in proportion to their
 * longest cells, none narrower than its widest unbreakable piece. */
static void
column_widths(struct doc *d, struct table *tb)
{
	double w = d->t->area_w, pad = 2 * tb->pad;
	size_t n = tb->ncols;
	double *want = xcalloc(n, sizeof(*want)), *least = xcalloc(n, sizeof(*least));
	bool *fixed = xcalloc(n, sizeof(*fixed));
	double total = 0;
	for (size_t k = 0; k < n; k++) {
		for (size_t r = 0; r < tb->nrows; r++) {
			size_t p = tb->cells[r * n + k].para;
			if (p == NONE)
				continue;
			double whole, piece;
			pdf_para_widths(&d->paras[p], &whole, &piece);
			want[k] = whole + pad > want[k] ? whole + pad : want[k];
			least[k] = piece + pad > least[k] ? piece + pad : least[k];
		}
		total += want[k];
	}
	if (total <= w) {
		for (size_t k = 0; k < n; k++)
			tb->colw[k] = want[k] * w / total;
	} else {
		double left = w, rest = total;
		size_t open = n;
		for (bool again = true; again && open > 0;) {
			again = false;
			for (size_t k = 0; k < n; k++)
				if (!fixed[k] && want[k] <= left / (double)open) {
					fixed[k] = true;
					tb->colw[k] = want[k];
					left -= want[k];
					rest -= want[k];
					open--;
					again = true;
				}
		}
		for (size_t k = 0; k < n; k++)
			if (!fixed[k]) {
				tb->colw[k] = rest > 0 ? want[k] * left / rest : left / (double)open;
				if (tb->colw[k] < least[k])
					tb->colw[k] = least[k];
			}
	}
	free(want);
	free(least);
	free(fixed);
}

/* An attachment's table: column widths from the cells, cells
 * broken to them, one box per row; the header row is repeated on every
 * page the table crosses. */
static void
emit_table(struct doc *d, xmlNodePtr tab)
{
	const struct notice_theme *t = d->t;
	size_t ncols = 0, nrows = 1;
	for (xmlNodePtr c = tab->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			ncols += xmlStrcmp(c->name, X("column")) == 0;
			nrows += xmlStrcmp(c->name, X("row")) == 0;
		}
	if (ncols == 0)
		return;
	d->tables = xrealloc(d->tables, (d->ntables + 1) * sizeof(*d->tables));
	size_t ti = d->ntables++;
	struct table *tb = &d->tables[ti];
	memset(tb, 0, sizeof(*tb));
	tb->ncols = ncols;
	tb->nrows = nrows;
	tb->colw = xcalloc(ncols, sizeof(*tb->colw));
	tb->cells = xcalloc(ncols * nrows, sizeof(*tb->cells));
	tb->lines = xcalloc(nrows, sizeof(*tb->lines));
	tb->size = t->table.size;
	tb->pitch = t->table.size * t->table.leading;
	tb->pad = t->table.size * 0.3;
	for (size_t i = 0; i < ncols * nrows; i++)
		tb->cells[i].para = NONE;
	size_t col = 0, row = 1;
	for (xmlNodePtr c = tab->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(c->name, X("column")) == 0) {
			xmlChar *a = xmlGetProp(c, X("align")), *h = xmlGetProp(c, X("heading"));
			bool centre = a && xmlStrcmp(a, X("center")) == 0;
			tb->cells[col].para = text_para(d, &t->table_header, 0, h ? (const char *)h : "");
			tb->cells[col].centre = true;
			for (size_t r = 1; r < nrows; r++)
				tb->cells[r * ncols + col].centre = centre;
			xmlFree(a);
			xmlFree(h);
			col++;
		} else if (xmlStrcmp(c->name, X("row")) == 0) {
			size_t k = 0;
			for (xmlNodePtr cell = c->children; cell; cell = cell->next)
				if (cell->type == XML_ELEMENT_NODE && k < ncols)
					tb->cells[row * ncols + k++].para = node_para(d, &t->table, 0, cell);
			row++;
		}
	}
	column_widths(d, tb);
	double header_h = 0;
	for (size_t r = 0; r < nrows; r++) {
		size_t most = 1;
		for (size_t k = 0; k < ncols; k++) {
			size_t p = tb->cells[r * ncols + k].para;
			if (p == NONE)
				continue;
			size_t n = pdf_para_break(&d->paras[p], tb->colw[k] - 2 * tb->pad, 0);
			most = n > most ? n : most;
		}
		tb->lines[r] = most;
		double h = (double)most * tb->pitch + 2 * tb->pad;
		struct box *b = new_box(d, BOX_ROW, h, r == 0 ? PDF_V_KEEP : 0);
		b->table = ti;
		b->row = r;
		if (r == 0)
			header_h = h;
		else
			d->vb[d->nboxes - 1].head = header_h;
	}
}

/* An attachment from a page of its own: its label on the first line, its
 * title centred on the third, its table, its notes. */
static void
emit_annex(struct doc *d, xmlNodePtr annex)
{
	const struct notice_theme *t = d->t;
	xmlChar *label = xmlGetProp(annex, X("label")), *title = xmlGetProp(annex, X("title"));
	size_t lp = text_para(d, &t->annex_label, 0, label ? (const char *)label : "");
	size_t first = emit_lines(d, lp, 0, t->area_w, 0, PDF_LEFT, d->pitch, true);
	d->vb[first].flags |= PDF_V_PAGE;
	blank(d, PDF_V_KEEP);
	size_t tp = text_para(d, &t->annex_title, 0, title ? (const char *)title : "");
	emit_title(d, tp, &t->annex_title);
	blank(d, PDF_V_KEEP);
	xmlFree(label);
	xmlFree(title);
	for (xmlNodePtr c = annex->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(c->name, X("table")) == 0) {
			emit_table(d, c);
		} else if (xmlStrcmp(c->name, X("p")) == 0) {
			size_t p = node_para(d, &t->body, d->track, c);
			emit_lines(d, p, 0, t->area_w + d->track, 2 * d->ch, PDF_JUSTIFY, d->pitch, false);
		}
	}
}

/* The whole text as a flow of boxes. */
static void
emit(struct doc *d)
{
	const struct notice_theme *t = d->t;
	xmlNodePtr root = xmlDocGetRootElement(d->text);
	/* the grid: lines of the area's height, characters of its width; the
	 * body's characters closer by what makes `chars` of them fill a line
	 * (the last one's share left out, so a full line ends at the edge) */
	d->pitch = t->area_h / t->lines;
	d->ch = t->area_w / t->chars;
	d->track = t->chars > 1 ? (t->area_w - t->chars * t->body.size) / (t->chars - 1) : 0;
	double track = d->track, bw = t->area_w + track;
	xmlNodePtr head = notice_child(root, "head");
	emit_head(d, head);
	size_t tp = node_para(d, &t->title, 0, notice_child(head, "title"));
	emit_title(d, tp, &t->title);
	blank(d, PDF_V_KEEP);
	xmlNodePtr body = notice_child(root, "body");
	size_t np = 0;
	for (xmlNodePtr p = body ? body->children : NULL; p; p = p->next)
		np += p->type == XML_ELEMENT_NODE;
	size_t k = 0;
	for (xmlNodePtr p = body ? body->children : NULL; p; p = p->next) {
		if (p->type != XML_ELEMENT_NODE)
			continue;
		size_t para = node_para(d, &t->body, track, p);
		size_t first = emit_lines(d, para, 0, bw, 2 * d->ch, PDF_JUSTIFY, d->pitch, false);
		if (++k == np) {
			/* the last paragraph stays with the signature: whole when
			 * short, else its last two lines */
			size_t n = d->nboxes - first, from = n <= 4 ? first : d->nboxes - 2;
			for (size_t i = from; i < d->nboxes; i++)
				d->vb[i].flags |= PDF_V_KEEP;
		}
	}
	emit_close(d, root);
	for (xmlNodePtr a = root->children; a; a = a->next)
		if (a->type == XML_ELEMENT_NODE && xmlStrcmp(a->name, X("annex")) == 0)
			emit_annex(d, a);
}

/* ---- drawing ---- */

/* Draws line li of para p with its baseline at y in the box [x, x + w). */
static void
draw_line(struct doc *d, HPDF_Page pg, const struct pdf_doc_fonts *f, size_t p, size_t li, double x, double w,
          double y, enum pdf_align align, HPDF_STATUS *st)
{
	pdf_para_draw_in(pg, f, &d->paras[p], d->styles, li, x, w, y, align, st);
}

static void
draw_head(struct doc *d, HPDF_Page pg, const struct pdf_doc_fonts *f, double left, double top, HPDF_STATUS *st)
{
	const struct notice_theme *t = d->t;
	double y = top;
	if (d->masthead != NONE) {
		/* one line, centred, made smaller when it is wider than the area */
		struct pdf_para *pa = &d->paras[d->masthead];
		double w = pdf_para_line_width(pa, 0, false), scale = w > t->area_w ? t->area_w / w : 1;
		if (*st == HPDF_OK)
			*st = HPDF_Page_GSave(pg);
		if (*st == HPDF_OK && scale < 1)
			*st = HPDF_Page_Concat(pg, (HPDF_REAL)scale, 0, 0, (HPDF_REAL)scale, 0, 0);
		double x = (left + (t->area_w - w * scale) / 2) / scale;
		double base = (y - t->masthead_top - t->masthead.size * 0.88) / scale;
		if (*st == HPDF_OK)
			*st = pdf_para_draw_line(pg, f, pa, d->styles, 0, x, base, false);
		if (*st == HPDF_OK)
			*st = HPDF_Page_GRestore(pg);
		y -= t->masthead_top + t->masthead.size + 2 * d->pitch;
	}
	if (d->number != NONE) {
		draw_line(d, pg, f, d->number, 0, left, t->area_w, y - (d->pitch - t->number.size) / 2 - t->number.size * 0.88,
		          PDF_CENTRE, st);
		y -= d->pitch;
	}
	double ry = y + (d->pitch - t->number.size) / 2 - t->rule_below;
	pdf_stroke(pg, left, ry, left + t->area_w, ry, t->rule_width, t->rule_rgb, st);
}

static void
draw_row(struct doc *d, HPDF_Page pg, const struct pdf_doc_fonts *f, const struct table *tb, size_t r, double left,
         double top, HPDF_STATUS *st)
{
	const double ink[3] = {0, 0, 0};
	double h = (double)tb->lines[r] * tb->pitch + 2 * tb->pad;
	double x = left;
	/* the row's top and bottom, and a rule left of each cell and after the last */
	pdf_stroke(pg, left, top, left + d->t->area_w, top, 0.5, ink, st);
	pdf_stroke(pg, left, top - h, left + d->t->area_w, top - h, 0.5, ink, st);
	for (size_t k = 0; k < tb->ncols; k++) {
		pdf_stroke(pg, x, top, x, top - h, 0.5, ink, st);
		const struct cell *c = &tb->cells[r * tb->ncols + k];
		if (c->para != NONE) {
			const struct pdf_para *pa = &d->paras[c->para];
			/* the cell's lines centred in its height */
			double off = ((double)tb->lines[r] - (double)pa->lines.n) * tb->pitch / 2;
			for (size_t li = 0; li < pa->lines.n; li++)
				draw_line(d, pg, f, c->para, li, x + tb->pad, tb->colw[k] - 2 * tb->pad,
				          top - tb->pad - off - (double)li * tb->pitch - (tb->pitch - tb->size) / 2 - tb->size * 0.88,
				          c->centre ? PDF_CENTRE : PDF_LEFT, st);
		}
		x += tb->colw[k];
	}
	pdf_stroke(pg, x, top, x, top - h, 0.5, ink, st);
}

static void
draw_box(struct doc *d, HPDF_Page pg, const struct pdf_doc_fonts *f, size_t i, double left, double top,
         HPDF_STATUS *st)
{
	const struct box *b = &d->boxes[i];
	const struct pdf_vbox *v = &d->vb[i];
	double y = top - v->y;
	switch (b->kind) {
	case BOX_LINE:
		draw_line(d, pg, f, b->para, b->line, left + b->x, b->width, y - b->base, b->align, st);
		break;
	case BOX_HEAD:
		draw_head(d, pg, f, left, y, st);
		break;
	case BOX_ROW: {
		const struct table *tb = &d->tables[b->table];
		if (v->headed)
			draw_row(d, pg, f, tb, 0, left, y + v->head, st);
		draw_row(d, pg, f, tb, b->row, left, y, st);
		break;
	}
	default:
		break;
	}
}

/* The page numbers: "— 1 —" below the type area, right on odd pages and
 * left on even ones, one character in. */
static void
plan_folios(struct doc *d)
{
	const struct notice_theme *t = d->t;
	d->folios = xcalloc(d->npages ? d->npages : 1, sizeof(*d->folios));
	for (size_t i = 0; i < d->npages; i++) {
		char num[24];
		snprintf(num, sizeof(num), "%zu", i + 1);
		struct notice_vals v = {NULL, NULL, NULL, NULL, num};
		struct buf b = {0};
		notice_expand(&b, t->folio.text, &v);
		d->folios[i] = text_para(d, &t->folio, 0, b.p);
		pdf_para_break(&d->paras[d->folios[i]], t->area_w, 0);
		buf_free(&b);
	}
}

static void
draw_folio(struct doc *d, HPDF_Page pg, const struct pdf_doc_fonts *f, size_t i, HPDF_STATUS *st)
{
	const struct notice_theme *t = d->t;
	const struct pdf_para *pa = &d->paras[d->folios[i]];
	if (pa->lines.n == 0 || *st != HPDF_OK)
		return;
	double w = pdf_para_line_width(pa, 0, false), in = t->folio.size;
	double x = i % 2 == 0 ? t->left + t->area_w - in - w : t->left + in;
	double y = t->page_h - t->top - t->area_h - t->folio_below - t->folio.size * 0.88;
	*st = pdf_para_draw_line(pg, f, pa, d->styles, 0, x, y, false);
}

static void
set_info(struct doc *d, HPDF_Doc pdf, const struct model *m, HPDF_STATUS *st)
{
	const struct notice_theme *t = d->t;
	xmlNodePtr head = notice_child(xmlDocGetRootElement(d->text), "head");
	char *title = notice_text_of(notice_child(head, "title"));
	char *number = notice_text_of(notice_child(head, "number"));
	char year[16];
	snprintf(year, sizeof(year), "%d", d->n->campaign->year);
	struct notice_vals v = {title, number, m->site.organization, year, NULL};
	const char *texts[] = {"{title}", t->author, t->subject, t->keywords};
	HPDF_InfoType types[] = {HPDF_INFO_TITLE, HPDF_INFO_AUTHOR, HPDF_INFO_SUBJECT, HPDF_INFO_KEYWORDS};
	for (size_t i = 0; i < 4 && *st == HPDF_OK; i++) {
		struct buf b = {0};
		notice_expand(&b, texts[i], &v);
		*st = HPDF_SetInfoAttr(pdf, types[i], b.p);
		buf_free(&b);
	}
	free(title);
	free(number);
	int y, mo, da;
	date_to_ymd(d->n->date != DAY_NONE ? d->n->date : m->today, &y, &mo, &da);
	HPDF_Date date = {y, mo, da, 0, 0, 0, '+', 8, 0};
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "qbpress " QB_VERSION);
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
}

static HPDF_STATUS
draw(struct doc *d, HPDF_Doc pdf, const struct pdf_doc_fonts *f, char **err)
{
	const struct notice_theme *t = d->t;
	HPDF_STATUS st = HPDF_OK;
	double top = t->page_h - t->top;
	size_t next = 0;
	for (size_t pgi = 0; pgi < d->npages && st == HPDF_OK; pgi++) {
		HPDF_Page pg = HPDF_AddPage(pdf);
		if (pg == NULL) {
			st = HPDF_GetError(pdf) ? HPDF_GetError(pdf) : HPDF_FAILD_TO_ALLOC_MEM;
			break;
		}
		st = HPDF_Page_SetWidth(pg, (HPDF_REAL)t->page_w);
		if (st == HPDF_OK)
			st = HPDF_Page_SetHeight(pg, (HPDF_REAL)t->page_h);
		for (; next < d->nboxes && d->vb[next].page == pgi && st == HPDF_OK; next++)
			draw_box(d, pg, f, next, t->left, top, &st);
		draw_folio(d, pg, f, pgi, &st);
		if (st == HPDF_OK && pdf_haru_page_deflate(pg, err) != 0)
			st = HPDF_INVALID_DOCUMENT;
	}
	return st;
}

static void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->nparas; i++)
		pdf_para_free(&d->paras[i]);
	free(d->paras);
	free(d->styles);
	free(d->boxes);
	free(d->vb);
	for (size_t i = 0; i < d->ntables; i++) {
		free(d->tables[i].colw);
		free(d->tables[i].cells);
		free(d->tables[i].lines);
	}
	free(d->tables);
	free(d->folios);
	pdf_metrics_free(&d->metrics);
	if (d->text)
		xmlFreeDoc(d->text);
}

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	HPDF_STATUS *e = data;
	(void)detail;
	if (*e == 0)
		*e = code;
}

/* Lays a notice out and appends the PDF to out. Returns 0, or -1 after a
 * diagnostic. */
static int
make(const struct render_ctx *ctx, const struct notice_theme *t, const struct notice *n, struct buf *out)
{
	struct doc d;
	memset(&d, 0, sizeof(d));
	d.t = t;
	d.n = n;
	d.masthead = d.number = NONE;
	d.text = notice_text_doc(n);
	if (xmlDocGetRootElement(d.text) == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "notice %s: its text cannot be read again", n->address);
		if (d.text)
			xmlFreeDoc(d.text);
		return -1;
	}
	pdf_metrics_init(&d.metrics, &t->fonts);
	emit(&d);
	/* the area's height holds `lines` lines exactly: no rounding may lose one */
	d.npages = pdf_paginate(d.vb, d.nboxes, t->area_h + 0.01, 0, 1);
	plan_folios(&d);
	int rc = 0;
	if (d.bad) {
		char ch[8];
		ch[utf8_encode(d.bad, ch)] = '\0';
		diag(DIAG_ERROR, NULL, 0, 0, "notice %s: '%s' (U+%04X) cannot be printed: no face of the notice's PDF has it",
		     n->address, ch, (unsigned)d.bad);
		doc_free(&d);
		return -1;
	}
	HPDF_STATUS perr = 0;
	HPDF_Doc pdf = HPDF_New(on_error, &perr);
	if (pdf == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "notice %s: the PDF library cannot start a document", n->address);
		doc_free(&d);
		return -1;
	}
	HPDF_STATUS st = HPDF_UseUTFEncodings(pdf);
	if (st == HPDF_OK)
		st = HPDF_SetCurrentEncoder(pdf, "UTF-8");
	if (st == HPDF_OK)
		st = HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	struct pdf_doc_fonts fonts;
	pdf_doc_fonts_init(&fonts, &t->fonts);
	char *err = NULL;
	for (size_t i = 0; i < d.nparas; i++)
		pdf_para_use(&d.paras[i], &fonts);
	if (st == HPDF_OK && pdf_doc_fonts_embed(&fonts, pdf, &err) != 0)
		rc = -1;
	if (rc == 0 && st == HPDF_OK)
		st = draw(&d, pdf, &fonts, &err);
	if (rc == 0 && st == HPDF_OK)
		set_info(&d, pdf, ctx->model, &st);
	if (rc == 0 && st == HPDF_OK && perr == 0 && pdf_save(pdf, out) != 0)
		st = HPDF_GetError(pdf) ? HPDF_GetError(pdf) : HPDF_FAILD_TO_ALLOC_MEM;
	if (rc != 0 || st != HPDF_OK || perr != 0 || err) {
		if (err)
			diag(DIAG_ERROR, NULL, 0, 0, "notice %s: %s", n->address, err);
		else
			diag(DIAG_ERROR, NULL, 0, 0, "notice %s: the PDF library failed (error %#lx)", n->address,
			     (unsigned long)(perr ? perr : st));
		rc = -1;
	}
	free(err);
	pdf_doc_fonts_free(&fonts);
	HPDF_Free(pdf);
	doc_free(&d);
	return rc;
}

/* ---- the renderer ---- */

struct notice_run {
	const struct render_ctx *ctx;
	struct notice_theme theme;
	struct hash setup;          /* of the settings and the faces */
	const struct notice **todo; /* the published notices */
	size_t ntodo;
};

int
notice_pdf_begin(const struct render_ctx *ctx, void **state)
{
	struct notice_run *run = xcalloc(1, sizeof(*run));
	*state = run;
	run->ctx = ctx;
	const struct notice_set *ns = ctx->notices;
	run->todo = xcalloc(ns && ns->n ? ns->n : 1, sizeof(*run->todo));
	for (size_t i = 0; ns && i < ns->n; i++)
		if (ns->v[i].published)
			run->todo[run->ntodo++] = &ns->v[i];
	if (run->ntodo == 0)
		return 0;
	char *path = theme_file(ctx, "pdf.yaml");
	if (path == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "the theme has no pdf.yaml (PDF settings), nor has %s", ctx->default_theme_dir);
		return -1;
	}
	int rc = notice_theme_load(&run->theme, path);
	if (rc == 0) {
		struct pdf_check k = {0};
		if (notice_check_texts(ctx->model, &run->theme, &k) != 0)
			rc = -1;
		pdf_check_free(&k);
	}
	struct hasher h;
	hasher_init(&h);
	struct buf b = {0};
	if (read_file(path, &b) == 0)
		hasher_add(&h, b.p, b.len);
	buf_free(&b);
	free(path);
	for (size_t f = 0; rc == 0 && f < run->theme.fonts.n; f++) {
		const struct pdf_face *face = run->theme.fonts.faces[f];
		struct stat st;
		hasher_str(&h, face->file);
		hasher_u64(&h, (uint64_t)face->index);
		if (stat(face->file, &st) == 0) {
			hasher_u64(&h, (uint64_t)st.st_size);
			hasher_u64(&h, (uint64_t)st.st_mtim.tv_sec);
		}
	}
	run->setup = hasher_end(&h);
	pdf_break_init();
	return rc;
}

static int
job(void *arg, size_t i)
{
	struct notice_run *run = arg;
	const struct notice *n = run->todo[i];
	struct hasher h;
	hasher_init(&h);
	hasher_hash(&h, run->setup);
	hasher_hash(&h, n->hash);
	hasher_str(&h, n->address);
	struct hash in = hasher_end(&h);
	char *rel = xasprintf("site/%s", n->pdf_address);
	int rc = 0;
	if (!render_keep(run->ctx, rel, in)) {
		struct buf out = {0};
		rc = make(run->ctx, &run->theme, n, &out);
		if (rc == 0)
			rc = render_write_from(run->ctx, rel, in, out.p, out.len);
		buf_free(&out);
	}
	free(rel);
	return rc;
}

int
notice_pdf_finish(void *state)
{
	struct notice_run *run = state;
	return par_run(run->ctx->jobs, run->ntodo, job, run, run->ctx->progress, "official notices");
}

void
notice_pdf_end(void *state)
{
	struct notice_run *run = state;
	notice_theme_free(&run->theme);
	free(run->todo);
	free(run);
}
