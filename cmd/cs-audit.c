/*
 * cs-audit: the weekly quality spot check.  sample draws it, stratified
 * by agent, reproducibly from a seed (sample.c); the sample and its
 * manifest are stored in audits/; sheet writes the auditors' score sheet;
 * replace swaps a drawn record for the next one of its agent; plan says
 * how many to draw.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
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
	    "       cs-audit [-D dir] [--wait seconds] import file\n"
	    "       cs-audit [-D dir] [--wait seconds] score id category=n ...\n"
	    "                [critical=yes|no] [notes=text]\n"
	    "       cs-audit [-D dir] [-o format] report [period]\n"
	    "       cs-audit [-o format] plan --population n [--confidence c]\n"
	    "                [--margin e]\n");
	cs_exit(status);
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

/* Why a record is a risk (empty when it is not), from its fields. */
static void
risks(const char *const *v, char *why, size_t n)
{
	const char *sat = v[F_SAT];

	why[0] = '\0';
	if ((*sat == '1' || *sat == '2') && sat[1] == '\0')
		strncat(why, "low rating; ", n - strlen(why) - 1);
	if (strcmp(v[F_ATT], "poor") == 0)
		strncat(why, "poor attitude; ", n - strlen(why) - 1);
	if (later(v[F_RESOLVED], v[F_DUE]) || later(v[F_FIRST], v[F_PROMISED]))
		strncat(why, "missed SLA; ", n - strlen(why) - 1);
	if (atol(v[F_REOPENS]) > 0)
		strncat(why, "reopened; ", n - strlen(why) - 1);
	if (strcmp(v[F_KIND], "complaint") == 0)
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

/* Every stored sample's name, sorted; NULL on an error reading audits/. */
static char **
sample_names(struct cs_ds *ds)
{
	char *dir = cs_ds_path(ds, "audits"), **v = cs_dir_csv(dir), **p, **w;
	size_t len;

	free(dir);
	for (p = w = v; v && *p; p++) {
		len = strlen(*p);
		if ((len > 9 && strcmp(*p + len - 9, ".manifest") == 0) ||
		    (len > 7 && strcmp(*p + len - 7, ".scores") == 0))
			free(*p);
		else
			*w++ = *p;
	}
	if (v)
		*w = NULL;
	return v;
}

static int read_sample(struct cs_ds *, const char *, struct cs_row **, size_t *);
static void free_rows(struct cs_row *, size_t);

/* Records drawn (and not replaced) in the stored samples: id -> the
 * sample's name.  They are the audited records. */
static int
sample_index(struct cs_ds *ds, struct cs_map *ids)
{
	char **names = sample_names(ds), **p;
	struct cs_row *rows;
	size_t n, i;
	int ret = 0;

	if (names == NULL)
		return -1;
	for (p = names; *p && ret == 0; p++) {
		if ((ret = read_sample(ds, *p, &rows, &n)) < 0)
			break;
		for (i = 0; i < n; i++)
			if (strcmp(cs_row_get(&rows[i], 11), "drawn") == 0)
				*cs_map_slot(ids, cs_row_get(&rows[i], 1), NULL) =
				    cs_xstrdup(*p);
		free_rows(rows, n);
	}
	cs_strv_free(names);
	return ret;
}

/* ---- drawing ---- */

struct source {
	char **files;		/* ticket chunks, or NULL for a CSV file */
	char **complaints;	/* complaint chunks */
	const char *file;
};

/* A complaint's fields in the places of a ticket's: the handler is its
 * agent, received_at its opening, content its subject; an answer after
 * the department's deadline is a missed SLA. */
static const char *const complaint_fields[F_N] = { "id", "handler", "team",
	"-kind", "channel", "received_at", "content", "-satisfaction",
	"-attitude", "reopens", "deadline", "answered_at", "-first_response_at",
	"-promised_at" };

struct drawing {
	const struct opts *op;
	const struct cs_period *p;
	const struct cs_map *skip;
	const char *only;	/* one stratum (replace) */
	struct cs_sampler *s;
	int dated;		/* records say when they were opened */
	int complaint;		/* the records are complaints */
	/* the record at hand: from the scanner (slices) or a row */
	const struct cs_slice *f;
	const struct cs_row *row;
	const int *col;
	const char *v[F_N];	/* decoded so far */
	struct cs_buf text[F_N];
	struct cs_row out;
};

/* Field i of the record at hand, decoded on first use. */
static const char *
field_at(struct drawing *d, int i)
{
	if (d->v[i] == NULL)
		d->v[i] = d->complaint && i == F_KIND ? "complaint" :
		    d->f ? cs_slice_text(&d->f[i], &d->text[i]) :
		    val(d->row, d->col, i);
	return d->v[i];
}

/*
 * Offer the record at hand to the sampler, unless a filter leaves it
 * out.  Its key is worked out from the few fields that decide it; the
 * rest are decoded only when the sample keeps it.
 */
static void
offer(struct drawing *d)
{
	const struct opts *op = d->op;
	struct cs_stratum *st;
	const char *v[F_N];
	char why[96] = "";
	double w = 1, key;
	cs_time t;
	int i;

	memset(d->v, 0, sizeof d->v);
	if (cs_map_get(d->skip, field_at(d, F_ID)) ||
	    (op->agent && strcmp(field_at(d, F_AGENT), op->agent)) ||
	    (op->team && strcmp(field_at(d, F_TEAM), op->team)) ||
	    (op->kind && strcmp(field_at(d, F_KIND), op->kind)) ||
	    (d->only && strcmp(field_at(d, F_AGENT), d->only)))
		return;
	if (d->dated && cs_time_parse(field_at(d, F_OPENED), &t) == 0 &&
	    !cs_period_contains(d->p, t))
		return;
	if (op->risk) {
		for (i = 0; i < F_N; i++)
			v[i] = field_at(d, i);
		risks(v, why, sizeof why);
		if (*why)
			w = op->factor;
	}
	key = cs_sample_key(d->s->seed, field_at(d, F_ID), w);
	st = cs_sampler_stratum(d->s, field_at(d, F_AGENT));
	st->population++;
	if (!cs_stratum_wants(d->s, st, key))
		return;
	for (i = 0; i < F_N; i++)
		v[i] = field_at(d, i);
	if (!op->risk)
		risks(v, why, sizeof why);
	cs_row_clear(&d->out);
	for (i = F_ID; i <= F_SUBJECT; i++)
		cs_row_push(&d->out, v[i], strlen(v[i]));
	cs_stratum_keep(d->s, st, key, w, *why ? why : "random", &d->out);
}

/* A line of a store, from the fast scanner. */
static int
on_line(void *ctx, const struct cs_slice *f, long line)
{
	struct drawing *d = ctx;

	(void)line;
	d->f = f;
	offer(d);
	return 0;
}

/*
 * Offer every record of the source that passes the filters to the
 * sampler, leaving out skip (audited) and, from the stores, those opened
 * outside the period.
 */
/* A share of the store's chunks, scanned by a thread of its own. */
struct share {
	struct drawing d;
	char **files;
	const char *const *cols;
	size_t n;
	int ret, status;
	char msg[1024];
};

static void *
scan_share(void *arg)
{
	struct share *sh = arg;
	size_t i;

	sh->ret = 0;
	for (i = 0; i < sh->n && sh->ret == 0; i++)
		sh->ret = cs_scan_store(sh->files[i], sh->cols, F_N, on_line, &sh->d);
	if (sh->ret < 0) {
		sh->status = cs_errstatus();
		snprintf(sh->msg, sizeof sh->msg, "%s", cs_errmsg());
	}
	return NULL;
}

/* Put what sampler from kept into sampler into: as if one had seen all
 * (keys depend on the ids alone). */
static void
merge_into(struct cs_sampler *into, struct cs_sampler *from)
{
	struct cs_stratum *st, *to;
	size_t i, c;

	for (i = 0; i < from->strata.cap; i++) {
		if (from->strata.keys[i] == NULL)
			continue;
		st = from->strata.vals[i];
		to = cs_sampler_stratum(into, from->strata.keys[i]);
		to->population += st->population;
		for (c = 0; c < st->n; c++)
			if (cs_stratum_wants(into, to, st->heap[c].key))
				cs_stratum_keep(into, to, st->heap[c].key,
				    st->heap[c].weight, st->heap[c].why, &st->heap[c].row);
	}
}

static void
drawing_free(struct drawing *d)
{
	int i;

	for (i = 0; i < F_N; i++)
		cs_buf_free(&d->text[i]);
	cs_row_free(&d->out);
}

/*
 * The store's chunks, scanned by as many threads as there are cores (at
 * most 8, or $CS_THREADS), each with its own sampler, merged at the end.
 */
static int
draw_stores(const struct drawing *proto, char **files,
    const char *const *cols, struct cs_sampler *s)
{
	struct share sh[8];
	pthread_t tid[8];
	size_t nfiles = 0, per, i, t;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("CS_THREADS");
	int nt, ret = 0;

	while (files[nfiles])
		nfiles++;
	nt = env && atoi(env) > 0 ? atoi(env) : cores > 0 ? (int)cores : 1;
	if (nt > 8)
		nt = 8;
	if ((size_t)nt > nfiles)
		nt = nfiles ? (int)nfiles : 1;
	per = (nfiles + (size_t)nt - 1) / (size_t)nt;
	for (t = 0; t < (size_t)nt; t++) {
		memset(&sh[t], 0, sizeof sh[t]);
		sh[t].d = *proto;
		sh[t].cols = cols;
		sh[t].files = files + t * per;
		sh[t].n = t * per >= nfiles ? 0 : nfiles - t * per < per ?
		    nfiles - t * per : per;
		if (t == 0)
			sh[t].d.s = s;
		else {
			sh[t].d.s = cs_xmalloc(sizeof *s);
			cs_sampler_init(sh[t].d.s, s->seed, s->k);
		}
	}
	for (t = 1; t < (size_t)nt; t++)
		if (pthread_create(&tid[t], NULL, scan_share, &sh[t]) != 0)
			cs_fatal(CS_EIO, "cannot start a thread");
	scan_share(&sh[0]);
	for (t = 1; t < (size_t)nt; t++)
		pthread_join(tid[t], NULL);
	for (t = 0; t < (size_t)nt; t++) {
		if (sh[t].ret < 0 && ret == 0)
			ret = cs_fail(sh[t].status, "%s", sh[t].msg);
		if (t > 0) {
			merge_into(s, sh[t].d.s);
			cs_sampler_free(sh[t].d.s);
			free(sh[t].d.s);
		}
		drawing_free(&sh[t].d);
	}
	(void)i;
	return ret;
}

static int
draw(const struct opts *op, const struct cs_period *p, const struct source *src,
    const struct cs_map *skip, const char *only, struct cs_sampler *s)
{
	struct drawing d;
	struct cs_reader r;
	struct cs_row row = { 0 };
	int col[F_N], k = 0;

	memset(&d, 0, sizeof d);
	d.op = op, d.p = p, d.skip = skip, d.only = only, d.s = s;
	if (src->files) {
		d.dated = 1;
		if (draw_stores(&d, src->files, fields, s) < 0)
			return -1;
		d.complaint = 1;
		return src->complaints ? draw_stores(&d, src->complaints,
		    complaint_fields, s) : 0;
	}
	if (cs_reader_open(&r, src->file, CS_READ_CSV, CS_READ_USER) < 0)
		return -1;
	bind(&r.hdr, col);
	d.row = &row, d.col = col;
	if (col[F_ID] < 0 || col[F_AGENT] < 0)
		k = cs_fail(CS_EDATA, "%s:1: want 'id' and 'agent' columns", r.name);
	while (k == 0 && (k = cs_reader_next(&r, &row)) > 0) {
		offer(&d);
		k = 0;
	}
	cs_reader_close(&r);
	drawing_free(&d);
	cs_row_free(&row);
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
	if (sample_index(ds, &skip) < 0)
		goto out;
	if (file)
		src.file = file;
	else {
		src.files = cs_dated_files(ds->dir, &cs_schema_tickets, p);
		src.complaints = cs_dated_files(ds->dir, &cs_schema_complaints, p);
		if (src.files == NULL || src.complaints == NULL)
			goto out;
	}
	/* sized from confidence and margin: keep enough for any stratum,
	 * then cut each to its size once its population is known */
	if (keep == 0)
		keep = cs_sample_size(0, op->confidence, op->margin);
	cs_sampler_init(&s, op->seed, (size_t)keep);
	if (draw(op, p, &src, &skip, NULL, &s) < 0)
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
		if (cs_txn_begin(ds) < 0)
			goto out1;
		if (cs_store_rewrite(ds, mrel, man.s, man.len) < 0 ||
		    cs_commit_rewrite(ds, rel, &data, &j) < 0) {
			cs_txn_abort(ds);
			goto out1;
		}
		if (cs_txn_commit(ds) < 0)
			goto out1;
		cs_committed("stored sample %s (%ld records)", name, drawn);
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
	cs_strv_free(src.complaints);
	cs_map_free(&skip, free);
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
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k, c;

	if (cs_policy_open(&r, ds->dir, 0, "policy/audit.csv") < 0)
		return -1;
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
	struct cs_map idx = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	char *rel, *path;
	int k;

	*name = NULL;
	if (sample_index(ds, &idx) < 0) {
		cs_map_free(&idx, free);
		return -1;
	}
	if (cs_map_get(&idx, id))
		*name = cs_xstrdup(cs_map_get(&idx, id));
	cs_map_free(&idx, free);
	if (*name == NULL)
		return cs_fail(CS_EDATA, "no stored sample has drawn '%s'", id);
	rel = sample_rel(*name, ".manifest");
	path = cs_ds_path(ds, rel);
	free(rel);
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
	if (sample_index(ds, &skip) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		void **slot = cs_map_slot(&skip, cs_row_get(&rows[i], 1), NULL);
		if (*slot == NULL)
			*slot = cs_xstrdup(name);
		if (strcmp(cs_row_get(&rows[i], 1), id) == 0)
			agent = cs_row_get(&rows[i], 2);
	}
	if (file)
		src.file = file;
	else {
		src.files = cs_dated_files(ds->dir, &cs_schema_tickets, &p);
		src.complaints = cs_dated_files(ds->dir, &cs_schema_complaints, &p);
		if (src.files == NULL || src.complaints == NULL)
			goto out;
	}
	cs_sampler_init(&s, op->seed, 1);
	if (draw(op, &p, &src, &skip, agent, &s) < 0)
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
	cs_committed("stored %s in sample %s, in place of %s",
	    cs_row_get(&row, 1), name, id);
	printf("%s\n", cs_row_get(&row, 1));
	ret = 0;
out:
	cs_unlock(ds);
	cs_sampler_free(&s);
	cs_map_free(&man, free);
	cs_map_free(&skip, free);
	cs_strv_free(src.files);
	cs_strv_free(src.complaints);
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


/* ---- scores: import, score ---- */

/* A sample's scores: audits/NAME.scores.csv, a row a record. */
static void
scores_header(const struct cs_rubric *rb, struct cs_row *h)
{
	size_t i;
	static const char *tail[] = { "critical", "notes", "auditor", "scored_at" };

	cs_row_clear(h);
	cs_row_push(h, "id", 2);
	for (i = 0; i < rb->n; i++)
		cs_row_push(h, rb->cats[i].name, strlen(rb->cats[i].name));
	for (i = 0; i < 4; i++)
		cs_row_push(h, tail[i], strlen(tail[i]));
}

/* The scores of sample name, laid out as scores_header, by id. */
static int
read_scores(struct cs_ds *ds, const struct cs_rubric *rb, const char *name,
    struct cs_row **rows, size_t *n)
{
	char *rel = sample_rel(name, ".scores"), *path = cs_ds_path(ds, rel);
	struct cs_row h = { 0 }, row = { 0 }, laid = { 0 };
	struct cs_reader r;
	int k, *col;
	size_t i;

	*rows = NULL, *n = 0;
	free(rel);
	if (access(path, F_OK) < 0) {
		free(path);
		return 0;
	}
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (k < 0)
		return -1;
	scores_header(rb, &h);
	col = cs_xmalloc(h.n * sizeof *col);
	for (i = 0; i < h.n; i++)
		col[i] = cs_row_find(&r.hdr, cs_row_get(&h, i));
	while ((k = cs_reader_next(&r, &row)) > 0) {
		cs_row_clear(&laid);
		for (i = 0; i < h.n; i++) {
			const char *v = col[i] < 0 ? "" : cs_row_get(&row, (size_t)col[i]);
			cs_row_push(&laid, v, strlen(v));
		}
		*rows = cs_xrealloc(*rows, (*n + 1) * sizeof **rows);
		memset(&(*rows)[*n], 0, sizeof **rows);
		cs_row_copy(&(*rows)[(*n)++], &laid);
	}
	cs_reader_close(&r);
	free(col);
	cs_row_free(&h);
	cs_row_free(&row);
	cs_row_free(&laid);
	return k < 0 ? -1 : 0;
}

/* Check one category score; the reason when it will not do. */
static const char *
check_score(const struct cs_rubric_cat *c, const char *v)
{
	static char why[96];
	char *end;
	double x = strtod(v, &end);

	if (*v == '\0')
		return "no score";
	if (end == v || *end || x < 0 || x > c->max) {
		snprintf(why, sizeof why, "not a score from 0 to %g: '%s'", c->max, v);
		return why;
	}
	return NULL;
}

static int
check_critical(const char *v)
{
	return *v == '\0' || !strcmp(v, "no") || !strcmp(v, "yes") ||
	    !strcmp(v, "否") || !strcmp(v, "是");
}

/* Replace or add the scored records of sample name (lock held). */
static int
store_scores(struct cs_ds *ds, const struct cs_rubric *rb, const char *name,
    struct cs_row *scored, size_t ns, const char *command)
{
	struct cs_row *old, h = { 0 };
	struct cs_buf data = { 0 }, j = { 0 }, line = { 0 };
	struct cs_map fresh = { 0 };
	size_t n, i;
	char *rel;
	int ret;

	if (read_scores(ds, rb, name, &old, &n) < 0)
		return -1;
	scores_header(rb, &h);
	cs_csv_record(&data, &h);
	for (i = 0; i < ns; i++)
		*cs_map_slot(&fresh, cs_row_get(&scored[i], 0), NULL) = (void *)1;
	for (i = 0; i < n; i++)
		if (!cs_map_get(&fresh, cs_row_get(&old[i], 0)))
			cs_csv_record(&data, &old[i]);
	for (i = 0; i < ns; i++) {
		cs_csv_record(&data, &scored[i]);
		cs_buf_reset(&line);
		cs_csv_record(&line, &scored[i]);
		line.s[--line.len] = '\0';
		cs_journal_line(&j, ds, command, cs_row_get(&scored[i], 0), "scores",
		    "", line.s);
	}
	rel = sample_rel(name, ".scores");
	ret = cs_commit_rewrite(ds, rel, &data, &j);
	free(rel);
	free_rows(old, n);
	cs_map_free(&fresh, NULL);
	cs_row_free(&h);
	cs_buf_free(&data);
	cs_buf_free(&j);
	cs_buf_free(&line);
	return ret;
}

/* The scores row for id from values by column name (get), or problems. */
static int
score_row(struct cs_ds *ds, const struct cs_rubric *rb,
    const char *(*get)(void *, const char *), void *ctx, const char *id,
    struct cs_row *out, struct cs_buf *problems, const char *where)
{
	const char *v, *why;
	char t[32];
	size_t i;
	int bad = 0;

	cs_row_clear(out);
	cs_row_push(out, id, strlen(id));
	for (i = 0; i < rb->n; i++) {
		v = get(ctx, rb->cats[i].name);
		if ((why = check_score(&rb->cats[i], v)) != NULL) {
			cs_buf_addf(problems, "%sfield '%s': %s\n", where,
			    rb->cats[i].name, why);
			bad = 1;
		}
		cs_row_push(out, v, strlen(v));
	}
	v = get(ctx, "critical");
	if (!check_critical(v)) {
		cs_buf_addf(problems, "%sfield 'critical': yes or no, not '%s'\n", where,
		    v);
		bad = 1;
	}
	v = !strcmp(v, "yes") || !strcmp(v, "是") ? "yes" : "no";
	cs_row_push(out, v, strlen(v));
	v = get(ctx, "notes");
	cs_row_push(out, v, strlen(v));
	cs_row_push(out, ds->user, strlen(ds->user));
	cs_time_format(ds->now, t);
	cs_row_push(out, t, strlen(t));
	return bad ? -1 : 0;
}

struct sheet_ctx {
	const struct cs_row *hdr, *row;
};

static const char *
sheet_get(void *p, const char *name)
{
	struct sheet_ctx *c = p;
	int k = cs_row_find(c->hdr, name);

	return k < 0 ? "" : cs_row_get(c->row, (size_t)k);
}

/* Print the problems, one line each, and fail: with one, it is the
 * error; with more, a last line counts them. */
static int
report_problems(const char *file, const struct cs_buf *problems, size_t n)
{
	char *p = problems->s, *nl;

	if (n == 1) {
		p[strcspn(p, "\n")] = '\0';
		return cs_fail(CS_EDATA, "%s", p);
	}
	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		cs_warn("%.*s", (int)(nl - p), p);
	return cs_fail(CS_EDATA, "%s: %zu problems; nothing was stored", file, n);
}

static int
cmd_import(struct cs_ds *ds, const char *file)
{
	struct cs_rubric rb = { 0 };
	struct cs_map idx = { 0 }, seen = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 }, *scored = NULL;
	struct cs_buf problems = { 0 }, where = { 0 };
	struct sheet_ctx ctx;
	const char *sample = NULL, *id, *s;
	size_t n = 0, np = 0, i;
	long firstline = 0;
	int k, ret = -1, locked = 0, empty, header_ok;

	if (cs_rubric_load(&rb, ds->dir) < 0)
		return -1;
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out0;
	locked = 1;
	if (sample_index(ds, &idx) < 0 ||
	    cs_reader_open(&r, file, CS_READ_CSV, CS_READ_USER) < 0)
		goto out0;
	if (cs_row_find(&r.hdr, "id") < 0)
		cs_buf_addf(&problems, "%s:1: no 'id' column\n", r.name), np++;
	for (i = 0; i < rb.n; i++)
		if (cs_row_find(&r.hdr, rb.cats[i].name) < 0)
			cs_buf_addf(&problems, "%s:1: no '%s' column (the rubric's)\n",
			    r.name, rb.cats[i].name), np++;
	ctx.hdr = &r.hdr;
	header_ok = np == 0;	/* a sheet without its columns: no lines read */
	k = 0;
	while (header_ok && (k = cs_reader_next(&r, &row)) > 0) {
		ctx.row = &row;
		id = sheet_get(&ctx, "id");
		cs_buf_reset(&where);
		cs_buf_addf(&where, "%s:%ld: ", r.name, row.line);
		for (empty = 1, i = 0; i < rb.n; i++)
			if (*sheet_get(&ctx, rb.cats[i].name))
				empty = 0;
		if (empty && !*sheet_get(&ctx, "critical"))
			continue;	/* not scored yet */
		if ((s = cs_map_get(&idx, id)) == NULL) {
			cs_buf_addf(&problems, "%sid '%s' is not a drawn record\n",
			    where.s, id), np++;
			continue;
		}
		if (sample == NULL)
			sample = s, firstline = row.line;
		else if (strcmp(s, sample)) {
			cs_buf_addf(&problems, "%sid '%s' is of sample %s, line %ld's "
			    "of %s\n", where.s, id, s, firstline, sample), np++;
			continue;
		}
		if (cs_map_get(&seen, id)) {
			cs_buf_addf(&problems, "%sid '%s' twice (first on line %ld)\n",
			    where.s, id, (long)(intptr_t)cs_map_get(&seen, id)), np++;
			continue;
		}
		*cs_map_slot(&seen, id, NULL) = (void *)(intptr_t)row.line;
		scored = cs_xrealloc(scored, (n + 1) * sizeof *scored);
		memset(&scored[n], 0, sizeof *scored);
		if (score_row(ds, &rb, sheet_get, &ctx, id, &scored[n++], &problems,
		    where.s) < 0)
			np++;
	}
	cs_reader_close(&r);
	if (k < 0 && np == 0)
		goto out0;
	if (np)
		ret = report_problems(file, &problems, np);
	else if (n == 0)
		ret = cs_fail(CS_NO, "%s: no scored record", file);
	else
		ret = store_scores(ds, &rb, sample, scored, n, "import");
out0:
	if (locked)
		cs_unlock(ds);
	for (i = 0; i < n; i++)
		cs_row_free(&scored[i]);
	free(scored);
	cs_row_free(&row);
	cs_map_free(&idx, free);
	cs_map_free(&seen, NULL);
	cs_buf_free(&problems);
	cs_buf_free(&where);
	cs_rubric_free(&rb);
	return ret;
}

struct args_ctx {
	int argc;
	char **argv;
};

static const char *
args_get(void *p, const char *name)
{
	struct args_ctx *c = p;
	size_t n = strlen(name);
	int i;

	for (i = 0; i < c->argc; i++)
		if (strncmp(c->argv[i], name, n) == 0 && c->argv[i][n] == '=')
			return c->argv[i] + n + 1;
	return "";
}

static int
cmd_score(struct cs_ds *ds, int argc, char **argv)
{
	struct cs_rubric rb = { 0 };
	struct cs_map idx = { 0 };
	struct cs_row row = { 0 };
	struct cs_buf problems = { 0 };
	struct args_ctx ctx = { argc - 1, argv + 1 };
	const char *sample, *value;
	char *field;
	size_t i;
	int k, ret = -1;

	if (argc < 2)
		return cs_fail(CS_EUSAGE, "score: an id and category=score operands");
	for (k = 1; k < argc; k++) {
		if (cs_arg_utf8("operand", argv[k]) < 0 ||
		    cs_assign_split(argv[k], &field, &value) < 0)
			return -1;
		free(field);
	}
	if (cs_rubric_load(&rb, ds->dir) < 0)
		return -1;
	for (k = 1; k < argc; k++) {
		int known = !strncmp(argv[k], "critical=", 9) ||
		    !strncmp(argv[k], "notes=", 6);
		for (i = 0; i < rb.n && !known; i++)
			known = !strncmp(argv[k], rb.cats[i].name,
			    strlen(rb.cats[i].name)) && argv[k][strlen(rb.cats[i].name)] ==
			    '=';
		if (!known) {
			cs_fail(CS_EUSAGE, "score: '%s' is not a category of the rubric, "
			    "critical= or notes=", argv[k]);
			goto out;
		}
	}
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	if (sample_index(ds, &idx) < 0)
		goto out1;
	if ((sample = cs_map_get(&idx, argv[0])) == NULL) {
		cs_fail(CS_EDATA, "'%s' is not a drawn record", argv[0]);
		goto out1;
	}
	if (score_row(ds, &rb, args_get, &ctx, argv[0], &row, &problems, "") < 0) {
		problems.s[strcspn(problems.s, "\n")] = '\0';
		cs_fail(CS_EDATA, "%s", problems.s);
		goto out1;
	}
	ret = store_scores(ds, &rb, sample, &row, 1, "score");
out1:
	cs_unlock(ds);
out:
	cs_map_free(&idx, free);
	cs_row_free(&row);
	cs_buf_free(&problems);
	cs_rubric_free(&rb);
	return ret;
}

/* ---- report ---- */

struct tally {
	char name[64];
	long n, fails;
	double sum, sumsq;
	double *cat;		/* sum of each category's share of its max */
	long *below;		/* records below standard, per category */
};

static struct tally *
tally_of(struct cs_map *m, const char *name, size_t ncat)
{
	int isnew;
	void **slot = cs_map_slot(m, name, &isnew);
	struct tally *t;

	if (isnew) {
		t = cs_xmalloc(sizeof *t);
		memset(t, 0, sizeof *t);
		snprintf(t->name, sizeof t->name, "%s", name);
		t->cat = calloc(ncat + 1, sizeof *t->cat);
		t->below = calloc(ncat + 1, sizeof *t->below);
		*slot = t;
	}
	return *slot;
}

static void
free_tally(void *p)
{
	struct tally *t = p;

	free(t->cat);
	free(t->below);
	free(t);
}

static void
add_record(struct tally *t, const struct cs_rubric *rb, const double *s,
    double score, int failed)
{
	size_t i;

	t->n++;
	t->fails += failed;
	t->sum += score;
	t->sumsq += score * score;
	for (i = 0; i < rb->n; i++) {
		t->cat[i] += s[i] / rb->cats[i].max;
		t->below[i] += s[i] < rb->cats[i].standard;
	}
}

/* The category whose mean share of its max is lowest. */
static size_t
weakest(const struct tally *t, const struct cs_rubric *rb)
{
	size_t i, w = 0;

	for (i = 1; i < rb->n; i++)
		if (t->cat[i] < t->cat[w])
			w = i;
	return w;
}

static int
below_standard(const struct tally *t, const struct cs_rubric *rb, size_t i)
{
	return t->cat[i] / (double)t->n < rb->cats[i].standard / rb->cats[i].max;
}

/* A line of the report; the numbers only where they are given (n > 0,
 * and mean >= 0 for the scores). */
static void
report_row(struct cs_out *out, const char *section, const char *name, long n,
    double mean, double lo, double hi, long fails, const char *weak,
    const char *note)
{
	struct cs_row r = { 0 };
	char b[5][32] = { "", "", "", "", "" };
	int i, scores = n > 0 && mean >= 0;

	if (n > 0)
		snprintf(b[0], 32, "%ld", n);
	if (scores) {
		snprintf(b[1], 32, "%.1f", mean);
		if (n > 1) {
			snprintf(b[2], 32, "%.1f", lo);
			snprintf(b[3], 32, "%.1f", hi);
		}
		snprintf(b[4], 32, "%ld", fails);
	}
	cs_row_push(&r, section, strlen(section));
	cs_row_push(&r, name, strlen(name));
	for (i = 0; i < 5; i++)
		cs_row_push(&r, b[i], strlen(b[i]));
	cs_row_push(&r, weak, strlen(weak));
	cs_row_push(&r, note, strlen(note));
	cs_out_row(out, &r);
	cs_row_free(&r);
}

/* The keys of m, sorted. */
static const char **
sorted_keys(const struct cs_map *m)
{
	const char **keys = cs_xmalloc((m->n + 1) * sizeof *keys);
	size_t i, j = 0;

	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			keys[j++] = m->keys[i];
	keys[j] = NULL;
	for (i = 1; i < j; i++)
		for (size_t k = i; k > 0 && strcmp(keys[k - 1], keys[k]) > 0; k--) {
			const char *t = keys[k];
			keys[k] = keys[k - 1];
			keys[k - 1] = t;
		}
	return keys;
}

static void
tally_rows(struct cs_out *out, const char *section, struct cs_map *m,
    const struct cs_rubric *rb)
{
	const char **keys = sorted_keys(m), **k;

	for (k = keys; *k; k++) {
		struct tally *t = cs_map_get(m, *k);
		double mean = t->sum / (double)t->n, lo = 0, hi = 0, sd, half;
		if (t->n > 1) {
			sd = sqrt(fmax(0, (t->sumsq - t->n * mean * mean) /
			    (double)(t->n - 1)));
			half = cs_t_quantile(0.975, (double)(t->n - 1)) * sd /
			    sqrt((double)t->n);
			lo = mean - half < 0 ? 0 : mean - half;
			hi = mean + half > 100 ? 100 : mean + half;
		}
		report_row(out, section, t->name, t->n, mean, lo, hi, t->fails,
		    rb->cats[weakest(t, rb)].name, "");
	}
	free(keys);
}

/*
 * For the samples of the period: per agent and per team the records
 * audited, the mean score with its 95 % t interval, critical fails and
 * the weakest category; the common problems (categories below standard
 * for at least half the agents) and the individual ones.
 */
static int
cmd_report(struct cs_ds *ds, const struct cs_opts *o, const struct cs_period *p)
{
	struct cs_rubric rb = { 0 };
	struct cs_map agents = { 0 }, teams = { 0 };
	struct cs_row *rows, *sc, hdr = { 0 };
	struct cs_out out = { 0 };
	char **names = sample_names(ds), **nm, note[96];
	double *s = NULL;
	size_t n, ns, i, j, c;
	long nagents;
	int ret = -1, failed, *common = NULL;
	const char **akeys = NULL;
	static const char *cols[] = { "section", "name", "audited", "mean", "low",
		"high", "critical_fails", "weakest", "note" };

	if (names == NULL || cs_rubric_load(&rb, ds->dir) < 0)
		goto out;
	s = cs_xmalloc((rb.n + 1) * sizeof *s);
	for (nm = names; *nm; nm++) {
		struct cs_map man = { 0 };
		struct cs_period sp;
		struct cs_opts dummy;
		char *rel = sample_rel(*nm, ".manifest"), *path = cs_ds_path(ds, rel);
		struct cs_reader r;
		struct cs_row row = { 0 };
		free(rel);
		int k = 0;
		memset(&dummy, 0, sizeof dummy);
		/* a sample without a manifest has no period; one that cannot
		 * be read is an error */
		if (cs_reader_open(&r, path, CS_READ_STORE, 0) == 0) {
			while ((k = cs_reader_next(&r, &row)) > 0) {
				void **slot = cs_map_slot(&man, cs_row_get(&row, 0), NULL);
				free(*slot);
				*slot = cs_xstrdup(cs_row_get(&row, 1));
			}
			cs_reader_close(&r);
		} else if (errno != ENOENT)
			k = -1;
		free(path);
		cs_row_free(&row);
		if (k < 0) {
			cs_map_free(&man, free);
			goto out;
		}
		sp.from = INT64_MIN;
		if (*man_get(&man, "from"))
			cs_time_parse(man_get(&man, "from"), &sp.from);
		cs_map_free(&man, free);
		if (!cs_period_contains(p, sp.from))
			continue;
		if (read_sample(ds, *nm, &rows, &n) < 0 ||
		    read_scores(ds, &rb, *nm, &sc, &ns) < 0)
			goto out;
		for (j = 0; j < ns; j++) {
			const struct cs_row *rec = NULL;
			for (i = 0; i < n && !rec; i++)
				if (!strcmp(cs_row_get(&rows[i], 1), cs_row_get(&sc[j], 0)))
					rec = &rows[i];
			if (rec == NULL)
				continue;
			for (c = 0; c < rb.n; c++)
				s[c] = atof(cs_row_get(&sc[j], c + 1));
			double score = cs_rubric_score(&rb, s, !strcmp(cs_row_get(&sc[j],
			    rb.n + 1), "yes"), &failed);
			add_record(tally_of(&agents, cs_row_get(rec, 2), rb.n), &rb, s,
			    score, failed);
			add_record(tally_of(&teams, cs_row_get(rec, 3), rb.n), &rb, s,
			    score, failed);
		}
		free_rows(rows, n);
		free_rows(sc, ns);
	}
	for (i = 0; i < 9; i++)
		cs_row_push(&hdr, cols[i], strlen(cols[i]));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	tally_rows(&out, "agent", &agents, &rb);
	tally_rows(&out, "team", &teams, &rb);
	/* common problems: below standard for half the agents or more;
	 * the individual ones: an agent below standard in another */
	nagents = (long)agents.n;
	common = calloc(rb.n + 1, sizeof *common);
	akeys = sorted_keys(&agents);
	for (c = 0; c < rb.n; c++) {
		long k = 0;
		for (i = 0; akeys[i]; i++)
			k += below_standard(cs_map_get(&agents, akeys[i]), &rb, c);
		if (k > 0 && k * 2 >= nagents) {
			common[c] = 1;
			snprintf(note, sizeof note, "below standard for %ld of %ld agents",
			    k, nagents);
			report_row(&out, "common", rb.cats[c].name, 0, 0, 0, 0, 0, "",
			    note);
		}
	}
	for (i = 0; akeys[i]; i++) {
		struct tally *t = cs_map_get(&agents, akeys[i]);
		for (c = 0; c < rb.n; c++)
			if (!common[c] && below_standard(t, &rb, c)) {
				snprintf(note, sizeof note, "%s at %.0f%% of the top, the "
				    "standard is %.0f%%", rb.cats[c].name, 100 * t->cat[c] /
				    (double)t->n, 100 * rb.cats[c].standard / rb.cats[c].max);
				report_row(&out, "individual", t->name, t->n, -1, 0, 0, 0,
				    rb.cats[c].name, note);
			}
	}
	ret = cs_out_end(&out);
	if (ret == 0 && agents.n == 0)
		ret = CS_NO;
out:
	cs_strv_free(names);
	cs_map_free(&agents, free_tally);
	cs_map_free(&teams, free_tally);
	cs_row_free(&hdr);
	cs_rubric_free(&rb);
	free(s);
	free(common);
	free(akeys);
	return ret;
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
	if (strcmp(verb, "import") == 0)
		return argc == 1 ? cmd_import(ds, argv[0]) :
		    cs_fail(CS_EUSAGE, "import: one filled sheet (or -)");
	if (strcmp(verb, "score") == 0)
		return cmd_score(ds, argc, argv);
	if (strcmp(verb, "report") == 0)
		return argc ? cs_fail(CS_EUSAGE, "report: no operands") :
		    cmd_report(ds, o, &p);
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
	cs_hold_stdfds();
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
