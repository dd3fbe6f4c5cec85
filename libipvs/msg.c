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

/*
 * Our own policy form: payload bounds worked out at compile time, so the
 * parse loop compares against two numbers instead of deriving them from
 * libnl's type and length fields for every attribute it meets.
 */
struct attr_pol {
	uint8_t type; /* NLA_*: how the readers below take the value */
	bool nul; /* a string: the payload ends in a NUL */
	uint16_t min; /* least payload */
	uint16_t max; /* most payload; 0 for no limit */
};

#define FIXED_LEN(t)          \
	((t) == NLA_U8	? 1 : \
	 (t) == NLA_U16 ? 2 : \
	 (t) == NLA_U32 ? 4 : \
	 (t) == NLA_U64 ? 8 : \
			  0)
#define POL(t)                                   \
	{                                        \
		.type = (t), .min = FIXED_LEN(t) \
	}
#define POL_STR(n)                                                    \
	{                                                             \
		.type = NLA_STRING, .nul = true, .min = 1, .max = (n) \
	}
#define POL_LEN(lo, hi)                                      \
	{                                                    \
		.type = NLA_UNSPEC, .min = (lo), .max = (hi) \
	}
#define ADDR_POLICY POL_LEN(sizeof(struct in_addr), sizeof(union ipvs_addr))

static const struct attr_pol cmd_pol[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE] = POL(NLA_NESTED),
	[IPVS_CMD_ATTR_DEST] = POL(NLA_NESTED),
	[IPVS_CMD_ATTR_DAEMON] = POL(NLA_NESTED),
	[IPVS_CMD_ATTR_TIMEOUT_TCP] = POL(NLA_U32),
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] = POL(NLA_U32),
	[IPVS_CMD_ATTR_TIMEOUT_UDP] = POL(NLA_U32),
};

static const struct attr_pol svc_pol[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF] = POL(NLA_U16),
	[IPVS_SVC_ATTR_PROTOCOL] = POL(NLA_U16),
	[IPVS_SVC_ATTR_ADDR] = ADDR_POLICY,
	[IPVS_SVC_ATTR_PORT] = POL(NLA_U16),
	[IPVS_SVC_ATTR_FWMARK] = POL(NLA_U32),
	[IPVS_SVC_ATTR_SCHED_NAME] = POL_STR(IPVS_SCHED_NAME_LEN),
	[IPVS_SVC_ATTR_FLAGS] = POL_LEN(sizeof(struct ip_vs_flags), 0),
	[IPVS_SVC_ATTR_TIMEOUT] = POL(NLA_U32),
	[IPVS_SVC_ATTR_NETMASK] = POL(NLA_U32),
	[IPVS_SVC_ATTR_STATS] = POL(NLA_NESTED),
	[IPVS_SVC_ATTR_PE_NAME] = POL_STR(IPVS_PE_NAME_LEN),
	[IPVS_SVC_ATTR_STATS64] = POL(NLA_NESTED),
};

static const struct attr_pol dest_pol[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR] = ADDR_POLICY,
	[IPVS_DEST_ATTR_PORT] = POL(NLA_U16),
	[IPVS_DEST_ATTR_FWD_METHOD] = POL(NLA_U32),
	[IPVS_DEST_ATTR_WEIGHT] = POL(NLA_U32),
	[IPVS_DEST_ATTR_U_THRESH] = POL(NLA_U32),
	[IPVS_DEST_ATTR_L_THRESH] = POL(NLA_U32),
	[IPVS_DEST_ATTR_ACTIVE_CONNS] = POL(NLA_U32),
	[IPVS_DEST_ATTR_INACT_CONNS] = POL(NLA_U32),
	[IPVS_DEST_ATTR_PERSIST_CONNS] = POL(NLA_U32),
	[IPVS_DEST_ATTR_STATS] = POL(NLA_NESTED),
	[IPVS_DEST_ATTR_ADDR_FAMILY] = POL(NLA_U16),
	[IPVS_DEST_ATTR_STATS64] = POL(NLA_NESTED),
	[IPVS_DEST_ATTR_TUN_TYPE] = POL(NLA_U8),
	[IPVS_DEST_ATTR_TUN_PORT] = POL(NLA_U16),
	[IPVS_DEST_ATTR_TUN_FLAGS] = POL(NLA_U16),
};

