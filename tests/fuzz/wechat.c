/* Fuzz target: a narrative through the whole WeChat export with the default
 * theme: load and check the scratch tree with the input as one case's
 * narrative, then, when it is clean, render every article, the manifest and
 * the copy page. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_render_narrative(data, size, "wechat");
	return 0;
}
