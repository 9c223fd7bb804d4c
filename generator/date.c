#include "date.h"

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
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

void
date_format_zh(day_t day, char *out)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 32, "%u年%u月%u日", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static const char *const zh_digit[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

static void
zh_number(int n, char *out)
{
	/* 1..31 as 一 … 十 … 二十 … 三十一 */
	out[0] = '\0';
	if (n >= 20)
		strcat(out, zh_digit[n / 10]);
	if (n >= 10)
		strcat(out, "十");
	if (n % 10 != 0 || n < 10)
		strcat(out, zh_digit[n % 10]);
}

void
date_format_zh_upper(day_t day, char *out)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	char yy[16] = "", mm[16], dd[16];
	int digits[4] = {(y / 1000) % 10, (y / 100) % 10, (y / 10) % 10, y % 10};
	for (int i = 0; i < 4; i++)
		strcat(yy, zh_digit[digits[i]]);
	zh_number(m, mm);
	zh_number(d, dd);
	snprintf(out, 64, "%s年%s月%s日", yy, mm, dd);
}

day_t
date_from_unix(int64_t t)
{
	int64_t d = t / 86400;
	if (t % 86400 < 0)
		d--;
	return (day_t)d;
}
