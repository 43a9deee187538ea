/*
 * kpi.c: the KPI measures of one period and level, from the stores.
 *
 * Each person's measures are counts: a numerator and, for a rate, a
 * denominator; the audit score a sum and a sum of squares.  So they add
 * up: the partial sums of several runs, merged (cs_kpi_merge), are what
 * one run over all their records gives, and the values and intervals
 * (cs_kpi_value) are worked out of the sums only.  Reading a store is
 * an error only when it cannot be read; a record that does not parse
 * counts for no one.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/kpi.h"
#include "rules/ticket.h"
#include "store/verify.h"

#define LOOK ((int64_t)CS_KPI_LOOK_DAYS * 86400)

const char *const cs_kpi_measures[CS_KPI_N] = { "workload",
	"satisfaction_rate", "resolution_rate", "timely_rate", "attitude_rate",
	"audit_score", "complaints", "complaints_in_time", "promises_kept",
	"accuracy_rate", "answered_in_time" };
const int cs_kpi_is_rate[CS_KPI_N] = { 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1 };

int
cs_kpi_measure_find(const char *name)
{
	int m;

	for (m = 0; m < CS_KPI_N && strcmp(cs_kpi_measures[m], name); m++)
		;
	return m;
}

const char *
cs_kpi_level_kind(const char *level)
{
	return !strcmp(level, "agent") ? "month" : !strcmp(level, "leader") ?
	    "quarter" : "year";
}

/* Who a record counts for at the level, given its agent and team. */
static const char *
owner(struct cs_kpi *k, const char *agent, const char *team)
{
	if (strcmp(k->level, "agent") == 0)
		return agent;
	if (strcmp(k->level, "leader") == 0)
		return cs_map_get(&k->team_leader, team);
	return *k->manager ? k->manager : NULL;
}

struct cs_kpi_person *
cs_kpi_person(struct cs_kpi *k, const char *login)
{
	int isnew;
	void **slot = cs_map_slot(&k->people, login, &isnew);

	if (isnew) {
		struct cs_kpi_person *p = cs_xmalloc(sizeof *p);
		memset(p, 0, sizeof *p);
		snprintf(p->login, sizeof p->login, "%s", login);
		*slot = p;
	}
	return *slot;
}

/* p's name: name, cut at a whole character if it is too long. */
static void
name_of(struct cs_kpi_person *p, const char *name)
{
	size_t n = strlen(name);

	if (n >= sizeof p->name)
		for (n = sizeof p->name - 1; n > 0 &&
		    ((unsigned char)name[n] & 0xc0) == 0x80; n--)
			;
	memcpy(p->name, name, n);
	p->name[n] = '\0';
}

/* The roster: who leads each team, who manages, everyone's team and
 * name. */
