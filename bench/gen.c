/*
 * cs-gen: a synthetic department, for data-samples/ and the benchmarks.
 *
 *	cs-gen [-s seed] [-c customers] [-a agents] [-t tickets-a-month]
 *	       [-O orders-a-month] [-m YYYY-MM[,YYYY-MM...]] [-e YYYY-MM-DD] dir
 *
 * Makes dir as cs init would (the default policies), then writes a roster
 * (a manager, a deputy, three teams with their leaders and -a agents in
 * all), -c customers with Chinese and English names, companies and
 * addresses, and -t tickets in each month of -m (which ascend), up to the
 * day -e.  The tickets tell a story: three agents are slow, two are curt,
 * product quality and damage bring returns and exchanges, about orders of
 * their own, or about the -O orders a month made in bulk for the
 * benchmarks when -O is given.  The same seed gives the same files, a
 * department that cs check finds clean, in time linear in what it makes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs.h"

static uint64_t state;

/* The next number of the stream whose state is *st (splitmix64). */
static uint64_t
next_of(uint64_t *st)
{
	uint64_t z = (*st += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rnd(void)
{
	return next_of(&state);
}

static size_t
pick(size_t n)
{
	return (size_t)(rnd() % n);
}

#define PICK(a) ((a)[pick(sizeof(a) / sizeof((a)[0]))])

/* Room in *v (of *cap elements of size each) for element n: doubled when
 * full, so that a million appends cost a million, not a million squared. */
static void
room(void *v, size_t n, size_t *cap, size_t size)
{
	void **p = v;

	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 1024;
	*p = cs_xrealloc(*p, *cap * size);
}

static const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄",
	"赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
	"高" };
static const char *given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强",
	"磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
	"华", "建国", "晓东", "雪梅", "志强", "海燕" };
static const char *first_en[] = { "James", "Mary", "John", "Linda", "David",
	"Susan", "Michael", "Karen", "Peter", "Emma", "Oliver", "Sophie" };
static const char *last_en[] = { "Smith", "Brown", "Wilson", "Taylor",
	"Clark", "Lee", "Walker", "Young", "King", "Wright", "O'Brien" };
static const char *pinyin[] = { "wang", "li", "zhang", "liu", "chen", "yang",
	"huang", "zhao", "wu", "zhou", "xu", "sun" };
static const char *cities[][2] = {
	{ "上海市浦东新区", "华东" }, { "杭州市西湖区", "华东" },
	{ "南京市鼓楼区", "华东" }, { "苏州市工业园区", "华东" },
	{ "北京市朝阳区", "华北" }, { "天津市河西区", "华北" },
	{ "广州市天河区", "华南" }, { "深圳市南山区", "华南" },
	{ "成都市武侯区", "西南" }, { "武汉市洪山区", "华中" },
};
static const char *streets[] = { "世纪大道", "文三路", "中山北路", "星湖街",
	"建国路", "友谊路", "天河路", "科技园南路", "人民南路", "珞喻路" };
static const char *company_head[] = { "迅达", "顺丰源", "华联", "东方",
	"金桥", "恒通", "嘉禾", "新世纪", "Blue Harbor", "Pacific Trade" };
static const char *company_tail[] = { "贸易有限公司", "电子商务有限公司",
	"物流有限公司", "科技有限公司", " Co., Ltd.", " Imports Ltd" };
static const char *types[] = { "channel", "out-of-town", "end", "end" };
static const char *needs[] = { "整车运输", "冷链配送", "仓储+配送",
	"跨省零担", "express parcels", "fragile goods, handle with care",
	"大件家电上门安装", "" };
static const char *freq[] = { "daily", "weekly", "monthly", "每周两次",
	"occasional" };
static const char *transport[] = { "road", "air", "rail", "express",
	"公路", "航空" };
static const char *notes[] = { "", "", "", "prefers calls after 2pm",
	"发票需加盖公章", "VIP: \"white glove\" handling",
	"contact via WeChat, not phone", "仓库地址变更\n新地址见合同附件",
	"pays monthly, net 30", "C:\\exports\\orders.xls sent weekly" };

static void
field(struct cs_row *r, const char *s)
{
	cs_row_push(r, s, strlen(s));
}

/*
 * The journal: an import line for every record made, as the programs
 * write them (cs_journal_line, cs_journal_chain), timed by the record's
 * id (its day, at midnight) or, for staff and customers, at the start
 * of the first month.  The lines of a month gather in journal/.MONTH.raw
 * as the stores are made in whatever order; at the end each month, in
 * order, is chained into journal/MONTH.csv.
 */
static FILE *create(const char *dir, const char *rel);
static const char *gendir;
static cs_time jstart;
static struct {
	char month[8];
	FILE *fp;
} jraw[240];
static int njraw;

static cs_time
record_time(const char *id)
{
	cs_time t;
	int y, m, d;

	if (strlen(id) > 10 && id[1] == '-' && id[10] == '-' &&
	    sscanf(id + 2, "%4d%2d%2d", &y, &m, &d) == 3 &&
	    cs_mktime_local(y, m, d, 0, 0, 0, &t) == 0)
		return t;
	return jstart;
}

static FILE *
raw_of(cs_time t)
{
	struct cs_buf p = { 0 };
	char d[16];
	int i;

	cs_date_format(t, d);
	for (i = 0; i < njraw; i++)
		if (strncmp(jraw[i].month, d, 7) == 0)
			return jraw[i].fp;
	if (njraw == (int)(sizeof jraw / sizeof jraw[0]))
		cs_fatal(CS_EUSAGE, "cs-gen: too many months");
	snprintf(jraw[njraw].month, sizeof jraw[0].month, "%.7s", d);
	cs_buf_addf(&p, "%s/journal/.%s.raw", gendir, jraw[njraw].month);
	if ((jraw[njraw].fp = fopen(p.s, "w+")) == NULL)
		cs_fatal(CS_ECANTCREAT, "create %s: %s", p.s, strerror(errno));
	cs_buf_free(&p);
	return jraw[njraw++].fp;
}

static void
journal_add(const struct cs_row *r)
{
	struct cs_ds ds = { 0 };
	struct cs_buf line = { 0 }, j = { 0 };

	ds.now = record_time(cs_row_get(r, 0));
	ds.user = "cs-gen";
	ds.program = "cs-gen";
	cs_csv_record(&line, r);
	line.s[--line.len] = '\0';	/* the journal holds it without LF */
	cs_journal_line(&j, &ds, "import", cs_row_get(r, 0), "", "", line.s);
	fwrite(j.s, 1, j.len, raw_of(ds.now));
	cs_buf_free(&line);
	cs_buf_free(&j);
}

static int
by_month(const void *a, const void *b)
{
	return strcmp(((const char *)a), ((const char *)b));
}

