// SPDX-License-Identifier: GPL-2.0-or-later
/* ipvs-apitest.c: every libipvs call against the guest's real IPVS. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "libipvs/libipvs.h"
#include "libipvs/nl.h"

/* The interface the test script creates for the sync daemons. */
#define DAEMON_IFN "v0"
#define BATCH_SERVICES 5000
#define BATCH_REQUESTS 10000
#define BATCH_BAD_INDEX 5000
#define MAX_SENDMSG 500
#define SMALL_BATCH 2000
/* Enough to need several destination-dump reads of a page. */
#define MANY_DESTS 60

#define EXPECT(c)                                                       \
	do {                                                            \
		if (!(c)) {                                             \
			printf("    why: line %d: %s\n", __LINE__, #c); \
			return -1;                                      \
		}                                                       \
	} while (0)

/* expr must give want (0 or a negative errno). */
#define EXPECT_RC(expr, want)                                                  \
	do {                                                                   \
		int rc_ = (expr);                                              \
		if (rc_ != (want)) {                                           \
			printf("    why: line %d: %s gave %d (%s), want %d\n", \
			       __LINE__, #expr, rc_, strerror(-rc_), want);    \
			return -1;                                             \
		}                                                              \
	} while (0)

#define EXPECT_OK(expr) EXPECT_RC(expr, 0)

static struct ipvs_service svc4(uint16_t proto, const char *ip, uint16_t port,
				const char *sched)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	s.af = AF_INET;
	s.protocol = proto;
	inet_pton(AF_INET, ip, &s.addr.in);
	s.port = port;
	snprintf(s.sched_name, sizeof(s.sched_name), "%s", sched);
	return s;
}

static struct ipvs_service svc6(const char *ip, uint16_t port)
{
	struct ipvs_service s = svc4(IPPROTO_TCP, "0.0.0.0", port, "rr");

	s.af = AF_INET6;
	inet_pton(AF_INET6, ip, &s.addr.in6);
	return s;
}

static struct ipvs_service fwm_svc(void)
{
	struct ipvs_service s = svc4(0, "0.0.0.0", 0, "wrr");

	s.fwmark = 7;
	return s;
}

static struct ipvs_dest dest4(const char *ip, uint16_t port, uint32_t fwd,
			      int weight)
{
	struct ipvs_dest d;

	memset(&d, 0, sizeof(d));
	d.af = AF_INET;
	inet_pton(AF_INET, ip, &d.addr.in);
	d.port = port;
	d.conn_flags = fwd;
	d.weight = weight;
	return d;
}

static const struct ipvs_dest *find_dest(const struct ipvs_dest *v, size_t n,
					 const struct ipvs_dest *want)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].af == want->af && v[i].port == want->port &&
		    !memcmp(&v[i].addr, &want->addr, sizeof(want->addr)))
			return &v[i];
	return NULL;
}

static int case_init(void)
{
	struct ipvs_nl_counters c;

	EXPECT_OK(ipvs_init());
	EXPECT_OK(ipvs_init());
	ipvs_nl_get_counters(&c);
	EXPECT(c.sockets == 1 && c.family_lookups == 1);
	return 0;
}

static int case_info(void)
{
	struct ipvs_info info;

	EXPECT_OK(ipvs_get_info(&info));
	printf("    version %u.%u.%u, conn_tab_size %u\n", info.version >> 16,
	       (info.version >> 8) & 0xff, info.version & 0xff,
	       info.conn_tab_size);
	EXPECT(info.version >= 0x010200 && info.conn_tab_size > 0);
	return 0;
}

static int case_flush(void)
{
	struct ipvs_service_list l;

	EXPECT_OK(ipvs_flush());
	EXPECT_OK(ipvs_get_services(&l));
	EXPECT(l.num == 0);
	ipvs_free_services(&l);
	return 0;
}

/* add, then get back what the kernel stored */
static int add_and_get(struct ipvs_service *s, struct ipvs_service *got)
{
	EXPECT_OK(ipvs_add_service(s));
	*got = *s;
	memset(got->sched_name, 0, sizeof(got->sched_name));
	EXPECT_OK(ipvs_get_service(got));
	EXPECT(!strcmp(got->sched_name, s->sched_name));
	EXPECT(got->af == s->af && got->port == s->port);
	EXPECT(got->protocol == s->protocol && got->fwmark == s->fwmark);
	EXPECT((got->flags & ~IPVS_SVC_F_HASHED) == s->flags);
	EXPECT(!strcmp(got->pe_name, s->pe_name));
	return 0;
}

