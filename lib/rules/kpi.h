/*
 * kpi.h - the department's KPI rules: the measures, the rulebook, the
 * verdict and the monthly trend.
 *
 * The measures (kpi.c) are counts over the stores for one period and one
 * level: an agent monthly (the agent's records), a team leader quarterly
 * (the team's records, the leader's own among them), the manager yearly
 * (the department's).  Each person's are numerators and denominators
 * (sums of squares for the audit score), so that partial sums of several
 * runs add up (cs_kpi_merge) to what one run over all their records gives.
 * A rate has a 95 % Wilson interval, the audit score a t interval; a
 * measure with nothing to count has no data, never 0.
 *
 * The rulebook (verdict.c) is policy/kpi.csv: for each level and measure
 * a target, a weight, a direction (min: at least the target; max: at
 * most), whether missing it fails the period on its own, and how many
 * records a rate needs before a miss inside its interval counts, and
 * optionally a floor (short of it, no credit) and a credit curve (ratio,
 * the default, or linear from the floor to the target); the workload's
 * target may be a multiple of the team median; and the
 * pass and excellent marks and how many failed periods in a row are
 * flagged for a dismissal review.  Every value is checked (78, with its
 * line and field).  The verdict is the weighted mean of the measures'
 * credits, out of 100; where too few records stand behind a measure and
 * the outcome depends on it, "not enough data".  The excellent are the
 * rewarded.
 *
 * The trend (trend.c) is the monthly series of the management report:
 * inquiries by channel, complaints by cause, the after-sales resolution
 * rate and the satisfaction rate.
 *
 * Layers below: base, store.
 */
#ifndef CS_RULES_KPI_H
#define CS_RULES_KPI_H

#include "rules/rules.h"

/* kpi.c: the measures */
enum { CS_KPI_WORKLOAD, CS_KPI_SAT, CS_KPI_RES, CS_KPI_TIMELY, CS_KPI_ATT,
	CS_KPI_AUDIT, CS_KPI_COMPL, CS_KPI_INTIME, CS_KPI_PROMISES,
	CS_KPI_ACCURACY, CS_KPI_ANSWER, CS_KPI_N };
/* How far from a complaint its ticket may have been opened, and how long
 * after its receipt it may have been recorded, to count: the look-back
 * of cs-kpi(1), in days.  Each record's own times decide, so a period
 * scored whole counts what its parts count. */
#define CS_KPI_LOOK_DAYS 92
/* their names, in the order they are printed */
extern const char *const cs_kpi_measures[CS_KPI_N];
/* a rate has a denominator; a count (workload, complaints) has none */
extern const int cs_kpi_is_rate[CS_KPI_N];
/* the measure called name, or CS_KPI_N */
int cs_kpi_measure_find(const char *name);

struct cs_digest;
struct cs_kpi_person {
	char login[40], team[40];
	long num[CS_KPI_N], den[CS_KPI_N];
	double audit_sum, audit_sumsq;	/* in hundredths: whole, so exact */
	struct cs_digest *md;	/* with digest, the records so far */
	char digest[65];	/* with digest: of the records that counted */
	double median;		/* the workload median of the person's team
				 * at the level (cs_kpi_measure), 0 none */
	char name[96];		/* the roster's, or "" (cut at a character) */
};
struct cs_kpi {
	struct cs_ds *ds;
	const char *level;	/* agent, leader or manager */
	struct cs_period p;
	struct cs_map people;	/* login -> struct cs_kpi_person */
	struct cs_map team_leader;	/* team -> leader's login */
	char manager[40];
	struct cs_sla sla;
	struct cs_idtimes complained;	/* ticket id -> its complaints' times */
	struct cs_idtimes promised;	/* ticket id -> when promises were made */
	char covers[96];	/* score --partial: FROM..TO:DIGEST */
	int digest;		/* set: measure the digests too */
	int digest_median;	/* set: with each one's team median (the
				 * rulebook's workload target is relative) */
	char rules[65];		/* with digest: of the rules weighed by */
	struct cs_buf text[16];
	/* the SLA rule and answer target of a ticket's kind and channel,
	 * as asked (kpi.c: the rules were searched twice for each ticket) */
	struct cs_kpi_sla {
		char kind[24], channel[16];
		const struct cs_sla_rule *rule;
		int64_t answer;
	} slas[64];
	FILE *spool;		/* a share's digest notes, for the merge to
				 * add after the share before's (kpi.c) */
};
/* The kind of period a level is scored by: month, quarter or year. */
const char *cs_kpi_level_kind(const char *level);
/* Every person's measures for k->p at k->level, from k->ds.  With
 * k->digest set, also each person's digest (the SHA-256 of the records
 * that counted for them, in the order they were read: each ticket's
 * fields that are read and when its promise was made, each complaint,
 * each complaint about their tickets, each scored spot check, and their
 * login and team) and k->rules (cs_kpi_rules_digest). */
