/*
 * cs-ticket: inquiries and after-sales records (returns, exchanges,
 * repairs), with their SLA clocks and the customers' ratings.
 *
 * Records live in tickets/YYYY-MM/, in chunks named by their first id
 * (dated.c); ids are T-YYYYMMDD-NNNN, so an id names its month, and the
 * chunk names say which chunk holds it.  The moves of a record's status
 * and its SLA clocks are the rules of rules/ticket.c, the return window
 * rules/returns.c's, the import the engine's (format/import_ticket.c);
 * here are the options, the verbs and the output.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cs.h"

#define S (&cs_schema_tickets)

/* The program's own options. */
struct filter {
	const char *agent, *category, *channel, *customer, *kind, *order;
	const char *status, *team, *sort, *override, *late, *search;
	int overdue, answered, history, mine;
	struct cs_period period;
	cs_time now;
	struct cs_sla sla;	/* overdue's */
	struct cs_import_args ia;	/* import's */
};

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

/* Each field=value operand to fn(ctx, field, value); -1 at the first
 * that fails. */
static int
each_operand(int argc, char **argv,
    int (*fn)(void *, const char *, const char *), void *ctx)
{
	const char *value;
	char *field;
	int i, ret = 0;

	for (i = 0; i < argc && ret == 0; i++) {
		if (cs_arg_utf8("operand", argv[i]) < 0 ||
		    cs_assign_split(argv[i], &field, &value) < 0)
			return -1;
		ret = fn(ctx, field, value);
		free(field);
	}
	return ret;
}

/* ---- add ---- */

struct new_ticket {
	struct cs_master *m;
	struct cs_row *rec;
};

static int
add_field(void *ctx, const char *field, const char *value)
{
	struct new_ticket *nt = ctx;

	if (!cs_ticket_addable(field))
		return cs_schema_col(S, field) ? cs_fail(CS_EUSAGE,
		    "not a field '%s' for a new ticket", field) :
		    cs_fail(CS_EUSAGE, "unknown field '%s' for a new ticket",
		    field);
	return cs_master_assign(nt->m, nt->rec, field, value);
}

static int
cmd_add(struct cs_cmd *c)
{
	const struct filter *f = c->ctx;
	struct cs_ds *ds = c->ds;
	struct cs_master m, tail = { 0 };
	struct cs_row rec = { 0 }, laid = { 0 };
	struct cs_buf ids = { 0 }, extra = { 0 };
	struct cs_sla sla = { 0 };
	struct new_ticket nt = { &m, &rec };
	char *id = NULL;
	int ret = -1, locked = 0;

	if (c->argc == 0)
		return cs_fail(CS_EUSAGE, "add: field=value operands (channel=...)");
	if (cs_master_open_rel(&m, ds, S, NULL) < 0 ||
	    cs_sla_load(&sla, ds->dir) < 0)
		goto out;
	cs_master_blank(&m, &rec);
	cs_master_put(&m, &rec, "kind", "inquiry");
	cs_master_put(&m, &rec, "agent", ds->user);
	if (each_operand(c->argc, c->argv, add_field, &nt) < 0 ||
	    cs_ticket_new(ds, &m, &rec, &sla, f->answered, f->late) < 0)
		goto out;
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	locked = 1;
	if (cs_dated_open_tail(&tail, ds, S, &id) < 0)
		goto out;
	cs_master_put(&m, &rec, "id", id);
	if (cs_return_check(ds, f->override, get(&m, &rec, "kind"),
	    get(&m, &rec, "order"), id, &extra) < 0)
		goto out;
	if (f->late)	/* the reason of a late entry, in the journal */
		cs_journal_line(&extra, ds, "add", id, "late_entry", "", f->late);
	cs_master_remap(&m, &rec, &tail, &laid);
	if (cs_return_store(ds, &tail, &laid, &extra, &ids) < 0)
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
	free(id);
	return ret;
}

/* ---- the commands that move a record (rules/ticket.c) ---- */

struct moving {
	const struct cs_ticket_move *mv;
	const struct cs_ticket_change *c;
	struct cs_buf *journal;
};

static int
move_field(void *ctx, const char *field, const char *value)
{
	struct moving *mo = ctx;

	return cs_ticket_operand(mo->c, mo->mv, field, value, mo->journal);
}

/* The move's operands after the id, and its change of new. */
static int
move_apply(const struct cs_ticket_move *mv, const struct cs_ticket_change *ch,
    int argc, char **argv, struct cs_buf *journal)
{
	struct moving mo = { mv, ch, journal };
	int plain = mv->args == -2;	/* step: its name, then operands */

	if (mv->args >= 0 ? argc != mv->args : argc < plain ||
	    (argc == 0 && mv->usage))
		return cs_fail(CS_EUSAGE, "%s: %s", mv->verb, mv->usage);
	if (mv->args < 0 && each_operand(argc - plain, argv + plain, move_field,
	    &mo) < 0)
		return -1;
	return cs_ticket_apply(mv, ch);
}

