/* test_cli.c: field=value operands, common options, the data directory */
#include <getopt.h>

#include "unit.h"

static void
test_assign(void **state)
{
	const char *v;
	char *f;

	(void)state;
	assert_int_equal(cs_assign_split("name=张三", &f, &v), 0);
	assert_string_equal(f, "name");
	assert_string_equal(v, "张三");
	free(f);
	assert_int_equal(cs_assign_split("notes=a=b", &f, &v), 0);
	assert_string_equal(v, "a=b");
	free(f);
	assert_int_equal(cs_assign_split("phone=", &f, &v), 0);
	assert_string_equal(v, "");
	free(f);
	assert_int_equal(cs_assign_split("noequals", &f, &v), -1);
	assert_int_equal(cs_errstatus(), CS_EUSAGE);
	assert_int_equal(cs_assign_split("=x", &f, &v), -1);
	assert_int_equal(cs_assign_split("Na-me=x", &f, &v), -1);
	assert_string_equal(cs_errmsg(), "not a field name: 'Na-me'");
}

static void
test_common(void **state)
{
	struct cs_opts o = { 0 };

	(void)state;
	assert_int_equal(cs_opt_common('D', "/tmp/x", &o), 1);
	assert_string_equal(o.dir, "/tmp/x");
	assert_int_equal(cs_opt_common('o', "tsv", &o), 1);
	assert_int_equal(cs_opts_fmt(&o), CS_FMT_TSV);
	o.excel = 1;
	assert_int_equal(cs_opts_fmt(&o), CS_FMT_EXCEL);
	assert_int_equal(cs_opt_common('o', "yaml", &o), -1);
	assert_int_equal(cs_opt_common('W', "2.5", &o), 1);
	assert_true(cs_lock_wait > 2.4 && cs_lock_wait < 2.6);
	assert_int_equal(cs_opt_common('W', "soon", &o), -1);
	assert_int_equal(cs_opt_common('W', "-1", &o), -1);
	assert_int_equal(cs_opt_common('W', "nan", &o), -1);
	assert_int_equal(cs_opt_common('W', "-nan", &o), -1);
	assert_int_equal(cs_opt_common('W', "NAN(1)", &o), -1);
	assert_int_equal(cs_opt_common('W', "inf", &o), -1);
	assert_int_equal(cs_opt_common('W', "86401", &o), -1);
	assert_int_equal(cs_opt_common('W', "0", &o), 1);
	assert_int_equal(cs_opt_common('W', "86400", &o), 1);
	assert_int_equal(cs_opt_common('x', NULL, &o), 0);
}

static void
test_data_dir(void **state)
{
	(void)state;
	unsetenv("CS_DATA_DIR");
	assert_string_equal(cs_data_dir(NULL), "/var/lib/cs-tools");
	setenv("CS_DATA_DIR", "/srv/cs", 1);
	assert_string_equal(cs_data_dir(NULL), "/srv/cs");
	assert_string_equal(cs_data_dir("/opt/d"), "/opt/d");
	unsetenv("CS_DATA_DIR");
}

static void
test_arg_utf8(void **state)
{
	(void)state;
	assert_int_equal(cs_arg_utf8("operand", "name=张三"), 0);
	assert_int_equal(cs_arg_utf8("operand", "name=\xe5\xbc"), -1);
	assert_string_equal(cs_errmsg(), "operand: invalid UTF-8 at byte 6");
	assert_int_equal(cs_errstatus(), CS_EDATA);
}

static void
test_operands(void **state)
{
	char *argv[] = { "note=a=b", "by=王五", "location=" };

	(void)state;
	assert_true(cs_in_list("b", "a|b|c"));
	assert_true(cs_in_list("a", "a"));
	assert_false(cs_in_list("", "a|b"));
	assert_false(cs_in_list("ab", "a|b"));
	assert_false(cs_in_list("b", "a|bc"));
	assert_string_equal(cs_operand(3, argv, "note"), "a=b");
	assert_string_equal(cs_operand(3, argv, "by"), "王五");
	assert_string_equal(cs_operand(3, argv, "location"), "");
	assert_string_equal(cs_operand(3, argv, "no"), "");
	assert_int_equal(cs_operands_check(3, argv, "note|by|location", "x"), 0);
	assert_int_equal(cs_operands_check(3, argv, "note|by", "sign"), -1);
	assert_string_equal(cs_errmsg(), "sign: field 'location' is not given "
	    "here (note|by)");
	assert_int_equal(cs_errstatus(), CS_EUSAGE);
}

static void
test_fail_quotes_itself(void **state)
{
	(void)state;
	cs_fail(CS_EDATA, "field 'x': bad");
	cs_fail(cs_errstatus(), "in.csv:2: %s", cs_errmsg());
	assert_string_equal(cs_errmsg(), "in.csv:2: field 'x': bad");
	assert_int_equal(cs_errstatus(), CS_EDATA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assign),
		cmocka_unit_test(test_common),
		cmocka_unit_test(test_data_dir),
		cmocka_unit_test(test_arg_utf8),
		cmocka_unit_test(test_fail_quotes_itself),
		cmocka_unit_test(test_operands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
