/*
 * complaint.c: the rules of a complaint (complaint.h): which department
 * answers a nature, which steps may follow which, what is overdue and
 * why, and what the report counts of each complaint.  Functions of their
 * inputs and the policies; nothing here reads or writes a store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/complaint.h"
#include "rules/departments.h"
#include "rules/policy.h"
#include "rules/records.h"
#include "rules/roles.h"

#define NATURES "policy/complaint-natures.csv"

void
cs_complaint_of(struct cs_complaint *c, const struct cs_master *m,
    const struct cs_row *r)
{
	c->status = cs_master_get(m, r, "status");
	c->severity = cs_master_get(m, r, "severity");
	c->feedback = cs_master_get(m, r, "feedback");
	c->channel = cs_master_get(m, r, "channel");
	c->received = cs_master_get_time(m, r, "received_at");
	c->recorded = cs_master_get_time(m, r, "recorded_at");
	c->deadline = cs_master_get_time(m, r, "deadline");
	c->answered = cs_master_get_time(m, r, "answered_at");
	c->closed = cs_master_get_time(m, r, "closed_at");
	c->escalated = *cs_master_get(m, r, "escalated_to") != '\0';
	c->reopens = atol(cs_master_get(m, r, "reopens"));
}

int
cs_complaint_department(const char *dir, const char *nature, char **dept)
{
	struct cs_policy p;
	long i;

	*dept = NULL;
	if (cs_policy_read(&p, dir, NATURES) < 0)
		return -1;
	if ((i = cs_policy_find(&p, "nature", nature)) >= 0)
		*dept = cs_xstrdup(cs_policy_s(&p, (size_t)i, "department"));
	cs_policy_free(&p);
	if (*dept == NULL)
		return cs_fail(CS_EDATA, "field 'nature': '%s' is not in %s",
		    nature, NATURES);
	return 0;
}

int
cs_complaint_takes(const char *field)
{
	static const char *const given[] = { "received_at", "customer", "order",
		"ticket", "channel", "content", "remedy", "nature", "severity",
		"handler", "department" };
	size_t i;

	for (i = 0; i < sizeof given / sizeof given[0]; i++)
		if (strcmp(given[i], field) == 0)
			return 1;
	return 0;
}

/*
 * The department named (an id or a name) as its id in rec: one of
 * policy/departments.csv that takes complaints (65 else), and in *by,
 * when by is given, when its answer is due for rec's severity forwarded
 * at ds->now by sla (the department's deadline, else the SLA's; 0 when
 * neither gives one).
 */
static int
department(struct cs_ds *ds, const struct cs_master *m, struct cs_row *rec,
    const char *named, const struct cs_sla *sla, cs_time *by)
{
	const struct cs_sla_rule *rule;
	struct cs_policy p;
	const char *id;
	char sev[16];	/* a copy: the put below may move the record's fields */
	int64_t secs;
	long i;
	int ret = -1;

	snprintf(sev, sizeof sev, "%s", cs_master_get(m, rec, "severity"));
	rule = sla ? cs_complaint_rule(sla, sev) : NULL;

	if (cs_depts_load(&p, ds->dir) < 0)
		return -1;
	if ((i = cs_dept_resolve(&p, "field 'department'", named, &id)) < 0)
		goto out;
	if (!cs_dept_takes(&p, (size_t)i, "complaint")) {
		cs_fail(CS_EDATA, "field 'department': %s takes no complaints "
		    "(%s:%ld)", id, CS_DEPT_FILE, p.line[i]);
		goto out;
	}
	cs_master_put(m, rec, "department", id);
	if (by) {
		secs = cs_dept_answer(&p, (size_t)i, sev);
		*by = secs >= 0 ? cs_sla_add(sla, rule ? rule->business : 0,
		    "*", ds->now, secs) : cs_complaint_answer_by(sla, sev, ds->now);
	}
	ret = 0;
out:
	cs_policy_free(&p);
	return ret;
}

