/* The website renderer: turns views of the model (site_view.c) into pages
 * with the theme's templates/site/ stylesheets, and writes the search and
 * verification indexes (site_search.c), sitemap.xml, robots.txt, the
 * theme's static files and the content's images into site/. */
#include <errno.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../address.h"
#include "../diag.h"
#include "../markdown.h"
#include "../modelxml.h"
#include "../util.h"
#include "../yamldoc.h"
#include "notices.h"
#include "parallel.h"
#include "site.h"
#include "xslt.h"

enum sheet {
	SH_HOME, SH_NOTICES, SH_NOTICE, SH_LIBRARY, SH_CASE, SH_MOVED, SH_VERIFY, SH_PAGE, SH_404, SH_FEED, SH_STATS,
	SH_EXCHANGE, SH_N
};

const char *const site_sheets[SH_N + 1] = {
    "site/home.xsl",   "site/notices.xsl", "site/notice.xsl", "site/library.xsl", "site/case.xsl",
    "site/moved.xsl",  "site/verify.xsl",  "site/page.xsl",   "site/404.xsl",     "site/feed.xsl",
    "site/stats.xsl",  "site/exchange.xsl", NULL,
};

struct site_run {
	const struct render_ctx *ctx;
	struct site_index ix;
	struct theme_sheet sheets[SH_N];
	char *base_path;    /* the path part of base_url, "/" at least */
	char **sitemap;     /* page paths, in the order written */
	size_t nsitemap;
	struct site_settings set; /* the theme's site.yaml */
	xmlDocPtr facets;   /* site_facets_view: the library's facets, for the pages that show them */
	xmlDocPtr view;     /* the record view being rendered, and its hash */
	struct hash view_hash;
	/* While set, the narrative whose body view lacks (view_hash stands
	 * for the view with it), the record whose view it is and its
	 * <record>: the body is added when a page must be made. */
	struct narrative *view_body;
	size_t view_record;
	xmlNodePtr view_node;
	struct page_job *jobs; /* the pages about many records */
	size_t njobs;
	char **assets;      /* content files the narratives publish, as reported by the record pass */
	size_t nassets;
	int asset_kind;     /* the message that reports them */
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

/* The view of record i's pages without the narrative's body: the record
 * with its neighbours, and the titles of the notices the pages link
 * (announcement, revocation). */
static xmlDocPtr
record_view(struct site_run *s, size_t i)
{
	xmlDocPtr view = site_record_view(&s->ix, i, &s->view_node);
	notices_xml_about(xmlDocGetRootElement(view), s->ctx->notices, s->ix.recs[i].r);
	return view;
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
	/* What the page is made from: the view, the sheet with its modules,
	 * the parameters. */
	struct hasher h;
	hasher_init(&h);
	hasher_hash(&h, view == s->view ? s->view_hash : xml_hash_doc(view));
	hasher_hash(&h, s->sheets[sh].hash);
	for (size_t i = 0; i < n; i++)
		hasher_str(&h, all[i]);
	struct hash in = hasher_end(&h);
	char *rel = file ? xasprintf("site/%s", file) : xasprintf("site/%sindex.html", page);
	int rc = 0;
	if (!render_keep(s->ctx, rel, in)) {
		struct buf out = {0};
		if (view == s->view && s->view_body) {
			cmark_node *tree = narrative_tree(s->view_body);
			if (tree)
				site_record_view_body(&s->ix, s->view_record, s->view_node, tree);
			s->view_body = NULL;
		}
		rc = theme_apply(&s->sheets[sh], view, all, &out);
		if (rc == 0)
			rc = render_write_from(s->ctx, rel, in, out.p ? out.p : "", out.len);
		buf_free(&out);
	}
	free(rel);
	free(r);
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
 * sends readers to the revocation notice) and its verification page. */
static int
record_pages(struct site_run *s, size_t i, struct narrative *body)
{
	const struct site_record *sr = &s->ix.recs[i];
	const struct record *r = sr->r;
	if (!record_is_issued(r))
		return 0;
	/* The view without the body first: the pages are made from the
	 * whole view only when they cannot be kept. */
	s->view = record_view(s, i);
	s->view_record = i;
	s->view_body = body;
	if (body) {
		struct hasher h;
		hasher_init(&h);
		hasher_hash(&h, xml_hash_doc(s->view));
		hasher_hash(&h, modelxml_body_key(s->ctx->model, r));
		s->view_hash = hasher_end(&h);
	} else {
		s->view_hash = xml_hash_doc(s->view);
	}
	char year[16];
	snprintf(year, sizeof(year), "%d", r->campaign->year);
	const char *const params[] = {"year", year, "id", r->id, "certificate", r->certificate, NULL};
	char *casep = address_case(r);
	char *verify = address_verify(r);
	int rc = emit(s, r->revoked ? SH_MOVED : SH_CASE, s->view, casep, NULL, NULL, params);
	if (rc == 0)
		rc = emit(s, SH_VERIFY, s->view, verify, NULL, NULL, params);
	free(casep);
	free(verify);
	site_view_free(&s->ix, s->view);
	s->view = NULL;
	s->view_body = NULL;
	return rc;
}

static void
receive_asset(void *arg, const void *data, size_t len)
{
	struct site_run *s = arg;
	s->assets = xrealloc(s->assets, (s->nassets + 1) * sizeof(*s->assets));
	s->assets[s->nassets++] = xstrndup(data, len);
}

int
site_record(void *state, const struct record *r, struct narrative *body)
{
	struct site_run *s = state;
	size_t n;
	const char *const *paths = narrative_files(body, &n);
	for (size_t k = 0; k < n; k++)
		par_send(s->asset_kind, paths[k], strlen(paths[k]));
	return record_pages(s, site_index_of(&s->ix, r), body);
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
			p = address_case(r);
			sitemap_add(s, p);
			free(p);
		}
		p = address_verify(r);
		sitemap_add(s, p);
		free(p);
	}
}

