/* Writing output safely: every renderer writes into a staging folder
 * beside the output folder, which replaces the output folder only when all
 * succeeded. Output folders carry a mark; a folder without it is never
 * replaced or removed, and an output folder may not be or hold the content,
 * the theme or the working folder. */
#ifndef QB_OUTPUT_H
#define QB_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "manifest.h"

/* The file every output folder made by a build holds. */
#define OUTPUT_MARK ".qbpress-output"

/* A build writes into a staging folder: a new one, or the output folder's
 * twin (.<name>.twin beside it), the previous output that the last build
 * swapped out, kept so that the next build only has to bring what changed.
 * Unchanged files are hard links to the output folder's files: a build
 * that changes one page writes one file, and the swap leaves every other
 * file of the output folder as it was (same inode, same time stamps). */
struct staging {
	char *out;            /* the output folder */
	char *dir;            /* the staging folder */
	char *twin_path;      /* where the twin lives */
	bool twin;            /* dir is the twin, updated in place */
	bool force;           /* render everything, keep nothing by its inputs */
	bool restorable;      /* every put was recorded: an aborted twin can say what it holds */
	int lock;             /* the lock file beside the output folder, or -1 */
	struct manifest live; /* the output folder's manifest (empty when it has none) */
	struct manifest held; /* what the twin holds (empty for a new folder) */
	struct manifest next; /* the outputs of this build, as recorded */
	/* What is recorded goes to a nameless file in the staging folder as it
	 * comes, and is read back into next when the build ends: a build of
	 * many files does not hold their records while it renders. */
	bool spilling;        /* spill.fd is open */
	struct sink spill;    /* spill.err: the records are incomplete, or the file could not be made */
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

/* Checks that an existing output folder carries the mark or is empty,
 * locks it (one build at a time) and removes the staging folders that
 * killed builds left beside it. Returns 0, or -1 with a message on stderr
 * (s is then released). */
int staging_lock(struct staging *s, const char *out);
/* Locks as staging_lock() does unless s holds the lock already, reads the
 * output folder's manifest, and takes the twin as the staging folder, or
 * creates a marked, empty one next to out. Returns 0, or -1 with a message
 * on stderr (s is then released). */
int staging_begin(struct staging *s, const char *out, bool force);

/* Puts a file below the staging folder, in any process: a hard link to the
 * output folder's file when that holds the same bytes, else the bytes.
 * Fills *rec (its path points at rel). Returns 0, or -1 with errno set. */
int staging_put(const struct staging *s, const char *rel, const void *data, size_t len, struct hash in,
                struct manifest_output *rec);
/* A file put in pieces, in any process: staging_open() creates it (new,
 * as staging_put() writes one), staging_add() appends, staging_close()
 * ends it, with a hard link to the output folder's file instead when that
 * holds the same bytes, and fills *rec (its path points at rel) as
 * staging_put() does. Open and close return 0, or -1 with errno set (the
 * first failure; staging_add() keeps it for staging_close()). */
struct staging_file {
	int fd;
	int err;
	uint64_t size;
	struct hasher h;
	unsigned char pend[16]; /* bytes not yet hashed */
	size_t npend;
};
int staging_open(const struct staging *s, const char *rel, struct staging_file *f);
void staging_add(struct staging_file *f, const void *data, size_t len);
int staging_close(const struct staging *s, const char *rel, struct staging_file *f, struct hash in,
                  struct manifest_output *rec);
/* Puts the output folder's file when it was made from the same inputs
 * (never with force): returns 1 and fills *rec, or 0 when the file must be
 * made. */
int staging_keep(const struct staging *s, const char *rel, struct hash in, struct manifest_output *rec);
/* Puts every file of the output folder that was made from inputs in (never
 * with force), handing each to fn. Returns how many, 0 when none was or
 * one could not be put (then every one must be made). */
size_t staging_keep_all(const struct staging *s, struct hash in,
                        void (*fn)(void *arg, const struct manifest_output *rec), void *arg);
/* Records a file put by this build, in the calling process. */
void staging_record(struct staging *s, const struct manifest_output *rec);
/* The facts of a narrative that the output folder's build kept under key
 * (never with force), or NULL; in any process. */
const char *staging_narrative(const struct staging *s, struct hash key);
/* Keeps a narrative's facts for the next build, in the calling process. */
void staging_record_narrative(struct staging *s, struct hash key, const char *facts);

/* Ends the build: removes from the twin what this build did not make,
 * writes the manifest (this build's outputs under header's program, date,
 * options, inputs and warnings), and swaps the staging folder in for the
 * output folder; when every file is the output folder's already, only the
 * manifest is replaced. The previous output becomes the twin. Returns 0,
 * or -1 with a message (the output folder is untouched). Releases the
 * lock either way. */
int staging_commit(struct staging *s, const struct manifest *header);
/* Removes the staging folder (a twin stays, to be trusted by the next build
 * only when restorable is set) and releases the lock. */
void staging_abort(struct staging *s);

#endif
