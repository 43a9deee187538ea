/*
 * journal.c: every change, one line each, in journal/YYYY-MM.csv:
 * time, user, program, command, id, field, old, new, hash.
 *
 * The journal lines of a change are written first, in the same
 * transaction as the change (commit.c): both are there, or neither.  An
 * added record is one line whose new value is the record in the store
 * dialect.  The hash chains each line to the one before (chain.c),
 * computed here under the lock from the journal's tail.
 */
#include <stdlib.h>
#include <string.h>

#include "store/verify.h"

/* The user column: the acting user; "real as acting" when the real user
 * acts for another (CS_USER, cs(7)).  Logins hold no spaces, so the
 * acting user is what follows the last space. */
void
cs_journal_user(struct cs_buf *b, const struct cs_ds *ds)
{
	if (ds->real && strcmp(ds->real, ds->user) != 0)
		cs_buf_addf(b, "%s as ", ds->real);
	cs_buf_addf(b, "%s", ds->user);
}

void
cs_journal_line(struct cs_buf *j, const struct cs_ds *ds, const char *command,
    const char *id, const char *field, const char *old, const char *new)
{
	/* time, user and program, the same for every line of a run: made
	 * once (an import writes a million lines) and again when they
	 * change */
	static _Thread_local struct {
		struct cs_buf b;
		cs_time now;
		unsigned zone;
		const char *user, *real, *program;
	} pre;
	const char *v[] = { command, id, field, old, new };
	size_t i;

	if (pre.b.len == 0 || pre.now != ds->now || pre.zone != cs_zone_gen() ||
	    pre.user != ds->user || pre.real != ds->real ||
	    pre.program != ds->program) {
		struct cs_buf u = { 0 };
		char t[32];
		cs_time_format(ds->now, t);
		cs_journal_user(&u, ds);
		cs_buf_reset(&pre.b);
		cs_csv_field(&pre.b, t);
		cs_buf_addc(&pre.b, ',');
		cs_csv_field(&pre.b, u.s ? u.s : "");
		cs_buf_addc(&pre.b, ',');
		cs_csv_field(&pre.b, ds->program);
		cs_buf_free(&u);
		pre.now = ds->now;
		pre.zone = cs_zone_gen();
		pre.user = ds->user;
		pre.real = ds->real;
		pre.program = ds->program;
	}
	cs_buf_add(j, pre.b.s, pre.b.len);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		cs_buf_addc(j, ',');
		cs_csv_field(j, v[i]);
	}
	cs_buf_addc(j, '\n');
}

/* The lines of a change chained a piece at a time (an import's are
 * hundreds of megabytes): about CHAIN_PIECE bytes of lines made (or
 * taken from a buffer made already), hashed into one buffer, written,
 * and the buffers used again. */
#define CHAIN_PIECE (1 << 20)

/* Records added, made as they are written (cs_added_line). */
struct made {
	const struct cs_ds *ds;
	const char *command;
	cs_added_line line;
	void *ctx;
	size_t i, n;
	const struct cs_buf *extra;	/* the journal's lines after them */
	struct cs_buf b;
};

struct chain_pieces {
	char prev[CS_HASH_HEX + 1];
	struct made *made;	/* the lines made a piece at a time, */
	const char *p, *end;	/* or made already */
	struct cs_buf j, h;
};

/* The next records' journal lines into j, about CHAIN_PIECE bytes, then
 * extra's: 0, or -1 with the error. */
static int
made_journal(struct made *m, struct cs_buf *j)
{
	const char *id;

	while (j->len < CHAIN_PIECE && m->i < m->n) {
		cs_buf_reset(&m->b);
		if (m->line(m->ctx, m->i++, &m->b, &id) < 0)
			return -1;
		m->b.s[--m->b.len] = '\0';	/* the journal holds it without LF */
		cs_journal_line(j, m->ds, m->command, id, "", "", m->b.s);
	}
	if (m->i == m->n && m->extra && m->extra->len) {
		cs_buf_add(j, m->extra->s, m->extra->len);
		m->extra = NULL;
	}
	return 0;
}

