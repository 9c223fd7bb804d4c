#define _GNU_SOURCE
#include "preview.h"

#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dynlib.h"
#include "util.h"

/* libmicrohttpd's functions, loaded when the server starts (dynlib.h). */
#define MHD_FUNCTIONS(F)                                                                                      \
	F(MHD_start_daemon) F(MHD_stop_daemon) F(MHD_create_response_from_buffer)                              \
	F(MHD_create_response_from_callback) F(MHD_destroy_response) F(MHD_queue_response)                     \
	F(MHD_create_response_from_fd64) F(MHD_add_response_header) F(MHD_lookup_connection_value)
#define MHD_POINTER(f) __typeof__(f) *f;
static struct {
	MHD_FUNCTIONS(MHD_POINTER)
} mhd;

/* Returns 0 once the functions are there, or -1 after saying why. */
static int
mhd_load(void)
{
	void *lib = dynlib_open(QB_MICROHTTPD_SO);
	int rc = lib ? 0 : -1;
#define MHD_SYMBOL(f) rc = rc == 0 ? dynlib_symbol(lib, #f, &mhd.f, sizeof(mhd.f)) : rc;
	MHD_FUNCTIONS(MHD_SYMBOL)
	if (rc != 0)
		fprintf(stderr, "qbpress: error: the preview server: %s\n", dynlib_error());
	return rc;
}

/* The addresses of the preview's own files and of the WeChat folder. */
#define OWN_PREFIX "/__qbpress/"
#define WECHAT_PREFIX "/__wechat"
/* Where the comment in the theme's overlay.html is that the messages
 * replace. */
#define MESSAGES_MARK "<!--qbpress:messages-->"
/* An event stream says something at least this often, so that a closed
 * connection is noticed. */
enum { KEEPALIVE_SECONDS = 15 };

struct preview {
	struct MHD_Daemon *daemon;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	char *out;         /* the output folder, by its real path */
	char *instance;    /* tells this server from an earlier one */
	/* Below: under lock. */
	char *theme_dir, *default_dir;
	unsigned builds;   /* good builds published */
	unsigned version;  /* builds published, good or not */
	char *overlay;     /* the HTML shown over pages, or NULL */
	bool stopping;
};

/* ---- paths, types, the script element ---- */

char *
preview_path(const char *url)
{
	if (url[0] != '/')
		return NULL;
	struct buf b = {0};
	buf_puts(&b, "");
	for (const char *s = url + 1; *s; s++) {
		int c = (unsigned char)*s;
		if (c == '%') {
			int hi = hex_value((unsigned char)s[1]);
			int lo = hi >= 0 ? hex_value((unsigned char)s[2]) : -1;
			if (lo < 0)
				goto bad;
			c = hi * 16 + lo;
			if (c == '/')
				goto bad;
			s += 2;
		}
		if (c < 0x20 || c == 0x7f || c == '\\')
			goto bad;
		buf_putc(&b, (char)c);
	}
	/* Every segment has a name that is not hidden, "." or "..": only the
	 * last may be empty (a folder's address). */
	for (const char *seg = b.p;;) {
		size_t n = strcspn(seg, "/");
		if ((n == 0 && seg[n] == '/') || seg[0] == '.')
			goto bad;
		if (seg[n] == '\0')
			break;
		seg += n + 1;
	}
	return buf_steal(&b);
bad:
	buf_free(&b);
	return NULL;
}

const char *
preview_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {"html", "text/html; charset=utf-8"},
	    {"css", "text/css; charset=utf-8"},
	    {"js", "text/javascript; charset=utf-8"},
	    {"json", "application/json"},
	    {"xml", "application/xml"},
	    {"svg", "image/svg+xml"},
	    {"png", "image/png"},
	    {"jpg", "image/jpeg"},
	    {"jpeg", "image/jpeg"},
	    {"gif", "image/gif"},
	    {"webp", "image/webp"},
	    {"ico", "image/x-icon"},
	    {"pdf", "application/pdf"},
	    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	    {"csv", "text/csv; charset=utf-8"},
	    {"txt", "text/plain; charset=utf-8"},
	};
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot + 1, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

