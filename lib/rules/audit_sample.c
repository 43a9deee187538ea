/*
 * audit_sample.c: the draw of a spot-check sample.
 *
 * The records are the tickets and the complaints of the stores opened in
 * the period, or the records of a CSV file (any columns; 'id' and 'agent'
 * wanted), each found by column name.  A complaint counts for its handler,
 * opened when received, its content the subject, of kind "complaint"; an
 * answer after its deadline is a missed SLA.  A record is a risk when
 * rated 1 or 2, of a poor attitude, late, reopened or a complaint; with
 * spec->risk such a record weighs spec->factor, else 1.
 *
 * Each agent is a stratum of the sampler (sample.c), or with --per each
 * agent's records of a category ("chen21/after-sales"); the sampler keeps
 * the largest quota of each, cut to its own after the pass.  Several files
 * are read one after the other into the one sampler.  A store's chunks are
 * scanned by up to 8 threads ($CS_THREADS, else the cores: scan.c), each with its
 * own sampler, merged at the end: keys depend on the seed and the ids
 * alone, so the sample is the same whatever the threads.  A record's
 * fields are decoded only as far as its filters and its key need, the
 * rest only when the sample keeps it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/audit.h"
#include "store/values.h"

const char *const cs_audit_fields[CS_AF_N] = { "id", "agent", "team", "kind",
	"channel", "opened_at", "subject", "satisfaction", "attitude", "reopens",
	"due_at", "resolved_at", "first_response_at", "promised_at" };

/* A complaint's fields in the places of a ticket's ("-": none). */
static const char *const complaint_fields[CS_AF_N] = { "id", "handler",
	"team", "-kind", "channel", "received_at", "content", "-satisfaction",
	"-attitude", "reopens", "deadline", "answered_at", "-first_response_at",
	"-promised_at" };

/* ---- kinds and categories ---- */

#define AFTER_SALES "return,exchange,repair"

/* The n bytes at w are a word of list, its words separated by sep. */
static int
in_list(const char *list, const char *w, size_t n, int sep)
{
	const char *p;

	for (p = list; p && *p; p = strchr(p, sep) ? strchr(p, sep) + 1 : NULL)
		if (strncmp(p, w, n) == 0 && (p[n] == sep || p[n] == '\0'))
			return 1;
	return 0;
}

/* name is a kind of record: a ticket's, or complaint */
static int
known_kind(const char *name)
{
	const struct cs_column *c = cs_schema_col(&cs_schema_tickets, "kind");

	return strcmp(name, "complaint") == 0 ||
	    (c && in_list(c->arg, name, strlen(name), '|'));
}

int
cs_audit_kind_in(const char *list, const char *kind)
{
	return strchr(kind, ',') == NULL && in_list(list, kind, strlen(kind), ',');
}

/* One kind, or after-sales, from [s, e), its kinds added to out. */
static int
add_kinds(const char *s, const char *e, struct cs_buf *out)
{
	struct cs_buf b = { 0 };
	char name[32];
	const char *k;

	snprintf(name, sizeof name, "%.*s", (int)(e - s), s);
	k = cs_value_canon("kind", name);	/* 咨询, 售后, 投诉 ... */
	if ((size_t)(e - s) >= sizeof name || !(strcmp(k, "after-sales") == 0 ||
	    known_kind(k))) {
		cs_value_list(&b, "kind", "inquiry|return|exchange|repair|"
		    "complaint|after-sales", NULL);
		cs_fail(CS_EUSAGE, "no kind '%.*s' (one of %s)", (int)(e - s), s,
		    b.s);
		cs_buf_free(&b);
		return -1;
	}
	cs_buf_addf(out, "%s%s", out->len ? "," : "",
	    strcmp(k, "after-sales") ? k : AFTER_SALES);
	return 0;
}

int
cs_audit_kinds(const char *list, struct cs_buf *out)
{
	const char *p = list, *e;

	cs_buf_reset(out);
	cs_buf_adds(out, "");
	for (;; p = e + 1) {
		e = p + strcspn(p, ",");
		if (add_kinds(p, e, out) < 0)
			return -1;
		if (*e == '\0')
			return 0;
	}
}

