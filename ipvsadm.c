// SPDX-License-Identifier: GPL-2.0-or-later
/* ipvsadm.c: main(): open libipvs, parse the command line, run it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tunctl/tunctl.h"

/*
 * 1.31 opens IPVS before it reads its options, so a kernel without IPVS
 * (or a user without CAP_NET_ADMIN) gets the start-up error whatever the
 * arguments.  We keep that, except that -h and -v need no kernel.
 */
static bool needs_kernel(const struct cli_args *a)
{
	return a->cmd != CMD_HELP && a->cmd != CMD_VERSION;
}

static int init_or_fail(void)
{
	int r = ipvs_init();

	if (r) {
		cli_print_init_error(stderr, r);
		return EXIT_BAD_ARGS;
	}
	return 0;
}

/* IPVSADM_NL_STATS=1: what this run cost in netlink, for tests and
 * benchmarks. */
static void print_nl_stats(void)
{
	struct ipvs_nl_counters c;

	if (!getenv("IPVSADM_NL_STATS"))
		return;
	ipvs_nl_get_counters(&c);
	fprintf(stderr,
		"netlink: sockets %lu, dump sockets %lu, family lookups %lu, sendmsg %lu, recvmsg %lu, writes %lu\n",
		c.sockets, c.dump_sockets, c.family_lookups, c.sendmsg,
		c.recvmsg, c.writes);
}

int main(int argc, char **argv)
{
	char *list_argv[] = { argv[0], "-L", NULL };
	struct cli_args a;
	struct cli_err e;
	int r;

	/* Saves and listings of 100,000 services go to files and pipes:
	 * 64 KiB writes instead of stdio's 4 KiB (a terminal keeps lines). */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	r = cli_netns(&argc, argv);
	if (r)
		return r;
	/* A word no 1.31 command line can start with: our subcommand. */
	if (argc > 1 && !strcmp(argv[1], "tun"))
		return tun_main(argc - 1, argv + 1);
	/* No arguments at all lists the table with names, as 1.31. */
	if (argc == 1) {
		argc = 2;
		argv = list_argv;
	}
	r = cli_parse(argc, argv, false, &a, &e);
	if (r || needs_kernel(&a)) {
		int ri = init_or_fail();

		if (ri)
			return ri;
	}
	if (r) {
		fputs(e.msg, stderr);
		return r;
	}
	r = cli_run(&a);
	ipvs_close();
	print_nl_stats();
	return r;
}
