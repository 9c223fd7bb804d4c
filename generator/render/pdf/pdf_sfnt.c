#include "pdf_sfnt.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../util.h"
#include "pdf_deflate.h"

/* A glyph as it goes into programs: without instructions, padded to four
 * bytes (so that its checksum does not depend on where it lies). */
struct glyph {
	unsigned char *data;
	uint32_t len;
	uint32_t sum;
	struct pdf_lz lz; /* of a simple glyph; a composite one is parsed per program */
	uint16_t *comp;   /* a composite glyph's components */
	uint32_t *comp_at; /* where their numbers are in data */
	size_t ncomp;
};

struct pdf_sfnt {
	hb_blob_t *blobs[6];
	const unsigned char *head, *hhea, *maxp, *hmtx, *loca, *glyf;
	unsigned head_len, hhea_len, maxp_len, hmtx_len, loca_len, glyf_len;
	unsigned nglyphs, nhmetrics;
	bool long_loca;
	bool halve; /* coordinates and metrics at half the face's units */
	struct glyph **cache; /* by glyph number, filled on first use */
	struct glyph **coarse; /* the same at a quarter of the face's units */
	struct glyph empty;
};

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* The TrueType checksum of len bytes (a multiple of 4). */
static uint32_t
checksum(const unsigned char *p, size_t len)
{
	uint32_t s = 0;
	for (size_t i = 0; i + 4 <= len; i += 4)
		s += get32(p + i);
	return s;
}

struct pdf_sfnt *
pdf_sfnt_new(hb_face_t *face, char **err)
{
	static const hb_tag_t tags[6] = {HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'),
	                                 HB_TAG('m', 'a', 'x', 'p'), HB_TAG('h', 'm', 't', 'x'),
	                                 HB_TAG('l', 'o', 'c', 'a'), HB_TAG('g', 'l', 'y', 'f')};
	struct pdf_sfnt *s = xcalloc(1, sizeof(*s));
	const unsigned char *p[6];
	unsigned len[6];
	for (int i = 0; i < 6; i++) {
		s->blobs[i] = hb_face_reference_table(face, tags[i]);
		p[i] = (const unsigned char *)hb_blob_get_data(s->blobs[i], &len[i]);
	}
	s->head = p[0], s->head_len = len[0];
	s->hhea = p[1], s->hhea_len = len[1];
	s->maxp = p[2], s->maxp_len = len[2];
	s->hmtx = p[3], s->hmtx_len = len[3];
	s->loca = p[4], s->loca_len = len[4];
	s->glyf = p[5], s->glyf_len = len[5];
	bool ok = s->head_len >= 54 && s->hhea_len >= 36 && s->maxp_len >= 6 && s->glyf_len > 0;
	if (ok) {
		s->nglyphs = get16(s->maxp + 4);
		s->nhmetrics = get16(s->hhea + 34);
		s->long_loca = get16(s->head + 50) == 1;
		ok = s->nglyphs > 0 && s->nhmetrics > 0 && s->nhmetrics <= s->nglyphs &&
		     s->loca_len >= (s->nglyphs + 1) * (s->long_loca ? 4u : 2u) &&
		     s->hmtx_len >= 4 * s->nhmetrics + 2 * (s->nglyphs - s->nhmetrics);
	}
	if (!ok) {
		*err = xstrdup("the face has no TrueType outlines or malformed tables (head, hhea, maxp, hmtx, loca, glyf)");
		pdf_sfnt_free(s);
		return NULL;
	}
	unsigned upem = get16(s->head + 18);
	s->halve = upem % 2 == 0 && upem >= 64;
	s->cache = xcalloc(s->nglyphs, sizeof(*s->cache));
	s->coarse = xcalloc(s->nglyphs, sizeof(*s->coarse));
	return s;
}

void
pdf_sfnt_bbox(const struct pdf_sfnt *s, int box[4])
{
	for (int i = 0; i < 4; i++)
		box[i] = (int16_t)get16(s->head + 36 + 2 * i);
}

static void
glyph_free(struct glyph *g)
{
	free(g->data);
	free(g->comp);
	free(g->comp_at);
	pdf_lz_free(&g->lz);
	free(g);
}

