/*
 * calls.c: telephone calls matched to phone records (calls.h), as plain
 * functions of the calls and the records, so a test can hand-make both.
 */
#include <ctype.h>
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
