/* test_values.c: the Chinese names of the stores' values (store/values.c) */
#include "unit.h"

static void
test_canon(void **state)
{
	static const struct {
		const char *field, *given, *stored;
	} cases[] = {
		{ "channel", "电话", "phone" },
		{ "channel", "在线", "online" },
		{ "channel", "邮件", "email" },
		{ "channel", "电子邮件", "email" },	/* a second name */
		{ "channel", "来访", "visit" },
		{ "channel", "信函", "letter" },
		{ "channel", "phone", "phone" },	/* English as it is */
		{ "channel", "Phone", "Phone" },	/* left for the check */
		{ "channel", "传真", "传真" },		/* unknown: as given */
		{ "channel", "", "" },
		{ "type", "渠道", "channel" },
		{ "type", "外埠", "out-of-town" },
		{ "type", "终端", "end" },
		{ "type", "终端客户", "end" },
		{ "kind", "咨询", "inquiry" },
		{ "kind", "退货", "return" },
		{ "kind", "换货", "exchange" },
		{ "kind", "维修", "repair" },
		{ "status", "已解决", "resolved" },
		{ "status", "待处理", "open" },
		{ "status", "运输中", "in-transit" },
		{ "severity", "重大", "major" },
		{ "severity", "一般", "normal" },
		{ "attitude", "一般", "fair" },		/* by field, not by name */
		{ "feedback", "不满意", "unsatisfied" },
		{ "satisfaction", "非常满意", "5" },
		{ "role", "组长", "leader" },
		{ "nature", "延误", "delay" },
		{ "nature", "破损", "damage" },
		{ "nature", "丢失", "loss" },
		{ "department", "仓库", "warehouse" },
		{ "subject", "电话", "电话" },		/* free text: never */
		{ "name", "终端", "终端" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++)
		assert_string_equal(cs_value_canon(cases[i].field, cases[i].given),
		    cases[i].stored);
}

/* Every value of every enum of every schema has a Chinese name that
 * reads back as it, bar the grades. */
static void
test_every_enum(void **state)
{
	const struct cs_schema *const s[] = { &cs_schema_staff,
		&cs_schema_customers, &cs_schema_tickets, &cs_schema_complaints,
		&cs_schema_orders, &cs_schema_visits };
	const struct cs_column *c;
	const char *p, *zh;
	char v[64];
	size_t i, j, n;

	(void)state;
	for (i = 0; i < N(s); i++)
		for (j = 0; j < s[i]->ncols; j++) {
			c = &s[i]->cols[j];
			if (c->type != CS_T_ENUM || strcmp(c->name, "grade") == 0)
				continue;
			for (p = c->arg; *p; p += n + (p[n] == '|')) {
				n = strcspn(p, "|");
				snprintf(v, sizeof v, "%.*s", (int)n, p);
				zh = cs_value_zh(c->name, v);
				if (zh == NULL)
					fail_msg("%s: %s '%s' has no Chinese name",
					    s[i]->name, c->name, v);
				assert_string_equal(cs_value_canon(c->name, zh), v);
			}
		}
}

static void
test_lang(void **state)
{
	static const struct {
		const char *lc_all, *lc_messages, *lang, *language;
		int zh;
	} cases[] = {
		{ NULL, NULL, NULL, NULL, 0 },
		{ NULL, NULL, "zh_CN.UTF-8", NULL, 1 },
		{ NULL, NULL, "zh_CN", NULL, 1 },
		{ NULL, NULL, "zh", NULL, 1 },
		{ NULL, NULL, "zh_TW.UTF-8", NULL, 1 },
		{ NULL, NULL, "C", NULL, 0 },
		{ NULL, NULL, "C.UTF-8", NULL, 0 },
		{ NULL, NULL, "en_US.UTF-8", NULL, 0 },
		{ NULL, NULL, "zhx", NULL, 0 },
		{ "C.UTF-8", NULL, "zh_CN.UTF-8", NULL, 0 },	/* LC_ALL wins */
		{ "zh_CN.UTF-8", NULL, "C", NULL, 1 },
		{ "", NULL, "zh_CN.UTF-8", NULL, 1 },		/* empty: unset */
		{ NULL, "zh_CN.UTF-8", "en_US.UTF-8", NULL, 1 },
		{ NULL, "C", "zh_CN.UTF-8", NULL, 0 },
		{ NULL, NULL, "en_US.UTF-8", "zh_CN:en", 1 },	/* LANGUAGE */
		{ NULL, NULL, "zh_CN.UTF-8", "en", 0 },
		{ NULL, NULL, "C", "zh_CN", 0 },	/* C: LANGUAGE unheard */
		/* C.UTF-8 is not C to gettext: LANGUAGE is heard */
		{ "C.UTF-8", NULL, NULL, "zh_CN", 1 },
		{ NULL, NULL, NULL, "zh_CN", 0 },
		{ NULL, NULL, "zh_CN.UTF-8", "", 1 },
	};
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG",
		"LANGUAGE" };
	const char *v[4];
	size_t i, j;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		v[0] = cases[i].lc_all, v[1] = cases[i].lc_messages;
		v[2] = cases[i].lang, v[3] = cases[i].language;
		for (j = 0; j < 4; j++)
			if (v[j])
				setenv(vars[j], v[j], 1);
			else
				unsetenv(vars[j]);
		if (cs_lang_zh() != cases[i].zh)
			fail_msg("case %zu: want %d", i, cases[i].zh);
		assert_string_equal(cs_value_shown("channel", "phone"),
		    cases[i].zh ? "电话" : "phone");
	}
	for (j = 0; j < 4; j++)
		unsetenv(vars[j]);
}

