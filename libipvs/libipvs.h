// SPDX-License-Identifier: GPL-2.0-or-later
/* libipvs.h: the public API of the IPVS generic-netlink layer. */
#ifndef LIBIPVS_H
#define LIBIPVS_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <stdbool.h>

/*
 * Conventions: every function returning int returns 0 on success or a
 * negative errno.  The errno is the kernel's own (ESRCH and ENOENT stay
 * distinct); a reply that cannot be parsed gives -EINVAL.  The library
 * never prints.  Ports are in host byte order; addresses in network order.
 */

#define IPVS_SCHED_NAME_LEN 16 /* 15 characters + NUL, as the kernel */
#define IPVS_PE_NAME_LEN 16
#define IPVS_IFNAME_LEN 16

/* Service flags (uapi IP_VS_SVC_F_*). */
#define IPVS_SVC_F_PERSISTENT 0x0001
#define IPVS_SVC_F_HASHED 0x0002
#define IPVS_SVC_F_ONEPACKET 0x0004
#define IPVS_SVC_F_SCHED1 0x0008
#define IPVS_SVC_F_SCHED2 0x0010
#define IPVS_SVC_F_SCHED3 0x0020

/* Forwarding methods (uapi IP_VS_CONN_F_*, masked by 7). */
#define IPVS_FWD_MASQ 0
#define IPVS_FWD_LOCAL 1
#define IPVS_FWD_TUNNEL 2
#define IPVS_FWD_ROUTE 3

/* Tunnel types and flags (uapi IP_VS_CONN_F_TUNNEL_TYPE_*). */
#define IPVS_TUN_IPIP 0
#define IPVS_TUN_GUE 1
#define IPVS_TUN_GRE 2
#define IPVS_TUN_F_CSUM 0x0001
#define IPVS_TUN_F_REMCSUM 0x0002

/* Sync daemon states. */
#define IPVS_STATE_MASTER 1
#define IPVS_STATE_BACKUP 2

union ipvs_addr {
	struct in_addr in;
	struct in6_addr in6;
	uint32_t all[4];
};

/* Counters: from the 64-bit nest when the kernel sends it. */
struct ipvs_stats {
	uint64_t conns;
	uint64_t inpkts;
	uint64_t outpkts;
	uint64_t inbytes;
	uint64_t outbytes;
	uint64_t cps;
	uint64_t inpps;
	uint64_t outpps;
	uint64_t inbps;
	uint64_t outbps;
};

struct ipvs_service {
	uint16_t af; /* AF_INET or AF_INET6 */
	uint16_t protocol; /* IPPROTO_TCP/UDP/SCTP; 0 for fwmark */
	union ipvs_addr addr;
	uint16_t port;
	uint32_t fwmark; /* non-zero: a fwmark service */
	char sched_name[IPVS_SCHED_NAME_LEN];
	uint32_t flags;
	uint32_t flags_mask; /* sent to the kernel; 0 means all bits */
	uint32_t timeout; /* persistence, seconds */
	/*
	 * As on the wire: an IPv4 mask in network order, or an IPv6 prefix
	 * length as a plain number.
	 */
	uint32_t netmask;
	char pe_name[IPVS_PE_NAME_LEN];
	struct ipvs_stats stats;
	struct ipvs_stats stats32; /* the 32-bit nest, as the kernel sent it */
};

struct ipvs_dest {
	uint16_t af; /* 0 on input: the service's family */
	union ipvs_addr addr;
	uint16_t port;
	uint32_t conn_flags; /* IPVS_FWD_* */
	int32_t weight;
	uint32_t u_threshold;
	uint32_t l_threshold;
	uint32_t activeconns;
	uint32_t inactconns;
	uint32_t persistconns;
	uint8_t tun_type;
	uint16_t tun_port;
	uint16_t tun_flags;
	struct ipvs_stats stats;
	struct ipvs_stats stats32;
};