/* The pages about many records, made as jobs on the worker processes after
 * the record pass: each names its view, made in the job and freed after
 * it; no view holds more records than its page shows. */
enum view_kind { VIEW_SECTION, VIEW_LIST, VIEW_CAMPAIGN, VIEW_VERIFY_YEAR, VIEW_PAGES };

struct page_job {
	enum sheet sh;
	enum view_kind view;
	size_t campaign;    /* VIEW_CAMPAIGN, VIEW_VERIFY_YEAR; VIEW_SECTION: its enum site_section */
	long number;        /* VIEW_LIST: the page of the list, from 1 */
	const struct notice *notice; /* a notice's page: its text joins the view */
	char *page, *file;  /* the page's path; file NULL for <page>index.html */
	const char *root;   /* NULL: from the page's depth */
	char *params[8];    /* name, value pairs, NULL-terminated */
};

static void
add_job(struct site_run *s, enum sheet sh, enum view_kind view, size_t campaign, const char *page, const char *file,
        const char *root, const char *const *params, bool in_sitemap)
{
	s->jobs = xrealloc(s->jobs, (s->njobs + 1) * sizeof(*s->jobs));
	struct page_job *j = &s->jobs[s->njobs++];
	memset(j, 0, sizeof(*j));
	j->sh = sh;
	j->view = view;
	j->campaign = campaign;
	j->page = xstrdup(page);
	j->file = file ? xstrdup(file) : NULL;
	j->root = root;
	for (size_t k = 0; params && params[k] && k < 7; k++)
		j->params[k] = xstrdup(params[k]);
	if (in_sitemap)
		sitemap_add(s, page);
}

/* The page of a published notice: the view of its campaign with its
 * composed text (notices.h). Newest campaign first, its publicity notice
 * and announcement; then the revocation notices. */
static void
notice_job(struct site_run *s, const struct notice *n)
{
	const struct model *m = s->ctx->model;
	size_t ci = 0;
	while (ci < m->ncampaigns && m->campaigns[ci] != n->campaign)
		ci++;
	char year[16];
	snprintf(year, sizeof(year), "%d", n->campaign->year);
	const char *cert = n->record ? n->record->certificate : "";
	const char *const params[] = {"kind", notice_kind_name(n->kind), "year", year, "certificate", cert, NULL};
	add_job(s, SH_NOTICE, VIEW_CAMPAIGN, ci, n->address, NULL, NULL, params, true);
	s->jobs[s->njobs - 1].notice = n;
}

static void
notice_jobs(struct site_run *s)
{
	const struct model *m = s->ctx->model;
	const struct notice_set *ns = s->ctx->notices;
	for (size_t i = m->ncampaigns; i-- > 0;)
		for (size_t k = 0; ns && k < ns->n; k++)
			if (ns->v[k].campaign == m->campaigns[i] && ns->v[k].kind != NOTICE_REVOCATION && ns->v[k].published)
				notice_job(s, &ns->v[k]);
	for (size_t k = 0; ns && k < ns->n; k++)
		if (ns->v[k].kind == NOTICE_REVOCATION && ns->v[k].published)
			notice_job(s, &ns->v[k]);
}

