/*
 * main.c: the one main loop of every program.
 *
 * A program is a table of verbs (struct cs_prog): each verb's name, the
 * function that runs it, whether it writes, and its synopsis, the text its
 * usage line and its manual page's SYNOPSIS show.  The synopsis is also
 * the list of the options the verb takes: a program's own option given
 * with a verb whose synopsis does not name it is refused, with the verbs
 * that take it.  So usage, manual and code say the same thing.
 *
 * cs_main parses the options before the verb (they stop at the first
 * operand) and after it (among the operands), checks the program's own
 * against the verb and only then hands them to the program (so a
 * misplaced option is refused as such, whatever its value), opens the
 * data directory, checks the filters that need it (cli/filter.c), runs
 * the verb, closes the directory, checks stdout,
 * and exits with the verb's status or the recorded error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/filter.h"
#include "format/xlsx.h"
#include "rules/notify.h"
#include "rules/roles.h"

#define CS_MAIN_OPTS 64

static const struct cs_prog *prog;

/* The usage lines, wrapped at whole options: "[--role role]" stays on one
 * line, continued under the first word after the program's name. */
static void
usage_line(FILE *fp, const char *lead, const char *syn)
{
	size_t col, indent = strlen("usage: ") + strlen(prog->name) + 1, n;
	const char *p = syn, *q;
	int depth;

	col = (size_t)fprintf(fp, "%s%s", lead, prog->name);
	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (q = p, depth = 0; *q && (depth > 0 || *q != ' '); q++)
			depth += *q == '[' ? 1 : *q == ']' ? -1 : 0;
		n = (size_t)(q - p);
		if (col + 1 + n > 79 && col > indent) {
			fprintf(fp, "\n%*s", (int)indent - 1, "");
			col = indent - 1;
		}
		col += (size_t)fprintf(fp, " %.*s", (int)n, p);
		p = q;
	}
	fputc('\n', fp);
}

void
cs_prog_usage(FILE *fp, const struct cs_prog *p)
{
	const struct cs_verb *v;

	prog = p;
	for (v = p->verbs; v->name; v++)
		usage_line(fp, v == p->verbs ? "usage: " : "       ",
		    v->synopsis);
	if (p->footer)		/* N_() where it is written */
		fputs(gettext(p->footer), fp);
}

static void
usage(FILE *fp, int status)
{
	cs_prog_usage(fp, prog);
	cs_exit(status);
}

/* 1 when the synopsis syn names the option "--name" or "-c". */
static int
names(const char *syn, const char *opt)
{
	size_t n = strlen(opt);
	const char *p;

	for (p = strstr(syn, opt); p; p = strstr(p + 1, opt))
		if ((p == syn || p[-1] == ' ' || p[-1] == '[' || p[-1] == '|') &&
		    strchr(" ]|=", p[n]) != NULL)
			return 1;
	return 0;
}

/* 1 when a verb's synopsis names token. */
static int
any_names(const char *token)
{
	const struct cs_verb *w;

	for (w = prog->verbs; w->name; w++)
		if (names(w->synopsis, token))
			return 1;
	return 0;
}

/* The name of the program's option c as the synopses give it: "-c" if
 * they name that, else its long name "--name", else "-c". */
static const char *
option_name(int c, char buf[64])
{
	const struct option *o;

	snprintf(buf, 64, "-%c", c);
	if (c > ' ' && c < 127 && strchr(prog->shortopts, c) && any_names(buf))
		return buf;
	for (o = prog->longopts; o && o->name; o++)
		if (o->val == c) {
			snprintf(buf, 64, "--%s", o->name);
			return buf;
		}
	return buf;
}

/* 1 when a verb called name, before end (NULL: any), names token: a
 * verb may have several usage lines ("show id", "show --history id"). */
static int
takes(const char *name, const char *token, const struct cs_verb *end)
{
	const struct cs_verb *w;

	for (w = prog->verbs; w->name && w != end; w++)
		if (strcmp(w->name, name) == 0 && names(w->synopsis, token))
			return 1;
	return 0;
}

/* The option opt, given with verb v: does v take it (its synopsis names
 * token)? */
