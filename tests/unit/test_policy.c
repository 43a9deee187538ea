/* test_policy.c: the policy reader (rules/policy.c): every default policy
 * reads clean, and each bad line of the table is refused by the reader
 * (78) and by cs check's lint with the same file:line:field message. */
#include <sys/stat.h>

#include "unit.h"

static char *dir;

/* Each case: the default file rel with from replaced by to (from "":
 * to appended; from NULL: to is the whole file), and the problem. */
static const struct {
	const char *rel, *from, *to, *want;
} cases[] = {
#define SLA "policy/sla.csv"
	{ SLA, "inquiry,phone,0m", "inquiry,phone,2 minutes",
	  ":2: field 'first_response': not a duration (30m, 4h, 2d): '2 minutes'" },
	{ SLA, "inquiry,phone,0m", "inquiry,phone,2",
	  ":2: field 'first_response': not a duration (30m, 4h, 2d): '2'" },
	{ SLA, "inquiry,phone,0m", "inquiry,phone,1h30",
	  ":2: field 'first_response': not a duration (30m, 4h, 2d): '1h30'" },
	{ SLA, "inquiry,phone,0m,4h,,", "inquiry,phone,0m,9999d,,",
	  ":2: field 'resolution': not a duration (30m, 4h, 2d): '9999d'" },
	{ SLA, "inquiry,phone,0m,4h,,", "inquiry,phone,0m,4h,soon,",
	  ":2: field 'escalation': not a duration (30m, 4h, 2d): 'soon'" },
	{ SLA, "inquiry,phone,0m,4h,,business", "inquiry,phone,0m,4h,,weekdays",
	  ":2: field 'clock': not one of business/calendar: 'weekdays'" },
	{ SLA, "inquiry,phone,0m", ",phone,0m", ":2: field 'kind': no value" },
	{ SLA, "inquiry,online", "inquiry,phone",
	  ":3: field 'channel': a second line for inquiry,phone (the first is "
	  "line 2)" },
	/* live, answer and ring (the phone's target in seconds or rings) */
	{ SLA, "yes,3 rings,6s", "perhaps,3 rings,6s",
	  ":2: field 'live': not one of yes/no: 'perhaps'" },
	{ SLA, "yes,3 rings,6s", "yes,three rings,6s",
	  ":2: field 'answer': not a duration (20s, 1m) nor rings (3 rings): "
	  "'three rings'" },
	{ SLA, "yes,3 rings,6s", "yes,3 rings,",
	  ":2: field 'ring': no value: a target in rings needs a ring's length "
	  "(6s)" },
	{ SLA, "yes,3 rings,6s", "yes,3 rings,six",
	  ":2: field 'ring': not a duration (30m, 4h, 2d): 'six'" },
	{ SLA, "yes,3 rings,6s", "yes,20s,6s",
	  ":2: field 'ring': a ring's length without an answer target in "
	  "rings: '6s'" },
	{ SLA, "inquiry,online,2m,4h,,business,,,",
	  "inquiry,online,2m,4h,,business,,20s,",
	  ":3: field 'answer': a target for answering the phone, on a line of "
	  "channel online: '20s'" },
	{ "policy/phones.csv", NULL, "extension,agent\n201,li.na\n201,tom\n",
	  ":3: field 'extension': a second line for 201 (the first is line 2)" },
	{ "policy/phones.csv", NULL, "extension,agent\n201,\n",
	  ":2: field 'agent': no value" },
#define HOURS "policy/hours.csv"
	{ HOURS, "mon,09:00,18:00", "mon,09:00,25:00",
	  ":2: field 'close': not a time of day (00:00 to 24:00): '25:00'" },
	{ HOURS, "mon,09:00", "mon,9:00",
	  ":2: field 'open': not a time of day (00:00 to 24:00): '9:00'" },
	{ HOURS, "mon,09:00,18:00", "mon,18:00,09:00",
	  ":2: field 'close': not after the open time 18:00: '09:00'" },
	{ HOURS, "mon,", "monday,",
	  ":2: field 'weekday': not one of mon/tue/wed/thu/fri/sat/sun: 'monday'" },
	/* a weekday has periods (a lunch break between two), which must not
	 * overlap; a line twice is an overlap */
	{ HOURS, "tue,", "mon,",
	  ":3: field 'open': * mon: overlaps 09:00-18:00 of line 2: "
	  "'09:00-18:00'" },
	{ HOURS, "mon,09:00,18:00", "mon,09:00,12:00\nmon,11:30,18:00",
	  ":3: field 'open': * mon: overlaps 09:00-12:00 of line 2: "
	  "'11:30-18:00'" },
	{ HOURS, "mon,09:00,18:00", "mon,13:30,18:00\nmon,08:00,14:00",
	  ":3: field 'close': * mon: overlaps 13:30-18:00 of line 2: "
	  "'08:00-14:00'" },
	{ HOURS, NULL, "channel,weekday,open,close\n*,mon,09:00,18:00\n"
	  "wechat,mon,09:00,18:00\n",
	  ":3: field 'channel': not a known channel (* phone online email visit "
	  "letter): 'wechat'" },
	{ HOURS, NULL, "channel,weekday,open,close\n*,mon,09:00,18:00\n"
	  ",tue,09:00,18:00\n", ":3: field 'channel': no value" },
	{ HOURS, NULL, "channel,weekday,open,close\nphone,mon,09:00,18:00\n",
	  ": no hours for channel '*' (the hours of every channel without hours "
	  "of its own)" },
	{ HOURS, NULL, "channel,weekday,open,close\n*,mon,09:00,18:00\n"
	  "phone,mon,09:00,12:00\nphone,mon,12:00,13:00\nphone,mon,13:00,14:00\n"
	  "phone,mon,14:00,15:00\nphone,mon,15:00,16:00\nphone,mon,16:00,17:00\n"
	  "phone,mon,17:00,18:00\nphone,mon,18:00,19:00\nphone,mon,19:00,20:00\n",
	  ":11: field 'weekday': phone mon: more than 8 working periods a day" },
#define HOLS "policy/holidays.csv"
	{ HOLS, "2026-01-01", "2026-02-30",
	  ":2: field 'date': not a date (YYYY-MM-DD): '2026-02-30'" },
	{ HOLS, "2026-01-01", "2026/01/01",
	  ":2: field 'date': not a date (YYYY-MM-DD): '2026/01/01'" },
	{ HOLS, "2026-10-02", "2026-10-01",
	  ":4: field 'date': a second line for 2026-10-01 (the first is line 3)" },
	/* a make-up working day is a weekend date */
	{ HOLS, NULL, "date,name,type\n2026-10-10,调休,workday\n"
	  "2026-10-08,调休,workday\n",
	  ":3: field 'type': a make-up working day on a Thursday, not a Saturday "
	  "or Sunday: '2026-10-08'" },
	{ HOLS, NULL, "date,name,type\n2026-10-10,调休,work\n",
	  ":2: field 'type': not one of off/workday: 'work'" },
	{ HOLS, NULL, "date,name,type\n2026-10-01,国庆,\n",
	  ":2: field 'type': no value" },
	{ HOLS, NULL, "date,name,type\n2026-10-10,调休,workday\n"
	  "2026-10-10,调休,off\n",
	  ":3: field 'date': a second line for 2026-10-10 (the first is line 2)" },
#define ZONE "policy/zone.csv"
	{ ZONE, "Asia/Shanghai", "Mars/Olympus",
	  ":2: field 'zone': not a zone this machine knows: 'Mars/Olympus'" },
	{ ZONE, "", "Asia/Tokyo\n",
	  ":3: field 'zone': a second zone: 'Asia/Tokyo'" },
#define KPI "policy/kpi.csv"
	{ KPI, "agent,satisfaction_rate,0.85", "agent,satisfaction_rate,abc",
	  ":3: field 'target': not a rate: 'abc'" },
	{ KPI, "agent,pass_mark,75", "agent,pass_mark,abc",
	  ":10: field 'target': not a number from 0 to 100: 'abc'" },
	{ KPI, "agent,satisfaction_rate,0.85", "agent,satisfaction_rate,85",
	  ":3: field 'target': not a rate: '85'" },
	{ KPI, "agent,satisfaction_rate,0.85", "agent,satisfaction_rate,85 %",
	  ":3: field 'target': not a rate: '85 %'" },
	{ KPI, "agent,satisfaction_rate,0.85,25,min", "agent,satisfaction_rate,"
	  "0.85,25,minimum", ":3: field 'direction': not one of min/max: "
	  "'minimum'" },
	{ KPI, "agent,satisfaction_rate,0.85,25,min,no",
	  "agent,satisfaction_rate,0.85,25,min,maybe",
	  ":3: field 'mandatory': not one of yes/no: 'maybe'" },
	{ KPI, "agent,satisfaction_rate,0.85,25", "agent,satisfaction_rate,0.85,-5",
	  ":3: field 'weight': not a number of 0 or more: '-5'" },
	{ KPI, "agent,resolution_rate", "agent,satisfaction_rate",
	  ":4: field 'measure': a second line for agent,satisfaction_rate (the "
	  "first is line 3)" },
	{ KPI, "agent,excellent_mark,98", "agent,excellent_mark,70",
	  ":11: field 'target': agent: the pass mark 75 is above the excellent "
	  "mark 70" },
	{ KPI, NULL, "level,measure,target,weight,direction,mandatory,"
	  "min_records\nagent,satisfaction_rate,0.85,0,min,no,10\n"
	  "agent,timely_rate,0.70,0,min,yes,20\n",
	  ":3: field 'weight': agent: the weights add up to 0" },
	{ KPI, "agent,pass_mark,75,,", "agent,pass_mark,75,10,",
	  ":10: field 'weight': not used on a pass_mark line: '10'" },
	{ KPI, "agent,satisfaction_rate,", "agent,satisfaction,",
	  ":3: field 'measure': not a measure (see cs-policy(5)): 'satisfaction'" },
	{ KPI, "agent,consecutive_fails,2", "agent,consecutive_fails,0",
	  ":12: field 'target': not a whole number from 1 to 1000: '0'" },
	{ KPI, "min,no,10,0.60,linear\nagent,resolution",
	  "min,no,1.5,0.60,linear\nagent,resolution",
	  ":3: field 'min_records': not a whole number of 0 or more: '1.5'" },
	{ KPI, "agent,audit_score,80", "agent,audit_score,180",
	  ":8: field 'target': not a number from 0 to 100: '180'" },
	{ KPI, "leader,satisfaction_rate", "boss,satisfaction_rate",
	  ":13: field 'level': not one of agent/leader/deputy/manager: 'boss'" },
	/* floors, curves and the workload's median */
	{ KPI, "satisfaction_rate,0.85,25,min,no,10,0.60",
	  "satisfaction_rate,0.85,25,min,no,10,0.90",
	  ":3: field 'floor': above the target 0.85 (direction min): '0.90'" },
	{ KPI, "satisfaction_rate,0.85,25,min,no,10,0.60,linear",
	  "satisfaction_rate,0.85,25,min,no,10,0.85,linear",
	  ":3: field 'floor': at the target 0.85: a linear curve has nothing to "
	  "run over: '0.85'" },
	{ KPI, "audit_score,80,10,min,no,3,60,linear",
	  "audit_score,80,10,min,no,3,,linear",
	  ":8: field 'curve': linear needs a floor to run from to the target" },
	{ KPI, "0.5*median", "50",
	  ":2: field 'floor': the target 0.8*median and the floor 50: both "
	  "times the median or neither" },
	{ KPI, "0.5*median", "half*median",
	  ":2: field 'floor': not a number of 0 or more, nor one times the "
	  "median (0.8*median): 'half*median'" },
	{ KPI, "complaints,3,10,max,no,0,8", "complaints,3*median,10,max,no,0,8",
	  ":9: field 'target': not a number of 0 or more: '3*median'" },
#define RATES "policy/rates.csv"
	{ RATES, "8.00,6000,2\n", "8.00,0,2\n",
	  ":2: field 'divisor': not a number above 0: '0'" },
	{ RATES, "8.00,6000,2\n", "8.00,6000,91\n",
	  ":2: field 'transit_days': not a whole number from 0 to 90: '91'" },
	{ RATES, "1,8.00,2.00", "1,8.00,-2",
	  ":2: field 'per_kg': not a number of 0 or more: '-2'" },
	{ RATES, "1,8.00,2.00", "1,eight,2.00",
	  ":2: field 'first_price': not a number of 0 or more: 'eight'" },
	{ RATES, "", "华东,华东,standard,1,9.00,2.00,8.00,6000,2\n",
	  ":8: field 'service': a second line for 华东,华东,standard (the first "
	  "is line 2)" },
#define RET "policy/returns.csv"
	{ RET, "*,7,15", "*,seven,15",
	  ":2: field 'return_days': not a whole number of days from 0 to 3650: "
	  "'seven'" },
	{ RET, "*,7,15", "*,7days,15",
	  ":2: field 'return_days': not a whole number of days from 0 to 3650: "
	  "'7days'" },
	{ RET, "food,0,0", "food,0,-1",
	  ":4: field 'exchange_days': not a whole number of days from 0 to 3650: "
	  "'-1'" },
	{ RET, "", "food,1,1\n",
	  ":5: field 'category': a second line for food (the first is line 4)" },
#define REP "policy/repairs.csv"
	{ REP, "repaired,5d", "repaired,5 days",
	  ":4: field 'estimate': not a duration (30m, 4h, 2d): '5 days'" },
	{ REP, "repaired,5d", "repaired,",
	  ":4: field 'estimate': no value" },
	{ REP, "received,3d,calendar", "received,3d,office",
	  ":2: field 'clock': not one of business/calendar: 'office'" },
	{ REP, "done,3d", "fixed,3d",
	  ":6: field 'step': not one of received/sent-to-repair/repaired/"
	  "shipped-back/done: 'fixed'" },
	{ REP, "", "received,1d,business\n",
	  ":7: field 'step': a second line for received (the first is line 2)" },
	{ REP, "shipped-back,1d,calendar\n", "",
	  ": no line for the step 'shipped-back'" },
	{ REP, NULL, "step,estimate\nreceived,1d\nsent-to-repair,1d\n"
	  "repaired,1d\nshipped-back,1d\n", ": no line for the step 'done'" },
#define GRADES "policy/grades.csv"
	{ GRADES, "threshold.A,*,80", "threshold.A,*,eighty",
	  ":6: field 'value': threshold.A: not a number from 0 to 100: 'eighty'" },
	{ GRADES, "threshold.A,*,80", "threshold.A,*,50",
	  ":7: field 'value': threshold.A 50 is below threshold.B 60" },
	{ GRADES, "visit.A,*,1m", "visit.A,*,monthly",
	  ":23: field 'value': visit.A: not a cadence (2w, 1m, 30d): 'monthly'" },
	{ GRADES, "alert.drop,*,0.5", "alert.drop,*,50",
	  ":28: field 'value': alert.drop: not a rate: '50'" },
	{ GRADES, "", "weight.extra,*,5\n",
	  ":35: field 'name': not a name of grades.csv (see cs-policy(5)): "
	  "'weight.extra'" },
	{ GRADES, "", "alert.idle,*,30\n",
	  ":35: field 'type': a second line for alert.idle,* (the first is line "
	  "33)" },
	{ GRADES, "alert.idle,*,60", "alert.idle,*,6.5",
	  ":33: field 'value': alert.idle: not a whole number of days from 1 to "
	  "365: '6.5'" },
	/* a line per type: only for the names that may have one, of the
	 * three types; the rules of each type as a whole */
	{ GRADES, "", "threshold.A,partner,90\n",
	  ":35: field 'type': not one of */channel/out-of-town/end: 'partner'" },
	{ GRADES, "", "alert.idle,end,30\n",
	  ":35: field 'type': not a type of this name, the same for every type "
	  "('*'): 'end'" },
	{ GRADES, "", "threshold.B,end,90\n",
	  ":35: field 'value': threshold.A 80 is below threshold.B 90 (type "
	  "'end')" },
	{ GRADES, "", "volume.orders,end,0\n",
	  ":35: field 'value': volume.orders: not a number above 0: '0'" },
	{ GRADES, "", "volume.orders,end,40\n",
	  ":35: field 'type': a second line for volume.orders,end (the first is "
	  "line 17)" },
	{ GRADES, "", "volume.orders,,40\n",
	  ":35: field 'type': a second line for volume.orders,* (the first is "
	  "line 11)" },
	{ GRADES, "relative.A,*,20%", "relative.A,*,",
	  ":9: field 'name': relative.B without relative.A" },
	{ GRADES, "", "relative.B,channel,90%\n",
	  ":35: field 'value': relative.A 20% and relative.B 90% add up to more "
	  "than the whole (type 'channel')" },
	{ GRADES, "relative.A,*,20%", "relative.A,*,120%",
	  ":8: field 'value': relative.A: not a rate: '120%'" },
	{ GRADES, "volume.orders,*,120", "volume.orders,out-of-town,120",
	  ": no 'volume.orders' for any type (a line of type '*')" },
#define AUDIT "policy/audit.csv"
	{ AUDIT, "attitude,40,10,8", "attitude,40,10,12",
	  ":2: field 'standard': above the max 10: '12'" },
	{ AUDIT, "attitude,40,10,8,yes", "attitude,40,10,8,maybe",
	  ":2: field 'critical': not one of yes/no: 'maybe'" },
	{ AUDIT, "attitude,40,10", "attitude,40,0",
	  ":2: field 'max': not a number above 0: '0'" },
	{ AUDIT, "accuracy,", "attitude,",
	  ":3: field 'category': a second line for attitude (the first is line "
	  "2)" },
#define ROLES "policy/roles.csv"
	{ ROLES, "agent,roster,none", "agent,roster,some",
	  ":3: field 'scope': not one of none/own/team/all: 'some'" },
	{ ROLES, "agent,roster,none", "agent,promote,all",
	  ":3: field 'action': not one of roster/record/handle/score/override/"
	  "unmask/verdict: 'promote'" },
	{ ROLES, "agent,roster,none", "intern,roster,none",
	  ":3: field 'role': not one of agent/leader/deputy/manager: 'intern'" },
	{ ROLES, "", "agent,roster,all\n",
	  ":30: field 'action': a second line for agent,roster (the first is "
	  "line 3)" },
	{ ROLES, "agent,roster,none", "agent,roster,",
	  ":3: field 'scope': no value" },
#define NAT "policy/complaint-natures.csv"
	{ NAT, "damage,", "delay,",
	  ":3: field 'nature': a second line for delay (the first is line 2)" },
	{ NAT, "loss,transport", "loss,",
	  ":4: field 'department': no value" },
#define DEPTS "policy/departments.csv"
	{ DEPTS, "prepare pack", "prepare pick",
	  ":3: field 'takes': not a kind of work (see cs-policy(5)): 'pick'" },
	{ DEPTS, "dispatch delay", "dispatch pack",
	  ":4: field 'takes': 'pack' is taken by warehouse already (line 3)" },
	{ DEPTS, "warehouse,仓库,prepare pack damage complaint,48h",
	  "warehouse,仓库,prepare pack damage complaint,2 days",
	  ":3: field 'answer_normal': not a duration (30m, 4h, 2d): '2 days'" },
	{ DEPTS, "finance,财务,complaint,48h,24h", "finance,财务,complaint,48h,1d2",
	  ":5: field 'answer_major': not a duration (30m, 4h, 2d): '1d2'" },
	{ DEPTS, "sales,", "Sales Dept,",
	  ":6: field 'id': not an id (a-z, 0-9, -): 'Sales Dept'" },
	{ DEPTS, "sales,销售", "sales,仓库",
	  ":6: field 'name': '仓库' names the department of line 3 already" },
	{ DEPTS, "sales,销售", "sales,finance",
	  ":6: field 'name': 'finance' names the department of line 5 already" },
	{ DEPTS, "sales,销售", "finance,销售",
	  ":6: field 'id': a second line for finance (the first is line 5)" },
	{ DEPTS, "sales,销售", "sales,",
	  ":6: field 'name': no value" },
	{ DEPTS, "customer-service,客服", "service,客服",
	  ": no customer-service line (the department of those the roster "
	  "gives none)" },
	{ DEPTS, NULL, "id,name,answer_normal,answer_major\n"
	  "customer-service,客服,48h,24h\n", ":1: no 'takes' column" },
#define NOTIFY "policy/notify.csv"
	{ NOTIFY, "attempts,5", "attempts,0",
	  ":10: field 'value': attempts: not a whole number from 1 to 100: '0'" },
	{ NOTIFY, "retry,10m", "retry,soon",
	  ":11: field 'value': retry: not a duration (30m, 4h, 2d): 'soon'" },
	{ NOTIFY, "retry_max,24h", "retry_max,1m",
	  ":12: field 'value': retry_max is below retry" },
	{ NOTIFY, "phone_channel,sms", "phone_channel,fax",
	  ":5: field 'value': not one of sms/wechat: 'fax'" },
	{ NOTIFY, "sendmail,/usr/sbin/sendmail -t -i", "sendmail,",
	  ":2: field 'value': sendmail: no value" },
	{ NOTIFY, "language,zh", "language,z/h",
	  ":8: field 'value': not a language code (zh, en, zh-TW): 'z/h'" },
	{ NOTIFY, "\ndomain,", "\ndomain,a b",
	  ":7: field 'value': not a domain name: 'a b'" },
	{ NOTIFY, "from,", "from,a\\nBcc: x@y",
	  ":6: field 'value': from: a control character" },
	{ NOTIFY, "timeout,5m", "timeout,2h",
	  ":14: field 'value': timeout: from 1s to 1h: '2h'" },
	{ NOTIFY, "wechat,", "pager,",
	  ":4: field 'setting': not a setting of notify.csv (see cs-policy(5)): "
	  "'pager'" },
	{ NOTIFY, "sms,", "sendmail,/bin/true",
	  ":3: field 'setting': a second line for sendmail (the first is line 2)" },
};

