/*
 * sla.c: service-level clocks.
 *
 * policy/sla.csv gives, per kind and channel ("*" for any), the targets
 * for the first response and the resolution, as durations (30m, 4h, 2d),
 * and whether they count in business hours or calendar time.
 * policy/hours.csv gives the working hours of each weekday (a weekday not
 * listed is closed) and policy/holidays.csv the days off.  A business
 * clock runs only inside working hours, as osTicket, RT and Zendesk count.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/rules.h"

/* At most ten years: a deadline past that could not be stored, and the
 * business clock looks no further for working hours. */
#define DURATION_MAX ((int64_t)3650 * 86400)

/* "90s", "30m", "4h", "2d", "1h30m"; plain digits are minutes. */
int
cs_duration_parse(const char *s, int64_t *secs)
{
	int64_t total = 0, n;
	const char *p = s;

	if (*p == '\0')
		return -1;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return -1;
		for (n = 0; isdigit((unsigned char)*p); p++) {
			n = n * 10 + (*p - '0');
			if (n > 100000000)
				return -1;
		}
		switch (*p) {
		case 's': total += n; p++; break;
		case 'm': case '\0': total += n * 60; if (*p) p++; break;
		case 'h': total += n * 3600; p++; break;
		case 'd': total += n * 86400; p++; break;
		default: return -1;
		}
		if (total > DURATION_MAX)
			return -1;
	}
	*secs = total;
	return 0;
}

void
cs_duration_format(int64_t secs, char out[32])
{
	int64_t d, h, m;

	if (secs < 0)
		secs = -secs;
	d = secs / 86400, h = secs % 86400 / 3600, m = (secs % 3600 + 59) / 60;
	if (m == 60)
		h++, m = 0;
	if (d)
		snprintf(out, 32, "%lldd %lldh %lldm", (long long)d, (long long)h,
		    (long long)m);
	else if (h)
		snprintf(out, 32, "%lldh %lldm", (long long)h, (long long)m);
	else
		snprintf(out, 32, "%lldm", (long long)m);
}

static int
hhmm(const char *s, int *min)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':' || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + s[1] - '0';
	m = (s[3] - '0') * 10 + s[4] - '0';
	if (h > 24 || m > 59 || (h == 24 && m))
		return -1;
	*min = h * 60 + m;
	return 0;
}

/* Open a policy file; only ENOENT is a missing one (cs_policy_open). */
static int
open_policy(struct cs_reader *r, const char *dir, const char *rel, int *present)
{
	int k = cs_policy_open(r, dir, 1, rel);

	*present = k == 1;
	return k < 0 ? -1 : 0;
}

static int
need_cols(struct cs_reader *r, const char *rel, const char *const *names,
    int *idx, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((idx[i] = cs_row_find(&r->hdr, names[i])) < 0)
			return cs_fail(CS_ECONFIG, "%s:1: no '%s' column", rel,
			    names[i]);
	return 0;
}

static int
load_rules(struct cs_sla *s, const char *dir)
{
	static const char *cols[] = { "kind", "channel", "first_response",
		"resolution", "clock" };
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_sla_rule *rule;
	int idx[5], k, present, ret = -1, esc;
	const char *rel = "policy/sla.csv";

	if (open_policy(&r, dir, rel, &present) < 0)
		return -1;
	if (!present)
		return cs_fail(CS_ECONFIG, "%s: missing", rel);
	if (need_cols(&r, rel, cols, idx, 5) < 0)
		goto out;
	esc = cs_row_find(&r.hdr, "escalation");
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *clock = cs_row_get(&row, (size_t)idx[4]);
		s->rules = cs_xrealloc(s->rules, (s->nrules + 1) * sizeof *s->rules);
		rule = &s->rules[s->nrules++];
		memset(rule, 0, sizeof *rule);
		snprintf(rule->kind, sizeof rule->kind, "%s",
		    cs_row_get(&row, (size_t)idx[0]));
		snprintf(rule->channel, sizeof rule->channel, "%s",
		    cs_row_get(&row, (size_t)idx[1]));
		if (cs_duration_parse(cs_row_get(&row, (size_t)idx[2]),
		    &rule->first_response) < 0 ||
		    cs_duration_parse(cs_row_get(&row, (size_t)idx[3]),
		    &rule->resolution) < 0) {
			cs_fail(CS_ECONFIG, "%s:%ld: not a duration (30m, 4h, 2d)", rel,
			    row.line);
			goto out;
		}
		if (strcmp(clock, "business") && strcmp(clock, "calendar")) {
			cs_fail(CS_ECONFIG, "%s:%ld: field 'clock': business or "
			    "calendar, not '%s'", rel, row.line, clock);
			goto out;
		}
		rule->business = clock[0] == 'b';
		if (esc >= 0 && *cs_row_get(&row, (size_t)esc) &&
		    cs_duration_parse(cs_row_get(&row, (size_t)esc),
		    &rule->escalation) < 0) {
			cs_fail(CS_ECONFIG, "%s:%ld: field 'escalation': not a duration",
			    rel, row.line);
			goto out;
		}
	}
	if (k < 0)
		cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	else
		ret = 0;