static int
roster(struct cs_kpi *k)
{
	char *path = cs_ds_path(k->ds, "staff.csv");
	struct cs_reader r;
	struct cs_row row = { 0 };
	int rc, ic, tc, rl, lc, nc;

	rc = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (rc < 0)
		return -1;
	ic = cs_row_find(&r.hdr, "id"), tc = cs_row_find(&r.hdr, "team");
	rl = cs_row_find(&r.hdr, "role");
	lc = cs_row_find(&r.hdr, "left"), nc = cs_row_find(&r.hdr, "name");
	while ((rc = cs_reader_next(&r, &row)) > 0) {
		const char *id = cs_row_get(&row, (size_t)ic);
		const char *role = cs_row_get(&row, (size_t)rl);
		cs_time left;
		if (*cs_row_get(&row, (size_t)lc) && cs_time_parse(cs_row_get(&row,
		    (size_t)lc), &left) == 0 && left < k->p.from)
			continue;	/* gone before the period */
		if (strcmp(role, "leader") == 0)
			*cs_map_slot(&k->team_leader, cs_row_get(&row,
			    (size_t)tc), NULL) = cs_xstrdup(id);
		if (strcmp(role, "manager") == 0)
			snprintf(k->manager, sizeof k->manager, "%s", id);
		if (strcmp(k->level, role) == 0) {	/* agent, leader, manager */
			struct cs_kpi_person *p = cs_kpi_person(k, id);
			snprintf(p->team, sizeof p->team, "%s",
			    cs_row_get(&row, (size_t)tc));
			name_of(p, nc < 0 ? "" : cs_row_get(&row, (size_t)nc));
		}
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc;
}

/* ---- the records ---- */

enum { T_ID, T_AGENT, T_TEAM, T_KIND, T_CHANNEL, T_OPENED, T_FIRST,
	T_PROMISED, T_STATUS, T_SAT, T_ATT, T_RESOLVED, T_ANSWERED, T_N };
static const char *const tcols[T_N] = { "id", "agent", "team", "kind",
	"channel", "opened_at", "first_response_at", "promised_at", "status",
	"satisfaction", "attitude", "resolved_at", "answered_in" };

static const char *
text(struct cs_kpi *k, const struct cs_slice *f, int i)
{
	return cs_slice_text(&f[i], &k->text[i]);
}

/* A note of a share after the first, for p: the length of its login and
 * the login, the length of what goes into the digest, and that (as
 * noted() adds it), in one write when it fits 4 KB. */
static void
spool_note(FILE *f, const char *login, int tag, const char *const *v,
    size_t n)
{
	unsigned char b[4096];
	size_t len = tag ? 1 : 0, ln = strlen(login), at, i, k;

	for (i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	b[0] = (unsigned char)ln;	/* a login is shorter than 40 */
	memcpy(b + 1, login, ln);
	memcpy(b + 1 + ln, &len, sizeof len);
	at = 1 + ln + sizeof len;
	if (tag)
		b[at++] = (unsigned char)tag;
	for (i = 0; i < n; i++) {
		k = strlen(v[i]) + 1;
		if (at + k > sizeof b) {
			fwrite(b, 1, at, f);
			at = 0;
		}
		if (k > sizeof b)
			fwrite(v[i], 1, k, f);
		else {
			memcpy(b + at, v[i], k);
			at += k;
		}
	}
	fwrite(b, 1, at, f);
}

/* With k->digest, what counted for p goes into p's digest: a tag (none
 * when 0), then the n values, each ended by a NUL (text holds none). */
static void
noted(struct cs_kpi *k, struct cs_kpi_person *p, int tag,
    const char *const *v, size_t n)
{
	unsigned char t = (unsigned char)tag;
	size_t i;

	if (!k->digest)
		return;
	if (k->spool) {
		spool_note(k->spool, p->login, tag, v, n);
		return;
	}
	if (p->md == NULL)
		p->md = cs_digest_new();
	if (tag)
		cs_digest_add(p->md, &t, 1);
	for (i = 0; i < n; i++)
		cs_digest_add(p->md, v[i], strlen(v[i]) + 1);
}

/* The SLA rule (cs_sla_rule) and answer target (cs_sla_answer) of the
 * ticket's kind and channel: from k->slas, where a pair is put the first
 * time it is asked; a pair too long for it, or past its room, is looked
 * up in the rules each time. */
static const struct cs_kpi_sla *
sla_of(struct cs_kpi *k, const struct cs_slice *f, struct cs_kpi_sla *one)
{
	const char *kind = text(k, f, T_KIND), *ch = text(k, f, T_CHANNEL);
	size_t nk = strlen(kind), nc = strlen(ch), probe;
	uint64_t h = cs_str_hash(kind) * 31 + cs_str_hash(ch);
	struct cs_kpi_sla *e;

	e = one;
	if (nk > 0 && nk < sizeof e->kind && nc < sizeof e->channel)
		for (probe = 0; probe < 64; probe++) {
			struct cs_kpi_sla *s = &k->slas[(h + probe) & 63];
			if (s->kind[0] == '\0') {	/* free: kinds here are not empty */
				e = s;
				memcpy(e->kind, kind, nk + 1);
				memcpy(e->channel, ch, nc + 1);
				break;
			}
			if (strcmp(s->kind, kind) == 0 &&
			    strcmp(s->channel, ch) == 0)
				return s;
		}
	e->rule = cs_sla_rule(&k->sla, kind, ch);
	e->answer = cs_sla_answer(&k->sla, kind, ch);
	return e;
}

/* Timely: the first response within the SLA target (a promise does not
 * excuse a late one); 1 timely, 0 not, -1 no target. */
static int
timely(struct cs_kpi *k, const struct cs_slice *f,
    const struct cs_kpi_sla *sla, cs_time opened)
{
	const struct cs_sla_rule *rule = sla->rule;
	cs_time first;

	if (rule == NULL)
		return -1;
	if (*text(k, f, T_FIRST) == '\0' ||
	    cs_time_parse(text(k, f, T_FIRST), &first) < 0)
		return 0;	/* no answer yet: not in time */
	return cs_sla_elapsed(&k->sla, rule->business, text(k, f, T_CHANNEL),
	    opened, first) <=
	    rule->first_response;
}

/* A promise kept (ticket.h): 1 kept, 0 broken, -1 none or still to keep. */
static int
kept(struct cs_kpi *k, const struct cs_slice *f, cs_time opened)
{
	struct cs_promise p = { 0, 0, 0, 0, 0, 0 };
	int after;

	if (*text(k, f, T_PROMISED) == '\0' ||
	    cs_time_parse(text(k, f, T_PROMISED), &p.promised) < 0)
		return -1;
	p.has_first = *text(k, f, T_FIRST) &&
	    cs_time_parse(text(k, f, T_FIRST), &p.first) == 0;
	p.has_resolved = *text(k, f, T_RESOLVED) &&
	    cs_time_parse(text(k, f, T_RESOLVED), &p.resolved) == 0;
	p.made = cs_ticket_promise_made(&k->promised, text(k, f, T_ID), opened);
	return cs_ticket_promise_kept(&p, k->ds->now, &after);
}

/* A call answered in time: its ring (answered_in, from the exchange's
 * call records) within the answer target of the record's kind and
 * channel (cs_sla_answer: on the phone, the phone's whatever the kind);
 * 1 in time, 0 not, -1 no call or no target. */
static int
answered(struct cs_kpi *k, const struct cs_slice *f,
    const struct cs_kpi_sla *sla)
{
	int64_t target = sla->answer;
	const char *v = text(k, f, T_ANSWERED);
	char *end;
	long long secs;

	if (target < 0 || *v == '\0')
		return -1;
	secs = strtoll(v, &end, 10);
	if (*end || secs < 0)
		return -1;	/* does not parse: counts for no one */
	return secs <= target;
}

/* The complaints about a ticket opened at opened, received within the
 * look-back of it, against whom its record counts for.  An agent who is
 * neither on the roster nor has a ticket of the period is no one's to
 * count against: merge_share() leaves such a person out once all the
 * tickets are read (so the order they are read in changes nothing). */
static void
complaints_about(struct cs_kpi *k, const struct cs_slice *f, cs_time opened)
{
	const struct cs_idtimes *c = &k->complained;
	long i = cs_idtimes_first(c, text(k, f, T_ID));
	const char *who;

	if (i < 0 || (who = owner(k, text(k, f, T_AGENT),
	    text(k, f, T_TEAM))) == NULL)
		return;
	for (; i >= 0; i = cs_idtimes_next(c, i))
		if (c->t[i] - opened <= LOOK && opened - c->t[i] <= LOOK) {
			struct cs_kpi_person *p = cs_kpi_person(k, who);
			char at[24];
			p->num[CS_KPI_COMPL]++;
			snprintf(at, sizeof at, "%lld", (long long)c->t[i]);
			noted(k, p, 'a', (const char *[]){ text(k, f, T_ID), at }, 2);
		}
}

static int
on_ticket(void *ctx, const struct cs_slice *f, long line)
{
	struct cs_kpi *k = ctx;
	const char *who, *st, *sat, *att;
	struct cs_kpi_person *p;
	struct cs_kpi_sla one;
	const struct cs_kpi_sla *sla;
	cs_time t;
	int tm;

	(void)line;
	if (cs_time_parse(text(k, f, T_OPENED), &t) < 0)
		return 0;
	complaints_about(k, f, t);
	if (!cs_period_contains(&k->p, t))
		return 0;
	who = owner(k, text(k, f, T_AGENT), text(k, f, T_TEAM));
	if (who == NULL)
		return 0;
	p = cs_kpi_person(k, who);
	p->num[CS_KPI_WORKLOAD]++;
	p->den[CS_KPI_RES]++;
	st = text(k, f, T_STATUS);
	p->num[CS_KPI_RES] += !strcmp(st, "resolved") || !strcmp(st, "closed");
	sat = text(k, f, T_SAT);
	if (*sat) {
		p->den[CS_KPI_SAT]++;
		p->num[CS_KPI_SAT] += *sat == '4' || *sat == '5';
	}
	att = text(k, f, T_ATT);
	if (*att) {
		p->den[CS_KPI_ATT]++;
		p->num[CS_KPI_ATT] += !strcmp(att, "good");
	}
	sla = sla_of(k, f, &one);
	if ((tm = timely(k, f, sla, t)) >= 0) {
		p->den[CS_KPI_TIMELY]++;
		p->num[CS_KPI_TIMELY] += tm;
	}
	if ((tm = kept(k, f, t)) >= 0) {
		p->den[CS_KPI_PROMISES]++;
		p->num[CS_KPI_PROMISES] += tm;
	}
	if ((tm = answered(k, f, sla)) >= 0) {
		p->den[CS_KPI_ANSWER]++;
		p->num[CS_KPI_ANSWER] += tm;
	}
	if (k->digest) {
		const char *v[T_N + 1];
		char made[24];
		int i;
		for (i = 0; i < T_ANSWERED; i++)
			v[i] = text(k, f, i);
		snprintf(made, sizeof made, "%lld", (long long)
		    cs_ticket_promise_made(&k->promised, v[T_ID], t));
		v[T_ANSWERED] = made;
		noted(k, p, 't', v, T_ANSWERED + 1);
		/* a ring only where there is one: the digests of the
		 * records before the column stay what they were */
		v[0] = text(k, f, T_ANSWERED);
		if (*v[0])
			noted(k, p, 'w', v, 1);
	}
	return 0;
}

enum { C_TICKET, C_RECEIVED, C_RECORDED, C_BY, C_SEV, C_HANDLER, C_TEAM, C_N };
static const char *const ccols[C_N] = { "ticket", "received_at", "recorded_at",
	"recorded_by", "severity", "handler", "team" };

/* Complaints received in the period and recorded within the look-back
 * of it: recorded in time by whom; and each one's ticket, whose record's
 * owner it counts against. */
static int
on_complaint(void *ctx, const struct cs_slice *f, long line)
{
	struct cs_kpi *k = ctx;
	const struct cs_sla_rule *rule;
	const char *who;
	char sev[32];
	cs_time received, recorded;

	(void)line;
	if (cs_time_parse(text(k, f, C_RECEIVED), &received) < 0 ||
	    !cs_period_contains(&k->p, received) ||
	    cs_time_parse(text(k, f, C_RECORDED), &recorded) < 0 ||
	    recorded - received > LOOK || received - recorded > LOOK)
		return 0;
	if (*text(k, f, C_TICKET))
		cs_idtimes_add(&k->complained, text(k, f, C_TICKET), received);
	snprintf(sev, sizeof sev, "complaint-%s", text(k, f, C_SEV));
	rule = cs_sla_rule(&k->sla, sev, "*");
	who = owner(k, text(k, f, C_BY), text(k, f, C_TEAM));
	if (who == NULL || (strcmp(k->level, "agent") == 0 &&
	    cs_map_get(&k->people, who) == NULL))
		return 0;
	cs_kpi_person(k, who)->den[CS_KPI_INTIME]++;
	cs_kpi_person(k, who)->num[CS_KPI_INTIME] += !rule ||
	    recorded - received <= rule->first_response;
	if (k->digest) {
		const char *v[C_N];
		int i;
		for (i = 0; i < C_N; i++)
			v[i] = text(k, f, i);
		noted(k, cs_kpi_person(k, who), 'c', v, C_N);
	}
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

/* A sample's scores into the audit measures of their agents' owners:
 * the score, and a record at the standard of the rubric's attitude
 * category (att) or accuracy category (acc) or not, -1 none. */
static int
sample_scores(struct cs_kpi *k, const struct cs_rubric *rb, int att, int acc,
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
		struct cs_kpi_person *p;
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
		/* in hundredths, whole: sums exact in any order */
		score = round(100 * cs_rubric_score(rb, s, fc >= 0 &&
		    !strcmp(cs_row_get(&row, (size_t)fc), "yes"), &failed));
		p = cs_kpi_person(k, who);
		noted(k, p, 's', (const char *[]){ base, at }, 2);
		for (c = 0; c < row.n; c++)
			noted(k, p, 0, (const char *[]){ cs_row_get(&row, c) }, 1);
		p->den[CS_KPI_AUDIT]++;
		p->audit_sum += score;
		p->audit_sumsq += score * score;
		if (att >= 0) {
			p->den[CS_KPI_ATT]++;
			p->num[CS_KPI_ATT] += s[att] >= rb->cats[att].standard;
		}
		if (acc >= 0) {
			p->den[CS_KPI_ACCURACY]++;
			p->num[CS_KPI_ACCURACY] += s[acc] >= rb->cats[acc].standard;
		}
	}
	cs_reader_close(&r);
out:
	cs_row_free(&row);
	free(s);
	free(col);
	return rc < 0 ? -1 : 0;
}

/* The scores of the stored samples of the period: the mean, the
 * audit's attitude category in the attitude rate, and its accuracy
 * category (解决问题准确率) the accuracy rate.  No scored sample: no
 * audit measures; a file that cannot be read is an error. */
static int
audits(struct cs_kpi *k)
{
	struct cs_rubric rb;
	char **names, **n, *dir = cs_ds_path(k->ds, "audits");
	int rc = 0, att = -1, acc = -1, loaded = 0;
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
				else if (strcmp(rb.cats[c].name, "accuracy") == 0)
					acc = (int)c;
		}
		if ((rc = sample_agents(dir, base, &agent_of)) == 0)
			rc = sample_scores(k, &rb, att, acc, dir, base,
			    &agent_of);
		cs_map_free(&agent_of, free);
	}
	if (loaded)
		cs_rubric_free(&rb);
	cs_strv_free(names);
	free(dir);
	return rc < 0 ? -1 : 0;
}

