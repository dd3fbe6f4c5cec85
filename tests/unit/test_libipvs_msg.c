// SPDX-License-Identifier: GPL-2.0-or-later
/* test_libipvs_msg.c: request building and policy-checked reply parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include <linux/ip_vs.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "libipvs/msg.h"

#define FAM 42

/* --- helpers for requests -------------------------------------------------- */

static struct nl_msg *build(enum ipvs_op op, const struct ipvs_msg_args *a)
{
	struct nl_msg *m = NULL;

	assert_int_equal(ipvs_msg_build(&m, FAM, op, a), 0);
	assert_non_null(m);
	assert_int_equal(nlmsg_hdr(m)->nlmsg_type, FAM);
	return m;
}

static int cmd_of(struct nl_msg *m)
{
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(m));

	return g->cmd;
}

static struct nlattr *top(struct nl_msg *m, int type)
{
	return nlmsg_find_attr(nlmsg_hdr(m), GENL_HDRLEN, type);
}

static struct nlattr *sub(struct nlattr *nest, int type)
{
	assert_non_null(nest);
	return nla_find(nla_data(nest), nla_len(nest), type);
}

static int count_attrs(struct nlattr *nest)
{
	struct nlattr *a;
	int rem, n = 0;

	nla_for_each_nested(a, nest, rem)
		n++;
	return n;
}

static struct ipvs_service tcp_svc(void)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	s.af = AF_INET;
	s.protocol = IPPROTO_TCP;
	inet_pton(AF_INET, "10.0.0.1", &s.addr.in);
	s.port = 80;
	strcpy(s.sched_name, "wlc");
	return s;
}

static struct ipvs_dest tun_dest(void)
{
	struct ipvs_dest d;

	memset(&d, 0, sizeof(d));
	inet_pton(AF_INET, "192.168.1.2", &d.addr.in);
	d.port = 8080;
	d.conn_flags = IPVS_FWD_TUNNEL;
	d.weight = 7;
	d.u_threshold = 100;
	d.l_threshold = 10;
	d.tun_type = IPVS_TUN_GUE;
	d.tun_port = 6080;
	d.tun_flags = IPVS_TUN_F_CSUM;
	return d;
}

/* --- request building ------------------------------------------------------ */

static void test_add_service_full(void **state)
{
	struct ipvs_service s = tcp_svc(), p;
	struct ipvs_msg_args a = { .svc = &s };
	struct ip_vs_flags fl;
	struct nl_msg *m;
	struct nlattr *n;

	(void)state;
	s.flags = IPVS_SVC_F_PERSISTENT | IPVS_SVC_F_SCHED1;
	s.timeout = 300;
	s.netmask = htonl(0xffffff00);
	m = build(IPVS_OP_ADD_SERVICE, &a);
	assert_int_equal(cmd_of(m), IPVS_CMD_NEW_SERVICE);
	assert_false(nlmsg_hdr(m)->nlmsg_flags & NLM_F_DUMP);
	n = top(m, IPVS_CMD_ATTR_SERVICE);
	assert_null(sub(n, IPVS_SVC_ATTR_FWMARK));
	assert_null(sub(n, IPVS_SVC_ATTR_PE_NAME));
	assert_int_equal(nla_get_u16(sub(n, IPVS_SVC_ATTR_PORT)), htons(80));
	assert_int_equal(nla_len(sub(n, IPVS_SVC_ATTR_ADDR)), 16);
	memcpy(&fl, nla_data(sub(n, IPVS_SVC_ATTR_FLAGS)), sizeof(fl));
	assert_int_equal(fl.flags, s.flags);
	assert_int_equal(fl.mask, ~0U);
	assert_int_equal(ipvs_parse_service(nlmsg_hdr(m), &p), 0);
	assert_int_equal(p.af, AF_INET);
	assert_int_equal(p.protocol, IPPROTO_TCP);
	assert_int_equal(p.port, 80);
	assert_memory_equal(&p.addr, &s.addr, sizeof(s.addr));
	assert_string_equal(p.sched_name, "wlc");
	assert_int_equal(p.flags, s.flags);
	assert_int_equal(p.flags_mask, 0);
	assert_int_equal(p.timeout, 300);
	assert_int_equal(p.netmask, htonl(0xffffff00));
	nlmsg_free(m);
}

