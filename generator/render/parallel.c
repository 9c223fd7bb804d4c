#define _GNU_SOURCE
#include "parallel.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../diag.h"
#include "../util.h"

/* Frames on a worker's pipe: a header, then len bytes. FRAME_DONE ends
 * each job's frames. */
enum { FRAME_DIAG = 1, FRAME_FAIL = 2, FRAME_DONE = 3 };

struct frame_head {
	uint32_t job, kind;
	uint64_t len;
};

/* Frame kinds from FRAME_USER on are par_kind()'s. */
enum { FRAME_USER = 16, FRAME_KINDS = 64 };

static struct {
	par_receive fn;
	void *arg;
} receivers[FRAME_KINDS];
static int nkinds = FRAME_USER;

static struct {
	bool active; /* in a worker */
	int fd;
	size_t job;
} worker = {false, -1, 0};

static bool lost;
/* Descriptors a worker closes: the output folder's lock is the build's. */
static int close_fds[8];
static size_t nclose;

void
par_worker_close(int fd)
{
	if (fd >= 0 && nclose < sizeof(close_fds) / sizeof(close_fds[0]))
		close_fds[nclose++] = fd;
}

bool
par_lost(void)
{
	return lost;
}

int
par_kind(par_receive fn, void *arg)
{
	int k = FRAME_USER;
	while (k < nkinds && receivers[k].fn != NULL)
		k++;
	if (k == FRAME_KINDS) {
		fputs("qbpress: too many kinds of message between processes\n", stderr);
		exit(2);
	}
	if (k == nkinds)
		nkinds++;
	receivers[k].fn = fn;
	receivers[k].arg = arg;
	return k;
}

void
par_drop(int kind)
{
	if (kind >= FRAME_USER && kind < FRAME_KINDS)
		receivers[kind].fn = NULL;
}

bool
par_in_worker(void)
{
	return worker.active;
}

static void
send_all(int fd, const void *data, size_t len)
{
	/* When the calling process is gone, nobody can use what is left. */
	if (write_all(fd, data, len) != 0)
		_exit(3);
}

/* A worker's frames wait in one buffer and go to the pipe once per job,
 * with its FRAME_DONE: one write and one wake-up of the calling process
 * a job, not one for every page the job writes. */
static struct buf outbox;

static void
send_frame(uint32_t kind, const void *a, size_t alen, const void *b, size_t blen)
{
	struct frame_head h = {(uint32_t)worker.job, kind, alen + blen};
	buf_add(&outbox, (const char *)&h, sizeof(h));
	if (alen)
		buf_add(&outbox, a, alen);
	if (blen)
		buf_add(&outbox, b, blen);
}

static void
send_job(void)
{
	send_frame(FRAME_DONE, NULL, 0, NULL, 0);
	send_all(worker.fd, outbox.p, outbox.len);
	outbox.len = 0;
}

void
par_send(int kind, const void *data, size_t len)
{
	if (kind < FRAME_USER || kind >= FRAME_KINDS)
		return;
	if (worker.active) {
		send_frame((uint32_t)kind, data, len, NULL, 0);
		return;
	}
	if (receivers[kind].fn)
		receivers[kind].fn(receivers[kind].arg, data, len);
}

/* A diagnostic on the wire: severity, line, column, then the file name
 * (empty for none) and the text, each NUL-terminated. */
struct diag_head {
	int32_t sev, line, col, has_file;
};

static void
send_diag(void *arg, enum diag_severity sev, const char *file, int line, int col, const char *text)
{
	(void)arg;
	struct buf b = {0};
	struct diag_head h = {(int32_t)sev, line, col, file != NULL};
	buf_add(&b, (const char *)&h, sizeof(h));
	buf_add(&b, file ? file : "", strlen(file ? file : "") + 1);
	buf_add(&b, text, strlen(text) + 1);
	send_frame(FRAME_DIAG, b.p, b.len, NULL, 0);
	buf_free(&b);
}

