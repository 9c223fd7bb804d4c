/* `qbpress serve`: builds the content into a private folder, serves it on
 * 127.0.0.1 (preview.h), watches the content and theme folders (watch.h)
 * and builds again after each change. Every build is a child process
 * running `qbpress build` into the private folder, which swaps its output
 * in only when it succeeds: a failed build leaves the last good one served,
 * and what it printed is shown over the pages and in the terminal. */
#ifndef QB_SERVE_H
#define QB_SERVE_H

#include <stdbool.h>

struct serve_options {
	const char *content;
	/* Options for each build after `build -C content -o folder`,
	 * NULL-terminated. */
	const char *const *build_args;
	int port; /* 0: any free port */
	bool quiet;
	/* The theme folders to watch until a build names them (NULL: none). */
	const char *theme_dir, *default_dir;
};

/* Serves until SIGINT, SIGTERM or SIGHUP, then stops the build under way
 * and removes the private folder. Prints the address on stdout. Returns 0,
 * or 2 after a message on stderr when it cannot start. */
int serve_run(const struct serve_options *o);

#endif
