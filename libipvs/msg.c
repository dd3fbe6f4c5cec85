// SPDX-License-Identifier: GPL-2.0-or-later
/* msg.c: IPVS request building and reply parsing with attribute policies. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/ip_vs.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "libipvs/msg.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Plenty for the largest request (dest op: service id + full dest). */
#define REQ_MSG_SIZE 1024

enum put_kind { PUT_NONE, PUT_ID, PUT_FULL, PUT_OPT_ID };

struct op_desc {
	uint8_t cmd;
	uint8_t svc; /* enum put_kind */
	uint8_t dest;
	uint8_t daemon;
	bool timeout;
	bool dump;
	bool change; /* may be batched */
};

static const struct op_desc op_tab[IPVS_OP_COUNT] = {
	[IPVS_OP_INIT] = { .cmd = IPVS_CMD_GET_INFO },
	[IPVS_OP_GET_INFO] = { .cmd = IPVS_CMD_GET_INFO },
	[IPVS_OP_ADD_SERVICE] = { .cmd = IPVS_CMD_NEW_SERVICE,
				  .svc = PUT_FULL,
				  .change = true },
	[IPVS_OP_EDIT_SERVICE] = { .cmd = IPVS_CMD_SET_SERVICE,
				   .svc = PUT_FULL,
				   .change = true },
	[IPVS_OP_DEL_SERVICE] = { .cmd = IPVS_CMD_DEL_SERVICE,
				  .svc = PUT_ID,
				  .change = true },
	[IPVS_OP_ZERO] = { .cmd = IPVS_CMD_ZERO,
			   .svc = PUT_OPT_ID,
			   .change = true },
	[IPVS_OP_FLUSH] = { .cmd = IPVS_CMD_FLUSH, .change = true },
	[IPVS_OP_ADD_DEST] = { .cmd = IPVS_CMD_NEW_DEST,
			       .svc = PUT_ID,
			       .dest = PUT_FULL,
			       .change = true },
	[IPVS_OP_EDIT_DEST] = { .cmd = IPVS_CMD_SET_DEST,
				.svc = PUT_ID,
				.dest = PUT_FULL,
				.change = true },
	[IPVS_OP_DEL_DEST] = { .cmd = IPVS_CMD_DEL_DEST,
			       .svc = PUT_ID,
			       .dest = PUT_ID,
			       .change = true },
	[IPVS_OP_GET_SERVICE] = { .cmd = IPVS_CMD_GET_SERVICE, .svc = PUT_ID },
	[IPVS_OP_GET_SERVICES] = { .cmd = IPVS_CMD_GET_SERVICE, .dump = true },
	[IPVS_OP_GET_DESTS] = { .cmd = IPVS_CMD_GET_DEST,
				.svc = PUT_ID,
				.dump = true },
	[IPVS_OP_SET_TIMEOUT] = { .cmd = IPVS_CMD_SET_CONFIG,
				  .timeout = true,
				  .change = true },
	[IPVS_OP_GET_TIMEOUT] = { .cmd = IPVS_CMD_GET_CONFIG },
	[IPVS_OP_START_DAEMON] = { .cmd = IPVS_CMD_NEW_DAEMON,
				   .daemon = PUT_FULL },
	[IPVS_OP_STOP_DAEMON] = { .cmd = IPVS_CMD_DEL_DAEMON,
				  .daemon = PUT_ID },
	[IPVS_OP_GET_DAEMON] = { .cmd = IPVS_CMD_GET_DAEMON, .dump = true },
};

/* --- policies (one per nest) --------------------------------------------- */

#define ADDR_POLICY                                                   \
	{                                                             \
		.type = NLA_UNSPEC, .minlen = sizeof(struct in_addr), \
		.maxlen = sizeof(union ipvs_addr)                     \
	}

static const struct nla_policy cmd_pol[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DEST] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DAEMON] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_TIMEOUT_TCP] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_UDP] = { .type = NLA_U32 },
};

static const struct nla_policy svc_pol[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_PROTOCOL] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_ADDR] = ADDR_POLICY,
	[IPVS_SVC_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_FWMARK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_SCHED_NAME] = { .type = NLA_STRING,
				       .maxlen = IPVS_SCHED_NAME_LEN },
	[IPVS_SVC_ATTR_FLAGS] = { .type = NLA_UNSPEC,
				  .minlen = sizeof(struct ip_vs_flags) },
	[IPVS_SVC_ATTR_TIMEOUT] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_NETMASK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_STATS] = { .type = NLA_NESTED },
	[IPVS_SVC_ATTR_PE_NAME] = { .type = NLA_STRING,
				    .maxlen = IPVS_PE_NAME_LEN },
	[IPVS_SVC_ATTR_STATS64] = { .type = NLA_NESTED },
};

