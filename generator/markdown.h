/* Markdown documents (case narratives and free pages): front matter, the
 * cmark-gfm tree, and its sanitising. */
#ifndef QB_MARKDOWN_H
#define QB_MARKDOWN_H

#include "model.h"
#include "yamldoc.h"

/* How deep blocks and inlines may nest (a list in a list is two levels: the
 * list and its item). Real narratives stay under ten; the bound keeps the
 * recursive walks of the renderers and their templates (libxslt stops at
 * 3,000 nested templates, libxml2 parses 256 levels) far from their limits. */
#define MARKDOWN_MAX_DEPTH 32

/* The targets a build found to be files inside the content folder, so
 * that each is looked at on disk once however many links name it; any
 * thread may add to it. */
struct markdown_files;
struct markdown_files *markdown_files_new(void);
void markdown_files_free(struct markdown_files *f);

struct markdown_ctx {
	const char *content_dir;      /* folder that every target must stay in */
	const char *content_real;     /* its real path, for the symlink check */
	struct model *model;          /* collects image paths, or NULL */
	struct markdown_files *files; /* targets known to be files, or NULL */
};

/* Splits front matter off text: when text starts with a line "---", the
 * front matter runs to the next line "---" or "...". Returns its YAML (NULL
 * when there is none, or when it is not closed: then *unclosed is set) and
 * blanks those lines out of text so that line numbers in the body stay those
 * of the file. */
char *markdown_split_front_matter(char *text, size_t len, int *unclosed);

/* Parses a document: its front matter, and its body when body is set.
 * `file` is the path shown in diagnostics, `rel` its content-relative path.
 * Reports problems through diag(); returns the document (also on content
 * errors, so that all are found in one run), or NULL when the front matter
 * cannot be read at all. The caller frees the document with document_free()
 * and the front matter node with ynode_free(). */
struct document *markdown_parse(struct markdown_ctx *ctx, const char *file, const char *rel, char *text,
                                size_t len, struct ynode **front, bool body);

/* Parses the body of a document whose front matter was read before, from
 * the same text; reports its problems through diag() and sets d->chars.
 * Returns the sanitised tree; the caller frees it with markdown_free_tree(). */
cmark_node *markdown_parse_body(struct markdown_ctx *ctx, struct document *d, char *text, size_t len);

/* Appends the content-relative paths of the files a tree publishes (its
 * images, and its links into images/ and downloads/) to *paths; the caller
 * frees them. */
void markdown_collect_images(cmark_node *root, char ***paths, size_t *n);
/* Whether an image (image set) or a link with a content-relative target
 * publishes a file of the content: every image, links into images/ and
 * downloads/. */
bool markdown_publishes(bool image, const char *target);

/* What a target is for: a picture shown (an image, a cover, a seal) or a
 * link followed. */
enum target_use { TARGET_IMAGE, TARGET_LINK };

/* Resolves a target written in `rel` (a relative path, maybe with #fragment)
 * to a content-relative path, checking that it is a regular file inside the
 * content folder and that it may be published: a picture in images/, a
 * document in downloads/, or (for links) a case narrative or a free page.
 * Reports through diag at `at` and returns NULL when it is not. */
char *markdown_resolve_target(struct markdown_ctx *ctx, const char *rel, const char *target, struct pos at,
                              const char *what, enum target_use use);

/* Whether a content-relative path is a case narrative,
 * "campaigns/YEAR/cases/ID.md"; sets *year and id (idsize bytes) when
 * they are not NULL. */
bool markdown_target_case(const char *path, int *year, char *id, size_t idsize);
/* Whether a content-relative path is a free page, "pages/NAME.md". */
bool markdown_target_page(const char *path);

/* The content-relative target of a link or image node (NULL for external). */
const char *markdown_node_target(cmark_node *node);

/* Adds a content image (its path up to any "#" or "?") to m->images. */
void markdown_add_image(struct model *m, const char *path);
/* Sorts m->images and removes repeats: call it when every document is
 * loaded. */
void markdown_images_done(struct model *m);

/* Whether a node can have no children (text, code, breaks, HTML): the
 * tree iterator gives such nodes no EXIT event. */
bool markdown_node_is_leaf(cmark_node *n);

/* Registers the cmark-gfm extensions once, whichever thread comes first. */
void markdown_init(void);
void markdown_free_tree(cmark_node *root);

#endif
