// SPDX-License-Identifier: GPL-2.0-or-later
/* test_table.c: the in-memory table's kernel-like answers and the plans
 * that turn one table into another. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/table.h"

static struct ipvs_service svc(const char *ip, uint16_t port, const char *sched)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	s.af = AF_INET;
	s.protocol = IPPROTO_TCP;
	inet_pton(AF_INET, ip, &s.addr.in);
	s.port = port;
	s.netmask = 0xffffffff;
	snprintf(s.sched_name, sizeof(s.sched_name), "%s", sched);
	return s;
}

static struct ipvs_dest dest(const char *ip, int32_t weight)
{
	struct ipvs_dest d;

	memset(&d, 0, sizeof(d));
	inet_pton(AF_INET, ip, &d.addr.in);
	d.port = 80;
	d.weight = weight;
	d.conn_flags = IPVS_FWD_TUNNEL;
	return d;
}

static void test_apply_errors(void **state)
{
	struct table t = { 0 };
	struct ipvs_service_list *l = &t.list;
	struct ipvs_service a = svc("10.0.0.1", 80, "rr");
	struct ipvs_service b = svc("10.0.0.2", 80, "rr");
	struct ipvs_dest d = dest("10.1.1.1", 1);

	assert_int_equal(table_apply(&t, IPVS_OP_ADD_SERVICE, &a, NULL), 0);
	assert_int_equal(table_apply(&t, IPVS_OP_ADD_SERVICE, &a, NULL),
			 -EEXIST);
	assert_int_equal(table_apply(&t, IPVS_OP_EDIT_SERVICE, &b, NULL),
			 -ESRCH);
	assert_int_equal(table_apply(&t, IPVS_OP_ADD_DEST, &b, &d), -ESRCH);
	assert_int_equal(table_apply(&t, IPVS_OP_ADD_DEST, &a, &d), 0);
	assert_int_equal(table_apply(&t, IPVS_OP_ADD_DEST, &a, &d), -EEXIST);
	d.addr.in.s_addr = inet_addr("10.1.1.2");
	assert_int_equal(table_apply(&t, IPVS_OP_EDIT_DEST, &a, &d), -ENOENT);
	assert_int_equal(table_apply(&t, IPVS_OP_ZERO, &b, NULL), -ESRCH);
	assert_int_equal(table_apply(&t, IPVS_OP_ZERO, NULL, NULL), 0);
	assert_int_equal(l->num, 1);
	assert_int_equal(l->entries[0].num_dests, 1);
	assert_int_equal(table_apply(&t, IPVS_OP_DEL_SERVICE, &a, NULL), 0);
	assert_int_equal(l->num, 0);
	table_free(&t);
}

/* A table of n services 10.0.0.x:80, each with dests 10.1.x.1..k. */
static void build(struct table *l, int n, int k)
{
	char ip[32];
	int i, j;

	memset(l, 0, sizeof(*l));
	for (i = 1; i <= n; i++) {
		struct ipvs_service s;

		snprintf(ip, sizeof(ip), "10.0.0.%d", i);
		s = svc(ip, 80, "rr");
		assert_int_equal(table_apply(l, IPVS_OP_ADD_SERVICE, &s, NULL),
				 0);
		for (j = 1; j <= k; j++) {
			struct ipvs_dest d;

			snprintf(ip, sizeof(ip), "10.1.%d.%d", i, j);
			d = dest(ip, 1);
			assert_int_equal(
				table_apply(l, IPVS_OP_ADD_DEST, &s, &d), 0);
		}
	}
}

/* Applying a plan to the model must give the target, step by step. */
static void check_plan_reaches(struct table *from, const struct table *to)
{
	struct plan p;
	struct plan again;
	size_t i;

	assert_int_equal(plan_build(&from->list, &to->list, &p), 0);
	for (i = 0; i < p.num; i++)
		assert_int_equal(table_apply(from, p.steps[i].op,
					     &p.steps[i].svc, &p.steps[i].dest),
				 0);
	plan_free(&p);
	assert_int_equal(plan_build(&from->list, &to->list, &again), 0);
	assert_int_equal(again.num, 0);
	plan_free(&again);
}

static void test_plan_from_empty_and_back(void **state)
{
	struct ipvs_service_list empty = { 0 };
	struct table big, work = { 0 };
	struct plan p;

	build(&big, 20, 3);
	assert_int_equal(plan_build(&empty, &big.list, &p), 0);
	assert_int_equal(p.num, 20 * 4);
	plan_free(&p);
	check_plan_reaches(&work, &big);
	assert_int_equal(plan_build(&big.list, &empty, &p), 0);
	assert_int_equal(p.num, 20);
	assert_int_equal(p.steps[0].op, IPVS_OP_DEL_SERVICE);
	plan_free(&p);
	table_free(&work);
	table_free(&big);
}