static void
journal_finish(void)
{
	char prev[CS_HASH_HEX + 1] = "", *l = NULL;
	struct cs_buf p = { 0 }, h = { 0 };
	size_t cap = 0;
	ssize_t n;
	FILE *out;
	int i;

	qsort(jraw, (size_t)njraw, sizeof jraw[0], by_month);
	for (i = 0; i < njraw; i++) {
		cs_buf_reset(&p);
		cs_buf_addf(&p, "journal/%s.csv", jraw[i].month);
		out = create(gendir, p.s);
		fputs(CS_JOURNAL_HEADER, out);
		rewind(jraw[i].fp);
		while ((n = getline(&l, &cap, jraw[i].fp)) > 0) {
			cs_buf_reset(&h);
			cs_journal_chain(prev, l, (size_t)n, &h);
			fwrite(h.s, 1, h.len, out);
		}
		if (ferror(jraw[i].fp) || fclose(out) != 0)
			cs_fatal(CS_EIO, "write %s: %s", p.s, strerror(errno));
		fclose(jraw[i].fp);
		cs_buf_reset(&p);
		cs_buf_addf(&p, "%s/journal/.%s.raw", gendir, jraw[i].month);
		unlink(p.s);
	}
	free(l);
	cs_buf_free(&p);
	cs_buf_free(&h);
}

static void
emit(FILE *fp, struct cs_row *r)
{
	struct cs_buf b = { 0 };

	cs_csv_record(&b, r);
	fwrite(b.s, 1, b.len, fp);
	cs_buf_free(&b);
}

/* A record of a store: written, and journaled. */
static void
emit_record(FILE *fp, struct cs_row *r)
{
	emit(fp, r);
	journal_add(r);
}

static FILE *
create(const char *dir, const char *rel)
{
	struct cs_buf p = { 0 };
	FILE *fp;

	cs_buf_addf(&p, "%s/%s", dir, rel);
	fp = fopen(p.s, "w");
	if (fp == NULL)
		cs_fatal(CS_ECANTCREAT, "create %s: %s", p.s, strerror(errno));
	cs_buf_free(&p);
	return fp;
}

static void
person(char *out, size_t n, int english)
{
	if (english)
		snprintf(out, n, "%s %s", PICK(first_en), PICK(last_en));
	else
		snprintf(out, n, "%s%s", PICK(surnames), PICK(given));
}

static void
staff(const char *dir, int agents)
{
	static const char *teams[] = { "华东一组", "华南二组", "VIP Team" };
	FILE *fp = create(dir, "staff.csv");
	struct cs_row r = { 0 };
	char id[64], name[64], hired[16];
	int i, t;

	fputs("id,name,team,role,hired,left,department\n", fp);
	for (i = 0; i < agents + 5; i++) {
		const char *role = i == 0 ? "manager" : i == 1 ? "deputy" :
		    i < 5 ? "leader" : "agent";
		t = i < 2 ? -1 : i < 5 ? i - 2 : (i - 5) % 3;
		person(name, sizeof name, pick(5) == 0);
		snprintf(id, sizeof id, "%s%d", PICK(pinyin), i + 1);
		snprintf(hired, sizeof hired, "20%02d-%02d-%02d",
		    (int)(16 + pick(10)), (int)(1 + pick(12)), (int)(1 + pick(28)));
		cs_row_clear(&r);
		field(&r, id);
		field(&r, name);
		field(&r, t < 0 ? "" : teams[t]);
		field(&r, role);
		field(&r, hired);
		field(&r, i > 5 && pick(12) == 0 ? "2026-06-30" : "");
		field(&r, CS_DEPT_DEFAULT);
		emit_record(fp, &r);
	}
	cs_row_free(&r);
	if (fclose(fp) != 0)
		cs_fatal(CS_EIO, "write staff.csv: %s", strerror(errno));
}

static void
customer(FILE *fp, struct cs_row *r, unsigned long n)
{
	char id[32], name[96], contact[64], phone[32], email[96], company[96];
	char address[160], since[16];
	int english = pick(4) == 0, c = (int)pick(10), t = (int)pick(4);

	snprintf(id, sizeof id, "C-%06lu", n);
	person(contact, sizeof contact, english);
	snprintf(company, sizeof company, "%s%s", PICK(company_head),
	    PICK(company_tail));
	if (strcmp(types[t], "end") == 0)
		snprintf(name, sizeof name, "%s", contact);
	else
		snprintf(name, sizeof name, "%s", company);
	snprintf(phone, sizeof phone, "1%d%09llu", (int)(3 + pick(7)),
	    (unsigned long long)(rnd() % 1000000000ULL));
	snprintf(email, sizeof email, "%s%lu@%s", PICK(pinyin), n,
	    pick(2) ? "example.com" : "example.cn");
	snprintf(address, sizeof address, "%s%s%d号", cities[c][0], PICK(streets),
	    (int)(1 + pick(999)));
	snprintf(since, sizeof since, "20%02d-%02d-%02d", (int)(12 + pick(14)),
	    (int)(1 + pick(12)), (int)(1 + pick(28)));
	cs_row_clear(r);
	field(r, id);
	field(r, name);
	field(r, contact);
	field(r, pick(10) ? phone : "");
	field(r, pick(3) ? email : "");
	field(r, strcmp(types[t], "end") ? company : "");
	field(r, address);
	field(r, cities[c][1]);
	field(r, types[t]);
	field(r, (const char *[]){ "A", "B", "B", "C", "C", "" }[pick(6)]);
	field(r, since);
	field(r, PICK(needs));
	field(r, PICK(freq));
	field(r, PICK(transport));
	field(r, PICK(notes));
	field(r, "");		/* owner: none yet (cs-customer due --assign) */
	field(r, "");		/* language: the policy's (notify.csv) */
	emit_record(fp, r);
}

static void
customers(const char *dir, unsigned long n)
{
	FILE *fp = create(dir, "customers.csv");
	struct cs_row r = { 0 };
	unsigned long i;

	fputs(cs_defaults[1].text, fp);
	for (i = 1; i <= n; i++)
		customer(fp, &r, i);
	cs_row_free(&r);
	if (fclose(fp) != 0)
		cs_fatal(CS_EIO, "write customers.csv: %s", strerror(errno));
}

static void
policies(const char *dir)
{
	const struct cs_default_file *f;
	struct cs_buf p = { 0 };
	FILE *fp;

	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(dir, 0770);
	mkdir(p.s, 0770);
	cs_buf_addf(&p, "/messages");
	mkdir(p.s, 0770);
	cs_buf_reset(&p);
	cs_buf_addf(&p, "%s/journal", dir);
	mkdir(p.s, 0770);
	cs_buf_free(&p);
	for (f = cs_defaults; f->path; f++) {
		if (strncmp(f->path, "policy/", 7) != 0)
			continue;
		fp = create(dir, f->path);
		fputs(f->text, fp);
		fclose(fp);
	}
}

/* ---- tickets ---- */

struct agent {
	char id[32], team[32];
	double slow;		/* how long they take, 1 = the norm */
	double curt;		/* how often customers find them curt */
};

static struct agent *roster;
static int nroster;

