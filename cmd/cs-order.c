/*
 * cs-order: logistics orders, from the quote to the signed delivery (the
 * rules: rules/order.c).  Orders live in orders/YYYY-MM/, ids
 * O-YYYYMMDD-NNNN; each step is an event in order-events/YYYY-MM.csv.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

#define S (&cs_schema_orders)

#define events cs_order_events

struct filter {
	const char *customer, *route, *service, *status, *department;
	struct cs_order_queue *queue;	/* --department's */
	int late, exception, unmask, complain;
	struct cs_period period;
	cs_time now;
};

static const char *
get(const struct cs_master *m, const struct cs_row *r, const char *field)
{
	return cs_master_get(m, r, field);
}

/* A field the operands of quote and add may give. */
static int
takes(const struct cs_master *m, const char *field)
{
	(void)m;
	if (cs_order_takes(field))
		return 0;
	return cs_fail(CS_EUSAGE, "field '%s' is not given here", field);
}

static int
cmd_quote(struct cs_cmd *c)
{
	static const char *cols[] = { "chargeable_kg", "volumetric_kg", "freight",
		"transit_days", "promised_at" };
	struct cs_master m;
	struct cs_row rec = { 0 }, h = { 0 }, r = { 0 };
	struct cs_out out = { 0 };
	struct cs_quote q;
	char b[5][32];
	int i, ret = -1;

	if (cs_master_open_rel(&m, c->ds, S, NULL) < 0)
		return -1;
	cs_master_blank(&m, &rec);
	if (cs_assign_operands(&m, &rec, c->argc, c->argv, takes) < 0 ||
	    cs_order_quote(c->ds->dir, &m, &rec, c->ds->now, &q) < 0)
		goto out;
	snprintf(b[0], 32, "%.1f", q.chargeable);
	snprintf(b[1], 32, "%.2f", q.volumetric);
	snprintf(b[2], 32, "%.2f", q.freight);
	snprintf(b[3], 32, "%d", q.transit_days);
	cs_time_format(q.promised, b[4]);
	for (i = 0; i < 5; i++) {
		cs_row_push(&h, cols[i], strlen(cols[i]));
		cs_row_push(&r, b[i], strlen(b[i]));
	}
	cs_out_begin(&out, stdout, cs_opts_fmt(c->o), &h);
	cs_out_row(&out, &r);
	ret = cs_out_end(&out);
out:
	cs_master_close(&m);
	cs_row_free(&rec);
	cs_row_free(&h);
	cs_row_free(&r);
	return ret;
}

static int
cmd_add(struct cs_cmd *c)
{
	struct cs_master m;
	struct cs_row rec = { 0 };
	char *id = NULL;
	int ret = -1;

	if (c->argc == 0)
		return cs_fail(CS_EUSAGE, "add: field=value operands");
	if (cs_master_open_rel(&m, c->ds, S, NULL) < 0)
		return -1;
	cs_master_blank(&m, &rec);
	cs_master_put(&m, &rec, "service", "standard");
	cs_master_put(&m, &rec, "quantity", "1");
	if (cs_assign_operands(&m, &rec, c->argc, c->argv, takes) == 0 &&
	    (ret = cs_order_create(c->ds, &m, &rec, &id)) == 0) {
		cs_committed("stored %s", id);
		printf("%s\n", id);
	}
	cs_master_close(&m);
	cs_row_free(&rec);
	free(id);
	return ret;
}

/* set ID field=value ...: amended before it is confirmed, quoted again
 * when what the quote depends on changed (rules/order.c) */
