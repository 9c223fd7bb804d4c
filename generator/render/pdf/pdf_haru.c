#define _GNU_SOURCE
#include "pdf_haru.h"
#include <pthread.h>

#include <hpdf_utils.h>
#include <hpdf_version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../utf8.h"
#include "../../util.h"
#include "pdf_font.h"
#include "pdf_sfnt.h"

/* The functions below read and write fields of libharu's structures
 * (HPDF_Dict_Rec, HPDF_Encoder_Rec, HPDF_CMapEncoderAttr_Rec) and rely on
 * how it builds a CID font. Those are libharu 2.3.0's; another version may
 * lay them out differently and must be checked (pdf_haru_selftest) before
 * this guard is widened. */
#if !defined(HPDF_MAJOR_VERSION) || !defined(HPDF_MINOR_VERSION) || !defined(HPDF_BUGFIX_VERSION) || \
    HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "qbpress reaches into libharu's internal structures as they are in libharu 2.3.0 (hpdf_version.h); this libharu is another version: check generator/render/pdf/pdf_haru.c against it and run its self-test before allowing it"
#endif

/* While the font is made, the encoder maps just the codes 1 … nglyphs (one
 * more than the subset's: libharu leaves out the highest) through the plain
 * CMap ToUnicode function: for its UTF-8 encoder libharu builds a font's
 * glyph map and widths from all 65,536 codes, which costs more than the
 * rest of a certificate. Then the encoder is restored, including the first
 * row of its map, where the UTF-8 encoder keeps its parsing state. */
HPDF_Font
pdf_haru_get_font(HPDF_Doc pdf, const char *name, unsigned nglyphs)
{
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	if (enc == NULL || enc->attr == NULL || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || nglyphs > 0xFF00)
		return HPDF_GetFont(pdf, name, "UTF-8");
	HPDF_CMapEncoderAttr a = (HPDF_CMapEncoderAttr)enc->attr;
	size_t cids = sizeof(a->cid_map), unis = sizeof(a->unicode_map);
	unsigned char *saved = xmalloc(cids + unis);
	memcpy(saved, a->cid_map, cids);
	memcpy(saved + cids, a->unicode_map, unis);
	HPDF_Encoder_ToUnicode_Func to_unicode = enc->to_unicode_fn;
	memset(a->cid_map, 0, cids);
	for (unsigned c = 1; c <= nglyphs; c++) {
		a->cid_map[c >> 8][c & 0xFF] = (HPDF_UINT16)c;
		a->unicode_map[c >> 8][c & 0xFF] = (HPDF_UNICODE)c;
	}
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	enc->to_unicode_fn = to_unicode;
	memcpy(a->cid_map, saved, cids);
	memcpy(a->unicode_map, saved + cids, unis);
	free(saved);
	return font;
}

/* libharu writes a "begincidrange" ToUnicode map for its UTF-8 encoder,
 * which readers reject or misread, and for codes that are not the text's
 * code points here. */
int
pdf_haru_set_tounicode(HPDF_Font font, const char *cmap, char **err)
{
	HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (tu == NULL || tu->stream == NULL) {
		*err = xstrdup("the PDF library wrote no ToUnicode map for a font");
		return -1;
	}
	HPDF_MemStream_FreeData(tu->stream);
	HPDF_STATUS st = HPDF_Stream_WriteStr(tu->stream, cmap);
	HPDF_Dict sysinfo = HPDF_Dict_GetItem(tu, "CIDSystemInfo", HPDF_OCLASS_DICT);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(tu, "CMapName", "Adobe-Identity-UCS");
	if (st == HPDF_OK && sysinfo)
		st = HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(tu->mmgr, "UCS", NULL));
	if (st == HPDF_OK)
		HPDF_Dict_RemoveElement(tu, "WMode");
	if (st != HPDF_OK) {
		*err = xasprintf("cannot write a ToUnicode map (error %#lx)", (unsigned long)st);
		return -1;
	}
	return 0;
}

/* The descendant CID font of a Type 0 font, or NULL. */
static HPDF_Dict
cid_font(HPDF_Font font)
{
	HPDF_Array desc = HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY);
	return desc ? HPDF_Array_GetItem(desc, 0, HPDF_OCLASS_DICT) : NULL;
}

int
pdf_haru_set_glyph_map(HPDF_Font font, const unsigned char *map, size_t len, char **err)
{
	HPDF_Dict cid = cid_font(font);
	HPDF_Dict m = cid ? HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
	if (m == NULL || m->stream == NULL) {
		*err = xstrdup("the PDF library wrote no CIDToGIDMap for a font");
		return -1;
	}
	HPDF_MemStream_FreeData(m->stream);
	HPDF_STATUS st = HPDF_Stream_Write(m->stream, map, (HPDF_UINT)len);
	if (st != HPDF_OK) {
		*err = xasprintf("cannot write a CIDToGIDMap (error %#lx)", (unsigned long)st);
		return -1;
	}
	return 0;
}

/* Appends the whole content of a libharu memory stream to out, chunk by
 * chunk (libharu's own reading copies byte by byte). Returns 0, or -1 when
 * it is not a memory stream. */
static int
stream_append(HPDF_Stream s, struct buf *out)
{
	if (s == NULL || s->type != HPDF_STREAM_MEMORY || s->attr == NULL)
		return -1;
	HPDF_MemStreamAttr a = (HPDF_MemStreamAttr)s->attr;
	size_t left = s->size;
	buf_grow(out, left);
	for (HPDF_UINT i = 0; left > 0 && i < a->buf->count; i++) {
		size_t n = left < a->buf_siz ? left : a->buf_siz;
		buf_add(out, HPDF_List_ItemAt(a->buf, i), n);
		left -= n;
	}
	return left == 0 ? 0 : -1;
}

int
pdf_haru_save(HPDF_Doc pdf, struct buf *out)
{
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		return -1;
	return stream_append(pdf->stream, out);
}

