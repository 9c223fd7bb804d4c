#define _GNU_SOURCE
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "manifest.h"
#include "preview.h"
#include "util.h"
#include "watch.h"

/* A build starts once the folders have been quiet this long after a
 * change (an editor's save, a checkout, a copy are bursts of events), or
 * this long after the first change at the latest. */
enum { QUIET_MS = 150, MAX_WAIT_MS = 1500 };

struct server {
	const struct serve_options *o;
	char *exe;       /* this program */
	char *dir;       /* the private folder */
	char *out;       /* the output folder in it */
	struct watch *watch;
	struct preview *preview;
	int sigfd;
	bool tty;        /* progress on a terminal */
	char *theme_dir, *default_dir; /* watched */
	/* Changes not built yet. */
	int changes;
	char *changed;   /* the last changed path, or NULL */
	int64_t first_at, last_at;
	/* The build under way (pid 0: none). */
	pid_t pid;
	bool reaped;
	int status;
	int pipe;        /* its output, -1 once read to the end */
	int64_t started;
	char *cause;     /* the changed path it was started for, or NULL */
	struct buf seg;  /* the part of a line read so far */
	bool seg_cr;     /* it follows a carriage return: progress */
	bool progress;   /* a progress line is on the terminal */
	struct buf shown; /* its text */
	struct buf messages; /* what it reported, one message a line */
	bool built;      /* a build succeeded since serving began */
};

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A listening socket on 127.0.0.1; sets *bound to its port. Returns the
 * descriptor, or -1 with errno set. */
static int
listen_on(int port, int *bound)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int one = 1;
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 64) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	*bound = ntohs(a.sin_port);
	return fd;
}

/* ---- the terminal ---- */

static void
clear_progress(struct server *s)
{
	if (s->progress)
		fputs("\r\033[K", stderr);
	s->progress = false;
}

/* A message of the build: to the terminal, and kept for the pages. */
static void
message(struct server *s, const char *text)
{
	clear_progress(s);
	fprintf(stderr, "%s\n", text);
	buf_puts(&s->messages, text);
	buf_putc(&s->messages, '\n');
}

/* A piece of the build's output between line ends. The build reports
 * progress only when asked (--progress): lines that a carriage return
 * starts (the counters) and its own lines that are not an error, warning
 * or note. They share the one line on a terminal; everything else is a
 * message. */
static void
take_segment(struct server *s)
{
	const char *t = s->seg.p ? s->seg.p : "";
	bool progress = s->seg_cr;
	if (!progress && str_has_prefix(t, "qbpress: ")) {
		const char *rest = t + strlen("qbpress: ");
		progress = !str_has_prefix(rest, "error:") && !str_has_prefix(rest, "warning:") &&
		           !str_has_prefix(rest, "note:");
	}
	if (*t == '\0') {
		/* nothing */
	} else if (!progress) {
		message(s, t);
	} else if (s->tty && !(s->progress && strcmp(t, s->shown.p) == 0)) {
		fprintf(stderr, "\r\033[K%s", t);
		fflush(stderr);
		s->progress = true;
		s->shown.len = 0;
		buf_puts(&s->shown, t);
	}
	s->seg.len = 0;
	if (s->seg.p)
		s->seg.p[0] = '\0';
}

/* Reads what the build printed. At its end, closes the pipe. */
static void
read_output(struct server *s)
{
	char chunk[4096];
	for (;;) {
		ssize_t n = read(s->pipe, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			take_segment(s);
			close(s->pipe);
			s->pipe = -1;
			return;
		}
		for (ssize_t i = 0; i < n; i++) {
			if (chunk[i] == '\r' || chunk[i] == '\n') {
				take_segment(s);
				s->seg_cr = chunk[i] == '\r';
			} else {
				buf_putc(&s->seg, chunk[i]);
			}
		}
	}
}

/* ---- builds ---- */

/* The value of key in a manifest's options text ("... theme-dir=PATH
 * default-dir=PATH"): up to the next key in next, else to the end; caller
 * frees. NULL when it has none. */
static char *
option_value(const char *options, const char *key, const char *next)
{
	const char *v = strstr(options, key);
	if (v == NULL)
		return NULL;
	v += strlen(key);
	const char *end = next ? strstr(v, next) : NULL;
	return end ? xstrndup(v, (size_t)(end - v)) : xstrdup(v);
}

/* Watches the theme folders the last build used, and gives them to the
 * server. */
static void
follow_theme(struct server *s)
{
	char *mp = path_join(s->out, MANIFEST_FILE);
	struct manifest m;
	int rc = manifest_read(mp, &m);
	free(mp);
	if (rc != 0)
		return;
	char *theme = m.options ? option_value(m.options, " theme-dir=", " default-dir=") : NULL;
	char *def = m.options ? option_value(m.options, " default-dir=", NULL) : NULL;
	manifest_free(&m);
	bool same = theme && def && s->theme_dir && s->default_dir && strcmp(theme, s->theme_dir) == 0 &&
	            strcmp(def, s->default_dir) == 0;
	if (theme && def && *theme && *def && !same) {
		if (watch_add_tree(s->watch, theme) != 0 || watch_add_tree(s->watch, def) != 0)
			fprintf(stderr, "qbpress: warning: cannot watch the theme %s: %s\n", theme, strerror(errno));
		preview_set_theme(s->preview, theme, def);
		free(s->theme_dir);
		free(s->default_dir);
		s->theme_dir = theme;
		s->default_dir = def;
		theme = def = NULL;
	}
	free(theme);
	free(def);
}