void
pdf_sfnt_free(struct pdf_sfnt *s)
{
	if (s == NULL)
		return;
	for (unsigned i = 0; s->cache && i < s->nglyphs; i++)
		if (s->cache[i] && s->cache[i] != &s->empty)
			glyph_free(s->cache[i]);
	free(s->cache);
	for (unsigned i = 0; s->coarse && i < s->nglyphs; i++)
		if (s->coarse[i] && s->coarse[i] != &s->empty)
			glyph_free(s->coarse[i]);
	free(s->coarse);
	pdf_lz_free(&s->empty.lz);
	for (int i = 0; i < 6; i++)
		hb_blob_destroy(s->blobs[i]);
	free(s);
}

/* Composite glyph flags. */
enum {
	ARGS_ARE_WORDS = 0x1,
	ARGS_ARE_XY = 0x2,
	HAVE_SCALE = 0x8,
	MORE_COMPONENTS = 0x20,
	HAVE_XY_SCALE = 0x40,
	HAVE_2X2 = 0x80,
	HAVE_INSTRUCTIONS = 0x100
};

/* v in half units, halves rounded up: floor((v + 1) / 2). */
static int
half(int v)
{
	return v >= 0 ? (v + 1) / 2 : -(-v / 2);
}

/* v rounded to a multiple of 4, in half units: 2 × floor((v + 2) / 4). */
static int
quarter(int v)
{
	return 2 * (v >= -2 ? (v + 2) / 4 : -((-v - 2 + 3) / 4));
}

/* Halves a signed 16-bit value in place. */
static void
halve16(unsigned char *p)
{
	put16(p, (unsigned)(uint16_t)half((int16_t)get16(p)));
}

/* Simple glyph flags. */
enum { ON_CURVE = 0x1, X_SHORT = 0x2, Y_SHORT = 0x4, REPEAT = 0x8, X_SAME = 0x10, Y_SAME = 0x20, OVERLAP = 0x40 };

/* Reads n coordinates of one axis (short and same flags `shrt`, `same`)
 * from p at *at, below len, as absolute values. Returns -1 when they run
 * past len. */
static int
read_axis(const unsigned char *p, size_t len, size_t *at, const uint8_t *flags, unsigned n, unsigned shrt,
          unsigned same, int *v)
{
	int c = 0;
	for (unsigned i = 0; i < n; i++) {
		if (flags[i] & shrt) {
			if (*at + 1 > len)
				return -1;
			c += flags[i] & same ? p[*at] : -(int)p[*at];
			*at += 1;
		} else if (!(flags[i] & same)) {
			if (*at + 2 > len)
				return -1;
			c += (int16_t)get16(p + *at);
			*at += 2;
		}
		v[i] = c;
	}
	return 0;
}

/* Writes the deltas of n coordinates of one axis at q and sets their short
 * and same flags; returns the bytes written. */
static size_t
write_axis(unsigned char *q, const int *v, unsigned n, unsigned shrt, unsigned same, uint8_t *flags)
{
	size_t k = 0;
	for (unsigned i = 0; i < n; i++) {
		int d = v[i] - (i ? v[i - 1] : 0);
		if (d == 0) {
			flags[i] |= (uint8_t)same;
		} else if (d > -256 && d < 256) {
			flags[i] |= (uint8_t)(shrt | (d > 0 ? same : 0));
			q[k++] = (unsigned char)(d > 0 ? d : -d);
		} else {
			put16(q + k, (unsigned)(uint16_t)d);
			k += 2;
		}
	}
	return k;
}

/* A contour of a simple glyph: m points from start, the last followed by
 * the first. */
struct contour {
	unsigned start, m;
};

static unsigned
before(const struct contour *c, unsigned i)
{
	return i == c->start ? c->start + c->m - 1 : i - 1;
}

static unsigned
after(const struct contour *c, unsigned i)
{
	return i == c->start + c->m - 1 ? c->start : i + 1;
}

/* How far the quadratic segment of off-curve point i of contour c, as
 * written (v, in half units, points in drop left out), lies from the
 * face's (v0) on one axis at most, anywhere along it: in 1/128 units of
 * the face, rounded up. Its ends are the on-curve points beside it or the
 * midpoints with the off-curve ones; when straight, it is the line
 * between its ends (its control point their midpoint). */