/* The whole content of a libharu memory stream; caller frees. */
static unsigned char *
stream_bytes(HPDF_Stream s, size_t *len)
{
	*len = 0;
	struct buf b = {0};
	if (stream_append(s, &b) != 0 || b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return (unsigned char *)b.p;
}

unsigned char *
pdf_haru_image_samples(HPDF_Doc pdf, HPDF_Image im, bool mask, size_t *len)
{
	*len = 0;
	HPDF_Dict src = mask ? HPDF_Dict_GetItem(im, "SMask", HPDF_OCLASS_DICT) : im;
	if (src == NULL || src->stream == NULL)
		return NULL;
	HPDF_Stream dst = HPDF_MemStream_New(pdf->mmgr, 4096);
	if (dst == NULL)
		return NULL;
	unsigned char *p = NULL;
	if (HPDF_Stream_WriteToStream(src->stream, dst, HPDF_STREAM_FILTER_FLATE_DECODE, NULL) == HPDF_OK)
		p = stream_bytes(dst, len);
	HPDF_Stream_Free(dst);
	return p;
}

/* Writes the filter of a stream that libharu copies as it is (it drops a
 * /Filter entry from the dictionary of a stream it does not compress). */
static HPDF_STATUS
write_flate_filter(HPDF_Dict obj, HPDF_Stream out)
{
	(void)obj;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Made as a 1 × 1 image, then given the real size and data. */
HPDF_Image
pdf_haru_image_deflated(HPDF_Doc pdf, unsigned w, unsigned h, HPDF_ColorSpace cs, const unsigned char *data,
                        size_t len)
{
	static const HPDF_BYTE pixel[3] = {0, 0, 0};
	HPDF_Image im = HPDF_LoadRawImageFromMem(pdf, pixel, 1, 1, cs, 8);
	if (im == NULL || im->write_fn != NULL)
		return NULL;
	im->filter = HPDF_STREAM_FILTER_NONE;
	im->write_fn = write_flate_filter;
	HPDF_MemStream_FreeData(im->stream);
	HPDF_STATUS st = HPDF_Stream_Write(im->stream, data, (HPDF_UINT)len);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(im, "Width", w);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(im, "Height", h);
	return st == HPDF_OK ? im : NULL;
}

HPDF_Image
pdf_haru_image_rows(HPDF_Doc pdf, unsigned w, unsigned h, int colors, int depth, const unsigned char *palette,
                    size_t npalette, const unsigned char *z, size_t len)
{
	HPDF_Image im = pdf_haru_image_deflated(pdf, w, h, colors == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, z, len);
	if (im == NULL)
		return NULL;
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_STATUS st = HPDF_Dict_AddNumber(im, "BitsPerComponent", depth);
	if (st == HPDF_OK && palette) {
		HPDF_Array cs = HPDF_Array_New(mm);
		HPDF_Binary table = HPDF_Binary_New(mm, (HPDF_BYTE *)palette, (HPDF_UINT)(3 * npalette));
		if (cs == NULL || table == NULL)
			return NULL;
		st = HPDF_Dict_Add(im, "ColorSpace", cs);
		st += HPDF_Array_AddName(cs, "Indexed");
		st += HPDF_Array_AddName(cs, "DeviceRGB");
		st += HPDF_Array_AddNumber(cs, (HPDF_INT32)npalette - 1);
		st += HPDF_Array_Add(cs, table);
	}
	HPDF_Dict parms = st == HPDF_OK ? HPDF_Dict_New(mm) : NULL;
	if (parms == NULL)
		return NULL;
	st = HPDF_Dict_Add(im, "DecodeParms", parms);
	st += HPDF_Dict_AddNumber(parms, "Predictor", 15);
	st += HPDF_Dict_AddNumber(parms, "Colors", palette ? 1 : colors);
	st += HPDF_Dict_AddNumber(parms, "BitsPerComponent", depth);
	st += HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)w);
	return st == HPDF_OK ? im : NULL;
}

HPDF_Image
pdf_haru_image_mask(HPDF_Image im)
{
	return HPDF_Dict_GetItem(im, "SMask", HPDF_OCLASS_DICT);
}

void
pdf_haru_image_compress_mask(HPDF_Image im)
{
	HPDF_Dict smask = pdf_haru_image_mask(im);
	if (smask)
		smask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
}

/* A read-only libharu stream over bytes of qbpress's own, which it frees
 * with the stream: libharu copies a memory stream byte by byte, several
 * times over while a document is made and saved; this one is read with
 * memcpy. */
struct owned {
	unsigned char *p;
	size_t len, pos;
};

static HPDF_STATUS
owned_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	struct owned *o = s->attr;
	size_t n = o->len - o->pos < *size ? o->len - o->pos : *size;
	memcpy(ptr, o->p + o->pos, n);
	o->pos += n;
	*size = (HPDF_UINT)n;
	return o->pos == o->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS
owned_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct owned *o = s->attr;
	long at = mode == HPDF_SEEK_CUR ? (long)o->pos + pos : mode == HPDF_SEEK_END ? (long)o->len + pos : pos;
	if (at < 0 || (size_t)at > o->len)
		return HPDF_STREAM_EOF;
	o->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32
owned_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct owned *)s->attr)->pos;
}

static HPDF_UINT32
owned_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct owned *)s->attr)->len;
}

static void
owned_free(HPDF_Stream s)
{
	struct owned *o = s->attr;
	if (o)
		free(o->p);
	free(o);
	s->attr = NULL;
}

/* Gives a stream object the bytes p (malloc'd; freed with the stream) in
 * place of its memory stream. */
