#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "load.h"

static void
missing_calendar(const struct model *m, struct pos at, int year, const char *what)
{
	if (year <= 0) {
		diag_error(at, "%s cannot be computed: the calendar has no end", what);
		return;
	}
	char *p = xasprintf("%s/calendar/%d.yaml", m->content_dir, year);
	diag_error(at, "%s needs the official calendar of %d: add %s (holidays and adjusted working days)", what,
	           year, p);
	free(p);
}

/* The working days of a campaign's known period, for the pages that
 * count them down as of the reader's day. */
static void
period_days(const struct model *m, struct campaign *c)
{
	free(c->period_days);
	c->period_days = xcalloc((size_t)c->working_days + 1, sizeof(*c->period_days));
	c->nperiod_days = 0;
	for (day_t d = c->period_first; d <= c->period_last && c->nperiod_days < (size_t)c->working_days; d++)
		if (calendar_is_working(&m->calendar, d, &(int){0}) == 1)
			c->period_days[c->nperiod_days++] = d;
}

void
model_derive(struct model *m)
{
	for (size_t i = 0; i < m->ncampaigns; i++) {
		struct campaign *c = m->campaigns[i];
		c->period_known = false;
		if (c->publicity_date != DAY_NONE) {
			int missing = 0;
			if (calendar_period(&m->calendar, c->publicity_date, c->working_days, &c->period_first,
			                    &c->period_last, &missing) == 0) {
				c->period_known = true;
				period_days(m, c);
			}
			else if (!calendar_is_unreadable(&m->calendar, missing))
				missing_calendar(m, c->publicity_pos, missing, "the publicity period");
		}
		if (c->announced)
			c->phase = PHASE_ANNOUNCED;
		else if (c->period_known && m->today > c->period_last)
			c->phase = PHASE_REVIEW;
		else
			c->phase = PHASE_PUBLICITY;
		c->working_days_left = 0;
		if (c->phase == PHASE_PUBLICITY && c->period_known) {
			int missing = 0;
			day_t from = m->today > c->period_first ? m->today : c->period_first;
			int n = calendar_count(&m->calendar, from, c->period_last, &missing);
			c->working_days_left = n < 0 ? 0 : n;
		}
		size_t issued = 0;
		for (size_t j = 0; j < c->nrecords; j++) {
			struct record *r = c->records[j];
			r->status = r->withdrawn ? STATUS_WITHDRAWN : r->revoked ? STATUS_REVOKED : STATUS_PLAIN;
			if (r->withdrawn) {
				if (r->certificate_given)
					diag_warning(r->certificate_pos,
					             "certificate '%s' is not issued: the record was withdrawn during publicity",
					             r->certificate);
				free(r->certificate);
				r->certificate = NULL;
				continue;
			}
			issued++;
			if (!r->certificate_given)
				r->certificate = xasprintf("QB%d-%03zu", c->year, issued);
		}
	}
}

static bool
eligible(const struct site *s, int division)
{
	for (size_t i = 0; i < s->ndivisions; i++)
		if (division >= s->divisions[i].first && division <= s->divisions[i].last)
			return true;
	return false;
}

static void
check_record(const struct model *m, const struct campaign *c, const struct record *r)
{
	char a[16], b[16];
	if (r->division && !eligible(&m->site, r->division->code)) {
		struct buf ranges = {0};
		for (size_t i = 0; i < m->site.ndivisions; i++)
			buf_printf(&ranges, "%s%02d-%02d", i ? ", " : "", m->site.divisions[i].first,
			           m->site.divisions[i].last);
		diag_error(r->industry_pos,
		           "industry '%s' (division %02d %s, section %s %s) is not eligible under Art. 10: eligible divisions are %s",
		           r->industry, r->division->code, r->division->name, r->section ? r->section->code : "?",
		           r->section ? r->section->name : "?", ranges.p ? ranges.p : "none");
		buf_free(&ranges);
	}
	/* Art. 9(2): the ISO 9001 certificate is valid on the publicity date. */
	if (r->iso_valid_until != DAY_NONE && c->publicity_date != DAY_NONE && r->iso_valid_until < c->publicity_date) {
		date_format(r->iso_valid_until, a);
		date_format(c->publicity_date, b);
		diag_error(r->iso_valid_pos,
		           "ISO 9001 certificate expired on '%s', before the publicity date %s (Art. 9(2))", a, b);
	}
	/* Art. 9(1): profitable in each of the three years before the campaign year. */
	if (r->profitable_pos.file) {
		bool ok = r->nprofitable == 3;
		for (int y = c->year - 3; ok && y < c->year; y++) {
			bool found = false;
			for (size_t i = 0; i < r->nprofitable; i++)
				found |= r->profitable[i] == y;
			ok = found;
		}
		if (!ok) {
			struct buf got = {0};
			for (size_t i = 0; i < r->nprofitable; i++)
				buf_printf(&got, "%s%d", i ? ", " : "", r->profitable[i]);
			diag_error(r->profitable_pos,
			           "profitable years '[%s]' must be exactly the three years before %d: [%d, %d, %d] (Art. 9(1))",
			           got.p ? got.p : "", c->year, c->year - 3, c->year - 2, c->year - 1);
			buf_free(&got);
		}
	}
	if (r->withdrawn && r->withdrawn_date != DAY_NONE && c->period_known &&
	    (r->withdrawn_date < c->period_first || r->withdrawn_date > c->period_last)) {
		date_format(r->withdrawn_date, a);
		char p1[16], p2[16];
		date_format(c->period_first, p1);
		date_format(c->period_last, p2);
		diag_error(r->withdrawn_pos, "withdrawal date '%s' is outside the publicity period %s to %s", a, p1, p2);
	}
	if (r->revoked && r->revoked_date != DAY_NONE && c->loaded) {
		date_format(r->revoked_date, a);
		if (!c->announced)
			diag_error(r->revoked_pos, "revocation dated '%s', but the %d campaign has not been announced", a,
			           c->year);
		else if (c->announcement_date != DAY_NONE && r->revoked_date <= c->announcement_date) {
			date_format(c->announcement_date, b);
			diag_error(r->revoked_pos, "revocation date '%s' must come after the announcement of %s", a, b);
		}
	}
}

