/* One pool of worker processes that every renderer runs its jobs on.
 *
 * par_run() runs a job for each index below n. With more than one job it
 * forks worker processes that take indexes in order from a counter in
 * shared memory; each worker sends back, through its own pipe, what its
 * jobs reported through diag() and what they sent with par_send(). The
 * calling process delivers it job by job in index order, each job once it
 * has ended and every job before it is delivered (so it holds no more
 * than the jobs being run have sent): what a run reports and records does
 * not depend on which process did which job, and every diagnostic is
 * counted and printed once, sorted with the rest. A worker that dies is an
 * error, reported. */
#ifndef QB_PARALLEL_H
#define QB_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>

/* Receives a message in the calling process. */
typedef void (*par_receive)(void *arg, const void *data, size_t len);

/* A new kind of message a job may send, with its receiver; call it in the
 * calling process before par_run(). Returns the kind. */
int par_kind(par_receive fn, void *arg);
/* Drops the receiver of a kind (its messages are ignored from now on). */
void par_drop(int kind);

/* Runs job(arg, i) for every i below n on up to `workers` processes, or in
 * this process when workers is 1 or n is 1. A job returns 0, or -1 after
 * reporting why through diag(); the others still run. With progress set,
 * a line on stderr counts the jobs done under `label`. Returns 0, or -1
 * when a job failed or a worker could not run or died. */
int par_run(int workers, size_t n, int (*job)(void *arg, size_t i), void *arg, bool progress,
            const char *label);

/* The same in two steps: par_start() starts the jobs on their workers
 * and returns while they run, so that the calling process can do other
 * work (and run other jobs) meanwhile; par_finish() waits for them,
 * delivers what they reported and sent, as par_run() does, and returns
 * what par_run() would. With one worker, or in a worker, par_start()
 * runs the jobs itself before it returns. Every batch started must be
 * finished. */
struct par_batch;
struct par_batch *par_start(int workers, size_t n, int (*job)(void *arg, size_t i), void *arg, bool progress,
                            const char *label);
int par_finish(struct par_batch *b);

/* From a job: sends a message to the receiver of its kind. In the calling
 * process itself (no workers), delivers it at once. */
void par_send(int kind, const void *data, size_t len);

/* Whether a worker of some par_run() died or failed to finish since the
 * program started: then what it did is not all known. */
bool par_lost(void);

/* A descriptor that workers close when they start (the output folder's
 * lock, which must be released when the build ends, however it ends). */
void par_worker_close(int fd);

/* Whether this process is a worker of par_run(). */
bool par_in_worker(void);

#endif