static HPDF_STATUS
own_bytes(HPDF_Dict d, unsigned char *p, size_t len)
{
	HPDF_Stream s = HPDF_GetMem(d->mmgr, sizeof(HPDF_Stream_Rec));
	if (s == NULL) {
		free(p);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	memset(s, 0, sizeof(*s));
	struct owned *o = xmalloc(sizeof(*o));
	*o = (struct owned){p, len, 0};
	s->sig_bytes = HPDF_STREAM_SIG_BYTES;
	s->type = HPDF_STREAM_CALLBACK;
	s->mmgr = d->mmgr;
	s->error = d->error;
	s->read_fn = owned_read;
	s->seek_fn = owned_seek;
	s->tell_fn = owned_tell;
	s->size_fn = owned_size;
	s->free_fn = owned_free;
	s->attr = o;
	if (d->stream)
		HPDF_Stream_Free(d->stream);
	d->stream = s;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = write_flate_filter;
	return HPDF_OK;
}

/* The content stream of a page, or NULL when it is not of the form
 * libharu 2.3.0 makes. */
static HPDF_Dict
page_contents(HPDF_Page page, char **err)
{
	HPDF_PageAttr attr = page ? (HPDF_PageAttr)page->attr : NULL;
	HPDF_Dict c = attr ? attr->contents : NULL;
	if (c == NULL || c->stream == NULL || c->write_fn != NULL) {
		*err = xstrdup("the PDF library's page has no content stream of the expected form");
		return NULL;
	}
	return c;
}

unsigned char *
pdf_haru_page_operators(HPDF_Page page, size_t *len, char **err)
{
	*len = 0;
	HPDF_Dict c = page_contents(page, err);
	return c ? stream_bytes(c->stream, len) : NULL;
}

int
pdf_haru_page_set_deflated(HPDF_Page page, unsigned char *z, size_t len, char **err)
{
	HPDF_Dict c = page_contents(page, err);
	if (c == NULL) {
		free(z);
		return -1;
	}
	HPDF_STATUS st = own_bytes(c, z, len);
	if (st != HPDF_OK) {
		*err = xasprintf("cannot write a page's content (PDF library %#lx)", (unsigned long)st);
		return -1;
	}
	return 0;
}

/* A page's operators deflated at the fastest level (frees raw): the
 * stream in *zlen bytes, malloc'd, with zlib's result in *zr; NULL when
 * no memory was left for it. */
static unsigned char *
deflate_operators(unsigned char *raw, size_t len, uLongf *zlen, int *zr)
{
	*zlen = compressBound((uLong)len);
	unsigned char *z = malloc(*zlen);
	*zr = z ? compress2(z, zlen, raw, (uLong)len, Z_BEST_SPEED) : Z_MEM_ERROR;
	free(raw);
	return z;
}

/* Sets what deflate_operators gave as the page's stream (takes z). */
static int
set_deflated(HPDF_Page page, unsigned char *z, uLongf zlen, int zr, char **err)
{
	if (zr != Z_OK) {
		*err = xasprintf("cannot deflate a page (zlib %d)", zr);
		free(z);
		return -1;
	}
	return pdf_haru_page_set_deflated(page, z, zlen, err);
}

int
pdf_haru_page_deflate(HPDF_Page page, char **err)
{
	size_t len = 0;
	unsigned char *raw = pdf_haru_page_operators(page, &len, err);
	if (raw == NULL)
		return *err ? -1 : 0; /* an empty page */
	uLongf zlen;
	int zr;
	unsigned char *z = deflate_operators(raw, len, &zlen, &zr);
	if (z == NULL)
		oom();
	return set_deflated(page, z, zlen, zr, err);
}

struct page_deflate {
	HPDF_Page page;
	unsigned char *raw, *z; /* operators to deflate; the result */
	size_t len;
	uLongf zlen;
	int zr; /* zlib's result once deflated */
	bool done;
};

struct pdf_page_deflater {
	pthread_mutex_t lock;
	pthread_cond_t more;
	pthread_t thread;
	struct page_deflate *v;
	size_t n, cap;
	size_t next; /* the next page the thread deflates */
	size_t set;  /* pages whose streams are set */
	bool closing;
};

static void *
deflater_run(void *arg)
{
	struct pdf_page_deflater *d = arg;
	pthread_mutex_lock(&d->lock);
	for (;;) {
		while (d->next == d->n && !d->closing)
			pthread_cond_wait(&d->more, &d->lock);
		if (d->next == d->n)
			break;
		size_t i = d->next;
		unsigned char *raw = d->v[i].raw;
		size_t len = d->v[i].len;
		pthread_mutex_unlock(&d->lock);
		uLongf zlen;
		int zr;
		unsigned char *z = deflate_operators(raw, len, &zlen, &zr);
		pthread_mutex_lock(&d->lock);
		d->v[i].raw = NULL;
		d->v[i].z = z;
		d->v[i].zlen = zlen;
		d->v[i].zr = zr;
		d->v[i].done = true;
		d->next++;
	}
	pthread_mutex_unlock(&d->lock);
	return NULL;
}

struct pdf_page_deflater *
pdf_page_deflater_start(void)
{
	struct pdf_page_deflater *d = xcalloc(1, sizeof(*d));
	if (pthread_mutex_init(&d->lock, NULL) != 0) {
		free(d);
		return NULL;
	}
	if (pthread_cond_init(&d->more, NULL) != 0) {
		pthread_mutex_destroy(&d->lock);
		free(d);
		return NULL;
	}
	if (pthread_create(&d->thread, NULL, deflater_run, d) != 0) {
		pthread_cond_destroy(&d->more);
		pthread_mutex_destroy(&d->lock);
		free(d);
		return NULL;
	}
	return d;
}

/* Sets the streams of the pages deflated so far, in order. */
static int
deflater_collect(struct pdf_page_deflater *d, char **err)
{
	int rc = 0;
	for (;;) {
		pthread_mutex_lock(&d->lock);
		bool ready = d->set < d->n && d->v[d->set].done;
		struct page_deflate p = ready ? d->v[d->set] : (struct page_deflate){0};
		if (ready)
			d->v[d->set].z = NULL;
		pthread_mutex_unlock(&d->lock);
		if (!ready)
			return rc;
		d->set++;
		if (rc != 0)
			free(p.z);
		else
			rc = set_deflated(p.page, p.z, p.zlen, p.zr, err);
	}
}

int
pdf_page_deflater_add(struct pdf_page_deflater *d, HPDF_Page page, char **err)
{
	if (d == NULL)
		return pdf_haru_page_deflate(page, err);
	size_t len = 0;
	unsigned char *raw = pdf_haru_page_operators(page, &len, err);
	if (raw == NULL)
		return *err ? -1 : 0; /* an empty page */
	pthread_mutex_lock(&d->lock);
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	d->v[d->n++] = (struct page_deflate){page, raw, NULL, len, 0, Z_OK, false};
	pthread_cond_signal(&d->more);
	pthread_mutex_unlock(&d->lock);
	return deflater_collect(d, err);
}

int
pdf_page_deflater_finish(struct pdf_page_deflater *d, char **err)
{
	if (d == NULL)
		return 0;
	pthread_mutex_lock(&d->lock);
	d->closing = true;
	pthread_cond_signal(&d->more);
	pthread_mutex_unlock(&d->lock);
	pthread_join(d->thread, NULL);
	int rc = *err ? -1 : deflater_collect(d, err);
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].raw);
		free(d->v[i].z);
	}
	free(d->v);
	pthread_cond_destroy(&d->more);
	pthread_mutex_destroy(&d->lock);
	free(d);
	return rc;
}

HPDF_Dict
pdf_haru_stream_deflated(HPDF_Doc pdf, unsigned char *z, size_t len)
{
	HPDF_Dict d = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (d == NULL || d->stream == NULL || d->write_fn != NULL) {
		free(z);
		return NULL;
	}
	return own_bytes(d, z, len) == HPDF_OK ? d : NULL;
}

/* The /W array: "first [w …]" for each run of CIDs whose widths differ
 * from the default. */
static HPDF_Array
width_array(HPDF_MMgr mmgr, const int *w, size_t n, int dflt)
{
	HPDF_Array a = HPDF_Array_New(mmgr);
	HPDF_STATUS st = a ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
	for (size_t i = 0; i < n && st == HPDF_OK;) {
		if (w[i] == dflt) {
			i++;
			continue;
		}
		HPDF_Array run = HPDF_Array_New(mmgr);
		st = run ? HPDF_Array_AddNumber(a, (HPDF_INT32)i) : HPDF_FAILD_TO_ALLOC_MEM;
		if (st == HPDF_OK)
			st = HPDF_Array_Add(a, run);
		for (; i < n && w[i] != dflt && st == HPDF_OK; i++)
			st = HPDF_Array_AddNumber(run, w[i]);
	}
	return st == HPDF_OK ? a : NULL;
}

