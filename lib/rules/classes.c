/*
 * classes.c: the classification report of cs-customer (classes.h): one
 * pass over customers.csv puts each customer in its class (a byte a
 * customer), one over the period's orders (the fast scanner, across the
 * cores) adds each order to its customer's.
 * test_classes.c holds the sums to a hand-made table.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/classes.h"

const char *const cs_class_types[CS_CLASS_TYPES] = { "channel", "out-of-town",
	"end" };

const char *
cs_class_type(size_t i)
{
	return i < CS_CLASSES ? cs_class_types[i / 4] : "all";
}

const char *
cs_class_grade(size_t i)
{
	static const char *const g[] = { "A", "B", "C", "-" };

	return i < CS_CLASSES ? g[i % 4] : "all";
}

void
cs_classes_init(struct cs_classes *c, const struct cs_period *p)
{
	memset(c, 0, sizeof *c);
	c->p = *p;
}

/* v in millionths, rounded; saturated far beyond any order's. */
static int64_t
micro(double v)
{
	if (!(v > -1e12))	/* NaN too */
		return v < 0 ? -1000000000000000000 : 0;
	return v < 1e12 ? (int64_t)llround(v * 1e6) : 1000000000000000000;
}

static void
add(int64_t *sum, int64_t v)
{
	if (__builtin_add_overflow(*sum, v, sum))
		*sum = v < 0 ? INT64_MIN : INT64_MAX;
}

/* The class of customer id, or -1. */
static int
class_of(const struct cs_classes *c, const char *id)
{
	uint64_t k = cs_id_pack("C", id);
	size_t num = (size_t)(k >> 4);
	void *v;

	if (k && !(k >> 63) && num < c->nnum && c->bynum[num] &&
	    c->bynum[num] >> 4 == (k & 15))
		return (c->bynum[num] & 15) - 1;
	v = cs_map_get(&c->cell, id);
	return v ? (int)(intptr_t)v - 1 : -1;
}

/* Customer id in class i (a second line of an id: the last's class). */
static void
put_class(struct cs_classes *c, const char *id, int i)
{
	uint64_t k = cs_id_pack("C", id);
	size_t num = (size_t)(k >> 4), nn;

	if (k && !(k >> 63) && num <= 2 * c->held + 1024) {	/* dense */
		if (num >= c->nnum) {
			nn = num + 1 > 2 * c->nnum ? num + 1 : 2 * c->nnum;
			c->bynum = cs_xrealloc(c->bynum, nn);
			memset(c->bynum + c->nnum, 0, nn - c->nnum);
			c->nnum = nn;
		}
		if (c->bynum[num] == 0 || c->bynum[num] >> 4 == (k & 15)) {
			c->bynum[num] = (unsigned char)((k & 15) << 4 | (uint64_t)(i + 1));
			c->held++;
			return;
		}
	}
	*cs_map_slot(&c->cell, id, NULL) = (void *)(intptr_t)(i + 1);
	c->held++;
}

int
cs_classes_customer(struct cs_classes *c, const char *id, const char *type,
    const char *grade)
{
	int g = *grade >= 'A' && *grade <= 'C' ? *grade - 'A' : 3, i;

	for (i = 0; i < CS_CLASS_TYPES && strcmp(type, cs_class_types[i]); i++)
		;
	if (i == CS_CLASS_TYPES)
		return -1;
	put_class(c, id, i * 4 + g);
	c->customers[i * 4 + g]++;
	return i * 4 + g;
}

/* What a thread adds up of the orders: its sums, merged after. */
struct sums {
	const struct cs_classes *c;
	long orders[CS_CLASSES + 1];
	int64_t wsum[CS_CLASSES + 1], fsum[CS_CLASSES + 1];
	struct cs_buf b;
};

static void
count(struct sums *s, const char *customer, double weight, double freight,
    cs_time created)
{
	int i;

	if (!cs_period_contains(&s->c->p, created) ||
	    (i = class_of(s->c, customer)) < 0)
		return;
	s->orders[i]++;
	add(&s->wsum[i], micro(weight));
	add(&s->fsum[i], micro(freight));
}

static void
merge(struct cs_classes *c, const struct sums *s)
{
	size_t i;

	for (i = 0; i < CS_CLASSES; i++) {
		c->orders[i] += s->orders[i];
		add(&c->wsum[i], s->wsum[i]);
		add(&c->fsum[i], s->fsum[i]);
	}
}

