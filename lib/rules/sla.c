/*
 * sla.c: service-level clocks.
 *
 * policy/sla.csv gives, per kind and channel ("*" for any), the targets
 * for the first response and the resolution, as durations (30m, 4h, 2d),
 * and whether they count in business hours or calendar time; whether
 * the record is opened during the contact (live: a phone call, a visit),
 * so that its opening is its first response; and for the phone, the
 * time a call is to be answered in (seconds, or rings of a given length).
 * policy/hours.csv gives the working periods of each weekday, per channel
 * ("*" for any; a weekday not listed is closed, a lunch break is the gap
 * between two periods) and policy/holidays.csv the days off and the
 * make-up working days (a weekend date worked, on Monday's hours).  A
 * business clock runs only inside the working hours of the record's
 * channel, as osTicket, RT and Zendesk count.
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
		rule->live = cs_policy_s(&p, i, "live")[0] == 'y';
		rule->answer = *cs_policy_s(&p, i, "answer") == '\0' ? -1 :
		    (int64_t)cs_policy_v(&p, i, "answer");
		if (strstr(cs_policy_s(&p, i, "answer"), "ring"))
			rule->answer *= (int64_t)cs_policy_v(&p, i, "ring");
	}
	cs_policy_free(&p);
	return 0;
}

static int
weekday_of(const char *name)
{
	static const char *days[] = { "mon", "tue", "wed", "thu", "fri", "sat",
		"sun" };
	int d;

	for (d = 0; d < 6 && strcmp(days[d], name); d++)
		;
	return d;
}

/* The hours of channel ch, added when new. */
static struct cs_sla_hours *
hours_for(struct cs_sla *s, const char *ch)
{
	struct cs_sla_hours *h;
	size_t i;

	for (i = 0; i < s->nhours; i++)
		if (strcmp(s->hours[i].channel, ch) == 0)
			return &s->hours[i];
	s->hours = cs_xrealloc(s->hours, (s->nhours + 1) * sizeof *s->hours);
	h = &s->hours[s->nhours++];
	memset(h, 0, sizeof *h);
	snprintf(h->channel, sizeof h->channel, "%s", ch);
	return h;
}

/* One period into its weekday, in order of opening (the policy reader
 * has refused overlaps and more than CS_SLA_PERIODS a day). */
static void
add_period(struct cs_sla_hours *h, int d, int open, int close)
{
	int i = h->n[d]++;

	for (; i > 0 && h->open[d][i - 1] > open; i--) {
		h->open[d][i] = h->open[d][i - 1];
		h->close[d][i] = h->close[d][i - 1];
	}
	h->open[d][i] = (short)open;
	h->close[d][i] = (short)close;
}