HPDF_Font
pdf_haru_cid_font(HPDF_Doc pdf, struct pdf_haru_cidfont *f)
{
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_Dict font = HPDF_Dict_New(mm), cid = HPDF_Dict_New(mm), desc = HPDF_Dict_New(mm), info = HPDF_Dict_New(mm);
	HPDF_Array descendants = HPDF_Array_New(mm), bbox = HPDF_Array_New(mm);
	HPDF_Dict program = pdf_haru_stream_deflated(pdf, f->program, f->program_len);
	HPDF_Dict tounicode = pdf_haru_stream_deflated(pdf, f->tounicode, f->tounicode_len);
	f->program = f->tounicode = NULL;
	HPDF_Array widths = width_array(mm, f->widths, f->nwidths, f->default_width);
	if (!font || !cid || !desc || !info || !descendants || !bbox || !program || !tounicode || !widths)
		return NULL;
	HPDF_STATUS st = HPDF_Xref_Add(pdf->xref, font);
	if (st == HPDF_OK)
		st = HPDF_Xref_Add(pdf->xref, cid);
	if (st == HPDF_OK)
		st = HPDF_Xref_Add(pdf->xref, desc);
	if (st != HPDF_OK)
		return NULL;
	font->header.obj_class |= HPDF_OSUBCLASS_FONT;
	st += HPDF_Dict_AddName(font, "Type", "Font");
	st += HPDF_Dict_AddName(font, "Subtype", "Type0");
	st += HPDF_Dict_AddName(font, "BaseFont", f->name);
	st += HPDF_Dict_AddName(font, "Encoding", "Identity-H");
	st += HPDF_Dict_Add(font, "DescendantFonts", descendants);
	st += HPDF_Array_Add(descendants, cid);
	st += HPDF_Dict_Add(font, "ToUnicode", tounicode);

	st += HPDF_Dict_AddName(cid, "Type", "Font");
	st += HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	st += HPDF_Dict_AddName(cid, "BaseFont", f->name);
	st += HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	st += HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	st += HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	st += HPDF_Dict_AddNumber(info, "Supplement", 0);
	st += HPDF_Dict_Add(cid, "FontDescriptor", desc);
	st += HPDF_Dict_AddNumber(cid, "DW", f->default_width);
	st += HPDF_Dict_Add(cid, "W", widths);
	st += HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");

	st += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	st += HPDF_Dict_AddName(desc, "FontName", f->name);
	st += HPDF_Dict_AddNumber(desc, "Flags", f->flags);
	for (int i = 0; i < 4; i++)
		st += HPDF_Array_AddNumber(bbox, f->bbox[i]);
	st += HPDF_Dict_Add(desc, "FontBBox", bbox);
	st += HPDF_Dict_AddNumber(desc, "ItalicAngle", 0);
	st += HPDF_Dict_AddNumber(desc, "Ascent", f->ascent);
	st += HPDF_Dict_AddNumber(desc, "Descent", f->descent);
	st += HPDF_Dict_AddNumber(desc, "CapHeight", f->ascent);
	st += HPDF_Dict_AddNumber(desc, "StemV", 80);
	st += HPDF_Dict_Add(desc, "FontFile2", program);
	st += HPDF_Dict_AddNumber(program, "Length1", (HPDF_INT32)f->raw_len);
	return st == HPDF_OK ? font : NULL;
}

const char *
pdf_haru_page_font(HPDF_Page page, HPDF_Font font)
{
	return HPDF_Page_GetLocalFontName(page, font);
}

HPDF_STATUS
pdf_haru_page_no_procset(HPDF_Page page)
{
	HPDF_Dict res = page ? HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT) : NULL;
	if (res == NULL)
		return HPDF_INVALID_PAGE;
	return HPDF_Dict_GetItem(res, "ProcSet", HPDF_OCLASS_ARRAY) ? HPDF_Dict_RemoveElement(res, "ProcSet") : HPDF_OK;
}

HPDF_STATUS
pdf_haru_page_write(HPDF_Page page, const char *ops, size_t len)
{
	HPDF_PageAttr attr = page ? (HPDF_PageAttr)page->attr : NULL;
	if (attr == NULL || attr->stream == NULL)
		return HPDF_INVALID_PAGE;
	return HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)ops, (HPDF_UINT)len);
}

/* The document information texts of pdf_haru_info_text(), kept by the
 * information dictionary (its attr) and written by it as literal strings:
 * UTF-16 in bytes, half the length of the hexadecimal strings of
 * libharu's binary objects. */
struct info_texts {
	const char *keys[HPDF_INFO_KEYWORDS + 1];
	struct buf vals[HPDF_INFO_KEYWORDS + 1];
};

static HPDF_STATUS
info_write(HPDF_Dict dict, HPDF_Stream stream)
{
	const struct info_texts *t = dict->attr;
	for (size_t i = 0; t && i <= HPDF_INFO_KEYWORDS; i++) {
		if (t->keys[i] == NULL)
			continue;
		HPDF_STATUS st = HPDF_Stream_WriteChar(stream, '/');
		if (st == HPDF_OK)
			st = HPDF_Stream_WriteStr(stream, t->keys[i]);
		if (st == HPDF_OK)
			st = HPDF_Stream_Write(stream, (const HPDF_BYTE *)t->vals[i].p, (HPDF_UINT)t->vals[i].len);
		if (st != HPDF_OK)
			return st;
	}
	return HPDF_OK;
}

static void
info_free(HPDF_Dict dict)
{
	struct info_texts *t = dict->attr;
	for (size_t i = 0; t && i <= HPDF_INFO_KEYWORDS; i++)
		buf_free(&t->vals[i]);
	free(t);
	dict->attr = NULL;
}

HPDF_STATUS
pdf_haru_info_text(HPDF_Doc pdf, HPDF_InfoType type, const char *utf8)
{
	static const char *const keys[] = {[HPDF_INFO_AUTHOR] = "Author", [HPDF_INFO_CREATOR] = "Creator",
	                                   [HPDF_INFO_TITLE] = "Title",   [HPDF_INFO_SUBJECT] = "Subject",
	                                   [HPDF_INFO_KEYWORDS] = "Keywords"};
	if ((size_t)type >= sizeof(keys) / sizeof(keys[0]) || keys[type] == NULL || pdf->info == NULL)
		return HPDF_INVALID_PARAMETER;
	if (pdf->info->attr == NULL && (pdf->info->write_fn != NULL || pdf->info->free_fn != NULL))
		return HPDF_INVALID_PARAMETER; /* libharu's own use of them */
	if (pdf->info->attr == NULL) {
		pdf->info->attr = xcalloc(1, sizeof(struct info_texts));
		pdf->info->write_fn = info_write;
		pdf->info->free_fn = info_free;
	}
	struct info_texts *t = pdf->info->attr;
	struct buf *b = &t->vals[type];
	b->len = 0;
	buf_puts(b, " (\xFE\xFF");
	size_t len = strlen(utf8);
	for (size_t off = 0; off < len;) {
		uint32_t cp;
		size_t k = utf8_decode_or_replace(utf8 + off, len - off, &cp);
		off += k;
		unsigned units[2] = {cp, 0};
		int nu = 1;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			units[0] = 0xD800 + (cp >> 10);
			units[1] = 0xDC00 + (cp & 0x3FF);
			nu = 2;
		}
		for (int u = 0; u < nu; u++) {
			for (int half = 0; half < 2; half++) {
				unsigned char c = (unsigned char)(half ? units[u] : units[u] >> 8);
				/* the string's delimiters and backslash escaped, and the
				 * ends of lines, which readers would turn into \n */
				if (c == '(' || c == ')' || c == '\\')
					buf_putc(b, '\\');
				if (c == '\r' || c == '\n')
					buf_puts(b, c == '\r' ? "\\r" : "\\n");
				else
					buf_putc(b, (char)c);
			}
		}
	}
	buf_puts(b, ")\012");
	t->keys[type] = keys[type];
	return HPDF_OK;
}

