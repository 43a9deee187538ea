/*
 * notify.c: which events owe a message, the templates and their
 * rendering, and the queuing of a message in its event's commit
 * (notify.h; the policy files are cs-policy(5)'s notify.csv and
 * messages/).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/notify.h"
#include "rules/policy.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define TEMPLATE_MAX (64 * 1024)

/* ---- policy/notify.csv ---- */

static char *
setting(const struct cs_policy *p, const char *name, const char *def)
{
	long i = cs_policy_find(p, "setting", name);

	return cs_xstrdup(i >= 0 ? cs_policy_s(p, (size_t)i, "value") : def);
}

static double
number(const struct cs_policy *p, const char *name, double def)
{
	long i = cs_policy_find(p, "setting", name);

	return i >= 0 ? cs_policy_v(p, (size_t)i, "value") : def;
}

int
cs_notify_conf_load(struct cs_notify_conf *c, const char *dir)
{
	struct cs_policy p;

	memset(c, 0, sizeof *c);
	if (cs_policy_read(&p, dir, CS_NOTIFY_FILE) < 0)
		return -1;
	c->sendmail = setting(&p, "sendmail", "/usr/sbin/sendmail -t -i");
	c->sms = setting(&p, "sms", "");
	c->wechat = setting(&p, "wechat", "");
	c->phone_channel = setting(&p, "phone_channel", "sms");
	c->from = setting(&p, "from", "");
	c->domain = setting(&p, "domain", "");
	c->language = setting(&p, "language", "zh");
	c->agent_domain = setting(&p, "agent_domain", "");
	c->retry.attempts = (long)number(&p, "attempts", 5);
	c->retry.first = (int64_t)number(&p, "retry", 600);
	c->retry.max = (int64_t)number(&p, "retry_max", 86400);
	c->satisfaction_after = (int64_t)number(&p, "satisfaction_after", 3600);
	c->timeout = (int64_t)number(&p, "timeout", 300);
	if (*c->domain == '\0') {
		char host[256];
		free(c->domain);
		if (gethostname(host, sizeof host) < 0 || !*host)
			snprintf(host, sizeof host, "localhost");
		host[sizeof host - 1] = '\0';
		c->domain = cs_xstrdup(host);
	}
	cs_policy_free(&p);
	return 0;
}

void
cs_notify_conf_free(struct cs_notify_conf *c)
{
	free(c->sendmail);
	free(c->sms);
	free(c->wechat);
	free(c->phone_channel);
	free(c->from);
	free(c->domain);
	free(c->language);
	free(c->agent_domain);
	memset(c, 0, sizeof *c);
}

/* ---- templates ---- */

void
cs_template_free(struct cs_template *t)
{
	free(t->subject);
	free(t->body);
	t->subject = t->body = NULL;
}

int
cs_template_parse(const char *rel, const char *text, struct cs_template *t)
{
	const char *nl, *body, *cr;
	size_t bad;
	long line = 1;

	snprintf(t->rel, sizeof t->rel, "%s", rel);
	t->subject = t->body = NULL;
	if (cs_utf8_check(text, strlen(text), &bad) < 0)
		return cs_fail(CS_ECONFIG, "%s: invalid UTF-8 at byte %zu", rel, bad);
	if ((cr = strchr(text, '\r')) != NULL) {	/* a file saved on Windows */
		for (nl = text; nl < cr; nl++)
			line += *nl == '\n';
		return cs_fail(CS_ECONFIG, "%s:%ld: a carriage return (CR): save "
		    "the template with plain line ends (LF)", rel, line);
	}
	if (strncmp(text, "Subject:", 8) != 0)
		return cs_fail(CS_ECONFIG, "%s:1: field 'Subject': the first line "
		    "is not 'Subject: ...'", rel);
	if ((nl = strchr(text, '\n')) == NULL || nl[1] != '\n')
		return cs_fail(CS_ECONFIG, "%s:2: the line after the subject is "
		    "not empty", rel);
	body = nl + 2;
	if (*body == '\0')
		return cs_fail(CS_ECONFIG, "%s:3: no body", rel);
	text += 8;
	while (*text == ' ')
		text++;
	t->subject = cs_xmalloc((size_t)(nl - text) + 1);
	memcpy(t->subject, text, (size_t)(nl - text));
	t->subject[nl - text] = '\0';
	if (t->subject[0] == '\0') {
		cs_template_free(t);
		return cs_fail(CS_ECONFIG, "%s:1: field 'Subject': empty", rel);
	}
	if (cs_ctrl_find(t->subject, strlen(t->subject), NULL)) {
		cs_template_free(t);
		return cs_fail(CS_ECONFIG, "%s:1: field 'Subject': a control "
		    "character", rel);
	}
	t->body = cs_xstrdup(body);
	t->body_line = 3;
	return 0;
}