static int case_svc_tcp(void)
{
	struct ipvs_service s = svc4(IPPROTO_TCP, "10.1.1.1", 80, "wlc"), g;

	return add_and_get(&s, &g);
}

static int case_svc_udp_ops(void)
{
	struct ipvs_service s = svc4(IPPROTO_UDP, "10.1.1.2", 53, "rr"), g;

	s.flags = IPVS_SVC_F_ONEPACKET;
	return add_and_get(&s, &g);
}

static int case_svc_sctp_sched_flags(void)
{
	struct ipvs_service s = svc4(IPPROTO_SCTP, "10.1.1.3", 3868, "sh"), g;

	s.flags = IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2;
	return add_and_get(&s, &g);
}

static int case_svc_ipv6_persistent(void)
{
	struct ipvs_service s = svc6("2001:db8::1", 443), g;

	s.flags = IPVS_SVC_F_PERSISTENT;
	s.timeout = 600;
	s.netmask = 64;
	EXPECT_OK(add_and_get(&s, &g));
	EXPECT(!memcmp(&g.addr.in6, &s.addr.in6, 16));
	EXPECT(g.timeout == 600 && g.netmask == 64);
	return 0;
}

static int case_svc_fwmark(void)
{
	struct ipvs_service s = fwm_svc(), g;

	return add_and_get(&s, &g);
}

static int case_svc_persistent_netmask(void)
{
	struct ipvs_service s = svc4(IPPROTO_TCP, "10.1.1.4", 0, "lc"), g;

	s.flags = IPVS_SVC_F_PERSISTENT;
	s.timeout = 300;
	s.netmask = htonl(0xffffff00);
	EXPECT_OK(add_and_get(&s, &g));
	EXPECT(g.timeout == 300 && g.netmask == htonl(0xffffff00));
	return 0;
}

static int case_svc_pe_sip(void)
{
	struct ipvs_service s = svc4(IPPROTO_UDP, "10.1.1.5", 5060, "rr"), g;

	s.flags = IPVS_SVC_F_PERSISTENT;
	s.timeout = 360;
	s.netmask = 0xffffffff;
	snprintf(s.pe_name, sizeof(s.pe_name), "sip");
	return add_and_get(&s, &g);
}

static int case_edit_service(void)
{
	struct ipvs_service s = svc4(IPPROTO_TCP, "10.1.1.1", 80, "rr"), g;

	EXPECT_OK(ipvs_edit_service(&s));
	g = s;
	EXPECT_OK(ipvs_get_service(&g));
	EXPECT(!strcmp(g.sched_name, "rr"));
	/* a partial update through the mask: only the persistence bit */
	s.flags = IPVS_SVC_F_PERSISTENT;
	s.flags_mask = IPVS_SVC_F_PERSISTENT;
	s.timeout = 120;
	s.netmask = 0xffffffff;
	EXPECT_OK(ipvs_edit_service(&s));
	EXPECT_OK(ipvs_get_service(&g));
	EXPECT(g.flags & IPVS_SVC_F_PERSISTENT);
	EXPECT(g.timeout == 120);
	return 0;
}

static int case_dump_services(void)
{
	struct ipvs_service_list l;
	size_t i, n, fw = 0, v6 = 0;

	EXPECT_OK(ipvs_get_services(&l));
	for (i = 0; i < l.num; i++) {
		fw += l.entries[i].svc.fwmark == 7;
		v6 += l.entries[i].svc.af == AF_INET6;
	}
	n = l.num;
	printf("    %zu services\n", n);
	ipvs_free_services(&l);
	EXPECT(n == 7);
	EXPECT(fw == 1 && v6 == 1);
	return 0;
}

