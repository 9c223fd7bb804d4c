#include "words.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "yamldoc.h"

/* A single value under key of map, or NULL after a diagnostic. */
static const char *
word(const struct ynode *map, const char *key, int *errors)
{
	const struct ynode *v = ymap_get(map, key);
	if (v == NULL || v->kind != Y_SCALAR || v->len == 0) {
		diag_error(v ? v->pos : map->pos, "'%s' must be given as a single non-empty value", key);
		(*errors)++;
		return NULL;
	}
	return v->text;
}

static void
known_keys(const struct ynode *map, const char *const *keys)
{
	for (size_t i = 0; i < map->n; i++) {
		bool ok = false;
		for (size_t k = 0; keys[k] && !ok; k++)
			ok = strcmp(map->pairs[i].key->text, keys[k]) == 0;
		if (!ok)
			diag_warning(map->pairs[i].key->pos, "unknown key '%s'", map->pairs[i].key->text);
	}
}

/* Replaces {year} in a title pattern. */
static char *
title_of(const char *pattern, int year)
{
	struct buf b = {0};
	buf_puts(&b, "");
	for (const char *p = pattern; *p;) {
		if (strncmp(p, "{year}", 6) == 0) {
			buf_printf(&b, "%d", year);
			p += 6;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_steal(&b);
}

int
words_load(struct model *m, const char *path)
{
	const char *file = diag_file(path);
	struct buf text = {0};
	if (read_file(path, &text) != 0) {
		diag(DIAG_ERROR, file, 0, 0, "cannot read the theme's words: %s", strerror(errno));
		buf_free(&text);
		return -1;
	}
	struct ynode *root = ydoc_parse(file, text.p ? text.p : "", text.len, 0);
	buf_free(&text);
	if (root == NULL)
		return -1;
	int errors = 0;
	if (root->kind != Y_MAPPING) {
		diag_error(root->pos, "the theme's words must be a mapping with 'focus_areas:' and 'campaign_title:'");
		ynode_free(root);
		return -1;
	}
	static const char *const keys[] = {"focus_areas", "campaign_title", NULL};
	known_keys(root, keys);
	const struct ynode *fa = ymap_get(root, "focus_areas");
	if (fa == NULL || fa->kind != Y_MAPPING) {
		diag_error(fa ? fa->pos : root->pos, "'focus_areas' must be a mapping of the focus areas' keys");
		errors++;
	} else {
		const char *fkeys[FOCUS_COUNT + 1];
		for (int f = 0; f < FOCUS_COUNT; f++)
			fkeys[f] = focus_areas[f].key;
		fkeys[FOCUS_COUNT] = NULL;
		known_keys(fa, fkeys);
		for (int f = 0; f < FOCUS_COUNT; f++) {
			const struct ynode *one = ymap_get(fa, focus_areas[f].key);
			if (one == NULL || one->kind != Y_MAPPING) {
				diag_error(one ? one->pos : fa->pos, "focus area '%s' needs its item and name: {item: …, name: …}",
				           focus_areas[f].key);
				errors++;
				continue;
			}
			static const char *const okeys[] = {"item", "name", NULL};
			known_keys(one, okeys);
			const char *item = word(one, "item", &errors), *name = word(one, "name", &errors);
			free(m->focus[f].item);
			free(m->focus[f].name);
			m->focus[f].item = item ? xstrdup(item) : NULL;
			m->focus[f].name = name ? xstrdup(name) : NULL;
		}
	}
	const char *title = word(root, "campaign_title", &errors);
	for (size_t i = 0; title && i < m->ncampaigns; i++)
		if (m->campaigns[i]->title == NULL)
			m->campaigns[i]->title = title_of(title, m->campaigns[i]->year);
	ynode_free(root);
	return errors ? -1 : 0;
}
