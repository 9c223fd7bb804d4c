/* Checks of a typeset compendium, from poppler's view of it.
 *
 *   book_check lines BBOX.html
 *       every line of `pdftotext -bbox-layout`: none starts with a
 *       character that may not start a line, none ends with one that may
 *       not end a line (clreq's lists, written out here on their own)
 *   book_check area BBOX.html PW PH TOP BOTTOM INSIDE OUTSIDE EM ALLOWED
 *       every word of every page but the first (the cover) inside the type
 *       area (page size and margins in points, the type area narrowed to a
 *       whole number of EM as the book does); above and below it only the
 *       lines listed in the file ALLOWED (running heads) and folios "— N —"
 *   book_check text MODEL.xml YEAR TEXT
 *       every paragraph of every published narrative of YEAR (from `qbpress
 *       model`), in the book's order (focus area, then records.yaml), is in
 *       TEXT (`pdftotext -raw`) in that order, whitespace aside; lines of
 *       running heads (ALLOWED lines in TEXT.allowed), folios and footnotes
 *       are taken out of TEXT first, and a footnote's number may follow a
 *       link's text
 *   book_check headings MODEL.xml YEAR BBOX.html ALLOWED
 *       no heading of YEAR's narratives stands at the foot of a page: at
 *       least two lines of text follow it on its page (running heads,
 *       folios and footnotes aside)
 *   book_check breaks MODEL.xml YEAR BBOX.html ALLOWED
 *       no paragraph of YEAR's narratives that crosses a page leaves a
 *       single line at the foot of the one page or the top of the next:
 *       at least two lines on each side (paragraphs found line for line);
 *       prints how many cross a page
 *   book_check png W H FILE
 *       writes a grey W × H PNG (a gradient; its samples stored, not
 *       compressed), for hostile inputs
 * Each check prints what is wrong, one line each, and exits 1 when anything
 * is. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

static const uint32_t no_start[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300B,
                                    0x300D, 0x300F, 0x3011, 0x2026, 0x2019, 0x201D, 0x00B7, 0xFF5E};
static const uint32_t no_end[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x2018, 0x201C};

static bool
in(uint32_t cp, const uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == cp)
			return true;
	return false;
}

static double
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	double d = v ? atof((const char *)v) : 0;
	xmlFree(v);
	return d;
}

static bool
named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The text of a <line>: its words, without spaces. */
static char *
line_text(xmlNodePtr line)
{
	struct buf b = {0};
	buf_puts(&b, "");
	for (xmlNodePtr w = line->children; w; w = w->next)
		if (named(w, "word")) {
			xmlChar *t = xmlNodeGetContent(w);
			buf_puts(&b, (const char *)t);
			xmlFree(t);
		}
	return buf_steal(&b);
}

typedef void (*line_fn)(void *arg, int page, xmlNodePtr line, const char *text);

static void
each_line(xmlNodePtr n, int *page, line_fn fn, void *arg)
{
	for (; n; n = n->next) {
		if (named(n, "page"))
			(*page)++;
		if (named(n, "line")) {
			char *t = line_text(n);
			fn(arg, *page, n, t);
			free(t);
			continue;
		}
		each_line(n->children, page, fn, arg);
	}
}

static uint32_t
first_cp(const char *s)
{
	uint32_t cp = 0;
	utf8_decode(s, strlen(s), &cp);
	return cp;
}

static uint32_t
last_cp(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
		n--;
	return n ? first_cp(s + n - 1) : 0;
}

static int bad;

static void
check_line(void *arg, int page, xmlNodePtr line, const char *text)
{
	(void)arg;
	(void)line;
	if (*text == '\0')
		return;
	if (in(first_cp(text), no_start, sizeof(no_start) / sizeof(no_start[0]))) {
		printf("page %d: a line starts with a character that may not start one: %s\n", page, text);
		bad = 1;
	}
	if (in(last_cp(text), no_end, sizeof(no_end) / sizeof(no_end[0]))) {
		printf("page %d: a line ends with a character that may not end one: %s\n", page, text);
		bad = 1;
	}
}

struct area {
	double pw, ph, top, bottom, inside, outside, em;
	char **allowed;
};

static bool
allowed(const struct area *a, const char *text)
{
	for (char **p = a->allowed; p && *p; p++)
		if (strcmp(*p, text) == 0)
			return true;
	/* a folio: "— N —" */
	return str_has_prefix(text, "\xE2\x80\x94") && str_has_suffix(text, "\xE2\x80\x94");
}