/* The text of rel in dir: 1, 0 absent (ENOENT), -1 an error. */
static int
read_template(const char *dir, const char *rel, struct cs_buf *text)
{
	struct cs_buf path = { 0 };
	char b[4096];
	ssize_t n;
	int fd, ret = 1;

	cs_buf_addf(&path, "%s/%s", dir, rel);
	if ((fd = cs_open_regular(path.s, O_RDONLY, 0)) < 0) {
		ret = errno == ENOENT && cs_errstatus() == CS_ENOINPUT ? 0 : -1;
		cs_buf_free(&path);
		return ret;
	}
	cs_buf_adds(text, "");
	while ((n = read(fd, b, sizeof b)) > 0 && text->len <= TEMPLATE_MAX)
		cs_buf_add(text, b, (size_t)n);
	if (n < 0)
		ret = cs_fail_errno("read", path.s);
	else if (text->len > TEMPLATE_MAX)
		ret = cs_fail(CS_ECONFIG, "%s: longer than %d bytes", rel,
		    TEMPLATE_MAX);
	close(fd);
	cs_buf_free(&path);
	return ret;
}

static const char *
default_text(const char *rel)
{
	const struct cs_default_file *d;

	for (d = cs_defaults; d->path; d++)
		if (strcmp(d->path, rel) == 0)
			return d->text;
	return NULL;
}

int
cs_template_load(const char *dir, const char *event, const char *lang,
    const char *deflang, struct cs_template *t)
{
	const char *langs[2] = { lang, deflang }, *def;
	struct cs_buf rel = { 0 }, text = { 0 };
	int i, k = 0, ret = -1;

	for (i = 0; i < 2 && k == 0; i++) {
		if (langs[i] == NULL || *langs[i] == '\0' ||
		    strchr(langs[i], '/') || langs[i][0] == '.')
			continue;
		cs_buf_reset(&rel);
		cs_buf_addf(&rel, "%s/%s.%s.txt", CS_MESSAGES_DIR, event, langs[i]);
		if ((k = read_template(dir, rel.s, &text)) < 0)
			goto out;
	}
	if (k > 0)
		ret = cs_template_parse(rel.s, text.s, t);
	else {
		cs_buf_reset(&rel);
		cs_buf_addf(&rel, "%s/%s.%s.txt", CS_MESSAGES_DIR, event, deflang);
		if ((def = default_text(rel.s)) == NULL)
			cs_fail(CS_ECONFIG, "%s: missing (the template of %s)", rel.s,
			    event);
		else
			ret = cs_template_parse(rel.s, def, t);
	}
out:
	cs_buf_free(&rel);
	cs_buf_free(&text);
	return ret;
}

int
cs_template_render(const char *rel, long line, const char *text,
    const char *(*field)(void *, const char *), void *ctx, struct cs_buf *out)
{
	const char *p, *e, *v;
	char name[64];
	size_t n;

	cs_buf_adds(out, "");
	for (p = text; *p; p++) {
		if (*p == '\n')
			line++;
		if (*p == '}') {	/* "}}" is a brace, as "{{" is */
			if (p[1] != '}')
				return cs_fail(CS_ECONFIG, "%s:%ld: a '}' without "
				    "its '{' (a brace itself is '}}')", rel, line);
			cs_buf_addc(out, '}');
			p++;
			continue;
		}
		if (*p != '{') {
			cs_buf_addc(out, *p);
			continue;
		}
		if (p[1] == '{') {
			cs_buf_addc(out, '{');
			p++;
			continue;
		}
		e = p + 1 + strspn(p + 1, "abcdefghijklmnopqrstuvwxyz0123456789_.-");
		n = (size_t)(e - p - 1);
		if (*e != '}' || n == 0 || n >= sizeof name)
			return cs_fail(CS_ECONFIG, "%s:%ld: a '{' without its field "
			    "name and '}' (a brace itself is '{{')", rel, line);
		memcpy(name, p + 1, n);
		name[n] = '\0';
		if ((v = field(ctx, name)) == NULL)
			return cs_fail(CS_ECONFIG, "%s:%ld: field '%s': no such "
			    "field here (see cs-policy(5))", rel, line, name);
		cs_buf_adds(out, v);
		p = e;
	}
	return 0;
}

