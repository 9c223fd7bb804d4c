#define _GNU_SOURCE
#include "load.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "markdown.h"
#include "region.h"
#include "utf8.h"
#include "uscc.h"
#include "yamldoc.h"

struct loader {
	struct model *m;
	struct markdown_ctx md;
};

/* ---- reading files ---- */

static char *
display_path(const struct model *m, const char *rel)
{
	return path_join(m->content_dir, rel);
}

/* Makes every line end one line feed: CRLF and a lone CR (files saved with
 * old Mac line ends) become LF, so that every later step sees the lines an
 * editor shows. */
static void
normalize_line_ends(struct buf *b)
{
	char *cr = memchr(b->p, '\r', b->len);
	if (cr == NULL)
		return;
	size_t w = (size_t)(cr - b->p);
	for (size_t r = w; r < b->len; r++) {
		if (b->p[r] == '\r') {
			b->p[w++] = '\n';
			if (r + 1 < b->len && b->p[r + 1] == '\n')
				r++;
		} else {
			b->p[w++] = b->p[r];
		}
	}
	b->len = w;
	b->p[w] = '\0';
}

/* Whether the text looks like UTF-16: a byte-order mark, or a NUL byte in
 * every other place of its first characters (plain ASCII as UTF-16). */
static bool
looks_utf16(const struct buf *b)
{
	const unsigned char *p = (const unsigned char *)b->p;
	if (b->len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return true;
	if (b->len < 4)
		return false;
	return (p[0] == 0 && p[1] != 0 && p[2] == 0 && p[3] != 0) ||
	       (p[0] != 0 && p[1] == 0 && p[2] != 0 && p[3] == 0);
}

int
load_check_text(const char *path, struct buf *b)
{
	if (b->len == 0)
		return 0;
	if (looks_utf16(b)) {
		diag(DIAG_ERROR, path, 1, 1, "the file is UTF-16: save it as UTF-8");
		return -1;
	}
	if (b->len >= 3 && memcmp(b->p, "\xEF\xBB\xBF", 3) == 0) {
		memmove(b->p, b->p + 3, b->len - 3 + 1);
		b->len -= 3;
	}
	normalize_line_ends(b);
	if (utf8_is_clean(b->p, b->len))
		return 0;
	size_t bad = utf8_find_invalid(b->p, b->len);
	if (bad != (size_t)-1) {
		int line, col;
		utf8_line_col(b->p, bad, &line, &col);
		diag(DIAG_ERROR, path, line, col, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
		     (unsigned)(unsigned char)b->p[bad]);
		return -1;
	}
	const char *nul = memchr(b->p, '\0', b->len);
	if (nul != NULL) {
		int line, col;
		utf8_line_col(b->p, (size_t)(nul - b->p), &line, &col);
		diag(DIAG_ERROR, path, line, col, "the file contains a NUL character");
		return -1;
	}
	/* Control characters and noncharacters: the first is reported where it
	 * is, with the count of the others. */
	size_t count = 0;
	uint32_t first_cp = 0, cp;
	size_t first = utf8_next_unwanted(b->p, b->len, 0, &first_cp);
	if (first != (size_t)-1) {
		count = 1;
		for (size_t i = first; (i = utf8_next_unwanted(b->p, b->len, i + 1, &cp)) != (size_t)-1;)
			count++;
	}
	if (count > 0) {
		int line, col;
		utf8_line_col(b->p, first, &line, &col);
		const char *kind = first_cp < 0xA0 ? "control character" : "noncharacter";
		if (count > 1)
			diag(DIAG_ERROR, path, line, col, "%s U+%04X has no place in text: delete it (%zu more in this file)",
			     kind, (unsigned)first_cp, count - 1);
		else
			diag(DIAG_ERROR, path, line, col, "%s U+%04X has no place in text: delete it", kind,
			     (unsigned)first_cp);
		return -1;
	}
	return 0;
}

/* Reads a text file of the content folder (at most max bytes) into out and
 * checks it with load_check_text. Returns 0, 1 when the file does not
 * exist, -1 when it cannot be used (a diagnostic was given). */
static int
load_text(const struct model *m, const char *rel, size_t max, struct buf *out)
{
	char *path = display_path(m, rel);
	if (read_file_max(path, out, max) != 0) {
		int e = errno;
		if (e == ENOENT) {
			free(path);
			return 1;
		}
		struct stat st;
		if (e == EFBIG && stat(path, &st) == 0)
			diag(DIAG_ERROR, path, 0, 0, "the file has %lld bytes; a %s file may have at most %zu MB",
			     (long long)st.st_size, max == CONTENT_YAML_MAX ? "YAML" : "Markdown", max >> 20);
		else if (e == ESPIPE)
			diag(DIAG_ERROR, path, 0, 0, "a special file (a pipe or a device) is not content: put a regular file here");
		else
			diag(DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(e));
		free(path);
		return -1;
	}
	int rc = load_check_text(path, out);
	free(path);
	return rc;
}

static struct ynode *
load_yaml(const struct model *m, const char *rel, int *missing)
{
	struct buf b = {0};
	int rc = load_text(m, rel, CONTENT_YAML_MAX, &b);
	if (missing)
		*missing = rc == 1;
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	char *path = display_path(m, rel);
	struct ynode *root = ydoc_parse(path, b.p, b.len, 0);
	free(path);
	buf_free(&b);
	return root;
}

/* The sorted names in a folder of the content tree, or NULL when it does
 * not exist (not an error: the folder is optional) or cannot be read (an
 * error is reported). *dir receives its display path; caller frees both. */
static char **
list_content_dir(const struct model *m, const char *rel, char **dir)
{
	*dir = display_path(m, rel);
	char **names = list_dir(*dir);
	if (names == NULL && errno != ENOENT)
		diag(DIAG_ERROR, *dir, 0, 0, "cannot read: %s", strerror(errno));
	return names;
}

/* ---- keys and values ---- */

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *prev = xcalloc(lb + 1, sizeof(size_t)), *cur = xcalloc(lb + 1, sizeof(size_t));
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		size_t *t = prev;
		prev = cur;
		cur = t;
	}
	size_t d = prev[lb];
	free(prev);
	free(cur);
	return d;
}

