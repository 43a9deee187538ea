/*
 * sheetval.c: values as a spreadsheet gives them back (sheetval.h): the
 * guard apostrophe, yes and no, plain numbers, phones without their
 * leading zero.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/sheetval.h"

int
cs_sheet_guards(const char *s)
{
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

const char *
cs_sheet_unguard(const char *s)
{
	return s[0] == '\'' && cs_sheet_guards(s + 1) ? s + 1 : s;
}

/* v without the spaces around it, in buf (n bytes); NULL if too long. */
static const char *
trimmed(const char *v, char *buf, size_t n)
{
	size_t len;

	while (*v == ' ' || *v == '\t')
		v++;
	len = strlen(v);
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (len >= n)
		return NULL;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}

int
cs_yesno(const char *v)
{
	static const char *const yes[] = { "是", "yes", "y", "true", "1", NULL };
	static const char *const no[] = { "否", "no", "n", "false", "0", NULL };
	char buf[16];
	size_t i;

	if ((v = trimmed(v, buf, sizeof buf)) == NULL)
		return -1;
	for (i = 0; yes[i]; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

int
cs_plain_number(const char *v, double *x, const char **why)
{
	char buf[64];
	const char *p;
	size_t digits = 0;

	*why = "not a number";
	if ((v = trimmed(v, buf, sizeof buf)) == NULL)
		return -1;
	p = v + (*v == '-' || *v == '+');
	for (; isdigit((unsigned char)*p); p++)
		digits++;
	if (*p == ',' && digits && isdigit((unsigned char)p[1])) {
		*why = "a decimal comma or a thousands separator (write 4.5 or "
		    "4500)";
		return -1;
	}
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			digits++;
	if (digits == 0 || *p != '\0')
		return -1;
	*x = strtod(v, NULL);
	return 0;
}

const char *
cs_sheet_lost_zero(const char *v)
{
	size_t n = strlen(v);

	if (strspn(v, "0123456789") != n) {
		if (strspn(v, "0123456789.") < n && strpbrk(v, "Ee") &&
		    isdigit((unsigned char)*v) && strchr(v, '+'))
			return "a number in exponent form, not the digits: a "
			    "spreadsheet took it for a number (save it as "
			    ".xlsx, or the column as text)";
		return NULL;
	}
	if (n < 9 || n > 12 || v[0] == '0' || (n == 11 && v[0] == '1'))
		return NULL;
	return "lost its leading 0 (a spreadsheet took it for a number: save "
	    "it as .xlsx, or the column as text)";
}
