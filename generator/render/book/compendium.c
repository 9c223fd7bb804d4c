/* The compendium: a campaign's published cases laid out as a book.
 *
 * A book is made in four steps. The body (part pages, then each case from
 * a right-hand page) becomes a flow of boxes (lines, images, table rows)
 * that pdf_paginate() breaks into pages; the front matter (cover, preface,
 * contents, which needs the body's page numbers) becomes a second flow;
 * every character is then known, so the fonts are subset and embedded once;
 * last, the pages are drawn, with the outline, the page labels and the
 * links of the contents. */
#include "compendium.h"

#include <errno.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmark-gfm-core-extensions.h>

#include "../../address.h"
#include "../../diag.h"
#include "../../markdown.h"
#include "../../utf8.h"
#include "../pdf/pdf_haru.h"
#include "../pdf/pdf_image.h"
#include "../../load.h"
#include "../../markdown.h"
#include "../parallel.h"
#include "../pdf/pdf_layout.h"
#include "../xslt.h"
#include "book_theme.h"

#define NONE ((size_t)-1)

cmark_node *
compendium_narrative(const struct model *m, const struct record *r)
{
	/* The record pass reported the narrative's problems already. */
	return r->narrative ? document_body(m, r->narrative, false) : NULL;
}

enum box_kind { BOX_LINE, BOX_SPACE, BOX_RULE, BOX_IMAGE, BOX_ROW, BOX_PART, BOX_COVER };
enum align { AL_JUSTIFY, AL_LEFT, AL_CENTRE, AL_RIGHT };

struct box {
	enum box_kind kind;
	size_t para, line;   /* BOX_LINE; BOX_PART: the part's number */
	size_t marker;       /* a list marker drawn in the indent, or NONE; BOX_PART: the part's title */
	double x, width;     /* from the left of the type area */
	unsigned char align;
	double base;         /* the baseline, down from the box's top */
	size_t item;         /* BOX_IMAGE: image; BOX_ROW: table */
	size_t row, from, to; /* BOX_ROW: the row and the lines of its cells drawn */
	size_t note_from, note_to; /* the footnotes it brings */
	int section;         /* the case it belongs to, -1 for none */
	size_t link;         /* contents: the anchor it links to, or NONE */
	size_t number;       /* contents: the para of its page number, or NONE */
};

struct cell {
	size_t para;
	unsigned char align;
};

struct table {
	size_t ncols, nrows;
	struct cell *cells;  /* nrows × ncols, NONE paras for missing cells */
	double *colw;
	double x;
	double pad, pitch, size;
	double header_h;     /* the first row's height */
	size_t header_lines; /* and its lines */
};

struct image {
	char *target;
	HPDF_Image im;
	double iw, ih;
};

struct anchor {
	int level;           /* 0 part, 1 case, 2 and 3 headings */
	size_t box;
	char *title;
};

struct page {
	int section;         /* the case on the page, -1 for none, -2 for the cover or a part page */
	bool bare;           /* no running head, no folio (cover, part page, empty page) */
	bool opening;        /* a case starts on it: no running head */
	bool front;          /* front matter: roman folio, no running head */
	size_t folio_para, head_para; /* NONE when there is none */
};

struct book {
	const struct render_ctx *ctx;
	const struct book_theme *t;
	const struct campaign *c;
	const char *file;    /* the Markdown file being laid out, for diagnostics */
	HPDF_Doc pdf;
	struct pdf_style *styles;
	size_t nstyles, capstyles;
	struct pdf_para *paras;
	size_t nparas, capparas;
	struct box *boxes;
	struct pdf_vbox *vb;
	size_t nboxes, capboxes;
	size_t *notes;       /* paras of footnotes */
	size_t nnotes, capnotes;
	struct table *tables;
	size_t ntables;
	struct image *images;
	size_t nimages;
	struct anchor *anchors;
	size_t nanchors;
	const struct record **cases; /* in the book's order */
	size_t ncases;
	size_t *case_anchor;
	size_t part_anchor[FOCUS_COUNT];
	size_t part_start[FOCUS_COUNT + 1]; /* the cases of part f are [part_start[f], part_start[f + 1]) */
	double tw, th, em;   /* type area, body size */
	int section;
	int note_no;
	int glue;            /* boxes still to keep with the one before (after a heading) */
	uint32_t bad;        /* a character no face draws (check reports it) */
	bool failed;         /* an error was reported */
	struct page *pages;
	size_t npages, nfront;
	size_t cover[5];
	char year[16];
	char *date;          /* the announcement's, in the theme's form */
	struct book_vals vals;
	struct pdf_metrics metrics;
};

/* ---- building blocks ---- */

static unsigned
style_of(struct book *b, const struct pdf_chain *chain, double size, double rise, const double rgb[3])
{
	for (size_t i = 0; i < b->nstyles; i++) {
		const struct pdf_style *s = &b->styles[i];
		if (s->chain == chain && s->size == size && s->rise == rise && memcmp(s->rgb, rgb, sizeof(s->rgb)) == 0)
			return (unsigned)i;
	}
	if (b->nstyles == b->capstyles) {
		b->capstyles = b->capstyles ? 2 * b->capstyles : 16;
		b->styles = xrealloc(b->styles, b->capstyles * sizeof(*b->styles));
	}
	struct pdf_style *s = &b->styles[b->nstyles];
	s->chain = chain;
	s->size = size;
	s->rise = rise;
	memcpy(s->rgb, rgb, sizeof(s->rgb));
	s->tracking = 0;
	return (unsigned)b->nstyles++;
}

static unsigned
style_for(struct book *b, const struct book_style *s)
{
	return style_of(b, &s->chain, s->size, 0, s->rgb);
}

static size_t
new_para(struct book *b)
{
	if (b->nparas == b->capparas) {
		b->capparas = b->capparas ? 2 * b->capparas : 256;
		b->paras = xrealloc(b->paras, b->capparas * sizeof(*b->paras));
	}
	memset(&b->paras[b->nparas], 0, sizeof(b->paras[0]));
	return b->nparas++;
}

static void
para_text(struct book *b, size_t p, unsigned style, const char *s, int mark)
{
	pdf_para_add(&b->paras[p], &b->metrics, b->styles, style, s, strlen(s), mark, &b->bad);
}

/* A para of one text in one style. */
static size_t
text_para(struct book *b, const struct book_style *st, const char *s)
{
	size_t p = new_para(b);
	para_text(b, p, style_for(b, st), s, 0);
	return p;
}

static struct box *
new_box(struct book *b, enum box_kind kind, double height, double space_before, unsigned flags)
{
	if (b->nboxes == b->capboxes) {
		b->capboxes = b->capboxes ? 2 * b->capboxes : 1024;
		b->boxes = xrealloc(b->boxes, b->capboxes * sizeof(*b->boxes));
		b->vb = xrealloc(b->vb, b->capboxes * sizeof(*b->vb));
	}
	struct box *x = &b->boxes[b->nboxes];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->para = x->marker = x->link = x->number = NONE;
	x->note_from = x->note_to = 0;
	x->section = b->section;
	x->width = b->tw;
	/* a heading keeps two lines of what follows: no break after the first */
	if (b->glue > 0 && kind != BOX_SPACE) {
		flags |= b->glue == 1 ? PDF_V_KEEP : 0;
		b->glue--;
	}
	struct pdf_vbox *v = &b->vb[b->nboxes++];
	memset(v, 0, sizeof(*v));
	v->height = height;
	v->space_before = space_before;
	v->flags = flags;
	return x;
}

static size_t
add_anchor(struct book *b, int level, size_t box, const char *title)
{
	b->anchors = xrealloc(b->anchors, (b->nanchors + 1) * sizeof(*b->anchors));
	b->anchors[b->nanchors] = (struct anchor){level, box, xstrdup(title)};
	return b->nanchors++;
}

/* Plain text of a node's descendants (for the outline and captions). */
static char *
node_text(cmark_node *node)
{
	struct buf out = {0};
	buf_puts(&out, "");
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type ty = cmark_node_get_type(n);
		if (ty == CMARK_NODE_TEXT || ty == CMARK_NODE_CODE)
			buf_puts(&out, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
	}
	cmark_iter_free(it);
	return buf_steal(&out);
}

/* Adds the footnotes called from lines [from, to) of para p to box i: its
 * range of notes (numbered in the order they were made, so a box's notes
 * follow each other) and the height they take at the page's foot. */