static int64_t
segment_error(const struct contour *c, const uint8_t *flags, const bool *drop, const int *v, const int *v0,
              unsigned i, bool straight)
{
	unsigned p0 = before(c, i), n0 = after(c, i);
	unsigned p = drop[p0] ? before(c, p0) : p0, n = drop[n0] ? after(c, n0) : n0;
	/* in half units of the face */
	int64_t s = flags[p] & ON_CURVE ? 4 * (int64_t)v[p] : 2 * ((int64_t)v[p] + v[i]);
	int64_t e = flags[n] & ON_CURVE ? 4 * (int64_t)v[n] : 2 * ((int64_t)v[n] + v[i]);
	int64_t s0 = flags[p0] & ON_CURVE ? 2 * (int64_t)v0[p0] : (int64_t)v0[p0] + v0[i];
	int64_t e0 = flags[n0] & ON_CURVE ? 2 * (int64_t)v0[n0] : (int64_t)v0[n0] + v0[i];
	int64_t ds = s - s0, dc = (straight ? (s + e) / 2 : 4 * (int64_t)v[i]) - 2 * (int64_t)v0[i], de = e - e0;
	/* the difference ds + b t + a t² is largest at an end or where its
	 * derivative is 0, at t = -b / 2a, where it is (4a ds - b²) / 4a */
	int64_t worst = 64 * (llabs(ds) > llabs(de) ? llabs(ds) : llabs(de));
	int64_t a = ds - 2 * dc + de, b = 2 * (dc - ds);
	if (a != 0 && (a > 0 ? b < 0 && -b < 2 * a : b > 0 && b < -2 * a)) {
		int64_t num = llabs(4 * a * ds - b * b), den = llabs(4 * a);
		int64_t mid = (64 * num + den - 1) / den;
		worst = mid > worst ? mid : worst;
	}
	return worst;
}

/* Leaves out on-curve point at of contour c (between off-curve points a
 * and b) on one axis if a and b, moved by up to two steps each within lo
 * to hi, make every segment that changes lie within `reach` units of the
 * face's: theirs, and those of the off-curve points beyond them whose
 * segments end at their midpoints with them. Moves them so that the
 * farthest is nearest (the first such move, a's first). Returns whether
 * it can. */
static bool
imply_axis(const struct contour *c, const uint8_t *flags, bool *drop, int *v, const int *v0, unsigned at, int step,
           int reach, int lo, int hi)
{
	unsigned a = before(c, at), b = after(c, at);
	if (abs(v[a] + v[b] - v0[at]) > reach + 4 * step)
		return false; /* the implied point too far whatever the move */
	unsigned z = before(c, a), w = after(c, b);
	if (drop[z])
		z = before(c, z);
	if (drop[w])
		w = after(c, w);
	bool with_z = !(flags[z] & ON_CURVE) && z != b, with_w = !(flags[w] & ON_CURVE) && w != a && w != z;
	int va = v[a], vb = v[b], best_a = 0, best_b = 0;
	/* the segments beyond move with one of the two: found once a move */
	int64_t best = -1, ez[5] = {-1, -1, -1, -1, -1}, ew[5] = {-1, -1, -1, -1, -1};
	drop[at] = true;
	for (int sa = -2; sa <= 2; sa++) {
		for (int sb = -2; sb <= 2; sb++) {
			v[a] = va + sa * step;
			v[b] = vb + sb * step;
			/* the implied point first: where the two meet */
			if (v[a] < lo || v[a] > hi || v[b] < lo || v[b] > hi || abs(v[a] + v[b] - v0[at]) > reach)
				continue;
			if (ez[sa + 2] < 0)
				ez[sa + 2] = with_z ? segment_error(c, flags, drop, v, v0, z, false) : 0;
			if (ew[sb + 2] < 0)
				ew[sb + 2] = with_w ? segment_error(c, flags, drop, v, v0, w, false) : 0;
			int64_t worst = ez[sa + 2] > ew[sb + 2] ? ez[sa + 2] : ew[sb + 2];
			if (best >= 0 && worst >= best)
				continue;
			int64_t e = segment_error(c, flags, drop, v, v0, a, false);
			worst = e > worst ? e : worst;
			if (best >= 0 && worst >= best)
				continue;
			e = segment_error(c, flags, drop, v, v0, b, false);
			worst = e > worst ? e : worst;
			if (best < 0 || worst < best) {
				best = worst;
				best_a = sa;
				best_b = sb;
			}
		}
	}
	drop[at] = false;
	bool ok = best >= 0 && best <= 128 * (int64_t)reach;
	v[a] = va + (ok ? best_a * step : 0);
	v[b] = vb + (ok ? best_b * step : 0);
	return ok;
}

