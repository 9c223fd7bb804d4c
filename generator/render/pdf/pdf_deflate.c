#include "pdf_deflate.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../util.h"

/* A symbol as stored: the literal/length code (0 … 285) in bits 0 to 8;
 * for a length code, the value of its extra bits in bits 9 to 13, the
 * distance code in bits 14 to 18 and the value of its extra bits in bits 19
 * to 31. Coding a document then needs no searching. */
#define SYM_CODE(s) ((s) & 0x1FF)
#define SYM_LX(s) (((s) >> 9) & 0x1F)
#define SYM_DIST(s) (((s) >> 14) & 0x1F)
#define SYM_DX(s) ((s) >> 19)

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                       193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static uint32_t
match_sym(unsigned len, unsigned dist)
{
	unsigned lc = 28;
	while (len_base[lc] > len)
		lc--;
	unsigned dc = 29;
	while (dist_base[dc] > dist)
		dc--;
	return (uint32_t)(257 + lc) | (uint32_t)(len - len_base[lc]) << 9 | (uint32_t)dc << 14 |
	       (uint32_t)(dist - dist_base[dc]) << 19;
}

/* ---- parsing ---- */

enum { HASH_BITS = 12, MIN_MATCH = 3, MAX_MATCH = 258, WINDOW = 32768, TOO_FAR = 4096 };

static unsigned
hash3(const unsigned char *p)
{
	return ((unsigned)p[0] << 8 ^ (unsigned)p[1] << 4 ^ p[2]) * 2654435761u >> (32 - HASH_BITS);
}

struct matcher {
	const unsigned char *p;
	size_t len;
	int32_t head[1 << HASH_BITS];
	int32_t *prev;
	int effort;
};

/* How many bytes a and b have in common at their start, up to max. */
static inline size_t
same_bytes(const unsigned char *a, const unsigned char *b, size_t max)
{
	size_t k = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; k + 8 <= max; k += 8) {
		uint64_t x, y;
		memcpy(&x, a + k, 8);
		memcpy(&y, b + k, 8);
		if (x != y)
			return k + (size_t)__builtin_ctzll(x ^ y) / 8; /* the first byte that differs */
	}
#endif
	while (k < max && a[k] == b[k])
		k++;
	return k;
}

/* The longest earlier match at pos (its length, or 0, and *dist). */
static unsigned
longest(const struct matcher *m, size_t pos, unsigned *dist)
{
	if (pos + MIN_MATCH > m->len)
		return 0;
	size_t max = m->len - pos < MAX_MATCH ? m->len - pos : MAX_MATCH;
	unsigned best = 0;
	int chain = m->effort;
	for (int32_t c = m->head[hash3(m->p + pos)]; c >= 0 && chain-- > 0; c = m->prev[c]) {
		if (pos - (size_t)c > WINDOW)
			break;
		const unsigned char *a = m->p + c, *b = m->p + pos;
		if (a[best] != b[best] || a[0] != b[0])
			continue;
		size_t k = same_bytes(a, b, max);
		if (k > best) {
			best = (unsigned)k;
			*dist = (unsigned)(pos - (size_t)c);
			if (k == max)
				break;
		}
	}
	if (best < MIN_MATCH || (best == MIN_MATCH && *dist > TOO_FAR))
		return 0;
	return best;
}

static void
insert(struct matcher *m, size_t pos)
{
	if (pos + MIN_MATCH > m->len)
		return;
	unsigned h = hash3(m->p + pos);
	m->prev[pos] = m->head[h];
	m->head[h] = (int32_t)pos;
}

void
pdf_lz_parse(struct pdf_lz *lz, const unsigned char *p, size_t len, int effort)
{
	memset(lz, 0, sizeof(*lz));
	lz->len = len;
	lz->adler = (uint32_t)adler32(adler32(0, NULL, 0), p, (uInt)len);
	if (len == 0)
		return;
	struct matcher *m = xmalloc(sizeof(*m));
	m->p = p;
	m->len = len;
	m->effort = effort > 0 ? effort : 1;
	memset(m->head, 0xFF, sizeof(m->head));
	m->prev = xmalloc(len * sizeof(*m->prev));
	uint32_t *sym = xmalloc(len * sizeof(*sym));
	size_t n = 0;
	/* lazy matching: a match is taken unless the next position has a
	 * longer one */
	for (size_t i = 0; i < len;) {
		unsigned d1 = 0, d2 = 0;
		unsigned l1 = longest(m, i, &d1);
		insert(m, i);
		if (l1 && i + 1 < len && longest(m, i + 1, &d2) > l1)
			l1 = 0;
		if (l1 == 0) {
			sym[n++] = p[i++];
			continue;
		}
		sym[n++] = match_sym(l1, d1);
		for (size_t k = i + 1; k < i + l1; k++)
			insert(m, k);
		i += l1;
	}
	free(m->prev);
	free(m);
	lz->sym = xrealloc(sym, n * sizeof(*sym));
	lz->n = n;
}