void
pdf_haru_require_version(HPDF_Doc pdf, HPDF_PDFVer v)
{
	if (pdf->pdf_version < v)
		pdf->pdf_version = v;
}

/* ---- the self-test ---- */

/* Characters of every kind the renderers draw: ideographs, Latin letters
 * and digits, full-width punctuation, dashes and ellipses. */
static const uint32_t selftest_cps[] = {0x8D28, 0x91CF, 0x6807, 0x6746, 0x7ECF, 0x9A8C, 0x0051, 0x0062,
                                        0x0039, 0xFF0C, 0x3002, 0x3001, 0x201C, 0x201D, 0x300A, 0x300B,
                                        0x2014, 0x2014, 0x2026, 0x2026, 0xFF08, 0xFF09, 0xFF05};

/* The first place of needle in the len bytes of doc (which hold binary
 * streams), or NULL. */
static const char *
find(const char *doc, size_t len, const char *needle)
{
	return memmem(doc, len, needle, strlen(needle));
}

/* The bytes of the stream of object `obj` in a saved document, or NULL. */
static const char *
object_stream(const char *doc, size_t len, long obj, size_t *slen)
{
	char head[32];
	snprintf(head, sizeof(head), "\n%ld 0 obj", obj);
	const char *o = find(doc, len, head);
	size_t rest = o ? len - (size_t)(o - doc) : 0;
	const char *lp = o ? find(o, rest, "/Length ") : NULL;
	const char *s = o ? find(o, rest, "stream\015\012") : NULL;
	if (lp == NULL || s == NULL)
		return NULL;
	*slen = (size_t)strtol(lp + 8, NULL, 10);
	s += 8;
	return (size_t)(s - doc) + *slen <= len ? s : NULL;
}

/* The width libharu wrote for code c: from /W "first [w …]" runs, else /DW. */
static long
written_width(const char *doc, size_t len, unsigned c)
{
	const char *dw = find(doc, len, "/DW ");
	const char *w = find(doc, len, "/W [");
	long dflt = dw ? strtol(dw + 4, NULL, 10) : 1000;
	if (w == NULL)
		return dflt;
	const char *p = w + 4;
	for (;;) {
		char *end;
		long first = strtol(p, &end, 10);
		if (end == p)
			return dflt;
		p = end;
		while (*p == ' ')
			p++;
		if (*p != '[')
			return -1; /* a form libharu 2.3.0 does not write */
		p++;
		for (long k = first;; k++) {
			long v = strtol(p, &end, 10);
			if (end == p)
				break;
			if ((unsigned long)k == c)
				return v;
			p = end;
		}
		p = strchr(p, ']');
		if (p == NULL)
			return -1;
		p++;
	}
}

/* The stream of the first object after `key` in doc, inflated; NULL when
 * it does not inflate. Caller frees; *out_len set. */
static unsigned char *
inflated_after(const char *doc, size_t len, const char *key, size_t *out_len)
{
	const char *k = find(doc, len, key);
	const char *s = k ? find(k, len - (size_t)(k - doc), "stream\015\012") : NULL;
	if (s == NULL)
		return NULL;
	s += 8;
	const char *e = find(s, len - (size_t)(s - doc), "\012endstream");
	size_t cap = 1 << 20;
	unsigned char *out = xmalloc(cap);
	uLongf olen = cap - 1;
	if (e == NULL || uncompress(out, &olen, (const unsigned char *)s, (uLong)(e - s)) != Z_OK) {
		free(out);
		return NULL;
	}
	out[olen] = '\0';
	*out_len = olen;
	return out;
}

/* Fonts, text, information and a page content of qbpress's own in a
 * document: libharu writes them as they were given. */
static void
selftest_own(struct pdf_fonts *fs, int face, const uint32_t *cps, size_t n, char **err)
{
	const char *family = fs->faces[face]->family;
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_Page page = pdf ? HPDF_AddPage(pdf) : NULL;
	if (page == NULL) {
		*err = xstrdup("the PDF library cannot start a document");
		HPDF_Free(pdf);
		return;
	}
	struct pdf_sfnt **sfnt = xcalloc(fs->n, sizeof(*sfnt));
	struct pdf_doc_fonts d;
	pdf_doc_fonts_init(&d, fs);
	for (size_t i = 0; i < n; i++)
		pdf_doc_fonts_use(&d, face, cps[i]);
	struct buf ops = {0}, doc = {0};
	if (pdf_doc_fonts_embed_own(&d, pdf, sfnt, err) == 0) {
		const char *name = pdf_haru_page_font(page, d.font[face]);
		buf_printf(&ops, "BT\n/%s 12 Tf\n<", name ? name : "?");
		for (size_t i = 0; i < n; i++)
			buf_printf(&ops, "%04X", (unsigned)pdf_doc_fonts_code(&d, face, cps[i]));
		buf_puts(&ops, ">Tj\nET\n");
		if (name == NULL || pdf_haru_page_write(page, ops.p, ops.len) != HPDF_OK ||
		    pdf_haru_info_text(pdf, HPDF_INFO_TITLE, "\xE8\xB4\xA8Q") != HPDF_OK)
			*err = xasprintf("'%s': the PDF library does not take a font, text or title of qbpress's own", family);
	}
	if (*err == NULL)
		pdf_haru_page_deflate(page, err);
	if (*err == NULL && pdf_save(pdf, &doc) != 0)
		*err = xstrdup("the PDF library cannot save a document");
	size_t len = doc.len, plen = 0, flen = 0;
	unsigned char *content = *err == NULL ? inflated_after(doc.p, len, "/Contents", &plen) : NULL;
	unsigned char *program = *err == NULL ? inflated_after(doc.p, len, "/Length1 ", &flen) : NULL;
	const char *len1 = *err == NULL ? find(doc.p, len, "/Length1 ") : NULL;
	if (*err == NULL && (content == NULL || strstr((char *)content, ops.p) == NULL))
		*err = xasprintf("'%s': the page's operators are not saved as written", family);
	else if (*err == NULL && (program == NULL || len1 == NULL || strtoul(len1 + 9, NULL, 10) != flen ||
	                          flen < 12 || memcmp(program, "\0\1\0\0", 4) != 0))
		*err = xasprintf("'%s': the font program is not saved as given", family);
	else if (*err == NULL && (find(doc.p, len, "/CIDToGIDMap /Identity") == NULL ||
	                          find(doc.p, len, "/Encoding /Identity-H") == NULL ||
	                          find(doc.p, len, "/Title (\xFE\xFF\x8D\\(") == NULL ||
	                          find(doc.p, len, "/F1 ") == NULL))
		*err = xasprintf("'%s': the font, its page resource or the title are not saved as given", family);
	for (size_t i = 0; *err == NULL && i < n; i++) {
		uint32_t code = pdf_doc_fonts_code(&d, face, cps[i]);
		long w = written_width(doc.p, len, code);
		if (w != pdf_face_width(fs->faces[face], cps[i]))
			*err = xasprintf("'%s': a font of qbpress's own gives code %u (U+%04X) the width %ld, the face %d",
			                 family, (unsigned)code, (unsigned)cps[i], w, pdf_face_width(fs->faces[face], cps[i]));
	}
	free(content);
	free(program);
	buf_free(&ops);
	buf_free(&doc);
	HPDF_Free(pdf);
	pdf_doc_fonts_free(&d);
	for (size_t i = 0; i < fs->n; i++)
		pdf_sfnt_free(sfnt[i]);
	free(sfnt);
}