static const struct nla_policy dest_pol[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR] = ADDR_POLICY,
	[IPVS_DEST_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_FWD_METHOD] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_WEIGHT] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_U_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_L_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ACTIVE_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_INACT_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_PERSIST_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_STATS] = { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_ADDR_FAMILY] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_STATS64] = { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_TUN_TYPE] = { .type = NLA_U8 },
	[IPVS_DEST_ATTR_TUN_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_FLAGS] = { .type = NLA_U16 },
};

static const struct nla_policy daemon_pol[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_IFN] = { .type = NLA_STRING,
					 .maxlen = IPVS_IFNAME_LEN },
	[IPVS_DAEMON_ATTR_SYNC_ID] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP6] = { .type = NLA_UNSPEC,
					    .minlen = sizeof(struct in6_addr) },
	[IPVS_DAEMON_ATTR_MCAST_PORT] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_TTL] = { .type = NLA_U8 },
};

/* In the 32-bit nest only the byte counters are 64-bit. */
static const struct nla_policy stats32_pol[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS] = { .type = NLA_U32 },
	[IPVS_STATS_ATTR_INPKTS] = { .type = NLA_U32 },
	[IPVS_STATS_ATTR_OUTPKTS] = { .type = NLA_U32 },
	[IPVS_STATS_ATTR_INBYTES] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_OUTBYTES] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_CPS] = { .type = NLA_U32 },
	[IPVS_STATS_ATTR_INPPS] = { .type = NLA_U32 },
	[IPVS_STATS_ATTR_OUTPPS] = { .type = NLA_U32 },
	[IPVS_STATS_ATTR_INBPS] = { .type = NLA_U32 },
	[IPVS_STATS_ATTR_OUTBPS] = { .type = NLA_U32 },
};

static const struct nla_policy stats64_pol[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_INPKTS] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_OUTPKTS] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_INBYTES] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_OUTBYTES] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_CPS] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_INPPS] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_OUTPPS] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_INBPS] = { .type = NLA_U64 },
	[IPVS_STATS_ATTR_OUTBPS] = { .type = NLA_U64 },
};

static const size_t stats_off[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS] = offsetof(struct ipvs_stats, conns),
	[IPVS_STATS_ATTR_INPKTS] = offsetof(struct ipvs_stats, inpkts),
	[IPVS_STATS_ATTR_OUTPKTS] = offsetof(struct ipvs_stats, outpkts),
	[IPVS_STATS_ATTR_INBYTES] = offsetof(struct ipvs_stats, inbytes),
	[IPVS_STATS_ATTR_OUTBYTES] = offsetof(struct ipvs_stats, outbytes),
	[IPVS_STATS_ATTR_CPS] = offsetof(struct ipvs_stats, cps),
	[IPVS_STATS_ATTR_INPPS] = offsetof(struct ipvs_stats, inpps),
	[IPVS_STATS_ATTR_OUTPPS] = offsetof(struct ipvs_stats, outpps),
	[IPVS_STATS_ATTR_INBPS] = offsetof(struct ipvs_stats, inbps),
	[IPVS_STATS_ATTR_OUTBPS] = offsetof(struct ipvs_stats, outbps),
};

/* GET_INFO answers with these at the top level, not nested. */
static const struct nla_policy info_pol[IPVS_INFO_ATTR_MAX + 1] = {
	[IPVS_INFO_ATTR_VERSION] = { .type = NLA_U32 },
	[IPVS_INFO_ATTR_CONN_TAB_SIZE] = { .type = NLA_U32 },
};

/* --- building ------------------------------------------------------------ */

bool ipvs_op_is_change(enum ipvs_op op)
{
	return (unsigned int)op < IPVS_OP_COUNT && op_tab[op].change;
}

/* A NUL-terminated string from a fixed array, refusing unterminated ones. */
static int put_str(struct nl_msg *m, int type, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	if (n == size)
		return -EINVAL;
	return nla_put(m, type, (int)n + 1, s) ? -ENOMEM : 0;
}