static void
receive_diag(const char *data, size_t len)
{
	struct diag_head h;
	if (len < sizeof(h) + 2)
		return;
	memcpy(&h, data, sizeof(h));
	const char *file = data + sizeof(h);
	const char *text = file + strlen(file) + 1;
	if (text >= data + len)
		return;
	diag((enum diag_severity)h.sev, h.has_file ? file : NULL, h.line, h.col, "%s", text);
}

static void
worker_loop(atomic_size_t *next, size_t n, int (*job)(void *, size_t), void *arg)
{
	/* What the calling process had reported before the fork is its own. */
	diag_drain(NULL, NULL);
	for (;;) {
		size_t i = atomic_fetch_add(next, 1);
		if (i >= n)
			break;
		worker.job = i;
		int rc = job(arg, i);
		diag_drain(send_diag, NULL);
		if (rc != 0)
			send_frame(FRAME_FAIL, NULL, 0, NULL, 0);
		send_job();
	}
}

struct inbox {
	int fd;
	pid_t pid;
	struct buf data;
	size_t used; /* bytes of data delivered already */
	bool open;
};

struct frame_ref {
	uint32_t job, kind;
	size_t seq;
	const char *data;
	size_t len;
};

static int
cmp_frame(const void *a, const void *b)
{
	const struct frame_ref *x = a, *y = b;
	if (x->job != y->job)
		return x->job < y->job ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

static void
show_progress(const char *label, size_t done, size_t n)
{
	fprintf(stderr, "\rqbpress: %s %zu/%zu", label, done < n ? done : n, n);
	fflush(stderr);
}

struct par_batch {
	size_t n;
	size_t delivered;     /* jobs below this are delivered */
	const char *label;
	bool progress;
	int rc;               /* what starting it (or running it here) gave */
	atomic_size_t *next;  /* NULL: run here, done */
	struct inbox *in;
	size_t started, open;
};

/* The batches whose workers run while the calling process does other
 * work: whoever waits on a pipe reads theirs too, so that none of their
 * workers blocks on a full pipe. */
static struct par_batch *pending[8];
static size_t npending;

static void
pending_drop(struct par_batch *b)
{
	for (size_t i = 0; i < npending; i++)
		if (pending[i] == b) {
			pending[i] = pending[--npending];
			return;
		}
}

/* Reads what is there on an inbox; closes it at its end. */
static void
inbox_read(struct par_batch *b, struct inbox *in)
{
	buf_grow(&in->data, 65536);
	ssize_t got = read(in->fd, in->data.p + in->data.len, in->data.cap - in->data.len - 1);
	if (got > 0) {
		in->data.len += (size_t)got;
	} else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
		close(in->fd);
		in->open = false;
		b->open--;
	}
}

/* Hands a frame to its receiver; a failed job's frame sets *rc. */
static void
deliver(uint32_t kind, const char *data, size_t len, int *rc)
{
	if (kind == FRAME_DIAG)
		receive_diag(data, len);
	else if (kind == FRAME_FAIL)
		*rc = -1;
	else if (kind >= FRAME_USER && kind < FRAME_KINDS && receivers[kind].fn)
		receivers[kind].fn(receivers[kind].arg, data, len);
}

/* Delivers the jobs whose frames have all come, in job order, while the
 * workers run, so that the calling process holds at most what the jobs
 * being run have sent, not what the whole batch sends. A job's frames all
 * come from the one worker that ran it, ended by FRAME_DONE; each worker
 * takes its jobs in increasing order, so the next job to deliver is at
 * the head of one inbox. */
