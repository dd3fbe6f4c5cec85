// SPDX-License-Identifier: GPL-2.0-or-later
/* test_cmdline.c: the command-line parser against a table of argv lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* { exit code, expected stderr text ("" when none), the arguments }. */
static const struct cmdline_case {
	int code;
	const char *msg;
	const char *args;
} cases[] = {
	{ 0, "", "-A -t 10.0.0.1:80 -s rr" },
	{ 0, "", "-At 10.0.0.1:80 -srr" },
	{ 0, "", "-A -u [2001:db8::1]:53" },
	{ 0, "", "-A -f 5 -6 -s sh -b sh-fallback,sh-port" },
	{ 0, "", "-a -t 10.0.0.1:80 -r 10.0.0.2 -i -w 5" },
	{ 0, "",
	  "-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-csum" },
	{ 0, "", "-Ln" },
	{ 0, "", "-LnX --stats" },
	{ 0, "", "-L -c --persistent-conn" },
	{ 0, "", "--set 100 20 30" },
	{ 0, "", "--start-daemon master --mcast-interface v0 --syncid 5" },
	{ 0, "", "-Sn" },
	{ 0, "", "-Z" },
	{ 0, "", "-h" },
	{ 0, "", "-v -L" },
	{ 255, "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n",
	  "-n -L" },
	{ 255, "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n",
	  "-t 1.2.3.4:80 -A" },
	{ 2, "invalid option `-D'\n", "-A -D" },
	{ 2, "invalid option `-h'\n", "-L -h" },
	{ 2, "multiple 'service-address' options specified\n",
	  "-A -t 1.2.3.4:80 -u 1.2.3.4:80" },
	{ 2, "illegal virtual server address[:port] specified\n",
	  "-A -t 1.2.3.4:99999" },
	{ 2, "illegal virtual server address[:port] specified\n",
	  "-A -t 1.2.3.4:nosuchport" },
	{ 2, "invalid fwmark value `0' specified\n", "-A -f 0" },
	{ 2, "-6 used before -f\n\n", "-A -6 -f 1" },
	{ 2, "invalid timeout value `0' specified\n", "-A -t 1.2.3.4:80 -p 0" },
	{ 2, "illegal weight specified\n",
	  "-a -t 1.2.3.4:80 -r 1.2.3.5 -w -1" },
	{ 2, "Zero port specified for non-persistent service\n",
	  "-A -t 1.2.3.4" },
	{ 2, "One-Packet Scheduling is only for UDP virtual services\n",
	  "-A -t 1.2.3.4:80 -o" },
	{ 2, "incompatible scheduler flag `sh-port'\n",
	  "-A -t 1.2.3.4:80 -s rr -b sh-port" },
	{ 2, "invalid scheduler flag `bogus'\n", "-A -t 1.2.3.4:80 -b bogus" },
	{ 2,
	  "You need to supply the 'real-server' option for the 'add-server' command\n",
	  "-a -t 1.2.3.4:80" },
	{ 2, "Illegal 'scheduler' option with the 'delete-service' command\n",
	  "-D -t 1.2.3.4:80 -s rr" },
	{ 2,
	  "The option 'timeout' conflicts with the 'connection' option in the 'list' command\n",
	  "-L -c --timeout" },
	{ 2, "options conflicts in the list command\n", "-L -c --stats" },
	{ 2, "Tunnel options conflict with forward method\n",
	  "-a -t 1.2.3.4:80 -r 1.2.3.5 -m --tun-type gre" },
	{ 2,
	  "You need to supply the 'tun-port' option for the 'gue' tunnel type\n",
	  "-a -t 1.2.3.4:80 -r 1.2.3.5 -i --tun-type gue" },
	{ 2, "Illegal 'tun-remcsum' option with the 'gre' tunnel type\n",
	  "-a -t 1.2.3.4:80 -r 1.2.3.5 -i --tun-type gre --tun-remcsum" },
	{ 2, "Different address family is allowed only for tunneling servers\n",
	  "-a -t 1.2.3.4:80 -r [::1]:80 -m" },
	{ 2, "--set option requires 3 timeout values\n", "--set 1 2" },
	{ 2, "unexpected argument foo\n", "-C foo" },
	{ 2, "illegal start-daemon parameter specified\n",
	  "--start-daemon bogus" },
	{ 2, "illegal start_daemon specified\n", "--stop-daemon bogus" },
	{ 2, "invalid IPv4 mcast-group `10.0.0.1'\n",
	  "--start-daemon master --mcast-group 10.0.0.1" },
	{ 255, "--bogus: unknown option\n", "-L --bogus" },
	{ 2, "Illegal 'json' option with the 'save' command\n", "-S --json" },
	{ 2, "Illegal 'test' option with the 'list' command\n", "-L --test" },
	{ 2, "Illegal 'best-effort' option with the 'apply' command\n",
	  "--apply f --best-effort" },
	{ 0, "", "-Ln -j" },
	{ 0, "", "-R --best-effort" },
	{ 255, "-t: missing argument\n", "-A -t" },
};

