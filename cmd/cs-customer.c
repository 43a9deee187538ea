/*
 * cs-customer: the customer files, their return visits and their grades.
 * Confidential fields (name, contact, phone, email, address) are masked
 * in what show, list and export print (and what list --search looks
 * at), unless --unmask with its --reason, which the journal records.
 * The rules are in lib/rules: grade.c (grades and alerts), visits.c
 * (visits and who is due), classes.c (the report); the lists of every
 * customer (due, grade, alerts) in lib/cli/grading.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

/* The program's own options.  A bad --encoding is refused by the verb
 * that takes it, after the check that the verb does. */
struct args {
	const char *type, *grade, *region, *search, *agent, *explain, *assign;
	const char *plan;
	int history, all, resolve;
	struct cs_import_args ia;
};

/* ---- the verbs ---- */

static int
no_operands(const struct cs_cmd *c)
{
	return c->argc ? cs_fail(CS_EUSAGE, "%s: no operands", c->verb) : 0;
}

static int
customer_id(const char *what, const char *id)
{
	return cs_id_valid("C", id) ? 0 : cs_fail(CS_EUSAGE,
	    "%snot a customers.csv id: '%s'", what, id);
}

/* list's --type, --grade, --region (--search: the listing's). */
static int
keep(void *ctx, const struct cs_master *m, const struct cs_row *r,
    char *extra, size_t n)
{
	const struct args *a = ctx;

	(void)extra, (void)n;
	if (a->type && strcmp(cs_master_get(m, r, "type"), a->type) != 0)
		return 0;
	if (a->grade && strcmp(cs_master_get(m, r, "grade"), a->grade) != 0)
		return 0;
	return !a->region || strcmp(cs_master_get(m, r, "region"), a->region) == 0;
}

/* An owner given is an agent on the roster who has not left. */
static int
owner_known(struct cs_cmd *c, int argc, char **argv)
{
	const char *o = cs_operand(argc, argv, "owner");

	return o && *o ? cs_roster_team(c->ds, "owner", o, NULL) : 0;
}

static int
verb_add(struct cs_cmd *c)
{
	if (owner_known(c, c->argc, c->argv) < 0)
		return -1;
	return cs_verb_add(c->ds, &cs_schema_customers, c->argc, c->argv);
}

static int
verb_set(struct cs_cmd *c)
{
	if (c->argc > 0 && owner_known(c, c->argc - 1, c->argv + 1) < 0)
		return -1;
	return cs_verb_set(c->ds, &cs_schema_customers, c->argc, c->argv);
}

/* The journal's lines about one customer, confidential values masked. */
static int
history(struct cs_cmd *c, const char *id)
{
	struct cs_out out = { 0 };
	int ret;

	if (customer_id("", id) < 0)
		return -1;
	if (cs_customer_known(c->ds, id) < 0)
		return cs_errstatus() == CS_EDATA ? cs_fail(CS_NO,
		    "customers.csv: no id '%s'", id) : -1;
	cs_out_cols(&out, c->o, "time,user,program,command,field,old,new");
	ret = cs_journal_history(c->ds, id, &cs_schema_customers, &out);
	if (cs_out_end(&out) < 0)
		ret = -1;
	return ret;
}

static int
verb_show(struct cs_cmd *c)
{
	const struct args *a = c->ctx;

	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "show: one id");
	if (a->history)
		return history(c, c->argv[0]);
	if (a->all)	/* the customer's records (cli/dossier.c) */
		return cs_customer_dossier(c->ds, c->o, c->argv[0]);
	return cs_verb_show(c->ds, &cs_schema_customers, c->o, c->argv[0]);
}

static int
verb_list(struct cs_cmd *c)
{
	const struct args *a = c->ctx;
	struct cs_listing l = { .s = &cs_schema_customers, .search = a->search,
		.keep = keep, .ctx = c->ctx };

	if (no_operands(c) < 0)
		return -1;
	return cs_verb_list(c->ds, c->o, "list", &l);
}