static void
attach_notes(struct book *b, size_t i, size_t p, size_t from, size_t to)
{
	const struct pdf_para *pa = &b->paras[p];
	struct box *bx = &b->boxes[i];
	for (size_t li = from; li < to && li < pa->lines.n; li++)
		for (size_t k = pa->lines.v[li].from; k < pa->lines.v[li].to; k++) {
			if (pa->mark[k] <= 0)
				continue;
			size_t n = (size_t)pa->mark[k] - 1;
			if (bx->note_to == 0 || n < bx->note_from)
				bx->note_from = n;
			if (n + 1 > bx->note_to)
				bx->note_to = n + 1;
		}
	double foot = 0;
	for (size_t k = bx->note_from; k < bx->note_to; k++)
		foot += (double)b->paras[b->notes[k]].lines.n * b->t->footnote.size * b->t->footnote.leading;
	b->vb[i].foot = foot;
}

/* Emits the lines of a para as boxes. keep_all: no page break between its
 * lines nor after the last (headings, titles); else no single line of it
 * alone at the foot or the top of a page. */
static void
emit_lines(struct book *b, size_t p, double x, double width, double indent, unsigned char align, double size,
           double leading, double space_before, bool keep_all, size_t marker)
{
	struct pdf_para *pa = &b->paras[p];
	size_t n = pdf_para_break(pa, width, indent);
	double pitch = size * leading;
	for (size_t i = 0; i < n; i++) {
		unsigned flags = 0;
		if (keep_all || (n >= 2 && (i == 0 || i == n - 2)))
			flags |= PDF_V_KEEP;
		struct box *bx = new_box(b, BOX_LINE, pitch, i == 0 ? space_before : 0, flags);
		bx->para = p;
		bx->line = i;
		bx->x = x + (i == 0 ? indent : 0);
		bx->width = width - (i == 0 ? indent : 0);
		bx->align = align;
		bx->base = (pitch - size) / 2 + size * 0.88;
		bx->marker = i == 0 ? marker : NONE;
		attach_notes(b, b->nboxes - 1, p, i, i + 1);
	}
}

static void
space(struct book *b, double h, unsigned flags)
{
	new_box(b, BOX_SPACE, h, 0, flags);
}

/* ---- inline content ---- */

struct inl {
	const struct book_style *base;
	cmark_node **images;
	size_t nimages;
};

static bool
external(const char *url)
{
	return url && (str_has_prefix(url, "http://") || str_has_prefix(url, "https://") ||
	               str_has_prefix(url, "mailto:"));
}

/* A footnote giving a link's address; its marker is appended to para p. */
static void
add_note(struct book *b, size_t p, const struct book_style *base, const char *url)
{
	const struct book_style *fn = &b->t->footnote;
	char num[24];
	snprintf(num, sizeof(num), "%d", ++b->note_no);
	if (b->nnotes == b->capnotes) {
		b->capnotes = b->capnotes ? 2 * b->capnotes : 16;
		b->notes = xrealloc(b->notes, b->capnotes * sizeof(*b->notes));
	}
	size_t np = new_para(b);
	b->notes[b->nnotes++] = np;
	unsigned sup = style_of(b, &base->chain, base->size * 0.6, base->size * 0.38, base->rgb);
	para_text(b, p, sup, num, (int)b->nnotes);
	para_text(b, np, style_for(b, fn), num, 0);
	para_text(b, np, style_for(b, fn), " ", 0);
	para_text(b, np, style_for(b, fn), url, 0);
	pdf_para_break(&b->paras[np], b->tw, 0);
}

/* Adds the inline content of node to para p. Images are collected in
 * in->images, to be placed after the para. */
