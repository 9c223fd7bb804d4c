/* qbpress: the command line. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "load.h"
#include "markdown.h"
#include "modelxml.h"
#include "manifest.h"
#include "output.h"
#include "render/book/compendium.h"
#include "render/cert_theme.h"
#include "render/notice/notice_theme.h"
#include "render/pdf/pdf_check.h"
#include "render/parallel.h"
#include "render/render.h"
#include "render/site.h"
#include "serve.h"
#include "util.h"
#include "words.h"

#ifndef QB_DATADIR
#define QB_DATADIR "/usr/local/share/qbpress"
#endif

enum { EXIT_CONTENT = 1, EXIT_USAGE = 2 };

struct options {
	const char *content;
	const char *out;
	const char *theme;
	const char *only;
	const char *today_arg;
	int days;
	int jobs;
	int port;
	bool jobs_given;
	bool out_given;
	bool quiet;
	bool progress;
	bool force;
	bool relative;
};

static const char usage_text[] =
	"usage: qbpress check [-C DIR] [--today DATE]\n"
	"       qbpress build [-C DIR] [-o DIR] [--today DATE] [--theme NAME] [--only LIST] [-j N] [--force]\n"
	"                     [--relative]\n"
	"       qbpress serve [-C DIR] [-p PORT] [--today DATE] [--theme NAME] [--only LIST] [-j N] [--relative] [-q]\n"
	"       qbpress dates DATE [--days N] [-C DIR]\n"
	"       qbpress model [-C DIR] [--today DATE]\n"
	"       qbpress --help | --version\n";

static void
help(void)
{
	printf("qbpress %s — the national quality benchmark (全国质量标杆) publishing tool\n\n%s\n", QB_VERSION,
	       usage_text);
	printf("commands:\n"
	       "  check          load and check the content, print every problem\n"
	       "  build          check, then render every output into the output folder\n"
	       "  serve          build into a folder of its own and serve it on 127.0.0.1 for previewing;\n"
	       "                 build again after each change of the content or theme, reload open pages\n"
	       "  dates DATE     print the first and last day of the publicity period starting on DATE\n"
	       "  model          print the model as XML (the input of the theme templates)\n\n"
	       "options:\n"
	       "  -C, --content DIR  content folder (default ./content)\n"
	       "  -o, --output DIR   output folder (default ./output)\n"
	       "      --today DATE   build date, YYYY-MM-DD (default SOURCE_DATE_EPOCH, else today in China)\n"
	       "      --theme NAME   theme folder under themes/ (default: site.yaml's theme)\n"
	       "      --only LIST    comma-separated renderers to run:");
	for (size_t i = 0; i < nrenderers; i++)
		printf(" %s", renderers[i].name);
	printf("\n"
	       "  -j, --jobs N       parallel jobs (default: number of processors)\n"
	       "      --relative     a website read from files (a file share, a disk): links name\n"
	       "                     index.html and the search data loads without a server\n"
	       "      --days N       working days of a publicity period (default 10)\n"
	       "      --force        render every file again (a build renders only what changed)\n"
	       "  -p, --port PORT    serve: the port on 127.0.0.1 (default 8000; 0: any free port)\n"
	       "  -q, --quiet        no progress messages\n"
	       "      --progress     progress messages even when standard error is not a terminal\n\n"
	       "exit status: 0 success (warnings allowed), 1 content errors, 2 usage or I/O errors\n");
}

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "qbpress: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage_text);
	return EXIT_USAGE;
}

/* The build date: --today, else SOURCE_DATE_EPOCH, else the date in China
 * (UTC+8), where the programme runs. Returns -1 on a bad value. */
