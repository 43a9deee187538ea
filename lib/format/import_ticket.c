/*
 * import_ticket.c: other help desks' tickets into tickets/, through the
 * import engine (import.h).  The file's agents are logins or names of
 * the roster, its customers ids or names of customers.csv; a name two
 * of them have is refused with their ids; those not known are refused,
 * or made first with --create-missing (an agent's login made of the
 * name by cs_import_login, the name kept).  A record's status is
 * what its times say, its due time the SLA policy's unless given; ids are
 * given by day, after the day's last, in order of opening.  Agents,
 * customers and tickets are one transaction; -n prints the plan (line,
 * action, id, new) and writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/import.h"
#include "rules/records.h"
#include "rules/roles.h"

#define S (&cs_schema_tickets)

struct pending_rec {
	struct cs_row rec;	/* laid out as the schema */
	long line;
	cs_time opened;
	char *agent_missing, *customer_missing;	/* to create first */
	char *agent_name;	/* the name agent_missing was made of */
};

/* In a map of names, the ids of a name: how many, the first NAME_IDS
 * of them (after ", ") for a message, and the last (the names of a
 * million customers may come from a few thousand). */
#define NAME_IDS 10
struct name_ids {
	struct cs_buf ids;
	size_t n;
	char *last;
};

/* A set of ids: those of the form C-000042 (what cs-customer gives) as
 * bits by number, any other in a map (a million customers are 128 KiB,
 * not a million strings). */
struct idset {
	unsigned char *bits;
	size_t nbytes;
	struct cs_map other;
};

/* The number of a customer id in its usual form, C- and at least six
 * digits, no zero first but in the six; -1 for any other. */
static long
id_number(const char *id)
{
	size_t n;
	long v = 0;
	const char *p;

	if (id[0] != 'C' || id[1] != '-')
		return -1;
	n = strspn(id + 2, "0123456789");
	if (id[2 + n] != '\0' || n < 6 || n > 9 || (n > 6 && id[2] == '0'))
		return -1;
	for (p = id + 2; *p; p++)
		v = v * 10 + (*p - '0');
	return v;
}

static void
idset_add(struct idset *s, const char *id)
{
	long v = id_number(id);
	size_t at;

	if (v < 0) {
		*cs_map_slot(&s->other, id, NULL) = (void *)1;
		return;
	}
	at = (size_t)v / 8;
	if (at >= s->nbytes) {
		size_t n = s->nbytes ? s->nbytes : 1024;
		while (n <= at)
			n *= 2;
		s->bits = cs_xrealloc(s->bits, n);
		memset(s->bits + s->nbytes, 0, n - s->nbytes);
		s->nbytes = n;
	}
	s->bits[at] |= (unsigned char)(1u << (v % 8));
}

static int
idset_has(const struct idset *s, const char *id)
{
	long v = id_number(id);

	if (v < 0)
		return cs_map_get(&s->other, id) != NULL;
	return (size_t)v / 8 < s->nbytes && (s->bits[v / 8] >> (v % 8) & 1);
}

static void
idset_free(struct idset *s)
{
	free(s->bits);
	cs_map_free(&s->other, NULL);
	memset(s, 0, sizeof *s);
}

struct tickets {
	struct cs_ds *ds;
	struct cs_master m;
	struct cs_sla sla;
	struct pending_rec *v;
	size_t n, cap;
	struct cs_map staff;	/* login -> team (strdup) */
	struct cs_map staff_names;	/* name -> struct name_ids of logins */
	struct idset cust_ids;	/* the customers' ids */
	struct cs_map cust_names;	/* name -> struct name_ids, read at the
					 * first name (names_read 1, -1 failed) */
	int names_read;
	char *names_error;
	struct cs_map new_agents, new_customers;	/* name -> first line */
	struct cs_map new_names;	/* new agent's login -> name (strdup) */
	struct cs_map orders;	/* id -> struct cs_ref, as found */
	struct cs_map order_months;	/* YYYY-MM -> 1: its orders read */
	struct cs_buf scratch;
};

static void
free_str(void *p)
{
	free(p);
}

static void
free_names(void *p)
{
	struct name_ids *ni = p;

	cs_buf_free(&ni->ids);
	free(ni->last);
	free(ni);
}