int cs_kpi_measure(struct cs_kpi *k);
/* The SHA-256 of the rules a verdict is weighed by and its measures
 * judged against: policy/kpi.csv, sla.csv and audit.csv, as bytes (an
 * absent one as absent).  The working hours and holidays are not in
 * it: a year's holidays are added as the year comes. */
int cs_kpi_rules_digest(const char *dir, char out[65]);
struct cs_kpi_person *cs_kpi_person(struct cs_kpi *k, const char *login);
/* The logins of k->people, sorted, NULL-terminated; the caller frees
 * the array (not the names). */
const char **cs_kpi_people(const struct cs_kpi *k);
/* The labels of the logins who (NULL-terminated): each "login name",
 * the roster's name, or the login alone when the roster has none; the
 * caller frees each and the array. */
char **cs_kpi_labels(struct cs_kpi *k, const char *const *who);
void cs_kpi_free(struct cs_kpi *k);

struct cs_kpi_value {
	int data;		/* 0: no data */
	double v, lo, hi;
};
struct cs_kpi_value cs_kpi_value(const struct cs_kpi_person *p, int m);
/* x (v's value or a bound) as printed: "no data", a rate to 4 places,
 * the audit score to 1, a count whole. */
void cs_kpi_format(char *out, size_t n, int m, struct cs_kpi_value v, double x);
/* The columns of score and score --partial; the numbers of measure m
 * of p under them (numerator to high, or to sumsq when partial): how
 * many; and the whole row, who's. */
#define CS_KPI_SCORE_COLS 9
#define CS_KPI_PARTIAL_COLS 8
extern const char *const cs_kpi_score_cols[CS_KPI_SCORE_COLS];
extern const char *const cs_kpi_partial_cols[CS_KPI_PARTIAL_COLS];
int cs_kpi_cells(const struct cs_kpi_person *p, int m, int partial,
    char b[5][40]);
void cs_kpi_score_row(const struct cs_kpi *k, const char *who,
    const struct cs_kpi_person *p, int m, int partial, struct cs_row *r);
/* Add up the partials of score --partial in the files argv[0..argc) (-
 * for standard input; runs may be concatenated, headers and all) into
 * k->people.  Each line carries what its run covers (the days and a
 * digest of its lines): a run given twice, or runs whose days overlap,
 * are 65; given, the runs must cover k->p, each day once (64).  Without
 * given, k->p.name becomes the partials' period, which they must share
 * (64 when they do not); a bad line is 65. */
int cs_kpi_merge(struct cs_kpi *k, int given, int argc, char **argv);

/* A scan of the dated store s over p, and three days after it, for
 * records made a little late. */
int cs_kpi_scan(const char *dir, const struct cs_schema *s,
    const struct cs_period *p, const char *const *cols, size_t n,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx);
/* The files that scan reads (NULL-ended, cs_strv_free) and in *nt how
 * many threads read them (cs_scan_threads): for cs_scan_parallel, the
 * caller merging its contexts in share order. */
char **cs_kpi_files(const char *dir, const struct cs_schema *s,
    const struct cs_period *p, size_t *nt);

/* The median of the workloads of the people of k with the same team
 * (those with data), into each one's median: cs_kpi_measure does it. */
void cs_kpi_medians(struct cs_kpi *k);

/* verdict.c: the rulebook and the verdict */
enum { CS_KPI_RATIO, CS_KPI_LINEAR };	/* the credit curves */
extern const char *const cs_kpi_curves[2];
struct cs_kpi_rule {
	int set;
	double target, weight;
	int max;		/* direction: the value must not exceed target */
	int mandatory;
	long min_records;
	int has_floor;		/* a floor: beyond it the measure earns 0 */
	double floor;
	int curve;		/* CS_KPI_RATIO (the default) or LINEAR */
	int relative;		/* workload: target and floor are multiples
				 * of the team median (p->median) */
};
/* The target and floor of r for p: a relative one times p's median. */
double cs_kpi_target(const struct cs_kpi_rule *r,
    const struct cs_kpi_person *p);
