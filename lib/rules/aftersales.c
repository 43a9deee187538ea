/*
 * aftersales.c: a repair's steps and their estimated times, and the lines
 * show gives an after-sales record (aftersales.h).  The order of the
 * steps is a table (step.h); a step's due time is a plain function of the
 * policy, the clock and the time, so each can be tested by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/aftersales.h"
#include "rules/policy.h"
#include "rules/returns.h"

#define NSTEPS 5

const struct cs_step cs_repair_steps[] = {
	{ "received", "", "received", "its goods were received already", "note",
	  NULL },
	{ "sent-to-repair", "received", "sent-to-repair",
	  "receive its goods first (step received)", "note", NULL },
	{ "repaired", "sent-to-repair", "repaired",
	  "send it to repair first (step sent-to-repair)", "note", NULL },
	{ "shipped-back", "repaired", "shipped-back",
	  "it is not repaired yet (step repaired)", "note", NULL },
	{ "done", "shipped-back", "done",
	  "ship it back first (step shipped-back)", "note", NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static const char *const events[NSTEPS] = { "repair-received",
	"repair-sent-to-repair", "repair-repaired", "repair-shipped-back",
	"repair-done" };

/* The place of step in the order, or -1. */
static int
step_index(const char *step)
{
	int i;

	for (i = 0; i < NSTEPS; i++)
		if (strcmp(cs_repair_steps[i].name, step) == 0)
			return i;
	return -1;
}

const char *
cs_repair_next(const char *step)
{
	int i;

	if (*step == '\0')
		return cs_repair_steps[0].name;
	i = step_index(step);
	return i >= 0 && i + 1 < NSTEPS ? cs_repair_steps[i + 1].name : NULL;
}

const char *
cs_repair_event(const char *step)
{
	int i = step_index(step);

	return i < 0 ? NULL : events[i];
}

int
cs_repair_policy_load(struct cs_repair_policy *p, const char *dir)
{
	struct cs_policy pol;
	long k;
	int i;

	memset(p, 0, sizeof *p);
	if (cs_policy_read(&pol, dir, "policy/repairs.csv") < 0)
		return -1;
	for (i = 0; i < NSTEPS; i++) {
		/* the file's whole rule: every step has its line */
		if ((k = cs_policy_find(&pol, "step", cs_repair_steps[i].name)) < 0)
			continue;
		p->estimate[i] = (int64_t)cs_policy_v(&pol, (size_t)k, "estimate");
		p->business[i] = cs_policy_s(&pol, (size_t)k, "clock")[0] == 'b';
	}
	cs_policy_free(&pol);
	return 0;
}

cs_time
cs_repair_due(const struct cs_repair_policy *p, const struct cs_sla *sla,
    const char *channel, const char *step, cs_time t)
{
	int i = step_index(step);

	if (i < 0)
		return t;
	return cs_sla_add(sla, p->business[i], channel, t, p->estimate[i]);
}

int
cs_repair_may(const char *id, const char *at, const char *step)
{
	const struct cs_step *st = cs_step_find(cs_repair_steps, step);

	if (st == NULL)
		return cs_fail(CS_EUSAGE, "step %s: no step '%s' (received, "
		    "sent-to-repair, repaired, shipped-back, done)", id, step);
	if (cs_step_from(st, at))
		return 0;
	if (*st->from == '\0')
		return cs_fail(CS_EDATA, "step %s: %s: %s (the repair is %s)", id,
		    step, st->why, at);
	if (*at == '\0')
		return cs_fail(CS_EDATA, "step %s: %s comes after %s, and the repair "
		    "has taken no step yet: received comes first", id, step,
		    st->from);
	return cs_fail(CS_EDATA, "step %s: %s comes after %s, and the repair is "
	    "%s", id, step, st->from, at);
}

/* The column field is in the file of m: else it was written before the
 * column was added, and a step cannot be kept there. */
static int
kept(const struct cs_master *m, const char *id, const char *field)
{
	const struct cs_column *c = cs_schema_col(m->s, field);

	if (m->idx[c - m->s->cols] >= 0)
		return 0;
	return cs_fail(CS_EDATA, "step %s: %s has no column '%s' (written before "
	    "repair steps were kept)", id, m->rel ? m->rel : m->s->name, field);
}

