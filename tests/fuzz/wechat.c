/* Fuzz target: a narrative through the whole WeChat export with the default
 * theme: load and check the scratch tree with the input as one case's
 * narrative, then, when it is clean, render every article, the manifest and
 * the copy page. */
#include <libxml/parser.h>
#include <stdlib.h>

#include "diag.h"
#include "fuzz.h"
#include "modelxml.h"
#include "render/render.h"
#include "util.h"

int render_wechat(const struct render_ctx *ctx);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *theme, *out;
	if (theme == NULL) {
		xmlInitParser();
		theme = path_join(fuzz_root(), "themes/default");
		out = path_join(fuzz_scratch(), "out");
	}
	struct model m = {0};
	fuzz_put("campaigns/2025/cases/alpha-works.md", data, size);
	if (fuzz_load(&m) == 0) {
		xmlDocPtr doc = model_to_xml(&m);
		struct render_ctx ctx = {&m, doc, out, theme, theme, 1, false};
		render_wechat(&ctx);
		xmlFreeDoc(doc);
	}
	fuzz_done(&m);
	return 0;
}