static int
resolve_today(const char *arg, day_t *out)
{
	if (arg) {
		if (date_parse(arg, out) != DATE_OK) {
			fprintf(stderr, "qbpress: --today '%s' is not a date (YYYY-MM-DD)\n", arg);
			return -1;
		}
		return 0;
	}
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int64_t t;
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (errno || *end || v < 0) {
			fprintf(stderr, "qbpress: SOURCE_DATE_EPOCH '%s' is not a number of seconds\n", sde);
			return -1;
		}
		t = v;
	} else {
		t = (int64_t)time(NULL);
	}
	*out = date_from_unix(t + 8 * 3600);
	return 0;
}

static bool
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Finds themes/NAME next to the content folder, in the working folder,
 * next to the program (or one folder up, for a build tree), in the data
 * folder of the prefix the program is installed in, or in the data folder
 * it was built for; caller frees. */
static char *
find_theme(const char *content, const char *name)
{
	char *parent = path_dir(content);
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	char *exedir = n > 0 ? path_dir(exe) : xstrdup(".");
	char *cands[] = {xasprintf("%s/themes/%s", parent, name), xasprintf("themes/%s", name),
	                 xasprintf("%s/themes/%s", exedir, name), xasprintf("%s/../themes/%s", exedir, name),
	                 xasprintf("%s/../share/qbpress/themes/%s", exedir, name),
	                 xasprintf("%s/themes/%s", QB_DATADIR, name)};
	free(parent);
	free(exedir);
	char *found = NULL;
	for (size_t i = 0; i < sizeof(cands) / sizeof(cands[0]); i++) {
		if (found == NULL && is_dir(cands[i]))
			found = cands[i];
		else
			free(cands[i]);
	}
	return found;
}

/* The theme a command uses: --theme, else site.yaml's, else the default. */
static const char *
chosen_theme(const struct options *o, const struct model *m)
{
	return o->theme ? o->theme : m->site.theme ? m->site.theme : "default";
}

/* A file of the theme's (say "pdf.yaml"): from the chosen theme, else from
 * the default theme; NULL when neither has it (the build reports a theme
 * it cannot find). Caller frees. */
static char *
theme_setting(const struct model *m, const struct options *o, const char *name)
{
	const char *names[2] = {chosen_theme(o, m), "default"};
	char *path = NULL;
	for (int i = 0; i < 2 && path == NULL; i++) {
		char *dir = find_theme(o->content, names[i]);
		char *p = dir ? path_join(dir, name) : NULL;
		struct stat st;
		if (p && stat(p, &st) == 0)
			path = p;
		else
			free(p);
		free(dir);
	}
	return path;
}

/* The PDFs' faces must print every character of the official notices, the
 * certificates' names and the books: checked with the theme's PDF
 * settings, so that `check` finds what their renderers would; a place is
 * reported once. */
static void
check_books(const struct model *m, const struct options *o)
{
	char *path = theme_setting(m, o, "pdf.yaml");
	if (path) {
		struct pdf_check k = {0};
		notice_check(m, path, &k);
		cert_check(m, path, &k);
		compendium_check(m, path, &k);
		pdf_check_free(&k);
	}
	free(path);
}

/* The theme's website settings, as the site's renderer reads them. */
static void
check_site_settings(const struct model *m, const struct options *o)
{
	char *path = theme_setting(m, o, "site.yaml");
	struct site_settings set;
	if (path)
		site_settings_read(path, &set);
	free(path);
}

static int
load_checked(struct model *m, const struct options *o)
{
	if (resolve_today(o->today_arg, &m->today) != 0)
		return EXIT_USAGE;
	model_load_threads(o->jobs);
	if (model_load(m, o->content) != 0) {
		diag_flush(stderr, 0);
		return EXIT_USAGE;
	}
	/* The theme's words: focus areas' names, default campaign titles. */
	char *words = theme_setting(m, o, "words.yaml");
	if (words)
		words_load(m, words);
	free(words);
	model_derive(m);
	model_check(m);
	return 0;
}

static bool
show_progress(const struct options *o)
{
	return !o->quiet && (o->progress || (isatty(2) && getenv("CI") == NULL));
}

