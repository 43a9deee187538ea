/*
 * cs-kpi: scoring against the department's rulebook.  score works out
 * each person's measures for a period, each with its numerator,
 * denominator and 95 % interval; verdict weighs them by policy/kpi.csv
 * into an outcome, stores it, and flags a second failed period in a row.
 *
 * Levels: an agent monthly (the agent's records); a team leader
 * quarterly (the team's records, the leader's own among them); the
 * manager yearly (the department's).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: cs-kpi [-D dir] [-o format] score [period]\n"
	    "              [--level agent|leader|manager] [--partial]\n"
	    "       cs-kpi [-o format] merge [period] [--level agent|leader|manager]\n"
	    "              [file ...]\n"
	    "       cs-kpi [-D dir] [-o format] trend [period]\n"
	    "       cs-kpi [-D dir] [--encoding gb18030] [--excel] report [period]\n"
	    "              [--level agent|leader|manager]\n"
	    "       cs-kpi [-D dir] [-o format] [--wait seconds] verdict [period]\n"
	    "              [--dry-run] [--explain login] [--level agent|leader|manager]\n");
	cs_exit(status);
}

/* The measures, in the order they are printed. */
enum { M_WORKLOAD, M_SAT, M_RES, M_TIMELY, M_ATT, M_AUDIT, M_COMPL, M_INTIME,
	M_N };
static const char *const mnames[M_N] = { "workload", "satisfaction_rate",
	"resolution_rate", "timely_rate", "attitude_rate", "audit_score",
	"complaints", "complaints_in_time" };
/* rates have a denominator; a count (workload, complaints) has none */
static const int is_rate[M_N] = { 0, 1, 1, 1, 1, 0, 0, 1 };

struct person {
	char login[40], team[40];
	long num[M_N], den[M_N];
	double audit_sum, audit_sumsq;
};

struct kpi {
	struct cs_ds *ds;
	const char *level;
	struct cs_period p;
	struct cs_map people;	/* login -> struct person */
	struct cs_map team_leader;	/* team -> leader's login */
	char manager[40];
	struct cs_sla sla;
	struct cs_map complained;	/* ticket id -> 1, then -> its agent */
	struct cs_buf text[16];
};

/* Who a record counts for at the level, given its agent and team. */
static const char *
owner(struct kpi *k, const char *agent, const char *team)
{
	if (strcmp(k->level, "agent") == 0)
		return agent;
	if (strcmp(k->level, "leader") == 0)
		return cs_map_get(&k->team_leader, team);
	return *k->manager ? k->manager : NULL;
}

static struct person *
person(struct kpi *k, const char *login)
{
	int isnew;
	void **slot = cs_map_slot(&k->people, login, &isnew);

	if (isnew) {
		struct person *p = cs_xmalloc(sizeof *p);
		memset(p, 0, sizeof *p);
		snprintf(p->login, sizeof p->login, "%s", login);
		*slot = p;
	}
	return *slot;
}

