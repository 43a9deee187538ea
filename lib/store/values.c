/*
 * values.c: the Chinese names of the stores' values (values.h).  One
 * table: a field, its canonical value, its Chinese names separated by
 * '|', the first the one a table shows.  The terms are the department's
 * (the sample policy's complaint natures: 延误, 破损, 丢失 ...).  A name
 * belongs to one value of its field; test_values.c checks it, and that
 * every enum value of every schema has a name, bar the grades (A, B, C
 * read the same in Chinese) and the ratings (1 to 5, whose names are
 * taken but not shown: a table shows the number).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/values.h"

static const struct cs_value_name {
	const char *field, *value, *zh;
	int hidden;		/* taken on input, not shown */
} names[] = {
	{ "channel", "phone", "电话", 0 },
	{ "channel", "online", "在线|网上|在线客服", 0 },
	{ "channel", "email", "邮件|电子邮件", 0 },
	{ "channel", "visit", "来访|上门", 0 },
	{ "channel", "letter", "信函|来信", 0 },

	{ "kind", "inquiry", "咨询", 0 },
	{ "kind", "return", "退货", 0 },
	{ "kind", "exchange", "换货", 0 },
	{ "kind", "repair", "维修|报修", 0 },
	{ "kind", "complaint", "投诉", 0 },	/* the kinds of a spot check */
	{ "kind", "after-sales", "售后", 0 },
	{ "kind", "delivery", "发货|配送", 0 },	/* the kinds of an order */
	{ "kind", "pickup", "取件|上门取件", 0 },
	{ "kind", "replacement", "补发|换新", 0 },
	{ "kind", "all", "合计", 0 },	/* cs-kpi report's after-sales total */

	/* a repair's steps */
	{ "repair_step", "received", "已收件", 0 },
	{ "repair_step", "sent-to-repair", "已送修", 0 },
	{ "repair_step", "repaired", "已修好", 0 },
	{ "repair_step", "shipped-back", "已寄回", 0 },
	{ "repair_step", "done", "已完成", 0 },

	/* an order's exception */
	{ "exception_status", "open", "未解决|待处理", 0 },
	{ "exception_status", "resolved", "已解决", 0 },

	{ "type", "channel", "渠道|渠道客户", 0 },
	{ "type", "out-of-town", "外埠|外埠客户", 0 },
	{ "type", "end", "终端|终端客户", 0 },

	{ "role", "agent", "客服|客服专员", 0 },
	{ "role", "leader", "组长", 0 },
	{ "role", "deputy", "副经理", 0 },
	{ "role", "manager", "经理", 0 },

	/* tickets, complaints and orders share the names of a status */
	{ "status", "open", "待处理", 0 },
	{ "status", "pending", "挂起", 0 },
	{ "status", "resolved", "已解决", 0 },
	{ "status", "closed", "已关闭", 0 },
	{ "status", "forwarded", "已转交", 0 },
	{ "status", "answered", "已答复", 0 },
	{ "status", "satisfied", "客户满意", 0 },
	{ "status", "visited", "已回访", 0 },
	{ "status", "new", "新建", 0 },
	{ "status", "reviewed", "已审核", 0 },
	{ "status", "confirmed", "已确认", 0 },
	{ "status", "prepared", "已备货", 0 },
	{ "status", "packed", "已打包", 0 },
	{ "status", "dispatched", "已派车", 0 },
	{ "status", "picked-up", "已揽收", 0 },
	{ "status", "in-transit", "运输中", 0 },
	{ "status", "out-for-delivery", "派送中", 0 },
	{ "status", "delivered", "已送达", 0 },
	{ "status", "signed", "已签收", 0 },
	{ "status", "lost", "已丢失", 0 },
	{ "status", "cancelled", "已取消", 0 },

	{ "severity", "normal", "一般", 0 },
	{ "severity", "major", "重大", 0 },

	{ "feedback", "satisfied", "满意", 0 },
	{ "feedback", "unsatisfied", "不满意", 0 },

	{ "attitude", "good", "好|良好", 0 },
	{ "attitude", "fair", "一般", 0 },
	{ "attitude", "poor", "差|较差", 0 },

	{ "satisfaction", "5", "非常满意", 1 },
	{ "satisfaction", "4", "满意", 1 },
	{ "satisfaction", "3", "一般", 1 },
	{ "satisfaction", "2", "不满意", 1 },
	{ "satisfaction", "1", "非常不满意", 1 },

	/* a score sheet's flag (cs_yesno reads 是 and 否 too) */
	{ "critical", "yes", "是", 0 },
	{ "critical", "no", "否", 0 },

	/* a verdict's (cs-kpi verdict, report; review: as stored, and as
	 * shown) */
	{ "outcome", "excellent", "优秀", 0 },
	{ "outcome", "pass", "合格", 0 },
	{ "outcome", "fail", "不合格", 0 },
	{ "outcome", "not enough data", "数据不足", 0 },
	{ "review", "yes", "是", 0 },
	{ "review", "no", "否", 0 },
	{ "review", "provisional", "暂定", 0 },
	{ "review", "dismissal review", "辞退复核", 0 },
	{ "review", "reward", "奖励", 0 },

	/* the natures and departments of the default policy */
	{ "nature", "delay", "延误", 0 },
	{ "nature", "damage", "破损", 0 },
	{ "nature", "loss", "丢失", 0 },
	{ "nature", "attitude", "服务态度|态度", 0 },
	{ "nature", "billing", "费用", 0 },
	{ "nature", "wrong-delivery", "错送", 0 },
	{ "nature", "other", "其他", 0 },
	{ "department", "transport", "运输", 0 },
	{ "department", "warehouse", "仓库", 0 },
	{ "department", "customer-service", "客服", 0 },
	{ "department", "finance", "财务", 0 },
	{ "department", "sales", "销售", 0 },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* 1 when v is one of the '|'-separated names of list. */
static int
named(const char *list, const char *v)
{
	size_t n = strlen(v);
	const char *p;

	for (p = list; p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
		if (strncmp(p, v, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return 1;
	return 0;
}

static const struct cs_value_name *
entry(const char *field, const char *v)
{
	size_t i;

	for (i = 0; i < N(names); i++)
		if (strcmp(names[i].field, field) == 0 &&
		    strcmp(names[i].value, v) == 0)
			return &names[i];
	return NULL;
}

const char *
cs_value_canon(const char *field, const char *v)
{
	size_t i;

	if (*v == '\0' || (unsigned char)*v < 0x80)
		return v;	/* every name is Chinese */
	for (i = 0; i < N(names); i++)
		if (names[i].field[0] == field[0] &&
		    strcmp(names[i].field, field) == 0 && named(names[i].zh, v))
			return names[i].value;
	return v;
}

/* The first name of e, in buf. */
static const char *
first_name(const struct cs_value_name *e, char *buf, size_t n)
{
	size_t k = strcspn(e->zh, "|");

	if (k >= n)
		k = n - 1;
	memcpy(buf, e->zh, k);
	buf[k] = '\0';
	return buf;
}

int
cs_value_field(const char *field)
{
	size_t i;

	for (i = 0; i < N(names); i++)
		if (strcmp(names[i].field, field) == 0 && !names[i].hidden)
			return 1;
	return 0;
}

const char *
cs_value_zh(const char *field, const char *v)
{
	static _Thread_local char buf[64];	/* a thread a table part */
	const struct cs_value_name *e = entry(field, v);

	return e ? first_name(e, buf, sizeof buf) : NULL;
}

const char *
cs_value_shown(const char *field, const char *v)
{
	const struct cs_value_name *e;
	const char *zh;

	if (*v == '\0' || !cs_lang_zh() || (e = entry(field, v)) == NULL ||
	    e->hidden)
		return v;
	zh = cs_value_zh(field, v);
	return zh ? zh : v;
}

void
cs_value_list(struct cs_buf *b, const char *field, const char *list,
    const char *sep)
{
	const struct cs_value_name *e;
	char value[64], zh[64];
	size_t n;

	cs_buf_adds(b, "");
	while (list && *list) {
		n = strcspn(list, "|");
		snprintf(value, sizeof value, "%.*s", (int)n, list);
		cs_buf_adds(b, value);
		if ((e = entry(field, value)) != NULL)
			cs_buf_addf(b, " (%s)", first_name(e, zh, sizeof zh));
		list += n;
		if (*list == '|' && *++list)
			cs_buf_adds(b, sep ? sep : ", ");
	}
}

/* 1 when the language name s (zh_CN.UTF-8, zh, zh_TW ...) is Chinese. */
static int
chinese(const char *s)
{
	return strncmp(s, "zh", 2) == 0 && (s[2] == '\0' || s[2] == '_' ||
	    s[2] == '.' || s[2] == '@' || s[2] == ':');
}

int
cs_lang_zh(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *loc = NULL, *lang;
	size_t i;

	for (i = 0; i < N(vars) && loc == NULL; i++)
		if ((loc = getenv(vars[i])) != NULL && *loc == '\0')
			loc = NULL;
	/* as gettext(3) has it: LANGUAGE is ignored in the C locale only
	 * (C.UTF-8 is another locale; alone, it is English) */
	if (loc == NULL || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		return 0;
	if ((lang = getenv("LANGUAGE")) != NULL && *lang)
		return chinese(lang);
	return chinese(loc);
}
