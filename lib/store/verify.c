/*
 * verify.c: cs verify, the stores held to the journal.
 *
 * Two passes.  The journal, month by month in order: each line's hash
 * against the chain (chain.c), and the replay, which rebuilds each
 * record as the journal says it is: an add or import line (no field)
 * holds the whole record in the store dialect, a change line (id, field,
 * new) sets one column of it.  Then the records of staff.csv,
 * customers.csv and the chunks of tickets/, complaints/ and orders/,
 * each compared, byte for byte, with its rebuilt line: a record that
 * differs (a hand edit), one the journal never added (a line inserted),
 * one the journal added that is not there (a line deleted).  The
 * programs write a record as cs_csv_record makes it, and so does the
 * replay, so an untouched department compares equal; a record added
 * before its store was widened (widen.c) is the same with the late
 * columns empty.  The verdicts
 * cs-kpi stored are held to the journal the same way (each verdict line
 * holds the stored line; a removed one its old line), and so are the
 * lines of the log alert-acks.csv, in order; other lines of
 * cs-audit and cs-kpi name records, but change their own stores: they
 * are not replayed.  Whether a stored verdict still matches its data is
 * the rules' business (rules/kpi_verify.c).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store/verify.h"

struct rec {
	char *line;		/* the record as the journal has it, no LF */
	const struct cs_schema *s;
	const char *jrel;	/* where the journal added it */
	long jline;
	int seen;
};

struct vctx {
	const char *dir;
	FILE *report;
	long found;
	struct cs_map recs;
	struct cs_map verdicts;	/* "period,level,person" -> struct rec */
	struct rec *acks;	/* alert-acks.csv's lines, as journaled */
	size_t nacks;
	char **jrels;		/* the journal's files, kept for rec.jrel */
	char prev[CS_HASH_HEX + 1];
	const char *start;	/* where the chain begins */
	long startline, unchained;
	struct cs_row f;
	struct cs_buf b;
};

static void
finding(struct vctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(c->report, gettext(fmt), ap);
	va_end(ap);
	fputc('\n', c->report);
	c->found++;
}

/* The store an added id belongs to, or NULL. */
static const struct cs_schema *
store_of(const char *id)
{
	if (strncmp(id, "C-", 2) == 0 && cs_id_valid("C", id))
		return &cs_schema_customers;
	if (strlen(id) > 10 && id[10] == '-') {
		if (cs_id_valid("T", id))
			return &cs_schema_tickets;
		if (cs_id_valid("K", id))
			return &cs_schema_complaints;
		if (cs_id_valid("O", id))
			return &cs_schema_orders;
	}
	return cs_login_valid(id) ? &cs_schema_staff : NULL;
}

/* One link of the chain: the raw line (no LF) and its hash field. */
static void
chain_line(struct vctx *c, const char *rel, long line, const char *raw,
    size_t n, const char *hash)
{
	char want[CS_HASH_HEX + 1];

	if (*hash == '\0') {
		if (c->start)
			finding(c, "%s:%ld: no hash: the chain is broken here "
			    "(a line added by hand?)", rel, line);
		else
			c->unchained++;
		c->prev[0] = '\0';
		return;
	}
	if (c->start == NULL) {
		c->start = rel;
		c->startline = line;
	}
	cs_buf_reset(&c->b);
	cs_buf_add(&c->b, raw, n - CS_HASH_HEX);	/* up to its comma */
	c->b.s[c->b.len - 1] = '\n';
	cs_journal_hash(c->prev, c->b.s, c->b.len, want);
	if (strlen(hash) != CS_HASH_HEX || strcmp(want, hash) != 0)
		finding(c, "%s:%ld: the hash chain breaks here: this line was "
		    "changed, or a line before it removed or added", rel, line);
	snprintf(c->prev, sizeof c->prev, "%s", hash);
}

