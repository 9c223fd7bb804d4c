/* Official working-day calendar: Monday–Friday not in `holidays`, or any day
 * in `workdays`, one file per year. A computation that needs a year with no
 * file fails and names the year: it never guesses. */
#ifndef QB_CALENDAR_H
#define QB_CALENDAR_H

#include <stdbool.h>

#include "date.h"

#define CAL_FIRST_YEAR 1900
#define CAL_YEARS 300

struct calendar_year {
	bool present;
	bool unreadable; /* its file exists but could not be read */
	unsigned char off[366]; /* by day of year: an official day off */
	unsigned char on[366];  /* by day of year: an adjusted working day */
};

struct calendar {
	struct calendar_year years[CAL_YEARS];
};

/* Marks a year as known (its file was loaded). */
void calendar_add_year(struct calendar *cal, int year);
bool calendar_has_year(const struct calendar *cal, int year);
/* Marks a year whose file exists but could not be read (its own error was
 * reported), so that computations needing it need not report it again. */
void calendar_set_unreadable(struct calendar *cal, int year);
bool calendar_is_unreadable(const struct calendar *cal, int year);
/* Records a holiday or an adjusted working day; the year must be added. */
void calendar_set_holiday(struct calendar *cal, day_t day);
void calendar_set_workday(struct calendar *cal, day_t day);

/* 1 when day is a working day, 0 when not, -1 when its year has no calendar
 * (then *missing_year is set). */
int calendar_is_working(const struct calendar *cal, day_t day, int *missing_year);

/* The period of n working days that starts on the first working day on or
 * after start (n >= 1). Returns 0 and sets *first and *last, or -1 with *missing_year
 * set to the first year that has no calendar. */
int calendar_period(const struct calendar *cal, day_t start, int n, day_t *first, day_t *last,
                    int *missing_year);

/* Working days from `from` to `to`, both inclusive (0 when to < from), or -1
 * with *missing_year set. */
int calendar_count(const struct calendar *cal, day_t from, day_t to, int *missing_year);

#endif