static double
unif(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static void
load_roster(const char *dir)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/staff.csv", dir);
	if (cs_reader_open(&r, p.s, CS_READ_STORE, 0) < 0)
		cs_die();
	while (cs_reader_next(&r, &row) > 0) {
		if (strcmp(cs_row_get(&row, 3), "agent") || *cs_row_get(&row, 5))
			continue;
		roster = cs_xrealloc(roster, (size_t)(nroster + 1) * sizeof *roster);
		snprintf(roster[nroster].id, sizeof roster[0].id, "%s",
		    cs_row_get(&row, 0));
		snprintf(roster[nroster].team, sizeof roster[0].team, "%s",
		    cs_row_get(&row, 2));
		roster[nroster].slow = nroster % 7 == 3 ? 3.0 : 0.7 + unif() * 0.6;
		roster[nroster].curt = nroster % 9 == 4 ? 0.3 : 0.03;
		nroster++;
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_buf_free(&p);
}


/* ---- sample orders: their own random stream, so that adding them
 * changes nothing else; tickets and complaints refer to them ---- */

static void field_time(struct cs_row *r, cs_time t);

static uint64_t ostate = 777;

static uint64_t
ornd(void)
{
	return next_of(&ostate);
}

/* A third stream, for the choices that keep the records consistent
 * (whose order, which earlier ticket): drawn apart, so the rest of the
 * sample stays as it was. */
static uint64_t nstate = 4242;

static uint64_t
nrnd(void)
{
	return next_of(&nstate);
}

struct sorder {
	char id[24], customer[32];
	cs_time created, delivered;
};

static struct sorder *sorders;
static size_t nsorders, csorders;

/* The first order created at t or after (at_or_after), or after t. */
static size_t
order_bound(cs_time t, int after)
{
	size_t lo = 0, hi = nsorders, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sorders[mid].created < t || (after && sorders[mid].created == t))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* An order delivered before t (a few days to three weeks), or NULL. */
static const struct sorder *
order_before(cs_time t, uint64_t r)
{
	size_t lo, hi, n;

	/* the orders are in order of creation (the months of -m ascend):
	 * those created 3 to 21 days before t, whose delivery came before it */
	lo = order_bound(t - 21 * 86400, 0);
	hi = order_bound(t - 3 * 86400, 1);
	if (hi <= lo)
		return NULL;
	n = lo + (size_t)(r % (hi - lo));
	return sorders[n].delivered && sorders[n].delivered < t ? &sorders[n] :
	    NULL;
}

/* One of the last 300 orders created before t, or NULL. */
static const struct sorder *
order_any(cs_time t)
{
	size_t hi = order_bound(t, 0);

	if (hi == 0)
		return NULL;
	return &sorders[hi - 1 - (size_t)(nrnd() % (hi < 300 ? hi : 300))];
}

/* The goods category of goods, as policy/returns.csv names them. */
static const char *
goods_category(const char *goods)
{
	static const char *const cat[][2] = { { "电视机", "electronics" },
		{ "冰箱", "electronics" }, { "服装", "clothing" },
		{ "图书", "books" }, { "茶叶", "food" },
		{ "office chairs", "furniture" }, { "spare parts", "parts" } };
	size_t i;

	for (i = 0; i < sizeof cat / sizeof cat[0]; i++)
		if (strcmp(cat[i][0], goods) == 0)
			return cat[i][1];
	return "";
}

static void
oevent(FILE *ev, cs_time t, const char *id, const char *what,
    const char *detail)
{
	struct cs_row r = { 0 };
	char ts[32];

	cs_time_format(t, ts);
	field(&r, ts);
	field(&r, id);
	field(&r, what);
	field(&r, "system");
	field(&r, detail);
	emit(ev, &r);
	cs_row_free(&r);
}

static void
sample_orders(const char *dir, const char *months, int per_day, cs_time end,
    unsigned long ncust)
{
	static const char *regions[][2] = { { "华东", "上海市浦东新区世纪大道100号" },
		{ "华北", "北京市朝阳区建国路1号" }, { "华南", "广州市天河区天河路8号" } };
	static const char *goods[] = { "电视机", "冰箱", "服装", "图书", "茶叶",
		"office chairs", "spare parts" };
	struct cs_rates rt;
	struct cs_row r = { 0 };
	struct cs_buf path = { 0 };
	char *list = cs_xstrdup(months), *save = NULL, *mo, evmonth[8] = "";
	FILE *fp = NULL, *ev = NULL;
	long limit = cs_chunk_bytes();

	if (cs_rates_load(&rt, dir) < 0)
		cs_die();
	cs_buf_addf(&path, "%s/orders", dir);
	mkdir(path.s, 0770);
	cs_buf_reset(&path);
	cs_buf_addf(&path, "%s/order-events", dir);
	mkdir(path.s, 0770);
	for (mo = strtok_r(list, ",", &save); mo; mo = strtok_r(NULL, ",", &save)) {
		struct cs_period p;
		int day, k;
		cs_period_parse("month", mo, &p);
		if (fp)
			fclose(fp), fp = NULL;
		for (day = 0; p.from + day * 86400 < p.to; day++)
			for (k = 1; k <= per_day; k++) {
				struct cs_quote q;
				struct sorder *o;
				cs_time t = p.from + day * 86400 + 8 * 3600 +
				    (cs_time)(k * 36000 / per_day), x;
				int to = (int)(ornd() % 3), lost = ornd() % 200 == 0;
				int late = ornd() % 8 == 0, damaged = ornd() % 40 == 0;
				char id[24], d[16], buf[48];
				const char *status, *gd;
				if (t >= end)
					break;
				cs_date_format(t, d);
				snprintf(id, sizeof id, "O-%.4s%.2s%.2s-%04d", d, d + 5, d + 8,
				    k);
				cs_quote(&rt, "华东", regions[to][0], "standard", 1 +
				    (double)(ornd() % 300) / 10, 0, 0, 0, t, &q);
				if (fp == NULL || ftell(fp) >= limit) {
					if (fp)
						fclose(fp);
					cs_buf_reset(&path);
					cs_buf_addf(&path, "%s/orders/%.7s", dir, d);
					mkdir(path.s, 0770);
					cs_buf_reset(&path);
					cs_buf_addf(&path, "orders/%.7s/%s.csv", d, id);
					fp = create(dir, path.s);
					fputs("id,customer,goods,quantity,weight,length,width,"
					    "height,origin,origin_region,destination,"
					    "destination_region,consignee,phone,service,freight,"
					    "promised_at,status,created_at,delivered_at,signed_by,"
					    "estimated_at,exception,location,cancel_reason,"
					    "category\n", fp);
				}
				room(&sorders, nsorders, &csorders, sizeof *sorders);
				o = &sorders[nsorders++];
				snprintf(o->id, sizeof o->id, "%s", id);
				o->created = t;
				o->delivered = q.promised - 6 * 3600 + (late ? 86400 *
				    (1 + (cs_time)(ornd() % 3)) : -(cs_time)(ornd() % 30000));
				if (lost || o->delivered >= end)
					o->delivered = 0;
				status = lost ? "lost" : o->delivered ? (o->delivered + 3600 <
				    end ? "signed" : "delivered") : "in-transit";
				/* the events, as they came (written in order below) */
				if (strncmp(evmonth, d, 7)) {
					if (ev)
						fclose(ev);
					snprintf(evmonth, sizeof evmonth, "%.7s", d);
					cs_buf_reset(&path);
					cs_buf_addf(&path, "order-events/%s.csv", evmonth);
					ev = create(dir, path.s);
					fputs("time,id,event,by,detail\n", ev);
				}
				snprintf(buf, sizeof buf, "freight %.2f", q.freight);
				oevent(ev, t, id, "created", buf);
				oevent(ev, t + 600, id, "review", "complete");
				oevent(ev, t + 900, id, "confirm", "");
				cs_row_clear(&r);
				field(&r, id);
				snprintf(buf, sizeof buf, "C-%06lu", 1 + (unsigned long)(ornd() %
				    ncust));
				field(&r, buf);
				snprintf(o->customer, sizeof o->customer, "%.31s", buf);
				gd = goods[ornd() % 7];
				field(&r, gd);
				snprintf(buf, sizeof buf, "%d", 1 + (int)(ornd() % 5));
				field(&r, buf);
				snprintf(buf, sizeof buf, "%.1f", q.actual);
				field(&r, buf);
				field(&r, "40");
				field(&r, "30");
				field(&r, "30");
				field(&r, regions[0][1]);
				field(&r, "华东");
				field(&r, regions[to][1]);
				field(&r, regions[to][0]);
				field(&r, surnames[ornd() % (sizeof surnames /
				    sizeof surnames[0])]);
				snprintf(buf, sizeof buf, "139%08llu", (unsigned long long)(ornd() %
				    100000000ULL));
				field(&r, buf);
				field(&r, "standard");
				snprintf(buf, sizeof buf, "%.2f", q.freight);
				field(&r, buf);
				field_time(&r, q.promised);
				field(&r, status);
				field_time(&r, t);
				field_time(&r, o->delivered);
				field(&r, !strcmp(status, "signed") ? "本人" : "");
				x = late ? o->delivered - 3600 : 0;
				field_time(&r, late && o->delivered ? x : 0);
				field(&r, lost ? "loss" : damaged ? "damage" : late ? "delay" : "");
				field(&r, "");
				field(&r, "");
				field(&r, goods_category(gd));
				emit_record(fp, &r);
			}
	}
	if (fp)
		fclose(fp);
	if (ev)
		fclose(ev);
	free(list);
	cs_row_free(&r);
	cs_buf_free(&path);
	cs_rates_free(&rt);
}

/* The ids of the tickets made, for complaints to refer to. */
static char **ticket_ids;
static size_t nticket_ids;
/* ... and every ticket with a customer, for a complaint to refer to
 * one of its customer's earlier tickets */
struct sticket {
	char id[48], customer[32];
	cs_time opened;
};
static struct sticket *stickets;
static size_t nstickets, cstickets;

static const char *categories[] = { "tracking", "tracking", "tracking",
	"rates", "rates", "delivery-time", "address-change", "billing",
	"product-quality", "damage", "pickup" };
static const char *subjects[] = { "运单查询", "where is my parcel", "运费报价",
	"quote for 200kg to 广州", "派送时间", "改地址", "发票问题", "货物破损",
	"质量问题要求退货", "上门取件预约", "missing item in delivery" };

static void
field_time(struct cs_row *r, cs_time t)
{
	char buf[32];

	if (t == 0) {
		field(r, "");
		return;
	}
	cs_time_format(t, buf);
	field(r, buf);
}

/* One ticket opened at `opened`, its story up to `now`. */
static void
ticket(FILE *fp, struct cs_row *r, const struct cs_sla *sla, const char *id,
    cs_time opened, cs_time now, unsigned long ncust)
{
	static const char *chans[] = { "phone", "phone", "phone", "phone",
		"online", "online", "online", "email", "email", "visit" };
	const struct agent *a = &roster[pick((size_t)nroster)];
	const char *cat = PICK(categories), *kind = "inquiry", *chan = PICK(chans);
	const struct cs_sla_rule *rule;
	cs_time first = 0, promised = 0, due = 0, resolved = 0, closed = 0;
	cs_time pend = 0, est = 0;
	int64_t paused = 0, target;
	double u = unif();
	char cust[32] = "", sat[4] = "", paus[24] = "", reo[8] = "", order[24] = "";
	const char *status = "open", *att = "", *result = "";
	int business;

	if (!strcmp(cat, "product-quality") || !strcmp(cat, "damage"))
		kind = u < 0.45 ? "return" : u < 0.75 ? "exchange" : u < 0.9 ?
		    "repair" : "inquiry";
	else if (u < 0.04)
		kind = "repair";
	if (strcmp(kind, "inquiry") || pick(7))
		snprintf(cust, sizeof cust, "C-%06lu", 1 + (unsigned long)pick(ncust));
	if (strcmp(kind, "inquiry"))
		{
			uint64_t draw = rnd();	/* one draw, as before the orders */
			const struct sorder *o = nsorders ? order_before(opened, draw) :
			    NULL;
			if (o == NULL)	/* an order that exists, of before */
				o = order_any(opened);
			if (o) {	/* and the customer is the order's */
				snprintf(order, sizeof order, "%s", o->id);
				snprintf(cust, sizeof cust, "%s", o->customer);
			}
		}
	if (*cust) {
		room(&stickets, nstickets, &cstickets, sizeof *stickets);
		snprintf(stickets[nstickets].id, sizeof stickets->id, "%s", id);
		snprintf(stickets[nstickets].customer, sizeof stickets->customer,
		    "%s", cust);
		stickets[nstickets++].opened = opened;
	}
	rule = cs_sla_rule(sla, kind, chan);
	business = rule ? rule->business : 0;
	if (rule)
		due = cs_sla_add(sla, business, chan, opened, rule->resolution);
	/* the first response: on the spot, or promised for later */
	target = rule ? rule->first_response : 3600;
	if (!strcmp(kind, "inquiry") && pick(5) == 0)
		promised = opened + 7200;
	first = cs_sla_add(sla, business, chan, opened,
	    (int64_t)((double)(target + 60) * a->slow * (0.2 + unif() * 1.2)));
	if (!strcmp(chan, "phone") || !strcmp(chan, "visit"))
		first = opened;	/* answered on the spot */
	if (promised && pick(4) == 0)
		first = promised + (int64_t)(a->slow * 1800 * unif());
	/* a wait on the customer, now and then */
	if (pick(10) == 0 && rule) {
		int64_t w = (int64_t)(3600 * (1 + unif() * 20));
		paused = cs_sla_elapsed(sla, business, chan, first, first + w);
		due = cs_sla_add(sla, business, chan, due, paused);
	}
	resolved = cs_sla_add(sla, business, chan, first,
	    (int64_t)((double)(rule ? rule->resolution : 86400) * a->slow *
	    (0.1 + unif() * 0.9)) + paused);
	if (!strcmp(kind, "repair"))
		est = opened + 5 * 86400;
	if (first > now) {
		first = resolved = 0;
		status = "open";
	} else if (resolved > now) {
		resolved = 0;
		status = paused && pick(2) ? "pending" : "open";
		if (!strcmp(status, "pending"))
			pend = first, paused = 0;
	} else {
		status = "resolved";
		result = !strcmp(kind, "inquiry") ? "answered" :
		    !strcmp(kind, "repair") ? "repaired" : "refund or replacement sent";
		if (resolved + 3 * 86400 < now) {
			closed = resolved + 3 * 86400;
			status = "closed";
		}
		if (pick(20) == 0)
			snprintf(reo, sizeof reo, "1");
		if (unif() < 0.6) {
			int late = due && resolved > due;
			double q = unif() - (late ? 0.35 : 0) - (a->slow > 2 ? 0.2 : 0);
			snprintf(sat, sizeof sat, "%d", q > 0.45 ? 5 : q > 0.15 ? 4 :
			    q > 0 ? 3 : q > -0.2 ? 2 : 1);
			att = unif() < a->curt ? "poor" : unif() < 0.1 ? "fair" : "good";
		}
	}
	if (paused)
		snprintf(paus, sizeof paus, "%lld", (long long)paused);
	cs_row_clear(r);
	field(r, id);
	field(r, kind);
	field(r, chan);
	field(r, cust);
	field(r, a->id);
	field(r, a->team);
	field(r, cat);
	field(r, PICK(subjects));
	field(r, pick(8) ? "" : "客户要求回电\n请在下午联系");
	field(r, order);
	field_time(r, opened);
	field_time(r, first);
	field_time(r, promised);
	field_time(r, due);
	field_time(r, resolved);
	field_time(r, closed);
	field(r, status);
	field(r, result);
	field(r, sat);
	field(r, att);
	field(r, reo);
	field_time(r, pend);
	field(r, paus);
	field_time(r, est);
	emit_record(fp, r);
}

static const char ticket_header[] =
    "id,kind,channel,customer,agent,team,category,subject,notes,order,"
    "opened_at,first_response_at,promised_at,due_at,resolved_at,closed_at,"
    "status,result,satisfaction,attitude,reopens,pending_since,paused,"
    "estimated_at\n";

/* The chunk for id: the open one, or a new one when it has grown full
 * (dated.c). */
static FILE *
chunk(FILE *fp, const char *dir, const char *month, const char *id, long limit)
{
	struct cs_buf rel = { 0 };

	if (fp && ftell(fp) < limit)
		return fp;
	if (fp && fclose(fp) != 0)
		cs_fatal(CS_EIO, "write a chunk of %s: %s", month, strerror(errno));
	cs_buf_addf(&rel, "%s/tickets/%s", dir, month);
	mkdir(rel.s, 0770);
	cs_buf_reset(&rel);
	cs_buf_addf(&rel, "tickets/%s/%s.csv", month, id);
	fp = create(dir, rel.s);
	fputs(ticket_header, fp);
	cs_buf_free(&rel);
	return fp;
}

static int
by_time(const void *a, const void *b)
{
	cs_time x = *(const cs_time *)a, y = *(const cs_time *)b;

	return x < y ? -1 : x > y;
}

static void
tickets(const char *dir, const char *month, int per_month, cs_time end,
    unsigned long ncust)
{
	struct cs_sla sla;
	struct cs_row r = { 0 };
	struct cs_period p;
	int y, m, d, days, n, k;
	long limit = cs_chunk_bytes();
	FILE *fp = NULL;

	if (cs_sla_load(&sla, dir) < 0 || cs_period_parse("month", month, &p) < 0)
		cs_die();
	sscanf(month, "%d-%d", &y, &m);
	days = cs_days_in_month(y, m);
	{
		struct cs_buf t = { 0 };
		cs_buf_addf(&t, "%s/tickets", dir);
		mkdir(t.s, 0770);
		cs_buf_free(&t);
	}
	for (d = 1; d <= days; d++) {
		cs_time day, opened, *times;
		char id[48];
		cs_mktime_local(y, m, d, 0, 0, 0, &day);
		if (day >= end)
			break;
		n = per_month / days;
		n = (int)((double)n * (0.7 + unif() * 0.6));
		times = cs_xmalloc((size_t)(n + 1) * sizeof *times);
		for (k = 0; k < n; k++)
			times[k] = day + 8 * 3600 + 1800 + (cs_time)pick(12 * 3600);
		qsort(times, (size_t)n, sizeof *times, by_time);
		for (k = 0; k < n; k++) {
			opened = times[k];
			if (opened >= end)
				break;
			snprintf(id, sizeof id, "T-%04d%02d%02d-%04d", y, m, d, k + 1);
			fp = chunk(fp, dir, month, id, limit);
			ticket(fp, &r, &sla, id, opened, end, ncust);
			if (k % 20 == 7 && nticket_ids < 4096) {	/* to complain about */
				ticket_ids = cs_xrealloc(ticket_ids, (nticket_ids + 1) *
				    sizeof *ticket_ids);
				ticket_ids[nticket_ids++] = cs_xstrdup(id);
			}
		}
		free(times);
	}
	if (fp && fclose(fp) != 0)
		cs_fatal(CS_EIO, "write a chunk of %s: %s", month, strerror(errno));
	cs_row_free(&r);
	cs_sla_free(&sla);
}

/* ---- complaints ---- */

struct cevent {
	cs_time t;
	char *line;		/* time,id,step,by,detail */
};

static struct cevent *events;
static size_t nevents, cevents;

struct crec {
	cs_time received, recorded;
	struct cs_row row;	/* without its id, set once ids are known */
	size_t first_event, nev;
};

static void
cevent(cs_time t, const char *by, const char *step, const char *detail)
{
	struct cs_row r = { 0 };
	struct cs_buf b = { 0 };
	char ts[32];

	cs_time_format(t, ts);
	field(&r, ts);
	field(&r, "?");		/* the id, once known */
	field(&r, step);
	field(&r, by);
	field(&r, detail);
	cs_csv_record(&b, &r);
	room(&events, nevents, &cevents, sizeof *events);
	events[nevents].t = t;
	events[nevents++].line = b.s;
	cs_row_free(&r);
}

static const char *natures[] = { "delay", "delay", "delay", "delay", "delay",
	"delay", "delay", "damage", "damage", "damage", "damage", "attitude",
	"attitude", "attitude", "billing", "billing", "wrong-delivery",
	"wrong-delivery", "loss", "other" };
static const char *departments[][2] = { { "delay", "transport" },
	{ "damage", "warehouse" }, { "loss", "transport" },
	{ "attitude", "customer-service" }, { "billing", "finance" },
	{ "wrong-delivery", "transport" }, { "other", "customer-service" } };
static const char *contents[][2] = {
	{ "delay", "包裹延误三天, 客户很着急" }, { "damage", "外箱破损, 货物受潮" },
	{ "loss", "签收前丢件" }, { "attitude", "客服态度冷淡, 挂断电话" },
	{ "billing", "运费多收了20元" }, { "wrong-delivery", "送错地址" },
	{ "other", "司机未按约定时间上门" } };

static const char *
lookup(const char *(*t)[2], size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i][0], key) == 0)
			return t[i][1];
	return "";
}