/* Split on spaces into an argv that starts with "ipvsadm". */
static int split(const char *args, char *buf, size_t len, char **argv)
{
	int argc = 1;
	char *tok, *save = NULL;

	snprintf(buf, len, "%s", args);
	argv[0] = "ipvsadm";
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return argc;
}

static void test_table(void **state)
{
	char buf[512], *argv[64];
	struct cli_args a;
	struct cli_err e;
	size_t i;
	int argc, r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		argc = split(cases[i].args, buf, sizeof(buf), argv);
		r = cli_parse(argc, argv, false, &a, &e);
		if (r != cases[i].code || strcmp(e.msg, cases[i].msg))
			fail_msg("'%s': exit %d '%s', expected %d '%s'",
				 cases[i].args, r, e.msg, cases[i].code,
				 cases[i].msg);
	}
}

static void parse_ok(const char *args, struct cli_args *a)
{
	char buf[512], *argv[64];
	struct cli_err e;
	int argc = split(args, buf, sizeof(buf), argv);

	assert_int_equal(cli_parse(argc, argv, false, a, &e), 0);
}

static void test_service_fields(void **state)
{
	struct cli_args a;

	parse_ok("-A -t 192.168.1.100:80 -s rr -p -M 255.255.0.0", &a);
	assert_int_equal(a.cmd, CMD_ADD);
	assert_int_equal(a.svc.af, AF_INET);
	assert_int_equal(a.svc.protocol, IPPROTO_TCP);
	assert_int_equal(a.svc.addr.in.s_addr, inet_addr("192.168.1.100"));
	assert_int_equal(a.svc.port, 80);
	assert_string_equal(a.svc.sched_name, "rr");
	assert_int_equal(a.svc.flags, IPVS_SVC_F_PERSISTENT);
	assert_int_equal(a.svc.timeout, 360);
	assert_int_equal(a.svc.netmask, inet_addr("255.255.0.0"));

	parse_ok("-E -u [2001:db8::1]:53", &a);
	assert_int_equal(a.svc.af, AF_INET6);
	assert_int_equal(a.svc.protocol, IPPROTO_UDP);
	assert_int_equal(a.svc.port, 53);
	assert_int_equal(a.svc.netmask, 128);
	assert_string_equal(a.svc.sched_name, "wlc");

	/* A bare IPv6 literal is all address, port 0. */
	parse_ok("-D -t 2001:db8::1:80", &a);
	assert_int_equal(a.svc.af, AF_INET6);
	assert_int_equal(a.svc.port, 0);

	parse_ok("-A -t 10.0.0.1:80 -s averyveryverylongschedulername", &a);
	assert_string_equal(a.svc.sched_name, "averyveryverylo");
}

static void test_dest_fields(void **state)
{
	struct cli_args a;

	/* Direct routing and tunnels take the service port. */
	parse_ok("-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -i -w 3", &a);
	assert_int_equal(a.dest.port, 80);
	assert_int_equal(a.dest.conn_flags, IPVS_FWD_TUNNEL);
	assert_int_equal(a.dest.weight, 3);

	parse_ok("-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m", &a);
	assert_int_equal(a.dest.port, 8080);
	assert_int_equal(a.dest.conn_flags, IPVS_FWD_MASQ);

	/* Without a port, the service port as it stands when -r is read. */
	parse_ok("-a -r 10.0.0.2 -t 10.0.0.1:80 -m", &a);
	assert_int_equal(a.dest.port, 0);

	parse_ok("-e -t 10.0.0.1:80 -r 10.0.0.2", &a);
	assert_int_equal(a.dest.conn_flags, IPVS_FWD_ROUTE);
	assert_int_equal(a.dest.weight, 1);

	parse_ok(
		"-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-remcsum",
		&a);
	assert_int_equal(a.dest.tun_type, IPVS_TUN_GUE);
	assert_int_equal(a.dest.tun_port, 6080);
	assert_int_equal(a.dest.tun_flags, IPVS_TUN_F_REMCSUM);
}