int
cs_audit_per_find(const struct cs_audit_per *per, const char *kind)
{
	size_t i;

	for (i = 0; i < per->n; i++)
		if (cs_audit_kind_in(per->v[i].kinds, kind))
			return (int)i;
	return -1;
}

/* A kind of the list kinds is in a category of per already. */
static int
overlaps(const struct cs_audit_per *per, const char *kinds)
{
	const char *p, *e;
	size_t i;

	for (i = 0; i < per->n; i++)
		for (p = kinds;; p = e + 1) {
			e = p + strcspn(p, ",");
			if (in_list(per->v[i].kinds, p, (size_t)(e - p), ','))
				return 1;
			if (*e == '\0')
				break;
		}
	return 0;
}

int
cs_audit_per_parse(const char *s, struct cs_audit_per *per)
{
	struct cs_buf kinds = { 0 };
	struct cs_audit_cat *c;
	const char *p = s, *e, *eq;
	char *end, name[sizeof per->v[0].name];
	int ret = -1;

	memset(per, 0, sizeof *per);
	for (;; p = e + 1) {
		e = p + strcspn(p, ",");
		if ((eq = memchr(p, '=', (size_t)(e - p))) == NULL) {
			cs_fail(CS_EUSAGE, "--per: category=n, not '%.*s'", (int)(e - p),
			    p);
			goto out;
		}
		cs_buf_reset(&kinds);
		if (add_kinds(p, eq, &kinds) < 0) {
			cs_fail(CS_EUSAGE, "--per: %s", cs_errmsg());
			goto out;
		}
		if (per->n == CS_AUDIT_CATS || overlaps(per, kinds.s)) {
			cs_fail(CS_EUSAGE, "--per: '%.*s' twice", (int)(eq - p), p);
			goto out;
		}
		c = &per->v[per->n++];
		snprintf(name, sizeof name, "%.*s", (int)(eq - p), p);
		snprintf(c->name, sizeof c->name, "%s",
		    cs_value_canon("kind", name));	/* 售后: after-sales */
		snprintf(c->kinds, sizeof c->kinds, "%s", kinds.s);
		c->k = strtol(eq + 1, &end, 10);
		if (end == eq + 1 || end != e || c->k < 1 || c->k > 100000) {
			cs_fail(CS_EUSAGE, "--per: %s: a whole number from 1 to "
			    "100000, not '%.*s'", c->name, (int)(e - eq - 1), eq + 1);
			goto out;
		}
		if (*e == '\0')
			break;
	}
	ret = 0;
out:
	cs_buf_free(&kinds);
	return ret;
}

void
cs_audit_per_format(const struct cs_audit_per *per, struct cs_buf *b)
{
	size_t i;

	for (i = 0; i < per->n; i++)
		cs_buf_addf(b, "%s%s=%ld", i ? "," : "", per->v[i].name, per->v[i].k);
}

/* ---- the draw ---- */

/* a and b are times, a after b */
static int
later(const char *a, const char *b)
{
	cs_time x, y;

	return *a && *b && cs_time_parse(a, &x) == 0 && cs_time_parse(b, &y) == 0 &&
	    x > y;
}

void
cs_audit_risks(const char *const *v, char *why, size_t n)
{
	const char *sat = v[CS_AF_SAT];

	why[0] = '\0';
	if ((*sat == '1' || *sat == '2') && sat[1] == '\0')
		strncat(why, "low rating; ", n - strlen(why) - 1);
	if (strcmp(v[CS_AF_ATT], "poor") == 0)
		strncat(why, "poor attitude; ", n - strlen(why) - 1);
	if (later(v[CS_AF_RESOLVED], v[CS_AF_DUE]) ||
	    later(v[CS_AF_FIRST], v[CS_AF_PROMISED]))
		strncat(why, "missed SLA; ", n - strlen(why) - 1);
	if (atol(v[CS_AF_REOPENS]) > 0)
		strncat(why, "reopened; ", n - strlen(why) - 1);
	if (strcmp(v[CS_AF_KIND], "complaint") == 0)
		strncat(why, "complaint; ", n - strlen(why) - 1);
	if (*why)
		why[strlen(why) - 2] = '\0';
}