/* The pages of a list of the library (the whole library when facet is
 * NULL) that holds count cases: one at least, per_page cards each. */
static void
list_jobs(struct site_run *s, const char *facet, const char *value, long count)
{
	long pages = count > 0 ? (count + s->set.per_page - 1) / s->set.per_page : 1;
	const char *const params[] = {"facet", facet, "value", value, NULL};
	for (long k = 1; k <= pages; k++) {
		char *p = address_library_page(facet, value, k);
		add_job(s, SH_LIBRARY, VIEW_LIST, 0, p, NULL, NULL, facet ? params : NULL, true);
		s->jobs[s->njobs - 1].number = k;
		free(p);
	}
}

static long
count_of(xmlNodePtr x)
{
	xmlChar *c = xmlGetProp(x, BAD_CAST "count");
	long n = c ? atol((const char *)c) : 0;
	xmlFree(c);
	return n;
}

static void
library_jobs(struct site_run *s)
{
	s->facets = site_facets_view(&s->ix);
	xmlNodePtr libx = xmlDocGetRootElement(s->facets)->children;
	list_jobs(s, NULL, NULL, count_of(libx));
	for (xmlNodePtr f = libx->children; f; f = f->next) {
		if (f->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *facet = xmlGetProp(f, BAD_CAST "name");
		for (xmlNodePtr v = f->children; v && facet; v = v->next) {
			if (v->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *key = xmlGetProp(v, BAD_CAST "key");
			list_jobs(s, (const char *)facet, (const char *)key, count_of(v));
			xmlFree(key);
		}
		xmlFree(facet);
	}
}

/* The certificate lookup: with more certificates in all than the theme's
 * certificates_per_list, /verify/ lists the years and each year's
 * certificates have a page, the newest year first. */
static void
verify_jobs(struct site_run *s)
{
	const struct model *m = s->ctx->model;
	const char *verify = address_section(ADDR_VERIFY);
	if (site_issued_count(&s->ix) <= s->set.per_list) {
		add_job(s, SH_VERIFY, VIEW_SECTION, SECTION_VERIFY, verify, NULL, NULL, NULL, true);
		return;
	}
	add_job(s, SH_VERIFY, VIEW_SECTION, SECTION_VERIFY_YEARS, verify, NULL, NULL, NULL, true);
	for (size_t ci = m->ncampaigns; ci-- > 0;) {
		const struct campaign *c = m->campaigns[ci];
		if (site_campaign_issued(c) == 0)
			continue;
		char year[16];
		snprintf(year, sizeof(year), "%d", c->year);
		const char *const params[] = {"year", year, NULL};
		char *p = address_verify_year(c->year);
		add_job(s, SH_VERIFY, VIEW_VERIFY_YEAR, ci, p, NULL, NULL, params, true);
		free(p);
	}
}

static void
content_jobs(struct site_run *s)
{
	const struct model *m = s->ctx->model;
	for (size_t i = 0; i < m->npages; i++) {
		char *p = address_page(m->pages[i]);
		char *name = xstrndup(p + 6, strlen(p) - 7);
		const char *const params[] = {"name", name, NULL};
		add_job(s, SH_PAGE, VIEW_PAGES, 0, p, NULL, NULL, params, true);
		free(p);
		free(name);
	}
}

static int
page_job_run(void *arg, size_t i)
{
	struct site_run *s = arg;
	const struct page_job *j = &s->jobs[i];
	xmlDocPtr view = NULL;
	const char *facet = NULL, *value = NULL;
	for (size_t k = 0; j->params[k] && j->params[k + 1]; k += 2) {
		if (strcmp(j->params[k], "facet") == 0)
			facet = j->params[k + 1];
		else if (strcmp(j->params[k], "value") == 0)
			value = j->params[k + 1];
	}
	xmlNodePtr library = xmlDocGetRootElement(s->facets)->children;
	if (j->view == VIEW_LIST) {
		const struct site_list l = {facet, value, j->number, s->set.per_page};
		view = site_list_view(&s->ix, &l, library);
	} else if (j->view == VIEW_SECTION) {
		view = site_section_view(&s->ix, (enum site_section)j->campaign, library);
		notices_xml(xmlDocGetRootElement(view), s->ctx->notices, true);
	} else if (j->view == VIEW_VERIFY_YEAR) {
		view = site_verify_year_view(&s->ix, j->campaign);
	} else if (j->view == VIEW_CAMPAIGN) {
		view = site_campaign_view(&s->ix, j->campaign);
		if (j->notice) {
			notice_text_xml(xmlDocGetRootElement(view), j->notice);
			notices_xml(xmlDocGetRootElement(view), s->ctx->notices, true);
		}
	} else {
		view = site_pages_view(&s->ix);
	}
	int rc = emit(s, j->sh, view, j->page, j->file, j->root, (const char *const *)j->params);
	site_view_free(&s->ix, view);
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
			char *to = xasprintf("site/static/%s", *n);
			rc = render_copy(ctx, to, from);
			free(from);
			free(to);
		}
		free_strv(names);
		free(src);
	}
	return rc;
}

