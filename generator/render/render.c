#include "render.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../diag.h"
#include "../load.h"
#include "../markdown.h"
#include "../output.h"
#include "../pool.h"
#include "../util.h"
#include "notices.h"
#include "parallel.h"
#include "xslt.h"

extern const char *const site_sheets[];
int site_begin(const struct render_ctx *ctx, void **state);
int site_record(void *state, const struct record *r, struct narrative *body);
int site_finish(void *state);
void site_end(void *state);
extern const char *const wechat_sheets[];
int wechat_begin(const struct render_ctx *ctx, void **state);
int wechat_record(void *state, const struct record *r, struct narrative *body);
int wechat_finish(void *state);
int wechat_finish_books(void *state);
void wechat_end(void *state);
int cert_begin(const struct render_ctx *ctx, void **state);
int cert_record(void *state, const struct record *r, struct narrative *body);
void cert_end(void *state);
int compendium_begin(const struct render_ctx *ctx, void **state);
int compendium_settle(void *state);
void compendium_end(void *state);
int sheets_begin(const struct render_ctx *ctx, void **state);
int sheets_finish(void *state);
void sheets_end(void *state);
int notice_pdf_begin(const struct render_ctx *ctx, void **state);
int notice_pdf_finish(void *state);
void notice_pdf_end(void *state);

/* The compendium begins first: its books are set beside the record pass,
 * and the site's pages of a year wait for its book (they say where each
 * case starts). */
const struct renderer renderers[] = {
	{.name = "compendium",
	 .description = "the experience compendium, one PDF book per announced year (output/site/compendium/)",
	 .begin = compendium_begin,
	 .settle = compendium_settle,
	 .end = compendium_end},
	{.name = "site",
	 .description = "the website (output/site/)",
	 .needs_notices = true,
	 .record_reads_books = true,
	 .sheets = site_sheets,
	 .begin = site_begin,
	 .record = site_record,
	 .finish_books = site_finish,
	 .end = site_end},
	{.name = "wechat",
	 .description = "WeChat articles (output/wechat/)",
	 .needs_notices = true,
	 .sheets = wechat_sheets,
	 .begin = wechat_begin,
	 .record = wechat_record,
	 .finish = wechat_finish,
	 .finish_books = wechat_finish_books,
	 .end = wechat_end},
	{.name = "certificates",
	 .description = "PDF certificates (output/site/certificates/)",
	 .begin = cert_begin,
	 .record = cert_record,
	 .end = cert_end},
	{.name = "sheets",
	 .description = "spreadsheets of the lists and figures (output/site/**/*.xlsx, *.csv)",
	 .begin = sheets_begin,
	 .finish = sheets_finish,
	 .end = sheets_end},
	{.name = "notices",
	 .description = "the notices as official PDFs after GB/T 9704 (output/site/notices/*/*.pdf)",
	 .needs_notices = true,
	 .begin = notice_pdf_begin,
	 .finish = notice_pdf_finish,
	 .end = notice_pdf_end},
};
const size_t nrenderers = sizeof(renderers) / sizeof(renderers[0]);

/* Where the record pass sends the outputs its workers put. */
static int output_kind = -1;

/* An output record on the wire: the fixed part, then the path and the
 * facts, each NUL-terminated (facts empty for none). */
struct output_msg {
	struct hash in, out;
	uint64_t size, ino;
	uint32_t has_facts;
};

static void
send_output(const struct manifest_output *rec)
{
	size_t n = strlen(rec->path), f = rec->facts ? strlen(rec->facts) : 0;
	char *b = xmalloc(sizeof(struct output_msg) + n + f + 2);
	struct output_msg m = {rec->in, rec->out, rec->size, rec->ino, rec->facts != NULL};
	memcpy(b, &m, sizeof(m));
	memcpy(b + sizeof(m), rec->path, n + 1);
	memcpy(b + sizeof(m) + n + 1, rec->facts ? rec->facts : "", f + 1);
	par_send(output_kind, b, sizeof(m) + n + f + 2);
	free(b);
}

static void
receive_output(void *arg, const void *data, size_t len)
{
	struct output_msg m;
	if (len < sizeof(m) + 2)
		return;
	memcpy(&m, data, sizeof(m));
	const char *path = (const char *)data + sizeof(m);
	const char *facts = path + strlen(path) + 1;
	struct manifest_output rec = {(char *)path, m.in, m.out, m.size, m.ino, m.has_facts ? (char *)facts : NULL};
	staging_record(arg, &rec);
}