static void test_edit_service_fwmark_pe_mask(void **state)
{
	struct ipvs_service s = tcp_svc(), p;
	struct ipvs_msg_args a = { .svc = &s };
	struct ip_vs_flags fl;
	struct nl_msg *m;
	struct nlattr *n;

	(void)state;
	s.af = AF_INET6;
	s.fwmark = 17;
	s.flags = IPVS_SVC_F_ONEPACKET;
	s.flags_mask = IPVS_SVC_F_ONEPACKET;
	s.netmask = 64;
	strcpy(s.pe_name, "sip");
	m = build(IPVS_OP_EDIT_SERVICE, &a);
	assert_int_equal(cmd_of(m), IPVS_CMD_SET_SERVICE);
	n = top(m, IPVS_CMD_ATTR_SERVICE);
	assert_null(sub(n, IPVS_SVC_ATTR_PROTOCOL));
	assert_null(sub(n, IPVS_SVC_ATTR_ADDR));
	assert_null(sub(n, IPVS_SVC_ATTR_PORT));
	memcpy(&fl, nla_data(sub(n, IPVS_SVC_ATTR_FLAGS)), sizeof(fl));
	assert_int_equal(fl.mask, IPVS_SVC_F_ONEPACKET);
	assert_int_equal(ipvs_parse_service(nlmsg_hdr(m), &p), 0);
	assert_int_equal(p.fwmark, 17);
	assert_int_equal(p.af, AF_INET6);
	assert_string_equal(p.pe_name, "sip");
	assert_int_equal(p.netmask, 64);
	assert_int_equal(p.flags_mask, IPVS_SVC_F_ONEPACKET);
	nlmsg_free(m);
}

/* Identity-only requests carry AF plus fwmark or protocol/addr/port. */
static void test_identity_only_ops(void **state)
{
	static const enum ipvs_op ops[] = { IPVS_OP_DEL_SERVICE, IPVS_OP_ZERO,
					    IPVS_OP_GET_SERVICE,
					    IPVS_OP_GET_DESTS };
	static const int cmds[] = { IPVS_CMD_DEL_SERVICE, IPVS_CMD_ZERO,
				    IPVS_CMD_GET_SERVICE, IPVS_CMD_GET_DEST };
	struct ipvs_service s = tcp_svc();
	struct ipvs_msg_args a = { .svc = &s };
	struct nl_msg *m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		m = build(ops[i], &a);
		assert_int_equal(cmd_of(m), cmds[i]);
		assert_int_equal(count_attrs(top(m, IPVS_CMD_ATTR_SERVICE)), 4);
		assert_int_equal(!!(nlmsg_hdr(m)->nlmsg_flags & NLM_F_DUMP),
				 ops[i] == IPVS_OP_GET_DESTS);
		nlmsg_free(m);
	}
	s.fwmark = 5;
	m = build(IPVS_OP_DEL_SERVICE, &a);
	assert_int_equal(count_attrs(top(m, IPVS_CMD_ATTR_SERVICE)), 2);
	nlmsg_free(m);
}

static void test_no_attr_ops(void **state)
{
	static const enum ipvs_op ops[] = {
		IPVS_OP_ZERO,	      IPVS_OP_FLUSH,	   IPVS_OP_GET_INFO,
		IPVS_OP_GET_SERVICES, IPVS_OP_GET_TIMEOUT, IPVS_OP_GET_DAEMON,
	};
	struct nl_msg *m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		m = build(ops[i], NULL);
		assert_int_equal(nlmsg_hdr(m)->nlmsg_len,
				 NLMSG_HDRLEN + GENL_HDRLEN);
		nlmsg_free(m);
	}
	m = build(IPVS_OP_GET_SERVICES, NULL);
	assert_true(nlmsg_hdr(m)->nlmsg_flags & NLM_F_DUMP);
	assert_int_equal(cmd_of(m), IPVS_CMD_GET_SERVICE);
	nlmsg_free(m);
}

