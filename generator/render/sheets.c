/* The spreadsheet renderer: every list an analyst takes into Excel, as an
 * .xlsx workbook (libxlsxwriter) and as UTF-8 CSV with a byte-order mark,
 * below site/.
 *
 * What the spreadsheets hold is the theme's: templates/site/sheets.xsl turns
 * the model into a list of workbooks,
 *
 *   <workbooks>
 *     <workbook path="cases/cases.xlsx">
 *       <sheet name="案例库" csv="cases/cases.csv">
 *         <column heading="证书编号" width="14"/>   type="text|number|date"
 *         <row><cell>QB2025-001</cell>…</row>
 *       </sheet>
 *     </workbook>
 *   </workbooks>
 *
 * and this file writes them: a header row in bold, frozen, with a filter;
 * the column widths; text cells as text (a certificate number never turns
 * into a number), numbers as numbers, ISO dates as dates. A sheet's csv
 * attribute, when present, names its CSV file. */
#include <errno.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../diag.h"
#include "../dynlib.h"
#include "../modelxml.h"
#include "../stats.h"
#include "../util.h"
#include "render.h"
#include "xslt.h"

#define X(s) ((const xmlChar *)(s))

/* libxlsxwriter's functions, loaded with the first workbook (dynlib.h). */
#define XLSX_FUNCTIONS(F)                                                                                     \
	F(workbook_new_opt) F(workbook_set_properties) F(workbook_add_format) F(workbook_add_worksheet)        \
	F(workbook_validate_sheet_name) F(workbook_close) F(format_set_bold) F(format_set_bottom)               \
	F(format_set_num_format) F(worksheet_set_column) F(worksheet_write_string) F(worksheet_write_number)   \
	F(worksheet_write_datetime) F(worksheet_freeze_panes) F(worksheet_autofilter) F(lxw_strerror)
#define XLSX_POINTER(f) __typeof__(f) *f;
static struct {
	XLSX_FUNCTIONS(XLSX_POINTER)
} xl;

/* Returns 0 once the functions are there, or -1 (reported once). */
static int
xlsx_load(void)
{
	static int state; /* 1 loaded, -1 failed */
	if (state == 0) {
		void *lib = dynlib_open(QB_XLSXWRITER_SO);
		int rc = lib ? 0 : -1;
#define XLSX_SYMBOL(f) rc = rc == 0 ? dynlib_symbol(lib, #f, &xl.f, sizeof(xl.f)) : rc;
		XLSX_FUNCTIONS(XLSX_SYMBOL)
		state = rc == 0 ? 1 : -1;
		if (rc != 0)
			diag(DIAG_ERROR, NULL, 0, 0, "spreadsheets: %s", dynlib_error());
	}
	return state > 0 ? 0 : -1;
}

enum col_type { COL_TEXT, COL_NUMBER, COL_DATE };

struct column {
	char *heading;
	double width;
	enum col_type type;
};

/* What a sheet is written from: its columns and its rows' cells. */
struct sheet {
	xmlNodePtr node;
	struct column *cols;
	size_t ncols;
};

struct run {
	const struct render_ctx *ctx;
	const char *template; /* the stylesheet's path, for diagnostics */
	char *tmpdir;         /* where libxlsxwriter writes before the bytes are copied */
	char **paths;         /* every file written, to refuse a second one */
	size_t npaths;
	struct hash in;       /* what every file is made from */
};

static bool
is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value, or NULL; caller frees with free(). */
static char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, X(name));
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* A cell's text; caller frees with free(). */
static char *
text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* Whether path may be written: relative, inside the site, with the given
 * extension, made of letters, digits and - _ . / (no segment starting with
 * a dot), and not written yet. Returns 0, or -1 after a diagnostic. */
