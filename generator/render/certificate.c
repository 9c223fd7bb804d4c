/* PDF certificates: one A4 landscape page per published record, written to
 * site/certificates/<certificate>.pdf.
 *
 * Every text is checked before anything is drawn: a character no face can
 * show (or above U+FFFF, which libharu cannot encode) is an error naming
 * the record and the field, and then no certificate is written at all.
 * Certificates are independent documents, made on the worker processes of
 * parallel.h; each depends only on its record, so the bytes do not depend
 * on the order. */
#include <errno.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../diag.h"
#include "../utf8.h"
#include "../util.h"
#include "cert_draw.h"
#include "cert_theme.h"
#include "../address.h"
#include "parallel.h"
#include "pdf/pdf_deflate.h"
#include "pdf/pdf_haru.h"
#include "pdf/pdf_image.h"
#include "pdf/pdf_sfnt.h"
#include "pdf/pdf_text.h"
#include "render.h"
#include "xslt.h"

/* Where things go, in points from the page's edges (the border is in
 * cert_draw.h). */
#define TEXT_MARGIN 110.0 /* the body's lines stay this far from the page's sides */
#define QR_SIZE 74.0
#define QR_X 76.0
#define QR_Y 64.0
#define SIGN_AXIS 205.0   /* the signature is centred this far from the right edge */
#define SIGN_BOTTOM 92.0  /* baseline of the signature's last line */
#define SIGN_WIDTH 260.0
#define NUMBER_WIDTH 230.0

struct cert_job {
	const struct record *r;
	char year[16];
	char *date;         /* the announcement's date in the theme's form */
	const char *vals[CV_COUNT];
	char *url;
	char *path;
	/* results, reported by the main thread */
	char *err;
	bool *below_floor; /* per body and signature text */
	char **floor_text; /* the expanded text of those below the floor */
};

struct cert_run {
	const struct render_ctx *ctx;
	struct cert_theme theme;
	const struct cert_style **styles; /* title, body…, signature…, number, verify */
	size_t nstyles;
	unsigned char *seal; /* the PNG from site.yaml's seal:, or NULL */
	size_t seal_len;
	struct pdf_image seal_image;
	struct pdf_sfnt **sfnt; /* per face, for its font programs */
	/* the border and the rule: the same operators on every page, written
	 * by libharu once, then copied and deflated from their parsed form */
	struct buf frame;
	struct pdf_lz frame_lz;
	struct hash setup;     /* of the theme, the faces and the seal */
};

/* ---- checking the texts ---- */

/* A character reported once: for a record's field, the site's
 * organization, a campaign's title or a theme text (owner). */
struct reported {
	const void *owner;
	int var;
	uint32_t cp;
};

struct check {
	struct cert_run *run;
	const struct cert_job *job;
	size_t style;
	bool *used; /* per face: needed by some certificate */
	struct reported *done;
	size_t ndone, cap;
};

static void
char_text(uint32_t cp, char out[8])
{
	size_t n = utf8_encode(cp, out);
	out[n] = '\0';
}

/* True the first time a character is seen for an owner and field. */
static bool
first_report(struct check *k, const void *owner, int var, uint32_t cp)
{
	for (size_t i = 0; i < k->ndone; i++)
		if (k->done[i].owner == owner && k->done[i].var == var && k->done[i].cp == cp)
			return false;
	if (k->ndone == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 16;
		k->done = xrealloc(k->done, k->cap * sizeof(*k->done));
	}
	k->done[k->ndone++] = (struct reported){owner, var, cp};
	return true;
}

/* Checks that the chain of the current style can draw every character of a
 * piece of its text, and reports each one it cannot where it was written. */
