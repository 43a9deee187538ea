/*
 * cs-ticket: inquiries and after-sales records (returns, exchanges,
 * repairs), with their SLA clocks and the customers' ratings.
 *
 * Records live in tickets/YYYY-MM/, in chunks named by their first id
 * (dated.c); ids are T-YYYYMMDD-NNNN, so an id names its month, and the
 * chunk names say which chunk holds it.  Status moves
 *
 *	open <-> pending (waiting on the customer: the clock stops)
 *	open, pending -> resolved -> closed
 *	resolved, closed -> open (reopen)
 *
 * and every move is a command, journaled field by field.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: cs-ticket [-D dir] [--wait seconds] add [--answered]\n"
	    "                 [--override reason] field=value ...\n"
	    "       cs-ticket [-D dir] [-o format] show [--history] id\n"
	    "       cs-ticket [-D dir] [-o format] list [period] [--agent login]\n"
	    "                 [--category text] [--channel channel] [--customer id]\n"
	    "                 [--kind kind] [--order id] [--overdue] [--sort field]\n"
	    "                 [--status status] [--team team]\n"
	    "       cs-ticket [-D dir] [--wait seconds] reply id [note=text]\n"
	    "       cs-ticket [-D dir] [--wait seconds] promise id time\n"
	    "       cs-ticket [-D dir] [--wait seconds] assign id login\n"
	    "       cs-ticket [-D dir] [--wait seconds] pending id [note=text]\n"
	    "       cs-ticket [-D dir] [--wait seconds] resolve id [result=text]\n"
	    "       cs-ticket [-D dir] [--wait seconds] close id\n"
	    "       cs-ticket [-D dir] [--wait seconds] reopen id [note=text]\n"
	    "       cs-ticket [-D dir] [--wait seconds] rate id satisfaction=n\n"
	    "                 [attitude=good|fair|poor]\n"
	    "       cs-ticket [-D dir] [-o format] overdue\n"
	    "       cs-ticket [-D dir] [-o format] [--encoding gb18030] [--excel]\n"
	    "                 export [period]\n"
	    "       cs-ticket [-D dir] [--wait seconds] set id field=value ...\n"
	    "       cs-ticket [-D dir] [-n] [--create-missing] [--hours field[,...]]\n"
	    "                 [--literal] [--map from=to[,...]] [--scale n]\n"
	    "                 [--time-format format] [--wait seconds] import file\n"
	    "period: --month 2026-11 | --week 2026-W47 | --quarter 2026-Q4 |\n"
	    "        --year 2026 | --from date --to date (last-month, last-week ...)\n");
	cs_exit(status);
}

#define S (&cs_schema_tickets)

struct filter {
	const char *agent, *category, *channel, *customer, *kind, *order;
	const char *status, *team, *sort, *override;
	int overdue, answered, history;
	struct cs_period period;
	cs_time now;
};

/* Fields set only by the commands that move a record. */
static const char *const settable[] = { "category", "subject", "notes",
	"customer", "order", "estimated_at", NULL };

static int
is_settable(const char *field)
{
	const char *const *p;

	for (p = settable; *p; p++)
		if (strcmp(*p, field) == 0)
			return 1;
	return 0;
}

/* ---- records ---- */

static const char *
get(const struct cs_master *m, const struct cs_row *r, const char *field)
{
	return cs_master_get(m, r, field);
}


static int
find(struct cs_ds *ds, const char *id, struct cs_master *m, struct cs_row *row,
    off_t *start, off_t *end)
{
	return cs_dated_find(ds, S, "ticket", id, m, row, start, end);
}

static int
check_agent(struct cs_ds *ds, const char *login, char **team)
{
	return cs_roster_team(ds, "agent", login, team);
}


static int
load_sla(struct cs_ds *ds, struct cs_sla *sla)
{
	return cs_sla_load(sla, ds->dir);
}

/* Stop the pause of a pending record at now: the deadline moves on by the
 * working time it lasted. */
static void
end_pause(const struct cs_master *m, struct cs_row *r, const struct cs_sla *sla,
    cs_time now)
{
	const struct cs_sla_rule *rule = cs_sla_rule(sla, get(m, r, "kind"),
	    get(m, r, "channel"));
	int business = rule ? rule->business : 0;
	int64_t secs, paused = strtoll(get(m, r, "paused"), NULL, 10);
	char buf[32];

	if (*get(m, r, "pending_since") == '\0')
		return;
	secs = cs_sla_elapsed(sla, business, cs_master_get_time(m, r, "pending_since"), now);
	snprintf(buf, sizeof buf, "%lld", (long long)(paused + secs));
	cs_master_put(m, r, "paused", buf);
	cs_master_put(m, r, "pending_since", "");
	if (*get(m, r, "due_at"))
		cs_master_put_time(m, r, "due_at", cs_sla_add(sla, business,
		    cs_master_get_time(m, r, "due_at"), secs));
}

/* ---- after-sales: the return policy ---- */

/* When the order was delivered: 1 found, 0 no such order or not yet
 * delivered (why says which), -1 on error.  Orders are a dated store of
 * cs-order's; its columns are found by name. */
static int
order_delivered(struct cs_ds *ds, const char *order, cs_time *when,
    const char **why)
{
	static const struct cs_schema orders = { "orders", "O", 1, NULL, 0 };
	struct cs_row hdr = { 0 }, row = { 0 };
	char *rel = NULL, *path = NULL;
	off_t s, e;
	int k = 0, col;

	*why = "no such order";
	if (!cs_id_valid("O", order) ||
	    (k = cs_dated_locate(ds->dir, &orders, order, &rel)) <= 0)
		goto out;
	path = cs_ds_path(ds, rel);
	if ((k = cs_store_find(path, order, 1, &hdr, &row, &s, &e)) <= 0)
		goto out;
	*why = "not delivered yet";
	k = 0;
	if ((col = cs_row_find(&hdr, "delivered_at")) >= 0 &&
	    *cs_row_get(&row, (size_t)col) &&
	    cs_time_parse(cs_row_get(&row, (size_t)col), when) == 0)
		k = 1;
out:
	cs_row_free(&hdr);
	cs_row_free(&row);
	free(rel);
	free(path);
	return k;
}