static const struct attr_pol daemon_pol[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE] = POL(NLA_U32),
	[IPVS_DAEMON_ATTR_MCAST_IFN] = POL_STR(IPVS_IFNAME_LEN),
	[IPVS_DAEMON_ATTR_SYNC_ID] = POL(NLA_U32),
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN] = POL(NLA_U16),
	[IPVS_DAEMON_ATTR_MCAST_GROUP] = POL(NLA_U32),
	[IPVS_DAEMON_ATTR_MCAST_GROUP6] = POL_LEN(sizeof(struct in6_addr), 0),
	[IPVS_DAEMON_ATTR_MCAST_PORT] = POL(NLA_U16),
	[IPVS_DAEMON_ATTR_MCAST_TTL] = POL(NLA_U8),
};

/* In the 32-bit nest only the byte counters are 64-bit. */
static const struct attr_pol stats32_pol[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS] = POL(NLA_U32),
	[IPVS_STATS_ATTR_INPKTS] = POL(NLA_U32),
	[IPVS_STATS_ATTR_OUTPKTS] = POL(NLA_U32),
	[IPVS_STATS_ATTR_INBYTES] = POL(NLA_U64),
	[IPVS_STATS_ATTR_OUTBYTES] = POL(NLA_U64),
	[IPVS_STATS_ATTR_CPS] = POL(NLA_U32),
	[IPVS_STATS_ATTR_INPPS] = POL(NLA_U32),
	[IPVS_STATS_ATTR_OUTPPS] = POL(NLA_U32),
	[IPVS_STATS_ATTR_INBPS] = POL(NLA_U32),
	[IPVS_STATS_ATTR_OUTBPS] = POL(NLA_U32),
};

static const struct attr_pol stats64_pol[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS] = POL(NLA_U64),
	[IPVS_STATS_ATTR_INPKTS] = POL(NLA_U64),
	[IPVS_STATS_ATTR_OUTPKTS] = POL(NLA_U64),
	[IPVS_STATS_ATTR_INBYTES] = POL(NLA_U64),
	[IPVS_STATS_ATTR_OUTBYTES] = POL(NLA_U64),
	[IPVS_STATS_ATTR_CPS] = POL(NLA_U64),
	[IPVS_STATS_ATTR_INPPS] = POL(NLA_U64),
	[IPVS_STATS_ATTR_OUTPPS] = POL(NLA_U64),
	[IPVS_STATS_ATTR_INBPS] = POL(NLA_U64),
	[IPVS_STATS_ATTR_OUTBPS] = POL(NLA_U64),
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
static const struct attr_pol info_pol[IPVS_INFO_ATTR_MAX + 1] = {
	[IPVS_INFO_ATTR_VERSION] = POL(NLA_U32),
	[IPVS_INFO_ATTR_CONN_TAB_SIZE] = POL(NLA_U32),
};

/* --- building ------------------------------------------------------------ */

bool ipvs_op_is_change(enum ipvs_op op)
{
	return (unsigned int)op < IPVS_OP_COUNT && op_tab[op].change;
}

/*
 * Requests are written straight into the caller's buffer: a restore makes
 * one per line, and libnl's nl_msg (an allocation, a page and several
 * calls per attribute) cost more than the rest of the line's work.  The
 * first error sticks in w->err, so the writers below need no checks.
 */
struct wbuf {
	uint8_t *p;
	size_t len;
	size_t cap;
	int err;
};

/* n bytes at the tail, the alignment padding after them zeroed. */
static inline void *w_reserve(struct wbuf *w, size_t n)
{
	size_t total = NLA_ALIGN(n);
	uint8_t *r;

	if (w->err || total > w->cap - w->len) {
		w->err = w->err ? w->err : -EMSGSIZE;
		return NULL;
	}
	r = w->p + w->len;
	/* The padding is at most 3 bytes of the last word: zero that word
	 * before the caller writes into it (the tail is 4-byte aligned). */
	if (total)
		memset(r + total - NLA_ALIGNTO, 0, NLA_ALIGNTO);
	w->len += total;
	return r;
}

