/*
 * importopt.c: the import options of every importing program
 * (importopt.h), parsed once into the engine's options (format/import.h).
 */
#include <getopt.h>
#include <string.h>

#include "cli/importopt.h"

static const char *const names[] = { "map", "value", "time-format", "hours",
	"scale", "map-file", "rejects", "ignore-unknown", "create-missing",
	"keep-masked", "literal" };

int
cs_opt_import(int c, const char *arg, struct cs_import_args *a)
{
	if (c < 0x120 || c > 0x12a)
		return 0;
	a->o.map = &a->map;
	a->o.values = &a->values;
	if (cs_import_opt(&a->o, names[c - 0x120], arg ? arg : "", 1) < 0)
		cs_usage_error("%s", cs_errmsg());
	return 1;
}

const struct cs_import_opts *
cs_import_verb(struct cs_import_args *a, const struct cs_opts *o)
{
	a->o.map = &a->map;
	a->o.values = &a->values;
	a->o.dry_run = o->dry_run;
	a->o.unmask = o->unmask;
	a->o.fmt = cs_opts_fmt(o);
	a->o.gb18030 = o->gb18030;
	return cs_import_map_file(&a->o) < 0 ? NULL : &a->o;
}

void
cs_import_args_free(struct cs_import_args *a)
{
	cs_import_opts_free(&a->o);
	cs_buf_free(&a->map);
	cs_buf_free(&a->values);
}