static int
copy_asset(struct site_run *s, const char *target)
{
	char *from = path_join(s->ctx->model->content_dir, target);
	char *addr = address_asset(target);
	char *to = xasprintf("site/%s", addr);
	int rc = render_copy(s->ctx, to, from);
	free(from);
	free(addr);
	free(to);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The content's images and documents that the loader saw (covers, free
 * pages, site.yaml) and that the narratives publish, each once. */
static int
assets(struct site_run *s)
{
	const struct model *m = s->ctx->model;
	for (size_t i = 0; i < m->nimages; i++)
		receive_asset(s, m->images[i], strlen(m->images[i]));
	for (size_t i = 0; i < m->npages; i++)
		markdown_collect_images(m->pages[i]->root, &s->assets, &s->nassets);
	if (s->nassets > 1)
		qsort(s->assets, s->nassets, sizeof(*s->assets), cmp_str);
	int rc = 0;
	for (size_t i = 0; i < s->nassets && rc == 0; i++)
		if (i == 0 || strcmp(s->assets[i], s->assets[i - 1]) != 0)
			rc = copy_asset(s, s->assets[i]);
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

/* A whole number from 1 to 10000 at key of the mapping root; *out keeps
 * def when the key is absent and def is not 0. Returns 0, or -1 after a
 * diagnostic. */
static int
setting_count(const struct ynode *root, const char *key, long def, long *out)
{
	const struct ynode *v = root->kind == Y_MAPPING ? ymap_get(root, key) : NULL;
	if (v == NULL && def != 0) {
		*out = def;
		return 0;
	}
	char *end = NULL;
	long n = v && v->kind == Y_SCALAR && v->len > 0 && v->text[0] >= '0' && v->text[0] <= '9'
	             ? strtol(v->text, &end, 10)
	             : 0;
	*out = n;
	if (end == NULL || *end != '\0' || n < 1 || n > 10000) {
		diag_error(v ? v->pos : root->pos, "'%s' must be a whole number from 1 to 10000%s%s%s", key,
		           v && v->kind == Y_SCALAR ? " (not '" : "", v && v->kind == Y_SCALAR ? v->text : "",
		           v && v->kind == Y_SCALAR ? "')" : "");
		return -1;
	}
	return 0;
}

int
site_settings_read(const char *path, struct site_settings *set)
{
	const char *file = diag_file(path);
	struct buf text = {0};
	int rc = read_file(path, &text);
	if (rc != 0)
		diag(DIAG_ERROR, file, 0, 0, "cannot read the theme's website settings: %s", strerror(errno));
	struct ynode *root = rc == 0 ? ydoc_parse(file, text.p ? text.p : "", text.len, 0) : NULL;
	buf_free(&text);
	if (root == NULL)
		return -1;
	if (setting_count(root, "cards_per_page", 0, &set->per_page) != 0)
		rc = -1;
	if (setting_count(root, "certificates_per_list", 500, &set->per_list) != 0)
		rc = -1;
	for (size_t i = 0; root->kind == Y_MAPPING && i < root->n; i++)
		if (strcmp(root->pairs[i].key->text, "cards_per_page") != 0 &&
		    strcmp(root->pairs[i].key->text, "certificates_per_list") != 0)
			diag_warning(root->pairs[i].key->pos, "unknown key '%s'", root->pairs[i].key->text);
	ynode_free(root);
	return rc;
}

/* The theme's website settings (site.yaml). Returns 0, or -1 after a
 * diagnostic. */
static int
site_settings(struct site_run *s)
{
	char *path = theme_file(s->ctx, "site.yaml");
	if (path == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "the theme has no site.yaml (website settings), nor has %s",
		     s->ctx->default_theme_dir);
		return -1;
	}
	int rc = site_settings_read(path, &s->set);
	free(path);
	return rc;
}

