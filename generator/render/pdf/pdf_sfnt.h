/* TrueType font programs for PDF documents, made straight from a face's
 * tables, deflated, for documents that each embed a few dozen glyphs.
 *
 * A program holds the tables a PDF reader uses for a CIDFontType2 font
 * (glyf, head, hhea, hmtx, loca, maxp) and the glyphs asked for, renumbered
 * in the order of their old numbers, with their hinting instructions left
 * out. Faces whose units per em are even are written at half their units:
 * every coordinate and metric halved, rounded, so that no point of a simple
 * glyph moves by more than 1/upem em (two units of the face in a composite
 * glyph): at 300 dpi, a quarter of a pixel for 56-point text, at 1,024
 * units per em. The glyph data, whose coordinate deltas are then a bit
 * shorter, deflates about 9 % smaller. The outline is then made of fewer
 * points wherever it stays within 2/upem em of the face's on either axis
 * (3/upem in coarse glyphs; at 300 dpi, under half a pixel for 56-point
 * text, 36-point in coarse glyphs), everywhere along every segment: an
 * on-curve point between two off-curve points is left out, implied at
 * their midpoint, the two moved by up to two units of the program each
 * (four in coarse glyphs) to bring it there; a curve between two on-curve points is written as
 * the line between them. Each glyph is read,
 * stripped and parsed for deflating once per process and kept
 * (pdf_deflate.h), so a program costs little more than coding its
 * symbols with Huffman codes fitted to it. */
#ifndef QB_PDF_SFNT_H
#define QB_PDF_SFNT_H

#include <hb.h>
#include <stddef.h>

struct buf;
struct pdf_sfnt;

/* Reads the tables of a face (which must stay open while it is used).
 * Returns NULL with *err set (caller frees) when the face has no TrueType
 * outlines or its tables are malformed. */
struct pdf_sfnt *pdf_sfnt_new(hb_face_t *face, char **err);
void pdf_sfnt_free(struct pdf_sfnt *s);
/* The face's bounding box (xMin, yMin, xMax, yMax) in font units. */
void pdf_sfnt_bbox(const struct pdf_sfnt *s, int box[4]);

/* Makes the font program of the glyphs in `glyphs` (the face's numbers) and
 * appends it, deflated as a zlib stream, to out; *raw_len is its length
 * before deflating. Glyph 0 and the components of composite glyphs are
 * added to the set; a glyph's number in the program is its rank in the set.
 * The simple glyphs in `coarse` (which may be NULL), drawn small, are
 * written at a quarter of the face's units (coordinates even in the
 * program's), no point moving by more than 2/upem em (the outline by
 * 3/upem where points are left out), for another 5 % or so, unless they are components of
 * composite glyphs of the program, whose offsets are halved apart. Returns 0, or -1 with *err set (caller frees). */
int pdf_sfnt_program(struct pdf_sfnt *s, hb_set_t *glyphs, const hb_set_t *coarse, struct buf *out, size_t *raw_len,
                     char **err);

#endif
