/*
 * id.c: record ids.  An id is a prefix letter, a hyphen and digit groups
 * (C-000042, T-20261122-0042); ids are allocated in increasing order, so
 * a store is sorted by id and ids compare digit group by digit group, as
 * numbers.  Ids are checked against their pattern before they are used
 * to find a file.  Staff ids are login names.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static const char *
skip_zeros(const char *s, const char *end)
{
	while (s + 1 < end && *s == '0')
		s++;
	return s;
}

int
cs_id_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char *ea = a, *eb = b, *sa, *sb;
			size_t la, lb;
			int c;

			while (isdigit((unsigned char)*ea))
				ea++;
			while (isdigit((unsigned char)*eb))
				eb++;
			sa = skip_zeros(a, ea);
			sb = skip_zeros(b, eb);
			la = (size_t)(ea - sa);
			lb = (size_t)(eb - sb);
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = memcmp(sa, sb, la)) != 0)
				return c < 0 ? -1 : 1;
			a = ea, b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++, b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

/* PREFIX-digits[-digits...], at most 32 characters. */
int
cs_id_valid(const char *prefix, const char *id)
{
	size_t n = strlen(prefix);
	const char *s;

	if (strlen(id) > 32 || strncmp(id, prefix, n) != 0 || id[n] != '-')
		return 0;
	for (s = id + n + 1;; s++) {
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
		if (*s == '\0')
			return 1;
		if (*s != '-')
			return 0;
	}
}

/* A login name: [a-z_][a-z0-9_.-]*, at most 32 characters. */
int
cs_login_valid(const char *s)
{
	size_t i;

	if (!(*s == '_' || (*s >= 'a' && *s <= 'z')) || strlen(s) > 32)
		return 0;
	for (i = 1; s[i]; i++)
		if (!(s[i] == '_' || s[i] == '.' || s[i] == '-' ||
		    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/* The id after last (PREFIX-000001 when last is NULL): its number plus one. */
char *
cs_id_next(const char *prefix, const char *last)
{
	struct cs_buf b = { 0 };
	unsigned long long n = 0;

	if (last)
		n = strtoull(last + strlen(prefix) + 1, NULL, 10);
	cs_buf_addf(&b, "%s-%06llu", prefix, n + 1);
	return b.s;
}

/*
 * The id after last for a record of the day of t: PREFIX-YYYYMMDD-0001
 * for the day's first, else last's number plus one.
 */
char *
cs_id_next_daily(const char *prefix, const char *last, cs_time t)
{
	struct cs_buf b = { 0 };
	unsigned long n = 0;
	char d[16];

	cs_date_format(t, d);
	cs_buf_addf(&b, "%s-%.4s%.2s%.2s-", prefix, d, d + 5, d + 8);
	if (last && strncmp(last, b.s, b.len) == 0)
		n = strtoul(last + b.len, NULL, 10);
	cs_buf_addf(&b, "%04lu", n + 1);
	return b.s;
}