double cs_kpi_floor(const struct cs_kpi_rule *r,
    const struct cs_kpi_person *p);
/* The credit of value v under r, target t and floor f: 1 at or past the
 * target; 0 short of the floor; between, by the curve: ratio v / t (t /
 * v for max), linear (v - f) / (t - f). */
double cs_kpi_credit(const struct cs_kpi_rule *r, double v, double t,
    double f);
struct cs_kpi_rulebook {
	struct cs_kpi_rule m[CS_KPI_N];
	double pass, excellent;	/* 60 and 90 unless the file says */
	long consecutive;	/* 2 unless the file says */
};
int cs_kpi_rulebook(const char *dir, const char *level,
    struct cs_kpi_rulebook *rb);

enum { CS_KPI_NODATA, CS_KPI_MET, CS_KPI_MISSED, CS_KPI_UNDECIDED };
extern const char *const cs_kpi_status[4];
struct cs_kpi_judged {
	struct cs_kpi_value v;
	int status;
	double credit;		/* of the measure's weight, 0 to 1 */
};
struct cs_kpi_judged cs_kpi_judge(const struct cs_kpi_person *p, int m,
    const struct cs_kpi_rule *r);
const char *cs_kpi_outcome(double score, int mandatory_missed,
    const struct cs_kpi_rulebook *rb);
struct cs_kpi_verdict {
	double score;
	const char *outcome;	/* excellent pass fail "not enough data" */
	int reward;		/* excellent: on the rewards list (once its
				 * period has ended: cs_kpi_verdict_rows) */
	char rule[200];		/* why */
	struct cs_kpi_judged j[CS_KPI_N];
};
void cs_kpi_verdict(const struct cs_kpi_person *p,
    const struct cs_kpi_rulebook *rb, struct cs_kpi_verdict *v);
/* verdict --explain: the columns, and a row a measure, then the
 * composite and the rule. */
#define CS_KPI_EXPLAIN_COLS 14
#define CS_KPI_EXPLAIN_ROWS (CS_KPI_N + 2)
extern const char *const cs_kpi_explain_cols[CS_KPI_EXPLAIN_COLS];
void cs_kpi_explain(const struct cs_kpi_person *p,
    const struct cs_kpi_rulebook *rb, const struct cs_kpi_verdict *v,
    int flagged, struct cs_row rows[CS_KPI_EXPLAIN_ROWS]);

/* Storing the verdict of every person of k is the acting user's right
 * (rules/roles.h): 0, or -1 with the first refusal (77). */
int cs_kpi_may_store(struct cs_kpi *k);
/* The stored verdicts, kpi/verdicts.csv: no file is none. */
struct cs_kpi_stored {
	struct cs_row *rows;
	size_t n;
};
/* Each row in the columns of today's file, whatever the file's order
 * (one stored before a column existed has it empty): period, level,
 * person, score, outcome, review, computed_at, data_digest,
 * rules_digest. */
#define CS_KPI_STORED_COLS 9
int cs_kpi_stored_read(struct cs_ds *ds, struct cs_kpi_stored *s);
void cs_kpi_stored_free(struct cs_kpi_stored *s);
/* 1 when k's period has not ended at k->ds->now: its verdicts are
 * provisional, and a provisional fail never counts toward a review. */
int cs_kpi_unfinished(const struct cs_kpi *k);
/* The periods before one, measured as needed for the review. */
struct cs_kpi_prior {
	const struct cs_kpi_stored *s;
	struct cs_kpi *k;	/* the periods before, the one just before first */
	size_t n;
	char *measured;		/* k[i] measured */
};
void cs_kpi_prior_free(struct cs_kpi_prior *pr);
/* A fail in k's period, not provisional, that is the rulebook's
 * consecutive one in a row: 1 to flag for a review.  The periods before
 * are judged by their stored verdicts that are not provisional, else
 * computed from the stores (so the order periods are scored in changes
 * nothing); -1 on an error. */
int cs_kpi_review(struct cs_kpi_prior *pr, const struct cs_kpi *k,
    const char *person, const char *outcome,
    const struct cs_kpi_rulebook *rb);
/* 1 when the stored verdict of kept's period, level and person differs
 * from kept (a stored row), with the difference in why. */
