/* Fuzz target: splitting front matter off a narrative. Besides the
 * sanitizers, it checks the splitter's promise: the body keeps its length
 * and its line feeds, so that line numbers stay those of the file. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "markdown.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	int unclosed = 0;
	char *yaml = markdown_split_front_matter(text, size, &unclosed);
	if (yaml && unclosed)
		abort();
	for (size_t i = 0; i < size; i++)
		if ((text[i] == '\n') != (data[i] == '\n'))
			abort();
	free(yaml);
	free(text);
	return 0;
}
