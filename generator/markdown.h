/* Markdown documents (case narratives and free pages): front matter, the
 * cmark-gfm tree, and its sanitising. */
#ifndef QB_MARKDOWN_H
#define QB_MARKDOWN_H

#include "model.h"
#include "yamldoc.h"

struct markdown_ctx {
	const char *content_dir; /* folder that every target must stay in */
	char *content_real;      /* its real path, for the symlink check */
	struct model *model;     /* collects image paths */
};

/* Splits front matter off text: when text starts with a line "---", the
 * front matter runs to the next line "---" or "...". Returns its YAML (NULL
 * when there is none, or when it is not closed: then *unclosed is set) and
 * blanks those lines out of text so that line numbers in the body stay those
 * of the file. */
char *markdown_split_front_matter(char *text, size_t len, int *unclosed);

/* Parses a document. `file` is the path shown in diagnostics, `rel` its
 * content-relative path. Reports problems through diag(); returns the
 * document (also on content errors, so that all are found in one run), or
 * NULL when the front matter cannot be read at all. The caller frees the
 * document with document_free() and the front matter node with ynode_free(). */
struct document *markdown_parse(struct markdown_ctx *ctx, const char *file, const char *rel, char *text,
                                size_t len, struct ynode **front);

/* Resolves a target written in `rel` (a relative path, maybe with #fragment)
 * to a content-relative path, checking that it exists inside the content
 * folder. Reports through diag at `at` and returns NULL when it does not. */
char *markdown_resolve_target(struct markdown_ctx *ctx, const char *rel, const char *target, struct pos at,
                              const char *what);

/* The content-relative target of a link or image node (NULL for external). */
const char *markdown_node_target(cmark_node *node);

/* Registers the cmark-gfm extensions once. */
void markdown_init(void);
void markdown_free_tree(cmark_node *root);

#endif