int
cs_complaint_may_handle(struct cs_ds *ds, const char *verb,
    const struct cs_master *m, const struct cs_row *r)
{
	const char *dept = cs_master_get(m, r, "department");
	const char *handler = cs_master_get(m, r, "handler");
	struct cs_policy p;
	struct cs_buf why = { 0 };
	char *mine = NULL;
	long i;
	int k;

	if (strcmp(verb, "respond") || !*dept || !strcmp(dept, CS_DEPT_DEFAULT))
		return cs_may_act(ds, verb, "handle", handler);
	if ((k = cs_dept_of(ds, ds->user, &mine)) < 0)
		return -1;
	if (k == 0 || !strcmp(mine, CS_DEPT_DEFAULT))	/* the handler relays */
		k = cs_may_act(ds, verb, "handle", handler);
	else if (!strcmp(mine, dept))		/* the department's own item */
		k = cs_may_act(ds, verb, "handle", NULL);
	else if ((k = cs_depts_load(&p, ds->dir)) == 0) {
		cs_buf_addf(&why, "to which %s is forwarded", cs_master_get(m, r,
		    "id"));
		if ((i = cs_dept_find(&p, dept)) >= 0)
			k = cs_dept_may(ds, &p, (size_t)i, verb, cs_master_get(m, r,
			    "id"), why.s);
		else
			k = cs_fail(CS_EPERM, "%s %s: %s (%s) is not of %s, %s",
			    verb, cs_master_get(m, r, "id"), ds->user, mine, dept,
			    why.s);
		cs_policy_free(&p);
	}
	free(mine);
	cs_buf_free(&why);
	return k;
}

int
cs_complaint_new(struct cs_ds *ds, const struct cs_master *m, struct cs_row *rec)
{
	static const char *need[] = { "channel", "content", "nature" };
	char *team = NULL, *dept = NULL;
	cs_time received = ds->now;
	int i, given = 0, ret = -1;

	for (i = 0; i < 3; i++)
		if (*cs_master_get(m, rec, need[i]) == '\0')
			return cs_fail(CS_EUSAGE, "field '%s' is required", need[i]);
	if (*cs_master_get(m, rec, "received_at"))
		received = cs_master_get_time(m, rec, "received_at");
	if (received > ds->now)
		return cs_fail(CS_EDATA, "field 'received_at': after now");
	cs_master_put_time(m, rec, "received_at", received);
	cs_master_put_time(m, rec, "recorded_at", ds->now);
	cs_master_put(m, rec, "recorded_by", ds->user);
	if (cs_roster_team(ds, "handler", cs_master_get(m, rec, "handler"),
	    &team) < 0 ||
	    cs_customer_known(ds, cs_master_get(m, rec, "customer")) < 0 ||
	    cs_complaint_department(ds->dir, cs_master_get(m, rec, "nature"),
	    &dept) < 0 ||
	    cs_may_act(ds, "add", "record", cs_master_get(m, rec, "handler")) < 0)
		goto out;
	cs_master_put(m, rec, "team", team);
	if (*cs_master_get(m, rec, "department"))
		given = 1;
	else
		cs_master_put(m, rec, "department", dept);
	if (department(ds, m, rec, cs_master_get(m, rec, "department"), NULL,
	    NULL) < 0) {
		if (!given)	/* the policy's, not the operand's */
			cs_fail(CS_ECONFIG, "%s: nature '%s': %s", NATURES,
			    cs_master_get(m, rec, "nature"), cs_errmsg());
		goto out;
	}
	cs_master_put(m, rec, "status", "open");
	ret = cs_records_refuse_complaint(ds, m, rec);
out:
	free(team);
	free(dept);
	return ret;
}

const struct cs_sla_rule *
cs_complaint_rule(const struct cs_sla *sla, const char *sev)
{
	char kind[32];

	snprintf(kind, sizeof kind, "complaint-%s", sev);
	return cs_sla_rule(sla, kind, "*");
}

int
cs_complaint_late_record(const struct cs_sla *sla, const char *sev,
    cs_time received, cs_time recorded)
{
	const struct cs_sla_rule *rule = cs_complaint_rule(sla, sev);

	return rule && recorded - received > rule->first_response;
}

