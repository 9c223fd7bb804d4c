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
/* Writes "2025年9月26日" into out (at least 32 bytes). */
void date_format_zh(day_t day, char *out);
/* Writes "二〇二五年十一月二十日" into out (at least 64 bytes). */
void date_format_zh_upper(day_t day, char *out);
/* The UTC date of a Unix time. */
day_t date_from_unix(int64_t t);

#endif