static int
cmd_set(struct cs_cmd *c)
{
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	struct cs_buf j = { 0 }, det = { 0 };
	off_t start, end;
	int ret = -1;

	if (c->argc < 2)
		return cs_fail(CS_EUSAGE, "set: an id and field=value operands");
	if (cs_lock(c->ds, cs_lock_wait) < 0)
		return -1;
	if (cs_dated_find(c->ds, S, "order", c->argv[0], &m, &old, &start,
	    &end) == 0) {
		cs_row_copy(&new, &old);
		if (cs_assign_operands(&m, &new, c->argc - 1, c->argv + 1,
		    takes) == 0 && cs_order_amend(c->ds, &m, &old, &new, &det) == 0)
			ret = cs_record_change(c->ds, &m, &old, &new, start, end,
			    "set", &j, &events, "set", det.s);
	}
	cs_unlock(c->ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&j);
	cs_buf_free(&det);
	return ret;
}

/*
 * Open a complaint about the order with cs-complain, beside this program
 * or on PATH: its id goes to standard output, through this program, so
 * that a failure there says both were stored.  The exception is recorded
 * already; if this fails, it stays, and the error says so.
 */
static int
complain(struct cs_ds *ds, const char *id, const char *kind, const char *note)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	struct cs_buf a[CS_ORDER_COMPLAINT_N + 1] = { { 0 } }, said = { 0 };
	char *argv[12];
	off_t s, e;
	int st, i, rerr, ret = -1;

	if (cs_dated_find(ds, S, "order", id, &m, &row, &s, &e) < 0) {
		cs_master_close(&m);
		return -1;
	}
	cs_order_complaint(&m, &row, kind, note, a);
	cs_buf_addf(&a[CS_ORDER_COMPLAINT_N], "-D%s", ds->dir);
	cs_master_close(&m);
	cs_row_free(&row);
	argv[0] = "cs-complain";
	argv[1] = a[CS_ORDER_COMPLAINT_N].s;
	argv[2] = "add";
	argv[3] = "channel=phone";
	for (i = 0; i < CS_ORDER_COMPLAINT_N; i++)
		argv[4 + i] = a[i].s;
	argv[4 + i] = NULL;
	if (cs_sibling_run("cs-complain", argv, &said, &st, &rerr) < 0)
		goto out;
	if (st != 0)
		cs_fail(st, "the %s of %s is recorded, but no complaint was opened "
		    "(cs-complain said why)", kind, id);
	else if (rerr)
		cs_fail(CS_EIO, "stored the %s of %s and a complaint, but its id "
		    "could not be read from cs-complain: %s", kind, id,
		    strerror(rerr));
	else {
		cs_committed("stored the %s of %s and complaint %.*s", kind, id,
		    (int)strcspn(said.s, "\n"), said.s);
		fputs(said.s, stdout);
		ret = 0;
	}
out:
	for (i = 0; i <= CS_ORDER_COMPLAINT_N; i++)
		cs_buf_free(&a[i]);
	cs_buf_free(&said);
	return ret;
}

/* ---- the steps ---- */

static int
cmd_step(struct cs_cmd *c)
{
	const struct cs_step *st = cs_step_find(cs_order_steps, c->verb);
	const char *v[CS_OPERANDS_MAX];

	if (c->argc < 1)
		return cs_fail(CS_EUSAGE, "%s: which order?", c->verb);
	if (cs_step_operands(st, c->argc - 1, c->argv + 1, v) < 0)
		return -1;
	return cs_order_step(c->ds, st, c->argv[0], v);
}

/* "ID WHAT op..." as the step WHAT on "ID op..." */
static void
as_step(struct cs_cmd *c)
{
	c->verb = c->argv[1];
	c->argv[1] = c->argv[0];
	c->argc--, c->argv++;
}

/* event ID WHAT op...: the step WHAT on ID op... */
static int
cmd_event(struct cs_cmd *c)
{
	if (c->argc >= 2)	/* 运输中: in-transit */
		c->argv[1] = (char *)cs_value_canon("status", c->argv[1]);
	if (c->argc < 2 || !cs_in_list(c->argv[1],
	    "picked-up|in-transit|out-for-delivery|delivered"))
		return cs_fail(CS_EUSAGE, "event: an id and picked-up, "
		    "in-transit, out-for-delivery or delivered");
	as_step(c);
	return cmd_step(c);
}