/* Leaves out points of a simple glyph (nc contours, end points in its
 * header at p) written (x, y, in half units, in steps of `step`) where
 * every quadratic segment stays within `reach` units of the face of the
 * face's outline (x0, y0) on either axis: an on-curve point between two
 * off-curve points, implied at their midpoint, the two moved by up to two
 * steps each (within the glyph's bounding box in q's header) to bring it
 * there; then an off-curve point between two on-curve points, its curve
 * drawn as the line between them. Keeps the points in place, sets the end
 * points in q's header and returns how many points are left of the n. */
static unsigned
leave_implied(const unsigned char *p, unsigned nc, uint8_t *flags, int *x, int *y, const int *x0, const int *y0,
              unsigned n, int step, int reach, unsigned char *q)
{
	bool *drop = xcalloc(n, sizeof(*drop));
	int xmin = (int16_t)get16(q + 2), ymin = (int16_t)get16(q + 4);
	int xmax = (int16_t)get16(q + 6), ymax = (int16_t)get16(q + 8);
	unsigned start = 0;
	for (unsigned i = 0; i < nc; i++) {
		unsigned end = get16(p + 10 + 2 * i);
		if (end < start || end >= n) {
			free(drop);
			return n; /* end points out of order: all kept */
		}
		struct contour c = {start, end - start + 1};
		/* not the first or last point: where a contour starts stays */
		for (unsigned j = 1; j + 1 < c.m; j++) {
			unsigned at = start + j;
			if (!(flags[at] & ON_CURVE) || (flags[at - 1] & ON_CURVE) || (flags[at + 1] & ON_CURVE))
				continue;
			int xa = x[at - 1], xb = x[at + 1];
			if (!imply_axis(&c, flags, drop, x, x0, at, step, reach, xmin, xmax))
				continue;
			if (imply_axis(&c, flags, drop, y, y0, at, step, reach, ymin, ymax)) {
				drop[at] = true;
			} else {
				x[at - 1] = xa;
				x[at + 1] = xb;
			}
		}
		/* then off-curve points between on-curve ones kept whose
		 * segments, made lines, lie as near the face's */
		for (unsigned j = 1; j + 1 < c.m; j++) {
			unsigned at = start + j;
			if ((flags[at] & ON_CURVE) || !(flags[at - 1] & ON_CURVE) || !(flags[at + 1] & ON_CURVE) ||
			    drop[at - 1] || drop[at + 1])
				continue;
			if (segment_error(&c, flags, drop, x, x0, at, true) <= 128 * (int64_t)reach &&
			    segment_error(&c, flags, drop, y, y0, at, true) <= 128 * (int64_t)reach)
				drop[at] = true;
		}
		start = end + 1;
	}
	unsigned k = 0;
	start = 0;
	for (unsigned c = 0; c < nc; c++) {
		unsigned end = get16(p + 10 + 2 * c);
		for (unsigned i = start; i <= end; i++) {
			if (drop[i])
				continue;
			flags[k] = flags[i];
			x[k] = x[i];
			y[k] = y[i];
			k++;
		}
		put16(q + 10 + 2 * c, k - 1);
		start = end + 1;
	}
	free(drop);
	return k;
}

/* The left side bearing of glyph gid (below nglyphs) in the face. */
static int
face_lsb(const struct pdf_sfnt *s, unsigned gid)
{
	return (int16_t)(gid < s->nhmetrics ? get16(s->hmtx + 4 * gid + 2)
	                                    : get16(s->hmtx + 4 * s->nhmetrics + 2 * (gid - s->nhmetrics)));
}