char **
cs_kpi_files(const char *dir, const struct cs_schema *s,
    const struct cs_period *p, size_t *nt)
{
	struct cs_period wide = *p;
	char **files;
	size_t n;

	if (wide.to < INT64_MAX - 3 * 86400)
		wide.to += 3 * 86400;	/* recorded a little after */
	if ((files = cs_dated_files(dir, s, &wide)) == NULL)
		return NULL;
	for (n = 0; files[n]; n++)
		;
	*nt = cs_scan_threads(n);
	return files;
}

int
cs_kpi_scan(const char *dir, const struct cs_schema *s,
    const struct cs_period *p, const char *const *cols, size_t n,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx)
{
	char **files, **f;
	size_t nt;
	int rc = 0;

	if ((files = cs_kpi_files(dir, s, p, &nt)) == NULL)
		return -1;
	for (f = files; *f && rc == 0; f++)
		rc = cs_scan_store(*f, cols, n, fn, ctx);
	cs_strv_free(files);
	return rc;
}

/* The files of the dated store s of the period and the look-back on
 * either side of it: each record's own times decide whether it counts. */
static char **
files_around(struct cs_kpi *k, const struct cs_schema *s)
{
	struct cs_period wide = k->p;

	wide.from = wide.from > INT64_MIN + LOOK ? wide.from - LOOK : INT64_MIN;
	wide.to = wide.to < INT64_MAX - LOOK ? wide.to + LOOK : INT64_MAX;
	return cs_dated_files(k->ds->dir, s, &wide);
}