static int
cmd_move(struct cs_cmd *c)
{
	const struct cs_ticket_move *mv = cs_ticket_move(c->verb);
	struct cs_ds *ds = c->ds;
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	struct cs_buf journal = { 0 }, line = { 0 };
	struct cs_sla sla = { 0 };
	struct cs_ticket_change ch = { ds, &m, &new, &sla, NULL, NULL };
	off_t start, end;
	int ret = -1, n;

	if (c->argc < 1)
		return cs_fail(CS_EUSAGE, "%s: which ticket?", c->verb);
	ch.id = c->argv[0];
	ch.arg = c->argv[1];
	if (cs_sla_load(&sla, ds->dir) < 0)
		return -1;
	if (cs_lock(ds, cs_lock_wait) < 0) {
		cs_sla_free(&sla);
		return -1;
	}
	if (find(ds, ch.id, &m, &old, &start, &end) < 0 ||
	    cs_ticket_may_move(mv, &ch, &old) < 0)
		goto out;
	/* a repair's steps in a chunk from before their columns: widened */
	if (strcmp(c->verb, "step") == 0 && (cs_master_lacks(&m, "repair_step") ||
	    cs_master_lacks(&m, "step_due_at")) &&
	    cs_master_widen(&m, ch.id, &old, &start, &end) < 0)
		goto out;
	cs_row_copy(&new, &old);
	if (move_apply(mv, &ch, c->argc - 1, c->argv + 1, &journal) < 0)
		goto out;
	n = cs_master_diff(&m, &old, &new, c->verb, &journal);
	if (n == 0 && journal.len == 0) {
		ret = 0;
		goto out;
	}
	cs_csv_record(&line, &new);
	ret = cs_commit_replace(ds, m.rel, start, end, &line, &journal);
	if (m.widened)		/* the widening's transaction with the change */
		ret = cs_txn_end(ds, ret);
out:
	cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&journal);
	cs_buf_free(&line);
	cs_sla_free(&sla);
	return ret;
}

/* ---- reading: show, list, overdue, export ---- */

static int
keep(void *ctx, const struct cs_master *m, const struct cs_row *r, char *why,
    size_t n)
{
	const struct filter *f = ctx;
	const struct cs_match eq[] = {
		{ "agent", f->agent }, { "category", f->category },
		{ "channel", f->channel }, { "customer", f->customer },
		{ "kind", f->kind }, { "order", f->order }, { "status", f->status },
		{ "team", f->team },
	};

	if (!cs_master_match(m, r, eq, sizeof eq / sizeof eq[0]))
		return 0;
	if (!cs_period_contains(&f->period, cs_master_get_time(m, r, "opened_at")))
		return 0;
	return !f->overdue || cs_ticket_why(m, r, &f->sla, f->now, why, n);
}

/* A line of show's table: a field and its value. */
static void
kv_row(struct cs_out *out, const char *field, const char *value)
{
	struct cs_row kv = { 0 };

	cs_row_push(&kv, field, strlen(field));
	cs_row_push(&kv, value, strlen(value));
	cs_out_row(out, &kv);
	cs_row_free(&kv);
}

/* The journal's lines of id, after the record, or alone (--history);
 * what was found is shown after an error only when after. */
static int
history(struct cs_ds *ds, const char *id, enum cs_fmt fmt, struct cs_out *out,
    int after)
{
	static const char *hcols[] = { "time", "user", "program", "command",
		"field", "old", "new" };
	struct cs_row hdr = { 0 };
	size_t i;
	int ret;

	for (i = 0; i < 7; i++)
		cs_row_push(&hdr, hcols[i], strlen(hcols[i]));
	cs_out_begin(out, stdout, fmt, &hdr);
	ret = cs_journal_history(ds, id, NULL, out);
	if (ret < 0 && !after)
		cs_out_discard(out);
	else if (cs_out_end(out) < 0)
		ret = -1;
	cs_row_free(&hdr);
	return ret;
}

