/*
 * cs-complain: complaints, driven through the responsible department
 * until the customer is satisfied (ISO 10002).
 *
 *	add -> forward -> respond -> resolve -> feedback satisfied -> visit
 *	  ^                                        |              -> close
 *	  +------------ feedback unsatisfied ------+
 *
 * Records live in complaints/YYYY-MM/ (dated.c), ids K-YYYYMMDD-NNNN;
 * every step is also an event in complaint-events/YYYY-MM.csv, written in
 * the same commit as the record and its journal lines (cs_commit).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

#define S (&cs_schema_complaints)
#define EV_HEADER "time,id,step,by,detail\n"

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: cs-complain [-D dir] [--wait seconds] add field=value ...\n"
	    "       cs-complain [-D dir] [-o format] show [--history] id\n"
	    "       cs-complain [-D dir] [-o format] list [period] [--department d]\n"
	    "                   [--handler login] [--nature n] [--severity s]\n"
	    "                   [--status s]\n"
	    "       cs-complain [-D dir] [--wait seconds] forward id [department=d]\n"
	    "                   [deadline=time]\n"
	    "       cs-complain [-D dir] [--wait seconds] escalate id to=whom\n"
	    "       cs-complain [-D dir] [--wait seconds] respond id answer=text\n"
	    "       cs-complain [-D dir] [--wait seconds] resolve id resolution=text\n"
	    "       cs-complain [-D dir] [--wait seconds] feedback id\n"
	    "                   satisfied|unsatisfied\n"
	    "       cs-complain [-D dir] [--wait seconds] visit id result=text\n"
	    "                   [visit_at=time]\n"
	    "       cs-complain [-D dir] [--wait seconds] close [--override reason] id\n"
	    "       cs-complain [-D dir] [-o format] overdue\n"
	    "       cs-complain [-D dir] [-o format] report [period]\n");
	cs_exit(status);
}

struct filter {
	const char *department, *handler, *nature, *severity, *status;
	const char *override;
	int history;
	struct cs_period period;
	cs_time now;
};

static const char *
get(const struct cs_master *m, const struct cs_row *r, const char *field)
{
	return cs_master_get(m, r, field);
}

/* The nature's line of policy/complaint-natures.csv: its department. */
static int
nature_department(struct cs_ds *ds, const char *nature, char **dept)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k = 0, nc, dc;

	*dept = NULL;
	if (cs_policy_open(&r, ds->dir, 0, "policy/complaint-natures.csv") < 0)
		return -1;
	nc = cs_row_find(&r.hdr, "nature"), dc = cs_row_find(&r.hdr, "department");
	if (nc < 0 || dc < 0) {
		cs_reader_close(&r);
		return cs_fail(CS_ECONFIG, "policy/complaint-natures.csv:1: want "
		    "nature and department columns");
	}
	while (*dept == NULL && (k = cs_reader_next(&r, &row)) > 0)
		if (strcmp(cs_row_get(&row, (size_t)nc), nature) == 0)
			*dept = cs_xstrdup(cs_row_get(&row, (size_t)dc));
	cs_reader_close(&r);
	cs_row_free(&row);
	if (k < 0)
		return cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	if (*dept == NULL)
		return cs_fail(CS_EDATA, "field 'nature': '%s' is not in "
		    "policy/complaint-natures.csv", nature);
	return 0;
}

/* The policy's deadlines for a complaint of severity sev. */
static const struct cs_sla_rule *
rule_for(const struct cs_sla *sla, const char *sev)
{
	char kind[32];

	snprintf(kind, sizeof kind, "complaint-%s", sev);
	return cs_sla_rule(sla, kind, "*");
}

/* ---- add ---- */

static const char *const add_fields[] = { "received_at", "customer", "order",
	"ticket", "channel", "content", "remedy", "nature", "severity", "handler",
	"department", NULL };

static int
is_given(const char *field)
{
	const char *const *p;

	for (p = add_fields; *p; p++)
		if (strcmp(*p, field) == 0)
			return 1;
	return 0;
}