static const char *
default_text(const char *rel)
{
	const struct cs_default_file *f;

	for (f = cs_defaults; f->path; f++)
		if (strcmp(f->path, rel) == 0)
			return f->text;
	fail_msg("no default %s", rel);
	return NULL;
}

static void
put(const char *rel, const char *text)
{
	unit_put(dir, rel, text);
}

static int
setup(void **state)
{
	const struct cs_default_file *f;
	struct cs_buf p = { 0 };

	(void)state;
	dir = unit_tmpdir();
	cs_buf_addf(&p, "%s/policy", dir);
	assert_int_equal(mkdir(p.s, 0770), 0);
	cs_buf_adds(&p, "/messages");
	assert_int_equal(mkdir(p.s, 0770), 0);
	cs_buf_free(&p);
	for (f = cs_defaults; f->path; f++)
		if (strncmp(f->path, "policy/", 7) == 0)
			put(f->path, f->text);
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

static int
read_one(const char *rel)
{
	struct cs_policy_measures m;
	struct cs_policy p;
	int k;

	cs_kpi_policy_measures(&m);
	if (strcmp(rel, "policy/kpi.csv") == 0)
		k = cs_policy_read_kpi(&p, dir, &m);
	else
		k = cs_policy_read(&p, dir, rel);
	if (k == 0)
		cs_policy_free(&p);
	return k;
}

/* The defaults (and so the samples, which 10-cs.sh holds equal) read
 * clean, by each file's reader and by the lint. */
static void
test_defaults(void **state)
{
	const char *rel;
	size_t i;

	(void)state;
	for (i = 0; (rel = cs_policy_file(i)) != NULL; i++)
		if (read_one(rel) < 0)
			fail_msg("%s", cs_errmsg());
	assert_int_equal(cs_policy_lint(dir, stderr), 0);
	assert_true(i == 15);
}

static void
test_bad_lines(void **state)
{
	struct cs_buf text = { 0 }, want = { 0 };
	const char *def, *at;
	char *got;
	size_t i, n = 0;
	FILE *fp;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		def = default_text(cases[i].rel);
		cs_buf_reset(&text);
		if (cases[i].from == NULL)
			cs_buf_adds(&text, cases[i].to);
		else if (*cases[i].from == '\0')
			cs_buf_addf(&text, "%s%s", def, cases[i].to);
		else {
			at = strstr(def, cases[i].from);
			if (at == NULL || strstr(at + 1, cases[i].from))
				fail_msg("case %zu: '%s' not once in %s", i,
				    cases[i].from, cases[i].rel);
			cs_buf_add(&text, def, (size_t)(at - def));
			cs_buf_addf(&text, "%s%s", cases[i].to, at +
			    strlen(cases[i].from));
		}
		put(cases[i].rel, text.s);
		cs_buf_reset(&want);
		cs_buf_addf(&want, "%s%s", cases[i].rel, cases[i].want);
		if (read_one(cases[i].rel) != -1 || cs_errstatus() != CS_ECONFIG ||
		    strcmp(cs_errmsg(), want.s) != 0)
			fail_msg("case %zu: %d '%s', want '%s'", i, cs_errstatus(),
			    cs_errmsg(), want.s);
		/* the lint: the same message, first */
		assert_non_null(fp = tmpfile());
		if (cs_policy_lint(dir, fp) < 1)
			fail_msg("case %zu: the lint found nothing", i);
		rewind(fp);
		got = cs_xmalloc(4096);
		if (fgets(got, 4096, fp) == NULL || strncmp(got, want.s,
		    want.len) || got[want.len] != '\n')
			fail_msg("case %zu: lint '%s', want '%s'", i, got, want.s);
		free(got);
		fclose(fp);
		put(cases[i].rel, def);
		n++;
	}
	assert_true(n >= 40);
	cs_buf_free(&text);
	cs_buf_free(&want);
}