/* Days a customer has to return (or exchange) goods of category. */
static int
window_days(struct cs_ds *ds, const char *kind, const char *category, long *days)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k, cat, col, found = 0;

	*days = -1;
	if (cs_policy_open(&r, ds->dir, 0, "policy/returns.csv") < 0)
		return -1;
	cat = cs_row_find(&r.hdr, "category");
	col = cs_row_find(&r.hdr, strcmp(kind, "return") == 0 ? "return_days" :
	    "exchange_days");
	if (cat < 0 || col < 0) {
		cs_reader_close(&r);
		return cs_fail(CS_ECONFIG, "policy/returns.csv:1: want category, "
		    "return_days and exchange_days columns");
	}
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *c = cs_row_get(&row, (size_t)cat);
		if (strcmp(c, category) == 0 || (strcmp(c, "*") == 0 && !found)) {
			const char *v = cs_row_get(&row, (size_t)col);
			char *end;
			*days = strtol(v, &end, 10);
			if (end == v || *end || *days < 0 || *days > 3650) {
				k = cs_fail(CS_ECONFIG, "policy/returns.csv:%ld: field "
				    "'%s': want a whole number of days, 0 to 3650, not "
				    "'%s'", row.line, cs_row_get(&r.hdr, (size_t)col), v);
				*days = -1;
				break;
			}
			found = strcmp(c, "*") ? 2 : 1;
		}
		if (found == 2)
			break;
	}
	cs_row_free(&row);
	cs_reader_close(&r);
	if (k < 0)
		return cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	return 0;
}

/*
 * A return or exchange must come within the policy's days after the
 * order was delivered.  Refused, with the reason, when it does not or
 * cannot be checked; --override REASON accepts it, and the journal keeps
 * the reason.
 */
static int
check_return(struct cs_ds *ds, const struct filter *f, const char *kind,
    const char *category, const char *order, const char *id,
    struct cs_buf *journal)
{
	char problem[256], d[16];
	const char *why;
	long days, after;
	cs_time delivered;
	int k;

	if (strcmp(kind, "return") && strcmp(kind, "exchange"))
		return 0;
	if (*order == '\0')
		return cs_fail(CS_EUSAGE, "field 'order' is required for %s %s",
		    kind[0] == 'e' ? "an" : "a", kind);
	if ((k = order_delivered(ds, order, &delivered, &why)) < 0 ||
	    window_days(ds, kind, category, &days) < 0)
		return -1;
	if (k == 0)
		snprintf(problem, sizeof problem, "order %s: %s, so the %s window "
		    "cannot be checked", order, why, kind);
	else {
		after = (long)(cs_local_day(ds->now) - cs_local_day(delivered));
		cs_date_format(delivered, d);
		if (days > 0 && after <= days)
			return 0;
		snprintf(problem, sizeof problem, "%s %s of %s goods is accepted "
		    "within %ld days of delivery; order %s was delivered on %s, "
		    "%ld days ago", kind[0] == 'e' ? "an" : "a", kind,
		    *category ? category : "these", days < 0 ? 0 : days, order, d,
		    after);
	}
	if (f->override == NULL)
		return cs_fail(CS_EDATA, "%s (give --override REASON to accept it)",
		    problem);
	cs_journal_line(journal, ds, "add", id, "override", problem, f->override);
	return 0;
}

/* ---- add ---- */