static int
cmd_add(struct cs_ds *ds, int argc, char **argv)
{
	struct cs_master m, tail = { 0 };
	struct cs_row rec = { 0 }, laid = { 0 };
	struct cs_buf ids = { 0 }, ev = { 0 }, j = { 0 }, line = { 0 }, det = { 0 };
	struct cs_sla sla = { 0 };
	const struct cs_sla_rule *rule;
	char *team = NULL, *dept = NULL, *field, *id = NULL, *evrel = NULL, took[32];
	const char *value;
	cs_time received;
	int i, ret = -1, locked = 0;

	if (cs_master_open_rel(&m, ds, S, NULL) < 0 || cs_sla_load(&sla, ds->dir) < 0)
		goto out;
	cs_master_blank(&m, &rec);
	cs_master_put(&m, &rec, "severity", "normal");
	cs_master_put(&m, &rec, "handler", ds->user);
	for (i = 0; i < argc; i++) {
		if (cs_arg_utf8("operand", argv[i]) < 0 ||
		    cs_assign_split(argv[i], &field, &value) < 0)
			goto out;
		if (!is_given(field)) {
			cs_fail(CS_EUSAGE, "%s field '%s' for a new complaint",
			    cs_schema_col(S, field) ? "not a" : "unknown", field);
			free(field);
			goto out;
		}
		ret = cs_master_assign(&m, &rec, field, value);
		free(field);
		if (ret < 0)
			goto out;
		ret = -1;
	}
	for (i = 0; i < 3; i++) {
		static const char *need[] = { "channel", "content", "nature" };
		if (*get(&m, &rec, need[i]) == '\0') {
			cs_fail(CS_EUSAGE, "field '%s' is required", need[i]);
			goto out;
		}
	}
	received = ds->now;
	if (*get(&m, &rec, "received_at"))
		received = cs_master_get_time(&m, &rec, "received_at");
	if (received > ds->now) {
		cs_fail(CS_EDATA, "field 'received_at': after now");
		goto out;
	}
	cs_master_put_time(&m, &rec, "received_at", received);
	cs_master_put_time(&m, &rec, "recorded_at", ds->now);
	cs_master_put(&m, &rec, "recorded_by", ds->user);
	if (cs_roster_team(ds, "handler", get(&m, &rec, "handler"), &team) < 0 ||
	    cs_customer_known(ds, get(&m, &rec, "customer")) < 0 ||
	    nature_department(ds, get(&m, &rec, "nature"), &dept) < 0)
		goto out;
	cs_master_put(&m, &rec, "team", team);
	if (*get(&m, &rec, "department") == '\0')
		cs_master_put(&m, &rec, "department", dept);
	cs_master_put(&m, &rec, "status", "open");
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	locked = 1;
	if (cs_dated_open_tail(&tail, ds, S, &id) < 0)
		goto out;
	cs_master_put(&m, &rec, "id", id);
	cs_master_remap(&m, &rec, &tail, &laid);
	cs_csv_record(&line, &laid);
	/* the 10-minute rule: how long after receipt it was recorded */
	rule = rule_for(&sla, get(&m, &rec, "severity"));
	cs_duration_format(ds->now - received, took);
	cs_buf_addf(&det, "received %s, recorded %s later%s", get(&m, &rec,
	    "received_at"), took, rule && ds->now - received > rule->first_response ?
	    " (late)" : "");
	cs_event_line(&ev, ds, id, "recorded", det.s);
	line.s[--line.len] = '\0';
	cs_journal_line(&j, ds, "add", id, "", "", line.s);
	line.s[line.len++] = '\n';
	evrel = cs_month_rel("complaint-events", ds->now);
	{
		struct cs_buf hdr = { 0 };
		cs_csv_record(&hdr, &tail.hdr);
		struct cs_op ops[2] = {
			{ 0, evrel, EV_HEADER, 0, 0, &ev },
			{ 0, tail.rel, hdr.s, 0, 0, &line },
		};
		ret = cs_commit(ds, &j, ops, 2);
		cs_buf_free(&hdr);
	}
	if (ret == 0) {
		cs_committed("stored %s", id);
		printf("%s\n", id);
	}
out:
	if (locked)
		cs_unlock(ds);
	cs_master_close(&m);
	cs_master_close(&tail);
	cs_row_free(&rec);
	cs_row_free(&laid);
	cs_buf_free(&ids);
	cs_buf_free(&ev);
	cs_buf_free(&j);
	cs_buf_free(&line);
	cs_buf_free(&det);
	cs_sla_free(&sla);
	free(team);
	free(dept);
	free(id);
	free(evrel);
	return ret;
}