/* A simple glyph without instructions (len bytes at p; its left side
 * bearing in the face lsb) with its coordinates and its bounding box
 * halved, the coordinates rounded to even values when coarse, points left
 * out as leave_implied() does: returns it (malloc'd, with room to pad to
 * four bytes) with *out_len set, or NULL when it is malformed. */
static unsigned char *
halve_simple(const unsigned char *p, size_t len, int lsb, bool coarse, size_t *out_len)
{
	if (len < 12)
		return NULL;
	unsigned nc = get16(p);
	size_t head = 10 + 2 * (size_t)nc + 2, at = head;
	if (head > len)
		return NULL;
	if (nc == 0) {
		unsigned char *q = xcalloc(head + 4, 1);
		memcpy(q, p, head);
		for (int i = 0; i < 4; i++)
			halve16(q + 2 + 2 * i);
		*out_len = head;
		return q;
	}
	unsigned n = get16(p + at - 4) + 1;
	uint8_t *flags = xmalloc(n);
	int *x = xmalloc(4 * (size_t)n * sizeof(*x)), *y = x + n, *x0 = y + n, *y0 = x0 + n;
	unsigned char *q = NULL;
	unsigned i = 0;
	while (i < n && at < len) {
		uint8_t f = p[at++];
		flags[i++] = f;
		if (f & REPEAT) {
			if (at >= len)
				break;
			for (unsigned r = p[at++]; r > 0 && i < n; r--)
				flags[i++] = f;
		}
	}
	if (i < n || read_axis(p, len, &at, flags, n, X_SHORT, X_SAME, x) != 0 ||
	    read_axis(p, len, &at, flags, n, Y_SHORT, Y_SAME, y) != 0)
		goto done;
	uint8_t overlap = flags[0] & OVERLAP;
	/* where the face's points are drawn, in the program's frame: the
	 * outline is placed by the left side bearing less xMin, each halved
	 * in the program */
	int xmin = (int16_t)get16(p + 2), drift = lsb - xmin - 2 * (half(lsb) - half(xmin));
	for (i = 0; i < n; i++) {
		x0[i] = x[i] + drift;
		y0[i] = y[i];
		x[i] = coarse ? quarter(x[i]) : half(x[i]);
		y[i] = coarse ? quarter(y[i]) : half(y[i]);
		flags[i] &= ON_CURVE;
	}
	q = xcalloc(head + 5 * (size_t)n + 4, 1);
	memcpy(q, p, head);
	for (int k = 0; k < 4; k++)
		halve16(q + 2 + 2 * k);
	n = leave_implied(p, nc, flags, x, y, x0, y0, n, coarse ? 2 : 1, coarse ? 3 : 2, q);
	flags[0] |= overlap;
	unsigned char *coords = xmalloc(4 * (size_t)n);
	size_t xl = write_axis(coords, x, n, X_SHORT, X_SAME, flags);
	size_t yl = write_axis(coords + xl, y, n, Y_SHORT, Y_SAME, flags);
	size_t k = head;
	for (i = 0; i < n;) {
		unsigned run = 1;
		while (i + run < n && flags[i + run] == flags[i] && run < 256)
			run++;
		if (run >= 3) {
			q[k++] = flags[i] | REPEAT;
			q[k++] = (unsigned char)(run - 1);
		} else {
			run = 1;
			q[k++] = flags[i];
		}
		i += run;
	}
	memcpy(q + k, coords, xl + yl);
	*out_len = k + xl + yl;
	free(coords);
done:
	free(flags);
	free(x);
	return q;
}

/* Reads glyph gid (below nglyphs) without its instructions, coarse when
 * asked for and the face is halved (a simple glyph at a quarter of the
 * face's units). Returns NULL when its data is malformed. */