struct drawing {
	const struct cs_audit_spec *spec;
	const struct cs_map *skip;
	const char *only;	/* one stratum (replace) */
	struct cs_sampler *s;
	int dated;		/* records say when they were opened */
	int complaint;		/* the records are complaints */
	/* the record at hand: from the scanner (slices) or a row */
	const struct cs_slice *f;
	const struct cs_row *row;
	const int *col;
	const char *v[CS_AF_N];	/* decoded so far */
	struct cs_buf text[CS_AF_N];
	struct cs_buf stratum;	/* its name, with --per */
	struct cs_row out;
};

/* Field i of the record at hand, decoded on first use. */
static const char *
field_at(struct drawing *d, int i)
{
	if (d->v[i] != NULL)
		return d->v[i];
	if (d->complaint && i == CS_AF_KIND)
		d->v[i] = "complaint";
	else if (d->f)
		d->v[i] = cs_slice_text(&d->f[i], &d->text[i]);
	else
		d->v[i] = d->col[i] < 0 ? "" : cs_row_get(d->row, (size_t)d->col[i]);
	return d->v[i];
}

/* 1 when a filter leaves the record at hand out. */
static int
left_out(struct drawing *d)
{
	const struct cs_audit_spec *sp = d->spec;
	cs_time t;

	if (cs_map_get(d->skip, field_at(d, CS_AF_ID)) ||
	    (sp->agent && strcmp(field_at(d, CS_AF_AGENT), sp->agent)) ||
	    (sp->team && strcmp(field_at(d, CS_AF_TEAM), sp->team)) ||
	    (sp->kind && !cs_audit_kind_in(sp->kind, field_at(d, CS_AF_KIND))) ||
	    (sp->per && cs_audit_per_find(sp->per, field_at(d, CS_AF_KIND)) < 0) ||
	    (d->only && strcmp(field_at(d, CS_AF_AGENT), d->only)))
		return 1;
	return d->dated && cs_time_parse(field_at(d, CS_AF_OPENED), &t) == 0 &&
	    !cs_period_contains(&d->spec->p, t);
}

/* The stratum of the record at hand: its agent, with --per its agent's
 * records of its category. */
static struct cs_stratum *
stratum_of(struct drawing *d)
{
	const struct cs_audit_per *per = d->spec->per;

	if (per == NULL)
		return cs_sampler_stratum(d->s, field_at(d, CS_AF_AGENT));
	cs_buf_reset(&d->stratum);
	cs_buf_addf(&d->stratum, "%s/%s", field_at(d, CS_AF_AGENT),
	    per->v[cs_audit_per_find(per, field_at(d, CS_AF_KIND))].name);
	return cs_sampler_stratum(d->s, d->stratum.s);
}

/*
 * Offer the record at hand to the sampler, unless a filter leaves it
 * out.  Its key is worked out from the few fields that decide it; the
 * rest are decoded only when the sample keeps it.
 */