struct ipvs_daemon {
	uint32_t state; /* IPVS_STATE_* */
	char mcast_ifn[IPVS_IFNAME_LEN];
	uint32_t syncid;
	uint16_t sync_maxlen; /* 0: kernel default */
	uint16_t mcast_af; /* 0: kernel default group */
	union ipvs_addr mcast_group;
	uint16_t mcast_port; /* 0: kernel default */
	uint8_t mcast_ttl; /* 0: kernel default */
};

struct ipvs_timeout {
	uint32_t tcp;
	uint32_t tcp_fin;
	uint32_t udp;
};

struct ipvs_info {
	uint32_t version; /* 0x010201 is 1.2.1 */
	uint32_t conn_tab_size;
};

/* A service as dumped, with its destinations once fetched. */
struct ipvs_service_entry {
	struct ipvs_service svc;
	struct ipvs_dest *dests;
	size_t num_dests;
};

struct ipvs_service_list {
	struct ipvs_service_entry *entries;
	size_t num;
};

/* Operations, also the keys of the error-text table. */
enum ipvs_op {
	IPVS_OP_INIT,
	IPVS_OP_GET_INFO,
	IPVS_OP_ADD_SERVICE,
	IPVS_OP_EDIT_SERVICE,
	IPVS_OP_DEL_SERVICE,
	IPVS_OP_ZERO,
	IPVS_OP_FLUSH,
	IPVS_OP_ADD_DEST,
	IPVS_OP_EDIT_DEST,
	IPVS_OP_DEL_DEST,
	IPVS_OP_GET_SERVICE,
	IPVS_OP_GET_SERVICES,
	IPVS_OP_GET_DESTS,
	IPVS_OP_SET_TIMEOUT,
	IPVS_OP_GET_TIMEOUT,
	IPVS_OP_START_DAEMON,
	IPVS_OP_STOP_DAEMON,
	IPVS_OP_GET_DAEMON,
	IPVS_OP_COUNT
};

/*
 * ipvs_init - open the process's netlink socket and resolve the IPVS
 * family.  When the family is missing, runs `modprobe -- ip_vs` once and
 * retries; still missing gives -ENOPROTOOPT.  Calling it again is a no-op.
 */
int ipvs_init(void);

/* ipvs_close - close the socket; a later ipvs_init() opens a new one. */
void ipvs_close(void);

/* ipvs_get_info - IPVS version and connection hash table size. */
int ipvs_get_info(struct ipvs_info *info);

/* Service changes.  ipvs_zero() with NULL zeroes every service. */
int ipvs_add_service(const struct ipvs_service *svc);
int ipvs_edit_service(const struct ipvs_service *svc);
int ipvs_del_service(const struct ipvs_service *svc);
int ipvs_zero(const struct ipvs_service *svc);
int ipvs_flush(void);

/* Destination changes on the service svc (only its identity is used). */
int ipvs_add_dest(const struct ipvs_service *svc, const struct ipvs_dest *d);
int ipvs_edit_dest(const struct ipvs_service *svc, const struct ipvs_dest *d);
int ipvs_del_dest(const struct ipvs_service *svc, const struct ipvs_dest *d);

/*
 * ipvs_get_service - look up one service by its identity (af, protocol,
 * addr, port or fwmark) and fill in the rest of *svc.  -ESRCH if absent.
 */
int ipvs_get_service(struct ipvs_service *svc);

/*
 * ipvs_get_services - dump every service, in kernel order, without their
 * destinations.  Free with ipvs_free_services().
 */
int ipvs_get_services(struct ipvs_service_list *list);

/*
 * ipvs_get_dests - dump the destinations of one service into a new array
 * (*dests, *num); free it with free().
 */
int ipvs_get_dests(const struct ipvs_service *svc, struct ipvs_dest **dests,
		   size_t *num);

