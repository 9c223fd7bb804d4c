/* The in-memory model: everything the office's content says, checked, with
 * the derived facts (publicity periods, phases, record status, certificate
 * numbers) computed once. Renderers read it and never re-read content. */
#ifndef QB_MODEL_H
#define QB_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "calendar.h"
#include "date.h"
#include "diag.h"
#include "hash.h"
#include "industry.h"

enum focus { FOCUS_NONE = -1, FOCUS_TQM, FOCUS_ENGINEERING, FOCUS_SUPPLY_CHAIN, FOCUS_DIGITAL, FOCUS_COUNT };

/* A focus area by its key in records.yaml ("tqm"); its item number and
 * name are words of the theme (struct focus_words, words.h). */
struct focus_area {
	const char *key;
};

struct focus_words {
	char *item; /* "（一）" */
	char *name; /* "全面质量管理" */
};

extern const struct focus_area focus_areas[FOCUS_COUNT];
enum focus focus_from_key(const char *key);

enum phase { PHASE_PUBLICITY, PHASE_REVIEW, PHASE_ANNOUNCED };
const char *phase_name(enum phase p);

enum record_status { STATUS_PLAIN, STATUS_WITHDRAWN, STATUS_REVOKED };
const char *status_name(enum record_status s);

struct division_range {
	int first, last;
};

struct site {
	char *title, *organization, *office, *base_url, *language, *theme, *description;
	char *wechat_account, *wechat_author;
	char *objection_phone, *objection_email, *objection_address, *objection_postcode;
	char *seal;  /* content-relative path of the seal image, or NULL */
	char *logo;  /* content-relative path, or NULL */
	struct division_range *divisions;
	size_t ndivisions;
	struct pos pos;
};

/* A Markdown document: front matter fields and the parsed, sanitised body.
 * Raw HTML and unsafe links are already removed; relative link and image
 * destinations are rewritten to content-relative paths (see `target`).
 * A free page keeps its body (root); a case narrative does not: its body
 * is parsed when a build or a check needs it (document_body() in load.h),
 * from the same bytes, which the hash proves. */
struct document {
	char *path;        /* content-relative, e.g. "campaigns/2025/cases/x.md" */
	const char *file;  /* as shown in diagnostics */
	cmark_node *root;  /* the body of a page; NULL for a narrative */
	struct hash text_hash; /* of the file's bytes as loaded */
	size_t text_len;
	char *summary, *cover, *title;
	char **keywords;
	size_t nkeywords;
	int order;
	bool has_order;
	size_t chars;      /* characters of text in the body */
};

struct exchange {
	day_t date;
	char *city, *title;
};

struct record;

struct campaign {
	int year;
	bool loaded;             /* campaign.yaml was read (else its own error was reported) */
	char *dir;               /* content-relative, "campaigns/2025" */
	char *title;             /* from campaign.yaml, else after the theme's pattern (words.h) */
	day_t publicity_date;
	int working_days;
	char *publicity_number;
	bool announced;
	day_t announcement_date;
	char *announcement_number;
	struct exchange *exchanges;
	size_t nexchanges;
	/* derived */
	bool period_known;       /* false when a calendar year is missing */
	day_t period_first, period_last;
	day_t *period_days;      /* the period's working days, in order (period_known) */
	size_t nperiod_days;
	enum phase phase;
	int working_days_left;   /* in publicity: working days left, today included */
	struct record **records; /* in records.yaml order */
	size_t nrecords;
	struct document *compendium; /* compendium.md, the preface of the year's book, or NULL */
	struct pos pos, publicity_pos, announcement_pos;
};

struct record {
	struct campaign *campaign;
	size_t index;            /* position in records.yaml, 0-based */
	char *id, *enterprise, *uscc, *region, *recommender, *industry, *experience;
	const struct industry_division *division;
	const struct industry_section *section;
	enum focus focus;
	char **methods;
	size_t nmethods;
	char *iso_certificate;
	day_t iso_valid_until;
	int profitable[8];
	size_t nprofitable;
	char *certificate;
	bool certificate_given;
	bool withdrawn;
	day_t withdrawn_date;
	char *withdrawn_reason;
	bool revoked;
	day_t revoked_date;
	char *revoked_reason, *revoked_number;
	enum record_status status;
	struct document *narrative;
	/* where things were written, for diagnostics */
	struct pos pos, id_pos, enterprise_pos, experience_pos, certificate_pos, iso_valid_pos,
	    profitable_pos, withdrawn_pos, revoked_pos, industry_pos, recommender_pos;
};

struct model {
	char *content_dir;       /* as given on the command line */
	char *content_real;      /* its real path, or NULL */
	struct markdown_files *files; /* link targets known to be files (markdown.h) */
	day_t today;
	struct site site;
	struct calendar calendar;
	struct campaign **campaigns; /* by year, ascending */
	size_t ncampaigns;
	struct document **pages;     /* by order, then name */
	size_t npages;
	char **images;               /* images the loader saw (covers, pages, site.yaml), sorted, unique */
	size_t nimages;
	struct record **byid;        /* every record with an id, by year and id (model_find_record) */
	size_t nbyid;
	/* Of what each case link's target became, for every record
	 * (modelxml_body_key()); made on first use. */
	struct hash case_links;
	bool case_links_known;
	struct focus_words focus[FOCUS_COUNT]; /* from the theme (words.h); NULL until read */
};

/* Frees everything the model owns. */
void model_free(struct model *m);
/* The record of a year with an id, or NULL. */
const struct record *model_find_record(const struct model *m, int year, const char *id);
/* Makes the lookup of model_find_record(); the loader calls it. */
void model_index(struct model *m);
/* True when a record appears in the case library, certificates and compendium. */
bool record_is_published(const struct record *r);
/* True when a record's certificate number was ever issued (announced, not withdrawn). */
bool record_is_issued(const struct record *r);
void document_free(struct document *d);
/* qsort order of record pointers with ids: by id, then by position. */
int record_cmp_id(const void *a, const void *b);

#endif