static void test_dest_tunnel(void **state)
{
	struct ipvs_service s = tcp_svc();
	struct ipvs_dest d = tun_dest(), p;
	struct ipvs_msg_args a = { .svc = &s, .dest = &d };
	struct nl_msg *m;
	struct nlattr *n;

	(void)state;
	s.af = AF_INET6; /* an IPv4 tunnel dest in an IPv6 service */
	d.af = AF_INET;
	m = build(IPVS_OP_ADD_DEST, &a);
	assert_int_equal(cmd_of(m), IPVS_CMD_NEW_DEST);
	assert_int_equal(count_attrs(top(m, IPVS_CMD_ATTR_SERVICE)), 4);
	n = top(m, IPVS_CMD_ATTR_DEST);
	assert_int_equal(nla_get_u16(sub(n, IPVS_DEST_ATTR_TUN_PORT)),
			 htons(6080));
	assert_int_equal(nla_get_u16(sub(n, IPVS_DEST_ATTR_ADDR_FAMILY)),
			 AF_INET);
	assert_int_equal(ipvs_parse_dest(nlmsg_hdr(m), AF_INET6, &p), 0);
	assert_int_equal(p.af, AF_INET);
	assert_int_equal(p.port, 8080);
	assert_int_equal(p.conn_flags, IPVS_FWD_TUNNEL);
	assert_int_equal(p.weight, 7);
	assert_int_equal(p.u_threshold, 100);
	assert_int_equal(p.l_threshold, 10);
	assert_int_equal(p.tun_type, IPVS_TUN_GUE);
	assert_int_equal(p.tun_port, 6080);
	assert_int_equal(p.tun_flags, IPVS_TUN_F_CSUM);
	nlmsg_free(m);
}

static void test_dest_masq_and_del(void **state)
{
	struct ipvs_service s = tcp_svc();
	struct ipvs_dest d = tun_dest(), p;
	struct ipvs_msg_args a = { .svc = &s, .dest = &d };
	struct nl_msg *m;
	struct nlattr *n;

	(void)state;
	d.conn_flags = IPVS_FWD_MASQ;
	m = build(IPVS_OP_EDIT_DEST, &a);
	assert_int_equal(cmd_of(m), IPVS_CMD_SET_DEST);
	n = top(m, IPVS_CMD_ATTR_DEST);
	assert_null(sub(n, IPVS_DEST_ATTR_TUN_TYPE));
	assert_null(sub(n, IPVS_DEST_ATTR_TUN_PORT));
	assert_int_equal(count_attrs(n), 7);
	/* af 0 means the service's */
	assert_int_equal(nla_get_u16(sub(n, IPVS_DEST_ATTR_ADDR_FAMILY)),
			 AF_INET);
	nlmsg_free(m);
	m = build(IPVS_OP_DEL_DEST, &a);
	assert_int_equal(cmd_of(m), IPVS_CMD_DEL_DEST);
	assert_int_equal(count_attrs(top(m, IPVS_CMD_ATTR_DEST)), 3);
	assert_int_equal(ipvs_parse_dest(nlmsg_hdr(m), AF_INET, &p), 0);
	assert_int_equal(p.port, 8080);
	nlmsg_free(m);
}

static void test_daemon_requests(void **state)
{
	struct ipvs_daemon d, p;
	struct ipvs_msg_args a = { .daemon = &d };
	struct nl_msg *m;
	struct nlattr *n;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.state = IPVS_STATE_MASTER;
	strcpy(d.mcast_ifn, "v0");
	d.syncid = 9;
	m = build(IPVS_OP_START_DAEMON, &a);
	assert_int_equal(cmd_of(m), IPVS_CMD_NEW_DAEMON);
	assert_int_equal(count_attrs(top(m, IPVS_CMD_ATTR_DAEMON)), 3);
	nlmsg_free(m);

	d.sync_maxlen = 1400;
	d.mcast_af = AF_INET6;
	inet_pton(AF_INET6, "ff02::1:2", &d.mcast_group.in6);
	d.mcast_port = 8848;
	d.mcast_ttl = 3;
	m = build(IPVS_OP_START_DAEMON, &a);
	n = top(m, IPVS_CMD_ATTR_DAEMON);
	assert_int_equal(count_attrs(n), 7);
	assert_null(sub(n, IPVS_DAEMON_ATTR_MCAST_GROUP));
	assert_int_equal(ipvs_parse_daemon(nlmsg_hdr(m), &p), 0);
	assert_int_equal(p.state, d.state);
	assert_string_equal(p.mcast_ifn, "v0");
	assert_int_equal(p.syncid, 9);
	assert_int_equal(p.sync_maxlen, 1400);
	assert_int_equal(p.mcast_af, AF_INET6);
	assert_memory_equal(&p.mcast_group.in6, &d.mcast_group.in6, 16);
	assert_int_equal(p.mcast_port, 8848);
	assert_int_equal(p.mcast_ttl, 3);
	nlmsg_free(m);

	memset(&d, 0, sizeof(d));
	d.state = IPVS_STATE_BACKUP;
	m = build(IPVS_OP_STOP_DAEMON, &a);
	assert_int_equal(cmd_of(m), IPVS_CMD_DEL_DAEMON);
	n = top(m, IPVS_CMD_ATTR_DAEMON);
	assert_int_equal(count_attrs(n), 3);
	assert_string_equal(nla_data(sub(n, IPVS_DAEMON_ATTR_MCAST_IFN)), "");
	nlmsg_free(m);
}