char *
preview_inject(const char *html, size_t len, const char *src, size_t *out_len)
{
	const char *end = memmem(html, len, "</head>", 7);
	size_t at = end ? (size_t)(end - html) : len;
	struct buf b = {0};
	buf_add(&b, html, at);
	buf_printf(&b, "<script src=\"%s\" defer></script>", src);
	buf_add(&b, html + at, len - at);
	*out_len = b.len;
	return buf_steal(&b);
}

/* ---- the theme's files ---- */

/* The text of templates/serve/NAME in the chosen theme, else in the
 * default theme, or NULL; caller frees. */
static char *
theme_text(struct preview *p, const char *name)
{
	pthread_mutex_lock(&p->lock);
	char *dirs[2] = {p->theme_dir ? xstrdup(p->theme_dir) : NULL, p->default_dir ? xstrdup(p->default_dir) : NULL};
	pthread_mutex_unlock(&p->lock);
	char *text = NULL;
	for (int i = 0; i < 2; i++) {
		char *path = dirs[i] ? xasprintf("%s/templates/serve/%s", dirs[i], name) : NULL;
		struct buf b = {0};
		if (text == NULL && path && read_file(path, &b) == 0)
			text = buf_steal(&b);
		buf_free(&b);
		free(path);
		free(dirs[i]);
	}
	return text;
}

/* Text for HTML content or a double-quoted attribute value. */
static void
escape_html(struct buf *b, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '"' ? "&quot;" : NULL;
		if (e)
			buf_puts(b, e);
		else
			buf_putc(b, *s);
	}
}

/* The theme's overlay with the messages in place of its mark (or after it
 * all, when it has none); caller frees. */
static char *
overlay_html(struct preview *p, const char *messages)
{
	char *tpl = theme_text(p, "overlay.html");
	const char *t = tpl ? tpl : MESSAGES_MARK;
	const char *mark = strstr(t, MESSAGES_MARK);
	size_t at = mark ? (size_t)(mark - t) : strlen(t);
	struct buf b = {0};
	buf_add(&b, t, at);
	escape_html(&b, messages);
	buf_puts(&b, mark ? mark + strlen(MESSAGES_MARK) : "");
	free(tpl);
	return buf_steal(&b);
}

/* ---- publishing builds ---- */

void
preview_set_theme(struct preview *p, const char *theme_dir, const char *default_dir)
{
	pthread_mutex_lock(&p->lock);
	free(p->theme_dir);
	free(p->default_dir);
	p->theme_dir = theme_dir ? xstrdup(theme_dir) : NULL;
	p->default_dir = default_dir ? xstrdup(default_dir) : NULL;
	pthread_mutex_unlock(&p->lock);
}

