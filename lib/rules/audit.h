/*
 * audit.h - the weekly spot check: drawing a sample of the service
 * records, storing it, and reading and tallying its scores.
 *
 * A sample is drawn from the records opened in a period, the tickets and
 * complaints of the stores or the records of CSV files, stratified by
 * agent, or by agent and category with a quota each (--per); a size
 * shared by all the strata (--overall) goes by largest remainder, so
 * exactly that many are drawn; with --weight risk a risky record (low rating, poor attitude,
 * missed SLA, reopened, a complaint) weighs the risk factor.  The keys come
 * from the seed and the ids alone, so the same seed draws the same sample
 * from the same records in any order, whatever the threads (audit_sample.c).
 *
 * A drawn sample is audits/NAME.csv; its manifest, audits/NAME.manifest.csv,
 * holds field,value lines that say how to draw it again (audit.c).  The
 * auditors' scores are audits/NAME.scores.csv, a line a record, each score
 * checked against the rubric before anything is stored; the report tallies
 * them by agent and team (audit_score.c).
 *
 * Layers below: base, store.
 */
#ifndef CS_RULES_AUDIT_H
#define CS_RULES_AUDIT_H

#include "rules/rules.h"

/* audit.c: stored samples, their manifests and scores files */

/* The columns of a stored sample, in order. */
enum {
	CS_AUDIT_SAMPLE, CS_AUDIT_ID, CS_AUDIT_AGENT, CS_AUDIT_TEAM,
	CS_AUDIT_KIND, CS_AUDIT_CHANNEL, CS_AUDIT_OPENED, CS_AUDIT_SUBJECT,
	CS_AUDIT_WEIGHT, CS_AUDIT_REASON, CS_AUDIT_SEED, CS_AUDIT_STATUS,
	CS_AUDIT_NOTE, CS_AUDIT_NCOLS
};
extern const char *const cs_audit_cols[CS_AUDIT_NCOLS];

/* --per: a quota for each category of records, a category a kind or
 * after-sales (return, exchange and repair); records of other kinds are
 * left out, and each agent's records of a category are a stratum. */
#define CS_AUDIT_CATS 8
struct cs_audit_per {
	size_t n;
	struct cs_audit_cat {
		char name[16];		/* as given: inquiry, after-sales ... */
		char kinds[48];		/* its kinds: "return,exchange,repair" */
		long k;
	} v[CS_AUDIT_CATS];
};

/* A sample: its name, its records, and how it is drawn; all that its
 * manifest records. */
struct cs_audit_spec {
	const char *name;
	const char *const *files;	/* the records' files, NULL-ended, or
					 * NULL: the stores */
	const char *map;	/* the files' columns renamed: "from=to,...",
				 * or NULL */
	struct cs_period p;	/* records opened in it */
	long k;			/* a stratum's size; 0: from confidence, margin */
	double confidence, margin;
	int overall;		/* one size for all (k, or from confidence and
				 * margin), shared by the strata */
	const struct cs_audit_per *per;	/* a size a category, or NULL */
	int risk;		/* risky records weigh factor */
	double factor;
	const char *agent, *team;	/* filters, or NULL */
	const char *kind;	/* a filter: kinds, "inquiry,return", or NULL */
	uint64_t seed;
};

/* Rows read from a stored file, laid out in the columns asked for. */
struct cs_audit_rows {
	struct cs_row *v;
	size_t n;
};
void cs_audit_rows_free(struct cs_audit_rows *r);

/* A sample's name (letters, digits, - . _; it names files): 1 if valid. */
int cs_audit_name_valid(const char *s);
/* "audits/NAME{suffix}.csv"; the caller frees it. */
char *cs_audit_rel(const char *name, const char *suffix);
/* The stored samples' names, sorted; NULL on an error reading audits/. */
char **cs_audit_names(const struct cs_ds *ds);
void cs_audit_header(struct cs_row *h);
/* The stored sample name; an absent one is status 1 ("no sample NAME"). */
int cs_audit_read(const struct cs_ds *ds, const char *name,
    struct cs_audit_rows *rows);
/* The records drawn and not replaced in the stored samples: id -> the
 * sample's name (a copy). */
int cs_audit_index(const struct cs_ds *ds, struct cs_map *ids);