/*
 * ipvs_get_dests_scratch - the same dump into libipvs's own array: the
 * caller may reorder it but not free it, and it holds until the next
 * destination dump.  A listing of 100,000 services then makes no
 * allocation per service.
 */
int ipvs_get_dests_scratch(const struct ipvs_service *svc,
			   struct ipvs_dest **dests, size_t *num);

/*
 * ipvs_get_all - services and, for each, its destinations: one service
 * dump and one destination dump per service, all on the one socket.
 */
int ipvs_get_all(struct ipvs_service_list *list);

void ipvs_free_services(struct ipvs_service_list *list);

/*
 * ipvs_want_stats - whether replies' counters are parsed (the default).
 * A listing that prints none turns them off: they then read as 0, and a
 * service or destination costs half the parsing.
 */
void ipvs_want_stats(bool want);

/* Timeouts: a zero field means "keep the current value". */
int ipvs_get_timeout(struct ipvs_timeout *t);
int ipvs_set_timeout(const struct ipvs_timeout *t);

/* Sync daemons.  ipvs_get_daemons() fills up to 2 entries (master first). */
int ipvs_start_daemon(const struct ipvs_daemon *d);
int ipvs_stop_daemon(const struct ipvs_daemon *d);
int ipvs_get_daemons(struct ipvs_daemon out[2], size_t *num);

/*
 * ipvs_strerror - ipvsadm 1.31's text for a failure of op with the
 * negative or positive errno err.
 */
const char *ipvs_strerror(enum ipvs_op op, int err);

/* ipvs_last_ext_ack - the kernel's extended-ack text of the last failure,
 * or NULL. */
const char *ipvs_last_ext_ack(void);

/*
 * Batching: change requests queued and sent many to a datagram.  Each
 * request keeps its index (0-based, in queue order); a failure is reported
 * through the callback with that index, the kernel's errno and its
 * extended-ack text (or NULL).  The batch never fails because of its own
 * size: datagrams shrink when the socket refuses them.
 */
struct ipvs_batch;

typedef void (*ipvs_batch_err_fn)(size_t index, enum ipvs_op op, int err,
				  const char *ext_ack, void *arg);

struct ipvs_batch *ipvs_batch_new(void);
void ipvs_batch_free(struct ipvs_batch *b);

/*
 * ipvs_batch_add - queue op (a change: ADD/EDIT/DEL_SERVICE, ZERO, FLUSH,
 * ADD/EDIT/DEL_DEST, SET_TIMEOUT).  svc may be NULL for FLUSH and ZERO (all);
 * d is used only by the destination ops.  Returns the index or -errno.
 */
long ipvs_batch_add(struct ipvs_batch *b, enum ipvs_op op,
		    const struct ipvs_service *svc, const struct ipvs_dest *d);

/*
 * ipvs_batch_add_timeout - queue an IPVS_OP_SET_TIMEOUT (ipvs_batch_add()
 * has no place for the timeouts and refuses that op).  Index or -errno.
 * (Added by the libipvs implementation.)
 */
long ipvs_batch_add_timeout(struct ipvs_batch *b, const struct ipvs_timeout *t);

/* Number of queued requests. */
size_t ipvs_batch_len(const struct ipvs_batch *b);

/*
 * ipvs_batch_run - send every queued request; return the number that
 * failed (>= 0), or -errno if the transport itself failed.  The queue is
 * emptied either way.
 */
long ipvs_batch_run(struct ipvs_batch *b, ipvs_batch_err_fn fn, void *arg);

/* Counters of what this process did, for tests and benchmarks. */
struct ipvs_nl_counters {
	unsigned long sockets;
	unsigned long dump_sockets; /* the destination-dump socket */
	unsigned long family_lookups;
	unsigned long sendmsg;
	unsigned long recvmsg;
	unsigned long writes; /* change requests sent (not reads, barriers) */
};
void ipvs_nl_get_counters(struct ipvs_nl_counters *c);

#endif /* LIBIPVS_H */