/* Set column col of a record's line to v. */
static void
set_field(struct vctx *c, struct rec *r, const char *field, const char *v)
{
	const struct cs_column *col = cs_schema_col(r->s, field);
	const char *why;
	size_t i, k;

	if (col == NULL || cs_split_line(r->line, strlen(r->line), &c->f,
	    &why) < 0)
		return;
	k = (size_t)(col - r->s->cols);
	if (k >= c->f.n && !cs_schema_late(r->s, field))
		return;
	for (i = 0; i < c->f.n; i++)
		if (cs_unescape(c->f.buf + c->f.off[i], &why) < 0)
			return;
	/* a late column, of a record added before it: its file was widened
	 * (widen.c), the columns up to it empty */
	while (c->f.n <= k)
		cs_row_push(&c->f, "", 0);
	cs_row_set(&c->f, k, v);
	cs_buf_reset(&c->b);
	cs_csv_record(&c->b, &c->f);
	c->b.s[--c->b.len] = '\0';
	free(r->line);
	r->line = cs_xstrdup(c->b.s);
}

/* The key of a stored verdict, "period,level,person", from its line. */
static int
verdict_key(struct vctx *c, const char *line, struct cs_buf *key)
{
	const char *why;
	size_t i;

	if (cs_split_line(line, strlen(line), &c->f, &why) < 0 || c->f.n < 3)
		return -1;
	for (i = 0; i < 3; i++)
		if (cs_unescape(c->f.buf + c->f.off[i], &why) < 0)
			return -1;
	cs_buf_reset(key);
	cs_buf_addf(key, "%s,%s,%s", cs_row_get(&c->f, 0),
	    cs_row_get(&c->f, 1), cs_row_get(&c->f, 2));
	return 0;
}

/* A verdict journaled (cs-kpi verdict: the stored line new; the line
 * old removed when new is empty). */
static void
verdict_line(struct vctx *c, const char *rel, const struct cs_row *row,
    const char *old, const char *new)
{
	struct cs_buf key = { 0 };
	struct rec *r;
	void **slot;
	int isnew;

	if (verdict_key(c, *new ? new : old, &key) < 0) {
		cs_buf_free(&key);
		return;
	}
	slot = cs_map_slot(&c->verdicts, key.s, &isnew);
	if (isnew && (*slot = calloc(1, sizeof *r)) == NULL)
		cs_fatal(CS_EIO, "out of memory");
	r = *slot;
	free(r->line);
	r->line = *new ? cs_xstrdup(new) : NULL;
	r->jrel = rel;
	r->jline = row->line;
	cs_buf_free(&key);
}

/* One journal line replayed. */
static void
replay(struct vctx *c, const char *rel, const struct cs_row *row,
    const int *idx)
{
	const char *prog = cs_row_get(row, (size_t)idx[2]),
	    *cmd = cs_row_get(row, (size_t)idx[3]),
	    *id = cs_row_get(row, (size_t)idx[4]),
	    *field = cs_row_get(row, (size_t)idx[5]),
	    *new = cs_row_get(row, (size_t)idx[7]);
	const struct cs_schema *s;
	struct rec *r;
	void **slot;
	int isnew;

	if (strcmp(prog, "cs-kpi") == 0 && strcmp(cmd, "verdict") == 0) {
		verdict_line(c, rel, row, cs_row_get(row, (size_t)idx[6]), new);
		return;
	}
	if (strcmp(prog, "cs-audit") == 0 || strcmp(prog, "cs-kpi") == 0)
		return;
	/* an alert's state: a line of the log alert-acks.csv, whole */
	if (strcmp(prog, "cs-customer") == 0 && strcmp(cmd, "ack") == 0) {
		c->acks = cs_xrealloc(c->acks, (c->nacks + 1) * sizeof *c->acks);
		memset(&c->acks[c->nacks], 0, sizeof *c->acks);
		c->acks[c->nacks].line = cs_xstrdup(new);
		c->acks[c->nacks].jrel = rel;
		c->acks[c->nacks++].jline = row->line;
		return;
	}
	if (*field) {
		if ((r = cs_map_get(&c->recs, id)) != NULL)
			set_field(c, r, field, new);
		return;
	}
	if ((strcmp(cmd, "add") && strcmp(cmd, "import")) || *new == '\0' ||
	    (s = store_of(id)) == NULL)
		return;
	slot = cs_map_slot(&c->recs, id, &isnew);
	if (!isnew) {
		r = *slot;
		free(r->line);
	} else
		*slot = r = calloc(1, sizeof *r);
	if (r == NULL)
		cs_fatal(CS_EIO, "out of memory");
	r->line = cs_xstrdup(new);
	r->s = s;
	r->jrel = rel;
	r->jline = row->line;
}

