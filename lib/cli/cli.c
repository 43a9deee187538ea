/* cli.c: the options every program takes, and field=value operands */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "format/xlsx.h"
#include "store/values.h"

/* The data directory without -D or CS_DATA_DIR, and the only one of a
 * setgid program: make DATA_DIR=... sets it. */
#ifndef DEFAULT_DATA_DIR
#define DEFAULT_DATA_DIR "/var/lib/cs-tools"
#endif
/* The version is the Makefile's VERSION, and only that. */
#ifndef CS_VERSION
#error "CS_VERSION: build with make, which passes the Makefile's VERSION"
#endif

/* 1 when c was a common option, 0 when it is not one, -1 on a bad value. */
int
cs_opt_common(int c, const char *arg, struct cs_opts *o)
{
	char *end;
	double w;

	switch (c) {
	case 'D':
		o->dir = arg;
		return 1;
	case 'q':
		o->quiet = cs_quiet = 1;
		return 1;
	case 'o':
		if (cs_fmt_parse(arg, &o->fmt) < 0)
			return -1;
		o->fmt_set = 1;
		return 1;
	case 0x101: case 0x102: case 0x103: case 0x104: {
		static const char *kinds[] = { "month", "week", "quarter", "year" };
		if (o->period)
			return cs_fail(CS_EUSAGE, "one period only");
		o->period = arg;
		o->period_kind = kinds[c - 0x101];
		return 1;
	}
	case 0x105:
		o->from = arg;
		return 1;
	case 0x106:
		o->to = arg;
		return 1;
	case 0x140:	/* --fields */
		if (*arg == '\0' || *arg == ',' || strstr(arg, ",,") ||
		    arg[strlen(arg) - 1] == ',')
			return cs_fail(CS_EUSAGE, "--fields: field names with "
			    "commas between, not '%s'", arg);
		o->fields = arg;
		return 1;
	case 'W':
		w = strtod(arg, &end);
		/* !(0 <= w <= 86400) also refuses nan, which fails every
		 * comparison, and inf */
		if (*arg == '\0' || *end != '\0' || !(w >= 0 && w <= 86400))
			return cs_fail(CS_EUSAGE, "--wait: not a number of seconds "
			    "from 0 to 86400: '%s'", arg);
		cs_lock_wait = w;
		return 1;
	}
	return 0;
}

/* 1 when c was --encoding, --excel or --xlsx (exit 64 on a bad
 * encoding), else 0.  --xlsx opens the workbook (cs_xlsx_target); gbk
 * and cp936 are taken as GB18030, their superset. */
int
cs_opt_export(int c, const char *arg, struct cs_opts *o)
{
	int gb;

	if (c == 0x111) {
		o->excel = 1;
		return 1;
	}
	if (c == 0x112) {
		if (o->xlsx)
			cs_usage_error("--xlsx: one workbook");
		if (cs_xlsx_target(arg) < 0)
			cs_die();
		o->xlsx = arg;
		return 1;
	}
	if (c != 0x110)
		return 0;
	if (strcasecmp(arg, "gb18030") == 0 || strcasecmp(arg, "gbk") == 0 ||
	    strcasecmp(arg, "cp936") == 0)
		gb = 1;
	else if (strcasecmp(arg, "utf-8") == 0 || strcasecmp(arg, "utf8") == 0)
		gb = 0;
	else
		cs_usage_error("--encoding: utf-8 or gb18030 (gbk, cp936), not "
		    "'%s'", arg);
	if (o->reads)
		cs_read_gb18030 = gb;
	else
		o->gb18030 = gb;
	return 1;
}

int
cs_opts_period(const struct cs_opts *o, struct cs_period *p, int *given)
{
	*given = o->period || o->from || o->to;
	if (o->period && (o->from || o->to))
		return cs_fail(CS_EUSAGE, "--%s with --from or --to: one period only",
		    o->period_kind);
	if (o->period)
		return cs_period_parse(o->period_kind, o->period, p);
	return cs_period_range(o->from, o->to, p);
}

/* A table on a terminal, CSV down a pipe, unless -o, --excel or --xlsx
 * says. */
enum cs_fmt
cs_opts_fmt(const struct cs_opts *o)
{
	if (o->xlsx)
		return CS_FMT_XLSX;
	if (o->excel)
		return CS_FMT_EXCEL;
	if (o->fmt_set)
		return o->fmt;
	return isatty(STDOUT_FILENO) ? CS_FMT_TABLE : CS_FMT_CSV;
}