static int case_dests_masq_route(void)
{
	struct ipvs_service t = svc4(IPPROTO_TCP, "10.1.1.1", 80, "rr");
	struct ipvs_service u = svc4(IPPROTO_UDP, "10.1.1.2", 53, "rr");
	struct ipvs_dest m = dest4("192.168.10.1", 8080, IPVS_FWD_MASQ, 3);
	struct ipvs_dest r = dest4("192.168.10.2", 53, IPVS_FWD_ROUTE, 1);
	struct ipvs_dest *v;
	const struct ipvs_dest *f;
	size_t n;

	m.u_threshold = 1000;
	m.l_threshold = 100;
	EXPECT_OK(ipvs_add_dest(&t, &m));
	EXPECT_OK(ipvs_add_dest(&u, &r));
	EXPECT_OK(ipvs_get_dests(&t, &v, &n));
	f = find_dest(v, n, &m);
	EXPECT(n == 1 && f);
	EXPECT(f->weight == 3 && (f->conn_flags & 7) == IPVS_FWD_MASQ);
	EXPECT(f->u_threshold == 1000 && f->l_threshold == 100);
	free(v);
	EXPECT_OK(ipvs_get_dests(&u, &v, &n));
	f = find_dest(v, n, &r);
	EXPECT(n == 1 && f && (f->conn_flags & 7) == IPVS_FWD_ROUTE);
	free(v);
	return 0;
}

static int add_tun(struct ipvs_service *s, struct ipvs_dest *d)
{
	struct ipvs_dest *v;
	const struct ipvs_dest *f;
	size_t n;

	EXPECT_OK(ipvs_add_dest(s, d));
	EXPECT_OK(ipvs_get_dests(s, &v, &n));
	f = find_dest(v, n, d);
	if (!f || f->tun_type != d->tun_type || f->tun_port != d->tun_port ||
	    f->tun_flags != d->tun_flags || (f->conn_flags & 7) != 2) {
		printf("    why: tunnel dest %s\n", f ? "differs" : "missing");
		free(v);
		return -1;
	}
	free(v);
	return 0;
}

static int case_dests_tunnel_types(void)
{
	struct ipvs_service t = svc4(IPPROTO_TCP, "10.1.1.1", 80, "rr");
	struct ipvs_dest d = dest4("192.168.20.1", 80, IPVS_FWD_TUNNEL, 1);

	EXPECT_OK(add_tun(&t, &d));
	d = dest4("192.168.20.2", 80, IPVS_FWD_TUNNEL, 1);
	d.tun_type = IPVS_TUN_GUE;
	d.tun_port = 6080;
	d.tun_flags = IPVS_TUN_F_CSUM;
	EXPECT_OK(add_tun(&t, &d));
	d = dest4("192.168.20.3", 80, IPVS_FWD_TUNNEL, 1);
	d.tun_type = IPVS_TUN_GRE;
	d.tun_flags = IPVS_TUN_F_CSUM;
	EXPECT_OK(add_tun(&t, &d));
	d = dest4("192.168.20.4", 80, IPVS_FWD_TUNNEL, 1);
	d.tun_type = IPVS_TUN_GUE;
	d.tun_port = 6080;
	d.tun_flags = IPVS_TUN_F_REMCSUM;
	return add_tun(&t, &d);
}

static int case_dest_v4_in_v6_tunnel(void)
{
	struct ipvs_service s = svc6("2001:db8::1", 443);
	struct ipvs_dest d = dest4("192.168.30.1", 443, IPVS_FWD_TUNNEL, 2);
	struct ipvs_dest *v;
	size_t n;

	EXPECT_OK(add_tun(&s, &d));
	EXPECT_OK(ipvs_get_dests(&s, &v, &n));
	EXPECT(n == 1);
	EXPECT(v[0].af == AF_INET);
	free(v);
	return 0;
}

static int case_edit_dest(void)
{
	struct ipvs_service t = svc4(IPPROTO_TCP, "10.1.1.1", 80, "rr");
	struct ipvs_dest m = dest4("192.168.10.1", 8080, IPVS_FWD_MASQ, 9);
	struct ipvs_dest *v;
	const struct ipvs_dest *f;
	size_t n;

	m.af = 0; /* the service's family */
	EXPECT_OK(ipvs_edit_dest(&t, &m));
	EXPECT_OK(ipvs_get_dests(&t, &v, &n));
	m.af = AF_INET;
	f = find_dest(v, n, &m);
	EXPECT(f && f->weight == 9);
	free(v);
	return 0;
}

static int case_get_all(void)
{
	struct ipvs_service_list l;
	size_t i, n, dests = 0;

	EXPECT_OK(ipvs_get_all(&l));
	for (i = 0; i < l.num; i++)
		dests += l.entries[i].num_dests;
	n = l.num;
	printf("    %zu services, %zu dests\n", n, dests);
	ipvs_free_services(&l);
	EXPECT(n == 7 && dests == 7);
	return 0;
}

