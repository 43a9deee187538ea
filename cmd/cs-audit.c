/*
 * cs-audit: the weekly quality spot check.  sample draws it, stratified
 * by agent, reproducibly from a seed (sample.c); the sample and its
 * manifest are stored in audits/; sheet writes the auditors' score sheet;
 * replace swaps a drawn record for the next one of its agent; plan says
 * how many to draw.
 */
#include <dirent.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: cs-audit [-D dir] [-o format] sample [period] [-n k |\n"
	    "                --confidence c --margin e [--overall]] [--agent login]\n"
	    "                [--dry-run] [--kind kind] [--name name] [--risk-factor f]\n"
	    "                [--seed n] [--team team] [--weight risk] [file]\n"
	    "       cs-audit [-D dir] [-o format] [--encoding gb18030] [--excel]\n"
	    "                sheet [name]\n"
	    "       cs-audit [-D dir] [--wait seconds] replace id --reason text [file]\n"
	    "       cs-audit [-o format] plan --population n [--confidence c]\n"
	    "                [--margin e]\n");
	exit(status);
}

struct opts {
	long k;			/* -n */
	double confidence, margin, factor;
	int overall, dry, risk, seed_given;
	uint64_t seed;
	long population;
	const char *agent, *team, *kind, *name, *reason;
};

/* The columns of a stored sample. */
static const char *const sample_cols[] = { "sample", "id", "agent", "team",
	"kind", "channel", "opened_at", "subject", "weight", "reason", "seed",
	"status", "note" };
#define NCOLS (sizeof sample_cols / sizeof sample_cols[0])

/* What a record says, found by column name in any source. */
enum { F_ID, F_AGENT, F_TEAM, F_KIND, F_CHANNEL, F_OPENED, F_SUBJECT,
	F_SAT, F_ATT, F_REOPENS, F_DUE, F_RESOLVED, F_FIRST, F_PROMISED, F_N };
static const char *const fields[F_N] = { "id", "agent", "team", "kind",
	"channel", "opened_at", "subject", "satisfaction", "attitude", "reopens",
	"due_at", "resolved_at", "first_response_at", "promised_at" };

static void
bind(const struct cs_row *hdr, int *col)
{
	int i;

	for (i = 0; i < F_N; i++)
		col[i] = cs_row_find(hdr, fields[i]);
}

static const char *
val(const struct cs_row *r, const int *col, int f)
{
	return col[f] < 0 ? "" : cs_row_get(r, (size_t)col[f]);
}

static int
later(const char *a, const char *b)
{
	cs_time x, y;

	return *a && *b && cs_time_parse(a, &x) == 0 && cs_time_parse(b, &y) == 0 &&
	    x > y;
}

/* Why a record is a risk (empty when it is not). */
static void
risks(const struct cs_row *r, const int *col, char *why, size_t n)
{
	const char *sat = val(r, col, F_SAT);

	why[0] = '\0';
	if ((*sat == '1' || *sat == '2') && sat[1] == '\0')
		strncat(why, "low rating; ", n - strlen(why) - 1);
	if (strcmp(val(r, col, F_ATT), "poor") == 0)
		strncat(why, "poor attitude; ", n - strlen(why) - 1);
	if (later(val(r, col, F_RESOLVED), val(r, col, F_DUE)) ||
	    later(val(r, col, F_FIRST), val(r, col, F_PROMISED)))
		strncat(why, "missed SLA; ", n - strlen(why) - 1);
	if (atol(val(r, col, F_REOPENS)) > 0)
		strncat(why, "reopened; ", n - strlen(why) - 1);
	if (strcmp(val(r, col, F_KIND), "complaint") == 0)
		strncat(why, "complaint; ", n - strlen(why) - 1);
	if (*why)
		why[strlen(why) - 2] = '\0';
}

/* ---- stored samples ---- */

static char *
sample_rel(const char *name, const char *suffix)
{
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "audits/%s%s.csv", name, suffix);
	return b.s;
}

