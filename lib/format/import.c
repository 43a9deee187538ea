/*
 * import.c: the one import engine (import.h).  It reads a foreign CSV
 * file through libcsv, renames its columns by --map, hands each record to
 * the importer of a store, and converts values for it: times in the
 * file's own form, hours after a base time, ratings on another scale.
 * Every error names file and line (and the field, where there is one);
 * nothing here writes.  A mask (what show prints of a confidential field)
 * is never taken for a value: refused, or with --keep-masked leaving the
 * stored value as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format/import.h"

const char *
cs_column_map(const struct cs_buf *map, const char *name, struct cs_buf *tmp)
{
	const char *p = map ? map->s : NULL;
	size_t n = strlen(name);

	while (p && *p) {
		const char *eq = strchr(p, '='), *end = strchr(p, ',');
		if (eq && (size_t)(eq - p) == n && strncmp(p, name, n) == 0) {
			cs_buf_reset(tmp);
			cs_buf_adds(tmp, "");
			cs_buf_add(tmp, eq + 1, (size_t)((end ? end : eq + strlen(eq)) -
			    (eq + 1)));
			return tmp->s;
		}
		p = end ? end + 1 : NULL;
	}
	return name;
}

/* The columns of the header, each taken by the importer. */
static int
import_header(struct cs_import *im, const struct cs_row *hdr)
{
	struct cs_buf tmp = { 0 };
	const char *name;
	size_t i;
	int ret = -1;

	for (i = 0; i < hdr->n; i++) {
		name = cs_column_map(im->o->map, cs_row_get(hdr, i), &tmp);
		if (im->d->column(im, name) < 0)
			goto out;
		if (*name && cs_row_find(&im->cols, name) >= 0) {
			cs_fail(CS_EDATA, "column '%s' twice", name);
			goto out;
		}
		cs_row_push(&im->cols, name, strlen(name));
	}
	ret = im->d->header ? im->d->header(im) : 0;
out:
	if (ret < 0)
		cs_fail(cs_errstatus(), "%s:1: %s", im->file, cs_errmsg());
	cs_buf_free(&tmp);
	return ret;
}

int
cs_import_read(struct cs_import *im, const char *file)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k, ret = -1;

	im->file = strcmp(file, "-") == 0 ? "<stdin>" : file;
	if (cs_reader_open(&r, file, CS_READ_CSV, CS_READ_USER |
	    (im->o->literal ? CS_READ_LITERAL : 0)) < 0)
		return -1;
	if (import_header(im, &r.hdr) < 0)
		goto out;
	while ((k = cs_reader_next(&r, &row)) > 0)
		if (im->d->record(im, &row) < 0) {
			cs_fail(cs_errstatus(), "%s:%ld: %s", im->file, row.line,
			    cs_errmsg());
			goto out;
		}
	ret = k;
out:
	cs_reader_close(&r);
	cs_row_free(&row);
	return ret;
}

void
cs_import_free(struct cs_import *im)
{
	cs_row_free(&im->cols);
}

int
cs_import_time(const struct cs_import_opts *o, const char *v, cs_time *t)
{
	struct tm tm;
	const char *end;

	if (o->time_format == NULL)
		return cs_time_parse(v, t);
	memset(&tm, 0, sizeof tm);
	end = strptime(v, o->time_format, &tm);
	if (end == NULL || *end != '\0')
		return cs_fail(CS_EDATA, "not a time in the form '%s': '%s'",
		    o->time_format, v);
	return cs_mktime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, t);
}

int
cs_import_base(const struct cs_import *im, const struct cs_row *row, cs_time *t)
{
	int c = cs_row_find(&im->cols, im->d->base);

	if (c < 0 || *cs_row_get(row, (size_t)c) == '\0')
		return cs_fail(CS_EDATA, "field '%s' is required", im->d->base);
	if (cs_import_time(im->o, cs_row_get(row, (size_t)c), t) < 0)
		return cs_fail(CS_EDATA, "field '%s': %s", im->d->base, cs_errmsg());
	return 0;
}

/* name is one of list, "a,b,c" (NULL: none). */
static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* A number of v, all of it, from lo to hi; -1 if it is none. */
static int
number(const char *v, double lo, double hi, double *x)
{
	char *end;

	*x = strtod(v, &end);
	return end == v || *end || *x < lo || *x > hi ? -1 : 0;
}

int
cs_import_value(const struct cs_import *im, const char *field, const char *v,
    cs_time base, char buf[32], const char **out)
{
	const struct cs_column *c = cs_schema_col(im->d->s, field);
	const struct cs_import_opts *o = im->o;
	double x;
	cs_time t;

	*out = v;
	if (c && c->type == CS_T_TIME) {
		if (in_list(o->hours, field)) {
			if (number(v, 0, 24 * 3650, &x) < 0)
				return cs_fail(CS_EDATA, "field '%s': not a number of "
				    "hours: '%s'", field, v);
			t = base + (cs_time)(x * 3600 + 0.5);
		} else if (cs_import_time(o, v, &t) < 0)
			return cs_fail(CS_EDATA, "field '%s': %s", field, cs_errmsg());
		cs_time_format(t, buf);
		*out = buf;
	} else if (im->d->scaled && strcmp(field, im->d->scaled) == 0 &&
	    o->scale > 0) {
		if (number(v, 1, o->scale, &x) < 0)
			return cs_fail(CS_EDATA, "field '%s': not 1 to %g: '%s'",
			    field, o->scale, v);
		snprintf(buf, 32, "%d", 1 + (int)((x - 1) * (im->d->top - 1) /
		    (o->scale - 1) + 0.5));
		*out = buf;
	}
	return 0;
}

int
cs_import_mask(const struct cs_import *im, const struct cs_column *c,
    const char *v, int stored)
{
	if (!cs_is_mask(c->mask, v))
		return 0;
	if (stored && im->o->keep_masked)
		return 1;
	return cs_fail(CS_EDATA, "field '%s': '%s' is a mask, not data (%s)",
	    c->name, v, stored ? "--keep-masked leaves the stored value" :
	    "a new record needs the value itself");
}

void
cs_import_plan_begin(struct cs_out *out, const struct cs_import_opts *o,
    struct cs_row *hdr, const char *const *cols)
{
	for (; *cols; cols++)
		cs_row_push(hdr, *cols, strlen(*cols));
	out->gb18030 = o->gb18030;
	cs_out_begin(out, stdout, o->fmt, hdr);
}

void
cs_import_plan_row(struct cs_out *out, long line, const char *const *v)
{
	struct cs_row r = { 0 };
	char ln[24];

	snprintf(ln, sizeof ln, "%ld", line);
	cs_row_push(&r, ln, strlen(ln));
	for (; *v; v++)
		cs_row_push(&r, *v, strlen(*v));
	cs_out_row(out, &r);
	cs_row_free(&r);
}
