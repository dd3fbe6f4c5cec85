// SPDX-License-Identifier: GPL-2.0-or-later
/* test_tunctl.c: `ipvsadm tun` arguments, sysctls, state and plans, no kernel. */
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
#include <sys/stat.h>
#include <unistd.h>

#include "tunctl/tun_int.h"

/* { exit code, expected error text ("" when none), the arguments }. */
static const struct tun_case {
	int code;
	const char *msg;
	const char *args;
} cases[] = {
	{ 0, "", "director 192.168.1.100" },
	{ 0, "", "realserver 192.168.1.100 10.1.2.3" },
	{ 0, "", "--dev tun5 --dry-run down 192.168.1.100" },
	{ 0, "", "down 192.168.1.100 --dev tun5" },
	{ 0, "", "check" },
	{ 0, "", "check realserver" },
	{ 0, "", "check --json director 1.2.3.4" },
	{ 0, "", "help" },
	{ 0, "", "-h" },
	{ 0, "", "--help director" },
	{ 2, "no command given", "" },
	{ 2, "no command given", "--dry-run" },
	{ 2, "unknown command `up' (director, realserver, down, check or help)",
	  "up 1.2.3.4" },
	{ 2, "no VIP given", "director" },
	{ 2, "no VIP given", "down --dev tunl0" },
	{ 2,
	  "VIP `1.2.3.4/32': give the address without a netmask (a VIP is always /32)",
	  "director 1.2.3.4/32" },
	{ 2,
	  "VIP `1.2.3.4/255.255.255.0': give the address without a netmask (a VIP is always /32)",
	  "realserver 1.2.3.4/255.255.255.0" },
	{ 2, "VIP `2001:db8::1': IPv6 VIPs are not supported yet (IPv4 only)",
	  "realserver 2001:db8::1" },
	{ 2, "VIP `foo': not an IPv4 address", "director 1.2.3.4 foo" },
	{ 2, "VIP `1.2.3': not an IPv4 address", "director 1.2.3" },
	{ 2, "VIP `1.2.3.256': not an IPv4 address", "director 1.2.3.256" },
	{ 2, "VIP `0.0.0.0': not a unicast address", "director 0.0.0.0" },
	{ 2, "VIP `127.0.0.1': not a unicast address", "director 127.0.0.1" },
	{ 2, "VIP `224.0.0.1': not a unicast address", "director 224.0.0.1" },
	{ 2, "VIP `255.255.255.255': not a unicast address",
	  "director 255.255.255.255" },
	{ 2, "VIP `realsrv': not an IPv4 address", "check realsrv" },
	{ 2, "bad device name `a/b'", "--dev a/b director 1.2.3.4" },
	{ 2, "bad device name `all'", "--dev all director 1.2.3.4" },
	{ 2, "bad device name `0123456789abcdef'",
	  "--dev 0123456789abcdef director 1.2.3.4" },
	{ 2, "--dev: missing argument", "director 1.2.3.4 --dev" },
	{ 2, "--bogus: unknown option", "--bogus director 1.2.3.4" },
	{ 2, "--json goes with check only", "--json director 1.2.3.4" },
	{ 2,
	  "--dry-run goes with director, realserver and down (check changes nothing)",
	  "check --dry-run" },
};

/* Split on spaces into an argv that starts with "tun". */
static int split(const char *args, char *buf, size_t len, char **argv)
{
	int argc = 1;
	char *tok, *save = NULL;

	snprintf(buf, len, "%s", args);
	argv[0] = "tun";
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return argc;
}

static int parse(const char *args, struct tun_args *a, char *err, size_t errlen)
{
	char buf[2048], *argv[TUN_MAX_VIPS + 16];
	int argc = split(args, buf, sizeof(buf), argv);

	return tun_parse(argc, argv, a, err, errlen);
}

static void test_parse_table(void **state)
{
	struct tun_args a;
	char err[256];
	size_t i;
	int r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r = parse(cases[i].args, &a, err, sizeof(err));
		if (r != cases[i].code || strcmp(err, cases[i].msg))
			fail_msg("'%s': exit %d '%s', expected %d '%s'",
				 cases[i].args, r, err, cases[i].code,
				 cases[i].msg);
	}
}