static void text_twin(const struct pdf_fonts *fs, int face, const uint32_t *cps, size_t n, bool straight,
                      struct buf *out, char **err);

/* A text object written straight (pdf_text) gives the document libharu's
 * calls give: the same operators, the same glyphs in the font's subset (a
 * glyph libharu was not told of would be missing from it). */
static void
selftest_text(const struct pdf_fonts *fs, int face, const uint32_t *cps, size_t n, const char *family, char **err)
{
	struct buf a = {0}, b = {0};
	text_twin(fs, face, cps, n, false, &a, err);
	if (*err == NULL)
		text_twin(fs, face, cps, n, true, &b, err);
	if (*err == NULL && (a.len != b.len || memcmp(a.p, b.p, a.len) != 0))
		*err = xasprintf("'%s': text written straight into a page gives another document than libharu's calls",
		                 family);
	buf_free(&a);
	buf_free(&b);
}

/* One document: a text object in two runs (every code, then the first
 * half), with spacing, a colour and a rise, written by libharu's calls or
 * straight. */
static void
text_twin(const struct pdf_fonts *fs, int face, const uint32_t *cps, size_t n, bool straight, struct buf *out,
          char **err)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	if (pdf == NULL) {
		*err = xstrdup("the PDF library cannot start a document");
		return;
	}
	struct pdf_doc_fonts d;
	pdf_doc_fonts_init(&d, fs);
	for (size_t i = 0; i < n; i++)
		pdf_doc_fonts_use(&d, face, cps[i]);
	HPDF_Page page = NULL;
	if (HPDF_UseUTFEncodings(pdf) != HPDF_OK || HPDF_SetCurrentEncoder(pdf, "UTF-8") != HPDF_OK ||
	    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE) != HPDF_OK || (page = HPDF_AddPage(pdf)) == NULL)
		*err = xstrdup("the PDF library cannot set up a document");
	else
		pdf_doc_fonts_embed(&d, pdf, err);
	unsigned codes[64];
	struct buf coded = {0}, half = {0};
	for (size_t i = 0; *err == NULL && i < n && i < 64; i++) {
		codes[i] = pdf_doc_fonts_code(&d, face, cps[i]);
		char u[4];
		size_t k = utf8_encode(codes[i], u);
		buf_add(&coded, u, k);
		if (i < n / 2)
			buf_add(&half, u, k);
	}
	HPDF_Font font = *err == NULL ? d.font[face] : NULL;
	if (font && straight) {
		struct pdf_text t;
		if (!pdf_text_begin(&t, page)) {
			*err = xstrdup("a page cannot take text written straight");
		} else {
			pdf_text_char_space(&t, 0.5f);
			pdf_text_move(&t, 72.25f, 700.125f);
			pdf_text_font(&t, font, 10.5f);
			pdf_text_fill(&t, 0.2f, 0.3f, 0.4f);
			pdf_text_rise(&t, 1.5f);
			pdf_text_show(&t, codes, n, pdf_doc_fonts_shown(&d, face));
			pdf_text_char_space(&t, 0);
			pdf_text_show(&t, codes, n / 2, pdf_doc_fonts_shown(&d, face));
			if (pdf_text_end(&t) != HPDF_OK)
				*err = xstrdup("the PDF library refuses text written straight");
		}
	} else if (font) {
		if (HPDF_Page_BeginText(page) != HPDF_OK || HPDF_Page_SetCharSpace(page, 0.5f) != HPDF_OK ||
		    HPDF_Page_MoveTextPos(page, 72.25f, 700.125f) != HPDF_OK ||
		    HPDF_Page_SetFontAndSize(page, font, 10.5f) != HPDF_OK ||
		    HPDF_Page_SetRGBFill(page, 0.2f, 0.3f, 0.4f) != HPDF_OK || HPDF_Page_SetTextRise(page, 1.5f) != HPDF_OK ||
		    HPDF_Page_ShowText(page, coded.p ? coded.p : "") != HPDF_OK ||
		    HPDF_Page_SetCharSpace(page, 0) != HPDF_OK || HPDF_Page_ShowText(page, half.p ? half.p : "") != HPDF_OK ||
		    HPDF_Page_EndText(page) != HPDF_OK)
			*err = xstrdup("the PDF library cannot draw the text");
	}
	if (*err == NULL && pdf_save(pdf, out) != 0)
		*err = xstrdup("the PDF library cannot save a document");
	buf_free(&coded);
	buf_free(&half);
	HPDF_Free(pdf);
	pdf_doc_fonts_free(&d);
}

