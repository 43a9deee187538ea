/*
 * import_customer.c: the customer importer
 * (lib/format/import_customer.c, --dry-run) on any file, against a small roster of
 * customers.  The first byte gives the options (importer.h).  Besides
 * not crashing or leaking:
 * - a refused file is bad data (65), with a message;
 * - a dry run writes nothing: the store and the journal stay as they
 *   were.
 */
#include "importer.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_import_opts io = { 0 };
	struct cs_buf map = { 0 };
	const char *path;
	long long before;

	cs_progname = "cs-customer";
	path = importer_begin(&data, &size, &io.literal, &map);
	io.map = &map;
	io.dry_run = 1;
	io.fmt = CS_FMT_CSV;
	before = importer_size("customers.csv");
	if (cs_import_customers(&fuzz_ds, &io, path) < 0)
		fuzz_assert(cs_errstatus() == CS_EDATA, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
	fuzz_assert(importer_size("customers.csv") == before, "the store changed");
	fuzz_assert(importer_size("journal") == -1, "a journal was written");
	cs_buf_free(&map);
	return 0;
}