static void test_views(void **state)
{
	struct cli_args a;

	parse_ok("-L --rate --stats --thresholds", &a);
	assert_int_equal(a.list.view, VIEW_STATS);
	parse_ok("-L --tun-info --persistent-conn", &a);
	assert_int_equal(a.list.view, VIEW_PERSISTENT_CONN);
	parse_ok("-Ln --exact --nosort", &a);
	assert_true(a.list.numeric && a.list.exact && a.list.nosort);

	parse_ok("--set 100 20 30", &a);
	assert_int_equal(a.timeout.tcp, 100);
	assert_int_equal(a.timeout.tcp_fin, 20);
	assert_int_equal(a.timeout.udp, 30);
}

/* -R's fast path must read every line exactly as popt does. */
static const char *const fast_lines[] = {
	"-A -t 10.0.0.1:80 -s rr",
	"-A -t 10.0.0.1:80 -s rr -p 300 -M 255.255.0.0",
	"-A -t 10.0.0.1:80 -s wlc -p",
	"-A -u 10.0.0.1:53 -s wlc -o",
	"-A -f 5 -6 -s sh -b sh-fallback,sh-port",
	"-A --sctp-service 10.0.0.5:3868 -s mh -b mh-port",
	"-A -u 10.0.0.2:5060 -s rr -p 60 --pe sip",
	"-A -t [2001:db8::1]:443 -s rr -M 64",
	"-E -t 10.0.0.1:80 -s sh -b flag-3",
	"-D -t 10.0.0.1:80",
	"-a -t 10.0.0.1:80 -r 10.1.1.1:80 -m -w 3",
	"-a -t 10.0.0.1:80 -r 10.1.1.1 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum",
	"-a -t 10.0.0.1:80 -r 10.1.1.1 -i --tun-type gre --tun-remcsum",
	"-a -f 5 -r 2001:db8::9 -m -w 9 -x 10 -y 2",
	"-e -t 10.0.0.1:80 -r 10.1.1.1 -g",
	"-d -t 10.0.0.1:80 -r 10.1.1.1",
	"-a -r 10.1.1.1:http -t 10.0.0.1:80 -m",
	"-a -t 10.0.0.1:80 -r 10.1.1.1 -w -1",
	"-a -t 10.0.0.1:80 -r 10.1.1.1 -w",
	"-A -t -s rr",
	"-A -t 10.0.0.1:80 -t 10.0.0.2:80",
	"-A -t 10.0.0.1:80 -s rr extra",
	"-A -t 10.0.0.1",
	"-A -t 10.0.0.1:80 -o",
	"-A -6 -f 1",
	"-A -t 10.0.0.1:80 -b sh-port",
	"-a -t 10.0.0.1:80",
	"-D -t 10.0.0.1:80 -s rr",
	"-a -t 10.0.0.1:80 -r 10.1.1.1 -m --tun-type gre",
	"-a -t 10.0.0.1:80 -r 10.1.1.1 -i --tun-type gue",
	"-a -t 10.0.0.1:80 -r [::1]:80 -m",
	"-Ln",
	"-C",
	"--set 1 2 3",
	"-A -t10.0.0.1:80",
	"-At 10.0.0.1:80 -srr",
	"-A --tcp-service 10.0.0.1:80",
	"-A -t 10.0.0.1:80 --scheduler=rr",
};