static void
check_piece(void *arg, int var, const char *s, size_t len)
{
	struct check *k = arg;
	const struct cert_style *st = k->run->styles[k->style];
	const struct pdf_fonts *fs = &k->run->theme.fonts;
	const struct record *r = k->job->r;
	const struct site *site = &k->run->ctx->model->site;
	for (size_t off = 0; off < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + off, len - off, &cp);
		if (n == 0)
			return;
		off += n;
		int face = pdf_chain_pick(fs, &st->chain, cp);
		if (face >= 0) {
			k->used[face] = true;
			continue;
		}
		bool record_field = var == CV_ENTERPRISE || var == CV_EXPERIENCE || var == CV_CERTIFICATE;
		const void *owner = record_field ? (const void *)r
		                    : var == CV_ORGANIZATION ? (const void *)site
		                    : var == CV_CAMPAIGN   ? (const void *)r->campaign
		                                           : (const void *)st;
		if (!first_report(k, owner, var, cp))
			continue;
		char ch[8];
		char_text(cp, ch);
		char *names = pdf_chain_names(fs, &st->chain);
		char *why = cp > 0xFFFF ? xstrdup("the PDF library encodes no character above U+FFFF")
		                        : xasprintf("no certificate font has it (%s)", names);
		free(names);
		if (record_field)
			diag_error(var == CV_ENTERPRISE   ? r->enterprise_pos
			           : var == CV_EXPERIENCE ? r->experience_pos
			           : r->certificate_given ? r->certificate_pos
			                                  : r->pos,
			           "record '%s': %s '%s' has '%s' (U+%04X), which the certificate cannot show: %s",
			           r->id, cert_var_names[var], s, ch, (unsigned)cp, why);
		else if (var == CV_ORGANIZATION)
			diag_error(site->pos, "organization '%s' has '%s' (U+%04X), which the certificates cannot show: %s", s,
			           ch, (unsigned)cp, why);
		else if (var == CV_CAMPAIGN)
			diag_error(r->campaign->pos,
			           "campaign title '%s' has '%s' (U+%04X), which the certificates cannot show: %s", s, ch,
			           (unsigned)cp, why);
		else
			diag_error(st->pos, "the certificate text '%s' has '%s' (U+%04X), which cannot be shown: %s", st->text,
			           ch, (unsigned)cp, why);
		free(why);
	}
}

/* ---- one certificate ---- */

struct pdf_error {
	HPDF_STATUS code, detail;
};

static void
on_pdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct pdf_error *e = data;
	if (e->code == 0) {
		e->code = code;
		e->detail = detail;
	}
}

/* A text of the certificate, expanded and fitted. */
struct placed {
	struct pdf_fit fit;
	const struct cert_style *st;
};

static int
place(struct placed *p, const struct cert_run *run, const struct cert_job *job, const struct cert_style *st,
      double width, char **err)
{
	struct buf b = {0};
	char unknown[32];
	p->st = st;
	if (cert_expand(&b, st->text, job->vals, unknown) != 0) {
		buf_free(&b);
		*err = xasprintf("unknown placeholder '{%s}'", unknown);
		memset(&p->fit, 0, sizeof(p->fit));
		return -1;
	}
	uint32_t bad = 0;
	int rc = pdf_fit(&p->fit, &run->theme.fonts, &st->chain, b.p ? b.p : "", width, st->size, st->min_size,
	                 st->tracking, &bad);
	if (rc != 0)
		*err = xasprintf("'%s' has U+%04X, which no font can show", b.p ? b.p : "", (unsigned)bad);
	buf_free(&b);
	return rc;
}

static void
placed_use(const struct placed *p, struct pdf_doc_fonts *d)
{
	for (size_t i = 0; i < p->fit.nlines; i++)
		pdf_line_use_at(&p->fit.lines[i], d, p->fit.size);
}