/* A sample's manifest. */
struct cs_audit_manifest {
	struct cs_map fields;	/* field -> value */
	char agent[64], team[64], kind[128];	/* the filters, for a spec */
	struct cs_audit_per per;	/* the method, if by category */
	const char *files[2];	/* the source, if files */
};
struct cs_audit_drawn;
/* The lines of the manifest of sample spec, drawn at now into d. */
void cs_audit_manifest(struct cs_buf *man, const struct cs_audit_spec *spec,
    cs_time now, const struct cs_audit_drawn *d);
/* 0 read, 1 absent (ENOENT), -1 an error. */
int cs_audit_manifest_load(const struct cs_ds *ds, const char *name,
    struct cs_audit_manifest *m);
/* The field's value, "" if none. */
const char *cs_audit_manifest_get(const struct cs_audit_manifest *m,
    const char *field);
/* What the manifest says of the draw: the period, the source, the map,
 * the categories, the weight, the filters (pointing into m) and the
 * seed. */
void cs_audit_manifest_spec(const struct cs_audit_manifest *m,
    struct cs_audit_spec *spec);
void cs_audit_manifest_free(struct cs_audit_manifest *m);
/* The stored sample that drew id: its name (the caller frees it) and its
 * manifest. */
int cs_audit_find(const struct cs_ds *ds, const char *id, char **name,
    struct cs_audit_manifest *m);

/* A row of a sample, as stored and printed. */
void cs_audit_row(struct cs_row *r, const char *name, const struct cs_cand *c,
    uint64_t seed, const char *status, const char *note);
/* Lock held: store the sample d drawn as spec, and its manifest, in one
 * change; the number of records stored, or -1 (status 1 and nothing
 * stored when d is empty). */
long cs_audit_store(struct cs_ds *ds, const struct cs_audit_spec *spec,
    const struct cs_audit_drawn *d);
/* Lock held: the record to draw in place of id, drawn in a stored
 * sample: the next record of its agent (of its category, with --per),
 * drawn as the sample was, from files if it was (which must then be
 * given); the sample's name (the caller frees it), its rows and the new
 * row.  Status 1 when there is none. */
int cs_audit_redraw(const struct cs_ds *ds, const char *id,
    const char *const *files, char **name, struct cs_audit_rows *rows,
    struct cs_row *row);
/* Lock held: in the stored sample name (its rows), mark id replaced for
 * reason and add row, the one drawn in its place. */
int cs_audit_replace(struct cs_ds *ds, const char *name,
    struct cs_audit_rows *rows, const char *id, const char *reason,
    const struct cs_row *row);

/* The header of a scores file: id, the rubric's categories, critical,
 * notes, auditor, scored_at. */
void cs_audit_scores_header(const struct cs_rubric *rb, struct cs_row *h);
/* The scores of sample name, laid out as that header; none if absent. */
int cs_audit_scores_read(const struct cs_ds *ds, const struct cs_rubric *rb,
    const char *name, struct cs_audit_rows *rows);

/* audit_sample.c: the risk of a record, the draw */

/* What a record says, found by column name in any source. */
enum {
	CS_AF_ID, CS_AF_AGENT, CS_AF_TEAM, CS_AF_KIND, CS_AF_CHANNEL,
	CS_AF_OPENED, CS_AF_SUBJECT, CS_AF_SAT, CS_AF_ATT, CS_AF_REOPENS,
	CS_AF_DUE, CS_AF_RESOLVED, CS_AF_FIRST, CS_AF_PROMISED, CS_AF_N
};
extern const char *const cs_audit_fields[CS_AF_N];
/* Why the record with fields v is a risk, "low rating; missed SLA", or ""
 * when it is not. */
void cs_audit_risks(const char *const *v, char *why, size_t n);

/* The kinds of list, "inquiry,after-sales", each checked, after-sales
 * as return,exchange,repair, in out; -1 (64) naming a kind unknown. */
int cs_audit_kinds(const char *list, struct cs_buf *out);
/* 1 if kind is one of list's ("inquiry,return"). */
int cs_audit_kind_in(const char *list, const char *kind);
/* --per "inquiry=3,complaint=1,after-sales=1" in per: each category a
 * kind or after-sales, once, each quota a whole number from 1; -1 (64)
 * saying what is wrong. */
int cs_audit_per_parse(const char *s, struct cs_audit_per *per);
/* per as --per gives it, in b. */
void cs_audit_per_format(const struct cs_audit_per *per, struct cs_buf *b);
/* The category of kind in per, or -1. */
int cs_audit_per_find(const struct cs_audit_per *per, const char *kind);