static bool same_dest(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	return a->af == b->af && !memcmp(&a->addr, &b->addr, sizeof(a->addr)) &&
	       a->port == b->port && a->conn_flags == b->conn_flags &&
	       a->weight == b->weight && a->u_threshold == b->u_threshold &&
	       a->l_threshold == b->l_threshold && a->tun_type == b->tun_type &&
	       a->tun_port == b->tun_port && a->tun_flags == b->tun_flags;
}

/* The same services with the same destinations, in the same order. */
static bool same_lists(const struct ipvs_service_list *a,
		       const struct ipvs_service_list *b)
{
	const struct ipvs_service_entry *x, *y;
	size_t i, j;

	if (a->num != b->num)
		return false;
	for (i = 0; i < a->num; i++) {
		x = &a->entries[i];
		y = &b->entries[i];
		if (x->svc.fwmark != y->svc.fwmark ||
		    x->svc.port != y->svc.port ||
		    memcmp(&x->svc.addr, &y->svc.addr, sizeof(x->svc.addr)) ||
		    x->num_dests != y->num_dests)
			return false;
		for (j = 0; j < x->num_dests; j++)
			if (!same_dest(&x->dests[j], &y->dests[j]))
				return false;
	}
	return true;
}

/*
 * Destination dumps run on a second socket with small reads; a read the
 * kernel finds too small (forced here with 64 bytes) sends that dump and
 * every later one back to the main socket, with the same answers.
 */
static int case_lean_fallback(void)
{
	struct ipvs_service_list a, b, c;
	struct ipvs_nl_counters c1, c2, c3;
	bool same;

	EXPECT_OK(ipvs_get_all(&a));
	ipvs_nl_get_counters(&c1);
	ipvs_nl_test_lean_read(64);
	EXPECT_OK(ipvs_get_all(&b));
	ipvs_nl_get_counters(&c2);
	EXPECT_OK(ipvs_get_all(&c));
	ipvs_nl_get_counters(&c3);
	ipvs_nl_test_lean_read(0);
	same = same_lists(&a, &b) && same_lists(&a, &c);
	printf("    dump sockets %lu, %lu, %lu\n", c1.dump_sockets,
	       c2.dump_sockets, c3.dump_sockets);
	ipvs_free_services(&a);
	ipvs_free_services(&b);
	ipvs_free_services(&c);
	EXPECT(same);
	EXPECT(c1.dump_sockets == 1 && c1.sockets == 1);
	EXPECT(c2.dump_sockets == 2 && c3.dump_sockets == 2);
	return 0;
}

/* A destination dump longer than one small read arrives whole. */
static int case_dests_many(void)
{
	struct ipvs_service s = svc4(IPPROTO_TCP, "10.1.9.9", 80, "wrr");
	struct ipvs_nl_counters c0, c1;
	struct ipvs_dest d, *v;
	const struct ipvs_dest *f;
	size_t i, n, found = 0;
	char ip[INET_ADDRSTRLEN];

	EXPECT_OK(ipvs_add_service(&s));
	for (i = 0; i < MANY_DESTS; i++) {
		snprintf(ip, sizeof(ip), "192.168.50.%zu", i + 1);
		d = dest4(ip, 80, IPVS_FWD_TUNNEL, (int)i);
		EXPECT_OK(ipvs_add_dest(&s, &d));
	}
	ipvs_nl_get_counters(&c0);
	EXPECT_OK(ipvs_get_dests(&s, &v, &n));
	ipvs_nl_get_counters(&c1);
	for (i = 0; i < MANY_DESTS; i++) {
		snprintf(ip, sizeof(ip), "192.168.50.%zu", i + 1);
		d = dest4(ip, 80, IPVS_FWD_TUNNEL, (int)i);
		f = find_dest(v, n, &d);
		found += f && f->weight == (int)i;
	}
	free(v);
	EXPECT_OK(ipvs_del_service(&s));
	printf("    %zu destinations in %lu reads\n", n,
	       c1.recvmsg - c0.recvmsg);
	EXPECT(n == MANY_DESTS && found == MANY_DESTS);
	EXPECT(c1.recvmsg - c0.recvmsg > 2);
	return 0;
}

