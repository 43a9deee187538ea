/*
 * calls.c: telephone calls matched to phone records (calls.h), as plain
 * functions of the calls and the records, so a test can hand-make both.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/calls.h"
#include "rules/policy.h"

static size_t
digits(const char *s, char out[32])
{
	size_t n = 0;

	for (; *s && n < 31; s++)
		if (isdigit((unsigned char)*s))
			out[n++] = *s;
	out[n] = '\0';
	return n;
}

int
cs_call_same_number(const char *a, const char *b)
{
	char x[32], y[32];
	size_t nx = digits(a, x), ny = digits(b, y);

	if (nx == 0 || ny == 0)
		return 0;
	if (nx == ny)
		return strcmp(x, y) == 0;
	if (nx < ny)
		return nx >= 7 && strcmp(y + ny - nx, x) == 0;
	return ny >= 7 && strcmp(x + nx - ny, y) == 0;
}

void
cs_call_extension(const char *channel, const char *dst, char out[32])
{
	const char *p = strchr(channel, '/');
	size_t n;

	if (p == NULL || p[1] == '\0') {
		snprintf(out, 32, "%s", dst);
		return;
	}
	p++;
	n = strcspn(p, "@;");
	if (p[n] == '\0' && strrchr(p, '-'))	/* the channel's own suffix */
		n = (size_t)(strrchr(p, '-') - p);
	snprintf(out, 32, "%.*s", (int)n, p);
}

/* Record t may be the one opened during call c. */
static int
during(const struct cs_call *c, const struct cs_call_ticket *t)
{
	if (strcmp(c->agent, t->agent) != 0)
		return 0;
	if (t->opened < c->answer - CS_CALL_BEFORE ||
	    t->opened > c->end + CS_CALL_AFTER)
		return 0;
	return !*c->caller || !*t->phone ||
	    cs_call_same_number(c->caller, t->phone);
}

/* Calls a and b are one call (cs_call_repeats). */
static int
same_call(const struct cs_call *a, const struct cs_call *b)
{
	if (*a->uniqueid && *b->uniqueid)
		return strcmp(a->uniqueid, b->uniqueid) == 0;
	return a->start == b->start && a->answered == b->answered &&
	    (!a->answered || a->answer == b->answer) && a->end == b->end &&
	    strcmp(a->caller, b->caller) == 0 && strcmp(a->dst, b->dst) == 0 &&
	    strcmp(a->channel, b->channel) == 0;
}

static const struct cs_call *sorting_calls;

static int
by_start(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	cs_time s = sorting_calls[x].start, t = sorting_calls[y].start;

	return s < t ? -1 : s > t ? 1 : x < y ? -1 : x > y;
}

/* By the uniqueid, in a map; by the fields, among the calls of the same
 * start (in order of start, then of the file): n log n. */
void
cs_call_repeats(const struct cs_call *calls, size_t n, size_t *rep)
{
	size_t *ord = cs_xmalloc((n ? n : 1) * sizeof *ord);
	size_t *pos = cs_xmalloc((n ? n : 1) * sizeof *pos);
	struct cs_map ids = { 0 };
	size_t i, p;
	void *first;

	for (i = 0; i < n; i++)
		ord[i] = i, rep[i] = (size_t)-1;
	sorting_calls = calls;
	if (n > 1)
		qsort(ord, n, sizeof *ord, by_start);
	for (p = 0; p < n; p++)
		pos[ord[p]] = p;
	for (i = 0; i < n; i++) {
		const struct cs_call *c = &calls[i];
		if (*c->uniqueid && (first = cs_map_get(&ids, c->uniqueid))) {
			rep[i] = (size_t)(uintptr_t)first - 1;
			continue;
		}
		for (p = pos[i]; p > 0 && calls[ord[p - 1]].start == c->start;
		    p--)
			;
		for (; p < pos[i] && rep[i] == (size_t)-1; p++)
			if (rep[ord[p]] == (size_t)-1 &&
			    same_call(&calls[ord[p]], c))
				rep[i] = ord[p];
		if (*c->uniqueid && rep[i] == (size_t)-1)
			*cs_map_slot(&ids, c->uniqueid, NULL) =
			    (void *)(uintptr_t)(i + 1);
	}
	cs_map_free(&ids, NULL);
	free(ord);
	free(pos);
}

static const struct cs_call_ticket *sorting;

static int
by_opened(const void *a, const void *b)
{
	cs_time x = sorting[*(const size_t *)a].opened;
	cs_time y = sorting[*(const size_t *)b].opened;

	return x < y ? -1 : x > y;
}

/* The first of the nt records, in the order of ord (by opening), opened
 * at lo or after. */