static inline void w_put(struct wbuf *w, int type, const void *data, size_t n)
{
	struct nlattr *a = w_reserve(w, NLA_HDRLEN + n);

	if (!a)
		return;
	a->nla_len = (uint16_t)(NLA_HDRLEN + n);
	a->nla_type = (uint16_t)type;
	if (n)
		memcpy((uint8_t *)a + NLA_HDRLEN, data, n);
}

static void w_u8(struct wbuf *w, int type, uint8_t v)
{
	w_put(w, type, &v, sizeof(v));
}

static void w_u16(struct wbuf *w, int type, uint16_t v)
{
	w_put(w, type, &v, sizeof(v));
}

static void w_u32(struct wbuf *w, int type, uint32_t v)
{
	w_put(w, type, &v, sizeof(v));
}

/* A NUL-terminated string from a fixed array, refusing unterminated ones. */
static void w_str(struct wbuf *w, int type, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	if (n == size && !w->err)
		w->err = -EINVAL;
	w_put(w, type, s, n + 1);
}

/* Returns where the nest starts, for w_nest_end(). */
static size_t w_nest_start(struct wbuf *w, int type)
{
	size_t off = w->len;

	w_put(w, type | NLA_F_NESTED, NULL, 0);
	return off;
}

static void w_nest_end(struct wbuf *w, size_t off)
{
	struct nlattr *a = (struct nlattr *)(w->p + off);

	if (!w->err)
		a->nla_len = (uint16_t)(w->len - off);
}

static void put_svc_id(struct wbuf *w, const struct ipvs_service *s)
{
	w_u16(w, IPVS_SVC_ATTR_AF, s->af);
	if (s->fwmark) {
		w_u32(w, IPVS_SVC_ATTR_FWMARK, s->fwmark);
		return;
	}
	w_u16(w, IPVS_SVC_ATTR_PROTOCOL, s->protocol);
	w_put(w, IPVS_SVC_ATTR_ADDR, &s->addr, sizeof(s->addr));
	w_u16(w, IPVS_SVC_ATTR_PORT, htons(s->port));
}

static void put_svc_params(struct wbuf *w, const struct ipvs_service *s)
{
	struct ip_vs_flags fl = {
		.flags = s->flags,
		.mask = s->flags_mask ? s->flags_mask : ~0U,
	};

	w_str(w, IPVS_SVC_ATTR_SCHED_NAME, s->sched_name,
	      sizeof(s->sched_name));
	w_put(w, IPVS_SVC_ATTR_FLAGS, &fl, sizeof(fl));
	w_u32(w, IPVS_SVC_ATTR_TIMEOUT, s->timeout);
	w_u32(w, IPVS_SVC_ATTR_NETMASK, s->netmask);
	if (s->pe_name[0])
		w_str(w, IPVS_SVC_ATTR_PE_NAME, s->pe_name, sizeof(s->pe_name));
}

static void put_svc(struct wbuf *w, const struct ipvs_service *s, int kind)
{
	size_t nest;

	if (kind == PUT_NONE || (kind == PUT_OPT_ID && !s))
		return;
	if (!s) {
		w->err = -EINVAL;
		return;
	}
	nest = w_nest_start(w, IPVS_CMD_ATTR_SERVICE);
	put_svc_id(w, s);
	if (kind == PUT_FULL)
		put_svc_params(w, s);
	w_nest_end(w, nest);
}

static void put_dest_params(struct wbuf *w, const struct ipvs_dest *d)
{
	w_u32(w, IPVS_DEST_ATTR_FWD_METHOD, d->conn_flags & 7);
	w_u32(w, IPVS_DEST_ATTR_WEIGHT, (uint32_t)d->weight);
	w_u32(w, IPVS_DEST_ATTR_U_THRESH, d->u_threshold);
	w_u32(w, IPVS_DEST_ATTR_L_THRESH, d->l_threshold);
	if ((d->conn_flags & 7) != IPVS_FWD_TUNNEL)
		return;
	w_u8(w, IPVS_DEST_ATTR_TUN_TYPE, d->tun_type);
	w_u16(w, IPVS_DEST_ATTR_TUN_PORT, htons(d->tun_port));
	w_u16(w, IPVS_DEST_ATTR_TUN_FLAGS, d->tun_flags);
}

