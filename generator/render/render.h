/* The renderers: each writes one kind of output from the model into the
 * staging folder. They share this interface and know nothing of each other.
 *
 * A build runs them in three steps. begin() prepares a run in the calling
 * process (theme files, fonts, views of the whole model), and may start
 * jobs that run on beside what follows (the books). Then one pass over
 * every record of every campaign, on the worker processes of parallel.h,
 * parses each record's narrative once, reports its problems, and hands
 * the record and the tree to every renderer's record(). Last, finish()
 * makes what depends on many records (lists, indexes), again in the
 * calling process, which may run jobs of its own with par_run(). Nothing a
 * record() call changes in its state is seen by the others or by
 * finish(): it runs in a worker.
 *
 * The books are made beside the pass and the finish() steps. A renderer
 * whose record() reads their facts is handed the records of a year whose
 * book is being made only in a second pass, once every renderer has
 * settled (waited for what its begin() started); their narratives are
 * opened again there, quietly. Then the finish_books() steps run. */
#ifndef QB_RENDER_H
#define QB_RENDER_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "../hash.h"
#include "../model.h"
#include "../output.h"
#include "../util.h"

struct staging;
struct notice_set;

/* A book of the experience compendium, as its renderer tells the others
 * (the site links it, the WeChat manifest lists it). */
struct render_book {
	int year;
	char *path;       /* below the site, "compendium/2025.pdf" */
	size_t pages, bytes;
	struct render_book_case {
		const struct record *r;
		unsigned page;  /* the page number printed where the case starts */
		unsigned index; /* that page in the file, from 1 ("…pdf#page=N") */
	} *cases;
	size_t ncases;
};

/* What renderers tell the ones that run after them, in the calling
 * process: begin() steps run in the order of renderers[]. */
struct render_shared {
	struct render_book *books; /* by year */
	size_t nbooks;
	/* Years whose books are made beside the record pass: their facts
	 * are known once the renderers have settled. */
	int *pending;
	size_t npending;
};

/* Frees what the renderers left in s. */
void render_shared_free(struct render_shared *s);
/* The book of a year, or NULL. */
const struct render_book *render_book_of(const struct render_shared *s, int year);
/* Whether the book of a year is made beside the record pass. */
bool render_book_pending(const struct render_shared *s, int year);
/* The start of a record's case in its book, or NULL. */
const struct render_book_case *render_book_case(const struct render_shared *s, const struct record *r);

struct render_ctx {
	const struct model *model;
	xmlDocPtr doc;         /* the whole model as XML, for renderers that ask for it, or NULL */
	struct staging *staging; /* where files go (output.h) */
	const char *out;       /* staging folder: write below it */
	const char *theme_dir; /* themes/NAME */
	const char *default_theme_dir;
	int jobs;              /* -j */
	bool relative;         /* --relative: a site read from files, links name index.html */
	bool progress;         /* report progress on stderr */
	struct hash program;   /* the program that renders, for input hashes */
	struct render_shared *shared;
	/* The notices' texts, composed once when a renderer asks for them
	 * (notices.h), or NULL. */
	const struct notice_set *notices;
};

/* A record's narrative as the record pass hands it to the renderers
 * (narrative.c): its problems are reported already, its tree is parsed
 * when first asked for. */
struct narrative {
	const struct model *m;
	const struct record *r;
	cmark_node *tree;
	bool parsed;   /* tree is what parsing gave (NULL when it could not be read) */
	char **files;  /* the content files it publishes (images, documents), as markdown_collect_images() */
	size_t nfiles;
};

/* The sanitised tree of the narrative, parsed on the first call (after a
 * build that parsed the same bytes, this reports only a file that cannot
 * be read or has changed); the narrative frees it. */
cmark_node *narrative_tree(struct narrative *n);
/* The content files it publishes (none for NULL). */
const char *const *narrative_files(const struct narrative *n, size_t *count);