static int
is_month_file(const char *name, const char *arg)
{
	(void)arg;
	return strlen(name) == 7 && name[4] == '-';
}

static int
journal_pass(struct vctx *c)
{
	struct cs_buf p = { 0 };
	struct cs_reader rd;
	struct cs_row row = { 0 };
	char **m;
	int idx[64], k;

	cs_buf_addf(&p, "%s/journal", c->dir);
	c->jrels = cs_dir_entries(p.s, 1, is_month_file, NULL, cs_by_name);
	if (c->jrels == NULL) {
		cs_buf_free(&p);
		return -1;
	}
	for (m = c->jrels; *m; m++) {
		cs_buf_reset(&p);
		cs_buf_addf(&p, "journal/%s.csv", *m);
		free(*m);
		*m = cs_xstrdup(p.s);
		cs_buf_reset(&p);
		cs_buf_addf(&p, "%s/%s", c->dir, *m);
		if (cs_reader_open(&rd, p.s, CS_READ_STORE, 0) < 0) {
			finding(c, "%s", cs_errmsg());
			continue;
		}
		if (rd.hdr.n && cs_schema_bind(&cs_schema_journal, &rd.hdr, *m,
		    idx) < 0) {
			finding(c, "%s", cs_errmsg());
			cs_reader_close(&rd);
			continue;
		}
		while ((k = cs_reader_next(&rd, &row)) != 0) {
			if (k < 0) {
				finding(c, "%s", cs_errmsg());
				continue;
			}
			chain_line(c, *m, row.line, rd.line.s, rd.line.len,
			    cs_row_get(&row, (size_t)idx[8]));
			replay(c, *m, &row, idx);
		}
		cs_reader_close(&rd);
	}
	cs_row_free(&row);
	cs_buf_free(&p);
	return 0;
}

/* The first column where two lines differ, for the message. */
static void
first_difference(struct vctx *c, const struct cs_row *hdr, const struct cs_row *got,
    const char *want, char *out, size_t n)
{
	const char *why;
	size_t i;

	snprintf(out, n, "the record");
	if (cs_split_line(want, strlen(want), &c->f, &why) < 0)
		return;
	for (i = 0; i < c->f.n; i++)
		if (cs_unescape(c->f.buf + c->f.off[i], &why) < 0)
			return;
	for (i = 0; i < got->n && i < c->f.n; i++)
		if (strcmp(cs_row_get(got, i), cs_row_get(&c->f, i)) != 0) {
			snprintf(out, n, "field '%s' is '%.60s', the journal says "
			    "'%.60s'", cs_row_get(hdr, i), cs_row_get(got, i),
			    cs_row_get(&c->f, i));
			return;
		}
	if (got->n != c->f.n)
		snprintf(out, n, "%zu fields, the journal has %zu", got->n, c->f.n);
}

/* 1 when got is want, a record the journal added before the store had
 * its late columns, with those columns empty: the store was widened. */
static int
widened_same(struct vctx *c, const struct cs_schema *s,
    const struct cs_row *hdr, const char *got, const char *want)
{
	const char *why;
	size_t i, n = strlen(want);

	if (strncmp(got, want, n) != 0 ||
	    cs_split_line(want, n, &c->f, &why) < 0 || c->f.n >= hdr->n)
		return 0;
	for (i = c->f.n; i < hdr->n; i++)
		if (!cs_schema_late(s, cs_row_get(hdr, i)) || got[n++] != ',')
			return 0;
	return got[n] == '\0';
}