/* The roster: who leads each team, who manages, everyone's team. */
static int
roster(struct kpi *k)
{
	char *path = cs_ds_path(k->ds, "staff.csv");
	struct cs_reader r;
	struct cs_row row = { 0 };
	int rc, ic, tc, rl, lc;

	rc = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (rc < 0)
		return -1;
	ic = cs_row_find(&r.hdr, "id"), tc = cs_row_find(&r.hdr, "team");
	rl = cs_row_find(&r.hdr, "role");
	lc = cs_row_find(&r.hdr, "left");
	while ((rc = cs_reader_next(&r, &row)) > 0) {
		const char *id = cs_row_get(&row, (size_t)ic);
		const char *role = cs_row_get(&row, (size_t)rl);
		cs_time left;
		if (*cs_row_get(&row, (size_t)lc) && cs_time_parse(cs_row_get(&row,
		    (size_t)lc), &left) == 0 && left < k->p.from)
			continue;	/* gone before the period */
		if (strcmp(role, "leader") == 0)
			*cs_map_slot(&k->team_leader, cs_row_get(&row, (size_t)tc), NULL) =
			    cs_xstrdup(id);
		if (strcmp(role, "manager") == 0)
			snprintf(k->manager, sizeof k->manager, "%s", id);
		if ((strcmp(k->level, "agent") == 0 && strcmp(role, "agent") == 0) ||
		    (strcmp(k->level, "leader") == 0 && strcmp(role, "leader") == 0) ||
		    (strcmp(k->level, "manager") == 0 && strcmp(role, "manager") == 0)) {
			struct person *p = person(k, id);
			snprintf(p->team, sizeof p->team, "%s",
			    cs_row_get(&row, (size_t)tc));
		}
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc;
}

/* ---- the records ---- */

enum { T_ID, T_AGENT, T_TEAM, T_KIND, T_CHANNEL, T_OPENED, T_FIRST,
	T_PROMISED, T_STATUS, T_SAT, T_ATT, T_N };
static const char *const tcols[T_N] = { "id", "agent", "team", "kind",
	"channel", "opened_at", "first_response_at", "promised_at", "status",
	"satisfaction", "attitude" };

/* A ticket complained about whose record has not been read yet. */
static char unseen[] = "";

static const char *
text(struct kpi *k, const struct cs_slice *f, int i)
{
	return cs_slice_text(&f[i], &k->text[i]);
}

/* Timely: the first response within the SLA target, or by the time
 * promised; 1 timely, 0 not, -1 no target. */
static int
timely(struct kpi *k, const struct cs_slice *f)
{
	const struct cs_sla_rule *rule = cs_sla_rule(&k->sla, text(k, f, T_KIND),
	    text(k, f, T_CHANNEL));
	cs_time opened, first, promised;

	if (rule == NULL || cs_time_parse(text(k, f, T_OPENED), &opened) < 0)
		return -1;
	if (*text(k, f, T_FIRST) == '\0' ||
	    cs_time_parse(text(k, f, T_FIRST), &first) < 0)
		return 0;	/* no answer yet: not in time */
	if (*text(k, f, T_PROMISED) &&
	    cs_time_parse(text(k, f, T_PROMISED), &promised) == 0 &&
	    first <= promised)
		return 1;
	return cs_sla_elapsed(&k->sla, rule->business, opened, first) <=
	    rule->first_response;
}

static int
on_ticket(void *ctx, const struct cs_slice *f, long line)
{
	struct kpi *k = ctx;
	const char *who, *st, *sat, *att;
	struct person *p;
	cs_time t;
	int tm;

	(void)line;
	if (k->complained.n && cs_map_get(&k->complained, text(k, f, T_ID)))
		*cs_map_slot(&k->complained, text(k, f, T_ID), NULL) =
		    cs_xstrdup(text(k, f, T_AGENT));
	if (cs_time_parse(text(k, f, T_OPENED), &t) < 0 ||
	    !cs_period_contains(&k->p, t))
		return 0;
	who = owner(k, text(k, f, T_AGENT), text(k, f, T_TEAM));
	if (who == NULL)
		return 0;
	p = person(k, who);
	p->num[M_WORKLOAD]++;
	p->den[M_RES]++;
	st = text(k, f, T_STATUS);
	p->num[M_RES] += !strcmp(st, "resolved") || !strcmp(st, "closed");
	sat = text(k, f, T_SAT);
	if (*sat) {
		p->den[M_SAT]++;
		p->num[M_SAT] += *sat == '4' || *sat == '5';
	}
	att = text(k, f, T_ATT);
	if (*att) {
		p->den[M_ATT]++;
		p->num[M_ATT] += !strcmp(att, "good");
	}
	if ((tm = timely(k, f)) >= 0) {
		p->den[M_TIMELY]++;
		p->num[M_TIMELY] += tm;
	}
	return 0;
}

enum { C_TICKET, C_RECEIVED, C_RECORDED, C_BY, C_SEV, C_HANDLER, C_TEAM, C_N };
static const char *const ccols[C_N] = { "ticket", "received_at", "recorded_at",
	"recorded_by", "severity", "handler", "team" };

/* Complaints received in the period: recorded in time by whom; and the
 * tickets they are about, whose agents they count against. */
static int
on_complaint(void *ctx, const struct cs_slice *f, long line)
{
	struct kpi *k = ctx;
	const struct cs_sla_rule *rule;
	const char *who;
	char sev[32];
	cs_time received, recorded;

	(void)line;
	if (cs_time_parse(text(k, f, C_RECEIVED), &received) < 0 ||
	    !cs_period_contains(&k->p, received) ||
	    cs_time_parse(text(k, f, C_RECORDED), &recorded) < 0)
		return 0;
	if (*text(k, f, C_TICKET))
		*cs_map_slot(&k->complained, text(k, f, C_TICKET), NULL) = unseen;
	snprintf(sev, sizeof sev, "complaint-%s", text(k, f, C_SEV));
	rule = cs_sla_rule(&k->sla, sev, "*");
	who = owner(k, text(k, f, C_BY), text(k, f, C_TEAM));
	if (who == NULL || (strcmp(k->level, "agent") == 0 &&
	    cs_map_get(&k->people, who) == NULL))
		return 0;
	person(k, who)->den[M_INTIME]++;
	person(k, who)->num[M_INTIME] += !rule ||
	    recorded - received <= rule->first_response;
	return 0;
}

/* The start of a stored sample's period, from its manifest: 1 found, 0
 * the manifest has none (or is absent), -1 an error. */
static int
sample_from(const char *dir, const char *base, cs_time *from)
{
	struct cs_buf path = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	int rc, found = 0;

	cs_buf_addf(&path, "%s/%s.manifest.csv", dir, base);
	rc = cs_reader_open(&r, path.s, CS_READ_STORE, 0);
	cs_buf_free(&path);
	if (rc < 0)
		return cs_errstatus() == CS_ENOINPUT && errno == ENOENT ? 0 : -1;
	while ((rc = cs_reader_next(&r, &row)) > 0)
		if (!strcmp(cs_row_get(&row, 0), "from"))
			found = cs_time_parse(cs_row_get(&row, 1), from) == 0;
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc < 0 ? -1 : found;
}

/* A sample's records: id -> "agent,team". */
static int
sample_agents(const char *dir, const char *base, struct cs_map *agent_of)
{
	struct cs_buf path = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	int rc, ic, ac, tc;

	cs_buf_addf(&path, "%s/%s.csv", dir, base);
	rc = cs_reader_open(&r, path.s, CS_READ_STORE, 0);
	cs_buf_free(&path);
	if (rc < 0)
		return -1;
	ic = cs_row_find(&r.hdr, "id"), ac = cs_row_find(&r.hdr, "agent");
	tc = cs_row_find(&r.hdr, "team");
	if (ic < 0 || ac < 0 || tc < 0)
		rc = cs_fail(CS_EDATA, "%s:1: want id, agent and team columns",
		    r.name);
	while (rc >= 0 && (rc = cs_reader_next(&r, &row)) > 0) {
		struct cs_buf v = { 0 };
		void **slot = cs_map_slot(agent_of, cs_row_get(&row, (size_t)ic),
		    NULL);
		cs_buf_addf(&v, "%s,%s", cs_row_get(&row, (size_t)ac),
		    cs_row_get(&row, (size_t)tc));
		free(*slot);
		*slot = v.s;
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc < 0 ? -1 : 0;
}

/* A sample's scores into the audit measures of their agents' owners. */
static int
sample_scores(struct kpi *k, const struct cs_rubric *rb, int att,
    const char *dir, const char *base, const struct cs_map *agent_of)
{
	struct cs_buf path = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	double *s = cs_xmalloc((rb->n + 1) * sizeof *s);
	int rc, fc, *col = cs_xmalloc((rb->n + 1) * sizeof *col);
	size_t c;

	cs_buf_addf(&path, "%s/%s.scores.csv", dir, base);
	rc = cs_reader_open(&r, path.s, CS_READ_STORE, 0);
	cs_buf_free(&path);
	if (rc < 0)
		goto out;
	fc = cs_row_find(&r.hdr, "critical");
	for (c = 0; c < rb->n; c++)
		col[c] = cs_row_find(&r.hdr, rb->cats[c].name);
	while ((rc = cs_reader_next(&r, &row)) > 0) {
		char *at = cs_map_get(agent_of, cs_row_get(&row, 0)), agent[64];
		const char *team, *who;
		struct person *p;
		int failed;
		double score;
		if (at == NULL)
			continue;
		snprintf(agent, sizeof agent, "%.*s", (int)strcspn(at, ","), at);
		team = strchr(at, ',') + 1;
		if ((who = owner(k, agent, team)) == NULL)
			continue;
		for (c = 0; c < rb->n; c++)
			s[c] = col[c] < 0 ? 0 : atof(cs_row_get(&row, (size_t)col[c]));
		score = cs_rubric_score(rb, s, fc >= 0 &&
		    !strcmp(cs_row_get(&row, (size_t)fc), "yes"), &failed);
		p = person(k, who);
		p->den[M_AUDIT]++;
		p->audit_sum += score;
		p->audit_sumsq += score * score;
		if (att >= 0) {
			p->den[M_ATT]++;
			p->num[M_ATT] += s[att] >= rb->cats[att].standard;
		}
	}
	cs_reader_close(&r);
out:
	cs_row_free(&row);
	free(s);
	free(col);
	return rc < 0 ? -1 : 0;
}

/* The scores of the stored samples of the period: the mean, and the
 * audit's attitude category in the attitude rate.  No scored sample: no
 * audit measures; a file that cannot be read is an error. */
static int
audits(struct kpi *k)
{
	struct cs_rubric rb;
	char **names, **n, *dir = cs_ds_path(k->ds, "audits");
	int rc = 0, att = -1, loaded = 0;
	size_t c;

	if ((names = cs_dir_csv(dir)) == NULL) {
		free(dir);
		return -1;
	}
	for (n = names; *n && rc >= 0; n++) {
		struct cs_map agent_of = { 0 };
		size_t len = strlen(*n);
		char base[96];
		cs_time from = 0;
		if (len < 8 || strcmp(*n + len - 7, ".scores"))
			continue;
		snprintf(base, sizeof base, "%.*s", (int)(len - 7), *n);
		if ((rc = sample_from(dir, base, &from)) <= 0 ||
		    !cs_period_contains(&k->p, from))
			continue;
		if (!loaded) {
			if ((rc = cs_rubric_load(&rb, k->ds->dir)) < 0)
				break;
			loaded = 1;
			for (c = 0; c < rb.n; c++)
				if (strcmp(rb.cats[c].name, "attitude") == 0)
					att = (int)c;
		}
		if ((rc = sample_agents(dir, base, &agent_of)) == 0)
			rc = sample_scores(k, &rb, att, dir, base, &agent_of);
		cs_map_free(&agent_of, free);
	}
	if (loaded)
		cs_rubric_free(&rb);
	cs_strv_free(names);
	free(dir);
	return rc < 0 ? -1 : 0;
}

static int
scan_all(const char *dir, const struct cs_schema *s, const struct cs_period *p,
    const char *const *cols, size_t n, int (*fn)(void *, const struct cs_slice *,
    long), void *ctx)
{
	struct cs_period wide = *p;
	char **files, **f;
	int rc = 0;

	if (wide.to < INT64_MAX - 3 * 86400)
		wide.to += 3 * 86400;	/* recorded a little after */
	if ((files = cs_dated_files(dir, s, &wide)) == NULL)
		return -1;
	for (f = files; *f && rc == 0; f++)
		rc = cs_scan_store(*f, cols, n, fn, ctx);
	cs_strv_free(files);
	return rc;
}

/* Work out every person's measures for the period. */
static int
measure(struct kpi *k)
{
	struct cs_period before = k->p;
	size_t i;

	if (roster(k) < 0 || cs_sla_load(&k->sla, k->ds->dir) < 0)
		return -1;
	if (scan_all(k->ds->dir, &cs_schema_complaints, &k->p, ccols, C_N,
	    on_complaint, k) < 0)
		return -1;
	/* the tickets complained about may be older than the period */
	before.from = INT64_MIN;
	if (scan_all(k->ds->dir, &cs_schema_tickets, &before, tcols, T_N,
	    on_ticket, k) < 0)
		return -1;
	for (i = 0; i < k->complained.cap; i++) {
		const char *agent = k->complained.vals[i];
		if (k->complained.keys[i] && agent != unseen) {
			const char *who = owner(k, agent, "");
			if (strcmp(k->level, "agent") == 0 && who &&
			    cs_map_get(&k->people, who))
				person(k, who)->num[M_COMPL]++;
		}
	}
	return audits(k);
}

/* ---- values and intervals ---- */

struct value {
	int data;		/* 0: no data */
	double v, lo, hi;
};

static struct value
value_of(const struct person *p, int m)
{
	struct value r = { 0, 0, 0, 0 };
	double mean, sd, half;

	if (m == M_AUDIT) {
		if (p->den[m] == 0)
			return r;
		r.data = 1;
		mean = p->audit_sum / (double)p->den[m];
		r.v = r.lo = r.hi = mean;
		if (p->den[m] > 1) {
			sd = sqrt(fmax(0, (p->audit_sumsq - (double)p->den[m] * mean *
			    mean) / (double)(p->den[m] - 1)));
			half = cs_t_quantile(0.975, (double)(p->den[m] - 1)) * sd /
			    sqrt((double)p->den[m]);
			r.lo = fmax(0, mean - half);
			r.hi = fmin(100, mean + half);
		}
		return r;
	}
	if (!is_rate[m]) {
		r.data = p->num[M_WORKLOAD] > 0 || p->num[m] > 0;
		r.v = r.lo = r.hi = (double)p->num[m];
		return r;
	}
	if (p->den[m] == 0)
		return r;
	r.data = 1;
	r.v = (double)p->num[m] / (double)p->den[m];
	cs_wilson(p->num[m], p->den[m], 0.95, &r.lo, &r.hi);
	return r;
}

static void
fmt_value(char *out, size_t n, int m, struct value v, double x)
{
	if (!v.data)
		snprintf(out, n, "no data");
	else if (is_rate[m])
		snprintf(out, n, "%.4f", x);
	else if (m == M_AUDIT)
		snprintf(out, n, "%.1f", x);
	else
		snprintf(out, n, "%.0f", x);
}

static const char **
sorted_people(const struct kpi *k)
{
	const char **v = cs_xmalloc((k->people.n + 1) * sizeof *v);
	size_t i, j = 0;

	for (i = 0; i < k->people.cap; i++)
		if (k->people.keys[i])
			v[j++] = k->people.keys[i];
	v[j] = NULL;
	for (i = 1; i < j; i++)
		for (size_t x = i; x > 0 && strcmp(v[x - 1], v[x]) > 0; x--) {
			const char *t = v[x];
			v[x] = v[x - 1];
			v[x - 1] = t;
		}
	return v;
}

/* One person's measures, as score prints them, or as sums (partial). */
static void
score_rows(struct cs_out *out, const struct kpi *k, const char *who,
    const struct person *p, int partial)
{
	struct cs_row r = { 0 };
	char b[5][40];
	int m, c, n;

	for (m = 0; m < M_N; m++) {
		struct value v = value_of(p, m);
		for (c = 0; c < 5; c++)
			b[c][0] = '\0';
		if (m == M_AUDIT)
			snprintf(b[0], 40, partial ? "%.17g" : "%.1f", p->audit_sum);
		else
			snprintf(b[0], 40, "%ld", p->num[m]);
		if (is_rate[m] || m == M_AUDIT)
			snprintf(b[1], 40, "%ld", p->den[m]);
		if (partial) {
			if (m == M_AUDIT)
				snprintf(b[2], 40, "%.17g", p->audit_sumsq);
			n = 3;
		} else {
			fmt_value(b[2], 40, m, v, v.v);
			if (v.data && (is_rate[m] || m == M_AUDIT)) {
				fmt_value(b[3], 40, m, v, v.lo);
				fmt_value(b[4], 40, m, v, v.hi);
			}
			n = 5;
		}
		cs_row_clear(&r);
		cs_row_push(&r, k->p.name, strlen(k->p.name));
		cs_row_push(&r, k->level, strlen(k->level));
		cs_row_push(&r, who, strlen(who));
		cs_row_push(&r, mnames[m], strlen(mnames[m]));
		for (c = 0; c < n; c++)
			cs_row_push(&r, b[c], strlen(b[c]));
		cs_out_row(out, &r);
	}
	cs_row_free(&r);
}

/* Every person's measures; with partial, the sums that merge adds up. */
static int
print_scores(struct kpi *k, const struct cs_opts *o, int partial)
{
	static const char *cols[] = { "period", "level", "person", "measure",
		"numerator", "denominator", "value", "low", "high" };
	static const char *pcols[] = { "period", "level", "person", "measure",
		"numerator", "denominator", "sumsq" };
	struct cs_row h = { 0 };
	struct cs_out out = { 0 };
	const char **who;
	size_t i;
	int c;

	for (c = 0; c < (partial ? 7 : 9); c++)
		cs_row_push(&h, partial ? pcols[c] : cols[c],
		    strlen(partial ? pcols[c] : cols[c]));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, partial ? CS_FMT_CSV : cs_opts_fmt(o), &h);
	who = sorted_people(k);
	for (i = 0; who[i]; i++)
		score_rows(&out, k, who[i], cs_map_get(&k->people, who[i]), partial);
	free(who);
	cs_row_free(&h);
	return cs_out_end(&out) < 0 ? -1 : k->people.n ? 0 : CS_NO;
}

static int
cmd_score(struct kpi *k, const struct cs_opts *o, int partial)
{
	if (measure(k) < 0)
		return -1;
	return print_scores(k, o, partial);
}

/*
 * Add one line of partial sums to p: counts are whole numbers, sums of
 * audit scores numbers, all of 0 or more and each total below 10^15 (a
 * long added past its end is undefined; strtol saturated and wrapped).
 * An empty denominator is a count's, an empty sumsq a rate's.
 */
static int
merge_line(const struct cs_reader *r, const struct cs_row *row, int m,
    const char *const *f, struct person *p)
{
	static const char *names[] = { "numerator", "denominator", "sumsq" };
	double v[3], sum[3];
	char *end;
	int i;

	sum[0] = m == M_AUDIT ? p->audit_sum : (double)p->num[m];
	sum[1] = (double)p->den[m];
	sum[2] = p->audit_sumsq;
	for (i = 0; i < 3; i++) {
		v[i] = 0;
		if (i > 0 && *f[4 + i] == '\0')
			continue;
		v[i] = strtod(f[4 + i], &end);
		if (end == f[4 + i] || *end || !isfinite(v[i]) || v[i] < 0 ||
		    sum[i] + v[i] >= 1e15 || (m != M_AUDIT && i < 2 &&
		    v[i] != floor(v[i])))
			return cs_fail(CS_EDATA, "%s:%ld: field '%s': not a number of "
			    "0 or more (and a sum below 10^15): '%s'", r->name,
			    row->line, names[i], f[4 + i]);
	}
	if (m == M_AUDIT) {
		p->audit_sum += v[0];
		p->audit_sumsq += v[2];
	} else
		p->num[m] += (long)v[0];
	p->den[m] += (long)v[1];
	return 0;
}

/*
 * Add up the partial sums of score --partial (files, or - for standard
 * input; several runs may be concatenated, headers and all) and print
 * what one score over all their records prints.  The period printed is
 * the one given, else the partials' own when they share it.
 */
static int
cmd_merge(struct kpi *k, const struct cs_opts *o, int given, int argc,
    char **argv)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	char period[32] = "";
	int i, m, rc = 0, col[7];
	static const char *pcols[] = { "period", "level", "person", "measure",
		"numerator", "denominator", "sumsq" };
	static char *stdin_only[] = { "-" };

	if (argc == 0)
		argc = 1, argv = stdin_only;
	for (i = 0; i < argc && rc >= 0; i++) {
		if ((rc = cs_reader_open(&r, argv[i], CS_READ_CSV,
		    CS_READ_USER)) < 0)
			break;
		for (m = 0; m < 7; m++)
			if ((col[m] = cs_row_find(&r.hdr, pcols[m])) < 0) {
				rc = cs_fail(CS_EDATA, "%s:1: no '%s' column: not a "
				    "score --partial", r.name, pcols[m]);
				break;
			}
		while (rc >= 0 && (rc = cs_reader_next(&r, &row)) > 0) {
			const char *f[7];
			for (m = 0; m < 7; m++)
				f[m] = cs_row_get(&row, (size_t)col[m]);
			if (!strcmp(f[0], "period"))
				continue;	/* the header of a concatenated run */
			if (strcmp(f[1], k->level)) {
				rc = cs_fail(CS_EDATA, "%s:%ld: level %s, not %s (--level)",
				    r.name, row.line, f[1], k->level);
				break;
			}
			if (!given) {
				if (*period && strcmp(period, f[0])) {
					rc = cs_fail(CS_EUSAGE, "partials of %s and %s: give "
					    "the period they make up (--month, --quarter ...)",
					    period, f[0]);
					break;
				}
				snprintf(period, sizeof period, "%s", f[0]);
			}
			for (m = 0; m < M_N && strcmp(mnames[m], f[3]); m++)
				;
			if (m == M_N) {
				rc = cs_fail(CS_EDATA, "%s:%ld: field 'measure': no measure "
				    "'%s'", r.name, row.line, f[3]);
				break;
			}
			if ((rc = merge_line(&r, &row, m, f, person(k, f[2]))) < 0)
				break;
		}
		cs_reader_close(&r);
	}
	cs_row_free(&row);
	if (rc < 0)
		return -1;
	if (!given)
		snprintf(k->p.name, sizeof k->p.name, "%s", period);
	return print_scores(k, o, 0);
}