static size_t
first_from(const struct cs_call_ticket *t, const size_t *ord, size_t nt,
    cs_time lo)
{
	size_t a = 0, b = nt, m;

	while (a < b) {
		m = a + (b - a) / 2;
		if (t[ord[m]].opened < lo)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* Each call's records, by a search in the records sorted by opening:
 * n log nt, not n times nt. */
void
cs_call_match(const struct cs_call *calls, size_t n,
    const struct cs_call_ticket *t, size_t nt, struct cs_call_match *out)
{
	size_t *ord = cs_xmalloc((nt ? nt : 1) * sizeof *ord);
	size_t *claim = cs_xmalloc((nt ? nt : 1) * sizeof *claim);
	size_t i, j, found;

	for (j = 0; j < nt; j++)
		ord[j] = j, claim[j] = (size_t)-1;
	sorting = t;
	if (nt > 1)
		qsort(ord, nt, sizeof *ord, by_opened);
	for (i = 0; i < n; i++) {
		struct cs_call_match *o = &out[i];
		memset(o, 0, sizeof *o);
		if (!calls[i].answered) {
			o->how = CS_CALL_UNANSWERED;
			continue;
		}
		if (*calls[i].agent == '\0') {
			o->how = CS_CALL_NO_AGENT;
			continue;
		}
		found = 0;
		for (j = first_from(t, ord, nt, calls[i].answer - CS_CALL_BEFORE);
		    j < nt && t[ord[j]].opened <= calls[i].end + CS_CALL_AFTER;
		    j++) {
			if (!during(&calls[i], &t[ord[j]]))
				continue;
			if (found++ == 0)
				o->ticket = ord[j];
			else if (found == 2)
				o->other = ord[j];
		}
		/* the two in the order of the records, as given */
		if (found >= 2 && o->other < o->ticket) {
			size_t x = o->ticket;
			o->ticket = o->other, o->other = x;
		}
		o->how = found == 0 ? CS_CALL_NONE : found == 1 ? CS_CALL_MATCHED :
		    CS_CALL_TWO;
	}
	/* a record two calls would match is neither's: the first call
	 * to claim it names the next, each later one the first */
	for (i = 0; i < n; i++) {
		if (out[i].how != CS_CALL_MATCHED)
			continue;
		j = out[i].ticket;
		if (claim[j] == (size_t)-1) {
			claim[j] = i;
			continue;
		}
		if (out[claim[j]].how == CS_CALL_MATCHED) {
			out[claim[j]].how = CS_CALL_SHARED;
			out[claim[j]].other = i;
		}
		out[i].how = CS_CALL_SHARED;
		out[i].other = claim[j];
	}
	free(ord);
	free(claim);
}

int
cs_phones_load(struct cs_map *m, const char *dir)
{
	struct cs_policy p;
	size_t i;

	if (cs_policy_read(&p, dir, "policy/phones.csv") < 0)
		return -1;
	for (i = 0; i < p.n; i++)
		*cs_map_slot(m, cs_policy_s(&p, i, "extension"), NULL) =
		    cs_xstrdup(cs_policy_s(&p, i, "agent"));
	cs_policy_free(&p);
	return 0;
}

/* staff.csv: login -> the day they left ("" still here), into m */
static int
roster(const char *dir, struct cs_map *m)
{
	struct cs_buf path = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	int rc, ic, lc;

	cs_buf_addf(&path, "%s/staff.csv", dir);
	rc = cs_reader_open(&r, path.s, CS_READ_STORE, 0);
	cs_buf_free(&path);
	if (rc < 0)
		return errno == ENOENT ? 0 : -1;
	ic = cs_row_find(&r.hdr, "id"), lc = cs_row_find(&r.hdr, "left");
	while (ic >= 0 && (rc = cs_reader_next(&r, &row)) > 0)
		*cs_map_slot(m, cs_row_get(&row, (size_t)ic), NULL) = cs_xstrdup(
		    lc < 0 ? "" : cs_row_get(&row, (size_t)lc));
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc < 0 ? -1 : 0;
}

int
cs_phones_roster(const char *dir, FILE *report, struct cs_map *gone)
{
	struct cs_policy p;
	struct cs_map staff = { 0 };
	const char *agent, *left;
	size_t i;
	int n = 0;

	if (cs_policy_read(&p, dir, "policy/phones.csv") < 0)
		return -1;
	if (roster(dir, &staff) < 0) {
		cs_policy_free(&p);
		return -1;
	}
	for (i = 0; i < p.n; i++) {
		agent = cs_policy_s(&p, i, "agent");
		if ((left = cs_map_get(&staff, agent)) != NULL && *left == '\0')
			continue;
		if (report && left == NULL)
			fprintf(report, "policy/phones.csv:%ld: field 'agent': no one "
			    "called '%s' on the roster\n", p.line[i], agent);
		else if (report)
			fprintf(report, "policy/phones.csv:%ld: field 'agent': '%s' "
			    "left on %s\n", p.line[i], agent, left);
		if (gone)
			*cs_map_slot(gone, cs_policy_s(&p, i, "extension"), NULL) =
			    cs_xstrdup(left ? left : "");
		n++;
	}
	cs_map_free(&staff, free);
	cs_policy_free(&p);
	return n;
}
