/*
 * policy.c: the schema of every policy file and the one reader through
 * which each is read (policy.h).
 *
 * A schema is a table of columns, each with its type and range, whether a
 * value is required and whether the column may be missing; the columns
 * whose values, together, must not repeat; a hook for a file where a
 * column's type depends on another field of the line (kpi.csv's target
 * is a rate for a rate, a mark for pass_mark; grades.csv's value by its
 * name); and the rules of the file as a whole.  The reader reads a file
 * to its end and lists every problem (cs check prints each), then the
 * loaders take the first as the error.  cs-policy(5) documents the same
 * tables in prose; keep them together.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules/aftersales.h"
#include "rules/departments.h"
#include "rules/policy.h"

enum { T_TEXT, T_RATE, T_DURATION, T_COUNT, T_NUMBER, T_ENUM, T_TIME,
	T_DATE, T_ZONE, T_CADENCE, T_MEDIAN, T_ANSWER, T_NONE };

#define DEFAULTED 2		/* an absent file reads as its default text */
#define BIG 1e9			/* a range up to this is "or more" */
#define KEYS 3

struct col {
	const char *name;
	int type;
	int req;		/* a value is required */
	double lo, hi;		/* number, count; text: at most hi bytes */
	int gt;			/* number: above lo */
	const char *vals;	/* enum: the allowed, by spaces; count: the
				 * unit; none: the line it is not used on */
	const char *what;	/* enum: what a value is, for the message */
	int colopt;		/* the column may be missing */
};

struct rd;

struct cs_policy_file {
	const char *rel;
	int optional;		/* an absent file is no rows, or DEFAULTED */
	const struct col *cols;
	size_t ncols;
	const char *key[KEYS];	/* unique together */
	void (*types)(struct rd *rd, const char *const *raw, struct col *c);
	void (*whole)(struct rd *rd);
};

/* A reading: every problem to report (cs check), or the first kept. */
struct rd {
	struct cs_policy *p;
	const char *rel;
	FILE *report;
	struct cs_buf first;
	int problems;
	const struct cs_policy_measures *m;	/* kpi.csv's */
	char names[512];	/* kpi.csv's allowed measures */
};