/* ---- the rulebook and the verdict ---- */

struct rule {
	int set;
	double target, weight;
	int max;		/* direction: the value must not exceed target */
	int mandatory;
	long min_records;
};

struct rulebook {
	struct rule m[M_N];
	double pass, excellent;
	long consecutive;
};

/*
 * A number of the rulebook in [lo, hi] (a whole one when whole; a share
 * also as a percentage: 85% is 0.85) into *v; else -1 with the error.
 */
static int
rule_number(const struct cs_row *row, const char *field, const char *s,
    double lo, double hi, int whole, double *v)
{
	int share = lo == 0 && hi == 1;
	char *end;

	*v = strtod(s, &end);
	if (share && end != s && *end == '%' && end[1] == '\0')
		*v /= 100, end++;
	if (end == s || *end || !isfinite(*v) || *v < lo || *v > hi ||
	    (whole && *v != floor(*v)))
		return cs_fail(CS_ECONFIG, "policy/kpi.csv:%ld: field '%s': want %s "
		    "%g to %g%s, not '%s'", row->line, field, whole ? "a whole number" :
		    "a number", lo, hi, share ? " (or 0% to 100%)" : "", s);
	return 0;
}

/* One measure's line into r; -1 with the error on a bad value. */
static int
rule_line(const struct cs_row *row, const int *idx, int m, struct rule *r)
{
	const char *dir = cs_row_get(row, (size_t)idx[4]);
	const char *mand = cs_row_get(row, (size_t)idx[5]);
	const char *minr = cs_row_get(row, (size_t)idx[6]);
	double n = 0;

	if (rule_number(row, "target", cs_row_get(row, (size_t)idx[2]), 0,
	    is_rate[m] ? 1 : m == M_AUDIT ? 100 : 1e9, 0, &r->target) < 0 ||
	    rule_number(row, "weight", cs_row_get(row, (size_t)idx[3]), 0, 1e9, 0,
	    &r->weight) < 0 ||
	    (*minr && rule_number(row, "min_records", minr, 0, 1e9, 1, &n) < 0))
		return -1;
	if (strcmp(dir, "min") && strcmp(dir, "max"))
		return cs_fail(CS_ECONFIG, "policy/kpi.csv:%ld: field 'direction': "
		    "min or max, not '%s'", row->line, dir);
	if (strcmp(mand, "yes") && strcmp(mand, "no"))
		return cs_fail(CS_ECONFIG, "policy/kpi.csv:%ld: field 'mandatory': "
		    "yes or no, not '%s'", row->line, mand);
	r->set = 1;
	r->max = !strcmp(dir, "max");
	r->mandatory = !strcmp(mand, "yes");
	r->min_records = (long)n;
	return 0;
}