static void test_parse_fields(void **state)
{
	struct tun_args a;
	char err[256];

	assert_int_equal(parse("realserver 10.0.0.1 10.0.0.2 10.0.0.1", &a, err,
			       sizeof(err)),
			 0);
	assert_int_equal(a.cmd, TUN_CMD_REALSERVER);
	assert_string_equal(a.dev, "tunl0");
	assert_false(a.dry_run);
	/* The repeated VIP counts once. */
	assert_int_equal(a.nvips, 2);
	assert_int_equal(a.vips[1].s_addr, inet_addr("10.0.0.2"));

	assert_int_equal(parse("check --dev t1 director --json 10.0.0.1", &a,
			       err, sizeof(err)),
			 0);
	assert_int_equal(a.cmd, TUN_CMD_CHECK);
	assert_int_equal(a.role, TUN_ROLE_DIRECTOR);
	assert_string_equal(a.dev, "t1");
	assert_true(a.json);
	assert_int_equal(a.nvips, 1);

	assert_int_equal(parse("check 10.0.0.1", &a, err, sizeof(err)), 0);
	assert_int_equal(a.role, TUN_ROLE_NONE);

	assert_int_equal(parse("down --dry-run 10.0.0.9", &a, err, sizeof(err)),
			 0);
	assert_int_equal(a.cmd, TUN_CMD_DOWN);
	assert_true(a.dry_run);
}

static void test_too_many_vips(void **state)
{
	char args[2048], err[256];
	struct tun_args a;
	size_t off = 0;
	int i;

	off += (size_t)snprintf(args, sizeof(args), "director");
	for (i = 0; i <= TUN_MAX_VIPS; i++)
		off += (size_t)snprintf(args + off, sizeof(args) - off,
					" 10.0.%d.1", i);
	assert_int_equal(parse(args, &a, err, sizeof(err)), TUN_EXIT_USAGE);
	assert_string_equal(err, "too many VIPs (at most 64 at a time)");
}

/* A temporary /proc/sys and state directory, one per test. */
struct tree {
	char root[64];
	char sys[96];
	char run[96];
	struct tun_paths p;
};