static int
cmd_check(const struct options *o)
{
	struct model m = {0};
	int rc = load_checked(&m, o);
	if (rc == 0)
		render_check_narratives(&m, o->jobs, show_progress(o));
	if (rc == 0) {
		check_site_settings(&m, o);
		check_books(&m, o);
	}
	if (rc == 0) {
		diag_flush(stderr, 1);
		rc = diag_errors() ? EXIT_CONTENT : 0;
	}
	model_free(&m);
	return rc;
}

static cmark_node *
model_body_quiet(void *arg, const struct record *r)
{
	return document_body(arg, r->narrative, false);
}

static int
cmd_model(const struct options *o)
{
	struct model m = {0};
	int rc = load_checked(&m, o);
	if (rc == 0)
		render_check_narratives(&m, o->jobs, false);
	if (rc == 0 && diag_errors()) {
		diag_flush(stderr, 1);
		rc = EXIT_CONTENT;
	} else if (rc == 0) {
		diag_flush(stderr, 0);
		xmlDocPtr doc = model_to_xml(&m, model_body_quiet, &m);
		xmlChar *mem = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
		if (mem == NULL || fwrite(mem, 1, (size_t)len, stdout) != (size_t)len || fflush(stdout) != 0) {
			fprintf(stderr, "qbpress: cannot write the model: %s\n", strerror(errno));
			rc = EXIT_USAGE;
		}
		xmlFree(mem);
		xmlFreeDoc(doc);
	}
	model_free(&m);
	return rc;
}

static bool
wanted(const char *only, const char *name)
{
	if (only == NULL)
		return true;
	size_t n = strlen(name);
	for (const char *p = only; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, name, n) == 0)
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}

/* What identifies the program that renders: its version and the bytes of
 * its executable, so that a rebuilt program re-renders. */
static struct hash
program_id(void)
{
	struct hasher h;
	hasher_init(&h);
	hasher_str(&h, QB_VERSION);
	struct buf b = {0};
	if (read_file("/proc/self/exe", &b) == 0)
		hasher_add(&h, b.p, b.len);
	buf_free(&b);
	return hasher_end(&h);
}

/* The options that change what a build writes, as one text. */
static char *
options_text(const struct options *o, const char *theme, const char *theme_dir, const char *default_dir)
{
	char *t = theme_dir ? realpath(theme_dir, NULL) : NULL, *d = default_dir ? realpath(default_dir, NULL) : NULL;
	char *s = xasprintf("only=%s relative=%d theme=%s theme-dir=%s default-dir=%s", o->only ? o->only : "",
	                    o->relative, theme, t ? t : "", d ? d : "");
	free(t);
	free(d);
	return s;
}

static void
keep_warning(void *arg, enum diag_severity sev, const char *file, int line, int col, const char *text)
{
	struct manifest *m = arg;
	if (sev == DIAG_ERROR || sev == DIAG_FAILURE)
		return;
	m->diags = xrealloc(m->diags, (m->ndiags + 1) * sizeof(*m->diags));
	m->diags[m->ndiags++] = (struct manifest_diag){(int)sev, line, col, file ? xstrdup(file) : NULL, xstrdup(text)};
}

/* The inputs of a build: the content and theme folders, and the files
 * outside them that the last build read (fonts). */
static void
scan_inputs(struct manifest *cur, const struct options *o, const char *theme_dir, const char *default_dir,
            const struct manifest *prev, int64_t since)
{
	const char *dirs[3] = {o->content, theme_dir, default_dir && strcmp(default_dir, theme_dir) != 0 ? default_dir : NULL};
	const char **extra = xcalloc(prev ? prev->ninputs + 1 : 1, sizeof(*extra));
	size_t nextra = 0;
	for (size_t i = 0; prev && i < prev->ninputs; i++) {
		const char *p = prev->inputs[i].path;
		bool inside = false;
		for (int d = 0; d < 3 && !inside; d++)
			inside = dirs[d] && str_has_prefix(p, dirs[d]) && p[strlen(dirs[d])] == '/';
		if (!inside)
			extra[nextra++] = p;
	}
	manifest_scan_inputs(cur, dirs, 3, extra, nextra, since);
	free(extra);
}