/* exception ID KIND op...: the step KIND, and with --complain a
 * complaint about a damage or a loss */
static int
cmd_exception(struct cs_cmd *c)
{
	const struct filter *f = c->ctx;
	const char *kind, *id;
	int r;

	if (c->argc >= 2)	/* 延误, 破损, 丢失 */
		c->argv[1] = (char *)cs_value_canon("nature", c->argv[1]);
	if (c->argc < 2 || !cs_in_list(c->argv[1], "delay|damage|loss"))
		return cs_fail(CS_EUSAGE, "exception: an id and delay, damage or "
		    "loss");
	kind = c->argv[1];
	id = c->argv[0];
	if (f->complain && !strcmp(kind, "delay"))
		return cs_fail(CS_EUSAGE, "--complain: for a damage or a loss");
	/* what cs-complain would refuse, refused before the event is
	 * stored: else each retry would store the event again */
	if (f->complain && cs_roster_team(c->ds, "handler", c->ds->user,
	    NULL) < 0)
		return cs_fail(cs_errstatus(), "--complain: %s: nothing stored",
		    cs_errmsg());
	as_step(c);
	r = cmd_step(c);
	if (r == 0 && f->complain)
		r = complain(c->ds, id, kind, cs_operand(c->argc - 1, c->argv + 1,
		    "note"));
	return r;
}

/* ---- views ---- */

static int
keep(const struct cs_master *m, const struct cs_row *r, const struct filter *f)
{
	const struct cs_match eq[] = {
		{ "customer", f->customer }, { "service", f->service },
		{ "status", f->status },
	};
	char route[80];

	if (!cs_master_match(m, r, eq, sizeof eq / sizeof eq[0]))
		return 0;
	snprintf(route, sizeof route, "%s-%s", get(m, r, "origin_region"),
	    get(m, r, "destination_region"));
	if (f->route && strcmp(route, f->route))
		return 0;
	if ((f->exception && *get(m, r, "exception") == '\0') ||
	    (f->queue && !cs_order_queued(f->queue, m, r)))
		return 0;
	if (f->late && !cs_order_late(get(m, r, "status"), cs_master_get_time(m,
	    r, "promised_at"), f->now) && !cs_order_unresolved(m, r))
		return 0;
	return cs_period_contains(&f->period, cs_master_get_time(m, r,
	    "created_at"));
}

/* The listing's test (cli/list.c): the record, masked, passes. */
static int
list_keep(void *ctx, const struct cs_master *m, const struct cs_row *r,
    char *extra, size_t n)
{
	(void)extra, (void)n;
	return keep(m, r, ctx);
}

/* list, late and export: the period's orders that pass, across the
 * cores (cli/list.c). */
static int
cmd_list(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o)
{
	const struct cs_listing l = { S, &f->period, NULL, NULL, NULL, list_keep,
	    (void *)f, NULL, NULL };

	return cs_list_dated(ds, o, &l);
}

static int
cmd_show(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o,
    const char *id, int track)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	struct cs_out out = { 0 };
	enum cs_fmt fmt = cs_opts_fmt(o);
	off_t s, e;
	int ret = -1;

	if (cs_dated_find(ds, S, "order", id, &m, &row, &s, &e) < 0) {
		if (cs_errstatus() == CS_EDATA)
			cs_fail(CS_NO, "%s", cs_errmsg());
		goto out;
	}
	out.gb18030 = o->gb18030;
	if (!track) {
		cs_master_masked(&m, &row, f->unmask);
		ret = cs_out_record(&out, stdout, fmt, &m.hdr, &row);
		goto out;
	}
	/* the timeline: the order's events, from its month on */
	if ((ret = cs_out_events(ds, &events, id, &out, stdout, fmt)) < 0)
		cs_out_end(&out);
out:
	cs_master_close(&m);
	cs_row_free(&row);
	return ret;
}

/* ---- the monthly report ---- */