static int
verb_export(struct cs_cmd *c)
{
	struct cs_listing l = { .s = &cs_schema_customers };

	if (no_operands(c) < 0)
		return -1;
	if (!c->o->fmt_set && !c->o->excel)
		c->o->fmt = CS_FMT_CSV, c->o->fmt_set = 1;
	return cs_verb_list(c->ds, c->o, "export", &l);
}

static int
verb_import(struct cs_cmd *c)
{
	struct args *a = c->ctx;
	const struct cs_import_opts *io;

	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "import: one file (or -)");
	if ((io = cs_import_verb(&a->ia, c->o)) == NULL)
		return -1;
	return cs_import_customers(c->ds, io, c->argv[0]);
}

static int
verb_visit(struct cs_cmd *c)
{
	const struct args *a = c->ctx;
	const char *v[CS_VISIT_NFIELDS];
	int i;

	if (c->argc < 1)
		return cs_fail(CS_EUSAGE, "visit: which customer?");
	if (a->plan) {
		const char *who;
		if (customer_id("", c->argv[0]) < 0 || cs_operands_check(c->argc -
		    1, c->argv + 1, "agent", "visit --plan") < 0)
			return -1;
		who = cs_operand(c->argc - 1, c->argv + 1, "agent");
		return cs_visit_plan(c->ds, c->argv[0], a->plan, who ? who : "");
	}
	if (customer_id("", c->argv[0]) < 0 || cs_operands_check(c->argc - 1,
	    c->argv + 1, "agent|channel|satisfaction|needs|notes|at|frequency|"
	    "transport",
	    "visit") < 0)
		return -1;
	for (i = 0; i < CS_VISIT_NFIELDS; i++)
		v[i] = cs_operand(c->argc - 1, c->argv + 1, cs_visit_fields[i]);
	return cs_visit_add(c->ds, c->argv[0], v);
}

/* The customers due for a return visit, by their agent (the owner, else
 * who visited last), owners first given to a team's agents with
 * --assign; exit 1 when there are none. */
static int
verb_due(struct cs_cmd *c)
{
	const struct args *a = c->ctx;
	struct cs_grade_policy p;
	struct cs_map given = { 0 };
	size_t n = 0;
	int ret = -1;

	if (no_operands(c) < 0 || cs_grade_policy_load(&p, c->ds->dir) < 0)
		return -1;
	if (a->assign) {
		if (cs_due_assign(c->ds, &p, a->assign, c->o->dry_run, &given,
		    &n) < 0)
			goto out;
		if (!c->o->dry_run && n)
			cs_committed("gave %zu customers an owner", n);
	}
	ret = cs_customers_due(c->ds, c->o, &p, a->agent, &given);
out:
	cs_map_free(&given, free);
	return ret;
}

/* The type x grade matrix: customers, and the orders, weight and freight
 * of the period (by default the twelve months to now) in each class. */
static int
verb_report(struct cs_cmd *c)
{
	struct cs_classes cl;
	struct cs_period p;
	struct cs_out out = { 0 };
	char n[4][32];
	int given, ret = -1;
	size_t i;

	if (no_operands(c) < 0 || cs_opts_period(c->o, &p, &given) < 0)
		return -1;
	if (!given && cs_period_year_to(c->ds->now, &p) < 0)
		return -1;
	if (cs_classes_gather(&cl, c->ds, &p) == 0) {
		cs_out_cols(&out, c->o, "type,grade,customers,orders,weight,freight");
		for (i = 0; i <= CS_CLASSES; i++) {
			snprintf(n[0], sizeof n[0], "%ld", cl.customers[i]);
			snprintf(n[1], sizeof n[1], "%ld", cl.orders[i]);
			snprintf(n[2], sizeof n[2], "%.1f", cl.weight[i]);
			snprintf(n[3], sizeof n[3], "%.2f", cl.freight[i]);
			cs_out_put(&out, 6, cs_class_type(i), cs_class_grade(i), n[0], n[1],
			    n[2], n[3]);
		}
		ret = cs_out_end(&out) == 0 ? 0 : -1;
	}
	cs_classes_free(&cl);
	return ret;
}