int
cs_repair_step(struct cs_ds *ds, const struct cs_master *m, struct cs_row *r,
    const struct cs_sla *sla, const char *step)
{
	struct cs_repair_policy p;
	const char *next;
	char id[32], at[32], channel[32];

	snprintf(id, sizeof id, "%s", cs_master_get(m, r, "id"));
	snprintf(at, sizeof at, "%s", cs_master_get(m, r, "repair_step"));
	snprintf(channel, sizeof channel, "%s", cs_master_get(m, r, "channel"));
	if (strcmp(cs_master_get(m, r, "kind"), "repair") != 0)
		return cs_fail(CS_EDATA, "step %s: not a repair (its kind is %s); "
		    "steps are a repair's", id, cs_master_get(m, r, "kind"));
	if (cs_repair_may(id, at, step) < 0 || kept(m, id, "repair_step") < 0 ||
	    kept(m, id, "step_due_at") < 0 ||
	    cs_repair_policy_load(&p, ds->dir) < 0)
		return -1;
	cs_master_put(m, r, "repair_step", step);
	if ((next = cs_repair_next(step)) != NULL)
		cs_master_put_time(m, r, "step_due_at", cs_repair_due(&p, sla,
		    channel, next, ds->now));
	else
		cs_master_put(m, r, "step_due_at", "");
	return 0;
}

int
cs_repair_begin(struct cs_ds *ds, const struct cs_master *m, struct cs_row *r,
    const struct cs_sla *sla)
{
	struct cs_repair_policy p;
	char channel[32];

	if (strcmp(cs_master_get(m, r, "kind"), "repair") != 0)
		return 0;
	if (cs_repair_policy_load(&p, ds->dir) < 0)
		return -1;
	snprintf(channel, sizeof channel, "%s", cs_master_get(m, r, "channel"));
	cs_master_put_time(m, r, "step_due_at", cs_repair_due(&p, sla, channel,
	    cs_repair_steps[0].name, cs_master_get_time(m, r, "opened_at")));
	return 0;
}

int
cs_repair_overdue(const struct cs_master *m, const struct cs_row *r,
    cs_time now)
{
	const char *st = cs_master_get(m, r, "status");

	if (strcmp(cs_master_get(m, r, "kind"), "repair") ||
	    (strcmp(st, "open") && strcmp(st, "pending")) ||
	    *cs_master_get(m, r, "step_due_at") == '\0')
		return 0;
	return cs_master_get_time(m, r, "step_due_at") < now;
}

static void
push(struct cs_row *names, struct cs_row *values, const char *name,
    const char *value)
{
	cs_row_push(names, name, strlen(name));
	cs_row_push(values, value, strlen(value));
}

/* A repair's lines: its step, the next expected and the end. */
static int
show_repair(struct cs_ds *ds, const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, struct cs_row *names, struct cs_row *values)
{
	const char *at = cs_master_get(m, r, "repair_step");
	const char *next = cs_repair_next(at), *s;
	const char *ch = cs_master_get(m, r, "channel");
	struct cs_repair_policy p;
	char line[160], t[32], left[32];
	cs_time due, end;

	if (next == NULL || *cs_master_get(m, r, "step_due_at") == '\0')
		return 0;
	if (cs_repair_policy_load(&p, ds->dir) < 0)
		return -1;
	due = cs_master_get_time(m, r, "step_due_at");
	cs_time_format(due, t);
	cs_duration_format(due > ds->now ? due - ds->now : ds->now - due, left);
	snprintf(line, sizeof line, "%s, expected by %s (%s %s)", next, t,
	    due >= ds->now ? "left:" : "late by", left);
	push(names, values, "next step", line);
	/* the end: the estimates of the steps after the next one */
	for (end = due, s = cs_repair_next(next); s; s = cs_repair_next(s))
		end = cs_repair_due(&p, sla, ch, s, end);
	cs_time_format(end, t);
	push(names, values, "repair done by", t);
	return 0;
}

int
cs_aftersales_show(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r, const struct cs_sla *sla, struct cs_row *names,
    struct cs_row *values)
{
	const char *kind = cs_master_get(m, r, "kind");
	char why[256];
	int k;

	if (strcmp(kind, "repair") == 0)
		return show_repair(ds, m, r, sla, names, values);
	if (strcmp(kind, "return") && strcmp(kind, "exchange"))
		return 0;
	if ((k = cs_return_waiting(ds, m, r, why, sizeof why)) < 0)
		return -1;
	push(names, values, "waits for", k ? why : !*cs_master_get(m, r,
	    "pickup") ? "nothing (no pickup order)" : *cs_master_get(m, r,
	    "replacement") ? "nothing: the goods are back, the new ones "
	    "delivered" : "nothing: the goods are back");
	return 0;
}
