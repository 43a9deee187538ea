/*
 * rubric.c: the spot check's rubric (policy/audit.csv) and the score of
 * one audited record.
 *
 * Each category has a weight, the top of its scale (max), the score that
 * meets the standard, and whether it is critical.  A record's score is
 * the weighted mean of its category scores, each as a share of its max,
 * out of 100; a critical category below its standard, or the auditor's
 * critical flag, fails the whole record, which then scores 0.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rules/policy.h"

int
cs_rubric_load(struct cs_rubric *rb, const char *dir)
{
	struct cs_policy p;
	struct cs_rubric_cat *c;
	size_t i;

	memset(rb, 0, sizeof *rb);
	if (cs_policy_read(&p, dir, "policy/audit.csv") < 0)
		return -1;
	rb->cats = cs_xmalloc(p.n * sizeof *rb->cats);	/* 1 or more */
	for (i = 0; i < p.n; i++) {
		c = &rb->cats[rb->n++];
		memset(c, 0, sizeof *c);
		snprintf(c->name, sizeof c->name, "%s",
		    cs_policy_s(&p, i, "category"));
		c->weight = cs_policy_v(&p, i, "weight");
		c->max = cs_policy_v(&p, i, "max");
		c->standard = cs_policy_v(&p, i, "standard");
		c->critical = strcmp(cs_policy_s(&p, i, "critical"), "yes") == 0;
	}
	cs_policy_free(&p);
	return 0;
}

void
cs_rubric_free(struct cs_rubric *rb)
{
	free(rb->cats);
	rb->cats = NULL;
	rb->n = 0;
}

/*
 * The score of a record out of 100 from its category scores (in the
 * rubric's order) and the auditor's critical flag; *failed says whether
 * it failed critically.
 */
double
cs_rubric_score(const struct cs_rubric *rb, const double *s, int flagged,
    int *failed)
{
	double sum = 0, wsum = 0;
	size_t i;

	*failed = flagged;
	for (i = 0; i < rb->n; i++) {
		sum += rb->cats[i].weight * s[i] / rb->cats[i].max;
		wsum += rb->cats[i].weight;
		if (rb->cats[i].critical && s[i] < rb->cats[i].standard)
			*failed = 1;
	}
	if (*failed)
		return 0;
	return wsum > 0 ? 100 * sum / wsum : 0;
}
