#define _GNU_SOURCE
#include "pdf_font.h"

#include <errno.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../util.h"
#include "pdf_deflate.h"
#include "pdf_haru.h"
#include "pdf_sfnt.h"

/* True when one of the families fontconfig lists for a match is the one
 * asked for: fontconfig always returns some face, often another family. */
static bool
has_family(FcPattern *p, const char *family)
{
	FcChar8 *s;
	for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &s) == FcResultMatch; i++)
		if (strcasecmp((const char *)s, family) == 0)
			return true;
	return false;
}

static int
face_load(struct pdf_face *f, char **err)
{
	f->blob = hb_blob_create_from_file_or_fail(f->file);
	if (f->blob == NULL) {
		*err = xasprintf("cannot read the font file %s", f->file);
		return -1;
	}
	f->face = hb_face_create(f->blob, (unsigned)f->index);
	hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
	unsigned glyf_len = hb_blob_get_length(glyf);
	hb_blob_destroy(glyf);
	if (glyf_len == 0) {
		*err = xasprintf("font family '%s' (%s) has no TrueType outlines; the PDF library loads only TrueType "
		                 "faces (not CFF/OpenType ones such as Noto CJK)",
		                 f->family, f->file);
		return -1;
	}
	f->font = hb_font_create(f->face);
	f->upem = hb_face_get_upem(f->face);
	if (f->upem == 0)
		f->upem = 1000;
	hb_font_extents_t ext;
	hb_font_get_h_extents(f->font, &ext);
	f->ascender = (int)((long)ext.ascender * 1000 / (long)f->upem);
	f->descender = (int)((long)ext.descender * 1000 / (long)f->upem);
	return 0;
}

static void
face_free(struct pdf_face *f)
{
	if (f == NULL)
		return;
	free(f->bmp);
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->family);
	free(f->file);
	free(f);
}

int
pdf_fonts_open(struct pdf_fonts *fs, const char *family, char **err)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcasecmp(fs->faces[i]->family, family) == 0)
			return (int)i;
	if (fs->config == NULL) {
		fs->config = FcInitLoadConfigAndFonts();
		if (fs->config == NULL) {
			*err = xstrdup("cannot load the fontconfig configuration");
			return -1;
		}
	}
	FcPattern *pat = FcPatternCreate();
	if (pat == NULL || !FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family)) {
		*err = xstrdup("out of memory in fontconfig");
		if (pat)
			FcPatternDestroy(pat);
		return -1;
	}
	FcConfigSubstitute(fs->config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res = FcResultNoMatch;
	FcPattern *match = FcFontMatch(fs->config, pat, &res);
	FcPatternDestroy(pat);
	FcChar8 *file = NULL;
	int index = 0;
	if (match == NULL || res != FcResultMatch || !has_family(match, family) ||
	    FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) {
		*err = xasprintf("fontconfig finds no font of the family '%s' (fc-list lists the installed ones)", family);
		if (match)
			FcPatternDestroy(match);
		return -1;
	}
	if (FcPatternGetInteger(match, FC_INDEX, 0, &index) != FcResultMatch)
		index = 0;
	struct pdf_face *f = xcalloc(1, sizeof(*f));
	f->family = xstrdup(family);
	f->file = xstrdup((const char *)file);
	f->index = index;
	FcPatternDestroy(match);
	if (face_load(f, err) != 0) {
		face_free(f);
		return -1;
	}
	fs->faces = xrealloc(fs->faces, (fs->n + 1) * sizeof(*fs->faces));
	fs->faces[fs->n] = f;
	return (int)fs->n++;
}

void
pdf_fonts_free(struct pdf_fonts *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		face_free(fs->faces[i]);
	free(fs->faces);
	if (fs->config)
		FcConfigDestroy(fs->config);
	memset(fs, 0, sizeof(*fs));
}

/* The width of cp in 1/1000 em, or PDF_FACE_MISSING when the face has no
 * glyph for it (a width of 0 for an unmapped character that still maps to
 * glyph 0 is kept apart by the sign). */