static void put_dest(struct wbuf *w, const struct ipvs_msg_args *a, int kind)
{
	const struct ipvs_dest *d = a->dest;
	size_t nest;

	if (kind == PUT_NONE)
		return;
	if (!d || !a->svc) {
		w->err = -EINVAL;
		return;
	}
	nest = w_nest_start(w, IPVS_CMD_ATTR_DEST);
	w_put(w, IPVS_DEST_ATTR_ADDR, &d->addr, sizeof(d->addr));
	w_u16(w, IPVS_DEST_ATTR_PORT, htons(d->port));
	w_u16(w, IPVS_DEST_ATTR_ADDR_FAMILY, d->af ? d->af : a->svc->af);
	if (kind == PUT_FULL)
		put_dest_params(w, d);
	w_nest_end(w, nest);
}

static void put_daemon_opts(struct wbuf *w, const struct ipvs_daemon *d)
{
	if (d->sync_maxlen)
		w_u16(w, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d->sync_maxlen);
	if (d->mcast_af == AF_INET && d->mcast_group.in.s_addr)
		w_u32(w, IPVS_DAEMON_ATTR_MCAST_GROUP,
		      d->mcast_group.in.s_addr);
	if (d->mcast_af == AF_INET6 &&
	    !IN6_IS_ADDR_UNSPECIFIED(&d->mcast_group.in6))
		w_put(w, IPVS_DAEMON_ATTR_MCAST_GROUP6, &d->mcast_group.in6,
		      sizeof(d->mcast_group.in6));
	if (d->mcast_port)
		w_u16(w, IPVS_DAEMON_ATTR_MCAST_PORT, d->mcast_port);
	if (d->mcast_ttl)
		w_u8(w, IPVS_DAEMON_ATTR_MCAST_TTL, d->mcast_ttl);
}

static void put_daemon(struct wbuf *w, const struct ipvs_daemon *d, int kind)
{
	size_t nest;

	if (kind == PUT_NONE)
		return;
	if (!d) {
		w->err = -EINVAL;
		return;
	}
	nest = w_nest_start(w, IPVS_CMD_ATTR_DAEMON);
	w_u32(w, IPVS_DAEMON_ATTR_STATE, d->state);
	w_str(w, IPVS_DAEMON_ATTR_MCAST_IFN, d->mcast_ifn,
	      sizeof(d->mcast_ifn));
	w_u32(w, IPVS_DAEMON_ATTR_SYNC_ID, d->syncid);
	if (kind == PUT_FULL)
		put_daemon_opts(w, d);
	w_nest_end(w, nest);
}

static void put_timeout(struct wbuf *w, const struct ipvs_timeout *t)
{
	if (!t) {
		w->err = -EINVAL;
		return;
	}
	w_u32(w, IPVS_CMD_ATTR_TIMEOUT_TCP, t->tcp);
	w_u32(w, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t->tcp_fin);
	w_u32(w, IPVS_CMD_ATTR_TIMEOUT_UDP, t->udp);
}

int ipvs_msg_write(void *buf, size_t cap, int family, enum ipvs_op op,
		   const struct ipvs_msg_args *a)
{
	static const struct ipvs_msg_args none;
	struct wbuf w = { .p = buf, .cap = cap };
	const struct op_desc *od;
	struct nlmsghdr *h;
	struct genlmsghdr *g;

	if ((unsigned int)op >= IPVS_OP_COUNT || !op_tab[op].cmd)
		return -EINVAL;
	od = &op_tab[op];
	a = a ? a : &none;
	h = w_reserve(&w, NLMSG_HDRLEN);
	g = w_reserve(&w, GENL_HDRLEN);
	if (!g)
		return w.err;
	memset(h, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	h->nlmsg_type = (uint16_t)family;
	h->nlmsg_flags = od->dump ? NLM_F_DUMP : 0;
	g->cmd = od->cmd;
	g->version = IPVS_GENL_VERSION;
	put_svc(&w, a->svc, od->svc);
	put_dest(&w, a, od->dest);
	put_daemon(&w, a->daemon, od->daemon);
	if (od->timeout)
		put_timeout(&w, a->timeout);
	if (w.err)
		return w.err;
	h->nlmsg_len = (uint32_t)w.len;
	return (int)w.len;
}

int ipvs_msg_build(struct nl_msg **out, int family, enum ipvs_op op,
		   const struct ipvs_msg_args *a)
{
	struct nl_msg *m;
	int n;

	*out = NULL;
	m = nlmsg_alloc_size(IPVS_MSG_MAX);
	if (!m)
		return -ENOMEM;
	n = ipvs_msg_write(nlmsg_hdr(m), IPVS_MSG_MAX, family, op, a);
	if (n < 0) {
		nlmsg_free(m);
		return n;
	}
	*out = m;
	return 0;
}

/* --- parsing ------------------------------------------------------------- */

/* Attribute access without a library call each: listings make millions. */
static inline void *a_data(const struct nlattr *a)
{
	return (uint8_t *)a + NLA_HDRLEN;
}

static inline int a_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static inline uint8_t a_u8(const struct nlattr *a)
{
	return *(const uint8_t *)a_data(a);
}

static inline uint16_t a_u16(const struct nlattr *a)
{
	uint16_t v;

	memcpy(&v, a_data(a), sizeof(v));
	return v;
}

static inline uint32_t a_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, a_data(a), sizeof(v));
	return v;
}