static int put_svc_id(struct nl_msg *m, const struct ipvs_service *s)
{
	int err = 0;

	err |= nla_put_u16(m, IPVS_SVC_ATTR_AF, s->af);
	if (s->fwmark) {
		err |= nla_put_u32(m, IPVS_SVC_ATTR_FWMARK, s->fwmark);
	} else {
		err |= nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, s->protocol);
		err |= nla_put(m, IPVS_SVC_ATTR_ADDR, sizeof(s->addr),
			       &s->addr);
		err |= nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(s->port));
	}
	return err ? -ENOMEM : 0;
}

static int put_svc_params(struct nl_msg *m, const struct ipvs_service *s)
{
	struct ip_vs_flags fl = {
		.flags = s->flags,
		.mask = s->flags_mask ? s->flags_mask : ~0U,
	};
	int err;

	err = put_str(m, IPVS_SVC_ATTR_SCHED_NAME, s->sched_name,
		      sizeof(s->sched_name));
	if (err)
		return err;
	if (nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof(fl), &fl) ||
	    nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, s->timeout) ||
	    nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, s->netmask))
		return -ENOMEM;
	if (!s->pe_name[0])
		return 0;
	return put_str(m, IPVS_SVC_ATTR_PE_NAME, s->pe_name,
		       sizeof(s->pe_name));
}

static int put_svc(struct nl_msg *m, const struct ipvs_service *s, int kind)
{
	struct nlattr *nest;
	int err;

	if (kind == PUT_NONE || (kind == PUT_OPT_ID && !s))
		return 0;
	if (!s)
		return -EINVAL;
	nest = nla_nest_start(m, IPVS_CMD_ATTR_SERVICE);
	if (!nest)
		return -ENOMEM;
	err = put_svc_id(m, s);
	if (!err && kind == PUT_FULL)
		err = put_svc_params(m, s);
	if (!err)
		nla_nest_end(m, nest);
	return err;
}

static int put_dest_tun(struct nl_msg *m, const struct ipvs_dest *d)
{
	if ((d->conn_flags & 7) != IPVS_FWD_TUNNEL)
		return 0;
	if (nla_put_u8(m, IPVS_DEST_ATTR_TUN_TYPE, d->tun_type) ||
	    nla_put_u16(m, IPVS_DEST_ATTR_TUN_PORT, htons(d->tun_port)) ||
	    nla_put_u16(m, IPVS_DEST_ATTR_TUN_FLAGS, d->tun_flags))
		return -ENOMEM;
	return 0;
}

static int put_dest_params(struct nl_msg *m, const struct ipvs_dest *d)
{
	if (nla_put_u32(m, IPVS_DEST_ATTR_FWD_METHOD, d->conn_flags & 7) ||
	    nla_put_u32(m, IPVS_DEST_ATTR_WEIGHT, (uint32_t)d->weight) ||
	    nla_put_u32(m, IPVS_DEST_ATTR_U_THRESH, d->u_threshold) ||
	    nla_put_u32(m, IPVS_DEST_ATTR_L_THRESH, d->l_threshold))
		return -ENOMEM;
	return put_dest_tun(m, d);
}

static int put_dest(struct nl_msg *m, const struct ipvs_msg_args *a, int kind)
{
	const struct ipvs_dest *d = a->dest;
	struct nlattr *nest;
	int err = -ENOMEM;

	if (kind == PUT_NONE)
		return 0;
	if (!d || !a->svc)
		return -EINVAL;
	nest = nla_nest_start(m, IPVS_CMD_ATTR_DEST);
	if (!nest)
		return -ENOMEM;
	if (nla_put(m, IPVS_DEST_ATTR_ADDR, sizeof(d->addr), &d->addr) ||
	    nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(d->port)) ||
	    nla_put_u16(m, IPVS_DEST_ATTR_ADDR_FAMILY,
			d->af ? d->af : a->svc->af))
		goto out;
	err = kind == PUT_FULL ? put_dest_params(m, d) : 0;
	if (!err)
		nla_nest_end(m, nest);
out:
	return err;
}

