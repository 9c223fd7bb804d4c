/* The preview server of `qbpress serve`: serves an output folder on a
 * listening socket with libmicrohttpd, the website at / and the WeChat
 * folder at /__wechat/, and tells open pages of each new build through
 * server-sent events (/__qbpress/events). Every HTML page it serves gets
 * one script element, /__qbpress/live.js from the theme, which reloads the
 * page after a new build and shows a failed build's messages over it (the
 * theme's overlay.html and overlay.css); no built file holds it. */
#ifndef QB_PREVIEW_H
#define QB_PREVIEW_H

#include <stdbool.h>
#include <stddef.h>

struct preview;

/* The folder with the served files below it ("site", "wechat"), by a
 * real path, which need not exist yet; the theme folders where
 * templates/serve/ is looked for, the chosen theme's first. */
struct preview_config {
	int fd; /* a listening socket, taken over: closed by preview_stop() or on failure */
	const char *out;
	const char *theme_dir;
	const char *default_dir;
};

/* Starts serving. Until the first build is published, requests wait for
 * it. Returns NULL after a message on stderr. */
struct preview *preview_start(const struct preview_config *c);
/* The theme folders, after a build that may have chosen others. */
void preview_set_theme(struct preview *p, const char *theme_dir, const char *default_dir);
/* Publishes a build: ok, its output is what is served now and open pages
 * reload; failed, the last good output stays and messages (the build's
 * diagnostics, one a line) are shown over the pages until a good build. */
void preview_publish(struct preview *p, bool ok, const char *messages);
/* Ends every event stream, stops serving and frees p. */
void preview_stop(struct preview *p);

/* The parts that decide what is served, for tests. */

/* The path below the served folder that a request's path (still
 * %-escaped) names, without its leading '/'; caller frees. NULL when the
 * path could leave the folder or is malformed: not starting with '/', a bad
 * escape, an escaped '/' or '\', a backslash, a NUL or other control
 * character, an empty, "." or ".." segment, or a hidden (".") name. */
char *preview_path(const char *url);
/* The Content-Type of a file by its name's extension. */
const char *preview_type(const char *path);
/* A copy of an HTML document of len bytes with a script element for src
 * inserted before its </head> (or at its end when it has none); sets *out_len;
 * caller frees. */
char *preview_inject(const char *html, size_t len, const char *src, size_t *out_len);

#endif