static inline uint64_t a_u64(const struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, a_data(a), sizeof(v));
	return v;
}

/* A known attribute's payload against its policy. */
static bool attr_ok(const uint8_t *a, unsigned int alen,
		    const struct attr_pol *pt)
{
	unsigned int len = alen - NLA_HDRLEN;

	if (len < pt->min || (pt->max && len > pt->max))
		return false;
	return !pt->nul || !a[alen - 1];
}

/*
 * One walk over an attribute stream: every attribute whole and inside the
 * stream, no bytes left over, each known one valid for its policy (a
 * later duplicate replaces an earlier one), unknown ones skipped.  It
 * replaces libnl's nla_parse(), which stops quietly at a truncated
 * attribute, ignores leftover bytes and cost half of a listing.
 */
static int parse_attrs(struct nlattr **tb, int max, struct nlattr *head,
		       int len, const struct attr_pol *pol)
{
	const uint8_t *p = (const uint8_t *)head;
	const struct nlattr *a;
	unsigned int alen, type;
	size_t off, n = (size_t)len;

	if (len < 0)
		return -EINVAL;
	memset(tb, 0, ((size_t)max + 1) * sizeof(*tb));
	for (off = 0; off + NLA_HDRLEN <= n; off += NLA_ALIGN(alen)) {
		a = (const struct nlattr *)(p + off);
		alen = a->nla_len;
		if (alen < NLA_HDRLEN || alen > n - off)
			return -EINVAL;
		/* type 0 wraps around and is skipped with the unknown ones. */
		type = (a->nla_type & NLA_TYPE_MASK) - 1U;
		if (type >= (unsigned int)max)
			continue;
		if (!attr_ok(p + off, alen, &pol[type + 1]))
			return -EINVAL;
		tb[type + 1] = (struct nlattr *)a;
	}
	/* Past the end: the last attribute came without its padding. */
	return off >= n ? 0 : -EINVAL;
}

static int parse_nest(struct nlattr **tb, int max, struct nlattr *nest,
		      const struct attr_pol *pol)
{
	return parse_attrs(tb, max, a_data(nest), a_len(nest), pol);
}