/* The record as a table of fields, how its SLA stands, its history. */
static int
show_table(struct cs_ds *ds, const struct cs_master *m, const struct cs_row *row,
    const char *id, struct cs_out *out)
{
	struct cs_row hdr = { 0 }, as[2] = { { 0 }, { 0 } };
	struct cs_sla sla = { 0 };
	char first[160], resolution[160];
	size_t i;
	int ret = -1;

	if (cs_sla_load(&sla, ds->dir) < 0)
		return -1;
	cs_row_push(&hdr, "field", 5);
	cs_row_push(&hdr, "value", 5);
	out->maxw = 160;	/* one record: show it whole */
	cs_out_begin(out, stdout, CS_FMT_TABLE, &hdr);
	for (i = 0; i < m->hdr.n; i++)
		kv_row(out, cs_row_get(&m->hdr, i), cs_row_get(row, i));
	if (cs_ticket_sla(m, row, &sla, ds->now, first, resolution)) {
		kv_row(out, "first response", first);
		kv_row(out, "resolution", resolution);
	} else
		kv_row(out, "sla", "no target in policy/sla.csv");
	if (cs_aftersales_show(ds, m, row, &sla, &as[0], &as[1]) < 0)
		goto out;
	for (i = 0; i < as[0].n; i++)	/* a repair's steps, a return's goods */
		kv_row(out, cs_row_get(&as[0], i), cs_row_get(&as[1], i));
	if (cs_out_end(out) < 0)
		goto out;
	printf("\nhistory:\n");
	ret = history(ds, id, CS_FMT_TABLE, out, 1);
out:
	cs_row_free(&hdr);
	cs_row_free(&as[0]);
	cs_row_free(&as[1]);
	cs_sla_free(&sla);
	return ret;
}

static int
cmd_show(struct cs_cmd *c)
{
	const struct filter *f = c->ctx;
	struct cs_master m;
	struct cs_row row = { 0 };
	struct cs_out out = { 0 };
	enum cs_fmt fmt = cs_opts_fmt(c->o);
	off_t s, e;
	int ret = -1;

	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "show: one id");
	if (find(c->ds, c->argv[0], &m, &row, &s, &e) < 0) {
		if (cs_errstatus() == CS_EDATA)
			cs_fail(CS_NO, "%s", cs_errmsg());
		goto out;
	}
	out.gb18030 = c->o->gb18030;
	if (f->history)
		ret = history(c->ds, c->argv[0], fmt, &out, 0);
	else if (fmt == CS_FMT_TABLE)
		ret = show_table(c->ds, &m, &row, c->argv[0], &out);
	else {
		cs_out_begin(&out, stdout, fmt, &m.hdr);
		cs_out_row(&out, &row);
		ret = cs_out_end(&out);
	}
out:
	cs_master_close(&m);
	cs_row_free(&row);
	return ret;
}

/* list, overdue and export: the records of the period that pass
 * (cli/list.c). */
static int
cmd_list(struct cs_cmd *c)
{
	struct filter *f = c->ctx;
	struct cs_listing l = { S, &f->period, f->sort, f->search, NULL, keep,
	    f, NULL, NULL };
	int given;

	if (c->argc)
		return cs_fail(CS_EUSAGE, "%s: no operands", c->verb);
	if (cs_opts_period(c->o, &f->period, &given) < 0 ||
	    cs_filter_mine(c->ds, f->mine, &f->agent, "--agent") < 0)
		return -1;
	f->now = c->ds->now;
	if (strcmp(c->verb, "overdue") == 0)
		f->overdue = 1;
	if (f->overdue)		/* and why each is listed */
		l.extra = "reason";
	if (strcmp(c->verb, "export") == 0 && !c->o->fmt_set && !c->o->excel)
		c->o->fmt = CS_FMT_CSV, c->o->fmt_set = 1;
	if (f->overdue && cs_sla_load(&f->sla, c->ds->dir) < 0)
		return -1;
	given = cs_list_dated(c->ds, c->o, &l);
	cs_sla_free(&f->sla);
	return given;
}

/* ---- import: other help desks' exports (format/import_ticket.c) ---- */

static int
cmd_import(struct cs_cmd *c)
{
	struct filter *f = c->ctx;
	const struct cs_import_opts *io;

	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "import: one file (or -)");
	if ((io = cs_import_verb(&f->ia, c->o)) == NULL)
		return -1;
	return cs_import_tickets(c->ds, io, c->argv[0]);
}

static int
cmd_calls(struct cs_cmd *c)
{
	struct filter *f = c->ctx;
	const struct cs_import_opts *io;

	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "calls: one file (or -)");
	if ((io = cs_import_verb(&f->ia, c->o)) == NULL)
		return -1;
	return cs_import_calls(c->ds, io, c->argv[0]);
}

/* ---- the verbs and the options ---- */

#define W "[-D dir] [--wait seconds] "
#define R "[-D dir] [-o format] "