static void put(struct tree *t, const char *rel, int val)
{
	char path[256], dir[256], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->sys, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	for (slash = strchr(dir + strlen(t->sys) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(dir, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%d\n", val);
	fclose(f);
}

static int get(struct tree *t, const char *key)
{
	int v = -100;

	assert_int_equal(tun_sysctl_read(t->sys, key, &v), 0);
	return v;
}

/* What a fresh kernel has: forwarding off, ARP defaults, rp_filter 1. */
static int tree_setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	snprintf(t->root, sizeof(t->root), "/tmp/test_tunctl.XXXXXX");
	if (!mkdtemp(t->root))
		return -1;
	snprintf(t->sys, sizeof(t->sys), "%s/sys", t->root);
	snprintf(t->run, sizeof(t->run), "%s/run", t->root);
	mkdir(t->sys, 0755);
	t->p.sysctl_root = t->sys;
	t->p.state_dir = t->run;
	put(t, "net/ipv4/ip_forward", 0);
	put(t, "net/ipv4/conf/all/arp_ignore", 0);
	put(t, "net/ipv4/conf/all/arp_announce", 0);
	put(t, "net/ipv4/conf/all/rp_filter", 1);
	put(t, "net/ipv4/conf/tunl0/arp_ignore", 0);
	put(t, "net/ipv4/conf/tunl0/arp_announce", 0);
	put(t, "net/ipv4/conf/tunl0/rp_filter", 2);
	*state = t;
	return 0;
}

static int tree_teardown(void **state)
{
	struct tree *t = *state;
	char cmd[128];
	int r;

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->root);
	r = system(cmd);
	free(t);
	return r ? -1 : 0;
}

static void test_sysctl_key(void **state)
{
	char key[TUN_KEY_LEN];

	assert_int_equal(tun_sysctl_key(key, sizeof(key),
					"net.ipv4.conf.%s.rp_filter", "tunl0"),
			 0);
	assert_string_equal(key, "net.ipv4.conf.tunl0.rp_filter");
	/* sysctl(8) writes a dot inside an interface name as a slash. */
	assert_int_equal(tun_sysctl_key(key, sizeof(key),
					"net.ipv4.conf.%s.arp_ignore", "t.5"),
			 0);
	assert_string_equal(key, "net.ipv4.conf.t/5.arp_ignore");
	assert_int_equal(tun_sysctl_key(key, sizeof(key), "net.ipv4.ip_forward",
					"tunl0"),
			 0);
	assert_string_equal(key, "net.ipv4.ip_forward");
	assert_int_equal(tun_sysctl_key(key, 8, "net.ipv4.ip_forward", "x"),
			 -ENAMETOOLONG);
}

static void test_sysctl_rw(void **state)
{
	struct tree *t = *state;
	int v;

	assert_int_equal(get(t, "net.ipv4.conf.all.rp_filter"), 1);
	assert_int_equal(
		tun_sysctl_write(t->sys, "net.ipv4.conf.all.rp_filter", 0), 0);
	assert_int_equal(get(t, "net.ipv4.conf.all.rp_filter"), 0);
	/* A dotted device name lives in a directory with the dot. */
	put(t, "net/ipv4/conf/t.5/rp_filter", 1);
	assert_int_equal(get(t, "net.ipv4.conf.t/5.rp_filter"), 1);
	assert_int_equal(tun_sysctl_read(t->sys,
					 "net.ipv4.conf.nodev.rp_filter", &v),
			 -ENOENT);
	assert_int_equal(tun_sysctl_write(t->sys, "net.ipv4.conf.nodev.x", 1),
			 -ENOENT);
}

static void test_state_roundtrip(void **state)
{
	struct tree *t = *state;
	struct tun_state st = { 0 }, back;
	char path[TUN_PATH_LEN];

	snprintf(path, sizeof(path), "%s/tun-x.state", t->run);
	assert_int_equal(tun_state_load(path, &back), 0);
	assert_int_equal(back.n, 0);
	assert_int_equal(tun_state_add(&st, "net.ipv4.ip_forward", 0), 0);
	assert_int_equal(tun_state_add(&st, "net.ipv4.conf.all.rp_filter", 1),
			 0);
	/* The first value is the original: a later one does not replace it. */
	assert_int_equal(tun_state_add(&st, "net.ipv4.ip_forward", 1), 0);
	assert_int_equal(tun_state_save(path, &st), 0);
	assert_int_equal(tun_state_load(path, &back), 0);
	assert_int_equal(back.n, 2);
	assert_string_equal(back.ent[1].key, "net.ipv4.conf.all.rp_filter");
	assert_int_equal(back.ent[1].val, 1);
	assert_int_equal(tun_state_find(&back, "net.ipv4.ip_forward")->val, 0);
	assert_null(tun_state_find(&back, "net.ipv4.nope"));
}

static void test_state_corrupt(void **state)
{
	struct tree *t = *state;
	struct tun_state st;
	char path[TUN_PATH_LEN];
	FILE *f;

	mkdir(t->run, 0755);
	snprintf(path, sizeof(path), "%s/bad.state", t->run);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# comment\nnet.ipv4.ip_forward=zero\n", f);
	fclose(f);
	assert_int_equal(tun_state_load(path, &st), -EINVAL);
}

static void args_for(struct tun_args *a, enum tun_cmd cmd, const char *vip)
{
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	snprintf(a->dev, sizeof(a->dev), "tunl0");
	a->nvips = 1;
	inet_pton(AF_INET, vip, &a->vips[0]);
}

/* Run a plan's sysctl and state steps: the only ones without a kernel. */
static void apply(struct tree *t, const struct tun_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n; i++) {
		const struct tun_act *act = &plan->act[i];

		if (act->kind == TUN_ACT_SYSCTL)
			assert_int_equal(tun_sysctl_write(t->sys, act->key,
							  act->val),
					 0);
		else if (act->kind == TUN_ACT_STATE_SAVE)
			assert_int_equal(tun_state_save(plan->state_path,
							&plan->state),
					 0);
		else if (act->kind == TUN_ACT_STATE_DROP)
			assert_int_equal(unlink(plan->state_path), 0);
	}
}

static size_t count(const struct tun_plan *plan, enum tun_act_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < plan->n; i++)
		n += plan->act[i].kind == kind;
	return n;
}