/* One store file's records against the journal. */
static void
store_file(struct vctx *c, const struct cs_schema *s, const char *rel)
{
	struct cs_buf p = { 0 };
	struct cs_reader rd;
	struct cs_row row = { 0 };
	struct rec *r;
	char why[256];
	const char *id;
	int k;

	cs_buf_addf(&p, "%s/%s", c->dir, rel);
	if (cs_reader_open(&rd, p.s, CS_READ_STORE, 0) < 0) {
		if (cs_errstatus() != CS_ENOINPUT)
			finding(c, "%s", cs_errmsg());
		cs_buf_free(&p);
		return;
	}
	while ((k = cs_reader_next(&rd, &row)) != 0) {
		if (k < 0) {
			finding(c, "%s", cs_errmsg());
			continue;
		}
		id = cs_row_get(&row, 0);
		r = cs_map_get(&c->recs, id);
		if (r == NULL || r->s != s) {
			finding(c, "%s:%ld: %s is not in the journal (a line added "
			    "by hand?)", rel, row.line, id);
			continue;
		}
		r->seen = 1;
		if (strcmp(r->line, rd.line.s) == 0 ||
		    widened_same(c, s, &rd.hdr, rd.line.s, r->line))
			continue;
		first_difference(c, &rd.hdr, &row, r->line, why, sizeof why);
		finding(c, "%s:%ld: %s differs from the journal: %s", rel, row.line,
		    id, why);
	}
	cs_reader_close(&rd);
	cs_row_free(&row);
	cs_buf_free(&p);
}

static void
dated_pass(struct vctx *c, const struct cs_schema *s)
{
	char **months = cs_dated_months(c->dir, s), **m, **ch, **chunks;

	if (months == NULL) {
		finding(c, "%s", cs_errmsg());
		return;
	}
	for (m = months; *m; m++) {
		if ((chunks = cs_dated_chunks(c->dir, s, *m)) == NULL) {
			finding(c, "%s", cs_errmsg());
			continue;
		}
		for (ch = chunks; *ch; ch++)
			store_file(c, s, *ch);
		cs_strv_free(chunks);
	}
	cs_strv_free(months);
}

/* kpi/verdicts.csv against the verdicts the journal stored: field by
 * field, a column the journal's line has not (added since) empty. */
static void
verdicts_pass(struct vctx *c)
{
	struct cs_buf p = { 0 }, key = { 0 };
	struct cs_reader rd;
	struct cs_row row = { 0 }, want = { 0 };
	struct rec *r;
	const char *why, *rel = "kpi/verdicts.csv";
	size_t i;
	int k;

	cs_buf_addf(&p, "%s/%s", c->dir, rel);
	if (cs_reader_open(&rd, p.s, CS_READ_STORE, 0) < 0) {
		if (cs_errstatus() != CS_ENOINPUT)
			finding(c, "%s", cs_errmsg());
		cs_buf_free(&p);
		return;
	}
	while ((k = cs_reader_next(&rd, &row)) != 0) {
		if (k < 0) {
			finding(c, "%s", cs_errmsg());
			continue;
		}
		cs_buf_reset(&key);
		cs_buf_addf(&key, "%s,%s,%s", cs_row_get(&row, 0),
		    cs_row_get(&row, 1), cs_row_get(&row, 2));
		r = cs_map_get(&c->verdicts, key.s);
		if (r == NULL || r->line == NULL) {
			finding(c, "%s:%ld: the %s verdict of %s for %s is not in "
			    "the journal (a line added by hand?)", rel, row.line,
			    cs_row_get(&row, 1), cs_row_get(&row, 2),
			    cs_row_get(&row, 0));
			continue;
		}
		r->seen = 1;
		if (cs_split_line(r->line, strlen(r->line), &want, &why) < 0)
			continue;
		for (i = 0; i < want.n; i++)
			if (cs_unescape(want.buf + want.off[i], &why) < 0)
				break;
		for (i = 0; i < row.n || i < want.n; i++)
			if (strcmp(cs_row_get(&row, i), cs_row_get(&want, i))) {
				finding(c, "%s:%ld: the %s verdict of %s for %s differs "
				    "from the journal: field '%s' is '%.64s', the journal "
				    "says '%.64s'", rel, row.line, cs_row_get(&row, 1),
				    cs_row_get(&row, 2), cs_row_get(&row, 0),
				    cs_row_get(&rd.hdr, i), cs_row_get(&row, i),
				    cs_row_get(&want, i));
				break;
			}
	}
	cs_reader_close(&rd);
	for (i = 0; i < c->verdicts.cap; i++) {
		r = c->verdicts.keys && c->verdicts.keys[i] ?
		    c->verdicts.vals[i] : NULL;
		if (r && r->line && !r->seen) {
			const char *kk = c->verdicts.keys[i], *l = strchr(kk, ','),
			    *w = strchr(l + 1, ',');	/* period,level,person */
			finding(c, "%s:%ld: the journal stores the %.*s verdict of "
			    "%s for %.*s, but %s has none (a line deleted?)",
			    r->jrel, r->jline, (int)(w - l - 1), l + 1, w + 1,
			    (int)(l - kk), kk, rel);
		}
	}
	cs_row_free(&row);
	cs_row_free(&want);
	cs_buf_free(&key);
	cs_buf_free(&p);
}

