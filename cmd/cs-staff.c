/*
 * cs-staff: the roster.  Each person's login name is their id; their
 * team, role (agent, leader, deputy, manager), hiring and leaving dates.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: cs-staff [-D dir] [--wait seconds] add field=value ...\n"
	    "       cs-staff [-D dir] [-o format] list [--active] [--role role] "
	    "[--team team]\n"
	    "       cs-staff [-D dir] [--wait seconds] set id field=value ...\n"
	    "       cs-staff [-D dir] [-o format] show id\n"
	    "fields: id name team role hired left\n");
	cs_exit(status);
}

struct filter {
	const char *team, *role;
	int active;
};

static int
keep(const struct cs_master *m, const struct cs_row *r, void *ctx)
{
	const struct filter *f = ctx;

	if (f->team && strcmp(cs_master_get(m, r, "team"), f->team) != 0)
		return 0;
	if (f->role && strcmp(cs_master_get(m, r, "role"), f->role) != 0)
		return 0;
	if (f->active && *cs_master_get(m, r, "left") != '\0')
		return 0;
	return 1;
}

static const struct option longopts[] = {
	{ "active", no_argument, NULL, 'a' },
	{ "role", required_argument, NULL, 'r' },
	{ "team", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

static void
options(int argc, char **argv, struct cs_opts *o, struct filter *f, int verb)
{
	int c;

	while ((c = cs_getopt(argc, argv, verb, "", longopts, o, usage)) != -1) {
		switch (c) {
		case 'a':
			f->active = 1;
			break;
		case 'r':
			f->role = optarg;
			break;
		case 't':
			f->team = optarg;
			break;
		default:
			cs_usage_error("missing or extra arguments");
		}
	}
}

int
main(int argc, char **argv)
{
	struct cs_opts o = { 0 };
	struct filter f = { 0 };
	struct cs_ds ds;
	const char *verb;
	int ret;

	cs_progname = "cs-staff";
	cs_hold_stdfds();
	options(argc, argv, &o, &f, 0);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cs_usage_error("no command given");
	verb = argv[0];
	cs_getopt_reset();
	options(argc, argv, &o, &f, 1);
	argc -= optind;
	argv += optind;
	if (strcmp(verb, "add") && strcmp(verb, "list") && strcmp(verb, "set") &&
	    strcmp(verb, "show"))
		cs_usage_error("unknown command '%s'", verb);
	if ((f.team || f.role || f.active) && strcmp(verb, "list") != 0)
		cs_usage_error("--active, --role and --team go with list");
	if (cs_ds_begin(&ds, &o) < 0)
		cs_die();
	if (strcmp(verb, "add") == 0)
		ret = cs_verb_add(&ds, &cs_schema_staff, argc, argv);
	else if (strcmp(verb, "set") == 0)
		ret = cs_verb_set(&ds, &cs_schema_staff, argc, argv);
	else if (strcmp(verb, "show") == 0)
		ret = argc == 1 ? cs_verb_show(&ds, &cs_schema_staff, &o, argv[0]) :
		    cs_fail(CS_EUSAGE, "show: one id");
	else
		ret = argc == 0 ? cs_verb_list(&ds, &cs_schema_staff, &o, "list",
		    keep, &f) : cs_fail(CS_EUSAGE, "list: no operands");
	cs_ds_close(&ds);
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
