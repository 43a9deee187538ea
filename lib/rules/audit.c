/*
 * audit.c: the spot check's files in audits/: a stored sample
 * (audits/NAME.csv, a row a record drawn, in cs_audit_cols), its
 * manifest (audits/NAME.manifest.csv, field,value lines: the period, the
 * source, the map of its columns, the method, the weight, the filters,
 * the seed, when it was drawn, each stratum's population and quota, and
 * the total), and its scores (audits/NAME.scores.csv).
 *
 * A sample is stored with its manifest in one change, and a replacement
 * rewrites it whole; each record drawn or replaced has its journal line in
 * the same change.  A record drawn (status "drawn") in any stored sample is
 * an audited record, left out of the next draw.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/audit.h"

const char *const cs_audit_cols[CS_AUDIT_NCOLS] = { "sample", "id", "agent",
	"team", "kind", "channel", "opened_at", "subject", "weight", "reason",
	"seed", "status", "note" };

void
cs_audit_rows_free(struct cs_audit_rows *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		cs_row_free(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

char *
cs_audit_rel(const char *name, const char *suffix)
{
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "audits/%s%s.csv", name, suffix);
	return b.s;
}

int
cs_audit_name_valid(const char *s)
{
	if (*s == '\0' || *s == '.' || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!(strchr("-._", *s) || (*s >= '0' && *s <= '9') ||
		    (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

char **
cs_audit_names(const struct cs_ds *ds)
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

void
cs_audit_header(struct cs_row *h)
{
	size_t i;

	cs_row_clear(h);
	for (i = 0; i < CS_AUDIT_NCOLS; i++)
		cs_row_push(h, cs_audit_cols[i], strlen(cs_audit_cols[i]));
}

/* The rows of the store rel, in the columns of want ("" where the store
 * has none): 0, 1 when it is absent (ENOENT), -1 on an error (and no
 * rows). */
static int
read_laid(const struct cs_ds *ds, const char *rel, const struct cs_row *want,
    struct cs_audit_rows *rows)
{
	char *path = cs_ds_path(ds, rel);
	struct cs_row row = { 0 }, laid = { 0 };
	struct cs_reader r;
	const char *v;
	int k, e, *col;
	size_t i;

	rows->v = NULL, rows->n = 0;
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	e = errno;
	free(path);
	if (k < 0)
		return e == ENOENT ? 1 : -1;
	col = cs_xmalloc((want->n + 1) * sizeof *col);
	for (i = 0; i < want->n; i++)
		col[i] = cs_row_find(&r.hdr, cs_row_get(want, i));
	while ((k = cs_reader_next(&r, &row)) > 0) {
		cs_row_clear(&laid);
		for (i = 0; i < want->n; i++) {
			v = col[i] < 0 ? "" : cs_row_get(&row, (size_t)col[i]);
			cs_row_push(&laid, v, strlen(v));
		}
		rows->v = cs_xrealloc(rows->v, (rows->n + 1) * sizeof *rows->v);
		memset(&rows->v[rows->n], 0, sizeof *rows->v);
		cs_row_copy(&rows->v[rows->n++], &laid);
	}
	cs_reader_close(&r);
	free(col);
	cs_row_free(&row);
	cs_row_free(&laid);
	if (k < 0) {
		cs_audit_rows_free(rows);
		return -1;
	}
	return 0;
}

int
cs_audit_read(const struct cs_ds *ds, const char *name,
    struct cs_audit_rows *rows)
{
	struct cs_row h = { 0 };
	char *rel = cs_audit_rel(name, "");
	int k;

	cs_audit_header(&h);
	k = read_laid(ds, rel, &h, rows);
	free(rel);
	cs_row_free(&h);
	if (k == 1)
		return cs_fail(CS_NO, "no sample %s", name);
	return k;
}

