/*
 * import_customer.c: the customer importer (cmd/cs-customer.c
 * cmd_import, --dry-run) on any file, against a small roster of
 * customers.  The first byte gives the options (importer.h).  Besides
 * not crashing or leaking:
 * - a refused file is bad data (65), with a message;
 * - a dry run writes nothing: the store and the journal stay as they
 *   were.
 */
#include "importer.h"

#define main cs_customer_main
int cs_customer_main(int argc, char **argv);
#include "../../cmd/cs-customer.c"
#undef main

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_opts o = { 0 };
	struct import_opts io = { 0 };
	const char *path;
	long long before;

	cs_progname = "cs-customer";
	path = importer_begin(&data, &size, &io.literal, &io.map);
	o.dry_run = 1;
	o.fmt = CS_FMT_CSV, o.fmt_set = 1;
	before = importer_size("customers.csv");
	if (cmd_import(&fuzz_ds, &o, &io, path) < 0)
		fuzz_assert(cs_errstatus() == CS_EDATA, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
	fuzz_assert(importer_size("customers.csv") == before, "the store changed");
	fuzz_assert(importer_size("journal") == -1, "a journal was written");
	cs_buf_free(&io.map);
	return 0;
}
