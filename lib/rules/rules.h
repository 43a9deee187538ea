/*
 * rules.h - the third layer: the department's rules.
 *
 * Each rule is read from its policy file under DATA/policy/ (edited by the
 * department; the defaults are in store/defaults.c) and applied to records
 * as plain functions of their inputs, so that each can be tested over a
 * table worked by hand.  Every policy file is read through one reader
 * against its schema (policy.c, policy.h); a policy that cannot be read
 * whole is an error (78) naming file, line and field.  The modules, by the work they rule
 * (those with a header of their own have NAME.h beside this one):
 *
 *	tickets		sla.c (clocks over working hours and holidays),
 *			ticket.c (the moves and what each may do),
 *			returns.c (the return and exchange window)
 *	complaints	complaint.c (nature to department, the steps, what is
 *			overdue and why), step.c (a step table, shared with
 *			orders)
 *	orders		order.c (the steps, lateness), rates.c (freight quotes)
 *	messages	notify.c (the events that owe a message, templates,
 *			the queuing in the event's commit)
 *	customers	grade.c (grades and early warnings), visits.c (the
 *			return-visit schedule), classes.c (the report's classes)
 *	spot check	rubric.c, sample.c (stratified sampling in one pass),
 *			audit.c (stored samples and manifests),
 *			audit_sample.c (the draw), audit_score.c (scores and
 *			the report's tally)
 *	KPI		kpi.c (the measures, merge), verdict.c (the rulebook,
 *			the verdict, the review of failed periods), trend.c
 *
 * Layers below: base, store.
 */
#ifndef CS_RULES_H
#define CS_RULES_H

#include "store/store.h"

/*
 * sla.c: service-level clocks over working hours and holidays.  A
 * business clock runs in the working hours of the record's channel
 * (policy/hours.csv; a channel without hours of its own keeps those of
 * "*"), a day's periods in order (a lunch break between two); not on a
 * day off (policy/holidays.csv, type off), and on a make-up working day
 * (type workday, a Saturday or Sunday) in the channel's Monday hours.
 */
#define CS_SLA_PERIODS 8	/* working periods of a weekday, at most */
struct cs_sla_rule {
	char kind[32], channel[16];
	int64_t first_response, resolution;	/* seconds */
	int64_t escalation;	/* seconds; 0: none */
	int business;
	int live;		/* opened during the contact (phone, visit):
				 * the opening is the first response */
	int64_t answer;		/* a call answered within, seconds (rings
				 * times a ring's length); -1: no target */
};
struct cs_sla_hours {
	char channel[16];	/* "*": every channel without its own */
	int n[7];		/* periods of each weekday, Monday = 0 */
	short open[7][CS_SLA_PERIODS], close[7][CS_SLA_PERIODS];
				/* minutes after midnight, in order */
};
struct cs_sla_date {
	int ymd;		/* YYYYMMDD */
	int workday;		/* 1: a make-up working day; 0: a day off */
};
struct cs_sla {
	struct cs_sla_rule *rules;
	size_t nrules;
	struct cs_sla_hours *hours;	/* hours[0] is "*" */
	size_t nhours;
	struct cs_sla_date *dates;	/* holidays.csv */
	size_t ndates;
};
int cs_duration_parse(const char *s, int64_t *secs);	/* policy.c */
void cs_duration_format(int64_t secs, char out[32]);
int cs_sla_load(struct cs_sla *s, const char *dir);
void cs_sla_free(struct cs_sla *s);
const struct cs_sla_rule *cs_sla_rule(const struct cs_sla *s, const char *kind,
    const char *channel);
/* The seconds a call of a record of kind and channel is to be answered
 * in, -1 no target: its rule's answer target; else, on the phone, the
 * first of a line of channel phone that gives one (the caller waits for
 * the telephone whatever the call turns out to be about). */
int64_t cs_sla_answer(const struct cs_sla *s, const char *kind,
    const char *channel);
/* The hours of channel (NULL or "*": those of "*"). */
const struct cs_sla_hours *cs_sla_hours(const struct cs_sla *s,
    const char *channel);
/* The seconds a clock of channel runs from a to b (0 if b <= a), and the
 * time at which one started at t has run secs; business 0: calendar
 * time, whatever the channel. */
int64_t cs_sla_elapsed(const struct cs_sla *s, int business,
    const char *channel, cs_time a, cs_time b);
