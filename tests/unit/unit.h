/* unit.h: what every unit test includes */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cs.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Tests run in the department's zone, whatever the machine's. */
static inline void
unit_zone(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
}

/* A fresh temporary directory; the caller frees the name. */
static inline char *
unit_tmpdir(void)
{
	char *t = cs_xstrdup("/tmp/cs-unit.XXXXXX");

	assert_non_null(mkdtemp(t));
	return t;
}

static inline void
unit_rmrf(const char *dir)
{
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "rm -rf '%s'", dir);
	assert_int_equal(system(b.s), 0);
	cs_buf_free(&b);
}

static inline char *
unit_slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	struct cs_buf b = { 0 };
	char chunk[4096];
	size_t n;

	if (fp == NULL)
		return NULL;
	cs_buf_adds(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		cs_buf_add(&b, chunk, n);
	fclose(fp);
	return b.s;
}

static inline void
unit_write(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* DIR/REL written with text (DIR/policy and the like must exist). */
static inline void
unit_put(const char *dir, const char *rel, const char *text)
{
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/%s", dir, rel);
	unit_write(p.s, text);
	cs_buf_free(&p);
}

/* A time the test writes down, ISO 8601 or "YYYY-MM-DD HH:MM". */
static inline cs_time
unit_at(const char *s)
{
	cs_time t;

	assert_int_equal(cs_time_parse(s, &t), 0);
	return t;
}

/* Fields of a row joined with '|', for comparing against a table. */
static inline char *
unit_join(const struct cs_row *r)
{
	struct cs_buf b = { 0 };
	size_t i;

	cs_buf_adds(&b, "");
	for (i = 0; i < r->n; i++) {
		if (i)
			cs_buf_addc(&b, '|');
		cs_buf_adds(&b, cs_row_get(r, i));
	}
	return b.s;
}

#endif
