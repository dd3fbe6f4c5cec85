// SPDX-License-Identifier: GPL-2.0-or-later
/* plan.c: the changes set-up and down need, printed (--dry-run) or applied. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tunctl/tun_int.h"

static struct tun_act *plan_add(struct tun_plan *plan, enum tun_act_kind kind)
{
	struct tun_act *act;

	if (plan->n == TUN_MAX_ACTS)
		return NULL;
	act = &plan->act[plan->n++];
	memset(act, 0, sizeof(*act));
	act->kind = kind;
	return act;
}

static int plan_sysctl(struct tun_plan *plan, const char *key, int val)
{
	struct tun_act *act = plan_add(plan, TUN_ACT_SYSCTL);

	if (!act)
		return -ENOSPC;
	snprintf(act->key, sizeof(act->key), "%s", key);
	act->val = val;
	return 0;
}

static int plan_addr(struct tun_plan *plan, enum tun_act_kind kind,
		     struct in_addr a, int prefix)
{
	struct tun_act *act = plan_add(plan, kind);

	if (!act)
		return -ENOSPC;
	act->addr.addr = a;
	act->addr.prefix = prefix;
	return 0;
}

static int plan_device(const struct tun_args *a, const struct tun_link *l,
		       struct tun_plan *plan)
{
	bool fallback = !strcmp(a->dev, TUN_DEFAULT_DEV);

	if (l->exists)
		return 0;
	return plan_add(plan, fallback ? TUN_ACT_MODPROBE : TUN_ACT_LINK_ADD) ?
		       0 :
		       -ENOSPC;
}

/*
 * Sysctls come before the addresses: a real server must not answer ARP
 * for a VIP even for a moment.  The first value seen is kept in the state.
 */
static int plan_sysctls(const struct tun_args *a, const struct tun_paths *p,
			struct tun_plan *plan, enum tun_role role)
{
	char key[TUN_KEY_LEN];
	size_t i, first = plan->n, saved = plan->state.n;
	bool known;
	int cur, r;

	for (i = 0; i < tun_nsysctls; i++) {
		if (!(tun_sysctls[i].roles & role))
			continue;
		r = tun_sysctl_key(key, sizeof(key), tun_sysctls[i].key,
				   a->dev);
		if (r)
			return r;
		known = !tun_sysctl_read(p->sysctl_root, key, &cur);
		if (known && cur == tun_sysctls[i].want)
			continue;
		r = plan_sysctl(plan, key, tun_sysctls[i].want);
		if (!r && known)
			r = tun_state_add(&plan->state, key, cur);
		if (r)
			return r;
	}
	if (plan->state.n == saved)
		return 0;
	if (plan->n == TUN_MAX_ACTS)
		return -ENOSPC;
	/* The state goes to disk before the first sysctl changes. */
	memmove(&plan->act[first + 1], &plan->act[first],
		(plan->n - first) * sizeof(plan->act[0]));
	plan->n++;
	memset(&plan->act[first], 0, sizeof(plan->act[0]));
	plan->act[first].kind = TUN_ACT_STATE_SAVE;
	return 0;
}

static int plan_vips_add(const struct tun_args *a, const struct tun_link *l,
			 struct tun_plan *plan)
{
	const struct tun_addr *have;
	size_t i;
	int r = 0;

	for (i = 0; i < a->nvips && !r; i++) {
		have = tun_link_find_addr(l, a->vips[i]);
		if (have && have->prefix == 32)
			continue;
		if (have)
			r = plan_addr(plan, TUN_ACT_ADDR_DEL, have->addr,
				      have->prefix);
		if (!r)
			r = plan_addr(plan, TUN_ACT_ADDR_ADD, a->vips[i], 32);
	}
	return r;
}

static int plan_start(const struct tun_args *a, const struct tun_paths *p,
		      struct tun_plan *plan)
{
	int r;

	memset(plan, 0, sizeof(*plan));
	r = tun_state_path(plan->state_path, sizeof(plan->state_path),
			   p->state_dir, a->dev);
	if (!r)
		r = tun_state_load(plan->state_path, &plan->state);
	return r;
}

/*
 * tun_plan_setup - what `director` or `realserver` still has to do, given
 * the device as observed in @l.  An empty plan means all is in place.
 */
int tun_plan_setup(const struct tun_args *a, const struct tun_paths *p,
		   const struct tun_link *l, struct tun_plan *plan)
{
	enum tun_role role = a->cmd == TUN_CMD_DIRECTOR ? TUN_ROLE_DIRECTOR :
							  TUN_ROLE_REALSERVER;
	int r = plan_start(a, p, plan);

	if (!r)
		r = plan_device(a, l, plan);
	if (!r)
		r = plan_sysctls(a, p, plan, role);
	if (!r)
		r = plan_vips_add(a, l, plan);
	if (!r && !l->up && !plan_add(plan, TUN_ACT_LINK_UP))
		r = -ENOSPC;
	return r;
}

