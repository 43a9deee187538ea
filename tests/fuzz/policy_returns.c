/*
 * policy_returns.c: the return policy (cmd/cs-ticket.c window_days(),
 * static, so the harness includes the program) on any policy/returns.csv,
 * for returns and exchanges of a category the file names and of one it
 * does not.  Besides not crashing or leaking:
 * - a refused file is exit 78 (bad policy);
 * - a window is a whole number of days, 0 to ten years, or none (-1)
 *   when no line covers the category.
 */
#include "fuzz.h"

#define main cs_ticket_main
int cs_ticket_main(int argc, char **argv);
#include "../../cmd/cs-ticket.c"
#undef main

static void
one(struct cs_ds *ds, const char *kind, const char *category)
{
	long days;

	if (window_days(ds, kind, category, &days) < 0) {
		fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
		return;
	}
	fuzz_assert(days == -1 || (days >= 0 && days <= 3650), "%s of %s: %ld days",
	    kind, category, days);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_ds ds = { 0 };
	const uint8_t *nl = memchr(data, '\n', size), *p;
	char *category;

	cs_progname = "cs-ticket";
	ds.dir = (char *)fuzz_dir();
	fuzz_write("policy/returns.csv", data, size);
	/* the first field of the second line: a category the file names */
	p = nl ? nl + 1 : data + size;
	size -= (size_t)(p - data);
	nl = memchr(p, ',', size);
	category = fuzz_str(p, nl ? (size_t)(nl - p) : 0, 64);
	one(&ds, "return", category);
	one(&ds, "exchange", category);
	one(&ds, "return", "no such category");
	free(category);
	return 0;
}
