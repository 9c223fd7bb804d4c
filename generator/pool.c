#include "pool.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Blocks of up to POOL_CLASSES * GRAIN bytes come from size classes, each a
 * list of freed blocks refilled from a bump region; larger ones from
 * malloc. Every block starts with a header word: its class, or 0 for a
 * malloc'd block. One thread uses the pool at a time (the workers are
 * forked; threads take pool_lock()), so its operations take no lock. */
#define GRAIN 16
#define POOL_CLASSES 64
#define HEADER 8
#define REGION (1u << 20)

struct free_block {
	struct free_block *next;
};

static struct free_block *lists[POOL_CLASSES + 1];
static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;
static char *bump, *bump_end;
static char **regions;
static size_t nregions;
static long live;

static char *
refill(size_t size)
{
	if (bump == NULL || (size_t)(bump_end - bump) < size) {
		char *r = xmalloc(REGION);
		regions = xrealloc(regions, (nregions + 1) * sizeof(*regions));
		regions[nregions++] = r;
		bump = r;
		bump_end = r + REGION;
	}
	char *p = bump;
	bump += size;
	return p;
}

static inline size_t
class_of(size_t n)
{
	return (n + HEADER + GRAIN - 1) / GRAIN;
}

void *
pool_malloc(size_t n)
{
	size_t c = class_of(n);
	char *b;
	if (c > POOL_CLASSES) {
		if (n > SIZE_MAX - HEADER)
			oom();
		b = xmalloc(n + HEADER);
		*(uint64_t *)b = 0;
	} else if (lists[c] != NULL) {
		b = (char *)lists[c];
		lists[c] = lists[c]->next;
		*(uint64_t *)b = c;
	} else {
		b = refill(c * GRAIN);
		*(uint64_t *)b = c;
	}
	live++;
	return b + HEADER;
}

void
pool_free(void *p)
{
	if (p == NULL)
		return;
	char *b = (char *)p - HEADER;
	uint64_t c = *(uint64_t *)b;
	live--;
	if (c == 0) {
		free(b);
		return;
	}
	struct free_block *f = (struct free_block *)b;
	f->next = lists[c];
	lists[c] = f;
}

void *
pool_realloc(void *p, size_t n)
{
	if (p == NULL)
		return pool_malloc(n);
	char *b = (char *)p - HEADER;
	uint64_t c = *(uint64_t *)b;
	if (c == 0) {
		if (n > SIZE_MAX - HEADER)
			oom();
		b = xrealloc(b, n + HEADER);
		return b + HEADER;
	}
	size_t have = c * GRAIN - HEADER;
	if (n <= have)
		return p;
	void *q = pool_malloc(n);
	memcpy(q, p, have);
	pool_free(p);
	return q;
}

void *
pool_calloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	void *p = pool_malloc(n * size);
	memset(p, 0, n * size);
	return p;
}

char *
pool_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = pool_malloc(n);
	memcpy(p, s, n);
	return p;
}

long
pool_live(void)
{
	return live;
}

void
pool_release(void)
{
	for (size_t i = 0; i < nregions; i++)
		free(regions[i]);
	free(regions);
	regions = NULL;
	nregions = 0;
	bump = bump_end = NULL;
	memset(lists, 0, sizeof(lists));
}

void
pool_lock(void)
{
	pthread_mutex_lock(&pool_mutex);
}

void
pool_unlock(void)
{
	pthread_mutex_unlock(&pool_mutex);
}
