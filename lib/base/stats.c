/*
 * stats.c: what sampling and scoring need of statistics: the normal
 * quantile, the sample size for a confidence and margin with the
 * finite-population correction, and the Wilson interval.
 */
#include <math.h>

#include "base/base.h"

/*
 * The quantile of the standard normal distribution at p, 0 < p < 1:
 * Acklam's rational approximation (relative error below 1.2e-9).
 */
double
cs_normal_quantile(double p)
{
	static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
		2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
		2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01,
		2.445134137142996e+00, 3.754408661907416e+00 };
	double q, r;

	if (p <= 0 || p >= 1)
		return p <= 0 ? -INFINITY : INFINITY;
	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q +
		    c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	if (p > 1 - 0.02425)
		return -cs_normal_quantile(1 - p);
	q = p - 0.5;
	r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r +
	    a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) *
	    r + 1);
}

/*
 * How many of a population of n to draw to estimate a proportion within
 * margin at confidence (two-sided), assuming the worst case p = 0.5, with
 * the finite-population correction; n itself when that is fewer.
 * n = 0 sizes for an unbounded population.
 */
long
cs_sample_size(long n, double confidence, double margin)
{
	double z = cs_normal_quantile(0.5 + confidence / 2);
	double n0 = z * z * 0.25 / (margin * margin), m;

	if (n <= 0)
		return (long)ceil(n0 - 1e-9);
	m = n0 / (1 + (n0 - 1) / (double)n);
	m = ceil(m - 1e-9);
	return m > (double)n ? n : (long)m;
}

/* The Wilson score interval of k successes in n at confidence. */
void
cs_wilson(long k, long n, double confidence, double *lo, double *hi)
{
	double z = cs_normal_quantile(0.5 + confidence / 2), p, d, c;

	if (n <= 0) {
		*lo = 0, *hi = 1;
		return;
	}
	p = (double)k / (double)n;
	d = 1 + z * z / (double)n;
	c = (p + z * z / (2.0 * (double)n)) / d;
	*lo = c - z * sqrt(p * (1 - p) / (double)n + z * z / (4.0 * (double)n *
	    (double)n)) / d;
	*hi = 2 * c - *lo;
	if (*lo < 0)
		*lo = 0;
	if (*hi > 1)
		*hi = 1;
}

/* The continued fraction of the regularized incomplete beta function
 * (modified Lentz), for x < (a + 1) / (a + b + 2). */
static double
beta_cf(double a, double b, double x)
{
	double c = 1, d = 1 - (a + b) * x / (a + 1), h, num, del;
	int m;

	d = 1 / (fabs(d) < 1e-300 ? 1e-300 : d);
	h = d;
	for (m = 1; m <= 300; m++) {
		num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 + num * d;
		d = 1 / (fabs(d) < 1e-300 ? 1e-300 : d);
		c = 1 + num / c;
		c = fabs(c) < 1e-300 ? 1e-300 : c;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		d = 1 + num * d;
		d = 1 / (fabs(d) < 1e-300 ? 1e-300 : d);
		c = 1 + num / c;
		c = fabs(c) < 1e-300 ? 1e-300 : c;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-15)
			break;
	}
	return h;
}

/* I_x(a, b), the regularized incomplete beta function. */
static double
inc_beta(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	    b * log(1 - x));
	if (x < (a + 1) / (a + b + 2))
		return front * beta_cf(a, b, x) / a;
	return 1 - front * beta_cf(b, a, 1 - x) / b;
}

/* P(T <= t) for Student's t with df degrees of freedom. */
static double
t_cdf(double t, double df)
{
	double tail = 0.5 * inc_beta(df / 2, 0.5, df / (df + t * t));

	return t > 0 ? 1 - tail : tail;
}

/* The quantile of Student's t with df degrees of freedom at p, found by
 * bisection on its distribution function. */
double
cs_t_quantile(double p, double df)
{
	double lo = -1e6, hi = 1e6, mid = 0;
	int i;

	if (p <= 0 || p >= 1 || df <= 0)
		return NAN;
	for (i = 0; i < 200 && hi - lo > 1e-12; i++) {
		mid = (lo + hi) / 2;
		if (t_cdf(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return mid;
}