cs_time
cs_complaint_answer_by(const struct cs_sla *sla, const char *sev, cs_time t)
{
	const struct cs_sla_rule *rule = cs_complaint_rule(sla, sev);

	return rule ? cs_sla_add(sla, rule->business, "*", t, rule->resolution) :
	    0;
}

void
cs_complaint_feedback(const struct cs_master *m, const struct cs_row *old,
    struct cs_row *new, const char *word)
{
	char n[24];

	cs_master_put(m, new, "feedback", word);
	if (strcmp(word, "satisfied") == 0) {
		cs_master_put(m, new, "status", "satisfied");
		return;
	}
	/* round again: to the department, answer, resolution */
	snprintf(n, sizeof n, "%ld", atol(cs_master_get(m, old, "reopens")) + 1);
	cs_master_put(m, new, "reopens", n);
	cs_master_put(m, new, "status", "open");
	cs_master_put(m, new, "deadline", "");
	cs_master_put(m, new, "answered_at", "");
	cs_master_put(m, new, "resolved_at", "");
}

const struct cs_step cs_complaint_steps[] = {
	{ "forward", "open", "forwarded", "it is forwarded already; "
	  "an unsatisfied customer's complaint is open again",
	  "department|deadline", NULL },
	{ "escalate", "open|forwarded|answered|resolved|satisfied|visited", NULL,
	  "a closed complaint is not escalated", "to", "to=whom" },
	{ "respond", "forwarded", "answered", "forward it to the department first",
	  "answer", "answer=text" },
	{ "resolve", "answered", "resolved", "the department has not answered",
	  "resolution", "resolution=text" },
	{ "feedback", "resolved", NULL, "the customer is asked once it is resolved",
	  NULL, NULL },
	{ "visit", "satisfied", "visited", "the follow-up visit comes after a "
	  "satisfied feedback", "result|visit_at", "result=text" },
	{ "close", "satisfied|visited", "closed", "the customer is not satisfied: "
	  "close --override REASON", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

int
cs_complaint_may(const struct cs_step *st, const char *id, const char *status,
    const char *override)
{
	int closing = strcmp(st->name, "close") == 0;

	if (!cs_step_from(st, status)) {
		if (closing && override && strcmp(status, "closed") != 0)
			return 1;
		if (strcmp(status, "closed") == 0)
			return cs_fail(CS_EDATA, "%s %s: the complaint is closed",
			    st->name, id);
		return cs_fail(CS_EDATA, "%s %s: the complaint is %s; %s", st->name,
		    id, status, st->why);
	}
	if (closing && override)
		return cs_fail(CS_EUSAGE, "close %s: the customer is satisfied; no "
		    "--override needed", id);
	return 0;
}

int
cs_complaint_apply(struct cs_ds *ds, const struct cs_sla *sla,
    const struct cs_master *m, const struct cs_row *old, struct cs_row *new,
    const struct cs_step *st, const char *const v[], struct cs_buf *det)
{
	const char *verb = st->name;
	cs_time now = ds->now;
	struct cs_broken b;
	cs_time t;

	if (strcmp(verb, "forward") == 0) {
		/* v: department, deadline */
		if (department(ds, m, new, *v[0] ? v[0] : cs_master_get(m, old,
		    "department"), sla, &t) < 0 ||
		    (*v[1] && cs_master_assign(m, new, "deadline", v[1]) < 0))
			return -1;
		if (!*v[1] && t)
			cs_master_put_time(m, new, "deadline", t);
		cs_buf_addf(det, "to %s, answer by %s", cs_master_get(m, new,
		    "department"), cs_master_get(m, new, "deadline"));
	} else if (strcmp(verb, "escalate") == 0) {
		if (*cs_master_get(m, old, "escalated_to"))
			return cs_fail(CS_EDATA, "escalate %s: escalated already, to "
			    "%s at %s", cs_master_get(m, old, "id"), cs_master_get(m,
			    old, "escalated_to"), cs_master_get(m, old, "escalated_at"));
		if (cs_master_assign(m, new, "escalated_to", v[0]) < 0)
			return -1;
		cs_master_put_time(m, new, "escalated_at", now);
		cs_buf_addf(det, "to %s", v[0]);
	} else if (strcmp(verb, "respond") == 0 || strcmp(verb, "resolve") == 0) {
		/* the field is the operand: answer, resolution */
		if (cs_master_assign(m, new, st->operands, v[0]) < 0)
			return -1;
		cs_master_put_time(m, new, *st->operands == 'a' ? "answered_at" :
		    "resolved_at", now);
		cs_buf_adds(det, v[0]);
	} else if (strcmp(verb, "feedback") == 0) {
		cs_complaint_feedback(m, old, new, v[0]);
		cs_buf_adds(det, v[0]);
	} else if (strcmp(verb, "visit") == 0) {
		/* v: result, visit_at */
		if (cs_master_assign(m, new, "visit_result", v[0]) < 0 ||
		    (*v[1] && cs_master_assign(m, new, "visit_at", v[1]) < 0))
			return -1;
		if (!*v[1])
			cs_master_put_time(m, new, "visit_at", now);
		cs_buf_adds(det, v[0]);
	} else if (strcmp(verb, "close") == 0)
		cs_master_put_time(m, new, "closed_at", now);
	if (st->to)
		cs_master_put(m, new, "status", st->to);
	if (cs_records_complaint_times(m, new, &b) ||
	    cs_records_complaint_status(m, new, &b))
		return cs_fail(CS_EDATA, "field '%s': %s", b.field, b.why);
	return 0;
}

/* Add one reason to why. */
static void
reason(char *why, size_t n, const char *what, int64_t secs, const char *tail)
{
	char d[32];

	cs_duration_format(secs, d);
	snprintf(why + strlen(why), n - strlen(why), "%s %s %s; ", what, d, tail);
}

int
cs_complaint_overdue(const struct cs_complaint *c, const struct cs_sla *sla,
    cs_time now, char *why, size_t n)
{
	const struct cs_sla_rule *rule = cs_complaint_rule(sla, c->severity);
	cs_time by;
	int late = 0;

	why[0] = '\0';
	if (strcmp(c->status, "closed") == 0)
		return 0;
	if (cs_complaint_late_record(sla, c->severity, c->received, c->recorded)) {
		reason(why, n, "recorded", c->recorded - c->received,
		    "after receipt");
		late |= CS_LATE_RECORD;
	}
	if (strcmp(c->status, "forwarded") == 0 && c->deadline &&
	    c->deadline < now) {
		reason(why, n, "department answer", now - c->deadline, "late");
		late |= CS_LATE_ANSWER;
	}
	if (rule && rule->escalation && !c->escalated &&
	    (by = cs_sla_add(sla, rule->business, c->channel, c->received,
	    rule->escalation)) < now) {
		reason(why, n, "not escalated,", now - by, "late");
		late |= CS_LATE_ESCALATION;
	}
	if (*why)
		why[strlen(why) - 2] = '\0';
	return late;
}

int
cs_complaint_listed_overdue(const struct cs_complaint *c,
    const struct cs_sla *sla, cs_time now, char *why, size_t n)
{
	int late = cs_complaint_overdue(c, sla, now, why, n);

	return (late & (CS_LATE_ANSWER | CS_LATE_ESCALATION)) ||
	    (late && strcmp(c->status, "open") == 0);
}

void
cs_complaint_count(struct cs_group *g, const struct cs_complaint *c,
    const struct cs_sla *sla)
{
	g->n++;
	g->k[CS_CK_IN_TIME] += !cs_complaint_late_record(sla, c->severity,
	    c->received, c->recorded);
	if (c->answered && c->deadline) {
		g->k[CS_CK_ANSWERED]++;
		g->k[CS_CK_ON_TIME] += c->answered <= c->deadline;
	}
	if (*c->feedback) {
		g->k[CS_CK_FEEDBACK]++;
		g->k[CS_CK_SATISFIED] += strcmp(c->feedback, "satisfied") == 0;
	}
	g->k[CS_CK_REOPENED] += c->reopens > 0;
	if (strcmp(c->status, "closed") == 0)
		cs_group_keep(g, (double)(c->closed - c->received) / 3600);
}