/* Writes a line's operators into the page. */
static HPDF_STATUS
draw_line(HPDF_Page page, const struct pdf_doc_fonts *d, const struct pdf_line *l, double x, double y, double size,
          double tracking)
{
	struct buf ops = {0};
	HPDF_STATUS st = pdf_line_ops(&ops, page, d, l, x, y, size, tracking) == 0 ? HPDF_OK : HPDF_INVALID_FONT;
	if (st == HPDF_OK && ops.len)
		st = pdf_haru_page_write(page, ops.p, ops.len);
	buf_free(&ops);
	return st;
}

/* Draws the lines of a text centred on x, the first baseline at y; returns
 * the last baseline. */
static double
draw_centred(HPDF_Page page, const struct pdf_doc_fonts *d, const struct placed *p, double x, double y,
             HPDF_STATUS *st)
{
	const struct cert_style *s = p->st;
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBFill(page, (HPDF_REAL)s->rgb[0], (HPDF_REAL)s->rgb[1], (HPDF_REAL)s->rgb[2]);
	for (size_t i = 0; i < p->fit.nlines && *st == HPDF_OK; i++) {
		if (i > 0)
			y -= p->fit.size * 1.3;
		double w = pdf_line_width(&p->fit.lines[i], p->fit.size, s->tracking);
		*st = draw_line(page, d, &p->fit.lines[i], x - w / 2, y, p->fit.size, s->tracking);
	}
	return y;
}

/* Height of a stack of texts: the first line's glyphs from their top, the
 * last down to the baseline, lines of one text 1.3 em apart. */
static double
stack_height(const struct placed *p, size_t n)
{
	double h = 0;
	for (size_t i = 0; i < n; i++) {
		double s = p[i].fit.size;
		if (i > 0)
			h += p[i - 1].fit.size * 0.12 + p[i].st->space_before;
		h += s * 0.88 + (double)(p[i].fit.nlines - 1) * s * 1.3;
	}
	return h;
}

static double
draw_stack(HPDF_Page page, const struct pdf_doc_fonts *d, const struct placed *p, size_t n, double x, double top,
           HPDF_STATUS *st)
{
	double y = top;
	for (size_t i = 0; i < n; i++) {
		if (i == 0)
			y = top - p[i].fit.size * 0.88;
		else
			y -= p[i - 1].fit.size * 0.12 + p[i].st->space_before + p[i].fit.size * 0.88;
		y = draw_centred(page, d, &p[i], x, y, st);
	}
	return y;
}

static void
set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *tmpl, const struct cert_job *job, HPDF_STATUS *st)
{
	struct buf b = {0};
	char unknown[32];
	if (cert_expand(&b, tmpl, job->vals, unknown) == 0 && *st == HPDF_OK)
		*st = pdf_haru_info_text(pdf, type, b.p ? b.p : "");
	buf_free(&b);
}

/* The texts of one certificate, expanded and fitted. */
struct layout {
	struct placed *pl;
	size_t n;
	struct placed *title, *body, *sign, *number, *verify;
};

static int
layout_texts(struct layout *L, const struct cert_run *run, struct cert_job *job, double page_w, char **err)
{
	const struct cert_theme *t = &run->theme;
	L->n = 1 + t->nbody + t->nsignature + 2;
	L->pl = xcalloc(L->n, sizeof(*L->pl));
	L->title = &L->pl[0];
	L->body = &L->pl[1];
	L->sign = &L->pl[1 + t->nbody];
	L->number = &L->pl[1 + t->nbody + t->nsignature];
	L->verify = L->number + 1;
	double text_w = page_w - 2 * TEXT_MARGIN;
	int rc = place(L->title, run, job, &t->title, text_w, err);
	for (size_t i = 0; i < t->nbody && rc == 0; i++)
		rc = place(&L->body[i], run, job, &t->body[i], text_w, err);
	for (size_t i = 0; i < t->nsignature && rc == 0; i++)
		rc = place(&L->sign[i], run, job, &t->signature[i], SIGN_WIDTH, err);
	if (rc == 0)
		rc = place(L->number, run, job, &t->number, NUMBER_WIDTH, err);
	if (rc == 0)
		rc = place(L->verify, run, job, &t->verify, NUMBER_WIDTH, err);
	/* body and signature texts that had to go below their floor size */
	for (size_t i = 0; i < t->nbody + t->nsignature && rc == 0; i++) {
		const struct pdf_fit *fit = &L->pl[1 + i].fit;
		job->below_floor[i] = fit->below_floor;
		if (fit->below_floor) {
			struct buf b = {0};
			for (size_t k = 0; k < fit->nlines; k++)
				buf_add(&b, fit->lines[k].text, fit->lines[k].len);
			job->floor_text[i] = buf_steal(&b);
		}
	}
	return rc;
}