static int put_daemon_opts(struct nl_msg *m, const struct ipvs_daemon *d)
{
	int err = 0;

	if (d->sync_maxlen)
		err |= nla_put_u16(m, IPVS_DAEMON_ATTR_SYNC_MAXLEN,
				   d->sync_maxlen);
	if (d->mcast_af == AF_INET && d->mcast_group.in.s_addr)
		err |= nla_put_u32(m, IPVS_DAEMON_ATTR_MCAST_GROUP,
				   d->mcast_group.in.s_addr);
	if (d->mcast_af == AF_INET6 &&
	    !IN6_IS_ADDR_UNSPECIFIED(&d->mcast_group.in6))
		err |= nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP6,
			       sizeof(d->mcast_group.in6), &d->mcast_group.in6);
	if (d->mcast_port)
		err |= nla_put_u16(m, IPVS_DAEMON_ATTR_MCAST_PORT,
				   d->mcast_port);
	if (d->mcast_ttl)
		err |= nla_put_u8(m, IPVS_DAEMON_ATTR_MCAST_TTL, d->mcast_ttl);
	return err ? -ENOMEM : 0;
}

static int put_daemon(struct nl_msg *m, const struct ipvs_daemon *d, int kind)
{
	struct nlattr *nest;
	int err;

	if (kind == PUT_NONE)
		return 0;
	if (!d)
		return -EINVAL;
	nest = nla_nest_start(m, IPVS_CMD_ATTR_DAEMON);
	if (!nest)
		return -ENOMEM;
	err = nla_put_u32(m, IPVS_DAEMON_ATTR_STATE, d->state) ? -ENOMEM : 0;
	if (!err)
		err = put_str(m, IPVS_DAEMON_ATTR_MCAST_IFN, d->mcast_ifn,
			      sizeof(d->mcast_ifn));
	if (!err && nla_put_u32(m, IPVS_DAEMON_ATTR_SYNC_ID, d->syncid))
		err = -ENOMEM;
	if (!err && kind == PUT_FULL)
		err = put_daemon_opts(m, d);
	if (!err)
		nla_nest_end(m, nest);
	return err;
}

static int put_timeout(struct nl_msg *m, const struct ipvs_timeout *t)
{
	if (!t)
		return -EINVAL;
	if (nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP, t->tcp) ||
	    nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t->tcp_fin) ||
	    nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_UDP, t->udp))
		return -ENOMEM;
	return 0;
}

static int put_body(struct nl_msg *m, const struct op_desc *od,
		    const struct ipvs_msg_args *a)
{
	int err;

	err = put_svc(m, a->svc, od->svc);
	if (!err)
		err = put_dest(m, a, od->dest);
	if (!err)
		err = put_daemon(m, a->daemon, od->daemon);
	if (!err && od->timeout)
		err = put_timeout(m, a->timeout);
	return err;
}

int ipvs_msg_build(struct nl_msg **out, int family, enum ipvs_op op,
		   const struct ipvs_msg_args *a)
{
	static const struct ipvs_msg_args none;
	const struct op_desc *od;
	struct nl_msg *m;
	int err = -ENOMEM;

	*out = NULL;
	if ((unsigned int)op >= IPVS_OP_COUNT || !op_tab[op].cmd)
		return -EINVAL;
	od = &op_tab[op];
	m = nlmsg_alloc_size(REQ_MSG_SIZE);
	if (!m)
		return -ENOMEM;
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			 od->dump ? NLM_F_DUMP : 0, od->cmd, IPVS_GENL_VERSION))
		goto out;
	err = put_body(m, od, a ? a : &none);
out:
	if (err)
		nlmsg_free(m);
	else
		*out = m;
	return err;
}

/* --- parsing ------------------------------------------------------------- */

/*
 * libnl's nla_parse() stops quietly at a truncated attribute and ignores
 * leftover bytes; a reply like that is malformed, so walk it first.
 */
static int parse_attrs(struct nlattr **tb, int max, struct nlattr *head,
		       int len, const struct nla_policy *pol)
{
	struct nlattr *a = head;
	int rem = len;

	if (len < 0)
		return -EINVAL;
	while (nla_ok(a, rem))
		a = nla_next(a, &rem);
	if (rem > 0)
		return -EINVAL;
	return nla_parse(tb, max, head, len, pol) < 0 ? -EINVAL : 0;
}

static int parse_nest(struct nlattr **tb, int max, struct nlattr *nest,
		      const struct nla_policy *pol)
{
	return parse_attrs(tb, max, nla_data(nest), nla_len(nest), pol);
}

