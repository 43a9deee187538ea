/*
 * import_ticket.c: the ticket importer (cmd/cs-ticket.c cmd_import,
 * --dry-run) on any file, against the sample roster and 30 customers.
 * The first byte gives the options: bit 0 --literal, bit 1 a --map line
 * first (importer.h), bit 2 --time-format '%d/%m/%Y %H:%M', bit 3 --hours
 * first_response_at,resolved_at, bit 4 --scale 10, bit 5
 * --create-missing.  Besides not crashing or leaking:
 * - a refused file is bad data (65), with a message;
 * - a dry run writes nothing: no ticket store, roster change or journal.
 */
#include "importer.h"

#define main cs_ticket_main
int cs_ticket_main(int argc, char **argv);
#include "../../cmd/cs-ticket.c"
#undef main

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_opts o = { 0 };
	struct import_opts io = { 0 };
	unsigned flags = size ? data[0] : 0;
	const char *path;
	long long staff, cust;

	cs_progname = "cs-ticket";
	path = importer_begin(&data, &size, &io.literal, &io.map);
	if (flags & 4)
		io.time_format = "%d/%m/%Y %H:%M";
	if (flags & 8)
		io.hours = "first_response_at,resolved_at";
	if (flags & 16)
		io.scale = 10;
	io.create_missing = (flags & 32) != 0;
	o.dry_run = 1;
	o.fmt = CS_FMT_CSV, o.fmt_set = 1;
	staff = importer_size("staff.csv");
	cust = importer_size("customers.csv");
	if (cmd_import(&fuzz_ds, &o, &io, path) < 0)
		fuzz_assert(cs_errstatus() == CS_EDATA, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
	fuzz_assert(importer_size("staff.csv") == staff &&
	    importer_size("customers.csv") == cust, "a store changed");
	fuzz_assert(importer_size("tickets") == -1, "tickets were written");
	fuzz_assert(importer_size("journal") == -1, "a journal was written");
	cs_buf_free(&io.map);
	return 0;
}