static void bad(struct rd *rd, long line, const char *field, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
bad(struct rd *rd, long line, const char *field, const char *fmt, ...)
{
	struct cs_buf m = { 0 };
	va_list ap;
	char *shown;

	cs_buf_addf(&m, "%s", rd->rel);
	if (line > 0)
		cs_buf_addf(&m, ":%ld", line);
	cs_buf_addf(&m, ": ");
	if (field)
		cs_buf_addf(&m, _("field '%s': "), field);
	va_start(ap, fmt);
	{
		char text[1024];
		vsnprintf(text, sizeof text, gettext(fmt), ap);
		cs_buf_addf(&m, "%s", text);
	}
	va_end(ap);
	if (rd->report) {
		shown = cs_xmalloc(4 * m.len + 1);
		cs_ctrl_escape(shown, m.s, m.len);
		fprintf(rd->report, "%s\n", shown);
		free(shown);
	} else if (rd->problems == 0)
		cs_buf_addf(&rd->first, "%s", m.s);
	rd->problems++;
	cs_buf_free(&m);
}

/* ---- the types ---- */

/* A decimal number, digits with an optional sign and fraction, no
 * exponent, spaces or words (strtod takes "nan", " 5", "1e3"): its end,
 * or NULL. */
static const char *
decimal(const char *s, double *v)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		if (!isdigit((unsigned char)*++p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	*v = strtod(s, NULL);
	return isfinite(*v) ? p : NULL;
}

static int
in_range(const struct col *c, double v)
{
	return (c->gt ? v > c->lo : v >= c->lo) && v <= c->hi;
}

static const char *
range(const struct col *c, char out[64])
{
	if (c->gt)
		snprintf(out, 64, " above %g", c->lo);
	else if (c->hi >= BIG)
		snprintf(out, 64, " of %g or more", c->lo);
	else
		snprintf(out, 64, " from %g to %g", c->lo, c->hi);
	return out;
}

static int
is_one_of(const char *vals, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	for (p = vals; n && (p = strstr(p, s)) != NULL; p += n)
		if ((p == vals || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* "HH:MM", 00:00 to 24:00, in minutes. */
static int
time_of_day(const char *s, double *v)
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
	*v = h * 60 + m;
	return 0;
}

/* At most ten years: a deadline past that could not be stored, and the
 * business clock looks no further for working hours. */
#define DURATION_MAX ((int64_t)3650 * 86400)

/* "90s", "30m", "4h", "2d", "1h30m"; plain digits are minutes (a policy
 * wants the unit: duration below). */
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

/* Every number with its unit (90s, 30m, 4h, 2d, 1h30m), in seconds. */
static int
duration(const char *s, double *v)
{
	const char *p;
	int64_t secs;

	for (p = s; *p; p++)
		if (isdigit((unsigned char)*p) && !isdigit((unsigned char)p[1]) &&
		    !strchr("smhd", p[1] ? p[1] : '?'))
			return -1;
	if (cs_duration_parse(s, &secs) < 0)
		return -1;
	*v = (double)secs;
	return 0;
}

/* sla.csv's answer target: a duration with its unit (20s), or a whole
 * number of rings ("3 rings", "1 ring"): its seconds, or its rings. */
static int
answer_target(const char *s, double *v)
{
	const char *p = s;

	while (isdigit((unsigned char)*p))
		p++;
	if (p > s && p - s <= 4 && (strcmp(p, " rings") == 0 ||
	    strcmp(p, " ring") == 0)) {
		*v = strtod(s, NULL);
		return *v >= 1 ? 0 : -1;
	}
	return duration(s, v);
}

/* A visit cadence: a whole number of days, weeks or months (30d, 2w, 1m). */
static int
cadence(const char *s)
{
	const char *p = s;

	while (isdigit((unsigned char)*p))
		p++;
	return p == s || p - s > 4 || strtol(s, NULL, 10) < 1 ||
	    !strchr("dwm", *p) || *p == '\0' || p[1] ? -1 : 0;
}

/* A zone the machine knows (tzfile(5) under TZDIR): the test
 * cs_zone_use applies before it loads one. */
static int
zone_known(const char *z)
{
	const char *tzdir = getenv("TZDIR");
	struct cs_buf path = { 0 };
	struct stat st;
	int ok;

	cs_buf_addf(&path, "%s/%s", tzdir && *tzdir ? tzdir :
	    "/usr/share/zoneinfo", z);
	ok = *z != '/' && strstr(z, "..") == NULL && stat(path.s, &st) == 0 &&
	    S_ISREG(st.st_mode);
	cs_buf_free(&path);
	return ok;
}

/* Why s is not a value of column c, in why (empty: it is one); its
 * value in *v. */
static void
why_not(const struct col *c, const char *s, double *v, char *why, size_t n)
{
	char r[64], list[256], *p;
	const char *end;
	int y, m, d;

	*v = 0, *why = '\0';
	if (*s == '\0') {
		if (c->req)
			snprintf(why, n, "no value");
		return;
	}
	switch (c->type) {
	case T_NONE:
		snprintf(why, n, "not used on a %s line: '%s'", c->vals, s);
		break;
	case T_TEXT:
		if (c->hi > 0 && (double)strlen(s) > c->hi)
			snprintf(why, n, "longer than %g bytes: '%s'", c->hi, s);
		break;
	case T_RATE:
		end = decimal(s, v);
		if (end && end[0] == '%' && end[1] == '\0' && *v >= 0 && *v <= 100)
			*v /= 100;
		else if (!end || *end || *v < 0 || *v > 1)
			snprintf(why, n, "not a rate: '%s'", s);
		break;
	case T_NUMBER:
		if (!(end = decimal(s, v)) || *end || !in_range(c, *v))
			snprintf(why, n, "not a number%s: '%s'", range(c, r), s);
		break;
	case T_MEDIAN:	/* kpi.csv's workload: 120, or 0.8*median */
		if (!(end = decimal(s, v)) || (*end && strcmp(end, "*median")) ||
		    *v < 0)
			snprintf(why, n, "not a number of 0 or more, nor one times "
			    "the median (0.8*median): '%s'", s);
		break;
	case T_COUNT:
		for (end = s; isdigit((unsigned char)*end); end++)
			;
		if (*end || end - s > 12 || (*v = strtod(s, NULL), !in_range(c, *v)))
			snprintf(why, n, "not a whole number%s%s%s: '%s'",
			    c->vals ? " of " : "", c->vals ? c->vals : "", range(c, r),
			    s);
		break;
	case T_DURATION:
		if (duration(s, v) < 0)
			snprintf(why, n, "not a duration (30m, 4h, 2d): '%s'", s);
		break;
	case T_ENUM:
		if (is_one_of(c->vals, s))
			break;
		if (c->what) {
			snprintf(why, n, "not a %s: '%s'", c->what, s);
			break;
		}
		snprintf(list, sizeof list, "%s", c->vals);
		for (p = list; (p = strchr(p, ' ')) != NULL; p++)
			*p = '/';
		snprintf(why, n, "not one of %s: '%s'", list, s);
		break;
	case T_TIME:
		if (time_of_day(s, v) < 0)
			snprintf(why, n, "not a time of day (00:00 to 24:00): '%s'", s);
		break;
	case T_DATE:
		if (strlen(s) != 10 || cs_date_parse(s, &y, &m, &d) < 0)
			snprintf(why, n, "not a date (YYYY-MM-DD): '%s'", s);
		else
			*v = y * 10000 + m * 100 + d;
		break;
	case T_ZONE:
		if (!zone_known(s))
			snprintf(why, n, "not a zone this machine knows: '%s'", s);
		break;
	case T_ANSWER:
		if (answer_target(s, v) < 0)
			snprintf(why, n, "not a duration (20s, 1m) nor rings "
			    "(3 rings): '%s'", s);
		break;
	case T_CADENCE:
		if (cadence(s) < 0)
			snprintf(why, n, "not a cadence (2w, 1m, 30d): '%s'", s);
		break;
	}
}

/* One field against its column: its value in *v, or a problem (a value
 * of grades.csv named by its name). */
static void
check_value(struct rd *rd, long line, const struct col *c, const char *s,
    double *v)
{
	char why[1024];

	why_not(c, s, v, why, sizeof why);
	if (*why)
		bad(rd, line, c->name, "%s%s%s", c->type != T_ENUM && c->what ?
		    c->what : "", c->type != T_ENUM && c->what ? ": " : "", why);
}

/* ---- the files ---- */

#define N(a) (sizeof a / sizeof a[0])
#define DURATION(n, req) { n, T_DURATION, req, 0, 0, 0, NULL, NULL, 0 }
#define TEXT(n, max) { n, T_TEXT, 1, 0, max, 0, NULL, NULL, 0 }
#define NUMBER(n, lo, hi) { n, T_NUMBER, 1, lo, hi, 0, NULL, NULL, 0 }
#define ABOVE(n, lo) { n, T_NUMBER, 1, lo, BIG, 1, NULL, NULL, 0 }
#define COUNT(n, lo, hi, unit) { n, T_COUNT, 1, lo, hi, 0, unit, NULL, 0 }
#define ENUM(n, vals) { n, T_ENUM, 1, 0, 0, 0, vals, NULL, 0 }
#define OF(n, t) { n, t, 1, 0, 0, 0, NULL, NULL, 0 }
#define NOTE(n) { n, T_TEXT, 0, 0, 0, 0, NULL, NULL, 1 }

static const struct col sla_cols[] = {
	TEXT("kind", 31), TEXT("channel", 15),
	DURATION("first_response", 1), DURATION("resolution", 1),
	{ "escalation", T_DURATION, 0, 0, 0, 0, NULL, NULL, 1 },
	ENUM("clock", "business calendar"),
	/* optional columns: an old file reads as it did */
	{ "live", T_ENUM, 0, 0, 0, 0, "yes no", NULL, 1 },
	{ "answer", T_ANSWER, 0, 0, 0, 0, NULL, NULL, 1 },
	{ "ring", T_DURATION, 0, 0, 0, 0, NULL, NULL, 1 },
};

/* hours.csv's channel: "*" or a channel of the records (store/schema.c's
 * tickets and complaints); a file without the column is all "*". */
#define CHANNELS "* phone online email visit letter"

static const struct col hours_cols[] = {
	{ "channel", T_ENUM, 1, 0, 0, 0, CHANNELS,
	  "known channel (" CHANNELS ")", 1 },
	ENUM("weekday", "mon tue wed thu fri sat sun"),
	OF("open", T_TIME), OF("close", T_TIME),
};

/* holidays.csv: a file without the type column is all days off. */
static const struct col holidays_cols[] = {
	OF("date", T_DATE), NOTE("name"),
	{ "type", T_ENUM, 1, 0, 0, 0, "off workday", NULL, 1 },
};

/* phones.csv: whose telephone each extension of the exchange is
 * (rules/calls.c) */
static const struct col phones_cols[] = {
	TEXT("extension", 31), { "agent", T_TEXT, 1, 0, 40, 0, NULL, NULL, 0 },
};

static const struct col zone_cols[] = { OF("zone", T_ZONE) };

static const struct col kpi_cols[] = {
	ENUM("level", "agent leader deputy manager"),	/* the roles */
	TEXT("measure", 0),		/* its type: kpi_types */
	NUMBER("target", 0, BIG), NUMBER("weight", 0, BIG),
	ENUM("direction", "min max"), ENUM("mandatory", "yes no"),
	{ "min_records", T_COUNT, 0, 0, BIG, 0, NULL, NULL, 0 },
	/* optional columns: an old file reads as it did */
	{ "floor", T_NUMBER, 0, 0, BIG, 0, NULL, NULL, 1 },
	{ "curve", T_ENUM, 0, 0, 0, 0, "ratio linear", NULL, 1 },
};

static const struct col rates_cols[] = {
	TEXT("origin", 31), TEXT("destination", 31), TEXT("service", 15),
	NUMBER("first_kg", 0, BIG), NUMBER("first_price", 0, BIG),
	NUMBER("per_kg", 0, BIG), NUMBER("minimum", 0, BIG), ABOVE("divisor", 0),
	COUNT("transit_days", 0, 90, NULL),
};

static const struct col returns_cols[] = {
	TEXT("category", 63), COUNT("return_days", 0, 3650, "days"),
	COUNT("exchange_days", 0, 3650, "days"),
};

/* repairs.csv: each repair step's estimated time after the one before it
 * (received: after the opening), on a clock (rules/aftersales.c) */
static const struct col repairs_cols[] = {
	ENUM("step", CS_REPAIR_STEPS), DURATION("estimate", 1),
	{ "clock", T_ENUM, 0, 0, 0, 0, "business calendar", NULL, 1 },
};

#define GRADE_TYPES "channel out-of-town end"	/* customers.csv's */
/* grades.csv: a line a name, for one customer type or for any ("*", or
 * no type column at all: the files written before types) */
static const struct col grades_cols[] = {
	TEXT("name", 0),
	{ "type", T_ENUM, 0, 0, 0, 0, "* " GRADE_TYPES, NULL, 1 },
	OF("value", T_TEXT),
};
const char cs_grade_typed[] = "threshold.A threshold.B cooperation.months "
    "volume.orders volume.weight volume.freight relative.A relative.B";

/* grades.csv's names and the type of each one's value */
static const struct col grade_keys[] = {
	NUMBER("weight.cooperation", 0, BIG), NUMBER("weight.volume", 0, BIG),
	NUMBER("weight.satisfaction", 0, BIG), NUMBER("weight.loyalty", 0, BIG),
	NUMBER("threshold.A", 0, 100), NUMBER("threshold.B", 0, 100),
	NUMBER("cooperation.months", 1, 1200),
	ABOVE("volume.orders", 0), ABOVE("volume.weight", 0),
	ABOVE("volume.freight", 0),
	NUMBER("satisfaction.none", 0, 100), NUMBER("satisfaction.complaint", 0, 100),
	NUMBER("loyalty.visits", 0, 100),
	{ "relative.A", T_RATE, 0, 0, 0, 0, NULL, NULL, 1 },
	{ "relative.B", T_RATE, 0, 0, 0, 0, NULL, NULL, 1 },
	{ "visit.A", T_CADENCE, 0, 0, 0, 0, NULL, NULL, 1 },
	{ "visit.B", T_CADENCE, 0, 0, 0, 0, NULL, NULL, 1 },
	{ "visit.C", T_CADENCE, 0, 0, 0, 0, NULL, NULL, 1 },
	COUNT("alert.recent", 1, 180, "days"), COUNT("alert.trailing", 1, 330, "days"),
	OF("alert.drop", T_RATE), NUMBER("alert.drop.min", 0, BIG),
	COUNT("alert.complaints", 1, BIG, NULL), NUMBER("alert.satisfaction", 0, 4),
	COUNT("alert.satisfaction.min", 1, BIG, NULL),
	COUNT("alert.idle", 1, 365, "days"), COUNT("alert.reopens", 1, BIG, NULL),
};

static const struct col audit_cols[] = {
	TEXT("category", 31), NUMBER("weight", 0, BIG), ABOVE("max", 0),
	NUMBER("standard", 0, BIG), ENUM("critical", "yes no"),
};

static const struct col natures_cols[] = {
	TEXT("nature", 0), TEXT("department", 0), NOTE("description"),
};

/* departments.csv: who takes which work, and their answer deadlines
 * (rules/departments.c) */
static const struct col departments_cols[] = {
	TEXT("id", 31), TEXT("name", 63),
	{ "takes", T_TEXT, 0, 0, 0, 0, NULL, NULL, 0 },
	DURATION("answer_normal", 0), DURATION("answer_major", 0),
};

/* roles.csv: how far each role may take each action (rules/roles.c) */
static const struct col roles_cols[] = {
	ENUM("role", "agent leader deputy manager"),
	ENUM("action", "roster record handle score override unmask verdict"),
	ENUM("scope", "none own team all"),
};

/* notify.csv: a setting a line (rules/notify.c), each value typed by
 * its setting */
static const struct col notify_cols[] = {
	TEXT("setting", 0), { "value", T_TEXT, 0, 0, 0, 0, NULL, NULL, 0 },
};
static const struct col notify_keys[] = {
	{ "sendmail", T_TEXT, 1, 0, 1024, 0, NULL, NULL, 0 },
	{ "sms", T_TEXT, 0, 0, 1024, 0, NULL, NULL, 0 },
	{ "wechat", T_TEXT, 0, 0, 1024, 0, NULL, NULL, 0 },
	ENUM("phone_channel", "sms wechat"),
	{ "from", T_TEXT, 0, 0, 255, 0, NULL, NULL, 0 },
	{ "domain", T_TEXT, 0, 0, 255, 0, NULL, NULL, 0 },
	TEXT("language", 15),
	{ "agent_domain", T_TEXT, 0, 0, 255, 0, NULL, NULL, 0 },
	COUNT("attempts", 1, 100, NULL),
	DURATION("retry", 1), DURATION("retry_max", 1),
	DURATION("satisfaction_after", 1),
	DURATION("timeout", 1),
};

static const char *
kpi_names(struct rd *rd)
{
	size_t m, n = sizeof rd->names;
	char *p = rd->names;

	*p = '\0';
	for (m = 0; m < rd->m->n; m++)
		snprintf(p + strlen(p), n - strlen(p), "%s ", rd->m->names[m]);
	snprintf(p + strlen(p), n - strlen(p), "pass_mark excellent_mark "
	    "consecutive_fails");
	return p;
}

/* kpi.csv: a mark's line has a target out of 100, consecutive_fails a
 * whole number, and no other field; a measure's target and floor are a
 * rate for a rate, a score out of 100 for audit_score, a number or a
 * multiple of the median for workload, else a number. */
static void
kpi_types(struct rd *rd, const char *const *raw, struct col *c)
{
	const char *m = raw[1];
	size_t i, k;

	if (!strcmp(m, "pass_mark") || !strcmp(m, "excellent_mark") ||
	    !strcmp(m, "consecutive_fails")) {
		if (m[0] == 'c')
			c[2].type = T_COUNT, c[2].lo = 1, c[2].hi = 1000;
		else
			c[2].hi = 100;
		for (i = 3; i < N(kpi_cols); i++)
			c[i].type = T_NONE, c[i].req = 0, c[i].vals = m;
		return;
	}
	for (k = 0; k < rd->m->n && strcmp(rd->m->names[k], m); k++)
		;
	if (k == rd->m->n) {
		c[1].type = T_ENUM, c[1].vals = kpi_names(rd);
		c[1].what = "measure (see cs-policy(5))";
	} else if (rd->m->kind[k] == 1)
		c[2].type = c[7].type = T_RATE;
	else if (rd->m->kind[k] == 2)
		c[2].hi = c[7].hi = 100;
	else if (rd->m->kind[k] == 3)
		c[2].type = c[7].type = T_MEDIAN;
}

static void
grades_types(struct rd *rd, const char *const *raw, struct col *c)
{
	size_t i;

	for (i = 0; i < N(grade_keys) && strcmp(grade_keys[i].name, raw[0]); i++)
		;
	(void)rd;
	if (i == N(grade_keys)) {
		c[0].type = T_ENUM, c[0].vals = "";
		c[0].what = "name of grades.csv (see cs-policy(5))";
		return;
	}
	c[2] = grade_keys[i];
	c[2].what = c[2].name;
	c[2].name = "value";
	if (!is_one_of(cs_grade_typed, raw[0])) {
		c[1].vals = "*";
		c[1].what = "type of this name, the same for every type ('*')";
	}
}

static void
notify_types(struct rd *rd, const char *const *raw, struct col *c)
{
	size_t i;

	(void)rd;
	for (i = 0; i < N(notify_keys) && strcmp(notify_keys[i].name, raw[0]); i++)
		;
	if (i == N(notify_keys)) {
		c[0].type = T_ENUM, c[0].vals = "";
		c[0].what = "setting of notify.csv (see cs-policy(5))";
		return;
	}
	c[1] = notify_keys[i];
	c[1].what = c[1].type == T_ENUM ? NULL : c[1].name;
	c[1].name = "value";
}

static size_t
colix(const struct cs_policy_file *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->ncols && strcmp(f->cols[i].name, name); i++)
		;
	if (i == f->ncols)
		cs_fatal(70, "%s: no column '%s' in its schema", f->rel,
		    name);
	return i;
}

/* The row whose field a is va and b vb (b NULL: any), or -1. */
static long
find2(const struct cs_policy *p, const char *a, const char *va, const char *b,
    const char *vb)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(cs_policy_s(p, i, a), va) &&
		    (b == NULL || !strcmp(cs_policy_s(p, i, b), vb)))
			return (long)i;
	return -1;
}

static long
later(const struct cs_policy *p, long a, long b)
{
	return p->line[a > b ? a : b];
}

/* Row i's channel: "*" in a file without the column. */
static const char *
hours_channel(const struct cs_policy *p, size_t i)
{
	const char *ch = cs_policy_s(p, i, "channel");

	return *ch ? ch : "*";
}

/* Row i's period against the earlier ones of its channel and weekday:
 * not overlapping any, and not one too many. */
static void
hours_period(struct rd *rd, size_t i)
{
	const struct cs_policy *p = rd->p;
	double o = cs_policy_v(p, i, "open"), c = cs_policy_v(p, i, "close");
	double oj, cj;
	size_t j;
	int n = 1;

	for (j = 0; j < i; j++) {
		if (strcmp(hours_channel(p, i), hours_channel(p, j)) ||
		    strcmp(cs_policy_s(p, i, "weekday"), cs_policy_s(p, j,
		    "weekday")))
			continue;
		oj = cs_policy_v(p, j, "open"), cj = cs_policy_v(p, j, "close");
		if (o < cj && oj < c) {
			bad(rd, p->line[i], o >= oj ? "open" : "close", "%s %s: "
			    "overlaps %s-%s of line %ld: '%s-%s'", hours_channel(p, i),
			    cs_policy_s(p, i, "weekday"), cs_policy_s(p, j, "open"),
			    cs_policy_s(p, j, "close"), p->line[j], cs_policy_s(p, i,
			    "open"), cs_policy_s(p, i, "close"));
			return;
		}
		if (++n > CS_SLA_PERIODS) {
			bad(rd, p->line[i], "weekday", "%s %s: more than %d working "
			    "periods a day", hours_channel(p, i), cs_policy_s(p, i,
			    "weekday"), CS_SLA_PERIODS);
			return;
		}
	}
}

static void
hours_whole(struct rd *rd)
{
	const struct cs_policy *p = rd->p;
	size_t i;
	int any = 0;

	for (i = 0; i < p->n; i++)
		if (cs_policy_v(p, i, "close") <= cs_policy_v(p, i, "open"))
			bad(rd, p->line[i], "close", "not after the open time %s: "
			    "'%s'", cs_policy_s(p, i, "open"), cs_policy_s(p, i,
			    "close"));
	if (p->n == 0)
		bad(rd, 0, NULL, "no working hours on any day");
	if (rd->problems)
		return;
	for (i = 0; i < p->n; i++) {
		hours_period(rd, i);
		any |= strcmp(hours_channel(p, i), "*") == 0;
	}
	if (!any)
		bad(rd, 0, NULL, "no hours for channel '*' (the hours of every "
		    "channel without hours of its own)");
}

/* An answer target is a phone line's ("*" takes in the phone), a target
 * in rings has a ring's length, and a ring's length goes with one. */
static void
sla_whole(struct rd *rd)
{
	const struct cs_policy *p = rd->p;
	const char *ch, *answer, *ring;
	size_t i;

	for (i = 0; i < p->n; i++) {
		ch = cs_policy_s(p, i, "channel");
		answer = cs_policy_s(p, i, "answer");
		ring = cs_policy_s(p, i, "ring");
		if (*answer && strcmp(ch, "phone") && strcmp(ch, "*"))
			bad(rd, p->line[i], "answer", "a target for answering "
			    "the phone, on a line of channel %s: '%s'", ch, answer);
		else if (strstr(answer, "ring") && *ring == '\0')
			bad(rd, p->line[i], "ring", "no value: a target in rings "
			    "needs a ring's length (6s)");
		else if (*ring && !strstr(answer, "ring"))
			bad(rd, p->line[i], "ring", "a ring's length without an "
			    "answer target in rings: '%s'", ring);
		else if (*ring && cs_policy_v(p, i, "ring") < 1)
			bad(rd, p->line[i], "ring", "a ring of no length: '%s'",
			    ring);
	}
}

/* A make-up working day is a Saturday or a Sunday. */
static void
holidays_whole(struct rd *rd)
{
	static const char *const names[] = { "Monday", "Tuesday", "Wednesday",
		"Thursday", "Friday" };
	const struct cs_policy *p = rd->p;
	size_t i;
	int ymd, wd;

	for (i = 0; i < p->n; i++) {
		if (strcmp(cs_policy_s(p, i, "type"), "workday"))
			continue;
		ymd = (int)cs_policy_v(p, i, "date");
		wd = cs_weekday(ymd / 10000, ymd / 100 % 100, ymd % 100);
		if (wd < 5)
			bad(rd, p->line[i], "type", "a make-up working day on a "
			    "%s, not a Saturday or Sunday: '%s'", names[wd],
			    cs_policy_s(p, i, "date"));
	}
}

static void
zone_whole(struct rd *rd)
{
	if (rd->p->n == 0)
		bad(rd, 0, NULL, "no zone");
	else if (rd->p->n > 1)
		bad(rd, rd->p->line[1], "zone", "a second zone: '%s'",
		    cs_policy_s(rd->p, 1, "zone"));
}

/* A measure's floor is on the far side of its target from the met (below
 * it for min, above for max), a linear curve has one short of the target
 * to run from, and a multiple of the median goes with another. */
static void
kpi_floor(struct rd *rd, size_t i)
{
	const struct cs_policy *p = rd->p;
	const char *t = cs_policy_s(p, i, "target"), *f = cs_policy_s(p, i,
	    "floor"), *dir = cs_policy_s(p, i, "direction");
	double tv = cs_policy_v(p, i, "target"), fv = cs_policy_v(p, i, "floor");
	int max = !strcmp(dir, "max"), linear = !strcmp(cs_policy_s(p, i,
	    "curve"), "linear");

	if (*dir == '\0')
		return;	/* a mark's line */
	if (*f == '\0') {
		if (linear)
			bad(rd, p->line[i], "curve", "linear needs a floor to run "
			    "from to the target");
		return;
	}
	if ((strstr(t, "*median") == NULL) != (strstr(f, "*median") == NULL))
		bad(rd, p->line[i], "floor", "the target %s and the floor %s: "
		    "both times the median or neither", t, f);
	else if (max ? fv < tv : fv > tv)
		bad(rd, p->line[i], "floor", "%s the target %s (direction %s): "
		    "'%s'", max ? "below" : "above", t, dir, f);
	else if (linear && fv == tv)
		bad(rd, p->line[i], "floor", "at the target %s: a linear curve "
		    "has nothing to run over: '%s'", t, f);
}

static void
kpi_whole(struct rd *rd)
{
	static const char *const levels[] = { "agent", "leader", "deputy",
		"manager" };
	const struct cs_policy *p = rd->p;
	double pass, exc, w;
	long ip, ie, last;
	size_t l, i;

	for (l = 0; l < N(levels); l++) {
		ip = find2(p, "level", levels[l], "measure", "pass_mark");
		ie = find2(p, "level", levels[l], "measure", "excellent_mark");
		pass = ip < 0 ? 60 : cs_policy_v(p, (size_t)ip, "target");
		exc = ie < 0 ? 90 : cs_policy_v(p, (size_t)ie, "target");
		if (pass > exc)
			bad(rd, later(p, ip, ie), "target", "%s: the pass mark %g is "
			    "above the excellent mark %g", levels[l], pass, exc);
		for (i = 0, w = 0, last = -1; i < p->n; i++)
			if (!strcmp(cs_policy_s(p, i, "level"), levels[l]) &&
			    *cs_policy_s(p, i, "direction"))
				w += cs_policy_v(p, i, "weight"), last = (long)i;
		if (last >= 0 && w <= 0)
			bad(rd, p->line[last], "weight", "%s: the weights add up to 0",
			    levels[l]);
	}
	for (i = 0; i < p->n; i++)
		kpi_floor(rd, i);
}

static int
any_type(const char *t)
{
	return *t == '\0' || strcmp(t, "*") == 0;
}

long
cs_grade_row(const struct cs_policy *p, const char *name, const char *type)
{
	long any = -1;
	size_t i;

	for (i = 0; i < p->n; i++) {
		const char *t = cs_policy_s(p, i, "type");
		if (strcmp(cs_policy_s(p, i, "name"), name))
			continue;
		if (type && !any_type(type) && strcmp(t, type) == 0)
			return (long)i;
		if (any_type(t) && any < 0)
			any = (long)i;
	}
	return any;
}

/* " (type 'end')" when the line of name for type is that type's own. */
static const char *
of_type(const struct cs_policy *p, long row, const char *type, char out[48])
{
	*out = '\0';
	if (row >= 0 && !any_type(cs_policy_s(p, (size_t)row, "type")))
		snprintf(out, 48, " (type '%s')", type);
	return out;
}

/* Per type (and for any): threshold.A not below threshold.B, relative.B
 * only with relative.A, the two shares at most the whole. */
static void
grades_per_type(struct rd *rd, const char *t)
{
	const struct cs_policy *p = rd->p;
	long a = cs_grade_row(p, "threshold.A", t);
	long b = cs_grade_row(p, "threshold.B", t);
	char ta[48], tb[48];

	if (!any_type(t) && !*of_type(p, a, t, ta) && !*of_type(p, b, t, tb))
		;	/* the lines for any type, checked as such */
	else if (cs_policy_v(p, (size_t)a, "value") < cs_policy_v(p, (size_t)b,
	    "value"))
		bad(rd, later(p, a, b), "value", "threshold.A %s is below "
		    "threshold.B %s%s", cs_policy_s(p, (size_t)a, "value"),
		    cs_policy_s(p, (size_t)b, "value"), *of_type(p, a, t, ta) ? ta :
		    of_type(p, b, t, tb));
	a = cs_grade_row(p, "relative.A", t);
	b = cs_grade_row(p, "relative.B", t);
	if (a >= 0 && !*cs_policy_s(p, (size_t)a, "value"))
		a = -1;		/* an empty value: no relative rule */
	if (b >= 0 && !*cs_policy_s(p, (size_t)b, "value"))
		b = -1;
	if (!any_type(t) && !*of_type(p, a, t, ta) && !*of_type(p, b, t, tb))
		return;
	if (b >= 0 && a < 0)
		bad(rd, p->line[b], "name", "relative.B without relative.A%s",
		    of_type(p, b, t, tb));
	else if (a >= 0 && b >= 0 && cs_policy_v(p, (size_t)a, "value") +
	    cs_policy_v(p, (size_t)b, "value") > 1 + 1e-9)
		bad(rd, later(p, a, b), "value", "relative.A %s and relative.B %s "
		    "add up to more than the whole%s", cs_policy_s(p, (size_t)a,
		    "value"), cs_policy_s(p, (size_t)b, "value"), *of_type(p, a,
		    t, ta) ? ta : of_type(p, b, t, tb));
}

static void
grades_whole(struct rd *rd)
{
	const struct cs_policy *p = rd->p;
	long ix[N(grade_keys)], a, b;
	char types[] = "* " GRADE_TYPES, *t, *save;
	double w = 0;
	size_t i, j;

	/* no type column and "*" are the same: once a name */
	for (i = 0; i < p->n; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(cs_policy_s(p, i, "name"), cs_policy_s(p, j,
			    "name")) && any_type(cs_policy_s(p, i, "type")) &&
			    any_type(cs_policy_s(p, j, "type")) &&
			    strcmp(cs_policy_s(p, i, "type"), cs_policy_s(p, j,
			    "type"))) {
				bad(rd, p->line[i], "type", "a second line for %s,* "
				    "(the first is line %ld)", cs_policy_s(p, i,
				    "name"), p->line[j]);
				break;
			}
	for (i = 0; i < N(grade_keys); i++) {
		ix[i] = cs_grade_row(p, grade_keys[i].name, NULL);
		if (ix[i] < 0 && grade_keys[i].req)
			bad(rd, 0, NULL, cs_policy_find(p, "name",
			    grade_keys[i].name) < 0 ? "no '%s' (see cs-policy(5))" :
			    "no '%s' for any type (a line of type '*')",
			    grade_keys[i].name);
	}
	if (rd->problems)
		return;
	for (i = 0, a = 0; i < 4; i++) {
		w += cs_policy_v(p, (size_t)ix[i], "value");
		if (ix[i] > a)
			a = ix[i];	/* rows are in line order */
	}
	if (w <= 0)
		bad(rd, p->line[a], "value", "the weights add up to 0");
	for (t = strtok_r(types, " ", &save); t; t = strtok_r(NULL, " ", &save))
		grades_per_type(rd, t);
	a = cs_policy_find(p, "name", "alert.recent");
	b = cs_policy_find(p, "name", "alert.trailing");
	if (cs_policy_v(p, (size_t)a, "value") + cs_policy_v(p, (size_t)b,
	    "value") > 365)
		bad(rd, later(p, a, b), "value", "alert.recent and alert.trailing "
		    "reach back more than a year");
}

static void
audit_whole(struct rd *rd)
{
	const struct cs_policy *p = rd->p;
	double w = 0;
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (cs_policy_v(p, i, "standard") > cs_policy_v(p, i, "max"))
			bad(rd, p->line[i], "standard", "above the max %s: '%s'",
			    cs_policy_s(p, i, "max"), cs_policy_s(p, i, "standard"));
		w += cs_policy_v(p, i, "weight");
	}
	if (p->n == 0)
		bad(rd, 0, NULL, "no categories");
	else if (w <= 0)
		bad(rd, p->line[p->n - 1], "weight", "the weights add up to 0");
}

