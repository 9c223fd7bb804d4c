/* The model as an XML document: the input of the theme templates. Its shape
 * is described by docs/model.rng. Confidential review data is never part of
 * the model, so it cannot appear here. */
#ifndef QB_MODELXML_H
#define QB_MODELXML_H

#include <libxml/tree.h>

#include "model.h"

#define QB_CMARK_NS "http://commonmark.org/xml/1.0"

/* Builds the document; the caller frees it with xmlFreeDoc(). */
xmlDocPtr model_to_xml(const struct model *m);

/* Sets the attribute name of n to v in decimal. */
void modelxml_set_int(xmlNodePtr n, const char *name, long v);

/* Converts one Markdown tree to a CommonMark XML element (cm:document). */
xmlNodePtr markdown_to_xml(cmark_node *root, xmlNsPtr ns);

#endif
