/*
 * importopt.h - the import options every importing program takes
 * (cli/importopt.c): --map, --value, --map-file, --ignore-unknown,
 * --rejects, --time-format, --hours, --scale, --create-missing,
 * --keep-masked, --literal.  A program lists CS_IMPORT_LONG in its
 * options and hands each option to cs_opt_import; its import verb's
 * synopsis says which of them it takes, and cs_import_verb fills in the
 * rest of the options and reads the --map-file.
 */
#ifndef CS_IMPORTOPT_H
#define CS_IMPORTOPT_H

#include "cli/cli.h"
#include "format/import.h"

/* What a program keeps of its import options. */
struct cs_import_args {
	struct cs_import_opts o;
	struct cs_buf map, values;
};

#define CS_IMPORT_LONG \
	{ "map", required_argument, NULL, 0x120 }, \
	{ "value", required_argument, NULL, 0x121 }, \
	{ "time-format", required_argument, NULL, 0x122 }, \
	{ "hours", required_argument, NULL, 0x123 }, \
	{ "scale", required_argument, NULL, 0x124 }, \
	{ "map-file", required_argument, NULL, 0x125 }, \
	{ "rejects", required_argument, NULL, 0x126 }, \
	{ "ignore-unknown", no_argument, NULL, 0x127 }, \
	{ "create-missing", no_argument, NULL, 0x128 }, \
	{ "keep-masked", no_argument, NULL, 0x129 }, \
	{ "literal", no_argument, NULL, 0x12a }
/* 1 when c was an import option (exit 64 on a bad one), else 0. */
int cs_opt_import(int c, const char *arg, struct cs_import_args *a);
/* a's options for the import the command c runs (-n, the plan's format
 * and encoding from c's options), the map file read: o, or NULL with
 * the error. */
const struct cs_import_opts *cs_import_verb(struct cs_import_args *a,
    const struct cs_opts *o);
void cs_import_args_free(struct cs_import_args *a);

#endif
