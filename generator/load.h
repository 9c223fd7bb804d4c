/* Loading the content tree into the model. */
#ifndef QB_LOAD_H
#define QB_LOAD_H

#include "model.h"

/* Loads every file of the content folder into m, reporting what is wrong
 * with the content through diag() (all problems, in one run). Returns 0 when
 * the folder could be read, -1 (with a diagnostic) when it cannot be read
 * at all. Derived facts are computed by model_derive(). */
int model_load(struct model *m, const char *content_dir);

/* The body of a case narrative, parsed from its file, which must still
 * hold the bytes the loader read (else an error is reported). With report
 * set, its problems (links, images, raw HTML) are reported through diag();
 * a build's record pass does that once, and later readers of the body pass
 * false. Returns the sanitised tree (NULL when the file cannot be read);
 * the caller frees it with markdown_free_tree(). */
cmark_node *document_body(const struct model *m, struct document *d, bool report);

/* Loads only the calendar files (for `qbpress dates`). */
int model_load_calendar(struct model *m, const char *content_dir);

/* Computes publicity periods, phases, statuses and certificate numbers as of
 * m->today. */
void model_derive(struct model *m);

#endif