static void
test_shown(void **state)
{
	static const struct {
		const char *field, *value, *shown;
	} cases[] = {
		{ "channel", "phone", "电话" },
		{ "type", "out-of-town", "外埠" },
		{ "status", "resolved", "已解决" },
		{ "nature", "delay", "延误" },
		{ "satisfaction", "5", "5" },		/* a number reads as one */
		{ "grade", "A", "A" },
		{ "channel", "fax", "fax" },
		{ "channel", "", "" },
		{ "subject", "phone", "phone" },
	};
	size_t i;

	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	for (i = 0; i < N(cases); i++)
		assert_string_equal(cs_value_shown(cases[i].field, cases[i].value),
		    cases[i].shown);
	assert_int_equal(cs_value_field("channel"), 1);
	assert_int_equal(cs_value_field("nature"), 1);
	assert_int_equal(cs_value_field("satisfaction"), 0);	/* not shown */
	assert_int_equal(cs_value_field("subject"), 0);
	setenv("LANG", "C", 1);
	for (i = 0; i < N(cases); i++)
		assert_string_equal(cs_value_shown(cases[i].field, cases[i].value),
		    cases[i].value);
	unsetenv("LANG");
}

static void
test_list(void **state)
{
	static const struct {
		const char *field, *list, *want;
	} cases[] = {
		{ "channel", "phone|online", "phone (电话), online (在线)" },
		{ "grade", "A|B|C", "A, B, C" },
		{ "type", "channel|out-of-town|end",
		  "channel (渠道), out-of-town (外埠), end (终端)" },
		{ "severity", "normal", "normal (一般)" },
		{ "x", "", "" },
	};
	struct cs_buf b = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		cs_buf_reset(&b);
		cs_value_list(&b, cases[i].field, cases[i].list, NULL);
		assert_string_equal(b.s, cases[i].want);
	}
	cs_buf_free(&b);
}

/* The schema's check names the values with their Chinese names, and a
 * Chinese name is no stored value: it is read as the English one only
 * where a value comes in. */
static void
test_check(void **state)
{
	const struct cs_column *c = cs_schema_col(&cs_schema_tickets, "channel");

	(void)state;
	assert_string_equal(cs_check_value(c, "fax"), "not one of phone (电话), "
	    "online (在线), email (邮件), visit (来访)");
	assert_non_null(cs_check_value(c, "电话"));
	assert_null(cs_check_value(c, cs_value_canon("channel", "电话")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canon),
		cmocka_unit_test(test_every_enum),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_shown),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
