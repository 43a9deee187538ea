/*
 * cs-audit: the weekly quality spot check.  sample draws it, stratified
 * by agent (or by agent and category), reproducibly from a seed, and stores it with its manifest in
 * audits/; sheet writes the auditors' score sheet; replace swaps a drawn
 * record for the next one of its agent; import and score take the scores
 * back; report tallies them; plan says how many to draw.  The rules are
 * in lib/rules/audit*.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

/* The program's options: how to draw, and the other verbs' own. */
struct opts {
	struct cs_audit_spec spec;
	struct cs_audit_per per;
	struct cs_buf map, kinds;
	int dry, seed_given;
	long population;
	const char *reason;
};

/* The period the options give, last week if none. */
static int
period(const struct cs_cmd *c, struct cs_period *p)
{
	int given;

	if (cs_opts_period(c->o, p, &given) < 0)
		return -1;
	if (!given && cs_period_parse(NULL, "last-week", p) < 0)
		return -1;
	return 0;
}

/* Print the sample drawn; the number of records, or -1. */
static long
print_drawn(const struct cs_opts *o, const struct cs_audit_spec *spec,
    const struct cs_audit_drawn *d)
{
	struct cs_row hdr = { 0 }, row = { 0 };
	struct cs_out out = { 0 };
	long drawn = 0;
	size_t i, c;

	cs_audit_header(&hdr);
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	for (i = 0; i < d->n; i++)
		for (c = 0; c < d->v[i]->n; c++, drawn++) {
			cs_audit_row(&row, spec->name, &d->v[i]->heap[c], spec->seed,
			    "drawn", "");
			cs_out_row(&out, &row);
		}
	cs_row_free(&hdr);
	cs_row_free(&row);
	return cs_out_end(&out) < 0 ? -1 : drawn;
}

static int
sample(struct cs_ds *ds, const struct cs_opts *o, struct opts *op)
{
	struct cs_audit_spec *spec = &op->spec;
	struct cs_audit_drawn d;
	struct cs_map skip = { 0 };
	char *rel = NULL, *path = NULL;
	long drawn;
	int ret = -1, locked = 0;

	memset(&d, 0, sizeof d);
	if (spec->name == NULL)
		spec->name = spec->p.name;
	if (!cs_audit_name_valid(spec->name))
		return cs_fail(CS_EUSAGE, "not a sample name: '%s' (use --name)",
		    spec->name);
	if (!op->seed_given)
		spec->seed = cs_sample_seed(spec->name);
	rel = cs_audit_rel(spec->name, "");
	path = cs_ds_path(ds, rel);
	if (!op->dry) {
		if (cs_access(path) == 0) {
			cs_fail(CS_EDATA, "sample %s is drawn already (%s); "
			    "cs-audit sheet %s prints it, --name draws another",
			    spec->name, rel, spec->name);
			goto out;
		}
		if (cs_lock(ds, cs_lock_wait) < 0)
			goto out;
		locked = 1;
	}
	if (cs_audit_index(ds, &skip) < 0 ||
	    cs_audit_draw(ds->dir, spec, &skip, NULL, &d) < 0)
		goto out;
	/* stored first: the sample is the record, what is printed a view */
	if (!op->dry) {
		if ((drawn = cs_audit_store(ds, spec, &d)) < 0)
			goto out;
		cs_committed("stored sample %s (%ld records)", spec->name, drawn);
	}
	if ((drawn = print_drawn(o, spec, &d)) < 0)
		goto out;
	ret = drawn ? 0 : CS_NO;
out:
	if (locked)
		cs_unlock(ds);
	cs_audit_drawn_free(&d);
	cs_map_free(&skip, free);
	free(rel);
	free(path);
	return ret;
}

