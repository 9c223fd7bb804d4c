/* The renderers: each writes one kind of output from the model into the
 * staging folder. They share this interface and know nothing of each other. */
#ifndef QB_RENDER_H
#define QB_RENDER_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "../model.h"

struct render_ctx {
	const struct model *model;
	xmlDocPtr doc;         /* the model as XML (modelxml.h) */
	const char *out;       /* staging folder: write below it */
	const char *theme_dir; /* themes/NAME */
	const char *default_theme_dir;
	int jobs;              /* -j */
	bool relative;         /* --relative: a site read from files, links name index.html */
	bool progress;         /* report progress on stderr */
};

struct renderer {
	const char *name;        /* as in --only */
	const char *description;
	/* Returns 0, or -1 after reporting through diag(). */
	int (*render)(const struct render_ctx *ctx);
};

extern const struct renderer renderers[];
extern const size_t nrenderers;

/* Writes a file below ctx->out; reports failures through diag(). */
int render_write(const struct render_ctx *ctx, const char *rel, const void *data, size_t len);

#endif
