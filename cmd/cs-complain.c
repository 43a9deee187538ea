/*
 * cs-complain: complaints, driven through the responsible department
 * until the customer is satisfied (ISO 10002).  The rules, the lifecycle
 * and the deadlines are in rules/complaint.c; this file is the verbs.
 *
 * Records live in complaints/YYYY-MM/ (dated.c), ids K-YYYYMMDD-NNNN;
 * every step is also an event in complaint-events/YYYY-MM.csv, written in
 * the same commit as the record and its journal lines (cs_commit).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

#define S (&cs_schema_complaints)
#define EV_HEADER "time,id,step,by,detail\n"

struct filter {
	const char *customer, *department, *handler, *nature, *severity, *status;
	const char *override;
	int history, overdue, mine;
	struct cs_period period;
	cs_time now;
};

static const char *
get(const struct cs_master *m, const struct cs_row *r, const char *field)
{
	return cs_master_get(m, r, field);
}

/* ---- add ---- */

static const struct cs_events events = { "complaint-events", EV_HEADER };

/* A field a new complaint's operands may give. */
static int
takes(const struct cs_master *m, const char *field)
{
	(void)m;
	if (cs_complaint_takes(field))
		return 0;
	if (cs_schema_col(S, field))
		return cs_fail(CS_EUSAGE,
		    "not a field '%s' for a new complaint", field);
	return cs_fail(CS_EUSAGE, "unknown field '%s' for a new complaint",
	    field);
}

static int
cmd_add(struct cs_cmd *c)
{
	struct cs_ds *ds = c->ds;
	struct cs_master m;
	struct cs_row rec = { 0 };
	struct cs_buf det = { 0 };
	struct cs_sla sla = { 0 };
	char *id = NULL, took[32];
	cs_time received;
	int ret = -1, locked = 0;

	if (c->argc == 0)
		return cs_fail(CS_EUSAGE, "add: field=value operands");
	if (cs_master_open_rel(&m, ds, S, NULL) < 0 || cs_sla_load(&sla, ds->dir) < 0)
		goto out;
	cs_master_blank(&m, &rec);
	cs_master_put(&m, &rec, "severity", "normal");
	cs_master_put(&m, &rec, "handler", ds->user);
	if (cs_assign_operands(&m, &rec, c->argc, c->argv, takes) < 0 ||
	    cs_complaint_new(ds, &m, &rec) < 0)
		goto out;
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	locked = 1;
	/* the 10-minute rule: how long after receipt it was recorded */
	received = cs_master_get_time(&m, &rec, "received_at");
	cs_duration_format(ds->now - received, took);
	cs_buf_addf(&det, "received %s, recorded %s later%s", get(&m, &rec,
	    "received_at"), took, cs_complaint_late_record(&sla, get(&m, &rec,
	    "severity"), received, ds->now) ? " (late)" : "");
	ret = cs_record_add(ds, S, &m, &rec, &events, "recorded", det.s, &id);
	if (ret == 0) {
		cs_committed("stored %s", id);
		printf("%s\n", id);
	}
out:
	if (locked)
		cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&rec);
	cs_buf_free(&det);
	cs_sla_free(&sla);
	free(id);
	return ret;
}

/* ---- the steps ---- */