int cs_kpi_changed(const struct cs_kpi_stored *s, const struct cs_row *kept,
    char *why, size_t n);
/* The review of verdict v as verdict prints it: "dismissal review" when
 * flagged, "provisional" while k's period has not ended, "reward" for an
 * excellent, else "". */
const char *cs_kpi_review_said(const struct cs_kpi *k,
    const struct cs_kpi_verdict *v, int flagged);
/* The verdict of who as verdict prints it (CS_KPI_VERDICT_COLS) and as
 * it is stored, computed at time now. */
#define CS_KPI_VERDICT_COLS 8
extern const char *const cs_kpi_verdict_cols[CS_KPI_VERDICT_COLS];
void cs_kpi_verdict_rows(const struct cs_kpi *k, const char *who,
    const struct cs_kpi_verdict *v, int flagged, const char *now,
    struct cs_row *shown, struct cs_row *stored);
/* kpi_verify.c: every stored verdict that is not provisional measured
 * again and held to its digests; each finding a line on report (the
 * verdict's line of kpi/verdicts.csv).  The number of findings, -1 on
 * an error. */
long cs_kpi_verify(struct cs_ds *ds, FILE *report);
/* The new kpi/verdicts.csv begins: its header and the stored verdicts of
 * other periods and levels than k's.  A stored verdict of k's period and
 * level whose person k has not is dropped, and journaled into j as
 * removed (its line old, new empty). */
void cs_kpi_stored_keep(const struct cs_kpi_stored *s, const struct cs_kpi *k,
    struct cs_buf *data, struct cs_buf *j);

/* trend.c: monthly series */
#define CS_TREND_MAX 36		/* months a trend covers at most */
struct cs_trend {
	struct cs_period p;
	int months;
	char name[CS_TREND_MAX][8];	/* YYYY-MM */
	cs_time start[CS_TREND_MAX + 1];
	struct cs_map series;	/* name -> double[CS_TREND_MAX] */
	struct cs_buf text[16];
};
/* The twelve months to the end of the month of the day before to: from
 * the start of the month a year before that one's next, to to. */
int cs_trend_year(cs_time to, struct cs_period *p);
/* The series of the months of p (from its month on) in the stores of
 * dir; 64 for a period without a month. */
int cs_trend_build(struct cs_trend *t, const char *dir,
    const struct cs_period *p);
void cs_trend_free(struct cs_trend *t);
/* The series to show, in order: inquiries by channel, complaints by
 * cause, then the after-sales resolution rate and the satisfaction rate;
 * the caller frees the array. */
const char **cs_trend_names(const struct cs_trend *t);
/* A series's value in month i: a count, or a rate (data 0: none). */
double cs_trend_value(const struct cs_trend *t, const char *name, int i,
    int *data);
/* A series's name as shown. */
void cs_trend_label(const char *name, char *out, size_t n);
/* The sum of the series named "prefix..." in month i. */
double cs_trend_sum(const struct cs_trend *t, const char *prefix, int i);
/* The complaint causes over the months from from on, the most frequent
 * first: their names (the caller frees each) and counts; how many. */
int cs_trend_causes(const struct cs_trend *t, cs_time from, char **names,
    double *v);

/* The report's tables (trend.c).  The period before p: the month before
 * when p is a month, else as long as p and ending where it begins. */
void cs_trend_before(const struct cs_period *p, struct cs_period *before);
/* The complaints received in p and in the period before, counted by
 * cause, "nature" CS_CAUSE_SEP "department" (base/group.h); the caller
 * frees both with cs_groups_free. */
#define CS_CAUSE_SEP "\x1f"
struct cs_groups;
int cs_trend_causes_of(const char *dir, const struct cs_period *p,
    struct cs_groups *now, struct cs_groups *before);
/* The after-sales tickets opened in p, by kind (return, exchange,
 * repair, then all of them): n opened, done resolved (status resolved
 * or closed), and the median hours from opened to resolved of the
 * resolved ones with a resolved_at not before opened_at (timed of them;
 * none: no data).  Each resolution time is held once, 8 bytes. */
#define CS_AFTERSALES_N 4
extern const char *const cs_trend_aftersales_kinds[CS_AFTERSALES_N];
struct cs_aftersales {
	const char *name;
	long n, done;
	size_t timed;
	double median;
};
int cs_trend_aftersales(const char *dir, const struct cs_period *p,
    struct cs_aftersales g[CS_AFTERSALES_N]);

#endif