static void
layout_free(struct layout *L)
{
	for (size_t i = 0; i < L->n; i++)
		pdf_fit_free(&L->pl[i].fit);
	free(L->pl);
}

static void
set_document_info(HPDF_Doc pdf, const struct cert_theme *t, const struct cert_job *job, HPDF_STATUS *st)
{
	int y, m, d;
	date_to_ymd(job->r->campaign->announcement_date, &y, &m, &d);
	HPDF_Date date = {y, m, d, 0, 0, 0, '+', 8, 0};
	set_info(pdf, HPDF_INFO_TITLE, t->info_title, job, st);
	set_info(pdf, HPDF_INFO_SUBJECT, t->info_subject, job, st);
	set_info(pdf, HPDF_INFO_KEYWORDS, t->info_keywords, job, st);
	set_info(pdf, HPDF_INFO_AUTHOR, "{organization}", job, st);
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "qbpress " QB_VERSION);
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
	if (*st == HPDF_OK)
		*st = HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
}

/* One line left-aligned at (x, y) in its style's colour. */
static void
draw_left(HPDF_Page page, const struct pdf_doc_fonts *d, const struct placed *p, double x, double y,
          HPDF_STATUS *st)
{
	const struct cert_style *s = p->st;
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBFill(page, (HPDF_REAL)s->rgb[0], (HPDF_REAL)s->rgb[1], (HPDF_REAL)s->rgb[2]);
	if (*st == HPDF_OK && p->fit.nlines)
		*st = draw_line(page, d, &p->fit.lines[0], x, y, p->fit.size, s->tracking);
}

/* The seal image centred on (x, y), over the signature. */
static int
draw_seal(HPDF_Doc pdf, HPDF_Page page, const struct cert_run *run, double x, double y, HPDF_STATUS *st,
          char **err)
{
	HPDF_Image img = pdf_image_put(pdf, &run->seal_image);
	if (img == NULL) {
		*err = xasprintf("the PDF library cannot place the seal image (error %#lx)", (unsigned long)HPDF_GetError(pdf));
		return -1;
	}
	/* soft masks (transparency) are PDF 1.4 */
	if (pdf_haru_image_mask(img))
		pdf_haru_require_version(pdf, HPDF_VER_14);
	double iw = HPDF_Image_GetWidth(img), ih = HPDF_Image_GetHeight(img);
	double sw = run->theme.seal_size, sh = iw > 0 ? sw * ih / iw : sw;
	if (*st == HPDF_OK)
		*st = HPDF_Page_DrawImage(page, img, (HPDF_REAL)(x - sw / 2), (HPDF_REAL)(y - sh / 2), (HPDF_REAL)sw,
		                          (HPDF_REAL)sh);
	return 0;
}

/* Draws the certificate on its page: border, title and rule, the body
 * centred between the rule and the signature, the signature (and seal)
 * bottom right, the QR code and number bottom left. */
