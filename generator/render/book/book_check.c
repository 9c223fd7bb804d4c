/* The compendium's check at `qbpress check` time: every character a book
 * will print must be drawn by a face of the book's settings, each one that
 * is not reported where it was written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../diag.h"
#include "../../markdown.h"
#include "../../utf8.h"
#include "../pdf/pdf_check.h"
#include "book_theme.h"
#include "compendium.h"

struct checker {
	const struct book_theme *t;
	struct pdf_check *k;
	int line, delta; /* bytes beyond characters of the earlier texts on line */
};

static void
check_text(struct checker *k, const struct pdf_chain *chain, const char *s, struct pos at, const char *what)
{
	pdf_check_text(k->k, &k->t->fonts, chain, s, at, what, "compendium");
}

/* The chain a narrative's text node is drawn with, as the book lays it out:
 * code, then strong, then emphasis, over the style of its block. */
static const struct pdf_chain *
node_chain(const struct book_theme *t, cmark_node *n)
{
	cmark_node_type ty = cmark_node_get_type(n);
	bool code = ty == CMARK_NODE_CODE || ty == CMARK_NODE_CODE_BLOCK, strong = false, emph = false;
	const struct book_style *base = NULL;
	for (cmark_node *p = cmark_node_parent(n); p; p = cmark_node_parent(p)) {
		cmark_node_type pt = cmark_node_get_type(p);
		const char *ts = cmark_node_get_type_string(p);
		if (pt == CMARK_NODE_STRONG)
			strong = true;
		else if (pt == CMARK_NODE_EMPH)
			emph = true;
		else if (base)
			continue;
		else if (pt == CMARK_NODE_IMAGE)
			base = &t->caption;
		else if (pt == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(p);
			base = &t->headings[level <= 2 ? 0 : level == 3 ? 1 : 2];
		} else if (pt == CMARK_NODE_BLOCK_QUOTE)
			base = &t->quote;
		else if (ts && strcmp(ts, "table_header") == 0)
			base = &t->table_header;
		else if (ts && strcmp(ts, "table_row") == 0)
			base = &t->table;
	}
	if (base == &t->caption)
		return &base->chain;
	if (code)
		return &t->code.chain;
	if (strong)
		return &t->strong.chain;
	if (emph)
		return &t->emphasis.chain;
	return base ? &base->chain : &t->body.chain;
}

static int
chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
check_tree(struct checker *k, const char *file, cmark_node *root, const char *what)
{
	k->line = 0;
	k->delta = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (ty != CMARK_NODE_TEXT && ty != CMARK_NODE_CODE && ty != CMARK_NODE_CODE_BLOCK))
			continue;
		const char *lit = cmark_node_get_literal(n);
		if (lit == NULL)
			continue;
		int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
		if (ty == CMARK_NODE_CODE_BLOCK) {
			int flen = 0, foff = 0;
			char fch = 0;
			line += cmark_node_get_fenced(n, &flen, &foff, &fch) ? 1 : 0;
		} else {
			if (line != k->line) {
				k->line = line;
				k->delta = 0;
			}
			int bytecol = col + (ty == CMARK_NODE_CODE ? 1 : 0);
			col = bytecol - k->delta;
			k->delta += (int)strlen(lit) - chars(lit);
		}
		check_text(k, node_chain(k->t, n), lit, (struct pos){file, line, col > 0 ? col : 1}, what);
	}
	cmark_iter_free(it);
}

static void
check_field(struct checker *k, const struct pdf_chain *const *chains, size_t n, const char *value, struct pos at,
            const char *what)
{
	pdf_check_field(k->k, &k->t->fonts, chains, n, value, at, what, "compendium");
}

static int
check_texts(const struct model *m, const struct book_theme *t, int year, struct pdf_check *pk)
{
	int before = pk->errors;
	struct checker k = {t, pk, 0, 0};
	const struct pdf_chain *title_chains[] = {&t->case_title.chain, &t->body.chain};
	const struct pdf_chain *line_chains[] = {&t->case_lines.chain, &t->running_head.chain};
	const struct pdf_chain *head_chains[] = {&t->running_head.chain, &t->cover_org.chain};
	bool any = false;
	for (size_t i = 0; i < m->ncampaigns; i++) {
		const struct campaign *c = m->campaigns[i];
		if (year && c->year != year)
			continue;
		for (size_t j = 0; j < c->nrecords; j++) {
			const struct record *r = c->records[j];
			if (r->withdrawn || r->revoked)
				continue;
			any = true;
			char what[160];
			snprintf(what, sizeof(what), "record '%s'", r->id ? r->id : "?");
			check_field(&k, title_chains, 2, r->experience, r->experience_pos, what);
			check_field(&k, line_chains, 2, r->enterprise, r->enterprise_pos, what);
			check_field(&k, line_chains, 1, r->region, r->pos, what);
			check_field(&k, line_chains, 1, r->recommender, r->recommender_pos, what);
			cmark_node *root = compendium_narrative(m, r);
			if (root)
				check_tree(&k, r->narrative->file, root, "the narrative");
			markdown_free_tree(root);
		}
		if (c->compendium && c->compendium->root)
			check_tree(&k, c->compendium->file, c->compendium->root, "the compendium's preface");
		if (any)
			check_field(&k, head_chains, 1, c->title, c->pos, "the campaign title");
	}
	if (any)
		check_field(&k, head_chains, 2, m->site.organization, m->site.pos, "the organization");
	return pk->errors - before;
}

int
compendium_check_texts(const struct model *m, const struct book_theme *t, int year)
{
	struct pdf_check k = {0};
	int n = check_texts(m, t, year, &k);
	pdf_check_free(&k);
	return n;
}

int
compendium_check(const struct model *m, const char *pdf_yaml, struct pdf_check *k)
{
	struct book_theme t;
	int rc = book_theme_load(&t, pdf_yaml) == 0 ? check_texts(m, &t, 0, k) : -1;
	book_theme_free(&t);
	return rc;
}