/* A sample drawn: the strata kept, sorted by name ("agent", or with
 * --per "agent/category"). */
struct cs_audit_drawn {
	struct cs_sampler s;
	const char **names;
	struct cs_stratum **v;
	size_t n;
};
/*
 * Draw the sample spec from the records under the data directory dir (or
 * in spec->files, all of them, in one pass): every record opened in the
 * period that passes the filters, but those in skip (the audited ones),
 * and when only is given the records of that agent alone; each stratum
 * cut to its quota.  A file's columns are renamed by spec->map first; a
 * file with no kind column but a received_at one is a list of complaints
 * (as cs-complain list writes it), read as the complaint store is.
 */
int cs_audit_draw(const char *dir, const struct cs_audit_spec *spec,
    const struct cs_map *skip, const char *only, struct cs_audit_drawn *d);
/* Cut each stratum (names[i], v[i]) to its quota: k, its category's
 * quota, the size confidence and margin give it, or with overall its
 * share of the total by largest remainder. */
void cs_audit_trim(const struct cs_audit_spec *spec, const char **names,
    struct cs_stratum **v, size_t n);
void cs_audit_drawn_free(struct cs_audit_drawn *d);

/* audit_score.c: checking and storing scores, the report */

/* The rubric's category names (policy/audit.csv), for the sheet. */
int cs_audit_categories(const char *dir, struct cs_row *cats);
/* Why the score v will not do for category c, or NULL. */
const char *cs_audit_check_score(const struct cs_rubric_cat *c, const char *v);
/* 1 if v is a critical flag: empty, or yes or no as cs_yesno reads them. */
int cs_audit_check_critical(const char *v);
/* The scores row of id, by ds's user now, from the values get(ctx, column)
 * gives; -1 with a line for each problem (after where) in problems. */
int cs_audit_score_row(const struct cs_ds *ds, const struct cs_rubric *rb,
    const char *(*get)(void *, const char *), void *ctx, const char *id,
    struct cs_row *out, struct cs_buf *problems, const char *where);
/* Lock held: replace or add the scored rows of sample name. */
int cs_audit_scores_store(struct cs_ds *ds, const struct cs_rubric *rb,
    const char *name, const struct cs_row *scored, size_t n,
    const char *command);
/* Lock held: the filled sheet file checked whole, every problem named
 * (file:line: problem), and stored only if it has none.  idx is
 * cs_audit_index's. */
int cs_audit_import(struct cs_ds *ds, const struct cs_rubric *rb,
    const struct cs_map *idx, const char *file);

/* The scores of an agent or a team. */
struct cs_audit_tally {
	char name[64];
	long n, fails;		/* records, critical fails */
	double sum, sumsq;	/* of the scores */
	double *cat;		/* sum of each category's share of its max */
	long *below;		/* records below standard, per category */
};
/* name's tally in m, a new one if none yet. */
struct cs_audit_tally *cs_audit_tally_of(struct cs_map *m, const char *name,
    size_t ncat);
void cs_audit_tally_add(struct cs_audit_tally *t, const struct cs_rubric *rb,
    const double *s, double score, int failed);
void cs_audit_tally_free(void *t);
/* The mean score and its 95 % t interval within 0 and 100 (both 0 for a
 * single record). */
void cs_audit_interval(const struct cs_audit_tally *t, double *mean,
    double *lo, double *hi);
/* The category whose mean share of its max is lowest. */
size_t cs_audit_weakest(const struct cs_audit_tally *t,
    const struct cs_rubric *rb);
/* 1 if the mean of category i is below its standard. */
int cs_audit_below_standard(const struct cs_audit_tally *t,
    const struct cs_rubric *rb, size_t i);

/* The report of the samples drawn in a period. */
struct cs_audit_report {
	struct cs_rubric rb;
	struct cs_map agents, teams;	/* name -> struct cs_audit_tally */
};
extern const char *const cs_audit_report_cols[9];
/* The rubric, and the tallies of the scored records of the samples drawn
 * in p. */
int cs_audit_report_gather(const struct cs_ds *ds, const struct cs_period *p,
    struct cs_audit_report *rep);
/* The lines of the report, in cs_audit_report_cols, each given to emit:
 * the agents, the teams (by name), the common problems, the individual
 * ones. */
void cs_audit_report_rows(const struct cs_audit_report *rep,
    void (*emit)(void *, const struct cs_row *), void *ctx);
void cs_audit_report_free(struct cs_audit_report *rep);

#endif