static struct glyph *
glyph_read(struct pdf_sfnt *s, unsigned gid, bool coarse)
{
	uint32_t a, b;
	if (s->long_loca) {
		a = get32(s->loca + 4 * gid);
		b = get32(s->loca + 4 * gid + 4);
	} else {
		a = 2 * get16(s->loca + 2 * gid);
		b = 2 * get16(s->loca + 2 * gid + 2);
	}
	if (a == b)
		return &s->empty;
	if (a > b || b > s->glyf_len || b - a < 10)
		return NULL;
	const unsigned char *p = s->glyf + a;
	size_t len = b - a;
	struct glyph *g = xcalloc(1, sizeof(*g));
	g->data = xcalloc(len + 4, 1);
	size_t out = 0;
	int contours = (int16_t)get16(p);
	if (contours >= 0) {
		size_t ilen_at = 10 + 2 * (size_t)contours;
		if (ilen_at + 2 > len || ilen_at + 2 + get16(p + ilen_at) > len) {
			glyph_free(g);
			return NULL;
		}
		size_t rest = ilen_at + 2 + get16(p + ilen_at);
		memcpy(g->data, p, ilen_at);
		put16(g->data + ilen_at, 0);
		memcpy(g->data + ilen_at + 2, p + rest, len - rest);
		out = ilen_at + 2 + len - rest;
		if (s->halve) {
			unsigned char *h = halve_simple(g->data, out, face_lsb(s, gid), coarse, &out);
			if (h == NULL) {
				glyph_free(g);
				return NULL;
			}
			free(g->data);
			g->data = h;
		}
	} else {
		size_t at = 10;
		unsigned flags;
		do {
			if (at + 4 > len) {
				glyph_free(g);
				return NULL;
			}
			flags = get16(p + at);
			g->comp = xrealloc(g->comp, (g->ncomp + 1) * sizeof(*g->comp));
			g->comp_at = xrealloc(g->comp_at, (g->ncomp + 1) * sizeof(*g->comp_at));
			g->comp[g->ncomp] = (uint16_t)get16(p + at + 2);
			g->comp_at[g->ncomp++] = (uint32_t)(at + 2);
			at += 4 + (flags & ARGS_ARE_WORDS ? 4 : 2);
			at += flags & HAVE_SCALE ? 2 : flags & HAVE_XY_SCALE ? 4 : flags & HAVE_2X2 ? 8 : 0;
		} while (flags & MORE_COMPONENTS);
		if (at > len) {
			glyph_free(g);
			return NULL;
		}
		memcpy(g->data, p, at);
		for (size_t i = 0; i < g->ncomp; i++) {
			unsigned char *f = g->data + g->comp_at[i] - 2;
			put16(f, get16(f) & ~(unsigned)HAVE_INSTRUCTIONS);
			unsigned char *args = g->data + g->comp_at[i] + 2;
			if (!s->halve || !(get16(f) & ARGS_ARE_XY))
				continue;
			if (get16(f) & ARGS_ARE_WORDS) {
				halve16(args);
				halve16(args + 2);
			} else {
				args[0] = (unsigned char)(int8_t)half((int8_t)args[0]);
				args[1] = (unsigned char)(int8_t)half((int8_t)args[1]);
			}
		}
		for (int i = 0; s->halve && i < 4; i++)
			halve16(g->data + 2 + 2 * i);
		out = at;
	}
	g->len = (uint32_t)((out + 3) & ~(size_t)3);
	g->sum = checksum(g->data, g->len);
	if (g->comp == NULL)
		pdf_lz_parse(&g->lz, g->data, g->len, PDF_LZ_BEST);
	return g;
}

static struct glyph *
glyph_get(struct pdf_sfnt *s, unsigned gid, char **err)
{
	if (gid >= s->nglyphs) {
		*err = xasprintf("glyph %u is beyond the face's %u glyphs", gid, s->nglyphs);
		return NULL;
	}
	if (s->cache[gid] == NULL)
		s->cache[gid] = glyph_read(s, gid, false);
	if (s->cache[gid] == NULL)
		*err = xasprintf("the face's glyph %u is malformed", gid);
	return s->cache[gid];
}

