/* test_outbox.c: the outbox's state machine over a table of moves worked
 * by hand (the back-off, giving up, the crash rule, a resend), the
 * template renderer and parser, the fallback of templates by language,
 * and a mail's encoded headers */
#include <sys/stat.h>

#include "unit.h"

static char *dir;

static int
setup(void **state)
{
	struct cs_buf p = { 0 };

	(void)state;
	dir = unit_tmpdir();
	cs_buf_addf(&p, "mkdir -p '%s/policy/messages'", dir);
	assert_int_equal(system(p.s), 0);
	cs_buf_free(&p);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_rmrf(dir);
	free(dir);
	return 0;
}

/* ---- the state machine ---- */

static const struct cs_ob_retry retry = { 3, 600, 1500 };

static const struct move {
	const char *from;
	long attempts;
	long due;		/* seconds after t0 */
	enum cs_ob_event ev;
	long now;
	int ok;
	const char *to;
	long attempts_after, due_after;
} moves[] = {
	/* claimed when due, not before */
	{ "queued", 0, 0, CS_OB_CLAIM, 0, 0, "sending", 1, 0 },
	{ "queued", 0, 60, CS_OB_CLAIM, 59, -1, "queued", 0, 60 },
	{ "failed", 1, 600, CS_OB_CLAIM, 600, 0, "sending", 2, 600 },
	{ "sent", 1, 0, CS_OB_CLAIM, 9999, -1, "sent", 1, 0 },
	{ "dead", 3, 0, CS_OB_CLAIM, 9999, -1, "dead", 3, 0 },
	{ "doubt", 1, 0, CS_OB_CLAIM, 9999, -1, "doubt", 1, 0 },
	{ "sending", 1, 0, CS_OB_CLAIM, 9999, -1, "sending", 1, 0 },
	/* a send's outcomes */
	{ "sending", 1, 0, CS_OB_SENT, 100, 0, "sent", 1, 0 },
	{ "queued", 0, 0, CS_OB_SENT, 100, -1, "queued", 0, 0 },
	/* back-off 600, 1200, then capped at 1500; dead at 3 attempts */
	{ "sending", 1, 0, CS_OB_FAILED, 100, 0, "failed", 1, 700 },
	{ "sending", 2, 0, CS_OB_FAILED, 100, 0, "failed", 2, 1300 },
	{ "sending", 3, 0, CS_OB_FAILED, 100, 0, "dead", 3, 0 },
	{ "sending", 1, 0, CS_OB_REFUSED, 100, 0, "dead", 1, 0 },
	/* the crash rule: in doubt, never claimed again; only a resend */
	{ "sending", 1, 0, CS_OB_CRASHED, 100, 0, "doubt", 1, 0 },
	{ "sent", 1, 0, CS_OB_CRASHED, 100, -1, "sent", 1, 0 },
	{ "doubt", 1, 0, CS_OB_RESEND, 100, 0, "queued", 0, 100 },
	{ "dead", 3, 0, CS_OB_RESEND, 100, 0, "queued", 0, 100 },
	{ "sent", 1, 0, CS_OB_RESEND, 100, -1, "sent", 1, 0 },
	{ "failed", 1, 0, CS_OB_RESEND, 100, -1, "failed", 1, 0 },
};

static void
test_moves(void **state)
{
	struct cs_ob_state st;
	size_t i;

	(void)state;
	for (i = 0; i < N(moves); i++) {
		const struct move *mv = &moves[i];
		snprintf(st.status, sizeof st.status, "%s", mv->from);
		st.attempts = mv->attempts;
		st.due = 1000000 + mv->due;
		assert_int_equal(cs_outbox_step(&st, mv->ev, 1000000 + mv->now,
		    &retry), mv->ok);
		assert_string_equal(st.status, mv->to);
		assert_int_equal(st.attempts, mv->attempts_after);
		if (strcmp(mv->to, "failed") == 0 || strcmp(mv->to, "queued") == 0)
			assert_int_equal(st.due, 1000000 + mv->due_after);
	}
}

static void
test_backoff(void **state)
{
	static const struct cs_ob_retry r = { 10, 600, 86400 };
	static const long want[] = { 600, 1200, 2400, 4800, 9600, 19200, 38400,
		76800, 86400, 86400 };
	size_t i;

	(void)state;
	for (i = 0; i < N(want); i++)
		assert_int_equal(cs_outbox_backoff(&r, (long)i + 1), want[i]);
}

