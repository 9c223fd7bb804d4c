/* Fuzz target: a narrative through the experience compendium with the
 * default theme: load and check the scratch tree with the input as one
 * case's narrative of an announced year, then, when it is clean, set that
 * year's book (line breaking, paragraphs, tables, lists, pages). */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "modelxml.h"
#include "output.h"
#include "render/render.h"
#include "util.h"

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
	struct staging st = {.lock = -1};
	if (fuzz_load(&m) == 0 && staging_begin(&st, out, true) == 0) {
		bool want[16] = {0};
		for (size_t i = 0; i < nrenderers && i < 16; i++)
			want[i] = strcmp(renderers[i].name, "compendium") == 0;
		struct render_shared shared = {0};
		struct render_ctx ctx = {.model = &m,
		                         .staging = &st,
		                         .out = st.dir,
		                         .theme_dir = theme,
		                         .default_theme_dir = theme,
		                         .jobs = 1,
		                         .shared = &shared};
		render_run(&ctx, want);
		render_shared_free(&shared);
	}
	staging_abort(&st);
	fuzz_done(&m);
	return 0;
}