/* A sample's name: letters, digits, - . _ only: it names files. */
static int
valid_name(const char *s)
{
	if (*s == '\0' || *s == '.' || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!(strchr("-._", *s) || (*s >= '0' && *s <= '9') ||
		    (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

/* Ids drawn in every stored sample (status drawn): they are audited. */
static int
audited(struct cs_ds *ds, struct cs_map *ids, const char *only, struct cs_map *all)
{
	char *dir = cs_ds_path(ds, "audits");
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf path = { 0 };
	struct dirent *de;
	int k = 0, ic, sc;
	DIR *d = opendir(dir);

	while (d && k >= 0 && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".csv") ||
		    strstr(de->d_name, ".manifest."))
			continue;
		cs_buf_reset(&path);
		cs_buf_addf(&path, "%s/%s", dir, de->d_name);
		if ((k = cs_reader_open(&r, path.s, CS_READ_STORE, 0)) < 0)
			break;
		ic = cs_row_find(&r.hdr, "id"), sc = cs_row_find(&r.hdr, "status");
		while ((k = cs_reader_next(&r, &row)) > 0) {
			const char *id = cs_row_get(&row, (size_t)ic);
			int same = only && strncmp(de->d_name, only, len - 4) == 0 &&
			    strlen(only) == len - 4;
			if (same && all)
				*cs_map_slot(all, id, NULL) = (void *)1;
			if (strcmp(cs_row_get(&row, (size_t)sc), "drawn") == 0)
				*cs_map_slot(ids, id, NULL) = (void *)1;
		}
		cs_reader_close(&r);
	}
	if (d)
		closedir(d);
	free(dir);
	cs_buf_free(&path);
	cs_row_free(&row);
	return k < 0 ? -1 : 0;
}

/* ---- drawing ---- */

struct source {
	char **files;		/* store chunks, or NULL for a CSV file */
	const char *file;
};

/*
 * Offer every record of the source that passes the filters to the
 * sampler, leaving out skip (audited) and those outside the period when
 * they say when they were opened.
 */
static int
draw(struct cs_ds *ds, const struct opts *op, const struct cs_period *p,
    const struct source *src, const struct cs_map *skip, const char *stratum_only,
    struct cs_sampler *s)
{
	struct cs_reader r;
	struct cs_row row = { 0 }, out = { 0 };
	char why[96];
	int col[F_N], k = 0, i;
	size_t fi = 0;
	cs_time t;

	(void)ds;
	for (;;) {
		if (src->files) {
			if (src->files[fi] == NULL)
				break;
			if (cs_reader_open(&r, src->files[fi++], CS_READ_STORE, 0) < 0)
				return -1;
		} else if (cs_reader_open(&r, src->file, CS_READ_CSV, 0) < 0)
			return -1;
		bind(&r.hdr, col);
		if (col[F_ID] < 0 || col[F_AGENT] < 0) {
			cs_reader_close(&r);
			return cs_fail(CS_EDATA, "%s:1: want 'id' and 'agent' columns",
			    r.name);
		}
		while ((k = cs_reader_next(&r, &row)) > 0) {
			const char *id = val(&row, col, F_ID), *agent = val(&row, col,
			    F_AGENT);
			if (cs_map_get(skip, id) || (op->agent && strcmp(agent, op->agent)) ||
			    (op->team && strcmp(val(&row, col, F_TEAM), op->team)) ||
			    (op->kind && strcmp(val(&row, col, F_KIND), op->kind)) ||
			    (stratum_only && strcmp(agent, stratum_only)))
				continue;
			if (src->files && cs_time_parse(val(&row, col, F_OPENED), &t) == 0 &&
			    !cs_period_contains(p, t))
				continue;
			risks(&row, col, why, sizeof why);
			cs_row_clear(&out);
			for (i = F_ID; i <= F_SUBJECT; i++)
				cs_row_push(&out, val(&row, col, i), strlen(val(&row, col, i)));
			cs_sampler_offer(s, agent, id, op->risk && *why ? op->factor : 1.0,
			    *why ? why : "random", &out);
		}
		cs_reader_close(&r);
		if (k < 0 || !src->files)
			break;
	}
	cs_row_free(&row);
	cs_row_free(&out);
	return k < 0 ? -1 : 0;
}

/* One row of a sample, as stored and printed. */
static void
sample_row(struct cs_row *r, const char *name, const struct cs_cand *c,
    uint64_t seed, const char *status, const char *note)
{
	char w[32], sd[32];
	size_t i;

	snprintf(w, sizeof w, "%g", c->weight);
	snprintf(sd, sizeof sd, "%" PRIu64, seed);
	cs_row_clear(r);
	cs_row_push(r, name, strlen(name));
	for (i = 0; i <= F_SUBJECT; i++)
		cs_row_push(r, cs_row_get(&c->row, i), strlen(cs_row_get(&c->row, i)));
	cs_row_push(r, w, strlen(w));
	cs_row_push(r, c->why, strlen(c->why));
	cs_row_push(r, sd, strlen(sd));
	cs_row_push(r, status, strlen(status));
	cs_row_push(r, note, strlen(note));
}

static void
header(struct cs_row *h)
{
	size_t i;

	cs_row_clear(h);
	for (i = 0; i < NCOLS; i++)
		cs_row_push(h, sample_cols[i], strlen(sample_cols[i]));
}

static void
manifest_line(struct cs_buf *b, const char *field, const char *value)
{
	struct cs_row r = { 0 };

	cs_row_push(&r, field, strlen(field));
	cs_row_push(&r, value, strlen(value));
	cs_csv_record(b, &r);
	cs_row_free(&r);
}

/* The manifest: everything needed to draw the sample again. */
static void
manifest(struct cs_buf *man, const struct cs_ds *ds, const struct opts *op,
    const struct cs_period *p, const char *name, const char *file,
    const char **names, struct cs_stratum **v, size_t n)
{
	struct cs_buf tmp = { 0 };
	char t[32], num[24];
	size_t i;

	manifest_line(man, "field", "value");
	manifest_line(man, "sample", name);
	manifest_line(man, "period", p->name);
	cs_time_format(p->from, t);
	manifest_line(man, "from", p->from == INT64_MIN ? "" : t);
	cs_time_format(p->to, t);
	manifest_line(man, "to", p->to == INT64_MAX ? "" : t);
	manifest_line(man, "source", file ? file : "stores");
	if (op->k)
		cs_buf_addf(&tmp, "k=%ld", op->k);
	else
		cs_buf_addf(&tmp, "confidence=%g,margin=%g%s", op->confidence,
		    op->margin, op->overall ? ",overall" : "");
	manifest_line(man, "method", tmp.s);
	cs_buf_reset(&tmp);
	if (op->risk)
		cs_buf_addf(&tmp, "risk x%g", op->factor);
	else
		cs_buf_adds(&tmp, "none");
	manifest_line(man, "weight", tmp.s);
	cs_buf_reset(&tmp);
	cs_buf_addf(&tmp, "agent=%s;team=%s;kind=%s", op->agent ? op->agent : "",
	    op->team ? op->team : "", op->kind ? op->kind : "");
	manifest_line(man, "filters", tmp.s);
	cs_buf_reset(&tmp);
	cs_buf_addf(&tmp, "%" PRIu64, op->seed);
	manifest_line(man, "seed", tmp.s);
	cs_time_format(ds->now, t);
	manifest_line(man, "drawn_at", t);
	for (i = 0; i < n; i++) {
		cs_buf_reset(&tmp);
		cs_buf_addf(&tmp, "population:%s", names[i]);
		snprintf(num, sizeof num, "%zu", v[i]->population);
		manifest_line(man, tmp.s, num);
	}
	cs_buf_free(&tmp);
}

static int
cmd_sample(struct cs_ds *ds, const struct cs_opts *o, struct opts *op,
    const struct cs_period *p, const char *file)
{
	struct cs_sampler s;
	struct cs_map skip = { 0 };
	struct source src = { 0 };
	struct cs_stratum **v = NULL;
	struct cs_row hdr = { 0 }, row = { 0 };
	struct cs_buf data = { 0 }, man = { 0 }, j = { 0 }, tmp = { 0 };
	struct cs_out out = { 0 };
	const char **names = NULL, *name = op->name ? op->name : p->name;
	char *rel = NULL, *mrel = NULL;
	size_t n = 0, i, c;
	long keep = op->k, drawn = 0, pop = 0;
	int ret = -1, locked = 0;

	if (!valid_name(name))
		return cs_fail(CS_EUSAGE, "not a sample name: '%s' (use --name)", name);
	if (!op->seed_given)
		op->seed = cs_sample_seed(name);
	rel = sample_rel(name, "");
	mrel = sample_rel(name, ".manifest");
	if (!op->dry) {
		char *path = cs_ds_path(ds, rel);
		int exists = access(path, F_OK) == 0;
		free(path);
		if (exists) {
			cs_fail(CS_EDATA, "sample %s is drawn already (%s); "
			    "cs-audit sheet %s prints it, --name draws another", name,
			    rel, name);
			goto out;
		}
		if (cs_lock(ds, cs_lock_wait) < 0)
			goto out;
		locked = 1;
	}
	if (audited(ds, &skip, NULL, NULL) < 0)
		goto out;
	if (file)
		src.file = file;
	else
		src.files = cs_dated_files(ds->dir, &cs_schema_tickets, p);
	/* sized from confidence and margin: keep enough for any stratum,
	 * then cut each to its size once its population is known */
	if (keep == 0)
		keep = cs_sample_size(0, op->confidence, op->margin);
	cs_sampler_init(&s, op->seed, (size_t)keep);
	if (draw(ds, op, p, &src, &skip, NULL, &s) < 0)
		goto out1;
	v = cs_sampler_result(&s, &names, &n);
	for (i = 0; i < n; i++)
		pop += (long)v[i]->population;
	for (i = 0; i < n && op->k == 0; i++) {
		long want;
		if (op->overall) {
			/* the overall size, shared in proportion to the strata */
			long total = cs_sample_size(pop, op->confidence, op->margin);
			want = (long)ceil((double)total * (double)v[i]->population /
			    (double)pop - 1e-9);
		} else
			want = cs_sample_size((long)v[i]->population, op->confidence,
			    op->margin);
		cs_sampler_trim(v[i], (size_t)want);
	}
	header(&hdr);
	cs_csv_record(&data, &hdr);
	for (i = 0; i < n; i++)
		for (c = 0; c < v[i]->n; c++) {
			sample_row(&row, name, &v[i]->heap[c], op->seed, "drawn", "");
			cs_csv_record(&data, &row);
			cs_buf_reset(&tmp);
			cs_csv_record(&tmp, &row);
			tmp.s[--tmp.len] = '\0';
			cs_journal_line(&j, ds, "sample", cs_row_get(&row, 1), "", "",
			    tmp.s);
			drawn++;
		}
	/* stored first: the sample is the record, what is printed a view */
	if (!op->dry) {
		manifest(&man, ds, op, p, name, file, names, v, n);
		if (cs_store_rewrite(ds, mrel, man.s, man.len) < 0 ||
		    cs_commit_rewrite(ds, rel, &data, &j) < 0)
			goto out1;
	}
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	for (i = 0; i < n; i++)
		for (c = 0; c < v[i]->n; c++) {
			sample_row(&row, name, &v[i]->heap[c], op->seed, "drawn", "");
			cs_out_row(&out, &row);
		}
	if (cs_out_end(&out) < 0)
		goto out1;
	ret = drawn ? 0 : CS_NO;
out1:
	cs_sampler_free(&s);
out:
	if (locked)
		cs_unlock(ds);
	cs_strv_free(src.files);
	cs_map_free(&skip, NULL);
	free(v);
	free(names);
	free(rel);
	free(mrel);
	cs_row_free(&hdr);
	cs_row_free(&row);
	cs_buf_free(&data);
	cs_buf_free(&man);
	cs_buf_free(&j);
	cs_buf_free(&tmp);
	return ret;
}

/* ---- a stored sample: the sheet, a replacement ---- */

/* Read the stored sample name (rows in the sample's columns). */
static int
read_sample(struct cs_ds *ds, const char *name, struct cs_row **rows, size_t *n)
{
	char *rel = sample_rel(name, ""), *path = cs_ds_path(ds, rel);
	struct cs_reader r;
	struct cs_row row = { 0 }, laid = { 0 };
	int k, col[NCOLS];
	size_t i;

	*rows = NULL, *n = 0;
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	free(rel);
	if (k < 0) {
		if (cs_errstatus() == CS_ENOINPUT)
			cs_fail(CS_NO, "no sample %s", name);
		return -1;
	}
	for (i = 0; i < NCOLS; i++)
		col[i] = cs_row_find(&r.hdr, sample_cols[i]);
	while ((k = cs_reader_next(&r, &row)) > 0) {
		cs_row_clear(&laid);
		for (i = 0; i < NCOLS; i++) {
			const char *v = col[i] < 0 ? "" : cs_row_get(&row, (size_t)col[i]);
			cs_row_push(&laid, v, strlen(v));
		}
		*rows = cs_xrealloc(*rows, (*n + 1) * sizeof **rows);
		memset(&(*rows)[*n], 0, sizeof **rows);
		cs_row_copy(&(*rows)[(*n)++], &laid);
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_row_free(&laid);
	return k < 0 ? -1 : 0;
}

static void
free_rows(struct cs_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cs_row_free(&rows[i]);
	free(rows);
}

/* The rubric's categories, from policy/audit.csv. */
static int
rubric(struct cs_ds *ds, struct cs_row *cats)
{
	char *path = cs_ds_path(ds, "policy/audit.csv");
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k, c;

	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (k < 0)
		return cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	if ((c = cs_row_find(&r.hdr, "category")) < 0) {
		cs_reader_close(&r);
		return cs_fail(CS_ECONFIG, "policy/audit.csv:1: no 'category' column");
	}
	while ((k = cs_reader_next(&r, &row)) > 0)
		cs_row_push(cats, cs_row_get(&row, (size_t)c),
		    strlen(cs_row_get(&row, (size_t)c)));
	cs_reader_close(&r);
	cs_row_free(&row);
	if (k < 0)
		return cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	return 0;
}

static int
cmd_sheet(struct cs_ds *ds, const struct cs_opts *o, const char *name)
{
	struct cs_row *rows, cats = { 0 }, hdr = { 0 }, r = { 0 };
	struct cs_out out = { 0 };
	size_t n, i, c;
	int ret = -1;
	static const int keep[] = { 1, 4, 2, 3, 5, 6, 7 };	/* id, kind .. */

	if (!valid_name(name))
		return cs_fail(CS_EUSAGE, "not a sample name: '%s'", name);
	if (rubric(ds, &cats) < 0 || read_sample(ds, name, &rows, &n) < 0) {
		cs_row_free(&cats);
		return -1;
	}
	for (i = 0; i < 7; i++) {
		const char *h = i == 6 ? "summary" : sample_cols[keep[i]];
		cs_row_push(&hdr, h, strlen(h));
	}
	for (c = 0; c < cats.n; c++)
		cs_row_push(&hdr, cs_row_get(&cats, c), strlen(cs_row_get(&cats, c)));
	cs_row_push(&hdr, "critical", 8);
	cs_row_push(&hdr, "notes", 5);
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	for (i = 0; i < n; i++) {
		if (strcmp(cs_row_get(&rows[i], 11), "drawn") != 0)
			continue;
		cs_row_clear(&r);
		for (c = 0; c < 7; c++)
			cs_row_push(&r, cs_row_get(&rows[i], (size_t)keep[c]),
			    strlen(cs_row_get(&rows[i], (size_t)keep[c])));
		for (c = 0; c < cats.n + 2; c++)
			cs_row_push(&r, "", 0);
		cs_out_row(&out, &r);
	}
	ret = cs_out_end(&out);
	free_rows(rows, n);
	cs_row_free(&cats);
	cs_row_free(&hdr);
	cs_row_free(&r);
	return ret;
}

/* The stored sample that drew id, and its manifest as field -> value. */
static int
find_sample(struct cs_ds *ds, const char *id, char **name, struct cs_map *man)
{
	char *dir = cs_ds_path(ds, "audits"), *path;
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct dirent *de;
	DIR *d = opendir(dir);
	int k = 0;

	*name = NULL;
	while (d && *name == NULL && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		struct cs_row *rows;
		size_t n, i;
		if (len < 5 || strcmp(de->d_name + len - 4, ".csv") ||
		    strstr(de->d_name, ".manifest."))
			continue;
		de->d_name[len - 4] = '\0';
		if (read_sample(ds, de->d_name, &rows, &n) < 0) {
			k = -1;
			break;
		}
		for (i = 0; i < n; i++)
			if (strcmp(cs_row_get(&rows[i], 1), id) == 0 &&
			    strcmp(cs_row_get(&rows[i], 11), "drawn") == 0)
				*name = cs_xstrdup(de->d_name);
		free_rows(rows, n);
	}
	if (d)
		closedir(d);
	free(dir);
	if (k < 0)
		return -1;
	if (*name == NULL)
		return cs_fail(CS_EDATA, "no stored sample has drawn '%s'", id);
	{
		char *rel = sample_rel(*name, ".manifest");
		path = cs_ds_path(ds, rel);
		free(rel);
	}
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (k < 0)
		return -1;
	while ((k = cs_reader_next(&r, &row)) > 0)
		*cs_map_slot(man, cs_row_get(&row, 0), NULL) =
		    cs_xstrdup(cs_row_get(&row, 1));
	cs_reader_close(&r);
	cs_row_free(&row);
	return k < 0 ? -1 : 0;
}

static const char *
man_get(const struct cs_map *m, const char *field)
{
	const char *v = cs_map_get(m, field);

	return v ? v : "";
}

/* The options a manifest records, to draw as the sample was drawn. */
static void
from_manifest(const struct cs_map *man, struct opts *op, struct cs_period *p)
{
	const char *w = man_get(man, "weight"), *f = man_get(man, "filters");
	static char agent[64], team[64], kind[32];

	op->seed = strtoull(man_get(man, "seed"), NULL, 10);
	op->risk = strncmp(w, "risk x", 6) == 0;
	op->factor = op->risk ? atof(w + 6) : 1;
	sscanf(f, "agent=%63[^;];", agent);
	if (strstr(f, ";team="))
		sscanf(strstr(f, ";team=") + 6, "%63[^;]", team);
	if (strstr(f, ";kind="))
		sscanf(strstr(f, ";kind=") + 6, "%31[^;]", kind);
	op->agent = *agent ? agent : NULL;
	op->team = *team ? team : NULL;
	op->kind = *kind ? kind : NULL;
	p->from = INT64_MIN, p->to = INT64_MAX;
	if (*man_get(man, "from"))
		cs_time_parse(man_get(man, "from"), &p->from);
	if (*man_get(man, "to"))
		cs_time_parse(man_get(man, "to"), &p->to);
}

static int
cmd_replace(struct cs_ds *ds, struct opts *op, const char *id, const char *file)
{
	struct cs_map man = { 0 }, skip = { 0 };
	struct cs_sampler s = { 0 };
	struct cs_period p;
	struct source src = { 0 };
	struct cs_row *rows = NULL, row = { 0 }, hdr = { 0 };
	struct cs_stratum **v = NULL;
	struct cs_buf data = { 0 }, j = { 0 }, tmp = { 0 };
	const char **names = NULL, *agent = NULL;
	char *name = NULL, *rel = NULL, note[160];
	size_t n = 0, nv = 0, i;
	int ret = -1;

	if (op->reason == NULL || *op->reason == '\0')
		return cs_fail(CS_EUSAGE, "replace: --reason is required");
	if (cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	if (find_sample(ds, id, &name, &man) < 0 || read_sample(ds, name, &rows,
	    &n) < 0)
		goto out;
	if (strcmp(man_get(&man, "source"), "stores") && file == NULL) {
		cs_fail(CS_EUSAGE, "sample %s was drawn from %s: give the same "
		    "records again (a file or -)", name, man_get(&man, "source"));
		goto out;
	}
	from_manifest(&man, op, &p);
	for (i = 0; i < n; i++) {
		*cs_map_slot(&skip, cs_row_get(&rows[i], 1), NULL) = (void *)1;
		if (strcmp(cs_row_get(&rows[i], 1), id) == 0)
			agent = cs_row_get(&rows[i], 2);
	}
	if (audited(ds, &skip, NULL, NULL) < 0)
		goto out;
	if (file)
		src.file = file;
	else
		src.files = cs_dated_files(ds->dir, &cs_schema_tickets, &p);
	cs_sampler_init(&s, op->seed, 1);
	if (draw(ds, op, &p, &src, &skip, agent, &s) < 0)
		goto out;
	v = cs_sampler_result(&s, &names, &nv);
	if (nv == 0 || v[0]->n == 0) {
		cs_fail(CS_NO, "no other record of %s to draw for sample %s", agent,
		    name);
		goto out;
	}
	header(&hdr);
	cs_csv_record(&data, &hdr);
	for (i = 0; i < n; i++) {
		if (strcmp(cs_row_get(&rows[i], 1), id) == 0) {
			cs_row_set(&rows[i], 11, "replaced");
			cs_row_set(&rows[i], 12, op->reason);
			cs_journal_line(&j, ds, "replace", id, "status", "drawn",
			    "replaced");
			cs_journal_line(&j, ds, "replace", id, "note", "", op->reason);
		}
		cs_csv_record(&data, &rows[i]);
	}
	snprintf(note, sizeof note, "replaces %s", id);
	sample_row(&row, name, &v[0]->heap[0], op->seed, "drawn", note);
	cs_csv_record(&data, &row);
	cs_csv_record(&tmp, &row);
	tmp.s[--tmp.len] = '\0';
	cs_journal_line(&j, ds, "replace", cs_row_get(&row, 1), "", "", tmp.s);
	rel = sample_rel(name, "");
	if (cs_commit_rewrite(ds, rel, &data, &j) < 0)
		goto out;
	printf("%s\n", cs_row_get(&row, 1));
	ret = 0;
out:
	cs_unlock(ds);
	cs_sampler_free(&s);
	cs_map_free(&man, free);
	cs_map_free(&skip, NULL);
	cs_strv_free(src.files);
	free_rows(rows, n);
	free(v);
	free(names);
	free(name);
	free(rel);
	cs_row_free(&row);
	cs_row_free(&hdr);
	cs_buf_free(&data);
	cs_buf_free(&j);
	cs_buf_free(&tmp);
	return ret;
}

static int
cmd_plan(const struct cs_opts *o, const struct opts *op)
{
	struct cs_row h = { 0 }, r = { 0 };
	struct cs_out out = { 0 };
	char buf[4][32];
	static const char *cols[] = { "population", "confidence", "margin",
		"sample" };
	int i;

	if (op->population <= 0)
		return cs_fail(CS_EUSAGE, "plan: --population N, N > 0");
	snprintf(buf[0], 32, "%ld", op->population);
	snprintf(buf[1], 32, "%g", op->confidence);
	snprintf(buf[2], 32, "%g", op->margin);
	snprintf(buf[3], 32, "%ld", cs_sample_size(op->population, op->confidence,
	    op->margin));
	for (i = 0; i < 4; i++) {
		cs_row_push(&h, cols[i], strlen(cols[i]));
		cs_row_push(&r, buf[i], strlen(buf[i]));
	}
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	cs_out_row(&out, &r);
	cs_row_free(&h);
	cs_row_free(&r);
	return cs_out_end(&out);
}

/* ---- options ---- */

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "agent", required_argument, NULL, 'a' },
	{ "confidence", required_argument, NULL, 'c' },
	{ "dry-run", no_argument, NULL, 'd' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "excel", no_argument, NULL, 'x' },
	{ "kind", required_argument, NULL, 'k' },
	{ "margin", required_argument, NULL, 'm' },
	{ "name", required_argument, NULL, 'N' },
	{ "overall", no_argument, NULL, 'O' },
	{ "population", required_argument, NULL, 'P' },
	{ "reason", required_argument, NULL, 'r' },
	{ "risk-factor", required_argument, NULL, 'f' },
	{ "seed", required_argument, NULL, 's' },
	{ "team", required_argument, NULL, 't' },
	{ "weight", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 },
};

static double
number(const char *opt, const char *s, double lo, double hi)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v >= lo && v <= hi))
		cs_usage_error("--%s: a number from %g to %g, not '%s'", opt, lo, hi,
		    s);
	return v;
}