struct renderer {
	const char *name;        /* as in --only */
	const char *description;
	bool needs_doc;          /* reads ctx->doc */
	bool needs_notices;      /* reads ctx->notices */
	bool record_reads_books; /* record() reads the books' facts (ctx->shared) */
	/* The theme templates begin() compiles (NULL-terminated), compiled
	 * ahead while the content loads (render_preload_start). */
	const char *const *sheets;
	/* Each returns 0, or -1 after reporting through diag(). Any may be NULL. */
	int (*begin)(const struct render_ctx *ctx, void **state);
	/* Waits for the jobs begin() started; called once after every
	 * begin() that gave 0, whatever else failed. */
	int (*settle)(void *state);
	/* body is NULL for a record without a narrative. */
	int (*record)(void *state, const struct record *r, struct narrative *body);
	/* What depends on many records: finish() while the books may still
	 * be being made, finish_books() once their facts are known. */
	int (*finish)(void *state);
	int (*finish_books)(void *state);
	void (*end)(void *state);
};

extern const struct renderer renderers[];
extern const size_t nrenderers;

/* Runs the renderers marked in wanted (indexes into renderers[]): begin,
 * the record pass, finish. Returns 0, or -1 after reporting. */
int render_run(const struct render_ctx *ctx, const bool *wanted);
/* Starts compiling the theme templates of the renderers marked in wanted
 * (and the notices' text template, when one of them shows notices) on a
 * thread of its own, for render_run() to take. Until render_preload_wait(),
 * the caller may only load content: its threads take the pool's lock
 * (pool.h) to allocate from it, and no process starts. */
void render_preload_start(const char *theme_dir, const char *default_dir, const bool *wanted);
/* Waits for that thread (render_run() waits first thing); any number of
 * times. */
void render_preload_wait(void);
/* The record pass alone, without renderers: parses every narrative once
 * and reports its problems (`qbpress check`). Returns 0, or -1. */
int render_check_narratives(const struct model *m, int jobs, bool progress);

/* The record pass's side of struct narrative (narrative.c): reports the
 * narrative's problems, from the facts the output folder's build kept when
 * they hold (ctx NULL: none are kept), else by parsing it; sends its facts
 * to the calling process as a message of kind, whose receiver is
 * narrative_receive(staging). */
void narrative_open(struct narrative *n, const struct render_ctx *ctx, const struct model *m, const struct record *r,
                    int kind);
void narrative_close(struct narrative *n);
void narrative_receive(void *staging, const void *data, size_t len);

/* Writes a file below the output folder (rel like "site/index.html"),
 * keeping the previous build's file when it holds the same bytes; reports
 * failures through diag(). Returns 0 or -1. */
int render_write(const struct render_ctx *ctx, const char *rel, const void *data, size_t len);
/* The same for a file that was made from inputs whose hash is in (the
 * program is added to it here), for render_keep() in later builds. */
int render_write_from(const struct render_ctx *ctx, const char *rel, struct hash in, const void *data, size_t len);
/* The same with facts: a text the renderer needs when the file is kept
 * (figures, what it warned about), given back by render_kept(). */
int render_write_facts(const struct render_ctx *ctx, const char *rel, struct hash in, const void *data, size_t len,
                       const char *facts);
/* A file written as it is made, for one too large to hold whole: the
 * maker appends to b and calls render_flush() now and then, which writes
 * what b holds once it is large enough; render_close() writes the rest
 * and ends the file as render_write() would have with all of it. Open and
 * close return 0, or -1 after reporting; every file opened must be closed. */
struct render_file {
	const struct render_ctx *ctx;
	char *rel;
	struct staging_file f;
	bool failed;
	struct buf b;
};
int render_open(const struct render_ctx *ctx, const char *rel, struct render_file *w);
void render_flush(struct render_file *w);
int render_close(struct render_file *w);
/* Keeps the previous build's file when it was made from the same inputs:
 * returns true, and then the file must not be made. */
bool render_keep(const struct render_ctx *ctx, const char *rel, struct hash in);
/* The same, giving the facts written with the file ("" for none) when it
 * is kept, NULL when it must be made. The text lives until the build ends. */
const char *render_kept(const struct render_ctx *ctx, const char *rel, struct hash in);
/* Keeps every file of the previous build that was made from inputs in:
 * for a renderer whose files all come from one set of inputs, and whose
 * names come from them too. Returns true when there was at least one
 * (then none of them must be made). */
bool render_keep_all(const struct render_ctx *ctx, struct hash in);
/* Copies a regular file of the content or theme into the output folder;
 * reports failures through diag(). Returns 0 or -1. */
int render_copy(const struct render_ctx *ctx, const char *rel, const char *from);

#endif