static const struct cs_verb verbs[] = {
	{ "add", cmd_add, CS_WRITES,
	  W "add [--answered] [--late-entry reason] [--override reason] "
	  "field=value ..." },
	{ "show", cmd_show, 0, R "show [--history] id" },
	{ "list", cmd_list, 0,
	  R "list [period] [--agent login] [--category text] [--channel channel] "
	  "[--customer id] [--fields field[,...]] [--kind kind] [--mine] "
	  "[--order id] [--overdue] [--search text] [--sort field] "
	  "[--status status] [--team team]" },
	{ "reply", cmd_move, CS_WRITES, W "reply id [note=text]" },
	{ "promise", cmd_move, CS_WRITES, W "promise id time" },
	{ "assign", cmd_move, CS_WRITES, W "assign id login" },
	{ "pending", cmd_move, CS_WRITES, W "pending id [note=text]" },
	{ "resolve", cmd_move, CS_WRITES, W "resolve id [result=text]" },
	{ "close", cmd_move, CS_WRITES, W "close id" },
	{ "reopen", cmd_move, CS_WRITES, W "reopen id [note=text]" },
	{ "rate", cmd_move, CS_WRITES,
	  W "rate id satisfaction=n [attitude=good|fair|poor]" },
	{ "overdue", cmd_list, 0, R "overdue [--fields field[,...]] [--mine]" },
	{ "export", cmd_list, 0,
	  R "[--encoding gb18030] [--excel | --xlsx file] export [period]" },
	{ "step", cmd_move, CS_WRITES, W "step id step [note=text]" },
	{ "set", cmd_move, CS_WRITES, W "set id field=value ..." },
	{ "import", cmd_import, CS_WRITES | CS_READS,
	  "[-D dir] [-n] [--create-missing] [--encoding gb18030] "
	  "[--hours field[,...]] [--ignore-unknown] [--literal] "
	  "[--map from=to[,...]] [--map-file file] [--rejects file] [--scale n] "
	  "[--time-format format] [--value field:from=to[,...]] "
	  "[--wait seconds] import file" },
	{ "calls", cmd_calls, CS_WRITES | CS_READS,
	  "[-D dir] [-n] [--encoding gb18030] [--map from=to[,...]] "
	  "[--map-file file] [--wait seconds] calls file" },
	{ NULL, NULL, 0, NULL },
};

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	CS_IMPORT_LONG,
	{ "dry-run", no_argument, NULL, 'n' },
	{ "agent", required_argument, NULL, 'a' },
	{ "answered", no_argument, NULL, 'A' },
	{ "category", required_argument, NULL, 'c' },
	{ "channel", required_argument, NULL, 'C' },
	{ "customer", required_argument, NULL, 'u' },
	CS_EXPORT_LONG,
	{ "history", no_argument, NULL, 'H' },
	{ "kind", required_argument, NULL, 'k' },
	{ "late-entry", required_argument, NULL, 'L' },
	{ "mine", no_argument, NULL, 'M' },
	{ "order", required_argument, NULL, 'O' },
	{ "override", required_argument, NULL, 'R' },
	{ "overdue", no_argument, NULL, 'd' },
	{ "search", required_argument, NULL, 'F' },
	{ "sort", required_argument, NULL, 's' },
	{ "status", required_argument, NULL, 'S' },
	{ "team", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

static int
option(int c, const char *arg, struct cs_opts *o, void *ctx)
{
	struct filter *f = ctx;

	switch (c) {
	case 'a': f->agent = cs_filter(S, "agent", arg); break;
	case 'A': f->answered = 1; break;
	case 'c': f->category = arg; break;
	case 'C': f->channel = cs_filter(S, "channel", arg); break;
	case 'd': f->overdue = 1; break;
	case 'F': f->search = arg; break;
	case 'H': f->history = 1; break;
	case 'k': f->kind = cs_filter(S, "kind", arg); break;
	case 'L': f->late = arg; break;
	case 'M': f->mine = 1; break;
	case 'n': o->dry_run = 1; break;
	case 'O': f->order = arg; break;
	case 'R': f->override = arg; break;
	case 's': f->sort = arg; break;
	case 'S': f->status = cs_filter(S, "status", arg); break;
	case 't': f->team = cs_filter(&cs_schema_staff, "team", arg); break;
	case 'u': f->customer = arg; break;
	default: cs_opt_import(c, arg, &f->ia); break;
	}
	return 0;
}

static const struct cs_prog prog = {
	"cs-ticket", verbs, "n", longopts, option, NULL,
	"period: --month 2026-11 | --week 2026-W47 | --quarter 2026-Q4 |\n"
	"        --year 2026 | --from date --to date (last-month, last-week ...)\n",
};

int
main(int argc, char **argv)
{
	static struct filter f;
	int ret;

	ret = cs_main(&prog, argc, argv, &f);
	cs_import_args_free(&f.ia);
	return ret;
}