/* The known word closest to word, or NULL when none is close. */
static const char *
closest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (const char *const *k = known; *k; k++) {
		size_t d = edit_distance(word, *k);
		if (d < bestd) {
			bestd = d;
			best = *k;
		}
	}
	size_t limit = strlen(word) / 3 + 1;
	if (limit < 2)
		limit = 2;
	return bestd <= limit ? best : NULL;
}

static void
check_keys(const struct ynode *map, const char *const *known)
{
	for (size_t i = 0; i < map->n; i++) {
		const char *key = map->pairs[i].key->text;
		bool ok = false;
		for (const char *const *k = known; *k && !ok; k++)
			ok = strcmp(*k, key) == 0;
		if (ok)
			continue;
		if (strstr(key, "\xE3\x80\x80") != NULL) {
			diag_warning(map->pairs[i].key->pos, "key '%s' holds a full-width space '　': delete it", key);
			continue;
		}
		const char *near = closest(key, known);
		if (near)
			diag_warning(map->pairs[i].key->pos, "unknown key '%s' — did you mean '%s'?", key, near);
		else
			diag_warning(map->pairs[i].key->pos, "unknown key '%s' is ignored", key);
	}
}

static struct ynode *
want(const struct ynode *map, const char *key, bool required, const char *what)
{
	struct ynode *v = ymap_get(map, key);
	if (v == NULL && required)
		diag_error(map->pos, "%s has no '%s': it is required", what, key);
	return v;
}

static bool
is_null(const struct ynode *v)
{
	return v->kind == Y_SCALAR && v->plain &&
	       (v->len == 0 || strcmp(v->text, "~") == 0 || strcmp(v->text, "null") == 0);
}

/* The most characters a text value may have: a few paragraphs for the
 * texts that are read as such, a line of a notice or a certificate for the
 * rest (names, titles, numbers). A longer value is an error at the value,
 * before a renderer meets it. */
#define CONTENT_TEXT_MAX 2000
#define CONTENT_LINE_MAX 200

static void
check_length(const struct ynode *v, const char *key)
{
	static const char *const texts[] = {"summary", "description", "reason", NULL};
	size_t max = CONTENT_LINE_MAX;
	for (const char *const *t = texts; *t; t++)
		if (strcmp(*t, key) == 0)
			max = CONTENT_TEXT_MAX;
	size_t n = utf8_length(v->text, v->len);
	if (n > max)
		diag_error(v->pos, "'%s' has %zu characters; it may have at most %zu", key, n, max);
}

/* A required or optional text value; NULL when absent or wrong. */
static char *
str_value(const struct ynode *map, const char *key, bool required, const char *what)
{
	struct ynode *v = want(map, key, required, what);
	if (v == NULL)
		return NULL;
	if (v->kind != Y_SCALAR) {
		diag_error(v->pos, "'%s' must be a single value, not %s", key, ynode_kind_name(v));
		return NULL;
	}
	if (is_null(v)) {
		if (required)
			diag_error(v->pos, "'%s' is empty: it is required", key);
		return NULL;
	}
	check_length(v, key);
	return xstrdup(v->text);
}

static bool
date_value(const struct ynode *map, const char *key, bool required, const char *what, day_t *out,
           struct pos *pos)
{
	struct ynode *v = want(map, key, required, what);
	if (v == NULL)
		return false;
	if (pos)
		*pos = v->pos;
	if (v->kind != Y_SCALAR) {
		diag_error(v->pos, "'%s' must be a date (YYYY-MM-DD), not %s", key, ynode_kind_name(v));
		return false;
	}
	switch (date_parse(v->text, out)) {
	case DATE_OK:
		return true;
	case DATE_MALFORMED:
		diag_error(v->pos, "'%s' is not a date: write YYYY-MM-DD", v->text);
		return false;
	default: {
		int y = atoi(v->text), mo = atoi(v->text + 5);
		if (y < 1900 || y > 2199)
			diag_error(v->pos, "'%s' is outside the years 1900 to 2199", v->text);
		else if (mo >= 1 && mo <= 12)
			diag_error(v->pos, "'%s' is not a real date: %04d-%02d has %d days", v->text, y, mo,
			           date_days_in_month(y, mo));
		else
			diag_error(v->pos, "'%s' is not a real date", v->text);
		return false;
	}
	}
}

static bool
parse_int(const char *s, long *out)
{
	if (*s == '\0')
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end != '\0' || (s[0] != '-' && (s[0] < '0' || s[0] > '9')))
		return false;
	*out = v;
	return true;
}

static bool
int_node(const struct ynode *v, const char *key, long min, long max, int *out)
{
	long n;
	if (v->kind != Y_SCALAR) {
		diag_error(v->pos, "'%s' must be a whole number, not %s", key, ynode_kind_name(v));
		return false;
	}
	if (!parse_int(v->text, &n)) {
		diag_error(v->pos, "'%s' is not a whole number", v->text);
		return false;
	}
	if (n < min || n > max) {
		diag_error(v->pos, "'%s' is out of range for '%s' (%ld to %ld)", v->text, key, min, max);
		return false;
	}
	*out = (int)n;
	return true;
}

static bool
int_value(const struct ynode *map, const char *key, bool required, const char *what, long min, long max,
          int *out)
{
	struct ynode *v = want(map, key, required, what);
	return v != NULL && int_node(v, key, min, max, out);
}

/* A list of text values; a missing optional list gives NULL with *n = 0. */
static char **
list_value(const struct ynode *map, const char *key, bool required, const char *what, size_t *n)
{
	*n = 0;
	struct ynode *v = want(map, key, required, what);
	if (v == NULL)
		return NULL;
	if (v->kind != Y_SEQUENCE) {
		diag_error(v->pos, "'%s' must be a list ([a, b]), not %s", key, ynode_kind_name(v));
		return NULL;
	}
	char **out = xcalloc(v->n + 1, sizeof(*out));
	for (size_t i = 0; i < v->n; i++) {
		struct ynode *it = v->items[i];
		if (it->kind != Y_SCALAR || is_null(it)) {
			diag_error(it->pos, "each item of '%s' must be a non-empty single value", key);
			continue;
		}
		check_length(it, key);
		out[(*n)++] = xstrdup(it->text);
	}
	return out;
}

