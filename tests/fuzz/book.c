/* Fuzz target: a narrative through the experience compendium with the
 * default theme: load and check the scratch tree with the input as one
 * case's narrative of an announced year, then, when it is clean, set that
 * year's book (line breaking, paragraphs, tables, lists, pages). */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_render_narrative(data, size, "compendium");
	return 0;
}
