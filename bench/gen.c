/*
 * cs-gen: a synthetic department, for data-samples/ and the benchmarks.
 *
 *	cs-gen [-s seed] [-c customers] [-a agents] dir
 *
 * Makes dir as cs init would (the default policies), then writes a roster
 * (a manager, a deputy, three teams with their leaders and -a agents in
 * all) and -c customers with Chinese and English names, companies and
 * addresses.  The same seed gives the same files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs.h"

static uint64_t state;

static uint64_t
rnd(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t
pick(size_t n)
{
	return (size_t)(rnd() % n);
}

#define PICK(a) ((a)[pick(sizeof(a) / sizeof((a)[0]))])

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

static void
emit(FILE *fp, struct cs_row *r)
{
	struct cs_buf b = { 0 };

	cs_csv_record(&b, r);
	fwrite(b.s, 1, b.len, fp);
	cs_buf_free(&b);
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

	fputs("id,name,team,role,hired,left\n", fp);
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
		emit(fp, &r);
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
	emit(fp, r);
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

int
main(int argc, char **argv)
{
	unsigned long ncust = 240;
	int c, agents = 20;

	cs_progname = "cs-gen";
	state = 20261122;
	while ((c = getopt(argc, argv, "a:c:s:")) != -1) {
		switch (c) {
		case 'a': agents = atoi(optarg); break;
		case 'c': ncust = strtoul(optarg, NULL, 10); break;
		case 's': state = strtoull(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: cs-gen [-s seed] [-c customers] "
			    "[-a agents] dir\n");
			return CS_EUSAGE;
		}
	}
	if (optind + 1 != argc || agents < 3) {
		fprintf(stderr, "usage: cs-gen [-s seed] [-c customers] [-a agents] dir\n");
		return CS_EUSAGE;
	}
	policies(argv[optind]);
	staff(argv[optind], agents);
	customers(argv[optind], ncust);
	return 0;
}