static int32_t
face_lookup(const struct pdf_face *f, uint32_t cp)
{
	hb_codepoint_t gid;
	bool mapped = hb_font_get_nominal_glyph(f->font, cp, &gid);
	if (!mapped)
		return PDF_FACE_MISSING;
	hb_position_t adv = hb_font_get_glyph_h_advance(f->font, gid);
	int32_t w = adv <= 0 ? 0 : (int32_t)((unsigned long)adv * 1000 / f->upem);
	return gid == 0 ? -2 - w : w;
}

static int32_t
face_answer(const struct pdf_face *f, uint32_t cp)
{
	if (cp > 0xFFFF)
		return face_lookup(f, cp);
	int32_t *bmp = f->bmp;
	if (bmp == NULL) {
		bmp = xmalloc(0x10000 * sizeof(*bmp));
		for (size_t i = 0; i < 0x10000; i++)
			bmp[i] = PDF_FACE_UNKNOWN;
		((struct pdf_face *)f)->bmp = bmp;
	}
	if (bmp[cp] == PDF_FACE_UNKNOWN)
		bmp[cp] = face_lookup(f, cp);
	return bmp[cp];
}

bool
pdf_face_covers(const struct pdf_face *f, uint32_t cp)
{
	return face_answer(f, cp) >= 0;
}

int
pdf_face_width(const struct pdf_face *f, uint32_t cp)
{
	int32_t a = face_answer(f, cp);
	if (a == PDF_FACE_MISSING)
		return 0;
	return a >= 0 ? a : -2 - a;
}

int
pdf_chain_pick(const struct pdf_fonts *fs, const struct pdf_chain *c, uint32_t cp)
{
	if (cp > 0xFFFF)
		return -1;
	for (size_t i = 0; i < c->n; i++)
		if (pdf_face_covers(fs->faces[c->ids[i]], cp))
			return c->ids[i];
	return -1;
}