out:
	cs_row_free(&row);
	cs_reader_close(&r);
	return ret;
}

static int
load_hours(struct cs_sla *s, const char *dir)
{
	static const char *days[] = { "mon", "tue", "wed", "thu", "fri", "sat",
		"sun" };
	static const char *cols[] = { "weekday", "open", "close" };
	struct cs_reader r;
	struct cs_row row = { 0 };
	const char *rel = "policy/hours.csv";
	int idx[3], k, d, present, ret = -1, open_days = 0;

	for (d = 0; d < 7; d++)
		s->open[d] = s->close[d] = 0;
	if (open_policy(&r, dir, rel, &present) < 0)
		return -1;
	if (!present) {		/* no hours: every day, all day */
		for (d = 0; d < 7; d++)
			s->close[d] = 24 * 60;
		return 0;
	}
	if (need_cols(&r, rel, cols, idx, 3) < 0)
		goto out;
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *day = cs_row_get(&row, (size_t)idx[0]);
		open_days++;
		for (d = 0; d < 7 && strcmp(days[d], day); d++)
			;
		if (d == 7 || hhmm(cs_row_get(&row, (size_t)idx[1]), &s->open[d]) < 0 ||
		    hhmm(cs_row_get(&row, (size_t)idx[2]), &s->close[d]) < 0 ||
		    s->open[d] >= s->close[d]) {
			cs_fail(CS_ECONFIG, "%s:%ld: want a weekday (mon..sun) and "
			    "open < close as HH:MM", rel, row.line);
			goto out;
		}
	}
	if (k < 0)
		cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	else if (open_days == 0)	/* a business clock would never run */
		cs_fail(CS_ECONFIG, "%s: no working hours on any day", rel);
	else
		ret = 0;
out:
	cs_row_free(&row);
	cs_reader_close(&r);
	return ret;
}

static int
load_holidays(struct cs_sla *s, const char *dir)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	const char *rel = "policy/holidays.csv";
	int idx[1], k, y, m, d, present, ret = -1;
	static const char *cols[] = { "date" };

	if (open_policy(&r, dir, rel, &present) < 0)
		return -1;
	if (!present)
		return 0;
	if (need_cols(&r, rel, cols, idx, 1) < 0)
		goto out;
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *v = cs_row_get(&row, (size_t)idx[0]);
		if (strlen(v) != 10 || cs_date_parse(v, &y, &m, &d) < 0) {
			cs_fail(CS_ECONFIG, "%s:%ld: not a date: '%s'", rel, row.line, v);
			goto out;
		}
		s->holidays = cs_xrealloc(s->holidays, (s->nholidays + 1) *
		    sizeof *s->holidays);
		s->holidays[s->nholidays++] = y * 10000 + m * 100 + d;
	}
	if (k < 0)
		cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	else
		ret = 0;
out:
	cs_row_free(&row);
	cs_reader_close(&r);
	return ret;
}