/* ---- the fields of a message ---- */

struct fields {
	const struct cs_master *m, *cm;	/* the record's, the customer's */
	const struct cs_row *rec, *crow;
	const char *agent;
	char buf[64];
	struct cs_buf shown;
	int lint;		/* only whether a name is known */
};

/* A stored time as people read it: 2026-12-02 15:00. */
static const char *
shown(struct fields *f, const struct cs_column *c, const char *v)
{
	cs_time t;

	if (c->type != CS_T_TIME || cs_time_parse(v, &t) < 0)
		return v;
	cs_time_format(t, f->buf);
	f->buf[10] = ' ';
	f->buf[16] = '\0';
	return f->buf;
}

static const char *
of(struct fields *f, const struct cs_master *m, const struct cs_schema *s,
    const struct cs_row *r, const char *name)
{
	const struct cs_column *c = cs_schema_col(s, name);

	if (c == NULL)
		return NULL;
	if (f->lint || m == NULL)
		return "";
	return shown(f, c, cs_master_get(m, r, name));
}

static const char *
field(void *ctx, const char *name)
{
	struct fields *f = ctx;

	if (strcmp(name, "agent") == 0)
		return f->agent ? f->agent : f->lint ? "" : NULL;
	if (strncmp(name, "customer.", 9) == 0)
		return of(f, f->cm, &cs_schema_customers, f->crow, name + 9);
	return f->m ? of(f, f->m, f->m->s, f->rec, name) : f->lint ? "" : NULL;
}

/* ---- which events owe which messages ---- */

static const struct notice {
	const char *store, *what, *event;
} notices[] = {
	{ "orders", "confirm", "order-confirmed" },
	{ "orders", "dispatch", "order-dispatched" },
	{ "orders", "delay", "order-delayed" },
	{ "orders", "delivered", "order-delivered" },
	{ "complaints", "respond", "complaint-answered" },
	{ "complaints", "resolve", "complaint-resolved" },
	{ "complaints", "resolve", "complaint-satisfaction" },
	{ "tickets", NULL, "callback-due" },
};

static const struct cs_schema *
store_schema(const char *name)
{
	if (!strcmp(name, "orders"))
		return &cs_schema_orders;
	if (!strcmp(name, "complaints"))
		return &cs_schema_complaints;
	return &cs_schema_tickets;
}

/* One message rendered and put into q. */
static int
queue(struct cs_ds *ds, const struct cs_notify_conf *conf, const char *event,
    struct fields *f, const char *customer, const char *channel,
    const char *to, const char *lang, const char *key, cs_time due,
    struct cs_outbox_add *q)
{
	struct cs_template t = { "", NULL, NULL, 0 };
	struct cs_buf subj = { 0 }, body = { 0 };
	struct cs_outbox_msg msg;
	char *s;
	int ret = -1;

	if (cs_template_load(ds->dir, event, lang, conf->language, &t) < 0)
		return -1;
	if (cs_template_render(t.rel, 1, t.subject, field, f, &subj) < 0 ||
	    cs_template_render(t.rel, t.body_line, t.body, field, f, &body) < 0)
		goto out;
	for (s = subj.s; *s; s++)	/* a field's line break, in a subject */
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			*s = ' ';
	memset(&msg, 0, sizeof msg);
	msg.event = event;
	msg.record = cs_master_get(f->m, f->rec, "id");
	msg.customer = customer;
	msg.channel = channel;
	msg.to = to;
	msg.language = t.rel + strlen(CS_MESSAGES_DIR) + 2 + strlen(event);
	msg.subject = subj.s;
	msg.body = body.s;
	msg.key = key;
	msg.domain = conf->domain;
	msg.due = due;
	{
		char l[16];
		snprintf(l, sizeof l, "%.*s", (int)strcspn(msg.language, "."),
		    msg.language);
		msg.language = l;
		ret = cs_outbox_put(ds, q, &msg);
	}
out:
	cs_template_free(&t);
	cs_buf_free(&subj);
	cs_buf_free(&body);
	return ret;
}

