// SPDX-License-Identifier: GPL-2.0-or-later
/* nl.h: the process's IPVS netlink sockets (internal to libipvs). */
#ifndef LIBIPVS_NL_H
#define LIBIPVS_NL_H

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

/*
 * Receive buffer for one datagram.  The kernel sizes dump datagrams from
 * the largest buffer we have passed to recvmsg (capped near 32 KiB), so
 * anything from 32 KiB up gives the fewest dump continuations.
 */
#define IPVS_NL_RECV_BUF (64 * 1024)

/* Largest batch datagram we try first; halved when the socket refuses. */
#define IPVS_NL_BATCH_DGRAM (64 * 1024)

/* Called for every data message of a reply; returns 0 or -errno. */
typedef int (*ipvs_nl_msg_fn)(struct nlmsghdr *nlh, void *arg);

/* Called for every failed request of a batch (index in the batch). */
typedef void (*ipvs_nl_err_fn)(size_t index, int err, const char *ext_ack,
			       void *arg);

/*
 * ipvs_nl_open - socket and family, once per process (no-op when open).
 * Runs modprobe once if the family is missing.  0, -ENOPROTOOPT, -errno.
 */
int ipvs_nl_open(void);
void ipvs_nl_close(void);
int ipvs_nl_family(void);

/*
 * ipvs_nl_exec - send request h (its flags decide: NLM_F_DUMP reads to
 * NLMSG_DONE, otherwise an ACK is requested and awaited) and feed every
 * reply message to fn (may be NULL).  Returns the kernel's raw -errno, the
 * first error of fn, or a transport -errno.
 */
int ipvs_nl_exec(struct nlmsghdr *h, ipvs_nl_msg_fn fn, void *arg);

/*
 * ipvs_nl_dump_lean - ipvs_nl_exec for a dump with a few small replies,
 * asked many times over (destinations, once per service): it runs on a
 * second socket whose small reads keep the kernel's reply buffers cheap.
 * Same results as ipvs_nl_exec, which it falls back to.
 */
int ipvs_nl_dump_lean(struct nlmsghdr *h, ipvs_nl_msg_fn fn, void *arg);

/* For tests: reopen the lean socket reading n bytes (0: the default). */
void ipvs_nl_test_lean_read(size_t n);

/*
 * ipvs_nl_batch - send n serialized requests (arena + offs[i], each a
 * complete netlink message) packed many per datagram.  Failures go to fn;
 * returns how many failed or a transport -errno.
 */
long ipvs_nl_batch(const uint8_t *arena, const size_t *offs, size_t n,
		   ipvs_nl_err_fn fn, void *arg);

/* The extended-ack text of the last failure ("" when none). */
const char *ipvs_nl_ext_ack(void);

#endif /* LIBIPVS_NL_H */