/* Whether the output folder was built from exactly these inputs, by this
 * program, for this date, with these options: then nothing is to be done
 * but to give the same warnings again. */
static bool
up_to_date(const struct options *o, struct hash program, const char *today)
{
	char *mp = path_join(o->out, MANIFEST_FILE);
	struct manifest prev;
	int rc = manifest_read(mp, &prev);
	free(mp);
	if (rc != 0)
		return false;
	bool same = hash_eq(prev.program, program) && prev.today && strcmp(prev.today, today) == 0 && prev.options;
	char *theme = NULL;
	if (same) {
		const char *t = strstr(prev.options, " theme=");
		theme = t ? xstrndup(t + 7, strcspn(t + 7, " ")) : NULL;
		same = theme != NULL && (o->theme == NULL || strcmp(o->theme, theme) == 0);
	}
	char *theme_dir = same ? find_theme(o->content, theme) : NULL;
	char *default_dir = same ? find_theme(o->content, "default") : NULL;
	if (same && theme_dir) {
		char *opts = options_text(o, theme, theme_dir, default_dir);
		same = strcmp(opts, prev.options) == 0;
		free(opts);
	} else {
		same = false;
	}
	if (same) {
		struct manifest cur = {0};
		scan_inputs(&cur, o, theme_dir, default_dir, &prev, INT64_MAX);
		same = manifest_same_inputs(&cur, &prev);
		manifest_free(&cur);
	}
	if (same)
		for (size_t i = 0; i < prev.ndiags; i++)
			diag((enum diag_severity)prev.diags[i].sev, prev.diags[i].file, prev.diags[i].line, prev.diags[i].col,
			     "%s", prev.diags[i].text);
	free(theme);
	free(theme_dir);
	free(default_dir);
	manifest_free(&prev);
	return same;
}

static int64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Checks that --only names renderers. Returns 0, or EXIT_USAGE after a
 * message. */