static int parse_msg(struct nlmsghdr *nlh, struct nlattr **tb, int max,
		     const struct nla_policy *pol)
{
	struct genlmsghdr *g;

	if (!nlh || !genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	g = nlmsg_data(nlh);
	return parse_attrs(tb, max, genlmsg_attrdata(g, 0),
			   genlmsg_attrlen(g, 0), pol);
}

static int copy_str(char *dst, size_t size, const struct nlattr *a)
{
	const char *s = nla_data(a);
	size_t n = strnlen(s, (size_t)nla_len(a));

	if (n >= size)
		return -EINVAL;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

static int copy_addr(union ipvs_addr *dst, uint16_t af, const struct nlattr *a)
{
	size_t len = (size_t)nla_len(a);

	if (af == AF_INET6 && len < sizeof(dst->in6))
		return -EINVAL;
	if (len > sizeof(*dst))
		len = sizeof(*dst);
	memset(dst, 0, sizeof(*dst));
	memcpy(dst, nla_data(a), len);
	return 0;
}

static int parse_stats(struct nlattr *nest, bool wide, struct ipvs_stats *st)
{
	const struct nla_policy *pol = wide ? stats64_pol : stats32_pol;
	struct nlattr *tb[IPVS_STATS_ATTR_MAX + 1];
	uint64_t *field;
	int i, err;

	memset(st, 0, sizeof(*st));
	if (!nest)
		return 0;
	err = parse_nest(tb, IPVS_STATS_ATTR_MAX, nest, pol);
	if (err)
		return err;
	for (i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++) {
		if (!tb[i])
			continue;
		field = (uint64_t *)((char *)st + stats_off[i]);
		*field = pol[i].type == NLA_U64 ? nla_get_u64(tb[i]) :
						  nla_get_u32(tb[i]);
	}
	return 0;
}

/* stats from the 64-bit nest when present, stats32 from the 32-bit one. */
static int parse_both_stats(struct nlattr *s32, struct nlattr *s64,
			    struct ipvs_stats *st, struct ipvs_stats *st32)
{
	int err = parse_stats(s32, false, st32);

	if (err)
		return err;
	if (!s64) {
		*st = *st32;
		return 0;
	}
	return parse_stats(s64, true, st);
}

static int parse_svc_id(struct nlattr **tb, struct ipvs_service *s)
{
	if (!tb[IPVS_SVC_ATTR_AF])
		return -EINVAL;
	s->af = nla_get_u16(tb[IPVS_SVC_ATTR_AF]);
	if (tb[IPVS_SVC_ATTR_FWMARK])
		s->fwmark = nla_get_u32(tb[IPVS_SVC_ATTR_FWMARK]);
	if (tb[IPVS_SVC_ATTR_PROTOCOL])
		s->protocol = nla_get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
	if (tb[IPVS_SVC_ATTR_PORT])
		s->port = ntohs(nla_get_u16(tb[IPVS_SVC_ATTR_PORT]));
	if (tb[IPVS_SVC_ATTR_ADDR] &&
	    copy_addr(&s->addr, s->af, tb[IPVS_SVC_ATTR_ADDR]))
		return -EINVAL;
	if (s->fwmark)
		return 0;
	if (!tb[IPVS_SVC_ATTR_PROTOCOL] || !tb[IPVS_SVC_ATTR_ADDR] ||
	    !tb[IPVS_SVC_ATTR_PORT])
		return -EINVAL;
	return 0;
}

static int parse_svc_params(struct nlattr **tb, struct ipvs_service *s)
{
	struct ip_vs_flags fl;

	if (tb[IPVS_SVC_ATTR_SCHED_NAME] &&
	    copy_str(s->sched_name, sizeof(s->sched_name),
		     tb[IPVS_SVC_ATTR_SCHED_NAME]))
		return -EINVAL;
	if (tb[IPVS_SVC_ATTR_PE_NAME] &&
	    copy_str(s->pe_name, sizeof(s->pe_name), tb[IPVS_SVC_ATTR_PE_NAME]))
		return -EINVAL;
	if (tb[IPVS_SVC_ATTR_FLAGS]) {
		memcpy(&fl, nla_data(tb[IPVS_SVC_ATTR_FLAGS]), sizeof(fl));
		s->flags = fl.flags;
		s->flags_mask = fl.mask == ~0U ? 0 : fl.mask;
	}
	if (tb[IPVS_SVC_ATTR_TIMEOUT])
		s->timeout = nla_get_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	if (tb[IPVS_SVC_ATTR_NETMASK])
		s->netmask = nla_get_u32(tb[IPVS_SVC_ATTR_NETMASK]);
	return parse_both_stats(tb[IPVS_SVC_ATTR_STATS],
				tb[IPVS_SVC_ATTR_STATS64], &s->stats,
				&s->stats32);
}

int ipvs_parse_service_nest(struct nlattr *nest, struct ipvs_service *svc)
{
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	struct ipvs_service s;
	int err;

	memset(&s, 0, sizeof(s));
	err = parse_nest(tb, IPVS_SVC_ATTR_MAX, nest, svc_pol);
	if (!err)
		err = parse_svc_id(tb, &s);
	if (!err)
		err = parse_svc_params(tb, &s);
	if (!err)
		*svc = s;
	return err;
}

static const int dest_u32_attr[] = {
	IPVS_DEST_ATTR_FWD_METHOD,    IPVS_DEST_ATTR_WEIGHT,
	IPVS_DEST_ATTR_U_THRESH,      IPVS_DEST_ATTR_L_THRESH,
	IPVS_DEST_ATTR_ACTIVE_CONNS,  IPVS_DEST_ATTR_INACT_CONNS,
	IPVS_DEST_ATTR_PERSIST_CONNS,
};

static const size_t dest_u32_off[] = {
	offsetof(struct ipvs_dest, conn_flags),
	offsetof(struct ipvs_dest, weight),
	offsetof(struct ipvs_dest, u_threshold),
	offsetof(struct ipvs_dest, l_threshold),
	offsetof(struct ipvs_dest, activeconns),
	offsetof(struct ipvs_dest, inactconns),
	offsetof(struct ipvs_dest, persistconns),
};

static void parse_dest_u32s(struct nlattr **tb, struct ipvs_dest *d)
{
	uint32_t v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dest_u32_attr); i++) {
		if (!tb[dest_u32_attr[i]])
			continue;
		v = nla_get_u32(tb[dest_u32_attr[i]]);
		memcpy((char *)d + dest_u32_off[i], &v, sizeof(v));
	}
}