/*
 * The tickets by customer, to find a customer's earlier tickets without
 * reading all of them: byc[cfirst[c] .. cfirst[c + 1]) are the indices in
 * stickets of customer C-c's tickets, in order.  Made once the tickets are
 * (tickets() is done before complaints()).
 */
static size_t *cfirst, *byc, ncustidx;

static void
index_tickets(unsigned long ncust)
{
	size_t i, c, *fill;

	ncustidx = ncust + 1;
	cfirst = cs_xmalloc((ncustidx + 1) * sizeof *cfirst);
	memset(cfirst, 0, (ncustidx + 1) * sizeof *cfirst);
	byc = cs_xmalloc((nstickets + 1) * sizeof *byc);
	for (i = 0; i < nstickets; i++)
		if ((c = strtoul(stickets[i].customer + 2, NULL, 10)) < ncustidx)
			cfirst[c + 1]++;
	for (c = 0; c < ncustidx; c++)
		cfirst[c + 1] += cfirst[c];
	fill = cs_xmalloc(ncustidx * sizeof *fill);
	memcpy(fill, cfirst, ncustidx * sizeof *fill);
	for (i = 0; i < nstickets; i++)
		if ((c = strtoul(stickets[i].customer + 2, NULL, 10)) < ncustidx)
			byc[fill[c]++] = i;
	free(fill);
}