int
cs_audit_index(const struct cs_ds *ds, struct cs_map *ids)
{
	char **names = cs_audit_names(ds), **p;
	struct cs_audit_rows rows;
	const struct cs_row *r;
	size_t i;
	int ret = 0;

	if (names == NULL)
		return -1;
	for (p = names; *p && ret == 0; p++) {
		if ((ret = cs_audit_read(ds, *p, &rows)) < 0)
			break;
		for (i = 0; i < rows.n; i++) {
			r = &rows.v[i];
			if (strcmp(cs_row_get(r, CS_AUDIT_STATUS), "drawn") == 0)
				*cs_map_slot(ids, cs_row_get(r, CS_AUDIT_ID), NULL) =
				    cs_xstrdup(*p);
		}
		cs_audit_rows_free(&rows);
	}
	cs_strv_free(names);
	return ret;
}

/* ---- the manifest ---- */

static void
manifest_line(struct cs_buf *b, const char *field, const char *value)
{
	struct cs_row r = { 0 };

	cs_row_push(&r, field, strlen(field));
	cs_row_push(&r, value, strlen(value));
	cs_csv_record(b, &r);
	cs_row_free(&r);
}

void
cs_audit_manifest(struct cs_buf *man, const struct cs_audit_spec *spec,
    cs_time now, const struct cs_audit_drawn *d)
{
	const struct cs_period *p = &spec->p;
	struct cs_buf tmp = { 0 };
	char t[32], num[24];
	size_t i, total = 0;

	manifest_line(man, "field", "value");
	manifest_line(man, "sample", spec->name);
	manifest_line(man, "period", p->name);
	cs_time_format(p->from, t);
	manifest_line(man, "from", p->from == INT64_MIN ? "" : t);
	cs_time_format(p->to, t);
	manifest_line(man, "to", p->to == INT64_MAX ? "" : t);
	for (i = 0; spec->files && spec->files[i]; i++)
		cs_buf_addf(&tmp, "%s%s", i ? " " : "", spec->files[i]);
	manifest_line(man, "source", spec->files ? tmp.s : "stores");
	manifest_line(man, "map", spec->map ? spec->map : "");
	cs_buf_reset(&tmp);
	if (spec->per) {
		cs_buf_adds(&tmp, "per:");
		cs_audit_per_format(spec->per, &tmp);
	} else if (spec->k)
		cs_buf_addf(&tmp, "k=%ld", spec->k);
	else
		cs_buf_addf(&tmp, "confidence=%g,margin=%g", spec->confidence,
		    spec->margin);
	if (spec->overall)
		cs_buf_adds(&tmp, ",overall");
	manifest_line(man, "method", tmp.s);
	cs_buf_reset(&tmp);
	if (spec->risk)
		cs_buf_addf(&tmp, "risk x%g", spec->factor);
	else
		cs_buf_adds(&tmp, "none");
	manifest_line(man, "weight", tmp.s);
	cs_buf_reset(&tmp);
	cs_buf_addf(&tmp, "agent=%s;team=%s;kind=%s",
	    spec->agent ? spec->agent : "", spec->team ? spec->team : "",
	    spec->kind ? spec->kind : "");
	manifest_line(man, "filters", tmp.s);
	cs_buf_reset(&tmp);
	cs_buf_addf(&tmp, "%" PRIu64, spec->seed);
	manifest_line(man, "seed", tmp.s);
	cs_time_format(now, t);
	manifest_line(man, "drawn_at", t);
	for (i = 0; i < d->n; i++) {
		cs_buf_reset(&tmp);
		cs_buf_addf(&tmp, "population:%s", d->names[i]);
		snprintf(num, sizeof num, "%zu", d->v[i]->population);
		manifest_line(man, tmp.s, num);
	}
	/* the plan: what each stratum was to give, and in all */
	for (i = 0; i < d->n; i++) {
		cs_buf_reset(&tmp);
		cs_buf_addf(&tmp, "quota:%s", d->names[i]);
		snprintf(num, sizeof num, "%zu", d->v[i]->n);
		manifest_line(man, tmp.s, num);
		total += d->v[i]->n;
	}
	snprintf(num, sizeof num, "%zu", total);
	manifest_line(man, "total", num);
	cs_buf_free(&tmp);
}

int
cs_audit_manifest_load(const struct cs_ds *ds, const char *name,
    struct cs_audit_manifest *m)
{
	char *rel = cs_audit_rel(name, ".manifest"), *path = cs_ds_path(ds, rel);
	struct cs_row row = { 0 };
	struct cs_reader r;
	const char *f, *v;
	void **slot;
	int k, e;

