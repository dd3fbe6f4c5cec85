// SPDX-License-Identifier: GPL-2.0-or-later
/* msg.h: building IPVS requests and parsing replies (no socket involved). */
#ifndef LIBIPVS_MSG_H
#define LIBIPVS_MSG_H

#include <stdbool.h>
#include <netlink/msg.h>

#include "libipvs/libipvs.h"

/* The objects a request may carry; unused ones stay NULL. */
struct ipvs_msg_args {
	const struct ipvs_service *svc;
	const struct ipvs_dest *dest;
	const struct ipvs_daemon *daemon;
	const struct ipvs_timeout *timeout;
};

/* Plenty for the largest request (a dest op: service id + full dest). */
#define IPVS_MSG_MAX 512

/*
 * ipvs_msg_write - the request for op, written into buf (cap bytes, at
 * least IPVS_MSG_MAX suffice): netlink and generic-netlink headers with
 * nlmsg_type family, flags NLM_F_DUMP or 0, sequence and port 0, then the
 * attributes.  Returns its length (a multiple of 4) or -errno: -EINVAL
 * for missing objects or an unterminated name, -EMSGSIZE if cap is short.
 */
int ipvs_msg_write(void *buf, size_t cap, int family, enum ipvs_op op,
		   const struct ipvs_msg_args *a);

/*
 * ipvs_msg_build - a new request for op on the generic-netlink family id
 * family.  Sequence number and port are left for the sender to fill in;
 * dumps carry NLM_F_DUMP.  Returns 0 or -errno; *out is NULL on failure.
 */
int ipvs_msg_build(struct nl_msg **out, int family, enum ipvs_op op,
		   const struct ipvs_msg_args *a);

/* ipvs_op_is_change - op may be queued in a batch. */
bool ipvs_op_is_change(enum ipvs_op op);

/*
 * Reply parsers.  Each validates the generic-netlink header, every
 * attribute against its policy and every nest; unknown attributes are
 * skipped, anything truncated or malformed gives -EINVAL.
 */
int ipvs_parse_info(struct nlmsghdr *nlh, struct ipvs_info *info);
int ipvs_parse_timeout(struct nlmsghdr *nlh, struct ipvs_timeout *t);
int ipvs_parse_service(struct nlmsghdr *nlh, struct ipvs_service *svc);
/* svc_af: the family to assume when the reply has no ADDR_FAMILY. */
int ipvs_parse_dest(struct nlmsghdr *nlh, uint16_t svc_af, struct ipvs_dest *d);
int ipvs_parse_daemon(struct nlmsghdr *nlh, struct ipvs_daemon *d);

/* The nest parsers, exposed for tests: nest is the nested attribute. */
int ipvs_parse_service_nest(struct nlattr *nest, struct ipvs_service *svc);
int ipvs_parse_dest_nest(struct nlattr *nest, uint16_t svc_af,
			 struct ipvs_dest *d);

#endif /* LIBIPVS_MSG_H */
