#include "diag.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct message {
	enum diag_severity sev;
	const char *file;
	int line, col;
	size_t seq;
	char *text;
};

static struct message *msgs;
static size_t nmsgs, capmsgs;
static int nerrors, nwarnings, nfailures;
/* Interned file names: an open-addressing hash set (power-of-two size),
 * shared by threads. */
static char **files;
static size_t nfiles, capfiles;
static pthread_mutex_t files_lock = PTHREAD_MUTEX_INITIALIZER;
/* A thread that captures keeps its messages apart (diag_capture_begin). */
static _Thread_local struct diag_capture *capture;

static size_t
hash_name(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static const char *
intern(const char *name)
{
	if (nfiles * 2 >= capfiles) {
		size_t cap = capfiles ? capfiles * 2 : 256;
		char **t = xcalloc(cap, sizeof(*t));
		for (size_t i = 0; i < capfiles; i++) {
			if (files[i] == NULL)
				continue;
			size_t j = hash_name(files[i]) & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = files[i];
		}
		free(files);
		files = t;
		capfiles = cap;
	}
	size_t j = hash_name(name) & (capfiles - 1);
	while (files[j]) {
		if (strcmp(files[j], name) == 0)
			return files[j];
		j = (j + 1) & (capfiles - 1);
	}
	files[j] = xstrdup(name);
	nfiles++;
	return files[j];
}

const char *
diag_file(const char *name)
{
	pthread_mutex_lock(&files_lock);
	const char *f = intern(name);
	pthread_mutex_unlock(&files_lock);
	return f;
}

static _Thread_local int muted;

void
diag_mute(bool on)
{
	muted += on ? 1 : -1;
}

/* Appends m to a list of messages that doubles when full. */
static void
push(struct message **v, size_t *n, size_t *cap, struct message m)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = m;
}

static void
add(struct message m)
{
	m.seq = nmsgs;
	push(&msgs, &nmsgs, &capmsgs, m);
	if (m.sev == DIAG_ERROR || m.sev == DIAG_FAILURE)
		nerrors++;
	if (m.sev == DIAG_FAILURE)
		nfailures++;
	else if (m.sev == DIAG_WARNING)
		nwarnings++;
}

void
diag_capture_begin(struct diag_capture *c)
{
	memset(c, 0, sizeof(*c));
	capture = c;
}

void
diag_capture_end(void)
{
	capture = NULL;
}

void
diag_capture_commit(struct diag_capture *c)
{
	for (size_t i = 0; i < c->n; i++)
		add(c->msgs[i]);
	free(c->msgs);
	memset(c, 0, sizeof(*c));
}

void
diag_capture_discard(struct diag_capture *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->msgs[i].text);
	free(c->msgs);
	memset(c, 0, sizeof(*c));
}

static void
vdiag(enum diag_severity sev, const char *file, int line, int col, const char *fmt, va_list ap)
{
	if (muted > 0)
		return;
	struct buf b = {0};
	buf_vprintf(&b, fmt, ap);
	struct message m = {sev, file ? diag_file(file) : NULL, line, col, 0, buf_steal(&b)};
	if (capture)
		push(&capture->msgs, &capture->n, &capture->cap, m);
	else
		add(m);
}

void
diag(enum diag_severity sev, const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(sev, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_at(enum diag_severity sev, struct pos p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(sev, p.file, p.line, p.col, fmt, ap);
	va_end(ap);
}

int
diag_errors(void)
{
	return nerrors;
}

int
diag_failures(void)
{
	return nfailures;
}

int
diag_warnings(void)
{
	return nwarnings;
}

static int
cmp_msg(const void *a, const void *b)
{
	const struct message *x = a, *y = b;
	/* Messages without a file (whole-run problems) come first. */
	if ((x->file == NULL) != (y->file == NULL))
		return x->file == NULL ? -1 : 1;
	if (x->file && y->file) {
		int c = strcmp(x->file, y->file);
		if (c)
			return c;
	}
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

static const char *
sev_name(enum diag_severity s)
{
	switch (s) {
	case DIAG_ERROR:
	case DIAG_FAILURE:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

void
diag_flush(FILE *fp, int summary)
{
	if (nmsgs > 1)
		qsort(msgs, nmsgs, sizeof(*msgs), cmp_msg);
	for (size_t i = 0; i < nmsgs; i++) {
		struct message *m = &msgs[i];
		if (m->file == NULL)
			fprintf(fp, "qbpress: %s: %s\n", sev_name(m->sev), m->text);
		else if (m->line <= 0)
			fprintf(fp, "%s: %s: %s\n", m->file, sev_name(m->sev), m->text);
		else
			fprintf(fp, "%s:%d:%d: %s: %s\n", m->file, m->line, m->col > 0 ? m->col : 1,
			        sev_name(m->sev), m->text);
		free(m->text);
	}
	nmsgs = 0;
	if (summary)
		fprintf(fp, "%d error%s, %d warning%s\n", nerrors, nerrors == 1 ? "" : "s", nwarnings,
		        nwarnings == 1 ? "" : "s");
	fflush(fp);
}

void
diag_reset(void)
{
	for (size_t i = 0; i < nmsgs; i++)
		free(msgs[i].text);
	free(msgs);
	msgs = NULL;
	nmsgs = capmsgs = 0;
	nerrors = nwarnings = nfailures = 0;
	for (size_t i = 0; i < capfiles; i++)
		free(files[i]);
	free(files);
	files = NULL;
	nfiles = capfiles = 0;
}

void
diag_drain(void (*fn)(void *arg, enum diag_severity sev, const char *file, int line, int col, const char *text),
           void *arg)
{
	for (size_t i = 0; i < nmsgs; i++) {
		if (fn)
			fn(arg, msgs[i].sev, msgs[i].file, msgs[i].line, msgs[i].col, msgs[i].text);
		free(msgs[i].text);
	}
	nmsgs = 0;
	nerrors = nwarnings = nfailures = 0;
}

size_t
diag_count(void)
{
	return nmsgs;
}

void
diag_each_from(size_t first,
               void (*fn)(void *arg, enum diag_severity sev, const char *file, int line, int col, const char *text),
               void *arg)
{
	for (size_t i = first; i < nmsgs; i++)
		fn(arg, msgs[i].sev, msgs[i].file, msgs[i].line, msgs[i].col, msgs[i].text);
}

void
diag_each(void (*fn)(void *arg, enum diag_severity sev, const char *file, int line, int col, const char *text),
          void *arg)
{
	diag_each_from(0, fn, arg);
}