static void test_plan_realserver(void **state)
{
	struct tree *t = *state;
	struct tun_link l = { .exists = true, .is_ipip = true, .ifindex = 3 };
	struct tun_plan *plan = calloc(1, sizeof(*plan));
	struct tun_args a;

	assert_non_null(plan);
	args_for(&a, TUN_CMD_REALSERVER, "192.168.1.100");
	assert_int_equal(tun_plan_setup(&a, &t->p, &l, plan), 0);
	/* State first, then the six sysctls, the address, the link. */
	assert_int_equal(plan->act[0].kind, TUN_ACT_STATE_SAVE);
	assert_int_equal(count(plan, TUN_ACT_SYSCTL), 6);
	assert_int_equal(plan->act[7].kind, TUN_ACT_ADDR_ADD);
	assert_int_equal(plan->act[7].addr.prefix, 32);
	assert_int_equal(plan->act[8].kind, TUN_ACT_LINK_UP);
	assert_int_equal(plan->n, 9);
	apply(t, plan);
	assert_int_equal(get(t, "net.ipv4.conf.all.arp_ignore"), 1);
	assert_int_equal(get(t, "net.ipv4.conf.tunl0.arp_announce"), 2);
	assert_int_equal(get(t, "net.ipv4.conf.tunl0.rp_filter"), 0);
	assert_int_equal(get(t, "net.ipv4.ip_forward"), 0);

	/* Second run, with what the kernel would now show: nothing to do. */
	l.up = true;
	l.naddrs = 1;
	l.addrs = &(struct tun_addr){ a.vips[0], 32 };
	assert_int_equal(tun_plan_setup(&a, &t->p, &l, plan), 0);
	assert_int_equal(plan->n, 0);
	free(plan);
}

static void test_plan_wrong_prefix(void **state)
{
	struct tree *t = *state;
	struct tun_addr have = { .prefix = 24 };
	struct tun_link l = { .exists = true, .is_ipip = true, .up = true };
	struct tun_plan *plan = calloc(1, sizeof(*plan));
	struct tun_args a;

	assert_non_null(plan);
	args_for(&a, TUN_CMD_DIRECTOR, "192.168.1.100");
	have.addr = a.vips[0];
	l.naddrs = 1;
	l.addrs = &have;
	assert_int_equal(tun_plan_setup(&a, &t->p, &l, plan), 0);
	assert_int_equal(plan->n, 4);
	assert_int_equal(plan->act[0].kind, TUN_ACT_STATE_SAVE);
	assert_int_equal(plan->act[1].kind, TUN_ACT_SYSCTL);
	assert_string_equal(plan->act[1].key, "net.ipv4.ip_forward");
	assert_int_equal(plan->act[2].kind, TUN_ACT_ADDR_DEL);
	assert_int_equal(plan->act[2].addr.prefix, 24);
	assert_int_equal(plan->act[3].kind, TUN_ACT_ADDR_ADD);
	free(plan);
}

static void test_plan_missing_device(void **state)
{
	struct tree *t = *state;
	struct tun_link l = { 0 };
	struct tun_plan *plan = calloc(1, sizeof(*plan));
	struct tun_args a;

	assert_non_null(plan);
	args_for(&a, TUN_CMD_DIRECTOR, "10.9.9.9");
	assert_int_equal(tun_plan_setup(&a, &t->p, &l, plan), 0);
	assert_int_equal(plan->act[0].kind, TUN_ACT_MODPROBE);
	snprintf(a.dev, sizeof(a.dev), "tun7");
	assert_int_equal(tun_plan_setup(&a, &t->p, &l, plan), 0);
	assert_int_equal(plan->act[0].kind, TUN_ACT_LINK_ADD);
	free(plan);
}