/* alert-acks.csv, a log: its lines those the journal says were written,
 * in that order. */
static void
acks_pass(struct vctx *c)
{
	const char *rel = cs_schema_alert_acks.name;
	struct cs_buf p = { 0 };
	struct cs_reader rd;
	struct cs_row row = { 0 };
	size_t i = 0;
	int k;

	cs_buf_addf(&p, "%s/%s", c->dir, rel);
	if (cs_reader_open(&rd, p.s, CS_READ_STORE, 0) < 0) {
		if (cs_errstatus() != CS_ENOINPUT)
			finding(c, "%s", cs_errmsg());
		else if (c->nacks)
			finding(c, "%s:%ld: the journal writes %s, which is missing",
			    c->acks[0].jrel, c->acks[0].jline, rel);
		cs_buf_free(&p);
		return;
	}
	while ((k = cs_reader_next(&rd, &row)) != 0) {
		if (k < 0) {
			finding(c, "%s", cs_errmsg());
			continue;
		}
		if (i < c->nacks && strcmp(c->acks[i].line, rd.line.s) == 0) {
			i++;
			continue;
		}
		/* one line missing before this one: said, and in step again */
		if (i + 1 < c->nacks && strcmp(c->acks[i + 1].line, rd.line.s) == 0) {
			finding(c, "%s:%ld: the journal writes a line of %s that it "
			    "lacks (a line deleted?)", c->acks[i].jrel,
			    c->acks[i].jline, rel);
			i += 2;
		} else if (i == c->nacks)
			finding(c, "%s:%ld: not in the journal (a line added by "
			    "hand?)", rel, row.line);
		else {
			finding(c, "%s:%ld: differs from the journal's line (%s:%ld)",
			    rel, row.line, c->acks[i].jrel, c->acks[i].jline);
			i++;
		}
	}
	for (; i < c->nacks; i++)
		finding(c, "%s:%ld: the journal writes a line of %s that it lacks "
		    "(a line deleted?)", c->acks[i].jrel, c->acks[i].jline, rel);
	cs_reader_close(&rd);
	cs_row_free(&row);
	cs_buf_free(&p);
}

static void
free_rec(void *v)
{
	struct rec *r = v;

	free(r->line);
	free(r);
}

long
cs_verify_dir(const char *dir, FILE *report)
{
	struct vctx c = { 0 };
	size_t i;
	long ret = -1;

	c.dir = dir;
	c.report = report;
	if (journal_pass(&c) < 0)
		goto out;
	if (c.start && c.unchained)
		fprintf(report, "%s:%ld: the hash chain begins here; the %ld "
		    "line%s before it carry no hash\n", c.start, c.startline,
		    c.unchained, c.unchained == 1 ? "" : "s");
	store_file(&c, &cs_schema_staff, cs_schema_staff.name);
	store_file(&c, &cs_schema_customers, cs_schema_customers.name);
	dated_pass(&c, &cs_schema_tickets);
	dated_pass(&c, &cs_schema_complaints);
	dated_pass(&c, &cs_schema_orders);
	verdicts_pass(&c);
	acks_pass(&c);
	for (i = 0; i < c.recs.cap; i++) {
		struct rec *r = c.recs.keys && c.recs.keys[i] ? c.recs.vals[i] : NULL;
		if (r && !r->seen)
			finding(&c, "%s:%ld: the journal adds %s, but %s has no such "
			    "record (a line deleted?)", r->jrel, r->jline,
			    c.recs.keys[i], r->s->name);
	}
	ret = c.found;
out:
	cs_map_free(&c.recs, free_rec);
	cs_map_free(&c.verdicts, free_rec);
	for (i = 0; i < c.nacks; i++)
		free(c.acks[i].line);
	free(c.acks);
	cs_strv_free(c.jrels);
	cs_row_free(&c.f);
	cs_buf_free(&c.b);
	return ret;
}
