#define _GNU_SOURCE
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* What is a change: writes that end, names that come and go, time stamps
 * (touch), and the folder itself going away. */
#define WATCH_MASK                                                                                            \
	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF |     \
	 IN_MOVE_SELF | IN_ONLYDIR)

/* As deep as a build reads. */
enum { MAX_DEPTH = 64 };

struct watched {
	int wd;
	char *path;
	unsigned walk; /* the last walk that went into it */
};

struct watch {
	int fd;
	struct watched *dirs;
	size_t ndirs, cap;
	char **roots;
	size_t nroots;
	unsigned walks;
};

struct watch *
watch_new(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct watch *w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	return w;
}

void
watch_free(struct watch *w)
{
	if (w == NULL)
		return;
	close(w->fd);
	for (size_t i = 0; i < w->ndirs; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	for (size_t i = 0; i < w->nroots; i++)
		free(w->roots[i]);
	free(w->roots);
	free(w);
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

static struct watched *
by_wd(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->ndirs; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

static struct watched *
by_path(struct watch *w, const char *path)
{
	for (size_t i = 0; i < w->ndirs; i++)
		if (strcmp(w->dirs[i].path, path) == 0)
			return &w->dirs[i];
	return NULL;
}

static void
forget(struct watch *w, struct watched *d)
{
	free(d->path);
	*d = w->dirs[--w->ndirs];
}

/* Watches one folder under the path it was reached by. Returns 1 when
 * this walk had not been into it yet, 0 when it had (a symbolic link that
 * leads back), or -1 with errno set. */
static int
watch_one(struct watch *w, const char *path)
{
	int wd = inotify_add_watch(w->fd, path, WATCH_MASK);
	if (wd < 0)
		return -1;
	struct watched *d = by_wd(w, wd);
	if (d && d->walk == w->walks)
		return 0;
	if (d) {
		/* The same folder, moved or reached again: its latest name. */
		free(d->path);
		d->path = xstrdup(path);
		d->walk = w->walks;
		return 1;
	}
	if (w->ndirs == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->dirs = xrealloc(w->dirs, w->cap * sizeof(*w->dirs));
	}
	w->dirs[w->ndirs++] = (struct watched){wd, xstrdup(path), w->walks};
	return 1;
}

/* Watches dir and the folders below it, each once a walk. */
static int
walk(struct watch *w, const char *dir, int depth)
{
	int rc = watch_one(w, dir);
	if (rc <= 0)
		return rc;
	DIR *d = depth < MAX_DEPTH ? opendir(dir) : NULL;
	if (d == NULL)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (e->d_type != DT_DIR && e->d_type != DT_LNK && e->d_type != DT_UNKNOWN)
			continue;
		char *p = path_join(dir, e->d_name);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			walk(w, p, depth + 1);
		free(p);
	}
	closedir(d);
	return 0;
}

static int
add_tree(struct watch *w, const char *dir)
{
	w->walks++;
	return walk(w, dir, 0);
}

int
watch_add_tree(struct watch *w, const char *dir)
{
	if (add_tree(w, dir) != 0)
		return -1;
	for (size_t i = 0; i < w->nroots; i++)
		if (strcmp(w->roots[i], dir) == 0)
			return 0;
	w->roots = xrealloc(w->roots, (w->nroots + 1) * sizeof(*w->roots));
	w->roots[w->nroots++] = xstrdup(dir);
	return 0;
}

void
watch_restore(struct watch *w)
{
	for (size_t i = 0; i < w->nroots; i++)
		if (by_path(w, w->roots[i]) == NULL)
			add_tree(w, w->roots[i]);
}

static bool
all_digits(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

bool
watch_ignored(const char *name, bool is_dir)
{
	static const char *const suffixes[] = {"~", ".swp", ".swx", ".swo", ".tmp", ".kate-swp", "___jb_tmp___",
	                                       "___jb_old___"};
	size_t n = strlen(name);
	if (n == 0 || name[0] == '.')
		return true;
	if (is_dir)
		return false;
	if (name[0] == '#' && name[n - 1] == '#')
		return true;
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (str_has_suffix(name, suffixes[i]))
			return true;
	return all_digits(name);
}

/* Takes one event: returns 1 when it is a change (and sets *path, caller
 * frees), else 0. */
static int
take_event(struct watch *w, const struct inotify_event *ev, char **path)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		/* Events were lost: whatever they were, the folders may be new. */
		for (size_t i = 0; i < w->nroots; i++)
			add_tree(w, w->roots[i]);
		*path = NULL;
		return 1;
	}
	struct watched *d = by_wd(w, ev->wd);
	if (d == NULL)
		return 0;
	if (ev->mask & IN_IGNORED) {
		forget(w, d);
		return 0;
	}
	if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
		*path = xstrdup(d->path);
		return 1;
	}
	if (ev->len == 0)
		return 0;
	bool is_dir = (ev->mask & IN_ISDIR) != 0;
	if (watch_ignored(ev->name, is_dir))
		return 0;
	char *p = path_join(d->path, ev->name);
	if (is_dir && (ev->mask & IN_MOVED_FROM)) {
		/* Moved away: no longer below a root; moved within, it is watched
		 * again by its new name. */
		struct watched *gone = by_path(w, p);
		if (gone)
			inotify_rm_watch(w->fd, gone->wd);
	}
	struct stat st;
	if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (is_dir || (stat(p, &st) == 0 && S_ISDIR(st.st_mode))))
		add_tree(w, p);
	*path = p;
	return 1;
}

int
watch_read(struct watch *w, char **last)
{
	_Alignas(struct inotify_event) char data[16384];
	int changes = 0;
	for (;;) {
		ssize_t n = read(w->fd, data, sizeof(data));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return changes;
		if (n <= 0)
			return n == 0 ? changes : -1;
		for (char *p = data; p < data + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			char *path = NULL;
			if (take_event(w, ev, &path)) {
				changes++;
				if (last && path) {
					free(*last);
					*last = path;
				} else {
					free(path);
				}
			}
			p += sizeof(*ev) + ev->len;
		}
	}
}