/*
 * The rulebook of level from policy/kpi.csv.  Every value is checked (a
 * bad one is exit 78 with its line and field): the rulebook decides who
 * fails a period, and atof made "85%" a target of 85 that no one meets.
 */
static int
rulebook(struct cs_ds *ds, const char *level, struct rulebook *rb)
{
	static const char *cols[] = { "level", "measure", "target", "weight",
		"direction", "mandatory", "min_records" };
	struct cs_reader r;
	struct cs_row row = { 0 };
	int idx[7], rc, i, m;

	memset(rb, 0, sizeof *rb);
	rb->pass = 60, rb->excellent = 90, rb->consecutive = 2;
	if (cs_policy_open(&r, ds->dir, 0, "policy/kpi.csv") < 0)
		return -1;
	for (i = 0; i < 7; i++)
		if ((idx[i] = cs_row_find(&r.hdr, cols[i])) < 0) {
			cs_reader_close(&r);
			return cs_fail(CS_ECONFIG, "policy/kpi.csv:1: no '%s' column",
			    cols[i]);
		}
	while ((rc = cs_reader_next(&r, &row)) > 0) {
		const char *name = cs_row_get(&row, (size_t)idx[1]);
		const char *target = cs_row_get(&row, (size_t)idx[2]);
		double v;
		if (strcmp(cs_row_get(&row, (size_t)idx[0]), level) != 0)
			continue;
		if (!strcmp(name, "pass_mark") || !strcmp(name, "excellent_mark")) {
			if ((rc = rule_number(&row, "target", target, 0, 100, 0,
			    name[0] == 'p' ? &rb->pass : &rb->excellent)) < 0)
				break;
			continue;
		}
		if (!strcmp(name, "consecutive_fails")) {
			if ((rc = rule_number(&row, "target", target, 1, 1000, 1, &v)) < 0)
				break;
			rb->consecutive = (long)v;
			continue;
		}
		for (m = 0; m < M_N && strcmp(mnames[m], name); m++)
			;
		if (m == M_N) {
			rc = cs_fail(CS_ECONFIG, "policy/kpi.csv:%ld: no measure '%s'",
			    row.line, name);
			break;
		}
		if ((rc = rule_line(&row, idx, m, &rb->m[m])) < 0)
			break;
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	if (rc < 0)
		return cs_fail(cs_errstatus() == CS_EDATA ? CS_ECONFIG : cs_errstatus(),
		    "%s", cs_errmsg());
	if (rb->pass > rb->excellent)
		return cs_fail(CS_ECONFIG, "policy/kpi.csv: %s: the pass mark %g is "
		    "above the excellent mark %g", level, rb->pass, rb->excellent);
	return 0;
}

enum { ST_NODATA, ST_MET, ST_MISSED, ST_UNDECIDED };
static const char *const stnames[] = { "no data", "met", "missed",
	"undecided" };

struct judged {
	struct value v;
	int status;
	double credit;		/* of the measure's weight, 0 to 1 */
};

/* A measure against its rule: met or missed, or undecided when too few
 * records stand behind it and its interval holds the target. */
static struct judged
judge(const struct person *p, int m, const struct rule *r)
{
	struct judged j = { value_of(p, m), ST_NODATA, 0 };
	long n = is_rate[m] || m == M_AUDIT ? p->den[m] : p->num[M_WORKLOAD];
	int met;

	if (!j.v.data)
		return j;
	met = r->max ? j.v.v <= r->target : j.v.v >= r->target;
	j.status = met ? ST_MET : ST_MISSED;
	if (met)
		j.credit = 1;
	else if (r->max)
		j.credit = j.v.v > 0 ? r->target / j.v.v : 1;
	else
		j.credit = r->target > 0 ? j.v.v / r->target : 0;
	if ((is_rate[m] || m == M_AUDIT) && n < r->min_records &&
	    j.v.lo <= r->target && r->target <= j.v.hi)
		j.status = ST_UNDECIDED;
	return j;
}

/* The outcome of a composite score, and whether a mandatory measure
 * failed the period on its own. */
static const char *
outcome_of(double score, int mandatory_missed, const struct rulebook *rb)
{
	if (mandatory_missed || score < rb->pass)
		return "fail";
	return score >= rb->excellent ? "excellent" : "pass";
}

struct verdict {
	double score;
	const char *outcome;
	char rule[200];
	struct judged j[M_N];
};

/*
 * The composite: the weighted mean of the measures' credits, out of 100,
 * over the measures with data.  An undecided measure is tried both ways;
 * when the outcome depends on it, there is not enough data.
 */
static void
verdict_of(const struct person *p, const struct rulebook *rb, struct verdict *v)
{
	double sum[2] = { 0, 0 }, actual = 0, w = 0;
	int m, mand[2] = { 0, 0 }, undecided = 0, variant;
	const char *o[2];

	memset(v, 0, sizeof *v);
	for (m = 0; m < M_N; m++) {
		if (!rb->m[m].set)
			continue;
		v->j[m] = judge(p, m, &rb->m[m]);
		if (v->j[m].status == ST_NODATA) {
			if (rb->m[m].mandatory)
				undecided = 2;	/* a mandatory measure without data */
			continue;
		}
		w += rb->m[m].weight;
		actual += rb->m[m].weight * v->j[m].credit;
		for (variant = 0; variant < 2; variant++) {
			int met = v->j[m].status == ST_MET ||
			    (v->j[m].status == ST_UNDECIDED && variant == 0);
			double credit = v->j[m].status == ST_UNDECIDED ?
			    (met ? 1 : v->j[m].credit < 1 ? v->j[m].credit : 0.999) :
			    v->j[m].credit;
			sum[variant] += rb->m[m].weight * credit;
			if (rb->m[m].mandatory && !met)
				mand[variant] = 1;
		}
		if (v->j[m].status == ST_UNDECIDED)
			undecided = undecided ? undecided : 1;
	}
	for (variant = 0; variant < 2; variant++)
		o[variant] = outcome_of(w > 0 ? 100 * sum[variant] / w : 0,
		    mand[variant], rb);
	v->score = w > 0 ? 100 * actual / w : 0;	/* as measured */
	if (w == 0 || undecided == 2) {
		v->outcome = "not enough data";
		snprintf(v->rule, sizeof v->rule, w == 0 ? "no measure has data" :
		    "a mandatory measure has no data");
	} else if (strcmp(o[0], o[1]) != 0) {
		v->outcome = "not enough data";
		snprintf(v->rule, sizeof v->rule, "too few records to tell %s from "
		    "%s", o[0], o[1]);
	} else {
		v->outcome = o[0];
		if (mand[0])
			snprintf(v->rule, sizeof v->rule, "a mandatory measure missed "
			    "its target");
		else if (!strcmp(o[0], "excellent"))
			snprintf(v->rule, sizeof v->rule, "score %.1f >= excellent "
			    "mark %g", v->score, rb->excellent);
		else if (!strcmp(o[0], "pass"))
			snprintf(v->rule, sizeof v->rule, "score %.1f >= pass mark %g",
			    v->score, rb->pass);
		else
			snprintf(v->rule, sizeof v->rule, "score %.1f < pass mark %g",
			    v->score, rb->pass);
	}
}

/* ---- stored verdicts: kpi/verdicts.csv ---- */

#define VERDICT_HEADER "period,level,person,score,outcome,review,computed_at\n"

/* The outcome stored for person at level in period, or "". */
static const char *
stored(const struct cs_row *rows, size_t n, const char *period,
    const char *level, const char *person)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(cs_row_get(&rows[i], 0), period) &&
		    !strcmp(cs_row_get(&rows[i], 1), level) &&
		    !strcmp(cs_row_get(&rows[i], 2), person))
			return cs_row_get(&rows[i], 4);
	return "";
}

