/*
 * period.c: the periods reports and samples cover, as [from, to) in the
 * department's local time: a month 2026-11, an ISO week 2026-W47 (Monday
 * to Monday, week 1 holds January 4th), a quarter 2026-Q4, a year 2026,
 * and for cron lines last-week, last-month, last-quarter, last-year
 * (relative to now, or CS_NOW).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"

static int
local_ymd(cs_time t, int *y, int *m, int *d)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
	return tm.tm_wday == 0 ? 6 : tm.tm_wday - 1;	/* Monday = 0 */
}

/* Weekday of a civil date, Monday = 0. */
int
cs_weekday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d + 6) % 7;
}

static int
iso_weeks(int y)
{
	int jan1 = cs_weekday(y, 1, 1);
	int leap = cs_days_in_month(y, 2) == 29;

	return jan1 == 3 || (leap && jan1 == 2) ? 53 : 52;
}

/* Add days to a civil date. */
static void
add_days(int *y, int *m, int *d, int n)
{
	*d += n;
	while (*d < 1) {
		if (--*m < 1)
			*m = 12, --*y;
		*d += cs_days_in_month(*y, *m);
	}
	while (*d > cs_days_in_month(*y, *m)) {
		*d -= cs_days_in_month(*y, *m);
		if (++*m > 12)
			*m = 1, ++*y;
	}
}

static int
span(struct cs_period *p, int y1, int m1, int d1, int y2, int m2, int d2)
{
	if (cs_mktime_local(y1, m1, d1, 0, 0, 0, &p->from) < 0 ||
	    cs_mktime_local(y2, m2, d2, 0, 0, 0, &p->to) < 0)
		return -1;
	return 0;
}

static int
month(int y, int m, struct cs_period *p)
{
	snprintf(p->name, sizeof p->name, "%04d-%02d", y, m);
	return span(p, y, m, 1, m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);
}

static int
week(int y, int w, struct cs_period *p)
{
	int my = y, mm = 1, md = 4, ey, em, ed;

	add_days(&my, &mm, &md, -cs_weekday(y, 1, 4) + 7 * (w - 1));
	ey = my, em = mm, ed = md;
	add_days(&ey, &em, &ed, 7);
	snprintf(p->name, sizeof p->name, "%04d-W%02d", y, w);
	return span(p, my, mm, md, ey, em, ed);
}

static int
quarter(int y, int q, struct cs_period *p)
{
	int m = 3 * (q - 1) + 1;

	snprintf(p->name, sizeof p->name, "%04d-Q%d", y, q);
	return span(p, y, m, 1, q == 4 ? y + 1 : y, q == 4 ? 1 : m + 3, 1);
}

static int
year(int y, struct cs_period *p)
{
	snprintf(p->name, sizeof p->name, "%04d", y);
	return span(p, y, 1, 1, y + 1, 1, 1);
}

/* The ISO week (year and number) holding a civil date. */
static void
iso_week_of(int y, int m, int d, int *wy, int *wn)
{
	int thy = y, thm = m, thd = d, doy = 0, k;

	add_days(&thy, &thm, &thd, 3 - cs_weekday(y, m, d));	/* its Thursday */
	for (k = 1; k < thm; k++)
		doy += cs_days_in_month(thy, k);
	doy += thd;
	*wy = thy;
	*wn = (doy - 1) / 7 + 1;
}

/* Does the relative word s ("last-week") name a period of kind? */
static int
of_kind(const char *s, const char *kind)
{
	return kind == NULL || strcmp(s + 5, kind) == 0;
}

static int
relative(const char *kind, const char *s, struct cs_period *p)
{
	cs_time now;
	int y, m, d, wy, wn;

	if ((strncmp(s, "last-", 5) && strncmp(s, "this-", 5)) || !of_kind(s, kind))
		return 1;
	if (cs_time_now(&now) < 0)
		return -1;
	local_ymd(now, &y, &m, &d);
	if (strcmp(s, "last-month") == 0)
		return month(m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1, p);
	if (strcmp(s, "this-month") == 0)
		return month(y, m, p);
	if (strcmp(s, "last-week") == 0 || strcmp(s, "this-week") == 0) {
		if (s[0] == 'l')
			add_days(&y, &m, &d, -7);
		iso_week_of(y, m, d, &wy, &wn);
		return week(wy, wn, p);
	}
	if (strcmp(s, "last-quarter") == 0) {
		int q = (m - 1) / 3 + 1;
		return quarter(q == 1 ? y - 1 : y, q == 1 ? 4 : q - 1, p);
	}
	if (strcmp(s, "last-year") == 0)
		return year(y - 1, p);
	return 1;
}