/* A whole life: a failure, a retry, a crash, a resend, a send. */
static void
test_life(void **state)
{
	struct cs_ob_state st = { "queued", 0, 0 };

	(void)state;
	assert_int_equal(cs_outbox_step(&st, CS_OB_CLAIM, 0, &retry), 0);
	assert_int_equal(cs_outbox_step(&st, CS_OB_FAILED, 10, &retry), 0);
	assert_false(cs_outbox_due(&st, 609));
	assert_true(cs_outbox_due(&st, 610));
	assert_int_equal(cs_outbox_step(&st, CS_OB_CLAIM, 610, &retry), 0);
	assert_int_equal(cs_outbox_step(&st, CS_OB_CRASHED, 700, &retry), 0);
	assert_false(cs_outbox_due(&st, 1 << 30));
	assert_int_equal(cs_outbox_step(&st, CS_OB_RESEND, 800, &retry), 0);
	assert_int_equal(cs_outbox_step(&st, CS_OB_CLAIM, 800, &retry), 0);
	assert_int_equal(st.attempts, 1);
	assert_int_equal(cs_outbox_step(&st, CS_OB_SENT, 801, &retry), 0);
	assert_string_equal(st.status, "sent");
	assert_false(cs_outbox_due(&st, 1 << 30));
}

/* ---- templates ---- */

static const char *
lookup(void *ctx, const char *name)
{
	static const char *const f[][2] = {
		{ "id", "O-20261120-0001" }, { "goods", "电视机" },
		{ "customer.name", "张三" }, { "empty", "" },
	};
	size_t i;

	(void)ctx;
	for (i = 0; i < N(f); i++)
		if (strcmp(f[i][0], name) == 0)
			return f[i][1];
	return NULL;
}

static const struct render {
	const char *text, *want;	/* want NULL: refused with why */
	const char *why;
} renders[] = {
	{ "plain", "plain", NULL },
	{ "", "", NULL },
	{ "{id}", "O-20261120-0001", NULL },
	{ "{customer.name}，您好：{goods}。", "张三，您好：电视机。", NULL },
	{ "a{empty}b", "ab", NULL },
	{ "{{id}}", "{id}", NULL },
	{ "{id}}", NULL, "t.txt:3: a '}' without its '{'" },
	{ "}", NULL, "t.txt:3: a '}' without its '{'" },
	{ "a }} b", "a } b", NULL },
	{ "x\n\n{nosuch}", NULL, "t.txt:5: field 'nosuch': no such field" },
	{ "{id", NULL, "t.txt:3: a '{' without" },
	{ "{}", NULL, "t.txt:3: a '{' without" },
	{ "{Id}", NULL, "t.txt:3: a '{' without" },
	{ "a\n{ id}", NULL, "t.txt:4: a '{' without" },
};

static void
test_render(void **state)
{
	struct cs_buf out = { 0 };
	size_t i;
	int r;

	(void)state;
	for (i = 0; i < N(renders); i++) {
		cs_buf_reset(&out);
		r = cs_template_render("t.txt", 3, renders[i].text, lookup, NULL,
		    &out);
		if (renders[i].want) {
			assert_int_equal(r, 0);
			assert_string_equal(out.s, renders[i].want);
		} else {
			assert_int_equal(r, -1);
			assert_int_equal(cs_errstatus(), CS_ECONFIG);
			assert_non_null(strstr(cs_errmsg(), renders[i].why));
		}
	}
	cs_buf_free(&out);
}

static const struct parse {
	const char *text, *subject, *body, *why;
} parses[] = {
	{ "Subject: 订单 {id}\n\n正文\n", "订单 {id}", "正文\n", NULL },
	{ "Subject:x\n\nb", "x", "b", NULL },
	{ "Subjec: x\n\nb", NULL, NULL, "t.txt:1: field 'Subject'" },
	{ "Subject: \n\nb", NULL, NULL, "t.txt:1: field 'Subject': empty" },
	{ "Subject: x\r\n\r\nb\r\n", NULL, NULL, "t.txt:1: a carriage return" },
	{ "Subject: x\n\nb\nc\r\n", NULL, NULL, "t.txt:4: a carriage return" },
	{ "Subject: x\nb\n", NULL, NULL, "t.txt:2: the line after" },
	{ "Subject: x", NULL, NULL, "t.txt:2: the line after" },
	{ "Subject: x\n\n", NULL, NULL, "t.txt:3: no body" },
	{ "Subject: a\tb\n\nc", NULL, NULL, "t.txt:1: field 'Subject': a control" },
	{ "Subject: \xff\n\nc", NULL, NULL, "t.txt: invalid UTF-8" },
};