cs_time cs_sla_add(const struct cs_sla *s, int business, const char *channel,
    cs_time t, int64_t secs);

/* rubric.c: the spot check's rubric and a record's score */
struct cs_rubric_cat {
	char name[32];
	double weight, max, standard;
	int critical;
};
struct cs_rubric {
	struct cs_rubric_cat *cats;
	size_t n;
};
int cs_rubric_load(struct cs_rubric *rb, const char *dir);
void cs_rubric_free(struct cs_rubric *rb);
double cs_rubric_score(const struct cs_rubric *rb, const double *s, int flagged,
    int *failed);

/* sample.c: stratified weighted sampling without replacement, one pass */
struct cs_cand {
	double key, weight;
	char why[96];
	struct cs_row row;
};
struct cs_stratum {
	size_t population;	/* records offered */
	struct cs_cand *heap;	/* the kept ones */
	size_t n;
};
struct cs_sampler {
	uint64_t seed;
	size_t k;
	struct cs_map strata;	/* name -> struct cs_stratum */
};
double cs_sample_u(uint64_t seed, const char *id);
uint64_t cs_sample_seed(const char *text);
void cs_sampler_init(struct cs_sampler *s, uint64_t seed, size_t k);
int cs_sampler_offer(struct cs_sampler *s, const char *name, const char *id,
    double weight, const char *why, const struct cs_row *row);
double cs_sample_key(uint64_t seed, const char *id, double weight);
struct cs_stratum *cs_sampler_stratum(struct cs_sampler *s, const char *name);
int cs_stratum_wants(const struct cs_sampler *s, const struct cs_stratum *st,
    double key);
void cs_stratum_keep(struct cs_sampler *s, struct cs_stratum *st, double key,
    double weight, const char *why, const struct cs_row *row);
void cs_sampler_trim(struct cs_stratum *st, size_t k);
struct cs_stratum **cs_sampler_result(struct cs_sampler *s, const char ***names,
    size_t *n);
void cs_sampler_free(struct cs_sampler *s);
/*
 * Share total among the n strata of populations pop in proportion, by
 * largest remainder: each gets floor(total x pop / P) (P their sum), the
 * rest one each to the largest remainders, the earlier stratum first
 * among equal ones, so the quotas q add up to total exactly (to P when
 * total is more).  Returns their sum.
 */
size_t cs_sample_allocate(size_t total, const size_t *pop, size_t n,
    size_t *q);

/* rates.c: freight quotes */
struct cs_rate {
	char origin[32], destination[32], service[16];
	double first_kg, first_price, per_kg, minimum, divisor;
	int transit_days;
};
struct cs_rates {
	struct cs_rate *v;
	size_t n;
};
struct cs_quote {
	double actual, volumetric, chargeable, freight;
	int transit_days;
	cs_time promised;	/* the end of the promised day */
};
int cs_rates_load(struct cs_rates *rt, const char *dir);
void cs_rates_free(struct cs_rates *rt);
int cs_quote(const struct cs_rates *rt, const char *origin, const char *dest,
    const char *service, double kg, double l, double w, double h, cs_time ship,
    struct cs_quote *q);
/* The same for pieces parcels of l x w x h cm each (kg the weight of them
 * all): the volumetric weight is one piece's times pieces (1 to 100000). */
int cs_quote_pieces(const struct cs_rates *rt, const char *origin,
    const char *dest, const char *service, double kg, double l, double w,
    double h, long pieces, cs_time ship, struct cs_quote *q);