static int
load_hours(struct cs_sla *s, const char *dir)
{
	struct cs_policy p;
	struct cs_sla_hours *h;
	const char *ch;
	size_t i;
	int d;

	if (cs_policy_read(&p, dir, "policy/hours.csv") < 0)
		return -1;
	h = hours_for(s, "*");	/* first: hours[0] */
	if (!p.present)		/* no hours: every day, all day */
		for (d = 0; d < 7; d++)
			add_period(h, d, 0, 24 * 60);
	for (i = 0; i < p.n; i++) {
		ch = cs_policy_s(&p, i, "channel");
		h = hours_for(s, *ch ? ch : "*");
		d = weekday_of(cs_policy_s(&p, i, "weekday"));
		add_period(h, d, (int)cs_policy_v(&p, i, "open"),
		    (int)cs_policy_v(&p, i, "close"));
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
	s->dates = cs_xmalloc((p.n ? p.n : 1) * sizeof *s->dates);
	for (i = 0; i < p.n; i++) {
		s->dates[s->ndates].ymd = (int)cs_policy_v(&p, i, "date");
		s->dates[s->ndates++].workday = strcmp(cs_policy_s(&p, i, "type"),
		    "workday") == 0;
	}
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
	free(s->hours);
	free(s->dates);
	s->rules = NULL;
	s->hours = NULL;
	s->dates = NULL;
	s->nrules = s->nhours = s->ndates = 0;
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

int64_t
cs_sla_answer(const struct cs_sla *s, const char *kind, const char *channel)
{
	const struct cs_sla_rule *rule = cs_sla_rule(s, kind, channel);
	size_t i;

	if (rule && rule->answer >= 0)
		return rule->answer;
	if (strcmp(channel, "phone") != 0)
		return -1;
	for (i = 0; i < s->nrules; i++)
		if (strcmp(s->rules[i].channel, "phone") == 0 &&
		    s->rules[i].answer >= 0)
			return s->rules[i].answer;
	return -1;
}

/*
 * Local days as [midnight, next midnight), remembered: mktime is slow, and
 * a clock walks the same few days again and again.
 */
struct day {
	cs_time start, end;
	int year, mon, mday, wday;	/* its date (tm's), asked once */
};

static _Thread_local struct day days[64];	/* a thread's own: scans run on several */

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
	out->year = tm.tm_year + 1900, out->mon = tm.tm_mon + 1;
	out->mday = tm.tm_mday, out->wday = tm.tm_wday;
	*d = *out;
	return 0;
}

const struct cs_sla_hours *
cs_sla_hours(const struct cs_sla *s, const char *channel)
{
	size_t i;

	for (i = 1; channel && i < s->nhours; i++)
		if (strcmp(s->hours[i].channel, channel) == 0)
			return &s->hours[i];
	return s->nhours ? &s->hours[0] : NULL;	/* NULL: never open */
}

/*
 * The working periods of the local day d, as times, in w[0..2n): none on
 * a day off, Monday's on a make-up working day, else its weekday's.  A
 * day of 24 hours is its midnight plus the minutes; a day the clocks
 * change on asks the zone.
 */
static int
periods(const struct cs_sla *s, const struct cs_sla_hours *h,
    const struct day *d, cs_time *w)
{
	int wd, ymd, i, k, mins;
	size_t j;

	if (h == NULL)
		return 0;
	wd = d->wday == 0 ? 6 : d->wday - 1;
	ymd = d->year * 10000 + d->mon * 100 + d->mday;
	for (j = 0; j < s->ndates; j++)
		if (s->dates[j].ymd == ymd) {
			if (!s->dates[j].workday)
				return 0;
			wd = 0;
			break;
		}
	for (i = 0; i < h->n[wd]; i++)
		for (k = 0; k < 2; k++) {
			mins = k ? h->close[wd][i] : h->open[wd][i];
			if (mins == 24 * 60)
				w[2 * i + k] = d->end;
			else if (d->end - d->start == 86400)
				w[2 * i + k] = d->start + mins * 60;
			else
				cs_mktime_local(d->year, d->mon, d->mday, mins / 60,
				    mins % 60, 0, &w[2 * i + k]);
		}
	return h->n[wd];
}

/* Seconds the clock runs between a and b (0 if b <= a). */
int64_t
cs_sla_elapsed(const struct cs_sla *s, int business, const char *channel,
    cs_time a, cs_time b)
{
	const struct cs_sla_hours *h;
	cs_time w[2 * CS_SLA_PERIODS], lo, hi;
	struct day d;
	int64_t sum = 0;
	int i, n;

	if (b <= a)
		return 0;
	if (!business)
		return b - a;
	h = cs_sla_hours(s, channel);
	for (day_of(a, &d); d.start < b; day_of(d.end, &d))
		for (i = 0, n = periods(s, h, &d, w); i < n; i++) {
			lo = w[2 * i] > a ? w[2 * i] : a;
			hi = w[2 * i + 1] < b ? w[2 * i + 1] : b;
			if (hi > lo)
				sum += hi - lo;
		}
	return sum;
}

/* The time at which the clock, started at t, has run secs seconds. */
cs_time
cs_sla_add(const struct cs_sla *s, int business, const char *channel,
    cs_time t, int64_t secs)
{
	const struct cs_sla_hours *h;
	cs_time w[2 * CS_SLA_PERIODS], lo;
	struct day d;
	int guard, i, n;

	if (!business)
		return t + secs;
	h = cs_sla_hours(s, channel);
	for (day_of(t, &d), guard = 0; guard < 3700; day_of(d.end, &d), guard++)
		for (i = 0, n = periods(s, h, &d, w); i < n; i++) {
			if (w[2 * i + 1] <= t)
				continue;
			lo = w[2 * i] > t ? w[2 * i] : t;
			if (secs <= w[2 * i + 1] - lo)
				return lo + secs;
			secs -= w[2 * i + 1] - lo;
		}
	return t + secs;	/* no working day in ten years: calendar time */
}