static int
cmd_step(struct cs_cmd *c)
{
	const struct cs_step *st = cs_step_find(cs_complaint_steps, c->verb);
	const struct filter *f = c->ctx;
	struct cs_ds *ds = c->ds;
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	struct cs_buf j = { 0 }, det = { 0 };
	struct cs_sla sla = { 0 };
	const char *id, *verb = c->verb, *status, *v[CS_OPERANDS_MAX];
	char **argv = c->argv + 1;
	int argc = c->argc - 1, ret = -1, override;
	off_t start, end;

	if (c->argc < 1)
		return cs_fail(CS_EUSAGE, "%s: which complaint?", verb);
	id = c->argv[0];
	if (strcmp(verb, "feedback") == 0 && argc == 1)	/* 满意, 不满意 */
		argv[0] = (char *)cs_value_canon("feedback", argv[0]);
	if (strcmp(verb, "feedback") == 0 && (argc != 1 ||
	    (strcmp(argv[0], "satisfied") && strcmp(argv[0], "unsatisfied"))))
		return cs_fail(CS_EUSAGE, "feedback: satisfied or unsatisfied");
	if (cs_sla_load(&sla, ds->dir) < 0)
		return -1;
	if (cs_lock(ds, cs_lock_wait) < 0) {
		cs_sla_free(&sla);
		return -1;
	}
	if (cs_dated_find(ds, S, "complaint", id, &m, &old, &start, &end) < 0)
		goto out;
	status = get(&m, &old, "status");
	if ((override = cs_complaint_may(st, id, status, f->override)) < 0 ||
	    (override && cs_may_act(ds, verb, "override", get(&m, &old,
	    "handler")) < 0) ||
	    cs_complaint_may_handle(ds, verb, &m, &old) < 0)
		goto out;
	if (cs_step_operands(st, argc, argv, v) < 0)
		goto out;
	if (strcmp(verb, "close") == 0 && argc) {
		cs_fail(CS_EUSAGE, "close: only an id (and --override reason)");
		goto out;
	}
	if (strcmp(verb, "feedback") == 0)
		v[0] = argv[0];
	cs_row_copy(&new, &old);
	if (cs_complaint_apply(ds, &sla, &m, &old, &new, st, v, &det) < 0)
		goto out;
	if (override) {
		cs_buf_addf(&det, "override: %s", f->override);
		cs_journal_line(&j, ds, "close", id, "override", status, f->override);
	}
	ret = cs_record_change(ds, &m, &old, &new, start, end, verb, &j, &events,
	    strcmp(verb, "feedback") ? verb : get(&m, &new, "feedback"),
	    det.s ? det.s : "");
out:
	cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&j);
	cs_buf_free(&det);
	cs_sla_free(&sla);
	return ret;
}

/* ---- reading ---- */

static int
keep(const struct cs_master *m, const struct cs_row *r, const struct filter *f)
{
	const struct cs_match eq[] = {
		{ "customer", f->customer }, { "department", f->department },
		{ "handler", f->handler },
		{ "nature", f->nature }, { "severity", f->severity },
		{ "status", f->status },
	};

	if (!cs_master_match(m, r, eq, sizeof eq / sizeof eq[0]))
		return 0;
	return cs_period_contains(&f->period, cs_master_get_time(m, r,
	    "received_at"));
}

/* Every record of the period that passes the filters, to fn. */
struct each {
	const struct filter *f;
	int (*fn)(void *, const struct cs_master *, const struct cs_row *);
	void *ctx;
};

static int
each_one(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct each *e = ctx;

	return keep(m, r, e->f) ? e->fn(e->ctx, m, r) : 0;
}

static int
each(struct cs_ds *ds, const struct filter *f,
    int (*fn)(void *, const struct cs_master *, const struct cs_row *), void *ctx)
{
	struct cs_period wide = f->period;
	struct each e = { f, fn, ctx };

	/* a complaint lives in the month it was recorded; one received on
	 * the last evening of the period may have been recorded after it */
	if (wide.to < INT64_MAX - 2 * 86400)
		wide.to += 2 * 86400;
	return cs_record_each(ds, S, &wide, each_one, &e);
}

struct listing {
	struct cs_out out;
	const struct cs_sla *sla;
	int overdue, begun;
	cs_time now;
	size_t n;
};

/* The listing's header: the store's, and the reasons when overdue. */
static void
begin(struct listing *l, const struct cs_row *hdr)
{
	struct cs_row h = { 0 };

	cs_row_copy(&h, hdr);
	if (l->overdue)
		cs_row_push(&h, "overdue", 7);
	cs_out_begin(&l->out, stdout, l->out.fmt, &h);
	cs_row_free(&h);
	l->begun = 1;
}