static void test_timeout_request(void **state)
{
	struct ipvs_timeout t = { .tcp = 900, .tcp_fin = 0, .udp = 30 }, p;
	struct ipvs_msg_args a = { .timeout = &t };
	struct nl_msg *m;

	(void)state;
	m = build(IPVS_OP_SET_TIMEOUT, &a);
	assert_int_equal(cmd_of(m), IPVS_CMD_SET_CONFIG);
	/* all three, zero meaning "keep" */
	assert_non_null(top(m, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN));
	assert_int_equal(ipvs_parse_timeout(nlmsg_hdr(m), &p), 0);
	assert_memory_equal(&p, &t, sizeof(t));
	nlmsg_free(m);
}

static void test_build_refusals(void **state)
{
	struct ipvs_service s = tcp_svc();
	struct ipvs_msg_args a = { .svc = &s };
	struct nl_msg *m = (struct nl_msg *)&m;

	(void)state;
	assert_int_equal(ipvs_msg_build(&m, FAM, IPVS_OP_COUNT, &a), -EINVAL);
	assert_null(m);
	assert_int_equal(ipvs_msg_build(&m, FAM, IPVS_OP_ADD_SERVICE, NULL),
			 -EINVAL);
	assert_int_equal(ipvs_msg_build(&m, FAM, IPVS_OP_ADD_DEST, &a),
			 -EINVAL);
	assert_int_equal(ipvs_msg_build(&m, FAM, IPVS_OP_SET_TIMEOUT, &a),
			 -EINVAL);
	memset(s.sched_name, 'x', sizeof(s.sched_name)); /* unterminated */
	assert_int_equal(ipvs_msg_build(&m, FAM, IPVS_OP_ADD_SERVICE, &a),
			 -EINVAL);
	assert_null(m);
	assert_true(ipvs_op_is_change(IPVS_OP_ADD_DEST));
	assert_true(ipvs_op_is_change(IPVS_OP_SET_TIMEOUT));
	assert_false(ipvs_op_is_change(IPVS_OP_GET_SERVICES));
	assert_false(ipvs_op_is_change(IPVS_OP_START_DAEMON));
}

/* --- hand-made replies ----------------------------------------------------- */

/* A raw attribute stream, built byte by byte so it can be broken. */
struct raw {
	uint8_t b[2048];
	size_t len;
};

static void put(struct raw *r, uint16_t type, const void *d, size_t dlen)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + dlen),
			    .nla_type = type };

	memcpy(r->b + r->len, &a, sizeof(a));
	memcpy(r->b + r->len + NLA_HDRLEN, d, dlen);
	memset(r->b + r->len + NLA_HDRLEN + dlen, 0, NLA_ALIGN(dlen) - dlen);
	r->len += NLA_HDRLEN + NLA_ALIGN(dlen);
}

static void put16(struct raw *r, uint16_t type, uint16_t v)
{
	put(r, type, &v, sizeof(v));
}

static void put32(struct raw *r, uint16_t type, uint32_t v)
{
	put(r, type, &v, sizeof(v));
}

static void put64(struct raw *r, uint16_t type, uint64_t v)
{
	put(r, type, &v, sizeof(v));
}

static size_t nest_start(struct raw *r)
{
	size_t at = r->len;

	r->len += NLA_HDRLEN;
	return at;
}

static void nest_end(struct raw *r, size_t at, uint16_t type)
{
	struct nlattr a = { .nla_len = (uint16_t)(r->len - at),
			    .nla_type = type };

	memcpy(r->b + at, &a, sizeof(a));
}

/* A heap message of exactly the right size, so ASan sees any overread. */
static struct nlmsghdr *mkmsg(const struct raw *r, uint8_t cmd)
{
	size_t len = NLMSG_HDRLEN + GENL_HDRLEN + r->len;
	struct nlmsghdr *h = malloc(len);
	struct genlmsghdr *g;

