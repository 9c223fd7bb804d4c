#define _GNU_SOURCE
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
oom(void)
{
	fputs("qbpress: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		oom();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

size_t
fmt_long(char *out, long v)
{
	char digits[24];
	int n = 0;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	size_t len = 0;
	if (v < 0)
		out[len++] = '-';
	while (n > 0)
		out[len++] = digits[--n];
	out[len] = '\0';
	return len;
}

void
buf_grow_slow(struct buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) {
		if (cap > ((size_t)-1) / 2)
			oom();
		cap *= 2;
	}
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}



/* A conversion buf_vprintf writes itself: %s, %.*s, %c, %% and integers
 * (d, i, u, x, X with an optional 0 flag, a width and the l, ll or z
 * length); *spec is what follows the '%'. Returns the length of the
 * conversion, or 0 for one left to vsnprintf. */
static size_t
simple_conversion(const char *spec)
{
	const char *p = spec;
	if (p[0] == '%' || p[0] == 's' || p[0] == 'c')
		return 1;
	if (p[0] == '.' && p[1] == '*' && p[2] == 's')
		return 3;
	if (*p == '0')
		p++;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == 'z')
		p++;
	else if (*p == 'l')
		p += p[1] == 'l' ? 2 : 1;
	if (*p == 'd' || *p == 'i' || *p == 'u' || *p == 'x' || *p == 'X')
		return (size_t)(p - spec) + 1;
	return 0;
}

static void
put_integer(struct buf *b, unsigned long long v, bool negative, unsigned base, bool upper, bool zero, int width)
{
	char digits[24];
	int n = 0;
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		digits[n++] = set[v % base];
		v /= base;
	} while (v != 0);
	int len = n + (negative ? 1 : 0);
	if (!zero)
		for (; len < width; len++)
			buf_putc(b, ' ');
	if (negative)
		buf_putc(b, '-');
	if (zero)
		for (; len < width; len++)
			buf_putc(b, '0');
	while (n > 0)
		buf_putc(b, digits[--n]);
}