static int
list_one(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct listing *l = ctx;
	struct cs_row o = { 0 };
	struct cs_complaint cp;
	char why[256];

	cs_complaint_of(&cp, m, r);
	if (l->overdue && !cs_complaint_listed_overdue(&cp, l->sla, l->now, why,
	    sizeof why))
		return 0;
	if (!l->begun)
		begin(l, &m->hdr);
	cs_row_copy(&o, r);
	if (l->overdue)
		cs_row_push(&o, why, strlen(why));
	cs_out_row(&l->out, &o);
	cs_row_free(&o);
	l->n++;
	return 0;
}

static int
cmd_list(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o,
    int overdue)
{
	struct listing l;
	struct cs_sla sla = { 0 };
	struct cs_master m;
	int ret;

	memset(&l, 0, sizeof l);
	l.out.fmt = cs_opts_fmt(o);
	l.out.gb18030 = o->gb18030;
	l.overdue = overdue;
	l.now = ds->now;
	if (cs_sla_load(&sla, ds->dir) < 0)
		return -1;
	l.sla = &sla;
	ret = each(ds, f, list_one, &l);
	if (ret == 0 && !l.begun) {	/* nothing: the header alone */
		cs_master_open_rel(&m, ds, S, NULL);
		begin(&l, &m.hdr);
		cs_master_close(&m);
	}
	if (l.begun && cs_out_end(&l.out) < 0)
		ret = -1;
	cs_sla_free(&sla);
	return ret < 0 ? -1 : l.n ? 0 : CS_NO;
}

static int
cmd_show(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o,
    const char *id)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	struct cs_out out = { 0 };
	enum cs_fmt fmt = cs_opts_fmt(o);
	off_t s, e;
	int ret = -1;

	if (cs_dated_find(ds, S, "complaint", id, &m, &row, &s, &e) < 0) {
		if (cs_errstatus() == CS_EDATA)
			cs_fail(CS_NO, "%s", cs_errmsg());
		goto out;
	}
	out.gb18030 = o->gb18030;
	if (f->history || fmt == CS_FMT_TABLE) {
		/* on a terminal, the fields, then the events */
		if (!f->history) {
			if (cs_out_fields(&out, stdout, fmt, &m.hdr, &row) < 0)
				goto out;
			printf("\nhistory:\n");
		}
		ret = cs_out_events(ds, &events, id, &out, stdout, fmt);
		goto out;
	}
	cs_out_begin(&out, stdout, fmt, &m.hdr);
	cs_out_row(&out, &row);
	ret = cs_out_end(&out);
out:
	cs_master_close(&m);
	cs_row_free(&row);
	return ret;
}

/* ---- report ---- */

struct reporting {
	struct cs_groups natures, handlers, teams;
	struct cs_group all;
	const struct cs_sla *sla;
};

static int
report_one(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct reporting *rp = ctx;
	struct cs_complaint c;
	char key[96];

	cs_complaint_of(&c, m, r);
	snprintf(key, sizeof key, "%s / %s", get(m, r, "nature"),
	    get(m, r, "department"));
	cs_group_of(&rp->natures, key)->n++;
	cs_complaint_count(&rp->all, &c, rp->sla);
	cs_complaint_count(cs_group_of(&rp->handlers, get(m, r, "handler")), &c,
	    rp->sla);
	cs_complaint_count(cs_group_of(&rp->teams, get(m, r, "team")), &c,
	    rp->sla);
	return 0;
}

/* A line of the report: section, name and the ten columns' values. */
static void
report_row(struct cs_out *out, const char *section, const char *name,
    char v[8][32])
{
	struct cs_row r = { 0 };
	int c;

	cs_row_push(&r, section, strlen(section));
	cs_row_push(&r, name, strlen(name));
	for (c = 0; c < 8; c++)
		cs_row_push(&r, v[c], strlen(v[c]));
	cs_out_row(out, &r);
	cs_row_free(&r);
}

