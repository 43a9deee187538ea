/*
 * mask.c: confidential fields as list and export show them by default
 * (cs(7), PRIVACY).  A phone keeps its first three and last four digits
 * (138****5678), an email its first letter and domain, a name its first
 * character, an address its first six characters.  Width is kept close
 * to the original so that masked tables still line up.
 *
 * A mask is never data: cs_is_mask knows a value that has the exact shape
 * masking gives a value of its kind (the phone 138****5678 of 3 digits, 4
 * stars, 4 digits; the email q***@example.com; the name 赵* and the
 * address 北京市朝阳区***** whose hidden characters are all stars), so
 * the writers refuse it (cs-customer(1), MASKS).  A real value with a
 * star in it ("A*B Ltd") does not have that shape.
 */
#include <stdint.h>
#include <string.h>

#include "base/base.h"

/* Byte length of the first n characters of s. */
static size_t
prefix_bytes(const char *s, size_t nchars)
{
	size_t i = 0, len = strlen(s);
	uint32_t cp;
	int k;

	while (nchars-- > 0 && i < len) {
		k = cs_utf8_decode(s + i, len - i, &cp);
		i += k > 0 ? (size_t)k : 1;
	}
	return i;
}

static size_t
nchars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static char *
phone(const char *v)
{
	struct cs_buf b = { 0 };
	size_t n = strlen(v), keep_head = n >= 11 ? 3 : n >= 7 ? 2 : 0;
	size_t keep_tail = n >= 7 ? 4 : n > 2 ? 2 : 0, i;

	cs_buf_adds(&b, "");
	for (i = 0; i < n; i++)
		cs_buf_addc(&b, i < keep_head || i >= n - keep_tail ? v[i] : '*');
	return b.s;
}

static char *
email(const char *v)
{
	struct cs_buf b = { 0 };
	const char *at = strchr(v, '@');

	if (at == NULL || at == v)
		return cs_xstrdup("***");
	cs_buf_add(&b, v, prefix_bytes(v, 1));
	cs_buf_adds(&b, "***");
	cs_buf_adds(&b, at);
	return b.s;
}

/* Keep the first `keep` characters; each other character becomes a star,
 * a space stays a space. */
static char *
text(const char *v, size_t keep)
{
	struct cs_buf b = { 0 };
	size_t head = prefix_bytes(v, keep), i, len = strlen(v);
	uint32_t cp;
	int k;

	cs_buf_add(&b, v, head);
	for (i = head; i < len; i += k > 0 ? (size_t)k : 1) {
		k = cs_utf8_decode(v + i, len - i, &cp);
		cs_buf_addc(&b, cp == ' ' ? ' ' : '*');
	}
	return b.s;
}

/* The masked form of value, by kind: "phone", "email", "name", "address". */
char *
cs_mask(const char *kind, const char *v)
{
	if (*v == '\0')
		return cs_xstrdup("");
	if (strcmp(kind, "phone") == 0)
		return phone(v);
	if (strcmp(kind, "email") == 0)
		return email(v);
	if (strcmp(kind, "address") == 0)
		return nchars(v) > 6 ? text(v, 6) : text(v, 1);
	return text(v, 1);
}

/* 1 when s is stars and spaces only, one star at least. */
static int
all_stars(const char *s)
{
	int star = 0;

	for (; *s; s++)
		if (*s == '*')
			star = 1;
		else if (*s != ' ')
			return 0;
	return star;
}

/* The shape phone() gives: the kept digits, a star for every other. */
static int
phone_mask(const char *v)
{
	size_t n = strlen(v), keep_head = n >= 11 ? 3 : n >= 7 ? 2 : 0;
	size_t keep_tail = n >= 7 ? 4 : n > 2 ? 2 : 0, i;

	for (i = 0; i < n; i++)
		if ((i < keep_head || i >= n - keep_tail) == (v[i] == '*'))
			return 0;
	return n > 0;
}

/* 1 when v is what cs_mask(kind, x) makes of some x it hides a part of:
 * a value that cannot be data of a field masked as kind (NULL: none). */
int
cs_is_mask(const char *kind, const char *v)
{
	size_t head;

	if (kind == NULL || *v == '\0')
		return 0;
	if (strcmp(kind, "phone") == 0)
		return phone_mask(v);
	if (strcmp(kind, "email") == 0) {
		head = prefix_bytes(v, 1);
		return strcmp(v, "***") == 0 || (*v != '@' &&
		    strncmp(v + head, "***@", 4) == 0);
	}
	if (strcmp(kind, "address") == 0)
		return all_stars(v + prefix_bytes(v, nchars(v) > 6 ? 6 : 1));
	if (strcmp(kind, "name") == 0)
		return all_stars(v + prefix_bytes(v, 1));
	return 0;
}