void
cs_classes_order(struct cs_classes *c, const char *customer, double weight,
    double freight, int cancelled, cs_time created)
{
	struct sums s = { .c = c };

	if (cancelled)
		return;
	count(&s, customer, weight, freight, created);
	merge(c, &s);
}

void
cs_classes_total(struct cs_classes *c)
{
	size_t i;

	c->customers[CS_CLASSES] = c->orders[CS_CLASSES] = 0;
	c->wsum[CS_CLASSES] = c->fsum[CS_CLASSES] = 0;
	for (i = 0; i < CS_CLASSES; i++) {
		c->customers[CS_CLASSES] += c->customers[i];
		c->orders[CS_CLASSES] += c->orders[i];
		add(&c->wsum[CS_CLASSES], c->wsum[i]);
		add(&c->fsum[CS_CLASSES], c->fsum[i]);
	}
	for (i = 0; i <= CS_CLASSES; i++) {
		c->weight[i] = (double)c->wsum[i] / 1e6;
		c->freight[i] = (double)c->fsum[i] / 1e6;
	}
}

/* A customer: id, type, grade. */
struct custpass {
	struct cs_classes *c;
	struct cs_buf b[3];
};

static int
customer(void *ctx, const struct cs_slice *f, long line)
{
	struct custpass *cp = ctx;

	(void)line;
	cs_classes_customer(cp->c, cs_slice_text(&f[0], &cp->b[0]),
	    cs_slice_text(&f[1], &cp->b[1]), cs_slice_text(&f[2], &cp->b[2]));
	return 0;
}

/* An order: customer, weight, freight, status, created_at. */
static int
order(void *ctx, const struct cs_slice *f, long line)
{
	struct sums *s = ctx;
	double w, fr;
	cs_time t;

	(void)line;
	if (f[3].n == 9 && memcmp(f[3].p, "cancelled", 9) == 0)
		return 0;
	if (cs_time_parse(cs_slice_text(&f[4], &s->b), &t) < 0)
		return 0;
	w = strtod(cs_slice_text(&f[1], &s->b), NULL);
	fr = strtod(cs_slice_text(&f[2], &s->b), NULL);
	count(s, cs_slice_text(&f[0], &s->b), w, fr, t);
	return 0;
}

/*
 * customers.csv on this thread (a customer's class is written once, the
 * last line of an id its class, as one reader would), then the period's
 * orders across the cores, each thread's sums added after: exact sums,
 * so the same whatever the threads.
 */
int
cs_classes_gather(struct cs_classes *c, struct cs_ds *ds,
    const struct cs_period *p)
{
	static const char *const ccols[] = { "id", "type", "grade" };
	static const char *const ocols[] = { "customer", "weight", "freight",
		"status", "created_at" };
	struct sums sh[CS_SCAN_THREADS_MAX];
	void *ctx[CS_SCAN_THREADS_MAX];
	struct custpass cp = { .c = c };
	struct cs_master m;
	const char **allcols;
	char **files = NULL;
	size_t nfiles, nt = 0, t, nall;
	int k, ret = -1;

	cs_classes_init(c, p);
	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		return -1;
	/* every field asked for, so every field checked as it is read */
	allcols = cs_scan_cols_all(ccols, 3, &m.hdr, &nall);
	k = cs_scan_store(m.path, allcols, nall, customer, &cp);
	free(allcols);
	for (t = 0; t < 3; t++)
		cs_buf_free(&cp.b[t]);
	if (k < 0 || (files = cs_dated_files(ds->dir, &cs_schema_orders, p)) == NULL)
		goto out;
	for (nfiles = 0; files[nfiles]; nfiles++)
		;
	nt = cs_scan_threads(nfiles);
	for (t = 0; t < nt; t++) {
		memset(&sh[t], 0, sizeof sh[t]);
		sh[t].c = c;
		ctx[t] = &sh[t];
	}
	if (cs_scan_parallel(files, nt, ocols, 5, order, ctx) < 0)
		goto out;
	for (t = 0; t < nt; t++)
		merge(c, &sh[t]);
	cs_classes_total(c);
	ret = 0;
out:
	for (t = 0; t < nt; t++)
		cs_buf_free(&sh[t].b);
	cs_master_close(&m);
	cs_strv_free(files);
	return ret;
}

void
cs_classes_free(struct cs_classes *c)
{
	cs_map_free(&c->cell, NULL);
	free(c->bynum);
	cs_buf_free(&c->b);
}