static struct hash
with_program(const struct render_ctx *ctx, struct hash in)
{
	struct hasher h;
	hasher_init(&h);
	hasher_hash(&h, in);
	hasher_hash(&h, ctx->program);
	return hasher_end(&h);
}

/* After one write failed, the others are not tried: the first says what
 * is wrong (a full disk, a folder that cannot be written). */
static bool write_failed;

static int
write_failure(const struct render_ctx *ctx, const char *rel)
{
	diag(DIAG_FAILURE, NULL, 0, 0, "cannot write %s/%s: %s", ctx->out, rel, strerror(errno));
	write_failed = true;
	return -1;
}

int
render_write_facts(const struct render_ctx *ctx, const char *rel, struct hash in, const void *data, size_t len,
                   const char *facts)
{
	struct manifest_output rec;
	if (write_failed)
		return -1;
	if (staging_put(ctx->staging, rel, data, len, hash_is_zero(in) ? in : with_program(ctx, in), &rec) != 0)
		return write_failure(ctx, rel);
	rec.facts = (char *)facts;
	send_output(&rec);
	return 0;
}

/* What a render_file holds before it writes it. */
#define RENDER_FILE_CHUNK 65536

int
render_open(const struct render_ctx *ctx, const char *rel, struct render_file *w)
{
	memset(w, 0, sizeof(*w));
	w->f.fd = -1;
	w->ctx = ctx;
	w->rel = xstrdup(rel);
	if (write_failed)
		w->failed = true;
	else if (staging_open(ctx->staging, rel, &w->f) != 0)
		w->failed = write_failure(ctx, rel) != 0;
	return w->failed ? -1 : 0;
}

void
render_flush(struct render_file *w)
{
	if (w->b.len < RENDER_FILE_CHUNK)
		return;
	if (!w->failed)
		staging_add(&w->f, w->b.p, w->b.len);
	w->b.len = 0;
}

int
render_close(struct render_file *w)
{
	struct manifest_output rec;
	int rc = -1;
	if (!w->failed) {
		staging_add(&w->f, w->b.p ? w->b.p : "", w->b.len);
		if (staging_close(w->ctx->staging, w->rel, &w->f, (struct hash){0, 0}, &rec) != 0) {
			write_failure(w->ctx, w->rel);
		} else {
			send_output(&rec);
			rc = 0;
		}
	}
	buf_free(&w->b);
	free(w->rel);
	return rc;
}

int
render_write_from(const struct render_ctx *ctx, const char *rel, struct hash in, const void *data, size_t len)
{
	return render_write_facts(ctx, rel, in, data, len, NULL);
}

int
render_write(const struct render_ctx *ctx, const char *rel, const void *data, size_t len)
{
	return render_write_from(ctx, rel, (struct hash){0, 0}, data, len);
}

const char *
render_kept(const struct render_ctx *ctx, const char *rel, struct hash in)
{
	struct manifest_output rec;
	if (staging_keep(ctx->staging, rel, with_program(ctx, in), &rec) != 1)
		return NULL;
	send_output(&rec);
	return rec.facts ? rec.facts : "";
}

bool
render_keep(const struct render_ctx *ctx, const char *rel, struct hash in)
{
	return render_kept(ctx, rel, in) != NULL;
}

static void
send_kept(void *arg, const struct manifest_output *rec)
{
	(void)arg;
	send_output(rec);
}

bool
render_keep_all(const struct render_ctx *ctx, struct hash in)
{
	return staging_keep_all(ctx->staging, with_program(ctx, in), send_kept, NULL) > 0;
}

int
render_copy(const struct render_ctx *ctx, const char *rel, const char *from)
{
	struct buf b = {0};
	int rc = read_file(from, &b);
	if (rc != 0)
		diag(DIAG_ERROR, from, 0, 0, "cannot read: %s", strerror(errno));
	else
		rc = render_write(ctx, rel, b.p ? b.p : "", b.len);
	buf_free(&b);
	return rc;
}

/* ---- the record pass ---- */

/* The first pass takes every record, for every renderer but one that
 * reads the books' facts while the record's book is being made; the
 * second takes the records of those years, for those renderers only, and
 * opens their narratives quietly (the first reported their problems). */
