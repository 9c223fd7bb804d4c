/* Calendar dates as day numbers (days since 1970-01-01), proleptic Gregorian. */
#ifndef QB_DATE_H
#define QB_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t day_t;

/* A date that is unknown (absent or not valid). */
#define DAY_NONE INT32_MIN

enum date_status { DATE_OK, DATE_MALFORMED, DATE_IMPOSSIBLE };

bool date_is_leap(int y);
int date_days_in_month(int y, int m);
day_t date_from_ymd(int y, int m, int d);
void date_to_ymd(day_t day, int *y, int *m, int *d);
/* 0 = Monday … 6 = Sunday. */
int date_weekday(day_t day);
/* Parses exactly "YYYY-MM-DD" (years 1900-2199). DATE_MALFORMED for any other
 * shape, DATE_IMPOSSIBLE for a well-formed date that does not exist. */
enum date_status date_parse(const char *s, day_t *out);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format(day_t day, char *out);
/* Appends a date written after a form to out: in form, {y} {m} {d} stand
 * for the year, month and day in digits, {Y} for the year's digits in
 * numerals (numerals[0] to numerals[9]), {M} {D} for the month and day in
 * numerals with `ten` for the tens (十一, 二十); the rest is copied. The
 * form and the numerals are the theme's. */
struct buf;
void date_format_form(day_t day, const char *form, const char *const numerals[10], const char *ten,
                      struct buf *out);
/* The UTC date of a Unix time. */
day_t date_from_unix(int64_t t);

#endif
