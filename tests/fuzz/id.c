/*
 * id.c: record ids (id.c cs_id_valid, cs_id_next, cs_id_next_daily,
 * cs_id_cmp, cs_login_valid) on any text.  The first byte chooses the
 * prefix and the day a daily id is made for; the rest is three lines a,
 * b, c.  Besides not crashing:
 * - cs_id_cmp orders: a = a, a < b exactly when b > a, and a <= b <= c
 *   gives a <= c (a binary search over a store needs no less);
 * - the id after a valid id is a valid id, and after it, so a store
 *   stays sorted by id (or, after one of 32 characters that ends in
 *   nines, there is none, and an error says so); the day's first id is
 *   valid too.
 */
#include "fuzz.h"

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

static void
order(const char *a, const char *b, const char *c)
{
	int ab = sign(cs_id_cmp(a, b)), bc = sign(cs_id_cmp(b, c));

	fuzz_assert(cs_id_cmp(a, a) == 0, "'%s'", a);
	fuzz_assert(sign(cs_id_cmp(b, a)) == -ab, "'%s' '%s'", a, b);
	if (ab <= 0 && bc <= 0)
		fuzz_assert(cs_id_cmp(a, c) <= 0, "'%s' <= '%s' <= '%s'", a, b, c);
	if (ab == 0 && bc == 0)
		fuzz_assert(cs_id_cmp(a, c) == 0, "'%s' = '%s' = '%s'", a, b, c);
}

static void
after(const char *prefix, const char *last, cs_time day)
{
	char *next, *first, d[16];

	if (!cs_id_valid(prefix, last))
		return;
	/* none after an id of 32 characters, or nearly, that ends in nines */
	if ((next = cs_id_next(prefix, last)) == NULL)
		fuzz_assert(cs_errstatus() == CS_EDATA && strlen(last) >= 30,
		    "none after '%s'", last);
	else {
		fuzz_assert(cs_id_valid(prefix, next), "after '%s': '%s'", last,
		    next);
		fuzz_assert(cs_id_cmp(next, last) > 0, "after '%s': '%s'", last,
		    next);
		free(next);
	}
	first = cs_id_next_daily(prefix, NULL, day);
	fuzz_assert(first && cs_id_valid(prefix, first), "'%s'", first);
	if ((next = cs_id_next_daily(prefix, last, day)) == NULL) {
		fuzz_assert(cs_errstatus() == CS_EDATA && strlen(last) >= 30 &&
		    strncmp(last, first, strlen(first) - 4) == 0, "none after '%s'",
		    last);
		free(first);
		return;
	}
	fuzz_assert(cs_id_valid(prefix, next), "after '%s': '%s'", last, next);
	/* the day's next: after the day's last, or the day's first */
	if (strncmp(last, first, strlen(first) - 4) == 0)
		fuzz_assert(cs_id_cmp(next, last) > 0, "after '%s': '%s'", last, next);
	else
		fuzz_assert(strcmp(next, first) == 0, "after '%s': '%s'", last, next);
	cs_date_format(day, d);
	fuzz_assert(strncmp(first + strlen(prefix) + 1, d, 4) == 0, "%s on %s",
	    first, d);
	free(next);
	free(first);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const prefixes[] = { "C", "T", "O", "K" };
	const char *prefix;
	cs_time day;
	char *a, *b, *c;

	if (size < 1 || size > 256)
		return 0;
	setenv("TZ", "Asia/Shanghai", 0);
	prefix = prefixes[data[0] & 3];
	/* noon of 2026-11-22 (Shanghai), give or take a few years */
	day = 1795320000 + ((int)(data[0] >> 2) - 32) * 86400 * 11;
	data++, size--;
	a = fuzz_piece(&data, &size);
	b = fuzz_piece(&data, &size);
	c = fuzz_piece(&data, &size);
	order(a, b, c);
	after(prefix, a, day);
	after(prefix, b, day);
	(void)cs_login_valid(a);
	free(a);
	free(b);
	free(c);
	return 0;
}