static int
scan_around(struct cs_kpi *k, const struct cs_schema *s,
    const char *const *cols, size_t n,
    int (*fn)(void *, const struct cs_slice *, long))
{
	char **files, **f;
	int rc = 0;

	if ((files = files_around(k, s)) == NULL)
		return -1;
	for (f = files; *f && rc == 0; f++)
		rc = cs_scan_store(*f, cols, n, fn, k);
	cs_strv_free(files);
	return rc;
}

static void person_free(void *v);

/*
 * The tickets are read by threads (cs_scan_parallel), each into a share:
 * a copy of k that reads what k has (the roster, the complaints, the
 * promises, the rules) and counts into people of its own, who start as
 * k's people with nothing counted.  A measure that a ticket adds to is a
 * count or a sum in struct cs_kpi_person, so the shares add up, in any
 * order, to what one reading gives.  With a digest (the records in the
 * order read), the first share goes on with k's digests and each other
 * share writes its notes to a temporary file (spool_note), added to the
 * digests after the share before's (spool_replay): the order of one
 * reading, in memory bounded by the people.
 */
static void
share_begin(const struct cs_kpi *k, struct cs_kpi *c)
{
	size_t i;

	*c = *k;
	memset(&c->people, 0, sizeof c->people);
	memset(c->text, 0, sizeof c->text);
	for (i = 0; i < k->people.cap; i++) {
		struct cs_kpi_person *p = k->people.keys[i] ? k->people.vals[i] :
		    NULL, *q;
		if (p == NULL)
			continue;
		q = cs_kpi_person(c, p->login);
		memcpy(q->team, p->team, sizeof q->team);
		memcpy(q->name, p->name, sizeof q->name);
		q->md = p->md;	/* a digest goes on in the one share */
		p->md = NULL;
	}
}

/* p += q: every count and sum, and q's digest. */
static void
person_add(struct cs_kpi_person *p, struct cs_kpi_person *q)
{
	int m;

	for (m = 0; m < CS_KPI_N; m++) {
		p->num[m] += q->num[m];
		p->den[m] += q->den[m];
	}
	p->audit_sum += q->audit_sum;
	p->audit_sumsq += q->audit_sumsq;
	if (q->md) {
		p->md = q->md;
		q->md = NULL;
	}
}

/*
 * The people of share c into k.  First (pass 1) those k has and those
 * with a ticket of the period; then (pass 2) the rest, at the agent
 * level only if someone's ticket made them a person meanwhile (a
 * complaint about the ticket of someone who is not: counted for no one).
 */
static void
merge_share(struct cs_kpi *k, struct cs_kpi *c, int pass)
{
	int agent = strcmp(k->level, "agent") == 0;
	size_t i;

	for (i = 0; i < c->people.cap; i++) {
		struct cs_kpi_person *q = c->people.keys[i] ? c->people.vals[i] :
		    NULL, *p;
		if (q == NULL || q->login[0] == '\0')
			continue;	/* none, or merged in pass 1 */
		p = cs_map_get(&k->people, q->login);
		if (p == NULL && agent && q->num[CS_KPI_WORKLOAD] == 0 &&
		    pass == 1)
			continue;
		if (p == NULL && (!agent || pass == 1)) {
			p = cs_kpi_person(k, q->login);
			memcpy(p->team, q->team, sizeof p->team);
			memcpy(p->name, q->name, sizeof p->name);
		}
		if (p)
			person_add(p, q);
		q->login[0] = '\0';
	}
}

