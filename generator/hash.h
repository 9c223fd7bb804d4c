/* A fast 128-bit hash for telling whether inputs or outputs changed
 * between builds (not for security). Feed bytes in any pieces: the result
 * depends only on the bytes fed, in order. */
#ifndef QB_HASH_H
#define QB_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hash {
	uint64_t a, b;
};

struct hasher {
	uint64_t a, b, len;
	unsigned char tail[8];
	size_t ntail;
};

void hasher_init(struct hasher *h);
void hasher_add(struct hasher *h, const void *data, size_t len);
/* Adds a string with its length, so that ("ab", "c") and ("a", "bc")
 * differ; NULL differs from "". */
void hasher_str(struct hasher *h, const char *s);
void hasher_u64(struct hasher *h, uint64_t v);
void hasher_hash(struct hasher *h, struct hash v);
struct hash hasher_end(const struct hasher *h);

/* The hash of a block of bytes. */
struct hash hash_bytes(const void *data, size_t len);
bool hash_eq(struct hash x, struct hash y);
bool hash_is_zero(struct hash x);
/* 32 hexadecimal digits and a NUL into out[33]. */
void hash_hex(struct hash x, char out[33]);
/* Reads 32 hexadecimal digits; returns false when s is not that. */
bool hash_parse(const char *s, struct hash *out);

#endif