static void
build_start(struct server *s, const sigset_t *mask)
{
	watch_restore(s->watch);
	free(s->cause);
	s->cause = s->changed;
	s->changed = NULL;
	s->changes = 0;
	size_t n = 0;
	while (s->o->build_args[n])
		n++;
	const char **argv = xcalloc(n + 8, sizeof(*argv));
	size_t k = 0;
	argv[k++] = s->exe;
	argv[k++] = "build";
	argv[k++] = "-C";
	argv[k++] = s->o->content;
	argv[k++] = "-o";
	argv[k++] = s->out;
	for (size_t i = 0; i < n; i++)
		argv[k++] = s->o->build_args[i];
	int fds[2];
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	pid_t parent = getpid();
	pid_t pid = -1;
	int e = errno;
	if (null >= 0 && pipe2(fds, O_CLOEXEC) != 0) {
		e = errno;
	} else if (null >= 0) {
		fflush(NULL);
		pid = fork();
		e = errno;
		if (pid == 0) {
			/* Only what is safe after a fork of a threaded process. The
			 * build ends with this server, however it ends. */
			struct sigaction dfl = {0};
			dfl.sa_handler = SIG_DFL;
			sigaction(SIGPIPE, &dfl, NULL);
			sigprocmask(SIG_SETMASK, mask, NULL);
			if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent)
				_exit(127);
			if (dup2(null, 0) < 0 || dup2(fds[1], 1) < 0 || dup2(fds[1], 2) < 0)
				_exit(127);
			execv(s->exe, (char *const *)argv);
			_exit(127);
		}
		close(fds[1]);
		if (pid < 0)
			close(fds[0]);
	}
	if (null >= 0)
		close(null);
	free(argv);
	s->messages.len = 0;
	buf_puts(&s->messages, "");
	s->started = now_ms();
	if (pid < 0) {
		char *text = xasprintf("qbpress: error: cannot start a build: %s", strerror(e));
		message(s, text);
		free(text);
		preview_publish(s->preview, false, s->messages.p);
		return;
	}
	s->pid = pid;
	s->reaped = false;
	s->pipe = fds[0];
	s->seg_cr = false;
	fcntl(s->pipe, F_SETFL, fcntl(s->pipe, F_GETFL) | O_NONBLOCK);
}

static void
build_end(struct server *s)
{
	clear_progress(s);
	int st = s->status;
	bool ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	char *text = NULL;
	if (WIFSIGNALED(st))
		text = xasprintf("qbpress: error: the build ended by signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
	else if (!ok && s->messages.len == 0)
		text = xasprintf("qbpress: error: the build failed with status %d", WEXITSTATUS(st));
	if (text)
		message(s, text);
	free(text);
	if (ok)
		follow_theme(s);
	preview_publish(s->preview, ok, ok ? NULL : s->messages.p);
	double secs = (double)(now_ms() - s->started) / 1000;
	if (!s->o->quiet) {
		char *why = s->cause ? xasprintf("%s changed: ", s->cause) : xstrdup("");
		if (ok)
			fprintf(stderr, "qbpress: %sbuilt in %.2f s\n", why, secs);
		else
			fprintf(stderr, "qbpress: %sthe build failed in %.2f s; %s\n", why, secs,
			        s->built ? "the preview keeps the last good build" : "nothing to preview until it is fixed");
		free(why);
	}
	s->built |= ok;
	s->pid = 0;
}

/* Reaps every child that ended: the build, and its workers once they are
 * this process's (it is their subreaper). */
static void
reap(struct server *s)
{
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (pid == s->pid) {
			s->status = st;
			s->reaped = true;
		}
	}
}

/* Takes the changes the watcher saw. */
static void
take_changes(struct server *s)
{
	int n = watch_read(s->watch, &s->changed);
	if (n < 0)
		fprintf(stderr, "qbpress: warning: cannot read the changes of the content: %s\n", strerror(errno));
	if (n > 0) {
		int64_t t = now_ms();
		if (s->changes == 0)
			s->first_at = t;
		s->last_at = t;
		s->changes += n;
	}
}

/* When the changes waiting are to be built. */
static int64_t
due(const struct server *s)
{
	int64_t quiet = s->last_at + QUIET_MS, latest = s->first_at + MAX_WAIT_MS;
	return quiet < latest ? quiet : latest;
}