static bool is_vip(const struct tun_args *a, struct in_addr addr)
{
	size_t i;

	for (i = 0; i < a->nvips; i++)
		if (a->vips[i].s_addr == addr.s_addr)
			return true;
	return false;
}

/* Put back what the state file remembers, then forget it. */
static int plan_restore(const struct tun_paths *p, struct tun_plan *plan)
{
	const struct tun_state_ent *e;
	size_t i;
	int cur, r;

	if (access(plan->state_path, F_OK))
		return 0;
	for (i = 0; i < plan->state.n; i++) {
		e = &plan->state.ent[i];
		r = tun_sysctl_read(p->sysctl_root, e->key, &cur);
		/* A device that is gone took its settings with it. */
		if (r == -ENOENT || (!r && cur == e->val))
			continue;
		r = plan_sysctl(plan, e->key, e->val);
		if (r)
			return r;
	}
	return plan_add(plan, TUN_ACT_STATE_DROP) ? 0 : -ENOSPC;
}

int tun_plan_down(const struct tun_args *a, const struct tun_paths *p,
		  const struct tun_link *l, struct tun_plan *plan)
{
	size_t i, left = 0;
	int r = plan_start(a, p, plan);

	for (i = 0; i < l->naddrs && !r; i++) {
		if (is_vip(a, l->addrs[i].addr))
			r = plan_addr(plan, TUN_ACT_ADDR_DEL, l->addrs[i].addr,
				      l->addrs[i].prefix);
		else
			left++;
	}
	if (!r && !left)
		r = plan_restore(p, plan);
	return r;
}

static void print_act(FILE *f, const struct tun_act *act,
		      const struct tun_plan *plan, const char *dev)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &act->addr.addr, ip, sizeof(ip));
	switch (act->kind) {
	case TUN_ACT_MODPROBE:
		fprintf(f, "modprobe ipip\n");
		break;
	case TUN_ACT_LINK_ADD:
		fprintf(f, "ip link add %s type ipip\n", dev);
		break;
	case TUN_ACT_STATE_SAVE:
		fprintf(f, "# remember the current sysctl values in %s\n",
			plan->state_path);
		break;
	case TUN_ACT_SYSCTL:
		fprintf(f, "sysctl -w %s=%d\n", act->key, act->val);
		break;
	case TUN_ACT_ADDR_DEL:
		fprintf(f, "ip addr del %s/%d dev %s\n", ip, act->addr.prefix,
			dev);
		break;
	case TUN_ACT_ADDR_ADD:
		fprintf(f, "ip addr add %s/%d dev %s\n", ip, act->addr.prefix,
			dev);
		break;
	case TUN_ACT_LINK_UP:
		fprintf(f, "ip link set %s up\n", dev);
		break;
	case TUN_ACT_STATE_DROP:
		fprintf(f, "rm -f %s\n", plan->state_path);
		break;
	}
}

void tun_plan_print(FILE *f, const struct tun_plan *plan, const char *dev)
{
	size_t i;

	if (!plan->n)
		fprintf(f, "# nothing to do\n");
	for (i = 0; i < plan->n; i++)
		print_act(f, &plan->act[i], plan, dev);
}

static int run_act(struct nl_sock *sk, const struct tun_act *act,
		   const struct tun_plan *plan, const struct tun_paths *p,
		   int ifindex)
{
	switch (act->kind) {
	case TUN_ACT_MODPROBE:
	case TUN_ACT_LINK_ADD:
		return 0; /* done before planning: ifindex is needed */
	case TUN_ACT_STATE_SAVE:
		return tun_state_save(plan->state_path, &plan->state);
	case TUN_ACT_SYSCTL:
		return tun_sysctl_write(p->sysctl_root, act->key, act->val);
	case TUN_ACT_ADDR_DEL:
		return tun_addr_change(sk, ifindex, &act->addr, false);
	case TUN_ACT_ADDR_ADD:
		return tun_addr_change(sk, ifindex, &act->addr, true);
	case TUN_ACT_LINK_UP:
		return tun_link_set_up(sk, ifindex);
	case TUN_ACT_STATE_DROP:
		return unlink(plan->state_path) && errno != ENOENT ? -errno : 0;
	}
	return -EINVAL;
}

/*
 * tun_plan_run - apply @plan in order; on the first failure say which
 * step failed and what is done already, so the operator can rerun.
 */
int tun_plan_run(struct nl_sock *sk, const struct tun_plan *plan,
		 const struct tun_paths *p, const char *dev, int ifindex)
{
	size_t i;
	int r;

	for (i = 0; i < plan->n; i++) {
		r = run_act(sk, &plan->act[i], plan, p, ifindex);
		if (!r)
			continue;
		fprintf(stderr, "ipvsadm tun: failed: ");
		print_act(stderr, &plan->act[i], plan, dev);
		fprintf(stderr,
			"ipvsadm tun: %s (%zu of %zu steps done; the command can be run again)\n",
			strerror(-r), i, plan->n);
		return r;
	}
	return 0;
}