static int
check_only(const struct options *o)
{
	for (const char *p = o->only ? o->only : ""; *p;) {
		size_t len = strcspn(p, ",");
		bool known = false;
		for (size_t i = 0; i < nrenderers; i++)
			known |= strlen(renderers[i].name) == len && strncmp(p, renderers[i].name, len) == 0;
		if (!known) {
			char *name = xstrndup(p, len);
			int rc = usage_error("--only: no renderer named '%s'", name);
			free(name);
			return rc;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* The theme a build will use, compiled while the campaigns load. */
struct early_theme {
	const struct options *o;
	const bool *want;
};

static void
start_theme(const struct model *m, void *arg)
{
	const struct early_theme *e = arg;
	char *theme_dir = find_theme(e->o->content, chosen_theme(e->o, m));
	char *default_dir = find_theme(e->o->content, "default");
	if (theme_dir)
		render_preload_start(theme_dir, default_dir ? default_dir : theme_dir, e->want);
	free(theme_dir);
	free(default_dir);
}

static int
cmd_build(const struct options *o)
{
	if (check_only(o) != 0)
		return EXIT_USAGE;
	struct model m = {0};
	if (resolve_today(o->today_arg, &m.today) != 0)
		return EXIT_USAGE;
	char today[16];
	date_format(m.today, today);
	struct hash program = program_id();
	/* Inputs changed from now on are not trusted to be unchanged next time. */
	int64_t started = now_ns() - 1000000000;
	const struct output_guard content_guard[] = {{o->content, "content"}};
	if (output_check_place(o->out, content_guard, 1) != 0)
		return EXIT_USAGE;
	struct staging st = {.lock = -1};
	char *mp = path_join(o->out, MANIFEST_FILE);
	bool built = access(mp, F_OK) == 0;
	free(mp);
	if (built && !o->force) {
		if (staging_lock(&st, o->out) != 0)
			return EXIT_USAGE;
		if (up_to_date(o, program, today)) {
			staging_abort(&st);
			if (diag_warnings())
				diag_flush(stderr, 1);
			if (show_progress(o))
				fprintf(stderr, "qbpress: %s is up to date\n", o->out);
			return 0;
		}
	}
	bool *want = xcalloc(nrenderers, sizeof(*want));
	for (size_t i = 0; i < nrenderers; i++)
		want[i] = wanted(o->only, renderers[i].name);
	/* With more than one job, the theme compiles on a thread while the
	 * content loads. */
	struct early_theme early = {o, want};
	if (o->jobs > 1)
		model_load_after_site(start_theme, &early);
	int rc = load_checked(&m, o);
	model_load_after_site(NULL, NULL);
	if (rc != 0 || diag_errors())
		render_preload_wait();
	if (rc != 0) {
		free(want);
		staging_abort(&st);
		model_free(&m);
		return rc;
	}
	if (diag_errors()) {
		/* The narratives' problems too, all in one run. */
		render_check_narratives(&m, o->jobs, false);
		diag_flush(stderr, 1);
		free(want);
		staging_abort(&st);
		model_free(&m);
		return EXIT_CONTENT;
	}
	const char *theme = chosen_theme(o, &m);
	char *theme_dir = find_theme(o->content, theme);
	char *default_dir = find_theme(o->content, "default");
	if (theme_dir == NULL) {
		render_preload_wait();
		fprintf(stderr, "qbpress: error: theme '%s' not found (looked for themes/%s next to %s, here, next to qbpress and in %s)\n",
		        theme, theme, o->content, QB_DATADIR);
		free(want);
		free(default_dir);
		staging_abort(&st);
		model_free(&m);
		return EXIT_USAGE;
	}
	struct manifest header = {0};
	header.program = program;
	header.today = xstrdup(today);
	header.options = options_text(o, theme, theme_dir, default_dir);
	scan_inputs(&header, o, theme_dir, default_dir, NULL, started);
	const struct output_guard guards[] = {
	    {o->content, "content"}, {theme_dir, "theme"}, {default_dir, "theme"}};
	if (output_check_place(o->out, guards, sizeof(guards) / sizeof(guards[0])) != 0 ||
	    staging_begin(&st, o->out, o->force) != 0) {
		render_preload_wait();
		free(want);
		staging_abort(&st);
		manifest_free(&header);
		free(theme_dir);
		free(default_dir);
		model_free(&m);
		return EXIT_USAGE;
	}
	par_worker_close(st.lock);
	struct render_shared shared = {0};
	bool progress = show_progress(o);
	bool needs_doc = false;
	for (size_t i = 0; i < nrenderers; i++)
		needs_doc |= want[i] && renderers[i].needs_doc;
	render_preload_wait();
	xmlDocPtr doc = needs_doc ? model_to_xml(&m, model_body_quiet, &m) : NULL;
	struct render_ctx ctx = {.model = &m,
	                         .doc = doc,
	                         .staging = &st,
	                         .out = st.dir,
	                         .theme_dir = theme_dir,
	                         .default_theme_dir = default_dir ? default_dir : theme_dir,
	                         .jobs = o->jobs,
	                         .relative = o->relative,
	                         .progress = progress,
	                         .program = program,
	                         .shared = &shared};
	rc = render_run(&ctx, want) != 0 || diag_errors() ? EXIT_CONTENT : 0;
	if (diag_failures())
		rc = EXIT_USAGE;
	render_shared_free(&shared);
	free(want);
	if (doc)
		xmlFreeDoc(doc);
	st.restorable = !par_lost();
	diag_each(keep_warning, &header);
	if (rc == 0 && staging_commit(&st, &header) != 0)
		rc = EXIT_USAGE;
	if (st.out != NULL)
		staging_abort(&st);
	manifest_free(&header);
	if (diag_errors() || diag_warnings())
		diag_flush(stderr, 1);
	if (rc == 0 && progress)
		fprintf(stderr, "qbpress: wrote %s\n", o->out);
	free(theme_dir);
	free(default_dir);
	model_free(&m);
	return rc;
}

/* Serves a preview: each build is `qbpress build` with the options given
 * here that decide what a build makes. */
static int
cmd_serve(const struct options *o)
{
	if (o->out_given)
		return usage_error("%s: serve builds into a folder of its own; give -o to build", "-o");
	if (check_only(o) != 0)
		return EXIT_USAGE;
	day_t today;
	if (o->today_arg && resolve_today(o->today_arg, &today) != 0)
		return EXIT_USAGE;
	if (!is_dir(o->content)) {
		fprintf(stderr, "qbpress: error: the content folder %s does not exist\n", o->content);
		return EXIT_USAGE;
	}
	char jobs[16];
	snprintf(jobs, sizeof(jobs), "%d", o->jobs);
	const char *args[16];
	size_t n = 0;
	if (o->today_arg) {
		args[n++] = "--today";
		args[n++] = o->today_arg;
	}
	if (o->theme) {
		args[n++] = "--theme";
		args[n++] = o->theme;
	}
	if (o->only) {
		args[n++] = "--only";
		args[n++] = o->only;
	}
	if (o->jobs_given) {
		args[n++] = "-j";
		args[n++] = jobs;
	}
	if (o->relative)
		args[n++] = "--relative";
	/* The builds' progress goes to the server's terminal line. */
	args[n++] = o->quiet || !isatty(2) ? "-q" : "--progress";
	args[n] = NULL;
	/* The theme folders to watch from the start; a build that names others
	 * (site.yaml's theme) has them watched too. */
	char *theme_dir = find_theme(o->content, o->theme ? o->theme : "default");
	char *default_dir = find_theme(o->content, "default");
	struct serve_options so = {.content = o->content,
	                           .build_args = args,
	                           .port = o->port,
	                           .quiet = o->quiet,
	                           .theme_dir = theme_dir,
	                           .default_dir = default_dir};
	int rc = serve_run(&so);
	free(theme_dir);
	free(default_dir);
	return rc;
}

static int
cmd_dates(const struct options *o, const char *start_arg)
{
	day_t start;
	if (date_parse(start_arg, &start) != DATE_OK)
		return usage_error("'%s' is not a date (YYYY-MM-DD)", start_arg);
	struct model m = {0};
	if (model_load_calendar(&m, o->content) != 0) {
		diag_flush(stderr, 0);
		model_free(&m);
		return EXIT_USAGE;
	}
	int rc = 0;
	if (diag_errors()) {
		diag_flush(stderr, 1);
		model_free(&m);
		return EXIT_CONTENT;
	}
	day_t first, last;
	int missing = 0;
	if (calendar_period(&m.calendar, start, o->days, &first, &last, &missing) != 0) {
		fprintf(stderr, "qbpress: error: the period needs the official calendar of %d: add %s/calendar/%d.yaml\n",
		        missing, o->content, missing);
		rc = EXIT_CONTENT;
	} else {
		char a[16], b[16];
		date_format(first, a);
		date_format(last, b);
		printf("%s %s\n", a, b);
	}
	diag_flush(stderr, 0);
	model_free(&m);
	return rc;
}

static bool
parse_count(const char *s, int min, int max, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

/* A command's status once what it printed has reached standard output:
 * a write that failed (a full disk, a closed pipe) is an I/O error. */
static int
stdout_done(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == EXIT_USAGE)
			return rc;
		fprintf(stderr, "qbpress: error: cannot write to standard output: %s\n", strerror(errno));
		return rc == 0 || rc == EXIT_CONTENT ? EXIT_USAGE : rc;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	xml_memory_init();
	struct options o = {.content = "content", .out = "output", .days = 10, .port = 8000};
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = ncpu > 0 ? (int)ncpu : 1;
	enum { OPT_TODAY = 256, OPT_ONLY, OPT_DAYS, OPT_THEME, OPT_HELP, OPT_VERSION, OPT_FORCE, OPT_RELATIVE, OPT_PROGRESS };
	static const struct option longopts[] = {
		{"content", required_argument, NULL, 'C'}, {"output", required_argument, NULL, 'o'},
		{"today", required_argument, NULL, OPT_TODAY}, {"only", required_argument, NULL, OPT_ONLY},
		{"days", required_argument, NULL, OPT_DAYS}, {"theme", required_argument, NULL, OPT_THEME},
		{"jobs", required_argument, NULL, 'j'}, {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, OPT_VERSION},
		{"force", no_argument, NULL, OPT_FORCE}, {"relative", no_argument, NULL, OPT_RELATIVE},
		{"port", required_argument, NULL, 'p'}, {"progress", no_argument, NULL, OPT_PROGRESS},
		{NULL, 0, NULL, 0}};
	int c;
	/* GNU getopt moves the operands (command, date) after the options. */
	while ((c = getopt_long(argc, argv, "C:o:j:p:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			o.content = optarg;
			break;
		case 'o':
			o.out = optarg;
			o.out_given = true;
			break;
		case OPT_TODAY:
			o.today_arg = optarg;
			break;
		case OPT_ONLY:
			o.only = optarg;
			break;
		case OPT_THEME:
			o.theme = optarg;
			break;
		case OPT_DAYS:
			if (!parse_count(optarg, 1, 60, &o.days))
				return usage_error("--days '%s' must be a whole number from 1 to 60", optarg);
			break;
		case 'j':
			if (!parse_count(optarg, 1, 256, &o.jobs))
				return usage_error("-j '%s' must be a whole number from 1 to 256", optarg);
			o.jobs_given = true;
			break;
		case 'p':
			if (!parse_count(optarg, 0, 65535, &o.port))
				return usage_error("-p '%s' must be a port number from 0 to 65535", optarg);
			break;
		case 'q':
			o.quiet = true;
			break;
		case OPT_FORCE:
			o.force = true;
			break;
		case OPT_PROGRESS:
			o.progress = true;
			break;
		case OPT_RELATIVE:
			o.relative = true;
			break;
		case 'h':
			help();
			return stdout_done(0);
		case OPT_VERSION:
			printf("qbpress %s\n", QB_VERSION);
			return stdout_done(0);
		default:
			fprintf(stderr, "%s", usage_text);
			return EXIT_USAGE;
		}
	}
	const char **words = (const char **)argv + optind;
	int nwords = argc - optind;
	if (nwords == 0) {
		fprintf(stderr, "%s", usage_text);
		return EXIT_USAGE;
	}
	const char *cmd = words[0];
	int rc;
	xmlInitParser();
	if (strcmp(cmd, "check") == 0 && nwords == 1)
		rc = cmd_check(&o);
	else if (strcmp(cmd, "build") == 0 && nwords == 1)
		rc = cmd_build(&o);
	else if (strcmp(cmd, "model") == 0 && nwords == 1)
		rc = cmd_model(&o);
	else if (strcmp(cmd, "serve") == 0 && nwords == 1)
		rc = cmd_serve(&o);
	else if (strcmp(cmd, "dates") == 0 && nwords == 2)
		rc = cmd_dates(&o, words[1]);
	else if (strcmp(cmd, "dates") == 0)
		rc = usage_error("%s: give one start date, like 'qbpress dates 2025-09-26'", cmd);
	else if (strcmp(cmd, "check") == 0 || strcmp(cmd, "build") == 0 || strcmp(cmd, "model") == 0 ||
	         strcmp(cmd, "serve") == 0)
		rc = usage_error("%s takes no operands", cmd);
	else
		rc = usage_error("unknown command '%s'", cmd);
	diag_reset();
	xmlCleanupParser();
	return stdout_done(rc);
}
