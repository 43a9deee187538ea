/*
 * check.c: validation of a whole data directory, for cs check.  Every
 * store is read as readers read it; each problem is printed as
 * "file:line: problem" and counted, and reading goes on, so one run lists
 * them all.  A store line that cannot be split does not hide the lines
 * after it: the store dialect has one record per line.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

struct ctx {
	const char *dir;
	FILE *out;
	int problems;
	struct cs_map ids[2];	/* staff, customers: for references */
};

/* Columns that name a record of a master store. */
static const struct ref {
	const char *schema, *col;
	int master;		/* 0 staff, 1 customers */
} refs[] = {
	{ "tickets", "agent", 0 },
	{ "tickets", "customer", 1 },
	{ "complaints", "handler", 0 },
	{ "complaints", "customer", 1 },
	{ "orders", "customer", 1 },
	{ "visits", "customer", 1 },
	{ "visits", "agent", 0 },
};

static void
problem(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
problem(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
	fputc('\n', c->out);
	c->problems++;
}

static int
open_rel(struct ctx *c, struct cs_reader *r, const char *rel, int optional)
{
	struct cs_buf path = { 0 };
	FILE *fp;

	cs_buf_addf(&path, "%s/%s", c->dir, rel);
	fp = fopen(path.s, "re");
	cs_buf_free(&path);
	if (fp == NULL) {
		if (!(optional && errno == ENOENT))
			problem(c, "%s: %s", rel, strerror(errno));
		return -1;
	}
	if (cs_reader_fdopen(r, fp, rel, CS_READ_STORE, 0) < 0) {
		problem(c, "%s", cs_errmsg());
		r->own = 1;
		cs_reader_close(r);
		return -1;
	}
	r->own = 1;
	return 0;
}

/* Check the values of one record against its schema. */
static void
check_row(struct ctx *c, const char *rel, const struct cs_schema *s,
    const int *idx, const struct cs_row *row)
{
	const char *v, *why;
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		v = cs_row_get(row, (size_t)idx[i]);
		if ((why = cs_check_value(&s->cols[i], v)) != NULL)
			problem(c, "%s:%ld: field '%s': %s: '%s'", rel, row->line,
			    s->cols[i].name, why, v);
	}
}

/*
 * A master store (staff, customers): ids valid and unique; where ids are
 * allocated (customers), in increasing order, as lookups need.
 */
static void
check_master(struct ctx *c, const struct cs_schema *s, struct cs_map *seenp)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_map seen = { 0 };
	char *last = NULL;
	int idx[64], k, isnew;
	const char *id;

	if (open_rel(c, &r, s->name, 0) < 0)
		return;
	if (r.hdr.n == 0) {
		problem(c, "%s:1: no header line", s->name);
		goto out;
	}
	if (cs_schema_bind(s, &r.hdr, s->name, idx) < 0) {
		problem(c, "%s", cs_errmsg());
		goto out;
	}
	while ((k = cs_reader_next(&r, &row)) != 0) {
		if (k < 0) {
			problem(c, "%s", cs_errmsg());
			continue;
		}
		check_row(c, s->name, s, idx, &row);
		id = cs_row_get(&row, (size_t)idx[0]);
		*cs_map_slot(&seen, id, &isnew) = (void *)1;
		if (!isnew)
			problem(c, "%s:%ld: id '%s' appears twice", s->name, row.line,
			    id);
		if (s->idprefix && last && cs_id_cmp(last, id) >= 0 && isnew)
			problem(c, "%s:%ld: id '%s' out of order after '%s'", s->name,
			    row.line, id, last);
		free(last);
		last = cs_xstrdup(id);
	}
out:
	free(last);
	*seenp = seen;
	cs_row_free(&row);
	cs_reader_close(&r);
}

