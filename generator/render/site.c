/* The website renderer: turns views of the model (site_view.c) into pages
 * with the theme's templates/site/ stylesheets, and writes the search and
 * verification indexes (site_search.c), sitemap.xml, robots.txt, the
 * theme's static files and the content's images into site/. */
#include <errno.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../diag.h"
#include "../modelxml.h"
#include "../util.h"
#include "site.h"
#include "xslt.h"

enum sheet {
	SH_HOME, SH_NOTICES, SH_NOTICE, SH_LIBRARY, SH_CASE, SH_MOVED, SH_VERIFY, SH_PAGE, SH_404, SH_FEED, SH_STATS, SH_N
};

static const char *const sheet_files[SH_N] = {
    "site/home.xsl",   "site/notices.xsl", "site/notice.xsl", "site/library.xsl", "site/case.xsl",
    "site/moved.xsl",  "site/verify.xsl",  "site/page.xsl",   "site/404.xsl",     "site/feed.xsl",
    "site/stats.xsl",
};

struct site_run {
	const struct render_ctx *ctx;
	struct site_index ix;
	struct theme_sheet sheets[SH_N];
	char *base_path;    /* the path part of base_url, "/" at least */
	char **sitemap;     /* page paths, in the order written */
	size_t nsitemap;
};

static void
sitemap_add(struct site_run *s, const char *page)
{
	s->sitemap = xrealloc(s->sitemap, (s->nsitemap + 1) * sizeof(*s->sitemap));
	s->sitemap[s->nsitemap++] = xstrdup(page);
}

/* "../" once per folder of page ("cases/2025/x/" → "../../../"). */
static char *
root_of(const char *page)
{
	struct buf b = {0};
	for (const char *p = page; *p; p++)
		if (*p == '/')
			buf_puts(&b, "../");
	return buf_steal(&b);
}

/* Applies a sheet to a view and writes site/<file>; file NULL means
 * <page>index.html. params are extra name, value pairs, NULL-terminated. */
static int
emit(struct site_run *s, enum sheet sh, xmlDocPtr view, const char *page, const char *file, const char *root,
     const char *const *params)
{
	const char *all[16];
	size_t n = 0;
	char *r = root ? NULL : root_of(page);
	all[n++] = "root";
	all[n++] = root ? root : r;
	all[n++] = "path";
	all[n++] = page;
	if (s->ctx->relative) {
		all[n++] = "index-file";
		all[n++] = "index.html";
	}
	for (size_t i = 0; params && params[i] && n < 14; i++)
		all[n++] = params[i];
	all[n] = NULL;
	struct buf out = {0};
	int rc = theme_apply(&s->sheets[sh], view, all, &out);
	free(r);
	if (rc == 0) {
		char *rel = file ? xasprintf("site/%s", file) : xasprintf("site/%sindex.html", page);
		rc = render_write(s->ctx, rel, out.p ? out.p : "", out.len);
		free(rel);
	}
	buf_free(&out);
	return rc;
}

static bool
safe_segment(const char *v)
{
	if (v == NULL || *v == '\0' || *v == '.')
		return false;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_' || *p == '.'))
			return false;
	return true;
}

/* The pages of one record: its case page (or, once revoked, a page that
 * sends readers to the revocation notice), its verification page and its
 * revocation notice. */
static int
record_pages(struct site_run *s, size_t i)
{
	const struct site_record *sr = &s->ix.recs[i];
	const struct record *r = sr->r;
	if (!record_is_issued(r))
		return 0;
	xmlDocPtr view = site_record_view(&s->ix, i);
	char year[16];
	snprintf(year, sizeof(year), "%d", r->campaign->year);
	const char *const params[] = {"year", year, "id", r->id, "certificate", r->certificate, NULL};
	char *casep = xasprintf("cases/%d/%s/", r->campaign->year, r->id);
	char *verify = xasprintf("verify/%s/", r->certificate);
	int rc = emit(s, r->revoked ? SH_MOVED : SH_CASE, view, casep, NULL, NULL, params);
	if (rc == 0)
		rc = emit(s, SH_VERIFY, view, verify, NULL, NULL, params);
	if (rc == 0 && r->revoked) {
		char *notice = xasprintf("notices/revocation-%s/", r->certificate);
		const char *const np[] = {"kind", "revocation", "year", year, "id", r->id, "certificate", r->certificate,
		                          NULL};
		rc = emit(s, SH_NOTICE, view, notice, NULL, NULL, np);
		free(notice);
	}
	free(casep);
	free(verify);
	xmlFreeDoc(view);
	return rc;
}