static void
test_parse(void **state)
{
	struct cs_template t;
	size_t i;

	(void)state;
	for (i = 0; i < N(parses); i++) {
		if (parses[i].subject) {
			assert_int_equal(cs_template_parse("t.txt", parses[i].text,
			    &t), 0);
			assert_string_equal(t.subject, parses[i].subject);
			assert_string_equal(t.body, parses[i].body);
			assert_int_equal(t.body_line, 3);
			cs_template_free(&t);
		} else {
			assert_int_equal(cs_template_parse("t.txt", parses[i].text,
			    &t), -1);
			assert_non_null(strstr(cs_errmsg(), parses[i].why));
		}
	}
}

/* The customer's language, else the policy's, else the default. */
static void
test_fallback(void **state)
{
	struct cs_template t;

	(void)state;
	unit_put(dir, "policy/messages/order-confirmed.en.txt",
	    "Subject: EN {id}\n\nen\n");
	unit_put(dir, "policy/messages/order-delivered.zh.txt",
	    "Subject: 本地 {id}\n\nzh\n");
	assert_int_equal(cs_template_load(dir, "order-confirmed", "en", "zh", &t), 0);
	assert_string_equal(t.subject, "EN {id}");
	assert_string_equal(t.rel, "policy/messages/order-confirmed.en.txt");
	cs_template_free(&t);
	/* no fr: the policy's language, here the built-in default */
	assert_int_equal(cs_template_load(dir, "order-confirmed", "fr", "zh", &t), 0);
	assert_string_equal(t.subject, "您的订单 {id} 已确认");
	cs_template_free(&t);
	assert_int_equal(cs_template_load(dir, "order-delivered", "en", "zh", &t), 0);
	assert_string_equal(t.subject, "本地 {id}");
	cs_template_free(&t);
	/* a language is a word, never a path */
	assert_int_equal(cs_template_load(dir, "order-delivered", "../x", "zh", &t), 0);
	assert_string_equal(t.subject, "本地 {id}");
	cs_template_free(&t);
	/* a kind no template is written for */
	assert_int_equal(cs_template_load(dir, "repair-received", "", "zh", &t), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_non_null(strstr(cs_errmsg(),
	    "policy/messages/repair-received.zh.txt: missing"));
}

/* ---- mail ---- */

static void
test_mail(void **state)
{
	struct cs_buf b = { 0 };
	struct cs_mail m = { "<M-20261120-0001@x>", "s@example.com",
		"a@example.com", "您的订单 O-1 已确认", "正文\n", "order-confirmed",
		"O-1", 0 };

	(void)state;
	cs_mail_header_text("plain ASCII", &b);
	assert_string_equal(b.s, "plain ASCII");
	cs_buf_reset(&b);
	cs_mail_header_text("订单", &b);
	assert_string_equal(b.s, "=?UTF-8?B?6K6i5Y2V?=");
	cs_buf_reset(&b);
	/* 20 characters of 3 bytes: 45 bytes a word, split between them */
	cs_mail_header_text("一二三四五六七八九十一二三四五六七八九十", &b);
	assert_non_null(strstr(b.s, "?=\n =?UTF-8?B?"));
	assert_int_equal(strlen(strchr(b.s, '\n') + 2), strlen("=?UTF-8?B?") +
	    20 + strlen("?="));
	cs_buf_reset(&b);
	cs_base64((const unsigned char *)"ab", 2, &b);
	assert_string_equal(b.s, "YWI=");
	cs_buf_reset(&b);
	cs_base64((const unsigned char *)"a", 1, &b);
	assert_string_equal(b.s, "YQ==");
	cs_buf_reset(&b);
	cs_mail_compose(&m, &b);
	assert_non_null(strstr(b.s, "Message-ID: <M-20261120-0001@x>\n"
	    "Date: Thu, 1 Jan 1970 08:00:00 +0800\nFrom: s@example.com\n"
	    "To: a@example.com\nSubject: =?UTF-8?B?"));
	assert_non_null(strstr(b.s, "X-CS-Event: order-confirmed\n"
	    "X-CS-Record: O-1\n"));
	assert_non_null(strstr(b.s, "base64\n\n5q2j5paHCg==\n"));
	cs_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_life),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_mail),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