static int
chain_piece(void *ctx, const char **p, size_t *n)
{
	struct chain_pieces *c = ctx;
	const char *from, *cut;

	if (c->made) {
		cs_buf_reset(&c->j);
		if (made_journal(c->made, &c->j) < 0)
			return -1;	/* its error: the append rolled back */
		if (c->j.len == 0)
			return 0;
		from = c->j.s;
		cut = c->j.s + c->j.len;
	} else {
		if (c->p >= c->end)
			return 0;
		from = c->p;
		cut = c->p + CHAIN_PIECE < c->end ? c->p + CHAIN_PIECE : c->end;
		if (cut < c->end &&
		    (cut = memchr(cut, '\n', (size_t)(c->end - cut))) != NULL)
			cut++;
		else
			cut = c->end;
		c->p = cut;
	}
	cs_buf_reset(&c->h);
	cs_journal_chain(c->prev, from, (size_t)(cut - from), &c->h);
	*p = c->h.s;
	*n = c->h.len;
	return 1;
}

/* The journal's lines of this change, in the month of ds->now, each
 * with its hash: those of j, or those made has made. */
static int
journal_chain_append(struct cs_ds *ds, const struct cs_buf *j,
    struct made *made)
{
	char *rel = cs_month_rel("journal", ds->now);
	struct chain_pieces c = { .made = made };
	int r = -1;

	if (j && j->s) {
		c.p = j->s;
		c.end = j->s + j->len;
	}
	if (cs_journal_upgrade(ds, rel) < 0 ||
	    cs_journal_tail(ds->dir, rel, c.prev) < 0) {
		cs_txn_fail(ds);
		goto out;
	}
	r = cs_txn_append_pieces(ds, rel, CS_JOURNAL_HEADER, chain_piece, &c);
out:
	cs_buf_free(&c.j);
	cs_buf_free(&c.h);
	free(rel);
	return r;
}

static int
journal_append(struct cs_ds *ds, const struct cs_buf *j)
{
	return journal_chain_append(ds, j, NULL);
}

int
cs_journal_made(struct cs_ds *ds, size_t n, cs_added_line line, void *ctx,
    const char *command, const struct cs_buf *extra)
{
	struct made m = { .ds = ds, .command = command, .line = line,
		.ctx = ctx, .n = n, .extra = extra };
	int r = journal_chain_append(ds, NULL, &m);

	cs_buf_free(&m.b);
	return r;
}

int
cs_recs_line(void *ctx, size_t i, struct cs_buf *out, const char **id)
{
	const struct cs_recs_lines *rl = ctx;

	cs_csv_record(out, &rl->recs[i]);
	*id = cs_row_get(&rl->recs[i], rl->idcol);
	return 0;
}

/* One transaction: begin, the steps (each rolls the whole back when it
 * fails), commit. */
static int
txn_end(struct cs_ds *ds, int r)
{
	if (r < 0) {
		cs_txn_abort(ds);
		return -1;
	}
	return cs_txn_commit(ds);
}

int
cs_journal_only(struct cs_ds *ds, const struct cs_buf *journal)
{
	if (cs_txn_begin(ds) < 0)
		return -1;
	return txn_end(ds, journal_append(ds, journal));
}

int
cs_commit_append(struct cs_ds *ds, const char *rel, const char *header,
    const struct cs_buf *data, const struct cs_buf *journal)
{
	if (cs_txn_begin(ds) < 0)
		return -1;
	return txn_end(ds, journal_append(ds, journal) < 0 ? -1 :
	    cs_txn_append(ds, rel, header, data->s ? data->s : "", data->len));
}

/* The records of m as store lines, about CHAIN_PIECE bytes a piece. */
static int
made_piece(void *ctx, const char **p, size_t *n)
{
	struct made *m = ctx;
	const char *id;

	cs_buf_reset(&m->b);
	while (m->b.len < CHAIN_PIECE && m->i < m->n)
		if (m->line(m->ctx, m->i++, &m->b, &id) < 0)
			return -1;
	if (m->b.len == 0)
		return 0;
	*p = m->b.s;
	*n = m->b.len;
	return 1;
}

