/*
 * rates.c: freight quotes from policy/rates.csv: a line per origin region,
 * destination region and service level with the first weight and its
 * price, the price of each further kilogram, the minimum charge, the
 * volumetric divisor and the transit days.
 *
 * The chargeable weight is the larger of the actual weight and the
 * volumetric weight (length x width x height in cm / divisor), rounded up
 * to the half kilogram; the freight is the first weight's price plus each
 * further kilogram's, never below the minimum; the promised delivery is
 * the day transit days after shipping.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

int
cs_rates_load(struct cs_rates *rt, const char *dir)
{
	static const char *cols[] = { "origin", "destination", "service",
		"first_kg", "first_price", "per_kg", "minimum", "divisor",
		"transit_days" };
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_rate *x;
	int idx[9], k, i, ret = -1;
	long days;
	char *end;

	memset(rt, 0, sizeof *rt);
	if (cs_policy_open(&r, dir, 0, "policy/rates.csv") < 0)
		return -1;
	for (i = 0; i < 9; i++)
		if ((idx[i] = cs_row_find(&r.hdr, cols[i])) < 0) {
			cs_fail(CS_ECONFIG, "policy/rates.csv:1: no '%s' column", cols[i]);
			goto out;
		}
	while ((k = cs_reader_next(&r, &row)) > 0) {
		double v[5];
		rt->v = cs_xrealloc(rt->v, (rt->n + 1) * sizeof *rt->v);
		x = &rt->v[rt->n++];
		snprintf(x->origin, sizeof x->origin, "%s", cs_row_get(&row, (size_t)idx[0]));
		snprintf(x->destination, sizeof x->destination, "%s",
		    cs_row_get(&row, (size_t)idx[1]));
		snprintf(x->service, sizeof x->service, "%s", cs_row_get(&row,
		    (size_t)idx[2]));
		for (i = 0; i < 5; i++) {
			v[i] = strtod(cs_row_get(&row, (size_t)idx[3 + i]), &end);
			if (*end || !isfinite(v[i]) || v[i] < 0 || (i == 4 && v[i] <= 0)) {
				cs_fail(CS_ECONFIG, "policy/rates.csv:%ld: field '%s': not a "
				    "number%s: '%s'", row.line, cols[3 + i], i == 4 ?
				    " above 0" : " of 0 or more", cs_row_get(&row,
				    (size_t)idx[3 + i]));
				goto out;
			}
		}
		x->first_kg = v[0], x->first_price = v[1], x->per_kg = v[2];
		x->minimum = v[3], x->divisor = v[4];
		days = strtol(cs_row_get(&row, (size_t)idx[8]), &end, 10);
		if (*end || days < 0 || days > 90) {
			cs_fail(CS_ECONFIG, "policy/rates.csv:%ld: field 'transit_days': "
			    "not 0 to 90", row.line);
			goto out;
		}
		x->transit_days = (int)days;
		for (i = 0; i + 1 < (int)rt->n; i++)
			if (!strcmp(rt->v[i].origin, x->origin) &&
			    !strcmp(rt->v[i].destination, x->destination) &&
			    !strcmp(rt->v[i].service, x->service)) {
				cs_fail(CS_ECONFIG, "policy/rates.csv:%ld: a second rate "
				    "from %s to %s by %s", row.line, x->origin,
				    x->destination, x->service);
				goto out;
			}
	}
	if (k == 0)
		ret = 0;
	else
		cs_fail(CS_ECONFIG, "%s", cs_errmsg());
out:
	cs_row_free(&row);
	cs_reader_close(&r);
	if (ret < 0)
		cs_rates_free(rt);
	return ret;
}

void
cs_rates_free(struct cs_rates *rt)
{
	free(rt->v);
	rt->v = NULL;
	rt->n = 0;
}

/*
 * Quote kg (and, when l > 0, a parcel of l x w x h cm) from origin to
 * destination at the service level, shipped at ship.
 */
int
cs_quote(const struct cs_rates *rt, const char *origin, const char *dest,
    const char *service, double kg, double l, double w, double h, cs_time ship,
    struct cs_quote *q)
{
	const struct cs_rate *x = NULL;
	double extra;
	size_t i;
	int y, m, d;
	char day[16];

	memset(q, 0, sizeof *q);
	if (!(kg > 0) || kg > 50000)
		return cs_fail(CS_EDATA, "field 'weight': %g kg is not a weight "
		    "(above 0, at most 50000)", kg);
	if (l != 0 || w != 0 || h != 0) {
		if (!(l > 0 && w > 0 && h > 0) || l > 1500 || w > 1500 || h > 1500)
			return cs_fail(CS_EDATA, "field 'length': %g x %g x %g cm are "
			    "not the dimensions of a parcel (each above 0, at most "
			    "1500)", l, w, h);
	}
	for (i = 0; i < rt->n && !x; i++)
		if (!strcmp(rt->v[i].origin, origin) &&
		    !strcmp(rt->v[i].destination, dest) &&
		    !strcmp(rt->v[i].service, service))
			x = &rt->v[i];
	if (x == NULL)
		return cs_fail(CS_EDATA, "no rate from %s to %s by %s in "
		    "policy/rates.csv", origin, dest, service);
	q->actual = kg;
	q->volumetric = l > 0 ? l * w * h / x->divisor : 0;
	q->chargeable = ceil(fmax(kg, q->volumetric) * 2 - 1e-9) / 2;
	extra = q->chargeable - x->first_kg;
	q->freight = x->first_price + (extra > 0 ? ceil(extra - 1e-9) * x->per_kg :
	    0);
	if (q->freight < x->minimum)
		q->freight = x->minimum;
	q->freight = round(q->freight * 100) / 100;
	q->transit_days = x->transit_days;
	cs_date_format(ship, day);
	cs_date_parse(day, &y, &m, &d);
	cs_mktime_local(y, m, d + x->transit_days, 23, 59, 59, &q->promised);
	return 0;
}