static struct ynode *
map_value(const struct ynode *map, const char *key, bool required, const char *what)
{
	struct ynode *v = want(map, key, required, what);
	if (v == NULL)
		return NULL;
	if (v->kind != Y_MAPPING) {
		diag_error(v->pos, "'%s' must be a mapping of keys to values, not %s", key, ynode_kind_name(v));
		return NULL;
	}
	return v;
}

static bool
matches_charset(const char *s, const char *extra, size_t maxlen)
{
	size_t n = strlen(s);
	if (n == 0 || n > maxlen)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || strchr(extra, *c)))
			return false;
	return true;
}

/* ---- site.yaml ---- */

static bool
parse_range(const char *s, struct division_range *r)
{
	int a, b;
	char tail;
	if (sscanf(s, "%d-%d%c", &a, &b, &tail) == 2 || (sscanf(s, "%d%c", &a, &tail) == 1 && (b = a, 1))) {
		if (a < 1 || b > 97 || a > b)
			return false;
		r->first = a;
		r->last = b;
		return true;
	}
	return false;
}

static const struct division_range default_divisions[] = {{6, 46}, {53, 60}, {63, 65}, {66, 69}, {71, 72}};

static void
load_site(struct loader *L)
{
	struct model *m = L->m;
	struct site *s = &m->site;
	int missing;
	struct ynode *root = load_yaml(m, "site.yaml", &missing);
	s->ndivisions = sizeof(default_divisions) / sizeof(default_divisions[0]);
	s->divisions = xmalloc(sizeof(default_divisions));
	memcpy(s->divisions, default_divisions, sizeof(default_divisions));
	if (missing) {
		char *p = display_path(m, "site.yaml");
		diag(DIAG_ERROR, p, 0, 0, "missing: every content folder needs site.yaml");
		free(p);
	}
	if (root == NULL)
		return;
	if (root->kind != Y_MAPPING) {
		diag_error(root->pos, "site.yaml must be a mapping of keys to values");
		ynode_free(root);
		return;
	}
	static const char *const keys[] = {"title", "organization", "office", "base_url", "language", "theme",
	                                   "description", "wechat", "objections", "eligibility", "seal", "logo",
	                                   NULL};
	check_keys(root, keys);
	s->pos = root->pos;
	const char *w = "site.yaml";
	s->title = str_value(root, "title", true, w);
	s->organization = str_value(root, "organization", true, w);
	s->office = str_value(root, "office", true, w);
	s->base_url = str_value(root, "base_url", true, w);
	s->language = str_value(root, "language", false, w);
	s->theme = str_value(root, "theme", false, w);
	s->description = str_value(root, "description", false, w);
	if (s->language == NULL)
		s->language = xstrdup("zh-CN");
	if (s->theme == NULL)
		s->theme = xstrdup("default");
	if (s->theme && !matches_charset(s->theme, "-_", 64))
		diag_error(ymap_get(root, "theme")->pos, "theme '%s' must be a folder name of a-z, 0-9, - and _",
		           s->theme);
	if (s->base_url) {
		struct ynode *v = ymap_get(root, "base_url");
		if (!(str_has_prefix(s->base_url, "https://") || str_has_prefix(s->base_url, "http://")) ||
		    strchr(s->base_url, ' ') != NULL)
			diag_error(v->pos, "base_url '%s' must be an absolute http(s) URL", s->base_url);
		else if (!str_has_suffix(s->base_url, "/")) {
			char *t = xasprintf("%s/", s->base_url);
			free(s->base_url);
			s->base_url = t;
		}
	}
	struct ynode *wc = map_value(root, "wechat", false, w);
	if (wc) {
		static const char *const wkeys[] = {"account", "author", NULL};
		check_keys(wc, wkeys);
		s->wechat_account = str_value(wc, "account", false, "wechat");
		s->wechat_author = str_value(wc, "author", false, "wechat");
	}
	if (s->wechat_account == NULL && s->title)
		s->wechat_account = xstrdup(s->title);
	if (s->wechat_author == NULL && s->office)
		s->wechat_author = xstrdup(s->office);
	struct ynode *ob = map_value(root, "objections", true, w);
	if (ob) {
		static const char *const okeys[] = {"phone", "email", "address", "postcode", NULL};
		check_keys(ob, okeys);
		s->objection_phone = str_value(ob, "phone", true, "objections");
		s->objection_email = str_value(ob, "email", true, "objections");
		s->objection_address = str_value(ob, "address", false, "objections");
		s->objection_postcode = str_value(ob, "postcode", false, "objections");
	}
	struct ynode *el = map_value(root, "eligibility", false, w);
	if (el) {
		static const char *const ekeys[] = {"industry_divisions", NULL};
		check_keys(el, ekeys);
		struct ynode *v = want(el, "industry_divisions", false, "eligibility");
		if (v && v->kind != Y_SEQUENCE) {
			diag_error(v->pos, "'industry_divisions' must be a list of ranges like \"06-46\"");
		} else if (v) {
			free(s->divisions);
			s->divisions = xcalloc(v->n + 1, sizeof(*s->divisions));
			s->ndivisions = 0;
			for (size_t i = 0; i < v->n; i++) {
				struct ynode *it = v->items[i];
				if (it->kind != Y_SCALAR || !parse_range(it->text, &s->divisions[s->ndivisions]))
					diag_error(it->pos, "'%s' is not a division range like \"06-46\" (01 to 97)",
					           it->kind == Y_SCALAR ? it->text : "");
				else
					s->ndivisions++;
			}
		}
	}
	const char *imgkeys[] = {"seal", "logo"};
	char **dest[] = {&s->seal, &s->logo};
	for (int i = 0; i < 2; i++) {
		char *rel = str_value(root, imgkeys[i], false, w);
		if (rel) {
			*dest[i] = markdown_resolve_target(&L->md, "site.yaml", rel, ymap_get(root, imgkeys[i])->pos,
			                                   imgkeys[i], TARGET_IMAGE);
			free(rel);
		}
	}
	ynode_free(root);
}