	memset(m, 0, sizeof *m);
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	e = errno;
	free(rel);
	free(path);
	if (k < 0)
		return e == ENOENT ? 1 : -1;
	while ((k = cs_reader_next(&r, &row)) > 0) {
		slot = cs_map_slot(&m->fields, cs_row_get(&row, 0), NULL);
		free(*slot);
		*slot = cs_xstrdup(cs_row_get(&row, 1));
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	/* the filters, "agent=A;team=T;kind=K", each possibly empty */
	f = cs_audit_manifest_get(m, "filters");
	sscanf(f, "agent=%63[^;];", m->agent);
	if ((v = strstr(f, ";team=")) != NULL)
		sscanf(v + 6, "%63[^;]", m->team);
	if ((v = strstr(f, ";kind=")) != NULL)
		sscanf(v + 6, "%127[^;]", m->kind);
	m->files[0] = cs_audit_manifest_get(m, "source");
	v = cs_audit_manifest_get(m, "method");
	if (k >= 0 && strncmp(v, "per:", 4) == 0 &&
	    cs_audit_per_parse(v + 4, &m->per) < 0)
		k = cs_fail(CS_EDATA, "audits/%s.manifest.csv: method: %s", name,
		    cs_errmsg());
	return k < 0 ? -1 : 0;
}

const char *
cs_audit_manifest_get(const struct cs_audit_manifest *m, const char *field)
{
	const char *v = cs_map_get(&m->fields, field);

	return v ? v : "";
}

void
cs_audit_manifest_spec(const struct cs_audit_manifest *m,
    struct cs_audit_spec *spec)
{
	const char *wt = cs_audit_manifest_get(m, "weight");
	const char *src = cs_audit_manifest_get(m, "source"), *v;

	spec->seed = strtoull(cs_audit_manifest_get(m, "seed"), NULL, 10);
	spec->risk = strncmp(wt, "risk x", 6) == 0;
	spec->factor = spec->risk ? atof(wt + 6) : 1;
	spec->agent = *m->agent ? m->agent : NULL;
	spec->team = *m->team ? m->team : NULL;
	spec->kind = *m->kind ? m->kind : NULL;
	spec->files = strcmp(src, "stores") ? m->files : NULL;
	v = cs_audit_manifest_get(m, "map");
	spec->map = *v ? v : NULL;
	spec->per = m->per.n ? &m->per : NULL;
	snprintf(spec->p.name, sizeof spec->p.name, "%s",
	    cs_audit_manifest_get(m, "period"));
	spec->p.from = INT64_MIN, spec->p.to = INT64_MAX;
	if (*(v = cs_audit_manifest_get(m, "from")))
		cs_time_parse(v, &spec->p.from);
	if (*(v = cs_audit_manifest_get(m, "to")))
		cs_time_parse(v, &spec->p.to);
}

void
cs_audit_manifest_free(struct cs_audit_manifest *m)
{
	cs_map_free(&m->fields, free);
}

int
cs_audit_find(const struct cs_ds *ds, const char *id, char **name,
    struct cs_audit_manifest *m)
{
	struct cs_map idx = { 0 };