static void
share_free(struct cs_kpi *c)
{
	size_t i;

	cs_map_free(&c->people, person_free);
	for (i = 0; i < 16; i++)
		cs_buf_free(&c->text[i]);
	if (c->spool)
		fclose(c->spool);
	c->spool = NULL;
}

/* The notes of share c into the digests of k's people, in the order
 * written; a person k has not (counted for no one) has none. */
static int
spool_replay(struct cs_kpi *k, struct cs_kpi *c)
{
	struct cs_buf login = { 0 }, note = { 0 };
	struct cs_kpi_person *p;
	size_t len;
	int ch, ret = -1;

	if (fflush(c->spool) != 0 || ferror(c->spool) ||
	    fseek(c->spool, 0, SEEK_SET) != 0) {
		cs_fail_errno("write", "a temporary file of digests");
		goto out;
	}
	for (;;) {
		if ((ch = getc(c->spool)) == EOF)
			break;
		cs_buf_reset(&login);
		cs_buf_grow(&login, (size_t)ch);
		if (ch > 0 && fread(login.s, 1, (size_t)ch, c->spool) != (size_t)ch)
			goto short_read;
		login.s[login.len = (size_t)ch] = '\0';
		cs_buf_reset(&note);
		if (fread(&len, sizeof len, 1, c->spool) != 1)
			goto short_read;
		cs_buf_grow(&note, len);
		if (len > 0 && fread(note.s, 1, len, c->spool) != len)
			goto short_read;
		if ((p = cs_map_get(&k->people, login.s)) == NULL)
			continue;
		if (p->md == NULL)
			p->md = cs_digest_new();
		cs_digest_add(p->md, note.s, len);
	}
	if (ferror(c->spool)) {
		cs_fail_errno("read", "a temporary file of digests");
		goto out;
	}
	ret = 0;
	goto out;
short_read:
	cs_fail(CS_EIO, "a temporary file of digests: cut short");
out:
	cs_buf_free(&login);
	cs_buf_free(&note);
	return ret;
}

/* The tickets of the period and the look-back, by the threads. */
static int
scan_tickets(struct cs_kpi *k)
{
	struct cs_kpi c[CS_SCAN_THREADS_MAX];
	void *ctx[CS_SCAN_THREADS_MAX];
	char **files;
	size_t nfiles, nt, t;
	int rc, pass;

	if ((files = files_around(k, &cs_schema_tickets)) == NULL)
		return -1;
	for (nfiles = 0; files[nfiles]; nfiles++)
		;
	nt = cs_scan_threads(nfiles);
	rc = 0;
	for (t = 0; t < nt; t++) {
		share_begin(k, &c[t]);
		ctx[t] = &c[t];
		if (k->digest && t > 0 && (c[t].spool = tmpfile()) == NULL &&
		    rc == 0)
			rc = cs_fail_errno("tmpfile", "a temporary file of digests");
	}
	if (rc == 0)
		rc = cs_scan_parallel(files, nt, tcols, T_N, on_ticket, ctx);
	for (pass = 1; pass <= 2; pass++)
		for (t = 0; t < nt; t++)
			merge_share(k, &c[t], pass);
	for (t = 1; t < nt && rc == 0 && k->digest; t++)
		rc = spool_replay(k, &c[t]);
	for (t = 0; t < nt; t++)
		share_free(&c[t]);
	cs_strv_free(files);
	return rc;
}

static void cover_time(cs_time t, char out[32]);

/* What a run of score --partial covers: its days and a digest of its
 * lines (FNV-1a), so that merge knows a run given twice. */
static void
covers(struct cs_kpi *k)
{
	const char **who = cs_kpi_people(k);
	uint64_t h = 14695981039346656037ULL;
	char b[5][40], from[32], to[32];
	size_t i, c, j;
	int m;

	for (i = 0; who[i]; i++)
		for (m = 0; m < CS_KPI_N; m++) {
			int n = cs_kpi_cells(cs_map_get(&k->people, who[i]), m, 1, b);
			for (c = 0; c < (size_t)n + 1; c++) {
				const char *t = c == 0 ? who[i] : b[c - 1];
				for (j = 0; j <= strlen(t); j++)
					h = (h ^ (unsigned char)t[j]) * 1099511628211ULL;
			}
		}
	free(who);
	cover_time(k->p.from, from);
	cover_time(k->p.to, to);
	snprintf(k->covers, sizeof k->covers, "%s..%s:%016llx", from, to,
	    (unsigned long long)h);
}

static const char *const rule_files[] = { "policy/kpi.csv",
	"policy/sla.csv", "policy/audit.csv" };

int
cs_kpi_rules_digest(const char *dir, char out[65])
{
	return cs_files_digest(dir, rule_files, sizeof rule_files /
	    sizeof *rule_files, out);
}

/* Each person's digest, ended with their login and team (and, when the
 * workload target is relative, their team's median workload, which the
 * others' records move: a verdict weighed against it changes with it);
 * the rules'. */
static int
digests(struct cs_kpi *k)
{
	char med[32];
	size_t i;

	for (i = 0; i < k->people.cap; i++) {
		struct cs_kpi_person *p = k->people.keys && k->people.keys[i] ?
		    k->people.vals[i] : NULL;
		if (p == NULL)
			continue;
		if (k->digest_median) {
			snprintf(med, sizeof med, "%.17g", p->median);
			noted(k, p, 'm', (const char *[]){ med }, 1);
		}
		noted(k, p, 'p', (const char *[]){ p->login, p->team }, 2);
		cs_digest_end(p->md, p->digest);
		p->md = NULL;
	}
	return cs_kpi_rules_digest(k->ds->dir, k->rules);
}