static int
cmd_add(struct cs_ds *ds, const struct filter *f, int argc, char **argv)
{
	struct cs_master m, tail = { 0 };
	struct cs_row rec = { 0 }, laid = { 0 };
	struct cs_buf ids = { 0 }, extra = { 0 };
	struct cs_sla sla = { 0 };
	const struct cs_sla_rule *rule;
	char *team = NULL, *field, *id = NULL;
	const char *value;
	cs_time opened;
	int i, ret = -1, locked = 0;

	if (cs_master_open_rel(&m, ds, S, NULL) < 0 || load_sla(ds, &sla) < 0)
		goto out;
	cs_master_blank(&m, &rec);
	cs_master_put(&m, &rec, "kind", "inquiry");
	cs_master_put(&m, &rec, "agent", ds->user);
	for (i = 0; i < argc; i++) {
		if (cs_arg_utf8("operand", argv[i]) < 0 ||
		    cs_assign_split(argv[i], &field, &value) < 0)
			goto out;
		if (!is_settable(field) && strcmp(field, "kind") &&
		    strcmp(field, "channel") && strcmp(field, "agent") &&
		    strcmp(field, "opened_at") && strcmp(field, "promised_at") &&
		    strcmp(field, "result")) {
			cs_fail(cs_schema_col(S, field) ? CS_EUSAGE : CS_EUSAGE,
			    "%s field '%s' for a new ticket",
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
	if (*get(&m, &rec, "channel") == '\0') {
		cs_fail(CS_EUSAGE, "field 'channel' is required (phone, online, "
		    "email, visit)");
		goto out;
	}
	opened = ds->now;
	if (*get(&m, &rec, "opened_at")) {
		char d1[16], d2[16];
		cs_time_parse(get(&m, &rec, "opened_at"), &opened);
		cs_date_format(opened, d1);
		cs_date_format(ds->now, d2);
		if (opened > ds->now || strcmp(d1, d2) != 0) {
			cs_fail(CS_EDATA, "field 'opened_at': earlier today, not '%s'",
			    get(&m, &rec, "opened_at"));
			goto out;
		}
	}
	cs_master_put_time(&m, &rec, "opened_at", opened);
	if (check_agent(ds, get(&m, &rec, "agent"), &team) < 0 ||
	    cs_customer_known(ds, get(&m, &rec, "customer")) < 0)
		goto out;
	cs_master_put(&m, &rec, "team", team);
	cs_master_put(&m, &rec, "status", "open");
	rule = cs_sla_rule(&sla, get(&m, &rec, "kind"), get(&m, &rec, "channel"));
	if (rule)
		cs_master_put_time(&m, &rec, "due_at", cs_sla_add(&sla, rule->business, opened,
		    rule->resolution));
	if (*get(&m, &rec, "promised_at") &&
	    cs_master_get_time(&m, &rec, "promised_at") < opened) {
		cs_fail(CS_EDATA, "field 'promised_at': before the record was opened");
		goto out;
	}
	if (f->answered) {
		if (strcmp(get(&m, &rec, "kind"), "inquiry") != 0) {
			cs_fail(CS_EUSAGE, "--answered: only an inquiry is answered "
			    "on the spot");
			goto out;
		}
		cs_master_put_time(&m, &rec, "first_response_at", opened);
		cs_master_put_time(&m, &rec, "resolved_at", ds->now);
		cs_master_put(&m, &rec, "status", "resolved");
	}
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	locked = 1;
	if (cs_dated_open_tail(&tail, ds, S, &id) < 0)
		goto out;
	cs_master_put(&m, &rec, "id", id);
	if (check_return(ds, f, get(&m, &rec, "kind"), get(&m, &rec, "category"),
	    get(&m, &rec, "order"), id, &extra) < 0)
		goto out;
	cs_master_remap(&m, &rec, &tail, &laid);
	if (cs_master_append_j(&tail, &laid, 1, "add", &extra, &ids) < 0)
		goto out;
	cs_committed("stored %s", id);
	fputs(ids.s, stdout);
	ret = 0;
out:
	if (locked)
		cs_unlock(ds);
	cs_master_close(&m);
	cs_master_close(&tail);
	cs_row_free(&rec);
	cs_row_free(&laid);
	cs_buf_free(&ids);
	cs_buf_free(&extra);
	cs_sla_free(&sla);
	free(team);
	free(id);
	return ret;
}

/* ---- the commands that move a record ---- */

struct move {
	const char *verb;
	const char *from;	/* statuses it may start from, "a|b" */
	const char *why;	/* said when it may not */
};

static const struct move moves[] = {
	{ "reply", "open|pending", "reopen it first" },
	{ "promise", "open|pending", "reopen it first" },
	{ "assign", "open|pending|resolved", "a closed record keeps its agent" },
	{ "pending", "open", "only an open record waits on the customer" },
	{ "resolve", "open|pending", "reopen it to resolve it again" },
	{ "close", "resolved", "resolve it first" },
	{ "reopen", "resolved|closed", "it is not resolved yet" },
	{ "rate", "resolved|closed", "the customer rates a resolved record" },
	{ "set", "open|pending|resolved|closed", "" },
};

static const struct move *
find_move(const char *verb)
{
	size_t i;

	for (i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (strcmp(moves[i].verb, verb) == 0)
			return &moves[i];
	return NULL;
}

/* The operands after the id: field=value, of the fields allowed. */
static int
operands(const struct cs_master *m, struct cs_row *r, int argc, char **argv,
    const char *allowed, struct cs_buf *journal, const struct cs_ds *ds,
    const char *verb, const char *id)
{
	const char *value;
	char *field;
	int i, ret = 0;

	for (i = 0; i < argc && ret == 0; i++) {
		if (cs_arg_utf8("operand", argv[i]) < 0 ||
		    cs_assign_split(argv[i], &field, &value) < 0)
			return -1;
		if (strcmp(field, "note") == 0 && cs_in_list("note", allowed))
			/* a progress note: the journal keeps it */
			cs_journal_line(journal, ds, verb, id, "note", "", value);
		else if (strcmp(allowed, "*") == 0 ? !is_settable(field) :
		    !cs_in_list(field, allowed))
			ret = cs_fail(CS_EUSAGE, "%s: field '%s' is not %s here", verb,
			    field, cs_schema_col(S, field) ? "given" : "known");
		else
			ret = cs_master_assign(m, r, field, value);
		free(field);
	}
	return ret;
}

static int
cmd_move(struct cs_ds *ds, const char *verb, int argc, char **argv)
{
	const struct move *mv = find_move(verb);
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	struct cs_buf journal = { 0 };
	struct cs_sla sla = { 0 };
	const char *id, *status;
	char *team = NULL;
	off_t start, end;
	cs_time t;
	int ret = -1, n;

	if (argc < 1)
		return cs_fail(CS_EUSAGE, "%s: which ticket?", verb);
	id = argv[0];
	argc--, argv++;
	if (load_sla(ds, &sla) < 0)
		return -1;
	if (cs_lock(ds, cs_lock_wait) < 0) {
		cs_sla_free(&sla);
		return -1;
	}
	if (find(ds, id, &m, &old, &start, &end) < 0)
		goto out;
	status = get(&m, &old, "status");
	if (!cs_in_list(status, mv->from)) {
		if (strcmp(verb, "close") == 0 && strcmp(status, "closed") == 0)
			cs_fail(CS_EDATA, "close %s: it is closed already", id);
		else
			cs_fail(CS_EDATA, "%s %s: the record is %s; %s", verb, id,
			    status, mv->why);
		goto out;
	}
	cs_row_copy(&new, &old);
	if (strcmp(verb, "reply") == 0 || strcmp(verb, "pending") == 0 ||
	    strcmp(verb, "reopen") == 0) {
		if (operands(&m, &new, argc, argv, "note", &journal, ds, verb, id) < 0)
			goto out;
		if (strcmp(verb, "reopen") == 0) {
			char buf[32];
			snprintf(buf, sizeof buf, "%ld",
			    strtol(get(&m, &new, "reopens"), NULL, 10) + 1);
			cs_master_put(&m, &new, "reopens", buf);
			cs_master_put(&m, &new, "resolved_at", "");
			cs_master_put(&m, &new, "closed_at", "");
			cs_master_put(&m, &new, "status", "open");
		} else {
			if (*get(&m, &new, "first_response_at") == '\0')
				cs_master_put_time(&m, &new, "first_response_at", ds->now);
			if (strcmp(verb, "reply") == 0) {
				end_pause(&m, &new, &sla, ds->now);
				cs_master_put(&m, &new, "status", "open");
			} else {
				cs_master_put_time(&m, &new, "pending_since", ds->now);
				cs_master_put(&m, &new, "status", "pending");
			}
		}
	} else if (strcmp(verb, "promise") == 0) {
		if (argc != 1) {
			cs_fail(CS_EUSAGE, "promise: an id and a time");
			goto out;
		}
		if (cs_time_parse(argv[0], &t) < 0)
			goto out;
		if (t < cs_master_get_time(&m, &old, "opened_at")) {
			cs_fail(CS_EDATA, "promise %s: %s is before the record was "
			    "opened", id, argv[0]);
			goto out;
		}
		cs_master_put_time(&m, &new, "promised_at", t);
	} else if (strcmp(verb, "assign") == 0) {
		if (argc != 1) {
			cs_fail(CS_EUSAGE, "assign: an id and a login");
			goto out;
		}
		if (check_agent(ds, argv[0], &team) < 0)
			goto out;
		cs_master_put(&m, &new, "agent", argv[0]);
		cs_master_put(&m, &new, "team", team);
	} else if (strcmp(verb, "resolve") == 0) {
		if (operands(&m, &new, argc, argv, "result", &journal, ds, verb, id) < 0)
			goto out;
		end_pause(&m, &new, &sla, ds->now);
		if (*get(&m, &new, "first_response_at") == '\0')
			cs_master_put_time(&m, &new, "first_response_at", ds->now);
		cs_master_put_time(&m, &new, "resolved_at", ds->now);
		cs_master_put(&m, &new, "status", "resolved");
	} else if (strcmp(verb, "close") == 0) {
		if (argc) {
			cs_fail(CS_EUSAGE, "close: only an id");
			goto out;
		}
		cs_master_put_time(&m, &new, "closed_at", ds->now);
		cs_master_put(&m, &new, "status", "closed");
	} else if (strcmp(verb, "rate") == 0) {
		if (operands(&m, &new, argc, argv, "satisfaction|attitude", &journal,
		    ds, verb, id) < 0)
			goto out;
		if (*get(&m, &new, "satisfaction") == '\0') {
			cs_fail(CS_EUSAGE, "rate: satisfaction=1..5 is required");
			goto out;
		}
	} else {		/* set */
		if (argc == 0) {
			cs_fail(CS_EUSAGE, "set: field=value operands");
			goto out;
		}
		if (operands(&m, &new, argc, argv, "*", &journal, ds, verb, id) < 0)
			goto out;
		if (cs_customer_known(ds, get(&m, &new, "customer")) < 0)
			goto out;
	}
	n = cs_master_diff(&m, &old, &new, verb, &journal);
	if (n == 0 && journal.len == 0) {
		ret = 0;
		goto out;
	}
	{
		struct cs_buf line = { 0 };
		cs_csv_record(&line, &new);
		ret = cs_commit_replace(ds, m.rel, start, end, &line, &journal);
		cs_buf_free(&line);
	}
out:
	cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&journal);
	cs_sla_free(&sla);
	free(team);
	return ret;
}

/* ---- reading: show, list, overdue, export ---- */

static int
is_overdue(const struct cs_master *m, const struct cs_row *r, cs_time now)
{
	const char *st = get(m, r, "status");

	if (strcmp(st, "open") && strcmp(st, "pending"))
		return 0;
	if (*get(m, r, "due_at") && cs_master_get_time(m, r, "due_at") < now &&
	    strcmp(st, "pending") != 0)
		return 1;
	return *get(m, r, "promised_at") && *get(m, r, "first_response_at") == '\0' &&
	    cs_master_get_time(m, r, "promised_at") < now;
}

static int
keep(const struct cs_master *m, const struct cs_row *r, const struct filter *f)
{
	struct { const char *want, *field; } eq[] = {
		{ f->agent, "agent" }, { f->category, "category" },
		{ f->channel, "channel" }, { f->customer, "customer" },
		{ f->kind, "kind" }, { f->order, "order" }, { f->status, "status" },
		{ f->team, "team" },
	};
	size_t i;

	for (i = 0; i < sizeof eq / sizeof eq[0]; i++)
		if (eq[i].want && strcmp(get(m, r, eq[i].field), eq[i].want))
			return 0;
	if (!cs_period_contains(&f->period, cs_master_get_time(m, r, "opened_at")))
		return 0;
	return !f->overdue || is_overdue(m, r, f->now);
}

static const struct cs_master *sort_master;
static int sort_col, sort_desc;

static int
by_sort(const void *a, const void *b)
{
	const char *x = cs_row_get(a, (size_t)sort_col);
	const char *y = cs_row_get(b, (size_t)sort_col);
	int c = sort_col == sort_master->idx[0] ? cs_id_cmp(x, y) : strcmp(x, y);

	return sort_desc ? -c : c;
}

/* Stream the matching records of every month file to out; held back and
 * sorted when --sort asks.  CS_NO when there was none. */
static int
scan(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o)
{
	char **files = cs_dated_files(ds->dir, S, &f->period), **p;
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 }, *held = NULL;
	struct cs_out out = { 0 };
	size_t n = 0, nheld = 0, i;
	int k = 0, ret = -1;

	if (files == NULL)
		return -1;
	if (cs_master_open_rel(&m, ds, S, NULL) < 0)
		goto out0;
	if (f->sort) {
		const char *name = f->sort + (f->sort[0] == '-');
		const struct cs_column *c = cs_schema_col(S, name);
		if (c == NULL) {
			cs_fail(CS_EUSAGE, "--sort: no field '%s'", name);
			goto out0;
		}
		sort_master = &m;
		sort_col = m.idx[c - S->cols];
		sort_desc = f->sort[0] == '-';
	}
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &m.hdr);
	for (p = files; *p && k >= 0; p++) {
		struct cs_master fm;
		if (cs_reader_open(&r, *p, CS_READ_STORE, 0) < 0) {
			k = -1;
			break;
		}
		if (cs_schema_bind(S, &r.hdr, r.name, fm.idx) < 0 ||
		    memcmp(fm.idx, m.idx, sizeof(int) * S->ncols) != 0) {
			if (cs_errmsg()[0] == '\0' || memcmp(fm.idx, m.idx,
			    sizeof(int) * S->ncols) != 0)
				cs_fail(CS_EDATA, "%s: columns differ from the "
				    "other months'", r.name);
			cs_reader_close(&r);
			k = -1;
			break;
		}
		while ((k = cs_reader_next(&r, &row)) > 0) {
			if (!keep(&m, &row, f))
				continue;
			n++;
			if (!f->sort) {
				cs_out_row(&out, &row);
				continue;
			}
			held = cs_xrealloc(held, (nheld + 1) * sizeof *held);
			memset(&held[nheld], 0, sizeof *held);
			cs_row_copy(&held[nheld++], &row);
		}
		cs_reader_close(&r);
	}
	if (f->sort && k >= 0) {
		if (nheld > 1)	/* held is NULL when none was */
			qsort(held, nheld, sizeof *held, by_sort);
		for (i = 0; i < nheld; i++)
			cs_out_row(&out, &held[i]);
	}
	if (cs_out_end(&out) < 0 || k < 0)
		goto out;
	ret = n ? 0 : CS_NO;
out:
	for (i = 0; i < nheld; i++)
		cs_row_free(&held[i]);
	free(held);
out0:
	cs_strv_free(files);
	cs_row_free(&row);
	cs_master_close(&m);
	return ret;
}

/* How the SLA stands, in words, for show. */
static void
sla_lines(const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, cs_time now, struct cs_out *out)
{
	const struct cs_sla_rule *rule = cs_sla_rule(sla, get(m, r, "kind"),
	    get(m, r, "channel"));
	struct cs_row kv = { 0 };
	char a[32], b[32], line[160];
	cs_time opened = cs_master_get_time(m, r, "opened_at"), fr, end;
	int64_t took, paused = strtoll(get(m, r, "paused"), NULL, 10);
	const char *st = get(m, r, "status");

	if (rule == NULL) {
		cs_row_push(&kv, "sla", 3);
		cs_row_push(&kv, "no target in policy/sla.csv", 27);
		cs_out_row(out, &kv);
		cs_row_free(&kv);
		return;
	}
	/* first response: within the target, or by the promised time */
	fr = *get(m, r, "first_response_at") ? cs_master_get_time(m, r, "first_response_at") :
	    now;
	took = cs_sla_elapsed(sla, rule->business, opened, fr);
	cs_duration_format(took, a);
	cs_duration_format(rule->first_response - took, b);
	if (*get(m, r, "first_response_at") == '\0')
		snprintf(line, sizeof line, "not yet; %s %s",
		    took <= rule->first_response ? "left:" : "missed by", b);
	else
		snprintf(line, sizeof line, took <= rule->first_response ?
		    "after %s, within the target" : "after %s, missed by %s", a, b);
	if (*get(m, r, "promised_at")) {
		int kept = fr <= cs_master_get_time(m, r, "promised_at");
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, "; promised by %s: %s",
		    get(m, r, "promised_at"), *get(m, r, "first_response_at") ?
		    (kept ? "kept" : "broken") : (kept ? "still to keep" : "broken"));
	}
	cs_row_push(&kv, "first response", 14);
	cs_row_push(&kv, line, strlen(line));
	cs_out_row(out, &kv);
	/* resolution: working time since opening, pauses left out */
	end = *get(m, r, "resolved_at") ? cs_master_get_time(m, r, "resolved_at") : now;
	took = cs_sla_elapsed(sla, rule->business, opened, end) - paused;
	if (strcmp(st, "pending") == 0)
		took -= cs_sla_elapsed(sla, rule->business,
		    cs_master_get_time(m, r, "pending_since"), now);
	cs_duration_format(took, a);
	cs_duration_format(rule->resolution - took, b);
	if (*get(m, r, "resolved_at"))
		snprintf(line, sizeof line, took <= rule->resolution ?
		    "in %s, within the target" : "in %s, missed by %s", a, b);
	else
		snprintf(line, sizeof line, "%s %s%s", took <= rule->resolution ?
		    "left:" : "missed by", b,
		    strcmp(st, "pending") ? "" : " (clock stopped: pending)");
	cs_row_clear(&kv);
	cs_row_push(&kv, "resolution", 10);
	cs_row_push(&kv, line, strlen(line));
	cs_out_row(out, &kv);
	cs_row_free(&kv);
}