/* A line of the report for a group of complaints. */
static void
group_row(struct cs_out *out, const char *section, struct cs_group *g)
{
	char v[8][32] = { "" };

	snprintf(v[0], 32, "%ld", g->n);
	cs_share(v[1], g->k[CS_CK_IN_TIME], g->n);
	cs_share(v[2], g->k[CS_CK_ON_TIME], g->k[CS_CK_ANSWERED]);
	cs_share(v[3], g->k[CS_CK_SATISFIED], g->k[CS_CK_FEEDBACK]);
	cs_share(v[4], g->k[CS_CK_REOPENED], g->n);
	strcpy(v[5], "no data");
	strcpy(v[6], "no data");
	if (g->nv) {
		/* the 90th percentile, nearest rank; it sorts the hours */
		snprintf(v[6], 32, "%.1f", cs_group_rank(g, 0.9));
		snprintf(v[5], 32, "%.1f", cs_group_mean(g));
	}
	report_row(out, section, g->name, v);
}

/* Every group of gs in the report, by name. */
static void
group_rows(struct cs_out *out, const char *section, struct cs_groups *gs)
{
	struct cs_group **g = cs_groups_sorted(gs, 0);
	size_t i;

	for (i = 0; g[i]; i++)
		group_row(out, section, g[i]);
	free(g);
}

/*
 * The month's complaints: by nature and department in Pareto order (the
 * most frequent first, with the running share), then for all, by handler
 * and by team: recorded within the policy's time, department answers on
 * time, satisfied after resolution, reopened, mean and 90th percentile
 * hours from receipt to close.
 */
static int
cmd_report(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o)
{
	static const char *cols[] = { "section", "name", "complaints",
		"recorded_in_time", "answered_on_time", "satisfied", "reopened",
		"mean_hours_to_close", "p90_hours_to_close", "cumulative_share" };
	struct reporting rp;
	struct cs_sla sla = { 0 };
	struct cs_row h = { 0 };
	struct cs_out out = { 0 };
	struct cs_group **g = NULL;
	size_t i;
	long run = 0;
	int ret = -1;

	memset(&rp, 0, sizeof rp);
	rp.all.name = "all";
	if (cs_sla_load(&sla, ds->dir) < 0)
		return -1;
	rp.sla = &sla;
	if (each(ds, f, report_one, &rp) < 0)
		goto out;
	for (i = 0; i < 10; i++)
		cs_row_push(&h, cols[i], strlen(cols[i]));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	g = cs_groups_sorted(&rp.natures, 1);
	for (i = 0; g[i]; i++) {
		char v[8][32] = { "" };
		snprintf(v[0], 32, "%ld", g[i]->n);
		cs_share(v[7], run += g[i]->n, rp.all.n);
		report_row(&out, "nature", g[i]->name, v);
	}
	group_row(&out, "all", &rp.all);
	group_rows(&out, "handler", &rp.handlers);
	group_rows(&out, "team", &rp.teams);
	ret = cs_out_end(&out);
	if (ret == 0 && rp.all.n == 0)
		ret = CS_NO;
out:
	free(g);
	cs_groups_free(&rp.natures);
	cs_groups_free(&rp.handlers);
	cs_groups_free(&rp.teams);
	cs_group_free(&rp.all);
	cs_row_free(&h);
	cs_sla_free(&sla);
	return ret;
}

/* ---- the verbs ---- */

static int
run_show(struct cs_cmd *c)
{
	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "show: one id");
	return cmd_show(c->ds, c->ctx, c->o, c->argv[0]);
}