/* Every number behind one customer's grade. */
static int
explain(const struct cs_grade_policy *p, const struct cs_custset *set,
    const char *id, const struct cs_opts *o)
{
	struct cs_grade_item it[CS_GRADE_NITEMS];
	struct cs_out out = { 0 };
	const struct cs_custstats *s = cs_custset_find(set, id);
	size_t i;

	if (s == NULL)
		return cs_fail(CS_EDATA, "customers.csv: no id '%s'", id);
	cs_grade_explain(p, s, set->from, set->now, it);
	cs_out_cols(&out, o, "item,value,full_marks,score,weight");
	for (i = 0; i < CS_GRADE_NITEMS; i++)
		cs_out_put(&out, 5, it[i].item, it[i].value, it[i].full, it[i].score,
		    it[i].weight);
	return cs_out_end(&out);
}

/*
 * Grade every customer by policy/grades.csv over the twelve months to
 * now; list the changes and, unless --dry-run, make them first.
 */
static int
verb_grade(struct cs_cmd *c)
{
	const struct args *a = c->ctx;
	struct cs_grade_policy p;
	struct cs_custset set;
	int ret = -1;

	if (no_operands(c) < 0 || (a->explain &&
	    customer_id("--explain: ", a->explain) < 0))
		return -1;
	if (cs_grade_policy_load(&p, c->ds->dir) < 0)
		return -1;
	if (a->explain == NULL)
		return cs_customers_grade(c->ds, c->o, &p, a->all);
	if (cs_custset_gather_one(&set, c->ds, &p, a->explain) == 0)
		ret = explain(&p, &set, a->explain, c->o);
	cs_custset_free(&set);
	return ret;
}

/*
 * The customers to worry about, a line an alert with its numbers; exit 1
 * when there are none, so that a cron line mails only what there is.
 */
static int
verb_alerts(struct cs_cmd *c)
{
	const struct args *a = c->ctx;
	struct cs_grade_policy p;

	if (no_operands(c) < 0 || cs_grade_policy_load(&p, c->ds->dir) < 0)
		return -1;
	return cs_customers_alerts(c->ds, c->o, &p, a->type, a->grade);
}

/* An alert acknowledged with a note, or resolved. */
static int
verb_ack(struct cs_cmd *c)
{
	const struct args *a = c->ctx;
	const char *note;

	if (c->argc < 2)
		return cs_fail(CS_EUSAGE, "ack: a customer and its alert");
	if (customer_id("", c->argv[0]) < 0 || cs_operands_check(c->argc - 2,
	    c->argv + 2, "note", "ack") < 0)
		return -1;
	note = cs_operand(c->argc - 2, c->argv + 2, "note");
	return cs_alert_ack(c->ds, c->argv[0], c->argv[1], a->resolve ?
	    "resolved" : "acknowledged", note ? note : "");
}

/* ---- the table of verbs, the options ---- */