static int
cmd_show(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o,
    const char *id)
{
	struct cs_master m;
	struct cs_row row = { 0 }, kv = { 0 }, hdr = { 0 };
	struct cs_out out = { 0 };
	struct cs_sla sla = { 0 };
	enum cs_fmt fmt = cs_opts_fmt(o);
	off_t s, e;
	size_t i;
	int ret = -1;
	static const char *hcols[] = { "time", "user", "program", "command",
		"field", "old", "new" };

	if (find(ds, id, &m, &row, &s, &e) < 0) {
		if (cs_errstatus() == CS_EDATA)
			cs_fail(CS_NO, "%s", cs_errmsg());
		goto out;
	}
	out.gb18030 = o->gb18030;
	if (f->history) {
		for (i = 0; i < 7; i++)
			cs_row_push(&hdr, hcols[i], strlen(hcols[i]));
		cs_out_begin(&out, stdout, fmt, &hdr);
		if (cs_journal_history(ds, id, NULL, &out) < 0)
			goto out;
		ret = cs_out_end(&out);
		goto out;
	}
	if (fmt != CS_FMT_TABLE) {
		cs_out_begin(&out, stdout, fmt, &m.hdr);
		cs_out_row(&out, &row);
		ret = cs_out_end(&out);
		goto out;
	}
	if (load_sla(ds, &sla) < 0)
		goto out;
	cs_row_push(&hdr, "field", 5);
	cs_row_push(&hdr, "value", 5);
	out.maxw = 160;		/* one record: show it whole */
	cs_out_begin(&out, stdout, fmt, &hdr);
	for (i = 0; i < m.hdr.n; i++) {
		cs_row_clear(&kv);
		cs_row_push(&kv, cs_row_get(&m.hdr, i), strlen(cs_row_get(&m.hdr, i)));
		cs_row_push(&kv, cs_row_get(&row, i), strlen(cs_row_get(&row, i)));
		cs_out_row(&out, &kv);
	}
	sla_lines(&m, &row, &sla, ds->now, &out);
	if ((ret = cs_out_end(&out)) < 0)
		goto out;
	printf("\nhistory:\n");
	cs_row_clear(&hdr);
	for (i = 0; i < 7; i++)
		cs_row_push(&hdr, hcols[i], strlen(hcols[i]));
	cs_out_begin(&out, stdout, fmt, &hdr);
	ret = cs_journal_history(ds, id, NULL, &out);
	if (cs_out_end(&out) < 0)
		ret = -1;
out:
	cs_master_close(&m);
	cs_row_free(&row);
	cs_row_free(&kv);
	cs_row_free(&hdr);
	cs_sla_free(&sla);
	return ret;
}