static int
read_verdicts(struct cs_ds *ds, struct cs_row **rows, size_t *n)
{
	char *path = cs_ds_path(ds, "kpi/verdicts.csv");
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k;

	*rows = NULL, *n = 0;
	if (access(path, F_OK) < 0) {
		free(path);
		return 0;
	}
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (k < 0)
		return -1;
	while ((k = cs_reader_next(&r, &row)) > 0) {
		*rows = cs_xrealloc(*rows, (*n + 1) * sizeof **rows);
		memset(&(*rows)[*n], 0, sizeof **rows);
		cs_row_copy(&(*rows)[(*n)++], &row);
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return k < 0 ? -1 : 0;
}

/* The period before p, of the same kind (a month, quarter or year). */
static int
period_before(const struct cs_period *p, const char *kind, char *name, size_t n)
{
	struct cs_period q;
	char d[16], spec[32];

	cs_date_format(p->from - 86400, d);
	if (!strcmp(kind, "month"))
		snprintf(spec, sizeof spec, "%.7s", d);
	else if (!strcmp(kind, "quarter"))
		snprintf(spec, sizeof spec, "%.4s-Q%d", d, (atoi(d + 5) - 1) / 3 + 1);
	else
		snprintf(spec, sizeof spec, "%.4s", d);
	if (cs_period_parse(kind, spec, &q) < 0)
		return -1;
	snprintf(name, n, "%s", q.name);
	return 0;
}

static const char *
level_kind(const char *level)
{
	return !strcmp(level, "agent") ? "month" : !strcmp(level, "leader") ?
	    "quarter" : "year";
}

/*
 * A second failed period in a row (or as many as the rulebook says) is
 * flagged for a dismissal review.
 */
static int
review(const struct cs_row *rows, size_t n, const struct kpi *k,
    const char *person, const char *outcome, const struct rulebook *rb)
{
	struct cs_period p = k->p;
	char prev[32];
	long i;

	if (strcmp(outcome, "fail") != 0)
		return 0;
	for (i = 1; i < rb->consecutive; i++) {
		if (period_before(&p, level_kind(k->level), prev, sizeof prev) < 0 ||
		    strcmp(stored(rows, n, prev, k->level, person), "fail") != 0)
			return 0;
		cs_period_parse(level_kind(k->level), prev, &p);
	}
	return rb->consecutive > 1;
}

static void
explain(struct cs_out *out, const struct person *p, const struct rulebook *rb,
    const struct verdict *v, int flagged)
{
	struct cs_row r = { 0 };
	char b[12][48];
	int m, c;

	for (m = 0; m < M_N; m++) {
		const struct judged *j = &v->j[m];
		struct value val = rb->m[m].set ? j->v : value_of(p, m);
		if (m == M_AUDIT)
			snprintf(b[0], 48, "%.1f", p->audit_sum);
		else
			snprintf(b[0], 48, "%ld", p->num[m]);
		b[1][0] = '\0';
		if (is_rate[m] || m == M_AUDIT)
			snprintf(b[1], 48, "%ld", p->den[m]);
		fmt_value(b[2], 48, m, val, val.v);
		fmt_value(b[3], 48, m, val, val.lo);
		fmt_value(b[4], 48, m, val, val.hi);
		if (!val.data || (!is_rate[m] && m != M_AUDIT))
			b[3][0] = b[4][0] = '\0';
		if (rb->m[m].set) {
			snprintf(b[5], 48, "%s %g", rb->m[m].max ? "<=" : ">=",
			    rb->m[m].target);
			snprintf(b[6], 48, "%g", rb->m[m].weight);
			snprintf(b[7], 48, "%s", rb->m[m].mandatory ? "yes" : "no");
			snprintf(b[8], 48, "%ld", rb->m[m].min_records);
			b[9][0] = '\0';
			if (j->status != ST_NODATA)
				snprintf(b[9], 48, "%.3f", j->credit);
			snprintf(b[10], 48, "%s", stnames[j->status]);
		} else
			for (c = 5; c < 11; c++)
				b[c][0] = '\0';
		cs_row_clear(&r);
		cs_row_push(&r, mnames[m], strlen(mnames[m]));
		for (c = 0; c < 11; c++)
			cs_row_push(&r, b[c], strlen(b[c]));
		cs_out_row(out, &r);
	}
	cs_row_clear(&r);
	snprintf(b[0], 48, "%.1f", v->score);
	cs_row_push(&r, "composite", 9);
	for (c = 0; c < 11; c++)
		cs_row_push(&r, c == 2 ? b[0] : c == 10 ? v->outcome : "",
		    strlen(c == 2 ? b[0] : c == 10 ? v->outcome : ""));
	cs_out_row(out, &r);
	cs_row_clear(&r);
	cs_row_push(&r, "rule", 4);
	for (c = 0; c < 11; c++) {
		const char *t = c == 10 ? (flagged ? "dismissal review: failed "
		    "periods in a row" : v->rule) : "";
		cs_row_push(&r, t, strlen(t));
	}
	cs_out_row(out, &r);
	cs_row_free(&r);
}

static int
cmd_verdict(struct kpi *k, const struct cs_opts *o, const char *who_only)
{
	static const char *cols[] = { "period", "level", "person", "team", "score",
		"outcome", "review", "rule" };
	static const char *ecols[] = { "item", "numerator", "denominator", "value",
		"low", "high", "target", "weight", "mandatory", "min_records", "credit",
		"status" };
	struct rulebook rb;
	struct cs_row h = { 0 }, r = { 0 }, *old = NULL, *shown = NULL;
	struct cs_buf data = { 0 }, j = { 0 }, line = { 0 };
	struct cs_out out = { 0 };
	struct verdict v;
	const char **who;
	size_t nold = 0, nshown = 0, i;
	char t[32], sc[16];
	int ret = -1, flagged, c, locked = 0;

	if (rulebook(k->ds, k->level, &rb) < 0 || measure(k) < 0)
		return -1;
	if (!o->dry_run && !who_only) {
		if (cs_lock(k->ds, cs_lock_wait) < 0)
			return -1;
		locked = 1;
	}
	if (read_verdicts(k->ds, &old, &nold) < 0)
		goto out;
	out.gb18030 = o->gb18030;
	if (who_only) {
		struct person *p = cs_map_get(&k->people, who_only);
		if (p == NULL) {
			cs_fail(CS_NO, "no %s called '%s' in %s", k->level, who_only,
			    k->p.name);
			goto out;
		}
		for (c = 0; c < 12; c++)
			cs_row_push(&h, ecols[c], strlen(ecols[c]));
		out.maxw = 160;
		cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
		verdict_of(p, &rb, &v);
		explain(&out, p, &rb, &v, review(old, nold, k, who_only, v.outcome,
		    &rb));
		ret = cs_out_end(&out);
		goto out;
	}
	cs_buf_adds(&data, VERDICT_HEADER);
	for (i = 0; i < nold; i++)	/* other periods and levels stay */
		if (strcmp(cs_row_get(&old[i], 0), k->p.name) ||
		    strcmp(cs_row_get(&old[i], 1), k->level))
			cs_csv_record(&data, &old[i]);
	cs_time_format(k->ds->now, t);
	who = sorted_people(k);
	for (i = 0; who[i]; i++) {
		struct person *p = cs_map_get(&k->people, who[i]);
		verdict_of(p, &rb, &v);
		flagged = review(old, nold, k, who[i], v.outcome, &rb);
		snprintf(sc, sizeof sc, "%.1f", v.score);
		cs_row_clear(&r);
		cs_row_push(&r, k->p.name, strlen(k->p.name));
		cs_row_push(&r, k->level, strlen(k->level));
		cs_row_push(&r, who[i], strlen(who[i]));
		cs_row_push(&r, p->team, strlen(p->team));
		cs_row_push(&r, sc, strlen(sc));
		cs_row_push(&r, v.outcome, strlen(v.outcome));
		cs_row_push(&r, flagged ? "dismissal review" : "",
		    flagged ? 16 : 0);
		cs_row_push(&r, v.rule, strlen(v.rule));
		shown = cs_xrealloc(shown, (nshown + 1) * sizeof *shown);
		memset(&shown[nshown], 0, sizeof *shown);
		cs_row_copy(&shown[nshown++], &r);
		cs_row_clear(&r);
		cs_row_push(&r, k->p.name, strlen(k->p.name));
		cs_row_push(&r, k->level, strlen(k->level));
		cs_row_push(&r, who[i], strlen(who[i]));
		cs_row_push(&r, sc, strlen(sc));
		cs_row_push(&r, v.outcome, strlen(v.outcome));
		cs_row_push(&r, flagged ? "yes" : "no", flagged ? 3 : 2);
		cs_row_push(&r, t, strlen(t));
		cs_csv_record(&data, &r);
		cs_buf_reset(&line);
		cs_csv_record(&line, &r);
		line.s[--line.len] = '\0';
		cs_journal_line(&j, k->ds, "verdict", who[i], k->p.name, "", line.s);
	}
	free(who);
	/* stored, then printed: a verdict shown is a verdict kept */
	if (!o->dry_run && k->people.n > 0) {
		if (cs_commit_rewrite(k->ds, "kpi/verdicts.csv", &data, &j) < 0)
			goto out;
		cs_committed("stored the %s verdicts of %s", k->level, k->p.name);
	}
	for (c = 0; c < 8; c++)
		cs_row_push(&h, cols[c], strlen(cols[c]));
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	for (i = 0; i < nshown; i++)
		cs_out_row(&out, &shown[i]);
	if (cs_out_end(&out) < 0)
		goto out;
	ret = k->people.n == 0 ? CS_NO : 0;
out:
	if (locked)
		cs_unlock(k->ds);
	for (i = 0; i < nold; i++)
		cs_row_free(&old[i]);
	free(old);
	for (i = 0; i < nshown; i++)
		cs_row_free(&shown[i]);
	free(shown);
	cs_row_free(&h);
	cs_row_free(&r);
	cs_buf_free(&data);
	cs_buf_free(&j);
	cs_buf_free(&line);
	return ret;
}


/* ---- trend: monthly series for the management report ---- */

#define TMAX 36			/* months a trend covers at most */

struct trend {
	struct cs_period p;
	int months;
	char name[TMAX][8];
	cs_time start[TMAX + 1];
	struct cs_map series;	/* name -> double[TMAX] (counts, or num, den) */
	struct cs_buf text[16];
};

static int
month_of(const struct trend *t, cs_time when)
{
	int i;

	for (i = 0; i < t->months; i++)
		if (when >= t->start[i] && when < t->start[i + 1])
			return i;
	return -1;
}

/* Add x to series name in month i. */
static void
add(struct trend *t, const char *name, int i, double x)
{
	int isnew;
	void **slot = cs_map_slot(&t->series, name, &isnew);

	if (isnew)
		*slot = calloc(TMAX, sizeof(double));
	((double *)*slot)[i] += x;
}

static int
trend_ticket(void *ctx, const struct cs_slice *f, long line)
{
	struct trend *t = ctx;
	const char *kind, *st, *sat;
	char name[64];
	cs_time when;
	int i;

	(void)line;
	if (cs_time_parse(cs_slice_text(&f[T_OPENED], &t->text[T_OPENED]),
	    &when) < 0 || (i = month_of(t, when)) < 0)
		return 0;
	kind = cs_slice_text(&f[T_KIND], &t->text[T_KIND]);
	st = cs_slice_text(&f[T_STATUS], &t->text[T_STATUS]);
	sat = cs_slice_text(&f[T_SAT], &t->text[T_SAT]);
	if (!strcmp(kind, "inquiry")) {
		snprintf(name, sizeof name, "inquiries %s",
		    cs_slice_text(&f[T_CHANNEL], &t->text[T_CHANNEL]));
		add(t, name, i, 1);
	} else {
		add(t, "after-sales resolved/", i, !strcmp(st, "resolved") ||
		    !strcmp(st, "closed"));
		add(t, "after-sales handled/", i, 1);
	}
	if (*sat) {
		add(t, "satisfaction rate/", i, *sat == '4' || *sat == '5');
		add(t, "satisfaction rated/", i, 1);
	}
	return 0;
}

static int
trend_complaint(void *ctx, const struct cs_slice *f, long line)
{
	static const char *cols_nature = "nature";
	struct trend *t = ctx;
	char name[64];
	cs_time when;
	int i;

	(void)line, (void)cols_nature;
	if (cs_time_parse(cs_slice_text(&f[0], &t->text[0]), &when) < 0 ||
	    (i = month_of(t, when)) < 0)
		return 0;
	snprintf(name, sizeof name, "complaints %s", cs_slice_text(&f[1],
	    &t->text[1]));
	add(t, name, i, 1);
	return 0;
}

/* The value of a series in month i: a count, or a rate from its /-pair. */
static double
series_value(const struct trend *t, const char *name, int i, int *data)
{
	const double *v = cs_map_get(&t->series, name);
	char den[64];

	*data = 1;
	if (strchr(name, '/') == NULL)
		return v ? v[i] : 0;
	snprintf(den, sizeof den, "%s", name);
	if (!strcmp(name, "after-sales resolved/"))
		snprintf(den, sizeof den, "after-sales handled/");
	else
		snprintf(den, sizeof den, "satisfaction rated/");
	const double *d = cs_map_get(&t->series, den);
	if (d == NULL || d[i] == 0) {
		*data = 0;
		return 0;
	}
	return (v ? v[i] : 0) / d[i];
}

/* The series to show, in order: inquiries by channel, complaints by cause,
 * the after-sales resolution rate, the satisfaction rate. */
static const char **
trend_names(const struct trend *t)
{
	const char **v = cs_xmalloc((t->series.n + 3) * sizeof *v);
	size_t i, j = 0;

	for (i = 0; i < t->series.cap; i++)
		if (t->series.keys[i] && !strchr(t->series.keys[i], '/'))
			v[j++] = t->series.keys[i];
	for (i = 1; i < j; i++)
		for (size_t x = i; x > 0 && strcmp(v[x - 1], v[x]) > 0; x--) {
			const char *s = v[x];
			v[x] = v[x - 1];
			v[x - 1] = s;
		}
	v[j++] = "after-sales resolved/";
	v[j++] = "satisfaction rate/";
	v[j] = NULL;
	return v;
}

static void
label(const char *name, char *out, size_t n)
{
	if (!strcmp(name, "after-sales resolved/"))
		snprintf(out, n, "after-sales resolution rate");
	else if (!strcmp(name, "satisfaction rate/"))
		snprintf(out, n, "satisfaction rate");
	else
		snprintf(out, n, "%s", name);
}

static int
trend_build(struct kpi *k, struct trend *t)
{
	static const char *natcols[] = { "received_at", "nature" };
	int i, y, m;
	char d[16];

	memset(t, 0, sizeof *t);
	t->p = k->p;
	cs_date_format(k->p.from, d);
	y = atoi(d), m = atoi(d + 5);
	for (i = 0; i < TMAX; i++) {
		struct cs_period mp;
		char spec[8];
		snprintf(spec, sizeof spec, "%04d-%02d", y, m);
		cs_period_parse("month", spec, &mp);
		if (mp.from >= k->p.to)
			break;
		snprintf(t->name[i], sizeof t->name[i], "%s", spec);
		t->start[i] = mp.from;
		t->start[i + 1] = mp.to;
		if (++m > 12)
			m = 1, y++;
	}
	t->months = i;
	if (t->months == 0)
		return cs_fail(CS_EUSAGE, "trend: an empty period");
	if (scan_all(k->ds->dir, &cs_schema_tickets, &k->p, tcols, T_N,
	    trend_ticket, t) < 0 ||
	    scan_all(k->ds->dir, &cs_schema_complaints, &k->p, natcols, 2,
	    trend_complaint, t) < 0)
		return -1;
	return 0;
}

static void
trend_free(struct trend *t)
{
	int i;

	cs_map_free(&t->series, free);
	for (i = 0; i < 16; i++)
		cs_buf_free(&t->text[i]);
}

/* A line of eighths, the month's value against the series' largest. */
static void
sparkline(const struct trend *t, const char *name, struct cs_buf *b)
{
	static const char *bars[] = { "\u2581", "\u2582", "\u2583", "\u2584",
		"\u2585", "\u2586", "\u2587", "\u2588" };
	double hi = 0, v;
	int i, data;

	for (i = 0; i < t->months; i++)
		if ((v = series_value(t, name, i, &data)) > hi)
			hi = v;
	for (i = 0; i < t->months; i++) {
		v = series_value(t, name, i, &data);
		cs_buf_adds(b, !data ? " " : bars[hi > 0 ? (int)(v / hi * 7 + 0.5) :
		    0]);
	}
}

static int
cmd_trend(struct kpi *k, const struct cs_opts *o)
{
	struct trend t;
	struct cs_row h = { 0 }, r = { 0 };
	struct cs_out out = { 0 };
	const char **names = NULL;
	enum cs_fmt fmt = cs_opts_fmt(o);
	char b[64], l[64];
	int i, ret = -1, data;
	size_t n;

	if (trend_build(k, &t) < 0)
		goto out;
	names = trend_names(&t);
	out.gb18030 = o->gb18030;
	if (fmt == CS_FMT_TABLE) {
		/* a series a line: its sparkline and the last month's value */
		cs_row_push(&h, "series", 6);
		snprintf(b, sizeof b, "%s..%s", t.name[0], t.name[t.months - 1]);
		cs_row_push(&h, b, strlen(b));
		cs_row_push(&h, "last", 4);
		out.maxw = 80;
		cs_out_begin(&out, stdout, fmt, &h);
		for (n = 0; names[n]; n++) {
			struct cs_buf sp = { 0 };
			double v = series_value(&t, names[n], t.months - 1, &data);
			cs_buf_adds(&sp, "");
			sparkline(&t, names[n], &sp);
			label(names[n], l, sizeof l);
			snprintf(b, sizeof b, !data ? "no data" : strchr(names[n], '/') ?
			    "%.1f%%" : "%.0f", strchr(names[n], '/') ? 100 * v : v);
			cs_row_clear(&r);
			cs_row_push(&r, l, strlen(l));
			cs_row_push(&r, sp.s, sp.len);
			cs_row_push(&r, b, strlen(b));
			cs_out_row(&out, &r);
			cs_buf_free(&sp);
		}
	} else {
		cs_row_push(&h, "month", 5);
		cs_row_push(&h, "series", 6);
		cs_row_push(&h, "value", 5);
		cs_out_begin(&out, stdout, fmt, &h);
		for (n = 0; names[n]; n++)
			for (i = 0; i < t.months; i++) {
				double v = series_value(&t, names[n], i, &data);
				label(names[n], l, sizeof l);
				snprintf(b, sizeof b, !data ? "no data" :
				    strchr(names[n], '/') ? "%.4f" : "%.0f", v);
				cs_row_clear(&r);
				cs_row_push(&r, t.name[i], strlen(t.name[i]));
				cs_row_push(&r, l, strlen(l));
				cs_row_push(&r, b, strlen(b));
				cs_out_row(&out, &r);
			}
	}
	ret = cs_out_end(&out);
out:
	free(names);
	trend_free(&t);
	cs_row_free(&h);
	cs_row_free(&r);
	return ret;
}


/* ---- report: one self-contained HTML file ---- */

static void
html_text(FILE *fp, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: fputc(*s, fp);
		}
}