	*name = NULL;
	memset(m, 0, sizeof *m);
	if (cs_audit_index(ds, &idx) < 0) {
		cs_map_free(&idx, free);
		return -1;
	}
	if (cs_map_get(&idx, id))
		*name = cs_xstrdup(cs_map_get(&idx, id));
	cs_map_free(&idx, free);
	if (*name == NULL)
		return cs_fail(CS_EDATA, "no stored sample has drawn '%s'", id);
	return cs_audit_manifest_load(ds, *name, m) == 0 ? 0 : -1;
}

/* The category of the record victim of sample rows in per alone, its
 * quota 1: the per that draws one record in its place. */
static int
per_of(const struct cs_audit_rows *rows, const char *victim,
    const struct cs_audit_per *per, struct cs_audit_per *one)
{
	size_t i;
	int c;

	for (i = 0; i < rows->n; i++)
		if (strcmp(cs_row_get(&rows->v[i], CS_AUDIT_ID), victim) == 0)
			break;
	c = i < rows->n ? cs_audit_per_find(per,
	    cs_row_get(&rows->v[i], CS_AUDIT_KIND)) : -1;
	if (c < 0)
		return cs_fail(CS_EDATA, "%s: its kind is in no category of the "
		    "sample", victim);
	memset(one, 0, sizeof *one);
	one->v[0] = per->v[c];
	one->v[0].k = 1;
	one->n = 1;
	return 0;
}

int
cs_audit_redraw(const struct cs_ds *ds, const char *id,
    const char *const *files, char **name, struct cs_audit_rows *rows,
    struct cs_row *row)
{
	struct cs_audit_manifest man;
	struct cs_audit_spec spec;
	struct cs_audit_drawn d;
	struct cs_audit_per one;
	struct cs_map skip = { 0 };
	const char *agent = NULL, *rid;
	char note[160];
	void **slot;
	size_t i;
	int ret = -1;