/* Serves until a signal to stop. */
static void
loop(struct server *s, const sigset_t *mask)
{
	for (;;) {
		int64_t t = now_ms();
		if (s->pid == 0 && s->changes > 0 && t >= due(s)) {
			build_start(s, mask);
			continue;
		}
		int timeout = s->pid == 0 && s->changes > 0 ? (int)(due(s) - t) : -1;
		struct pollfd pf[3] = {
		    {s->sigfd, POLLIN, 0}, {watch_fd(s->watch), POLLIN, 0}, {s->pipe, POLLIN, 0}};
		if (poll(pf, 3, timeout) < 0 && errno != EINTR) {
			fprintf(stderr, "qbpress: error: %s\n", strerror(errno));
			return;
		}
		if (pf[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			bool stop = false;
			while (read(s->sigfd, &si, sizeof(si)) == sizeof(si))
				stop |= si.ssi_signo != SIGCHLD;
			reap(s);
			if (stop)
				return;
		}
		if (pf[1].revents & POLLIN)
			take_changes(s);
		if (s->pipe >= 0 && (pf[2].revents & (POLLIN | POLLHUP | POLLERR)))
			read_output(s);
		if (s->pid != 0 && s->reaped && s->pipe < 0)
			build_end(s);
	}
}

/* Ends the build under way and waits for every child. */
static void
stop_build(struct server *s)
{
	if (s->pid != 0 && !s->reaped)
		kill(s->pid, SIGTERM);
	if (s->pipe >= 0)
		close(s->pipe);
	s->pipe = -1;
	int st;
	while (waitpid(-1, &st, 0) > 0 || errno == EINTR)
		;
	s->pid = 0;
	clear_progress(s);
}

int
serve_run(const struct serve_options *o)
{
	struct server s = {.o = o, .sigfd = -1, .pipe = -1};
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		fprintf(stderr, "qbpress: error: cannot find this program (/proc/self/exe): %s\n", strerror(errno));
		return 2;
	}
	exe[n] = '\0';
	int port = 0;
	int fd = listen_on(o->port, &port);
	if (fd < 0) {
		fprintf(stderr, "qbpress: error: cannot listen on 127.0.0.1:%d: %s%s\n", o->port, strerror(errno),
		        errno == EADDRINUSE ? " (choose another port with -p)" : "");
		return 2;
	}
	const char *tmp = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/qbpress-serve-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "qbpress: error: cannot create a folder for the preview (%s): %s\n", tmpl, strerror(errno));
		free(tmpl);
		close(fd);
		return 2;
	}
	s.exe = xstrdup(exe);
	s.dir = realpath(tmpl, NULL);
	if (s.dir == NULL)
		s.dir = xstrdup(tmpl);
	free(tmpl);
	s.out = path_join(s.dir, "out");
	s.tty = !o->quiet && isatty(2);

	/* Signals are read from a descriptor, in this thread only: the
	 * server's threads start with them blocked. */
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	struct sigaction ign = {0}, old_pipe;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, NULL, &old_pipe);
	pthread_sigmask(SIG_SETMASK, NULL, &old);
	int rc = 0;
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0 || sigaction(SIGPIPE, &ign, NULL) != 0 ||
	    (s.sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0 ||
	    prctl(PR_SET_CHILD_SUBREAPER, 1) != 0 || (s.watch = watch_new()) == NULL) {
		fprintf(stderr, "qbpress: error: cannot set up the preview: %s\n", strerror(errno));
		close(fd);
		rc = 2;
		goto done;
	}
	if (watch_add_tree(s.watch, o->content) != 0) {
		fprintf(stderr, "qbpress: error: cannot watch %s: %s\n", o->content, strerror(errno));
		close(fd);
		rc = 2;
		goto done;
	}
	/* By their real paths, as builds name them (follow_theme()). */
	s.theme_dir = o->theme_dir ? realpath(o->theme_dir, NULL) : NULL;
	s.default_dir = o->default_dir ? realpath(o->default_dir, NULL) : NULL;
	const char *themes[2] = {s.theme_dir, s.default_dir};
	for (int i = 0; i < 2; i++)
		if (themes[i] && watch_add_tree(s.watch, themes[i]) != 0)
			fprintf(stderr, "qbpress: warning: cannot watch the theme %s: %s\n", themes[i], strerror(errno));
	struct preview_config cfg = {fd, s.out, s.theme_dir, s.default_dir};
	s.preview = preview_start(&cfg);
	if (s.preview == NULL) {
		rc = 2;
		goto done;
	}
	printf("qbpress: serving %s at http://127.0.0.1:%d/ (the WeChat copy page at http://127.0.0.1:%d/__wechat/); "
	       "Ctrl-C stops\n",
	       o->content, port, port);
	fflush(stdout);
	s.changes = 1;
	s.first_at = s.last_at = now_ms() - MAX_WAIT_MS;
	loop(&s, &old);
done:
	preview_stop(s.preview);
	stop_build(&s);
	watch_free(s.watch);
	if (s.sigfd >= 0)
		close(s.sigfd);
	if (remove_tree(s.dir) != 0)
		fprintf(stderr, "qbpress: warning: cannot remove %s: %s\n", s.dir, strerror(errno));
	sigaction(SIGPIPE, &old_pipe, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	buf_free(&s.seg);
	buf_free(&s.shown);
	buf_free(&s.messages);
	free(s.exe);
	free(s.dir);
	free(s.out);
	free(s.changed);
	free(s.cause);
	free(s.theme_dir);
	free(s.default_dir);
	return rc;
}
