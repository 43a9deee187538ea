/*
 * import_ticket.c: the ticket importer (lib/format/import_ticket.c,
 * --dry-run) on any file, against the sample roster and 30 customers.
 * The first byte gives the options: bit 0 --literal, bit 1 a --map line
 * first (importer.h), bit 2 --time-format '%d/%m/%Y %H:%M', bit 3 --hours
 * first_response_at,resolved_at, bit 4 --scale 10, bit 5
 * --create-missing.  Besides not crashing or leaking:
 * - a refused file is bad data (65), with a message;
 * - a dry run writes nothing: no ticket store, roster change or journal.
 */
#include "importer.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_import_opts io = { 0 };
	struct cs_buf map = { 0 };
	unsigned flags = size ? data[0] : 0;
	const char *path;
	long long staff, cust;

	cs_progname = "cs-ticket";
	path = importer_begin(&data, &size, &io.literal, &map);
	io.map = &map;
	if (flags & 4)
		io.time_format = "%d/%m/%Y %H:%M";
	if (flags & 8)
		io.hours = "first_response_at,resolved_at";
	if (flags & 16)
		io.scale = 10;
	io.create_missing = (flags & 32) != 0;
	io.dry_run = 1;
	io.fmt = CS_FMT_CSV;
	staff = importer_size("staff.csv");
	cust = importer_size("customers.csv");
	if (cs_import_tickets(&fuzz_ds, &io, path) < 0)
		fuzz_assert(cs_errstatus() == CS_EDATA, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
	fuzz_assert(importer_size("staff.csv") == staff &&
	    importer_size("customers.csv") == cust, "a store changed");
	fuzz_assert(importer_size("tickets") == -1, "tickets were written");
	fuzz_assert(importer_size("journal") == -1, "a journal was written");
	cs_buf_free(&map);
	return 0;
}
