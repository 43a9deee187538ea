/*
 * verbs.c: add, set, show and list over a master store, shared by
 * cs-staff and cs-customer, so that each program is its options and its
 * filters.  Each returns an exit status, or -1 with the error recorded.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/assign.h"
#include "rules/roles.h"

/* An id is given (to set) or made (add), never changed by an operand. */
static int
no_id(const struct cs_master *m, const char *field)
{
	if (strcmp(field, "id") == 0)
		return cs_fail(CS_EUSAGE, "the id of %s is given, not set",
		    m->s->name);
	return 0;
}

/* Apply field=value operands to rec. */
static int
assign_all(const struct cs_master *m, struct cs_row *rec, int argc, char **argv,
    int allow_id)
{
	return cs_assign_operands(m, rec, argc, argv, allow_id ? NULL : no_id);
}

/* A change of the roster is the roster's right; of a customer, a record's. */
static int
roster(struct cs_ds *ds, const struct cs_schema *s, const char *verb,
    const char *id)
{
	if (s == &cs_schema_staff)
		return cs_may_act(ds, verb, "roster", id);
	return cs_may_act(ds, verb, "record", NULL);
}

int
cs_verb_add(struct cs_ds *ds, const struct cs_schema *s, int argc, char **argv)
{
	struct cs_master m;
	struct cs_row rec = { 0 };
	struct cs_buf ids = { 0 };
	int ret = -1;

	if (argc == 0)
		return cs_fail(CS_EUSAGE, "add: no field=value given");
	if (roster(ds, s, "add", cs_operand(argc, argv, "id")) < 0 ||
	    cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	if (cs_master_open(&m, ds, s) < 0)
		goto out;
	/* a value for a column the store lacks: the store widened first, in
	 * the same transaction */
	if (cs_operands_widen(&m, argc, argv) &&
	    cs_master_widen(&m, NULL, NULL, NULL, NULL) < 0)
		goto out;
	cs_master_blank(&m, &rec);
	if (assign_all(&m, &rec, argc, argv, s->idprefix == NULL) < 0 ||
	    cs_master_complete(&m, &rec) < 0)
		goto out;
	if (cs_master_append(&m, &rec, 1, "add", &ids) < 0)
		goto out;
	cs_committed("stored %.*s", (int)strcspn(ids.s, "\n"), ids.s);
	fputs(ids.s, stdout);
	ret = 0;
out:
	cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&rec);
	cs_buf_free(&ids);
	return ret;
}

static int
valid_id(const struct cs_schema *s, const char *id)
{
	if (s->idprefix ? cs_id_valid(s->idprefix, id) : cs_login_valid(id))
		return 0;
	return cs_fail(CS_EUSAGE, "not a %s id: '%s'", s->name, id);
}