/* In names, name for id; a name given twice holds both ids. */
static void
name_of(struct cs_map *names, const char *name, const char *id)
{
	void **slot;
	struct name_ids *ni;

	if (*name == '\0')
		return;
	slot = cs_map_slot(names, name, NULL);
	if ((ni = *slot) == NULL) {
		ni = *slot = cs_xmalloc(sizeof *ni);
		memset(ni, 0, sizeof *ni);
	} else if (ni->n < NAME_IDS)
		cs_buf_add(&ni->ids, ", ", 2);
	if (ni->n < NAME_IDS)
		cs_buf_adds(&ni->ids, id);
	free(ni->last);
	ni->last = cs_xstrdup(id);
	ni->n++;
}

/* One customer of customers.csv (cs_scan_store): its id. */
static int
customer_id(void *ctx, const struct cs_slice *f, long line)
{
	struct tickets *tk = ctx;

	(void)line;
	if (f[0].p == NULL)
		return cs_fail(CS_EDATA, "customers.csv: no column 'id'");
	idset_add(&tk->cust_ids, cs_slice_text(&f[0], &tk->scratch));
	return 0;
}

/* Its name, and its id. */
static int
customer_name(void *ctx, const struct cs_slice *f, long line)
{
	struct tickets *tk = ctx;
	char *id;

	(void)line;
	if (f[0].p == NULL || f[1].p == NULL)
		return cs_fail(CS_EDATA, "customers.csv: no column 'id' or 'name'");
	id = cs_xstrdup(cs_slice_text(&f[0], &tk->scratch));
	name_of(&tk->cust_names, cs_slice_text(&f[1], &tk->scratch), id);
	free(id);
	return 0;
}

/* The customers' names, read when the file first names one (a file of
 * ids never needs them): 0, or -1 with the error, kept for the end. */
static int
customer_names(struct tickets *tk)
{
	static const char *const ccols[] = { "id", "name" };
	char *path;
	int k;

	if (tk->names_read)
		return tk->names_read > 0 ? 0 : cs_fail(CS_EIO, "%s",
		    tk->names_error);
	path = cs_ds_path(tk->ds, "customers.csv");
	k = cs_scan_store(path, ccols, 2, customer_name, tk);
	free(path);
	tk->names_read = k < 0 ? -1 : 1;
	if (k < 0)
		tk->names_error = cs_xstrdup(cs_errmsg());
	return k < 0 ? -1 : 0;
}

/* The roster and the customers' ids, for references by login or id
 * (the customers by the fast scanner: a million of them are a second
 * through the reader). */