/* Renders the record pages of records k, k + step, … */
static int
record_range(struct site_run *s, size_t k, size_t step)
{
	for (size_t i = k; i < s->ix.nrecs; i += step)
		if (record_pages(s, i) != 0)
			return -1;
	return 0;
}

/* Record pages in jobs worker processes: every page depends on its record
 * alone, so the files are the same whichever process writes them. */
static int
record_pages_all(struct site_run *s)
{
	size_t jobs = s->ctx->jobs > 1 ? (size_t)s->ctx->jobs : 1;
	if (jobs > s->ix.nrecs / 64)
		jobs = s->ix.nrecs / 64;
	if (jobs <= 1)
		return record_range(s, 0, 1);
	fflush(NULL);
	pid_t *pids = xcalloc(jobs, sizeof(*pids));
	int rc = 0;
	size_t started = 0;
	for (size_t k = 1; k < jobs; k++) {
		pid_t pid = fork();
		if (pid < 0) {
			diag(DIAG_ERROR, NULL, 0, 0, "site: cannot start a worker: %s", strerror(errno));
			rc = -1;
			break;
		}
		if (pid == 0) {
			int crc = record_range(s, k, jobs);
			diag_flush(stderr, 0);
			fflush(NULL);
			_exit(crc == 0 ? 0 : 1);
		}
		pids[started++] = pid;
	}
	if (rc == 0 && record_range(s, 0, jobs) != 0)
		rc = -1;
	for (size_t k = 0; k < started; k++) {
		int st;
		while (waitpid(pids[k], &st, 0) < 0) {
			if (errno != EINTR) {
				st = -1;
				break;
			}
		}
		if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
			diag(DIAG_ERROR, NULL, 0, 0, "site: a worker rendering case pages failed");
			rc = -1;
		}
	}
	free(pids);
	return rc;
}

static void
record_sitemap(struct site_run *s)
{
	for (size_t i = 0; i < s->ix.nrecs; i++) {
		const struct record *r = s->ix.recs[i].r;
		if (!record_is_issued(r))
			continue;
		char *p;
		if (!r->revoked) {
			p = xasprintf("cases/%d/%s/", r->campaign->year, r->id);
			sitemap_add(s, p);
			free(p);
		}
		p = xasprintf("verify/%s/", r->certificate);
		sitemap_add(s, p);
		free(p);
	}
}

static int
notice_pages(struct site_run *s, xmlDocPtr lib)
{
	const struct model *m = s->ctx->model;
	int rc = 0;
	for (size_t i = m->ncampaigns; i-- > 0 && rc == 0;) {
		const struct campaign *c = m->campaigns[i];
		char year[16];
		snprintf(year, sizeof(year), "%d", c->year);
		/* A publicity notice is published on its date (Art. 22): a build
		 * made before it leaves the page out. */
		if (c->publicity_date <= m->today) {
			char *p = xasprintf("notices/%d-publicity/", c->year);
			const char *const pp[] = {"kind", "publicity", "year", year, NULL};
			rc = emit(s, SH_NOTICE, lib, p, NULL, NULL, pp);
			sitemap_add(s, p);
			free(p);
		}
		if (rc == 0 && c->announced) {
			char *p = xasprintf("notices/%d-announcement/", c->year);
			const char *const ap[] = {"kind", "announcement", "year", year, NULL};
			rc = emit(s, SH_NOTICE, lib, p, NULL, NULL, ap);
			sitemap_add(s, p);
			free(p);
		}
	}
	for (size_t i = 0; i < s->ix.nrecs; i++) {
		const struct record *r = s->ix.recs[i].r;
		if (record_is_issued(r) && r->revoked) {
			char *p = xasprintf("notices/revocation-%s/", r->certificate);
			sitemap_add(s, p);
			free(p);
		}
	}
	return rc;
}

