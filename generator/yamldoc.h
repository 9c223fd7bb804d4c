/* A YAML document as a small tree that keeps every node's position, built
 * from libyaml's event parser. Scalars keep their source text: the loaders
 * decide what a scalar means. */
#ifndef QB_YAMLDOC_H
#define QB_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum ynode_kind { Y_SCALAR, Y_SEQUENCE, Y_MAPPING };

struct ynode;

struct ypair {
	struct ynode *key, *value;
};

struct ynode {
	enum ynode_kind kind;
	struct pos pos;
	char *text;      /* Y_SCALAR: the value, NUL-terminated */
	size_t len;
	bool plain;      /* Y_SCALAR: unquoted */
	size_t n;        /* number of items or pairs */
	struct ynode **items;
	struct ypair *pairs;
};

/* How deep lists and mappings may nest: the content format needs four
 * levels; the bound keeps every walk of the tree (all recursive) shallow. */
#define YDOC_MAX_DEPTH 64

/* Parses YAML text. `file` names it in diagnostics; line_offset is added to
 * every line (for front matter that does not start the file). Reports
 * syntax errors, aliases, duplicate keys, keys that are not plain values, nesting deeper
 * than YDOC_MAX_DEPTH and more than one document as
 * diagnostics and returns NULL. An empty document gives an empty mapping. */
struct ynode *ydoc_parse(const char *file, const char *text, size_t len, int line_offset);
void ynode_free(struct ynode *n);

/* The value of a key in a mapping, or NULL. */
struct ynode *ymap_get(const struct ynode *map, const char *key);
const char *ynode_kind_name(const struct ynode *n);

#endif