/* Set up, change one value by hand, set up again, tear down: originals. */
static void test_down_restores(void **state)
{
	struct tree *t = *state;
	struct tun_addr vip = { .prefix = 32 };
	struct tun_link l = { .exists = true, .is_ipip = true, .up = true };
	struct tun_plan *plan = calloc(1, sizeof(*plan));
	struct tun_args a;

	assert_non_null(plan);
	args_for(&a, TUN_CMD_REALSERVER, "192.168.1.100");
	assert_int_equal(tun_plan_setup(&a, &t->p, &l, plan), 0);
	apply(t, plan);
	assert_int_equal(access(plan->state_path, F_OK), 0);
	put(t, "net/ipv4/conf/all/arp_ignore", 0);
	assert_int_equal(tun_plan_setup(&a, &t->p, &l, plan), 0);
	assert_int_equal(count(plan, TUN_ACT_STATE_SAVE), 0);
	assert_int_equal(count(plan, TUN_ACT_SYSCTL), 1);
	apply(t, plan);

	/* Another address still on the device: sysctls stay. */
	vip.addr = a.vips[0];
	l.addrs = (struct tun_addr[]){ vip, { { inet_addr("10.7.7.7") }, 32 } };
	l.naddrs = 2;
	a.cmd = TUN_CMD_DOWN;
	assert_int_equal(tun_plan_down(&a, &t->p, &l, plan), 0);
	assert_int_equal(plan->n, 1);
	assert_int_equal(plan->act[0].kind, TUN_ACT_ADDR_DEL);

	l.naddrs = 1;
	assert_int_equal(tun_plan_down(&a, &t->p, &l, plan), 0);
	assert_int_equal(plan->act[0].kind, TUN_ACT_ADDR_DEL);
	assert_int_equal(count(plan, TUN_ACT_SYSCTL), 6);
	assert_int_equal(plan->act[plan->n - 1].kind, TUN_ACT_STATE_DROP);
	apply(t, plan);
	assert_int_equal(get(t, "net.ipv4.conf.all.rp_filter"), 1);
	assert_int_equal(get(t, "net.ipv4.conf.tunl0.rp_filter"), 2);
	assert_int_equal(get(t, "net.ipv4.conf.all.arp_ignore"), 0);
	assert_int_equal(get(t, "net.ipv4.conf.tunl0.arp_announce"), 0);

	/* Down again: nothing left to do. */
	l.naddrs = 0;
	assert_int_equal(tun_plan_down(&a, &t->p, &l, plan), 0);
	assert_int_equal(plan->n, 0);
	free(plan);
}

static void test_dry_run_text(void **state)
{
	struct tree *t = *state;
	struct tun_link l = { .exists = true, .is_ipip = true };
	struct tun_plan *plan = calloc(1, sizeof(*plan));
	struct tun_args a;
	char *buf = NULL, want[TUN_PATH_LEN + 256];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(plan);
	assert_non_null(f);
	args_for(&a, TUN_CMD_DIRECTOR, "192.168.1.100");
	assert_int_equal(tun_plan_setup(&a, &t->p, &l, plan), 0);
	tun_plan_print(f, plan, a.dev);
	fclose(f);
	snprintf(want, sizeof(want),
		 "# remember the current sysctl values in %s\n"
		 "sysctl -w net.ipv4.ip_forward=1\n"
		 "ip addr add 192.168.1.100/32 dev tunl0\n"
		 "ip link set tunl0 up\n",
		 plan->state_path);
	assert_string_equal(buf, want);
	/* A dry run wrote nothing. */
	assert_int_not_equal(access(plan->state_path, F_OK), 0);
	assert_int_equal(get(t, "net.ipv4.ip_forward"), 0);
	free(buf);
	free(plan);
}

static const struct tun_check *find(const struct tun_report *r,
				    const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->c[i].name, name))
			return &r->c[i];
	fail_msg("no check %s", name);
	return NULL;
}

static void test_check_realserver(void **state)
{
	struct tree *t = *state;
	struct tun_addr vip = { .prefix = 32 };
	struct tun_link l = { .exists = true,
			      .is_ipip = true,
			      .up = true,
			      .module = true,
			      .mtu = 1480,
			      .path_mtu = 1500 };
	struct tun_report *r = calloc(1, sizeof(*r));
	const struct tun_check *c;
	struct tun_args a;

	assert_non_null(r);
	args_for(&a, TUN_CMD_CHECK, "192.168.1.100");
	vip.addr = a.vips[0];
	l.addrs = &vip;
	l.naddrs = 1;
	put(t, "net/ipv4/conf/all/arp_ignore", 1);
	put(t, "net/ipv4/conf/all/arp_announce", 2);
	put(t, "net/ipv4/conf/tunl0/arp_announce", 2);
	put(t, "net/ipv4/conf/all/rp_filter", 0);
	tun_check_run(&a, &t->p, &l, r);
	assert_int_equal(r->role, TUN_ROLE_REALSERVER);
	assert_true(r->role_inferred);
	assert_false(tun_report_ok(r));
	c = find(r, "sysctl:net.ipv4.conf.tunl0.arp_ignore");
	assert_int_equal(c->status, TUN_FAIL);
	assert_string_equal(c->detail,
			    "net.ipv4.conf.tunl0.arp_ignore is 0, want 1");
	assert_string_equal(c->fix,
			    "sysctl -w net.ipv4.conf.tunl0.arp_ignore=1");
	/* all=0 but the device says 2: the kernel filters with 2. */
	c = find(r, "effective-rp_filter");
	assert_int_equal(c->status, TUN_FAIL);
	assert_string_equal(c->fix,
			    "sysctl -w net.ipv4.conf.tunl0.rp_filter=0");
	assert_int_equal(find(r, "vip:192.168.1.100")->status, TUN_OK);
	assert_int_equal(find(r, "mtu")->status, TUN_OK);

	put(t, "net/ipv4/conf/tunl0/arp_ignore", 1);
	put(t, "net/ipv4/conf/tunl0/rp_filter", 0);
	tun_check_run(&a, &t->p, &l, r);
	assert_true(tun_report_ok(r));
	free(r);
}