/* Adds glyph 0 and every component of the composite glyphs to the set. */
static int
closure(struct pdf_sfnt *s, hb_set_t *glyphs, char **err)
{
	hb_set_add(glyphs, 0);
	for (unsigned pass = 0; pass < 8; pass++) {
		unsigned before = hb_set_get_population(glyphs);
		for (hb_codepoint_t gid = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &gid);) {
			struct glyph *g = glyph_get(s, gid, err);
			if (g == NULL)
				return -1;
			for (size_t i = 0; i < g->ncomp; i++)
				hb_set_add(glyphs, g->comp[i]);
		}
		if (hb_set_get_population(glyphs) == before)
			return 0;
	}
	*err = xstrdup("the face's composite glyphs nest too deeply");
	return -1;
}

/* Where a glyph is in the program: its rank in the set. */
static unsigned
rank(const hb_codepoint_t *gids, unsigned n, unsigned gid)
{
	unsigned lo = 0, hi = n;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (gids[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
pdf_sfnt_program(struct pdf_sfnt *s, hb_set_t *glyphs, const hb_set_t *coarse, struct buf *out, size_t *raw_len,
                 char **err)
{
	if (closure(s, glyphs, err) != 0)
		return -1;
	unsigned n = hb_set_get_population(glyphs);
	if (n > 0xFFFF) {
		*err = xasprintf("%u glyphs are too many for one font program", n);
		return -1;
	}
	/* components stay fine: their composites' offsets are halved apart */
	hb_set_t *parts = hb_set_create();
	for (hb_codepoint_t gid = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &gid);)
		for (size_t i = 0; i < s->cache[gid]->ncomp; i++)
			hb_set_add(parts, s->cache[gid]->comp[i]);
	hb_codepoint_t *gids = xmalloc(n * sizeof(*gids));
	struct glyph **gs = xmalloc(n * sizeof(*gs));
	unsigned k = 0;
	uint32_t glyf_len = 0, glyf_sum = 0;
	for (hb_codepoint_t gid = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &gid) && k < n; k++) {
		gids[k] = gid;
		gs[k] = s->cache[gid];
		if (s->halve && gs[k]->comp == NULL && gs[k] != &s->empty && coarse && hb_set_has(coarse, gid) &&
		    !hb_set_has(parts, gid)) {
			if (s->coarse[gid] == NULL)
				s->coarse[gid] = glyph_read(s, gid, true);
			if (s->coarse[gid])
				gs[k] = s->coarse[gid];
		}
		glyf_len += gs[k]->len;
	}
	hb_set_destroy(parts);
	/* composite glyphs, with their components renumbered */
	struct glyph *comps = xcalloc(n, sizeof(*comps));
	for (unsigned i = 0; i < n; i++) {
		if (gs[i]->comp == NULL)
			continue;
		struct glyph *c = &comps[i];
		c->data = xmalloc(gs[i]->len);
		memcpy(c->data, gs[i]->data, gs[i]->len);
		c->len = gs[i]->len;
		for (size_t j = 0; j < gs[i]->ncomp; j++)
			put16(c->data + gs[i]->comp_at[j], rank(gids, n, gs[i]->comp[j]));
		c->sum = checksum(c->data, c->len);
		pdf_lz_parse(&c->lz, c->data, c->len, PDF_LZ_FAST);
	}
	for (unsigned i = 0; i < n; i++)
		glyf_sum += comps[i].data ? comps[i].sum : gs[i]->sum;

	/* advances and left side bearings, halved as the glyph's xMin is, so
	 * that rasterizers, which place the outline by their difference,
	 * place it as before; the glyphs after the last change of advance
	 * have their bearing alone */
	unsigned *adv = xmalloc(2 * (size_t)n * sizeof(*adv)), *lsb = adv + n, nh = n;
	for (unsigned i = 0; i < n; i++) {
		unsigned g = gids[i];
		adv[i] = get16(s->hmtx + 4 * (g < s->nhmetrics ? g : s->nhmetrics - 1));
		lsb[i] = (uint16_t)(s->halve ? half(face_lsb(s, g)) : face_lsb(s, g));
		if (s->halve)
			adv[i] = (adv[i] + 1) / 2;
	}
	while (nh > 1 && adv[nh - 1] == adv[nh - 2])
		nh--;
	size_t hmtx_len = 4 * (size_t)nh + 2 * (size_t)(n - nh);

	/* the tables before glyf: directory, head, hhea, maxp, hmtx, loca */
	bool long_loca = glyf_len / 2 > 0xFFFF;
	unsigned maxp_len = s->maxp_len >= 32 ? 32 : 6;
	size_t loca_len = (size_t)(n + 1) * (long_loca ? 4 : 2);
	size_t at_head = 12 + 16 * 6, at_hhea = at_head + 56, at_maxp = at_hhea + 36, at_hmtx = at_maxp + 32;
	size_t at_loca = at_hmtx + ((hmtx_len + 3) & ~(size_t)3), at_glyf = at_loca + ((loca_len + 3) & ~(size_t)3);
	unsigned char *h = xcalloc(at_glyf, 1);
	memcpy(h + at_head, s->head, 54);
	put32(h + at_head + 8, 0);
	put16(h + at_head + 50, long_loca);
	memcpy(h + at_hhea, s->hhea, 36);
	put16(h + at_hhea + 34, nh);
	memcpy(h + at_maxp, s->maxp, maxp_len);
	put16(h + at_maxp + 4, n);
	if (s->halve) {
		/* units per em, bounding box; ascender to xMaxExtent */
		put16(h + at_head + 18, get16(s->head + 18) / 2);
		for (int i = 0; i < 4; i++)
			halve16(h + at_head + 36 + 2 * i);
		for (int i = 0; i < 7; i++)
			halve16(h + at_hhea + 4 + 2 * i);
		put16(h + at_hhea + 10, (get16(s->hhea + 10) + 1) / 2);
	}
	uint32_t off = 0;
	for (unsigned i = 0; i < n; i++) {
		if (i < nh) {
			put16(h + at_hmtx + 4 * i, adv[i]);
			put16(h + at_hmtx + 4 * i + 2, lsb[i]);
		} else {
			put16(h + at_hmtx + 4 * nh + 2 * (i - nh), lsb[i]);
		}
		if (long_loca)
			put32(h + at_loca + 4 * i, off);
		else
			put16(h + at_loca + 2 * i, off / 2);
		off += gs[i]->len;
	}
	if (long_loca)
		put32(h + at_loca + 4 * n, off);
	else
		put16(h + at_loca + 2 * n, off / 2);
	/* the directory, tables by tag */
	struct {
		const char *tag;
		size_t at, len;
	} t[6] = {{"glyf", at_glyf, glyf_len}, {"head", at_head, 54},       {"hhea", at_hhea, 36},
	          {"hmtx", at_hmtx, hmtx_len}, {"loca", at_loca, loca_len}, {"maxp", at_maxp, maxp_len}};
	put32(h, 0x00010000);
	put16(h + 4, 6);
	put16(h + 6, 64);
	put16(h + 8, 2);
	put16(h + 10, 32);
	uint32_t total = 0;
	for (int i = 0; i < 6; i++) {
		unsigned char *r = h + 12 + 16 * i;
		uint32_t sum = i == 0 ? glyf_sum : checksum(h + t[i].at, (t[i].len + 3) & ~(size_t)3);
		memcpy(r, t[i].tag, 4);
		put32(r + 4, sum);
		put32(r + 8, (uint32_t)t[i].at);
		put32(r + 12, (uint32_t)t[i].len);
		total += sum;
	}
	total += checksum(h, 12 + 16 * 6);
	put32(h + at_head + 8, 0xB1B0AFBAu - total);

	struct pdf_lz head;
	pdf_lz_parse(&head, h, at_glyf, PDF_LZ_FAST);
	const struct pdf_lz **pieces = xmalloc((n + 1) * sizeof(*pieces));
	pieces[0] = &head;
	for (unsigned i = 0; i < n; i++)
		pieces[i + 1] = comps[i].data ? &comps[i].lz : &gs[i]->lz;
	pdf_deflate_pieces(out, pieces, n + 1);
	*raw_len = at_glyf + glyf_len;

	free(pieces);
	pdf_lz_free(&head);
	for (unsigned i = 0; i < n; i++) {
		free(comps[i].data);
		pdf_lz_free(&comps[i].lz);
	}
	free(comps);
	free(h);
	free(gs);
	free(gids);
	free(adv);
	return 0;
}
