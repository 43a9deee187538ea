/*
 * policy_sla.c: the SLA policy loader (sla.c cs_sla_load) on any files.
 * The input is policy/sla.csv, policy/hours.csv and policy/holidays.csv,
 * split at form feeds; the first byte says which are there (bits 0 to 2;
 * sla.csv is required).  Besides not crashing or leaking:
 * - a refused policy is exit 78 (bad policy) with a message;
 * - each rule's deadline for a ticket opened now is a time that can be
 *   stored and read back, and a business clock runs exactly the rule's
 *   time between opening and that deadline.
 */
#include "fuzz.h"

static const char *const files[] = { "policy/sla.csv", "policy/hours.csv",
	"policy/holidays.csv" };

static void
check_rule(const struct cs_sla *s, const struct cs_sla_rule *r, cs_time now)
{
	const int64_t secs[] = { r->first_response, r->resolution, r->escalation };
	char out[32];
	cs_time due, back;
	size_t i;

	fuzz_assert(cs_sla_rule(s, r->kind, r->channel) != NULL, "%s/%s", r->kind,
	    r->channel);
	for (i = 0; i < 3; i++) {
		fuzz_assert(secs[i] >= 0, "%lld s", (long long)secs[i]);
		due = cs_sla_add(s, r->business, r->channel, now, secs[i]);
		fuzz_assert(due >= now, "due before it opens");
		cs_time_format(due, out);
		fuzz_assert(cs_time_parse(out, &back) == 0 && back == due, "a rule of "
		    "%lld s gives the deadline '%s', which does not read back",
		    (long long)secs[i], out);
		/* the clock between: a month at most, to keep the fuzzer quick */
		if (r->business && secs[i] <= 31 * 86400 && due - now <= 62 * 86400)
			fuzz_assert(cs_sla_elapsed(s, 1, r->channel, now, due) ==
			    secs[i], "%lld s to %s, %lld s on the clock",
			    (long long)secs[i], out, (long long)cs_sla_elapsed(s, 1,
			    r->channel, now, due));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_sla s;
	const uint8_t *end, *ff;
	cs_time now = 1795320000;	/* 2026-11-22 12:00 in Shanghai */
	size_t i;
	unsigned have;

	if (size < 1)
		return 0;
	setenv("TZ", "Asia/Shanghai", 0);
	have = data[0];
	data++, size--;
	end = data + size;
	for (i = 0; i < 3; i++) {
		if ((ff = memchr(data, '\f', (size_t)(end - data))) == NULL)
			ff = end;
		if (have & (1u << i))
			fuzz_write(files[i], data, (size_t)(ff - data));
		else
			fuzz_remove(files[i]);
		data = ff < end ? ff + 1 : end;
	}
	if (cs_sla_load(&s, fuzz_dir()) < 0) {
		fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
		return 0;
	}
	for (i = 0; i < s.nrules; i++)
		check_rule(&s, &s.rules[i], now);
	cs_sla_free(&s);
	return 0;
}