/*
 * A bar chart in SVG: a bar a label, horizontal, scaled to the largest
 * value (or to top); a dashed line at mark when mark >= 0.
 */
static void
svg_bars(FILE *fp, const char *title, const char *const *labels,
    const double *v, int n, double top, double mark, const char *unit)
{
	int i, w = 640, lw = 170, bh = 22, h = n * bh + 30;
	double hi = top;

	for (i = 0; i < n; i++)
		if (v[i] > hi)
			hi = v[i];
	if (hi <= 0)
		hi = 1;
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" role=\"img\" aria-label=\"", w, h);
	html_text(fp, title);
	fputs("\">\n", fp);
	for (i = 0; i < n; i++) {
		int y = 10 + i * bh, bw = (int)((w - lw - 60) * v[i] / hi);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 6,
		    y + 15);
		html_text(fp, labels[i]);
		fprintf(fp, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#4e79a7\"/><text x=\"%d\" y=\"%d\">%.*f%s"
		    "</text>\n", lw, y + 2, bw > 0 ? bw : 0, bh - 6, lw + bw + 4,
		    y + 15, v[i] < 10 && v[i] != (int)v[i] ? 1 : 0, v[i], unit);
	}
	if (mark >= 0) {
		int x = lw + (int)((w - lw - 60) * mark / hi);
		fprintf(fp, "<line x1=\"%d\" y1=\"5\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#e15759\" stroke-dasharray=\"4 3\"/><text x=\"%d\" "
		    "y=\"%d\" fill=\"#e15759\">pass %.0f</text>\n", x, x, h - 12, x + 3,
		    h - 2, mark);
	}
	fputs("</svg>\n", fp);
}

