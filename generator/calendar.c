#include "calendar.h"

/* The entry of a year, or NULL when the year is out of the table's range. */
static struct calendar_year *
slot(const struct calendar *cal, int year)
{
	if (year < CAL_FIRST_YEAR || year >= CAL_FIRST_YEAR + CAL_YEARS)
		return NULL;
	return (struct calendar_year *)&cal->years[year - CAL_FIRST_YEAR];
}

static struct calendar_year *
year_of(const struct calendar *cal, day_t day, int *year, int *doy)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	*year = y;
	*doy = (int)(day - date_from_ymd(y, 1, 1));
	return slot(cal, y);
}

void
calendar_add_year(struct calendar *cal, int year)
{
	struct calendar_year *cy = slot(cal, year);
	if (cy)
		cy->present = true;
}

bool
calendar_has_year(const struct calendar *cal, int year)
{
	const struct calendar_year *cy = slot(cal, year);
	return cy && cy->present;
}

void
calendar_set_unreadable(struct calendar *cal, int year)
{
	struct calendar_year *cy = slot(cal, year);
	if (cy)
		cy->unreadable = true;
}

bool
calendar_is_unreadable(const struct calendar *cal, int year)
{
	const struct calendar_year *cy = slot(cal, year);
	return cy && cy->unreadable;
}

void
calendar_set_holiday(struct calendar *cal, day_t day)
{
	int y, doy;
	struct calendar_year *cy = year_of(cal, day, &y, &doy);
	if (cy)
		cy->off[doy] = 1;
}

void
calendar_set_workday(struct calendar *cal, day_t day)
{
	int y, doy;
	struct calendar_year *cy = year_of(cal, day, &y, &doy);
	if (cy)
		cy->on[doy] = 1;
}

int
calendar_is_working(const struct calendar *cal, day_t day, int *missing_year)
{
	int y, doy;
	const struct calendar_year *cy = year_of(cal, day, &y, &doy);
	if (cy == NULL || !cy->present) {
		if (missing_year)
			*missing_year = y;
		return -1;
	}
	if (cy->on[doy])
		return 1;
	if (cy->off[doy])
		return 0;
	return date_weekday(day) < 5;
}

int
calendar_period(const struct calendar *cal, day_t start, int n, day_t *first, day_t *last,
                int *missing_year)
{
	int found = 0;
	if (n <= 0) {
		if (missing_year)
			*missing_year = 0;
		return -1;
	}
	/* A year has at least 200 working days, so this bound is never reached
	 * for a sane n; it only stops a runaway loop. */
	for (day_t d = start; d < start + 366 * 4 + n * 7; d++) {
		int w = calendar_is_working(cal, d, missing_year);
		if (w < 0)
			return -1;
		if (!w)
			continue;
		if (found == 0)
			*first = d;
		if (++found == n) {
			*last = d;
			return 0;
		}
	}
	if (missing_year)
		*missing_year = 0;
	return -1;
}

int
calendar_count(const struct calendar *cal, day_t from, day_t to, int *missing_year)
{
	int n = 0;
	for (day_t d = from; d <= to; d++) {
		int w = calendar_is_working(cal, d, missing_year);
		if (w < 0)
			return -1;
		n += w;
	}
	return n;
}