/* grade.c: customer grades and early warnings (policy/grades.csv) */
/* The rules of a customer type: the last, CS_GRADE_ANY, of any other. */
#define CS_GRADE_ANY 3		/* channel, out-of-town, end (classes.h) */
struct cs_grade_rule {
	double threshold[2];	/* A, B */
	double coop_months;	/* full marks at this many months */
	double vol[3];		/* full marks: orders, weight, freight a year */
	double relative[2];	/* the top shares A and B of the type; -1:
				 * graded by the thresholds */
};
struct cs_grade_policy {
	double w[4];		/* cooperation, volume, satisfaction, loyalty */
	struct cs_grade_rule t[CS_GRADE_ANY + 1];
	double sat_none, sat_complaint, loyalty_visits;
	double recent, trailing;	/* alert windows, days */
	double drop, drop_min, complaints, sat_drop, sat_min, idle, reopens;
	char visit[3][16];	/* the visit cadence of A, B, C */
};
/* The rules of type ("end"): CS_GRADE_ANY for one outside the three. */
int cs_grade_type(const char *type);
int cs_grade_policy_load(struct cs_grade_policy *p, const char *dir);
/* One customer's year (the twelve months to now). */
struct cs_custstats {
	char id[16], type[16];
	char grade;		/* as stored: A, B, C or '\0' */
	int coop_months;	/* whole months since 'since' */
	long orders;		/* not cancelled */
	double weight, freight;
	int64_t wsum, fsum;	/* gathering them: exact, in millionths */
	unsigned months;	/* bit i: an order in the year's month i */
	int ratings, rating_sum;	/* tickets' and visits' 1 to 5 */
	int complaints, visits, answered;
	cs_time last_order;
	long orders_recent, orders_trailing;
	int complaints_recent, complaints_trailing;
	int rated_recent, rsum_recent, rated_before, rsum_before;
	int reopens;		/* of records of the alert windows */
	/* cs_grade_rank's: the score, the policy's grade, and under a
	 * relative rule its rank (how many of its type score as high or
	 * higher, itself and its ties included) of how many */
	double score;
	char want;
	int rank, of;
};
struct cs_grade_parts {
	double coop, vol[3], volume, rating, sat, loyalty, score;
	int active;		/* months with orders, at most 12 */
	char grade;
};
void cs_grade_score(const struct cs_grade_policy *p,
    const struct cs_custstats *s, struct cs_grade_parts *g);
#define CS_ALERTS_MAX 5
struct cs_alert {
	const char *kind;	/* volume complaints satisfaction idle reopens */
	char why[160];
};
int cs_alerts(const struct cs_grade_policy *p, const struct cs_custstats *s,
    cs_time now, struct cs_alert a[CS_ALERTS_MAX]);
struct cs_custset {
	struct cs_idset idx;	/* id -> index + 1 (uint32_t), 0: not held */
	struct cs_custstats *c;
	size_t n, cap;
	uint32_t *bynum;	/* C-NNNNNN: index + 1 by NNNNNN, 0 if none */
	size_t nnum;
	cs_time now, from;	/* the year */
	cs_time recent, trailing;	/* where the alert windows start */
	int month0;		/* year * 12 + month - 1 of from */
	const char *only;	/* cs_custset_gather_one: its customer's id */
};
/* The customer id of the set, or NULL. */
struct cs_custstats *cs_custset_find(const struct cs_custset *set,
    const char *id);
/* Every customer of customers.csv with its figures, score and the
 * policy's grade (want), in the file's order, to each (a return not 0
 * ends the walk and is returned), in memory bounded by buffers, not by
 * customers (the records sorted by customer on disk under $TMPDIR,
 * about 40 bytes a record).  With rank, want is the relative rule's
 * where a type has one, and the figures given are then the id, type,
 * grade, score and want only; without, want is by the thresholds and
 * every figure is given.  A customers.csv not in id order, or with an
 * id not of the stores' shape, is graded held (cs_custset_gather). */
int cs_custset_walk(struct cs_ds *ds, const struct cs_grade_policy *p,
    int rank, int (*each)(void *, const struct cs_custstats *), void *ctx);
/* Gathered, then ranked (cs_grade_rank). */
int cs_custset_gather(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p);
/* Every customer's score and the policy's grade: by its type's
 * thresholds, or where the type has a relative rule by rank: A when its
 * rank is within the top relative.A of the type's customers, else B when
 * within the top relative.A + relative.B, else C.  Customers of equal
 * score share the rank of the last of them (the worse grade), so a type
 * where nobody did anything is all C, not all A. */
void cs_grade_rank(const struct cs_grade_policy *p, struct cs_custset *set);
/* The set of one customer, for explaining a grade: customers.csv is read
 * (and validated) whole, but only the customer id is held.  Where no type
 * is ranked, only its records of the year are counted; where one is,
 * every customer is walked (cs_custset_walk), its figures kept and, of a
 * ranked type, its rank and want found among its type's.  No customer
 * id: an empty set.  cs_custset_figures_one: its figures only (its rank
 * and want as if it were alone), for its alerts. */
int cs_custset_gather_one(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *id);
int cs_custset_figures_one(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *id);
void cs_custset_free(struct cs_custset *set);

#endif
