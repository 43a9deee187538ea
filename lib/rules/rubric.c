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

#include "rules/rules.h"

int
cs_rubric_load(struct cs_rubric *rb, const char *dir)
{
	static const char *cols[] = { "category", "weight", "max", "standard",
		"critical" };
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_rubric_cat *c;
	int idx[5], k, i, ret = -1;
	char *end;

	memset(rb, 0, sizeof *rb);
	if (cs_policy_open(&r, dir, 0, "policy/audit.csv") < 0)
		return -1;
	for (i = 0; i < 5; i++)
		if ((idx[i] = cs_row_find(&r.hdr, cols[i])) < 0) {
			cs_fail(CS_ECONFIG, "policy/audit.csv:1: no '%s' column", cols[i]);
			goto out;
		}
	while ((k = cs_reader_next(&r, &row)) > 0) {
		rb->cats = cs_xrealloc(rb->cats, (rb->n + 1) * sizeof *rb->cats);
		c = &rb->cats[rb->n++];
		memset(c, 0, sizeof *c);
		snprintf(c->name, sizeof c->name, "%s", cs_row_get(&row, (size_t)idx[0]));
		c->weight = strtod(cs_row_get(&row, (size_t)idx[1]), &end);
		if (*end || !isfinite(c->weight) || c->weight < 0)
			break;
		c->max = strtod(cs_row_get(&row, (size_t)idx[2]), &end);
		if (*end || !isfinite(c->max) || c->max <= 0)
			break;
		c->standard = strtod(cs_row_get(&row, (size_t)idx[3]), &end);
		if (*end || !isfinite(c->standard) || c->standard > c->max)
			break;
		c->critical = strcmp(cs_row_get(&row, (size_t)idx[4]), "yes") == 0;
	}
	if (k > 0)
		cs_fail(CS_ECONFIG, "policy/audit.csv:%ld: want a weight, a max above "
		    "0 and a standard up to max", row.line);
	else if (k < 0)
		cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	else if (rb->n == 0)
		cs_fail(CS_ECONFIG, "policy/audit.csv: no categories");
	else
		ret = 0;
out:
	cs_row_free(&row);
	cs_reader_close(&r);
	if (ret < 0)
		cs_rubric_free(rb);
	return ret;
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