int
pdf_haru_selftest(const char *family, char **err)
{
	*err = NULL;
	struct pdf_fonts fs = {0};
	int face = pdf_fonts_open(&fs, family, err);
	if (face < 0) {
		pdf_fonts_free(&fs);
		return -1;
	}
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	if (pdf == NULL) {
		pdf_fonts_free(&fs);
		*err = xstrdup("the PDF library cannot start a document");
		return -1;
	}
	struct pdf_doc_fonts d;
	pdf_doc_fonts_init(&d, &fs);
	uint32_t cps[64];
	size_t n = 0;
	for (size_t j = 0; j < sizeof(selftest_cps) / sizeof(selftest_cps[0]); j++) {
		cps[n] = selftest_cps[j];
		bool seen = false;
		for (size_t i = 0; i < n; i++)
			seen |= cps[i] == cps[n];
		if (!seen && pdf_face_covers(fs.faces[face], cps[n]))
			pdf_doc_fonts_use(&d, face, cps[n++]);
	}
	HPDF_Page page = NULL;
	if (HPDF_UseUTFEncodings(pdf) != HPDF_OK || HPDF_SetCurrentEncoder(pdf, "UTF-8") != HPDF_OK ||
	    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE) != HPDF_OK || (page = HPDF_AddPage(pdf)) == NULL)
		*err = xstrdup("the PDF library cannot set up a document");
	else
		pdf_doc_fonts_embed(&d, pdf, err);
	struct buf coded = {0}, hex = {0};
	for (size_t i = 0; *err == NULL && i < n; i++) {
		uint32_t code = pdf_doc_fonts_code(&d, face, cps[i]);
		char u[4];
		size_t k = utf8_encode(code, u);
		HPDF_TextWidth tw = HPDF_Font_TextWidth(d.font[face], (const HPDF_BYTE *)u, (HPDF_UINT)k);
		if (code == 0 || (int)tw.width != pdf_face_width(fs.faces[face], cps[i]))
			*err = xasprintf("'%s': U+%04X has code %u; the PDF library measures it %u, the face %d", family,
			                 (unsigned)cps[i], (unsigned)code, (unsigned)tw.width,
			                 pdf_face_width(fs.faces[face], cps[i]));
		buf_add(&coded, u, k);
		buf_printf(&hex, "%04X", (unsigned)code);
	}
	if (*err == NULL &&
	    (HPDF_Page_BeginText(page) != HPDF_OK || HPDF_Page_SetFontAndSize(page, d.font[face], 12) != HPDF_OK ||
	     HPDF_Page_ShowText(page, coded.p ? coded.p : "") != HPDF_OK || HPDF_Page_EndText(page) != HPDF_OK))
		*err = xasprintf("the PDF library cannot draw with a subset of '%s'", family);
	/* a second page, deflated early */
	HPDF_Page early = *err == NULL ? HPDF_AddPage(pdf) : NULL;
	if (*err == NULL &&
	    (early == NULL || HPDF_Page_BeginText(early) != HPDF_OK ||
	     HPDF_Page_SetFontAndSize(early, d.font[face], 12) != HPDF_OK ||
	     HPDF_Page_ShowText(early, coded.p ? coded.p : "") != HPDF_OK || HPDF_Page_EndText(early) != HPDF_OK))
		*err = xasprintf("the PDF library cannot draw a second page with '%s'", family);
	if (*err == NULL)
		pdf_haru_page_deflate(early, err);
	struct buf saved = {0};
	if (*err == NULL && pdf_save(pdf, &saved) != 0)
		*err = xstrdup("the PDF library cannot save a document");
	size_t len = saved.len;
	char *doc = saved.p;
	/* the codes drawn, as they are written in the page's content */
	if (*err == NULL) {
		char *shown = xasprintf("<%s> Tj", hex.p ? hex.p : "");
		if (find(doc, len, shown) == NULL)
			*err = xasprintf("'%s': the page does not show the codes %s", family, shown);
		free(shown);
	}
	/* the page deflated early: one /Filter, and it inflates to the codes */
	if (*err == NULL) {
		const char *f = find(doc, len, "/Filter /FlateDecode");
		const char *s = f ? find(f, len - (size_t)(f - doc), "stream\015\012") : NULL;
		const char *lp = f ? find(f - 40 > doc ? f - 40 : doc, 80, "/Length ") : NULL;
		char *end = NULL;
		long slen = lp ? strtol(lp + 8, &end, 10) : 0;
		if (end && strncmp(end, " 0 R", 4) == 0) { /* the length is an object of its own */
			char head[32];
			snprintf(head, sizeof(head), "\n%ld 0 obj\n", slen);
			const char *o = find(doc, len, head);
			slen = o ? strtol(o + strlen(head), NULL, 10) : 0;
		}
		unsigned char out[4096];
		uLongf olen = sizeof(out) - 1;
		bool ok = s && slen > 0 && uncompress(out, &olen, (const unsigned char *)s + 8, (uLong)slen) == Z_OK;
		if (ok)
			out[olen] = '\0';
		char *shown = xasprintf("<%s> Tj", hex.p ? hex.p : "");
		if (!ok || strstr((const char *)out, shown) == NULL)
			*err = xasprintf("'%s': a page deflated early is not saved whole", family);
		free(shown);
	}
	/* the widths written are the face's */
	for (size_t i = 0; *err == NULL && i < n; i++) {
		uint32_t code = pdf_doc_fonts_code(&d, face, cps[i]);
		long w = written_width(doc, len, code);
		if (w != pdf_face_width(fs.faces[face], cps[i]))
			*err = xasprintf("'%s': the document gives code %u (U+%04X) the width %ld, the face %d", family,
			                 (unsigned)code, (unsigned)cps[i], w, pdf_face_width(fs.faces[face], cps[i]));
	}
	/* the ToUnicode map is ours: each code gives its character back */
	if (*err == NULL) {
		uint32_t codes[64], chars[64];
		for (size_t i = 0; i < n; i++) {
			codes[i] = pdf_doc_fonts_code(&d, face, cps[i]);
			chars[i] = cps[i];
		}
		pdf_codes_sort(codes, chars, n);
		char *cmap = pdf_tounicode_cmap(codes, chars, n);
		if (find(doc, len, cmap) == NULL || find(doc, len, "begincidrange") != NULL)
			*err = xasprintf("'%s': the document's ToUnicode map is not the one qbpress writes", family);
		free(cmap);
	}
	/* the glyph map is the identity over the subset's glyphs */
	if (*err == NULL) {
		const char *ref = find(doc, len, "/CIDToGIDMap ");
		size_t slen = 0;
		const char *s = ref ? object_stream(doc, len, strtol(ref + 13, NULL, 10), &slen) : NULL;
		bool ok = s != NULL && slen >= 2 && slen % 2 == 0 && slen < 2 * 0x10000;
		for (size_t g = 0; ok && g < slen / 2; g++)
			ok = (size_t)((unsigned char)s[2 * g] << 8 | (unsigned char)s[2 * g + 1]) == g;
		if (!ok)
			*err = xasprintf("'%s': the document's CIDToGIDMap is not the identity over the subset", family);
	}
	buf_free(&saved);
	buf_free(&coded);
	buf_free(&hex);
	HPDF_Free(pdf);
	pdf_doc_fonts_free(&d);
	if (*err == NULL)
		selftest_text(&fs, face, cps, n, family, err);
	if (*err == NULL)
		selftest_own(&fs, face, cps, n, err);
	pdf_fonts_free(&fs);
	return *err ? -1 : 0;
}

/* ---- text objects written as one piece ---- */

static void
text_put(struct pdf_text *t, const char *s, size_t n)
{
	if (t->len + n > t->cap) {
		t->cap = (t->len + n) * 2 + 256;
		t->ops = xrealloc(t->ops, t->cap);
	}
	memcpy(t->ops + t->len, s, n);
	t->len += n;
}