static int
cmd_sample(struct cs_cmd *c)
{
	struct opts *op = c->ctx;
	struct cs_audit_spec *spec = &op->spec;
	int i, stdin_too = 0;

	if (period(c, &spec->p) < 0)
		return -1;
	for (i = 0; i < c->argc; i++)
		if (strcmp(c->argv[i], "-") == 0 && stdin_too++)
			return cs_fail(CS_EUSAGE, "sample: stdin (-) once");
	if (spec->k && spec->confidence)
		return cs_fail(CS_EUSAGE, "sample: -n, or --confidence and "
		    "--margin, not both");
	if (spec->per && (spec->k || spec->confidence || spec->overall))
		return cs_fail(CS_EUSAGE, "sample: --per gives the sizes: not with "
		    "-n, --confidence or --overall");
	if (spec->map && c->argc == 0)
		return cs_fail(CS_EUSAGE, "sample: --map renames the columns of "
		    "files: give them (or -)");
	if (spec->k == 0 && !spec->confidence && !spec->per)
		spec->k = 5;
	if (spec->confidence && !spec->margin)
		spec->margin = 0.05;
	spec->files = c->argc ? (const char *const *)c->argv : NULL;
	return sample(c->ds, c->o, op);
}

/* The sheet of sample name: its records drawn, a column a category. */
#define NKEEP 7
static int
sheet(struct cs_ds *ds, const struct cs_opts *o, const char *name)
{
	static const int keep[NKEEP] = { CS_AUDIT_ID, CS_AUDIT_KIND, CS_AUDIT_AGENT,
		CS_AUDIT_TEAM, CS_AUDIT_CHANNEL, CS_AUDIT_OPENED, CS_AUDIT_SUBJECT };
	struct cs_row cats = { 0 }, hdr = { 0 }, r = { 0 };
	struct cs_audit_rows rows;
	struct cs_out out = { 0 };
	const char *h;
	size_t i, c;
	int ret;

	if (!cs_audit_name_valid(name))
		return cs_fail(CS_EUSAGE, "not a sample name: '%s'", name);
	if (cs_audit_categories(ds->dir, &cats) < 0 ||
	    cs_audit_read(ds, name, &rows) < 0) {
		cs_row_free(&cats);
		return -1;
	}
	for (i = 0; i < NKEEP; i++) {
		h = keep[i] == CS_AUDIT_SUBJECT ? "summary" : cs_audit_cols[keep[i]];
		cs_row_push(&hdr, h, strlen(h));
	}
	for (c = 0; c < cats.n; c++)
		cs_row_push(&hdr, cs_row_get(&cats, c), strlen(cs_row_get(&cats, c)));
	cs_row_push(&hdr, "critical", 8);
	cs_row_push(&hdr, "notes", 5);
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	ret = out.xl ? cs_xlsx_audit(out.xl, ds->dir, NKEEP) : 0;
	for (i = 0; ret == 0 && i < rows.n; i++) {
		if (strcmp(cs_row_get(&rows.v[i], CS_AUDIT_STATUS), "drawn") != 0)
			continue;
		cs_row_clear(&r);
		for (c = 0; c < NKEEP; c++) {
			h = cs_row_get(&rows.v[i], (size_t)keep[c]);
			cs_row_push(&r, h, strlen(h));
		}
		for (c = 0; c < cats.n + 2; c++)
			cs_row_push(&r, "", 0);
		cs_out_row(&out, &r);
	}
	ret = ret == 0 ? cs_out_end(&out) : (cs_out_discard(&out), -1);
	cs_audit_rows_free(&rows);
	cs_row_free(&cats);
	cs_row_free(&hdr);
	cs_row_free(&r);
	return ret;
}

static int
cmd_sheet(struct cs_cmd *c)
{
	struct cs_period p;

	if (period(c, &p) < 0)
		return -1;
	if (c->argc > 1)
		return cs_fail(CS_EUSAGE, "sheet: one sample name");
	return sheet(c->ds, c->o, c->argc ? c->argv[0] : p.name);
}

/* Replace id, drawn in a stored sample, by the next record of its agent
 * (drawn as the sample was, from files if it came from some). */
