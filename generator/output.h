/* Writing output safely: every renderer writes into a staging folder
 * beside the output folder, which replaces the output folder only when all
 * succeeded. Output folders carry a mark; a folder without it is never
 * replaced or removed, and an output folder may not be or hold the content,
 * the theme or the working folder. */
#ifndef QB_OUTPUT_H
#define QB_OUTPUT_H

#include <stddef.h>

/* The file every output folder made by a build holds. */
#define OUTPUT_MARK ".qbpress-output"

struct staging {
	char *out;  /* the output folder */
	char *dir;  /* the staging folder */
	int lock;   /* the lock file beside the output folder, or -1 */
};

/* A folder the output may not be, hold or lie inside. */
struct output_guard {
	const char *dir;  /* NULL: ignored */
	const char *what; /* "content", "theme" */
};

/* Checks where an output folder lies: not the working folder or above it,
 * and apart from every guarded folder. Returns 0, or -1 with a message on
 * stderr. */
int output_check_place(const char *out, const struct output_guard *guards, size_t nguards);

/* Locks the output folder (one build at a time), checks that an existing
 * output folder carries the mark or is empty, removes staging folders that
 * killed builds left, and creates a marked, empty staging folder next to
 * out. Returns 0, or -1 with a message on stderr. */
int staging_begin(struct staging *s, const char *out);
/* Swaps the staging folder in for the output folder and removes the old
 * output. Returns 0, or -1 with a message (the old output is untouched).
 * Releases the lock either way. */
int staging_commit(struct staging *s);
/* Removes the staging folder and releases the lock. */
void staging_abort(struct staging *s);

#endif