static int
load_refs(struct cs_ds *ds, struct tickets *tk)
{
	static const char *const ccols[] = { "id" };
	struct cs_reader r;
	struct cs_row row = { 0 };
	char *path;
	int k, a, b, c;

	path = cs_ds_path(ds, "staff.csv");
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (k < 0)
		return -1;
	a = cs_row_find(&r.hdr, "id"), b = cs_row_find(&r.hdr, "team");
	c = cs_row_find(&r.hdr, "name");
	while ((k = cs_reader_next(&r, &row)) > 0) {
		*cs_map_slot(&tk->staff, cs_row_get(&row, (size_t)a), NULL) =
		    cs_xstrdup(cs_row_get(&row, (size_t)b));
		name_of(&tk->staff_names, cs_row_get(&row, (size_t)c),
		    cs_row_get(&row, (size_t)a));
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	if (k < 0)
		return -1;
	path = cs_ds_path(ds, "customers.csv");
	k = cs_scan_store(path, ccols, 1, customer_id, tk);
	free(path);
	return k < 0 ? -1 : 0;
}

static int
ticket_column(struct cs_import *im, const char *name)
{
	(void)im;
	if (*name && (cs_schema_col(S, name) == NULL || strcmp(name, "id") == 0))
		return cs_fail(CS_EDATA, "column '%s' is not a ticket field%s", name,
		    strcmp(name, "id") ? _(" (rename it with --map, or drop it "
		    "with --map 'name=')") : _("; cs-ticket gives the ids (drop it "
		    "with --map 'id=')"));
	return 0;
}

/* The agent v (a login or a name of the roster): *out its login, or
 * with --create-missing p->agent_missing to make. */
static int
ticket_agent(struct cs_import *im, struct pending_rec *p, const char *v,
    const char **out)
{
	struct tickets *tk = im->ctx;
	const struct name_ids *login;
	char made[33];

	*out = v;
	if (cs_map_get(&tk->staff, v))
		return 0;
	if ((login = cs_map_get(&tk->staff_names, v)) != NULL) {
		if (login->n > NAME_IDS)
			return cs_fail(CS_EDATA, "field 'agent': %zu on the roster "
			    "are called '%s': %s and %zu more (give the login)",
			    login->n, v, login->ids.s, login->n - NAME_IDS);
		if (login->n > 1)
			return cs_fail(CS_EDATA, "field 'agent': more than one on "
			    "the roster is called '%s': %s (give the login)", v,
			    login->ids.s);
		*out = login->ids.s;
		return 0;
	}
	if (!im->o->create_missing)
		return cs_fail(CS_EDATA, "field 'agent': no one on the roster "
		    "called '%s'; --create-missing adds them", v);
	if (cs_import_login(v, made) < 0)
		return cs_fail(CS_EDATA, "field 'agent': no login can be made of "
		    "'%s'", v);
	free(p->agent_missing);
	free(p->agent_name);
	p->agent_missing = cs_xstrdup(made);
	p->agent_name = cs_xstrdup(v);
	*out = p->agent_missing;
	return 0;
}

/* The customer v (an id or a name of customers.csv): *out its id; NULL
 * with --create-missing and p->customer_missing to make. */
static int
ticket_customer(struct cs_import *im, struct pending_rec *p, const char *v,
    const char **out)
{
	struct tickets *tk = im->ctx;
	const struct name_ids *id;

	*out = v;
	if (cs_id_valid("C", v)) {
		if (!idset_has(&tk->cust_ids, v))
			return cs_fail(CS_EDATA, "field 'customer': no customer '%s'",
			    v);
		return 0;
	}
	if (customer_names(tk) < 0)
		return -1;
	if ((id = cs_map_get(&tk->cust_names, v)) != NULL) {
		if (id->n > NAME_IDS)
			return cs_fail(CS_EDATA, "field 'customer': %zu customers "
			    "are called '%s': %s and %zu more (give the id)", id->n,
			    v, id->ids.s, id->n - NAME_IDS);
		if (id->n > 1)
			return cs_fail(CS_EDATA, "field 'customer': more than one "
			    "customer is called '%s': %s (give the id)", v,
			    id->ids.s);
		*out = id->ids.s;
		return 0;
	}
	if (!im->o->create_missing)
		return cs_fail(CS_EDATA, "field 'customer': no customer '%s'; "
		    "--create-missing adds it", v);
	free(p->customer_missing);
	p->customer_missing = cs_xstrdup(v);
	*out = NULL;
	return 0;
}

/* One field of one record of the file, converted and checked. */
static int
ticket_field(struct cs_import *im, struct pending_rec *p, const char *field,
    const char *v)
{
	struct tickets *tk = im->ctx;
	char buf[32];

	if (*v == '\0' || *field == '\0')
		return 0;
	if (cs_import_value(im, field, v, p->opened, buf, &v) < 0)
		return -1;
	if (strcmp(field, "agent") == 0 && ticket_agent(im, p, v, &v) < 0)
		return -1;
	if (strcmp(field, "customer") == 0) {
		if (ticket_customer(im, p, v, &v) < 0)
			return -1;
		if (v == NULL)
			return 0;
	}
	return cs_master_assign(&tk->m, &p->rec, field, v);
}

static void
pending_free(struct pending_rec *p)
{
	cs_row_free(&p->rec);
	free(p->agent_missing);
	free(p->customer_missing);
	free(p->agent_name);
}

/* The order id as found (found 0: none such, or no id), NULL on an
 * error. */
static const struct cs_ref *
order_ref(struct tickets *tk, const char *id)
{
	static const struct cs_ref none;
	const struct cs_ref *ref;
	char month[8];
	int isnew;

	if (*id == '\0' || !cs_id_valid("O", id) || strlen(id) < 15)
		return &none;
	if ((ref = cs_map_get(&tk->orders, id)) != NULL)
		return ref;
	snprintf(month, sizeof month, "%.4s-%.2s", id + 2, id + 6);
	cs_map_slot(&tk->order_months, month, &isnew);
	if (!isnew)
		return &none;
	if (cs_records_month_refs(tk->ds, &cs_schema_orders, month,
	    &tk->orders) < 0)
		return NULL;
	return (ref = cs_map_get(&tk->orders, id)) ? ref : &none;
}

static int
ticket_check(struct cs_import *im, const struct cs_row *row)
{
	struct tickets *tk = im->ctx;
	const struct cs_master *m = &tk->m;
	struct pending_rec *p;
	const struct cs_sla_rule *rule;
	const struct cs_ref *ref;
	const char *st, *team, *order;
	int oc = cs_row_find(&im->cols, "opened_at");
	size_t i;

	if (tk->n == tk->cap) {
		tk->cap = tk->cap ? 2 * tk->cap : 64;
		tk->v = cs_xrealloc(tk->v, tk->cap * sizeof *tk->v);
	}
	p = &tk->v[tk->n++];
	memset(p, 0, sizeof *p);
	p->line = row->line;
	cs_master_blank(m, &p->rec);
	if (cs_import_base(im, row, &p->opened) < 0)
		return -1;
	cs_master_put_time(m, &p->rec, "opened_at", p->opened);
	cs_master_put(m, &p->rec, "kind", "inquiry");
	for (i = 0; i < row->n; i++)
		if ((int)i != oc && ticket_field(im, p, cs_row_get(&im->cols, i),
		    cs_row_get(row, i)) < 0)
			return -1;
	if (*cs_master_get(m, &p->rec, "channel") == '\0')
		return cs_fail(CS_EDATA, "field 'channel' is required");
	if (*cs_master_get(m, &p->rec, "agent") == '\0' && p->agent_missing == NULL)
		return cs_fail(CS_EDATA, "field 'agent' is required");
	if ((team = cs_map_get(&tk->staff, cs_master_get(m, &p->rec, "agent"))))
		cs_master_put(m, &p->rec, "team", team);
	st = *cs_master_get(m, &p->rec, "closed_at") ? "closed" :
	    *cs_master_get(m, &p->rec, "resolved_at") ? "resolved" : "open";
	if (*cs_master_get(m, &p->rec, "status") == '\0')
		cs_master_put(m, &p->rec, "status", st);
	rule = cs_sla_rule(&tk->sla, cs_master_get(m, &p->rec, "kind"),
	    cs_master_get(m, &p->rec, "channel"));
	if (rule && *cs_master_get(m, &p->rec, "due_at") == '\0')
		cs_master_put_time(m, &p->rec, "due_at", cs_sla_add(&tk->sla,
		    rule->business, cs_master_get(m, &p->rec, "channel"), p->opened,
		    rule->resolution));
	/* times in order, status as they say, an order of its customer's
	 * (the orders of a month read once, at the first ticket that names
	 * one of them: the lock holds them still) */
	order = cs_master_get(m, &p->rec, "order");
	ref = order_ref(tk, order);
	return ref ? cs_records_refuse_ticket_ref(m, &p->rec, ref) : -1;
}

/* A record held until the import is stored, its buffer sized to its
 * fields (setting them left it doubled, and the values replaced). */
static void
fit(struct cs_row *rec)
{
	struct cs_row t = { 0 };

	cs_row_copy(&t, rec);
	t.line = rec->line;
	cs_row_free(rec);
	*rec = t;
}

/* One record, or none with the error: a bad row leaves no trace. */
static int
ticket_record(struct cs_import *im, const struct cs_row *row)
{
	struct tickets *tk = im->ctx;

	if (ticket_check(im, row) == 0) {
		fit(&tk->v[tk->n - 1].rec);
		return 0;
	}
	pending_free(&tk->v[--tk->n]);
	return -1;
}

static const struct cs_importer ticket_importer = {
	S, "opened_at", "satisfaction", 5, ticket_column, NULL, ticket_record,
};

static int
by_opened(const void *a, const void *b)
{
	const struct pending_rec *x = a, *y = b;

	if (x->opened != y->opened)
		return x->opened < y->opened ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
by_first_id(const void *a, const void *b)
{
	return cs_id_cmp(cs_row_get(a, 0), cs_row_get(b, 0));
}

/* 1 when the n elements at v are in cmp's order already (an export is
 * most often in order of opening, and the ids are given in that order):
 * the sort is then skipped. */
static int
in_order(const void *v, size_t n, size_t size, int (*cmp)(const void *,
    const void *))
{
	const char *p = v;
	size_t i;

	for (i = 1; i < n; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0)
			return 0;
	return 1;
}

/* Each name of missing (name -> the line that first names it) once:
 * the first found, and how many. */
static size_t
gather_missing(struct cs_map *missing, const char *name, long line,
    size_t n, long *first)
{
	int isnew;
	void **slot;

	if (name == NULL)
		return n;
	slot = cs_map_slot(missing, name, &isnew);
	if (!isnew)
		return n;
	*slot = (void *)line;
	if (n == 0)
		*first = line;
	return n + 1;
}

/* An agent of the roster: login, called by the name the file gave. */
static int
add_agent(struct cs_master *sm, struct tickets *tk, const char *login,
    struct cs_row *rec, struct cs_buf *ids)
{
	const char *name = cs_map_get(&tk->new_names, login);

	cs_master_blank(sm, rec);
	if (cs_master_assign(sm, rec, "id", login) < 0 ||
	    cs_master_assign(sm, rec, "name", name ? name : login) < 0 ||
	    cs_master_assign(sm, rec, "role", "agent") < 0 ||
	    cs_master_append(sm, rec, 1, "import", ids) < 0)
		return -1;
	*cs_map_slot(&tk->staff, login, NULL) = cs_xstrdup("");
	return 0;
}

/* An end customer called name, given the next id. */
static int
add_customer(struct cs_master *cm, struct tickets *tk, const char *name,
    struct cs_row *rec, struct cs_buf *ids)
{
	cs_master_blank(cm, rec);
	if (cs_master_assign(cm, rec, "name", name) < 0 ||
	    cs_master_assign(cm, rec, "type", "end") < 0 ||
	    cs_master_append(cm, rec, 1, "import", ids) < 0)
		return -1;
	ids->s[strcspn(ids->s, "\n")] = '\0';
	name_of(&tk->cust_names, name, ids->s);
	return 0;
}

/* The agents (or the customers) the file names that are not known: each
 * a line of the plan, or added to its store. */
static int
add_missing(struct cs_master *mm, struct tickets *tk, int agents,
    struct cs_out *plan, int dry)
{
	const struct cs_map *missing = agents ? &tk->new_agents :
	    &tk->new_customers;
	struct cs_row rec = { 0 };
	struct cs_buf ids = { 0 };
	size_t i;
	int ret = 0;

	for (i = 0; i < missing->cap && ret == 0; i++) {
		const char *name = missing->keys[i];
		if (name == NULL)
			continue;
		if (dry) {
			const char *v[] = { agents ? "add-agent" : "add-customer",
				agents ? name : "", agents ? "" : name, NULL };
			cs_import_plan_row(plan, (long)missing->vals[i], v);
			continue;
		}
		cs_buf_reset(&ids);
		ret = agents ? add_agent(mm, tk, name, &rec, &ids) :
		    add_customer(mm, tk, name, &rec, &ids);
	}
	cs_row_free(&rec);
	cs_buf_free(&ids);
	return ret;
}

/* The agents and customers the file names that are not known yet: each
 * reported, or made when --create-missing says so. */
static int
import_missing(struct cs_ds *ds, const struct cs_import *im, struct tickets *tk,
    struct cs_out *plan)
{
	struct cs_master sm, cm;
	size_t i, missing = 0, before;
	long first = 0;
	const char *what = NULL, *name = NULL;
	int ret = -1;

	for (i = 0; i < tk->n; i++) {
		struct pending_rec *p = &tk->v[i];
		before = missing;
		missing = gather_missing(&tk->new_agents, p->agent_missing, p->line,
		    missing, &first);
		if (p->agent_name && !cs_map_get(&tk->new_names, p->agent_missing))
			*cs_map_slot(&tk->new_names, p->agent_missing, NULL) =
			    cs_xstrdup(p->agent_name);
		if (before == 0 && missing)
			what = "agent", name = p->agent_missing;
		before = missing;
		missing = gather_missing(&tk->new_customers, p->customer_missing,
		    p->line, missing, &first);
		if (before == 0 && missing)
			what = "customer", name = p->customer_missing;
	}
	if (missing == 0)
		return 0;
	if (!im->o->create_missing)	/* each such row was refused */
		return cs_fail(CS_ESOFTWARE, "%s:%ld: field '%s': no '%s'",
		    im->file, first, what, name);
	/* agents added are a change of the roster (rules/roles.h) */
	if (tk->new_agents.n && cs_may_act(ds, "import", "roster", NULL) < 0)
		return -1;
	if (cs_master_open(&sm, ds, &cs_schema_staff) < 0)
		return -1;
	if (cs_master_open(&cm, ds, &cs_schema_customers) < 0) {
		cs_master_close(&sm);
		return -1;
	}
	if (add_missing(&sm, tk, 1, plan, im->o->dry_run) == 0 &&
	    add_missing(&cm, tk, 0, plan, im->o->dry_run) == 0)
		ret = 0;
	cs_master_close(&sm);
	cs_master_close(&cm);
	return ret;
}

/* Each ticket records its agent's work: the acting user must have the
 * right to record it for that agent (rules/roles.h), as cs-ticket add
 * asks; the first row refused is 77 with its line and the rule.  An
 * agent the import makes is the roster's right, asked before. */
static int
may_record(struct cs_ds *ds, const struct cs_import *im, struct tickets *tk)
{
	struct cs_map seen = { 0 };
	size_t i, ac = (size_t)(cs_schema_col(S, "agent") - S->cols);
	char *why = NULL;
	int k = 1;

	for (i = 0; i < tk->n && k > 0; i++) {
		const struct pending_rec *p = &tk->v[i];
		const char *agent = cs_row_get(&p->rec, ac);
		int isnew;
		if (p->agent_missing)
			continue;
		cs_map_slot(&seen, agent, &isnew);
		if (isnew && (k = cs_may(ds, "record", agent, &why)) == 0)
			cs_fail(CS_EPERM, "%s:%ld: field 'agent': import: %s",
			    im->file, p->line, why);
	}
	free(why);
	cs_map_free(&seen, NULL);
	return k > 0 ? 0 : -1;
}

/* The last of the ids a name holds (name_of): the customer made last. */
static const char *
last_id(const struct name_ids *ni)
{
	return ni ? ni->last : NULL;
}

/* Each record its id, by day after the day's last (and its line of the
 * plan); recs the records. */
static int
give_ids(struct cs_ds *ds, const struct cs_import *im, struct tickets *tk,
    struct cs_row *recs, struct cs_out *plan)
{
	struct cs_master *m = &tk->m;
	struct cs_buf line = { 0 };
	char *last = NULL, *id;
	size_t i;
	int ret = -1, dry = im->o->dry_run;

	for (i = 0; i < tk->n; i++) {
		struct pending_rec *p = &tk->v[i];
		char d1[16], d2[16];
		if (p->agent_missing) {
			const char *team = cs_map_get(&tk->staff, p->agent_missing);
			cs_master_put(m, &p->rec, "agent", p->agent_missing);
			cs_master_put(m, &p->rec, "team", team ? team : "");
		}
		if (p->customer_missing)	/* made just now: one of the name */
			cs_master_put(m, &p->rec, "customer", dry ? "" :
			    last_id(cs_map_get(&tk->cust_names, p->customer_missing)));
		cs_date_format(p->opened, d1);
		if (last)
			snprintf(d2, sizeof d2, "%.4s-%.2s-%.2s", last + 2, last + 6,
			    last + 8);
		if (last == NULL || strcmp(d1, d2) != 0) {
			free(last);
			if (cs_dated_day_last(ds, S, p->opened, &last) < 0)
				goto out;
		}
		if ((id = cs_id_next_daily("T", last, p->opened)) == NULL)
			goto out;
		free(last);
		last = id;
		cs_master_put(m, &p->rec, "id", id);
		if (dry) {
			cs_buf_reset(&line);
			cs_csv_record(&line, &p->rec);
			line.s[--line.len] = '\0';
			const char *v[] = { "add", id, line.s, NULL };
			cs_import_plan_row(plan, p->line, v);
		}
		fit(&p->rec);
		recs[i] = p->rec;
	}
	ret = 0;
out:
	free(last);
	cs_buf_free(&line);
	return ret;
}

static void
tickets_free(struct tickets *tk)
{
	size_t i;

	for (i = 0; i < tk->n; i++)
		pending_free(&tk->v[i]);
	free(tk->v);
	cs_map_free(&tk->staff, free_str);
	cs_map_free(&tk->staff_names, free_names);
	cs_map_free(&tk->new_names, free_str);
	idset_free(&tk->cust_ids);
	free(tk->names_error);
	cs_map_free(&tk->cust_names, free_names);
	cs_map_free(&tk->new_agents, NULL);
	cs_map_free(&tk->new_customers, NULL);
	cs_map_free(&tk->orders, free);
	cs_map_free(&tk->order_months, NULL);
	cs_buf_free(&tk->scratch);
	cs_master_close(&tk->m);
	cs_sla_free(&tk->sla);
}

int
cs_import_tickets(struct cs_ds *ds, const struct cs_import_opts *o,
    const char *file)
{
	struct tickets tk = { 0 };
	struct cs_import im = { 0 };
	struct cs_out plan = { 0 };
	struct cs_row ph = { 0 }, *recs = NULL;
	int locked = 0, intxn = 0, ret = -1, planning = 0;
	size_t i;
	static const char *const pcols[] = { "line", "action", "id", "new", NULL };

	im.o = o;
	im.d = &ticket_importer;
	im.ctx = &tk;
	tk.ds = ds;
	if (cs_master_open_rel(&tk.m, ds, S, NULL) < 0 ||
	    cs_sla_load(&tk.sla, ds->dir) < 0)
		goto out;
	if (!o->dry_run) {
		if (cs_lock(ds, cs_lock_wait) < 0)
			goto out;
		locked = 1;
	}
	if (load_refs(ds, &tk) < 0 || cs_import_read(&im, file) < 0)
		goto out;
	if (tk.names_read < 0) {	/* customers.csv failed us, not the rows */
		cs_fail(CS_EIO, "%s", tk.names_error);
		goto out;
	}
	if (o->dry_run) {
		cs_import_plan_begin(&plan, o, &ph, pcols);
		planning = 1;
	}
	/* new agents, new customers and the tickets: one transaction */
	if (!o->dry_run) {
		if (cs_txn_begin(ds) < 0)
			goto out;
		intxn = 1;
	}
	if (import_missing(ds, &im, &tk, &plan) < 0 ||
	    may_record(ds, &im, &tk) < 0)
		goto out;
	/* ids: by day, after the day's last, in order of opening (tk.v is
	 * NULL for a file of a header alone: nothing to sort or store) */
	if (tk.n > 1 && !in_order(tk.v, tk.n, sizeof *tk.v, by_opened))
		qsort(tk.v, tk.n, sizeof *tk.v, by_opened);
	recs = cs_xmalloc((tk.n + 1) * sizeof *recs);
	if (give_ids(ds, &im, &tk, recs, &plan) < 0)
		goto out;
	if (o->dry_run) {
		planning = 0;
		ret = cs_out_end(&plan);
		goto out;
	}
	/* in id order for the chunks */
	if (tk.n > 1 && !in_order(recs, tk.n, sizeof *recs, by_first_id))
		qsort(recs, tk.n, sizeof *recs, by_first_id);
	/* their journal lines in id order: the order of opening, in which
	 * the ids were given */
	if (tk.n && cs_dated_insert(ds, S, recs, tk.n, "import") < 0)
		goto out;
	intxn = 0;
	if (cs_txn_commit(ds) < 0)
		goto out;
	if (tk.n)
		cs_committed("stored the import of %s (%zu tickets, %s to %s)",
		    im.file, tk.n, cs_row_get(&recs[0], 0),
		    cs_row_get(&recs[tk.n - 1], 0));
	for (i = 0; i < tk.n; i++)
		printf("%s\n", cs_row_get(&recs[i], 0));
	ret = 0;
out:
	if (intxn)
		cs_txn_abort(ds);
	if (locked)
		cs_unlock(ds);
	if (planning)
		cs_out_discard(&plan);
	free(recs);
	cs_row_free(&ph);
	ret = cs_import_done(&im, ret);
	cs_import_free(&im);
	tickets_free(&tk);
	return ret;
}
