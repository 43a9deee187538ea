/*
 * classes.c: the classification report of cs-customer (classes.h): one
 * pass over customers.csv puts each customer in its class, one over the
 * period's orders (the fast scanner) adds each order to its customer's.
 * test_classes.c holds the sums to a hand-made table.
 */
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

int
cs_classes_customer(struct cs_classes *c, const char *id, const char *type,
    const char *grade)
{
	int g = *grade >= 'A' && *grade <= 'C' ? *grade - 'A' : 3, i;

	for (i = 0; i < CS_CLASS_TYPES && strcmp(type, cs_class_types[i]); i++)
		;
	if (i == CS_CLASS_TYPES)
		return -1;
	*cs_map_slot(&c->cell, id, NULL) = (void *)(intptr_t)(i * 4 + g + 1);
	c->customers[i * 4 + g]++;
	return i * 4 + g;
}

void
cs_classes_order(struct cs_classes *c, const char *customer, double weight,
    double freight, int cancelled, cs_time created)
{
	void *v;
	int i;

	if (cancelled || !cs_period_contains(&c->p, created) ||
	    (v = cs_map_get(&c->cell, customer)) == NULL)
		return;
	i = (int)(intptr_t)v - 1;
	c->orders[i]++;
	c->weight[i] += weight;
	c->freight[i] += freight;
}

void
cs_classes_total(struct cs_classes *c)
{
	size_t i;

	c->customers[CS_CLASSES] = c->orders[CS_CLASSES] = 0;
	c->weight[CS_CLASSES] = c->freight[CS_CLASSES] = 0;
	for (i = 0; i < CS_CLASSES; i++) {
		c->customers[CS_CLASSES] += c->customers[i];
		c->orders[CS_CLASSES] += c->orders[i];
		c->weight[CS_CLASSES] += c->weight[i];
		c->freight[CS_CLASSES] += c->freight[i];
	}
}

/* An order: customer, weight, freight, status, created_at. */
static int
order(void *ctx, const struct cs_slice *f, long line)
{
	struct cs_classes *c = ctx;
	const char *customer;
	double w, fr;
	cs_time t;

	(void)line;
	if (f[3].n == 9 && memcmp(f[3].p, "cancelled", 9) == 0)
		return 0;
	if (cs_time_parse(cs_slice_text(&f[4], &c->b), &t) < 0)
		return 0;
	w = strtod(cs_slice_text(&f[1], &c->b), NULL);
	fr = strtod(cs_slice_text(&f[2], &c->b), NULL);
	customer = cs_slice_text(&f[0], &c->b);
	cs_classes_order(c, customer, w, fr, 0, t);
	return 0;
}

int
cs_classes_gather(struct cs_classes *c, struct cs_ds *ds,
    const struct cs_period *p)
{
	static const char *const ocols[] = { "customer", "weight", "freight",
		"status", "created_at" };
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 };
	char **files = NULL, **f;
	int k, ret = -1;

	cs_classes_init(c, p);
	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		return -1;
	if (cs_reader_open(&r, m.path, CS_READ_STORE, 0) < 0)
		goto out;
	while ((k = cs_reader_next(&r, &row)) > 0)
		cs_classes_customer(c, cs_row_get(&row, (size_t)m.idx[0]),
		    cs_row_get(&row, (size_t)m.idx[8]),
		    cs_row_get(&row, (size_t)m.idx[9]));
	cs_reader_close(&r);
	if (k < 0 || (files = cs_dated_files(ds->dir, &cs_schema_orders, p)) ==
	    NULL)
		goto out;
	for (f = files; *f; f++)
		if (cs_scan_store(*f, ocols, 5, order, c) < 0)
			goto out;
	cs_classes_total(c);
	ret = 0;
out:
	cs_master_close(&m);
	cs_strv_free(files);
	cs_row_free(&row);
	return ret;
}

void
cs_classes_free(struct cs_classes *c)
{
	cs_map_free(&c->cell, NULL);
	cs_buf_free(&c->b);
}
