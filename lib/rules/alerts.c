/*
 * alerts.c: the state of each customer's alerts (grade.h), as people set
 * it.  alert-acks.csv is a log, a line each time someone acknowledges an
 * alert (with a note) or says it is resolved; the last line of a
 * customer and alert is its state.  An alert no line speaks of is new.
 * The alerts themselves are computed (grade.c cs_alerts), never stored.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/grade.h"
#include "rules/roles.h"

#define ACKS "alert-acks.csv"
#define ACK_HEADER "time,customer,alert,state,note,user\n"

static char *
key(const char *customer, const char *kind)
{
	struct cs_buf k = { 0 };

	cs_buf_addf(&k, "%s %s", customer, kind);
	return k.s;
}

int
cs_alert_states_load(struct cs_ds *ds, struct cs_map *states)
{
	char *path = cs_ds_path(ds, ACKS), *k;
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_alert_state **sp;
	int n;

	memset(states, 0, sizeof *states);
	if ((n = cs_reader_open(&r, path, CS_READ_STORE, 0)) < 0) {
		free(path);
		return errno == ENOENT ? 0 : -1;
	}
	while ((n = cs_reader_next(&r, &row)) > 0) {
		k = key(cs_row_get(&row, 1), cs_row_get(&row, 2));
		sp = (struct cs_alert_state **)cs_map_slot(states, k, NULL);
		free(k);
		if (*sp == NULL)
			*sp = cs_xmalloc(sizeof **sp);
		snprintf((*sp)->state, sizeof (*sp)->state, "%s",
		    cs_row_get(&row, 3));
		snprintf((*sp)->note, sizeof (*sp)->note, "%s", cs_row_get(&row, 4));
		snprintf((*sp)->user, sizeof (*sp)->user, "%s", cs_row_get(&row, 5));
		snprintf((*sp)->time, sizeof (*sp)->time, "%s", cs_row_get(&row, 0));
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	free(path);
	return n;
}

const struct cs_alert_state *
cs_alert_state(const struct cs_map *states, const char *customer,
    const char *kind)
{
	static const struct cs_alert_state fresh = { "new", "", "", "" };
	char *k = key(customer, kind);
	const struct cs_alert_state *s = cs_map_get(states, k);

	free(k);
	return s ? s : &fresh;
}

int
cs_alert_ack(struct cs_ds *ds, const char *customer, const char *kind,
    const char *state, const char *note)
{
	struct cs_grade_policy p;
	struct cs_custset set;
	struct cs_alert a[CS_ALERTS_MAX];
	struct cs_master m;
	struct cs_row rec = { 0 };
	struct cs_buf data = { 0 }, j = { 0 };
	struct cs_custstats *s;
	int n, i, ret = -1;

	if (strcmp(state, "acknowledged") == 0 && *note == '\0')
		return cs_fail(CS_EUSAGE, "ack: an acknowledgement needs its "
		    "note=text");
	if (cs_grade_policy_load(&p, ds->dir) < 0)
		return -1;
	if (cs_custset_figures_one(&set, ds, &p, customer) < 0)
		goto out;
	if ((s = cs_custset_find(&set, customer)) == NULL) {
		cs_fail(CS_EDATA, "customers.csv: no id '%s'", customer);
		goto out;
	}
	n = cs_alerts(&p, s, ds->now, a);
	for (i = 0; i < n && strcmp(a[i].kind, kind); i++)
		;
	if (i == n) {
		cs_fail(CS_EDATA, "%s: no '%s' alert now (cs-customer alerts)",
		    customer, kind);
		goto out;
	}
	if (cs_may_act(ds, "ack", "record", NULL) < 0)
		goto out;
	cs_master_open_rel(&m, ds, &cs_schema_alert_acks, ACKS);
	cs_master_blank(&m, &rec);
	cs_master_put_time(&m, &rec, "time", ds->now);
	cs_master_put(&m, &rec, "customer", customer);
	cs_master_put(&m, &rec, "alert", kind);
	cs_master_put(&m, &rec, "state", state);
	cs_master_put(&m, &rec, "user", ds->user);
	if (*note && cs_master_assign(&m, &rec, "note", note) < 0) {
		cs_master_close(&m);
		goto out;
	}
	cs_csv_record(&data, &rec);
	data.s[--data.len] = '\0';
	cs_journal_line(&j, ds, "ack", customer, "", "", data.s);
	data.s[data.len++] = '\n';
	if (cs_lock(ds, cs_lock_wait) == 0) {
		ret = cs_commit_append(ds, ACKS, ACK_HEADER, &data, &j);
		cs_unlock(ds);
	}
	cs_master_close(&m);
out:
	cs_custset_free(&set);
	cs_row_free(&rec);
	cs_buf_free(&data);
	cs_buf_free(&j);
	return ret;
}
