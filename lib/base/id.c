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

#include "base/base.h"

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

/*
 * Append to b the number whose digits start at s, plus one, in at least
 * width digits.  In decimal, digit by digit: no number is too big (a
 * 20-digit id wrapped to 0 in an unsigned long long).
 */
static void
add_one(struct cs_buf *b, const char *s, int width)
{
	char num[40], *p;
	size_t n, i;
	int len;

	while (*s == '0')
		s++;
	n = strspn(s, "0123456789");
	if (n > sizeof num - 1)
		n = sizeof num - 1;	/* no valid id has them */
	num[0] = '0';		/* room for the carry */
	memcpy(num + 1, s, n);
	for (i = n; num[i] == '9'; i--)
		num[i] = '0';
	num[i]++;
	p = num[0] == '0' ? num + 1 : num;
	len = (int)(num + n + 1 - p);
	for (; width > len; width--)
		cs_buf_addc(b, '0');
	cs_buf_add(b, p, (size_t)len);
}

/* b as the next id after last, or NULL if it is not an id: more than 32
 * characters. */
static char *
next_or_null(struct cs_buf *b, const char *prefix, const char *last)
{
	if (!cs_id_valid(prefix, b->s)) {
		cs_fail(CS_EDATA, "no id after '%s': ids have at most 32 characters",
		    last ? last : "");
		cs_buf_free(b);
		return NULL;
	}
	return b->s;
}

/* The id after the valid id last (PREFIX-000001 when last is NULL): its
 * first number plus one.  NULL, with the error, when there is none. */
char *
cs_id_next(const char *prefix, const char *last)
{
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "%s-", prefix);
	add_one(&b, last ? last + strlen(prefix) + 1 : "", 6);
	return next_or_null(&b, prefix, last);
}

/*
 * The id after last for a record of the day of t: PREFIX-YYYYMMDD-0001
 * for the day's first, else last's number plus one.  NULL, with the
 * error, when there is none.
 */
char *
cs_id_next_daily(const char *prefix, const char *last, cs_time t)
{
	struct cs_buf b = { 0 };
	char d[16];

	cs_date_format(t, d);
	cs_buf_addf(&b, "%s-%.4s%.2s%.2s-", prefix, d, d + 5, d + 8);
	add_one(&b, last && strncmp(last, b.s, b.len) == 0 ? last + b.len : "", 4);
	return next_or_null(&b, prefix, last);
}