static void
orow(struct cs_out *out, const char *section, const struct cs_group *g)
{
	struct cs_row r = { 0 };
	char b[5][32];
	int c;

	snprintf(b[0], 32, "%ld", g->n);
	snprintf(b[1], 32, "%ld", g->k[CS_OK_DELIVERED]);
	cs_share(b[2], g->k[CS_OK_ON_TIME], g->k[CS_OK_DELIVERED]);
	snprintf(b[3], 32, "%ld", g->k[CS_OK_EXCEPTIONS]);
	snprintf(b[4], 32, "%.2f", g->sum);
	cs_row_push(&r, section, strlen(section));
	cs_row_push(&r, g->name, strlen(g->name));
	for (c = 0; c < 5; c++)
		cs_row_push(&r, b[c], strlen(b[c]));
	cs_out_row(out, &r);
	cs_row_free(&r);
}

static void
orows(struct cs_out *out, const char *section, struct cs_groups *gs)
{
	struct cs_group **g = cs_groups_sorted(gs, 0);
	size_t i;

	for (i = 0; g[i]; i++)
		orow(out, section, g[i]);
	free(g);
}

/*
 * The period's orders (by default last month): all, by route and by
 * service; the exceptions by type and by route; orders, delivered, the
 * share delivered by the promised time, exceptions and freight each.
 */
static int
cmd_report(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o)
{
	static const char *cols[] = { "section", "name", "orders", "delivered",
		"on_time", "exceptions", "freight" };
	struct cs_order_report rp;
	struct cs_row h = { 0 };
	struct cs_out out = { 0 };
	int ret, c;

	if (cs_order_report(ds->dir, &f->period, &rp) < 0)
		return -1;
	for (c = 0; c < 7; c++)
		cs_row_push(&h, cols[c], strlen(cols[c]));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	orow(&out, "all", &rp.all);
	orows(&out, "route", &rp.routes);
	orows(&out, "service", &rp.services);
	orows(&out, "exception", &rp.types);
	orows(&out, "exception route", &rp.exroutes);
	ret = cs_out_end(&out);
	if (ret == 0 && rp.all.n == 0)
		ret = CS_NO;
	cs_order_report_free(&rp);
	cs_row_free(&h);
	return ret;
}

/* ---- the verbs ---- */

/* --unmask: the role, the reason and the journal line (cli/verbs.c). */
static int
unmasked(struct cs_cmd *c)
{
	return cs_verb_unmask(c->ds, c->o, c->verb, c->argc ? c->argv[0] : "*",
	    c->verb);
}

/* show and track */
static int
cmd_one(struct cs_cmd *c)
{
	if (unmasked(c) < 0)
		return -1;
	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "%s: one id", c->verb);
	return cmd_show(c->ds, c->ctx, c->o, c->argv[0], c->verb[0] == 't');
}

/* list, late, export and report: the period's orders */
static int
cmd_period(struct cs_cmd *c)
{
	struct filter *f = c->ctx;
	int given, r;

	f->now = c->ds->now;
	if (unmasked(c) < 0)
		return -1;
	if (c->argc)
		return cs_fail(CS_EUSAGE, "%s: no operands", c->verb);
	if (cs_opts_period(c->o, &f->period, &given) < 0)
		return -1;
	if (!strcmp(c->verb, "report")) {
		if (!given && cs_period_parse(NULL, "last-month", &f->period) < 0)
			return -1;
		return cmd_report(c->ds, f, c->o);
	}
	if (!strcmp(c->verb, "late"))
		f->late = 1;
	if (!strcmp(c->verb, "export") && !c->o->fmt_set && !c->o->excel)
		c->o->fmt = CS_FMT_CSV, c->o->fmt_set = 1;
	if (f->department && !(f->queue = cs_order_queue_open(c->ds->dir,
	    f->department)))
		return -1;
	r = cmd_list(c->ds, f, c->o);
	cs_order_queue_free(f->queue);
	return r;
}