static void test_fast_path_equals_popt(void **state)
{
	char buf[512], *argv[64];
	struct cli_args fast, slow;
	struct cli_err ef, es;
	size_t i;
	int argc, rf, rs;

	for (i = 0; i < sizeof(fast_lines) / sizeof(fast_lines[0]); i++) {
		argc = split(fast_lines[i], buf, sizeof(buf), argv);
		rf = cli_parse(argc, argv, true, &fast, &ef);
		argc = split(fast_lines[i], buf, sizeof(buf), argv);
		rs = cli_parse(argc, argv, false, &slow, &es);
		if (rf != rs || strcmp(ef.msg, es.msg))
			fail_msg("'%s': fast %d '%s', popt %d '%s'",
				 fast_lines[i], rf, ef.msg, rs, es.msg);
		if (rf)
			continue;
		assert_int_equal(fast.cmd, slow.cmd);
		assert_true(fast.options == slow.options);
		assert_memory_equal(&fast.svc, &slow.svc, sizeof(fast.svc));
		assert_memory_equal(&fast.dest, &slow.dest, sizeof(fast.dest));
	}
}

/*
 * Every IPv4 spelling means what inet_aton() says (the decimal fast path
 * must agree with it), and weights read as strtoll() reads them.
 */
static void test_addresses_as_inet_aton(void **state)
{
	static const char *const hosts[] = {
		"10.1.2.3",  "0.0.0.0",	   "255.255.255.255", "010.1.1.1",
		"10.01.1.1", "0x0a.1.1.1", "10.1.258",	      "10.65535",
		"167772161", "1.2.3.256",  "1.2.3.4.5",	      "1.2.3.",
		"1..2.3",    "1.2.3.0009", "1000.1.1.1",      "00.0.0.0",
	};
	static const struct {
		const char *w;
		int code;
		int weight;
	} weights[] = {
		{ "7", 0, 7 },		{ "007", 0, 7 },
		{ "+7", 0, 7 },		{ "2147483647", 0, 2147483647 },
		{ "2147483648", 2, 0 }, { "99999999999999999999", 2, 0 },
		{ "-0", 0, 0 },		{ "7x", 2, 0 },
		{ "", 2, 0 },
	};
	char args[128], buf[128], *argv[16];
	struct in_addr want;
	struct cli_args a;
	struct cli_err e;
	size_t i;
	int r, argc;

	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		snprintf(args, sizeof(args), "-A -t %s:80", hosts[i]);
		argc = split(args, buf, sizeof(buf), argv);
		r = cli_parse(argc, argv, true, &a, &e);
		if (!inet_aton(hosts[i], &want)) {
			if (r == 0)
				fail_msg("'%s' accepted", hosts[i]);
			continue;
		}
		if (r || a.svc.addr.in.s_addr != want.s_addr)
			fail_msg("'%s': exit %d, %08x, inet_aton %08x",
				 hosts[i], r, ntohl(a.svc.addr.in.s_addr),
				 ntohl(want.s_addr));
	}
	for (i = 0; i < sizeof(weights) / sizeof(weights[0]); i++) {
		argv[0] = "ipvsadm";
		argv[1] = "-a";
		argv[2] = "-t";
		argv[3] = "10.0.0.1:80";
		argv[4] = "-r";
		argv[5] = "10.1.1.1";
		argv[6] = "-w";
		argv[7] = (char *)weights[i].w;
		argv[8] = NULL;
		r = cli_parse(8, argv, true, &a, &e);
		if (r != weights[i].code ||
		    (!r && a.dest.weight != weights[i].weight))
			fail_msg("-w '%s': exit %d weight %d", weights[i].w, r,
				 a.dest.weight);
	}
}

static void test_apply_file(void **state)
{
	struct cli_args a;

	parse_ok("--apply /etc/rules", &a);
	assert_int_equal(a.cmd, CMD_APPLY);
	assert_string_equal(a.file, "/etc/rules");
	parse_ok("--plan - -n", &a);
	assert_int_equal(a.cmd, CMD_PLAN);
	assert_string_equal(a.file, "-");
}

static void test_restore_nested(void **state)
{
	char *argv[] = { "ipvsadm", "-R", NULL };
	struct cli_args a;
	struct cli_err e;

	assert_int_equal(cli_parse(2, argv, true, &a, &e), 255);
	assert_int_equal(cli_parse(2, argv, false, &a, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_service_fields),
		cmocka_unit_test(test_dest_fields),
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_fast_path_equals_popt),
		cmocka_unit_test(test_addresses_as_inet_aton),
		cmocka_unit_test(test_apply_file),
		cmocka_unit_test(test_restore_nested),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