static int
by_first_id(const void *a, const void *b)
{
	return cs_id_cmp(cs_row_get(a, 0), cs_row_get(b, 0));
}

/* ---- import: other help desks' exports ---- */

struct import_opts {
	struct cs_buf map;	/* --map from=to, gathered */
	const char *time_format;
	const char *hours;	/* fields given as hours after opening */
	double scale;		/* ratings on 1..scale */
	int create_missing, literal;
};

struct pending_rec {
	struct cs_row rec;	/* laid out as the schema */
	long line;
	cs_time opened;
	char *agent_missing, *customer_missing;	/* to create first */
};

struct import {
	const char *file;
	struct cs_row cols;	/* our field for each column of the file */
	struct pending_rec *v;
	size_t n;
	struct cs_map staff;	/* login -> team (strdup) */
	struct cs_map cust_ids;	/* id -> 1 */
	struct cs_map cust_names;	/* name -> id (strdup) */
	struct cs_map new_agents, new_customers;	/* name -> first line */
};

static void
free_str(void *p)
{
	free(p);
}

/* The roster and the customers, for references by login, id or name. */
static int
load_refs(struct cs_ds *ds, struct import *im)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	char *path;
	int k, a, b, c;

	path = cs_ds_path(ds, "staff.csv");
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (k < 0)
		return -1;
	a = cs_row_find(&r.hdr, "id"), b = cs_row_find(&r.hdr, "team");
	while ((k = cs_reader_next(&r, &row)) > 0)
		*cs_map_slot(&im->staff, cs_row_get(&row, (size_t)a), NULL) =
		    cs_xstrdup(cs_row_get(&row, (size_t)b));
	cs_reader_close(&r);
	if (k < 0)
		goto out;
	path = cs_ds_path(ds, "customers.csv");
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (k < 0)
		goto out;
	a = cs_row_find(&r.hdr, "id"), c = cs_row_find(&r.hdr, "name");
	while ((k = cs_reader_next(&r, &row)) > 0) {
		void **slot = cs_map_slot(&im->cust_names, cs_row_get(&row, (size_t)c),
		    NULL);
		*cs_map_slot(&im->cust_ids, cs_row_get(&row, (size_t)a), NULL) =
		    (void *)1;
		if (*slot == NULL)
			*slot = cs_xstrdup(cs_row_get(&row, (size_t)a));
	}
	cs_reader_close(&r);
out:
	cs_row_free(&row);
	return k < 0 ? -1 : 0;
}

static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* A time of the file: --time-format, or any form cs-tools reads. */
static int
foreign_time(const struct import_opts *io, const char *v, cs_time *t)
{
	struct tm tm;
	const char *end;

	if (io->time_format == NULL)
		return cs_time_parse(v, t);
	memset(&tm, 0, sizeof tm);
	end = strptime(v, io->time_format, &tm);
	if (end == NULL || *end != '\0')
		return cs_fail(CS_EDATA, "not a time in the form '%s': '%s'",
		    io->time_format, v);
	return cs_mktime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, t);
}

/* One field of one record of the file, converted and checked. */
static int
import_field(const struct cs_master *m, const struct import_opts *io,
    struct import *im, struct pending_rec *p, const char *field, const char *v)
{
	char buf[32], *end;
	double x;
	cs_time t;

