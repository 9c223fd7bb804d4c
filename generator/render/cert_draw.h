/* The certificate's furniture, drawn with libharu: the border, the rule
 * under the title and the QR code. Each function does nothing once *st
 * holds an error and leaves libharu's first error there. */
#ifndef QB_CERT_DRAW_H
#define QB_CERT_DRAW_H

#include <hpdf.h>

#include "cert_theme.h"

/* The border's lines, in points from the page's edges: everything drawn
 * lies inside the outer one, the texts inside the inner one. */
#define FRAME_OUTER 22.0 /* the thick line */
#define FRAME_INNER 30.0 /* the thin line inside it */

/* A thick and a thin frame in the border colour, brackets with a diamond in
 * the accent colour in the corners, on a page w by h points. */
void cert_draw_border(HPDF_Page page, const struct cert_theme *t, double w, double h, HPDF_STATUS *st);
/* A rule 2 * half points long centred on (x, y), broken by a diamond. */
void cert_draw_rule(HPDF_Page page, const struct cert_theme *t, double x, double y, double half, HPDF_STATUS *st);
/* The QR code of text (libqrencode, error correction level M) as an
 * inline image mask of one sample a module in a square of `size` points
 * with its lower left corner at (x, y); the quiet zone around it is left
 * to the caller. Returns 0, or -1 with *err set (caller frees). */
int cert_draw_qr(HPDF_Page page, const char *text, double x, double y, double size, HPDF_STATUS *st, char **err);

#endif