enum pass_part { PASS_FIRST, PASS_SECOND };

struct pass {
	const struct render_ctx *ctx; /* NULL: checking, nothing kept */
	const struct model *m;
	enum pass_part part;
	const struct record **recs;
	size_t n;
	const struct renderer **rs;
	void **states;
	size_t nrs;
	int facts_kind;
};

static bool
pass_takes(const struct pass *p, const struct renderer *rd, const struct record *r)
{
	if (!rd->record)
		return false;
	bool waits = rd->record_reads_books && p->ctx && render_book_pending(p->ctx->shared, r->campaign->year);
	return p->part == PASS_FIRST ? !waits : waits;
}

static int
record_job(void *arg, size_t i)
{
	struct pass *p = arg;
	const struct record *r = p->recs[i];
	bool again = p->part == PASS_SECOND;
	struct narrative body;
	if (r->narrative) {
		if (again)
			diag_mute(true);
		narrative_open(&body, p->ctx, p->m, r, again ? -1 : p->facts_kind);
		if (again)
			diag_mute(false);
	}
	int rc = 0;
	for (size_t k = 0; k < p->nrs; k++)
		if (pass_takes(p, p->rs[k], r) && p->rs[k]->record(p->states[k], r, r->narrative ? &body : NULL) != 0)
			rc = -1;
	if (r->narrative)
		narrative_close(&body);
	return rc;
}

static int
record_pass(const struct render_ctx *ctx, const struct model *m, int jobs, bool progress,
            const struct renderer **rs, void **states, size_t nrs, enum pass_part part)
{
	struct pass p = {ctx, m, part, NULL, 0, rs, states, nrs, -1};
	for (size_t i = 0; i < m->ncampaigns; i++)
		p.n += m->campaigns[i]->nrecords;
	p.recs = xcalloc(p.n ? p.n : 1, sizeof(*p.recs));
	p.n = 0;
	for (size_t i = 0; i < m->ncampaigns; i++)
		for (size_t j = 0; j < m->campaigns[i]->nrecords; j++) {
			const struct record *r = m->campaigns[i]->records[j];
			bool any = part == PASS_FIRST && r->narrative != NULL;
			for (size_t k = 0; k < nrs && !any; k++)
				any = pass_takes(&p, rs[k], r);
			if (any)
				p.recs[p.n++] = r;
		}
	if (p.n == 0) {
		free(p.recs);
		return 0;
	}
	if (ctx && ctx->staging && part == PASS_FIRST)
		p.facts_kind = par_kind(narrative_receive, ctx->staging);
	int rc = par_run(jobs, p.n, record_job, &p, progress, nrs ? "rendering cases" : "checking narratives");
	par_drop(p.facts_kind);
	free(p.recs);
	return rc;
}

int
render_check_narratives(const struct model *m, int jobs, bool progress)
{
	return record_pass(NULL, m, jobs, progress, NULL, NULL, 0, PASS_FIRST);
}

static int
finish_step(const struct render_ctx *ctx, const struct renderer *rd, int (*step)(void *), void *state)
{
	if (!step)
		return 0;
	/* one line a renderer, before its first step */
	if (ctx->progress && step == (rd->finish ? rd->finish : rd->finish_books))
		fprintf(stderr, "qbpress: rendering %s\n", rd->description);
	return step(state) != 0 || diag_errors() ? -1 : 0;
}

/* The templates of the wanted renderers, compiled on a thread of their
 * own while the content loads (render_preload_start). */
static struct {
	pthread_t thread;
	bool running;
	struct render_ctx ctx;
	char *theme_dir, *default_dir;
	bool *wanted;
} early;

/* Whether a wanted renderer shows the notices (their texts are then
 * composed). */
static bool
composes(const bool *wanted)
{
	for (size_t i = 0; i < nrenderers; i++)
		if (wanted[i] && renderers[i].needs_notices)
			return true;
	return false;
}

static void *
preload_thread(void *arg)
{
	(void)arg;
	pool_lock();
	if (composes(early.wanted))
		theme_sheet_preload(&early.ctx, NOTICES_SHEET);
	for (size_t i = 0; i < nrenderers; i++)
		for (size_t k = 0; early.wanted[i] && renderers[i].sheets && renderers[i].sheets[k]; k++)
			theme_sheet_preload(&early.ctx, renderers[i].sheets[k]);
	pool_unlock();
	return NULL;
}

