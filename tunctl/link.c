// SPDX-License-Identifier: GPL-2.0-or-later
/* link.c: the tunnel device and its addresses over rtnetlink (libnl-route). */
#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tunctl/rtnl.h"

#include "tunctl/tun_int.h"

/* libnl folds errno into its own codes; callers want errno back. */
static const struct {
	int nle;
	int err;
} nle_errno[] = {
	{ NLE_PERM, EPERM },
	{ NLE_EXIST, EEXIST },
	{ NLE_NOMEM, ENOMEM },
	{ NLE_NODEV, ENODEV },
	{ NLE_OBJ_NOTFOUND, ENODEV },
	{ NLE_INVAL, EINVAL },
	{ NLE_OPNOTSUPP, EOPNOTSUPP },
	{ NLE_BUSY, EBUSY },
	{ NLE_AGAIN, EAGAIN },
	{ NLE_RANGE, ERANGE },
	{ NLE_NOADDR, EADDRNOTAVAIL },
	{ NLE_AF_NOSUPPORT, EAFNOSUPPORT },
	{ NLE_PROTO_MISMATCH, EPROTONOSUPPORT },
};

static int nl_to_errno(int nle)
{
	size_t i;

	if (nle >= 0)
		return 0;
	for (i = 0; i < sizeof(nle_errno) / sizeof(nle_errno[0]); i++)
		if (nle_errno[i].nle == -nle)
			return -nle_errno[i].err;
	return -EIO;
}

int tun_nl_open(struct nl_sock **sk)
{
	int r;

	*sk = NULL;
	r = tun_rtnl_load();
	if (r)
		return r;
	*sk = nl_socket_alloc();
	if (!*sk)
		return -ENOMEM;
	r = nl_connect(*sk, NETLINK_ROUTE);
	if (r) {
		nl_socket_free(*sk);
		*sk = NULL;
	}
	return nl_to_errno(r);
}

void tun_nl_close(struct nl_sock *sk)
{
	if (sk)
		nl_socket_free(sk);
}

void tun_link_free(struct tun_link *l)
{
	free(l->addrs);
	l->addrs = NULL;
	l->naddrs = 0;
}

static void fill_link(struct tun_link *l, struct rtnl_link *link)
{
	const char *kind = rtnl_link_get_type(link);

	l->exists = true;
	l->ifindex = rtnl_link_get_ifindex(link);
	l->up = rtnl_link_get_flags(link) & IFF_UP;
	l->mtu = rtnl_link_get_mtu(link);
	snprintf(l->kind, sizeof(l->kind), "%s", kind ? kind : "");
	l->is_ipip = (kind && !strcmp(kind, "ipip")) ||
		     rtnl_link_get_arptype(link) == ARPHRD_TUNNEL;
}

struct addr_walk {
	struct tun_link *l;
	int err;
};

static void collect_addr(struct nl_object *obj, void *arg)
{
	struct addr_walk *w = arg;
	struct rtnl_addr *a = (struct rtnl_addr *)obj;
	struct nl_addr *local = rtnl_addr_get_local(a);
	struct tun_addr *n;

	if (w->err || rtnl_addr_get_family(a) != AF_INET ||
	    rtnl_addr_get_ifindex(a) != w->l->ifindex || !local ||
	    nl_addr_get_len(local) != sizeof(struct in_addr))
		return;
	n = realloc(w->l->addrs, (w->l->naddrs + 1) * sizeof(*n));
	if (!n) {
		w->err = -ENOMEM;
		return;
	}
	w->l->addrs = n;
	n = &n[w->l->naddrs++];
	memcpy(&n->addr, nl_addr_get_binary_addr(local), sizeof(n->addr));
	n->prefix = rtnl_addr_get_prefixlen(a);
}

static int observe_addrs(struct nl_sock *sk, struct tun_link *l)
{
	struct nl_cache *cache;
	struct addr_walk w = { l, 0 };
	int r = rtnl_addr_alloc_cache(sk, &cache);

	if (r)
		return nl_to_errno(r);
	nl_cache_foreach(cache, collect_addr, &w);
	nl_cache_free(cache);
	return w.err;
}

/* What the tunnel's packets cross: the smallest up Ethernet link. */
static void path_mtu(struct nl_object *obj, void *arg)
{
	struct rtnl_link *link = (struct rtnl_link *)obj;
	struct tun_link *l = arg;
	unsigned int mtu = rtnl_link_get_mtu(link);

	if (rtnl_link_get_arptype(link) != ARPHRD_ETHER ||
	    !(rtnl_link_get_flags(link) & IFF_UP) ||
	    (l->path_mtu && l->path_mtu <= mtu))
		return;
	l->path_mtu = mtu;
	snprintf(l->path_dev, sizeof(l->path_dev), "%s",
		 rtnl_link_get_name(link));
}