/* departments.csv: ids of lower-case letters, digits and '-'; names
 * unique; each word of takes a kind of work, and each but complaint
 * taken by one department only; customer-service there. */
static void
departments_whole(struct rd *rd)
{
	const struct cs_policy *p = rd->p;
	const char *id, *w;
	char word[64];
	size_t i, j, n;

	for (i = 0; i < p->n; i++) {
		id = cs_policy_s(p, i, "id");
		if (strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(id))
			bad(rd, p->line[i], "id", "not an id (a-z, 0-9, -): '%s'",
			    id);
		for (j = 0; j < i; j++)
			if (!strcmp(cs_policy_s(p, j, "name"), cs_policy_s(p, i,
			    "name")) || !strcmp(cs_policy_s(p, j, "id"),
			    cs_policy_s(p, i, "name")))
				bad(rd, p->line[i], "name", "'%s' names the "
				    "department of line %ld already",
				    cs_policy_s(p, i, "name"), p->line[j]);
		for (w = cs_policy_s(p, i, "takes"); *w; w += n) {
			w += strspn(w, " ");
			if ((n = strcspn(w, " ")) == 0)
				break;
			snprintf(word, sizeof word, "%.*s", (int)n, w);
			if (!is_one_of(CS_DEPT_WORK, word)) {
				bad(rd, p->line[i], "takes", "not a kind of work "
				    "(see cs-policy(5)): '%s'", word);
				continue;
			}
			for (j = 0; strcmp(word, "complaint") && j < i; j++)
				if (is_one_of(cs_policy_s(p, j, "takes"), word))
					bad(rd, p->line[i], "takes", "'%s' is taken "
					    "by %s already (line %ld)", word,
					    cs_policy_s(p, j, "id"), p->line[j]);
		}
	}
	if (cs_policy_find(p, "id", CS_DEPT_DEFAULT) < 0)
		bad(rd, 0, NULL, "no %s line (the department of those the "
		    "roster gives none)", CS_DEPT_DEFAULT);
}