static void
check_area(void *arg, int page, xmlNodePtr line, const char *text)
{
	const struct area *a = arg;
	if (page == 1)
		return;
	double tw = floor((a->pw - a->inside - a->outside) / a->em + 1e-9) * a->em;
	double extra = a->pw - a->inside - a->outside - tw;
	double left = (page % 2 ? a->inside : a->outside) + extra / 2, right = left + tw;
	double top = a->top, bottom = a->ph - a->bottom;
	double x0 = attr(line, "xMin"), x1 = attr(line, "xMax"), y0 = attr(line, "yMin"), y1 = attr(line, "yMax");
	/* A full-width stop or comma compressed into the line's end keeps its ink
	 * in its left half: its advance may pass the edge by up to half an em. */
	uint32_t last = last_cp(text);
	double slack = 0.6 + (in(last, no_start, sizeof(no_start) / sizeof(no_start[0])) ? a->em / 2 : 0);
	bool inside = x0 >= left - 0.6 && x1 <= right + slack && y0 >= top - 0.6 && y1 <= bottom + 0.6;
	if (!inside && !((y1 <= top + 0.6 || y0 >= bottom - 0.6) && allowed(a, text))) {
		printf("page %d: outside the type area [%.1f, %.1f] x [%.1f, %.1f]: (%.1f, %.1f)-(%.1f, %.1f) %s\n", page,
		       left, right, top, bottom, x0, y0, x1, y1, text);
		bad = 1;
	}
}

static char **
read_lines(const char *path)
{
	struct buf b = {0};
	if (read_file(path, &b) != 0) {
		fprintf(stderr, "book_check: cannot read %s\n", path);
		exit(2);
	}
	size_t n = 0, cap = 16;
	char **v = xcalloc(cap, sizeof(*v));
	for (char *p = b.p ? b.p : "", *e; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (n + 2 > cap)
			v = xrealloc(v, (cap *= 2) * sizeof(*v));
		v[n++] = xstrndup(p, (size_t)(e - p));
	}
	v[n] = NULL;
	buf_free(&b);
	return v;
}

/* ---- text fidelity ---- */

#define SKIP_DIGITS 0x1 /* in an expected text: a footnote number may stand here */

static void
squeeze_add(struct buf *b, const char *s)
{
	for (size_t off = 0, n = strlen(s); off < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + off, n - off, &cp);
		if (k == 0)
			k = 1;
		bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == '\f' ||
		             (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF;
		if (!space)
			buf_add(b, s + off, k);
		off += k;
	}
}

static bool
external(const char *url)
{
	return url && (str_has_prefix(url, "http://") || str_has_prefix(url, "https://") ||
	               str_has_prefix(url, "mailto:"));
}

/* The expected text of a paragraph node of the model. */
static void
para_text(xmlNodePtr n, struct buf *b)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)c->name;
		if (strcmp(name, "text") == 0 || strcmp(name, "code") == 0) {
			xmlChar *t = xmlNodeGetContent(c);
			squeeze_add(b, (const char *)t);
			xmlFree(t);
		} else if (strcmp(name, "image") == 0) {
			continue;
		} else {
			para_text(c, b);
			if (strcmp(name, "link") == 0) {
				xmlChar *d = xmlGetProp(c, (const xmlChar *)"destination");
				if (external((const char *)d))
					buf_putc(b, SKIP_DIGITS);
				xmlFree(d);
			}
		}
	}
}

static const char *block = "paragraph"; /* what paragraphs() collects */

static void
paragraphs(xmlNodePtr n, char ***out, size_t *nout)
{
	for (; n; n = n->next) {
		if (named(n, block)) {
			struct buf b = {0};
			buf_puts(&b, "");
			para_text(n, &b);
			if (b.len && !(b.len == 1 && b.p[0] == SKIP_DIGITS)) {
				*out = xrealloc(*out, (*nout + 1) * sizeof(**out));
				(*out)[(*nout)++] = buf_steal(&b);
			} else {
				buf_free(&b);
			}
			continue;
		}
		paragraphs(n->children, out, nout);
	}
}

/* Where the expected text e starts in t at or after `from`, or -1. */
static long
find(const char *t, size_t tlen, size_t from, const char *e)
{
	for (size_t s = from; s < tlen; s++) {
		size_t i = s, j = 0;
		while (e[j] && i < tlen) {
			if (e[j] == SKIP_DIGITS) {
				while (i < tlen && t[i] >= '0' && t[i] <= '9')
					i++;
				j++;
			} else if (t[i] == e[j]) {
				i++;
				j++;
			} else {
				break;
			}
		}
		while (e[j] == SKIP_DIGITS)
			j++;
		if (e[j] == '\0')
			return (long)s;
	}
	return -1;
}