int
cs_sla_load(struct cs_sla *s, const char *dir)
{
	memset(s, 0, sizeof *s);
	if (load_rules(s, dir) < 0 || load_hours(s, dir) < 0 ||
	    load_holidays(s, dir) < 0) {
		cs_sla_free(s);
		return -1;
	}
	return 0;
}

void
cs_sla_free(struct cs_sla *s)
{
	free(s->rules);
	free(s->holidays);
	s->rules = NULL;
	s->holidays = NULL;
}

/* The rule for kind and channel: an exact channel before "*". */
const struct cs_sla_rule *
cs_sla_rule(const struct cs_sla *s, const char *kind, const char *channel)
{
	const struct cs_sla_rule *any = NULL;
	size_t i;

	for (i = 0; i < s->nrules; i++) {
		if (strcmp(s->rules[i].kind, kind) != 0)
			continue;
		if (strcmp(s->rules[i].channel, channel) == 0)
			return &s->rules[i];
		if (strcmp(s->rules[i].channel, "*") == 0 && any == NULL)
			any = &s->rules[i];
	}
	return any;
}

/* The working interval [*a, *b) of the local day starting at midnight. */
static int
workday(const struct cs_sla *s, cs_time midnight, cs_time *a, cs_time *b)
{
	time_t tt = (time_t)midnight;
	struct tm tm;
	int wd, ymd;
	size_t i;

	localtime_r(&tt, &tm);
	wd = tm.tm_wday == 0 ? 6 : tm.tm_wday - 1;
	ymd = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	for (i = 0; i < s->nholidays; i++)
		if (s->holidays[i] == ymd)
			return 0;
	if (s->close[wd] <= s->open[wd])
		return 0;
	cs_mktime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    s->open[wd] / 60, s->open[wd] % 60, 0, a);
	if (s->close[wd] == 24 * 60)
		cs_mktime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + 1, 0, 0,
		    0, b);
	else
		cs_mktime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    s->close[wd] / 60, s->close[wd] % 60, 0, b);
	return 1;
}

/*
 * Local days as [midnight, next midnight), remembered: mktime is slow, and
 * a clock walks the same few days again and again.
 */
struct day {
	cs_time start, end;
};

static struct day days[64];

static int
day_of(cs_time t, struct day *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
	struct day *d = &days[((uint64_t)(t + 8 * 3600) / 86400) % 64];

	if (d->end > d->start && t >= d->start && t < d->end) {
		*out = *d;
		return 0;
	}
	localtime_r(&tt, &tm);
	cs_mktime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0, 0, 0,
	    &out->start);
	cs_mktime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + 1, 0, 0, 0,
	    &out->end);
	*d = *out;
	return 0;
}

static cs_time
midnight_of(cs_time t)
{
	struct day d;

	day_of(t, &d);
	return d.start;
}

static cs_time
next_midnight(cs_time midnight)
{
	struct day d;

	day_of(midnight, &d);
	return d.end;
}

/* Seconds the clock runs between a and b (0 if b <= a). */
int64_t
cs_sla_elapsed(const struct cs_sla *s, int business, cs_time a, cs_time b)
{
	cs_time day, wa, wb, lo, hi;
	int64_t sum = 0;

	if (b <= a)
		return 0;
	if (!business)
		return b - a;
	for (day = midnight_of(a); day < b; day = next_midnight(day)) {
		if (!workday(s, day, &wa, &wb))
			continue;
		lo = wa > a ? wa : a;
		hi = wb < b ? wb : b;
		if (hi > lo)
			sum += hi - lo;
	}
	return sum;
}

/* The time at which the clock, started at t, has run secs seconds. */
cs_time
cs_sla_add(const struct cs_sla *s, int business, cs_time t, int64_t secs)
{
	cs_time day, wa, wb, lo;
	int guard;

	if (!business)
		return t + secs;
	for (day = midnight_of(t), guard = 0; guard < 3700; day = next_midnight(day),
	    guard++) {
		if (!workday(s, day, &wa, &wb) || wb <= t)
			continue;
		lo = wa > t ? wa : t;
		if (secs <= wb - lo)
			return lo + secs;
		secs -= wb - lo;
	}
	return t + secs;	/* no working day in ten years: calendar time */
}