static int
library_pages(struct site_run *s, xmlDocPtr lib)
{
	int rc = emit(s, SH_LIBRARY, lib, "cases/", NULL, NULL, NULL);
	sitemap_add(s, "cases/");
	xmlXPathContextPtr xp = xmlXPathNewContext(lib);
	xmlXPathObjectPtr res = xp ? xmlXPathEvalExpression((const xmlChar *)"/model/library/facet/value", xp) : NULL;
	if (res == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "site: cannot list the library's facets");
		rc = -1;
	}
	for (int i = 0; rc == 0 && res->nodesetval && i < res->nodesetval->nodeNr; i++) {
		xmlNodePtr v = res->nodesetval->nodeTab[i];
		xmlChar *facet = xmlGetProp(v->parent, (const xmlChar *)"name");
		xmlChar *key = xmlGetProp(v, (const xmlChar *)"key");
		char *p = xasprintf("cases/%s/%s/", (const char *)facet, (const char *)key);
		const char *const params[] = {"facet", (const char *)facet, "value", (const char *)key, NULL};
		rc = emit(s, SH_LIBRARY, lib, p, NULL, NULL, params);
		sitemap_add(s, p);
		free(p);
		xmlFree(facet);
		xmlFree(key);
	}
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(xp);
	return rc;
}

static int
content_pages(struct site_run *s, xmlDocPtr lib)
{
	const struct model *m = s->ctx->model;
	int rc = 0;
	for (size_t i = 0; i < m->npages && rc == 0; i++) {
		const char *base = strrchr(m->pages[i]->path, '/');
		char *name = xstrdup(base ? base + 1 : m->pages[i]->path);
		if (str_has_suffix(name, ".md"))
			name[strlen(name) - 3] = '\0';
		char *p = xasprintf("pages/%s/", name);
		const char *const params[] = {"name", name, NULL};
		rc = emit(s, SH_PAGE, lib, p, NULL, NULL, params);
		sitemap_add(s, p);
		free(p);
		free(name);
	}
	return rc;
}