/* "field=value": field is [a-z_]+. */
int
cs_assign_split(const char *arg, char **field, const char **value)
{
	const char *eq = strchr(arg, '=');
	const char *p;

	if (eq == NULL || eq == arg)
		return cs_fail(CS_EUSAGE, "expected field=value, not '%s'", arg);
	for (p = arg; p < eq; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return cs_fail(CS_EUSAGE, "not a field name: '%.*s'",
			    (int)(eq - arg), arg);
	*field = strndup(arg, (size_t)(eq - arg));
	if (*field == NULL)
		cs_fatal(CS_EIO, "out of memory");
	*value = eq + 1;
	return 0;
}

int
cs_arg_utf8(const char *what, const char *s)
{
	size_t bad;

	if (cs_utf8_check(s, strlen(s), &bad) < 0)
		return cs_fail(CS_EDATA, "%s: invalid UTF-8 at byte %zu", what, bad + 1);
	return 0;
}

/* a and b are one directory: the same name, or the same after realpath */
static int
same_dir(const char *a, const char *b)
{
	char *ra, *rb;
	int same;

	if (strcmp(a, b) == 0)
		return 1;
	ra = realpath(a, NULL);
	rb = realpath(b, NULL);
	same = ra && rb && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

/* A setgid program works on the configured directory, by its configured
 * name: never the caller's name for it, which could change under it. */
static const char *
setgid_data_dir(const char *opt)
{
	static int warned;
	const char *env = getenv("CS_DATA_DIR");

	if (opt && *opt && !same_dir(opt, DEFAULT_DATA_DIR)) {
		cs_fail(CS_EPERM, "%s: a setgid %s works only on %s", opt,
		    cs_progname, DEFAULT_DATA_DIR);
		return NULL;
	}
	if (env && *env && !same_dir(env, DEFAULT_DATA_DIR) && !warned++)
		cs_warn("CS_DATA_DIR ignored: a setgid %s works only on %s",
		    cs_progname, DEFAULT_DATA_DIR);
	return DEFAULT_DATA_DIR;
}

/* -D (or cs init DIR), else $CS_DATA_DIR, else DEFAULT_DATA_DIR; when
 * setgid, only DEFAULT_DATA_DIR: another -D is refused (77, NULL). */
const char *
cs_data_dir(const char *opt)
{
	const char *dir = opt;

	if (cs_setgid())
		return setgid_data_dir(opt);
	if (dir == NULL || *dir == '\0')
		dir = getenv("CS_DATA_DIR");
	if (dir == NULL || *dir == '\0')
		dir = DEFAULT_DATA_DIR;
	return dir;
}

int
cs_ds_begin(struct cs_ds *ds, const struct cs_opts *o)
{
	const char *dir = cs_data_dir(o->dir);

	return dir ? cs_ds_open(ds, dir) : -1;
}

/*
 * getopt_long over the common options and a program's own: returns the
 * next option that is not a common one, -1 at the end.  Before the
 * command (verb 0) options stop at the first operand; after it they may
 * come among the operands.  -h and -V are answered here.
 */
int
cs_getopt(int argc, char **argv, int verb, const char *shortopts,
    const struct option *own, struct cs_opts *o, void (*usage)(FILE *, int))
{
	static const struct option common[] = { CS_COMMON_LONG };
	static struct option all[64];
	static char opts[128];
	size_t nc = sizeof common / sizeof common[0], n = 0;
	int c, k;

	if (optind == 0 || all[0].name == NULL) {
		memcpy(all, common, sizeof common);
		while (own && own[n].name && nc + n < 63)
			n++;
		if (own)
			memcpy(all + nc, own, n * sizeof *own);
		memset(&all[nc + n], 0, sizeof all[0]);
		snprintf(opts, sizeof opts, "%s%shV%s", verb ? "" : "+",
		    CS_COMMON_SHORT, shortopts ? shortopts : "");
	}
	opterr = 0;
	for (;;) {
		c = getopt_long(argc, argv, opts, all, NULL);
		if (c == -1)
			return -1;
		if ((k = cs_opt_common(c, optarg, o)) < 0)
			cs_die();
		if (k)
			continue;
		switch (c) {
		case 'h':
			usage(stdout, 0);
			break;
		case 'V':
			printf("%s (cs-tools) %s\n", cs_progname, CS_VERSION);
			cs_exit(0);
		case '?':
		case ':':
			cs_usage_error("bad option or missing argument: '%s'",
			    argv[optind - 1]);
		}
		return c;
	}
}

/* Start option parsing over (again): the next cs_getopt reads argv[1...]. */
void
cs_getopt_reset(void)
{
	optind = 0;
}

/* A usage error: one line, a pointer to --help, exit 64. */
void
cs_usage_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	cs_fatal(CS_EUSAGE, "%s (see %s --help)", msg, cs_progname);
}

/* word is one of list, "a|b|c". */
int
cs_in_list(const char *word, const char *list)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
		if (strncmp(p, word, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The value of the operand field=value, or "" when there is none; a
 * value given by its Chinese name is its English one (values.h). */
const char *
cs_operand(int argc, char **argv, const char *field)
{
	size_t n = strlen(field);
	int i;

	for (i = 0; i < argc; i++)
		if (strncmp(argv[i], field, n) == 0 && argv[i][n] == '=')
			return cs_value_canon(field, argv[i] + n + 1);
	return "";
}

/* Every operand is field=value, the field one of allowed ("a|b"); what
 * names the command in the message. */
int
cs_operands_check(int argc, char **argv, const char *allowed, const char *what)
{
	const char *value;
	char *field;
	int i, ok;

	for (i = 0; i < argc; i++) {
		if (cs_arg_utf8("operand", argv[i]) < 0 ||
		    cs_assign_split(argv[i], &field, &value) < 0)
			return -1;
		ok = cs_in_list(field, allowed);
		if (!ok)
			cs_fail(CS_EUSAGE, "%s: field '%s' is not given here (%s)", what,
			    field, allowed);
		free(field);
		if (!ok)
			return -1;
	}
	return 0;
}