#define WRITER "[-D dir] [--wait seconds] "
#define READER "[-D dir] [-o format] "
#define AT "[location=place]"
/* show, list and export journal an --unmask: they may write */
static const struct cs_verb verbs[] = {
	{ "quote", cmd_quote, 0, READER "quote field=value ..." },
	{ "add", cmd_add, CS_WRITES, WRITER "add field=value ..." },
	{ "show", cmd_one, CS_WRITES, READER "[--unmask --reason text] show id" },
	{ "track", cmd_one, 0, READER "track id" },
	{ "list", cmd_period, CS_WRITES, READER "[--unmask --reason text] list "
	  "[period] [--customer id] [--department d] [--exception] [--fields field[,...]] "
	  "[--late] [--route from-to] [--service s] [--status s]" },
	{ "late", cmd_period, 0, READER "late" },
	{ "export", cmd_period, CS_WRITES, READER "[--encoding gb18030] "
	  "[--excel | --xlsx file] [--unmask --reason text] export [period]" },
	{ "report", cmd_period, 0, READER "report [period]" },
	{ "set", cmd_set, CS_WRITES, WRITER "set id field=value ..." },
	{ "review", cmd_step, CS_WRITES, WRITER "review id " AT },
	{ "confirm", cmd_step, CS_WRITES, WRITER "confirm id " AT },
	{ "prepare", cmd_step, CS_WRITES, WRITER "prepare id [note=text] " AT },
	{ "pack", cmd_step, CS_WRITES, WRITER "pack id [note=text] " AT },
	{ "dispatch", cmd_step, CS_WRITES, WRITER "dispatch id vehicle=plate "
	  "driver=name " AT },
	{ "event", cmd_event, CS_WRITES, WRITER "event id "
	  "picked-up|in-transit|out-for-delivery|delivered " AT },
	{ "sign", cmd_step, CS_WRITES, WRITER "sign id by=name " AT },
	{ "exception", cmd_exception, CS_WRITES, WRITER "exception [--complain] "
	  "id delay|damage|loss [note=text] [estimated_at=time] "
	  "[owner=who | department=d] " AT },
	{ "resolve", cmd_step, CS_WRITES, WRITER "resolve id resolution=text "
	  AT },
	{ "cancel", cmd_step, CS_WRITES, WRITER "cancel id reason=text " AT },
	{ NULL, NULL, 0, NULL },
};

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "complain", no_argument, NULL, 'K' },
	{ "customer", required_argument, NULL, 'c' },
	{ "department", required_argument, NULL, 'd' },
	CS_EXPORT_LONG,
	{ "exception", no_argument, NULL, 'X' },
	{ "late", no_argument, NULL, 'l' },
	{ "reason", required_argument, NULL, 'R' },
	{ "route", required_argument, NULL, 'r' },
	{ "service", required_argument, NULL, 's' },
	{ "status", required_argument, NULL, 'S' },
	{ "unmask", no_argument, NULL, 'u' },
	{ NULL, 0, NULL, 0 },
};

static int
option(int c, const char *arg, struct cs_opts *o, void *ctx)
{
	struct filter *f = ctx;

	(void)o;
	switch (c) {
	case 'c': f->customer = arg; break;
	case 'd': f->department = cs_filter(S, "department", arg); break;
	case 'K': f->complain = 1; break;
	case 'l': f->late = 1; break;
	case 'r': f->route = arg; break;
	case 's': f->service = cs_filter(S, "service", arg); break;
	case 'S': f->status = cs_filter(S, "status", arg); break;
	case 'R': o->reason = arg; break;
	case 'u': f->unmask = o->unmask = 1; break;
	case 'X': f->exception = 1; break;
	}
	return 0;
}

static const struct cs_prog prog = {
	"cs-order", verbs, "", longopts, option, NULL, NULL,
};

int
main(int argc, char **argv)
{
	struct filter f = { 0 };

	return cs_main(&prog, argc, argv, &f);
}