static void
check_campaign(const struct model *m, const struct campaign *c)
{
	char a[16], b[16];
	if (c->announced && c->announcement_date != DAY_NONE && c->period_known &&
	    c->announcement_date <= c->period_last) {
		date_format(c->announcement_date, a);
		date_format(c->period_last, b);
		diag_error(c->announcement_pos, "announcement date '%s' must come after the publicity period ends (%s)",
		           a, b);
	}
	if (c->publicity_date != DAY_NONE) {
		int y, mo, d;
		date_to_ymd(c->publicity_date, &y, &mo, &d);
		if (y != c->year)
			diag_warning(c->publicity_pos, "the %d campaign's publicity date is in %d", c->year, y);
	}
	for (size_t i = 0; i < c->nrecords; i++)
		check_record(m, c, c->records[i]);
	/* ids are unique within the year: sorted by id, then by position, each
	 * record after the first of its id is a duplicate (n log n, not every
	 * pair). */
	const struct record **byid = xcalloc(c->nrecords + 1, sizeof(*byid));
	size_t n = 0;
	for (size_t i = 0; i < c->nrecords; i++)
		if (c->records[i]->id)
			byid[n++] = c->records[i];
	if (n > 1)
		qsort(byid, n, sizeof(*byid), record_cmp_id);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(byid[i]->id, byid[first]->id) != 0) {
			first = i;
			continue;
		}
		diag_error(byid[i]->id_pos, "id '%s' is already used in %d (line %d)", byid[i]->id, c->year,
		           byid[first]->id_pos.line);
	}
	free(byid);
}

static int
cmp_certificate(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a, *y = *(struct record *const *)b;
	int c = strcmp(x->certificate, y->certificate);
	if (c)
		return c;
	if (x->campaign->year != y->campaign->year)
		return x->campaign->year < y->campaign->year ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

void
model_check(struct model *m)
{
	for (size_t i = 0; i < m->ncampaigns; i++)
		check_campaign(m, m->campaigns[i]);
	/* Certificate numbers are unique across all years: sorted by number,
	 * then by year and position, each record after the first of its number
	 * is a duplicate. */
	size_t n = 0;
	for (size_t i = 0; i < m->ncampaigns; i++)
		n += m->campaigns[i]->nrecords;
	struct record **all = xcalloc(n + 1, sizeof(*all));
	n = 0;
	for (size_t i = 0; i < m->ncampaigns; i++)
		for (size_t j = 0; j < m->campaigns[i]->nrecords; j++)
			if (m->campaigns[i]->records[j]->certificate)
				all[n++] = m->campaigns[i]->records[j];
	if (n > 1)
		qsort(all, n, sizeof(*all), cmp_certificate);
	for (size_t i = 1, group = 0; i < n; i++) {
		if (strcmp(all[i]->certificate, all[group]->certificate) != 0) {
			group = i;
			continue;
		}
		const struct record *r = all[i], *first = all[group];
		struct pos at = r->certificate_given ? r->certificate_pos : r->pos;
		struct pos fp = first->certificate_given ? first->certificate_pos : first->pos;
		diag_error(at, "certificate number '%s' is already given to '%s' (%s:%d)", r->certificate,
		           first->id ? first->id : "?", fp.file ? fp.file : "?", fp.line);
	}
	free(all);
}
