/* Shared by the libFuzzer targets (tests/fuzz/NAME.c, `make fuzz`): a scratch
 * content tree, copied once per process from tests/fixtures/good, into
 * which a target writes its input, and the loading every target repeats. */
#ifndef QB_FUZZ_H
#define QB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The scratch tree's content folder (made on first use, removed at exit). */
const char *fuzz_content(void);
/* The scratch folder beside it, for outputs. */
const char *fuzz_scratch(void);
/* Writes data as the file rel of the scratch content tree. */
void fuzz_put(const char *rel, const uint8_t *data, size_t size);
/* Loads and checks the scratch tree as `qbpress check` does, as of
 * 2026-11-25. Returns the number of errors. */
int fuzz_load(struct model *m);
/* Prints the diagnostics (to /dev/null, through the same sorting as a
 * run) and frees the model and every diagnostic. */
void fuzz_done(struct model *m);
/* Writes data as the file rel, then loads, checks and frees. */
void fuzz_check_file(const char *rel, const uint8_t *data, size_t size);
/* Writes data as a 2025 case's narrative, then, when the scratch tree
 * loads and checks clean, runs the one renderer named (as in --only) with
 * the default theme into a scratch output, and frees everything. */
void fuzz_render_narrative(const uint8_t *data, size_t size, const char *renderer);
/* The project's folder (for themes and fixtures). */
const char *fuzz_root(void);

#endif