static int
claim_path(struct run *r, const char *path, const char *ext)
{
	bool ok = path && *path && *path != '/' && str_has_suffix(path, ext) && strlen(path) > strlen(ext);
	for (const char *p = path; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		     *p == '_' || *p == '/' || (*p == '.' && p != path && p[-1] != '/' && p[1] != '.' && p[1] != '/');
	if (!ok) {
		diag(DIAG_ERROR, r->template, 0, 0, "spreadsheet path '%s' must be a relative path ending in %s", path ? path : "",
		     ext);
		return -1;
	}
	for (size_t i = 0; i < r->npaths; i++) {
		if (strcmp(r->paths[i], path) == 0) {
			diag(DIAG_ERROR, r->template, 0, 0, "spreadsheet path '%s' is written twice", path);
			return -1;
		}
	}
	r->paths = xrealloc(r->paths, (r->npaths + 1) * sizeof(*r->paths));
	r->paths[r->npaths++] = xstrdup(path);
	return 0;
}

static void
sheet_free(struct sheet *s)
{
	for (size_t i = 0; i < s->ncols; i++)
		free(s->cols[i].heading);
	free(s->cols);
}

/* Reads a sheet's columns. Returns 0, or -1 after a diagnostic. */
static int
sheet_read(struct run *r, xmlNodePtr node, struct sheet *s)
{
	memset(s, 0, sizeof(*s));
	s->node = node;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (!is_el(c, "column"))
			continue;
		s->cols = xrealloc(s->cols, (s->ncols + 1) * sizeof(*s->cols));
		struct column *col = &s->cols[s->ncols++];
		col->heading = attr(c, "heading");
		char *w = attr(c, "width"), *t = attr(c, "type");
		col->width = w ? strtod(w, NULL) : 0;
		col->type = COL_TEXT;
		if (t && strcmp(t, "number") == 0)
			col->type = COL_NUMBER;
		else if (t && strcmp(t, "date") == 0)
			col->type = COL_DATE;
		int bad = col->heading == NULL || (t && col->type == COL_TEXT && strcmp(t, "text") != 0);
		free(w);
		free(t);
		if (bad) {
			diag(DIAG_ERROR, r->template, 0, 0,
			     "a spreadsheet column needs a heading, and its type is text, number or date");
			return -1;
		}
	}
	if (s->ncols == 0) {
		diag(DIAG_ERROR, r->template, 0, 0, "a spreadsheet sheet has no columns");
		return -1;
	}
	return 0;
}

/* Parses a number cell: true and *v when the whole text is a number. */
static bool
number(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return *s && errno == 0 && *end == '\0';
}

/* Parses an ISO date cell. */
static bool
iso_date(const char *s, lxw_datetime *d)
{
	day_t day;
	if (date_parse(s, &day) != DATE_OK)
		return false;
	memset(d, 0, sizeof(*d));
	date_to_ymd(day, &d->year, &d->month, &d->day);
	return true;
}

/* Appends a CSV field: quoted when it holds a comma, quote or line end. */
static void
csv_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Writes one sheet into ws and, when csv is set, its CSV form into csv:
 * the header row, then each row. Returns 0, or -1 after a diagnostic. */
static int
sheet_write(struct run *r, const struct sheet *s, lxw_worksheet *ws, struct buf *csv, lxw_format *head,
            lxw_format *textf, lxw_format *datef)
{
	lxw_error e = LXW_NO_ERROR;
	for (size_t c = 0; c < s->ncols && e == LXW_NO_ERROR; c++) {
		const struct column *col = &s->cols[c];
		lxw_format *f = col->type == COL_TEXT ? textf : col->type == COL_DATE ? datef : NULL;
		e = xl.worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col->width > 0 ? col->width : LXW_DEF_COL_WIDTH, f);
		if (e == LXW_NO_ERROR)
			e = xl.worksheet_write_string(ws, 0, (lxw_col_t)c, col->heading, head);
		if (csv) {
			if (c)
				buf_putc(csv, ',');
			csv_field(csv, col->heading);
		}
	}
	if (csv)
		buf_puts(csv, "\r\n");
	lxw_row_t row = 0;
	for (xmlNodePtr rn = s->node->children; rn && e == LXW_NO_ERROR; rn = rn->next) {
		if (!is_el(rn, "row"))
			continue;
		if (row == LXW_ROW_MAX - 1) {
			e = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
			break;
		}
		row++;
		size_t c = 0;
		for (xmlNodePtr cn = rn->children; cn && e == LXW_NO_ERROR; cn = cn->next) {
			if (!is_el(cn, "cell"))
				continue;
			if (c >= s->ncols) {
				diag(DIAG_ERROR, r->template, 0, 0, "a spreadsheet row has more cells than the sheet has columns");
				return -1;
			}
			char *v = text(cn);
			double num;
			lxw_datetime dt;
			if (*v == '\0')
				e = LXW_NO_ERROR;
			else if (s->cols[c].type == COL_NUMBER && number(v, &num))
				e = xl.worksheet_write_number(ws, row, (lxw_col_t)c, num, NULL);
			else if (s->cols[c].type == COL_DATE && iso_date(v, &dt))
				e = xl.worksheet_write_datetime(ws, row, (lxw_col_t)c, &dt, datef);
			else
				e = xl.worksheet_write_string(ws, row, (lxw_col_t)c, v, textf);
			if (csv) {
				if (c)
					buf_putc(csv, ',');
				csv_field(csv, v);
			}
			free(v);
			c++;
		}
		if (csv) {
			for (; c < s->ncols; c++)
				buf_putc(csv, ',');
			buf_puts(csv, "\r\n");
		}
	}
	xl.worksheet_freeze_panes(ws, 1, 0);
	if (e == LXW_NO_ERROR)
		e = xl.worksheet_autofilter(ws, 0, 0, row, (lxw_col_t)(s->ncols - 1));
	if (e != LXW_NO_ERROR) {
		diag(DIAG_ERROR, r->template, 0, 0, "spreadsheet: %s", xl.lxw_strerror(e));
		return -1;
	}
	return 0;
}