static int
draw_certificate(HPDF_Doc pdf, HPDF_Page page, struct cert_run *run, const struct cert_job *job,
                 const struct layout *L, const struct pdf_doc_fonts *fonts, HPDF_STATUS *st, char **err)
{
	const struct cert_theme *t = &run->theme;
	double w = HPDF_Page_GetWidth(page), h = HPDF_Page_GetHeight(page);
	double title_y = h - 122, rule_y = title_y - 30;
	if (run->frame.len == 0) {
		cert_draw_border(page, t, w, h, st);
		cert_draw_rule(page, t, w / 2, rule_y, 150, st);
		size_t len = 0;
		unsigned char *ops = *st == HPDF_OK ? pdf_haru_page_operators(page, &len, err) : NULL;
		if (ops == NULL)
			return *err ? -1 : 0;
		buf_add(&run->frame, (const char *)ops, len);
		pdf_lz_parse(&run->frame_lz, ops, len, PDF_LZ_BEST);
		free(ops);
	} else if (*st == HPDF_OK) {
		*st = pdf_haru_page_write(page, run->frame.p, run->frame.len);
	}
	draw_centred(page, fonts, L->title, w / 2, title_y, st);

	double top = rule_y - 20, bottom = SIGN_BOTTOM + 100;
	double btop = (top + bottom) / 2 + stack_height(L->body, t->nbody) / 2;
	draw_stack(page, fonts, L->body, t->nbody, w / 2, btop < top ? btop : top, st);

	double sh = stack_height(L->sign, t->nsignature);
	double axis = w - SIGN_AXIS;
	draw_stack(page, fonts, L->sign, t->nsignature, axis, SIGN_BOTTOM + sh, st);

	if (cert_draw_qr(page, job->url, QR_X, QR_Y, QR_SIZE, st, err) != 0)
		return -1;
	double nx = QR_X + QR_SIZE + 12, ny = QR_Y + QR_SIZE / 2 + 2;
	draw_left(page, fonts, L->number, nx, ny, st);
	draw_left(page, fonts, L->verify, nx, ny - L->verify->fit.size * 1.8, st);

	if (run->seal && *st == HPDF_OK)
		return draw_seal(pdf, page, run, axis, SIGN_BOTTOM + sh / 2 - 4, st, err);
	return 0;
}

/* Deflates the page's operators with pdf_deflate.h: the frame as parsed
 * once, the rest as parsed now. Returns 0, or -1 with *err set. */
static int
deflate_page(const struct cert_run *run, HPDF_Page page, char **err)
{
	size_t len = 0;
	unsigned char *ops = pdf_haru_page_operators(page, &len, err);
	if (ops == NULL)
		return *err ? -1 : 0;
	size_t at = run->frame.len && len >= run->frame.len && memcmp(ops, run->frame.p, run->frame.len) == 0
	                ? run->frame.len
	                : 0;
	struct pdf_lz rest;
	pdf_lz_parse(&rest, ops + at, len - at, PDF_LZ_FAST);
	const struct pdf_lz *pieces[2] = {&run->frame_lz, &rest};
	struct buf z = {0};
	pdf_deflate_pieces(&z, pieces + (at ? 0 : 1), at ? 2 : 1);
	pdf_lz_free(&rest);
	free(ops);
	size_t zlen = z.len;
	return pdf_haru_page_set_deflated(page, (unsigned char *)buf_steal(&z), zlen, err);
}