/* The scratch dump: the same answers as the copying one, in one array. */
static int case_dests_scratch(void)
{
	struct ipvs_service a = svc4(IPPROTO_TCP, "10.1.9.10", 80, "rr");
	struct ipvs_service b = svc4(IPPROTO_UDP, "10.1.9.10", 53, "rr");
	struct ipvs_service e = svc4(IPPROTO_TCP, "10.1.9.11", 80, "rr");
	struct ipvs_dest d[3], *copy, *sa, *sb, *se;
	const struct ipvs_dest *f;
	size_t i, n, na, nb, ne, same = 0;
	char ip[INET_ADDRSTRLEN];

	EXPECT_OK(ipvs_add_service(&a));
	EXPECT_OK(ipvs_add_service(&b));
	EXPECT_OK(ipvs_add_service(&e));
	for (i = 0; i < 3; i++) {
		snprintf(ip, sizeof(ip), "192.168.51.%zu", i + 1);
		d[i] = dest4(ip, 80, IPVS_FWD_MASQ, (int)i + 1);
		EXPECT_OK(ipvs_add_dest(&a, &d[i]));
	}
	d[0].port = 53;
	EXPECT_OK(ipvs_add_dest(&b, &d[0]));
	EXPECT_OK(ipvs_get_dests(&a, &copy, &n));
	EXPECT_OK(ipvs_get_dests_scratch(&a, &sa, &na));
	for (i = 0; i < na && na == n; i++) {
		f = find_dest(copy, n, &sa[i]);
		same += f && f->weight == sa[i].weight &&
			f->conn_flags == sa[i].conn_flags;
	}
	free(copy);
	EXPECT_OK(ipvs_get_dests_scratch(&b, &sb, &nb));
	EXPECT_OK(ipvs_get_dests_scratch(&e, &se, &ne));
	EXPECT_OK(ipvs_del_service(&a));
	EXPECT_OK(ipvs_del_service(&b));
	EXPECT_OK(ipvs_del_service(&e));
	EXPECT(na == 3 && same == 3);
	/* One array, reused: b's answer is where a's was. */
	EXPECT(nb == 1 && sb == sa && sb[0].port == 53 && sb[0].weight == 1);
	EXPECT(ne == 0 && !se);
	return 0;
}

static int case_zero(void)
{
	struct ipvs_service t = svc4(IPPROTO_TCP, "10.1.1.1", 80, "rr");

	EXPECT_OK(ipvs_zero(&t));
	EXPECT_OK(ipvs_zero(NULL));
	return 0;
}

static int case_errors(void)
{
	struct ipvs_service t = svc4(IPPROTO_TCP, "10.1.1.1", 80, "rr");
	struct ipvs_service miss = svc4(IPPROTO_TCP, "10.9.9.9", 80, "rr");
	struct ipvs_service bad = svc4(IPPROTO_TCP, "10.9.9.8", 80, "nosuch");
	struct ipvs_dest nod = dest4("192.168.99.1", 80, IPVS_FWD_ROUTE, 1);
	struct ipvs_dest m = dest4("192.168.10.1", 8080, IPVS_FWD_MASQ, 1);
	struct ipvs_service g = miss;

	EXPECT_RC(ipvs_edit_service(&miss), -ESRCH);
	EXPECT(!strcmp(ipvs_strerror(IPVS_OP_EDIT_SERVICE, -ESRCH),
		       "No such service"));
	EXPECT_RC(ipvs_del_service(&miss), -ESRCH);
	EXPECT_RC(ipvs_get_service(&g), -ESRCH);
	EXPECT_RC(ipvs_zero(&miss), -ESRCH);
	EXPECT_RC(ipvs_add_service(&t), -EEXIST);
	EXPECT_RC(ipvs_add_service(&bad), -ENOENT);
	EXPECT_RC(ipvs_edit_dest(&t, &nod), -ENOENT);
	EXPECT_RC(ipvs_del_dest(&t, &nod), -ENOENT);
	EXPECT_RC(ipvs_add_dest(&miss, &nod), -ESRCH);
	EXPECT_RC(ipvs_add_dest(&t, &m), -EEXIST);
	if (ipvs_last_ext_ack())
		printf("    last ext-ack: %s\n", ipvs_last_ext_ack());
	return 0;
}

