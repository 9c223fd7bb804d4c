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

/* Frames on a worker's pipe: a header, then len bytes. */
enum { FRAME_DIAG = 1, FRAME_FAIL = 2 };

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

static void
send_frame(uint32_t kind, const void *a, size_t alen, const void *b, size_t blen)
{
	struct frame_head h = {(uint32_t)worker.job, kind, alen + blen};
	send_all(worker.fd, &h, sizeof(h));
	if (alen)
		send_all(worker.fd, a, alen);
	if (blen)
		send_all(worker.fd, b, blen);
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
	}
}

struct inbox {
	int fd;
	pid_t pid;
	struct buf data;
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

int
par_run(int workers, size_t n, int (*job)(void *arg, size_t i), void *arg, bool progress, const char *label)
{
	if (n == 0)
		return 0;
	size_t nw = workers > 1 ? (size_t)workers : 1;
	if (nw > n)
		nw = n;
	if (nw <= 1 || worker.active) {
		int rc = 0;
		for (size_t i = 0; i < n; i++) {
			if (job(arg, i) != 0)
				rc = -1;
			if (progress && (i % 64 == 0 || i + 1 == n))
				show_progress(label, i + 1, n);
		}
		if (progress)
			fputc('\n', stderr);
		return rc;
	}
	atomic_size_t *next =
	    mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (next == MAP_FAILED) {
		diag(DIAG_FAILURE, NULL, 0, 0, "cannot share memory with worker processes: %s", strerror(errno));
		return -1;
	}
	atomic_init(next, 0);
	pid_t parent = getpid();
	struct inbox *in = xcalloc(nw, sizeof(*in));
	int rc = 0;
	size_t started = 0;
	fflush(NULL);
	for (size_t k = 0; k < nw; k++) {
		int fds[2];
		if (pipe2(fds, O_CLOEXEC) != 0) {
			diag(DIAG_FAILURE, NULL, 0, 0, "cannot start a worker process: %s", strerror(errno));
			rc = -1;
			break;
		}
		pid_t pid = fork();
		if (pid < 0) {
			diag(DIAG_FAILURE, NULL, 0, 0, "cannot start a worker process: %s", strerror(errno));
			close(fds[0]);
			close(fds[1]);
			rc = -1;
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
			for (size_t j = 0; j < started; j++)
				close(in[j].fd);
			worker.active = true;
			worker.fd = fds[1];
			worker_loop(next, n, job, arg);
			_exit(0);
		}
		close(fds[1]);
		in[started++] = (struct inbox){fds[0], pid, {0}, true};
	}
	/* Read every pipe until all are closed, so no worker blocks on a full
	 * pipe; count progress from the shared counter meanwhile. */
	struct pollfd *pf = xcalloc(started ? started : 1, sizeof(*pf));
	size_t open_count = started;
	while (open_count > 0) {
		size_t np = 0;
		size_t *which = xcalloc(started, sizeof(*which));
		for (size_t k = 0; k < started; k++) {
			if (!in[k].open)
				continue;
			pf[np] = (struct pollfd){in[k].fd, POLLIN, 0};
			which[np++] = k;
		}
		int r = poll(pf, np, progress ? 200 : -1);
		if (r < 0 && errno != EINTR) {
			diag(DIAG_FAILURE, NULL, 0, 0, "cannot read from the worker processes: %s", strerror(errno));
			free(which);
			rc = -1;
			break;
		}
		for (size_t p = 0; r > 0 && p < np; p++) {
			if (!(pf[p].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			struct inbox *b = &in[which[p]];
			buf_grow(&b->data, 65536);
			ssize_t got = read(b->fd, b->data.p + b->data.len, b->data.cap - b->data.len - 1);
			if (got > 0) {
				b->data.len += (size_t)got;
			} else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
				close(b->fd);
				b->open = false;
				open_count--;
			}
		}
		free(which);
		if (progress)
			show_progress(label, atomic_load(next), n);
	}
	free(pf);
	if (progress)
		fputc('\n', stderr);
	for (size_t k = 0; k < started; k++) {
		if (in[k].open)
			close(in[k].fd);
		int st;
		while (waitpid(in[k].pid, &st, 0) < 0) {
			if (errno != EINTR) {
				st = -1;
				break;
			}
		}
		if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
			lost = true;
		if (WIFSIGNALED(st)) {
			diag(DIAG_ERROR, NULL, 0, 0, "a worker process died (signal %d: %s) while rendering %s",
			     WTERMSIG(st), strsignal(WTERMSIG(st)), label);
			rc = -1;
		} else if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
			diag(DIAG_ERROR, NULL, 0, 0, "a worker process failed while rendering %s", label);
			rc = -1;
		}
	}
	/* Deliver in job order. */
	struct frame_ref *fr = NULL;
	size_t nfr = 0, cap = 0, seq = 0;
	for (size_t k = 0; k < started; k++) {
		const char *p = in[k].data.p;
		size_t left = in[k].data.len;
		while (left >= sizeof(struct frame_head)) {
			struct frame_head h;
			memcpy(&h, p, sizeof(h));
			if (left - sizeof(h) < h.len)
				break;
			if (nfr == cap) {
				cap = cap ? cap * 2 : 256;
				fr = xrealloc(fr, cap * sizeof(*fr));
			}
			fr[nfr++] = (struct frame_ref){h.job, h.kind, seq++, p + sizeof(h), (size_t)h.len};
			p += sizeof(h) + h.len;
			left -= sizeof(h) + h.len;
		}
	}
	if (nfr > 1)
		qsort(fr, nfr, sizeof(*fr), cmp_frame);
	for (size_t i = 0; i < nfr; i++) {
		if (fr[i].kind == FRAME_DIAG)
			receive_diag(fr[i].data, fr[i].len);
		else if (fr[i].kind == FRAME_FAIL)
			rc = -1;
		else if (fr[i].kind >= FRAME_USER && fr[i].kind < FRAME_KINDS && receivers[fr[i].kind].fn)
			receivers[fr[i].kind].fn(receivers[fr[i].kind].arg, fr[i].data, fr[i].len);
	}
	free(fr);
	for (size_t k = 0; k < started; k++)
		buf_free(&in[k].data);
	free(in);
	munmap(next, sizeof(*next));
	return rc;
}