/* ---- the steps ---- */

struct step {
	const char *verb, *from, *to, *why;
};

static const struct step steps[] = {
	{ "forward", "open", "forwarded", "it is forwarded already; "
	  "an unsatisfied customer's complaint is open again" },
	{ "escalate", "open|forwarded|answered|resolved|satisfied|visited", NULL,
	  "a closed complaint is not escalated" },
	{ "respond", "forwarded", "answered", "forward it to the department first" },
	{ "resolve", "answered", "resolved", "the department has not answered" },
	{ "feedback", "resolved", NULL, "the customer is asked once it is resolved" },
	{ "visit", "satisfied", "visited", "the follow-up visit comes after a "
	  "satisfied feedback" },
	{ "close", "satisfied|visited", "closed", "the customer is not satisfied: "
	  "close --override REASON" },
};

static const struct step *
find_step(const char *verb)
{
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(steps[i].verb, verb) == 0)
			return &steps[i];
	return NULL;
}

static int
cmd_step(struct cs_ds *ds, const struct filter *f, const char *verb, int argc,
    char **argv)
{
	const struct step *st = find_step(verb);
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	struct cs_buf j = { 0 }, ev = { 0 }, line = { 0 }, det = { 0 };
	struct cs_sla sla = { 0 };
	const struct cs_sla_rule *rule;
	const char *id, *status;
	char *evrel = NULL;
	off_t start, end;
	int ret = -1, override = 0;

	if (argc < 1)
		return cs_fail(CS_EUSAGE, "%s: which complaint?", verb);
	id = argv[0];
	argc--, argv++;
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
	if (!cs_in_list(status, st->from)) {
		if (strcmp(verb, "close") == 0 && f->override &&
		    strcmp(status, "closed") != 0)
			override = 1;
		else {
			if (strcmp(status, "closed") == 0)
				cs_fail(CS_EDATA, "%s %s: the complaint is closed", verb, id);
			else
				cs_fail(CS_EDATA, "%s %s: the complaint is %s; %s", verb, id,
				    status, st->why);
			goto out;
		}
	}
	if (f->override && strcmp(verb, "close") == 0 && !override) {
		cs_fail(CS_EUSAGE, "close %s: the customer is satisfied; no "
		    "--override needed", id);
		goto out;
	}
	cs_row_copy(&new, &old);
	rule = rule_for(&sla, get(&m, &old, "severity"));
	if (strcmp(verb, "forward") == 0) {
		const char *dept, *dl;
		cs_time t;
		if (cs_operands_check(argc, argv, "department|deadline", verb) < 0)
			goto out;
		dept = cs_operand(argc, argv, "department");
		dl = cs_operand(argc, argv, "deadline");
		if (*dept && cs_master_assign(&m, &new, "department", dept) < 0)
			goto out;
		if (*dl) {
			if (cs_master_assign(&m, &new, "deadline", dl) < 0)
				goto out;
		} else if (rule) {
			t = cs_sla_add(&sla, rule->business, ds->now, rule->resolution);
			cs_master_put_time(&m, &new, "deadline", t);
		}
		cs_buf_addf(&det, "to %s, answer by %s", get(&m, &new, "department"),
		    get(&m, &new, "deadline"));
	} else if (strcmp(verb, "escalate") == 0) {
		if (cs_operands_check(argc, argv, "to", verb) < 0)
			goto out;
		if (*cs_operand(argc, argv, "to") == '\0') {
			cs_fail(CS_EUSAGE, "escalate: to=whom is required");
			goto out;
		}
		if (*get(&m, &old, "escalated_to")) {
			cs_fail(CS_EDATA, "escalate %s: escalated already, to %s at %s",
			    id, get(&m, &old, "escalated_to"), get(&m, &old,
			    "escalated_at"));
			goto out;
		}
		if (cs_master_assign(&m, &new, "escalated_to", cs_operand(argc, argv,
		    "to")) < 0)
			goto out;
		cs_master_put_time(&m, &new, "escalated_at", ds->now);
		cs_buf_addf(&det, "to %s", cs_operand(argc, argv, "to"));
	} else if (strcmp(verb, "respond") == 0 || strcmp(verb, "resolve") == 0) {
		const char *field = strcmp(verb, "respond") == 0 ? "answer" :
		    "resolution";
		if (cs_operands_check(argc, argv, field, verb) < 0)
			goto out;
		if (*cs_operand(argc, argv, field) == '\0') {
			cs_fail(CS_EUSAGE, "%s: %s=text is required", verb, field);
			goto out;
		}
		if (cs_master_assign(&m, &new, field, cs_operand(argc, argv, field)) < 0)
			goto out;
		cs_master_put_time(&m, &new, field[0] == 'a' ? "answered_at" :
		    "resolved_at", ds->now);
		cs_buf_adds(&det, cs_operand(argc, argv, field));
	} else if (strcmp(verb, "feedback") == 0) {
		if (argc != 1 || (strcmp(argv[0], "satisfied") &&
		    strcmp(argv[0], "unsatisfied"))) {
			cs_fail(CS_EUSAGE, "feedback: satisfied or unsatisfied");
			goto out;
		}
		cs_master_put(&m, &new, "feedback", argv[0]);
		if (argv[0][0] == 's')
			cs_master_put(&m, &new, "status", "satisfied");
		else {
			/* round again: to the department, answer, resolution */
			char n[24];
			snprintf(n, sizeof n, "%ld", atol(get(&m, &old, "reopens")) + 1);
			cs_master_put(&m, &new, "reopens", n);
			cs_master_put(&m, &new, "status", "open");
			cs_master_put(&m, &new, "deadline", "");
			cs_master_put(&m, &new, "answered_at", "");
			cs_master_put(&m, &new, "resolved_at", "");
		}
		cs_buf_adds(&det, argv[0]);
	} else if (strcmp(verb, "visit") == 0) {
		const char *at;
		if (cs_operands_check(argc, argv, "result|visit_at", verb) < 0)
			goto out;
		if (*cs_operand(argc, argv, "result") == '\0') {
			cs_fail(CS_EUSAGE, "visit: result=text is required");
			goto out;
		}
		at = cs_operand(argc, argv, "visit_at");
		if (cs_master_assign(&m, &new, "visit_result", cs_operand(argc, argv,
		    "result")) < 0 || (*at && cs_master_assign(&m, &new, "visit_at",
		    at) < 0))
			goto out;
		if (!*at)
			cs_master_put_time(&m, &new, "visit_at", ds->now);
		cs_buf_adds(&det, cs_operand(argc, argv, "result"));
	} else {		/* close */
		if (argc) {
			cs_fail(CS_EUSAGE, "close: only an id (and --override reason)");
			goto out;
		}
		cs_master_put_time(&m, &new, "closed_at", ds->now);
		if (override) {
			cs_buf_addf(&det, "override: %s", f->override);
			cs_journal_line(&j, ds, "close", id, "override", status,
			    f->override);
		}
	}
	if (st->to)
		cs_master_put(&m, &new, "status", st->to);
	cs_master_diff(&m, &old, &new, verb, &j);
	cs_event_line(&ev, ds, id, strcmp(verb, "feedback") ? verb : get(&m, &new,
	    "feedback"), det.s ? det.s : "");
	cs_csv_record(&line, &new);
	evrel = cs_month_rel("complaint-events", ds->now);
	{
		struct cs_op ops[2] = {
			{ 0, evrel, EV_HEADER, 0, 0, &ev },
			{ 1, m.rel, NULL, start, end, &line },
		};
		ret = cs_commit(ds, &j, ops, 2);
	}
out:
	cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&j);
	cs_buf_free(&ev);
	cs_buf_free(&line);
	cs_buf_free(&det);
	cs_sla_free(&sla);
	free(evrel);
	return ret;
}