/* A chart's bars as rows of a table, for --excel. */
static void
table_rows(struct cs_out *xl, const char *table, const char *const *labels,
    const double *v, int n)
{
	struct cs_row r = { 0 };
	char b[32];
	int i;

	for (i = 0; xl && i < n; i++) {
		snprintf(b, sizeof b, "%g", v[i]);
		cs_row_clear(&r);
		cs_row_push(&r, table, strlen(table));
		cs_row_push(&r, labels[i], strlen(labels[i]));
		cs_row_push(&r, "", 0);
		cs_row_push(&r, b, strlen(b));
		cs_row_push(&r, "", 0);
		cs_row_push(&r, "", 0);
		cs_out_row(xl, &r);
	}
	cs_row_free(&r);
}

static int
cmd_report(struct kpi *k, const struct cs_opts *o)
{
	struct rulebook rb;
	struct trend t;
	struct cs_period span = k->p;
	struct verdict v;
	const char **who = NULL, **names = NULL, **labels;
	struct cs_row *old = NULL;
	double *vals;
	char when[32], **lab;
	int i, n, data, ret = -1;
	size_t x, nold = 0;
	FILE *fp = stdout;
	struct cs_out xl = { 0 }, *xlp = NULL;
	struct cs_row xh = { 0 };

	if (rulebook(k->ds, k->level, &rb) < 0 || measure(k) < 0)
		return -1;
	if (o->excel) {
		/* the same tables for a spreadsheet: the HTML goes nowhere */
		static const char *xc[] = { "table", "name", "team", "value",
			"outcome", "review" };
		for (i = 0; i < 6; i++)
			cs_row_push(&xh, xc[i], strlen(xc[i]));
		xl.gb18030 = o->gb18030;
		cs_out_begin(&xl, stdout, CS_FMT_EXCEL, &xh);
		xlp = &xl;
		if ((fp = fopen("/dev/null", "we")) == NULL)
			return cs_fail_errno("open", "/dev/null");
	}
	/* the volume over the twelve months to the period's end */
	{
		char d[16], spec[24];
		cs_date_format(k->p.to - 86400, d);
		snprintf(spec, sizeof spec, "%04d-%.2s", atoi(d) - 1, d + 5);
		cs_period_parse("month", spec, &span);
		span.from = span.to, span.to = k->p.to;
	}
	{
		struct kpi k2 = *k;
		k2.p = span;
		if (trend_build(&k2, &t) < 0)
			return -1;
	}
	names = trend_names(&t);
	labels = cs_xmalloc((size_t)(TMAX + k->people.n + t.series.n + 1) *
	    sizeof *labels);
	vals = cs_xmalloc((size_t)(TMAX + k->people.n + t.series.n + 1) *
	    sizeof *vals);
	lab = cs_xmalloc((size_t)(t.series.n + 1) * sizeof *lab);
	cs_time_format(k->ds->now, when);
	fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "lang=\"zh\">\n<head><meta charset=\"utf-8\"/><title>", fp);
	fprintf(fp, "Customer service report %s", k->p.name);
	fputs("</title>\n<style>body{font-family:sans-serif;margin:2em;}"
	    "svg text{font-size:12px;}table{border-collapse:collapse;}"
	    "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;}"
	    ".fail{color:#c00;}</style></head>\n<body>\n", fp);
	fprintf(fp, "<h1>Customer service report %s</h1>\n<p>Level %s, made %s "
	    "from the department's stores.</p>\n", k->p.name, k->level, when);
	/* 1: volume */
	fputs("<section id=\"volume\"><h2>Inquiry volume by month</h2>\n", fp);
	for (i = 0; i < t.months; i++) {
		vals[i] = 0;
		for (x = 0; names[x]; x++)
			if (!strncmp(names[x], "inquiries ", 10))
				vals[i] += series_value(&t, names[x], i, &data);
		labels[i] = t.name[i];
	}
	svg_bars(fp, "Inquiries by month", labels, vals, t.months, 0, -1, "");
	table_rows(xlp, "volume", labels, vals, t.months);
	fputs("</section>\n", fp);
	/* 2: scores against the pass mark */
	fputs("<section id=\"scores\"><h2>Scores against the pass mark</h2>\n", fp);
	who = sorted_people(k);
	for (n = 0; who[n]; n++) {
		verdict_of(cs_map_get(&k->people, who[n]), &rb, &v);
		labels[n] = who[n];
		vals[n] = v.score;
	}
	svg_bars(fp, "Scores", labels, vals, n, 100, rb.pass, "");
	fputs("</section>\n", fp);
	/* 3: complaint causes in the period, the most frequent first */
	fputs("<section id=\"causes\"><h2>Complaint causes</h2>\n", fp);
	n = 0;
	for (x = 0; names[x]; x++) {
		if (strncmp(names[x], "complaints ", 11))
			continue;
		lab[n] = cs_xstrdup(names[x] + 11);
		vals[n] = 0;
		for (i = 0; i < t.months; i++)
			if (t.start[i] >= k->p.from)
				vals[n] += series_value(&t, names[x], i, &data);
		n++;
	}
	for (i = 1; i < n; i++)	/* Pareto order */
		for (int j = i; j > 0 && vals[j - 1] < vals[j]; j--) {
			double tv = vals[j];
			char *tl = lab[j];
			vals[j] = vals[j - 1], lab[j] = lab[j - 1];
			vals[j - 1] = tv, lab[j - 1] = tl;
		}
	svg_bars(fp, "Complaint causes", (const char *const *)lab, vals, n, 0, -1,
	    "");
	table_rows(xlp, "complaint causes", (const char *const *)lab, vals, n);
	for (i = 0; i < n; i++)
		free(lab[i]);
	fputs("</section>\n", fp);
	/* 4: the verdicts, with the stored ones before for the review flag */
	if (read_verdicts(k->ds, &old, &nold) < 0)
		goto out;
	fputs("<section id=\"verdicts\"><h2>Verdicts</h2>\n<table>\n<tr><th>person"
	    "</th><th>team</th><th>score</th><th>outcome</th><th>review</th>"
	    "<th>rule</th></tr>\n", fp);
	for (i = 0; who[i]; i++) {
		struct person *p = cs_map_get(&k->people, who[i]);
		verdict_of(p, &rb, &v);
		fprintf(fp, "<tr class=\"%s\"><td>", strcmp(v.outcome, "fail") ? "ok" :
		    "fail");
		html_text(fp, who[i]);
		fputs("</td><td>", fp);
		html_text(fp, p->team);
		fprintf(fp, "</td><td>%.1f</td><td>%s</td><td>%s</td><td>", v.score,
		    v.outcome, review(old, nold, k, who[i], v.outcome, &rb) ?
		    "dismissal review" : "");
		if (xlp) {
			struct cs_row r = { 0 };
			char sc[16];
			const char *rv = review(old, nold, k, who[i], v.outcome, &rb) ?
			    "dismissal review" : "";
			snprintf(sc, sizeof sc, "%.1f", v.score);
			cs_row_push(&r, "verdicts", 8);
			cs_row_push(&r, who[i], strlen(who[i]));
			cs_row_push(&r, p->team, strlen(p->team));
			cs_row_push(&r, sc, strlen(sc));
			cs_row_push(&r, v.outcome, strlen(v.outcome));
			cs_row_push(&r, rv, strlen(rv));
			cs_out_row(xlp, &r);
			cs_row_free(&r);
		}
		html_text(fp, v.rule);
		fputs("</td></tr>\n", fp);
	}
	fputs("</table>\n</section>\n</body>\n</html>\n", fp);
	if (xlp) {
		fclose(fp);
		ret = cs_out_end(xlp);
	} else
		ret = fflush(fp) == 0 && !ferror(fp) ? 0 :
		    cs_fail(CS_EIO, "write error on standard output");