static void
collect(struct book *b, size_t p, cmark_node *node, struct inl *in)
{
	const struct book_theme *t = b->t;
	const struct book_style *base = in->base;
	int emph = 0, strong = 0;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(n);
		bool enter = ev == CMARK_EVENT_ENTER;
		const struct pdf_chain *chain = strong   ? &t->strong.chain
		                                : emph ? &t->emphasis.chain
		                                       : &base->chain;
		unsigned st = style_of(b, chain, base->size, 0, base->rgb);
		switch (ty) {
		case CMARK_NODE_TEXT:
			para_text(b, p, st, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "", 0);
			break;
		case CMARK_NODE_CODE:
			para_text(b, p, style_of(b, &t->code.chain, base->size, 0, base->rgb),
			          cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "", 0);
			break;
		case CMARK_NODE_SOFTBREAK: {
			uint32_t last = pdf_para_last(&b->paras[p]);
			if (last && last < 0x2E80 && last != ' ')
				para_text(b, p, st, " ", 0);
			break;
		}
		case CMARK_NODE_LINEBREAK:
			para_text(b, p, st, "\n", 0);
			break;
		case CMARK_NODE_EMPH:
			emph += enter ? 1 : -1;
			break;
		case CMARK_NODE_STRONG:
			strong += enter ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			if (!enter && external(cmark_node_get_url(n)))
				add_note(b, p, base, cmark_node_get_url(n));
			break;
		case CMARK_NODE_IMAGE:
			if (enter) {
				in->images = xrealloc(in->images, (in->nimages + 1) * sizeof(*in->images));
				in->images[in->nimages++] = n;
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* ---- images ---- */

/* The image at a content-relative target, loaded once into the document.
 * Returns its index, or NONE after a diagnostic at `at`. */
static size_t
load_image(struct book *b, const char *target, struct pos at)
{
	/* One XObject per file, whatever fragment a link adds. */
	char *rel = xstrndup(target, strcspn(target, "#?"));
	for (size_t i = b->nimages; i-- > 0;)
		if (strcmp(b->images[i].target, rel) == 0) {
			free(rel);
			return i;
		}
	char *path = path_join(b->ctx->model->content_dir, rel);
	struct buf data = {0};
	HPDF_Image im = NULL;
	char *err = NULL;
	if (read_file(path, &data) != 0) {
		err = xasprintf("cannot read the image %s: %s", path, strerror(errno));
	} else if (data.len > 24 && memcmp(data.p, "\x89PNG\r\n\x1a\n", 8) == 0) {
		im = pdf_png_put(b->pdf, (const unsigned char *)data.p, data.len);
		if (im && pdf_haru_image_mask(im))
			pdf_haru_require_version(b->pdf, HPDF_VER_14);
	} else if (data.len > 4 && memcmp(data.p, "\xFF\xD8\xFF", 3) == 0) {
		im = HPDF_LoadJpegImageFromMem(b->pdf, (const HPDF_BYTE *)data.p, (HPDF_UINT)data.len);
	} else {
		err = xasprintf("the image %s is neither PNG nor JPEG", path);
	}
	if (err == NULL && im == NULL) {
		err = xasprintf("the PDF library cannot read the image %s (error %#lx)", path,
		                (unsigned long)HPDF_GetError(b->pdf));
		HPDF_ResetError(b->pdf);
	}
	if (err) {
		diag_error(at, "compendium %d: %s", b->c->year, err);
		b->failed = true;
		free(err);
	}
	free(path);
	buf_free(&data);
	if (im == NULL) {
		free(rel);
		return NONE;
	}
	b->images = xrealloc(b->images, (b->nimages + 1) * sizeof(*b->images));
	b->images[b->nimages] = (struct image){rel, im, HPDF_Image_GetWidth(im), HPDF_Image_GetHeight(im)};
	return b->nimages++;
}

/* An image scaled to the width at x (and to at most 60 % of the type
 * area's height), centred, with its alt text as a caption below. */
static void
emit_image(struct book *b, cmark_node *n, double x, double width)
{
	const char *target = markdown_node_target(n);
	if (target == NULL || *target == '\0')
		return;
	size_t i = load_image(b, target, (struct pos){b->file, cmark_node_get_start_line(n), 0});
	if (i == NONE)
		return;
	const struct image *im = &b->images[i];
	double w = width, h = im->iw > 0 ? w * im->ih / im->iw : w;
	if (h > 0.6 * b->th) {
		h = 0.6 * b->th;
		w = im->ih > 0 ? h * im->iw / im->ih : w;
	}
	char *alt = node_text(n);
	struct box *bx = new_box(b, BOX_IMAGE, h + b->em * 0.5, b->em, *alt ? PDF_V_KEEP : 0);
	bx->item = i;
	bx->x = x + (width - w) / 2;
	bx->width = w;
	if (*alt) {
		const struct book_style *cs = &b->t->caption;
		size_t p = text_para(b, cs, alt);
		emit_lines(b, p, x, width, 0, AL_CENTRE, cs->size, cs->leading, 0, false, NONE);
	}
	free(alt);
	space(b, b->em * 0.5, 0);
}

/* ---- tables ---- */

static void
emit_table(struct book *b, cmark_node *node, double x, double width)
{
	const struct book_theme *t = b->t;
	size_t ncols = cmark_gfm_extensions_get_table_columns(node);
	uint8_t *aligns = cmark_gfm_extensions_get_table_alignments(node);
	size_t nrows = 0;
	for (cmark_node *r = cmark_node_first_child(node); r; r = cmark_node_next(r))
		nrows++;
	if (ncols == 0 || nrows == 0)
		return;
	b->tables = xrealloc(b->tables, (b->ntables + 1) * sizeof(*b->tables));
	size_t ti = b->ntables++;
	struct table *tb = &b->tables[ti];
	memset(tb, 0, sizeof(*tb));
	tb->ncols = ncols;
	tb->nrows = nrows;
	tb->cells = xcalloc(nrows * ncols, sizeof(*tb->cells));
	tb->colw = xcalloc(ncols, sizeof(*tb->colw));
	tb->size = t->table.size;
	tb->pitch = t->table.size * t->table.leading;
	tb->pad = t->table.size * 0.4;
	tb->x = x;
	double *lo = xcalloc(ncols, sizeof(*lo)), *hi = xcalloc(ncols, sizeof(*hi));
	struct inl pictures = {NULL, NULL, 0}; /* images in cells: set after the table */
	size_t ri = 0;
	for (cmark_node *r = cmark_node_first_child(node); r; r = cmark_node_next(r), ri++) {
		size_t ci = 0;
		for (cmark_node *c = cmark_node_first_child(r); c && ci < ncols; c = cmark_node_next(c), ci++) {
			struct inl in = {ri == 0 ? &t->table_header : &t->table, NULL, 0};
			size_t p = new_para(b);
			collect(b, p, c, &in);
			for (size_t k = 0; k < in.nimages; k++) {
				pictures.images = xrealloc(pictures.images, (pictures.nimages + 1) * sizeof(*pictures.images));
				pictures.images[pictures.nimages++] = in.images[k];
			}
			free(in.images);
			struct cell *cl = &tb->cells[ri * ncols + ci];
			cl->para = p;
			cl->align = aligns && aligns[ci] == 'r' ? AL_RIGHT : aligns && aligns[ci] == 'c' ? AL_CENTRE : AL_LEFT;
			double whole, piece;
			pdf_para_widths(&b->paras[p], &whole, &piece);
			lo[ci] = fmax(lo[ci], piece + 2 * tb->pad);
			hi[ci] = fmax(hi[ci], whole + 2 * tb->pad);
		}
		for (; ci < ncols; ci++)
			tb->cells[ri * ncols + ci].para = NONE;
	}
	/* column widths from the content: all on one line when they fit, else
	 * each between its widest piece and its whole */
	double slo = 0, shi = 0;
	for (size_t c = 0; c < ncols; c++) {
		lo[c] = fmax(lo[c], 2 * tb->pad + tb->size);
		hi[c] = fmax(hi[c], lo[c]);
		slo += lo[c];
		shi += hi[c];
	}
	for (size_t c = 0; c < ncols; c++) {
		if (shi <= width)
			tb->colw[c] = hi[c] + (width - shi) * hi[c] / shi;
		else if (slo <= width)
			tb->colw[c] = lo[c] + (hi[c] - lo[c]) * (width - slo) / (shi - slo);
		else
			tb->colw[c] = width * lo[c] / slo;
	}
	free(lo);
	free(hi);
	/* rows, and rows taller than a page in slices */
	size_t maxlines = (size_t)((b->th * 0.8 - 2 * tb->pad) / tb->pitch);
	if (maxlines < 1)
		maxlines = 1;
	for (size_t r = 0; r < nrows; r++) {
		size_t lines = 1;
		for (size_t c = 0; c < ncols; c++) {
			struct cell *cl = &tb->cells[r * ncols + c];
			if (cl->para == NONE)
				continue;
			size_t n = pdf_para_break(&b->paras[cl->para], tb->colw[c] - 2 * tb->pad, 0);
			lines = n > lines ? n : lines;
		}
		if (r == 0) {
			tb->header_lines = lines < maxlines ? lines : maxlines;
			tb->header_h = (double)tb->header_lines * tb->pitch + 2 * tb->pad;
		}
		for (size_t from = 0; from < lines; from += maxlines) {
			size_t to = from + maxlines < lines ? from + maxlines : lines;
			double h = (double)(to - from) * tb->pitch + 2 * tb->pad;
			struct box *bx = new_box(b, BOX_ROW, h, r == 0 && from == 0 ? b->em : 0, r == 0 ? PDF_V_KEEP : 0);
			bx->item = ti;
			bx->row = r;
			bx->from = from;
			bx->to = to;
			bx->x = x;
			if (r > 0)
				b->vb[b->nboxes - 1].head = tb->header_h;
			for (size_t c = 0; c < ncols; c++)
				if (tb->cells[r * ncols + c].para != NONE)
					attach_notes(b, b->nboxes - 1, tb->cells[r * ncols + c].para, from, to);
		}
	}
	space(b, b->em, 0);
	for (size_t k = 0; k < pictures.nimages; k++)
		emit_image(b, pictures.images[k], x, width);
	free(pictures.images);
}

/* ---- blocks ---- */

struct list_state {
	bool ordered;
	int next;
};

/* Lays out a Markdown tree: a narrative or the preface. */
static void
emit_tree(struct book *b, cmark_node *root, bool outline)
{
	const struct book_theme *t = b->t;
	double em = b->em;
	struct list_state *lists = NULL;
	size_t nlists = 0, caplists = 0;
	int quote = 0;
	char *marker = NULL;
	bool bullet = false;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(n);
		bool enter = ev == CMARK_EVENT_ENTER;
		double x = (double)(nlists + (size_t)quote) * 2 * em;
		double width = b->tw - x - quote * 2 * em;
		if (width < 6 * em) { /* deep nesting: the indent stops growing */
			x = b->tw - 6 * em;
			width = 6 * em;
		}
		const char *tstr = cmark_node_get_type_string(n);
		if (enter && tstr && strcmp(tstr, "table") == 0) {
			emit_table(b, n, x, width);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		switch (ty) {
		case CMARK_NODE_LIST:
			if (enter) {
				if (nlists == caplists) {
					caplists = caplists ? 2 * caplists : 8;
					lists = xrealloc(lists, caplists * sizeof(*lists));
				}
				lists[nlists].ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
				lists[nlists++].next = cmark_node_get_list_start(n);
			} else if (nlists) {
				nlists--;
			}
			break;
		case CMARK_NODE_ITEM:
			if (enter && nlists) {
				free(marker);
				struct list_state *l = &lists[nlists - 1];
				bullet = false;
				if (l->ordered) {
					char num[24];
					snprintf(num, sizeof(num), "%d", l->next++);
					struct buf mb = {0};
					struct book_vals v = {0};
					buf_puts(&mb, "");
					/* "{n}." */
					const char *open = strstr(t->number, "{n}");
					if (open) {
						buf_add(&mb, t->number, (size_t)(open - t->number));
						buf_puts(&mb, num);
						buf_puts(&mb, open + 3);
					} else {
						book_expand(&mb, t->number, &v);
					}
					marker = buf_steal(&mb);
				} else {
					marker = xstrdup(t->bullets[(nlists - 1) % t->nbullets]);
					bullet = true;
				}
			}
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			quote += enter ? 1 : -1;
			break;
		case CMARK_NODE_PARAGRAPH: {
			const struct book_style *base = quote ? &t->quote : &t->body;
			struct inl in = {base, NULL, 0};
			size_t p = new_para(b);
			collect(b, p, n, &in);
			size_t mp = NONE;
			if (marker) {
				/* a bullet at two thirds of the text's size, raised to its middle */
				mp = new_para(b);
				para_text(b, mp,
				          bullet ? style_of(b, &base->chain, base->size * 0.66, base->size * 0.12, base->rgb)
				                 : style_for(b, base),
				          marker, 0);
				pdf_para_break(&b->paras[mp], 2 * em, 0);
				free(marker);
				marker = NULL;
			}
			if (b->paras[p].n)
				emit_lines(b, p, x, width, nlists || mp != NONE ? 0 : t->body.indent * base->size, AL_JUSTIFY,
				           base->size, t->body.leading, 0, false, mp);
			for (size_t i = 0; i < in.nimages; i++)
				emit_image(b, in.images[i], x, width);
			free(in.images);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		}
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(n);
			int k = level <= 2 ? 0 : level == 3 ? 1 : 2;
			const struct book_style *hs = &t->headings[k];
			struct inl in = {hs, NULL, 0};
			size_t p = new_para(b);
			collect(b, p, n, &in);
			free(in.images);
			size_t first = b->nboxes;
			emit_lines(b, p, x, width, 0, AL_LEFT, hs->size, hs->leading, hs->space_before, true, NONE);
			b->glue = 1;
			/* the outline: ## under the case, ### under the ## before it */
			if (outline && b->nboxes > first && b->section >= 0 && k < 2) {
				char *title = node_text(n);
				add_anchor(b, 2 + k, first, title);
				free(title);
			}
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		}
		case CMARK_NODE_CODE_BLOCK: {
			const struct book_style *cs = &t->code;
			const char *lit = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
			space(b, em * 0.3, 0);
			for (const char *l = lit; *l;) {
				size_t len = strcspn(l, "\n");
				char *line = xstrndup(l, len);
				size_t p = text_para(b, cs, *line ? line : " ");
				emit_lines(b, p, x + em, width - em, 0, AL_LEFT, cs->size, cs->leading, 0, false, NONE);
				free(line);
				l += len;
				if (*l == '\n')
					l++;
			}
			space(b, em * 0.3, 0);
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK: {
			struct box *bx = new_box(b, BOX_RULE, em, em * 0.5, 0);
			bx->x = x + width / 2 - 3 * em;
			bx->width = 6 * em;
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
	free(marker);
	free(lists);
}

/* ---- the body ---- */

static void
field_line(struct book *b, const char *label, const char *value, unsigned flags)
{
	const struct book_style *ls = &b->t->case_lines;
	if (value == NULL || *value == '\0')
		return;
	size_t p = new_para(b);
	para_text(b, p, style_for(b, ls), label, 0);
	para_text(b, p, style_for(b, ls), value, 0);
	emit_lines(b, p, 0, b->tw, 0, AL_CENTRE, ls->size, ls->leading, 0, flags != 0, NONE);
}

static void
emit_case(struct book *b, const struct record *r)
{
	const struct book_theme *t = b->t;
	double em = b->em;
	b->note_no = 0;
	space(b, 3 * em, PDF_V_ODD | PDF_V_KEEP);
	const struct book_style *ts = &t->case_title;
	size_t p = text_para(b, ts, r->experience ? r->experience : "");
	size_t first = b->nboxes;
	emit_lines(b, p, 2 * em, b->tw - 4 * em, 0, AL_CENTRE, ts->size, ts->leading, 0, true, NONE);
	b->case_anchor[b->section] = add_anchor(b, 1, first, r->experience ? r->experience : "");
	space(b, em, PDF_V_KEEP);
	field_line(b, t->label_enterprise, r->enterprise, 1);
	field_line(b, t->label_region, r->region, 1);
	field_line(b, t->label_industry, r->division ? r->division->name : r->industry, 1);
	field_line(b, t->label_recommender, r->recommender, 1);
	struct box *rule = new_box(b, BOX_RULE, 2 * em, 0, PDF_V_KEEP);
	rule->x = b->tw / 2 - 4 * em;
	rule->width = 8 * em;
	b->glue = 1;
	cmark_node *root = compendium_narrative(b->ctx->model, r);
	b->file = root ? r->narrative->file : NULL;
	if (root)
		emit_tree(b, root, true);
	markdown_free_tree(root);
}

static void
emit_body(struct book *b)
{
	for (int f = 0; f < FOCUS_COUNT; f++) {
		size_t from = b->part_start[f], k = b->part_start[f + 1];
		if (k == from)
			continue;
		b->section = -1;
		struct box *pb = new_box(b, BOX_PART, b->th, 0, PDF_V_ODD);
		pb->item = (size_t)f;
		pb->para = text_para(b, &b->t->part, b->t->part_number[f]);
		pb->marker = text_para(b, &b->t->part, b->t->part_title[f]);
		pdf_para_break(&b->paras[pb->para], b->tw, 0);
		pdf_para_break(&b->paras[pb->marker], b->tw, 0);
		struct buf title = {0};
		buf_printf(&title, "%s\xE3\x80\x80%s", b->t->part_number[f], b->t->part_title[f]);
		b->part_anchor[f] = add_anchor(b, 0, b->nboxes - 1, title.p);
		buf_free(&title);
		for (size_t i = from; i < k; i++) {
			b->section = (int)i;
			emit_case(b, b->cases[i]);
		}
	}
	b->section = -1;
}

/* ---- the front matter ---- */

static void
roman(unsigned n, char *out)
{
	static const char *const r[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
	static const unsigned v[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
	out[0] = '\0';
	for (size_t i = 0; i < 13 && n; i++)
		while (n >= v[i] && strlen(out) < 30) {
			strcat(out, r[i]);
			n -= v[i];
		}
}

static void
centred_title(struct book *b, const struct book_style *s, const char *text)
{
	space(b, 2 * b->em, PDF_V_ODD | PDF_V_KEEP);
	size_t p = text_para(b, s, text);
	emit_lines(b, p, 0, b->tw, 0, AL_CENTRE, s->size, s->leading, 0, true, NONE);
	space(b, 2 * b->em, PDF_V_KEEP);
}

/* The page number printed on the body page of box i. */
static unsigned
folio_of(const struct book *b, size_t box)
{
	return (unsigned)b->vb[box].page + 1;
}

static void
emit_contents(struct book *b)
{
	const struct book_theme *t = b->t;
	double em = b->em;
	centred_title(b, &t->contents, t->contents.text);
	for (int f = 0; f < FOCUS_COUNT; f++) {
		size_t from = b->part_start[f], k = b->part_start[f + 1];
		if (k == from)
			continue;
		size_t p = new_para(b);
		para_text(b, p, style_of(b, &t->strong.chain, t->body.size * 1.15, 0, t->body.rgb),
		          b->anchors[b->part_anchor[f]].title, 0);
		size_t first = b->nboxes;
		emit_lines(b, p, 0, b->tw, 0, AL_LEFT, t->body.size * 1.15, t->body.leading, em, true, NONE);
		for (size_t i = first; i < b->nboxes; i++)
			b->boxes[i].link = b->part_anchor[f];
		for (size_t i = from; i < k; i++) {
			const struct record *r = b->cases[i];
			size_t a = b->case_anchor[i];
			char num[16];
			snprintf(num, sizeof(num), "%u", folio_of(b, b->anchors[a].box));
			size_t np = text_para(b, &t->body, num);
			pdf_para_break(&b->paras[np], 4 * em, 0);
			size_t tp = text_para(b, &t->body, r->experience ? r->experience : "");
			first = b->nboxes;
			emit_lines(b, tp, 2 * em, b->tw - 2 * em - 4 * em, 0, AL_LEFT, t->body.size, t->body.leading,
			           em * 0.4, true, NONE);
			b->boxes[b->nboxes - 1].number = np;
			size_t ep = text_para(b, &t->case_lines, r->enterprise ? r->enterprise : "");
			emit_lines(b, ep, 3 * em, b->tw - 3 * em - 4 * em, 0, AL_LEFT, t->case_lines.size * 0.9,
			           t->case_lines.leading, 0, false, NONE);
			for (size_t j = first; j < b->nboxes; j++)
				b->boxes[j].link = a;
		}
	}
}

static void
emit_front(struct book *b)
{
	const struct book_theme *t = b->t;
	b->section = -1;
	new_box(b, BOX_COVER, b->th, 0, PDF_V_PAGE);
	const struct book_style *cs[5] = {&t->cover_year, &t->cover_title, &t->cover_subtitle, &t->cover_org,
	                                  &t->cover_date};
	for (size_t k = 0; k < 5; k++) {
		struct buf s = {0};
		book_expand(&s, cs[k]->text, &b->vals);
		b->cover[k] = text_para(b, cs[k], s.p);
		pdf_para_break(&b->paras[b->cover[k]], t->page_w * 0.8, 0);
		buf_free(&s);
	}
	const struct document *pre = b->c->compendium;
	if (pre && pre->root) {
		b->file = pre->file;
		centred_title(b, &t->preface, pre->title && *pre->title ? pre->title : t->preface.text);
		emit_tree(b, pre->root, false);
	}
	emit_contents(b);
}

/* ---- pages ---- */

static void
plan_pages(struct book *b, size_t nbody, size_t body_pages, size_t front_pages)
{
	if (front_pages % 2)
		front_pages++;
	b->nfront = front_pages;
	b->npages = front_pages + body_pages;
	b->pages = xcalloc(b->npages ? b->npages : 1, sizeof(*b->pages));
	for (size_t i = 0; i < b->npages; i++) {
		b->pages[i] = (struct page){-1, true, false, i < front_pages, NONE, NONE};
	}
	for (size_t i = 0; i < b->nboxes; i++) {
		size_t pg = i < nbody ? front_pages + b->vb[i].page : b->vb[i].page;
		b->vb[i].page = pg;
		struct page *P = &b->pages[pg];
		const struct box *x = &b->boxes[i];
		if (x->kind == BOX_PART || x->kind == BOX_COVER)
			P->section = -2;
		else if (P->section == -1 && x->section >= 0)
			P->section = x->section;
		if (x->kind == BOX_SPACE && (b->vb[i].flags & PDF_V_ODD) && x->section >= 0)
			P->opening = true;
		if (x->kind != BOX_SPACE)
			P->bare = false;
	}
	/* what is printed around the type area */
	const struct book_theme *t = b->t;
	for (size_t i = 0; i < b->npages; i++) {
		struct page *P = &b->pages[i];
		if (P->section == -2)
			P->bare = true;
		if (P->bare)
			continue;
		char num[40];
		if (P->front)
			roman((unsigned)i + 1, num);
		else
			snprintf(num, sizeof(num), "%zu", i - front_pages + 1);
		struct book_vals v = b->vals;
		v.page = num;
		struct buf f = {0};
		book_expand(&f, t->folio.text, &v);
		P->folio_para = text_para(b, &t->folio, f.p);
		pdf_para_break(&b->paras[P->folio_para], b->tw, 0);
		buf_free(&f);
		if (!P->front && !P->opening) {
			const char *head = NULL;
			struct buf h = {0};
			if ((i + 1) % 2 == 0) {
				book_expand(&h, t->title, &b->vals);
				head = h.p;
			} else if (P->section >= 0) {
				head = b->cases[P->section]->enterprise;
			}
			if (head && *head) {
				P->head_para = text_para(b, &t->running_head, head);
				pdf_para_break(&b->paras[P->head_para], b->tw, 0);
			}
			buf_free(&h);
		}
	}
}

/* The left edge of the type area on page i (0-based: even indexes are
 * right-hand pages). */
static double
left_of(const struct book *b, size_t i)
{
	double extra = b->t->page_w - b->t->inside - b->t->outside - b->tw;
	return (i % 2 == 0 ? b->t->inside : b->t->outside) + extra / 2;
}

static void
draw_rule(HPDF_Page pg, double x0, double y, double x1, double width, const double rgb[3], HPDF_STATUS *st)
{
	pdf_stroke(pg, x0, y, x1, y, width, rgb, st);
}

/* Draws line li of para p with its baseline at y, in the box [x, x + w). */
static void
draw_line(struct book *b, HPDF_Page pg, const struct pdf_doc_fonts *d, size_t p, size_t li, double x, double w,
          double y, unsigned char align, HPDF_STATUS *st)
{
	static const enum pdf_align how[] = {PDF_JUSTIFY, PDF_LEFT, PDF_CENTRE, PDF_RIGHT};
	pdf_para_draw_in(pg, d, &b->paras[p], b->styles, li, x, w, y, how[align], st);
}

static void
draw_row(struct book *b, HPDF_Page pg, const struct pdf_doc_fonts *d, size_t ti, size_t row, size_t from,
         size_t to, double x, double top, bool last_here, HPDF_STATUS *st)
{
	const struct table *tb = &b->tables[ti];
	const double ink[3] = {0.1, 0.1, 0.1};
	double wsum = 0;
	for (size_t c = 0; c < tb->ncols; c++)
		wsum += tb->colw[c];
	double h = (double)(to - from) * tb->pitch + 2 * tb->pad;
	if (row == 0 && from == 0)
		draw_rule(pg, x, top, x + wsum, 1.0, ink, st);
	double cx = x;
	for (size_t c = 0; c < tb->ncols; c++) {
		const struct cell *cl = &tb->cells[row * tb->ncols + c];
		if (cl->para != NONE)
			for (size_t li = from; li < to; li++) {
				double base = top - tb->pad - (double)(li - from) * tb->pitch - (tb->pitch - tb->size) / 2 -
				              tb->size * 0.88;
				draw_line(b, pg, d, cl->para, li, cx + tb->pad, tb->colw[c] - 2 * tb->pad, base, cl->align, st);
			}
		cx += tb->colw[c];
	}
	if (row == 0)
		draw_rule(pg, x, top - h, x + wsum, 0.5, ink, st);
	else if (last_here)
		draw_rule(pg, x, top - h, x + wsum, 1.0, ink, st);
}

static void
draw_box(struct book *b, HPDF_Page pg, const struct pdf_doc_fonts *d, size_t i, double left, double top,
         HPDF_STATUS *st)
{
	const struct box *x = &b->boxes[i];
	const struct pdf_vbox *v = &b->vb[i];
	const struct book_theme *t = b->t;
	double y = top - v->y;
	switch (x->kind) {
	case BOX_LINE:
		if (x->marker != NONE)
			draw_line(b, pg, d, x->marker, 0, left + x->x - 2 * b->em, 2 * b->em, y - x->base, AL_LEFT, st);
		draw_line(b, pg, d, x->para, x->line, left + x->x, x->width, y - x->base, x->align, st);
		if (x->number != NONE) {
			/* dot leaders from the line's end to the page number */
			const struct pdf_para *np = &b->paras[x->number];
			double nw = np->lines.n ? pdf_para_line_width(np, 0, false) : 0;
			double from = left + x->x + pdf_para_line_width(&b->paras[x->para], x->line, false) + b->em * 0.5;
			double to = left + b->tw - nw - b->em * 0.5;
			if (*st == HPDF_OK)
				*st = HPDF_Page_SetRGBFill(pg, 0.3f, 0.3f, 0.3f);
			for (double dx = to; dx > from && *st == HPDF_OK; dx -= b->em * 0.5)
				*st = HPDF_Page_Circle(pg, (HPDF_REAL)dx, (HPDF_REAL)(y - x->base + b->em * 0.12), 0.45f);
			if (*st == HPDF_OK)
				*st = HPDF_Page_Fill(pg);
			draw_line(b, pg, d, x->number, 0, left, b->tw, y - x->base, AL_RIGHT, st);
		}
		break;
	case BOX_RULE: {
		const double grey[3] = {0.5, 0.5, 0.5};
		draw_rule(pg, left + x->x, y - v->height / 2, left + x->x + x->width, 0.5, grey, st);
		break;
	}
	case BOX_IMAGE: {
		const struct image *im = &b->images[x->item];
		double h = im->iw > 0 ? x->width * im->ih / im->iw : x->width;
		if (*st == HPDF_OK)
			*st = HPDF_Page_DrawImage(pg, im->im, (HPDF_REAL)(left + x->x), (HPDF_REAL)(y - h),
			                          (HPDF_REAL)x->width, (HPDF_REAL)h);
		break;
	}
	case BOX_ROW: {
		bool last_here = i + 1 >= b->nboxes || b->boxes[i + 1].kind != BOX_ROW ||
		                 b->boxes[i + 1].item != x->item || b->vb[i + 1].page != v->page;
		if (v->headed)
			draw_row(b, pg, d, x->item, 0, 0, b->tables[x->item].header_lines, left + x->x,
			         y + b->tables[x->item].header_h, false, st);
		draw_row(b, pg, d, x->item, x->row, x->from, x->to, left + x->x, y, last_here, st);
		break;
	}
	case BOX_PART: {
		double pitch = t->part.size * 2.2;
		draw_line(b, pg, d, x->para, 0, left, b->tw, top - b->th * 0.3, AL_CENTRE, st);
		for (size_t li = 0; li < b->paras[x->marker].lines.n; li++)
			draw_line(b, pg, d, x->marker, li, left, b->tw, top - b->th * 0.3 - pitch - (double)li * pitch * 0.7,
			          AL_CENTRE, st);
		break;
	}
	case BOX_COVER: {
		double ph = t->page_h, pw = t->page_w;
		double lines[5] = {ph * 0.78, ph * 0.66, ph * 0.56, ph * 0.16, ph * 0.11};
		for (size_t k = 0; k < 5; k++) {
			const struct pdf_para *cp = &b->paras[b->cover[k]];
			double pitch = b->styles[cp->n ? cp->style[0] : 0].size * 1.3;
			for (size_t li = 0; li < cp->lines.n; li++)
				draw_line(b, pg, d, b->cover[k], li, pw * 0.1, pw * 0.8, lines[k] - (double)li * pitch, AL_CENTRE,
				          st);
		}
		draw_rule(pg, pw * 0.3, ph * 0.515, pw * 0.7, 1.2, t->cover_rule, st);
		break;
	}
	default:
		break;
	}
}

/* Draws the footnotes of the boxes on page pg, above the foot of the type
 * area. */
static void
draw_notes(struct book *b, HPDF_Page page, const struct pdf_doc_fonts *d, size_t pg, const size_t *boxes,
           size_t nboxes, HPDF_STATUS *st)
{
	const struct book_style *fn = &b->t->footnote;
	double pitch = fn->size * fn->leading, h = 0;
	for (size_t k = 0; k < nboxes; k++) {
		const struct box *x = &b->boxes[boxes[k]];
		for (size_t n = x->note_from; n < x->note_to; n++)
			h += (double)b->paras[b->notes[n]].lines.n * pitch;
	}
	if (h == 0)
		return;
	double left = left_of(b, pg), y = b->t->bottom + h;
	const double grey[3] = {0.4, 0.4, 0.4};
	draw_rule(page, left, y + b->em * 0.5, left + b->tw / 4, 0.5, grey, st);
	for (size_t k = 0; k < nboxes; k++) {
		const struct box *x = &b->boxes[boxes[k]];
		for (size_t n = x->note_from; n < x->note_to; n++) {
			size_t p = b->notes[n];
			for (size_t li = 0; li < b->paras[p].lines.n; li++) {
				draw_line(b, page, d, p, li, left, b->tw, y - (pitch - fn->size) / 2 - fn->size * 0.88, AL_LEFT, st);
				y -= pitch;
			}
		}
	}
}

static void
draw_margins(struct book *b, HPDF_Page page, const struct pdf_doc_fonts *d, size_t pg, HPDF_STATUS *st)
{
	const struct page *P = &b->pages[pg];
	const struct book_theme *t = b->t;
	double left = left_of(b, pg);
	if (P->head_para != NONE) {
		double y = t->page_h - t->top + b->em * 0.9;
		draw_line(b, page, d, P->head_para, 0, left, b->tw, y, AL_CENTRE, st);
		const double grey[3] = {0.45, 0.45, 0.45};
		draw_rule(page, left, y - b->em * 0.45, left + b->tw, 0.4, grey, st);
	}
	if (P->folio_para != NONE)
		draw_line(b, page, d, P->folio_para, 0, left, b->tw, t->bottom - 2.4 * b->em, AL_CENTRE, st);
}

static void
add_links(struct book *b, HPDF_Page *pages, size_t i, double left, double top)
{
	const struct box *x = &b->boxes[i];
	const struct anchor *a = &b->anchors[x->link];
	HPDF_Page to = pages[b->vb[a->box].page];
	HPDF_Destination dst = HPDF_Page_CreateDestination(to);
	if (dst == NULL)
		return;
	HPDF_Destination_SetFitH(dst, (HPDF_REAL)(b->t->page_h - b->t->top - b->vb[a->box].y + b->em));
	double y = top - b->vb[i].y;
	HPDF_Rect r = {(HPDF_REAL)(left + x->x), (HPDF_REAL)(y - b->vb[i].height), (HPDF_REAL)(left + b->tw),
	               (HPDF_REAL)y};
	HPDF_Annotation an = HPDF_Page_CreateLinkAnnot(pages[b->vb[i].page], r, dst);
	if (an)
		HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
}

static void
add_outline(struct book *b, HPDF_Page *pages)
{
	HPDF_Encoder enc = HPDF_GetEncoder(b->pdf, "UTF-8");
	HPDF_Outline parent[4] = {NULL, NULL, NULL, NULL};
	for (size_t i = 0; i < b->nanchors; i++) {
		const struct anchor *a = &b->anchors[i];
		int lv = a->level;
		HPDF_Outline up = lv == 0 ? NULL : parent[lv - 1];
		if (lv > 0 && up == NULL)
			continue;
		HPDF_Outline o = HPDF_CreateOutline(b->pdf, up, a->title, enc);
		if (o == NULL)
			continue;
		HPDF_Outline_SetOpened(o, lv == 0);
		HPDF_Destination dst = HPDF_Page_CreateDestination(pages[b->vb[a->box].page]);
		if (dst) {
			HPDF_Destination_SetFitH(dst, (HPDF_REAL)(b->t->page_h - b->t->top - b->vb[a->box].y + b->em));
			HPDF_Outline_SetDestination(o, dst);
		}
		parent[lv] = o;
		for (int k = lv + 1; k < 4; k++)
			parent[k] = NULL;
	}
}

static void
set_info(struct book *b, HPDF_STATUS *st)
{
	const struct book_theme *t = b->t;
	int y, m, d;
	date_to_ymd(b->c->announcement_date, &y, &m, &d);
	HPDF_Date date = {y, m, d, 0, 0, 0, '+', 8, 0};
	const char *texts[] = {t->title, t->subject, t->keywords, "{organization}"};
	HPDF_InfoType types[] = {HPDF_INFO_TITLE, HPDF_INFO_SUBJECT, HPDF_INFO_KEYWORDS, HPDF_INFO_AUTHOR};
	for (size_t i = 0; i < 4 && *st == HPDF_OK; i++) {
		struct buf s = {0};
		book_expand(&s, texts[i], &b->vals);
		*st = HPDF_SetInfoAttr(b->pdf, types[i], s.p);
		buf_free(&s);
	}
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoAttr(b->pdf, HPDF_INFO_CREATOR, "qbpress " QB_VERSION);
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoDateAttr(b->pdf, HPDF_INFO_CREATION_DATE, date);
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoDateAttr(b->pdf, HPDF_INFO_MOD_DATE, date);
}

/* Draws every page. Returns HPDF_OK, or libharu's error, or
 * HPDF_INVALID_DOCUMENT with *err set (caller frees). */
static HPDF_STATUS
draw_book(struct book *b, const struct pdf_doc_fonts *d, char **err)
{
	const struct book_theme *t = b->t;
	HPDF_STATUS st = HPDF_OK;
	HPDF_Page *pages = xcalloc(b->npages ? b->npages : 1, sizeof(*pages));
	for (size_t i = 0; i < b->npages && st == HPDF_OK; i++) {
		pages[i] = HPDF_AddPage(b->pdf);
		if (pages[i] == NULL)
			st = HPDF_GetError(b->pdf) ? HPDF_GetError(b->pdf) : HPDF_FAILD_TO_ALLOC_MEM;
		if (st == HPDF_OK)
			st = HPDF_Page_SetWidth(pages[i], (HPDF_REAL)t->page_w);
		if (st == HPDF_OK)
			st = HPDF_Page_SetHeight(pages[i], (HPDF_REAL)t->page_h);
	}
	double top = t->page_h - t->top;
	/* boxes by page: the front flow's boxes follow the body's in the array */
	size_t **on = xcalloc(b->npages ? b->npages : 1, sizeof(*on));
	size_t *non = xcalloc(b->npages ? b->npages : 1, sizeof(*non));
	for (size_t i = 0; i < b->nboxes; i++) {
		size_t pg = b->vb[i].page;
		on[pg] = xrealloc(on[pg], (non[pg] + 1) * sizeof(**on));
		on[pg][non[pg]++] = i;
	}
	/* each finished page is deflated, at the fastest level, on a thread
	 * of its own while the next is drawn */
	struct pdf_page_deflater *z = pdf_page_deflater_start();
	for (size_t pg = 0; pg < b->npages && st == HPDF_OK; pg++) {
		double left = left_of(b, pg);
		for (size_t k = 0; k < non[pg] && st == HPDF_OK; k++) {
			draw_box(b, pages[pg], d, on[pg][k], left, top, &st);
			if (b->boxes[on[pg][k]].link != NONE)
				add_links(b, pages, on[pg][k], left, top);
		}
		draw_notes(b, pages[pg], d, pg, on[pg], non[pg], &st);
		draw_margins(b, pages[pg], d, pg, &st);
		if (st == HPDF_OK && pdf_page_deflater_add(z, pages[pg], err) != 0)
			st = HPDF_INVALID_DOCUMENT;
	}
	if (pdf_page_deflater_finish(z, err) != 0 && st == HPDF_OK)
		st = HPDF_INVALID_DOCUMENT;
	for (size_t pg = 0; pg < b->npages; pg++)
		free(on[pg]);
	free(on);
	free(non);
	if (st == HPDF_OK) {
		add_outline(b, pages);
		st = HPDF_AddPageLabel(b->pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, "");
		if (st == HPDF_OK && b->nfront < b->npages)
			st = HPDF_AddPageLabel(b->pdf, (HPDF_UINT)b->nfront, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
		set_info(b, &st);
	}
	free(pages);
	return st;
}

/* ---- one book ---- */

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	HPDF_STATUS *e = data;
	(void)detail;
	if (*e == 0)
		*e = code;
}

static void
book_free(struct book *b)
{
	for (size_t i = 0; i < b->nparas; i++)
		pdf_para_free(&b->paras[i]);
	free(b->paras);
	free(b->styles);
	free(b->boxes);
	free(b->vb);
	free(b->notes);
	for (size_t i = 0; i < b->ntables; i++) {
		free(b->tables[i].cells);
		free(b->tables[i].colw);
	}
	free(b->tables);
	for (size_t i = 0; i < b->nimages; i++)
		free(b->images[i].target);
	free(b->images);
	for (size_t i = 0; i < b->nanchors; i++)
		free(b->anchors[i].title);
	free(b->anchors);
	free(b->cases);
	free(b->case_anchor);
	free(b->pages);
	free(b->date);
	pdf_metrics_free(&b->metrics);
}

bool
compendium_wanted(const struct campaign *c)
{
	if (!c->announced)
		return false;
	for (size_t i = 0; i < c->nrecords; i++)
		if (record_is_published(c->records[i]) && c->records[i]->focus != FOCUS_NONE)
			return true;
	return false;
}

static void
report_unprintable(int year, uint32_t cp)
{
	char ch[8];
	ch[utf8_encode(cp, ch)] = '\0';
	diag(DIAG_ERROR, NULL, 0, 0, "compendium %d: '%s' (U+%04X) cannot be printed: no face of the book has it", year,
	     ch, (unsigned)cp);
}

/* Sets one book. A character no face has fails it: reported here, or,
 * with bad set, given in *bad for the caller to report (a check of the
 * texts that runs beside may report it better). */
static int
make_book(const struct render_ctx *ctx, const struct book_theme *t, const struct campaign *c, struct buf *out,
          struct compendium_info *info, uint32_t *bad)
{
	const struct model *m = ctx->model;
	struct book b;
	memset(&b, 0, sizeof(b));
	b.ctx = ctx;
	b.t = t;
	b.c = c;
	b.section = -1;
	b.em = t->body.size;
	b.tw = floor((t->page_w - t->inside - t->outside) / b.em + 1e-9) * b.em;
	b.th = t->page_h - t->top - t->bottom;
	snprintf(b.year, sizeof(b.year), "%d", c->year);
	struct buf date = {0};
	pdf_date_write(&t->date, c->announcement_date, &date);
	b.date = buf_steal(&date);
	b.vals = (struct book_vals){b.year, c->title, m->site.organization, b.date, NULL};
	b.cases = xcalloc(c->nrecords + 1, sizeof(*b.cases));
	for (int f = 0; f < FOCUS_COUNT; f++) {
		b.part_start[f] = b.ncases;
		for (size_t i = 0; i < c->nrecords; i++)
			if (record_is_published(c->records[i]) && c->records[i]->focus == (enum focus)f)
				b.cases[b.ncases++] = c->records[i];
	}
	b.part_start[FOCUS_COUNT] = b.ncases;
	b.case_anchor = xcalloc(b.ncases + 1, sizeof(*b.case_anchor));
	pdf_metrics_init(&b.metrics, &t->fonts);
	HPDF_STATUS perr = 0;
	b.pdf = HPDF_New(on_error, &perr);
	if (b.pdf == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "compendium %d: the PDF library cannot start a document", c->year);
		book_free(&b);
		return -1;
	}
	HPDF_STATUS st = HPDF_UseUTFEncodings(b.pdf);
	if (st == HPDF_OK)
		st = HPDF_SetCurrentEncoder(b.pdf, "UTF-8");
	if (st == HPDF_OK)
		st = HPDF_SetCompressionMode(b.pdf, HPDF_COMP_ALL);
	HPDF_SetPageMode(b.pdf, HPDF_PAGE_MODE_USE_OUTLINE);

	emit_body(&b);
	size_t nbody = b.nboxes;
	size_t body_pages = pdf_paginate(b.vb, nbody, b.th, b.em, 1);
	emit_front(&b);
	size_t front_pages = pdf_paginate(b.vb + nbody, b.nboxes - nbody, b.th, b.em, 1);
	plan_pages(&b, nbody, body_pages, front_pages);

	int rc = b.failed ? -1 : 0;
	/* check reports a character no face has where it was written; this is
	 * the last guard, for texts that reach the book by another way */
	if (rc == 0 && b.bad) {
		if (bad)
			*bad = b.bad;
		else
			report_unprintable(c->year, b.bad);
		rc = -1;
	}
	struct pdf_doc_fonts fonts;
	pdf_doc_fonts_init(&fonts, &t->fonts);
	char *err = NULL;
	if (rc == 0 && st == HPDF_OK) {
		for (size_t i = 0; i < b.nparas; i++)
			pdf_para_use(&b.paras[i], &fonts);
		if (pdf_doc_fonts_embed(&fonts, b.pdf, &err) != 0)
			rc = -1;
	}
	if (rc == 0 && st == HPDF_OK)
		st = draw_book(&b, &fonts, &err);
	if (rc == 0 && st == HPDF_OK && perr == 0 && pdf_save(b.pdf, out) != 0)
		st = HPDF_GetError(b.pdf) ? HPDF_GetError(b.pdf) : HPDF_FAILD_TO_ALLOC_MEM;
	if (rc == 0 && (st != HPDF_OK || perr != 0 || err)) {
		if (err)
			diag(DIAG_ERROR, NULL, 0, 0, "compendium %d: %s", c->year, err);
		else
			diag(DIAG_ERROR, NULL, 0, 0, "compendium %d: the PDF library failed (error %#lx)", c->year,
			     (unsigned long)(perr ? perr : st));
		rc = -1;
	}
	free(err);
	if (rc == 0) {
		info->year = c->year;
		char *a = address_compendium(c->year);
		info->rel = xasprintf("site/%s", a);
		free(a);
		info->pages = b.npages;
		info->bytes = out->len;
		info->ncases = b.ncases;
		info->cases = xcalloc(b.ncases + 1, sizeof(*info->cases));
		for (size_t i = 0; i < b.ncases; i++) {
			size_t box = b.anchors[b.case_anchor[i]].box;
			info->cases[i].r = b.cases[i];
			info->cases[i].index = (unsigned)b.vb[box].page + 1;
			info->cases[i].page = (unsigned)(b.vb[box].page - b.nfront) + 1;
		}
	}
	pdf_doc_fonts_free(&fonts);
	HPDF_Free(b.pdf);
	book_free(&b);
	return rc;
}

void
compendium_info_free(struct compendium_info *info)
{
	free(info->rel);
	free(info->cases);
	memset(info, 0, sizeof(*info));
}

/* Loads the book's settings from the theme. Returns 0, or -1 after
 * diagnostics (free t with book_theme_free either way). */
static int
load_theme(const struct render_ctx *ctx, struct book_theme *t)
{
	memset(t, 0, sizeof(*t));
	char *path = theme_file(ctx, "pdf.yaml");
	if (path == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "the theme has no pdf.yaml (PDF settings), nor has %s", ctx->default_theme_dir);
		return -1;
	}
	int rc = book_theme_load(t, path);
	free(path);
	pdf_break_init();
	return rc;
}

int
compendium_make(const struct render_ctx *ctx, const struct campaign *c, struct buf *out,
                struct compendium_info *info)
{
	memset(info, 0, sizeof(*info));
	struct book_theme t;
	int rc = load_theme(ctx, &t);
	if (rc == 0 && compendium_check_texts(ctx->model, &t, c->year) != 0)
		rc = -1;
	if (rc == 0)
		rc = make_book(ctx, &t, c, out, info, NULL);
	book_theme_free(&t);
	return rc;
}

static int book_job(void *arg, size_t k);
static void receive_found(void *arg, const void *data, size_t len);

/* A book's file below the output folder, "site/compendium/2025.pdf". */
static char *
book_rel(const struct campaign *c)
{
	char *a = address_compendium(c->year);
	char *rel = xasprintf("site/%s", a);
	free(a);
	return rel;
}

struct compendium_run {
	const struct render_ctx *ctx;
	struct book_theme theme;
	bool theme_loaded;
	const struct campaign **books; /* the campaigns with a book */
	struct hash *inputs;           /* what each book is made from */
	size_t nbooks;
	int facts_kind;                /* the message that brings a book's facts */
	/* The books to make, each set by one job and its texts checked by
	 * another beside it; what the two found. */
	size_t *make, nmake;
	uint32_t *unprintable; /* a character the setting found no face for */
	bool *check_failed;
	int found_kind;
	struct par_batch *batch; /* the books being made */
};

/* The facts of a book (the manifest keeps them with the file): its pages,
 * its size, and where each case starts, a line each. */
static char *
book_facts(const struct compendium_info *info)
{
	struct buf b = {0};
	buf_printf(&b, "%d %zu %zu\n", info->year, info->pages, info->bytes);
	for (size_t i = 0; i < info->ncases; i++)
		buf_printf(&b, "%s %u %u\n", info->cases[i].r->id, info->cases[i].page, info->cases[i].index);
	return buf_steal(&b);
}

static void
receive_facts(void *arg, const void *data, size_t len)
{
	struct compendium_run *run = arg;
	const struct model *m = run->ctx->model;
	struct render_shared *sh = run->ctx->shared;
	char *facts = xstrndup(data, len), *save = NULL;
	char *line = strtok_r(facts, "\n", &save);
	int year;
	size_t pages, bytes;
	if (sh && line && sscanf(line, "%d %zu %zu", &year, &pages, &bytes) == 3) {
		sh->books = xrealloc(sh->books, (sh->nbooks + 1) * sizeof(*sh->books));
		struct render_book *b = &sh->books[sh->nbooks++];
		memset(b, 0, sizeof(*b));
		b->year = year;
		b->path = address_compendium(year);
		b->pages = pages;
		b->bytes = bytes;
		while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
			char id[128];
			unsigned page, index;
			const struct record *r;
			if (sscanf(line, "%127s %u %u", id, &page, &index) != 3 || (r = model_find_record(m, year, id)) == NULL)
				continue;
			b->cases = xrealloc(b->cases, (b->ncases + 1) * sizeof(*b->cases));
			b->cases[b->ncases++] = (struct render_book_case){r, page, index};
		}
	}
	free(facts);
}

static void
stamp_folder(struct hasher *h, const char *dir, int depth)
{
	char **names = list_dir(dir);
	for (char **n = names; n && *n; n++) {
		char *p = path_join(dir, *n);
		struct stat st;
		if (stat(p, &st) == 0) {
			hasher_str(h, p);
			hasher_u64(h, (uint64_t)st.st_size);
			hasher_u64(h, (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec);
			if (S_ISDIR(st.st_mode) && depth < 16)
				stamp_folder(h, p, depth + 1);
		}
		free(p);
	}
	free_strv(names);
}

/* What a book is made from: the settings and faces, the pictures, the
 * campaign, and each published case's fields and narrative. */
static struct hash
book_inputs(const struct compendium_run *run, const struct campaign *c, struct hash setup)
{
	const struct model *m = run->ctx->model;
	struct hasher h;
	hasher_init(&h);
	hasher_hash(&h, setup);
	hasher_u64(&h, (uint64_t)c->year);
	hasher_str(&h, c->title);
	hasher_u64(&h, (uint64_t)c->announcement_date);
	hasher_str(&h, m->site.organization);
	if (c->compendium)
		hasher_hash(&h, c->compendium->text_hash);
	for (size_t i = 0; i < c->nrecords; i++) {
		const struct record *r = c->records[i];
		if (!record_is_published(r))
			continue;
		const char *f[] = {r->id, r->enterprise, r->experience, r->region, r->recommender, r->industry,
		                   r->focus != FOCUS_NONE ? focus_areas[r->focus].key : ""};
		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
			hasher_str(&h, f[k]);
		hasher_hash(&h, r->narrative ? r->narrative->text_hash : (struct hash){0, 0});
	}
	return hasher_end(&h);
}

int
compendium_begin(const struct render_ctx *ctx, void **state)
{
	struct compendium_run *run = xcalloc(1, sizeof(*run));
	*state = run;
	run->ctx = ctx;
	run->facts_kind = -1;
	run->found_kind = -1;
	const struct model *m = ctx->model;
	run->books = xcalloc(m->ncampaigns + 1, sizeof(*run->books));
	run->inputs = xcalloc(m->ncampaigns + 1, sizeof(*run->inputs));
	for (size_t i = 0; i < m->ncampaigns; i++)
		if (compendium_wanted(m->campaigns[i]))
			run->books[run->nbooks++] = m->campaigns[i];
	if (run->nbooks == 0)
		return 0;
	if (load_theme(ctx, &run->theme) != 0)
		return -1;
	run->theme_loaded = true;
	struct hasher setup;
	hasher_init(&setup);
	char *path = theme_file(ctx, "pdf.yaml");
	struct buf tb = {0};
	if (path && read_file(path, &tb) == 0)
		hasher_add(&setup, tb.p, tb.len);
	buf_free(&tb);
	free(path);
	for (size_t f = 0; f < run->theme.fonts.n; f++) {
		struct stat st;
		hasher_str(&setup, run->theme.fonts.faces[f]->file);
		hasher_u64(&setup, (uint64_t)run->theme.fonts.faces[f]->index);
		if (stat(run->theme.fonts.faces[f]->file, &st) == 0) {
			hasher_u64(&setup, (uint64_t)st.st_size);
			hasher_u64(&setup, (uint64_t)st.st_mtim.tv_sec);
		}
	}
	char *images = path_join(m->content_dir, "images");
	stamp_folder(&setup, images, 0);
	free(images);
	struct hash s = hasher_end(&setup);
	for (size_t i = 0; i < run->nbooks; i++)
		run->inputs[i] = book_inputs(run, run->books[i], s);
	/* A book kept from the previous build gives its facts at once; each
	 * other one is set by one job while another checks its texts, beside
	 * the record pass, and the site's pages of its year wait for it (they
	 * say where each case starts). */
	run->facts_kind = par_kind(receive_facts, run);
	run->make = xcalloc(run->nbooks, sizeof(*run->make));
	for (size_t i = 0; i < run->nbooks; i++) {
		char *rel = book_rel(run->books[i]);
		const char *kept = render_kept(ctx, rel, run->inputs[i]);
		if (kept)
			receive_facts(run, kept, strlen(kept));
		else
			run->make[run->nmake++] = i;
		free(rel);
	}
	if (run->nmake == 0)
		return 0;
	struct render_shared *sh = ctx->shared;
	if (sh) {
		sh->pending = xrealloc(sh->pending, (sh->npending + run->nmake) * sizeof(*sh->pending));
		for (size_t k = 0; k < run->nmake; k++)
			sh->pending[sh->npending++] = run->books[run->make[k]]->year;
	}
	run->unprintable = xcalloc(run->nbooks, sizeof(*run->unprintable));
	run->check_failed = xcalloc(run->nbooks, sizeof(*run->check_failed));
	run->found_kind = par_kind(receive_found, run);
	run->batch = par_start(ctx->jobs, 2 * run->nmake, book_job, run, ctx->progress, "compendium");
	return 0;
}

int
compendium_settle(void *state)
{
	struct compendium_run *run = state;
	if (!run->batch)
		return 0;
	int rc = par_finish(run->batch);
	run->batch = NULL;
	/* the setting's last guard, for a character the check did not find
	 * (a text that reaches the book by another way) */
	for (size_t k = 0; k < run->nmake; k++) {
		size_t i = run->make[k];
		if (run->unprintable[i] && !run->check_failed[i])
			report_unprintable(run->books[i]->year, run->unprintable[i]);
	}
	return rc;
}

/* What a job found: the book i and a character it could not print
 * (setting), or 0 when the texts' check failed. */
struct found {
	size_t i;
	uint32_t unprintable;
};

static void
receive_found(void *arg, const void *data, size_t len)
{
	struct compendium_run *run = arg;
	struct found f;
	if (len != sizeof(f))
		return;
	memcpy(&f, data, sizeof(f));
	if (f.i >= run->nbooks)
		return;
	if (f.unprintable)
		run->unprintable[f.i] = f.unprintable;
	else
		run->check_failed[f.i] = true;
}

/* Job k below nmake sets the k-th book to make; job nmake + k checks its
 * texts. */
static int
book_job(void *arg, size_t k)
{
	struct compendium_run *run = arg;
	bool check = k >= run->nmake;
	size_t i = run->make[check ? k - run->nmake : k];
	const struct campaign *c = run->books[i];
	if (check) {
		if (compendium_check_texts(run->ctx->model, &run->theme, c->year) == 0)
			return 0;
		struct found f = {i, 0};
		par_send(run->found_kind, &f, sizeof(f));
		return -1;
	}
	char *rel = book_rel(c);
	struct buf out = {0};
	struct compendium_info info;
	memset(&info, 0, sizeof(info));
	uint32_t bad = 0;
	int rc = make_book(run->ctx, &run->theme, c, &out, &info, &bad);
	if (rc == 0) {
		char *facts = book_facts(&info);
		rc = render_write_facts(run->ctx, rel, run->inputs[i], out.p, out.len, facts);
		if (rc == 0)
			par_send(run->facts_kind, facts, strlen(facts));
		free(facts);
	} else if (bad) {
		struct found f = {i, bad};
		par_send(run->found_kind, &f, sizeof(f));
	}
	compendium_info_free(&info);
	buf_free(&out);
	free(rel);
	return rc;
}

void
compendium_end(void *state)
{
	struct compendium_run *run = state;
	par_drop(run->facts_kind);
	if (run->found_kind >= 0)
		par_drop(run->found_kind);
	free(run->inputs);
	free(run->make);
	free(run->unprintable);
	free(run->check_failed);
	if (run->theme_loaded)
		book_theme_free(&run->theme);
	free(run->books);
	free(run);
}
