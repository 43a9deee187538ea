/*
 * importer.h: what the importer harnesses share.  A harness calls its
 * importer (lib/format/import.h: cs_import_tickets, cs_import_customers)
 * with --dry-run, which reads the file, checks every row against the stores
 * and prints the plan, and writes nothing.  The data directory is a small
 * copy of data-samples/ (the roster, 30 customers, the policies), made
 * once per process; the plan goes to /dev/null.
 */
#ifndef IMPORTER_H
#define IMPORTER_H

#include "fuzz.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static struct cs_ds fuzz_ds;

/* The data directory, opened; the import options from the first byte
 * (bit 0 --literal, bit 1: the first line is a --map list); *data and
 * *size then hold the file, which is written to in.csv.  Returns its
 * path. */
static inline const char *
importer_begin(const uint8_t **data, size_t *size, int *literal,
    struct cs_buf *map)
{
	static char path[256];
	char cmd[1024];
	unsigned flags = 0;

	if (*size > 0)
		flags = *(*data)++, (*size)--;
	if (fuzz_ds.dir == NULL) {
		setenv("TZ", "Asia/Shanghai", 1);
		setenv("CS_NOW", "2026-11-23 07:00", 1);
		setenv("CS_USER", "fuzz", 1);
		snprintf(cmd, sizeof cmd, "cp %s/data-samples/staff.csv %s/ && "
		    "head -n 30 %s/data-samples/customers.csv > %s/customers.csv && "
		    "cp %s/data-samples/policy/*.csv %s/policy/", SRCDIR, fuzz_dir(),
		    SRCDIR, fuzz_dir(), SRCDIR, fuzz_dir());
		if (system(cmd) != 0 || freopen("/dev/null", "w", stdout) == NULL ||
		    cs_ds_open(&fuzz_ds, fuzz_dir()) < 0) {
			fprintf(stderr, "fuzz: no data directory: %s\n", cs_errmsg());
			abort();
		}
	}
	*literal = flags & 1;
	cs_buf_reset(map);
	if (flags & 2) {
		char *m = fuzz_piece(data, size);
		cs_buf_addf(map, "%s,", m);
		free(m);
	}
	fuzz_write("in.csv", *data, *size);
	snprintf(path, sizeof path, "%s/in.csv", fuzz_dir());
	return path;
}

/* The size of a file of the data directory, -1 if none. */
static inline long long
importer_size(const char *rel)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), rel);
	return stat(path, &st) < 0 ? -1 : (long long)st.st_size;
}

#endif
