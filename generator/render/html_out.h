/* Serialising a transformation's result with the HTML output method. */
#ifndef QB_HTML_OUT_H
#define QB_HTML_OUT_H

#include <libxml/tree.h>

#include "../util.h"

/* Appends doc as libxml2's HTML serialiser writes it (the meta charset is
 * the caller's: htmlSetMetaEncoding()); format adds its line breaks
 * between block elements (xsl:output indent="yes"). */
void html_out(struct buf *b, xmlDocPtr doc, int format);

#endif