/* ---- reading ---- */

/* Why an open complaint is overdue at now ("" if it is not). */
static void
overdue_why(const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, cs_time now, char *why, size_t n)
{
	const struct cs_sla_rule *rule = rule_for(sla, get(m, r, "severity"));
	cs_time received = cs_master_get_time(m, r, "received_at");
	cs_time recorded = cs_master_get_time(m, r, "recorded_at");
	cs_time deadline = cs_master_get_time(m, r, "deadline");
	const char *st = get(m, r, "status");
	char d[32];

	why[0] = '\0';
	if (!strcmp(st, "closed"))
		return;
	if (rule && recorded - received > rule->first_response) {
		cs_duration_format(recorded - received, d);
		snprintf(why + strlen(why), n - strlen(why), "recorded %s after "
		    "receipt; ", d);
	}
	if (!strcmp(st, "forwarded") && deadline && deadline < now) {
		cs_duration_format(now - deadline, d);
		snprintf(why + strlen(why), n - strlen(why), "department answer %s "
		    "late; ", d);
	}
	if (rule && rule->escalation && *get(m, r, "escalated_to") == '\0' &&
	    cs_sla_add(sla, rule->business, received, rule->escalation) < now) {
		cs_duration_format(now - cs_sla_add(sla, rule->business, received,
		    rule->escalation), d);
		snprintf(why + strlen(why), n - strlen(why), "not escalated, %s "
		    "late; ", d);
	}
	if (*why)
		why[strlen(why) - 2] = '\0';
}

