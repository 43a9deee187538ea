/*
 * policy_returns.c: the return policy (lib/rules/returns.c,
 * cs_return_window) on any policy/returns.csv,
 * for returns and exchanges of a category the file names and of one it
 * does not.  Besides not crashing or leaking:
 * - a refused file is exit 78 (bad policy);
 * - a window is a whole number of days, 0 to ten years, or none (-1)
 *   when no line covers the category.
 */
#include "fuzz.h"

static void
one(const char *dir, const char *kind, const char *category)
{
	long days;

	if (cs_return_window(dir, kind, category, &days) < 0) {
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
	const uint8_t *nl = memchr(data, '\n', size), *p;
	char *category;

	cs_progname = "cs-ticket";
	fuzz_write("policy/returns.csv", data, size);
	/* the first field of the second line: a category the file names */
	p = nl ? nl + 1 : data + size;
	size -= (size_t)(p - data);
	nl = memchr(p, ',', size);
	category = fuzz_str(p, nl ? (size_t)(nl - p) : 0, 64);
	one(fuzz_dir(), "return", category);
	one(fuzz_dir(), "exchange", category);
	one(fuzz_dir(), "return", "no such category");
	free(category);
	return 0;
}