/* The texts of the `block` elements of YEAR's published narratives, in the
 * book's order. */
static char **
model_texts(const char *model, const char *year, size_t *count)
{
	xmlDocPtr doc = xmlReadFile(model, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	if (doc == NULL) {
		fprintf(stderr, "book_check: cannot read %s\n", model);
		exit(2);
	}
	static const char *const focus[] = {"tqm", "engineering", "supply-chain", "digital"};
	char **want = NULL;
	size_t nwant = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (int f = 0; f < 4; f++)
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (!named(c, "campaigns") && !named(c, "campaign"))
				continue;
			for (xmlNodePtr camp = named(c, "campaign") ? c : c->children; camp; camp = camp->next) {
				if (!named(camp, "campaign"))
					continue;
				xmlChar *y = xmlGetProp(camp, (const xmlChar *)"year");
				bool ours = y && strcmp((const char *)y, year) == 0;
				xmlFree(y);
				if (!ours)
					continue;
				for (xmlNodePtr rs = camp->children; rs; rs = rs->next)
					for (xmlNodePtr r = named(rs, "record") ? rs : rs->children; r; r = r->next) {
						if (!named(r, "record"))
							continue;
						xmlChar *pub = xmlGetProp(r, (const xmlChar *)"published");
						bool p = pub && strcmp((const char *)pub, "true") == 0;
						xmlFree(pub);
						xmlChar *fk = NULL;
						for (xmlNodePtr k = r->children; k; k = k->next)
							if (named(k, "focus"))
								fk = xmlGetProp(k, (const xmlChar *)"key");
						bool here = fk && strcmp((const char *)fk, focus[f]) == 0;
						xmlFree(fk);
						if (!p || !here)
							continue;
						for (xmlNodePtr k = r->children; k; k = k->next)
							if (named(k, "narrative"))
								paragraphs(k->children, &want, &nwant);
						if (r == rs)
							break;
					}
				if (named(c, "campaign"))
					break;
			}
		}
	xmlFreeDoc(doc);
	*count = nwant;
	return want;
}

static bool
footnote(const char *squeezed)
{
	const char *s = squeezed;
	while (*s >= '0' && *s <= '9')
		s++;
	return s > squeezed && (str_has_prefix(s, "http") || str_has_prefix(s, "mailto:"));
}

static int
check_text(const char *model, const char *year, const char *text_path)
{
	size_t nwant = 0;
	char **want = model_texts(model, year, &nwant);
	/* the book's text without running heads, folios and footnotes */
	char **lines = read_lines(text_path);
	char *apath = xasprintf("%s.allowed", text_path);
	struct area a = {0};
	a.allowed = read_lines(apath);
	free(apath);
	struct buf t = {0};
	buf_puts(&t, "");
	for (char **l = lines; *l; l++) {
		struct buf one = {0};
		buf_puts(&one, "");
		squeeze_add(&one, *l);
		if (!footnote(one.p) && !allowed(&a, one.p))
			buf_puts(&t, one.p);
		buf_free(&one);
	}
	size_t at = 0;
	int rc = 0;
	for (size_t i = 0; i < nwant; i++) {
		long k = find(t.p, t.len, at, want[i]);
		if (k < 0) {
			printf("paragraph %zu of %zu is not in the book after the one before it: %.300s\n", i + 1, nwant,
			       want[i]);
			rc = 1;
			break;
		}
		at = (size_t)k + 1;
	}
	if (rc == 0)
		printf("%zu paragraphs, in order\n", nwant);
	if (nwant == 0)
		rc = 1;
	for (size_t i = 0; i < nwant; i++)
		free(want[i]);
	free(want);
	free_strv(lines);
	free_strv(a.allowed);
	buf_free(&t);
	return rc;
}

/* ---- headings and page breaks ---- */

struct page_lines {
	int *page;
	char **text;
	size_t n;
	const struct area *a;
};

static void
collect_line(void *arg, int page, xmlNodePtr line, const char *text)
{
	(void)line;
	struct page_lines *pl = arg;
	struct buf b = {0};
	buf_puts(&b, "");
	squeeze_add(&b, text);
	if (*b.p == '\0' || footnote(b.p) || allowed(pl->a, b.p)) {
		buf_free(&b);
		return;
	}
	pl->page = xrealloc(pl->page, (pl->n + 1) * sizeof(*pl->page));
	pl->text = xrealloc(pl->text, (pl->n + 1) * sizeof(*pl->text));
	pl->page[pl->n] = page;
	pl->text[pl->n++] = buf_steal(&b);
}