/* show, list and export journal an --unmask: they may write */
static const struct cs_verb verbs[] = {
	{ "add", verb_add, CS_WRITES,
	  "[-D dir] [--wait seconds] add field=value ..." },
	{ "show", verb_show, CS_WRITES,
	  "[-D dir] [-o format] [--unmask --reason text] "
	  "show id" },
	{ "show", verb_show, 0, "[-D dir] [-o format] show --history id" },
	{ "show", verb_show, 0, "[-D dir] [-o format] show --all id" },
	{ "list", verb_list, CS_WRITES,
	  "[-D dir] [-o format] [--unmask --reason text] list "
	  "[--fields field[,...]] [--grade grade] [--region region] "
	  "[--search text] [--type type]" },
	{ "set", verb_set, CS_WRITES,
	  "[-D dir] [--wait seconds] set id field=value ..." },
	{ "import", verb_import, CS_WRITES | CS_READS,
	  "[-D dir] [-n] [--encoding gb18030] [--ignore-unknown] [--keep-masked] "
	  "[--literal] [--map from=to[,...]] [--map-file file] [--rejects file] "
	  "[--value field:from=to[,...]] [--wait seconds] import file" },
	{ "export", verb_export, CS_WRITES,
	  "[-D dir] [-o format] [--encoding gb18030] [--excel | --xlsx file] "
	  "[--unmask --reason text] export" },
	{ "visit", verb_visit, CS_WRITES,
	  "[-D dir] [--wait seconds] visit id [field=value ...]" },
	{ "visit", verb_visit, CS_WRITES,
	  "[-D dir] [--wait seconds] visit --plan date id [agent=login]" },
	{ "due", verb_due, CS_WRITES, "[-D dir] [-o format] due [--agent login]" },
	{ "due", verb_due, CS_WRITES,
	  "[-D dir] [-o format] [-n] [--wait seconds] due --assign team" },
	{ "grade", verb_grade, CS_WRITES,
	  "[-D dir] [-o format] [-n] grade [--all] [--explain id]" },
	{ "alerts", verb_alerts, 0,
	  "[-D dir] [-o format] alerts [--grade grade] [--type type]" },
	{ "ack", verb_ack, CS_WRITES,
	  "[-D dir] [--wait seconds] ack id alert note=text" },
	{ "ack", verb_ack, CS_WRITES,
	  "[-D dir] [--wait seconds] ack --resolve id alert [note=text]" },
	{ "report", verb_report, 0, "[-D dir] [-o format] report [period]" },
	{ NULL, NULL, 0, NULL },
};

static const struct option longopts[] = {
	{ "dry-run", no_argument, NULL, 'n' },
	CS_EXPORT_LONG,
	{ "explain", required_argument, NULL, 'E' },
	{ "history", no_argument, NULL, 'H' },
	{ "agent", required_argument, NULL, 'a' },
	{ "all", no_argument, NULL, 'A' },
	{ "assign", required_argument, NULL, 0x202 },
	{ "plan", required_argument, NULL, 0x203 },
	{ "grade", required_argument, NULL, 'g' },
	{ "reason", required_argument, NULL, 0x201 },
	{ "region", required_argument, NULL, 'r' },
	{ "resolve", no_argument, NULL, 0x204 },
	{ "search", required_argument, NULL, 's' },
	{ "type", required_argument, NULL, 't' },
	{ "unmask", no_argument, NULL, 'u' },
	CS_PERIOD_LONG,
	CS_IMPORT_LONG,
	{ NULL, 0, NULL, 0 },
};

static int
option(int c, const char *arg, struct cs_opts *o, void *ctx)
{
	struct args *a = ctx;

	switch (c) {
	case 'a': a->agent = cs_filter(&cs_schema_visits, "agent", arg); break;
	case 'A': a->all = 1; break;
	case 'E': a->explain = arg; break;
	case 'H': a->history = 1; break;
	case 'g':
		a->grade = cs_filter(&cs_schema_customers, "grade", arg);
		break;
	case 'n': o->dry_run = 1; break;
	case 'r': a->region = arg; break;
	case 's': a->search = arg; break;
	case 't':
		a->type = cs_filter(&cs_schema_customers, "type", arg);
		break;
	case 'u': o->unmask = 1; break;
	case 0x201: o->reason = arg; break;
	case 0x202: a->assign = arg; break;
	case 0x203: a->plan = arg; break;
	case 0x204: a->resolve = 1; break;
	default: cs_opt_import(c, arg, &a->ia); break;
	}
	return 0;
}

static const struct cs_prog prog = {
	"cs-customer", verbs, "n", longopts, option, NULL,
	"fields: id name contact phone email company address region type grade\n"
	"        since needs frequency transport notes owner\n",
};

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	int ret;

	ret = cs_main(&prog, argc, argv, &a);
	cs_import_args_free(&a.ia);
	return ret;
}