void
preview_publish(struct preview *p, bool ok, const char *messages)
{
	char *overlay = ok ? NULL : overlay_html(p, messages ? messages : "");
	pthread_mutex_lock(&p->lock);
	free(p->overlay);
	p->overlay = overlay;
	if (ok)
		p->builds++;
	p->version++;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

/* What names the build a page was served from, in the script element's
 * address; caller frees. Call under lock. */
static char *
build_tag(const struct preview *p)
{
	return xasprintf("%s-%u", p->instance, p->builds);
}

/* ---- responses ---- */

static enum MHD_Result
respond(struct MHD_Connection *c, unsigned status, struct MHD_Response *r, const char *type)
{
	if (r == NULL)
		return MHD_NO;
	if (type)
		mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* A preview changes under the reader: never from a cache. */
	mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result rc = mhd.MHD_queue_response(c, status, r);
	mhd.MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct MHD_Response *r = mhd.MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	return respond(c, status, r, "text/plain; charset=utf-8");
}

/* Takes a buffer allocated with malloc. */
static enum MHD_Result
send_owned(struct MHD_Connection *c, unsigned status, char *data, size_t len, const char *type)
{
	struct MHD_Response *r = mhd.MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (r == NULL)
		free(data);
	return respond(c, status, r, type);
}

static enum MHD_Result
send_redirect(struct MHD_Connection *c, const char *url)
{
	struct MHD_Response *r = mhd.MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	char *to = xasprintf("%s/", url);
	mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, to);
	free(to);
	return respond(c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
}

/* Opens a regular file that lies below root, both by real paths; symbolic
 * links are followed only as far as they stay below it. Returns the
 * descriptor and sets *st, or -1 (*is_dir set when the path is a folder). */
static int
open_below(const char *root, const char *path, struct stat *st, bool *is_dir)
{
	*is_dir = false;
	char *real = realpath(path, NULL);
	if (real == NULL)
		return -1;
	size_t n = strlen(root);
	int fd = -1;
	if (strncmp(real, root, n) == 0 && real[n] == '/') {
		fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd >= 0 && (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
			*is_dir = S_ISDIR(st->st_mode);
			close(fd);
			fd = -1;
		}
	}
	free(real);
	return fd;
}

/* Reads a whole descriptor of size bytes and closes it. Returns the bytes
 * (caller frees) or NULL. */
static char *
read_fd(int fd, size_t size, size_t *len)
{
	char *data = xmalloc(size + 1);
	size_t got = 0;
	while (got < size) {
		ssize_t n = read(fd, data + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return data;
}

/* An HTML page, with the script that follows the builds. */
static enum MHD_Result
send_page(struct MHD_Connection *c, unsigned status, int fd, size_t size, const char *tag)
{
	size_t len, out_len;
	char *html = read_fd(fd, size, &len);
	char *src = xasprintf(OWN_PREFIX "live.js?b=%s", tag);
	char *page = preview_inject(html, len, src, &out_len);
	free(src);
	free(html);
	return send_owned(c, status, page, out_len, preview_type(".html"));
}

static enum MHD_Result
send_not_found(struct preview *p, struct MHD_Connection *c, const char *tag)
{
	char *root = xasprintf("%s/site", p->out), *path = xasprintf("%s/site/404.html", p->out);
	struct stat st;
	bool is_dir;
	int fd = open_below(root, path, &st, &is_dir);
	free(root);
	free(path);
	if (fd < 0)
		return send_text(c, MHD_HTTP_NOT_FOUND, "404 Not Found\n");
	return send_page(c, MHD_HTTP_NOT_FOUND, fd, (size_t)st.st_size, tag);
}

/* A file of the output folder: rel below its folder dir ("site",
 * "wechat"), url as requested. */
static enum MHD_Result
send_file(struct preview *p, struct MHD_Connection *c, const char *dir, const char *rel, const char *url,
          const char *tag)
{
	char *root = xasprintf("%s/%s", p->out, dir);
	bool folder = *rel == '\0' || str_has_suffix(rel, "/");
	char *path = xasprintf("%s/%s%s", root, rel, folder ? "index.html" : "");
	struct stat st;
	bool is_dir;
	int fd = open_below(root, path, &st, &is_dir);
	free(root);
	free(path);
	if (fd < 0 && is_dir && !folder)
		return send_redirect(c, url);
	if (fd < 0)
		return send_not_found(p, c, tag);
	const char *type = preview_type(folder ? "index.html" : rel);
	if (str_has_prefix(type, "text/html"))
		return send_page(c, MHD_HTTP_OK, fd, (size_t)st.st_size, tag);
	struct MHD_Response *r = mhd.MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
	if (r == NULL)
		close(fd);
	return respond(c, MHD_HTTP_OK, r, type);
}

/* ---- the event stream ---- */

struct stream {
	struct preview *p;
	unsigned seen; /* the version last sent */
	bool started;
	struct buf pending;
	size_t sent;
};

/* Blocks until there is a new build to tell of, or a keep-alive is due.
 * Returns the next bytes of the stream, or MHD_CONTENT_READER_END_OF_STREAM
 * when the server stops. */
static ssize_t
stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	(void)pos;
	struct stream *s = cls;
	struct preview *p = s->p;
	if (s->sent == s->pending.len) {
		s->pending.len = s->sent = 0;
		buf_puts(&s->pending, "");
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += KEEPALIVE_SECONDS;
		pthread_mutex_lock(&p->lock);
		int rc = 0;
		while (!p->stopping && s->seen == p->version && rc != ETIMEDOUT)
			rc = pthread_cond_timedwait(&p->changed, &p->lock, &until);
		if (p->stopping) {
			pthread_mutex_unlock(&p->lock);
			return MHD_CONTENT_READER_END_OF_STREAM;
		}
		if (s->seen != p->version) {
			char *tag = build_tag(p);
			if (!s->started)
				buf_puts(&s->pending, "retry: 1000\n");
			buf_printf(&s->pending, "event: build\ndata: {\"build\":\"%s\",\"overlay\":", tag);
			if (p->overlay)
				buf_json_quoted(&s->pending, p->overlay);
			else
				buf_puts(&s->pending, "null");
			buf_puts(&s->pending, "}\n\n");
			free(tag);
			s->seen = p->version;
			s->started = true;
		} else {
			buf_puts(&s->pending, ":\n\n");
		}
		pthread_mutex_unlock(&p->lock);
	}
	size_t n = s->pending.len - s->sent;
	if (n > max)
		n = max;
	memcpy(out, s->pending.p + s->sent, n);
	s->sent += n;
	return (ssize_t)n;
}

static void
stream_free(void *cls)
{
	struct stream *s = cls;
	buf_free(&s->pending);
	free(s);
}

static enum MHD_Result
send_events(struct preview *p, struct MHD_Connection *c)
{
	struct stream *s = xcalloc(1, sizeof(*s));
	s->p = p;
	struct MHD_Response *r = mhd.MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_read, s, stream_free);
	if (r == NULL)
		stream_free(s);
	return respond(c, MHD_HTTP_OK, r, "text/event-stream");
}

/* The preview's own files: the script, the overlay's style, the events. */
static enum MHD_Result
send_own(struct preview *p, struct MHD_Connection *c, const char *name)
{
	if (strcmp(name, "events") == 0)
		return send_events(p, c);
	const char *file = strcmp(name, "live.js") == 0 ? "live.js" : strcmp(name, "overlay.css") == 0 ? "overlay.css" : NULL;
	char *text = file ? theme_text(p, file) : NULL;
	if (text == NULL)
		return send_text(c, MHD_HTTP_NOT_FOUND, "404 Not Found\n");
	return send_owned(c, MHD_HTTP_OK, text, strlen(text), preview_type(file));
}

/* Whether the Host header names this machine's loopback address: another
 * name that resolves to it (DNS rebinding) does not read the preview. */
static bool
local_host(const char *host)
{
	if (host == NULL)
		return true;
	static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);
		if (strncasecmp(host, names[i], n) == 0 && (host[n] == '\0' || host[n] == ':'))
			return true;
	}
	return false;
}

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *version,
       const char *upload, size_t *upload_size, void **state)
{
	(void)version;
	(void)upload;
	struct preview *p = cls;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
		struct MHD_Response *r = mhd.MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (r)
			mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		return respond(c, MHD_HTTP_METHOD_NOT_ALLOWED, r, NULL);
	}
	/* The first call has the headers only: answered on the next, the
	 * connection stays open for more requests. A body is not read. */
	static int headers_read;
	if (*state == NULL) {
		*state = &headers_read;
		return MHD_YES;
	}
	if (*upload_size != 0) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (!local_host(mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)))
		return send_text(c, MHD_HTTP_FORBIDDEN, "403 Forbidden\n");
	if (str_has_prefix(url, OWN_PREFIX))
		return send_own(p, c, url + strlen(OWN_PREFIX));
	if (strcmp(url, WECHAT_PREFIX) == 0)
		return send_redirect(c, url);
	bool wechat = str_has_prefix(url, WECHAT_PREFIX "/");
	char *rel = preview_path(wechat ? url + strlen(WECHAT_PREFIX) : url);
	if (rel == NULL)
		return send_text(c, MHD_HTTP_BAD_REQUEST, "400 Bad Request\n");
	/* Until the first build is published there is nothing to serve. */
	pthread_mutex_lock(&p->lock);
	while (!p->stopping && p->version == 0)
		pthread_cond_wait(&p->changed, &p->lock);
	bool stopping = p->stopping, built = p->builds > 0;
	/* Taken before the file is read: a page is never older than its tag. */
	char *tag = build_tag(p);
	pthread_mutex_unlock(&p->lock);
	enum MHD_Result rc;
	if (stopping) {
		rc = send_text(c, MHD_HTTP_SERVICE_UNAVAILABLE, "503 Service Unavailable\n");
	} else if (!built) {
		/* No good build yet: an empty page, for the script to show the
		 * messages on. */
		char *page = xasprintf("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>qbpress</title>"
		                       "<script src=\"" OWN_PREFIX "live.js?b=%s\" defer></script></head><body></body></html>\n",
		                       tag);
		rc = send_owned(c, MHD_HTTP_SERVICE_UNAVAILABLE, page, strlen(page), preview_type(".html"));
	} else {
		rc = send_file(p, c, wechat ? "wechat" : "site", rel, url, tag);
	}
	free(tag);
	free(rel);
	return rc;
}

