/*
 * ticket.c: the ticket's state machine and its SLA clocks (ticket.h).
 * Each move is a line of the table: where it may start, why not, what it
 * takes, and its change of the record, as plain functions of the record,
 * the policy and the time, so each can be tested over a record made by
 * hand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/aftersales.h"
#include "rules/records.h"
#include "rules/returns.h"
#include "rules/ticket.h"
#include "rules/roles.h"

#define S (&cs_schema_tickets)

static const char *const settable[] = { "category", "subject", "notes",
	"customer", "order", "estimated_at", NULL };
/* ... and, for a new record, these */
static const char *const addable[] = { "kind", "channel", "agent",
	"opened_at", "promised_at", "result", NULL };
static const char *const note[] = { "note", NULL };
static const char *const result[] = { "result", NULL };
static const char *const rating[] = { "satisfaction", "attitude", NULL };

static int
in_fields(const char *const *list, const char *field)
{
	for (; list && *list; list++)
		if (strcmp(*list, field) == 0)
			return 1;
	return 0;
}

int
cs_ticket_settable(const char *field)
{
	return in_fields(settable, field);
}

int
cs_ticket_addable(const char *field)
{
	return in_fields(settable, field) || in_fields(addable, field);
}

static const char *
get(const struct cs_ticket_change *c, const char *field)
{
	return cs_master_get(c->m, c->r, field);
}

static void
put(const struct cs_ticket_change *c, const char *field, const char *v)
{
	cs_master_put(c->m, c->r, field, v);
}

static void
put_now(const struct cs_ticket_change *c, const char *field)
{
	cs_master_put_time(c->m, c->r, field, c->ds->now);
}

/* The first reply, unless there was one. */
static void
first_response(const struct cs_ticket_change *c)
{
	if (*get(c, "first_response_at") == '\0')
		put_now(c, "first_response_at");
}

/* opened_at: now, or earlier the same day; before today only as a late
 * entry, with its reason */
static int
opened(const struct cs_ticket_change *c, const char *late, cs_time *t)
{
	const char *v = get(c, "opened_at");
	char d1[16], d2[16];

	*t = c->ds->now;
	if (late && *late == '\0')
		return cs_fail(CS_EUSAGE, "--late-entry: a reason, which the journal "
		    "keeps");
	if (*v != '\0' && cs_time_parse(v, t) < 0)
		return -1;
	cs_date_format(*t, d1);
	cs_date_format(c->ds->now, d2);
	if (*t > c->ds->now)
		return cs_fail(CS_EDATA, "field 'opened_at': in the future: '%s'", v);
	if (late && strcmp(d1, d2) == 0)
		return cs_fail(CS_EUSAGE, "--late-entry: opened_at is today; a late "
		    "entry is one opened before today");
	if (!late && strcmp(d1, d2) != 0)
		return cs_fail(CS_EDATA, "field 'opened_at': before today ('%s'): a "
		    "late entry needs --late-entry reason, which the journal keeps",
		    v);
	return 0;
}

int
cs_ticket_new(struct cs_ds *ds, const struct cs_master *m, struct cs_row *r,
    const struct cs_sla *sla, int answered, const char *late)
{
	const struct cs_ticket_change c = { ds, m, r, sla, NULL, NULL };
	const struct cs_sla_rule *rule;
	char *team = NULL;
	cs_time t;
	int ret = -1;

	if (*get(&c, "channel") == '\0')
		return cs_fail(CS_EUSAGE, "field 'channel' is required (phone, "
		    "online, email, visit)");
	if (opened(&c, late, &t) < 0)
		return -1;
	cs_master_put_time(m, r, "opened_at", t);
	if (cs_roster_team(ds, "agent", get(&c, "agent"), &team) < 0 ||
	    cs_customer_known(ds, get(&c, "customer")) < 0 ||
	    cs_may_act(ds, "add", "record", get(&c, "agent")) < 0)
		goto out;
	put(&c, "team", team);
	put(&c, "status", "open");
	if (cs_repair_begin(ds, m, r, sla) < 0)
		goto out;
	rule = cs_sla_rule(sla, get(&c, "kind"), get(&c, "channel"));
	if (rule)
		cs_master_put_time(m, r, "due_at", cs_sla_add(sla, rule->business,
		    get(&c, "channel"), t, rule->resolution));
	/* entered during the call or the visit: answered at the opening */
	if (rule && rule->live)
		cs_master_put_time(m, r, "first_response_at", t);
	if (*get(&c, "promised_at") &&
	    cs_master_get_time(m, r, "promised_at") < t) {
		cs_fail(CS_EDATA, "field 'promised_at': before the record was opened");
		goto out;
	}
	ret = 0;
	if (!answered)
		goto out;
	if (strcmp(get(&c, "kind"), "inquiry") != 0) {
		ret = cs_fail(CS_EUSAGE, "--answered: only an inquiry is answered "
		    "on the spot");
		goto out;
	}
	cs_master_put_time(m, r, "first_response_at", t);
	put_now(&c, "resolved_at");
	put(&c, "status", "resolved");
out:
	if (ret == 0)
		ret = cs_records_refuse_ticket(ds, m, r);
	free(team);
	return ret;
}

