/* Fuzz target: a narrative as the loader takes it (load_check_text), then
 * markdown_parse (front matter, cmark-gfm, sanitising, link targets in the
 * scratch content tree) and its conversion to the model's XML. */
#define _GNU_SOURCE
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "load.h"
#include "markdown.h"
#include "modelxml.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *real;
	const char *dir = fuzz_content();
	if (real == NULL)
		real = realpath(dir, NULL);
	struct model m = {0};
	m.content_dir = xstrdup(dir);
	struct markdown_ctx ctx = {m.content_dir, real, &m, NULL};
	struct buf b = {0};
	buf_add(&b, (const char *)data, size);
	const char *rel = "campaigns/2025/cases/alpha-works.md";
	if (load_check_text(rel, &b) == 0) {
		struct ynode *fm = NULL;
		struct document *d = markdown_parse(&ctx, rel, rel, b.p, b.len, &fm, true);
		if (d) {
			xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
			xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"narrative");
			xmlDocSetRootElement(doc, root);
			xmlNsPtr ns = xmlNewNs(root, (const xmlChar *)QB_CMARK_NS, (const xmlChar *)"cm");
			xmlNodePtr x = markdown_to_xml(d->root, ns, &m, NULL);
			if (x)
				xmlAddChild(root, x);
			xmlFreeDoc(doc);
			document_free(d);
		}
		ynode_free(fm);
	}
	buf_free(&b);
	fuzz_done(&m);
	return 0;
}
