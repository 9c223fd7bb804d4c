/* A record's narrative in the record pass (render.h): parsed once, or not
 * at all when the output folder's build kept what parsing it found.
 *
 * Its facts are what the parse tells the build besides the tree: the
 * warnings its text gives, and the link and image destinations it checked
 * against the content folder. They are kept in the manifest under a key of
 * the program, the narrative's path and its bytes. A build that finds them
 * checks every destination again (a picture may be gone), then gives the
 * warnings as the parse would, in the same order; the tree is parsed only
 * when a renderer asks for it, to make a page that cannot be kept. A parse
 * that reported an error leaves no facts. */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "../diag.h"
#include "../load.h"
#include "../manifest.h"
#include "../markdown.h"
#include "../output.h"
#include "../util.h"
#include "parallel.h"
#include "render.h"

/* What the facts are keyed by: anything else they depend on (the content
 * folder's files) is checked when they are used. */
static struct hash
facts_key(const struct render_ctx *ctx, const struct document *d)
{
	struct hasher h;
	hasher_init(&h);
	hasher_str(&h, "narrative facts");
	hasher_hash(&h, ctx->program);
	hasher_str(&h, d->path);
	hasher_str(&h, d->file);
	hasher_hash(&h, d->text_hash);
	hasher_u64(&h, (uint64_t)d->text_len);
	return hasher_end(&h);
}

static void
add_file(struct narrative *n, const char *target)
{
	n->files = xrealloc(n->files, (n->nfiles + 1) * sizeof(*n->files));
	n->files[n->nfiles++] = xstrndup(target, strcspn(target, "#?"));
}

static void
drop_files(struct narrative *n)
{
	for (size_t i = 0; i < n->nfiles; i++)
		free(n->files[i]);
	free(n->files);
	n->files = NULL;
	n->nfiles = 0;
}

/* ---- the facts as text: a line each, fields escaped as in the manifest ----
 *   w SEV LINE COL TEXT   a message of the parse, in the order reported
 *   i URL | l URL         an image's or a link's destination in the content */

struct capture {
	const char *file;
	struct buf *b;
	bool ok; /* no error, and every message about the narrative itself */
};

static void
capture_message(void *arg, enum diag_severity sev, const char *file, int line, int col, const char *text)
{
	struct capture *c = arg;
	if (sev == DIAG_ERROR || sev == DIAG_FAILURE || file == NULL || strcmp(file, c->file) != 0) {
		c->ok = false;
		return;
	}
	buf_printf(c->b, "w %d %d %d ", (int)sev, line, col);
	manifest_escape(c->b, text);
	buf_putc(c->b, '\n');
}

/* The facts of a parse that reported the messages from `first` on and gave
 * root, or NULL when they must not be kept. */
static char *
facts_of_parse(const struct document *d, cmark_node *root, size_t first)
{
	struct buf b = {0};
	struct capture c = {d->file, &b, true};
	diag_each_from(first, capture_message, &c);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while (c.ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_IMAGE && type != CMARK_NODE_LINK) ||
		    markdown_node_target(node) == NULL)
			continue;
		const char *url = cmark_node_get_url(node);
		buf_puts(&b, type == CMARK_NODE_IMAGE ? "i " : "l ");
		manifest_escape(&b, url ? url : "");
		buf_putc(&b, '\n');
	}
	cmark_iter_free(it);
	if (!c.ok) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* Checks the destinations that facts name as the parse did, quietly, and
 * collects the files they publish. Returns false when one no longer
 * passes or the facts cannot be read (then the narrative is parsed). */
static bool
check_facts(struct narrative *n, const char *facts)
{
	const struct document *d = n->r->narrative;
	struct markdown_ctx mc = {n->m->content_dir, n->m->content_real, NULL, n->m->files};
	bool ok = true;
	for (const char *line = facts; ok && *line;) {
		size_t len = strcspn(line, "\n");
		if (len >= 2 && (line[0] == 'i' || line[0] == 'l') && line[1] == ' ') {
			bool image = line[0] == 'i';
			char *url = manifest_unescape(line + 2, len - 2);
			diag_mute(true);
			char *t = markdown_resolve_target(&mc, d->path, url, (struct pos){d->file, 0, 0},
			                                  image ? "image" : "link", image ? TARGET_IMAGE : TARGET_LINK);
			diag_mute(false);
			if (t == NULL)
				ok = false;
			else if (markdown_publishes(image, t))
				add_file(n, t);
			free(t);
			free(url);
		} else if (len < 2 || line[0] != 'w' || line[1] != ' ') {
			ok = false;
		}
		line += len + (line[len] == '\n');
	}
	if (!ok)
		drop_files(n);
	return ok;
}

/* Gives the messages that facts keep, as the parse gave them. */
static void
replay_facts(const struct narrative *n, const char *facts)
{
	const struct document *d = n->r->narrative;
	for (const char *line = facts; *line;) {
		size_t len = strcspn(line, "\n");
		int sev, l, c, k = 0;
		if (line[0] == 'w' && sscanf(line, "w %d %d %d %n", &sev, &l, &c, &k) == 3 && k > 0 && (size_t)k <= len) {
			char *text = manifest_unescape(line + k, len - (size_t)k);
			diag((enum diag_severity)sev, d->file, l, c, "%s", text);
			free(text);
		}
		line += len + (line[len] == '\n');
	}
}

/* ---- the record pass's side ---- */

static void
send_facts(int kind, struct hash key, const char *facts)
{
	size_t n = strlen(facts);
	char *msg = xmalloc(sizeof(key) + n);
	memcpy(msg, &key, sizeof(key));
	memcpy(msg + sizeof(key), facts, n);
	par_send(kind, msg, sizeof(key) + n);
	free(msg);
}

void
narrative_receive(void *arg, const void *data, size_t len)
{
	struct hash key;
	if (len < sizeof(key))
		return;
	memcpy(&key, data, sizeof(key));
	char *facts = xstrndup((const char *)data + sizeof(key), len - sizeof(key));
	staging_record_narrative(arg, key, facts);
	free(facts);
}

void
narrative_open(struct narrative *n, const struct render_ctx *ctx, const struct model *m, const struct record *r,
               int kind)
{
	memset(n, 0, sizeof(*n));
	n->m = m;
	n->r = r;
	struct document *d = r->narrative;
	struct hash key = {0, 0};
	const char *kept = NULL;
	if (ctx && ctx->staging) {
		key = facts_key(ctx, d);
		kept = staging_narrative(ctx->staging, key);
	}
	if (kept && check_facts(n, kept)) {
		replay_facts(n, kept);
		send_facts(kind, key, kept);
		return;
	}
	size_t first = diag_count();
	n->tree = document_body(m, d, true);
	n->parsed = true;
	markdown_collect_images(n->tree, &n->files, &n->nfiles);
	char *facts = ctx && ctx->staging && n->tree ? facts_of_parse(d, n->tree, first) : NULL;
	if (facts)
		send_facts(kind, key, facts);
	free(facts);
}

void
narrative_close(struct narrative *n)
{
	markdown_free_tree(n->tree);
	drop_files(n);
	memset(n, 0, sizeof(*n));
}

cmark_node *
narrative_tree(struct narrative *n)
{
	if (!n->parsed) {
		n->tree = document_body_again(n->m, n->r->narrative);
		n->parsed = true;
	}
	return n->tree;
}

const char *const *
narrative_files(const struct narrative *n, size_t *count)
{
	*count = n ? n->nfiles : 0;
	return n ? (const char *const *)n->files : NULL;
}
