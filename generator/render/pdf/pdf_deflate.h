/* A deflate (zlib format) encoder for data made of pieces that recur in
 * many documents, such as the glyphs of a font.
 *
 * Each piece is parsed once into LZ77 symbols whose matches stay inside the
 * piece (pdf_lz_parse); a document's stream is then any sequence of parsed
 * pieces, coded with Huffman codes made for that sequence
 * (pdf_deflate_pieces). Parsing is most of the cost of deflating; coding
 * is a small part of it. The result is a little larger than deflating the
 * whole at once, where matches may reach into earlier pieces. */
#ifndef QB_PDF_DEFLATE_H
#define QB_PDF_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* A parsed piece: literals (the byte) and matches (bit 31 set, the length
 * less 3 in bits 16 to 23, the distance less 1 in bits 0 to 15), and the
 * Adler-32 checksum of its bytes as if they began a stream. */
struct pdf_codes;
struct pdf_lz {
	uint32_t *sym;
	size_t n;
	size_t len;    /* bytes it stands for */
	uint32_t adler;
	/* its symbols coded (pdf_lz_code), or NULL */
	unsigned char *bits;
	size_t nbits;
	const struct pdf_codes *coded; /* with these codes */
};

/* Parses len bytes at p, trying up to `effort` earlier places for each
 * match (PDF_LZ_BEST for pieces kept and used many times, PDF_LZ_FAST for
 * one stream). The piece keeps no pointer to p. */
enum { PDF_LZ_FAST = 8, PDF_LZ_BEST = 1024 };
void pdf_lz_parse(struct pdf_lz *lz, const unsigned char *p, size_t len, int effort);
void pdf_lz_free(struct pdf_lz *lz);

/* Appends a zlib stream of the pieces, one after the other, to out: a
 * single block with Huffman codes fitted to them. */
void pdf_deflate_pieces(struct buf *out, const struct pdf_lz *const *pieces, size_t n);
/* Huffman codes, and the header of a block that gives them. */
struct pdf_codes {
	uint16_t code[286 + 30]; /* literals and lengths, then distances */
	uint8_t len[286 + 30];
	uint8_t lbits[286], dbits[30]; /* with the extra bits */
	unsigned char head[576];  /* at most 14 + 57 + 316 × 14 bits */
	size_t head_bits;
};

/* Codes in which every symbol has one, fitted to sample pieces: for
 * streams made of pieces like them, each piece coded once
 * (pdf_lz_code) and its bits copied into every stream that has it
 * (pdf_deflate_coded). A stream so made is a little larger than with
 * codes fitted to it, and it does not depend on which other streams were
 * made before. */
void pdf_codes_sample(struct pdf_codes *c, const struct pdf_lz *const *pieces, size_t n);
/* Codes a piece with c, kept in the piece (c must outlive it). */
void pdf_lz_code(struct pdf_lz *lz, const struct pdf_codes *c);
/* Appends a zlib stream of the pieces coded with c: a single block. Pieces
 * not coded with c are coded on the way. */
void pdf_deflate_coded(struct buf *out, const struct pdf_codes *c, const struct pdf_lz *const *pieces, size_t n);

/* Appends a zlib stream of len bytes at p, parsed with PDF_LZ_FAST. */
void pdf_deflate(struct buf *out, const void *p, size_t len);

#endif