int
site_begin(const struct render_ctx *ctx, void **state)
{
	struct site_run *s = xcalloc(1, sizeof(*s));
	*state = s;
	s->ctx = ctx;
	const char *base = ctx->model->site.base_url ? ctx->model->site.base_url : "/";
	const char *host = strstr(base, "://");
	const char *slash = host ? strchr(host + 3, '/') : NULL;
	s->base_path = xstrdup(slash ? slash : "/");
	site_index_init(&s->ix, ctx->model);
	s->ix.ctx = ctx;
	int rc = check_certificates(s);
	if (site_settings(s) != 0)
		rc = -1;
	for (int i = 0; i < SH_N && rc == 0; i++) {
		rc = theme_sheet_load(ctx, site_sheets[i], &s->sheets[i]);
		if (rc == 0)
			theme_sheet_hooks(&s->sheets[i], &s->ix.hooks);
	}
	s->asset_kind = par_kind(receive_asset, s);
	return rc;
}

int
site_finish(void *state)
{
	struct site_run *s = state;
	add_job(s, SH_HOME, VIEW_SECTION, SECTION_HOME, address_section(ADDR_HOME), NULL, NULL, NULL, true);
	add_job(s, SH_NOTICES, VIEW_SECTION, SECTION_NOTICES, address_section(ADDR_NOTICES), NULL, NULL, NULL, true);
	notice_jobs(s);
	library_jobs(s);
	verify_jobs(s);
	add_job(s, SH_STATS, VIEW_SECTION, SECTION_STATS, address_section(ADDR_STATS), NULL, NULL, NULL, true);
	add_job(s, SH_EXCHANGE, VIEW_SECTION, SECTION_EXCHANGE, address_section(ADDR_EXCHANGE), NULL, NULL, NULL, true);
	content_jobs(s);
	add_job(s, SH_404, VIEW_PAGES, 0, "404.html", "404.html", s->base_path, NULL, false);
	add_job(s, SH_FEED, VIEW_SECTION, SECTION_FEED, address_section(ADDR_FEED), address_section(ADDR_FEED), "", NULL, false);
	/* What does not depend on the pages (the search data, the sitemap,
	 * the static files and pictures) is written while the workers make
	 * them; its messages come after theirs, and only when they
	 * succeeded, as if it were written after them. */
	struct par_batch *b = par_start(s->ctx->jobs, s->njobs, page_job_run, s, s->ctx->progress, "rendering lists");
	struct diag_capture said;
	diag_capture_begin(&said);
	record_sitemap(s);
	int rest = site_search_write(&s->ix);
	if (rest == 0)
		rest = sitemap(s);
	if (rest == 0)
		rest = static_files(s);
	if (rest == 0)
		rest = assets(s);
	diag_capture_end();
	/* The workers have their own copies of the templates: this process
	 * frees its own while they work. */
	for (int i = 0; i < SH_N; i++)
		theme_sheet_free(&s->sheets[i]);
	int rc = par_finish(b);
	if (rc != 0) {
		diag_capture_discard(&said);
		return rc;
	}
	diag_capture_commit(&said);
	return rest;
}

void
site_end(void *state)
{
	struct site_run *s = state;
	par_drop(s->asset_kind);
	if (s->facets)
		xmlFreeDoc(s->facets);
	for (int i = 0; i < SH_N; i++)
		theme_sheet_free(&s->sheets[i]);
	for (size_t i = 0; i < s->nsitemap; i++)
		free(s->sitemap[i]);
	free(s->sitemap);
	for (size_t i = 0; i < s->nassets; i++)
		free(s->assets[i]);
	free(s->assets);
	for (size_t i = 0; i < s->njobs; i++) {
		free(s->jobs[i].page);
		free(s->jobs[i].file);
		for (size_t k = 0; s->jobs[i].params[k]; k++)
			free(s->jobs[i].params[k]);
	}
	free(s->jobs);
	free(s->base_path);
	site_index_free(&s->ix);
	free(s);
}
