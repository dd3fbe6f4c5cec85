// SPDX-License-Identifier: GPL-2.0-or-later
/* tun.c: tun_main(): parse, pre-flight, observe, plan, then print or apply. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tunctl/tun_int.h"
#include "tunctl/tunctl.h"

#define CAP_NET_ADMIN_BIT 12

static const char *const cmd_name[] = {
	[TUN_CMD_DIRECTOR] = "director",
	[TUN_CMD_REALSERVER] = "realserver",
	[TUN_CMD_DOWN] = "down",
	[TUN_CMD_CHECK] = "check",
};

/* Unreadable status: let the kernel be the judge. */
static bool have_net_admin(void)
{
	unsigned long long caps = ~0ULL;
	char line[128];
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return true;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			break;
	fclose(f);
	return caps & (1ULL << CAP_NET_ADMIN_BIT);
}

static void paths_init(struct tun_paths *p)
{
	const char *dir = getenv(TUN_STATE_DIR_ENV);

	p->sysctl_root = TUN_DEFAULT_SYSCTL_ROOT;
	p->state_dir = dir && dir[0] ? dir : TUN_DEFAULT_STATE_DIR;
}

static int observe(struct nl_sock *sk, const struct tun_args *a,
		   struct tun_link *l)
{
	int r = tun_link_observe(sk, a->dev, l);

	if (r) {
		fprintf(stderr, "ipvsadm tun: cannot read device %s: %s\n",
			a->dev, strerror(-r));
		return TUN_EXIT_FAIL;
	}
	if (l->exists && !l->is_ipip) {
		fprintf(stderr,
			"ipvsadm tun: %s is not an ipip tunnel (%s); give --dev an ipip device\n",
			a->dev, l->kind[0] ? l->kind : "unknown kind");
		return TUN_EXIT_USAGE;
	}
	return 0;
}

/* The fallback tunl0 comes with the module; any other name is created. */
static int create_device(struct nl_sock *sk, const struct tun_args *a)
{
	int r;

	if (!strcmp(a->dev, TUN_DEFAULT_DEV) &&
	    !tun_link_load_module(sk, a->dev))
		return 0;
	r = tun_link_create(sk, a->dev);
	if (!r)
		return 0;
	if (r == -EEXIST && strcmp(a->dev, TUN_DEFAULT_DEV))
		fprintf(stderr,
			"ipvsadm tun: cannot create %s: this network namespace already has an ipip tunnel without endpoints (tunl0); use --dev tunl0\n",
			a->dev);
	else
		fprintf(stderr,
			"ipvsadm tun: %s is missing and cannot be created (modprobe ipip, ip link add %s type ipip): %s\n",
			a->dev, a->dev, strerror(-r));
	return TUN_EXIT_FAIL;
}

static int run_plan(struct nl_sock *sk, const struct tun_args *a,
		    const struct tun_paths *p, const struct tun_link *l)
{
	struct tun_plan *plan = calloc(1, sizeof(*plan));
	int r = plan ? 0 : -ENOMEM;

	if (!r)
		r = a->cmd == TUN_CMD_DOWN ? tun_plan_down(a, p, l, plan) :
					     tun_plan_setup(a, p, l, plan);
	if (r) {
		fprintf(stderr, "ipvsadm tun: cannot plan %s: %s\n",
			cmd_name[a->cmd], strerror(-r));
		free(plan);
		return TUN_EXIT_FAIL;
	}
	if (a->dry_run)
		tun_plan_print(stdout, plan, a->dev);
	else
		r = tun_plan_run(sk, plan, p, a->dev, l->ifindex);
	free(plan);
	return r ? TUN_EXIT_FAIL : TUN_EXIT_OK;
}

static int do_change(struct nl_sock *sk, const struct tun_args *a,
		     const struct tun_paths *p)
{
	struct tun_link l;
	int r = observe(sk, a, &l);

	if (!r && !l.exists && a->cmd != TUN_CMD_DOWN && !a->dry_run) {
		tun_link_free(&l);
		r = create_device(sk, a);
		if (!r)
			r = observe(sk, a, &l);
	}
	if (!r)
		r = run_plan(sk, a, p, &l);
	tun_link_free(&l);
	return r;
}

static int do_check(struct nl_sock *sk, const struct tun_args *a,
		    const struct tun_paths *p)
{
	struct tun_report *rep = calloc(1, sizeof(*rep));
	struct tun_link l;
	int r = tun_link_observe(sk, a->dev, &l);

	if (r || !rep) {
		fprintf(stderr, "ipvsadm tun: cannot read device %s: %s\n",
			a->dev, strerror(rep ? -r : ENOMEM));
		free(rep);
		tun_link_free(&l);
		return TUN_EXIT_FAIL;
	}
	tun_check_run(a, p, &l, rep);
	tun_report_print(stdout, rep, a->dev, a->json);
	r = tun_report_ok(rep) ? TUN_EXIT_OK : TUN_EXIT_FAIL;
	free(rep);
	tun_link_free(&l);
	return r;
}

int tun_main(int argc, char **argv)
{
	struct nl_sock *sk;
	struct tun_paths p;
	struct tun_args a;
	char err[256];
	int r = tun_parse(argc, argv, &a, err, sizeof(err));

	if (r) {
		fprintf(stderr,
			"ipvsadm tun: %s\nTry `ipvsadm tun --help' for more information.\n",
			err);
		return r;
	}
	if (a.cmd == TUN_CMD_HELP) {
		tun_usage(stdout);
		return TUN_EXIT_OK;
	}
	if (a.cmd != TUN_CMD_CHECK && !a.dry_run && !have_net_admin()) {
		fprintf(stderr,
			"ipvsadm tun %s: permission denied: needs CAP_NET_ADMIN (run as root)\n",
			cmd_name[a.cmd]);
		return TUN_EXIT_USAGE;
	}
	paths_init(&p);
	r = tun_nl_open(&sk);
	if (r) {
		fprintf(stderr, "ipvsadm tun: cannot open rtnetlink: %s\n",
			strerror(-r));
		return TUN_EXIT_FAIL;
	}
	r = a.cmd == TUN_CMD_CHECK ? do_check(sk, &a, &p) :
				     do_change(sk, &a, &p);
	tun_nl_close(sk);
	return r;
}
