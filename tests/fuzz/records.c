/* Fuzz target: a records file through the whole load and check. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_file("campaigns/2025/records.yaml", data, size);
	return 0;
}