static int
sitemap(struct site_run *s)
{
	const char *base = s->ctx->model->site.base_url;
	xmlBufferPtr xb = xmlBufferCreate();
	xmlTextWriterPtr w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
	int rc = -1;
	if (w && xmlTextWriterSetIndent(w, 1) >= 0 && xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) >= 0 &&
	    xmlTextWriterStartElementNS(w, NULL, BAD_CAST "urlset",
	                                BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9") >= 0) {
		rc = 0;
		for (size_t i = 0; i < s->nsitemap && rc == 0; i++) {
			char *url = xasprintf("%s%s", base, s->sitemap[i]);
			if (xmlTextWriterStartElement(w, BAD_CAST "url") < 0 ||
			    xmlTextWriterWriteElement(w, BAD_CAST "loc", BAD_CAST url) < 0 || xmlTextWriterEndElement(w) < 0)
				rc = -1;
			free(url);
		}
		if (rc == 0 && xmlTextWriterEndDocument(w) < 0)
			rc = -1;
	}
	if (w)
		xmlFreeTextWriter(w);
	if (rc == 0)
		rc = render_write(s->ctx, "site/sitemap.xml", xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	else
		diag(DIAG_ERROR, NULL, 0, 0, "site: cannot write sitemap.xml");
	if (xb)
		xmlBufferFree(xb);
	if (rc == 0) {
		char *robots = xasprintf("User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n", base);
		rc = render_write(s->ctx, "site/robots.txt", robots, strlen(robots));
		free(robots);
	}
	return rc;
}

/* Copies static/ of the default theme and of the chosen theme, which wins. */
static int
static_files(struct site_run *s)
{
	const struct render_ctx *ctx = s->ctx;
	const char *dirs[2] = {ctx->default_theme_dir, ctx->theme_dir};
	int rc = 0;
	for (int d = 0; d < 2 && rc == 0; d++) {
		if (d == 1 && strcmp(dirs[0], dirs[1]) == 0)
			break;
		char *src = path_join(dirs[d], "static");
		char **names = list_dir(src);
		for (char **n = names; n && *n && rc == 0; n++) {
			char *from = path_join(src, *n);
			char *to = xasprintf("%s/site/static/%s", ctx->out, *n);
			if (copy_file(from, to) != 0) {
				diag(DIAG_ERROR, from, 0, 0, "cannot copy the theme file to %s: %s", to, strerror(errno));
				rc = -1;
			}
			free(from);
			free(to);
		}
		free_strv(names);
		free(src);
	}
	return rc;
}

/* Where a content file is published: the loader admits only images/…
 * and downloads/…, which keep their paths. The templates' "asset"
 * template says the same. */
static char *
asset_path(const char *target)
{
	return xasprintf("site/%s", target);
}

static int
copy_asset(struct site_run *s, const char *target)
{
	char *from = path_join(s->ctx->model->content_dir, target);
	char *rel = asset_path(target);
	char *to = path_join(s->ctx->out, rel);
	int rc = copy_file(from, to);
	if (rc != 0)
		diag(DIAG_ERROR, from, 0, 0, "cannot copy to %s: %s", to, strerror(errno));
	free(from);
	free(rel);
	free(to);
	return rc;
}

/* The content's images, and files that narratives and pages link to. */
static int
assets(struct site_run *s)
{
	const struct model *m = s->ctx->model;
	int rc = 0;
	for (size_t i = 0; i < m->nimages && rc == 0; i++)
		rc = copy_asset(s, m->images[i]);
	xmlXPathContextPtr xp = xmlXPathNewContext(s->ctx->doc);
	if (xp == NULL || xmlXPathRegisterNs(xp, BAD_CAST "cm", BAD_CAST QB_CMARK_NS) != 0) {
		xmlXPathFreeContext(xp);
		return -1;
	}
	xmlXPathObjectPtr res = xmlXPathEvalExpression(BAD_CAST "//cm:link[@target-kind='file']/@target", xp);
	for (int i = 0; rc == 0 && res && res->nodesetval && i < res->nodesetval->nodeNr; i++) {
		xmlChar *t = xmlNodeGetContent(res->nodesetval->nodeTab[i]);
		bool dup = false;
		for (size_t k = 0; k < m->nimages && !dup; k++)
			dup = strcmp(m->images[k], (const char *)t) == 0;
		if (!dup)
			rc = copy_asset(s, (const char *)t);
		xmlFree(t);
	}
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(xp);
	return rc;
}

static int
check_certificates(struct site_run *s)
{
	int rc = 0;
	for (size_t i = 0; i < s->ix.nrecs; i++) {
		const struct record *r = s->ix.recs[i].r;
		if (record_is_issued(r) && !safe_segment(r->certificate)) {
			diag_error(r->certificate_pos.file ? r->certificate_pos : r->pos,
			           "certificate number '%s' cannot be part of a web address: use letters, digits and '-'",
			           r->certificate ? r->certificate : "");
			rc = -1;
		}
	}
	return rc;
}

int
render_site(const struct render_ctx *ctx)
{
	struct site_run s = {0};
	s.ctx = ctx;
	const char *base = ctx->model->site.base_url ? ctx->model->site.base_url : "/";
	const char *host = strstr(base, "://");
	const char *slash = host ? strchr(host + 3, '/') : NULL;
	s.base_path = xstrdup(slash ? slash : "/");
	int rc = site_index_init(&s.ix, ctx);
	if (rc == 0)
		rc = check_certificates(&s);
	for (int i = 0; i < SH_N && rc == 0; i++)
		rc = theme_sheet_load(ctx, sheet_files[i], &s.sheets[i]);
	xmlDocPtr lib = rc == 0 ? site_library_view(&s.ix) : NULL;
	if (rc == 0) {
		rc = emit(&s, SH_HOME, lib, "", NULL, NULL, NULL);
		sitemap_add(&s, "");
	}
	if (rc == 0) {
		rc = emit(&s, SH_NOTICES, lib, "notices/", NULL, NULL, NULL);
		sitemap_add(&s, "notices/");
	}
	if (rc == 0)
		rc = notice_pages(&s, lib);
	if (rc == 0)
		rc = library_pages(&s, lib);
	if (rc == 0) {
		rc = emit(&s, SH_VERIFY, lib, "verify/", NULL, NULL, NULL);
		sitemap_add(&s, "verify/");
	}
	if (rc == 0) {
		rc = emit(&s, SH_STATS, lib, "stats/", NULL, NULL, NULL);
		sitemap_add(&s, "stats/");
	}
	if (rc == 0)
		rc = content_pages(&s, lib);
	if (rc == 0)
		rc = emit(&s, SH_404, lib, "404.html", "404.html", s.base_path, NULL);
	if (rc == 0)
		rc = emit(&s, SH_FEED, lib, "feed.xml", "feed.xml", "", NULL);
	if (rc == 0)
		rc = record_pages_all(&s);
	if (rc == 0) {
		record_sitemap(&s);
		rc = site_search_write(&s.ix);
	}
	if (rc == 0)
		rc = sitemap(&s);
	if (rc == 0)
		rc = static_files(&s);
	if (rc == 0)
		rc = assets(&s);
	if (lib)
		xmlFreeDoc(lib);
	for (int i = 0; i < SH_N; i++)
		theme_sheet_free(&s.sheets[i]);
	for (size_t i = 0; i < s.nsitemap; i++)
		free(s.sitemap[i]);
	free(s.sitemap);
	free(s.base_path);
	site_index_free(&s.ix);
	return rc;
}
