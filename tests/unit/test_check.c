/* test_check.c: cs check finds each kind of problem, and only those */
#include <sys/stat.h>

#include "unit.h"

static char *
run_check(const char *dir, int *n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	*n = cs_check_dir(dir, fp);
	fclose(fp);
	return buf;
}

static char *
make_dir(void)
{
	char *dir = unit_tmpdir();
	const struct cs_default_file *f;
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/policy", dir);
	assert_int_equal(mkdir(p.s, 0770), 0);
	cs_buf_adds(&p, "/messages");
	assert_int_equal(mkdir(p.s, 0770), 0);
	cs_buf_reset(&p);
	cs_buf_addf(&p, "%s/journal", dir);
	assert_int_equal(mkdir(p.s, 0770), 0);
	for (f = cs_defaults; f->path; f++) {
		cs_buf_reset(&p);
		cs_buf_addf(&p, "%s/%s", dir, f->path);
		unit_write(p.s, f->text);
	}
	cs_buf_free(&p);
	return dir;
}

static void
put(const char *dir, const char *rel, const char *text)
{
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/%s", dir, rel);
	unit_write(p.s, text);
	cs_buf_free(&p);
}

#define CUST "id,name,contact,phone,email,company,address,region,type,grade," \
	"since,needs,frequency,transport,notes\n"

static void
test_clean(void **state)
{
	char *dir = make_dir(), *out;
	int n;

	(void)state;
	put(dir, "staff.csv", "id,name,team,role,hired,left\n"
	    "li.na,李娜,华东一组,agent,2024-03-01,\n");
	put(dir, "customers.csv", CUST
	    "C-000001,张三,,13800138000,,,,华东,end,A,2020-01-01,,,,\"a, b\"\n"
	    "C-000002,ACME,,,,,,,channel,,,,,,x\\ny\n");
	put(dir, "journal/2026-11.csv", CS_JOURNAL_HEADER_OLD
	    "2026-11-22T10:00:00+08:00,li.na,cs-customer,add,C-000001,,,x\n");
	out = run_check(dir, &n);
	assert_string_equal(out, "");
	assert_int_equal(n, 0);
	free(out);
	unit_rmrf(dir);
	free(dir);
}

static void
test_problems(void **state)
{
	char *dir = make_dir(), *out;
	int n;

	(void)state;
	put(dir, "staff.csv", "id,name,team,role,hired,left\n"
	    "li.na,李娜,华东一组,agent,2024-03-01,\n"
	    "li.na,Li Na,East,boss,2024-02-30,\n"
	    "Bad Id,x,y,agent,,\n");
	put(dir, "customers.csv", CUST
	    "C-000002,张三,,abc,,,,华东,end,A,2020-01-01,,,,\n"
	    "C-000001,李四,,,,,,,channel,,,,,,\n"
	    "C-000003,王五,,,,,,,end,,,,,\n"
	    "C-000004,赵六,,,,,,,end,,,,,,bad \xff\n"
	    "C-000005,x\"y,,,,,,,end,,,,,,\n");
	put(dir, "journal/2026-11.csv", CS_JOURNAL_HEADER_OLD
	    "2026-10-31T10:00:00+08:00,li.na,cs,add,C-1,,,x\n");
	put(dir, "journal/notes.csv", "x\n");
	put(dir, "policy/kpi.csv", "level,measure\nagent\n");
	out = run_check(dir, &n);
	assert_string_equal(out,
		    "staff.csv:3: field 'role': not one of agent (客服), leader (组长), "
	    "deputy (副经理), manager (经理): 'boss'\n"
	    "staff.csv:3: field 'hired': not a date (YYYY-MM-DD): '2024-02-30'\n"
	    "staff.csv:3: id 'li.na' appears twice\n"
	    "staff.csv:4: field 'id': not a login name: 'Bad Id'\n"
	    "customers.csv:2: field 'phone': not a phone number: 'abc'\n"
	    "customers.csv:3: id 'C-000001' out of order after 'C-000002'\n"
	    "customers.csv:4: 14 fields, the header has 15\n"
	    "customers.csv:5: invalid UTF-8 at byte 36\n"
	    "customers.csv:6: quote inside an unquoted field\n"
	    "journal/2026-11.csv:2: the journal says C-1 was added, but "
	    "customers.csv has no such record\n"
	    "journal/2026-11.csv:2: time '2026-10-31T10:00:00+08:00' is not in "
	    "2026-11\n"
	    "journal/notes.csv: not a month file (YYYY-MM.csv)\n"
	    "policy/kpi.csv:2: 1 fields, the header has 2\n");
	assert_int_equal(n, 13);
	free(out);
	unit_rmrf(dir);
	free(dir);
}