/* Writes one workbook and the CSV files of its sheets. Returns 0, or -1
 * after a diagnostic. */
static int
workbook_write(struct run *r, xmlNodePtr wb, const char *path)
{
	if (xlsx_load() != 0)
		return -1;
	char *tmp = xasprintf("%s/book.xlsx", r->tmpdir);
	lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = r->tmpdir, .use_zip64 = LXW_FALSE};
	lxw_workbook *book = xl.workbook_new_opt(tmp, &opts);
	if (book == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "spreadsheet %s: cannot start the workbook in %s", path, r->tmpdir);
		free(tmp);
		return -1;
	}
	/* Excel shows the creation time: the build date, so that the same
	 * content and date give the same bytes. */
	lxw_doc_properties props = {.author = r->ctx->model->site.organization,
	                            .created = (time_t)r->ctx->model->today * 86400};
	lxw_error e = xl.workbook_set_properties(book, &props);
	lxw_format *head = xl.workbook_add_format(book);
	lxw_format *textf = xl.workbook_add_format(book);
	lxw_format *datef = xl.workbook_add_format(book);
	xl.format_set_bold(head);
	xl.format_set_bottom(head, LXW_BORDER_THIN);
	xl.format_set_num_format(textf, "@");
	xl.format_set_num_format(datef, "yyyy-mm-dd");
	int rc = e == LXW_NO_ERROR ? 0 : -1;
	for (xmlNodePtr sn = wb->children; sn && rc == 0; sn = sn->next) {
		if (!is_el(sn, "sheet"))
			continue;
		struct sheet s;
		char *name = attr(sn, "name"), *csvpath = attr(sn, "csv");
		rc = sheet_read(r, sn, &s);
		lxw_worksheet *ws = NULL;
		if (rc == 0 && (name == NULL || xl.workbook_validate_sheet_name(book, name) != LXW_NO_ERROR ||
		                (ws = xl.workbook_add_worksheet(book, name)) == NULL)) {
			diag(DIAG_ERROR, r->template, 0, 0,
			     "spreadsheet %s: sheet name '%s' is missing, taken, longer than 31 characters or holds one of []:*?/\\",
			     path, name ? name : "");
			rc = -1;
		}
		if (rc == 0 && csvpath)
			rc = claim_path(r, csvpath, ".csv");
		struct buf csv = {0};
		if (csvpath)
			buf_puts(&csv, "\xEF\xBB\xBF");
		if (rc == 0)
			rc = sheet_write(r, &s, ws, csvpath ? &csv : NULL, head, textf, datef);
		if (rc == 0 && csvpath) {
			char *rel = xasprintf("site/%s", csvpath);
			rc = render_write_from(r->ctx, rel, r->in, csv.p, csv.len);
			free(rel);
		}
		buf_free(&csv);
		if (s.node)
			sheet_free(&s);
		free(name);
		free(csvpath);
	}
	e = xl.workbook_close(book);
	if (rc == 0 && e != LXW_NO_ERROR) {
		diag(DIAG_ERROR, NULL, 0, 0, "spreadsheet %s: %s", path, xl.lxw_strerror(e));
		rc = -1;
	}
	if (rc == 0) {
		struct buf bytes = {0};
		if (read_file(tmp, &bytes) != 0) {
			diag(DIAG_ERROR, NULL, 0, 0, "spreadsheet %s: cannot read %s: %s", path, tmp, strerror(errno));
			rc = -1;
		} else {
			char *rel = xasprintf("site/%s", path);
			rc = render_write_from(r->ctx, rel, r->in, bytes.p, bytes.len);
			free(rel);
		}
		buf_free(&bytes);
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

/* Writes the workbooks the theme's description lists. */
static int
write_workbooks(struct run *r, xmlDocPtr desc)
{
	xmlNodePtr root = xmlDocGetRootElement(desc);
	if (!is_el(root, "workbooks")) {
		diag(DIAG_ERROR, r->template, 0, 0, "the spreadsheet template must make a <workbooks> document");
		return -1;
	}
	int rc = 0;
	for (xmlNodePtr wb = root->children; wb && rc == 0; wb = wb->next) {
		if (!is_el(wb, "workbook"))
			continue;
		char *path = attr(wb, "path");
		rc = claim_path(r, path, ".xlsx");
		if (rc == 0)
			rc = workbook_write(r, wb, path);
		free(path);
	}
	return rc;
}

/* What the spreadsheet template sees: the model without narrative bodies
 * and free pages, with the statistics. */
static xmlDocPtr
overview(const struct model *m)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = modelxml_root(doc, m, true);
	modelxml_site(root, m);
	modelxml_focus_areas(root, m);
	modelxml_industries(root);
	xmlNodePtr cs = xmlNewChild(root, NULL, BAD_CAST "campaigns", NULL);
	for (size_t i = 0; i < m->ncampaigns; i++) {
		const struct campaign *c = m->campaigns[i];
		xmlNodePtr rs = xmlNewChild(modelxml_campaign(cs, c), NULL, BAD_CAST "records", NULL);
		for (size_t j = 0; j < c->nrecords; j++)
			modelxml_record(rs, c->records[j], true, NULL, m, NULL);
	}
	stats_xml(m, root);
	return doc;
}

