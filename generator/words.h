/* The words the model takes from the theme (themes/NAME/words.yaml, else
 * the default theme's): the item numbers and names of the focus areas of
 * Art. 11, and the title of a campaign whose campaign.yaml gives none.
 * Every renderer reads them from the model; none has words of its own. */
#ifndef QB_WORDS_H
#define QB_WORDS_H

#include "model.h"

/* Reads the words file at path into m: the focus areas' words and the
 * default titles of the campaigns without one. Problems are reported
 * through diag() at the file's line and column. Returns 0, or -1 after a
 * diagnostic. */
int words_load(struct model *m, const char *path);

#endif