/* References to master records, and ids in order in a dated store. */
static void
check_refs(struct ctx *c, const char *rel, const struct cs_schema *s,
    const struct cs_row *hdr, const struct cs_row *row, char **last)
{
	const char *id = cs_row_get(row, (size_t)cs_row_find(hdr, "id")), *v;
	size_t i;

	for (i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		if (strcmp(refs[i].schema, s->name) != 0)
			continue;
		v = cs_row_get(row, (size_t)cs_row_find(hdr, refs[i].col));
		if (*v && cs_map_get(&c->ids[refs[i].master], v) == NULL)
			problem(c, "%s:%ld: field '%s': no %s '%s'", rel, row->line,
			    refs[i].col, refs[i].master ? "customer" :
			    "one on the roster called", v);
	}
	if (!s->daily || !cs_id_valid(s->idprefix, id))
		return;
	if (*last && cs_id_cmp(*last, id) >= 0)
		problem(c, "%s:%ld: id '%s' out of order after '%s'", rel, row->line,
		    id, *last);
	free(*last);
	*last = cs_xstrdup(id);
}

/* A dated store's id in its place: its month's directory, and between
 * its chunk's name and the next chunk's. */
static void
check_home(struct ctx *c, const char *rel, const char *month, const char *first,
    const char *next, const struct cs_row *row, const char *id)
{
	char m[8];

	snprintf(m, sizeof m, "%.4s-%.2s", id + 2, id + 6);
	if (strcmp(m, month) != 0)
		problem(c, "%s:%ld: id '%s' belongs in month %s", rel, row->line, id,
		    m);
	else if (cs_id_cmp(id, first) < 0 || (next && cs_id_cmp(id, next) >= 0))
		problem(c, "%s:%ld: id '%s' outside its chunk (%s to %s)", rel,
		    row->line, id, first, next ? next : "the end");
}

/* A month file, or a chunk of a dated store's month: its records' times
 * in that month; for a chunk, ids from first (on) to next (not on). */
static void
check_month(struct ctx *c, const char *rel, const char *month,
    const struct cs_schema *s, const char *timecol, char **lastp,
    const char *first, const char *next)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_period p;
	int idx[64], k, t;
	char *own = NULL, **last = lastp ? lastp : &own;
	cs_time when;

	if (cs_period_parse("month", month, &p) < 0) {
		problem(c, "%s: not a month file (YYYY-MM.csv)", rel);
		return;
	}
	if (open_rel(c, &r, rel, 0) < 0)
		return;
	if (r.hdr.n == 0)
		goto out;	/* created by a writer that died: empty */
	if (cs_schema_bind(s, &r.hdr, rel, idx) < 0) {
		problem(c, "%s", cs_errmsg());
		goto out;
	}
	t = cs_row_find(&r.hdr, timecol);
	while ((k = cs_reader_next(&r, &row)) != 0) {
		if (k < 0) {
			problem(c, "%s", cs_errmsg());
			continue;
		}
		check_row(c, rel, s, idx, &row);
		check_refs(c, rel, s, &r.hdr, &row, last);
		if (first)
			check_home(c, rel, month, first, next, &row,
			    cs_row_get(&row, (size_t)idx[0]));
		if (cs_time_parse(cs_row_get(&row, (size_t)t), &when) == 0 &&
		    !cs_period_contains(&p, when))
			problem(c, "%s:%ld: %s '%s' is not in %s", rel, row.line,
			    timecol, cs_row_get(&row, (size_t)t), p.name);
	}
out:
	free(own);
	cs_row_free(&row);
	cs_reader_close(&r);
}