void
pdf_lz_free(struct pdf_lz *lz)
{
	free(lz->sym);
	memset(lz, 0, sizeof(*lz));
}

/* ---- Huffman codes ---- */

struct node {
	uint64_t weight;
	int parent;
};

struct leaf {
	uint32_t freq;
	int sym;
};

static int
cmp_leaf(const void *a, const void *b)
{
	const struct leaf *x = a, *y = b;
	if (x->freq != y->freq)
		return x->freq < y->freq ? -1 : 1;
	return (x->sym > y->sym) - (x->sym < y->sym);
}

/* Code lengths of at most maxbits for the n symbols with these
 * frequencies: a complete code (unused symbols get 0), with at least two
 * codes so that every inflater accepts it. */
static void
code_lengths(const uint32_t *freq, int n, int maxbits, uint8_t *lens)
{
	struct leaf leaves[288];
	int m = 0;
	memset(lens, 0, (size_t)n);
	for (int s = 0; s < n; s++)
		if (freq[s])
			leaves[m++] = (struct leaf){freq[s], s};
	if (m < 2) {
		int a = m ? leaves[0].sym : 0;
		lens[a] = 1;
		lens[a == 0 ? 1 : 0] = 1;
		return;
	}
	qsort(leaves, (size_t)m, sizeof(*leaves), cmp_leaf);
	/* two queues: the sorted leaves (nodes 0 … m-1) and the inner nodes
	 * made in order of weight (m … 2m-2) */
	struct node nodes[2 * 288];
	for (int i = 0; i < m; i++)
		nodes[i] = (struct node){leaves[i].freq, -1};
	int li = 0, ii = m, next = m;
	for (int k = 0; k < m - 1; k++) {
		int pick[2];
		for (int j = 0; j < 2; j++) {
			if (li < m && (ii >= next || nodes[li].weight <= nodes[ii].weight))
				pick[j] = li++;
			else
				pick[j] = ii++;
		}
		nodes[next] = (struct node){nodes[pick[0]].weight + nodes[pick[1]].weight, -1};
		nodes[pick[0]].parent = nodes[pick[1]].parent = next;
		next++;
	}
	int depth[2 * 288];
	depth[next - 1] = 0;
	for (int i = next - 2; i >= 0; i--)
		depth[i] = depth[nodes[i].parent] + 1;
	int count[64] = {0};
	for (int i = 0; i < m; i++)
		count[depth[i] < 63 ? depth[i] : 63]++;
	/* too long codes: fold them into maxbits and restore the Kraft sum */
	for (int i = maxbits + 1; i < 64; i++) {
		count[maxbits] += count[i];
		count[i] = 0;
	}
	uint32_t total = 0;
	for (int i = maxbits; i > 0; i--)
		total += (uint32_t)count[i] << (maxbits - i);
	while (total != 1u << maxbits) {
		count[maxbits]--;
		for (int i = maxbits - 1; i > 0; i--)
			if (count[i]) {
				count[i]--;
				count[i + 1] += 2;
				break;
			}
		total--;
	}
	/* the rarest symbols get the longest codes */
	int j = 0;
	for (int len = maxbits; len >= 1; len--)
		for (int k = count[len]; k > 0; k--)
			lens[leaves[j++].sym] = (uint8_t)len;
}

/* Canonical codes for the lengths, bit-reversed for LSB-first output. */
static void
codes_of(const uint8_t *lens, int n, uint16_t *codes)
{
	int count[16] = {0};
	for (int s = 0; s < n; s++)
		count[lens[s]]++;
	count[0] = 0;
	unsigned next[16], code = 0;
	for (int b = 1; b < 16; b++) {
		code = (code + (unsigned)count[b - 1]) << 1;
		next[b] = code;
	}
	for (int s = 0; s < n; s++) {
		if (lens[s] == 0)
			continue;
		unsigned c = next[lens[s]]++, r = 0;
		for (int b = 0; b < lens[s]; b++)
			r |= ((c >> b) & 1) << (lens[s] - 1 - b);
		codes[s] = (uint16_t)r;
	}
}