int
cs_commit_append_made(struct cs_ds *ds, const char *rel, const char *header,
    size_t n, cs_added_line line, void *ctx, const char *command,
    const struct cs_buf *extra)
{
	struct made d = { .ds = ds, .line = line, .ctx = ctx, .n = n };
	int r;

	if (cs_txn_begin(ds) < 0)
		return -1;
	r = txn_end(ds, cs_journal_made(ds, n, line, ctx, command, extra) < 0 ?
	    -1 : cs_txn_append_pieces(ds, rel, header, made_piece, &d));
	cs_buf_free(&d.b);
	return r;
}

int
cs_commit_rewrite(struct cs_ds *ds, const char *rel, const struct cs_buf *data,
    const struct cs_buf *journal)
{
	if (cs_txn_begin(ds) < 0)
		return -1;
	return txn_end(ds, journal_append(ds, journal) < 0 ? -1 :
	    cs_store_rewrite(ds, rel, data->s ? data->s : "", data->len));
}

int
cs_commit_replace(struct cs_ds *ds, const char *rel, off_t start, off_t end,
    const struct cs_buf *line, const struct cs_buf *journal)
{
	if (cs_txn_begin(ds) < 0)
		return -1;
	return txn_end(ds, journal_append(ds, journal) < 0 ? -1 :
	    cs_store_replace(ds, rel, start, end, line->s, line->len));
}

/*
 * Several changes in one transaction: the journal first, then each
 * operation in order.  A replace's byte range is of the file as it is
 * when the replace is done, so a file appended to in the same commit
 * is replaced after (a replace must come last for its file).
 */
/* n replace ops of one file (their ranges in the file as it was), done
 * in one rewrite. */
static int
replace_run(struct cs_ds *ds, const struct cs_op *ops, size_t n)
{
	off_t *start = cs_xmalloc(n * sizeof *start);
	off_t *end = cs_xmalloc(n * sizeof *end);
	const struct cs_buf **lines = cs_xmalloc(n * sizeof *lines);
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		start[i] = ops[i].start;
		end[i] = ops[i].end;
		lines[i] = ops[i].data;
	}
	r = cs_store_replace_many(ds, ops[0].rel, start, end, lines, n);
	free(start);
	free(end);
	free(lines);
	return r;
}

int
cs_commit(struct cs_ds *ds, const struct cs_buf *journal,
    const struct cs_op *ops, size_t n)
{
	size_t i, j;
	int r;

	if (cs_txn_begin(ds) < 0)
		return -1;
	r = journal_append(ds, journal);
	for (i = 0; i < n && r == 0; i = j) {
		const struct cs_op *op = &ops[i];
		j = i + 1;
		if (!op->replace) {
			r = cs_txn_append(ds, op->rel, op->header, op->data->s ?
			    op->data->s : "", op->data->len);
			continue;
		}
		/* the replaces of one file that follow each other: one copy */
		while (j < n && ops[j].replace && strcmp(ops[j].rel, op->rel) == 0)
			j++;
		r = replace_run(ds, ops + i, j - i);
	}
	return txn_end(ds, r);
}

/* A line of an events store: time, id, what, by, detail. */
void
cs_event_line(struct cs_buf *ev, const struct cs_ds *ds, const char *id,
    const char *what, const char *detail)
{
	struct cs_row r = { 0 };
	char t[32];

	cs_time_format(ds->now, t);
	cs_row_push(&r, t, strlen(t));
	cs_row_push(&r, id, strlen(id));
	cs_row_push(&r, what, strlen(what));
	cs_row_push(&r, ds->user, strlen(ds->user));
	cs_row_push(&r, detail, strlen(detail));
	cs_csv_record(ev, &r);
	cs_row_free(&r);
}
