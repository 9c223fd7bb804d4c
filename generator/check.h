/* The programme's rules (the implementing measures), checked on a loaded
 * model. Problems are reported through diag(). */
#ifndef QB_CHECK_H
#define QB_CHECK_H

#include "model.h"

void model_check(struct model *m);

#endif
