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

#include "rules/policy.h"

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
load_rules(struct cs_sla *s, const char *dir)
{
	struct cs_policy p;
	struct cs_sla_rule *rule;
	size_t i;

	if (cs_policy_read(&p, dir, "policy/sla.csv") < 0)
		return -1;
	s->rules = cs_xmalloc((p.n ? p.n : 1) * sizeof *s->rules);
	for (i = 0; i < p.n; i++) {
		rule = &s->rules[s->nrules++];
		memset(rule, 0, sizeof *rule);
		snprintf(rule->kind, sizeof rule->kind, "%s",
		    cs_policy_s(&p, i, "kind"));
		snprintf(rule->channel, sizeof rule->channel, "%s",
		    cs_policy_s(&p, i, "channel"));
		rule->first_response = (int64_t)cs_policy_v(&p, i, "first_response");
		rule->resolution = (int64_t)cs_policy_v(&p, i, "resolution");
		rule->escalation = (int64_t)cs_policy_v(&p, i, "escalation");
		rule->business = cs_policy_s(&p, i, "clock")[0] == 'b';
	}
	cs_policy_free(&p);
	return 0;
}

static int
load_hours(struct cs_sla *s, const char *dir)
{
	static const char *days[] = { "mon", "tue", "wed", "thu", "fri", "sat",
		"sun" };
	struct cs_policy p;
	size_t i;
	int d;

	for (d = 0; d < 7; d++)
		s->open[d] = s->close[d] = 0;
	if (cs_policy_read(&p, dir, "policy/hours.csv") < 0)
		return -1;
	if (!p.present)		/* no hours: every day, all day */
		for (d = 0; d < 7; d++)
			s->close[d] = 24 * 60;
	for (i = 0; i < p.n; i++) {
		for (d = 0; strcmp(days[d], cs_policy_s(&p, i, "weekday")); d++)
			;
		s->open[d] = (int)cs_policy_v(&p, i, "open");
		s->close[d] = (int)cs_policy_v(&p, i, "close");
	}
	cs_policy_free(&p);
	return 0;
}

static int
load_holidays(struct cs_sla *s, const char *dir)
{
	struct cs_policy p;
	size_t i;

	if (cs_policy_read(&p, dir, "policy/holidays.csv") < 0)
		return -1;
	s->holidays = cs_xmalloc((p.n ? p.n : 1) * sizeof *s->holidays);
	for (i = 0; i < p.n; i++)
		s->holidays[s->nholidays++] = (int)cs_policy_v(&p, i, "date");
	cs_policy_free(&p);
	return 0;
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