/* repairs.csv: a line for every step, so each has its estimate. */
static void
repairs_whole(struct rd *rd)
{
	const char *w = CS_REPAIR_STEPS;
	char step[32];
	size_t n;

	for (; *w; w += n + (w[n] == ' ')) {
		n = strcspn(w, " ");
		snprintf(step, sizeof step, "%.*s", (int)n, w);
		if (cs_policy_find(rd->p, "step", step) < 0)
			bad(rd, 0, NULL, "no line for the step '%s'", step);
	}
}

/* notify.csv as a whole: a language and domains as words, and the
 * back-off that grows to its most */
static void
notify_whole(struct rd *rd)
{
	const struct cs_policy *p = rd->p;
	const char *set, *v;
	long r, m;
	size_t i;

	for (i = 0; i < p->n; i++) {
		set = cs_policy_s(p, i, "setting");
		v = cs_policy_s(p, i, "value");
		if (cs_ctrl_find(v, strlen(v), NULL))	/* a header, a command */
			bad(rd, p->line[i], "value", "%s: a control character", set);
		if (!strcmp(set, "language") && (strlen(v) < 2 ||
		    strspn(v, "abcdefghijklmnopqrstuvwxyz-_ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		    != strlen(v)))
			bad(rd, p->line[i], "value", "not a language code (zh, "
			    "en, zh-TW): '%s'", v);
		if ((!strcmp(set, "domain") || !strcmp(set, "agent_domain")) &&
		    strcspn(v, " \t<>@\"") != strlen(v))
			bad(rd, p->line[i], "value", "not a domain name: '%s'", v);
	}
	r = cs_policy_find(p, "setting", "timeout");
	if (r >= 0 && (cs_policy_v(p, (size_t)r, "value") < 1 ||
	    cs_policy_v(p, (size_t)r, "value") > 3600))
		bad(rd, p->line[r], "value", "timeout: from 1s to 1h: '%s'",
		    cs_policy_s(p, (size_t)r, "value"));
	r = cs_policy_find(p, "setting", "retry");
	m = cs_policy_find(p, "setting", "retry_max");
	if (r >= 0 && m >= 0 && cs_policy_v(p, (size_t)r, "value") >
	    cs_policy_v(p, (size_t)m, "value"))
		bad(rd, p->line[m], "value", "retry_max is below retry");
}

static const struct cs_policy_file files[] = {
	{ "policy/sla.csv", 0, sla_cols, N(sla_cols), { "kind", "channel" },
	  NULL, sla_whole },
	{ "policy/phones.csv", 1, phones_cols, N(phones_cols), { "extension" },
	  NULL, NULL },
	{ "policy/hours.csv", 1, hours_cols, N(hours_cols), { NULL }, NULL,
	  hours_whole },
	{ "policy/holidays.csv", 1, holidays_cols, N(holidays_cols), { "date" },
	  NULL, holidays_whole },
	{ "policy/zone.csv", 1, zone_cols, N(zone_cols), { NULL }, NULL,
	  zone_whole },
	{ "policy/kpi.csv", 0, kpi_cols, N(kpi_cols), { "level", "measure" },
	  kpi_types, kpi_whole },
	{ "policy/rates.csv", 0, rates_cols, N(rates_cols),
	  { "origin", "destination", "service" }, NULL, NULL },
	{ "policy/returns.csv", 0, returns_cols, N(returns_cols), { "category" },
	  NULL, NULL },
	{ "policy/repairs.csv", DEFAULTED, repairs_cols, N(repairs_cols),
	  { "step" }, NULL, repairs_whole },
	{ "policy/grades.csv", 0, grades_cols, N(grades_cols), { "name", "type" },
	  grades_types, grades_whole },
	{ "policy/audit.csv", 0, audit_cols, N(audit_cols), { "category" }, NULL,
	  audit_whole },
	{ "policy/complaint-natures.csv", 0, natures_cols, N(natures_cols),
	  { "nature" }, NULL, NULL },
	{ "policy/roles.csv", DEFAULTED, roles_cols, N(roles_cols),
	  { "role", "action" }, NULL, NULL },
	{ "policy/departments.csv", DEFAULTED, departments_cols,
	  N(departments_cols), { "id" }, NULL, departments_whole },
	{ "policy/notify.csv", DEFAULTED, notify_cols, N(notify_cols),
	  { "setting" }, notify_types, notify_whole },
};

/* ---- the reader ---- */

/* A second line with row i's key: a problem naming the first. */
static void
check_key(struct rd *rd, size_t i)
{
	const struct cs_policy *p = rd->p;
	const struct cs_policy_file *f = p->f;
	struct cs_buf k = { 0 };
	size_t j, c, nk, last;
	int same;

	for (nk = 0; nk < KEYS && f->key[nk]; nk++)
		;
	if (nk == 0)
		return;
	for (j = 0; j < i; j++) {
		for (c = 0, same = 1; c < nk && same; c++)
			same = !strcmp(cs_policy_s(p, i, f->key[c]),
			    cs_policy_s(p, j, f->key[c]));
		if (!same)
			continue;
		/* an empty part of a key (grades.csv's type) is left out */
		for (c = 0, last = 0; c < nk; c++)
			if (*cs_policy_s(p, i, f->key[c]))
				cs_buf_addf(&k, "%s%s", k.len ? "," : "",
				    cs_policy_s(p, i, f->key[c])), last = c;
		bad(rd, p->line[i], f->key[last], "a second line for %s (the "
		    "first is line %ld)", k.s, p->line[j]);
		break;
	}
	cs_buf_free(&k);
}

/* One line: its fields in schema order, each checked against its type. */
static void
read_row(struct rd *rd, const int *idx, const struct cs_row *row)
{
	struct cs_policy *p = rd->p;
	const struct cs_policy_file *f = p->f;
	const char *raw[16];
	struct col c[16];
	size_t i, at = p->n * f->ncols;
	int before = rd->problems;

	for (i = 0; i < f->ncols; i++) {
		raw[i] = idx[i] < 0 ? "" : cs_row_get(row, (size_t)idx[i]);
		c[i] = f->cols[i];
	}
	if (f->types)
		f->types(rd, raw, c);
	p->line = cs_xrealloc(p->line, (p->n + 1) * sizeof *p->line);
	p->s = cs_xrealloc(p->s, (at + f->ncols) * sizeof *p->s);
	p->v = cs_xrealloc(p->v, (at + f->ncols) * sizeof *p->v);
	p->line[p->n] = row->line;
	for (i = 0; i < f->ncols; i++) {
		p->s[at + i] = cs_xstrdup(raw[i]);
		p->v[at + i] = 0;
		if (idx[i] >= 0)	/* a column the file has not is empty */
			check_value(rd, row->line, &c[i], raw[i], &p->v[at + i]);
	}
	p->n++;
	if (rd->problems == before)
		check_key(rd, p->n - 1);
}

/* Every column the schema needs is in the file. */
static int
idx_ok(const struct cs_policy_file *f, const int *idx)
{
	size_t i;

	for (i = 0; i < f->ncols; i++)
		if (idx[i] < 0 && !f->cols[i].colopt)
			return 0;
	return 1;
}

static const struct cs_policy_file *
schema(const char *rel, const struct cs_policy_measures *m)
{
	size_t i;

	for (i = 0; i < N(files); i++)
		if (strcmp(files[i].rel, rel) == 0) {
			if (files[i].types == kpi_types && m == NULL)
				break;	/* kpi.csv needs the measures */
			return &files[i];
		}
	cs_fatal(70, "%s: no schema", rel);
	return NULL;
}

/* The default text of rel (store/defaults.c), read as if it were the
 * file: 1, or -1 with the error. */
static int
open_default(struct cs_reader *r, const char *rel)
{
	const struct cs_default_file *d;
	FILE *fp;

	for (d = cs_defaults; d->path && strcmp(d->path, rel); d++)
		;
	if (d->path == NULL)
		return cs_fail(CS_ESOFTWARE, "%s: no default text", rel);
	if ((fp = fmemopen((void *)d->text, strlen(d->text), "r")) == NULL)
		return cs_fail_errno("fmemopen", rel);
	if (cs_reader_fdopen(r, fp, rel, CS_READ_STORE, 0) < 0) {
		fclose(fp);
		return -1;
	}
	r->own = 1;
	return 1;
}

/* Read f into rd->p, listing the problems: -1 when it cannot be opened
 * or read as CSV (the error set; a lint leaves it to the store check). */
static int
read_file(struct rd *rd, const char *dir, const struct cs_policy_file *f)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int idx[16], k, ret = 0;
	size_t i;

	memset(rd->p, 0, sizeof *rd->p);
	rd->p->f = f;
	rd->rel = f->rel;
	k = cs_policy_open(&r, dir, f->optional, f->rel);
	if (k == 0 && f->optional == DEFAULTED)
		k = open_default(&r, f->rel);
	else if (k > 0)
		rd->p->present = 1;
	if (k <= 0) {
		if (k < 0 && rd->report && strstr(cs_errmsg(), ": missing ("))
			bad(rd, 0, NULL, "missing (cs init writes the defaults)");
		return k;
	}
	for (i = 0; i < f->ncols; i++)
		if ((idx[i] = cs_row_find(&r.hdr, f->cols[i].name)) < 0 &&
		    !f->cols[i].colopt)
			bad(rd, 1, NULL, "no '%s' column", f->cols[i].name);
	/* a loader stops at the first problem, a lint goes on */
	k = 0;
	while (rd->problems == 0 || (rd->report && idx_ok(f, idx)))
		if ((k = cs_reader_next(&r, &row)) <= 0)
			break;
		else
			read_row(rd, idx, &row);
	if (k < 0)
		ret = cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	else if (rd->problems == 0 && f->whole)
		f->whole(rd);
	cs_row_free(&row);
	cs_reader_close(&r);
	return ret;
}

static int
read_policy(struct cs_policy *p, const char *dir, const char *rel,
    const struct cs_policy_measures *m)
{
	struct rd rd = { p, rel, NULL, { 0 }, 0, m, "" };
	int k;

	k = read_file(&rd, dir, schema(rel, m));
	if (k == 0 && rd.problems)
		k = cs_fail(CS_ECONFIG, "%s", rd.first.s);
	cs_buf_free(&rd.first);
	if (k < 0)
		cs_policy_free(p);
	return k < 0 ? -1 : 0;
}

int
cs_policy_read(struct cs_policy *p, const char *dir, const char *rel)
{
	return read_policy(p, dir, rel, NULL);
}

int
cs_policy_read_kpi(struct cs_policy *p, const char *dir,
    const struct cs_policy_measures *m)
{
	return read_policy(p, dir, "policy/kpi.csv", m);
}

void
cs_policy_free(struct cs_policy *p)
{
	size_t i;

	for (i = 0; p->f && i < p->n * p->f->ncols; i++)
		free(p->s[i]);
	free(p->s);
	free(p->v);
	free(p->line);
	p->s = NULL, p->v = NULL, p->line = NULL;
	p->n = 0;
}

const char *
cs_policy_s(const struct cs_policy *p, size_t i, const char *col)
{
	return p->s[i * p->f->ncols + colix(p->f, col)];
}

double
cs_policy_v(const struct cs_policy *p, size_t i, const char *col)
{
	return p->v[i * p->f->ncols + colix(p->f, col)];
}

long
cs_policy_find(const struct cs_policy *p, const char *col, const char *val)
{
	return find2(p, col, val, NULL, NULL);
}

const char *
cs_policy_file(size_t i)
{
	return i < N(files) ? files[i].rel : NULL;
}

int
cs_policy_lint_file(const char *dir, const char *rel,
    const struct cs_policy_measures *m, FILE *report)
{
	struct cs_policy p;
	struct rd rd = { &p, rel, report, { 0 }, 0, m, "" };

	read_file(&rd, dir, schema(rel, m));
	cs_policy_free(&p);
	return rd.problems;
}
