/* Serialising a transformation's result with the HTML output method. */
#ifndef QB_HTML_OUT_H
#define QB_HTML_OUT_H

#include <libxml/tree.h>

#include "../util.h"

/* Appends doc as libxml2's HTML serialiser writes it (the meta charset is
 * the caller's: htmlSetMetaEncoding()); format adds its line breaks
 * between block elements (xsl:output indent="yes"). */
void html_out(struct buf *b, xmlDocPtr doc, int format);
/* Appends the nodes below parent as they are written inside it. */
void html_out_children(struct buf *b, xmlNodePtr parent, int format);

#endif