/* Makes one certificate into out. Returns 0, or -1 with job->err set. */
static int
render_one(struct cert_run *run, struct cert_job *job, struct buf *out)
{
	char *err = NULL;
	struct pdf_error pe = {0, 0};
	HPDF_Doc pdf = HPDF_New(on_pdf_error, &pe);
	if (pdf == NULL) {
		job->err = xstrdup("the PDF library cannot start a document");
		return -1;
	}
	struct pdf_doc_fonts fonts;
	pdf_doc_fonts_init(&fonts, &run->theme.fonts);
	struct layout L = {0};

	HPDF_STATUS st = HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_Page page = st == HPDF_OK ? HPDF_AddPage(pdf) : NULL;
	if (page)
		st = HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
	if (page && st == HPDF_OK)
		st = pdf_haru_page_no_procset(page);
	int rc = page && st == HPDF_OK ? 0 : -1;
	if (rc == 0)
		rc = layout_texts(&L, run, job, HPDF_Page_GetWidth(page), &err);
	for (size_t i = 0; i < L.n && rc == 0; i++)
		placed_use(&L.pl[i], &fonts);
	if (rc == 0)
		rc = pdf_doc_fonts_embed_own(&fonts, pdf, run->sfnt, &err);
	if (rc == 0) {
		set_document_info(pdf, &run->theme, job, &st);
		rc = draw_certificate(pdf, page, run, job, &L, &fonts, &st, &err);
	}
	if (rc == 0 && st == HPDF_OK)
		rc = deflate_page(run, page, &err);
	if (rc == 0 && st == HPDF_OK && pdf_save(pdf, out) != 0)
		st = HPDF_GetError(pdf) ? HPDF_GetError(pdf) : HPDF_FAILD_TO_ALLOC_MEM;
	if (err == NULL && (rc != 0 || st != HPDF_OK || pe.code != 0)) {
		err = xasprintf("the PDF library failed (error %#lx, detail %lu)",
		                (unsigned long)(pe.code ? pe.code : st), (unsigned long)pe.detail);
	}
	layout_free(&L);
	HPDF_Free(pdf);
	pdf_doc_fonts_free(&fonts);
	if (err) {
		job->err = err;
		return -1;
	}
	return 0;
}

/* What certificate i is made from: its texts and address, and the
 * theme, faces and seal of the run. */
static struct hash
cert_inputs(const struct cert_run *run, const struct cert_job *job)
{
	struct hasher h;
	hasher_init(&h);
	hasher_hash(&h, run->setup);
	for (int v = 0; v < CV_COUNT; v++)
		hasher_str(&h, job->vals[v]);
	hasher_str(&h, job->url);
	return hasher_end(&h);
}

static void
floor_warnings(const struct cert_run *run, const struct cert_job *job)
{
	const struct cert_theme *t = &run->theme;
	for (size_t s = 0; s < t->nbody + t->nsignature; s++)
		if (job->below_floor[s])
			diag_warning(job->r->pos,
			             "record '%s': '%s' is too long for two lines of the certificate at %gpt (the "
			             "theme's min_size), so it is printed smaller",
			             job->r->id, job->floor_text[s], run->styles[1 + s]->min_size);
}

/* The facts of a certificate: the texts printed below their floor size,
 * one a line, each after its index. */
static char *
floor_facts(const struct cert_run *run, const struct cert_job *job)
{
	const struct cert_theme *t = &run->theme;
	struct buf b = {0};
	buf_puts(&b, "");
	for (size_t s = 0; s < t->nbody + t->nsignature; s++) {
		if (!job->below_floor[s])
			continue;
		buf_printf(&b, "%zu\t", s);
		for (const char *p = job->floor_text[s]; *p; p++)
			buf_putc(&b, *p == '\n' ? ' ' : *p);
		buf_putc(&b, '\n');
	}
	return buf_steal(&b);
}

static void
read_floor_facts(const struct cert_run *run, struct cert_job *job, const char *facts)
{
	const struct cert_theme *t = &run->theme;
	for (const char *line = facts; *line;) {
		const char *end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		char *tab;
		unsigned long s = strtoul(line, &tab, 10);
		if (*tab == '\t' && s < t->nbody + t->nsignature) {
			job->below_floor[s] = true;
			free(job->floor_text[s]);
			job->floor_text[s] = xstrndup(tab + 1, (size_t)(end - tab - 1));
		}
		line = *end ? end + 1 : end;
	}
}

/* Makes a record's certificate, or keeps the previous one made from the
 * same inputs, and reports its problems: runs on a worker of parallel.h. */