static void
deliver_ready(struct par_batch *b, int *rc)
{
	for (bool more = true; more;) {
		more = false;
		for (size_t k = 0; k < b->started && !more; k++) {
			struct inbox *in = &b->in[k];
			const char *p = in->data.p + in->used;
			size_t left = in->data.len - in->used, at = 0;
			struct frame_head h;
			if (left < sizeof(h))
				continue;
			memcpy(&h, p, sizeof(h));
			if (h.job != b->delivered)
				continue;
			/* whether the job's FRAME_DONE has come */
			bool done = false;
			while (!done && left - at >= sizeof(h)) {
				memcpy(&h, p + at, sizeof(h));
				if (left - at - sizeof(h) < h.len)
					break;
				at += sizeof(h) + h.len;
				done = h.kind == FRAME_DONE;
			}
			if (!done)
				return;
			for (size_t off = 0; off < at;) {
				memcpy(&h, p + off, sizeof(h));
				deliver(h.kind, p + off + sizeof(h), (size_t)h.len, rc);
				off += sizeof(h) + h.len;
			}
			in->used += at;
			if (in->used == in->data.len) {
				in->data.len = in->used = 0;
			} else if (in->used >= 65536 && in->used * 2 >= in->data.len) {
				memmove(in->data.p, in->data.p + in->used, in->data.len - in->used);
				in->data.len -= in->used;
				in->used = 0;
			}
			b->delivered++;
			more = true;
		}
	}
}

static void
run_here(struct par_batch *b, int (*job)(void *arg, size_t i), void *arg)
{
	for (size_t i = 0; i < b->n; i++) {
		if (job(arg, i) != 0)
			b->rc = -1;
		if (b->progress && (i % 64 == 0 || i + 1 == b->n))
			show_progress(b->label, i + 1, b->n);
	}
	if (b->progress)
		fputc('\n', stderr);
}

