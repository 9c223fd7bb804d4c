/* Loading the content tree into the model. */
#ifndef QB_LOAD_H
#define QB_LOAD_H

#include "model.h"
#include "util.h"

/* The largest content files: a YAML file (a records file of 100,000
 * records fits) and a Markdown narrative or page (a case runs to tens of
 * kilobytes). Larger files are refused with a diagnostic, unread. */
#define CONTENT_YAML_MAX ((size_t)64 << 20)
#define CONTENT_MARKDOWN_MAX ((size_t)2 << 20)
/* The most records of one campaign (the programme selects about a hundred
 * a year): beyond it the records file is refused, so that every output
 * stays in proportion. */
#define CONTENT_RECORDS_MAX 5000

/* Loads every file of the content folder into m, reporting what is wrong
 * with the content through diag() (all problems, in one run). Returns 0 when
 * the folder could be read, -1 (with a diagnostic) when it cannot be read
 * at all. Derived facts are computed by model_derive(). */
int model_load(struct model *m, const char *content_dir);
/* How many threads model_load() may use for the campaign folders (1, the
 * default: the calling thread alone). The model and the messages are the
 * same for any number. */
void model_load_threads(int n);
/* Calls fn(m, arg) from model_load() once site.yaml is read (its theme is
 * known), before the campaign folders load; NULL for none. */
void model_load_after_site(void (*fn)(const struct model *m, void *arg), void *arg);

/* The body of a case narrative, parsed from its file, which must still
 * hold the bytes the loader read (else an error is reported). With report
 * set, its problems (links, images, raw HTML) are reported through diag();
 * a build's record pass does that once, and later readers of the body pass
 * false. Returns the sanitised tree (NULL when the file cannot be read);
 * the caller frees it with markdown_free_tree(). */
cmark_node *document_body(const struct model *m, struct document *d, bool report);
/* The same for a body whose text an earlier build reported on (the same
 * bytes): reports only that the file cannot be read or has changed. */
cmark_node *document_body_again(const struct model *m, struct document *d);

/* Checks and prepares the text of a content file read into b: refuses
 * UTF-16, invalid UTF-8, NUL bytes, control characters and noncharacters
 * with a diagnostic at their line and column (`path` names the file);
 * drops a UTF-8 byte-order mark and makes every line end a line feed.
 * Returns 0, or -1 after a diagnostic. */
int load_check_text(const char *path, struct buf *b);

/* Loads only the calendar files (for `qbpress dates`). */
int model_load_calendar(struct model *m, const char *content_dir);

/* Computes publicity periods, phases, statuses and certificate numbers as of
 * m->today. */
void model_derive(struct model *m);

#endif