int
sheets_begin(const struct render_ctx *ctx, void **state)
{
	*state = (void *)ctx;
	return 0;
}

void
sheets_end(void *state)
{
	(void)state;
}

int
sheets_finish(void *state)
{
	const struct render_ctx *ctx = state;
	struct run r = {.ctx = ctx};
	struct theme_sheet sheet;
	if (theme_sheet_load(ctx, "site/sheets.xsl", &sheet) != 0)
		return -1;
	r.template = sheet.path;
	/* Every workbook and CSV file is made from the overview by the
	 * template, with the workbook's author and date: when those are the
	 * previous build's, so are the files, and their names. */
	xmlDocPtr view = overview(ctx->model);
	struct hasher h;
	hasher_init(&h);
	hasher_hash(&h, xml_hash_doc(view));
	hasher_hash(&h, sheet.hash);
	hasher_str(&h, ctx->model->site.organization ? ctx->model->site.organization : "");
	hasher_u64(&h, (uint64_t)ctx->model->today);
	r.in = hasher_end(&h);
	if (render_keep_all(ctx, r.in)) {
		xmlFreeDoc(view);
		theme_sheet_free(&sheet);
		return 0;
	}
	struct buf out = {0};
	int rc = theme_apply(&sheet, view, NULL, &out);
	xmlFreeDoc(view);
	xmlDocPtr desc = NULL;
	if (rc == 0) {
		desc = xmlReadMemory(out.p ? out.p : "", (int)out.len, "sheets.xml", "UTF-8",
		                     XML_PARSE_NONET | XML_PARSE_HUGE);
		if (desc == NULL) {
			diag(DIAG_ERROR, r.template, 0, 0, "the spreadsheet template's result is not XML");
			rc = -1;
		}
	}
	buf_free(&out);
	if (rc == 0) {
		const char *t = getenv("TMPDIR");
		char *tmpl = xasprintf("%s/qbpress-sheets-XXXXXX", t && *t ? t : "/tmp");
		r.tmpdir = mkdtemp(tmpl);
		if (r.tmpdir == NULL) {
			diag(DIAG_ERROR, NULL, 0, 0, "spreadsheets: cannot make a temporary folder %s: %s", tmpl,
			     strerror(errno));
			free(tmpl);
			rc = -1;
		}
	}
	if (rc == 0)
		rc = write_workbooks(&r, desc);
	if (r.tmpdir) {
		remove_tree(r.tmpdir);
		free(r.tmpdir);
	}
	if (desc)
		xmlFreeDoc(desc);
	for (size_t i = 0; i < r.npaths; i++)
		free(r.paths[i]);
	free(r.paths);
	theme_sheet_free(&sheet);
	return rc;
}