static int case_timeouts(void)
{
	struct ipvs_timeout t = { .tcp = 901, .tcp_fin = 61, .udp = 301 };
	struct ipvs_timeout keep = { 0, 0, 0 }, g;

	EXPECT_OK(ipvs_set_timeout(&t));
	EXPECT_OK(ipvs_get_timeout(&g));
	EXPECT(g.tcp == 901 && g.tcp_fin == 61 && g.udp == 301);
	EXPECT_OK(ipvs_set_timeout(&keep));
	EXPECT_OK(ipvs_get_timeout(&g));
	EXPECT(g.tcp == 901 && g.tcp_fin == 61 && g.udp == 301);
	t = (struct ipvs_timeout){ .tcp = 900, .tcp_fin = 120, .udp = 300 };
	EXPECT_OK(ipvs_set_timeout(&t));
	return 0;
}

static struct ipvs_daemon daemon(uint32_t state, uint32_t syncid)
{
	struct ipvs_daemon d;

	memset(&d, 0, sizeof(d));
	d.state = state;
	d.syncid = syncid;
	snprintf(d.mcast_ifn, sizeof(d.mcast_ifn), "%s", DAEMON_IFN);
	return d;
}

static int case_daemons(void)
{
	struct ipvs_daemon m = daemon(IPVS_STATE_MASTER, 5);
	struct ipvs_daemon b = daemon(IPVS_STATE_BACKUP, 6);
	struct ipvs_daemon out[2];
	size_t n;

	b.mcast_af = AF_INET;
	inet_pton(AF_INET, "224.0.0.82", &b.mcast_group.in);
	b.mcast_port = 8849;
	b.mcast_ttl = 2;
	b.sync_maxlen = 1400;
	EXPECT_OK(ipvs_start_daemon(&m));
	EXPECT_RC(ipvs_start_daemon(&m), -EEXIST);
	EXPECT_OK(ipvs_start_daemon(&b));
	EXPECT_OK(ipvs_get_daemons(out, &n));
	EXPECT(n == 2);
	EXPECT(out[0].state == IPVS_STATE_MASTER && out[0].syncid == 5);
	EXPECT(!strcmp(out[0].mcast_ifn, DAEMON_IFN));
	EXPECT(out[1].state == IPVS_STATE_BACKUP && out[1].syncid == 6);
	EXPECT(out[1].mcast_port == 8849 && out[1].mcast_ttl == 2);
	EXPECT(out[1].mcast_af == AF_INET &&
	       out[1].mcast_group.in.s_addr == b.mcast_group.in.s_addr);
	m = daemon(IPVS_STATE_MASTER, 0);
	m.mcast_ifn[0] = '\0';
	b = daemon(IPVS_STATE_BACKUP, 0);
	b.mcast_ifn[0] = '\0';
	EXPECT_OK(ipvs_stop_daemon(&m));
	EXPECT_OK(ipvs_stop_daemon(&b));
	EXPECT_RC(ipvs_stop_daemon(&m), -ESRCH);
	EXPECT_OK(ipvs_get_daemons(out, &n));
	EXPECT(n == 0);
	return 0;
}

static int case_del(void)
{
	struct ipvs_service t = svc4(IPPROTO_TCP, "10.1.1.1", 80, "rr");
	struct ipvs_dest m = dest4("192.168.10.1", 8080, IPVS_FWD_MASQ, 1);

	EXPECT_OK(ipvs_del_dest(&t, &m));
	EXPECT_OK(ipvs_del_service(&t));
	EXPECT_RC(ipvs_del_service(&t), -ESRCH);
	EXPECT_OK(ipvs_flush());
	return 0;
}

struct batch_seen {
	size_t count;
	size_t index;
	enum ipvs_op op;
	int err;
};

static void batch_cb(size_t index, enum ipvs_op op, int err,
		     const char *ext_ack, void *arg)
{
	struct batch_seen *s = arg;

	if (!s->count++) {
		s->index = index;
		s->op = op;
		s->err = err;
	}
	printf("    batch error at %zu: %s%s%s\n", index,
	       ipvs_strerror(op, err), ext_ack ? ": " : "",
	       ext_ack ? ext_ack : "");
}

static struct ipvs_service batch_svc(size_t i)
{
	struct ipvs_service s = svc4(IPPROTO_TCP, "10.2.0.0", 80, "rr");

	s.addr.in.s_addr = htonl(0x0a020000 + (uint32_t)i);
	return s;
}