void
render_preload_start(const char *theme_dir, const char *default_dir, const bool *wanted)
{
	if (early.running)
		return;
	early.theme_dir = xstrdup(theme_dir);
	early.default_dir = xstrdup(default_dir);
	early.wanted = xcalloc(nrenderers, sizeof(*early.wanted));
	memcpy(early.wanted, wanted, nrenderers * sizeof(*early.wanted));
	early.ctx = (struct render_ctx){.theme_dir = early.theme_dir, .default_theme_dir = early.default_dir};
	early.running = pthread_create(&early.thread, NULL, preload_thread, NULL) == 0;
	if (!early.running)
		render_preload_wait();
}

void
render_preload_wait(void)
{
	if (early.running)
		pthread_join(early.thread, NULL);
	early.running = false;
	free(early.theme_dir);
	free(early.default_dir);
	free(early.wanted);
	early.theme_dir = early.default_dir = NULL;
	early.wanted = NULL;
}

int
render_run(const struct render_ctx *ctx_in, const bool *wanted)
{
	render_preload_wait();
	/* The notices' texts are composed once, for every renderer that sets
	 * them, after the renderers before it have begun (the books are set
	 * meanwhile). */
	struct render_ctx local = *ctx_in;
	const struct render_ctx *ctx = &local;
	struct notice_set notices = {0};
	bool compose = composes(wanted);
	output_kind = par_kind(receive_output, ctx->staging);
	const struct renderer **rs = xcalloc(nrenderers, sizeof(*rs));
	void **states = xcalloc(nrenderers, sizeof(*states));
	bool *begun = xcalloc(nrenderers, sizeof(*begun));
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; i < nrenderers && rc == 0; i++) {
		if (!wanted[i])
			continue;
		if (compose && renderers[i].needs_notices) {
			compose = false;
			if (notices_compose(ctx, &notices) != 0) {
				rc = -1;
				break;
			}
			local.notices = &notices;
		}
		rs[n] = &renderers[i];
		if (renderers[i].begin && renderers[i].begin(ctx, &states[n]) != 0)
			rc = -1;
		else
			begun[n] = true;
		n++;
	}
	if (rc == 0 && record_pass(ctx, ctx->model, ctx->jobs, ctx->progress, rs, states, n, PASS_FIRST) != 0)
		rc = -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = finish_step(ctx, rs[i], rs[i]->finish, states[i]);
	for (size_t i = 0; i < n; i++)
		if (begun[i] && rs[i]->settle && rs[i]->settle(states[i]) != 0)
			rc = -1;
	if (rc == 0 && record_pass(ctx, ctx->model, ctx->jobs, ctx->progress, rs, states, n, PASS_SECOND) != 0)
		rc = -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = finish_step(ctx, rs[i], rs[i]->finish_books, states[i]);
	for (size_t i = 0; i < n; i++)
		if (rs[i]->end && states[i])
			rs[i]->end(states[i]);
	par_drop(output_kind);
	output_kind = -1;
	free(rs);
	free(states);
	free(begun);
	notices_free(&notices);
	return rc;
}

void
render_shared_free(struct render_shared *s)
{
	for (size_t i = 0; i < s->nbooks; i++) {
		free(s->books[i].path);
		free(s->books[i].cases);
	}
	free(s->books);
	s->books = NULL;
	s->nbooks = 0;
	free(s->pending);
	s->pending = NULL;
	s->npending = 0;
}

bool
render_book_pending(const struct render_shared *s, int year)
{
	for (size_t i = 0; s && i < s->npending; i++)
		if (s->pending[i] == year)
			return true;
	return false;
}

const struct render_book *
render_book_of(const struct render_shared *s, int year)
{
	for (size_t i = 0; s && i < s->nbooks; i++)
		if (s->books[i].year == year)
			return &s->books[i];
	return NULL;
}

const struct render_book_case *
render_book_case(const struct render_shared *s, const struct record *r)
{
	const struct render_book *b = render_book_of(s, r->campaign->year);
	for (size_t i = 0; b && i < b->ncases; i++)
		if (b->cases[i].r == r)
			return &b->cases[i];
	return NULL;
}