#define TICKET "id,kind,channel,customer,agent,team,category,subject,notes," \
	"order,opened_at,first_response_at,promised_at,due_at,resolved_at," \
	"closed_at,status,result,satisfaction,attitude,reopens,pending_since," \
	"paused,estimated_at\n"

static void
test_tickets(void **state)
{
	char *dir = make_dir(), *out;
	struct cs_buf p = { 0 };
	int n;

	(void)state;
	cs_buf_addf(&p, "%s/tickets", dir);
	assert_int_equal(mkdir(p.s, 0770), 0);
	cs_buf_addf(&p, "/2026-11");
	assert_int_equal(mkdir(p.s, 0770), 0);
	cs_buf_free(&p);
	put(dir, "staff.csv", "id,name,team,role,hired,left\nli.na,李娜,,agent,,\n");
	put(dir, "customers.csv", CUST "C-000001,张三,,,,,,,end,,,,,,\n");
	put(dir, "tickets/2026-11/T-20261120-0001.csv", TICKET
	    "T-20261120-0001,inquiry,phone,C-000001,li.na,,,,,,"
	    "2026-11-20T17:00:00+08:00,,,,,,open,,,,,,,\n"
	    "T-20261120-0003,inquiry,phone,C-000009,nobody,,,,,,"
	    "2026-11-20T17:00:00+08:00,,,,,,open,,,,,,,\n"
	    "T-20261120-0002,inquiry,phone,,li.na,,,,,,"
	    "2026-11-20T17:00:00+08:00,,,,,,shut,,7,,,,,\n"
	    "T-20261201-0001,inquiry,phone,,li.na,,,,,,"
	    "2026-11-20T17:00:00+08:00,,,,,,open,,,,,,,\n"
	    "T-20261121-0001,inquiry,phone,,li.na,,,,,,"
	    "2026-11-21T17:00:00+08:00,,,,,,open,,,,,,,\n");
	put(dir, "tickets/2026-11/T-20261121-0001.csv", TICKET
	    "T-20261121-0002,inquiry,phone,,li.na,,,,,,"
	    "2026-11-21T17:00:00+08:00,,,,,,open,,,,,,,\n");
	out = run_check(dir, &n);
	assert_string_equal(out,
	    "tickets/2026-11/T-20261120-0001.csv:3: field 'agent': no one on the "
	    "roster called 'nobody'\n"
	    "tickets/2026-11/T-20261120-0001.csv:3: field 'customer': no customer "
	    "'C-000009'\n"
	    "tickets/2026-11/T-20261120-0001.csv:4: field 'status': not one of "
	    "open (待处理), pending (挂起), resolved (已解决), closed (已关闭): "
	    "'shut'\n"
	    "tickets/2026-11/T-20261120-0001.csv:4: field 'satisfaction': not one "
	    "of 1 (非常不满意), 2 (不满意), 3 (一般), 4 (满意), 5 (非常满意): "
	    "'7'\n"
	    "tickets/2026-11/T-20261120-0001.csv:4: id 'T-20261120-0002' out of "
	    "order after 'T-20261120-0003'\n"
	    "tickets/2026-11/T-20261120-0001.csv:5: id 'T-20261201-0001' belongs "
	    "in month 2026-12\n"
	    "tickets/2026-11/T-20261120-0001.csv:6: id 'T-20261121-0001' out of "
	    "order after 'T-20261201-0001'\n"
	    "tickets/2026-11/T-20261120-0001.csv:6: id 'T-20261121-0001' outside "
	    "its chunk (T-20261120-0001 to T-20261121-0001)\n");
	assert_int_equal(n, 8);
	free(out);
	unit_rmrf(dir);
	free(dir);
}

static void
test_missing(void **state)
{
	char *dir = unit_tmpdir(), *out;
	int n;

	(void)state;
	out = run_check(dir, &n);
	assert_non_null(strstr(out, "staff.csv: No such file or directory\n"));
	assert_true(n >= 2);
	free(out);
	unit_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_tickets),
		cmocka_unit_test(test_missing),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