static int queue_batch(struct ipvs_batch *b)
{
	struct ipvs_service s;
	struct ipvs_dest d = dest4("192.168.50.1", 80, IPVS_FWD_ROUTE, 1);
	size_t i;

	for (i = 0; i < BATCH_REQUESTS; i++) {
		if (i < BATCH_SERVICES || i == BATCH_BAD_INDEX) {
			s = batch_svc(i == BATCH_BAD_INDEX ? 0 : i);
			EXPECT(ipvs_batch_add(b, IPVS_OP_ADD_SERVICE, &s,
					      NULL) == (long)i);
			continue;
		}
		s = batch_svc(i - BATCH_SERVICES - 1);
		EXPECT(ipvs_batch_add(b, IPVS_OP_ADD_DEST, &s, &d) == (long)i);
	}
	EXPECT(ipvs_batch_len(b) == BATCH_REQUESTS);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_batch(struct ipvs_batch *b, struct batch_seen *seen)
{
	struct ipvs_nl_counters c0, c1;
	double t0;
	long failed;

	ipvs_nl_get_counters(&c0);
	t0 = now();
	failed = ipvs_batch_run(b, batch_cb, seen);
	ipvs_nl_get_counters(&c1);
	printf("    %d requests in %.3f s: sendmsg %lu, recvmsg %lu\n",
	       BATCH_REQUESTS, now() - t0, c1.sendmsg - c0.sendmsg,
	       c1.recvmsg - c0.recvmsg);
	printf("    counters: sockets %lu, family_lookups %lu, sendmsg %lu, "
	       "recvmsg %lu\n",
	       c1.sockets, c1.family_lookups, c1.sendmsg, c1.recvmsg);
	EXPECT(failed == 1);
	EXPECT(c1.sendmsg - c0.sendmsg < MAX_SENDMSG);
	EXPECT(c1.sockets == 1 && c1.family_lookups == 1);
	EXPECT(ipvs_batch_len(b) == 0);
	return 0;
}

static int check_batch_result(void)
{
	struct ipvs_service_list l;
	size_t i, n, dests = 0;
	double t0 = now();

	EXPECT_OK(ipvs_get_all(&l));
	for (i = 0; i < l.num; i++)
		dests += l.entries[i].num_dests;
	n = l.num;
	printf("    get_all: %zu services, %zu dests in %.3f s\n", n, dests,
	       now() - t0);
	ipvs_free_services(&l);
	EXPECT(n == BATCH_SERVICES);
	EXPECT(dests == BATCH_REQUESTS - BATCH_SERVICES - 1);
	return 0;
}

static int case_batch(void)
{
	struct batch_seen seen = { 0 };
	struct ipvs_batch *b = ipvs_batch_new();
	int rc = -1;

	EXPECT(b);
	if (queue_batch(b) || run_batch(b, &seen))
		goto out;
	if (seen.count != 1 || seen.index != BATCH_BAD_INDEX ||
	    seen.op != IPVS_OP_ADD_SERVICE || seen.err != -EEXIST) {
		printf("    why: error seen %zu times, index %zu, err %d\n",
		       seen.count, seen.index, seen.err);
		goto out;
	}
	rc = check_batch_result();
out:
	ipvs_batch_free(b);
	return rc;
}

static int case_batch_delete(void)
{
	struct ipvs_batch *b = ipvs_batch_new();
	struct ipvs_service s;
	struct ipvs_timeout t = { .tcp = 900, .tcp_fin = 120, .udp = 300 };
	struct ipvs_service_list l;
	size_t i, n;
	long failed;

	EXPECT(b);
	for (i = 0; i < BATCH_SERVICES; i++) {
		s = batch_svc(i);
		EXPECT(ipvs_batch_add(b, IPVS_OP_DEL_SERVICE, &s, NULL) >= 0);
	}
	EXPECT(ipvs_batch_add(b, IPVS_OP_ADD_SERVICE, &s, NULL) >= 0);
	EXPECT(ipvs_batch_add(b, IPVS_OP_ZERO, NULL, NULL) >= 0);
	EXPECT(ipvs_batch_add(b, IPVS_OP_FLUSH, NULL, NULL) >= 0);
	EXPECT(ipvs_batch_add(b, IPVS_OP_SET_TIMEOUT, NULL, NULL) == -EINVAL);
	EXPECT(ipvs_batch_add_timeout(b, &t) >= 0);
	failed = ipvs_batch_run(b, NULL, NULL);
	ipvs_batch_free(b);
	EXPECT(failed == 0);
	EXPECT_OK(ipvs_get_services(&l));
	n = l.num;
	ipvs_free_services(&l);
	EXPECT(n == 0);
	return 0;
}

/* The library's netlink socket, found among our descriptors. */
static int find_nl_fd(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *e;
	int fd, dom, found = -1;
	socklen_t len;

	if (!dir)
		return -1;
	while (found < 0 && (e = readdir(dir))) {
		fd = atoi(e->d_name);
		len = sizeof(dom);
		if (fd > 2 && fd != dirfd(dir) &&
		    !getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &len) &&
		    dom == AF_NETLINK)
			found = fd;
	}
	closedir(dir);
	return found;
}