/* The texts of YEAR's `what` elements and the lines of the book's pages
 * (running heads, folios and footnotes aside). Returns 0, or 2 when BBOX
 * cannot be read. */
struct lines_and_texts {
	char **texts;
	size_t ntexts;
	struct area a;
	struct page_lines pl;
};

static int
lines_and_texts(struct lines_and_texts *lt, const char *what, const char *model, const char *year, const char *bbox,
                const char *allowed_path)
{
	memset(lt, 0, sizeof(*lt));
	block = what;
	lt->texts = model_texts(model, year, &lt->ntexts);
	xmlDocPtr doc = xmlReadFile(bbox, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	if (doc == NULL)
		return 2;
	lt->a.allowed = read_lines(allowed_path);
	lt->pl.a = &lt->a;
	int page = 0;
	each_line(xmlDocGetRootElement(doc), &page, collect_line, &lt->pl);
	xmlFreeDoc(doc);
	return 0;
}

static void
lines_and_texts_free(struct lines_and_texts *lt)
{
	for (size_t i = 0; i < lt->pl.n; i++)
		free(lt->pl.text[i]);
	free(lt->pl.text);
	free(lt->pl.page);
	for (size_t i = 0; i < lt->ntexts; i++)
		free(lt->texts[i]);
	free(lt->texts);
	free_strv(lt->a.allowed);
}

static int
check_headings(const char *model, const char *year, const char *bbox, const char *allowed_path)
{
	struct lines_and_texts lt;
	if (lines_and_texts(&lt, "heading", model, year, bbox, allowed_path) != 0)
		return 2;
	size_t nh = lt.ntexts;
	char **heads = lt.texts;
	struct page_lines pl = lt.pl;
	size_t found = 0, from = 0;
	for (size_t h = 0; h < nh; h++)
		for (size_t i = from; i < pl.n; i++) {
			if (strcmp(pl.text[i], heads[h]) != 0)
				continue;
			found++;
			from = i + 1;
			size_t after = 0;
			for (size_t k = i + 1; k < pl.n && pl.page[k] == pl.page[i]; k++)
				after++;
			if (after < 2) {
				printf("page %d: the heading '%s' has %zu lines after it on its page\n", pl.page[i], heads[h], after);
				bad = 1;
			}
			break;
		}
	if (found != nh) {
		printf("%zu of %zu headings found on a line of their own\n", found, nh);
		bad = 1;
	}
	lines_and_texts_free(&lt);
	if (!bad)
		printf("%zu headings, each with two lines or more after it on its page\n", nh);
	return bad;
}

static int
check_breaks(const char *model, const char *year, const char *bbox, const char *allowed_path)
{
	struct lines_and_texts lt;
	if (lines_and_texts(&lt, "paragraph", model, year, bbox, allowed_path) != 0)
		return 2;
	size_t np = lt.ntexts;
	char **paras = lt.texts;
	struct page_lines pl = lt.pl;
	size_t found = 0, crossing = 0, from = 0;
	for (size_t p = 0; p < np; p++) {
		const char *e = paras[p];
		size_t elen = strlen(e);
		if (strchr(e, SKIP_DIGITS))
			continue; /* a footnote's number is in its lines */
		for (size_t i = from; i < pl.n; i++) {
			size_t l = strlen(pl.text[i]);
			if (l == 0 || l > elen || strncmp(e, pl.text[i], l) != 0)
				continue;
			size_t pos = l, k = i + 1;
			while (pos < elen && k < pl.n) {
				size_t m = strlen(pl.text[k]);
				if (m == 0 || pos + m > elen || strncmp(e + pos, pl.text[k], m) != 0)
					break;
				pos += m;
				k++;
			}
			if (pos != elen)
				continue;
			found++;
			from = k;
			if (pl.page[i] != pl.page[k - 1]) {
				crossing++;
				size_t before = 0, after = 0;
				for (size_t j = i; j < k; j++) {
					if (pl.page[j] == pl.page[i])
						before++;
					if (pl.page[j] == pl.page[k - 1])
						after++;
				}
				if (before < 2 || after < 2) {
					printf("page %d: a paragraph leaves %zu line(s) at the foot and %zu at the top of page %d: %.40s\n",
					       pl.page[i], before, after, pl.page[k - 1], e);
					bad = 1;
				}
			}
			break;
		}
	}
	lines_and_texts_free(&lt);
	if (!bad)
		printf("%zu paragraphs cross a page (of %zu found line for line), each with two lines or more on either side\n",
		       crossing, found);
	return bad;
}

/* ---- a PNG of any size ---- */

static unsigned long crc_table[256];

static unsigned long
crc(unsigned long c, const unsigned char *p, size_t n)
{
	if (crc_table[1] == 0)
		for (unsigned long k = 0; k < 256; k++) {
			unsigned long v = k;
			for (int j = 0; j < 8; j++)
				v = v & 1 ? 0xEDB88320UL ^ (v >> 1) : v >> 1;
			crc_table[k] = v;
		}
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c;
}

static void
put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
chunk(FILE *f, const char *type, const unsigned char *data, size_t n)
{
	unsigned char h[8];
	put32(h, n);
	memcpy(h + 4, type, 4);
	fwrite(h, 1, 8, f);
	fwrite(data, 1, n, f);
	unsigned long c = crc(crc(0xFFFFFFFFUL, h + 4, 4), data, n) ^ 0xFFFFFFFFUL;
	put32(h, c);
	fwrite(h, 1, 4, f);
}

static int
write_png(unsigned w, unsigned h, const char *path)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return 2;
	fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
	unsigned char ihdr[13] = {0};
	put32(ihdr, w);
	put32(ihdr + 4, h);
	ihdr[8] = 8; /* bits, grey, deflate, no filter, not interlaced */
	chunk(f, "IHDR", ihdr, 13);
	size_t raw = (size_t)(w + 1) * h, nblocks = (raw + 65534) / 65535;
	size_t zlen = 2 + raw + 5 * nblocks + 4;
	unsigned char *z = xmalloc(zlen), *q = z;
	*q++ = 0x78;
	*q++ = 0x01;
	unsigned long a = 1, b = 0;
	size_t done = 0;
	for (size_t blk = 0; blk < nblocks; blk++) {
		size_t n = raw - done < 65535 ? raw - done : 65535;
		*q++ = blk + 1 == nblocks;
		*q++ = (unsigned char)n;
		*q++ = (unsigned char)(n >> 8);
		*q++ = (unsigned char)~n;
		*q++ = (unsigned char)(~n >> 8);
		for (size_t i = 0; i < n; i++, done++) {
			size_t x = done % (w + 1), y = done / (w + 1);
			unsigned char v = x == 0 ? 0 : (unsigned char)((x + y) * 255 / (w + h));
			*q++ = v;
			a = (a + v) % 65521;
			b = (b + a) % 65521;
		}
	}
	put32(q, b << 16 | a);
	chunk(f, "IDAT", z, zlen);
	chunk(f, "IEND", NULL, 0);
	free(z);
	return fclose(f) == 0 ? 0 : 2;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "png") == 0)
		return write_png((unsigned)atoi(argv[2]), (unsigned)atoi(argv[3]), argv[4]);
	if (argc == 3 && strcmp(argv[1], "lines") == 0) {
		xmlDocPtr doc = xmlReadFile(argv[2], NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
		if (doc == NULL)
			return 2;
		int page = 0;
		each_line(xmlDocGetRootElement(doc), &page, check_line, NULL);
		xmlFreeDoc(doc);
		return bad;
	}
	if (argc == 11 && strcmp(argv[1], "area") == 0) {
		xmlDocPtr doc = xmlReadFile(argv[2], NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
		if (doc == NULL)
			return 2;
		struct area a = {atof(argv[3]), atof(argv[4]), atof(argv[5]), atof(argv[6]),
		                 atof(argv[7]), atof(argv[8]), atof(argv[9]), read_lines(argv[10])};
		int page = 0;
		each_line(xmlDocGetRootElement(doc), &page, check_area, &a);
		free_strv(a.allowed);
		xmlFreeDoc(doc);
		return bad;
	}
	if (argc == 5 && strcmp(argv[1], "text") == 0)
		return check_text(argv[2], argv[3], argv[4]);
	if (argc == 6 && strcmp(argv[1], "headings") == 0)
		return check_headings(argv[2], argv[3], argv[4], argv[5]);
	if (argc == 6 && strcmp(argv[1], "breaks") == 0)
		return check_breaks(argv[2], argv[3], argv[4], argv[5]);
	fprintf(stderr, "usage: book_check lines BBOX | area BBOX PW PH TOP BOTTOM INSIDE OUTSIDE EM ALLOWED | "
	                "text MODEL YEAR TEXT | headings MODEL YEAR BBOX ALLOWED | breaks MODEL YEAR BBOX ALLOWED | png W H FILE\n");
	return 2;
}
