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
 * operand) and after it (among the operands), opens the data directory,
 * runs the verb, closes the directory and checks stdout, and exits with
 * the verb's status or the recorded error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

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
	if (p->footer)
		fputs(p->footer, fp);
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

/* The name of the program's option c as the synopses give it: "-c"
 * when one names that, else the long name "--name", or "-c". */
static const char *
option_name(int c, char buf[64])
{
	const struct option *o;
	const struct cs_verb *v;

	snprintf(buf, 64, "-%c", c);
	if (c > 0 && c < 0x80 && prog->shortopts && strchr(prog->shortopts, c))
		for (v = prog->verbs; v->name; v++)
			if (names(v->synopsis, buf))
				return buf;
	for (o = prog->longopts; o && o->name; o++)
		if (o->val == c) {
			snprintf(buf, 64, "--%s", o->name);
			return buf;
		}
	snprintf(buf, 64, "-%c", c);
	return buf;
}

/* The option opt, given with verb v: does v take it (its synopsis names
 * token)? */
static void
allowed(const struct cs_verb *v, const char *opt, const char *token)
{
	const struct cs_verb *w;
	char list[512] = "";
	size_t n = 0, k = 0;

	if (names(v->synopsis, token))
		return;
	for (w = prog->verbs; w->name; w++)
		n += names(w->synopsis, token);
	if (n == 0)
		cs_usage_error("%s is not an option of %s", opt, v->name);
	for (w = prog->verbs; w->name; w++)
		if (names(w->synopsis, token)) {
			k++;
			snprintf(list + strlen(list), sizeof list - strlen(list),
			    "%s%s", k == 1 ? "" : k == n ? " and " : ", ", w->name);
		}
	cs_usage_error("%s goes with %s", opt, list);
}

/* Parse options (after the verb when v is given); own ones go to the
 * program, and are checked against v's synopsis. */
static void
parse(int argc, char **argv, const struct cs_verb *v, struct cs_opts *o,
    void *ctx, int *seen, size_t *nseen)
{
	int c;

	while ((c = cs_getopt(argc, argv, v != NULL, prog->shortopts,
	    prog->longopts, o, usage)) != -1) {
		if (prog->option == NULL || prog->option(c, optarg, o, ctx) < 0) {
			if (prog->option == NULL)
				cs_usage_error("bad option: '%s'", argv[optind - 1]);
			cs_die();
		}
		if (*nseen < 64)
			seen[(*nseen)++] = c;
	}
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
	int seen[64], ret;
	size_t nseen = 0, i;
	char buf[64];

	prog = p;
	cs_progname = p->name;
	cs_hold_stdfds();
	parse(argc, argv, NULL, &o, ctx, seen, &nseen);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cs_usage_error("no command given");
	if ((v = find_verb(argv[0])) == NULL) {
		if (p->other)
			return p->other(&o, argc, argv, ctx);
		cs_usage_error("unknown command '%s'", argv[0]);
	}
	cs_getopt_reset();
	parse(argc, argv, v, &o, ctx, seen, &nseen);
	argc -= optind;
	argv += optind;
	for (i = 0; i < nseen; i++)
		allowed(v, option_name(seen[i], buf), buf);
	if ((o.period || o.from || o.to) && !names(v->synopsis, "[period]")) {
		snprintf(buf, sizeof buf, "--%s", o.period ? o.period_kind :
		    o.from ? "from" : "to");
		allowed(v, buf, "[period]");
	}
	cmd.o = &o;
	cmd.ctx = ctx;
	cmd.verb = v->name;
	cmd.argc = argc;
	cmd.argv = argv;
	if (!(v->flags & CS_NO_DATA)) {
		if (cs_ds_begin(&ds, &o) < 0)
			cs_die();
		cmd.ds = &ds;
	}
	ret = v->run(&cmd);
	if (cmd.ds)
		cs_ds_close(cmd.ds);
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
