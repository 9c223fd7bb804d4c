/* Allocation that fails loudly, growable buffers, files and paths. */
#ifndef QB_UTIL_H
#define QB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define QB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define QB_PRINTF(a, b)
#endif

/* Every allocator exits the process with status 2 and a message when memory
 * runs out: no caller has to handle NULL. */
/* Ends the program with status 2: memory ran out. */
_Noreturn void oom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) QB_PRINTF(1, 2);

/* v in decimal into out (at least 21 bytes), NUL-terminated; returns its
 * length. */
size_t fmt_long(char *out, long v);

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct buf {
	char *p;
	size_t len, cap;
};

/* Makes room for extra more bytes and the terminating NUL. */
void buf_grow_slow(struct buf *b, size_t extra);
static inline void
buf_grow(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		buf_grow_slow(b, extra);
}
static inline void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}
static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}
static inline void
buf_putc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}
void buf_printf(struct buf *b, const char *fmt, ...) QB_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hands the string over to the caller (never NULL) and resets the buffer. */
char *buf_steal(struct buf *b);
/* Appends s escaped as the inside of a JSON string. Besides what JSON
 * requires, '<', U+2028 and U+2029 are escaped, so that the text is safe
 * inside HTML and JavaScript too. */
void buf_json_string(struct buf *b, const char *s);
/* The same between double quotes. */
void buf_json_quoted(struct buf *b, const char *s);
void buf_free(struct buf *b);

/* Reads a whole regular file, never waiting on a pipe or reading a device
 * without end. Returns 0, or -1 with errno set: EISDIR for a folder,
 * ESPIPE for anything else that is not a regular file (a pipe, a device, a
 * socket), EFBIG when it has more than max bytes. */
int read_file_max(const char *path, struct buf *out, size_t max);
/* The same without a bound on the size. */
int read_file(const char *path, struct buf *out);
/* Writes a whole file, creating parent folders. Returns 0, or -1 with errno. */
int write_file(const char *path, const void *data, size_t len);
/* Writes all of data to fd, again after interruptions. Returns 0, or -1
 * with errno set. */
int write_all(int fd, const void *data, size_t len);
/* A file without a name in folder dir, open for reading and writing: what a
 * build sets aside instead of holding it, gone when closed. Returns the
 * descriptor, or -1 with errno (a file system without such files gives
 * EOPNOTSUPP or EISDIR). */
int open_nameless(const char *dir);
/* Text bound for a file descriptor, written in pieces as it grows, so that
 * a long text is never held whole: sink_flush() writes what b holds once
 * it reaches SINK_PIECE bytes, or with all set whatever it holds. err keeps
 * the first failed write's errno (0 for none); nothing is written after. */
#define SINK_PIECE (64 * 1024)
struct sink {
	int fd;
	int err;
	struct buf b;
};
void sink_flush(struct sink *k, bool all);
/* Texts set aside in a file without a name instead of being held:
 * shelf_open() makes the file in folder dir (false, and the caller keeps
 * its texts, on a file system without such files), shelf_put() appends one
 * and says where it lies (0, or -1 with errno), shelf_get() reads len bytes
 * at from the shelf's descriptor fd back as a new string (NULL with errno
 * when it cannot), shelf_close() lets the file go. */
struct shelf {
	bool open;
	int fd;
	uint64_t end;
};
bool shelf_open(struct shelf *s, const char *dir);
int shelf_put(struct shelf *s, const void *data, size_t len, uint64_t *at);
char *shelf_get(int fd, uint64_t at, size_t len);
void shelf_close(struct shelf *s);
/* Writes all of data at offset off, or reads exactly len bytes from off,
 * again after interruptions. Return 0, or -1 with errno set (EIO for a
 * file that ends first). */
int pwrite_all(int fd, const void *data, size_t len, uint64_t off);
int pread_all(int fd, void *data, size_t len, uint64_t off);
/* Creates a folder and its parents (mode 0755). Returns 0, or -1 with errno. */
int mkdir_p(const char *path);
/* Removes a file or a folder tree. Returns 0, or -1 with errno. */
int remove_tree(const char *path);
/* Copies a regular file (read_file's errors for anything else). Returns 0,
 * or -1 with errno. */
int copy_file(const char *from, const char *to);

/* "a" + "/" + "b", without doubling the slash; caller frees. */
char *path_join(const char *a, const char *b);
/* The folder part of a path ("." when there is none); caller frees. */
char *path_dir(const char *path);
/* Lexically normalises a relative path ("a/./b/../c" → "a/c"). Returns NULL
 * when it climbs above its start or is absolute; caller frees. */
char *path_normalize_rel(const char *path);

bool str_has_prefix(const char *s, const char *prefix);
/* The value of a hexadecimal digit, or -1. */
int hex_value(int c);
bool str_has_suffix(const char *s, const char *suffix);

/* Sorted list of the names in a folder (no "." entries), NULL-terminated.
 * Returns NULL with errno set when the folder cannot be read. */
char **list_dir(const char *path);
void free_strv(char **v);

#endif
