/* The allocator of libxml2, libxslt and cmark-gfm: small blocks from size
 * classes kept in free lists, so that the many short-lived nodes of the
 * views, transformations and parse trees cost a few instructions each.
 * Blocks from it go back to it (xmlFree, cmark's free), never to free().
 * It ends the program with status 2 when memory runs out, as xmalloc. */
#ifndef QB_POOL_H
#define QB_POOL_H

#include <stddef.h>

void *pool_malloc(size_t n);
void *pool_calloc(size_t n, size_t size);
void *pool_realloc(void *p, size_t n);
void pool_free(void *p);
char *pool_strdup(const char *s);

/* Under AddressSanitizer a block left at exit is an error, as the leaks
 * the sanitizer finds in memory from malloc. */
#if defined(__SANITIZE_ADDRESS__)
#define POOL_STRICT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_STRICT 1
#endif
#endif
#ifndef POOL_STRICT
#define POOL_STRICT 0
#endif

/* The pool keeps no lock of its own: one thread of a process uses it at
 * a time (workers are forked processes). A thread that may run beside
 * others (the loader's) holds this lock while it allocates from or frees
 * to the pool, through libxml2, libxslt or cmark-gfm. */
void pool_lock(void);
void pool_unlock(void);

/* Blocks handed out and not yet freed. */
long pool_live(void);
/* Gives the memory back; only when no block is live. */
void pool_release(void);

#endif