static int small_sndbuf_batch(struct ipvs_batch *b)
{
	struct ipvs_nl_counters c0, c1;
	struct ipvs_service s;
	struct ipvs_service_list l;
	size_t i, n;
	long failed;

	for (i = 0; i < SMALL_BATCH; i++) {
		s = batch_svc(i);
		EXPECT(ipvs_batch_add(b, IPVS_OP_ADD_SERVICE, &s, NULL) >= 0);
	}
	ipvs_nl_get_counters(&c0);
	failed = ipvs_batch_run(b, NULL, NULL);
	ipvs_nl_get_counters(&c1);
	printf("    %d requests through a small sndbuf: sendmsg %lu\n",
	       SMALL_BATCH, c1.sendmsg - c0.sendmsg);
	EXPECT(failed == 0);
	EXPECT_OK(ipvs_get_services(&l));
	n = l.num;
	ipvs_free_services(&l);
	EXPECT(n == SMALL_BATCH);
	return 0;
}

/* Datagrams the socket refuses (EMSGSIZE) are split, never lost. */
static int case_batch_small_sndbuf(void)
{
	struct ipvs_batch *b = ipvs_batch_new();
	int fd = find_nl_fd(), small = 4096, big = 4 << 20, rc;

	EXPECT(b && fd >= 0);
	EXPECT(!setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)));
	rc = small_sndbuf_batch(b);
	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &big, sizeof(big));
	ipvs_batch_free(b);
	EXPECT_OK(ipvs_flush());
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "api-init", case_init },
	{ "api-info", case_info },
	{ "api-flush", case_flush },
	{ "api-svc-tcp", case_svc_tcp },
	{ "api-svc-udp-ops", case_svc_udp_ops },
	{ "api-svc-sctp-sched-flags", case_svc_sctp_sched_flags },
	{ "api-svc-ipv6-persistent", case_svc_ipv6_persistent },
	{ "api-svc-fwmark", case_svc_fwmark },
	{ "api-svc-persistent-netmask", case_svc_persistent_netmask },
	{ "api-svc-pe-sip", case_svc_pe_sip },
	{ "api-edit-service", case_edit_service },
	{ "api-dump-services", case_dump_services },
	{ "api-dests-masq-route", case_dests_masq_route },
	{ "api-dests-tunnel-types", case_dests_tunnel_types },
	{ "api-dest-v4-in-v6-tunnel", case_dest_v4_in_v6_tunnel },
	{ "api-edit-dest", case_edit_dest },
	{ "api-get-all", case_get_all },
	{ "api-lean-fallback", case_lean_fallback },
	{ "api-dests-many", case_dests_many },
	{ "api-dests-scratch", case_dests_scratch },
	{ "api-zero", case_zero },
	{ "api-errors", case_errors },
	{ "api-timeouts", case_timeouts },
	{ "api-del", case_del },
	/* after api-del: mixed-family dests forbid sync daemons */
	{ "api-daemons", case_daemons },
	{ "api-batch-10000", case_batch },
	{ "api-batch-delete", case_batch_delete },
	{ "api-batch-small-sndbuf", case_batch_small_sndbuf },
};

int main(void)
{
	size_t i;
	int failed = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = cases[i].fn() == 0;

		printf("CASE %s %s\n", cases[i].name, ok ? "PASS" : "FAIL");
		fflush(stdout);
		failed += !ok;
	}
	ipvs_flush();
	ipvs_close();
	return failed ? 1 : 0;
}