/* list, overdue and report: the period's complaints */
static int
run_reading(struct cs_cmd *c)
{
	struct filter *f = c->ctx;
	int given, report = strcmp(c->verb, "report") == 0;

	f->now = c->ds->now;
	if (c->argc)
		return cs_fail(CS_EUSAGE, "%s: no operands", c->verb);
	if (cs_opts_period(c->o, &f->period, &given) < 0 ||
	    cs_filter_mine(c->ds, f->mine, &f->handler, "--handler") < 0)
		return -1;
	if (!given && report && cs_period_parse(NULL, "last-month",
	    &f->period) < 0)
		return -1;
	if (report)
		return cmd_report(c->ds, f, c->o);
	return cmd_list(c->ds, f, c->o, c->verb[0] == 'o' || f->overdue);
}

#define WRITER "[-D dir] [--wait seconds] "
#define READER "[-D dir] [-o format] "
#define EXPORT READER "[--encoding gb18030] [--excel | --xlsx file] "
static const struct cs_verb verbs[] = {
	{ "add", cmd_add, CS_WRITES, WRITER "add field=value ..." },
	{ "show", run_show, 0, READER "show [--history] id" },
	{ "list", run_reading, 0, EXPORT "list [period] [--customer id] [--department d] "
	  "[--fields field[,...]] [--handler login] [--mine] [--nature n] [--overdue] [--severity s] "
	  "[--status s]" },
	{ "forward", cmd_step, CS_WRITES, WRITER "forward id [department=d] "
	  "[deadline=time]" },
	{ "escalate", cmd_step, CS_WRITES, WRITER "escalate id to=whom" },
	{ "respond", cmd_step, CS_WRITES, WRITER "respond id answer=text" },
	{ "resolve", cmd_step, CS_WRITES, WRITER "resolve id resolution=text" },
	{ "feedback", cmd_step, CS_WRITES, WRITER "feedback id "
	  "satisfied|unsatisfied" },
	{ "visit", cmd_step, CS_WRITES, WRITER "visit id result=text "
	  "[visit_at=time]" },
	{ "close", cmd_step, CS_WRITES, WRITER "close [--override reason] id" },
	{ "overdue", run_reading, 0, EXPORT "overdue [--department d] "
	  "[--fields field[,...]] [--mine]" },
	{ "report", run_reading, 0, EXPORT "report [period]" },
	{ NULL, NULL, 0, NULL },
};

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "customer", required_argument, NULL, 'c' },
	{ "department", required_argument, NULL, 'd' },
	CS_EXPORT_LONG,
	{ "handler", required_argument, NULL, 'H' },
	{ "history", no_argument, NULL, 'y' },
	{ "mine", no_argument, NULL, 'M' },
	{ "nature", required_argument, NULL, 'n' },
	{ "overdue", no_argument, NULL, 'O' },
	{ "override", required_argument, NULL, 'R' },
	{ "severity", required_argument, NULL, 's' },
	{ "status", required_argument, NULL, 'S' },
	{ NULL, 0, NULL, 0 },
};

static int
option(int c, const char *arg, struct cs_opts *o, void *ctx)
{
	struct filter *f = ctx;

	(void)o;
	switch (c) {
	case 'c': f->customer = cs_filter(S, "customer", arg); break;
	case 'd': f->department = cs_filter(S, "department", arg); break;
	case 'H': f->handler = cs_filter(S, "handler", arg); break;
	case 'M': f->mine = 1; break;
	case 'n': f->nature = cs_filter(S, "nature", arg); break;
	case 'O': f->overdue = 1; break;
	case 'R':
		if (*arg == '\0')
			cs_usage_error("--override: a reason");
		f->override = arg;
		break;
	case 's': f->severity = cs_filter(S, "severity", arg); break;
	case 'S': f->status = cs_filter(S, "status", arg); break;
	case 'y': f->history = 1; break;
	}
	return 0;
}

static const struct cs_prog prog = {
	"cs-complain", verbs, "", longopts, option, NULL, NULL,
};

int
main(int argc, char **argv)
{
	struct filter f = { 0 };

	return cs_main(&prog, argc, argv, &f);
}