/* The n digits at s as a number; -1 if one is not a digit. */
static int
number(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/*
 * Parse s as a period of the given kind ("month", "week", "quarter",
 * "year"), or of the kind its form shows when kind is NULL; a relative
 * word must be of the kind too (--month last-week is no month).  Digits
 * are digits: sscanf's "2026- 1" or "2026-W\n4" are no periods.
 */
int
cs_period_parse(const char *kind, const char *s, struct cs_period *p)
{
	size_t len = strlen(s);
	int y, n, k;

	memset(p, 0, sizeof *p);
	k = relative(kind, s, p);
	if (k <= 0)
		return k;
	y = len >= 4 ? number(s, 4) : -1;
	if (y >= 1900 && len == 8 && s[4] == '-' && s[5] == 'W' &&
	    (n = number(s + 6, 2)) >= 1 && n <= iso_weeks(y) &&
	    (!kind || !strcmp(kind, "week")))
		return week(y, n, p);
	if (y >= 1900 && len == 7 && s[4] == '-' && s[5] == 'Q' &&
	    (n = number(s + 6, 1)) >= 1 && n <= 4 &&
	    (!kind || !strcmp(kind, "quarter")))
		return quarter(y, n, p);
	if (y >= 1900 && len == 7 && s[4] == '-' && (n = number(s + 5, 2)) >= 1 &&
	    n <= 12 && (!kind || !strcmp(kind, "month")))
		return month(y, n, p);
	if (y >= 1900 && len == 4 && (!kind || !strcmp(kind, "year")))
		return year(y, p);
	return cs_fail(CS_EUSAGE, "not a %s: '%s'", kind ? kind : "period", s);
}

/* --from DATE --to DATE, both days included; either may be NULL. */
int
cs_period_range(const char *from, const char *to, struct cs_period *p)
{
	int y, m, d;

	memset(p, 0, sizeof *p);
	p->from = INT64_MIN;
	p->to = INT64_MAX;
	if (from && cs_time_parse(from, &p->from) < 0)
		return cs_fail(CS_EUSAGE, "--from: not a date or time: '%s'", from);
	if (to) {
		if (strlen(to) == 10 && cs_date_parse(to, &y, &m, &d) == 0) {
			add_days(&y, &m, &d, 1);
			if (cs_mktime_local(y, m, d, 0, 0, 0, &p->to) < 0)
				return cs_fail(CS_EUSAGE, "--to: '%s'", to);
		} else if (cs_time_parse(to, &p->to) < 0)
			return cs_fail(CS_EUSAGE, "--to: not a date or time: '%s'",
			    to);
	}
	if (p->from >= p->to)
		return cs_fail(CS_EUSAGE, "--from is not before --to");
	snprintf(p->name, sizeof p->name, "%.10s..%.10s", from ? from : "",
	    to ? to : "");
	return 0;
}

int
cs_period_contains(const struct cs_period *p, cs_time t)
{
	return t >= p->from && t < p->to;
}

/*
 * The twelve months to now: from local midnight of the same day a year
 * before (the month's last day when it has no such day: 2028-02-29 looks
 * back to 2027-02-28) to now, now included.
 */
int
cs_period_year_to(cs_time now, struct cs_period *p)
{
	char d[16];
	int y, mo, day;

	cs_date_format(now, d);
	cs_date_parse(d, &y, &mo, &day);
	if (day > cs_days_in_month(y - 1, mo))
		day = cs_days_in_month(y - 1, mo);
	if (cs_mktime_local(y - 1, mo, day, 0, 0, 0, &p->from) < 0)
		return -1;
	p->to = now + 1;
	snprintf(p->name, sizeof p->name, "%04d-%02d-%02d..%.10s", y - 1, mo,
	    day, d);
	return 0;
}