	if (*v == '\0' || *field == '\0')
		return 0;
	if (cs_schema_col(S, field)->type == CS_T_TIME && strcmp(field,
	    "opened_at")) {
		if (in_list(io->hours, field)) {
			x = strtod(v, &end);
			if (end == v || *end || x < 0 || x > 24 * 3650)
				return cs_fail(CS_EDATA, "field '%s': not a number of "
				    "hours: '%s'", field, v);
			t = p->opened + (cs_time)(x * 3600 + 0.5);
		} else if (foreign_time(io, v, &t) < 0)
			return cs_fail(CS_EDATA, "field '%s': %s", field, cs_errmsg());
		cs_time_format(t, buf);
		v = buf;
	} else if (strcmp(field, "satisfaction") == 0 && io->scale > 0) {
		x = strtod(v, &end);
		if (end == v || *end || x < 1 || x > io->scale)
			return cs_fail(CS_EDATA, "field 'satisfaction': not 1 to %g: "
			    "'%s'", io->scale, v);
		snprintf(buf, sizeof buf, "%d",
		    1 + (int)((x - 1) * 4 / (io->scale - 1) + 0.5));
		v = buf;
	} else if (strcmp(field, "agent") == 0 && !cs_map_get(&im->staff, v)) {
		if (!cs_login_valid(v))
			return cs_fail(CS_EDATA, "field 'agent': not a login name: '%s'",
			    v);
		p->agent_missing = cs_xstrdup(v);
	} else if (strcmp(field, "customer") == 0) {
		const char *id = cs_map_get(&im->cust_names, v);
		if (cs_id_valid("C", v)) {
			if (!cs_map_get(&im->cust_ids, v))
				return cs_fail(CS_EDATA, "field 'customer': no customer "
				    "'%s'", v);
		} else if (id)
			v = id;
		else {
			p->customer_missing = cs_xstrdup(v);
			return 0;
		}
	}
	return cs_master_assign(m, &p->rec, field, v);
}

static int
import_record(const struct cs_master *m, const struct import_opts *io,
    struct import *im, const struct cs_row *row, const struct cs_sla *sla)
{
	struct pending_rec *p;
	const struct cs_sla_rule *rule;
	const char *st, *team;
	int oc = cs_row_find(&im->cols, "opened_at");
	size_t i;

	im->v = cs_xrealloc(im->v, (im->n + 1) * sizeof *im->v);
	p = &im->v[im->n++];
	memset(p, 0, sizeof *p);
	p->line = row->line;
	cs_master_blank(m, &p->rec);
	if (oc < 0 || *cs_row_get(row, (size_t)oc) == '\0')
		return cs_fail(CS_EDATA, "field 'opened_at' is required");
	if (foreign_time(io, cs_row_get(row, (size_t)oc), &p->opened) < 0)
		return cs_fail(CS_EDATA, "field 'opened_at': %s", cs_errmsg());
	cs_master_put_time(m, &p->rec, "opened_at", p->opened);
	cs_master_put(m, &p->rec, "kind", "inquiry");
	for (i = 0; i < row->n; i++)
		if ((int)i != oc && import_field(m, io, im, p,
		    cs_row_get(&im->cols, i), cs_row_get(row, i)) < 0)
			return -1;
	if (*get(m, &p->rec, "channel") == '\0')
		return cs_fail(CS_EDATA, "field 'channel' is required");
	if (*get(m, &p->rec, "agent") == '\0' && p->agent_missing == NULL)
		return cs_fail(CS_EDATA, "field 'agent' is required");
	if ((team = cs_map_get(&im->staff, get(m, &p->rec, "agent"))) != NULL)
		cs_master_put(m, &p->rec, "team", team);
	st = *get(m, &p->rec, "closed_at") ? "closed" :
	    *get(m, &p->rec, "resolved_at") ? "resolved" : "open";
	if (*get(m, &p->rec, "status") == '\0')
		cs_master_put(m, &p->rec, "status", st);
	rule = cs_sla_rule(sla, get(m, &p->rec, "kind"), get(m, &p->rec, "channel"));
	if (rule && *get(m, &p->rec, "due_at") == '\0')
		cs_master_put_time(m, &p->rec, "due_at", cs_sla_add(sla, rule->business,
		    p->opened, rule->resolution));
	return 0;
}

static int
import_read(const struct cs_master *m, const struct import_opts *io,
    struct import *im, const char *file, const struct cs_sla *sla)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf tmp = { 0 };
	const char *name;
	int k, ret = -1;
	size_t i;

	im->file = strcmp(file, "-") == 0 ? "<stdin>" : file;
	if (cs_reader_open(&r, file, CS_READ_CSV, CS_READ_USER |
	    (io->literal ? CS_READ_LITERAL : 0)) < 0)
		return -1;
	for (i = 0; i < r.hdr.n; i++) {
		name = cs_column_map(&io->map, cs_row_get(&r.hdr, i), &tmp);
		if (*name && (cs_schema_col(S, name) == NULL ||
		    strcmp(name, "id") == 0)) {
			cs_fail(CS_EDATA, "%s:1: column '%s' is not a ticket field%s",
			    im->file, name, strcmp(name, "id") ? " (rename it with "
			    "--map, or drop it with --map 'name=')" :
			    "; cs-ticket gives the ids (drop it with --map 'id=')");
			goto out;
		}
		if (*name && cs_row_find(&im->cols, name) >= 0) {
			cs_fail(CS_EDATA, "%s:1: column '%s' twice", im->file, name);
			goto out;
		}
		cs_row_push(&im->cols, name, strlen(name));
	}
	while ((k = cs_reader_next(&r, &row)) > 0)
		if (import_record(m, io, im, &row, sla) < 0) {
			cs_fail(cs_errstatus(), "%s:%ld: %s", im->file, row.line,
			    cs_errmsg());
			goto out;
		}
	ret = k;
out:
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_buf_free(&tmp);
	return ret;
}