/* ---- writing ---- */

/* The bits of a block, least significant first; out has room for all of
 * them (reserved before writing). */
/* Huffman codes, and the header of a block that gives them. */
struct pdf_codes {
	uint16_t code[286 + 30]; /* literals and lengths, then distances */
	uint8_t len[286 + 30];
	uint8_t lbits[286], dbits[30]; /* with the extra bits */
	unsigned char head[576];  /* at most 14 + 57 + 316 × 14 bits */
	size_t head_bits;
};

struct bits {
	unsigned char *q;
	uint64_t acc;
	int n;
};

/* Adds up to 32 bits. */
static inline void
put_bits(struct bits *w, uint32_t v, int n)
{
	w->acc |= (uint64_t)v << w->n;
	w->n += n;
	if (w->n >= 32) {
		w->q[0] = (unsigned char)w->acc;
		w->q[1] = (unsigned char)(w->acc >> 8);
		w->q[2] = (unsigned char)(w->acc >> 16);
		w->q[3] = (unsigned char)(w->acc >> 24);
		w->q += 4;
		w->acc >>= 32;
		w->n -= 32;
	}
}

static void
flush_bits(struct bits *w)
{
	while (w->n > 0) {
		*w->q++ = (unsigned char)w->acc;
		w->acc >>= 8;
		w->n -= 8;
	}
	w->n = 0;
	w->acc = 0;
}

static const uint8_t cl_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

