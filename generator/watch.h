/* Watching folders for changes with inotify: a root and every folder below
 * it, folders made or moved in later included. What editors write beside
 * a file while saving it (swap, backup, lock and temporary files) is not a
 * change. */
#ifndef QB_WATCH_H
#define QB_WATCH_H

#include <stdbool.h>

struct watch;

/* A new watcher with no folder, or NULL with errno set. */
struct watch *watch_new(void);
void watch_free(struct watch *w);
/* The descriptor to poll for reading. */
int watch_fd(const struct watch *w);

/* Watches dir and every folder below it, through symbolic links as a build
 * reads them, hidden folders aside. Calling it again for a root only adds
 * what is not watched yet. Returns 0, or -1 with errno set when dir itself
 * cannot be watched (folders below it that cannot be are skipped). */
int watch_add_tree(struct watch *w, const char *dir);
/* Watches again every root whose watch was lost (a root removed and made
 * again). */
void watch_restore(struct watch *w);

/* Reads the events waiting, and watches the folders made meanwhile.
 * Returns the number of changes (a file or folder made, written, touched,
 * moved or removed; a lost event counts as one) and, when last is not
 * NULL, replaces *last with the path of the last (caller frees): a file
 * saved through a temporary one ends moved to its own name. Returns -1
 * with errno set when the events cannot be read. */
int watch_read(struct watch *w, char **last);

/* Whether a name in a watched folder is what an editor or a tool writes
 * while saving, not content: hidden names (.x.swp, .#x, .goutputstream-…),
 * backups (x~), autosaves (#x#), swap and temporary files (.swp .swx .swo
 * .tmp .kate-swp ___jb_tmp___ ___jb_old___), and a file named by digits
 * only (vim's probe 4913). */
bool watch_ignored(const char *name, bool is_dir);

#endif