int
cs_verb_set(struct cs_ds *ds, const struct cs_schema *s, int argc, char **argv)
{
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	off_t start, end;
	int k, ret = -1;

	if (argc < 2)
		return cs_fail(CS_EUSAGE, "set: an id and field=value operands");
	if (valid_id(s, argv[0]) < 0 || roster(ds, s, "set", argv[0]) < 0 ||
	    cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	if (cs_master_open(&m, ds, s) < 0)
		goto out;
	k = cs_master_find(&m, argv[0], &old, &start, &end);
	if (k <= 0) {
		if (k == 0)
			cs_fail(CS_EDATA, "%s: no id '%s'", s->name, argv[0]);
		goto out;
	}
	if (cs_operands_widen(&m, argc - 1, argv + 1) &&
	    cs_master_widen(&m, argv[0], &old, &start, &end) < 0)
		goto out;
	cs_row_copy(&new, &old);
	if (assign_all(&m, &new, argc - 1, argv + 1, 0) < 0)
		goto out;
	ret = cs_master_update(&m, &old, &new, start, end, "set");
out:
	cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	return ret;
}

/* --unmask: a role that may see personal data and a reason; the journal
 * records what was shown (what, of id), to whom, as which role and why. */
int
cs_verb_unmask(struct cs_ds *ds, const struct cs_opts *o, const char *command,
    const char *id, const char *what)
{
	struct cs_buf j = { 0 };
	int r;

	if (!o->unmask)
		return o->reason ? cs_fail(CS_EUSAGE, "%s: --reason goes with "
		    "--unmask", command) : 0;
	if (cs_may_act(ds, command, "unmask", NULL) < 0)
		return -1;
	if (o->reason == NULL || *o->reason == '\0')
		return cs_fail(CS_EUSAGE, "%s: --unmask needs --reason text, which "
		    "the journal keeps", command);
	if (cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	cs_journal_line(&j, ds, command, id, "unmask", "", what);
	cs_journal_line(&j, ds, command, id, "role", "", cs_roles_role(ds));
	cs_journal_line(&j, ds, command, id, "reason", "", o->reason);
	r = cs_journal_only(ds, &j);
	cs_unlock(ds);
	cs_buf_free(&j);
	return r;
}

static int
has_mask(const struct cs_schema *s)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if (s->cols[i].mask)
			return 1;
	return 0;
}

int
cs_verb_show(struct cs_ds *ds, const struct cs_schema *s,
    const struct cs_opts *o, const char *id)
{
	struct cs_master m;
	struct cs_row row = { 0 }, kv = { 0 }, hdr = { 0 };
	struct cs_out out = { 0 };
	enum cs_fmt fmt = cs_opts_fmt(o);
	off_t start, end;
	size_t i;
	int k, ret = -1;

	if (valid_id(s, id) < 0 || cs_master_open(&m, ds, s) < 0)
		return -1;
	k = cs_master_find(&m, id, &row, &start, &end);
	if (k <= 0) {
		if (k == 0)
			ret = cs_fail(CS_NO, "%s: no id '%s'", s->name, id);
		goto out;
	}
	if (has_mask(s) && cs_verb_unmask(ds, o, "show", id, id) < 0)
		goto out;
	cs_master_masked(&m, &row, o->unmask);
	if (fmt == CS_FMT_TABLE) {
		/* one field a line: name, then value */
		cs_row_push(&hdr, "field", 5);
		cs_row_push(&hdr, "value", 5);
		out.gb18030 = o->gb18030;
		out.maxw = 160;	/* one record: show it whole */
		cs_out_begin(&out, stdout, fmt, &hdr);
		for (i = 0; i < m.hdr.n; i++) {
			cs_row_clear(&kv);
			cs_row_push(&kv, cs_row_get(&m.hdr, i),
			    strlen(cs_row_get(&m.hdr, i)));
			cs_row_push(&kv, cs_row_get(&row, i),
			    strlen(cs_row_get(&row, i)));
			cs_out_row(&out, &kv);
		}
	} else {
		out.gb18030 = o->gb18030;
		cs_out_begin(&out, stdout, fmt, &m.hdr);
		cs_out_row(&out, &row);
	}
	ret = cs_out_end(&out);
out:
	cs_master_close(&m);
	cs_row_free(&row);
	cs_row_free(&kv);
	cs_row_free(&hdr);
	return ret;
}

/*
 * The master store's records that pass l (list.c: cs_list_master, across
 * the cores), after the journal's line for an --unmask; CS_NO when there
 * were none.
 */
int
cs_verb_list(struct cs_ds *ds, const struct cs_opts *o, const char *what,
    const struct cs_listing *l)
{
	struct cs_master m;
	int ret = -1;

	if (cs_master_open(&m, ds, l->s) < 0)
		return -1;
	if (cs_out_columns_check(&m.hdr) == 0 &&	/* before the journal's line */
	    (!has_mask(l->s) || cs_verb_unmask(ds, o, what, "*", what) == 0))
		ret = cs_list_master(o, l, &m);
	cs_master_close(&m);
	return ret;
}