static int observe_path_mtu(struct nl_sock *sk, struct tun_link *l)
{
	struct nl_cache *cache;
	int r = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);

	if (r)
		return nl_to_errno(r);
	nl_cache_foreach(cache, path_mtu, l);
	nl_cache_free(cache);
	return 0;
}

/*
 * tun_link_observe - fill @l with @dev's state.  A missing device is no
 * error: l->exists says so.  Free with tun_link_free().
 */
int tun_link_observe(struct nl_sock *sk, const char *dev, struct tun_link *l)
{
	struct rtnl_link *link = NULL;
	struct stat st;
	int r;

	memset(l, 0, sizeof(*l));
	r = rtnl_link_get_kernel(sk, 0, dev, &link);
	if (r && r != -NLE_OBJ_NOTFOUND && r != -NLE_NODEV)
		return nl_to_errno(r);
	if (!r) {
		fill_link(l, link);
		rtnl_link_put(link);
		r = observe_addrs(sk, l);
		if (r)
			return r;
	}
	l->module = !stat("/sys/module/ipip", &st) || l->is_ipip;
	return observe_path_mtu(sk, l);
}

const struct tun_addr *tun_link_find_addr(const struct tun_link *l,
					  struct in_addr a)
{
	size_t i;

	for (i = 0; i < l->naddrs; i++)
		if (l->addrs[i].addr.s_addr == a.s_addr)
			return &l->addrs[i];
	return NULL;
}

static int run_modprobe(void)
{
	char *const argv[] = { "/sbin/modprobe", "ipip", NULL };
	char *const envp[] = { "PATH=/sbin:/usr/sbin:/bin:/usr/bin", NULL };
	pid_t pid;
	int st, r = posix_spawn(&pid, argv[0], NULL, NULL, argv, envp);

	if (r)
		return -r;
	if (waitpid(pid, &st, 0) < 0)
		return -errno;
	return WIFEXITED(st) && !WEXITSTATUS(st) ? 0 : -ENOENT;
}

/*
 * tun_link_load_module - make the kernel load ipip, which creates tunl0.
 * Looking a name up by ioctl makes the kernel request "netdev-NAME", an
 * alias ipip has for tunl0; modprobe is the fallback.
 */
int tun_link_load_module(struct nl_sock *sk, const char *dev)
{
	struct rtnl_link *link = NULL;

	if (if_nametoindex(dev))
		return 0;
	run_modprobe();
	if (!rtnl_link_get_kernel(sk, 0, dev, &link)) {
		rtnl_link_put(link);
		return 0;
	}
	return -ENODEV;
}

/* An ipip link without endpoints: it takes any IP-in-IP packet, as tunl0. */
int tun_link_create(struct nl_sock *sk, const char *dev)
{
	struct rtnl_link *link = rtnl_link_alloc();
	int r;

	if (!link)
		return -ENOMEM;
	rtnl_link_set_name(link, dev);
	r = rtnl_link_set_type(link, "ipip");
	if (!r)
		r = rtnl_link_add(sk, link, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_link_put(link);
	return nl_to_errno(r);
}

int tun_link_set_up(struct nl_sock *sk, int ifindex)
{
	struct rtnl_link *old = rtnl_link_alloc();
	struct rtnl_link *chg = rtnl_link_alloc();
	int r = -NLE_NOMEM;

	if (old && chg) {
		rtnl_link_set_ifindex(old, ifindex);
		rtnl_link_set_flags(chg, IFF_UP);
		r = rtnl_link_change(sk, old, chg, 0);
	}
	if (old)
		rtnl_link_put(old);
	if (chg)
		rtnl_link_put(chg);
	return nl_to_errno(r);
}

int tun_addr_change(struct nl_sock *sk, int ifindex, const struct tun_addr *a,
		    bool add)
{
	struct rtnl_addr *ra = rtnl_addr_alloc();
	struct nl_addr *local;
	int r = -NLE_NOMEM;

	if (!ra)
		return -ENOMEM;
	local = nl_addr_build(AF_INET, &a->addr, sizeof(a->addr));
	if (local) {
		rtnl_addr_set_ifindex(ra, ifindex);
		r = rtnl_addr_set_local(ra, local);
		nl_addr_put(local);
	}
	if (!r) {
		rtnl_addr_set_prefixlen(ra, a->prefix);
		r = add ? rtnl_addr_add(sk, ra, NLM_F_EXCL) :
			  rtnl_addr_delete(sk, ra, 0);
	}
	rtnl_addr_put(ra);
	return nl_to_errno(r);
}