static int
reply(const struct cs_ticket_change *c)
{
	first_response(c);
	cs_ticket_end_pause(c->m, c->r, c->sla, c->ds->now);
	put(c, "status", "open");
	return 0;
}

static int
promise(const struct cs_ticket_change *c)
{
	cs_time t;

	if (cs_time_parse(c->arg, &t) < 0)
		return -1;
	if (t < cs_master_get_time(c->m, c->r, "opened_at"))
		return cs_fail(CS_EDATA, "promise %s: %s is before the record was "
		    "opened", c->id, c->arg);
	cs_master_put_time(c->m, c->r, "promised_at", t);
	return 0;
}

static int
assign(const struct cs_ticket_change *c)
{
	char *team = NULL;

	if (cs_roster_team(c->ds, "agent", c->arg, &team) < 0) {
		free(team);
		return -1;
	}
	put(c, "agent", c->arg);
	put(c, "team", team);
	free(team);
	return 0;
}

static int
pending(const struct cs_ticket_change *c)
{
	first_response(c);
	put_now(c, "pending_since");
	put(c, "status", "pending");
	return 0;
}

static int
resolve(const struct cs_ticket_change *c)
{
	const char *at = get(c, "repair_step");

	/* a repair on its way is resolved by its last step */
	if (*at && strcmp(at, "done") && !strcmp(get(c, "kind"), "repair"))
		return cs_fail(CS_EDATA, "resolve %s: the repair is %s; its last "
		    "step, done, resolves it", c->id, at);
	cs_ticket_end_pause(c->m, c->r, c->sla, c->ds->now);
	first_response(c);
	put_now(c, "resolved_at");
	put(c, "status", "resolved");
	return 0;
}

/* A return or exchange is closed once its goods are back (returns.h). */
static int
close_(const struct cs_ticket_change *c)
{
	char why[256];
	int k;

	if ((k = cs_return_waiting(c->ds, c->m, c->r, why, sizeof why)) < 0)
		return -1;
	if (k)
		return cs_fail(CS_EDATA, "close %s: it waits for %s", c->id, why);
	put_now(c, "closed_at");
	put(c, "status", "closed");
	return 0;
}

static int
reopen(const struct cs_ticket_change *c)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", strtol(get(c, "reopens"), NULL, 10) + 1);
	put(c, "reopens", buf);
	put(c, "resolved_at", "");
	put(c, "closed_at", "");
	put(c, "status", "open");
	return 0;
}

static int
rate(const struct cs_ticket_change *c)
{
	if (*get(c, "satisfaction") == '\0')
		return cs_fail(CS_EUSAGE, "rate: satisfaction=1..5 is required");
	return 0;
}

/* A repair's step (aftersales.h): told to the customer, a reply; done,
 * the resolution. */
static int
step(const struct cs_ticket_change *c)
{
	if (cs_repair_step(c->ds, c->m, c->r, c->sla, c->arg) < 0)
		return -1;
	return strcmp(c->arg, "done") == 0 ? resolve(c) : reply(c);
}

static int
set(const struct cs_ticket_change *c)
{
	return cs_customer_known(c->ds, get(c, "customer"));
}

#define OPEN CS_TK_OPEN
#define PENDING CS_TK_PENDING
#define RESOLVED CS_TK_RESOLVED
#define CLOSED CS_TK_CLOSED

static const struct cs_ticket_move moves[] = {
	{ "reply", OPEN | PENDING, "reopen it first", note, -1, NULL, reply },
	{ "promise", OPEN | PENDING, "reopen it first", NULL, 1,
	  "an id and a time", promise },
	{ "assign", OPEN | PENDING | RESOLVED, "a closed record keeps its agent",
	  NULL, 1, "an id and a login", assign },
	{ "pending", OPEN, "only an open record waits on the customer", note, -1,
	  NULL, pending },
	{ "resolve", OPEN | PENDING, "reopen it to resolve it again", result, -1,
	  NULL, resolve },
	{ "close", RESOLVED, "resolve it first", NULL, 0, "only an id", close_ },
	{ "reopen", RESOLVED | CLOSED, "it is not resolved yet", note, -1, NULL,
	  reopen },
	{ "rate", RESOLVED | CLOSED, "the customer rates a resolved record",
	  rating, -1, NULL, rate },
	{ "step", OPEN | PENDING, "reopen it first", note, -2,
	  "an id and a step (received, sent-to-repair, repaired, shipped-back, "
	  "done)", step },
	{ "set", OPEN | PENDING | RESOLVED | CLOSED, "", settable, -1,
	  "field=value operands", set },
};