out:
	cs_row_free(&xh);
	for (x = 0; x < nold; x++)
		cs_row_free(&old[x]);
	free(old);
	free(who);
	free(names);
	free(labels);
	free(vals);
	free(lab);
	trend_free(&t);
	return ret;
}

/* ---- options ---- */

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "dry-run", no_argument, NULL, 'n' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "excel", no_argument, NULL, 'x' },
	{ "explain", required_argument, NULL, 'E' },
	{ "level", required_argument, NULL, 'L' },
	{ "partial", no_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 },
};

static void
free_person(void *p)
{
	free(p);
}

int
main(int argc, char **argv)
{
	struct cs_opts o = { 0 };
	struct kpi k;
	struct cs_ds ds;
	const char *verb = NULL, *explain_who = NULL;
	int c, pass, given, ret = -1, partial = 0;
	size_t i;

	cs_progname = "cs-kpi";
	cs_hold_stdfds();
	memset(&k, 0, sizeof k);
	k.level = "agent";
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			cs_getopt_reset();
		while ((c = cs_getopt(argc, argv, pass, "", longopts, &o, usage)) != -1)
			switch (c) {
			case 'E': explain_who = optarg; break;
			case 'L':
				if (strcmp(optarg, "agent") && strcmp(optarg, "leader") &&
				    strcmp(optarg, "manager"))
					cs_usage_error("--level: agent, leader or manager, "
					    "not '%s'", optarg);
				k.level = optarg;
				break;
			case 'n': o.dry_run = 1; break;
			case 'P': partial = 1; break;
			case 'e':
				if (strcasecmp(optarg, "gb18030"))
					cs_usage_error("--encoding: gb18030");
				o.gb18030 = 1;
				break;
			case 'x': o.excel = 1; break;
			default:
				cs_usage_error("unknown option");
			}
		argc -= optind;
		argv += optind;
		if (pass == 0) {
			if (argc == 0)
				cs_usage_error("no command given");
			verb = argv[0];	/* the next pass reads after it */
		}
	}
	if (argc && strcmp(verb, "merge"))
		cs_usage_error("no operands; the period is an option");
	if (strcmp(verb, "score") && strcmp(verb, "verdict") &&
	    strcmp(verb, "merge") && strcmp(verb, "trend") &&
	    strcmp(verb, "report"))
		cs_usage_error("unknown command '%s'", verb);
	if (partial && strcmp(verb, "score"))
		cs_usage_error("--partial goes with score");
	if (explain_who && strcmp(verb, "verdict"))
		cs_usage_error("--explain goes with verdict");
	if (cs_opts_period(&o, &k.p, &given) < 0)
		cs_die();
	if (!strcmp(verb, "merge")) {
		/* partials come from anywhere: no data directory needed */
		ret = cmd_merge(&k, &o, given, argc, argv);
		goto done;
	}
	if (cs_ds_begin(&ds, &o) < 0)
		cs_die();
	k.ds = &ds;
	if (!given && !strcmp(verb, "trend")) {
		/* the twelve months to the end of last month */
		struct cs_period last;
		char d[16], from[16];
		if (cs_period_parse(NULL, "last-month", &last) < 0)
			cs_die();
		cs_date_format(last.from, d);
		snprintf(from, sizeof from, "%04d-%.2s", atoi(d) - 1, d + 5);
		if (cs_period_parse("month", from, &k.p) < 0)
			cs_die();
		k.p.from = k.p.to, k.p.to = last.to;
		snprintf(k.p.name, sizeof k.p.name, "12 months");
		given = 1;
	}
	if (!given && cs_period_parse(NULL, !strcmp(k.level, "agent") ?
	    "last-month" : !strcmp(k.level, "leader") ? "last-quarter" :
	    "last-year", &k.p) < 0)
		cs_die();
	if (!strcmp(verb, "trend"))
		ret = cmd_trend(&k, &o);
	else if (!strcmp(verb, "report"))
		ret = cmd_report(&k, &o);
	else
		ret = verb[0] == 's' ? cmd_score(&k, &o, partial) :
		    cmd_verdict(&k, &o, explain_who);
	cs_ds_close(&ds);
done:
	cs_map_free(&k.people, free_person);
	cs_map_free(&k.team_leader, free);
	for (i = 0; i < k.complained.cap; i++)
		if (k.complained.keys[i] && k.complained.vals[i] != unseen)
			free(k.complained.vals[i]);
	cs_map_free(&k.complained, NULL);
	for (i = 0; i < 16; i++)
		cs_buf_free(&k.text[i]);
	cs_sla_free(&k.sla);
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