int ipvs_parse_dest_nest(struct nlattr *nest, uint16_t svc_af,
			 struct ipvs_dest *out)
{
	struct nlattr *tb[IPVS_DEST_ATTR_MAX + 1];
	struct ipvs_dest d;
	int err;

	memset(&d, 0, sizeof(d));
	err = parse_nest(tb, IPVS_DEST_ATTR_MAX, nest, dest_pol);
	if (err)
		return err;
	if (!tb[IPVS_DEST_ATTR_ADDR] || !tb[IPVS_DEST_ATTR_PORT])
		return -EINVAL;
	d.af = tb[IPVS_DEST_ATTR_ADDR_FAMILY] ?
		       nla_get_u16(tb[IPVS_DEST_ATTR_ADDR_FAMILY]) :
		       svc_af;
	if (copy_addr(&d.addr, d.af, tb[IPVS_DEST_ATTR_ADDR]))
		return -EINVAL;
	d.port = ntohs(nla_get_u16(tb[IPVS_DEST_ATTR_PORT]));
	parse_dest_u32s(tb, &d);
	if (tb[IPVS_DEST_ATTR_TUN_TYPE])
		d.tun_type = nla_get_u8(tb[IPVS_DEST_ATTR_TUN_TYPE]);
	if (tb[IPVS_DEST_ATTR_TUN_PORT])
		d.tun_port = ntohs(nla_get_u16(tb[IPVS_DEST_ATTR_TUN_PORT]));
	if (tb[IPVS_DEST_ATTR_TUN_FLAGS])
		d.tun_flags = nla_get_u16(tb[IPVS_DEST_ATTR_TUN_FLAGS]);
	err = parse_both_stats(tb[IPVS_DEST_ATTR_STATS],
			       tb[IPVS_DEST_ATTR_STATS64], &d.stats,
			       &d.stats32);
	if (!err)
		*out = d;
	return err;
}