const struct cs_ticket_move *
cs_ticket_move(const char *verb)
{
	size_t i;

	for (i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (strcmp(moves[i].verb, verb) == 0)
			return &moves[i];
	return NULL;
}

static unsigned
status_bit(const char *status)
{
	static const char *const names[] = { "open", "pending", "resolved",
		"closed" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(names[i], status) == 0)
			return 1u << i;
	return 0;
}

int
cs_ticket_may(const struct cs_ticket_move *mv, const char *id,
    const char *status)
{
	if (mv->from & status_bit(status))
		return 0;
	if (strcmp(mv->verb, "close") == 0 && strcmp(status, "closed") == 0)
		return cs_fail(CS_EDATA, "close %s: it is closed already", id);
	return cs_fail(CS_EDATA, "%s %s: the record is %s; %s", mv->verb, id,
	    status, mv->why);
}

int
cs_ticket_may_move(const struct cs_ticket_move *mv,
    const struct cs_ticket_change *c, const struct cs_row *old)
{
	if (cs_may_act(c->ds, mv->verb, "handle", cs_master_get(c->m, old,
	    "agent")) < 0)
		return -1;
	return cs_ticket_may(mv, c->id, cs_master_get(c->m, old, "status"));
}

int
cs_ticket_operand(const struct cs_ticket_change *c,
    const struct cs_ticket_move *mv, const char *field, const char *value,
    struct cs_buf *journal)
{
	if (strcmp(field, "note") == 0 && in_fields(mv->fields, "note")) {
		/* a progress note: the journal keeps it */
		cs_journal_line(journal, c->ds, mv->verb, c->id, "note", "", value);
		return 0;
	}
	if (!in_fields(mv->fields, field))
		return cs_schema_col(S, field) ? cs_fail(CS_EUSAGE,
		    "%s: field '%s' is not given here", mv->verb, field) :
		    cs_fail(CS_EUSAGE, "%s: field '%s' is not known here",
		    mv->verb, field);
	return cs_master_assign(c->m, c->r, field, value);
}

int
cs_ticket_apply(const struct cs_ticket_move *mv, const struct cs_ticket_change *c)
{
	if (mv->apply(c) < 0)
		return -1;
	return cs_records_refuse_ticket(c->ds, c->m, c->r);
}

void
cs_ticket_end_pause(const struct cs_master *m, struct cs_row *r,
    const struct cs_sla *sla, cs_time now)
{
	const struct cs_sla_rule *rule = cs_sla_rule(sla,
	    cs_master_get(m, r, "kind"), cs_master_get(m, r, "channel"));
	int business = rule ? rule->business : 0;
	int64_t secs, paused = strtoll(cs_master_get(m, r, "paused"), NULL, 10);
	char buf[32], ch[32];

	/* a copy: the puts below may move the row's fields */
	snprintf(ch, sizeof ch, "%s", cs_master_get(m, r, "channel"));

	if (*cs_master_get(m, r, "pending_since") == '\0')
		return;
	secs = cs_sla_elapsed(sla, business, ch, cs_master_get_time(m, r,
	    "pending_since"), now);
	snprintf(buf, sizeof buf, "%lld", (long long)(paused + secs));
	cs_master_put(m, r, "paused", buf);
	cs_master_put(m, r, "pending_since", "");
	if (*cs_master_get(m, r, "due_at"))
		cs_master_put_time(m, r, "due_at", cs_sla_add(sla, business, ch,
		    cs_master_get_time(m, r, "due_at"), secs));
}

/* A reason of cs_ticket_why, after those in why. */
static void
why_add(char *why, size_t n, const char *reason)
{
	size_t len = strlen(why);

	snprintf(why + len, n - len, "%s%s", len ? "; " : "", reason);
}

int
cs_ticket_why(const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, cs_time now, char *why, size_t n)
{
	const char *st = cs_master_get(m, r, "status");
	const struct cs_sla_rule *rule;

	why[0] = '\0';
	if (strcmp(st, "open") && strcmp(st, "pending"))
		return 0;
	rule = sla ? cs_sla_rule(sla, cs_master_get(m, r, "kind"),
	    cs_master_get(m, r, "channel")) : NULL;
	if (rule && rule->first_response > 0 &&
	    *cs_master_get(m, r, "first_response_at") == '\0' &&
	    cs_sla_elapsed(sla, rule->business, cs_master_get(m, r, "channel"),
	    cs_master_get_time(m, r, "opened_at"), now) > rule->first_response)
		why_add(why, n, "first response missed");
	if (cs_repair_overdue(m, r, now))
		why_add(why, n, "repair step late");
	if (*cs_master_get(m, r, "due_at") &&
	    cs_master_get_time(m, r, "due_at") < now && strcmp(st, "pending") != 0)
		why_add(why, n, "resolution due");
	if (*cs_master_get(m, r, "promised_at") &&
	    *cs_master_get(m, r, "first_response_at") == '\0' &&
	    cs_master_get_time(m, r, "promised_at") < now)
		why_add(why, n, "promise due");
	return why[0] != '\0';
}

enum { J_TIME, J_COMMAND, J_ID, J_N };
static const char *const journal_cols[J_N] = { "time", "command", "id" };

struct promise_scan {
	struct cs_idtimes *made;
	struct cs_buf b[J_N];
};

static int
on_journal(void *ctx, const struct cs_slice *f, long line)
{
	struct promise_scan *ps = ctx;
	cs_time t;

	(void)line;
	if (!cs_slice_is(&f[J_COMMAND], "promise", &ps->b[J_COMMAND]) ||
	    cs_time_parse(cs_slice_text(&f[J_TIME], &ps->b[J_TIME]), &t) < 0)
		return 0;
	cs_idtimes_add(ps->made, cs_slice_text(&f[J_ID], &ps->b[J_ID]), t);
	return 0;
}

/* A journal month is read in parts of about this much, one a thread. */
#define JOURNAL_PART ((off_t)8 << 20)

/* The promise lines of the journal month at path into made: the file
 * split across the cores (cs_scan_parts), each part into a map of its
 * own, the maps added in order. */
static int
month_promises(const char *path, struct cs_idtimes *made)
{
	struct promise_scan ps[CS_SCAN_THREADS_MAX];
	struct cs_idtimes part[CS_SCAN_THREADS_MAX];
	void *ctx[CS_SCAN_THREADS_MAX];
	struct stat st;
	size_t nt, t, i;
	int rc;

	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : cs_fail_errno("stat", path);
	nt = cs_scan_threads((size_t)(st.st_size / JOURNAL_PART) + 1);
	for (t = 0; t < nt; t++) {
		memset(&ps[t], 0, sizeof ps[t]);
		cs_idtimes_init(&part[t], made->prefix);
		ps[t].made = t == 0 ? made : &part[t];
		ctx[t] = &ps[t];
	}
	rc = cs_scan_parts(path, nt, journal_cols, J_N, on_journal, ctx);
	for (t = 0; t < nt; t++) {
		if (t > 0)
			cs_idtimes_merge(made, &part[t]);
		cs_idtimes_free(&part[t]);
		for (i = 0; i < J_N; i++)
			cs_buf_free(&ps[t].b[i]);
	}
	return rc;
}


/* Every journal month from from's to to's (a month's file that is absent
 * has no lines). */
int
cs_ticket_promises(struct cs_ds *ds, cs_time from, cs_time to,
    struct cs_idtimes *made)
{
	char *last = NULL;
	cs_time t;
	int rc = 0;

	for (t = from; rc == 0 && t < to + 86400; t += 86400) {
		char *rel = cs_month_rel("journal", t < to ? t : to), *path;
		if (last && strcmp(rel, last) == 0) {
			free(rel);
			continue;
		}
		free(last);
		last = rel;
		path = cs_ds_path(ds, rel);
		rc = month_promises(path, made);
		free(path);
	}
	free(last);
	return rc < 0 ? -1 : 0;
}

cs_time
cs_ticket_promise_made(const struct cs_idtimes *made, const char *id,
    cs_time opened)
{
	cs_time at = opened;
	long i;

	for (i = cs_idtimes_first(made, id); i >= 0;
	    i = cs_idtimes_next(made, i))
		if (made->t[i] > at && made->t[i] <= opened +
		    CS_TICKET_PROMISE_DAYS * 86400)
			at = made->t[i];
	return at;
}

int
cs_ticket_promise_kept(const struct cs_promise *p, cs_time now, int *after)
{
	int owed_first = !p->has_first || p->made < p->first;
	int has = owed_first ? p->has_first : p->has_resolved;
	cs_time reply = owed_first ? p->first : p->resolved;

	*after = !owed_first;
	if (has)
		return reply <= p->promised;
	return p->promised < now ? 0 : -1;
}

/* The promise of r and how it stands at now, after line. */
static void
sla_promise(const struct cs_master *m, const struct cs_row *r, cs_time now,
    char line[160])
{
	const char *given = cs_master_get(m, r, "first_response_at");
	const char *resolved = cs_master_get(m, r, "resolved_at");
	const char *promised = cs_master_get(m, r, "promised_at");
	struct cs_idtimes made;
	struct cs_promise p = { 0, 0, 0, 0, *given != '\0', *resolved != '\0' };
	cs_time opened = cs_master_get_time(m, r, "opened_at");
	size_t len = strlen(line);
	int kept, after;

	p.promised = cs_master_get_time(m, r, "promised_at");
	p.first = p.has_first ? cs_master_get_time(m, r, "first_response_at") : 0;
	p.resolved = p.has_resolved ? cs_master_get_time(m, r, "resolved_at") : 0;
	/* an unreadable journal leaves the promise made at the opening */
	cs_idtimes_init(&made, cs_schema_tickets.idprefix);
	(void)cs_ticket_promises(m->ds, opened, opened +
	    CS_TICKET_PROMISE_DAYS * 86400, &made);
	p.made = cs_ticket_promise_made(&made, cs_master_get(m, r, "id"), opened);
	cs_idtimes_free(&made);
	kept = cs_ticket_promise_kept(&p, now, &after);
	snprintf(line + len, 160 - len, "; promised by %s%s: %s", promised,
	    after ? " (after the first reply)" : "", kept > 0 ? "kept" :
	    kept == 0 ? "broken" : "still to keep");
}

/* The first response: within the target or not; and the promise. */
static void
sla_first(const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, const struct cs_sla_rule *rule, cs_time now,
    char line[160])
{
	const char *given = cs_master_get(m, r, "first_response_at");
	const char *promised = cs_master_get(m, r, "promised_at");
	cs_time fr = *given ? cs_master_get_time(m, r, "first_response_at") : now;
	int64_t took = cs_sla_elapsed(sla, rule->business,
	    cs_master_get(m, r, "channel"), cs_master_get_time(m, r,
	    "opened_at"), fr);
	char a[32], b[32];

	cs_duration_format(took, a);
	cs_duration_format(rule->first_response - took, b);
	if (*given == '\0')
		snprintf(line, 160, "not yet; %s %s",
		    took <= rule->first_response ? "left:" : "missed by", b);
	else
		snprintf(line, 160, took <= rule->first_response ?
		    "after %s, within the target" : "after %s, missed by %s", a, b);
	if (*promised)
		sla_promise(m, r, now, line);
}

/* The resolution: working time since opening, pauses left out. */
static void
sla_resolution(const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, const struct cs_sla_rule *rule, cs_time now,
    char line[160])
{
	const char *st = cs_master_get(m, r, "status");
	const char *resolved = cs_master_get(m, r, "resolved_at");
	cs_time end = *resolved ? cs_master_get_time(m, r, "resolved_at") : now;
	const char *ch = cs_master_get(m, r, "channel");
	int64_t took = cs_sla_elapsed(sla, rule->business, ch,
	    cs_master_get_time(m, r, "opened_at"), end) -
	    strtoll(cs_master_get(m, r, "paused"), NULL, 10);
	char a[32], b[32];

	if (strcmp(st, "pending") == 0)
		took -= cs_sla_elapsed(sla, rule->business, ch,
		    cs_master_get_time(m, r, "pending_since"), now);
	cs_duration_format(took, a);
	cs_duration_format(rule->resolution - took, b);
	if (*resolved)
		snprintf(line, 160, took <= rule->resolution ?
		    "in %s, within the target" : "in %s, missed by %s", a, b);
	else
		snprintf(line, 160, "%s %s%s", took <= rule->resolution ?
		    "left:" : "missed by", b,
		    strcmp(st, "pending") ? "" : " (clock stopped: pending)");
}

int
cs_ticket_sla(const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, cs_time now, char first[160],
    char resolution[160])
{
	const struct cs_sla_rule *rule = cs_sla_rule(sla,
	    cs_master_get(m, r, "kind"), cs_master_get(m, r, "channel"));

	if (rule == NULL)
		return 0;
	sla_first(m, r, sla, rule, now, first);
	sla_resolution(m, r, sla, rule, now, resolution);
	return 1;
}