static int
replace(struct cs_ds *ds, const char *reason, const char *id,
    const char *const *files)
{
	struct cs_audit_rows rows = { 0 };
	struct cs_row row = { 0 };
	char *name = NULL;
	int ret = -1;

	if (reason == NULL || *reason == '\0')
		return cs_fail(CS_EUSAGE, "replace: --reason is required");
	if (cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	if (cs_audit_redraw(ds, id, files, &name, &rows, &row) < 0 ||
	    cs_audit_replace(ds, name, &rows, id, reason, &row) < 0)
		goto out;
	cs_committed("stored %s in sample %s, in place of %s",
	    cs_row_get(&row, CS_AUDIT_ID), name, id);
	printf("%s\n", cs_row_get(&row, CS_AUDIT_ID));
	ret = 0;
out:
	cs_unlock(ds);
	cs_audit_rows_free(&rows);
	free(name);
	cs_row_free(&row);
	return ret;
}

static int
cmd_replace(struct cs_cmd *c)
{
	struct opts *op = c->ctx;

	if (c->argc < 1)
		return cs_fail(CS_EUSAGE, "replace: an id (and the files it came "
		    "from)");
	return replace(c->ds, op->reason, c->argv[0],
	    c->argc > 1 ? (const char *const *)c->argv + 1 : NULL);
}

static int
cmd_import(struct cs_cmd *c)
{
	struct cs_rubric rb = { 0 };
	struct cs_map idx = { 0 };
	int ret = -1;

	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "import: one filled sheet (or -)");
	if (cs_rubric_load(&rb, c->ds->dir) < 0)
		return -1;
	if (cs_lock(c->ds, cs_lock_wait) == 0) {
		if (cs_audit_index(c->ds, &idx) == 0)
			ret = cs_audit_import(c->ds, &rb, &idx, c->argv[0]);
		cs_unlock(c->ds);
	}
	cs_map_free(&idx, free);
	cs_rubric_free(&rb);
	return ret;
}

/* The operands "name=value": the value of name, "" if none. */
struct args_ctx {
	int argc;
	char **argv;
};

static const char *
args_get(void *p, const char *name)
{
	struct args_ctx *c = p;
	size_t n = strlen(name);
	int i;

	for (i = 0; i < c->argc; i++)
		if (strncmp(c->argv[i], name, n) == 0 && c->argv[i][n] == '=')
			return c->argv[i] + n + 1;
	return "";
}

/* Each operand sets a category of the rubric, critical or notes. */
static int
score_operands(const struct cs_rubric *rb, int argc, char **argv)
{
	size_t i, n;
	int k, known;

	for (k = 0; k < argc; k++) {
		known = !strncmp(argv[k], "critical=", 9) ||
		    !strncmp(argv[k], "notes=", 6);
		for (i = 0; i < rb->n && !known; i++) {
			n = strlen(rb->cats[i].name);
			known = !strncmp(argv[k], rb->cats[i].name, n) &&
			    argv[k][n] == '=';
		}
		if (!known)
			return cs_fail(CS_EUSAGE, "score: '%s' is not a category of "
			    "the rubric, critical= or notes=", argv[k]);
	}
	return 0;
}

static int
score(struct cs_ds *ds, int argc, char **argv)
{
	struct cs_rubric rb = { 0 };
	struct cs_map idx = { 0 };
	struct cs_row row = { 0 };
	struct cs_buf problems = { 0 };
	struct args_ctx ctx = { argc - 1, argv + 1 };
	const char *sample;
	int ret = -1;

	if (cs_rubric_load(&rb, ds->dir) < 0)
		return -1;
	if (score_operands(&rb, argc - 1, argv + 1) < 0)
		goto out;
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	if (cs_audit_index(ds, &idx) < 0)
		goto out1;
	if ((sample = cs_map_get(&idx, argv[0])) == NULL) {
		cs_fail(CS_EDATA, "'%s' is not a drawn record", argv[0]);
		goto out1;
	}
	if (cs_audit_score_row(ds, &rb, args_get, &ctx, argv[0], &row, &problems,
	    "") < 0) {
		problems.s[strcspn(problems.s, "\n")] = '\0';
		cs_fail(CS_EDATA, "%s", problems.s);
		goto out1;
	}
	ret = cs_audit_scores_store(ds, &rb, sample, &row, 1, "score");
out1:
	cs_unlock(ds);
out:
	cs_map_free(&idx, free);
	cs_row_free(&row);
	cs_buf_free(&problems);
	cs_rubric_free(&rb);
	return ret;
}