static int
keep(const struct cs_master *m, const struct cs_row *r, const struct filter *f)
{
	struct { const char *want, *field; } eq[] = {
		{ f->department, "department" }, { f->handler, "handler" },
		{ f->nature, "nature" }, { f->severity, "severity" },
		{ f->status, "status" },
	};
	size_t i;

	for (i = 0; i < sizeof eq / sizeof eq[0]; i++)
		if (eq[i].want && strcmp(get(m, r, eq[i].field), eq[i].want))
			return 0;
	return cs_period_contains(&f->period, cs_master_get_time(m, r,
	    "received_at"));
}

/* Every record of the period that passes the filters, to fn. */
static int
each(struct cs_ds *ds, const struct filter *f,
    int (*fn)(void *, const struct cs_master *, const struct cs_row *), void *ctx)
{
	struct cs_period wide = f->period;
	char **files, **p;
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k = 0;

	/* a complaint lives in the month it was recorded; one received on
	 * the last evening of the period may have been recorded after it */
	if (wide.to < INT64_MAX - 2 * 86400)
		wide.to += 2 * 86400;
	if ((files = cs_dated_files(ds->dir, S, &wide)) == NULL)
		return -1;
	if (cs_master_open_rel(&m, ds, S, NULL) < 0) {
		cs_strv_free(files);
		return -1;
	}
	for (p = files; *p && k >= 0; p++) {
		if ((k = cs_reader_open(&r, *p, CS_READ_STORE, 0)) < 0)
			break;
		if (cs_schema_bind(S, &r.hdr, r.name, m.idx) < 0)
			k = -1;
		cs_row_copy(&m.hdr, &r.hdr);
		while (k >= 0 && (k = cs_reader_next(&r, &row)) > 0)
			if (keep(&m, &row, f) && fn(ctx, &m, &row) < 0)
				k = -1;
		cs_reader_close(&r);
	}
	cs_strv_free(files);
	cs_row_free(&row);
	cs_master_close(&m);
	return k < 0 ? -1 : 0;
}

struct listing {
	struct cs_out out;
	const struct cs_sla *sla;
	int overdue, begun;
	cs_time now;
	size_t n;
};

