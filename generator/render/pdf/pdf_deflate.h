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
struct pdf_lz {
	uint32_t *sym;
	size_t n;
	size_t len;    /* bytes it stands for */
	uint32_t adler;
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
/* Appends a zlib stream of len bytes at p, parsed with PDF_LZ_FAST. */
void pdf_deflate(struct buf *out, const void *p, size_t len);

#endif