static void
offer(struct drawing *d)
{
	struct cs_stratum *st;
	const char *v[CS_AF_N];
	char why[96] = "";
	double w = 1, key;
	int i;

	memset(d->v, 0, sizeof d->v);
	if (left_out(d))
		return;
	if (d->spec->risk) {
		for (i = 0; i < CS_AF_N; i++)
			v[i] = field_at(d, i);
		cs_audit_risks(v, why, sizeof why);
		if (*why)
			w = d->spec->factor;
	}
	key = cs_sample_key(d->s->seed, field_at(d, CS_AF_ID), w);
	st = stratum_of(d);
	st->population++;
	if (!cs_stratum_wants(d->s, st, key))
		return;
	for (i = 0; i < CS_AF_N; i++)
		v[i] = field_at(d, i);
	if (!d->spec->risk)
		cs_audit_risks(v, why, sizeof why);
	cs_row_clear(&d->out);
	for (i = CS_AF_ID; i <= CS_AF_SUBJECT; i++)
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

static void
drawing_free(struct drawing *d)
{
	int i;

	for (i = 0; i < CS_AF_N; i++)
		cs_buf_free(&d->text[i]);
	cs_buf_free(&d->stratum);
	cs_row_free(&d->out);
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

/*
 * The store's chunks, scanned by as many threads as cs_scan_threads
 * says (scan.c), each with its own sampler, merged at the end.
 */
static int
draw_stores(const struct drawing *proto, char **files,
    const char *const *cols, struct cs_sampler *s)
{
	struct drawing d[CS_SCAN_THREADS_MAX];
	void *ctx[CS_SCAN_THREADS_MAX];
	size_t nfiles = 0, t, nt;
	int ret;

	while (files[nfiles])
		nfiles++;
	nt = cs_scan_threads(nfiles);
	for (t = 0; t < nt; t++) {
		d[t] = *proto;
		ctx[t] = &d[t];
		if (t == 0)
			d[t].s = s;
		else {
			d[t].s = cs_xmalloc(sizeof *s);
			cs_sampler_init(d[t].s, s->seed, s->k);
		}
	}
	ret = cs_scan_parallel(files, nt, cols, CS_AF_N, on_line, ctx);
	for (t = 0; t < nt; t++) {
		if (t > 0) {
			merge_into(s, d[t].s);
			cs_sampler_free(d[t].s);
			free(d[t].s);
		}
		drawing_free(&d[t]);
	}
	return ret;
}

/* The name map gives column name ("from=to,..."), name if none. */
static void
renamed(const char *map, const char *name, struct cs_buf *b)
{
	size_t n = strlen(name);
	const char *p, *e;

	cs_buf_reset(b);
	for (p = map; p && *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",");
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			cs_buf_add(b, p + n + 1, (size_t)(e - p - n - 1));
			return;
		}
	}
	cs_buf_adds(b, name);
}

/* Where each field is in the header h, renamed by map: col; a list of
 * complaints (no kind, a received_at) by a complaint's names first. */
static void
file_cols(const struct cs_row *h, const char *map, int *col, int *complaints)
{
	struct cs_row mh = { 0 };
	struct cs_buf b = { 0 };
	size_t j;
	int i;

	for (j = 0; j < h->n; j++) {
		renamed(map, cs_row_get(h, j), &b);
		cs_row_push(&mh, b.s, b.len);
	}
	*complaints = cs_row_find(&mh, "kind") < 0 &&
	    cs_row_find(&mh, "received_at") >= 0;
	for (i = 0; i < CS_AF_N; i++) {
		col[i] = *complaints ? cs_row_find(&mh, complaint_fields[i]) : -1;
		if (col[i] < 0)
			col[i] = cs_row_find(&mh, cs_audit_fields[i]);
	}
	cs_row_free(&mh);
	cs_buf_free(&b);
}

/* The records of a CSV file the user gave (or - for stdin). */
static int
draw_file(struct drawing *d, const char *file)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int col[CS_AF_N], k = 0;

	if (cs_reader_open(&r, file, CS_READ_CSV, CS_READ_USER) < 0)
		return -1;
	file_cols(&r.hdr, d->spec->map, col, &d->complaint);
	d->row = &row, d->col = col;
	if (col[CS_AF_ID] < 0 || col[CS_AF_AGENT] < 0)
		k = cs_fail(CS_EDATA, "%s:1: want 'id' and 'agent' columns%s",
		    r.name, d->spec->map ? _(" (after --map)") : "");
	while (k == 0 && (k = cs_reader_next(&r, &row)) > 0) {
		offer(d);
		k = 0;
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	d->row = NULL, d->col = NULL;
	return k < 0 ? -1 : 0;
}