/* Every chunk of every month of a dated store. */
static void
check_dated(struct ctx *c, const struct cs_schema *s, const char *timecol)
{
	char **months = cs_dated_months(c->dir, s), **m, **chunks, *last;
	char first[64], next[64];
	size_t i;

	for (m = months; *m; m++) {
		chunks = cs_dated_chunks(c->dir, s, *m);
		last = NULL;
		for (i = 0; chunks[i]; i++) {
			snprintf(first, sizeof first, "%s", strrchr(chunks[i], '/') + 1);
			first[strlen(first) - 4] = '\0';
			if (chunks[i + 1]) {
				snprintf(next, sizeof next, "%s",
				    strrchr(chunks[i + 1], '/') + 1);
				next[strlen(next) - 4] = '\0';
			}
			check_month(c, chunks[i], *m, s, timecol, &last, first,
			    chunks[i + 1] ? next : NULL);
		}
		free(last);
		cs_strv_free(chunks);
	}
	cs_strv_free(months);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in DATA/sub ending in .csv, sorted; NULL-terminated. */
static char **
list_csv(struct ctx *c, const char *sub)
{
	struct cs_buf path = { 0 };
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, len;
	DIR *d;

	cs_buf_addf(&path, "%s/%s", c->dir, sub);
	d = opendir(path.s);
	cs_buf_free(&path);
	v = cs_xmalloc(sizeof *v);
	if (d == NULL) {
		v[0] = NULL;
		return v;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".csv") != 0)
			continue;
		v = cs_xrealloc(v, (n + 2) * sizeof *v);
		v[n++] = cs_xstrdup(de->d_name);
	}
	closedir(d);
	v[n] = NULL;
	qsort(v, n, sizeof *v, by_name);
	return v;
}

static void
check_months(struct ctx *c, const char *sub, const struct cs_schema *s,
    const char *timecol)
{
	char **names = list_csv(c, sub), **p;
	struct cs_buf rel = { 0 };

	for (p = names; *p; p++) {
		cs_buf_reset(&rel);
		cs_buf_addf(&rel, "%s/%s", sub, *p);
		(*p)[strlen(*p) - 4] = '\0';
		check_month(c, rel.s, *p, s, timecol, NULL, NULL, NULL);
		free(*p);
	}
	free(names);
	cs_buf_free(&rel);
}

/* A policy: a store-dialect table with a header and even rows. */
static void
check_policy(struct ctx *c, const char *rel)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k;

	if (open_rel(c, &r, rel, 1) < 0)
		return;
	if (r.hdr.n == 0)
		problem(c, "%s:1: no header line", rel);
	while ((k = cs_reader_next(&r, &row)) != 0)
		if (k < 0)
			problem(c, "%s", cs_errmsg());
	cs_row_free(&row);
	cs_reader_close(&r);
}

/* Number of problems found and printed to out. */
int
cs_check_dir(const char *dir, FILE *out)
{
	struct ctx c = { dir, out, 0, { { 0 }, { 0 } } };
	const struct cs_default_file *f;

	check_master(&c, &cs_schema_staff, &c.ids[0]);
	check_master(&c, &cs_schema_customers, &c.ids[1]);
	check_dated(&c, &cs_schema_tickets, "opened_at");
	check_dated(&c, &cs_schema_complaints, "recorded_at");
	check_months(&c, "complaint-events", &cs_schema_complaint_events, "time");
	check_dated(&c, &cs_schema_orders, "created_at");
	check_months(&c, "visits", &cs_schema_visits, "time");
	check_months(&c, "order-events", &cs_schema_order_events, "time");
	check_months(&c, "journal", &cs_schema_journal, "time");
	for (f = cs_defaults; f->path; f++)
		if (strncmp(f->path, "policy/", 7) == 0)
			check_policy(&c, f->path);
	check_policy(&c, "kpi/verdicts.csv");
	{
		/* stored samples and their manifests: well-formed tables */
		char **names = list_csv(&c, "audits"), **p;
		struct cs_buf rel = { 0 };
		for (p = names; *p; p++) {
			cs_buf_reset(&rel);
			cs_buf_addf(&rel, "audits/%s", *p);
			check_policy(&c, rel.s);
			free(*p);
		}
		free(names);
		cs_buf_free(&rel);
	}
	cs_map_free(&c.ids[0], NULL);
	cs_map_free(&c.ids[1], NULL);
	return c.problems;
}