static int parse_msg(struct nlmsghdr *nlh, struct nlattr **tb, int max,
		     const struct attr_pol *pol)
{
	/* genlmsg_valid_hdr() and genlmsg_attrdata(), without the calls. */
	if (!nlh || nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EINVAL;
	return parse_attrs(
		tb, max,
		(struct nlattr *)((uint8_t *)nlh + NLMSG_HDRLEN + GENL_HDRLEN),
		(int)(nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN), pol);
}

static int copy_str(char *dst, size_t size, const struct nlattr *a)
{
	const char *s = a_data(a);
	size_t n = strnlen(s, (size_t)a_len(a));

	if (n >= size)
		return -EINVAL;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

static int copy_addr(union ipvs_addr *dst, uint16_t af, const struct nlattr *a)
{
	size_t len = (size_t)a_len(a);

	if (af == AF_INET6 && len < sizeof(dst->in6))
		return -EINVAL;
	if (len > sizeof(*dst))
		len = sizeof(*dst);
	memset(dst, 0, sizeof(*dst));
	memcpy(dst, a_data(a), len);
	return 0;
}

static int parse_stats(struct nlattr *nest, bool wide, struct ipvs_stats *st)
{
	const struct attr_pol *pol = wide ? stats64_pol : stats32_pol;
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
		*field = pol[i].type == NLA_U64 ? a_u64(tb[i]) : a_u32(tb[i]);
	}
	return 0;
}

static bool want_stats = true;

void ipvs_want_stats(bool want)
{
	want_stats = want;
}

/* stats from the 64-bit nest when present, stats32 from the 32-bit one. */
static int parse_both_stats(struct nlattr *s32, struct nlattr *s64,
			    struct ipvs_stats *st, struct ipvs_stats *st32)
{
	int err;

	if (!want_stats) {
		memset(st, 0, sizeof(*st));
		memset(st32, 0, sizeof(*st32));
		return 0;
	}
	err = parse_stats(s32, false, st32);
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
	s->af = a_u16(tb[IPVS_SVC_ATTR_AF]);
	if (tb[IPVS_SVC_ATTR_FWMARK])
		s->fwmark = a_u32(tb[IPVS_SVC_ATTR_FWMARK]);
	if (tb[IPVS_SVC_ATTR_PROTOCOL])
		s->protocol = a_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
	if (tb[IPVS_SVC_ATTR_PORT])
		s->port = ntohs(a_u16(tb[IPVS_SVC_ATTR_PORT]));
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
		memcpy(&fl, a_data(tb[IPVS_SVC_ATTR_FLAGS]), sizeof(fl));
		s->flags = fl.flags;
		s->flags_mask = fl.mask == ~0U ? 0 : fl.mask;
	}
	if (tb[IPVS_SVC_ATTR_TIMEOUT])
		s->timeout = a_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	if (tb[IPVS_SVC_ATTR_NETMASK])
		s->netmask = a_u32(tb[IPVS_SVC_ATTR_NETMASK]);
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
		v = a_u32(tb[dest_u32_attr[i]]);
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
		       a_u16(tb[IPVS_DEST_ATTR_ADDR_FAMILY]) :
		       svc_af;
	if (copy_addr(&d.addr, d.af, tb[IPVS_DEST_ATTR_ADDR]))
		return -EINVAL;
	d.port = ntohs(a_u16(tb[IPVS_DEST_ATTR_PORT]));
	parse_dest_u32s(tb, &d);
	if (tb[IPVS_DEST_ATTR_TUN_TYPE])
		d.tun_type = a_u8(tb[IPVS_DEST_ATTR_TUN_TYPE]);
	if (tb[IPVS_DEST_ATTR_TUN_PORT])
		d.tun_port = ntohs(a_u16(tb[IPVS_DEST_ATTR_TUN_PORT]));
	if (tb[IPVS_DEST_ATTR_TUN_FLAGS])
		d.tun_flags = a_u16(tb[IPVS_DEST_ATTR_TUN_FLAGS]);
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
		d->sync_maxlen = a_u16(tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_PORT])
		d->mcast_port = a_u16(tb[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_TTL])
		d->mcast_ttl = a_u8(tb[IPVS_DAEMON_ATTR_MCAST_TTL]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_GROUP]) {
		d->mcast_af = AF_INET;
		d->mcast_group.in.s_addr =
			a_u32(tb[IPVS_DAEMON_ATTR_MCAST_GROUP]);
	} else if (g6) {
		d->mcast_af = AF_INET6;
		memcpy(&d->mcast_group.in6, a_data(g6),
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
	d.state = a_u32(tb[IPVS_DAEMON_ATTR_STATE]);
	d.syncid = a_u32(tb[IPVS_DAEMON_ATTR_SYNC_ID]);
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
	t->tcp = a ? a_u32(a) : 0;
	a = tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN];
	t->tcp_fin = a ? a_u32(a) : 0;
	a = tb[IPVS_CMD_ATTR_TIMEOUT_UDP];
	t->udp = a ? a_u32(a) : 0;
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
	info->version = a_u32(tb[IPVS_INFO_ATTR_VERSION]);
	info->conn_tab_size = a_u32(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}