static int
list_one(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct listing *l = ctx;
	struct cs_row o = { 0 };
	char why[256];

	if (l->overdue) {
		/* a late answer or escalation; a late recording while the
		 * complaint is still waiting to be forwarded */
		overdue_why(m, r, l->sla, l->now, why, sizeof why);
		if (!strstr(why, "department") && !strstr(why, "escalated") &&
		    !(*why && !strcmp(get(m, r, "status"), "open")))
			return 0;
	}
	if (!l->begun) {
		struct cs_row h = { 0 };
		cs_row_copy(&h, &m->hdr);
		if (l->overdue)
			cs_row_push(&h, "overdue", 7);
		cs_out_begin(&l->out, stdout, l->out.fmt, &h);
		cs_row_free(&h);
		l->begun = 1;
	}
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
		struct cs_row h = { 0 };
		cs_master_open_rel(&m, ds, S, NULL);
		cs_row_copy(&h, &m.hdr);
		if (overdue)
			cs_row_push(&h, "overdue", 7);
		cs_out_begin(&l.out, stdout, l.out.fmt, &h);
		cs_row_free(&h);
		cs_master_close(&m);
		l.begun = 1;
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
	struct cs_row row = { 0 }, hdr = { 0 }, kv = { 0 };
	struct cs_out out = { 0 };
	enum cs_fmt fmt = cs_opts_fmt(o);
	off_t s, e;
	size_t i;
	int ret = -1;
	static const char *ecols[] = { "time", "id", "step", "by", "detail" };

	if (cs_dated_find(ds, S, "complaint", id, &m, &row, &s, &e) < 0) {
		if (cs_errstatus() == CS_EDATA)
			cs_fail(CS_NO, "%s", cs_errmsg());
		goto out;
	}
	out.gb18030 = o->gb18030;
	if (f->history || fmt == CS_FMT_TABLE) {
		if (fmt == CS_FMT_TABLE && !f->history) {
			cs_row_push(&hdr, "field", 5);
			cs_row_push(&hdr, "value", 5);
			out.maxw = 160;
			cs_out_begin(&out, stdout, fmt, &hdr);
			for (i = 0; i < m.hdr.n; i++) {
				cs_row_clear(&kv);
				cs_row_push(&kv, cs_row_get(&m.hdr, i),
				    strlen(cs_row_get(&m.hdr, i)));
				cs_row_push(&kv, cs_row_get(&row, i),
				    strlen(cs_row_get(&row, i)));
				cs_out_row(&out, &kv);
			}
			if (cs_out_end(&out) < 0)
				goto out;
			printf("\nhistory:\n");
			cs_row_clear(&hdr);
		}
		for (i = 0; i < 5; i++)
			cs_row_push(&hdr, ecols[i], strlen(ecols[i]));
		out.maxw = 0;
		cs_out_begin(&out, stdout, fmt, &hdr);
		if (cs_id_lines(ds, "complaint-events", id, 0, NULL, NULL, &out) < 0)
			goto out;
		ret = cs_out_end(&out);
		goto out;
	}
	cs_out_begin(&out, stdout, fmt, &m.hdr);
	cs_out_row(&out, &row);
	ret = cs_out_end(&out);
out:
	cs_master_close(&m);
	cs_row_free(&row);
	cs_row_free(&hdr);
	cs_row_free(&kv);
	return ret;
}

/* ---- report ---- */

struct group {
	char name[96];
	long n, in_time, answered, answered_on_time, with_feedback, satisfied;
	long reopened, closed;
	double *hours;		/* to close, of the closed ones */
};

struct reporting {
	struct cs_map natures, handlers, teams;
	struct group all;
	const struct cs_sla *sla;
};

static struct group *
group_of(struct cs_map *m, const char *name)
{
	int isnew;
	void **slot = cs_map_slot(m, name, &isnew);

	if (isnew) {
		struct group *g = cs_xmalloc(sizeof *g);
		memset(g, 0, sizeof *g);
		snprintf(g->name, sizeof g->name, "%s", name);
		*slot = g;
	}
	return *slot;
}

static void
free_group(void *p)
{
	struct group *g = p;

	free(g->hours);
	free(g);
}

static void
count(struct group *g, const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla)
{
	const struct cs_sla_rule *rule = rule_for(sla, get(m, r, "severity"));
	cs_time received = cs_master_get_time(m, r, "received_at");
	cs_time answered = cs_master_get_time(m, r, "answered_at");
	cs_time deadline = cs_master_get_time(m, r, "deadline");

	g->n++;
	g->in_time += !rule || cs_master_get_time(m, r, "recorded_at") - received <=
	    rule->first_response;
	if (answered && deadline) {
		g->answered++;
		g->answered_on_time += answered <= deadline;
	}
	if (*get(m, r, "feedback")) {
		g->with_feedback++;
		g->satisfied += !strcmp(get(m, r, "feedback"), "satisfied");
	}
	g->reopened += atol(get(m, r, "reopens")) > 0;
	if (!strcmp(get(m, r, "status"), "closed")) {
		g->hours = cs_xrealloc(g->hours, (size_t)(g->closed + 1) *
		    sizeof *g->hours);
		g->hours[g->closed++] = (double)(cs_master_get_time(m, r,
		    "closed_at") - received) / 3600;
	}
}

static int
report_one(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct reporting *rp = ctx;
	char key[96];

	snprintf(key, sizeof key, "%s / %s", get(m, r, "nature"),
	    get(m, r, "department"));
	group_of(&rp->natures, key)->n++;
	count(&rp->all, m, r, rp->sla);
	count(group_of(&rp->handlers, get(m, r, "handler")), m, r, rp->sla);
	count(group_of(&rp->teams, get(m, r, "team")), m, r, rp->sla);
	return 0;
}