static void
text_str(struct pdf_text *t, const char *s)
{
	text_put(t, s, strlen(s));
}

/* A number as libharu writes it. */
static void
text_real(struct pdf_text *t, float v)
{
	char b[HPDF_TMP_BUF_SIZ];
	memset(b, 0, sizeof(b));
	char *end = HPDF_FToA(b, v, b + sizeof(b) - 1);
	text_put(t, b, (size_t)(end - b));
}

bool
pdf_text_begin(struct pdf_text *t, HPDF_Page page)
{
	memset(t, 0, sizeof(*t));
	t->page = page;
	if (!HPDF_Page_Validate(page) || page->error->error_no != HPDF_NOERROR)
		return false;
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	if (attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION || attr->gstate == NULL)
		return false;
	t->char_space = attr->gstate->char_space;
	t->font = attr->gstate->font;
	t->font_size = attr->gstate->font_size;
	t->rise = attr->gstate->text_rise;
	text_str(t, "BT\012");
	return true;
}

void
pdf_text_char_space(struct pdf_text *t, float v)
{
	if (v < HPDF_MIN_CHARSPACE || v > HPDF_MAX_CHARSPACE)
		t->refused = true;
	text_real(t, v);
	text_str(t, " Tc\012");
	t->char_space = v;
}

void
pdf_text_move(struct pdf_text *t, float x, float y)
{
	text_real(t, x);
	text_str(t, " ");
	text_real(t, y);
	text_str(t, " Td\012");
	t->x += x;
	t->y += y;
}

void
pdf_text_font(struct pdf_text *t, HPDF_Font font, float size)
{
	const char *name = HPDF_Font_Validate(font) && size > 0 && size <= HPDF_MAX_FONTSIZE &&
	                           t->page->mmgr == font->mmgr
	                       ? HPDF_Page_GetLocalFontName(t->page, font)
	                       : NULL;
	if (name == NULL || strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != strlen(name)) {
		t->refused = true;
		return;
	}
	text_str(t, "/");
	text_str(t, name);
	text_str(t, " ");
	text_real(t, size);
	text_str(t, " Tf\012");
	t->font = font;
	t->font_size = size;
}

void
pdf_text_fill(struct pdf_text *t, float r, float g, float b)
{
	if (r < 0 || r > 1 || g < 0 || g > 1 || b < 0 || b > 1)
		t->refused = true;
	text_real(t, r);
	text_str(t, " ");
	text_real(t, g);
	text_str(t, " ");
	text_real(t, b);
	text_str(t, " rg\012");
	t->rgb[0] = r;
	t->rgb[1] = g;
	t->rgb[2] = b;
	t->rgb_set = true;
}

void
pdf_text_rise(struct pdf_text *t, float v)
{
	text_real(t, v);
	text_str(t, " Ts\012");
	t->rise = v;
}

void
pdf_text_show(struct pdf_text *t, const unsigned *codes, size_t n, unsigned char *shown)
{
	if (t->font == NULL) {
		t->refused = true;
		return;
	}
	HPDF_FontAttr fa = (HPDF_FontAttr)t->font->attr;
	if (fa->type != HPDF_FONT_TYPE0_TT || fa->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE) {
		t->refused = true;
		return;
	}
	if (n == 0)
		return;
	unsigned char *wide = shown + 65536 / 8;
	bool any_wide = false;
	for (size_t i = 0; i < n; i++) {
		unsigned c = codes[i];
		if (c == 0 || c >= 0xD800)
			continue;
		unsigned char bit = (unsigned char)(1u << (c & 7));
		if (!(shown[c >> 3] & bit)) {
			if (HPDF_TTFontDef_GetCharWidth(fa->fontdef, (HPDF_UINT16)c) != 0)
				wide[c >> 3] |= bit;
			shown[c >> 3] |= bit;
		}
		any_wide |= (wide[c >> 3] & bit) != 0;
	}
	/* libharu leaves out a text whose width is 0: with no spacing, one
	 * whose characters are all 0 wide; with a negative one, measured as
	 * libharu measures it */
	HPDF_PageAttr attr = (HPDF_PageAttr)t->page->attr;
	if (attr->gstate->word_space == 0 && t->char_space == 0) {
		if (!any_wide)
			return;
	} else if (t->char_space < 0 || attr->gstate->word_space != 0) {
		struct buf u = {0};
		for (size_t i = 0; i < n; i++) {
			char c[4];
			buf_add(&u, c, utf8_encode(codes[i], c));
		}
		buf_putc(&u, '\0');
		HPDF_TextWidth tw = HPDF_Font_TextWidth(t->font, (const HPDF_BYTE *)u.p, (HPDF_UINT)(u.len - 1));
		buf_free(&u);
		HPDF_REAL w = 0;
		w += attr->gstate->word_space * (HPDF_REAL)tw.numspace;
		w += (HPDF_REAL)tw.width * t->font_size / 1000;
		w += t->char_space * (HPDF_REAL)tw.numchars;
		if (!w)
			return;
	}
	static const char hex[] = "0123456789ABCDEF";
	text_str(t, "<");
	for (size_t i = 0; i < n; i++) {
		if (codes[i] == 0 || codes[i] >= 0xD800)
			t->refused = true;
		char h[4] = {hex[(codes[i] >> 12) & 15], hex[(codes[i] >> 8) & 15], hex[(codes[i] >> 4) & 15],
		             hex[codes[i] & 15]};
		text_put(t, h, 4);
	}
	text_str(t, "> Tj\012");
}

HPDF_STATUS
pdf_text_end(struct pdf_text *t)
{
	HPDF_STATUS st = HPDF_THIS_FUNC_WAS_SKIPPED;
	if (!t->refused) {
		text_str(t, "ET\012");
		HPDF_PageAttr attr = (HPDF_PageAttr)t->page->attr;
		st = HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)t->ops, (HPDF_UINT)t->len);
		if (st == HPDF_OK) {
			HPDF_GState g = attr->gstate;
			g->char_space = t->char_space;
			g->text_rise = t->rise;
			if (t->font != g->font || t->font_size != g->font_size) {
				g->font = t->font;
				g->font_size = t->font_size;
				g->writing_mode = ((HPDF_FontAttr)t->font->attr)->writing_mode;
			}
			if (t->rgb_set) {
				g->rgb_fill.r = t->rgb[0];
				g->rgb_fill.g = t->rgb[1];
				g->rgb_fill.b = t->rgb[2];
				g->cs_fill = HPDF_CS_DEVICE_RGB;
			}
			attr->text_matrix = (HPDF_TransMatrix){1, 0, 0, 1, t->x, t->y};
			attr->text_pos = (HPDF_Point){0, 0};
		}
	}
	free(t->ops);
	t->ops = NULL;
	t->len = t->cap = 0;
	return st;
}
