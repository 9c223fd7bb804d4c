/* Writing output atomically: every renderer writes into a staging folder
 * beside the output folder, which replaces the output folder only when all
 * succeeded. */
#ifndef QB_OUTPUT_H
#define QB_OUTPUT_H

struct staging {
	char *out;  /* the output folder */
	char *dir;  /* the staging folder */
};

/* Creates an empty staging folder next to out. Returns 0, or -1 with a
 * message on stderr. */
int staging_begin(struct staging *s, const char *out);
/* Swaps the staging folder in for the output folder and removes the old
 * output. Returns 0, or -1 with a message (the old output is untouched). */
int staging_commit(struct staging *s);
/* Removes the staging folder. */
void staging_abort(struct staging *s);

#endif
