// SPDX-License-Identifier: GPL-2.0-or-later
/* rtnl.h: libnl-route-3, loaded only when `tun` runs. */
#ifndef TUNCTL_RTNL_H
#define TUNCTL_RTNL_H

/*
 * libnl-route-3 runs dozens of constructors when it is loaded: linked into
 * ipvsadm, every -a would pay for them (3-4 ms under emulation, more than
 * the kernel's work).  So only `tun` loads it, with dlopen(), and calls it
 * through this table; the macros keep the calling code as libnl documents.
 * The prototypes come first so that the macros cannot touch them.
 */
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>

#define TUN_RTNL_FUNCS(X)          \
	X(rtnl_addr_add)           \
	X(rtnl_addr_alloc)         \
	X(rtnl_addr_alloc_cache)   \
	X(rtnl_addr_delete)        \
	X(rtnl_addr_get_family)    \
	X(rtnl_addr_get_ifindex)   \
	X(rtnl_addr_get_local)     \
	X(rtnl_addr_get_prefixlen) \
	X(rtnl_addr_put)           \
	X(rtnl_addr_set_ifindex)   \
	X(rtnl_addr_set_local)     \
	X(rtnl_addr_set_prefixlen) \
	X(rtnl_link_add)           \
	X(rtnl_link_alloc)         \
	X(rtnl_link_alloc_cache)   \
	X(rtnl_link_change)        \
	X(rtnl_link_get_arptype)   \
	X(rtnl_link_get_flags)     \
	X(rtnl_link_get_ifindex)   \
	X(rtnl_link_get_kernel)    \
	X(rtnl_link_get_mtu)       \
	X(rtnl_link_get_name)      \
	X(rtnl_link_get_type)      \
	X(rtnl_link_put)           \
	X(rtnl_link_set_flags)     \
	X(rtnl_link_set_ifindex)   \
	X(rtnl_link_set_name)      \
	X(rtnl_link_set_type)

struct tun_rtnl {
#define TUN_RTNL_MEMBER(f) __typeof__(&f) f;
	TUN_RTNL_FUNCS(TUN_RTNL_MEMBER)
#undef TUN_RTNL_MEMBER
};

extern struct tun_rtnl tun_rtnl;

/* tun_rtnl_load - load the library once; 0 or -ENOENT with why on stderr. */
int tun_rtnl_load(void);

/* rtnl.c fills the table and must see the real names. */
#ifndef TUN_RTNL_NO_MACROS
#define rtnl_addr_add (*tun_rtnl.rtnl_addr_add)
#define rtnl_addr_alloc (*tun_rtnl.rtnl_addr_alloc)
#define rtnl_addr_alloc_cache (*tun_rtnl.rtnl_addr_alloc_cache)
#define rtnl_addr_delete (*tun_rtnl.rtnl_addr_delete)
#define rtnl_addr_get_family (*tun_rtnl.rtnl_addr_get_family)
#define rtnl_addr_get_ifindex (*tun_rtnl.rtnl_addr_get_ifindex)
#define rtnl_addr_get_local (*tun_rtnl.rtnl_addr_get_local)
#define rtnl_addr_get_prefixlen (*tun_rtnl.rtnl_addr_get_prefixlen)
#define rtnl_addr_put (*tun_rtnl.rtnl_addr_put)
#define rtnl_addr_set_ifindex (*tun_rtnl.rtnl_addr_set_ifindex)
#define rtnl_addr_set_local (*tun_rtnl.rtnl_addr_set_local)
#define rtnl_addr_set_prefixlen (*tun_rtnl.rtnl_addr_set_prefixlen)
#define rtnl_link_add (*tun_rtnl.rtnl_link_add)
#define rtnl_link_alloc (*tun_rtnl.rtnl_link_alloc)
#define rtnl_link_alloc_cache (*tun_rtnl.rtnl_link_alloc_cache)
#define rtnl_link_change (*tun_rtnl.rtnl_link_change)
#define rtnl_link_get_arptype (*tun_rtnl.rtnl_link_get_arptype)
#define rtnl_link_get_flags (*tun_rtnl.rtnl_link_get_flags)
#define rtnl_link_get_ifindex (*tun_rtnl.rtnl_link_get_ifindex)
#define rtnl_link_get_kernel (*tun_rtnl.rtnl_link_get_kernel)
#define rtnl_link_get_mtu (*tun_rtnl.rtnl_link_get_mtu)
#define rtnl_link_get_name (*tun_rtnl.rtnl_link_get_name)
#define rtnl_link_get_type (*tun_rtnl.rtnl_link_get_type)
#define rtnl_link_put (*tun_rtnl.rtnl_link_put)
#define rtnl_link_set_flags (*tun_rtnl.rtnl_link_set_flags)
#define rtnl_link_set_ifindex (*tun_rtnl.rtnl_link_set_ifindex)
#define rtnl_link_set_name (*tun_rtnl.rtnl_link_set_name)
#define rtnl_link_set_type (*tun_rtnl.rtnl_link_set_type)
#endif

#endif /* TUNCTL_RTNL_H */