static void test_plan_order_and_edits(void **state)
{
	struct table from, to;
	struct ipvs_service s = svc("10.0.0.1", 80, "rr");
	struct ipvs_service gone = svc("10.0.0.2", 80, "rr");
	struct ipvs_dest d1 = dest("10.1.1.1", 1), dnew = dest("10.9.9.9", 1);
	struct plan p;

	build(&from, 2, 2);
	build(&to, 1, 2);
	/* In "to": 10.0.0.1 uses wlc, loses 10.1.1.2, gains 10.9.9.9, and
	 * 10.1.1.1 weighs 5. */
	snprintf(to.list.entries[0].svc.sched_name, IPVS_SCHED_NAME_LEN, "wlc");
	d1.weight = 5;
	assert_int_equal(table_apply(&to, IPVS_OP_EDIT_DEST, &s, &d1), 0);
	d1 = dest("10.1.1.2", 1);
	assert_int_equal(table_apply(&to, IPVS_OP_DEL_DEST, &s, &d1), 0);
	assert_int_equal(table_apply(&to, IPVS_OP_ADD_DEST, &s, &dnew), 0);

	assert_int_equal(plan_build(&from.list, &to.list, &p), 0);
	assert_int_equal(p.num, 5);
	assert_int_equal(p.steps[0].op, IPVS_OP_EDIT_SERVICE);
	assert_int_equal(p.steps[1].op, IPVS_OP_ADD_DEST);
	assert_int_equal(p.steps[2].op, IPVS_OP_EDIT_DEST);
	assert_int_equal(p.steps[2].dest.weight, 5);
	assert_int_equal(p.steps[3].op, IPVS_OP_DEL_DEST);
	assert_int_equal(p.steps[4].op, IPVS_OP_DEL_SERVICE);
	assert_int_equal(table_svc_cmp(&p.steps[4].svc, &gone), 0);
	plan_free(&p);
	check_plan_reaches(&from, &to);
	table_free(&from);
	table_free(&to);
}

/* The index follows deletions (the last entry moves into the hole),
 * flushes and regrowth: every lookup agrees with the array itself. */
static void test_index_survives_deletes(void **state)
{
	struct table t = { 0 };
	struct ipvs_service s;
	char ip[32];
	int i, n = 1000;

	build(&t, 0, 0);
	for (i = 0; i < n; i++) {
		snprintf(ip, sizeof(ip), "10.0.%d.%d", i / 250, i % 250);
		s = svc(ip, (uint16_t)(80 + i % 3), "rr");
		s.fwmark = i % 7 == 0 ? (uint32_t)i + 1 : 0;
		assert_int_equal(table_apply(&t, IPVS_OP_ADD_SERVICE, &s, NULL),
				 0);
		if (i % 3 == 0)
			assert_int_equal(table_apply(&t, IPVS_OP_DEL_SERVICE,
						     &s, NULL),
					 0);
	}
	assert_int_equal(t.list.num, n - (n + 2) / 3);
	for (i = 0; i < n; i++) {
		snprintf(ip, sizeof(ip), "10.0.%d.%d", i / 250, i % 250);
		s = svc(ip, (uint16_t)(80 + i % 3), "rr");
		s.fwmark = i % 7 == 0 ? (uint32_t)i + 1 : 0;
		if (i % 3 == 0) {
			assert_null(table_find_svc(&t, &s));
			continue;
		}
		assert_non_null(table_find_svc(&t, &s));
		assert_int_equal(
			table_svc_cmp(&table_find_svc(&t, &s)->svc, &s), 0);
		assert_int_equal(table_apply(&t, IPVS_OP_ADD_SERVICE, &s, NULL),
				 -EEXIST);
	}
	assert_int_equal(table_apply(&t, IPVS_OP_FLUSH, NULL, NULL), 0);
	assert_null(table_find_svc(&t, &s));
	assert_int_equal(table_apply(&t, IPVS_OP_ADD_SERVICE, &s, NULL), 0);
	assert_int_equal(t.list.num, 1);
	table_free(&t);
}

static void test_local_equals_route(void **state)
{
	struct ipvs_dest a = dest("10.1.1.1", 1), b = a;

	a.conn_flags = IPVS_FWD_LOCAL;
	b.conn_flags = IPVS_FWD_ROUTE;
	assert_true(table_dest_same(&a, &b));
	b.conn_flags = IPVS_FWD_MASQ;
	assert_false(table_dest_same(&a, &b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_errors),
		cmocka_unit_test(test_plan_from_empty_and_back),
		cmocka_unit_test(test_plan_order_and_edits),
		cmocka_unit_test(test_local_equals_route),
		cmocka_unit_test(test_index_survives_deletes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