/* Appends nbits bits from p (least significant first). */
static void
put_bitstring(struct bits *w, const unsigned char *p, size_t nbits)
{
	size_t i = 0;
	for (; i + 32 <= nbits; i += 32, p += 4)
		put_bits(w, (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24, 32);
	for (; i < nbits; i += 8, p++)
		put_bits(w, nbits - i >= 8 ? *p : *p & ((1u << (nbits - i)) - 1), nbits - i >= 8 ? 8 : (int)(nbits - i));
}

/* The symbols of a piece with codes c. */
static void
put_symbols(struct bits *w, const struct pdf_codes *c, const struct pdf_lz *z)
{
	for (size_t k = 0; k < z->n; k++) {
		uint32_t s = z->sym[k];
		unsigned l = SYM_CODE(s);
		if (l < 256) {
			put_bits(w, c->code[l], c->len[l]);
			continue;
		}
		/* a match as two groups of bits: length code and extra bits,
		 * distance code and extra bits */
		put_bits(w, c->code[l] | SYM_LX(s) << c->len[l], c->lbits[l]);
		unsigned d = SYM_DIST(s);
		put_bits(w, c->code[286 + d] | SYM_DX(s) << c->len[286 + d], c->dbits[d]);
	}
}

/* Codes fitted to symbol frequencies, and the block header that gives
 * them. */
static void
codes_fit(struct pdf_codes *c, uint32_t *lfreq, const uint32_t *dfreq)
{
	memset(c, 0, sizeof(*c));
	lfreq[256] = lfreq[256] ? lfreq[256] : 1;
	uint8_t *lens = c->len;
	code_lengths(lfreq, 286, 15, lens);
	code_lengths(dfreq, 30, 15, lens + 286);
	int nl = 286, nd = 30;
	while (nl > 257 && lens[nl - 1] == 0)
		nl--;
	while (nd > 1 && lens[286 + nd - 1] == 0)
		nd--;
	/* the code lengths, run-length coded: (symbol, extra bits) */
	uint8_t all[286 + 30];
	memcpy(all, lens, (size_t)nl);
	memcpy(all + nl, lens + 286, (size_t)nd);
	int total = nl + nd;
	uint8_t rle[286 + 30][2];
	int nr = 0;
	uint32_t cfreq[19] = {0};
	for (int i = 0; i < total;) {
		int run = 1;
		while (i + run < total && all[i + run] == all[i])
			run++;
		if (all[i] == 0 && run >= 3) {
			int r = run > 138 ? 138 : run;
			rle[nr][0] = r <= 10 ? 17 : 18;
			rle[nr][1] = (uint8_t)(r <= 10 ? r - 3 : r - 11);
			cfreq[rle[nr++][0]]++;
			i += r;
		} else if (all[i] != 0 && run >= 4) {
			rle[nr][0] = all[i];
			rle[nr++][1] = 0;
			cfreq[all[i]]++;
			int r = run - 1 > 6 ? 6 : run - 1;
			rle[nr][0] = 16;
			rle[nr++][1] = (uint8_t)(r - 3);
			cfreq[16]++;
			i += 1 + r;
		} else {
			rle[nr][0] = all[i];
			rle[nr++][1] = 0;
			cfreq[all[i]]++;
			i++;
		}
	}
	uint8_t clens[19];
	uint16_t ccodes[19] = {0};
	code_lengths(cfreq, 19, 7, clens);
	codes_of(clens, 19, ccodes);
	int nc = 19;
	while (nc > 4 && clens[cl_order[nc - 1]] == 0)
		nc--;
	codes_of(lens, 286, c->code);
	codes_of(lens + 286, 30, c->code + 286);
	for (int l = 0; l < 286; l++)
		c->lbits[l] = (uint8_t)(lens[l] + (l > 256 ? len_extra[l - 257] : 0));
	for (int d = 0; d < 30; d++)
		c->dbits[d] = (uint8_t)(lens[286 + d] + dist_extra[d]);

	struct bits w = {c->head, 0, 0};
	put_bits(&w, (uint32_t)(nl - 257), 5);
	put_bits(&w, (uint32_t)(nd - 1), 5);
	put_bits(&w, (uint32_t)(nc - 4), 4);
	for (int i = 0; i < nc; i++)
		put_bits(&w, clens[cl_order[i]], 3);
	static const int rle_bits[3] = {2, 3, 7};
	for (int i = 0; i < nr; i++) {
		put_bits(&w, ccodes[rle[i][0]], clens[rle[i][0]]);
		if (rle[i][0] >= 16)
			put_bits(&w, rle[i][1], rle_bits[rle[i][0] - 16]);
	}
	c->head_bits = (size_t)(w.q - c->head) * 8 + (size_t)w.n;
	flush_bits(&w);
}

static void
count(const struct pdf_lz *z, uint32_t *lfreq, uint32_t *dfreq)
{
	for (size_t k = 0; k < z->n; k++) {
		uint32_t s = z->sym[k];
		lfreq[SYM_CODE(s)]++;
		if (SYM_CODE(s) > 256)
			dfreq[SYM_DIST(s)]++;
	}
}

/* Appends a zlib stream of the pieces coded with c: a single block. */
static void
deflate_coded(struct buf *out, const struct pdf_codes *c, const struct pdf_lz *const *pieces, size_t n)
{
	/* room for the header, every piece (at most 48 bits a symbol) and
	 * the checksum */
	size_t room = 2 + sizeof(c->head) + 8 + 4;
	uint32_t adler = (uint32_t)adler32(0, NULL, 0);
	for (size_t i = 0; i < n; i++) {
		room += 6 * pieces[i]->n;
		adler = (uint32_t)adler32_combine(adler, pieces[i]->adler, (z_off_t)pieces[i]->len);
	}
	buf_grow(out, room);
	unsigned char *start = (unsigned char *)out->p + out->len;
	start[0] = 0x78;
	start[1] = 0xDA;
	struct bits w = {start + 2, 0, 0};
	put_bits(&w, 1, 1); /* the last block */
	put_bits(&w, 2, 2); /* dynamic Huffman codes */
	put_bitstring(&w, c->head, c->head_bits);
	for (size_t i = 0; i < n; i++)
		put_symbols(&w, c, pieces[i]);
	put_bits(&w, c->code[256], c->len[256]);
	flush_bits(&w);
	w.q[0] = (unsigned char)(adler >> 24);
	w.q[1] = (unsigned char)(adler >> 16);
	w.q[2] = (unsigned char)(adler >> 8);
	w.q[3] = (unsigned char)adler;
	out->len += (size_t)(w.q + 4 - start);
	out->p[out->len] = '\0';
}

void
pdf_deflate_pieces(struct buf *out, const struct pdf_lz *const *pieces, size_t n)
{
	uint32_t lfreq[286] = {0}, dfreq[30] = {0};
	for (size_t i = 0; i < n; i++)
		count(pieces[i], lfreq, dfreq);
	struct pdf_codes c;
	codes_fit(&c, lfreq, dfreq);
	deflate_coded(out, &c, pieces, n);
}

void
pdf_deflate(struct buf *out, const void *p, size_t len)
{
	struct pdf_lz lz;
	pdf_lz_parse(&lz, p, len, PDF_LZ_FAST);
	const struct pdf_lz *piece = &lz;
	pdf_deflate_pieces(out, &piece, 1);
	pdf_lz_free(&lz);
}
