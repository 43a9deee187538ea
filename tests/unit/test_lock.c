/* test_lock.c: the writers' lock, its timeout and its message */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

static void
test_busy_then_free(void **state)
{
	char *dir = unit_tmpdir();
	struct cs_ds a, b;
	int ready[2], go[2];
	pid_t pid;
	char c;

	(void)state;
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* the parent's ends closed: if it dies, read sees the end */
		close(ready[0]);
		close(go[1]);
		setenv("CS_USER", "holder", 1);
		cs_progname = "cs-holder";
		if (cs_ds_open(&a, dir) < 0 || cs_lock(&a, 0) < 0)
			_exit(1);
		if (write(ready[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		cs_unlock(&a);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(cs_ds_open(&b, dir), 0);
	assert_int_equal(cs_lock(&b, 0.2), -1);
	assert_int_equal(cs_errstatus(), CS_EBUSY);
	assert_non_null(strstr(cs_errmsg(), "held by cs-holder (pid "));
	/* the real user acting as holder (CS_USER, as root runs the tests) */
	assert_non_null(strstr(cs_errmsg(), " as holder)"));
	assert_non_null(strstr(cs_errmsg(), "--wait"));
	assert_int_equal(write(go[1], "x", 1), 1);
	assert_int_equal(cs_lock(&b, 5), 0);	/* waits for the release */
	cs_unlock(&b);
	waitpid(pid, NULL, 0);
	cs_ds_close(&b);
	unit_rmrf(dir);
	free(dir);
}

static void
test_no_dir(void **state)
{
	struct cs_ds ds;

	(void)state;
	assert_int_equal(cs_ds_open(&ds, "/nonexistent/cs"), -1);
	assert_int_equal(cs_errstatus(), CS_ENOINPUT);
	assert_non_null(strstr(cs_errmsg(), "cs init"));
}

/* A command that only reads (cs_main: a verb not marked CS_WRITES) can
 * never take the lock, so it can never change the data directory. */
static void
test_reader_may_not_lock(void **state)
{
	char *dir = unit_tmpdir();
	struct cs_ds ds;

	(void)state;
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	cs_lock_refused = "list";
	assert_int_equal(cs_lock(&ds, 0), -1);
	assert_int_equal(cs_errstatus(), CS_ESOFTWARE);
	assert_non_null(strstr(cs_errmsg(), "list only reads"));
	assert_int_equal(ds.lockfd, -1);
	cs_lock_refused = NULL;
	assert_int_equal(cs_lock(&ds, 0), 0);
	cs_ds_close(&ds);
	unit_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_busy_then_free),
		cmocka_unit_test(test_no_dir),
		cmocka_unit_test(test_reader_may_not_lock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