/* Leaves the request's path as it came: preview_path() decodes it, and
 * must see what was escaped. */
static size_t
keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

struct preview *
preview_start(const struct preview_config *cfg)
{
	if (mhd_load() != 0) {
		close(cfg->fd);
		return NULL;
	}
	struct preview *p = xcalloc(1, sizeof(*p));
	pthread_condattr_t attr;
	if (pthread_mutex_init(&p->lock, NULL) != 0 || pthread_condattr_init(&attr) != 0 ||
	    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 || pthread_cond_init(&p->changed, &attr) != 0) {
		fprintf(stderr, "qbpress: error: cannot set up the preview server's threads\n");
		close(cfg->fd);
		free(p);
		return NULL;
	}
	pthread_condattr_destroy(&attr);
	p->out = xstrdup(cfg->out);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	p->instance = xasprintf("%lx%lx", (unsigned long)now.tv_sec, (unsigned long)now.tv_nsec ^ (unsigned long)getpid());
	preview_set_theme(p, cfg->theme_dir, cfg->default_dir);
	/* A thread a connection: an event stream waits in its own thread for
	 * the next build. */
	p->daemon = mhd.MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0,
	                             NULL, NULL, answer, p, MHD_OPTION_LISTEN_SOCKET, (MHD_socket)cfg->fd,
	                             MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_CONNECTION_LIMIT,
	                             (unsigned int)64, MHD_OPTION_END);
	if (p->daemon == NULL) {
		fprintf(stderr, "qbpress: error: cannot start the preview server\n");
		close(cfg->fd);
		p->daemon = NULL;
		preview_stop(p);
		return NULL;
	}
	return p;
}

void
preview_stop(struct preview *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stopping = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	if (p->daemon)
		mhd.MHD_stop_daemon(p->daemon);
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->lock);
	free(p->out);
	free(p->instance);
	free(p->theme_dir);
	free(p->default_dir);
	free(p->overlay);
	free(p);
}
