#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../diag.h"
#include "../load.h"
#include "../markdown.h"
#include "../util.h"
#include "parallel.h"

int site_begin(const struct render_ctx *ctx, void **state);
int site_record(void *state, const struct record *r, cmark_node *body);
int site_finish(void *state);
void site_end(void *state);
int render_wechat(const struct render_ctx *ctx);
int render_certificates(const struct render_ctx *ctx);

struct legacy {
	const struct render_ctx *ctx;
	int (*fn)(const struct render_ctx *ctx);
};

static int wechat_begin(const struct render_ctx *ctx, void **state);
static int certificates_begin(const struct render_ctx *ctx, void **state);

static int
legacy_finish(void *state)
{
	struct legacy *l = state;
	return l->fn(l->ctx);
}

static void
legacy_end(void *state)
{
	free(state);
}

const struct renderer renderers[] = {
	{"site", "the website (output/site/)", false, site_begin, site_record, site_finish, site_end},
	{"wechat", "WeChat articles (output/wechat/)", true, wechat_begin, NULL, legacy_finish, legacy_end},
	{"certificates", "PDF certificates (output/site/certificates/)", false, certificates_begin, NULL,
	 legacy_finish, legacy_end},
};
const size_t nrenderers = sizeof(renderers) / sizeof(renderers[0]);

static int
legacy_begin(const struct render_ctx *ctx, void **state, int (*fn)(const struct render_ctx *))
{
	struct legacy *l = xcalloc(1, sizeof(*l));
	l->ctx = ctx;
	l->fn = fn;
	*state = l;
	return 0;
}

static int
wechat_begin(const struct render_ctx *ctx, void **state)
{
	return legacy_begin(ctx, state, render_wechat);
}

static int
certificates_begin(const struct render_ctx *ctx, void **state)
{
	return legacy_begin(ctx, state, render_certificates);
}

int
render_write(const struct render_ctx *ctx, const char *rel, const void *data, size_t len)
{
	char *path = path_join(ctx->out, rel);
	int rc = write_file(path, data, len);
	if (rc != 0)
		diag(DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
	free(path);
	return rc;
}

/* ---- the record pass ---- */

struct pass {
	const struct model *m;
	const struct record **recs;
	size_t n;
	const struct renderer **rs;
	void **states;
	size_t nrs;
};

static int
record_job(void *arg, size_t i)
{
	struct pass *p = arg;
	const struct record *r = p->recs[i];
	cmark_node *body = r->narrative ? document_body(p->m, r->narrative, true) : NULL;
	int rc = 0;
	for (size_t k = 0; k < p->nrs; k++)
		if (p->rs[k]->record && p->rs[k]->record(p->states[k], r, body) != 0)
			rc = -1;
	markdown_free_tree(body);
	return rc;
}

static int
record_pass(const struct model *m, int jobs, bool progress, const struct renderer **rs, void **states,
            size_t nrs)
{
	struct pass p = {m, NULL, 0, rs, states, nrs};
	for (size_t i = 0; i < m->ncampaigns; i++)
		p.n += m->campaigns[i]->nrecords;
	p.recs = xcalloc(p.n ? p.n : 1, sizeof(*p.recs));
	p.n = 0;
	for (size_t i = 0; i < m->ncampaigns; i++)
		for (size_t j = 0; j < m->campaigns[i]->nrecords; j++) {
			const struct record *r = m->campaigns[i]->records[j];
			bool any = r->narrative != NULL;
			for (size_t k = 0; k < nrs && !any; k++)
				any = rs[k]->record != NULL;
			if (any)
				p.recs[p.n++] = r;
		}
	int rc = par_run(jobs, p.n, record_job, &p, progress, nrs ? "rendering cases" : "checking narratives");
	free(p.recs);
	return rc;
}

int
render_check_narratives(const struct model *m, int jobs, bool progress)
{
	return record_pass(m, jobs, progress, NULL, NULL, 0);
}

int
render_run(const struct render_ctx *ctx, const bool *wanted)
{
	const struct renderer **rs = xcalloc(nrenderers, sizeof(*rs));
	void **states = xcalloc(nrenderers, sizeof(*states));
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; i < nrenderers && rc == 0; i++) {
		if (!wanted[i])
			continue;
		rs[n] = &renderers[i];
		if (renderers[i].begin && renderers[i].begin(ctx, &states[n]) != 0)
			rc = -1;
		n++;
	}
	if (rc == 0 && record_pass(ctx->model, ctx->jobs, ctx->progress, rs, states, n) != 0)
		rc = -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (ctx->progress)
			fprintf(stderr, "qbpress: rendering %s\n", rs[i]->description);
		if (rs[i]->finish && (rs[i]->finish(states[i]) != 0 || diag_errors()))
			rc = -1;
	}
	for (size_t i = 0; i < n; i++)
		if (rs[i]->end && states[i])
			rs[i]->end(states[i]);
	free(rs);
	free(states);
	return rc;
}