static int
queue_customer(struct cs_ds *ds, const struct cs_notify_conf *conf,
    const char *event, const struct cs_master *m, const struct cs_row *rec,
    int64_t after, struct cs_outbox_add *q)
{
	const char *cid = cs_master_get(m, rec, "customer"), *email, *phone;
	struct cs_master cm;
	struct cs_row crow = { 0 };
	struct fields f = { m, &cm, rec, &crow, NULL, "", { 0 }, 0 };
	struct cs_buf key = { 0 };
	char t[32];
	off_t s, e;
	int k, ret = -1;

	if (*cid == '\0')
		return 0;	/* no one to tell */
	if (cs_master_open(&cm, ds, &cs_schema_customers) < 0)
		return -1;
	if ((k = cs_master_find(&cm, cid, &crow, &s, &e)) <= 0) {
		if (k == 0)
			cs_fail(CS_EDATA, "%s: no customer '%s' to tell",
			    cs_master_get(m, rec, "id"), cid);
		goto out;
	}
	email = cs_master_get(&cm, &crow, "email");
	phone = cs_master_get(&cm, &crow, "phone");
	cs_time_format(ds->now, t);
	cs_buf_addf(&key, "%s %s %s", event, cs_master_get(m, rec, "id"), t);
	ret = queue(ds, conf, event, &f, cid, *email ? "email" : *phone ?
	    conf->phone_channel : "none", *email ? email : phone,
	    cs_master_get(&cm, &crow, "language"), key.s, ds->now + after, q);
out:
	cs_master_close(&cm);
	cs_row_free(&crow);
	cs_buf_free(&key);
	cs_buf_free(&f.shown);
	return ret;
}

int
cs_notify_queue(struct cs_ds *ds, const char *event,
    const struct cs_master *m, const struct cs_row *rec,
    struct cs_outbox_add *q)
{
	struct cs_notify_conf conf;
	int r;

	if (cs_notify_conf_load(&conf, ds->dir) < 0)
		return -1;
	r = queue_customer(ds, &conf, event, m, rec, 0, q);
	cs_notify_conf_free(&conf);
	return r;
}

int
cs_notify_queue_agent(struct cs_ds *ds, const char *event,
    const struct cs_master *m, const struct cs_row *rec, const char *agent,
    const char *key, struct cs_outbox_add *q)
{
	struct cs_notify_conf conf;
	struct fields f = { m, NULL, rec, NULL, NULL, "", { 0 }, 0 };
	struct cs_buf to = { 0 };
	int r;

	if (cs_notify_conf_load(&conf, ds->dir) < 0)
		return -1;
	f.agent = cs_master_get(m, rec, agent);
	cs_buf_addf(&to, "%s%s%s", f.agent, *conf.agent_domain ? "@" : "",
	    conf.agent_domain);
	r = queue(ds, &conf, event, &f, "", "email", to.s, conf.language, key,
	    ds->now, q);
	cs_notify_conf_free(&conf);
	cs_buf_free(&to);
	return r;
}

int
cs_notify_event(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, const struct cs_row *rec, const char *what,
    struct cs_outbox_add *q)
{
	struct cs_notify_conf conf;
	size_t i;
	int loaded = 0, r = 0;

	(void)old;
	for (i = 0; i < N(notices) && r == 0; i++) {
		if (notices[i].what == NULL || strcmp(notices[i].what, what) ||
		    store_schema(notices[i].store) != m->s)
			continue;
		if (!loaded && cs_notify_conf_load(&conf, ds->dir) < 0)
			return -1;
		loaded = 1;
		r = queue_customer(ds, &conf, notices[i].event, m, rec,
		    strcmp(notices[i].event, "complaint-satisfaction") ? 0 :
		    conf.satisfaction_after, q);
	}
	if (loaded)
		cs_notify_conf_free(&conf);
	return r;
}