static void
options(int argc, char **argv, int verb, struct cs_opts *o, struct opts *op)
{
	char *end;
	int c;

	while ((c = cs_getopt(argc, argv, verb, "n:", longopts, o, usage)) != -1) {
		switch (c) {
		case 'a': op->agent = optarg; break;
		case 'c': op->confidence = number("confidence", optarg, 0.5, 0.9999);
			break;
		case 'd': op->dry = 1; break;
		case 'e':
			if (strcasecmp(optarg, "gb18030") == 0)
				o->gb18030 = 1;
			else if (strcasecmp(optarg, "utf-8") && strcasecmp(optarg, "utf8"))
				cs_usage_error("--encoding: utf-8 or gb18030, not '%s'",
				    optarg);
			break;
		case 'f': op->factor = number("risk-factor", optarg, 1, 1000); break;
		case 'k': op->kind = optarg; break;
		case 'm': op->margin = number("margin", optarg, 0.001, 0.5); break;
		case 'n': op->k = (long)number("n", optarg, 1, 100000); break;
		case 'N': op->name = optarg; break;
		case 'O': op->overall = 1; break;
		case 'P': op->population = (long)number("population", optarg, 1, 1e12);
			break;
		case 'r': op->reason = optarg; break;
		case 's':
			op->seed = strtoull(optarg, &end, 10);
			if (*optarg == '\0' || *end || *optarg == '-')
				cs_usage_error("--seed: a whole number, not '%s'", optarg);
			op->seed_given = 1;
			break;
		case 't': op->team = optarg; break;
		case 'w':
			if (strcmp(optarg, "risk") && strcmp(optarg, "none"))
				cs_usage_error("--weight: risk or none, not '%s'", optarg);
			op->risk = strcmp(optarg, "risk") == 0;
			break;
		case 'x': o->excel = 1; break;
		default:
			cs_usage_error("unknown option");
		}
	}
}