static int
make_certificate(struct cert_run *run, struct cert_job *job)
{
	struct hash in = cert_inputs(run, job);
	const char *kept = render_kept(run->ctx, job->path, in);
	if (kept) {
		read_floor_facts(run, job, kept);
		floor_warnings(run, job);
		return 0;
	}
	struct buf out = {0};
	int rc = render_one(run, job, &out);
	if (rc == 0) {
		char *facts = floor_facts(run, job);
		rc = render_write_facts(run->ctx, job->path, in, out.p, out.len, facts);
		free(facts);
	}
	buf_free(&out);
	if (job->err) {
		diag_error(job->r->pos, "record '%s': certificate %s: %s", job->r->id, job->r->certificate, job->err);
		return -1;
	}
	floor_warnings(run, job);
	return rc;
}

/* ---- the renderer ---- */

static char *
verify_url(const struct model *m, const struct record *r)
{
	char *page = address_verify(r);
	char *url = address_url(m, page);
	free(page);
	return url;
}

static int
load_seal(struct cert_run *run, const struct model *m)
{
	if (m->site.seal == NULL)
		return 0;
	char *path = path_join(m->content_dir, m->site.seal);
	struct buf b = {0};
	int rc = 0;
	if (read_file(path, &b) != 0) {
		diag_error(m->site.pos, "cannot read the seal image %s: %s", path, strerror(errno));
		rc = -1;
	} else if (b.len < 8 || memcmp(b.p, "\x89PNG\r\n\x1a\n", 8) != 0) {
		diag_error(m->site.pos, "the seal image %s must be a PNG (with transparency)", path);
		rc = -1;
	}
	if (rc == 0) {
		run->seal_len = b.len;
		run->seal = (unsigned char *)buf_steal(&b);
		char *err = NULL;
		if (pdf_image_from_png(&run->seal_image, run->seal, run->seal_len, &err) != 0) {
			diag_error(m->site.pos, "the seal image %s: %s", path, err);
			free(err);
			rc = -1;
		}
	}
	free(path);
	buf_free(&b);
	return rc;
}

/* A published record's job, made when it is needed (checking, drawing)
 * and freed after (job_free): the run keeps none per record. Its texts
 * point into it, so it stays where it is made. */
static void
job_init(const struct cert_run *run, struct cert_job *job, const struct record *r)
{
	const struct model *m = run->ctx->model;
	const struct cert_theme *t = &run->theme;
	const struct campaign *c = r->campaign;
	memset(job, 0, sizeof(*job));
	job->r = r;
	snprintf(job->year, sizeof(job->year), "%d", c->year);
	struct buf date = {0};
	pdf_date_write(&t->date, c->announcement_date, &date);
	job->date = buf_steal(&date);
	job->vals[CV_YEAR] = job->year;
	job->vals[CV_CAMPAIGN] = c->title;
	job->vals[CV_CERTIFICATE] = r->certificate;
	job->vals[CV_ENTERPRISE] = r->enterprise;
	job->vals[CV_EXPERIENCE] = r->experience;
	job->vals[CV_ORGANIZATION] = m->site.organization;
	job->vals[CV_DATE] = job->date;
	job->url = verify_url(m, r);
	char *addr = address_certificate(r);
	job->path = xasprintf("site/%s", addr);
	free(addr);
	job->below_floor = xcalloc(t->nbody + t->nsignature + 1, sizeof(bool));
	job->floor_text = xcalloc(t->nbody + t->nsignature + 1, sizeof(char *));
}

static void
job_free(const struct cert_run *run, struct cert_job *job)
{
	free(job->url);
	free(job->date);
	free(job->path);
	free(job->err);
	free(job->below_floor);
	for (size_t k = 0; job->floor_text && k < run->theme.nbody + run->theme.nsignature; k++)
		free(job->floor_text[k]);
	free(job->floor_text);
}