/* ---- calendar/YYYY.yaml ---- */

static bool
year_file_name(const char *name, const char *suffix, int *year)
{
	size_t n = strlen(name), ls = strlen(suffix);
	if (n != 4 + ls || strcmp(name + 4, suffix) != 0)
		return false;
	for (int i = 0; i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return false;
	*year = atoi(name);
	return *year >= CAL_FIRST_YEAR && *year < CAL_FIRST_YEAR + CAL_YEARS;
}

static void
load_calendar_days(struct model *m, const struct ynode *root, const char *key, int year, bool holiday)
{
	struct ynode *v = want(root, key, false, "a calendar");
	if (v == NULL)
		return;
	if (v->kind != Y_SEQUENCE) {
		diag_error(v->pos, "'%s' must be a list of dates", key);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct ynode *it = v->items[i];
		day_t d;
		if (it->kind != Y_SCALAR) {
			diag_error(it->pos, "each item of '%s' must be a date (YYYY-MM-DD)", key);
			continue;
		}
		enum date_status st = date_parse(it->text, &d);
		if (st == DATE_MALFORMED) {
			diag_error(it->pos, "'%s' is not a date: write YYYY-MM-DD", it->text);
			continue;
		}
		if (st == DATE_IMPOSSIBLE) {
			diag_error(it->pos, "'%s' is not a real date", it->text);
			continue;
		}
		int y, mo, dd;
		date_to_ymd(d, &y, &mo, &dd);
		if (y != year) {
			diag_error(it->pos, "'%s' is not in %d: it belongs in calendar/%d.yaml", it->text, year, y);
			continue;
		}
		if (holiday) {
			calendar_set_holiday(&m->calendar, d);
		} else {
			if (date_weekday(d) < 5)
				diag_warning(it->pos, "'%s' is a weekday: listing it as an adjusted working day changes nothing",
				             it->text);
			calendar_set_workday(&m->calendar, d);
		}
	}
}

static void
load_calendars(struct loader *L)
{
	struct model *m = L->m;
	char *dir;
	char **names = list_content_dir(m, "calendar", &dir);
	if (names == NULL) {
		free(dir);
		return;
	}
	for (char **n = names; *n; n++) {
		int year;
		if (!str_has_suffix(*n, ".yaml"))
			continue;
		char *rel = xasprintf("calendar/%s", *n);
		if (!year_file_name(*n, ".yaml", &year)) {
			char *p = display_path(m, rel);
			diag(DIAG_ERROR, p, 0, 0, "a calendar file is named after its year, like calendar/2026.yaml");
			free(p);
			free(rel);
			continue;
		}
		struct ynode *root = load_yaml(m, rel, NULL);
		free(rel);
		if (root == NULL) {
			calendar_set_unreadable(&m->calendar, year);
			continue;
		}
		if (root->kind != Y_MAPPING) {
			diag_error(root->pos, "a calendar file must be a mapping with year, holidays and workdays");
			calendar_set_unreadable(&m->calendar, year);
			ynode_free(root);
			continue;
		}
		static const char *const keys[] = {"year", "holidays", "workdays", NULL};
		check_keys(root, keys);
		int y;
		if (int_value(root, "year", true, "a calendar", 1900, 2199, &y) && y != year)
			diag_error(ymap_get(root, "year")->pos, "year %d does not match the file name %d.yaml", y, year);
		calendar_add_year(&m->calendar, year);
		load_calendar_days(m, root, "holidays", year, true);
		load_calendar_days(m, root, "workdays", year, false);
		ynode_free(root);
	}
	free_strv(names);
	free(dir);
}

/* ---- campaigns ---- */

static void
load_status_block(const struct ynode *rec, const char *key, bool *flag, day_t *date, char **reason,
                  char **number, struct pos *pos)
{
	struct ynode *v = map_value(rec, key, false, "a record");
	if (v == NULL)
		return;
	static const char *const wkeys[] = {"date", "reason", NULL};
	static const char *const rkeys[] = {"date", "reason", "number", NULL};
	check_keys(v, number ? rkeys : wkeys);
	*pos = v->pos;
	*flag = true;
	if (!date_value(v, "date", true, key, date, pos))
		*date = DAY_NONE;
	*reason = str_value(v, "reason", true, key);
	if (number)
		*number = str_value(v, "number", false, key);
}

/* Where a value's first character stands: after the quote of a quoted
 * one. */
static struct pos
text_pos(const struct ynode *v)
{
	struct pos p = v->pos;
	if (v->kind == Y_SCALAR && !v->plain && p.col > 0)
		p.col++;
	return p;
}

static struct record *
load_record(struct campaign *c, const struct ynode *rn, size_t index)
{
	struct record *r = xcalloc(1, sizeof(*r));
	r->campaign = c;
	r->index = index;
	r->pos = rn->pos;
	r->focus = FOCUS_NONE;
	r->iso_valid_until = r->withdrawn_date = r->revoked_date = DAY_NONE;
	static const char *const keys[] = {"id", "enterprise", "uscc", "region", "recommender", "industry",
	                                   "focus", "experience", "methods", "iso9001", "profitable",
	                                   "certificate", "withdrawn", "revoked", "review", NULL};
	check_keys(rn, keys);
	const char *w = "this record";
	r->id = str_value(rn, "id", true, w);
	if (r->id) {
		r->id_pos = ymap_get(rn, "id")->pos;
		if (!matches_charset(r->id, "-", 64)) {
			diag_error(r->id_pos, "id '%s' must be 1 to 64 characters of a-z, 0-9 and -", r->id);
			free(r->id);
			r->id = NULL;
		}
	}
	r->enterprise = str_value(rn, "enterprise", true, w);
	r->enterprise_pos = r->enterprise ? text_pos(ymap_get(rn, "enterprise")) : rn->pos;
	r->uscc = str_value(rn, "uscc", true, w);
	if (r->uscc) {
		struct pos p = ymap_get(rn, "uscc")->pos;
		size_t where = 0;
		char expected = 0;
		switch (uscc_check(r->uscc, &where, &expected)) {
		case USCC_LENGTH:
			diag_error(p, "uscc '%s' has %zu characters: a unified social credit code has 18", r->uscc,
			           utf8_length(r->uscc, strlen(r->uscc)));
			break;
		case USCC_CHARSET: {
			uint32_t cp = 0;
			utf8_decode(r->uscc + where, strlen(r->uscc + where), &cp);
			size_t n = utf8_decode(r->uscc + where, strlen(r->uscc + where), &cp);
			diag_error(p,
			           "uscc '%s': character %zu '%.*s' is not allowed (digits and capital letters except I, O, Z, S, V)",
			           r->uscc, utf8_length(r->uscc, where) + 1, (int)(n ? n : 1), r->uscc + where);
			break;
		}
		case USCC_CHECK:
			diag_error(p, "uscc '%s': the check character is '%c', expected '%c'", r->uscc, r->uscc[17],
			           expected);
			break;
		default:
			break;
		}
	}
	r->region = str_value(rn, "region", true, w);
	if (r->region && region_named(r->region) == NULL) {
		/* The full name of one of the 34 divisions: a short form or a
		 * city is refused with the division it belongs to. */
		const struct region *d = region_lookup(r->region);
		struct pos p = ymap_get(rn, "region")->pos;
		if (d)
			diag_error(p, "region '%s' is not one of the 34 provincial-level divisions of GB/T 2260 — did you mean '%s'?",
			           r->region, d->name);
		else
			diag_error(p, "region '%s' is not one of the 34 provincial-level divisions of GB/T 2260", r->region);
	}
	r->recommender = str_value(rn, "recommender", true, w);
	r->recommender_pos = r->recommender ? text_pos(ymap_get(rn, "recommender")) : rn->pos;
	r->industry = str_value(rn, "industry", true, w);
	if (r->industry) {
		r->industry_pos = ymap_get(rn, "industry")->pos;
		r->division = industry_lookup(r->industry);
		size_t n = strlen(r->industry);
		if (n < 2 || n > 4 || strspn(r->industry, "0123456789") != n)
			diag_error(r->industry_pos,
			           "industry '%s' is not a GB/T 4754-2017 code: write the division (2 digits) or group/class (3-4 digits)",
			           r->industry);
		else if (r->division == NULL)
			diag_error(r->industry_pos, "industry '%s': division %.2s does not exist in GB/T 4754-2017",
			           r->industry, r->industry);
		else
			r->section = industry_section_of(r->division);
	}
	char *focus = str_value(rn, "focus", true, w);
	if (focus) {
		r->focus = focus_from_key(focus);
		if (r->focus == FOCUS_NONE) {
			const char *known[FOCUS_COUNT + 1];
			for (int i = 0; i < FOCUS_COUNT; i++)
				known[i] = focus_areas[i].key;
			known[FOCUS_COUNT] = NULL;
			const char *near = closest(focus, known);
			struct pos p = ymap_get(rn, "focus")->pos;
			if (near)
				diag_error(p, "focus '%s' is not one of the focus areas of Art. 11 — did you mean '%s'?", focus,
				           near);
			else
				diag_error(p, "focus '%s' is not one of the focus areas of Art. 11: tqm, engineering, supply-chain, digital",
				           focus);
		}
		free(focus);
	}
	r->experience = str_value(rn, "experience", true, w);
	r->experience_pos = r->experience ? text_pos(ymap_get(rn, "experience")) : rn->pos;
	r->methods = list_value(rn, "methods", false, w, &r->nmethods);
	struct ynode *iso = map_value(rn, "iso9001", true, w);
	if (iso) {
		static const char *const ikeys[] = {"certificate", "valid_until", NULL};
		check_keys(iso, ikeys);
		r->iso_certificate = str_value(iso, "certificate", true, "iso9001");
		if (!date_value(iso, "valid_until", true, "iso9001", &r->iso_valid_until, &r->iso_valid_pos))
			r->iso_valid_until = DAY_NONE;
	}
	struct ynode *prof = want(rn, "profitable", true, w);
	if (prof) {
		r->profitable_pos = prof->pos;
		if (prof->kind != Y_SEQUENCE) {
			diag_error(prof->pos, "'profitable' must be a list of years, like [%d, %d, %d]", c->year - 3,
			           c->year - 2, c->year - 1);
			r->profitable_pos.file = NULL;
		} else {
			bool ok = true;
			for (size_t i = 0; i < prof->n; i++) {
				int y;
				if (!int_node(prof->items[i], "profitable", 1900, 2199, &y))
					ok = false;
				else if (r->nprofitable < sizeof(r->profitable) / sizeof(r->profitable[0]))
					r->profitable[r->nprofitable++] = y;
			}
			if (!ok)
				r->profitable_pos.file = NULL;
		}
	}
	r->certificate = str_value(rn, "certificate", false, w);
	if (r->certificate) {
		r->certificate_given = true;
		r->certificate_pos = ymap_get(rn, "certificate")->pos;
		if (!matches_charset(r->certificate, "-ABCDEFGHIJKLMNOPQRSTUVWXYZ", 32)) {
			diag_error(r->certificate_pos, "certificate '%s' must be 1 to 32 characters of A-Z, a-z, 0-9 and -",
			           r->certificate);
			free(r->certificate);
			r->certificate = NULL;
			r->certificate_given = false;
		}
	}
	load_status_block(rn, "withdrawn", &r->withdrawn, &r->withdrawn_date, &r->withdrawn_reason, NULL,
	                  &r->withdrawn_pos);
	load_status_block(rn, "revoked", &r->revoked, &r->revoked_date, &r->revoked_reason, &r->revoked_number,
	                  &r->revoked_pos);
	if (r->withdrawn && r->revoked)
		diag_error(r->revoked_pos, "a withdrawn record was never announced, so it cannot be revoked");
	/* `review:` is confidential (Art. 16): read by the parser, never kept. */
	return r;
}

static void
load_campaign_file(struct campaign *c, const struct ynode *root)
{
	static const char *const keys[] = {"year", "title", "publicity", "announcement", "exchange", NULL};
	check_keys(root, keys);
	c->pos = root->pos;
	int y;
	if (int_value(root, "year", true, "campaign.yaml", 1900, 2199, &y) && y != c->year)
		diag_error(ymap_get(root, "year")->pos, "year %d does not match the folder campaigns/%d", y, c->year);
	c->title = str_value(root, "title", false, "campaign.yaml");
	struct ynode *pub = map_value(root, "publicity", true, "campaign.yaml");
	c->working_days = 10;
	if (pub) {
		static const char *const pkeys[] = {"date", "working_days", "number", NULL};
		check_keys(pub, pkeys);
		c->publicity_pos = pub->pos;
		if (!date_value(pub, "date", true, "publicity", &c->publicity_date, &c->publicity_pos))
			c->publicity_date = DAY_NONE;
		if (ymap_get(pub, "working_days") &&
		    !int_value(pub, "working_days", false, "publicity", 1, 60, &c->working_days))
			c->working_days = 10;
		c->publicity_number = str_value(pub, "number", false, "publicity");
	}
	struct ynode *ann = map_value(root, "announcement", false, "campaign.yaml");
	if (ann) {
		static const char *const akeys[] = {"date", "number", NULL};
		check_keys(ann, akeys);
		c->announcement_pos = ann->pos;
		if (!date_value(ann, "date", true, "announcement", &c->announcement_date, &c->announcement_pos))
			c->announcement_date = DAY_NONE;
		c->announcement_number = str_value(ann, "number", false, "announcement");
		c->announced = true;
	}
	struct ynode *ex = want(root, "exchange", false, "campaign.yaml");
	if (ex && ex->kind != Y_SEQUENCE) {
		diag_error(ex->pos, "'exchange' must be a list of activities");
	} else if (ex) {
		c->exchanges = xcalloc(ex->n + 1, sizeof(*c->exchanges));
		for (size_t i = 0; i < ex->n; i++) {
			struct ynode *it = ex->items[i];
			if (it->kind != Y_MAPPING) {
				diag_error(it->pos, "each exchange activity must be a mapping with date, city and title");
				continue;
			}
			static const char *const xkeys[] = {"date", "city", "title", NULL};
			check_keys(it, xkeys);
			struct exchange *e = &c->exchanges[c->nexchanges];
			bool ok = date_value(it, "date", true, "an exchange activity", &e->date, NULL);
			e->city = str_value(it, "city", false, "an exchange activity");
			e->title = str_value(it, "title", true, "an exchange activity");
			if (ok && e->title) {
				c->nexchanges++;
			} else {
				free(e->city);
				free(e->title);
				memset(e, 0, sizeof(*e));
			}
		}
	}
}

/* Reads front matter keys shared by narratives and pages. */
static void
load_front_matter(struct document *d, const struct ynode *fm, bool page, struct loader *L)
{
	static const char *const ckeys[] = {"summary", "cover", "keywords", "title", NULL};
	static const char *const pkeys[] = {"title", "order", "summary", "keywords", NULL};
	const char *w = page ? "a page's front matter" : "the front matter";
	if (fm == NULL) {
		if (page)
			diag(DIAG_ERROR, d->file, 1, 1, "a page needs front matter with a title (---\\ntitle: …\\n---)");
		return;
	}
	check_keys(fm, page ? pkeys : ckeys);
	d->title = str_value(fm, "title", page, w);
	d->summary = str_value(fm, "summary", false, w);
	d->keywords = list_value(fm, "keywords", false, w, &d->nkeywords);
	if (page) {
		if (ymap_get(fm, "order") && int_value(fm, "order", false, w, -10000, 10000, &d->order))
			d->has_order = true;
	} else {
		char *cover = str_value(fm, "cover", false, w);
		if (cover) {
			d->cover = markdown_resolve_target(&L->md, d->path, cover, ymap_get(fm, "cover")->pos, "cover",
			                                   TARGET_IMAGE);
			if (d->cover) {
				d->cover[strcspn(d->cover, "#?")] = '\0';
				markdown_add_image(L->m, d->cover);
			}
			free(cover);
		}
	}
}

/* Loads a document's front matter, and its body when body is set: a case
 * narrative's body is parsed by document_body() when a build or a check
 * needs it; pages and prefaces, few and short, keep theirs. */
static struct document *
load_document(struct loader *L, const char *rel, bool page, bool body)
{
	struct buf b = {0};
	if (load_text(L->m, rel, CONTENT_MARKDOWN_MAX, &b) != 0) {
		buf_free(&b);
		return NULL;
	}
	struct hash h = hash_bytes(b.p, b.len);
	char *file = display_path(L->m, rel);
	struct ynode *fm = NULL;
	struct document *d = markdown_parse(&L->md, file, rel, b.p, b.len, &fm, body);
	if (d) {
		d->text_hash = h;
		d->text_len = b.len;
		load_front_matter(d, fm, page, L);
	}
	ynode_free(fm);
	free(file);
	buf_free(&b);
	return d;
}

static int
cmp_record_id(const void *a, const void *b)
{
	return strcmp((*(struct record *const *)a)->id, (*(struct record *const *)b)->id);
}

/* Attaches each narrative to its record. When records.yaml could not be
 * read, the narratives are not examined: every one would look orphaned. */
static void
load_cases(struct loader *L, struct campaign *c, bool records_ok)
{
	if (!records_ok)
		return;
	/* Records by id, the first of equal ids first (duplicates are reported
	 * by the checks). */
	struct record **byid = xcalloc(c->nrecords + 1, sizeof(*byid));
	size_t nbyid = 0;
	for (size_t i = 0; i < c->nrecords; i++)
		if (c->records[i]->id)
			byid[nbyid++] = c->records[i];
	if (nbyid > 1)
		qsort(byid, nbyid, sizeof(*byid), record_cmp_id);
	char *rel = xasprintf("%s/cases", c->dir);
	char *dir;
	char **names = list_content_dir(L->m, rel, &dir);
	for (char **n = names; n && *n; n++) {
		if (!str_has_suffix(*n, ".md"))
			continue;
		char *id = xstrndup(*n, strlen(*n) - 3);
		char *frel = xasprintf("%s/%s", rel, *n);
		struct record key = {.id = id}, *kp = &key;
		struct record **found = byid ? bsearch(&kp, byid, nbyid, sizeof(*byid), cmp_record_id) : NULL;
		while (found && found > byid && strcmp(found[-1]->id, id) == 0)
			found--;
		struct record *owner = found ? *found : NULL;
		if (owner == NULL) {
			char *p = display_path(L->m, frel);
			diag(DIAG_ERROR, p, 1, 1, "narrative '%s' has no record with id '%s' in %s/records.yaml", *n, id,
			     c->dir);
			free(p);
		} else {
			owner->narrative = load_document(L, frel, false, false);
		}
		free(id);
		free(frel);
	}
	for (size_t i = 0; i < c->nrecords; i++) {
		struct record *r = c->records[i];
		if (r->id && r->narrative == NULL) {
			char *frel = xasprintf("%s/%s.md", rel, r->id);
			char *p = display_path(L->m, frel);
			struct stat st;
			if (stat(p, &st) != 0)
				diag_error(r->id_pos, "record '%s' has no narrative: add %s", r->id, p);
			free(p);
			free(frel);
		}
	}
	free_strv(names);
	free(dir);
	free(rel);
	free(byid);
}

static void
load_campaign(struct loader *L, struct campaign *c)
{
	struct model *m = L->m;
	char *rel = xasprintf("%s/campaign.yaml", c->dir);
	int missing;
	struct ynode *root = load_yaml(m, rel, &missing);
	if (missing) {
		char *p = display_path(m, rel);
		diag(DIAG_ERROR, p, 0, 0, "missing: every campaign folder needs campaign.yaml");
		free(p);
	}
	free(rel);
	if (root && root->kind != Y_MAPPING)
		diag_error(root->pos, "campaign.yaml must be a mapping of keys to values");
	else if (root)
		load_campaign_file(c, root);
	c->loaded = root != NULL && root->kind == Y_MAPPING;
	ynode_free(root);

	rel = xasprintf("%s/records.yaml", c->dir);
	root = load_yaml(m, rel, &missing);
	if (missing) {
		char *p = display_path(m, rel);
		diag(DIAG_ERROR, p, 0, 0, "missing: every campaign folder needs records.yaml");
		free(p);
	}
	if (root && (root->kind == Y_MAPPING || root->kind == Y_SEQUENCE) && root->n == 0) {
		/* A campaign is published with its records: an empty list is
		 * a campaign folder made too early. */
		char *p = display_path(m, rel);
		diag(DIAG_ERROR, p, 1, 1, "campaign %d has no records: list them in this file, or add the campaign folder when they are known",
		     c->year);
		free(p);
	} else if (root && root->kind != Y_SEQUENCE) {
		diag_error(root->pos, "records.yaml must be a list of records (each starting with '- id: …')");
	} else if (root && root->n > CONTENT_RECORDS_MAX) {
		diag_error(root->items[CONTENT_RECORDS_MAX]->pos,
		           "records.yaml has %zu records; a campaign may have at most %d: this is record %d", root->n,
		           CONTENT_RECORDS_MAX, CONTENT_RECORDS_MAX + 1);
		ynode_free(root);
		root = NULL;
	} else if (root) {
		c->records = xcalloc(root->n + 1, sizeof(*c->records));
		for (size_t i = 0; i < root->n; i++) {
			if (root->items[i]->kind != Y_MAPPING) {
				diag_error(root->items[i]->pos, "each record must be a mapping of keys to values");
				continue;
			}
			struct record *r = load_record(c, root->items[i], c->nrecords);
			c->records[c->nrecords++] = r;
		}
	}
	free(rel);
	bool records_ok = root != NULL;
	ynode_free(root);
	load_cases(L, c, records_ok);
	/* the preface of the year's compendium, when there is one */
	rel = xasprintf("%s/compendium.md", c->dir);
	c->compendium = load_document(L, rel, false, true);
	free(rel);
}

static int load_threads = 1;
static void (*after_site)(const struct model *m, void *arg);
static void *after_site_arg;

void
model_load_threads(int n)
{
	load_threads = n > 1 ? n : 1;
}

void
model_load_after_site(void (*fn)(const struct model *m, void *arg), void *arg)
{
	after_site = fn;
	after_site_arg = arg;
}

/* The campaign folders, each loaded by one of up to load_threads threads,
 * the next folder to the next free thread. A folder's messages are
 * captured and committed in the folders' order, so that they come as
 * they would from one thread. */
struct campaign_work {
	struct loader *L;
	struct campaign **c;     /* per folder name, NULL for one that is no campaign's */
	struct diag_capture *cap; /* per folder name */
	size_t n;
	atomic_size_t next;
};

static void *
campaign_worker(void *arg)
{
	struct campaign_work *w = arg;
	for (size_t i; (i = atomic_fetch_add(&w->next, 1)) < w->n;) {
		if (w->c[i] == NULL)
			continue;
		diag_capture_begin(&w->cap[i]);
		load_campaign(w->L, w->c[i]);
		diag_capture_end();
	}
	return NULL;
}

static void
load_campaigns(struct loader *L)
{
	struct model *m = L->m;
	char *dir;
	char **names = list_content_dir(m, "campaigns", &dir);
	if (names == NULL) {
		free(dir);
		return;
	}
	size_t n = 0;
	while (names[n])
		n++;
	struct campaign_work w = {L, xcalloc(n + 1, sizeof(*w.c)), xcalloc(n + 1, sizeof(*w.cap)), n, 0};
	for (size_t i = 0; i < n; i++) {
		int year;
		char *p = path_join(dir, names[i]);
		struct stat st;
		bool isdir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
		if (isdir && !year_file_name(names[i], "", &year)) {
			diag_capture_begin(&w.cap[i]);
			diag(DIAG_ERROR, p, 0, 0, "a campaign folder is named after its year, like campaigns/2026");
			diag_capture_end();
		} else if (isdir) {
			struct campaign *c = xcalloc(1, sizeof(*c));
			c->year = year;
			c->dir = xasprintf("campaigns/%d", year);
			c->publicity_date = c->announcement_date = DAY_NONE;
			m->campaigns = xrealloc(m->campaigns, (m->ncampaigns + 1) * sizeof(*m->campaigns));
			m->campaigns[m->ncampaigns++] = c;
			w.c[i] = c;
		}
		free(p);
	}
	size_t nthreads = load_threads < 2 || m->ncampaigns < 2 ? 0 : (size_t)load_threads - 1;
	if (nthreads > m->ncampaigns - 1)
		nthreads = m->ncampaigns - 1;
	pthread_t *t = xcalloc(nthreads + 1, sizeof(*t));
	size_t started = 0;
	while (started < nthreads && pthread_create(&t[started], NULL, campaign_worker, &w) == 0)
		started++;
	campaign_worker(&w);
	for (size_t i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	for (size_t i = 0; i < n; i++)
		diag_capture_commit(&w.cap[i]);
	free(t);
	free(w.c);
	free(w.cap);
	free_strv(names);
	free(dir);
}

/* ---- pages ---- */

static int
cmp_page(const void *a, const void *b)
{
	const struct document *x = *(struct document *const *)a, *y = *(struct document *const *)b;
	int ox = x->has_order ? x->order : 1000000, oy = y->has_order ? y->order : 1000000;
	if (ox != oy)
		return ox < oy ? -1 : 1;
	return strcmp(x->path, y->path);
}

static void
load_pages(struct loader *L)
{
	struct model *m = L->m;
	char *dir;
	char **names = list_content_dir(m, "pages", &dir);
	if (names == NULL) {
		free(dir);
		return;
	}
	for (char **n = names; *n; n++) {
		if (!str_has_suffix(*n, ".md"))
			continue;
		char *name = xstrndup(*n, strlen(*n) - 3);
		char *rel = xasprintf("pages/%s", *n);
		if (!matches_charset(name, "-", 64)) {
			char *p = display_path(m, rel);
			diag(DIAG_ERROR, p, 0, 0, "a page file name must be a-z, 0-9 and - (it becomes the URL /pages/%s/)",
			     name);
			free(p);
		} else {
			struct document *d = load_document(L, rel, true, true);
			if (d) {
				m->pages = xrealloc(m->pages, (m->npages + 1) * sizeof(*m->pages));
				m->pages[m->npages++] = d;
			}
		}
		free(rel);
		free(name);
	}
	if (m->npages > 1)
		qsort(m->pages, m->npages, sizeof(*m->pages), cmp_page);
	free_strv(names);
	free(dir);
}

int
model_load_calendar(struct model *m, const char *content_dir)
{
	struct stat st;
	if (stat(content_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag(DIAG_ERROR, NULL, 0, 0, "content folder '%s' cannot be read: %s", content_dir,
		     stat(content_dir, &st) != 0 ? strerror(errno) : "not a folder");
		return -1;
	}
	m->content_dir = xstrdup(content_dir);
	struct loader L = {m, {m->content_dir, NULL, m, NULL}};
	load_calendars(&L);
	return 0;
}

int
model_load(struct model *m, const char *content_dir)
{
	struct stat st;
	if (stat(content_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag(DIAG_ERROR, NULL, 0, 0, "content folder '%s' cannot be read: %s", content_dir,
		     stat(content_dir, &st) != 0 ? strerror(errno) : "not a folder");
		return -1;
	}
	m->content_dir = xstrdup(content_dir);
	m->content_real = realpath(content_dir, NULL);
	m->files = markdown_files_new();
	struct loader L = {m, {m->content_dir, m->content_real, m, m->files}};
	load_site(&L);
	if (after_site)
		after_site(m, after_site_arg);
	load_calendars(&L);
	load_campaigns(&L);
	load_pages(&L);
	markdown_images_done(m);
	model_index(m);
	return 0;
}

/* The body, with the problems of reading it reported when report_read is
 * set and those of its text when report_text is. */
static cmark_node *
read_body(const struct model *m, struct document *d, bool report_read, bool report_text)
{
	struct buf b = {0};
	if (!report_read)
		diag_mute(true);
	cmark_node *root = NULL;
	/* The same bytes as the loader's, which it checked (encoding, NUL):
	 * the hash proves them. */
	char *path = display_path(m, d->path);
	int rc = read_file_max(path, &b, CONTENT_MARKDOWN_MAX) == 0 ? 0 : errno == ENOENT ? 1 : -1;
	free(path);
	if (rc == 0 && b.len >= 3 && memcmp(b.p, "\xEF\xBB\xBF", 3) == 0) {
		memmove(b.p, b.p + 3, b.len - 3 + 1);
		b.len -= 3;
	}
	if (rc == 0)
		normalize_line_ends(&b);
	if (rc == -1) {
		diag(DIAG_ERROR, d->file, 0, 0, "cannot read: %s", strerror(errno));
	} else if (rc == 0 && (b.len != d->text_len || !hash_eq(hash_bytes(b.p, b.len), d->text_hash))) {
		diag(DIAG_ERROR, d->file, 0, 0, "the file changed while it was being published: build again");
	} else if (rc == 0) {
		struct markdown_ctx ctx = {m->content_dir, m->content_real, NULL, m->files};
		if (report_read && !report_text)
			diag_mute(true);
		root = markdown_parse_body(&ctx, d, b.p, b.len);
		if (report_read && !report_text)
			diag_mute(false);
	} else if (rc == 1) {
		diag(DIAG_ERROR, d->file, 0, 0, "the file disappeared while it was being published: build again");
	}
	if (!report_read)
		diag_mute(false);
	buf_free(&b);
	return root;
}

cmark_node *
document_body(const struct model *m, struct document *d, bool report)
{
	return read_body(m, d, report, report);
}

cmark_node *
document_body_again(const struct model *m, struct document *d)
{
	return read_body(m, d, true, false);
}