static int
by_opened(const void *a, const void *b)
{
	const struct pending_rec *x = a, *y = b;

	if (x->opened != y->opened)
		return x->opened < y->opened ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The agents and customers the file names that are not known yet: each
 * reported, or made when --create-missing says so. */
static int
import_missing(struct cs_ds *ds, const struct import_opts *io, struct import *im,
    struct cs_out *plan, int dry)
{
	struct cs_master sm, cm;
	struct cs_row rec = { 0 };
	struct cs_buf ids = { 0 };
	size_t i, missing = 0;
	long first = 0;
	const char *what = NULL, *name = NULL;
	char ln[24];
	int isnew, ret = -1;

	for (i = 0; i < im->n; i++) {
		struct pending_rec *p = &im->v[i];
		if (p->agent_missing) {
			void **slot = cs_map_slot(&im->new_agents, p->agent_missing,
			    &isnew);
			if (isnew) {
				*slot = (void *)p->line;
				if (!missing++)
					first = p->line, what = "agent", name = p->agent_missing;
			}
		}
		if (p->customer_missing) {
			void **slot = cs_map_slot(&im->new_customers,
			    p->customer_missing, &isnew);
			if (isnew) {
				*slot = (void *)p->line;
				if (!missing++)
					first = p->line, what = "customer",
					    name = p->customer_missing;
			}
		}
	}
	if (missing == 0)
		return 0;
	if (!io->create_missing)
		return cs_fail(CS_EDATA, "%s:%ld: field '%s': no %s '%s'%s; "
		    "--create-missing adds %s", im->file, first, what,
		    strcmp(what, "agent") ? "customer" : "one on the roster called",
		    name, missing > 1 ? " (and more: -n lists them)" : "",
		    missing > 1 ? "them" : "it");
	if (cs_master_open(&sm, ds, &cs_schema_staff) < 0)
		return -1;
	if (cs_master_open(&cm, ds, &cs_schema_customers) < 0) {
		cs_master_close(&sm);
		return -1;
	}
	for (i = 0; i < im->new_agents.cap; i++) {
		const char *login = im->new_agents.keys[i];
		if (login == NULL)
			continue;
		snprintf(ln, sizeof ln, "%ld", (long)im->new_agents.vals[i]);
		if (dry) {
			struct cs_row r = { 0 };
			cs_row_push(&r, ln, strlen(ln));
			cs_row_push(&r, "add-agent", 9);
			cs_row_push(&r, login, strlen(login));
			cs_row_push(&r, "", 0);
			cs_out_row(plan, &r);
			cs_row_free(&r);
			continue;
		}
		cs_master_blank(&sm, &rec);
		if (cs_master_assign(&sm, &rec, "id", login) < 0 ||
		    cs_master_assign(&sm, &rec, "name", login) < 0 ||
		    cs_master_assign(&sm, &rec, "role", "agent") < 0 ||
		    cs_master_append(&sm, &rec, 1, "import", &ids) < 0)
			goto out;
		*cs_map_slot(&im->staff, login, NULL) = cs_xstrdup("");
	}
	for (i = 0; i < im->new_customers.cap; i++) {
		const char *cname = im->new_customers.keys[i];
		if (cname == NULL)
			continue;
		snprintf(ln, sizeof ln, "%ld", (long)im->new_customers.vals[i]);
		if (dry) {
			struct cs_row r = { 0 };
			cs_row_push(&r, ln, strlen(ln));
			cs_row_push(&r, "add-customer", 12);
			cs_row_push(&r, "", 0);
			cs_row_push(&r, cname, strlen(cname));
			cs_out_row(plan, &r);
			cs_row_free(&r);
			continue;
		}
		cs_master_blank(&cm, &rec);
		cs_buf_reset(&ids);
		if (cs_master_assign(&cm, &rec, "name", cname) < 0 ||
		    cs_master_assign(&cm, &rec, "type", "end") < 0 ||
		    cs_master_append(&cm, &rec, 1, "import", &ids) < 0)
			goto out;
		ids.s[strcspn(ids.s, "\n")] = '\0';
		*cs_map_slot(&im->cust_names, cname, NULL) = cs_xstrdup(ids.s);
	}
	ret = 0;
out:
	cs_master_close(&sm);
	cs_master_close(&cm);
	cs_row_free(&rec);
	cs_buf_free(&ids);
	return ret;
}

static int
cmd_import(struct cs_ds *ds, const struct cs_opts *o,
    const struct import_opts *io, const char *file)
{
	struct import im = { 0 };
	struct cs_master m;
	struct cs_sla sla = { 0 };
	struct cs_out plan = { 0 };
	struct cs_row ph = { 0 }, *recs = NULL;
	struct cs_buf journal = { 0 }, line = { 0 };
	char *last = NULL, *id;
	int locked = 0, intxn = 0, ret = -1, planning = 0;
	size_t i;
	static const char *pcols[] = { "line", "action", "id", "new" };

	if (cs_master_open_rel(&m, ds, S, NULL) < 0 || load_sla(ds, &sla) < 0)
		goto out;
	if (!o->dry_run) {
		if (cs_lock(ds, cs_lock_wait) < 0)
			goto out;
		locked = 1;
	}
	if (load_refs(ds, &im) < 0 || import_read(&m, io, &im, file, &sla) < 0)
		goto out;
	if (o->dry_run) {
		for (i = 0; i < 4; i++)
			cs_row_push(&ph, pcols[i], strlen(pcols[i]));
		plan.gb18030 = o->gb18030;
		cs_out_begin(&plan, stdout, cs_opts_fmt(o), &ph);
		planning = 1;
	}
	/* new agents, new customers and the tickets: one transaction */
	if (!o->dry_run) {
		if (cs_txn_begin(ds) < 0)
			goto out;
		intxn = 1;
	}
	if (import_missing(ds, io, &im, &plan, o->dry_run) < 0)
		goto out;
	/* ids: by day, after the day's last, in order of opening (im.v is
	 * NULL for a file of a header alone: nothing to sort or store) */
	if (im.n > 1)
		qsort(im.v, im.n, sizeof *im.v, by_opened);
	recs = cs_xmalloc((im.n + 1) * sizeof *recs);
	for (i = 0; i < im.n; i++) {
		struct pending_rec *p = &im.v[i];
		char d1[16], d2[16];
		if (p->agent_missing) {
			cs_master_put(&m, &p->rec, "agent", p->agent_missing);
			cs_master_put(&m, &p->rec, "team", cs_map_get(&im.staff, p->agent_missing) ?
			    (char *)cs_map_get(&im.staff, p->agent_missing) : "");
		}
		if (p->customer_missing)
			cs_master_put(&m, &p->rec, "customer", o->dry_run ? "" :
			    (char *)cs_map_get(&im.cust_names, p->customer_missing));
		cs_date_format(p->opened, d1);
		if (last)
			snprintf(d2, sizeof d2, "%.4s-%.2s-%.2s", last + 2, last + 6,
			    last + 8);
		if (last == NULL || strcmp(d1, d2) != 0) {
			free(last);
			if (cs_dated_day_last(ds, S, p->opened, &last) < 0)
				goto out;
		}
		if ((id = cs_id_next_daily("T", last, p->opened)) == NULL)
			goto out;
		free(last);
		last = id;
		cs_master_put(&m, &p->rec, "id", id);
		cs_buf_reset(&line);
		cs_csv_record(&line, &p->rec);
		line.s[--line.len] = '\0';
		cs_journal_line(&journal, ds, "import", id, "", "", line.s);
		if (o->dry_run) {
			struct cs_row r = { 0 };
			char ln[24];
			snprintf(ln, sizeof ln, "%ld", p->line);
			cs_row_push(&r, ln, strlen(ln));
			cs_row_push(&r, "add", 3);
			cs_row_push(&r, id, strlen(id));
			cs_row_push(&r, line.s, line.len);
			cs_out_row(&plan, &r);
			cs_row_free(&r);
		}
		recs[i] = p->rec;
	}
	if (o->dry_run) {
		planning = 0;
		ret = cs_out_end(&plan);
		goto out;
	}
	/* in id order for the chunks */
	if (im.n > 1)
		qsort(recs, im.n, sizeof *recs, by_first_id);
	if (im.n && cs_dated_insert(ds, S, recs, im.n, &journal) < 0)
		goto out;
	intxn = 0;
	if (cs_txn_commit(ds) < 0)
		goto out;
	if (im.n)
		cs_committed("stored the import of %s (%zu tickets, %s to %s)",
		    im.file, im.n, cs_row_get(&recs[0], 0),
		    cs_row_get(&recs[im.n - 1], 0));
	for (i = 0; i < im.n; i++)
		printf("%s\n", cs_row_get(&recs[i], 0));
	ret = 0;
out:
	if (intxn)
		cs_txn_abort(ds);
	if (locked)
		cs_unlock(ds);
	if (planning)
		cs_out_discard(&plan);
	for (i = 0; i < im.n; i++) {
		cs_row_free(&im.v[i].rec);
		free(im.v[i].agent_missing);
		free(im.v[i].customer_missing);
	}
	free(im.v);
	free(recs);
	free(last);
	cs_row_free(&im.cols);
	cs_row_free(&ph);
	cs_map_free(&im.staff, free_str);
	cs_map_free(&im.cust_ids, NULL);
	cs_map_free(&im.cust_names, free_str);
	cs_map_free(&im.new_agents, NULL);
	cs_map_free(&im.new_customers, NULL);
	cs_master_close(&m);
	cs_sla_free(&sla);
	cs_buf_free(&journal);
	cs_buf_free(&line);
	return ret;
}

/* ---- options ---- */

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "create-missing", no_argument, NULL, 'M' },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "hours", required_argument, NULL, 'h' + 0x200 },
	{ "literal", no_argument, NULL, 'l' },
	{ "map", required_argument, NULL, 'm' },
	{ "scale", required_argument, NULL, 'Z' },
	{ "time-format", required_argument, NULL, 'T' },
	{ "agent", required_argument, NULL, 'a' },
	{ "answered", no_argument, NULL, 'A' },
	{ "category", required_argument, NULL, 'c' },
	{ "channel", required_argument, NULL, 'C' },
	{ "customer", required_argument, NULL, 'u' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "excel", no_argument, NULL, 'x' },
	{ "history", no_argument, NULL, 'H' },
	{ "kind", required_argument, NULL, 'k' },
	{ "order", required_argument, NULL, 'O' },
	{ "override", required_argument, NULL, 'R' },
	{ "overdue", no_argument, NULL, 'd' },
	{ "sort", required_argument, NULL, 's' },
	{ "status", required_argument, NULL, 'S' },
	{ "team", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

static void
options(int argc, char **argv, int verb, struct cs_opts *o, struct filter *f,
    struct import_opts *io)
{
	char *end;
	int c;

	while ((c = cs_getopt(argc, argv, verb, "n", longopts, o, usage)) != -1) {
		switch (c) {
		case 'h' + 0x200: io->hours = optarg; break;
		case 'l': io->literal = 1; break;
		case 'm':
			if (strchr(optarg, '=') == NULL)
				cs_usage_error("--map: expected from=to, not '%s'", optarg);
			cs_buf_addf(&io->map, "%s,", optarg);
			break;
		case 'M': io->create_missing = 1; break;
		case 'n': o->dry_run = 1; break;
		case 'T': io->time_format = optarg; break;
		case 'Z':
			io->scale = strtod(optarg, &end);
			if (*end || io->scale < 2)
				cs_usage_error("--scale: the top of the scale, 2 or more, "
				    "not '%s'", optarg);
			break;
		case 'a': f->agent = optarg; break;
		case 'A': f->answered = 1; break;
		case 'c': f->category = optarg; break;
		case 'C': f->channel = optarg; break;
		case 'd': f->overdue = 1; break;
		case 'e':
			if (strcasecmp(optarg, "gb18030") == 0)
				o->gb18030 = 1;
			else if (strcasecmp(optarg, "utf-8") && strcasecmp(optarg,
			    "utf8"))
				cs_usage_error("--encoding: utf-8 or gb18030, not '%s'",
				    optarg);
			break;
		case 'H': f->history = 1; break;
		case 'k': f->kind = optarg; break;
		case 'O': f->order = optarg; break;
		case 'R': f->override = optarg; break;
		case 's': f->sort = optarg; break;
		case 'S': f->status = optarg; break;
		case 't': f->team = optarg; break;
		case 'u': f->customer = optarg; break;
		case 'x': o->excel = 1; break;
		default:
			cs_usage_error("unknown option");
		}
	}
}

static int
run(struct cs_ds *ds, const char *verb, int argc, char **argv,
    struct cs_opts *o, struct filter *f, const struct import_opts *io)
{
	int given;

	if (strcmp(verb, "import") == 0)
		return argc == 1 ? cmd_import(ds, o, io, argv[0]) :
		    cs_fail(CS_EUSAGE, "import: one file (or -)");
	if (strcmp(verb, "add") == 0)
		return argc ? cmd_add(ds, f, argc, argv) :
		    cs_fail(CS_EUSAGE, "add: field=value operands (channel=...)");
	if (strcmp(verb, "show") == 0)
		return argc == 1 ? cmd_show(ds, f, o, argv[0]) :
		    cs_fail(CS_EUSAGE, "show: one id");
	if (strcmp(verb, "list") == 0 || strcmp(verb, "overdue") == 0 ||
	    strcmp(verb, "export") == 0) {
		if (argc)
			return cs_fail(CS_EUSAGE, "%s: no operands", verb);
		if (cs_opts_period(o, &f->period, &given) < 0)
			return -1;
		f->now = ds->now;
		if (strcmp(verb, "overdue") == 0)
			f->overdue = 1;
		if (strcmp(verb, "export") == 0 && !o->fmt_set && !o->excel)
			o->fmt = CS_FMT_CSV, o->fmt_set = 1;
		return scan(ds, f, o);
	}
	if (find_move(verb))
		return cmd_move(ds, verb, argc, argv);
	return cs_fail(CS_EUSAGE, "unknown command '%s' (see cs-ticket --help)",
	    verb);
}

int
main(int argc, char **argv)
{
	struct cs_opts o = { 0 };
	struct filter f = { 0 };
	struct import_opts io = { 0 };
	struct cs_ds ds;
	const char *verb;
	int ret;

	cs_progname = "cs-ticket";
	cs_hold_stdfds();
	options(argc, argv, 0, &o, &f, &io);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cs_usage_error("no command given");
	verb = argv[0];
	cs_getopt_reset();
	options(argc, argv, 1, &o, &f, &io);
	argc -= optind;
	argv += optind;
	if (cs_ds_begin(&ds, &o) < 0)
		cs_die();
	ret = run(&ds, verb, argc, argv, &o, &f, &io);
	cs_ds_close(&ds);
	cs_buf_free(&io.map);
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
