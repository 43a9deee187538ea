/*
 * policy_reader.c: the one policy reader (lib/rules/policy.c) on any
 * file, the first byte choosing which policy file it is.  Besides not
 * crashing or leaking:
 * - a refused file is exit 78 (bad policy);
 * - the reader and cs check's lint agree: a file the reader takes has
 *   no problem in the lint, and one the lint finds a problem in is
 *   refused by the reader, with the lint's first problem as its error.
 */
#include <stdio.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_policy_measures m;
	struct cs_policy p;
	const char *rel;
	char line[2048];
	size_t nfiles;
	FILE *fp;
	int k, n;

	if (size == 0)
		return 0;
	for (nfiles = 0; cs_policy_file(nfiles); nfiles++)
		;
	rel = cs_policy_file(data[0] % nfiles);
	cs_progname = "cs";
	fuzz_write(rel, data + 1, size - 1);
	cs_kpi_policy_measures(&m);
	if (strcmp(rel, "policy/kpi.csv") == 0)
		k = cs_policy_read_kpi(&p, fuzz_dir(), &m);
	else
		k = cs_policy_read(&p, fuzz_dir(), rel);
	if (k == 0)
		cs_policy_free(&p);
	else
		fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
	if ((fp = tmpfile()) == NULL)
		return 0;
	n = cs_policy_lint_file(fuzz_dir(), rel, &m, fp);
	fuzz_assert(k < 0 || n == 0, "%s taken, but the lint found %d", rel, n);
	if (n > 0) {
		rewind(fp);
		fuzz_assert(fgets(line, sizeof line, fp) != NULL, "no lint line");
		line[strcspn(line, "\n")] = '\0';
		fuzz_assert(k < 0, "%s: the lint found '%s'", rel, line);
		if (cs_ctrl_find(cs_errmsg(), strlen(cs_errmsg()), NULL) == NULL)
			fuzz_assert(strcmp(line, cs_errmsg()) == 0, "lint '%s', "
			    "reader '%s'", line, cs_errmsg());
	}
	fclose(fp);
	return 0;
}