static void
run_free(struct cert_run *run)
{
	free(run->styles);
	pdf_image_free(&run->seal_image);
	for (size_t f = 0; run->sfnt && f < run->theme.fonts.n; f++)
		pdf_sfnt_free(run->sfnt[f]);
	free(run->sfnt);
	buf_free(&run->frame);
	pdf_lz_free(&run->frame_lz);
	free(run->seal);
	cert_theme_free(&run->theme);
}

int
cert_begin(const struct render_ctx *ctx, void **state)
{
	const struct model *m = ctx->model;
	struct cert_run *runp = xcalloc(1, sizeof(*runp));
	*state = runp;
	struct cert_run run = {0};
	run.ctx = ctx;
	char *theme_path = theme_file(ctx, "pdf.yaml");
	if (theme_path == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "the theme has no pdf.yaml (PDF settings), nor has %s",
		     ctx->default_theme_dir);
		return -1;
	}
	int rc = cert_theme_load(&run.theme, theme_path);
	struct hasher setup;
	hasher_init(&setup);
	struct buf tb = {0};
	if (read_file(theme_path, &tb) == 0)
		hasher_add(&setup, tb.p, tb.len);
	buf_free(&tb);
	free(theme_path);
	if (rc != 0) {
		*runp = run;
		return -1;
	}
	struct cert_theme *t = &run.theme;
	run.nstyles = 1 + t->nbody + t->nsignature + 2;
	run.styles = xcalloc(run.nstyles, sizeof(*run.styles));
	size_t k = 0;
	run.styles[k++] = &t->title;
	for (size_t i = 0; i < t->nbody; i++)
		run.styles[k++] = &t->body[i];
	for (size_t i = 0; i < t->nsignature; i++)
		run.styles[k++] = &t->signature[i];
	run.styles[k++] = &t->number;
	run.styles[k++] = &t->verify;

	/* Check every text before drawing any. */
	struct check chk = {0};
	chk.run = &run;
	chk.used = xcalloc(t->fonts.n + 1, sizeof(bool));
	int errors = diag_errors();
	for (size_t i = 0; i < m->ncampaigns; i++) {
		const struct campaign *c = m->campaigns[i];
		for (size_t j = 0; j < c->nrecords; j++) {
			if (!record_is_published(c->records[j]))
				continue;
			struct cert_job job;
			job_init(&run, &job, c->records[j]);
			chk.job = &job;
			for (size_t s = 0; s < run.nstyles; s++) {
				chk.style = s;
				cert_pieces(run.styles[s]->text, job.vals, check_piece, &chk);
			}
			job_free(&run, &job);
		}
	}
	free(chk.done);
	if (diag_errors() > errors || load_seal(&run, m) != 0) {
		free(chk.used);
		*runp = run;
		return -1;
	}
	for (size_t f = 0; f < t->fonts.n; f++) {
		struct stat st;
		hasher_str(&setup, t->fonts.faces[f]->file);
		hasher_u64(&setup, (uint64_t)t->fonts.faces[f]->index);
		if (stat(t->fonts.faces[f]->file, &st) == 0) {
			hasher_u64(&setup, (uint64_t)st.st_size);
			hasher_u64(&setup, (uint64_t)st.st_mtim.tv_sec);
		}
	}
	hasher_add(&setup, run.seal ? (const char *)run.seal : "", run.seal_len);
	run.setup = hasher_end(&setup);
	free(chk.used);
	run.sfnt = xcalloc(t->fonts.n + 1, sizeof(*run.sfnt));
	pdf_text_init();
	*runp = run;
	return 0;
}

int
cert_record(void *state, const struct record *r, struct narrative *body)
{
	(void)body;
	struct cert_run *run = state;
	if (!record_is_published(r))
		return 0;
	struct cert_job job;
	job_init(run, &job, r);
	int rc = make_certificate(run, &job);
	job_free(run, &job);
	return rc;
}

void
cert_end(void *state)
{
	struct cert_run *run = state;
	run_free(run);
	free(run);
}