static int
cmd_score(struct cs_cmd *c)
{
	const char *value;
	char *field;
	int k;

	if (c->argc < 2)
		return cs_fail(CS_EUSAGE, "score: an id and category=score operands");
	for (k = 1; k < c->argc; k++) {
		if (cs_arg_utf8("operand", c->argv[k]) < 0 ||
		    cs_assign_split(c->argv[k], &field, &value) < 0)
			return -1;
		free(field);
	}
	return score(c->ds, c->argc, c->argv);
}

static void
emit(void *out, const struct cs_row *r)
{
	cs_out_row(out, r);
}

static int
cmd_report(struct cs_cmd *c)
{
	struct cs_audit_report rep;
	struct cs_row hdr = { 0 };
	struct cs_out out = { 0 };
	struct cs_period p;
	size_t i;
	int ret = -1;

	if (period(c, &p) < 0)
		return -1;
	if (c->argc)
		return cs_fail(CS_EUSAGE, "report: no operands");
	if (cs_audit_report_gather(c->ds, &p, &rep) == 0) {
		for (i = 0; i < 9; i++)
			cs_row_push(&hdr, cs_audit_report_cols[i],
			    strlen(cs_audit_report_cols[i]));
		cs_out_begin(&out, stdout, cs_opts_fmt(c->o), &hdr);
		cs_audit_report_rows(&rep, emit, &out);
		ret = cs_out_end(&out);
		if (ret == 0 && rep.agents.n == 0)
			ret = CS_NO;
	}
	cs_audit_report_free(&rep);
	cs_row_free(&hdr);
	return ret;
}

static int
cmd_plan(struct cs_cmd *c)
{
	static const char *cols[] = { "population", "confidence", "margin",
		"sample" };
	const struct opts *op = c->ctx;
	double conf = op->spec.confidence ? op->spec.confidence : 0.95;
	double margin = op->spec.margin ? op->spec.margin : 0.05;
	struct cs_row h = { 0 }, r = { 0 };
	struct cs_out out = { 0 };
	char buf[4][32];
	int i;

	if (c->argc)
		return cs_fail(CS_EUSAGE, "plan: no operands");
	if (op->population <= 0)
		return cs_fail(CS_EUSAGE, "plan: --population N, N > 0");
	snprintf(buf[0], 32, "%ld", op->population);
	snprintf(buf[1], 32, "%g", conf);
	snprintf(buf[2], 32, "%g", margin);
	snprintf(buf[3], 32, "%ld", cs_sample_size(op->population, conf, margin));
	for (i = 0; i < 4; i++) {
		cs_row_push(&h, cols[i], strlen(cols[i]));
		cs_row_push(&r, buf[i], strlen(buf[i]));
	}
	cs_out_begin(&out, stdout, cs_opts_fmt(c->o), &h);
	cs_out_row(&out, &r);
	cs_row_free(&h);
	cs_row_free(&r);
	return cs_out_end(&out);
}