static void test_check_director(void **state)
{
	struct tree *t = *state;
	struct tun_link l = { .exists = true,
			      .is_ipip = true,
			      .module = true,
			      .mtu = 1500,
			      .path_mtu = 1500 };
	struct tun_report *r = calloc(1, sizeof(*r));
	const struct tun_check *c;
	struct tun_args a;

	assert_non_null(r);
	args_for(&a, TUN_CMD_CHECK, "192.168.1.100");
	put(t, "net/ipv4/ip_forward", 1);
	tun_check_run(&a, &t->p, &l, r);
	assert_int_equal(r->role, TUN_ROLE_DIRECTOR);
	c = find(r, "link-up");
	assert_string_equal(c->fix, "ip link set tunl0 up");
	c = find(r, "vip:192.168.1.100");
	assert_string_equal(c->fix, "ip addr add 192.168.1.100/32 dev tunl0");
	c = find(r, "mtu");
	assert_int_equal(c->status, TUN_WARN);
	assert_string_equal(c->fix, "ip link set tunl0 mtu 1480");
	assert_int_equal(find(r, "sysctl:net.ipv4.ip_forward")->status, TUN_OK);

	/* An explicit role wins over the inferred one. */
	a.role = TUN_ROLE_REALSERVER;
	tun_check_run(&a, &t->p, &l, r);
	assert_int_equal(r->role, TUN_ROLE_REALSERVER);
	assert_false(r->role_inferred);
	free(r);
}

static void test_check_json(void **state)
{
	struct tree *t = *state;
	struct tun_link l = { 0 };
	struct tun_report *r = calloc(1, sizeof(*r));
	struct tun_args a;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(r);
	assert_non_null(f);
	args_for(&a, TUN_CMD_CHECK, "10.0.0.1");
	a.nvips = 0;
	a.role = TUN_ROLE_DIRECTOR;
	tun_check_run(&a, &t->p, &l, r);
	tun_report_print(f, r, "tunl0", true);
	fclose(f);
	assert_string_equal(
		buf,
		"{\"device\":\"tunl0\",\"role\":\"director\",\"role_inferred\":false,\"ok\":false,\"checks\":["
		"{\"name\":\"module\",\"status\":\"fail\",\"detail\":\"ipip module not loaded\",\"fix\":\"modprobe ipip\"},"
		"{\"name\":\"device\",\"status\":\"fail\",\"detail\":\"tunl0 is missing\",\"fix\":\"modprobe ipip\"},"
		"{\"name\":\"link-up\",\"status\":\"fail\",\"detail\":\"tunl0 is not up\",\"fix\":\"ip link set tunl0 up\"},"
		"{\"name\":\"sysctl:net.ipv4.ip_forward\",\"status\":\"fail\",\"detail\":\"net.ipv4.ip_forward is 0, want 1\",\"fix\":\"sysctl -w net.ipv4.ip_forward=1\"}]}\n");
	free(buf);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_fields),
		cmocka_unit_test(test_too_many_vips),
		cmocka_unit_test(test_sysctl_key),
		cmocka_unit_test_setup_teardown(test_sysctl_rw, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_state_roundtrip,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_state_corrupt, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_plan_realserver,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_plan_wrong_prefix,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_plan_missing_device,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_down_restores, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_text, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_check_realserver,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_check_director, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_check_json, tree_setup,
						tree_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
