/* The model as an XML document: the input of the theme templates. Its shape
 * is described by docs/model.rng. Confidential review data is never part of
 * the model, so it cannot appear here. */
#ifndef QB_MODELXML_H
#define QB_MODELXML_H

#include <libxml/tree.h>

#include "model.h"

#define QB_CMARK_NS "http://commonmark.org/xml/1.0"

/* Makes libxml2 and libxslt allocate with xmalloc and friends (util.h):
 * running out of memory ends the program with status 2 and a message, as
 * everywhere else. Call it first, before any other libxml2 call. */
void xml_memory_init(void);

/* Builds the document; the caller frees it with xmlFreeDoc(). */
xmlDocPtr model_to_xml(const struct model *m);

/* Converts one Markdown tree to a CommonMark XML element (cm:document). */
xmlNodePtr markdown_to_xml(cmark_node *root, xmlNsPtr ns);

#endif