/* The first of the n indices at ix (into stickets, by time) of a ticket
 * opened at t or after (after: after t). */
static size_t
ticket_bound(const size_t *ix, size_t n, cs_time t, int after)
{
	size_t lo = 0, hi = n, mid;
	cs_time o;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		o = stickets[ix ? ix[mid] : mid].opened;
		if (o < t || (after && o == t))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A ticket opened in the 30 days before t, of customer cust (any
 * customer's when NULL), or NULL: the k-th of those in the window, drawn
 * as it was when they were counted one by one. */
static const struct sticket *
earlier_ticket(const char *cust, cs_time t)
{
	const size_t *ix = NULL;
	size_t i, n = 0, k, lo, hi, c = 0, all = nstickets;

	if (cust && (c = strtoul(cust + 2, NULL, 10)) < ncustidx && byc) {
		ix = byc + cfirst[c];
		all = cfirst[c + 1] - cfirst[c];
	}
	if (cust == NULL || ix) {	/* the window: (t - 30 days, t) */
		lo = ticket_bound(ix, all, t - 30 * 86400, 1);
		hi = ticket_bound(ix, all, t, 0);
		if (hi <= lo)
			return NULL;
		k = (size_t)(nrnd() % (hi - lo));
		return &stickets[ix ? ix[lo + k] : lo + k];
	}
	for (i = 0; i < nstickets; i++)
		n += stickets[i].opened < t && stickets[i].opened > t - 30 * 86400 &&
		    (cust == NULL || strcmp(stickets[i].customer, cust) == 0);
	if (n == 0)
		return NULL;
	k = (size_t)(nrnd() % n);
	for (i = 0; i < nstickets; i++)
		if (stickets[i].opened < t && stickets[i].opened > t - 30 * 86400 &&
		    (cust == NULL || strcmp(stickets[i].customer, cust) == 0) &&
		    k-- == 0)
			break;
	return &stickets[i];
}

/* One complaint received at `received`, its story up to `end`. */
static void
complaint(struct crec *c, cs_time received, cs_time end, unsigned long ncust)
{
	const struct agent *a = &roster[pick((size_t)nroster)];
	const char *nature = PICK(natures), *status = "open", *feedback = "";
	int major = pick(7) == 0 || (!strcmp(nature, "loss") && pick(2));
	cs_time t, fwd = 0, deadline = 0, esc = 0, ans = 0, res = 0, visit = 0;
	cs_time closed = 0;
	char cust[32], buf[160], reo[4] = "";
	const char *answer = "", *resolution = "", *vres = "", *escto = "";
	const struct sorder *ord;
	const struct sticket *tk;
	int round;

	if (!strcmp(nature, "attitude") && pick(2))	/* the curt agents */
		for (int i = 0; i < nroster; i++)
			if (roster[i].curt > 0.1)
				a = &roster[i];
	c->received = received;
	c->recorded = received + 60 * (pick(8) ? 1 + (cs_time)pick(9) :
	    11 + (cs_time)pick(20));
	snprintf(cust, sizeof cust, "C-%06lu", 1 + (unsigned long)pick(ncust));
	c->first_event = nevents;
	snprintf(buf, sizeof buf, "recorded %s", c->recorded - received > 600 ?
	    "late" : "in time");
	cevent(c->recorded, a->id, "recorded", buf);
	t = c->recorded;
	if (major) {
		esc = received + 60 * (30 + (cs_time)pick(pick(4) ? 80 : 200));
		if (esc < end) {
			escto = "市场总监";
			cevent(esc, a->id, "escalate", "to 市场总监");
		} else
			esc = 0;
	}
	for (round = 0; round < 2; round++) {
		fwd = t + 60 * (10 + (cs_time)pick(50));
		if (fwd >= end)
			break;
		deadline = fwd + (major ? 24 : 48) * 3600;
		status = "forwarded";
		cevent(fwd, a->id, "forward", lookup(departments, 7, nature));
		ans = fwd + 3600 * (6 + (cs_time)pick(pick(5) ? 36 : 70));
		if (ans >= end) {
			ans = 0;	/* not answered yet */
			break;
		}
		answer = "已核实, 责任在我方";
		status = "answered";
		cevent(ans, a->id, "respond", answer);
		res = ans + 3600 * (1 + (cs_time)pick(4));
		if (res >= end) {
			res = 0;	/* not resolved yet */
			break;
		}
		resolution = strcmp(nature, "billing") ? "赔偿运费并致歉" : "退还多收运费";
		status = "resolved";
		cevent(res, a->id, "resolve", resolution);
		t = res + 3600 * (2 + (cs_time)pick(22));
		if (t >= end)
			break;
		if (round == 0 && pick(6) == 0) {
			feedback = "unsatisfied";
			snprintf(reo, sizeof reo, "1");
			status = "open";
			cevent(t, a->id, "unsatisfied", "unsatisfied");
			ans = res = 0;
			continue;
		}
		feedback = "satisfied";
		status = "satisfied";
		cevent(t, a->id, "satisfied", "satisfied");
		visit = t + 86400 * (1 + (cs_time)pick(3));
		if (visit >= end)
			break;
		vres = "客户满意";
		status = "visited";
		cevent(visit, a->id, "visit", vres);
		closed = visit + 60 * (cs_time)pick(60);
		if (closed >= end)
			break;
		status = "closed";
		cevent(closed, a->id, "close", "");
		break;
	}
	c->nev = nevents - c->first_event;
	/* delays, damage and losses are about an order (drawn apart) */
	ord = nsorders && (!strcmp(nature, "damage") || !strcmp(nature, "loss") ||
	    !strcmp(nature, "delay")) ? order_before(received, ornd()) : NULL;
	if (ord)	/* the order's customer complains */
		snprintf(cust, sizeof cust, "%s", ord->customer);
	if (nticket_ids)
		(void)pick(nticket_ids);	/* the draw of the ticket, as before */
	tk = earlier_ticket(ord ? cust : NULL, received);
	if (tk)
		snprintf(cust, sizeof cust, "%s", tk->customer);
	cs_row_clear(&c->row);
	field_time(&c->row, received);
	field_time(&c->row, c->recorded);
	field(&c->row, a->id);
	field(&c->row, cust);
	field(&c->row, ord ? ord->id : "");
	field(&c->row, tk ? tk->id : "");
	field(&c->row, (const char *[]){ "phone", "phone", "online", "email",
	    "visit", "letter" }[pick(6)]);
	field(&c->row, lookup(contents, 7, nature));
	field(&c->row, pick(3) ? "赔偿" : "道歉并说明原因");
	field(&c->row, nature);
	field(&c->row, major ? "major" : "normal");
	field(&c->row, lookup(departments, 7, nature));
	field(&c->row, a->id);
	field(&c->row, a->team);
	field_time(&c->row, fwd && fwd < end ? deadline : 0);
	field(&c->row, escto);
	field_time(&c->row, esc);
	field(&c->row, ans ? answer : "");
	field_time(&c->row, ans);
	field(&c->row, res ? resolution : "");
	field_time(&c->row, res);
	field(&c->row, feedback);
	field(&c->row, reo);
	field_time(&c->row, visit && visit < end ? visit : 0);
	field(&c->row, visit && visit < end ? vres : "");
	field(&c->row, status);
	field_time(&c->row, closed && closed < end ? closed : 0);
}

static int
by_recorded(const void *a, const void *b)
{
	const struct crec *x = a, *y = b;

	return x->recorded < y->recorded ? -1 : x->recorded > y->recorded;
}

static int
by_event(const void *a, const void *b)
{
	const struct cevent *x = a, *y = b;

	return x->t < y->t ? -1 : x->t > y->t;
}

/* Put the id in the events of c (their second field). */
static void
name_events(const struct crec *c, const char *id)
{
	size_t i;

	for (i = c->first_event; i < c->first_event + c->nev; i++) {
		char *q = strstr(events[i].line, ",?,");
		struct cs_buf b = { 0 };
		cs_buf_add(&b, events[i].line, (size_t)(q - events[i].line) + 1);
		cs_buf_adds(&b, id);
		cs_buf_adds(&b, q + 2);
		free(events[i].line);
		events[i].line = b.s;
	}
}

static void
complaints(const char *dir, const char *months, int per_month, cs_time end,
    unsigned long ncust)
{
	struct crec *v = NULL;
	size_t n = 0, i;
	char *list = cs_xstrdup(months), *save = NULL, *mo, id[48], d[16];
	char prev[16] = "", month[8] = "", evmonth[8] = "";
	struct cs_row r = { 0 };
	struct cs_buf path = { 0 };
	FILE *fp = NULL, *ev = NULL;
	long limit = cs_chunk_bytes(), seq = 0;
	size_t cap = 0;

	index_tickets(ncust);
	for (mo = strtok_r(list, ",", &save); mo; mo = strtok_r(NULL, ",", &save)) {
		struct cs_period p;
		int k;
		cs_period_parse("month", mo, &p);
		for (k = 0; k < per_month; k++) {
			cs_time day = p.from + 86400 * (cs_time)pick(
			    (size_t)((p.to - p.from) / 86400));
			cs_time received = day + 9 * 3600 + (cs_time)pick(9 * 3600);
			if (received + 3600 >= end)
				continue;
			room(&v, n, &cap, sizeof *v);
			memset(&v[n], 0, sizeof *v);
			complaint(&v[n++], received, end, ncust);
		}
	}
	qsort(v, n, sizeof *v, by_recorded);
	cs_buf_addf(&path, "%s/complaints", dir);
	mkdir(path.s, 0770);
	for (i = 0; i < n; i++) {
		cs_date_format(v[i].recorded, d);
		seq = strcmp(d, prev) ? 1 : seq + 1;
		snprintf(prev, sizeof prev, "%s", d);
		snprintf(id, sizeof id, "K-%.4s%.2s%.2s-%04ld", d, d + 5, d + 8, seq);
		if (strncmp(month, d, 7) != 0 || (fp && ftell(fp) >= limit)) {
			if (fp)
				fclose(fp);
			snprintf(month, sizeof month, "%.7s", d);
			cs_buf_reset(&path);
			cs_buf_addf(&path, "%s/complaints/%s", dir, month);
			mkdir(path.s, 0770);
			cs_buf_reset(&path);
			cs_buf_addf(&path, "complaints/%s/%s.csv", month, id);
			fp = create(dir, path.s);
			fputs("id,received_at,recorded_at,recorded_by,customer,order,"
			    "ticket,channel,content,remedy,nature,severity,department,"
			    "handler,team,deadline,escalated_to,escalated_at,answer,"
			    "answered_at,resolution,resolved_at,feedback,reopens,"
			    "visit_at,visit_result,status,closed_at\n", fp);
		}
		cs_row_clear(&r);
		field(&r, id);
		for (size_t f = 0; f < v[i].row.n; f++)
			field(&r, cs_row_get(&v[i].row, f));
		emit_record(fp, &r);
		name_events(&v[i], id);
		cs_row_free(&v[i].row);
	}
	if (fp)
		fclose(fp);
	qsort(events, nevents, sizeof *events, by_event);
	cs_buf_reset(&path);
	cs_buf_addf(&path, "%s/complaint-events", dir);
	mkdir(path.s, 0770);
	for (i = 0; i < nevents; i++) {
		cs_date_format(events[i].t, d);
		if (strncmp(evmonth, d, 7) != 0) {
			if (ev)
				fclose(ev);
			snprintf(evmonth, sizeof evmonth, "%.7s", d);
			cs_buf_reset(&path);
			cs_buf_addf(&path, "complaint-events/%s.csv", evmonth);
			ev = create(dir, path.s);
			fputs("time,id,step,by,detail\n", ev);
		}
		fputs(events[i].line, ev);
		free(events[i].line);
	}
	if (ev)
		fclose(ev);
	free(events);
	free(v);
	free(list);
	cs_row_free(&r);
	cs_buf_free(&path);
}

/* ---- orders (for the benchmarks) ---- */

/* The bulk orders' own stream: made before the tickets, which refer to
 * them, they change none of the tickets' draws. */
static uint64_t bstate = 31337;

static uint64_t
brnd(void)
{
	return next_of(&bstate);
}

/* n orders in month, each also in sorders for the tickets to name: new,
 * so that none is delivered (a complaint names none). */
static void
orders(const char *dir, const char *month, long n, unsigned long ncust)
{
	static const char *regions[] = { "华东", "华北", "华南" };
	struct cs_period p;
	struct cs_row r = { 0 };
	struct cs_buf path = { 0 };
	long i, per_day, limit = cs_chunk_bytes();
	int days, d = 0, seq = 0;
	FILE *fp = NULL, *ev;
	char id[48], t[32], prom[32], buf[64];
	struct cs_ds ds = { 0 };

	if (cs_period_parse("month", month, &p) < 0)
		cs_die();
	days = (int)((p.to - p.from) / 86400);
	per_day = n / days + 1;
	cs_buf_addf(&path, "%s/orders", dir);
	mkdir(path.s, 0770);
	cs_buf_addf(&path, "/%s", month);
	mkdir(path.s, 0770);
	/* each with its event "created", as cs-order add writes it */
	cs_buf_reset(&path);
	cs_buf_addf(&path, "%s/order-events", dir);
	mkdir(path.s, 0770);
	cs_buf_reset(&path);
	cs_buf_addf(&path, "order-events/%s.csv", month);
	ev = create(dir, path.s);
	fputs("time,id,event,by,detail\n", ev);
	for (i = 0; i < n; i++) {
		cs_time when;
		if (i % per_day == 0)
			d++, seq = 0;
		seq++;
		when = p.from + (d - 1) * 86400 + 8 * 3600 + (cs_time)(seq * 43200 /
		    per_day);
		cs_date_format(when, t);
		snprintf(id, sizeof id, "O-%.4s%.2s%.2s-%04d", t, t + 5, t + 8, seq);
		if (fp == NULL || ftell(fp) >= limit) {
			if (fp)
				fclose(fp);
			cs_buf_reset(&path);
			cs_buf_addf(&path, "orders/%s/%s.csv", month, id);
			fp = create(dir, path.s);
			fputs("id,customer,goods,quantity,weight,length,width,height,"
			    "origin,origin_region,destination,destination_region,"
			    "consignee,phone,service,freight,promised_at,status,"
			    "created_at,delivered_at,signed_by,estimated_at,exception,"
			    "location,cancel_reason\n", fp);
		}
		cs_row_clear(&r);
		field(&r, id);
		snprintf(buf, sizeof buf, "C-%06lu", 1 + (unsigned long)(brnd() %
		    ncust));
		field(&r, buf);
		room(&sorders, nsorders, &csorders, sizeof *sorders);
		/* O-YYYYMMDD-NNNN and C-NNNNNN: well inside their fields */
		snprintf(sorders[nsorders].id, sizeof sorders->id, "%.23s", id);
		snprintf(sorders[nsorders].customer, sizeof sorders->customer,
		    "%.31s", buf);
		sorders[nsorders].created = when;
		sorders[nsorders++].delivered = 0;
		field(&r, "电视机");
		field(&r, "1");
		field(&r, "12");
		field(&r, "120");
		field(&r, "80");
		field(&r, "20");
		field(&r, "上海市浦东新区世纪大道100号");
		field(&r, "华东");
		field(&r, "北京市朝阳区建国路1号");
		field(&r, regions[brnd() % 3]);
		field(&r, "王五");
		field(&r, "13800138000");
		field(&r, "standard");
		field(&r, "134.00");
		cs_time_format(when + 3 * 86400, prom);
		field(&r, prom);
		field(&r, "new");
		cs_time_format(when, t);
		field(&r, t);
		for (int k = 0; k < 6; k++)
			field(&r, "");
		emit_record(fp, &r);
		snprintf(buf, sizeof buf, "freight 134.00, promised %s", prom);
		oevent(ev, when, id, "created", buf);
	}
	if (fp && fclose(fp) != 0)
		cs_fatal(CS_EIO, "write orders: %s", strerror(errno));
	if (fclose(ev) != 0)
		cs_fatal(CS_EIO, "write order-events: %s", strerror(errno));
	ds.dir = (char *)dir;
	ds.lockfd = -1;
	if (cs_evindex_build(&ds, "order-events", month) < 0)
		cs_die();
	cs_row_free(&r);
	cs_buf_free(&path);
}

int
main(int argc, char **argv)
{
	unsigned long ncust = 240;
	int c, agents = 20, per_month = 0;
	long norders = 0;
	const char *months = "", *endday = NULL;
	cs_time end = INT64_MAX;

	cs_progname = "cs-gen";
	state = 20261122;
	while ((c = getopt(argc, argv, "a:c:e:m:O:s:t:")) != -1) {
		switch (c) {
		case 'a': agents = atoi(optarg); break;
		case 'c': ncust = strtoul(optarg, NULL, 10); break;
		case 'e': endday = optarg; break;
		case 'm': months = optarg; break;
		case 'O': norders = atol(optarg); break;
		case 's': state = strtoull(optarg, NULL, 10); break;
		case 't': per_month = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: cs-gen [-s seed] [-c customers] "
			    "[-a agents] [-t tickets] [-m months] [-e day] dir\n");
			return CS_EUSAGE;
		}
	}
	if (optind + 1 != argc || agents < 3) {
		fprintf(stderr, "usage: cs-gen [-s seed] [-c customers] [-a agents] "
		    "[-t tickets] [-m months] [-e day] dir\n");
		return CS_EUSAGE;
	}
	gendir = argv[optind];
	/* the department's days in its zone (policy/zone.csv), whatever TZ
	 * this runs under: else a day's records fall in the next month there */
	policies(gendir);
	if (cs_zone_use(gendir) < 0)
		cs_die();
	if (endday && cs_time_parse(endday, &end) < 0)
		cs_die();
	if (*months) {
		struct cs_period first;
		const char *q;
		char m[8];
		/* the months ascend: the orders and tickets are then made in
		 * order of time, and found by halving (order_bound) */
		for (q = months; (q = strchr(q, ',')) != NULL; q++)
			if (strncmp(q - 7, q + 1, 7) >= 0)
				cs_fatal(CS_EUSAGE, "-m: the months ascend, one "
				    "after the other: '%.7s' after '%.7s'", q + 1,
				    q - 7);
		snprintf(m, sizeof m, "%.7s", months);
		if (cs_period_parse("month", m, &first) < 0)
			cs_die();
		jstart = first.from;
	} else if (cs_time_now(&jstart) < 0)
		cs_die();
	staff(argv[optind], agents);
	customers(argv[optind], ncust);
	/* -O makes the months' orders in bulk, first: the tickets then name
	 * them (a second stream of ids in the same month, the sample's,
	 * would overlap their chunks) */
	if (norders > 0 && *months) {
		char *list = cs_xstrdup(months), *save = NULL, *mo;
		for (mo = strtok_r(list, ",", &save); mo; mo = strtok_r(NULL, ",", &save))
			orders(argv[optind], mo, norders, ncust);
		free(list);
	}
	if (per_month > 0 && *months) {
		char *list = cs_xstrdup(months), *save = NULL, *mo;
		load_roster(argv[optind]);
		if (norders == 0)
			sample_orders(argv[optind], months, per_month / 50 ?
			    per_month / 50 : 1, end, ncust);
		for (mo = strtok_r(list, ",", &save); mo; mo = strtok_r(NULL, ",", &save))
			tickets(argv[optind], mo, per_month, end, ncust);
		free(list);
		complaints(argv[optind], months, per_month / 50 ? per_month / 50 : 1,
		    end, ncust);
	}
	journal_finish();
	return 0;
}
