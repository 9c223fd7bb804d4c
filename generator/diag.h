/* Diagnostics in the compiler format "file:line:col: error: message".
 * Messages are collected during a run, then printed sorted by file, line and
 * column, followed by a summary line. */
#ifndef QB_DIAG_H
#define QB_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

/* DIAG_FAILURE is an error of the machine, not of the content (a write that
 * failed: a full disk, a folder that cannot be written): printed as an
 * error, counted with the errors and by diag_failures(). */
enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE, DIAG_FAILURE };

/* A place in a source file: line and col are 1-based, 0 when unknown. */
struct pos {
	const char *file;
	int line, col;
};

void diag(enum diag_severity sev, const char *file, int line, int col, const char *fmt, ...) QB_PRINTF(5, 6);
void diag_at(enum diag_severity sev, struct pos p, const char *fmt, ...) QB_PRINTF(3, 4);
#define diag_error(p, ...) diag_at(DIAG_ERROR, (p), __VA_ARGS__)
#define diag_warning(p, ...) diag_at(DIAG_WARNING, (p), __VA_ARGS__)

int diag_errors(void);
int diag_failures(void);
int diag_warnings(void);
/* Prints every collected message, sorted, then "N errors, M warnings" when
 * summary is set; empties the list. */
void diag_flush(FILE *fp, int summary);
/* While muted, this thread's messages are dropped (for work that repeats
 * work whose problems were reported already). Calls nest. */
void diag_mute(bool on);
/* Forgets all messages and counts. */
void diag_reset(void);
/* Hands every collected message, in the order reported, to fn. */
void diag_each(void (*fn)(void *arg, enum diag_severity sev, const char *file, int line, int col, const char *text),
               void *arg);
/* How many messages are collected; diag_each_from() hands those reported
 * after that point to fn, in order. */
size_t diag_count(void);
void diag_each_from(size_t first,
                    void (*fn)(void *arg, enum diag_severity sev, const char *file, int line, int col,
                               const char *text),
                    void *arg);
/* Hands every collected message, in the order reported, to fn and forgets
 * them and their counts (interned file names stay). */
void diag_drain(void (*fn)(void *arg, enum diag_severity sev, const char *file, int line, int col,
                           const char *text),
                void *arg);
/* Interns a file name for the lifetime of the process (from any thread). */
const char *diag_file(const char *name);

/* Messages that a thread reports between diag_capture_begin() and
 * diag_capture_end() go to c, not to the collected ones: a thread that
 * works beside others captures, and the calling thread commits the
 * captures in the order the work would have been done in one thread, so
 * that the messages, their order and their counts are the same. The
 * counts (diag_errors() …) include a capture's once it is committed. */
struct diag_capture {
	struct message *msgs;
	size_t n, cap;
};
void diag_capture_begin(struct diag_capture *c);
void diag_capture_end(void);
void diag_capture_commit(struct diag_capture *c);
/* Forgets a capture's messages. */
void diag_capture_discard(struct diag_capture *c);

#endif