char *
pdf_chain_names(const struct pdf_fonts *fs, const struct pdf_chain *c)
{
	struct buf b = {0};
	for (size_t i = 0; i < c->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", fs->faces[c->ids[i]]->family);
	return buf_steal(&b);
}

void
pdf_doc_fonts_init(struct pdf_doc_fonts *d, const struct pdf_fonts *fs)
{
	memset(d, 0, sizeof(*d));
	d->fs = fs;
	d->used = xcalloc(fs->n ? fs->n : 1, sizeof(*d->used));
	d->large = xcalloc(fs->n ? fs->n : 1, sizeof(*d->large));
	d->code = xcalloc(fs->n ? fs->n : 1, sizeof(*d->code));
	d->font = xcalloc(fs->n ? fs->n : 1, sizeof(*d->font));
	d->shown = xcalloc(fs->n ? fs->n : 1, sizeof(*d->shown));
}

unsigned char *
pdf_doc_fonts_shown(const struct pdf_doc_fonts *d, int face)
{
	if (d->shown[face] == NULL)
		d->shown[face] = xcalloc(2 * 65536 / 8, 1);
	return d->shown[face];
}

void
pdf_doc_fonts_use(struct pdf_doc_fonts *d, int face, uint32_t cp)
{
	pdf_doc_fonts_use_at(d, face, cp, HUGE_VAL);
}

void
pdf_doc_fonts_use_at(struct pdf_doc_fonts *d, int face, uint32_t cp, double size)
{
	if (d->used[face] == NULL)
		d->used[face] = hb_set_create();
	hb_set_add(d->used[face], cp);
	/* 36 points at 1,024 units per em */
	if (size > d->fs->faces[face]->upem * (36.0 / 1024)) {
		if (d->large[face] == NULL)
			d->large[face] = hb_set_create();
		hb_set_add(d->large[face], cp);
	}
}

void
pdf_doc_fonts_free(struct pdf_doc_fonts *d)
{
	for (size_t i = 0; d->fs && i < d->fs->n; i++) {
		hb_set_destroy(d->used[i]);
		hb_set_destroy(d->large[i]);
		hb_map_destroy(d->code[i]);
		free(d->shown[i]);
	}
	free(d->shown);
	free(d->used);
	free(d->large);
	free(d->code);
	free(d->font);
	memset(d, 0, sizeof(*d));
}

uint32_t
pdf_doc_fonts_code(const struct pdf_doc_fonts *d, int face, uint32_t cp)
{
	if (d->code[face] == NULL || !hb_map_has(d->code[face], cp))
		return 0;
	return hb_map_get(d->code[face], cp);
}

static int
cmp_pair(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

void
pdf_codes_sort(uint32_t *codes, uint32_t *cps, size_t n)
{
	uint32_t(*pairs)[2] = xcalloc(n ? n : 1, sizeof(*pairs));
	for (size_t i = 0; i < n; i++) {
		pairs[i][0] = codes[i];
		pairs[i][1] = cps[i];
	}
	qsort(pairs, n, sizeof(*pairs), cmp_pair);
	for (size_t i = 0; i < n; i++) {
		codes[i] = pairs[i][0];
		cps[i] = pairs[i][1];
	}
	free(pairs);
}

/* Appends "<XXXX>". */
static void
hex4(struct buf *out, uint32_t v)
{
	static const char digits[] = "0123456789ABCDEF";
	char c[6] = {'<', digits[v >> 12 & 15], digits[v >> 8 & 15], digits[v >> 4 & 15], digits[v & 15], '>'};
	buf_add(out, c, sizeof(c));
}

/* A run of consecutive codes: [first, first + n) of the pairs. */
struct cmap_run {
	size_t first, n;
};

/* Writes runs in blocks of at most 100, as the CMap format requires: a
 * single code as bfchar, a run as bfrange, its characters as one start
 * when they are consecutive too, else as an array. */
static void
cmap_blocks(struct buf *out, const char *kind, const struct cmap_run *r, size_t n, const uint32_t *codes,
            const uint32_t *cps)
{
	for (size_t i = 0; i < n; i += 100) {
		size_t k = n - i < 100 ? n - i : 100;
		buf_printf(out, "%zu begin%s\n", k, kind);
		for (size_t j = i; j < i + k; j++) {
			size_t a = r[j].first, m = r[j].n;
			hex4(out, codes[a]);
			if (m > 1) {
				buf_putc(out, ' ');
				hex4(out, codes[a + m - 1]);
			}
			buf_putc(out, ' ');
			bool consecutive = true;
			for (size_t q = a + 1; q < a + m && consecutive; q++)
				consecutive = cps[q] == cps[q - 1] + 1;
			if (consecutive) {
				hex4(out, cps[a]);
			} else {
				buf_putc(out, '[');
				for (size_t q = a; q < a + m; q++)
					hex4(out, cps[q]);
				buf_putc(out, ']');
			}
			buf_putc(out, '\n');
		}
		buf_printf(out, "end%s\n", kind);
	}
}

char *
pdf_tounicode_cmap(const uint32_t *codes, const uint32_t *cps, size_t n)
{
	struct cmap_run *ranges = xcalloc(n ? n : 1, sizeof(*ranges));
	struct cmap_run *singles = xcalloc(n ? n : 1, sizeof(*singles));
	size_t nranges = 0, nsingles = 0;
	/* A bfrange may not cross a change of the code's first byte. */
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && codes[j] == codes[j - 1] + 1 && (codes[j] >> 8) == (codes[i] >> 8))
			j++;
		if (j - i > 1)
			ranges[nranges++] = (struct cmap_run){i, j - i};
		else
			singles[nsingles++] = (struct cmap_run){i, 1};
		i = j;
	}
	struct buf out = {0};
	buf_puts(&out, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	               "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	               "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	cmap_blocks(&out, "bfrange", ranges, nranges, codes, cps);
	cmap_blocks(&out, "bfchar", singles, nsingles, codes, cps);
	buf_puts(&out, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	free(ranges);
	free(singles);
	return buf_steal(&out);
}

/* Hands a font file to libharu, which reads only files: an anonymous memory
 * file where there is one, else a temporary file removed at once (libharu
 * keeps it open until the document is freed). Returns the font's name in
 * the document, or NULL. */
static const char *
load_ttf(HPDF_Doc pdf, const char *data, size_t len, char **err)
{
	char path[64];
	char tmpl[4096];
	int fd = memfd_create("qbpress-font", MFD_CLOEXEC);
	bool temp = false;
	if (fd >= 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	} else {
		const char *dir = getenv("TMPDIR");
		snprintf(tmpl, sizeof(tmpl), "%s/qbpress-font-XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkstemp(tmpl);
		temp = true;
	}
	if (fd < 0) {
		*err = xasprintf("cannot create a temporary font file: %s", strerror(errno));
		return NULL;
	}
	const char *name = NULL;
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			*err = xasprintf("cannot write a temporary font file: %s", strerror(errno));
			break;
		}
		off += (size_t)w;
	}
	if (off == len) {
		name = HPDF_LoadTTFontFromFile(pdf, temp ? tmpl : path, HPDF_TRUE);
		if (name == NULL)
			*err = xasprintf("the PDF library cannot load a font subset (error %#lx)",
			                 (unsigned long)HPDF_GetError(pdf));
	}
	if (temp)
		unlink(tmpl);
	close(fd);
	return name;
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* A 'cmap' table with one format 4 subtable (Windows, Unicode BMP) that
 * maps the codes base … base + nglyphs - 2 to the glyphs 1 … nglyphs - 1. */
static hb_blob_t *
code_cmap(unsigned base, unsigned nglyphs)
{
	enum { HEAD = 12, SUB = 16 + 4 * 2 * 4 };
	unsigned char *t = xcalloc(1, HEAD + SUB);
	put16(t + 2, 1);           /* one encoding record */
	put16(t + 4, 3);           /* Windows */
	put16(t + 6, 1);           /* Unicode BMP */
	t[11] = HEAD;              /* its offset */
	unsigned char *s = t + HEAD;
	put16(s + 0, 4);           /* format */
	put16(s + 2, SUB);         /* length */
	put16(s + 6, 4);           /* segCountX2: one segment and the end */
	put16(s + 8, 4);           /* searchRange */
	put16(s + 10, 1);          /* entrySelector */
	put16(s + 12, 0);          /* rangeShift */
	put16(s + 14, base + nglyphs - 2);
	put16(s + 16, 0xFFFF);
	put16(s + 20, base);       /* after reservedPad */
	put16(s + 22, 0xFFFF);
	put16(s + 24, (1u - base) & 0xFFFF);
	put16(s + 26, 1);
	return hb_blob_create((const char *)t, HEAD + SUB, HB_MEMORY_MODE_WRITABLE, t, free);
}

/* The font program libharu is given: the subset with the cmap above and,
 * when it has none, a 'prep' table. libharu writes 13 tables of a TrueType
 * face, empty ones for those it lacks, and fails to save a document when
 * the last of them, 'prep', is empty and the tables before it fill exactly
 * a multiple of its 4 KB buffers; this 'prep' (PUSHB 0, POP) does nothing.
 * Caller destroys the blob. */
static hb_blob_t *
font_program(hb_face_t *sub, unsigned base, unsigned nglyphs)
{
	hb_blob_t *blob = hb_face_reference_blob(sub);
	hb_face_t *parsed = hb_face_create(blob, 0);
	hb_face_t *builder = hb_face_builder_create();
	hb_tag_t tags[64];
	unsigned start = 0, n;
	bool has_prep = false;
	do {
		n = sizeof(tags) / sizeof(tags[0]);
		n = hb_face_get_table_tags(parsed, start, &n, tags) ? n : 0;
		for (unsigned i = 0; i < n; i++) {
			if (tags[i] == HB_TAG('c', 'm', 'a', 'p'))
				continue;
			has_prep |= tags[i] == HB_TAG('p', 'r', 'e', 'p');
			hb_blob_t *t = hb_face_reference_table(parsed, tags[i]);
			hb_face_builder_add_table(builder, tags[i], t);
			hb_blob_destroy(t);
		}
		start += n;
	} while (n == sizeof(tags) / sizeof(tags[0]));
	hb_blob_t *cmap = code_cmap(base, nglyphs);
	hb_face_builder_add_table(builder, HB_TAG('c', 'm', 'a', 'p'), cmap);
	hb_blob_destroy(cmap);
	if (!has_prep) {
		static const char program[] = {(char)0xB0, 0x00, 0x21};
		hb_blob_t *p = hb_blob_create(program, sizeof(program), HB_MEMORY_MODE_READONLY, NULL, NULL);
		hb_face_builder_add_table(builder, HB_TAG('p', 'r', 'e', 'p'), p);
		hb_blob_destroy(p);
	}
	hb_blob_t *out = hb_face_reference_blob(builder);
	hb_face_destroy(builder);
	hb_face_destroy(parsed);
	hb_blob_destroy(blob);
	return out;
}

/* The CIDToGIDMap of a font whose codes are its glyph numbers: the
 * identity, for the codes up to the last glyph (libharu writes one for all
 * 65,536 codes). */
static int
cut_glyph_map(HPDF_Font font, unsigned nglyphs, char **err)
{
	unsigned char *m = xmalloc(2 * (size_t)nglyphs);
	for (unsigned g = 0; g < nglyphs; g++)
		put16(m + 2 * g, g);
	int rc = pdf_haru_set_glyph_map(font, m, 2 * (size_t)nglyphs, err);
	free(m);
	return rc;
}

/* The ToUnicode map from each code to its character. */
static int
fix_tounicode(HPDF_Font font, const uint32_t *codes, const uint32_t *cps, size_t n, char **err)
{
	char *cmap = pdf_tounicode_cmap(codes, cps, n);
	int rc = pdf_haru_set_tounicode(font, cmap, err);
	free(cmap);
	return rc;
}

/* Subsets one face to the document's characters and loads it. Each glyph
 * is drawn with its glyph number as its code, so that the subset's cmap is
 * a single range: libharu looks every one of the 65,536 codes of its UTF-8
 * encoder up in a face's cmap, one range after the other, and with a range
 * per run of characters that cost more than the rest of a certificate. The
 * ToUnicode map turns the codes back into the text, and the glyph map,
 * which libharu writes for all 65,536 codes, is cut to the codes used. */
static int
embed_face(struct pdf_doc_fonts *d, size_t i, HPDF_Doc pdf, char **err)
{
	const struct pdf_face *f = d->fs->faces[i];
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (in == NULL) {
		*err = xstrdup("out of memory while subsetting a font");
		return -1;
	}
	hb_set_union(hb_subset_input_unicode_set(in), d->used[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	hb_face_t *sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL) {
		*err = xasprintf("cannot subset the font '%s' (%s)", f->family, f->file);
		return -1;
	}
	unsigned nglyphs = hb_face_get_glyph_count(sub);
	const unsigned base = 1;
	if (nglyphs < 2 || nglyphs > 0xD800) {
		*err = xasprintf("a subset of '%s' has %u glyphs: too many for one font of a document", f->family, nglyphs);
		hb_face_destroy(sub);
		return -1;
	}
	size_t n = hb_set_get_population(d->used[i]);
	uint32_t *cps = xcalloc(n, sizeof(*cps)), *codes = xcalloc(n, sizeof(*codes));
	hb_font_t *sf = hb_font_create(sub);
	d->code[i] = hb_map_create();
	size_t k = 0;
	int rc = 0;
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(d->used[i], &cp) && k < n;) {
		hb_codepoint_t gid = 0;
		if (!hb_font_get_nominal_glyph(sf, cp, &gid) || gid == 0) {
			*err = xasprintf("the subset of '%s' lost U+%04X", f->family, (unsigned)cp);
			rc = -1;
			break;
		}
		cps[k] = cp;
		codes[k] = base + gid - 1;
		hb_map_set(d->code[i], cp, codes[k]);
		k++;
	}
	hb_font_destroy(sf);
	pdf_codes_sort(codes, cps, k);
	if (rc == 0) {
		hb_blob_t *blob = font_program(sub, base, nglyphs);
		unsigned len = 0;
		const char *data = hb_blob_get_data(blob, &len);
		const char *name = load_ttf(pdf, data, len, err);
		hb_blob_destroy(blob);
		HPDF_Font font = name ? pdf_haru_get_font(pdf, name, nglyphs) : NULL;
		if (name && font == NULL)
			*err = xasprintf("the PDF library cannot use the font '%s' (error %#lx)", f->family,
			                 (unsigned long)HPDF_GetError(pdf));
		if (font == NULL || fix_tounicode(font, codes, cps, k, err) != 0 ||
		    cut_glyph_map(font, nglyphs, err) != 0)
			rc = -1;
		else
			d->font[i] = font;
	}
	hb_face_destroy(sub);
	free(cps);
	free(codes);
	return rc;
}

int
pdf_doc_fonts_embed(struct pdf_doc_fonts *d, HPDF_Doc pdf, char **err)
{
	for (size_t i = 0; i < d->fs->n; i++)
		if (d->used[i] != NULL && d->font[i] == NULL && embed_face(d, i, pdf, err) != 0)
			return -1;
	return 0;
}

/* "ARPLUKaiCN": a PostScript name of the face, letters, digits and '-'. */
static void
ps_name(const struct pdf_face *f, struct buf *out)
{
	char name[128];
	unsigned len = sizeof(name);
	if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name) == 0)
		name[0] = '\0';
	for (const char *p = name; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')
			buf_putc(out, *p);
	if (out->len == 0)
		buf_puts(out, "Font");
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The width most glyphs have, for /DW. */
static int
common_width(const int *w, size_t n)
{
	int *s = xmalloc((n ? n : 1) * sizeof(*s));
	memcpy(s, w, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_int);
	int best = 1000;
	size_t best_n = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && s[j] == s[i])
			j++;
		if (j - i > best_n) {
			best_n = j - i;
			best = s[i];
		}
		i = j;
	}
	free(s);
	return best;
}