static int parse_daemon_opts(struct nlattr **tb, struct ipvs_daemon *d)
{
	struct nlattr *g6 = tb[IPVS_DAEMON_ATTR_MCAST_GROUP6];

	if (tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN])
		d->sync_maxlen = nla_get_u16(tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_PORT])
		d->mcast_port = nla_get_u16(tb[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_TTL])
		d->mcast_ttl = nla_get_u8(tb[IPVS_DAEMON_ATTR_MCAST_TTL]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_GROUP]) {
		d->mcast_af = AF_INET;
		d->mcast_group.in.s_addr =
			nla_get_u32(tb[IPVS_DAEMON_ATTR_MCAST_GROUP]);
	} else if (g6) {
		d->mcast_af = AF_INET6;
		memcpy(&d->mcast_group.in6, nla_data(g6),
		       sizeof(d->mcast_group.in6));
	}
	return 0;
}

static int parse_daemon_nest(struct nlattr *nest, struct ipvs_daemon *out)
{
	struct nlattr *tb[IPVS_DAEMON_ATTR_MAX + 1];
	struct ipvs_daemon d;
	int err;

	memset(&d, 0, sizeof(d));
	err = parse_nest(tb, IPVS_DAEMON_ATTR_MAX, nest, daemon_pol);
	if (err)
		return err;
	if (!tb[IPVS_DAEMON_ATTR_STATE] || !tb[IPVS_DAEMON_ATTR_MCAST_IFN] ||
	    !tb[IPVS_DAEMON_ATTR_SYNC_ID])
		return -EINVAL;
	d.state = nla_get_u32(tb[IPVS_DAEMON_ATTR_STATE]);
	d.syncid = nla_get_u32(tb[IPVS_DAEMON_ATTR_SYNC_ID]);
	err = copy_str(d.mcast_ifn, sizeof(d.mcast_ifn),
		       tb[IPVS_DAEMON_ATTR_MCAST_IFN]);
	if (!err)
		err = parse_daemon_opts(tb, &d);
	if (!err)
		*out = d;
	return err;
}

/* The single nested object a reply message carries. */
static int msg_nest(struct nlmsghdr *nlh, int type, struct nlattr **nest)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	int err = parse_msg(nlh, tb, IPVS_CMD_ATTR_MAX, cmd_pol);

	if (err)
		return err;
	*nest = tb[type];
	return *nest ? 0 : -EINVAL;
}

int ipvs_parse_service(struct nlmsghdr *nlh, struct ipvs_service *svc)
{
	struct nlattr *nest;
	int err = msg_nest(nlh, IPVS_CMD_ATTR_SERVICE, &nest);

	return err ? err : ipvs_parse_service_nest(nest, svc);
}

int ipvs_parse_dest(struct nlmsghdr *nlh, uint16_t svc_af, struct ipvs_dest *d)
{
	struct nlattr *nest;
	int err = msg_nest(nlh, IPVS_CMD_ATTR_DEST, &nest);

	return err ? err : ipvs_parse_dest_nest(nest, svc_af, d);
}

int ipvs_parse_daemon(struct nlmsghdr *nlh, struct ipvs_daemon *d)
{
	struct nlattr *nest;
	int err = msg_nest(nlh, IPVS_CMD_ATTR_DAEMON, &nest);

	return err ? err : parse_daemon_nest(nest, d);
}

int ipvs_parse_timeout(struct nlmsghdr *nlh, struct ipvs_timeout *t)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *a;
	int err = parse_msg(nlh, tb, IPVS_CMD_ATTR_MAX, cmd_pol);

	if (err)
		return err;
	memset(t, 0, sizeof(*t));
	a = tb[IPVS_CMD_ATTR_TIMEOUT_TCP];
	t->tcp = a ? nla_get_u32(a) : 0;
	a = tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN];
	t->tcp_fin = a ? nla_get_u32(a) : 0;
	a = tb[IPVS_CMD_ATTR_TIMEOUT_UDP];
	t->udp = a ? nla_get_u32(a) : 0;
	return 0;
}

int ipvs_parse_info(struct nlmsghdr *nlh, struct ipvs_info *info)
{
	struct nlattr *tb[IPVS_INFO_ATTR_MAX + 1];
	int err = parse_msg(nlh, tb, IPVS_INFO_ATTR_MAX, info_pol);

	if (err)
		return err;
	if (!tb[IPVS_INFO_ATTR_VERSION] || !tb[IPVS_INFO_ATTR_CONN_TAB_SIZE])
		return -EINVAL;
	info->version = nla_get_u32(tb[IPVS_INFO_ATTR_VERSION]);
	info->conn_tab_size = nla_get_u32(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}
