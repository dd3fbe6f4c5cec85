// SPDX-License-Identifier: GPL-2.0-or-later
/* test_libipvs_errors.c: ipvs_strerror() against spec §3.2, row by row. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include "libipvs/libipvs.h"

#define NO_SVC "No such service"
#define SCHED "Scheduler or persistence engine not found"
#define NOT_DEF "Service not defined"
#define NO_DEST "No such destination"

static const struct {
	enum ipvs_op op;
	int err;
	const char *text;
} rows[] = {
	{ IPVS_OP_ADD_SERVICE, EEXIST, "Service already exists" },
	{ IPVS_OP_ADD_SERVICE, ENOENT, SCHED },
	{ IPVS_OP_EDIT_SERVICE, ENOENT, SCHED },
	{ IPVS_OP_EDIT_SERVICE, ESRCH, NO_SVC },
	{ IPVS_OP_DEL_SERVICE, ESRCH, NO_SVC },
	{ IPVS_OP_ZERO, ESRCH, NO_SVC },
	{ IPVS_OP_GET_SERVICES, ESRCH, NO_SVC },
	{ IPVS_OP_GET_DESTS, ESRCH, NO_SVC },
	{ IPVS_OP_GET_SERVICE, ESRCH, NO_SVC },
	{ IPVS_OP_ADD_DEST, ESRCH, NOT_DEF },
	{ IPVS_OP_EDIT_DEST, ESRCH, NOT_DEF },
	{ IPVS_OP_DEL_DEST, ESRCH, NOT_DEF },
	{ IPVS_OP_ADD_DEST, EEXIST, "Destination already exists" },
	{ IPVS_OP_EDIT_DEST, ENOENT, NO_DEST },
	{ IPVS_OP_DEL_DEST, ENOENT, NO_DEST },
	{ IPVS_OP_START_DAEMON, EEXIST, "Daemon has already run" },
	{ IPVS_OP_STOP_DAEMON, ESRCH, "No daemon is running" },
};

/* Rows that hold for every operation. */
static const struct {
	int err;
	const char *text;
} any_rows[] = {
	{ EPERM, "Permission denied (you must be root)" },
	{ EINVAL,
	  "Invalid operation.  Possibly wrong module version, address not unicast, ..." },
	{ ENOPROTOOPT, "Protocol not available" },
	{ ENOMEM, "Memory allocation problem" },
	{ EOPNOTSUPP, "Operation not supported with IPv6" },
	{ EAFNOSUPPORT,
	  "Operation not supported with specified address family" },
	{ EMSGSIZE, "Module is wrong version" },
};

static void test_specific_rows(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_string_equal(ipvs_strerror(rows[i].op, rows[i].err),
				    rows[i].text);
		assert_string_equal(ipvs_strerror(rows[i].op, -rows[i].err),
				    rows[i].text);
	}
}

static void test_any_rows(void **state)
{
	size_t i;
	int op;

	(void)state;
	for (op = 0; op < IPVS_OP_COUNT; op++)
		for (i = 0; i < sizeof(any_rows) / sizeof(any_rows[0]); i++)
			assert_string_equal(ipvs_strerror(op, -any_rows[i].err),
					    any_rows[i].text);
}

/* A pair not in the table falls back to strerror(). */
static void test_fallback(void **state)
{
	(void)state;
	assert_string_equal(ipvs_strerror(IPVS_OP_ZERO, -ENOENT),
			    strerror(ENOENT));
	assert_string_equal(ipvs_strerror(IPVS_OP_DEL_SERVICE, -EEXIST),
			    strerror(EEXIST));
	assert_string_equal(ipvs_strerror(IPVS_OP_ADD_SERVICE, -ESRCH),
			    strerror(ESRCH));
	assert_string_equal(ipvs_strerror(IPVS_OP_START_DAEMON, -ENODEV),
			    "No such device");
	assert_string_equal(ipvs_strerror(IPVS_OP_STOP_DAEMON, EEXIST),
			    strerror(EEXIST));
	assert_string_equal(ipvs_strerror(IPVS_OP_GET_DESTS, ENOENT),
			    strerror(ENOENT));
}

/* ESRCH and ENOENT give different texts for the same operation. */
static void test_esrch_enoent_distinct(void **state)
{
	(void)state;
	assert_string_not_equal(ipvs_strerror(IPVS_OP_EDIT_DEST, -ESRCH),
				ipvs_strerror(IPVS_OP_EDIT_DEST, -ENOENT));
	assert_string_not_equal(ipvs_strerror(IPVS_OP_EDIT_SERVICE, -ESRCH),
				ipvs_strerror(IPVS_OP_EDIT_SERVICE, -ENOENT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_specific_rows),
		cmocka_unit_test(test_any_rows),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_esrch_enoent_distinct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