	assert_non_null(h);
	memset(h, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	h->nlmsg_len = (uint32_t)len;
	h->nlmsg_type = FAM;
	g = NLMSG_DATA(h);
	g->cmd = cmd;
	g->version = IPVS_GENL_VERSION;
	memcpy((uint8_t *)h + NLMSG_HDRLEN + GENL_HDRLEN, r->b, r->len);
	return h;
}

static void put_stats(struct raw *r, uint16_t type, bool wide, uint64_t base)
{
	size_t at = nest_start(r);
	uint16_t i;

	for (i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++) {
		if (wide || i == IPVS_STATS_ATTR_INBYTES ||
		    i == IPVS_STATS_ATTR_OUTBYTES)
			put64(r, i, base + i);
		else
			put32(r, i, (uint32_t)(base + i));
	}
	nest_end(r, at, type);
}

/* The head of a kernel-like service: identity and parameters. */
static void svc_head(struct raw *r)
{
	struct ip_vs_flags fl = { .flags = 2, .mask = ~0U };
	union ipvs_addr addr = { .all = { htonl(0x0a000001) } };

	put16(r, IPVS_SVC_ATTR_AF, AF_INET);
	put16(r, IPVS_SVC_ATTR_PROTOCOL, IPPROTO_UDP);
	put(r, IPVS_SVC_ATTR_ADDR, &addr, sizeof(addr));
	put16(r, IPVS_SVC_ATTR_PORT, htons(53));
	put(r, IPVS_SVC_ATTR_SCHED_NAME, "rr", 3);
	put(r, IPVS_SVC_ATTR_FLAGS, &fl, sizeof(fl));
	put32(r, IPVS_SVC_ATTR_TIMEOUT, 0);
	put32(r, IPVS_SVC_ATTR_NETMASK, 0xffffffff);
}

static int parse_svc_raw(struct raw *inner, struct ipvs_service *s)
{
	struct raw r = { .len = 0 };
	struct nlmsghdr *h;
	size_t at;
	int err;

	at = nest_start(&r);
	memcpy(r.b + r.len, inner->b, inner->len);
	r.len += inner->len;
	nest_end(&r, at, IPVS_CMD_ATTR_SERVICE);
	h = mkmsg(&r, IPVS_CMD_NEW_SERVICE);
	err = ipvs_parse_service(h, s);
	free(h);
	return err;
}

/* A service with both counter nests: 32-bit from 100, 64-bit from 2^40. */
static void svc_with_stats(struct raw *r)
{
	svc_head(r);
	put_stats(r, IPVS_SVC_ATTR_STATS, false, 100);
	put_stats(r, IPVS_SVC_ATTR_STATS64, true, 1ULL << 40);
}

static void test_reply_service_stats(void **state)
{
	struct raw r = { .len = 0 };
	struct ipvs_service s;

	(void)state;
	svc_with_stats(&r);
	put32(&r, 99, 1234); /* an attribute from a newer kernel */
	assert_int_equal(parse_svc_raw(&r, &s), 0);
	assert_int_equal(s.protocol, IPPROTO_UDP);
	assert_int_equal(s.port, 53);
	assert_int_equal(s.addr.in.s_addr, htonl(0x0a000001));
	assert_string_equal(s.sched_name, "rr");
	assert_int_equal(s.flags, 2);
	assert_int_equal(s.netmask, 0xffffffff);
	assert_int_equal(s.stats32.conns, 101);
	assert_int_equal(s.stats32.inbytes, 104);
	assert_int_equal(s.stats32.outbps, 110);
	assert_true(s.stats.conns == (1ULL << 40) + 1);
	assert_true(s.stats.outbps == (1ULL << 40) + 10);
}

/* With counters not wanted, the rest of the reply still parses and every
 * counter reads 0; wanting them again brings them back. */
static void test_reply_stats_not_wanted(void **state)
{
	struct raw r = { .len = 0 };
	struct ipvs_service s;

	(void)state;
	svc_with_stats(&r);
	ipvs_want_stats(false);
	assert_int_equal(parse_svc_raw(&r, &s), 0);
	ipvs_want_stats(true);
	assert_string_equal(s.sched_name, "rr");
	assert_int_equal(s.stats.conns, 0);
	assert_int_equal(s.stats32.inbytes, 0);
	assert_int_equal(parse_svc_raw(&r, &s), 0);
	assert_int_equal(s.stats32.conns, 101);
}

static void test_reply_service_stats32_only(void **state)
{
	struct raw r = { .len = 0 };
	struct ipvs_service s;

	(void)state;
	svc_head(&r);
	put_stats(&r, IPVS_SVC_ATTR_STATS, false, 7);
	assert_int_equal(parse_svc_raw(&r, &s), 0);
	assert_int_equal(s.stats.inpkts, 9);
	assert_memory_equal(&s.stats, &s.stats32, sizeof(s.stats));
}

/* One broken attribute appended to a valid service: each must fail. */
static void test_reply_service_malformed(void **state)
{
	static const uint8_t longname[20] = "abcdefghijklmnopqrs";
	static const uint8_t noterm[4] = { 'w', 'l', 'c', 'x' };
	struct raw r;
	struct ipvs_service s;
	size_t at;
	int i;

	(void)state;
	for (i = 0; i < 7; i++) {
		r.len = 0;
		svc_head(&r);
		switch (i) {
		case 0: /* u32 with two bytes */
			put16(&r, IPVS_SVC_ATTR_TIMEOUT, 1);
			break;
		case 1: /* string without its NUL */
			put(&r, IPVS_SVC_ATTR_SCHED_NAME, noterm, 4);
			break;
		case 2: /* string longer than the kernel's limit */
			put(&r, IPVS_SVC_ATTR_PE_NAME, longname, 20);
			break;
		case 3: /* flags too short */
			put32(&r, IPVS_SVC_ATTR_FLAGS, 1);
			break;
		case 4: /* stats nest with a truncated member */
			at = nest_start(&r);
			put32(&r, IPVS_STATS_ATTR_CONNS, 1);
			r.b[r.len - 8] = 12; /* nla_len beyond the nest */
			nest_end(&r, at, IPVS_SVC_ATTR_STATS);
			break;
		case 5: /* u64 stat with four bytes */
			at = nest_start(&r);
			put32(&r, IPVS_STATS_ATTR_INBYTES, 1);
			nest_end(&r, at, IPVS_SVC_ATTR_STATS64);
			break;
		case 6: /* leftover bytes after the last attribute */
			memset(r.b + r.len, 0, 4);
			r.b[r.len] = 2; /* nla_len 2: shorter than a header */
			r.len += 4;
			break;
		}
		assert_int_equal(parse_svc_raw(&r, &s), -EINVAL);
	}
}

/* Unknown attributes are skipped, the last of duplicates counts and a
 * nest may carry NLA_F_NESTED in its type. */
static void test_reply_service_lenient(void **state)
{
	struct raw r = { .len = 0 };
	struct ipvs_service s;

	(void)state;
	svc_head(&r);
	put32(&r, IPVS_SVC_ATTR_MAX + 5, 99);
	put32(&r, IPVS_SVC_ATTR_TIMEOUT, 7);
	put_stats(&r, IPVS_SVC_ATTR_STATS64 | NLA_F_NESTED, true, 100);
	assert_int_equal(parse_svc_raw(&r, &s), 0);
	assert_int_equal(s.timeout, 7);
	assert_int_equal(s.stats.conns, 100 + IPVS_STATS_ATTR_CONNS);
	assert_string_equal(s.sched_name, "rr");
}

static void test_reply_service_identity(void **state)
{
	union ipvs_addr a4 = { .all = { 1 } };
	struct raw r = { .len = 0 };
	struct ipvs_service s;

	(void)state;
	put16(&r, IPVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP); /* no AF */
	assert_int_equal(parse_svc_raw(&r, &s), -EINVAL);
	r.len = 0;
	put16(&r, IPVS_SVC_ATTR_AF, AF_INET); /* no protocol/addr/port */
	assert_int_equal(parse_svc_raw(&r, &s), -EINVAL);
	r.len = 0;
	put16(&r, IPVS_SVC_ATTR_AF, AF_INET6);
	put16(&r, IPVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP);
	put(&r, IPVS_SVC_ATTR_ADDR, &a4, 4); /* too short for IPv6 */
	put16(&r, IPVS_SVC_ATTR_PORT, 1);
	assert_int_equal(parse_svc_raw(&r, &s), -EINVAL);
	r.len = 0;
	put16(&r, IPVS_SVC_ATTR_AF, AF_INET);
	put32(&r, IPVS_SVC_ATTR_FWMARK, 3);
	assert_int_equal(parse_svc_raw(&r, &s), 0);
	assert_int_equal(s.fwmark, 3);
	assert_int_equal(s.protocol, 0);
}

static void test_reply_truncated_message(void **state)
{
	struct raw r = { .len = 0 };
	struct ipvs_service s;
	struct nlmsghdr *h;
	size_t at;

	(void)state;
	at = nest_start(&r);
	svc_head(&r);
	nest_end(&r, at, IPVS_CMD_ATTR_SERVICE);
	h = mkmsg(&r, IPVS_CMD_NEW_SERVICE);
	/* the message now ends in the middle of the nest */
	h->nlmsg_len -= 10;
	assert_int_equal(ipvs_parse_service(h, &s), -EINVAL);
	/* shorter than the generic-netlink header */
	h->nlmsg_len = NLMSG_HDRLEN + 2;
	assert_int_equal(ipvs_parse_service(h, &s), -EINVAL);
	/* no service nest at all */
	h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	assert_int_equal(ipvs_parse_service(h, &s), -EINVAL);
	free(h);
}

static struct nlmsghdr *dest_msg(bool with_af, bool tail_garbage)
{
	union ipvs_addr addr = { .all = { htonl(0xc0a80102) } };
	struct raw r = { .len = 0 };
	size_t at;

