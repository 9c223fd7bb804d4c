/* The notices' texts: each publicity notice (Art. 22), announcement
 * (Art. 23) and revocation notice (Art. 25) composed once per build by the
 * theme's templates/notice/text.xsl into a small document (its title,
 * number, paragraphs, attachments, signature and date), which every
 * channel renders: the site's notice page and its print layout, the WeChat
 * article and the official PDF. So the office publishes one text, however
 * it is read. The document's shape is in templates/notice/README.md. */
#ifndef QB_NOTICES_H
#define QB_NOTICES_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../hash.h"
#include "../model.h"
#include "../util.h"

struct render_ctx;

enum notice_kind { NOTICE_PUBLICITY, NOTICE_ANNOUNCEMENT, NOTICE_REVOCATION };

struct notice {
	enum notice_kind kind;
	const struct campaign *campaign;
	const struct record *record; /* a revocation's record, else NULL */
	char *address;               /* its page, "notices/2026-publicity/" (address.h) */
	char *pdf_address;           /* its official PDF */
	day_t date;                  /* the day it is dated and published */
	bool published;              /* out on the build date: the site shows it */
	/* The composed text, <notice>, as the template wrote it: XML text of
	 * xml_len bytes, a fraction of its tree, read again where a channel
	 * needs it (notice_text_doc). Set aside at offset at of the file fd
	 * (xml NULL), or held in xml when there is no such file. */
	bool composed;
	char *xml;
	size_t xml_len;
	int fd;
	uint64_t at;
	char *title, *number;        /* head/title and head/number as plain text (number NULL without one) */
	struct hash hash;            /* of the text */
};

struct notice_set {
	struct notice *v; /* campaigns by year; each: publicity, announcement, revocations in records.yaml order */
	size_t n;
	struct shelf texts; /* where the texts are set aside (a file without a name in the staging folder) */
};

/* The kind's name: "publicity", "announcement", "revocation". */
const char *notice_kind_name(enum notice_kind k);

/* The theme's text template of the notices. */
#define NOTICES_SHEET "notice/text.xsl"

/* Composes every notice of the model with the theme's text template.
 * Returns 0, or -1 after a diagnostic (free *out with notices_free either
 * way). */
int notices_compose(const struct render_ctx *ctx, struct notice_set *out);
void notices_free(struct notice_set *s);

/* The notice of a kind for a campaign (and, for a revocation, a record),
 * or NULL. */
const struct notice *notices_find(const struct notice_set *s, enum notice_kind kind, const struct campaign *c,
                                  const struct record *r);

/* A notice's text as a document of its own (root <notice>), or NULL when
 * it was not composed (or, after a diagnostic, cannot be read back);
 * caller frees with xmlFreeDoc(). */
xmlDocPtr notice_text_doc(const struct notice *n);
/* Appends a copy of a notice's text (the <notice> element) to parent. */
void notice_text_xml(xmlNodePtr parent, const struct notice *n);
/* Appends <notices> with one summary per notice (published only, when
 * published is set): its kind, year, certificate, addresses, date, number
 * and state, and its title as the text composed it. For the pages that
 * list notices or link one. */
void notices_xml(xmlNodePtr parent, const struct notice_set *s, bool published);
/* The same for the pages about one record: the published notices about
 * its campaign, and its revocation. */
void notices_xml_about(xmlNodePtr parent, const struct notice_set *s, const struct record *r);

/* The plain text of an element of a notice's text (its inline markup
 * flattened, white space as written); caller frees. */
char *notice_text_of(xmlNodePtr n);
/* The first child element of n named name, or NULL. */
xmlNodePtr notice_child(xmlNodePtr n, const char *name);

#endif