/* The conversion at spec (checked by simple_conversion). */
static void
put_conversion(struct buf *b, const char *spec, va_list *ap)
{
	if (*spec == '%') {
		buf_putc(b, '%');
		return;
	}
	if (*spec == 's') {
		const char *s = va_arg(*ap, const char *);
		buf_puts(b, s ? s : "(null)");
		return;
	}
	if (*spec == 'c') {
		buf_putc(b, (char)va_arg(*ap, int));
		return;
	}
	if (*spec == '.') {
		int n = va_arg(*ap, int);
		const char *s = va_arg(*ap, const char *);
		size_t len = n < 0 ? strlen(s) : strnlen(s, (size_t)n);
		buf_add(b, s, len);
		return;
	}
	bool zero = *spec == '0';
	if (zero)
		spec++;
	int width = 0;
	for (; *spec >= '0' && *spec <= '9'; spec++)
		width = width * 10 + (*spec - '0');
	int size = 0; /* 0 int, 1 long, 2 long long, 3 size_t */
	if (*spec == 'z') {
		size = 3;
		spec++;
	} else if (*spec == 'l') {
		size = spec[1] == 'l' ? 2 : 1;
		spec += (size_t)size;
	}
	char conv = *spec;
	if (conv == 'd' || conv == 'i') {
		long long v = size == 0 ? va_arg(*ap, int)
		              : size == 1 ? va_arg(*ap, long)
		              : size == 2 ? va_arg(*ap, long long)
		                          : (long long)va_arg(*ap, size_t);
		unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
		put_integer(b, u, v < 0, 10, false, zero, width);
		return;
	}
	unsigned long long v = size == 0 ? va_arg(*ap, unsigned)
	                       : size == 1 ? va_arg(*ap, unsigned long)
	                       : size == 2 ? va_arg(*ap, unsigned long long)
	                                   : va_arg(*ap, size_t);
	put_integer(b, v, false, conv == 'u' ? 10 : 16, conv == 'X', zero, width);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	bool simple = true;
	for (const char *p = strchr(fmt, '%'); p && simple; p = strchr(p, '%')) {
		size_t n = simple_conversion(p + 1);
		simple = n > 0;
		p += 1 + n;
	}
	if (simple) {
		va_list ap2;
		va_copy(ap2, ap);
		for (const char *p = fmt; *p;) {
			const char *pc = strchr(p, '%');
			if (pc == NULL) {
				buf_puts(b, p);
				break;
			}
			buf_add(b, p, (size_t)(pc - p));
			put_conversion(b, pc + 1, &ap2);
			p = pc + 1 + simple_conversion(pc + 1);
		}
		va_end(ap2);
		return;
	}
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	buf_grow(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_steal(struct buf *b)
{
	char *p = b->p ? b->p : xstrdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_json_string(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		case '<':
			buf_puts(b, "\\u003c");
			break;
		default:
			if (*p < 0x20) {
				buf_printf(b, "\\u%04x", *p);
			} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				buf_printf(b, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
				p += 2;
			} else {
				buf_putc(b, (char)*p);
			}
		}
	}
}

void
buf_json_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	buf_json_string(b, s);
	buf_putc(b, '"');
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int
read_file_max(const char *path, struct buf *out, size_t max)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. It changes
	 * nothing for the regular files that are read. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : ESPIPE;
		return -1;
	}
	if (st.st_size > 0 && (unsigned long long)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	out->len = 0;
	buf_grow(out, st.st_size > 0 ? (size_t)st.st_size : 4096);
	int e = 0;
	for (;;) {
		buf_grow(out, 4096);
		size_t room = out->cap - out->len - 1;
		/* A file that grows while it is read stops at max + 1 bytes. */
		if (room > max - out->len + 1)
			room = max - out->len + 1;
		ssize_t n = read(fd, out->p + out->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		if (out->len > max) {
			e = EFBIG;
			break;
		}
	}
	close(fd);
	if (e != 0) {
		buf_free(out);
		errno = e;
		return -1;
	}
	out->p[out->len] = '\0';
	return 0;
}

int
read_file(const char *path, struct buf *out)
{
	return read_file_max(path, out, (size_t)-1 / 2);
}

int
write_file(const char *path, const void *data, size_t len)
{
	char *dir = path_dir(path);
	int rc = mkdir_p(dir);
	free(dir);
	if (rc != 0)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
open_nameless(const char *dir)
{
	return open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
}

void
sink_flush(struct sink *k, bool all)
{
	if (k->b.len == 0 || (!all && k->b.len < SINK_PIECE))
		return;
	if (k->err == 0 && write_all(k->fd, k->b.p, k->b.len) != 0)
		k->err = errno ? errno : EIO;
	k->b.len = 0;
}

bool
shelf_open(struct shelf *s, const char *dir)
{
	memset(s, 0, sizeof(*s));
	s->fd = dir ? open_nameless(dir) : -1;
	s->open = s->fd >= 0;
	return s->open;
}

int
shelf_put(struct shelf *s, const void *data, size_t len, uint64_t *at)
{
	if (!s->open) {
		errno = EBADF;
		return -1;
	}
	if (pwrite_all(s->fd, data, len, s->end) != 0)
		return -1;
	*at = s->end;
	s->end += len;
	return 0;
}

char *
shelf_get(int fd, uint64_t at, size_t len)
{
	char *t = xmalloc(len + 1);
	if (pread_all(fd, t, len, at) != 0) {
		int e = errno;
		free(t);
		errno = e;
		return NULL;
	}
	t[len] = '\0';
	return t;
}

void
shelf_close(struct shelf *s)
{
	if (s->open)
		close(s->fd);
	memset(s, 0, sizeof(*s));
}

/* pwrite() or pread() of exactly len bytes at off. */
static int
positioned_all(int fd, char *p, size_t len, uint64_t off, bool writing)
{
	while (len > 0) {
		ssize_t n = writing ? pwrite(fd, p, len, (off_t)off) : pread(fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

int
pwrite_all(int fd, const void *data, size_t len, uint64_t off)
{
	return positioned_all(fd, (char *)data, len, off, true);
}

int
pread_all(int fd, void *data, size_t len, uint64_t off)
{
	return positioned_all(fd, data, len, off, false);
}

int
mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	int rc = 0;
	if (mkdir(p, 0755) != 0) {
		if (errno == ENOENT) {
			/* Make the parent first: only then this one. */
			char *slash = strrchr(p, '/');
			if (slash && slash != p) {
				*slash = '\0';
				rc = mkdir_p(p);
				*slash = '/';
			}
			if (rc == 0 && mkdir(p, 0755) != 0 && errno != EEXIST)
				rc = -1;
		} else if (errno != EEXIST) {
			rc = -1;
		} else {
			struct stat st;
			if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
				rc = -1;
		}
	}
	int e = errno;
	free(p);
	errno = e;
	return rc;
}

int
remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	char **names = list_dir(path);
	if (names == NULL)
		return -1;
	int rc = 0;
	for (char **n = names; *n && rc == 0; n++) {
		char *child = path_join(path, *n);
		rc = remove_tree(child);
		free(child);
	}
	free_strv(names);
	if (rc == 0)
		rc = rmdir(path);
	return rc;
}

int
copy_file(const char *from, const char *to)
{
	struct buf b = {0};
	if (read_file(from, &b) != 0)
		return -1;
	int rc = write_file(to, b.p, b.len);
	int e = errno;
	buf_free(&b);
	errno = e;
	return rc;
}

char *
path_join(const char *a, const char *b)
{
	if (a == NULL || *a == '\0' || *b == '/')
		return xstrdup(b);
	size_t n = strlen(a);
	if (a[n - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

char *
path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *
path_normalize_rel(const char *path)
{
	if (path[0] == '/')
		return NULL;
	size_t n = strlen(path);
	char **parts = xcalloc(n + 1, sizeof(*parts));
	size_t np = 0;
	const char *s = path;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 0 || (len == 1 && s[0] == '.')) {
			/* skip */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (np == 0) {
				free(parts);
				return NULL;
			}
			np--;
		} else {
			parts[np++] = (char *)s;
		}
		s += len;
		if (*s == '/')
			s++;
	}
	struct buf b = {0};
	for (size_t i = 0; i < np; i++) {
		if (i)
			buf_putc(&b, '/');
		const char *e = strchr(parts[i], '/');
		buf_add(&b, parts[i], e ? (size_t)(e - parts[i]) : strlen(parts[i]));
	}
	free(parts);
	return buf_steal(&b);
}

bool
str_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
str_has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
list_dir(const char *path)
{
	DIR *d = opendir(path);
	if (d == NULL)
		return NULL;
	size_t n = 0, cap = 16;
	char **v = xmalloc(cap * sizeof(*v));
	struct dirent *e;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n + 1 >= cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n++] = xstrdup(e->d_name);
	}
	int e2 = errno;
	closedir(d);
	v[n] = NULL;
	if (e2 != 0) {
		free_strv(v);
		errno = e2;
		return NULL;
	}
	qsort(v, n, sizeof(*v), cmp_str);
	return v;
}

void
free_strv(char **v)
{
	if (v == NULL)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}