int
cs_notify_callback_due(const struct cs_master *m, const struct cs_row *r,
    cs_time now)
{
	const char *st = cs_master_get(m, r, "status");
	cs_time promised, first;

	if ((strcmp(st, "open") && strcmp(st, "pending")) ||
	    *cs_master_get(m, r, "promised_at") == '\0')
		return 0;
	promised = cs_master_get_time(m, r, "promised_at");
	first = cs_master_get_time(m, r, "first_response_at");
	return promised <= now && (first == 0 || first < promised);
}

/* ---- cs check ---- */

/* NAME.LANG.txt: the event's notice, or NULL for another module's
 * kind (whose fields cannot be known here); -1 a bad name. */
static int
template_name(const char *name, const struct notice **n)
{
	const char *dot = strchr(name, '.'), *dot2;
	size_t i, len;

	*n = NULL;
	if (dot == NULL || (dot2 = strchr(dot + 1, '.')) == NULL ||
	    strcmp(dot2, ".txt") != 0 || dot2 - dot < 3 || dot == name)
		return -1;
	len = (size_t)(dot - name);
	if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") < len)
		return -1;
	for (i = 0; i < N(notices); i++)
		if (strlen(notices[i].event) == len &&
		    strncmp(notices[i].event, name, len) == 0)
			*n = &notices[i];
	return 0;
}

/* any field (another module's kind): only the braces checked */
static const char *
any_field(void *ctx, const char *name)
{
	(void)ctx, (void)name;
	return "";
}

static int
lint_one(const char *dir, const char *name, FILE *report)
{
	const struct notice *n;
	struct cs_template t = { "", NULL, NULL, 0 };
	struct cs_buf rel = { 0 }, text = { 0 }, out = { 0 };
	struct cs_master fake;
	struct fields f = { NULL, NULL, NULL, NULL, NULL, "", { 0 }, 1 };
	const char *(*fn)(void *, const char *) = field;
	int k, bad = 0;

	cs_buf_addf(&rel, "%s/%s", CS_MESSAGES_DIR, name);
	if (template_name(name, &n) < 0) {
		fprintf(report, "%s: not a template name (EVENT.LANG.txt)\n", rel.s);
		bad = 1;
		goto out;
	}
	if ((k = read_template(dir, rel.s, &text)) <= 0 ||
	    cs_template_parse(rel.s, text.s, &t) < 0) {
		if (k != 0)
			fprintf(report, "%s\n", cs_errmsg());
		bad = k != 0;
		goto out;
	}
	memset(&fake, 0, sizeof fake);
	if (n) {	/* known fields: the event's store's and the customer's */
		fake.s = store_schema(n->store);
		f.m = &fake;
		if (strcmp(n->event, "callback-due") == 0)
			f.agent = "";
	} else		/* another module's kind: any field */
		fn = any_field;
	if (cs_template_render(t.rel, 1, t.subject, fn, &f, &out) < 0 ||
	    cs_template_render(t.rel, t.body_line, t.body, fn, &f, &out) < 0) {
		fprintf(report, "%s\n", cs_errmsg());
		bad = 1;
	}
out:
	cs_template_free(&t);
	cs_buf_free(&rel);
	cs_buf_free(&text);
	cs_buf_free(&out);
	return bad;
}

static int
visible(const char *name, const char *arg)
{
	(void)arg;
	return name[0] != '.';
}

int
cs_messages_lint(const char *dir, FILE *report)
{
	struct cs_buf d = { 0 };
	char **names, **p;
	int n = 0;

	cs_buf_addf(&d, "%s/%s", dir, CS_MESSAGES_DIR);
	names = cs_dir_entries(d.s, 0, visible, NULL, cs_by_name);
	cs_buf_free(&d);
	if (names == NULL) {
		fprintf(report, "%s\n", cs_errmsg());
		return 1;
	}
	for (p = names; *p; p++)
		n += lint_one(dir, *p, report);
	cs_strv_free(names);
	return n;
}