/* Work out every person's measures for the period: the roster first,
 * then the complaints (which name the tickets complained about) and the
 * journal's promises, then the tickets, then the spot checks. */
int
cs_kpi_measure(struct cs_kpi *k)
{
	if (roster(k) < 0 || cs_sla_load(&k->sla, k->ds->dir) < 0)
		return -1;
	memset(k->slas, 0, sizeof k->slas);	/* of these rules */
	cs_idtimes_free(&k->complained);
	cs_idtimes_free(&k->promised);
	cs_idtimes_init(&k->complained, cs_schema_tickets.idprefix);
	cs_idtimes_init(&k->promised, cs_schema_tickets.idprefix);
	if (scan_around(k, &cs_schema_complaints, ccols, C_N, on_complaint) < 0 ||
	    cs_ticket_promises(k->ds, k->p.from, k->p.to +
	    CS_TICKET_PROMISE_DAYS * 86400, &k->promised) < 0 ||
	    scan_tickets(k) < 0 ||
	    audits(k) < 0)
		return -1;
	covers(k);
	cs_kpi_medians(k);
	return k->digest ? digests(k) : 0;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * The team median of the workloads: of the people of the level in the
 * same team whose workload has data (an odd number: the middle one; an
 * even: the mean of the two in the middle).  A relative workload target
 * (verdict.c) is a multiple of it.
 */
void
cs_kpi_medians(struct cs_kpi *k)
{
	const char **who = cs_kpi_people(k);
	double *w = cs_xmalloc((k->people.n + 1) * sizeof *w);
	size_t i, j, n;

	for (i = 0; who[i]; i++) {
		struct cs_kpi_person *p = cs_map_get(&k->people, who[i]), *q;
		for (j = 0, n = 0; who[j]; j++) {
			q = cs_map_get(&k->people, who[j]);
			if (!strcmp(q->team, p->team) &&
			    cs_kpi_value(q, CS_KPI_WORKLOAD).data)
				w[n++] = (double)q->num[CS_KPI_WORKLOAD];
		}
		qsort(w, n, sizeof *w, by_value);
		p->median = n == 0 ? 0 : n % 2 ? w[n / 2] :
		    (w[n / 2 - 1] + w[n / 2]) / 2;
	}
	free(w);
	free(who);
}

/* ---- values and intervals ---- */

/* The value of measure m and its 95 % interval: for the audit score a
 * t interval of the mean (within 0 to 100), for a rate Wilson's. */
struct cs_kpi_value
cs_kpi_value(const struct cs_kpi_person *p, int m)
{
	struct cs_kpi_value r = { 0, 0, 0, 0 };
	double mean, sd, half;

	if (m == CS_KPI_AUDIT) {
		if (p->den[m] == 0)
			return r;
		r.data = 1;
		mean = p->audit_sum / 100 / (double)p->den[m];
		r.v = r.lo = r.hi = mean;
		if (p->den[m] > 1) {
			sd = sqrt(fmax(0, (p->audit_sumsq / 10000 - (double)p->den[m] *
			    mean * mean) / (double)(p->den[m] - 1)));
			half = cs_t_quantile(0.975, (double)(p->den[m] - 1)) * sd /
			    sqrt((double)p->den[m]);
			r.lo = fmax(0, mean - half);
			r.hi = fmin(100, mean + half);
		}
		return r;
	}
	if (!cs_kpi_is_rate[m]) {
		r.data = p->num[CS_KPI_WORKLOAD] > 0 || p->num[m] > 0;
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

void
cs_kpi_format(char *out, size_t n, int m, struct cs_kpi_value v, double x)
{
	if (!v.data)
		snprintf(out, n, "no data");
	else if (cs_kpi_is_rate[m])
		snprintf(out, n, "%.4f", x);
	else if (m == CS_KPI_AUDIT)
		snprintf(out, n, "%.1f", x);
	else
		snprintf(out, n, "%.0f", x);
}

const char **
cs_kpi_people(const struct cs_kpi *k)
{
	const char **v = cs_xmalloc((k->people.n + 1) * sizeof *v);
	size_t i, j = 0;

	for (i = 0; i < k->people.cap; i++)
		if (k->people.keys[i])
			v[j++] = k->people.keys[i];
	v[j] = NULL;
	qsort(v, j, sizeof *v, cs_by_name);
	return v;
}

char **
cs_kpi_labels(struct cs_kpi *k, const char *const *who)
{
	struct cs_kpi_person *p;
	struct cs_buf b = { 0 };
	char **v;
	size_t i, n;

	for (n = 0; who[n]; n++)
		;
	v = cs_xmalloc((n + 1) * sizeof *v);
	for (i = 0; i < n; i++) {
		p = cs_map_get(&k->people, who[i]);
		cs_buf_reset(&b);
		cs_buf_addf(&b, "%s%s%s", who[i], p && *p->name ? " " : "",
		    p ? p->name : "");
		v[i] = cs_xstrdup(b.s);
	}
	v[n] = NULL;
	cs_buf_free(&b);
	return v;
}

/* ---- score and its partial sums ---- */

const char *const cs_kpi_score_cols[CS_KPI_SCORE_COLS] = { "period",
	"level", "person", "measure", "numerator", "denominator", "value",
	"low", "high" };
const char *const cs_kpi_partial_cols[CS_KPI_PARTIAL_COLS] = { "period",
	"level", "person", "measure", "numerator", "denominator", "sumsq",
	"covers" };

/*
 * The numbers of measure m of p as score prints them: numerator,
 * denominator, value, low and high (empty where a count has none); or,
 * partial, the sums that merge adds up, the audit's in hundredths, whole,
 * so that nothing is lost on the way.  How many.
 */
int
cs_kpi_cells(const struct cs_kpi_person *p, int m, int partial,
    char b[5][40])
{
	struct cs_kpi_value v = cs_kpi_value(p, m);
	int c, has_den = cs_kpi_is_rate[m] || m == CS_KPI_AUDIT;

	for (c = 0; c < 5; c++)
		b[c][0] = '\0';
	if (m == CS_KPI_AUDIT && partial)
		snprintf(b[0], 40, "%.0f", p->audit_sum);
	else if (m == CS_KPI_AUDIT)
		snprintf(b[0], 40, "%.1f", p->audit_sum / 100);
	else
		snprintf(b[0], 40, "%ld", p->num[m]);
	if (has_den)
		snprintf(b[1], 40, "%ld", p->den[m]);
	if (partial) {
		if (m == CS_KPI_AUDIT)
			snprintf(b[2], 40, "%.0f", p->audit_sumsq);
		return 3;
	}
	cs_kpi_format(b[2], 40, m, v, v.v);
	if (v.data && has_den) {
		cs_kpi_format(b[3], 40, m, v, v.lo);
		cs_kpi_format(b[4], 40, m, v, v.hi);
	}
	return 5;
}

void
cs_kpi_score_row(const struct cs_kpi *k, const char *who,
    const struct cs_kpi_person *p, int m, int partial, struct cs_row *r)
{
	char b[5][40];
	int c, n = cs_kpi_cells(p, m, partial, b);

	cs_row_clear(r);
	cs_row_push(r, k->p.name, strlen(k->p.name));
	cs_row_push(r, k->level, strlen(k->level));
	cs_row_push(r, who, strlen(who));
	cs_row_push(r, cs_kpi_measures[m], strlen(cs_kpi_measures[m]));
	for (c = 0; c < n; c++)
		cs_row_push(r, b[c], strlen(b[c]));
	if (partial)
		cs_row_push(r, k->covers, strlen(k->covers));
}

/*
 * Add one line of partial sums to p: counts and sums (of audit scores in
 * hundredths) are whole numbers of 0 or more and each total below 10^15 (a
 * long added past its end is undefined; strtol saturated and wrapped).
 * An empty denominator is a count's, an empty sumsq a rate's.
 */
static int
merge_line(const struct cs_reader *r, const struct cs_row *row, int m,
    const char *const *f, struct cs_kpi_person *p)
{
	static const char *names[] = { "numerator", "denominator", "sumsq" };
	double v[3], sum[3];
	char *end;
	int i;

	sum[0] = m == CS_KPI_AUDIT ? p->audit_sum : (double)p->num[m];
	sum[1] = (double)p->den[m];
	sum[2] = p->audit_sumsq;
	for (i = 0; i < 3; i++) {
		v[i] = 0;
		if (i > 0 && *f[4 + i] == '\0')
			continue;
		v[i] = strtod(f[4 + i], &end);
		if (end == f[4 + i] || *end || !isfinite(v[i]) || v[i] < 0 ||
		    sum[i] + v[i] >= 1e15 || v[i] != floor(v[i]))
			return cs_fail(CS_EDATA, "%s:%ld: field '%s': not a number of "
			    "0 or more (and a sum below 10^15): '%s'", r->name,
			    row->line, names[i], f[4 + i]);
	}
	if (m == CS_KPI_AUDIT) {
		p->audit_sum += v[0];
		p->audit_sumsq += v[2];
	} else
		p->num[m] += (long)v[0];
	p->den[m] += (long)v[1];
	return 0;
}

/* The runs of score --partial merged so far. */
struct runs {
	struct cs_map seen;	/* what a run covers -> its period's name */
	struct cs_period *days;	/* the days of each */
	size_t n;
	char cur[96];		/* what the run being read covers */
	struct cs_map lines;	/* its person and measure lines */
	char period[32];	/* the partials' period so far */
};

/* A time of covers, or "-" for none. */
static void
cover_time(cs_time t, char out[32])
{
	if (t == INT64_MIN || t == INT64_MAX)
		snprintf(out, 32, "-");
	else
		cs_time_format(t, out);
}

static int
cover_parse(const char *s, size_t n, cs_time none, cs_time *t)
{
	char b[40];

	if (n >= sizeof b)
		return -1;
	snprintf(b, sizeof b, "%.*s", (int)n, s);
	if (strcmp(b, "-") == 0) {
		*t = none;
		return 0;
	}
	return cs_time_parse(b, t);
}

/* A new run begins at row, covering cov: not one given before, nor one
 * whose days overlap another's, nor outside the period given. */
static int
run_begin(struct cs_kpi *k, struct runs *u, const struct cs_reader *r,
    const struct cs_row *row, const char *const *f, int given)
{
	const char *cov = f[7], *dots = strstr(cov, ".."), *colon;
	struct cs_period d;
	const char *other;
	size_t i;

	if (dots == NULL || (colon = strrchr(dots, ':')) == NULL ||
	    strlen(colon + 1) != 16 || cover_parse(cov, (size_t)(dots - cov),
	    INT64_MIN, &d.from) < 0 || cover_parse(dots + 2,
	    (size_t)(colon - dots - 2), INT64_MAX, &d.to) < 0 || d.from >= d.to)
		return cs_fail(CS_EDATA, "%s:%ld: field 'covers': not FROM..TO:DIGEST: "
		    "'%s'", r->name, row->line, cov);
	if ((other = cs_map_get(&u->seen, cov)) != NULL)
		return cs_fail(CS_EDATA, "%s:%ld: the partial of %s given twice",
		    r->name, row->line, f[0]);
	for (i = 0; i < u->n; i++)
		if (d.from < u->days[i].to && u->days[i].from < d.to)
			return cs_fail(CS_EDATA, "%s:%ld: the partial of %s overlaps "
			    "the one of %s", r->name, row->line, f[0], u->days[i].name);
	if (given && (d.from < k->p.from || d.to > k->p.to))
		return cs_fail(CS_EUSAGE, "%s:%ld: the partial of %s is not within "
		    "%s", r->name, row->line, f[0], k->p.name);
	snprintf(d.name, sizeof d.name, "%s", f[0]);
	u->days = cs_xrealloc(u->days, (u->n + 1) * sizeof *u->days);
	u->days[u->n++] = d;
	*cs_map_slot(&u->seen, cov, NULL) = cs_xstrdup(f[0]);
	snprintf(u->cur, sizeof u->cur, "%s", cov);
	cs_map_free(&u->lines, NULL);
	return 0;
}

/* One line of a file of partials, f its fields by cs_kpi_partial_cols,
 * into k. */
static int
merge_fields(struct cs_kpi *k, struct runs *u, const struct cs_reader *r,
    const struct cs_row *row, const char *const *f, int given)
{
	struct cs_buf key = { 0 };
	int m, isnew;

	if (strcmp(f[1], k->level))
		return cs_fail(CS_EDATA, "%s:%ld: level %s, not %s (--level)",
		    r->name, row->line, f[1], k->level);
	if (!given) {
		if (*u->period && strcmp(u->period, f[0]))
			return cs_fail(CS_EUSAGE, "partials of %s and %s: give the "
			    "period they make up (--month, --quarter ...)", u->period,
			    f[0]);
		snprintf(u->period, sizeof u->period, "%s", f[0]);
	}
	if ((m = cs_kpi_measure_find(f[3])) == CS_KPI_N)
		return cs_fail(CS_EDATA, "%s:%ld: field 'measure': no measure "
		    "'%s'", r->name, row->line, f[3]);
	if (strcmp(u->cur, f[7]) && run_begin(k, u, r, row, f, given) < 0)
		return -1;
	cs_buf_addf(&key, "%s\t%s", f[2], f[3]);
	cs_map_slot(&u->lines, key.s, &isnew);
	cs_buf_free(&key);
	if (!isnew)
		return cs_fail(CS_EDATA, "%s:%ld: the partial of %s given twice "
		    "(%s's %s again)", r->name, row->line, f[0], f[2], f[3]);
	return merge_line(r, row, m, f, cs_kpi_person(k, f[2]));
}

static int
merge_file(struct cs_kpi *k, struct runs *u, const char *name, int given)
{
	const char *f[CS_KPI_PARTIAL_COLS];
	struct cs_reader r;
	struct cs_row row = { 0 };
	int i, rc, col[CS_KPI_PARTIAL_COLS];

	if ((rc = cs_reader_open(&r, name, CS_READ_CSV, CS_READ_USER)) < 0)
		return -1;
	for (i = 0; i < CS_KPI_PARTIAL_COLS && rc >= 0; i++)
		if ((col[i] = cs_row_find(&r.hdr, cs_kpi_partial_cols[i])) < 0)
			rc = cs_fail(CS_EDATA, "%s:1: no '%s' column: not a score "
			    "--partial%s", r.name, cs_kpi_partial_cols[i], i == 7 ?
			    " of this cs-kpi (one that says what it covers); score "
			    "the period again" : "");
	*u->cur = '\0';
	while (rc >= 0 && (rc = cs_reader_next(&r, &row)) > 0) {
		for (i = 0; i < CS_KPI_PARTIAL_COLS; i++)
			f[i] = cs_row_get(&row, (size_t)col[i]);
		if (!strcmp(f[0], "period"))
			*u->cur = '\0';	/* the header of a concatenated run */
		else
			rc = merge_fields(k, u, &r, &row, f, given);
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc < 0 ? -1 : 0;
}

static int
by_from(const void *a, const void *b)
{
	const struct cs_period *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/* The runs cover p, each day once (they do not overlap). */
static int
runs_cover(const struct runs *u, const struct cs_period *p)
{
	cs_time at = p->from;
	char t[32];
	size_t i;

	qsort(u->days, u->n, sizeof *u->days, by_from);
	for (i = 0; i < u->n && u->days[i].from == at; i++)
		at = u->days[i].to;
	if (at == p->to && i == u->n)
		return 0;
	cover_time(at, t);
	return cs_fail(CS_EUSAGE, "the partials do not cover %s: none from %s",
	    p->name, t);
}

int
cs_kpi_merge(struct cs_kpi *k, int given, int argc, char **argv)
{
	static char *stdin_only[] = { "-" };
	struct runs u;
	int i, rc = 0;

	memset(&u, 0, sizeof u);
	if (argc == 0)
		argc = 1, argv = stdin_only;
	for (i = 0; i < argc && rc == 0; i++)
		rc = merge_file(k, &u, argv[i], given);
	if (rc == 0 && given)
		rc = runs_cover(&u, &k->p);
	if (rc == 0 && !given)
		snprintf(k->p.name, sizeof k->p.name, "%s", u.period);
	cs_map_free(&u.seen, free);
	cs_map_free(&u.lines, NULL);
	free(u.days);
	return rc;
}

static void
person_free(void *v)
{
	struct cs_kpi_person *p = v;

	cs_digest_free(p->md);
	free(p);
}

void
cs_kpi_free(struct cs_kpi *k)
{
	size_t i;

	cs_map_free(&k->people, person_free);
	cs_map_free(&k->team_leader, free);
	cs_idtimes_free(&k->complained);
	cs_idtimes_free(&k->promised);
	for (i = 0; i < 16; i++)
		cs_buf_free(&k->text[i]);
	cs_sla_free(&k->sla);
}
