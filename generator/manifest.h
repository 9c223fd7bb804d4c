/* The manifest a build leaves in its output folder (.qbpress-manifest):
 * what every output file was made from and what it holds, the inputs the
 * build read (for telling at once that nothing changed), and the warnings
 * it gave (to give them again when nothing is rebuilt). A text file, one
 * record a line:
 *   qbpress-manifest 1
 *   program HASH | today DATE | options TEXT
 *   input SIZE MTIME CTIME INODE PATH      (a file the build read)
 *   diag SEV LINE COL FILE<TAB>TEXT        (a warning, FILE "-" for none)
 *   output IN OUT SIZE INODE PATH          (a file of the output folder)
 *   facts TEXT                             (of the output before it)
 *   narrative KEY TEXT                     (what a narrative's parse found)
 * Paths and texts escape backslash, tab and newline as \\ \t \n. */
#ifndef QB_MANIFEST_H
#define QB_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hash.h"
#include "util.h"

#define MANIFEST_FILE ".qbpress-manifest"

struct manifest_output {
	char *path;      /* below the output folder */
	struct hash in;  /* of what it was made from (zero: not known) */
	struct hash out; /* of its bytes */
	uint64_t size;
	uint64_t ino;    /* its inode in the tree the manifest describes */
	char *facts;     /* what its renderer needs to know of it when it is kept, or NULL */
};

struct manifest_input {
	char *path;
	int64_t size;    /* -1: changed too close to the build to be trusted */
	int64_t mtime, ctime; /* nanoseconds */
	uint64_t ino;
};

struct manifest_diag {
	int sev, line, col;
	char *file; /* NULL for none */
	char *text;
};

/* What parsing a narrative found (its warnings, the files it links), kept
 * under the hash of everything it depends on, so that a later build does
 * not parse it again. */
struct manifest_narrative {
	struct hash key;
	char *facts;
};

struct manifest {
	struct hash program;
	char *today, *options;
	struct manifest_input *inputs;
	size_t ninputs;
	struct manifest_diag *diags;
	size_t ndiags;
	struct manifest_output *outputs; /* sorted by path */
	size_t noutputs, cap;
	struct manifest_narrative *narratives; /* sorted by key (manifest_sort) */
	size_t nnarratives, capnarratives;
};

/* Reads a manifest. Returns 0, or -1 when the file is missing or not a
 * manifest (m is then empty). */
int manifest_read(const char *path, struct manifest *m);
/* Writes a manifest atomically (a temporary file renamed). Returns 0, or
 * -1 with errno set. */
int manifest_write(const char *path, const struct manifest *m);
void manifest_free(struct manifest *m);

/* Appends an output (the caller sorts with manifest_sort before lookups). */
void manifest_add_output(struct manifest *m, const struct manifest_output *o);
/* Appends a narrative's facts (likewise). */
void manifest_add_narrative(struct manifest *m, struct hash key, const char *facts);
/* Sorts the outputs by path and the narratives by key, one a key. */
void manifest_sort(struct manifest *m);
const struct manifest_output *manifest_find(const struct manifest *m, const char *path);
/* The facts kept under key, or NULL. */
const char *manifest_find_narrative(const struct manifest *m, struct hash key);
/* Appends s to b with backslash, tab and newline escaped as in the file;
 * manifest_unescape() reverses it (the first n bytes of s; caller frees). */
void manifest_escape(struct buf *b, const char *s);
char *manifest_unescape(const char *s, size_t n);

/* The files below each folder in dirs (recursively, in name order), and
 * the files in extra, as manifest inputs; a file whose time stamps are not
 * older than `since` (nanoseconds) is marked untrusted. */
void manifest_scan_inputs(struct manifest *m, const char *const *dirs, size_t ndirs, const char *const *extra,
                          size_t nextra, int64_t since);
/* Whether two manifests list the same inputs with the same stamps (no
 * untrusted one). */
bool manifest_same_inputs(const struct manifest *a, const struct manifest *b);

#endif