static int
embed_own(struct pdf_doc_fonts *d, size_t i, HPDF_Doc pdf, struct pdf_sfnt **sfnt, char **err)
{
	const struct pdf_face *f = d->fs->faces[i];
	if (sfnt[i] == NULL && (sfnt[i] = pdf_sfnt_new(f->face, err)) == NULL)
		return -1;
	hb_set_t *glyphs = hb_set_create(), *coarse = hb_set_create(), *fine = hb_set_create();
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(d->used[i], &cp);) {
		hb_codepoint_t gid = 0;
		if (hb_font_get_nominal_glyph(f->font, cp, &gid)) {
			hb_set_add(glyphs, gid);
			hb_set_add(d->large[i] && hb_set_has(d->large[i], cp) ? fine : coarse, gid);
		}
	}
	hb_set_subtract(coarse, fine); /* a glyph of two code points */
	struct buf prog = {0}, name = {0};
	size_t raw_len = 0;
	int rc = pdf_sfnt_program(sfnt[i], glyphs, coarse, &prog, &raw_len, err);
	hb_set_destroy(coarse);
	hb_set_destroy(fine);
	unsigned n = hb_set_get_population(glyphs);
	hb_map_t *rank = hb_map_create(); /* glyph -> its number in the program */
	int *widths = xmalloc((n ? n : 1) * sizeof(*widths));
	uint32_t tag = 2166136261u; /* FNV-1a of the glyphs: the subset's tag */
	unsigned k = 0;
	for (hb_codepoint_t gid = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &gid) && k < n; k++) {
		hb_map_set(rank, gid, k);
		hb_position_t adv = hb_font_get_glyph_h_advance(f->font, gid);
		widths[k] = adv <= 0 ? 0 : (int)((unsigned long)adv * 1000 / f->upem);
		for (int b = 0; b < 4; b++)
			tag = (tag ^ ((gid >> (8 * b)) & 0xFF)) * 16777619u;
	}
	size_t ncp = hb_set_get_population(d->used[i]);
	uint32_t *cps = xcalloc(ncp ? ncp : 1, sizeof(*cps)), *codes = xcalloc(ncp ? ncp : 1, sizeof(*codes));
	size_t m = 0;
	d->code[i] = hb_map_create();
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; rc == 0 && hb_set_next(d->used[i], &cp) && m < ncp;) {
		hb_codepoint_t gid = 0;
		hb_font_get_nominal_glyph(f->font, cp, &gid);
		if (gid == 0 || !hb_map_has(rank, gid)) {
			*err = xasprintf("the font '%s' has no glyph for U+%04X", f->family, (unsigned)cp);
			rc = -1;
			break;
		}
		unsigned lo = hb_map_get(rank, gid);
		cps[m] = cp;
		codes[m] = lo;
		hb_map_set(d->code[i], cp, lo);
		m++;
	}
	if (rc == 0) {
		pdf_codes_sort(codes, cps, m);
		char *cmap = pdf_tounicode_cmap(codes, cps, m);
		struct buf z = {0};
		pdf_deflate(&z, cmap, strlen(cmap));
		for (int b = 0; b < 6; b++, tag /= 26)
			buf_putc(&name, (char)('A' + tag % 26));
		buf_putc(&name, '+');
		ps_name(f, &name);
		int box[4];
		pdf_sfnt_bbox(sfnt[i], box);
		size_t program_len = prog.len, tounicode_len = z.len;
		struct pdf_haru_cidfont cf = {
		    .name = name.p,
		    .program = (unsigned char *)buf_steal(&prog),
		    .program_len = program_len,
		    .raw_len = raw_len,
		    .tounicode = (unsigned char *)buf_steal(&z),
		    .tounicode_len = tounicode_len,
		    .widths = widths,
		    .nwidths = n,
		    .default_width = common_width(widths, n),
		    .ascent = f->ascender,
		    .descent = f->descender,
		    .flags = 32,
		};
		for (int b = 0; b < 4; b++)
			cf.bbox[b] = (int)((long)box[b] * 1000 / (long)f->upem);
		if ((d->font[i] = pdf_haru_cid_font(pdf, &cf)) == NULL) {
			*err = xasprintf("the PDF library cannot make the font '%s' (error %#lx)", f->family,
			                 (unsigned long)HPDF_GetError(pdf));
			rc = -1;
		}
		free(cmap);
	}
	free(cps);
	free(codes);
	hb_map_destroy(rank);
	free(widths);
	buf_free(&prog);
	buf_free(&name);
	hb_set_destroy(glyphs);
	return rc;
}

int
pdf_doc_fonts_embed_own(struct pdf_doc_fonts *d, HPDF_Doc pdf, struct pdf_sfnt **sfnt, char **err)
{
	for (size_t i = 0; i < d->fs->n; i++)
		if (d->used[i] != NULL && d->font[i] == NULL && embed_own(d, i, pdf, sfnt, err) != 0)
			return -1;
	return 0;
}

HPDF_STATUS
pdf_show_text(HPDF_Page page, const char *s, size_t len)
{
	char small[256];
	char *p = len < sizeof(small) ? small : xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	HPDF_STATUS st = HPDF_Page_ShowText(page, p);
	if (p != small)
		free(p);
	return st;
}

int
pdf_save(HPDF_Doc pdf, struct buf *out)
{
	return pdf_haru_save(pdf, out);
}