	memset(&spec, 0, sizeof spec);
	memset(&d, 0, sizeof d);
	rows->v = NULL, rows->n = 0;
	if (cs_audit_find(ds, id, name, &man) < 0 ||
	    cs_audit_read(ds, *name, rows) < 0)
		goto out;
	cs_audit_manifest_spec(&man, &spec);
	if (spec.files && files == NULL) {
		cs_fail(CS_EUSAGE, "sample %s was drawn from %s: give the same "
		    "records again (a file or -)", *name,
		    cs_audit_manifest_get(&man, "source"));
		goto out;
	}
	spec.files = files;
	spec.k = 1;
	if (spec.per && per_of(rows, id, spec.per, &one) < 0)
		goto out;
	spec.per = spec.per ? &one : NULL;
	if (cs_audit_index(ds, &skip) < 0)
		goto out;
	/* not the records of this sample, replaced or not */
	for (i = 0; i < rows->n; i++) {
		rid = cs_row_get(&rows->v[i], CS_AUDIT_ID);
		if (*(slot = cs_map_slot(&skip, rid, NULL)) == NULL)
			*slot = cs_xstrdup(*name);
		if (strcmp(rid, id) == 0)
			agent = cs_row_get(&rows->v[i], CS_AUDIT_AGENT);
	}
	if (cs_audit_draw(ds->dir, &spec, &skip, agent, &d) < 0)
		goto out;
	if (d.n == 0 || d.v[0]->n == 0) {
		cs_fail(CS_NO, "no other record of %s to draw for sample %s", agent,
		    *name);
		goto out;
	}
	snprintf(note, sizeof note, "replaces %s", id);
	cs_audit_row(row, *name, &d.v[0]->heap[0], spec.seed, "drawn", note);
	ret = 0;
out:
	cs_audit_drawn_free(&d);
	cs_audit_manifest_free(&man);
	cs_map_free(&skip, free);
	return ret;
}

/* ---- storing a sample ---- */

void
cs_audit_row(struct cs_row *r, const char *name, const struct cs_cand *c,
    uint64_t seed, const char *status, const char *note)
{
	char w[32], sd[32];
	const char *v;
	size_t i;

	snprintf(w, sizeof w, "%g", c->weight);
	snprintf(sd, sizeof sd, "%" PRIu64, seed);
	cs_row_clear(r);
	cs_row_push(r, name, strlen(name));
	for (i = 0; i <= CS_AF_SUBJECT; i++) {
		v = cs_row_get(&c->row, i);
		cs_row_push(r, v, strlen(v));
	}
	cs_row_push(r, w, strlen(w));
	cs_row_push(r, c->why, strlen(c->why));
	cs_row_push(r, sd, strlen(sd));
	cs_row_push(r, status, strlen(status));
	cs_row_push(r, note, strlen(note));
}

/* Row r of the sample into data, and its journal line (command). */
static void
add_drawn(struct cs_buf *data, struct cs_buf *j, const struct cs_ds *ds,
    const char *command, const struct cs_row *r)
{
	struct cs_buf line = { 0 };

	cs_csv_record(data, r);
	cs_csv_record(&line, r);
	line.s[--line.len] = '\0';
	cs_journal_line(j, ds, command, cs_row_get(r, CS_AUDIT_ID), "", "",
	    line.s);
	cs_buf_free(&line);
}

long
cs_audit_store(struct cs_ds *ds, const struct cs_audit_spec *spec,
    const struct cs_audit_drawn *d)
{
	struct cs_row row = { 0 };
	struct cs_buf data = { 0 }, man = { 0 }, j = { 0 };
	char *rel = cs_audit_rel(spec->name, "");
	char *mrel = cs_audit_rel(spec->name, ".manifest");
	long drawn = 0, ret = -1;
	size_t i, c;

	cs_audit_header(&row);
	cs_csv_record(&data, &row);
	for (i = 0; i < d->n; i++)
		for (c = 0; c < d->v[i]->n; c++, drawn++) {
			cs_audit_row(&row, spec->name, &d->v[i]->heap[c], spec->seed,
			    "drawn", "");
			add_drawn(&data, &j, ds, "sample", &row);
		}
	if (drawn == 0) {	/* stored, it would only stop the right draw */
		cs_fail(CS_NO, "sample %s: no record of %s passes its filters; "
		    "nothing stored", spec->name, spec->p.name);
		goto out;
	}
	cs_audit_manifest(&man, spec, ds->now, d);
	if (cs_txn_begin(ds) < 0)
		goto out;
	if (cs_store_rewrite(ds, mrel, man.s, man.len) < 0 ||
	    cs_commit_rewrite(ds, rel, &data, &j) < 0) {
		cs_txn_abort(ds);
		goto out;
	}
	if (cs_txn_commit(ds) < 0)
		goto out;
	ret = drawn;
out:
	free(rel);
	free(mrel);
	cs_row_free(&row);
	cs_buf_free(&data);
	cs_buf_free(&man);
	cs_buf_free(&j);
	return ret;
}

int
cs_audit_replace(struct cs_ds *ds, const char *name,
    struct cs_audit_rows *rows, const char *id, const char *reason,
    const struct cs_row *row)
{
	struct cs_row hdr = { 0 };
	struct cs_buf data = { 0 }, j = { 0 };
	char *rel = cs_audit_rel(name, "");
	size_t i;
	int ret;

	cs_audit_header(&hdr);
	cs_csv_record(&data, &hdr);
	for (i = 0; i < rows->n; i++) {
		if (strcmp(cs_row_get(&rows->v[i], CS_AUDIT_ID), id) == 0) {
			cs_row_set(&rows->v[i], CS_AUDIT_STATUS, "replaced");
			cs_row_set(&rows->v[i], CS_AUDIT_NOTE, reason);
			cs_journal_line(&j, ds, "replace", id, "status", "drawn",
			    "replaced");
			cs_journal_line(&j, ds, "replace", id, "note", "", reason);
		}
		cs_csv_record(&data, &rows->v[i]);
	}
	add_drawn(&data, &j, ds, "replace", row);
	ret = cs_commit_rewrite(ds, rel, &data, &j);
	free(rel);
	cs_row_free(&hdr);
	cs_buf_free(&data);
	cs_buf_free(&j);
	return ret;
}

/* ---- scores ---- */

void
cs_audit_scores_header(const struct cs_rubric *rb, struct cs_row *h)
{
	static const char *tail[] = { "critical", "notes", "auditor",
		"scored_at" };
	size_t i;

	cs_row_clear(h);
	cs_row_push(h, "id", 2);
	for (i = 0; i < rb->n; i++)
		cs_row_push(h, rb->cats[i].name, strlen(rb->cats[i].name));
	for (i = 0; i < 4; i++)
		cs_row_push(h, tail[i], strlen(tail[i]));
}

int
cs_audit_scores_read(const struct cs_ds *ds, const struct cs_rubric *rb,
    const char *name, struct cs_audit_rows *rows)
{
	struct cs_row h = { 0 };
	char *rel = cs_audit_rel(name, ".scores");
	int k;

	cs_audit_scores_header(rb, &h);
	k = read_laid(ds, rel, &h, rows);
	free(rel);
	cs_row_free(&h);
	return k < 0 ? -1 : 0;
}