static const struct cs_verb verbs[] = {
	{ "sample", cmd_sample, CS_WRITES | CS_READS,
	  "[-D dir] [-o format] [--encoding gb18030] sample [period] "
	  "[-n k | --confidence c --margin e | --per category=k,...] "
	  "[--overall] [--agent login] [--dry-run] [--kind kind,...] "
	  "[--map from=to] [--name name] [--risk-factor f] [--seed n] "
	  "[--team team] [--weight risk] [file ...]" },
	{ "sheet", cmd_sheet, 0,
	  "[-D dir] [-o format] [--encoding gb18030] [--excel | --xlsx file] "
	  "sheet [name]" },
	{ "replace", cmd_replace, CS_WRITES,
	  "[-D dir] [--wait seconds] replace id --reason text [file ...]" },
	{ "import", cmd_import, CS_WRITES | CS_READS,
	  "[-D dir] [--encoding gb18030] [--wait seconds] import file" },
	{ "score", cmd_score, CS_WRITES,
	  "[-D dir] [--wait seconds] score id category=n ... "
	  "[critical=yes|no] [notes=text]" },
	{ "report", cmd_report, 0, "[-D dir] [-o format] report [period]" },
	{ "plan", cmd_plan, CS_NO_DATA,
	  "[-o format] plan --population n [--confidence c] [--margin e]" },
	{ NULL, NULL, 0, NULL },
};

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "agent", required_argument, NULL, 'a' },
	{ "confidence", required_argument, NULL, 'c' },
	{ "dry-run", no_argument, NULL, 'd' },
	CS_EXPORT_LONG,
	{ "kind", required_argument, NULL, 'k' },
	{ "map", required_argument, NULL, 'M' },
	{ "margin", required_argument, NULL, 'm' },
	{ "name", required_argument, NULL, 'N' },
	{ "overall", no_argument, NULL, 'O' },
	{ "per", required_argument, NULL, 'p' },
	{ "population", required_argument, NULL, 'P' },
	{ "reason", required_argument, NULL, 'r' },
	{ "risk-factor", required_argument, NULL, 'f' },
	{ "seed", required_argument, NULL, 's' },
	{ "team", required_argument, NULL, 't' },
	{ "weight", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 },
};

static double
number(const char *opt, const char *s, double lo, double hi)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v >= lo && v <= hi))
		cs_usage_error("--%s: a number from %g to %g, not '%s'", opt, lo, hi,
		    s);
	return v;
}

static uint64_t
seed(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 10);

	if (*s == '\0' || *end || *s == '-')
		cs_usage_error("--seed: a whole number, not '%s'", s);
	return v;
}

static int
option(int c, const char *arg, struct cs_opts *o, void *ctx)
{
	struct opts *op = ctx;
	struct cs_audit_spec *sp = &op->spec;

	(void)o;
	switch (c) {
	case 'a':
		sp->agent = cs_filter(&cs_schema_tickets, "agent", arg);
		break;
	case 'c': sp->confidence = number("confidence", arg, 0.5, 0.9999); break;
	case 'd': op->dry = 1; break;
	case 'f': sp->factor = number("risk-factor", arg, 1, 1000); break;
	case 'k':
		if (cs_audit_kinds(arg, &op->kinds) < 0)
			cs_usage_error("--kind: %s", cs_errmsg());
		sp->kind = op->kinds.s;
		break;
	case 'M':
		if (strchr(arg, '=') == NULL || *arg == '=')
			cs_usage_error("--map: from=to, not '%s'", arg);
		cs_buf_addf(&op->map, "%s%s", op->map.len ? "," : "", arg);
		sp->map = op->map.s;
		break;
	case 'm': sp->margin = number("margin", arg, 0.001, 0.5); break;
	case 'n': sp->k = (long)number("n", arg, 1, 100000); break;
	case 'N': sp->name = arg; break;
	case 'O': sp->overall = 1; break;
	case 'p':
		if (cs_audit_per_parse(arg, &op->per) < 0)
			cs_usage_error("%s", cs_errmsg());
		sp->per = &op->per;
		break;
	case 'P': op->population = (long)number("population", arg, 1, 1e12);
		break;
	case 'r': op->reason = arg; break;
	case 's': sp->seed = seed(arg), op->seed_given = 1; break;
	case 't': sp->team = cs_filter(&cs_schema_staff, "team", arg); break;
	case 'w':
		if (strcmp(arg, "risk") && strcmp(arg, "none"))
			cs_usage_error("--weight: risk or none, not '%s'", arg);
		sp->risk = strcmp(arg, "risk") == 0;
		break;
	}
	return 0;
}

static const struct cs_prog prog = {
	"cs-audit", verbs, "n:", longopts, option, NULL, NULL,
};

int
main(int argc, char **argv)
{
	struct opts op;
	int r;

	memset(&op, 0, sizeof op);
	op.spec.factor = 3;
	r = cs_main(&prog, argc, argv, &op);
	cs_buf_free(&op.map);
	cs_buf_free(&op.kinds);
	return r;
}
