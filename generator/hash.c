#include "hash.h"

#include <string.h>

#include "util.h"

/* Two 64-bit lanes, each a multiply-rotate chain over 8-byte words with
 * its own constants, finished with the MurmurHash3 avalanche. */
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL

static inline uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t
fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xFF51AFD7ED558CCDULL;
	k ^= k >> 33;
	k *= 0xC4CEB9FE1A85EC53ULL;
	k ^= k >> 33;
	return k;
}

static inline void
mix(struct hasher *h, uint64_t w)
{
	h->a = rotl(h->a ^ (w * P1), 31) * P2;
	h->b = rotl(h->b ^ (w * P3), 27) * P4 + h->a;
}

/* Two words into two independent chains, which the processor runs side by
 * side. */
static inline void
mix2(struct hasher *h, uint64_t w0, uint64_t w1)
{
	h->a = rotl(h->a ^ (w0 * P1), 31) * P2;
	h->b = rotl(h->b ^ (w1 * P3), 27) * P4;
}

void
hasher_init(struct hasher *h)
{
	memset(h, 0, sizeof(*h));
	h->a = P3;
	h->b = P1;
}

void
hasher_add(struct hasher *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	h->len += len;
	if (h->ntail) {
		while (len && h->ntail < 8) {
			h->tail[h->ntail++] = *p++;
			len--;
		}
		if (h->ntail < 8)
			return;
		uint64_t w;
		memcpy(&w, h->tail, 8);
		mix(h, w);
		h->ntail = 0;
	}
	while (len >= 16) {
		uint64_t w0, w1;
		memcpy(&w0, p, 8);
		memcpy(&w1, p + 8, 8);
		mix2(h, w0, w1);
		p += 16;
		len -= 16;
	}
	if (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		mix(h, w);
		p += 8;
		len -= 8;
	}
	memcpy(h->tail, p, len);
	h->ntail = len;
}

void
hasher_u64(struct hasher *h, uint64_t v)
{
	hasher_add(h, &v, sizeof(v));
}

void
hasher_str(struct hasher *h, const char *s)
{
	if (s == NULL) {
		hasher_u64(h, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	hasher_u64(h, n);
	hasher_add(h, s, n);
}

void
hasher_hash(struct hasher *h, struct hash v)
{
	hasher_u64(h, v.a);
	hasher_u64(h, v.b);
}

struct hash
hasher_end(const struct hasher *h)
{
	struct hasher t = *h;
	uint64_t w = 0;
	memcpy(&w, t.tail, t.ntail);
	mix(&t, w ^ ((uint64_t)t.ntail << 56));
	uint64_t a = fmix(t.a ^ t.len), b = fmix(t.b + rotl(t.len, 17));
	return (struct hash){a ^ fmix(b), b + a};
}

struct hash
hash_bytes(const void *data, size_t len)
{
	struct hasher h;
	hasher_init(&h);
	hasher_add(&h, data, len);
	return hasher_end(&h);
}

bool
hash_eq(struct hash x, struct hash y)
{
	return x.a == y.a && x.b == y.b;
}

bool
hash_is_zero(struct hash x)
{
	return x.a == 0 && x.b == 0;
}

void
hash_hex(struct hash x, char out[33])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[i] = digits[(x.a >> (60 - 4 * i)) & 15];
		out[16 + i] = digits[(x.b >> (60 - 4 * i)) & 15];
	}
	out[32] = '\0';
}

bool
hash_parse(const char *s, struct hash *out)
{
	uint64_t v[2] = {0, 0};
	for (int i = 0; i < 32; i++) {
		int d = hex_value(s[i]);
		if (d < 0)
			return false;
		v[i / 16] = (v[i / 16] << 4) | (uint64_t)d;
	}
	out->a = v[0];
	out->b = v[1];
	return true;
}