static int
by_hours(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
share(char *out, long k, long n)
{
	if (n == 0)
		snprintf(out, 16, "no data");
	else
		snprintf(out, 16, "%.1f%%", 100.0 * (double)k / (double)n);
}

/* A line of the report for a group of complaints. */
static void
group_row(struct cs_out *out, const char *section, struct group *g)
{
	struct cs_row r = { 0 };
	char v[8][32];
	double sum = 0;
	long i;
	int c;

	snprintf(v[0], 32, "%ld", g->n);
	share(v[1], g->in_time, g->n);
	share(v[2], g->answered_on_time, g->answered);
	share(v[3], g->satisfied, g->with_feedback);
	share(v[4], g->reopened, g->n);
	strcpy(v[5], "no data");
	strcpy(v[6], "no data");
	if (g->closed) {
		qsort(g->hours, (size_t)g->closed, sizeof *g->hours, by_hours);
		for (i = 0; i < g->closed; i++)
			sum += g->hours[i];
		snprintf(v[5], 32, "%.1f", sum / (double)g->closed);
		/* the 90th percentile, nearest rank */
		snprintf(v[6], 32, "%.1f",
		    g->hours[(long)ceil(0.9 * (double)g->closed) - 1]);
	}
	v[7][0] = '\0';
	cs_row_push(&r, section, strlen(section));
	cs_row_push(&r, g->name, strlen(g->name));
	for (c = 0; c < 8; c++)
		cs_row_push(&r, v[c], strlen(v[c]));
	cs_out_row(out, &r);
	cs_row_free(&r);
}

static const char **
sorted(const struct cs_map *m)
{
	const char **k = cs_xmalloc((m->n + 1) * sizeof *k);
	size_t i, j = 0;

	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			k[j++] = m->keys[i];
	k[j] = NULL;
	for (i = 1; i < j; i++)
		for (size_t x = i; x > 0 && strcmp(k[x - 1], k[x]) > 0; x--) {
			const char *t = k[x];
			k[x] = k[x - 1];
			k[x - 1] = t;
		}
	return k;
}

static const struct cs_map *pareto_map;

/* Most complaints first; ties by name. */
static int
by_count(const void *a, const void *b)
{
	const struct group *x = cs_map_get(pareto_map, *(char *const *)a);
	const struct group *y = cs_map_get(pareto_map, *(char *const *)b);

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
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
	struct reporting rp;
	struct cs_sla sla = { 0 };
	struct cs_row h = { 0 };
	struct cs_out out = { 0 };
	const char **k;
	size_t i;
	long run = 0;
	int ret = -1;
	static const char *cols[] = { "section", "name", "complaints",
		"recorded_in_time", "answered_on_time", "satisfied", "reopened",
		"mean_hours_to_close", "p90_hours_to_close", "cumulative_share" };

	memset(&rp, 0, sizeof rp);
	snprintf(rp.all.name, sizeof rp.all.name, "all");
	if (cs_sla_load(&sla, ds->dir) < 0)
		return -1;
	rp.sla = &sla;
	if (each(ds, f, report_one, &rp) < 0)
		goto out;
	for (i = 0; i < 10; i++)
		cs_row_push(&h, cols[i], strlen(cols[i]));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	k = sorted(&rp.natures);
	pareto_map = &rp.natures;
	qsort(k, rp.natures.n, sizeof *k, by_count);
	for (i = 0; k[i]; i++) {
		struct group *g = cs_map_get(&rp.natures, k[i]);
		struct cs_row r = { 0 };
		char n[24], c[24];
		run += g->n;
		snprintf(n, sizeof n, "%ld", g->n);
		snprintf(c, sizeof c, "%.1f%%", 100.0 * (double)run /
		    (double)rp.all.n);
		cs_row_push(&r, "nature", 6);
		cs_row_push(&r, g->name, strlen(g->name));
		cs_row_push(&r, n, strlen(n));
		for (int x = 0; x < 6; x++)
			cs_row_push(&r, "", 0);
		cs_row_push(&r, c, strlen(c));
		cs_out_row(&out, &r);
		cs_row_free(&r);
	}
	free(k);
	group_row(&out, "all", &rp.all);
	k = sorted(&rp.handlers);
	for (i = 0; k[i]; i++)
		group_row(&out, "handler", cs_map_get(&rp.handlers, k[i]));
	free(k);
	k = sorted(&rp.teams);
	for (i = 0; k[i]; i++)
		group_row(&out, "team", cs_map_get(&rp.teams, k[i]));
	free(k);
	ret = cs_out_end(&out);
	if (ret == 0 && rp.all.n == 0)
		ret = CS_NO;
out:
	cs_map_free(&rp.natures, free_group);
	cs_map_free(&rp.handlers, free_group);
	cs_map_free(&rp.teams, free_group);
	free(rp.all.hours);
	cs_row_free(&h);
	cs_sla_free(&sla);
	return ret;
}

/* ---- options ---- */

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "department", required_argument, NULL, 'd' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "excel", no_argument, NULL, 'x' },
	{ "handler", required_argument, NULL, 'H' },
	{ "history", no_argument, NULL, 'y' },
	{ "nature", required_argument, NULL, 'n' },
	{ "override", required_argument, NULL, 'R' },
	{ "severity", required_argument, NULL, 's' },
	{ "status", required_argument, NULL, 'S' },
	{ NULL, 0, NULL, 0 },
};

