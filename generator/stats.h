/* The programme's figures, computed once from the model for the statistics
 * page, the announcements and the spreadsheets: the <statistics> element of
 * the model XML (docs/model.rng). */
#ifndef QB_STATS_H
#define QB_STATS_H

#include <libxml/tree.h>

#include "model.h"

/* Appends <statistics> to parent. A campaign counts from the day its
 * publicity notice is out (m->today) or once it is announced; a benchmark
 * is a record named in an announcement (issued), whether or not it was
 * revoked later. */
void stats_xml(const struct model *m, xmlNodePtr parent);

#endif