/* The records of each file, one after the other. */
static int
draw_files(struct drawing *d, const char *const *files)
{
	int ret = 0;

	for (; *files && ret == 0; files++)
		ret = draw_file(d, *files);
	drawing_free(d);
	return ret;
}

/* The tickets, then the complaints, of the stores in the period. */
static int
draw_dated(struct drawing *d, const char *dir)
{
	char **tickets, **complaints;
	int ret = -1;

	tickets = cs_dated_files(dir, &cs_schema_tickets, &d->spec->p);
	complaints = cs_dated_files(dir, &cs_schema_complaints, &d->spec->p);
	if (tickets == NULL || complaints == NULL)
		goto out;
	d->dated = 1;
	if (draw_stores(d, tickets, cs_audit_fields, d->s) < 0)
		goto out;
	d->complaint = 1;
	ret = draw_stores(d, complaints, complaint_fields, d->s);
out:
	cs_strv_free(tickets);
	cs_strv_free(complaints);
	return ret;
}

/* The quota of the stratum called name, of population pop. */
static size_t
quota(const struct cs_audit_spec *spec, const char *name, size_t pop)
{
	const char *cat = strrchr(name, '/');
	long k = spec->k;
	size_t i;

	if (spec->per) {
		for (i = 0, k = 0; cat && i < spec->per->n; i++)
			if (strcmp(spec->per->v[i].name, cat + 1) == 0)
				k = spec->per->v[i].k;
	} else if (k == 0)
		return (size_t)cs_sample_size((long)pop, spec->confidence,
		    spec->margin);
	return pop < (size_t)k ? pop : (size_t)k;
}

void
cs_audit_trim(const struct cs_audit_spec *spec, const char **names,
    struct cs_stratum **v, size_t n)
{
	size_t *pop, *q, all = 0, total, i;

	pop = cs_xmalloc((n + 1) * sizeof *pop);
	q = cs_xmalloc((n + 1) * sizeof *q);
	for (i = 0; i < n; i++) {
		pop[i] = v[i]->population;
		all += pop[i];
		q[i] = quota(spec, names[i], pop[i]);
	}
	if (spec->overall) {
		/* the overall size, shared in proportion to the strata */
		total = spec->k ? (size_t)spec->k : (size_t)cs_sample_size((long)all,
		    spec->confidence, spec->margin);
		cs_sample_allocate(total, pop, n, q);
	}
	for (i = 0; i < n; i++)
		cs_sampler_trim(v[i], q[i]);
	free(pop);
	free(q);
}

int
cs_audit_draw(const char *dir, const struct cs_audit_spec *spec,
    const struct cs_map *skip, const char *only, struct cs_audit_drawn *d)
{
	struct drawing dr;
	long keep = spec->k;
	size_t i;
	int k;

	memset(d, 0, sizeof *d);
	/* keep enough for any stratum (the largest quota; sized from
	 * confidence and margin, the most any population can need), then
	 * cut each to its quota once the populations are known */
	for (i = 0; spec->per && i < spec->per->n; i++)
		if (spec->per->v[i].k > keep)
			keep = spec->per->v[i].k;
	if (keep == 0)
		keep = cs_sample_size(0, spec->confidence, spec->margin);
	cs_sampler_init(&d->s, spec->seed, (size_t)keep);
	memset(&dr, 0, sizeof dr);
	dr.spec = spec, dr.skip = skip, dr.only = only, dr.s = &d->s;
	k = spec->files ? draw_files(&dr, spec->files) : draw_dated(&dr, dir);
	if (k < 0)
		return -1;
	d->v = cs_sampler_result(&d->s, &d->names, &d->n);
	cs_audit_trim(spec, d->names, d->v, d->n);
	return 0;
}

void
cs_audit_drawn_free(struct cs_audit_drawn *d)
{
	cs_sampler_free(&d->s);
	free(d->v);
	free(d->names);
	d->v = NULL;
	d->names = NULL;
	d->n = 0;
}