static void
options(int argc, char **argv, int verb, struct cs_opts *o, struct filter *f)
{
	int c;

	while ((c = cs_getopt(argc, argv, verb, "", longopts, o, usage)) != -1) {
		switch (c) {
		case 'd': f->department = optarg; break;
		case 'e':
			if (strcasecmp(optarg, "gb18030") == 0)
				o->gb18030 = 1;
			else if (strcasecmp(optarg, "utf-8") && strcasecmp(optarg, "utf8"))
				cs_usage_error("--encoding: utf-8 or gb18030, not '%s'",
				    optarg);
			break;
		case 'H': f->handler = optarg; break;
		case 'n': f->nature = optarg; break;
		case 'R':
			if (*optarg == '\0')
				cs_usage_error("--override: a reason");
			f->override = optarg;
			break;
		case 's': f->severity = optarg; break;
		case 'S': f->status = optarg; break;
		case 'x': o->excel = 1; break;
		case 'y': f->history = 1; break;
		default:
			cs_usage_error("unknown option");
		}
	}
}

static int
run(struct cs_ds *ds, const char *verb, int argc, char **argv, struct cs_opts *o,
    struct filter *f)
{
	int given;

	f->now = ds->now;
	if (f->override && strcmp(verb, "close"))
		return cs_fail(CS_EUSAGE, "--override goes with close");
	if (strcmp(verb, "add") == 0)
		return argc ? cmd_add(ds, argc, argv) :
		    cs_fail(CS_EUSAGE, "add: field=value operands");
	if (strcmp(verb, "show") == 0)
		return argc == 1 ? cmd_show(ds, f, o, argv[0]) :
		    cs_fail(CS_EUSAGE, "show: one id");
	if (strcmp(verb, "list") == 0 || strcmp(verb, "overdue") == 0 ||
	    strcmp(verb, "report") == 0) {
		if (argc)
			return cs_fail(CS_EUSAGE, "%s: no operands", verb);
		if (cs_opts_period(o, &f->period, &given) < 0)
			return -1;
		if (!given && strcmp(verb, "report") == 0 &&
		    cs_period_parse(NULL, "last-month", &f->period) < 0)
			return -1;
		if (strcmp(verb, "report") == 0)
			return cmd_report(ds, f, o);
		return cmd_list(ds, f, o, verb[0] == 'o');
	}
	if (find_step(verb))
		return cmd_step(ds, f, verb, argc, argv);
	return cs_fail(CS_EUSAGE, "unknown command '%s' (see cs-complain --help)",
	    verb);
}

int
main(int argc, char **argv)
{
	struct cs_opts o = { 0 };
	struct filter f = { 0 };
	struct cs_ds ds;
	const char *verb;
	int ret;

	cs_progname = "cs-complain";
	cs_hold_stdfds();
	options(argc, argv, 0, &o, &f);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cs_usage_error("no command given");
	verb = argv[0];
	cs_getopt_reset();
	options(argc, argv, 1, &o, &f);
	argc -= optind;
	argv += optind;
	if (cs_ds_begin(&ds, &o) < 0)
		cs_die();
	ret = run(&ds, verb, argc, argv, &o, &f);
	cs_ds_close(&ds);
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