static void
allowed(const struct cs_verb *v, const char *opt, const char *token)
{
	const struct cs_verb *w;
	char list[512] = "";
	size_t n = 0, k = 0;

	if (takes(v->name, token, NULL))
		return;
	for (w = prog->verbs; w->name; w++)
		n += names(w->synopsis, token) && !takes(w->name, token, w);
	if (n == 0)
		cs_usage_error("%s is not an option of %s", opt, v->name);
	for (w = prog->verbs; w->name; w++)
		if (names(w->synopsis, token) && !takes(w->name, token, w)) {
			k++;
			snprintf(list + strlen(list), sizeof list - strlen(list),
			    "%s%s", k == 1 ? "" : k == n ? " and " : ", ", w->name);
		}
	cs_usage_error("%s goes with %s", opt, list);
}

struct given {
	int c;
	const char *arg;	/* into argv */
};

/* Parse options (after the verb when v is given): the common ones are
 * taken, the program's own gathered, to be checked against the verb
 * before the program sees them. */
static void
parse(int argc, char **argv, const struct cs_verb *v, struct cs_opts *o,
    struct given *g, size_t *ng)
{
	int c;

	while ((c = cs_getopt(argc, argv, v != NULL, prog->shortopts,
	    prog->longopts, o, usage)) != -1) {
		if (prog->option == NULL)
			cs_usage_error("bad option: '%s'", argv[optind - 1]);
		if (*ng == CS_MAIN_OPTS)
			cs_usage_error("more than %d options", CS_MAIN_OPTS);
		g[*ng].c = c;
		g[(*ng)++].arg = optarg;
	}
}

static void
apply(const struct given *g, size_t ng, struct cs_opts *o, void *ctx)
{
	size_t i;

	for (i = 0; i < ng; i++)
		if (!cs_opt_export(g[i].c, g[i].arg, o) &&
		    prog->option(g[i].c, g[i].arg, o, ctx) < 0)
			cs_die();
}

static const struct cs_verb *
find_verb(const char *name)
{
	const struct cs_verb *v;

	for (v = prog->verbs; v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

int
cs_main(const struct cs_prog *p, int argc, char **argv, void *ctx)
{
	struct cs_opts o = { 0 };
	struct cs_cmd cmd = { 0 };
	const struct cs_verb *v;
	struct cs_ds ds;
	struct given g[CS_MAIN_OPTS];
	size_t ng = 0, i;
	char buf[64];
	int ret;

	prog = p;
	cs_progname = p->name;
	cs_i18n_init();		/* first: the warnings below are messages */
	cs_env_sanitise();	/* setgid: no settings from the caller */
	cs_hold_stdfds();
	parse(argc, argv, NULL, &o, g, &ng);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cs_usage_error("no command given");
	if ((v = find_verb(argv[0])) == NULL) {
		if (p->other) {
			apply(g, ng, &o, ctx);
			return p->other(&o, argc, argv, ctx);
		}
		cs_usage_error("unknown command '%s'", argv[0]);
	}
	cs_getopt_reset();
	parse(argc, argv, v, &o, g, &ng);
	argc -= optind;
	argv += optind;
	for (i = 0; i < ng; i++)
		allowed(v, option_name(g[i].c, buf), buf);
	if ((o.period || o.from || o.to) && !names(v->synopsis, "[period]")) {
		snprintf(buf, sizeof buf, "--%s", o.period ? o.period_kind :
		    o.from ? "from" : "to");
		allowed(v, buf, "[period]");
	}
	if (o.fields && !names(v->synopsis, "--fields"))
		allowed(v, "--fields", "--fields");
	cs_out_columns = o.fields;
	o.reads = (v->flags & CS_READS) != 0;
	apply(g, ng, &o, ctx);
	cmd.o = &o;
	cmd.ctx = ctx;
	cmd.verb = v->name;
	cmd.argc = argc;
	cmd.argv = argv;
	if (!(v->flags & CS_WRITES))
		cs_lock_refused = v->name;
	cs_lock_gate = cs_roles_writer;	/* off the roster: only reads */
	cs_record_notice = cs_notify_event;	/* an event's messages */
	if (!(v->flags & CS_NO_DATA)) {
		if (cs_ds_begin(&ds, &o) < 0 || cs_filters_check(&ds) < 0)
			cs_die();
		cmd.ds = &ds;
	}
	ret = v->run(&cmd);
	if (ret >= 0 && cs_xlsx_finish() < 0)
		ret = -1;
	if (cmd.ds)
		cs_ds_close(cmd.ds);
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