	at = nest_start(&r);
	put(&r, IPVS_DEST_ATTR_ADDR, &addr, sizeof(addr));
	put16(&r, IPVS_DEST_ATTR_PORT, htons(443));
	put32(&r, IPVS_DEST_ATTR_FWD_METHOD, IPVS_FWD_ROUTE);
	put32(&r, IPVS_DEST_ATTR_WEIGHT, 5);
	put32(&r, IPVS_DEST_ATTR_U_THRESH, 0);
	put32(&r, IPVS_DEST_ATTR_L_THRESH, 0);
	put32(&r, IPVS_DEST_ATTR_ACTIVE_CONNS, 11);
	put32(&r, IPVS_DEST_ATTR_INACT_CONNS, 12);
	put32(&r, IPVS_DEST_ATTR_PERSIST_CONNS, 13);
	put_stats(&r, IPVS_DEST_ATTR_STATS, false, 0);
	put_stats(&r, IPVS_DEST_ATTR_STATS64, true, 1ULL << 33);
	if (with_af)
		put16(&r, IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET);
	put(&r, IPVS_DEST_ATTR_TUN_TYPE, "\2", 1);
	put16(&r, IPVS_DEST_ATTR_TUN_PORT, htons(0));
	put16(&r, IPVS_DEST_ATTR_TUN_FLAGS, IPVS_TUN_F_REMCSUM);
	put32(&r, 250, 0); /* unknown */
	if (tail_garbage) {
		memset(r.b + r.len, 0xff, 3);
		r.len += 3;
	}
	nest_end(&r, at, IPVS_CMD_ATTR_DEST);
	put32(&r, 77, 0); /* unknown top-level attribute */
	return mkmsg(&r, IPVS_CMD_NEW_DEST);
}

static void test_reply_dest(void **state)
{
	struct ipvs_dest d;
	struct nlmsghdr *h;

	(void)state;
	h = dest_msg(true, false);
	assert_int_equal(ipvs_parse_dest(h, AF_INET6, &d), 0);
	assert_int_equal(d.af, AF_INET);
	assert_int_equal(d.port, 443);
	assert_int_equal(d.conn_flags, IPVS_FWD_ROUTE);
	assert_int_equal(d.weight, 5);
	assert_int_equal(d.activeconns, 11);
	assert_int_equal(d.inactconns, 12);
	assert_int_equal(d.persistconns, 13);
	assert_int_equal(d.tun_type, IPVS_TUN_GRE);
	assert_int_equal(d.tun_flags, IPVS_TUN_F_REMCSUM);
	assert_true(d.stats.conns == (1ULL << 33) + 1);
	assert_int_equal(d.stats32.conns, 1);
	free(h);
	/* no ADDR_FAMILY: the service's; a 16-byte address fits IPv6 */
	h = dest_msg(false, false);
	assert_int_equal(ipvs_parse_dest(h, AF_INET6, &d), 0);
	assert_int_equal(d.af, AF_INET6);
	free(h);
	h = dest_msg(true, true);
	assert_int_equal(ipvs_parse_dest(h, AF_INET, &d), -EINVAL);
	free(h);
}

static void test_reply_daemon(void **state)
{
	struct raw r = { .len = 0 };
	struct ipvs_daemon d;
	struct nlmsghdr *h;
	size_t at;

	(void)state;
	at = nest_start(&r);
	put32(&r, IPVS_DAEMON_ATTR_STATE, IPVS_STATE_BACKUP);
	put(&r, IPVS_DAEMON_ATTR_MCAST_IFN, "eth0", 5);
	put32(&r, IPVS_DAEMON_ATTR_SYNC_ID, 4);
	put16(&r, IPVS_DAEMON_ATTR_SYNC_MAXLEN, 1472);
	put32(&r, IPVS_DAEMON_ATTR_MCAST_GROUP, htonl(0xe0000051));
	put16(&r, IPVS_DAEMON_ATTR_MCAST_PORT, 8848);
	put(&r, IPVS_DAEMON_ATTR_MCAST_TTL, "\1", 1);
	nest_end(&r, at, IPVS_CMD_ATTR_DAEMON);
	h = mkmsg(&r, IPVS_CMD_NEW_DAEMON);
	assert_int_equal(ipvs_parse_daemon(h, &d), 0);
	assert_int_equal(d.state, IPVS_STATE_BACKUP);
	assert_string_equal(d.mcast_ifn, "eth0");
	assert_int_equal(d.syncid, 4);
	assert_int_equal(d.sync_maxlen, 1472);
	assert_int_equal(d.mcast_af, AF_INET);
	assert_int_equal(d.mcast_group.in.s_addr, htonl(0xe0000051));
	assert_int_equal(d.mcast_port, 8848);
	assert_int_equal(d.mcast_ttl, 1);
	free(h);
	/* interface name longer than IFNAMSIZ */
	r.len = 0;
	at = nest_start(&r);
	put32(&r, IPVS_DAEMON_ATTR_STATE, IPVS_STATE_MASTER);
	put(&r, IPVS_DAEMON_ATTR_MCAST_IFN, "abcdefghijklmnopq", 18);
	put32(&r, IPVS_DAEMON_ATTR_SYNC_ID, 4);
	nest_end(&r, at, IPVS_CMD_ATTR_DAEMON);
	h = mkmsg(&r, IPVS_CMD_NEW_DAEMON);
	assert_int_equal(ipvs_parse_daemon(h, &d), -EINVAL);
	free(h);
}

static void test_reply_info_timeout(void **state)
{
	struct raw r = { .len = 0 };
	struct ipvs_info info;
	struct ipvs_timeout t;
	struct nlmsghdr *h;

	(void)state;
	put32(&r, IPVS_INFO_ATTR_VERSION, 0x010201);
	put32(&r, IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096);
	h = mkmsg(&r, IPVS_CMD_SET_INFO);
	assert_int_equal(ipvs_parse_info(h, &info), 0);
	assert_int_equal(info.version, 0x010201);
	assert_int_equal(info.conn_tab_size, 4096);
	free(h);
	r.len = 0;
	put32(&r, IPVS_INFO_ATTR_VERSION, 0x010201);
	h = mkmsg(&r, IPVS_CMD_SET_INFO);
	assert_int_equal(ipvs_parse_info(h, &info), -EINVAL);
	free(h);
	r.len = 0;
	put32(&r, IPVS_CMD_ATTR_TIMEOUT_TCP, 900);
	put32(&r, IPVS_CMD_ATTR_TIMEOUT_UDP, 300);
	h = mkmsg(&r, IPVS_CMD_SET_CONFIG);
	assert_int_equal(ipvs_parse_timeout(h, &t), 0);
	assert_int_equal(t.tcp, 900);
	assert_int_equal(t.tcp_fin, 0);
	assert_int_equal(t.udp, 300);
	free(h);
	r.len = 0;
	put16(&r, IPVS_CMD_ATTR_TIMEOUT_TCP, 900);
	h = mkmsg(&r, IPVS_CMD_SET_CONFIG);
	assert_int_equal(ipvs_parse_timeout(h, &t), -EINVAL);
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_service_full),
		cmocka_unit_test(test_edit_service_fwmark_pe_mask),
		cmocka_unit_test(test_identity_only_ops),
		cmocka_unit_test(test_no_attr_ops),
		cmocka_unit_test(test_dest_tunnel),
		cmocka_unit_test(test_dest_masq_and_del),
		cmocka_unit_test(test_daemon_requests),
		cmocka_unit_test(test_timeout_request),
		cmocka_unit_test(test_build_refusals),
		cmocka_unit_test(test_reply_service_stats),
		cmocka_unit_test(test_reply_stats_not_wanted),
		cmocka_unit_test(test_reply_service_stats32_only),
		cmocka_unit_test(test_reply_service_malformed),
		cmocka_unit_test(test_reply_service_lenient),
		cmocka_unit_test(test_reply_service_identity),
		cmocka_unit_test(test_reply_truncated_message),
		cmocka_unit_test(test_reply_dest),
		cmocka_unit_test(test_reply_daemon),
		cmocka_unit_test(test_reply_info_timeout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
