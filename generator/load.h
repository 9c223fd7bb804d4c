/* Loading the content tree into the model. */
#ifndef QB_LOAD_H
#define QB_LOAD_H

#include "model.h"

/* Loads every file of the content folder into m, reporting what is wrong
 * with the content through diag() (all problems, in one run). Returns 0 when
 * the folder could be read, -1 (with a diagnostic) when it cannot be read
 * at all. Derived facts are computed by model_derive(). */
int model_load(struct model *m, const char *content_dir);

/* Loads only the calendar files (for `qbpress dates`). */
int model_load_calendar(struct model *m, const char *content_dir);

/* Computes publicity periods, phases, statuses and certificate numbers as of
 * m->today. */
void model_derive(struct model *m);

#endif
