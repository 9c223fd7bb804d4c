/* Fuzz target: the YAML document loader (ydoc_parse) on any bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "fuzz.h"
#include "yamldoc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ynode *root = ydoc_parse("fuzz.yaml", (const char *)data, size, 0);
	ynode_free(root);
	diag_reset();
	return 0;
}