static int
run(struct cs_ds *ds, const char *verb, int argc, char **argv, struct cs_opts *o,
    struct opts *op)
{
	struct cs_period p;
	int given;

	if (cs_opts_period(o, &p, &given) < 0)
		return -1;
	if (!given && cs_period_parse(NULL, "last-week", &p) < 0)
		return -1;
	if (strcmp(verb, "sample") == 0) {
		if (argc > 1)
			return cs_fail(CS_EUSAGE, "sample: at most one file (or -)");
		if (op->k && op->confidence)
			return cs_fail(CS_EUSAGE, "sample: -n, or --confidence and "
			    "--margin, not both");
		if (op->k == 0 && !op->confidence)
			op->k = 5;
		if (op->confidence && !op->margin)
			op->margin = 0.05;
		return cmd_sample(ds, o, op, &p, argc ? argv[0] : NULL);
	}
	if (strcmp(verb, "sheet") == 0)
		return argc <= 1 ? cmd_sheet(ds, o, argc ? argv[0] : p.name) :
		    cs_fail(CS_EUSAGE, "sheet: one sample name");
	if (strcmp(verb, "replace") == 0)
		return argc == 1 || argc == 2 ? cmd_replace(ds, op, argv[0],
		    argc == 2 ? argv[1] : NULL) :
		    cs_fail(CS_EUSAGE, "replace: an id (and the file it came from)");
	return cs_fail(CS_EUSAGE, "unknown command '%s' (see cs-audit --help)",
	    verb);
}

int
main(int argc, char **argv)
{
	struct cs_opts o = { 0 };
	struct opts op = { 0 };
	struct cs_ds ds;
	const char *verb;
	int ret;

	cs_progname = "cs-audit";
	op.factor = 3;
	options(argc, argv, 0, &o, &op);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cs_usage_error("no command given");
	verb = argv[0];
	cs_getopt_reset();
	options(argc, argv, 1, &o, &op);
	argc -= optind;
	argv += optind;
	if (strcmp(verb, "plan") == 0) {
		if (!op.confidence)
			op.confidence = 0.95;
		if (!op.margin)
			op.margin = 0.05;
		ret = argc ? cs_fail(CS_EUSAGE, "plan: no operands") :
		    cmd_plan(&o, &op);
	} else {
		if (cs_ds_begin(&ds, &o) < 0)
			cs_die();
		ret = run(&ds, verb, argc, argv, &o, &op);
		cs_ds_close(&ds);
	}
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
