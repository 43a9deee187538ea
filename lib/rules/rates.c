/*
 * rates.c: freight quotes from policy/rates.csv: a line per origin region,
 * destination region and service level with the first weight and its
 * price, the price of each further kilogram, the minimum charge, the
 * volumetric divisor and the transit days.
 *
 * The chargeable weight is the larger of the actual weight (of the whole
 * order) and the volumetric weight (length x width x height in cm of one
 * piece / divisor, times the pieces), rounded up to the half kilogram; the freight is the first weight's price plus each
 * further kilogram's, never below the minimum; the promised delivery is
 * the day transit days after shipping.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rules/policy.h"

int
cs_rates_load(struct cs_rates *rt, const char *dir)
{
	struct cs_policy p;
	struct cs_rate *x;
	size_t i;

	memset(rt, 0, sizeof *rt);
	if (cs_policy_read(&p, dir, "policy/rates.csv") < 0)
		return -1;
	rt->v = cs_xmalloc((p.n ? p.n : 1) * sizeof *rt->v);
	for (i = 0; i < p.n; i++) {
		x = &rt->v[rt->n++];
		memset(x, 0, sizeof *x);
		snprintf(x->origin, sizeof x->origin, "%s",
		    cs_policy_s(&p, i, "origin"));
		snprintf(x->destination, sizeof x->destination, "%s",
		    cs_policy_s(&p, i, "destination"));
		snprintf(x->service, sizeof x->service, "%s",
		    cs_policy_s(&p, i, "service"));
		x->first_kg = cs_policy_v(&p, i, "first_kg");
		x->first_price = cs_policy_v(&p, i, "first_price");
		x->per_kg = cs_policy_v(&p, i, "per_kg");
		x->minimum = cs_policy_v(&p, i, "minimum");
		x->divisor = cs_policy_v(&p, i, "divisor");
		x->transit_days = (int)cs_policy_v(&p, i, "transit_days");
	}
	cs_policy_free(&p);
	return 0;
}

void
cs_rates_free(struct cs_rates *rt)
{
	free(rt->v);
	rt->v = NULL;
	rt->n = 0;
}

int
cs_quote(const struct cs_rates *rt, const char *origin, const char *dest,
    const char *service, double kg, double l, double w, double h, cs_time ship,
    struct cs_quote *q)
{
	return cs_quote_pieces(rt, origin, dest, service, kg, l, w, h, 1, ship,
	    q);
}

/*
 * Quote kg in all (and, when l > 0, pieces parcels of l x w x h cm each)
 * from origin to destination at the service level, shipped at ship.
 */
int
cs_quote_pieces(const struct cs_rates *rt, const char *origin,
    const char *dest, const char *service, double kg, double l, double w,
    double h, long pieces, cs_time ship, struct cs_quote *q)
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
	if (pieces < 1 || pieces > 100000)
		return cs_fail(CS_EDATA, "field 'quantity': %ld pieces is not a "
		    "quantity (at least 1, at most 100000)", pieces);
	for (i = 0; i < rt->n && !x; i++)
		if (!strcmp(rt->v[i].origin, origin) &&
		    !strcmp(rt->v[i].destination, dest) &&
		    !strcmp(rt->v[i].service, service))
			x = &rt->v[i];
	if (x == NULL)
		return cs_fail(CS_EDATA, "no rate from %s to %s by %s in "
		    "policy/rates.csv", origin, dest, service);
	q->actual = kg;
	q->volumetric = l > 0 ? l * w * h / x->divisor * (double)pieces : 0;
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