struct par_batch *
par_start(int workers, size_t n, int (*job)(void *arg, size_t i), void *arg, bool progress, const char *label)
{
	struct par_batch *b = xcalloc(1, sizeof(*b));
	b->n = n;
	b->label = label;
	b->progress = progress;
	if (n == 0)
		return b;
	size_t nw = workers > 1 ? (size_t)workers : 1;
	if (nw > n)
		nw = n;
	if (nw <= 1 || worker.active || npending == sizeof(pending) / sizeof(pending[0])) {
		run_here(b, job, arg);
		return b;
	}
	b->next = mmap(NULL, sizeof(*b->next), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (b->next == MAP_FAILED) {
		b->next = NULL;
		diag(DIAG_FAILURE, NULL, 0, 0, "cannot share memory with worker processes: %s", strerror(errno));
		b->rc = -1;
		return b;
	}
	atomic_init(b->next, 0);
	pid_t parent = getpid();
	b->in = xcalloc(nw, sizeof(*b->in));
	pending[npending++] = b;
	fflush(NULL);
	for (size_t k = 0; k < nw; k++) {
		int fds[2];
		if (pipe2(fds, O_CLOEXEC) != 0) {
			diag(DIAG_FAILURE, NULL, 0, 0, "cannot start a worker process: %s", strerror(errno));
			b->rc = -1;
			break;
		}
		/* Room for what a worker reports while this process does other
		 * work (par_start): a worker that finds its pipe full waits. */
		(void)fcntl(fds[0], F_SETPIPE_SZ, 1 << 20);
		pid_t pid = fork();
		if (pid < 0) {
			diag(DIAG_FAILURE, NULL, 0, 0, "cannot start a worker process: %s", strerror(errno));
			close(fds[0]);
			close(fds[1]);
			b->rc = -1;
			break;
		}
		if (pid == 0) {
			/* A worker does not outlive the build: killed with it, it writes
			 * nothing more. */
			if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
				_exit(3);
			for (size_t j = 0; j < nclose; j++)
				close(close_fds[j]);
			close(fds[0]);
			/* this batch's other pipes and the running batches' */
			for (size_t p = 0; p < npending; p++)
				for (size_t j = 0; j < pending[p]->started; j++)
					if (pending[p]->in[j].open)
						close(pending[p]->in[j].fd);
			worker.active = true;
			worker.fd = fds[1];
			worker_loop(b->next, n, job, arg);
			_exit(0);
		}
		close(fds[1]);
		b->in[b->started++] = (struct inbox){fds[0], pid, {0}, 0, true};
	}
	b->open = b->started;
	return b;
}

int
par_finish(struct par_batch *b)
{
	if (!b)
		return -1;
	int rc = b->rc;
	if (!b->next) {
		free(b);
		return rc;
	}
	/* Read every pipe until all of this batch's are closed, and the other
	 * running batches' pipes meanwhile; count progress from the shared
	 * counter. */
	size_t cap = 0;
	struct pollfd *pf = NULL;
	struct inbox **which = NULL;
	struct par_batch **whose = NULL;
	while (b->open > 0) {
		size_t np = 0;
		for (size_t p = 0; p < npending; p++)
			for (size_t k = 0; k < pending[p]->started; k++) {
				if (!pending[p]->in[k].open)
					continue;
				if (np == cap) {
					cap = cap ? 2 * cap : 16;
					pf = xrealloc(pf, cap * sizeof(*pf));
					which = xrealloc(which, cap * sizeof(*which));
					whose = xrealloc(whose, cap * sizeof(*whose));
				}
				pf[np] = (struct pollfd){pending[p]->in[k].fd, POLLIN, 0};
				which[np] = &pending[p]->in[k];
				whose[np++] = pending[p];
			}
		int r = poll(pf, np, b->progress ? 200 : -1);
		if (r < 0 && errno != EINTR) {
			diag(DIAG_FAILURE, NULL, 0, 0, "cannot read from the worker processes: %s", strerror(errno));
			rc = -1;
			break;
		}
		for (size_t p = 0; r > 0 && p < np; p++)
			if (pf[p].revents & (POLLIN | POLLHUP | POLLERR))
				inbox_read(whose[p], which[p]);
		deliver_ready(b, &rc);
		if (b->progress)
			show_progress(b->label, atomic_load(b->next), b->n);
	}
	free(pf);
	free(which);
	free(whose);
	pending_drop(b);
	if (b->progress) {
		show_progress(b->label, atomic_load(b->next), b->n);
		fputc('\n', stderr);
	}
	for (size_t k = 0; k < b->started; k++) {
		if (b->in[k].open)
			close(b->in[k].fd);
		int st;
		while (waitpid(b->in[k].pid, &st, 0) < 0) {
			if (errno != EINTR) {
				st = -1;
				break;
			}
		}
		if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
			lost = true;
		if (WIFSIGNALED(st)) {
			diag(DIAG_ERROR, NULL, 0, 0, "a worker process died (signal %d: %s) while rendering %s",
			     WTERMSIG(st), strsignal(WTERMSIG(st)), b->label);
			rc = -1;
		} else if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
			diag(DIAG_ERROR, NULL, 0, 0, "a worker process failed while rendering %s", b->label);
			rc = -1;
		}
	}
	/* Deliver what is left (the jobs after one whose worker died) in job
	 * order. */
	struct frame_ref *fr = NULL;
	size_t nfr = 0, frcap = 0, seq = 0;
	for (size_t k = 0; k < b->started; k++) {
		const char *p = b->in[k].data.p + b->in[k].used;
		size_t left = b->in[k].data.len - b->in[k].used;
		while (left >= sizeof(struct frame_head)) {
			struct frame_head h;
			memcpy(&h, p, sizeof(h));
			if (left - sizeof(h) < h.len)
				break;
			if (nfr == frcap) {
				frcap = frcap ? frcap * 2 : 256;
				fr = xrealloc(fr, frcap * sizeof(*fr));
			}
			fr[nfr++] = (struct frame_ref){h.job, h.kind, seq++, p + sizeof(h), (size_t)h.len};
			p += sizeof(h) + h.len;
			left -= sizeof(h) + h.len;
		}
	}
	if (nfr > 1)
		qsort(fr, nfr, sizeof(*fr), cmp_frame);
	for (size_t i = 0; i < nfr; i++)
		deliver(fr[i].kind, fr[i].data, fr[i].len, &rc);
	free(fr);
	for (size_t k = 0; k < b->started; k++)
		buf_free(&b->in[k].data);
	free(b->in);
	munmap(b->next, sizeof(*b->next));
	free(b);
	return rc;
}

int
par_run(int workers, size_t n, int (*job)(void *arg, size_t i), void *arg, bool progress, const char *label)
{
	if (n == 0)
		return 0;
	return par_finish(par_start(workers, n, job, arg, progress, label));
}
