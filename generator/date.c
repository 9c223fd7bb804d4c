#include "date.h"

#include "util.h"

#include <stdio.h>
#include <string.h>

bool
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : dm[m - 1];
}

/* Howard Hinnant's days_from_civil. */
day_t
date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (day_t)(era * 146097 + (int)doe - 719468);
}

void
date_to_ymd(day_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

int
date_weekday(day_t day)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (int)((day % 7 + 7) % 7);
	return (w + 3) % 7;
}

enum date_status
date_parse(const char *s, day_t *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return DATE_MALFORMED;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return DATE_MALFORMED;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199)
		return DATE_IMPOSSIBLE;
	if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return DATE_IMPOSSIBLE;
	*out = date_from_ymd(y, m, d);
	return DATE_OK;
}

void
date_format(day_t day, char *out)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	unsigned v[3] = {(unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u};
	out[0] = (char)('0' + v[0] / 1000);
	out[1] = (char)('0' + v[0] / 100 % 10);
	out[2] = (char)('0' + v[0] / 10 % 10);
	out[3] = (char)('0' + v[0] % 10);
	out[4] = '-';
	out[5] = (char)('0' + v[1] / 10);
	out[6] = (char)('0' + v[1] % 10);
	out[7] = '-';
	out[8] = (char)('0' + v[2] / 10);
	out[9] = (char)('0' + v[2] % 10);
	out[10] = '\0';
}

/* A number up to 99 in numerals: 一 … 十 … 二十 … 三十一 ("ten" for the
 * tens). */
static void
number_words(int n, const char *const numerals[10], const char *ten, struct buf *out)
{
	if (n >= 20)
		buf_puts(out, numerals[(n / 10) % 10]);
	if (n >= 10)
		buf_puts(out, ten);
	if (n % 10 != 0 || n < 10)
		buf_puts(out, numerals[n % 10]);
}

void
date_format_form(day_t day, const char *form, const char *const numerals[10], const char *ten, struct buf *out)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	buf_puts(out, "");
	for (const char *p = form; *p; p++) {
		if (p[0] != '{' || p[1] == '\0' || p[2] != '}' || strchr("ymdYMD", p[1]) == NULL) {
			buf_putc(out, *p);
			continue;
		}
		int v = p[1] == 'y' || p[1] == 'Y' ? y : p[1] == 'm' || p[1] == 'M' ? m : d;
		if (p[1] == 'y' || p[1] == 'm' || p[1] == 'd')
			buf_printf(out, "%d", v);
		else if (p[1] == 'Y')
			for (int k = 1000; k > 0; k /= 10)
				buf_puts(out, numerals[(v / k) % 10]);
		else
			number_words(v, numerals, ten, out);
		p += 2;
	}
}

day_t
date_from_unix(int64_t t)
{
	int64_t d = t / 86400;
	if (t % 86400 < 0)
		d--;
	return (day_t)d;
}