/* A lint goes on past a problem: every bad line of a file is listed. */
static void
test_lint_lists_all(void **state)
{
	FILE *fp;

	(void)state;
	put(KPI, "level,measure,target,weight,direction,mandatory,min_records\n"
	    "agent,satisfaction_rate,abc,25,min,no,10\n"
	    "agent,timely_rate,0.7,20,min,maybe,20\n");
	put(RET, "category,return_days,exchange_days\n*,seven,15\n");
	assert_non_null(fp = tmpfile());
	assert_int_equal(cs_policy_lint(dir, fp), 3);
	fclose(fp);
	put(KPI, default_text(KPI));
	put(RET, default_text(RET));
}

/* phones.csv's agents against the roster: one not on it is listed */
static void
test_lint_phones(void **state)
{
	char line[256];
	FILE *fp;

	(void)state;
	put("staff.csv", "id,name,team,role,hired,left,department\n"
	    "li.na,李娜,华东一组,agent,,,\n");
	put("policy/phones.csv", "extension,agent\n201,li.na\n206,nobody\n");
	assert_non_null(fp = tmpfile());
	assert_int_equal(cs_policy_lint(dir, fp), 1);
	rewind(fp);
	assert_non_null(fgets(line, sizeof line, fp));
	assert_string_equal(line, "policy/phones.csv:3: field 'agent': no one "
	    "called 'nobody' on the roster\n");
	fclose(fp);
	put("policy/phones.csv", default_text("policy/phones.csv"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_lint_lists_all),
		cmocka_unit_test(test_lint_phones),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
