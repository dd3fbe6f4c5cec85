// SPDX-License-Identifier: GPL-2.0-or-later
/* test_print.c: every -L, -S, -c, --timeout and --daemon format of 1.31. */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/print.h"

/*
 * Link-time fakes of the two resolver calls, so that name output is the
 * same on every machine and no test waits for DNS.
 */
static const struct {
	const char *addr;
	const char *name;
} fake_hosts[] = {
	{ "10.9.8.7", "a-rather-long-host-name.example.com" },
	{ "10.9.8.6", "www.example.com" },
	{ "2001:db8::1", "v6-host-with-a-long-name.example.com" },
	{ "10.9.8.5", "a-host-name-so-very-long-that-the-sixty-byte-buffer-"
		      "of-ipvsadm-cuts-it.example.com" },
};

static const struct {
	int port;
	const char *proto;
	const char *name;
} fake_servs[] = {
	{ 80, "tcp", "http" },	 { 21, "tcp", "ftp" },
	{ 53, "udp", "domain" }, { 3868, "sctp", "diameter" },
	{ 5060, "udp", "sip" },	 { 54321, "tcp", NULL },
};

struct hostent *gethostbyaddr(const void *addr, socklen_t len, int type)
{
	static struct hostent h;
	unsigned char buf[sizeof(struct in6_addr)];
	size_t i;

	for (i = 0; i < sizeof(fake_hosts) / sizeof(fake_hosts[0]); i++) {
		int af = strchr(fake_hosts[i].addr, ':') ? AF_INET6 : AF_INET;

		if (af != type || inet_pton(af, fake_hosts[i].addr, buf) != 1)
			continue;
		if (memcmp(buf, addr, len) == 0) {
			h.h_name = (char *)fake_hosts[i].name;
			return &h;
		}
	}
	return NULL;
}

struct servent *getservbyport(int port, const char *proto)
{
	static struct servent s;
	size_t i;

	for (i = 0; i < sizeof(fake_servs) / sizeof(fake_servs[0]); i++) {
		if (htons(fake_servs[i].port) == port &&
		    strcmp(fake_servs[i].proto, proto) == 0 &&
		    fake_servs[i].name) {
			s.s_name = (char *)fake_servs[i].name;
			return &s;
		}
	}
	return NULL;
}

/* --- helpers -------------------------------------------------------- */

struct cap {
	FILE *f;
	char *buf;
	size_t len;
};

static FILE *cap_open(struct cap *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
	return c->f;
}

static void cap_check(struct cap *c, const char *want)
{
	assert_int_equal(fclose(c->f), 0);
	assert_string_equal(c->buf, want);
	free(c->buf);
}

static union ipvs_addr addr_of(const char *s)
{
	union ipvs_addr a;

	memset(&a, 0, sizeof(a));
	if (strchr(s, ':'))
		assert_int_equal(inet_pton(AF_INET6, s, &a.in6), 1);
	else
		assert_int_equal(inet_pton(AF_INET, s, &a.in), 1);
	return a;
}

static int af_of(const char *s)
{
	return strchr(s, ':') ? AF_INET6 : AF_INET;
}

static struct ipvs_service svc(uint16_t proto, const char *addr, uint16_t port,
			       const char *sched)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	s.af = af_of(addr);
	s.protocol = proto;
	s.addr = addr_of(addr);
	s.port = port;
	s.netmask = s.af == AF_INET6 ? 128 : 0xffffffffU;
	snprintf(s.sched_name, sizeof(s.sched_name), "%s", sched);
	return s;
}

static struct ipvs_service fwm(uint32_t mark, int af, const char *sched)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	s.af = af;
	s.fwmark = mark;
	s.netmask = af == AF_INET6 ? 128 : 0xffffffffU;
	snprintf(s.sched_name, sizeof(s.sched_name), "%s", sched);
	return s;
}

static void persist(struct ipvs_service *s, uint32_t timeout, const char *mask)
{
	s->flags |= IPVS_SVC_F_PERSISTENT;
	s->timeout = timeout;
	if (mask && strchr(mask, '.'))
		s->netmask = addr_of(mask).all[0];
	else if (mask)
		s->netmask = (uint32_t)atoi(mask);
}

static struct ipvs_dest dest(const char *addr, uint16_t port, uint32_t fwd,
			     int32_t weight)
{
	struct ipvs_dest d;

	memset(&d, 0, sizeof(d));
	d.af = af_of(addr);
	d.addr = addr_of(addr);
	d.port = port;
	d.conn_flags = fwd;
	d.weight = weight;
	d.activeconns = 3;
	d.inactconns = 4;
	return d;
}

static const struct list_opts numeric_opts = { .numeric = true };

static void check_entry(const struct ipvs_service_entry *e,
			const struct list_opts *o, const char *want)
{
	struct cap c;

	print_service_entry(cap_open(&c), e, o);
	cap_check(&c, want);
}

static void check_save(const struct ipvs_service_entry *e, bool numeric,
		       const char *want)
{
	struct cap c;

	print_save_entry(cap_open(&c), e, numeric);
	cap_check(&c, want);
}

/* --- §2.4 largenum ---------------------------------------------------- */

static void test_largenum(void **state)
{
	static const struct {
		uint64_t n;
		bool exact;
		const char *want;
	} cases[] = {
		{ 0, false, "        0" },
		{ 42, false, "       42" },
		{ 99999999, false, " 99999999" },
		{ 100000000, false, "  100000K" },
		{ 123456789, false, "  123456K" },
		{ 999999999, false, "  999999K" },
		{ 1000000000, false, "    1000M" },
		{ 99999999999ULL, false, "   99999M" },
		{ 100000000000ULL, false, "     100G" },
		{ 1234567890123ULL, false, "    1234G" },
		{ 99999999999999ULL, false, "   99999G" },
		{ 100000000000000ULL, false, "     100T" },
		{ UINT64_MAX, false, "18446744T" },
		{ 0, true, "        0" },
		{ 12345678, true, " 12345678" },
		{ 123456789, true, " 123456789" },
		{ 1234567890123ULL, true, " 1234567890123" },
		{ UINT64_MAX, true, " 18446744073709551615" },
	};
	size_t i;
	struct cap c;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_largenum(cap_open(&c), cases[i].n, cases[i].exact);
		cap_check(&c, cases[i].want);
	}
}

/* --- §2.1 header lines ---------------------------------------------- */

static void test_titles(void **state)
{
	static const struct {
		enum list_view v;
		const char *want;
	} cases[] = {
		{ VIEW_DEFAULT,
		  "Prot LocalAddress:Port Scheduler Flags\n"
		  "  -> RemoteAddress:Port           Forward Weight ActiveConn "
		  "InActConn\n" },
		{ VIEW_TUN_INFO,
		  "Prot LocalAddress:Port Scheduler Flags\n"
		  "  -> RemoteAddress:Port           Forward TunnelInfo    "
		  "Weight ActiveConn InActConn\n" },
		{ VIEW_STATS,
		  "Prot LocalAddress:Port               Conns   InPkts  OutPkts"
		  "  InBytes OutBytes\n"
		  "  -> RemoteAddress:Port\n" },
		{ VIEW_RATE,
		  "Prot LocalAddress:Port                 CPS    InPPS   OutPPS"
		  "    InBPS   OutBPS\n"
		  "  -> RemoteAddress:Port\n" },
		{ VIEW_THRESHOLDS,
		  "Prot LocalAddress:Port            Uthreshold Lthreshold "
		  "ActiveConn InActConn \n"
		  "  -> RemoteAddress:Port\n" },
		{ VIEW_PERSISTENT_CONN,
		  "Prot LocalAddress:Port            Weight    PersistConn "
		  "ActiveConn InActConn \n"
		  "  -> RemoteAddress:Port\n" },
	};
	size_t i;
	struct cap c;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_title(cap_open(&c), cases[i].v);
		cap_check(&c, cases[i].want);
	}
}

static void test_version_line(void **state)
{
	struct ipvs_info info = { .version = 0x010201, .conn_tab_size = 4096 };
	struct cap c;

	print_version_line(cap_open(&c), &info);
	cap_check(&c, "IP Virtual Server version 1.2.1 (size=4096)\n");
}

/* --- §2.5 the verified sample, built in a scrambled kernel order ------ */

struct sample {
	struct ipvs_service_entry e[6];
	struct ipvs_dest d200[1], d1[3], d21[1], dsctp[1], dfwm[1];
	struct ipvs_service_list l;
};

static void sample_build(struct sample *s)
{
	memset(s, 0, sizeof(*s));
	s->d200[0] = dest("10.1.1.1", 80, IPVS_FWD_ROUTE, 1);
	s->d1[0] = dest("10.1.1.2", 80, IPVS_FWD_ROUTE, 1);
	s->d1[1] = dest("200.1.1.1", 80, IPVS_FWD_ROUTE, 1);
	s->d1[2] = dest("150.1.1.2", 80, IPVS_FWD_MASQ, 1);
	s->d21[0] = dest("10.2.2.2", 21, IPVS_FWD_TUNNEL, 0);
	s->d21[0].tun_type = IPVS_TUN_IPIP;
	s->dsctp[0] = dest("10.2.2.3", 3868, IPVS_FWD_LOCAL, 5);
	s->dfwm[0] = dest("10.9.9.9", 0, IPVS_FWD_MASQ, 2);

	s->e[0].svc = fwm(5, AF_INET, "wlc");
	persist(&s->e[0].svc, 360, NULL);
	s->e[0].dests = s->dfwm;
	s->e[0].num_dests = 1;
	s->e[1].svc = svc(IPPROTO_UDP, "10.0.0.1", 53, "wlc");
	s->e[2].svc = svc(IPPROTO_TCP, "1.0.0.1", 80, "rr");
	s->e[2].dests = s->d1;
	s->e[2].num_dests = 3;
	s->e[3].svc = svc(IPPROTO_SCTP, "10.0.0.5", 3868, "mh");
	s->e[3].svc.flags = IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2;
	s->e[3].dests = s->dsctp;
	s->e[3].num_dests = 1;
	s->e[4].svc = svc(IPPROTO_TCP, "10.0.0.1", 21, "lblcr");
	persist(&s->e[4].svc, 300, "255.255.0.0");
	s->e[4].dests = s->d21;
	s->e[4].num_dests = 1;
	s->e[5].svc = svc(IPPROTO_TCP, "200.0.0.1", 80, "rr");
	s->e[5].dests = s->d200;
	s->e[5].num_dests = 1;
	s->l.entries = s->e;
	s->l.num = 6;
}

static void print_all(FILE *f, const struct ipvs_service_list *l,
		      const struct list_opts *o)
{
	size_t i;

	for (i = 0; i < l->num; i++)
		print_service_entry(f, &l->entries[i], o);
}

static void test_sample_numeric(void **state)
{
	struct ipvs_info info = { .version = 0x010201, .conn_tab_size = 4096 };
	struct sample s;
	struct cap c;
	FILE *f;

	sample_build(&s);
	sort_services(&s.l);
	f = cap_open(&c);
	print_version_line(f, &info);
	print_title(f, VIEW_DEFAULT);
	print_all(f, &s.l, &numeric_opts);
	cap_check(&c,
		  "IP Virtual Server version 1.2.1 (size=4096)\n"
		  "Prot LocalAddress:Port Scheduler Flags\n"
		  "  -> RemoteAddress:Port           Forward Weight ActiveConn "
		  "InActConn\n"
		  "TCP  1.0.0.1:80 rr\n"
		  "  -> 10.1.1.2:80                  Route   1      3          "
		  "4         \n"
		  "  -> 150.1.1.2:80                 Masq    1      3          "
		  "4         \n"
		  "  -> 200.1.1.1:80                 Route   1      3          "
		  "4         \n"
		  "TCP  10.0.0.1:21 lblcr persistent 300 mask 255.255.0.0\n"
		  "  -> 10.2.2.2:21                  Tunnel  0      3          "
		  "4         \n"
		  "TCP  200.0.0.1:80 rr\n"
		  "  -> 10.1.1.1:80                  Route   1      3          "
		  "4         \n"
		  "UDP  10.0.0.1:53 wlc\n"
		  "SCTP 10.0.0.5:3868 mh (mh-fallback,mh-port)\n"
		  "  -> 10.2.2.3:3868                Local   5      3          "
		  "4         \n"
		  "FWM  5 wlc persistent 360\n"
		  "  -> 10.9.9.9:0                   Masq    2      3          "
		  "4         \n");
}

static void test_sample_names(void **state)
{
	struct list_opts o = { .numeric = false };
	struct sample s;
	struct cap c;

	sample_build(&s);
	sort_services(&s.l);
	check_entry(
		&s.l.entries[2], &o,
		"TCP  200.0.0.1:http rr\n"
		"  -> 10.1.1.1:http                Route   1      3          "
		"4         \n");
	check_entry(&s.l.entries[3], &o, "UDP  10.0.0.1:domain wlc\n");
	/* fwmark services have no protocol: ports stay numeric. */
	s.dfwm[0].port = 80;
	check_entry(
		&s.l.entries[5], &o,
		"FWM  5 wlc persistent 360\n"
		"  -> 10.9.9.9:80                  Masq    2      3          "
		"4         \n");
	print_save_entry(cap_open(&c), &s.l.entries[2], false);
	cap_check(&c, "-A -t 200.0.0.1:http -s rr\n"
		      "-a -t 200.0.0.1:http -r 10.1.1.1:http -g -w 1\n");
}

static void test_sample_tun_info(void **state)
{
	struct list_opts o = { .numeric = true, .view = VIEW_TUN_INFO };
	struct sample s;

	sample_build(&s);
	check_entry(&s.e[4], &o,
		    "TCP  10.0.0.1:21 lblcr persistent 300 mask 255.255.0.0\n"
		    "  -> 10.2.2.2:21                  Tunnel  ipip          0 "
		    "     3          4         \n");
	check_entry(&s.e[5], &o,
		    "TCP  200.0.0.1:80 rr\n"
		    "  -> 10.1.1.1:80                  Route   n/a           1 "
		    "     3          4         \n");
}

static void test_tun_info_kinds(void **state)
{
	struct list_opts o = { .numeric = true, .view = VIEW_TUN_INFO };
	struct ipvs_service_entry e = { 0 };
	struct ipvs_dest d[3];

	d[0] = dest("10.2.2.4", 80, IPVS_FWD_TUNNEL, 1);
	d[0].tun_type = IPVS_TUN_GUE;
	d[0].tun_port = 6080;
	d[0].tun_flags = IPVS_TUN_F_CSUM;
	d[1] = dest("10.2.2.5", 80, IPVS_FWD_TUNNEL, 1);
	d[1].tun_type = IPVS_TUN_GRE;
	d[1].tun_flags = IPVS_TUN_F_REMCSUM;
	d[2] = dest("10.2.2.6", 80, IPVS_FWD_TUNNEL, 1);
	d[2].tun_type = IPVS_TUN_GUE;
	d[2].tun_port = 65535;
	d[2].tun_flags = 0;
	e.svc = svc(IPPROTO_TCP, "10.0.0.9", 80, "wrr");
	e.dests = d;
	e.num_dests = 3;
	check_entry(&e, &o,
		    "TCP  10.0.0.9:80 wrr\n"
		    "  -> 10.2.2.4:80                  Tunnel  gue:6080:+c   1 "
		    "     3          4         \n"
		    "  -> 10.2.2.5:80                  Tunnel  gre:r+c       1 "
		    "     3          4         \n"
		    "  -> 10.2.2.6:80                  Tunnel  gue:65535:-c  1 "
		    "     3          4         \n");
	check_save(&e, true,
		   "-A -t 10.0.0.9:80 -s wrr\n"
		   "-a -t 10.0.0.9:80 -r 10.2.2.4:80 -i -w 1 --tun-type gue "
		   "--tun-port 6080 --tun-csum\n"
		   "-a -t 10.0.0.9:80 -r 10.2.2.5:80 -i -w 1 --tun-type gre "
		   "--tun-remcsum\n"
		   "-a -t 10.0.0.9:80 -r 10.2.2.6:80 -i -w 1 --tun-type gue "
		   "--tun-port 65535 --tun-nocsum\n");
}

/* --- stats and rate views --------------------------------------------- */

static void stats_entry(struct ipvs_service_entry *e, struct ipvs_dest *d)
{
	*d = dest("10.1.1.2", 80, IPVS_FWD_ROUTE, 1);
	d->stats = (struct ipvs_stats){
		.conns = 5000000000ULL, /* beyond 32 bits: full 64-bit kept */
		.inpkts = 1,
		.outpkts = 2,
		.inbytes = 100000000,
		.outbytes = 3,
		.cps = 4294967296ULL,
		.inpps = 12,
		.outpps = 123456789,
		.inbps = 999999999,
		.outbps = 7,
	};
	memset(e, 0, sizeof(*e));
	e->svc = svc(IPPROTO_TCP, "1.0.0.1", 80, "rr");
	e->svc.stats = (struct ipvs_stats){
		.conns = 123456789,
		.inpkts = 42,
		.outpkts = 7,
		.inbytes = 1234567890123ULL,
		.outbytes = 99,
		.cps = 1,
		.inpps = 2,
		.outpps = 3,
		.inbps = 100000000,
		.outbps = 5,
	};
	e->dests = d;
	e->num_dests = 1;
}

static void test_stats_view(void **state)
{
	struct list_opts o = { .numeric = true, .view = VIEW_STATS };
	struct ipvs_service_entry e;
	struct ipvs_dest d;

	stats_entry(&e, &d);
	check_entry(
		&e, &o,
		"TCP  1.0.0.1:80                    123456K       42       "
		" 7    1234G       99\n"
		"  -> 10.1.1.2:80                     5000M        1        "
		"2  100000K        3\n");
	o.exact = true;
	check_entry(
		&e, &o,
		"TCP  1.0.0.1:80                   123456789       42       "
		" 7 1234567890123       99\n"
		"  -> 10.1.1.2:80                  5000000000        1       "
		" 2 100000000        3\n");
}

static void test_rate_view(void **state)
{
	struct list_opts o = { .numeric = true, .view = VIEW_RATE };
	struct ipvs_service_entry e;
	struct ipvs_dest d;

	stats_entry(&e, &d);
	/* Destination cps/inpps/outpps are plain %8llu, never K/M. */
	check_entry(&e, &o,
		    "TCP  1.0.0.1:80                          1        2       "
		    " 3  100000K        5\n"
		    "  -> 10.1.1.2:80                  4294967296       12 "
		    "123456789  999999K        7\n");
}

static void test_thresholds_and_persistent_views(void **state)
{
	struct list_opts o = { .numeric = true, .view = VIEW_THRESHOLDS };
	struct ipvs_service_entry e;
	struct ipvs_dest d;

	stats_entry(&e, &d);
	d.u_threshold = 100;
	d.l_threshold = 20;
	d.persistconns = 6;
	d.weight = 7;
	check_entry(&e, &o,
		    "TCP  1.0.0.1:80 rr\n"
		    "  -> 10.1.1.2:80                  100        20         3 "
		    "         4         \n");
	o.view = VIEW_PERSISTENT_CONN;
	check_entry(&e, &o,
		    "TCP  1.0.0.1:80 rr\n"
		    "  -> 10.1.1.2:80                  7         6           3 "
		    "         4         \n");
}

/* --- IPv6, real output from the wild ---------------------------------- */

static void test_ipv6_lines(void **state)
{
	struct ipvs_service_entry e = { 0 };
	struct ipvs_dest d;
	struct cap c;

	e.svc = svc(IPPROTO_TCP, "2001:18e8:2:6::17d", 80, "rr");
	persist(&e.svc, 600, NULL);
	d = dest("2001:18e8:2:6::113", 80, IPVS_FWD_ROUTE, 100);
	d.activeconns = 0;
	d.inactconns = 0;
	e.dests = &d;
	e.num_dests = 1;
	check_entry(
		&e, &numeric_opts,
		"TCP  [2001:18e8:2:6::17d]:80 rr persistent 600\n"
		"  -> [2001:18e8:2:6::113]:80      Route   100    0          "
		"0         \n");

	e.svc = fwm(1, AF_INET6, "wrr");
	d = dest("fc00:1::12", 0, IPVS_FWD_TUNNEL, 10);
	d.activeconns = 0;
	d.inactconns = 0;
	check_entry(
		&e, &numeric_opts,
		"FWM  1 IPv6 wrr\n"
		"  -> [fc00:1::12]:0               Tunnel  10     0          "
		"0         \n");
	print_save_entry(cap_open(&c), &e, true);
	cap_check(&c,
		  "-A -f 1 -6 -s wrr\n"
		  "-a -f 1 -6 -r [fc00:1::12]:0 -i -w 10 --tun-type ipip\n");

	/* A mixed-family tunnel: IPv4 real server of an IPv6 service. */
	e.svc = svc(IPPROTO_UDP, "2001:db8::80", 53, "rr");
	d = dest("10.3.3.3", 53, IPVS_FWD_TUNNEL, 1);
	check_entry(
		&e, &numeric_opts,
		"UDP  [2001:db8::80]:53 rr\n"
		"  -> 10.3.3.3:53                  Tunnel  1      3          "
		"4         \n");
}

/* --- service-line options --------------------------------------------- */

static void test_sched_flags(void **state)
{
	static const struct {
		const char *sched;
		uint32_t flags;
		const char *list;
		const char *save;
	} cases[] = {
		{ "sh", IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2,
		  "TCP  10.0.0.1:80 sh (sh-fallback,sh-port)\n",
		  "-A -t 10.0.0.1:80 -s sh -b sh-fallback,sh-port\n" },
		{ "sh", IPVS_SVC_F_SCHED2, "TCP  10.0.0.1:80 sh (sh-port)\n",
		  "-A -t 10.0.0.1:80 -s sh -b sh-port\n" },
		{ "mh", IPVS_SVC_F_SCHED1,
		  "TCP  10.0.0.1:80 mh (mh-fallback)\n",
		  "-A -t 10.0.0.1:80 -s mh -b mh-fallback\n" },
		/* sh/mh have no name for flag-3: an empty list. */
		{ "sh", IPVS_SVC_F_SCHED3, "TCP  10.0.0.1:80 sh ()\n",
		  "-A -t 10.0.0.1:80 -s sh -b \n" },
		{ "rr", IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED3,
		  "TCP  10.0.0.1:80 rr (flag-1,flag-3)\n",
		  "-A -t 10.0.0.1:80 -s rr -b flag-1,flag-3\n" },
		{ "shx", IPVS_SVC_F_SCHED2, "TCP  10.0.0.1:80 shx (flag-2)\n",
		  "-A -t 10.0.0.1:80 -s shx -b flag-2\n" },
	};
	struct ipvs_service_entry e = { 0 };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e.svc = svc(IPPROTO_TCP, "10.0.0.1", 80, cases[i].sched);
		e.svc.flags = cases[i].flags;
		check_entry(&e, &numeric_opts, cases[i].list);
		check_save(&e, true, cases[i].save);
	}
}

static void test_persistence_parts(void **state)
{
	struct ipvs_service_entry e = { 0 };

	e.svc = svc(IPPROTO_UDP, "10.0.0.1", 5060, "rr");
	persist(&e.svc, 360, "255.255.255.0");
	snprintf(e.svc.pe_name, sizeof(e.svc.pe_name), "sip");
	e.svc.flags |= IPVS_SVC_F_ONEPACKET | IPVS_SVC_F_SCHED1;
	check_entry(&e, &numeric_opts,
		    "UDP  10.0.0.1:5060 rr (flag-1) persistent 360 mask "
		    "255.255.255.0 pe sip ops\n");
	check_save(&e, true,
		   "-A -u 10.0.0.1:5060 -s rr -p 360 -M 255.255.255.0 --pe sip "
		   "-o -b flag-1\n");

	/* Without persistence -L hides the engine, -S still saves it. */
	e.svc.flags = IPVS_SVC_F_ONEPACKET;
	check_entry(&e, &numeric_opts, "UDP  10.0.0.1:5060 rr ops\n");
	check_save(&e, true, "-A -u 10.0.0.1:5060 -s rr --pe sip -o\n");

	e.svc = svc(IPPROTO_TCP, "2001:db8::1", 443, "wlc");
	persist(&e.svc, 300, "64");
	check_entry(&e, &numeric_opts,
		    "TCP  [2001:db8::1]:443 wlc persistent 300 mask 64\n");
	check_save(&e, true, "-A -t [2001:db8::1]:443 -s wlc -p 300 -M 64\n");
	persist(&e.svc, 300, "128");
	check_entry(&e, &numeric_opts,
		    "TCP  [2001:db8::1]:443 wlc persistent 300\n");
	check_save(&e, true, "-A -t [2001:db8::1]:443 -s wlc -p 300\n");
}

static void test_fwmark_unsigned(void **state)
{
	struct ipvs_service_entry e = { 0 };

	e.svc = fwm(3000000000U, AF_INET, "rr");
	check_entry(&e, &numeric_opts, "FWM  3000000000 rr\n");
	check_save(&e, true, "-A -f 3000000000 -s rr\n");
	e.svc = fwm(4294967295U, AF_INET6, "rr");
	check_entry(&e, &numeric_opts, "FWM  4294967295 IPv6 rr\n");
	check_save(&e, true, "-A -f 4294967295 -6 -s rr\n");
}

static void test_unknown_protocol_and_fwd(void **state)
{
	struct ipvs_service_entry e = { 0 };
	struct ipvs_dest d = dest("10.1.1.1", 80, 4, 1);

	e.svc = svc(IPPROTO_ICMP, "10.0.0.1", 80, "rr");
	e.dests = &d;
	e.num_dests = 1;
	check_entry(
		&e, &numeric_opts,
		"?    10.0.0.1:80 rr\n"
		"  -> 10.1.1.1:80                  (null)  1      3          "
		"4         \n");
	check_save(&e, true,
		   "-A --xxx-service 10.0.0.1:80 -s rr\n"
		   "-a --xxx-service 10.0.0.1:80 -r 10.1.1.1:80 (null) -w 1\n");
}

/* --- §2.8 save samples ------------------------------------------------ */

static void test_save_sample(void **state)
{
	struct sample s;
	struct cap c;
	FILE *f;
	size_t i;

	sample_build(&s);
	sort_services(&s.l);
	f = cap_open(&c);
	for (i = 0; i < s.l.num; i++)
		print_save_entry(f, &s.l.entries[i], true);
	cap_check(&c,
		  "-A -t 1.0.0.1:80 -s rr\n"
		  "-a -t 1.0.0.1:80 -r 10.1.1.2:80 -g -w 1\n"
		  "-a -t 1.0.0.1:80 -r 150.1.1.2:80 -m -w 1\n"
		  "-a -t 1.0.0.1:80 -r 200.1.1.1:80 -g -w 1\n"
		  "-A -t 10.0.0.1:21 -s lblcr -p 300 -M 255.255.0.0\n"
		  "-a -t 10.0.0.1:21 -r 10.2.2.2:21 -i -w 0 --tun-type ipip\n"
		  "-A -t 200.0.0.1:80 -s rr\n"
		  "-a -t 200.0.0.1:80 -r 10.1.1.1:80 -g -w 1\n"
		  "-A -u 10.0.0.1:53 -s wlc\n"
		  "-A --sctp-service 10.0.0.5:3868 -s mh -b "
		  "mh-fallback,mh-port\n"
		  "-a --sctp-service 10.0.0.5:3868 -r 10.2.2.3:3868 -g -w 5\n"
		  "-A -f 5 -s wlc -p 360\n"
		  "-a -f 5 -r 10.9.9.9:0 -m -w 2\n");
}

static void test_save_golden_cloudflare(void **state)
{
	struct ipvs_service_entry e = { 0 };
	struct ipvs_dest d = dest("127.0.2.1", 80, IPVS_FWD_ROUTE, 0);

	e.svc = svc(IPPROTO_TCP, "127.0.1.1", 443, "mh");
	e.dests = &d;
	e.num_dests = 1;
	check_save(&e, true,
		   "-A -t 127.0.1.1:443 -s mh\n"
		   "-a -t 127.0.1.1:443 -r 127.0.2.1:80 -g -w 0\n");
}

/* --- names: the 33/28 cuts and the 60-byte buffer -------------------- */

static void test_name_cuts(void **state)
{
	struct list_opts o = { .numeric = false };
	struct ipvs_service_entry e = { 0 };
	struct ipvs_dest d[2];
	char buf[80];

	d[0] = dest("10.9.8.7", 80, IPVS_FWD_MASQ, 1);
	d[1] = dest("10.9.8.6", 80, IPVS_FWD_MASQ, 1);
	e.svc = svc(IPPROTO_TCP, "10.9.8.7", 80, "rr");
	e.dests = d;
	e.num_dests = 2;
	check_entry(
		&e, &o,
		"TCP  a-rather-long-host-name.exam rr\n"
		"  -> a-rather-long-host-name.exam Masq    1      3          "
		"4         \n"
		"  -> www.example.com:http         Masq    1      3          "
		"4         \n");
	o.view = VIEW_STATS;
	d[0].stats.conns = 1;
	e.num_dests = 1;
	check_entry(
		&e, &o,
		"TCP  a-rather-long-host-name.exam        0        0        0"
		"        0        0\n"
		"  -> a-rather-long-host-name.exam        1        0        0"
		"        0        0\n");
	/* -S is never cut. */
	check_save(&e, false,
		   "-A -t a-rather-long-host-name.example.com:http -s rr\n"
		   "-a -t a-rather-long-host-name.example.com:http -r "
		   "a-rather-long-host-name.example.com:http -m -w 1\n");

	/* IPv6 names are never cut in -L. */
	e.svc = svc(IPPROTO_TCP, "2001:db8::1", 80, "rr");
	d[0] = dest("2001:db8::1", 21, IPVS_FWD_ROUTE, 1);
	o.view = VIEW_DEFAULT;
	check_entry(&e, &o,
		    "TCP  [v6-host-with-a-long-name.example.com]:http rr\n"
		    "  -> [v6-host-with-a-long-name.example.com]:ftp Route   1 "
		    "     3          4         \n");

	/* ipvsadm's 60-byte buffer holds at most 59 characters. */
	assert_int_equal(
		format_addrport(buf, sizeof(buf), AF_INET,
				&(union ipvs_addr){
					.all = { addr_of("10.9.8.5").all[0] } },
				80, IPPROTO_TCP, false),
		0);
	assert_string_equal(buf, "a-host-name-so-very-long-that-the-sixty-"
				 "byte-buffer-of-ipvs");
	assert_int_equal(strlen(buf), 59);
}

static void test_format_addrport(void **state)
{
	union ipvs_addr a = addr_of("192.168.0.1");
	union ipvs_addr a6 = addr_of("2001:db8::a0");
	char buf[60], small[8];

	assert_int_equal(format_addrport(buf, sizeof(buf), AF_INET, &a, 80,
					 IPPROTO_TCP, true),
			 0);
	assert_string_equal(buf, "192.168.0.1:80");
	assert_int_equal(format_addrport(buf, sizeof(buf), AF_INET, &a, 80,
					 IPPROTO_TCP, false),
			 0);
	assert_string_equal(buf, "192.168.0.1:http");
	/* UDP has no "http" in the fake services table. */
	format_addrport(buf, sizeof(buf), AF_INET, &a, 80, IPPROTO_UDP, false);
	assert_string_equal(buf, "192.168.0.1:80");
	format_addrport(buf, sizeof(buf), AF_INET6, &a6, 3868, IPPROTO_SCTP,
			false);
	assert_string_equal(buf, "[2001:db8::a0]:diameter");
	format_addrport(buf, sizeof(buf), AF_INET6, &a6, 65535, IPPROTO_TCP,
			true);
	assert_string_equal(buf, "[2001:db8::a0]:65535");
	format_addrport(small, sizeof(small), AF_INET, &a, 80, 0, true);
	assert_string_equal(small, "192.168");
	assert_int_equal(format_addrport(buf, 0, AF_INET, &a, 80, 0, true), -1);
	assert_int_equal(format_addrport(buf, sizeof(buf), 99, &a, 80, 0, true),
			 -1);
}

/* --- §2.9 sorting ----------------------------------------------------- */

/* Deliberate fix: numeric, transitive; 1.31 overflowed past 2^31. */
static void test_sort_services_numeric(void **state)
{
	struct ipvs_service_entry e[7];
	struct ipvs_service_list l = { e, 7 };
	static const char *const want[] = {
		"TCP  1.0.0.1:22 rr\n",	 "TCP  1.0.0.1:80 rr\n",
		"UDP  10.0.0.1:53 rr\n", "TCP  [::1]:80 rr\n",
		"TCP  [c000::]:80 rr\n", "FWM  5 rr\n",
		"FWM  3000000000 rr\n",
	};
	size_t i;

	memset(e, 0, sizeof(e));
	e[0].svc = svc(IPPROTO_TCP, "1.0.0.1", 80, "rr");
	e[1].svc = fwm(5, AF_INET, "rr");
	e[2].svc = svc(IPPROTO_TCP, "::1", 80, "rr");
	e[3].svc = fwm(3000000000U, AF_INET, "rr");
	e[4].svc = svc(IPPROTO_UDP, "10.0.0.1", 53, "rr");
	e[5].svc = svc(IPPROTO_TCP, "c000::", 80, "rr");
	e[6].svc = svc(IPPROTO_TCP, "1.0.0.1", 22, "rr");
	sort_services(&l);
	for (i = 0; i < 7; i++)
		check_entry(&e[i], &numeric_opts, want[i]);
}

static void test_sort_dests_numeric(void **state)
{
	struct ipvs_dest d[5];
	static const char *const want[] = { "10.1.1.2", "10.1.1.2", "10.1.1.3",
					    "150.1.1.2", "200.1.1.1" };
	static const uint16_t want_port[] = { 21, 80, 80, 80, 80 };
	size_t i;

	d[0] = dest("10.1.1.2", 80, IPVS_FWD_ROUTE, 1);
	d[1] = dest("10.1.1.3", 80, IPVS_FWD_ROUTE, 1);
	d[2] = dest("200.1.1.1", 80, IPVS_FWD_ROUTE, 1);
	d[3] = dest("150.1.1.2", 80, IPVS_FWD_ROUTE, 1);
	d[4] = dest("10.1.1.2", 21, IPVS_FWD_ROUTE, 1);
	sort_dests(d, 5);
	for (i = 0; i < 5; i++) {
		union ipvs_addr a = addr_of(want[i]);

		assert_memory_equal(&d[i].addr, &a, sizeof(a));
		assert_int_equal(d[i].port, want_port[i]);
	}
	sort_dests(NULL, 0);
}

/* The order as the spec states it, field by field: the sort's reference. */
static int ref_cmp_u32(uint32_t a, uint32_t b)
{
	return (a > b) - (a < b);
}

static int ref_addr_cmp(int af_a, const union ipvs_addr *a, int af_b,
			const union ipvs_addr *b)
{
	int i, r = ref_cmp_u32(ntohl(a->all[0]), ntohl(b->all[0]));

	if (r || af_a != af_b)
		return r ? r : ref_cmp_u32(af_a, af_b);
	for (i = 1; i < (af_a == AF_INET6 ? 4 : 1) && !r; i++)
		r = ref_cmp_u32(ntohl(a->all[i]), ntohl(b->all[i]));
	return r;
}

static int ref_svc_cmp(const struct ipvs_service *a,
		       const struct ipvs_service *b)
{
	int r = ref_cmp_u32(a->fwmark, b->fwmark);

	if (!r)
		r = ref_cmp_u32(a->af, b->af);
	if (!r)
		r = ref_cmp_u32(a->protocol, b->protocol);
	if (!r)
		r = ref_addr_cmp(a->af, &a->addr, b->af, &b->addr);
	return r ? r : ref_cmp_u32(a->port, b->port);
}

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1103515245U + 12345U;
	return *s >> 8;
}

/* A random address of af: repeated words and random ones, every bit used. */
static void rand_addr(uint32_t *seed, int af, union ipvs_addr *a)
{
	static const uint32_t word[] = { 0x01000001, 0x0a000001, 0x0a000002,
					 0xc8000001, 0xfe800000, 0 };
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < (af == AF_INET6 ? 4 : 1); i++)
		a->all[i] = htonl(lcg(seed) % 2 ?
					  lcg(seed) << 16 ^ lcg(seed) :
					  word[lcg(seed) % (sizeof(word) /
							    sizeof(word[0]))]);
}

/* Thousands of services in the merge path: ordered, none lost. */
static void test_sort_services_many(void **state)
{
	enum { N = 3000 };
	struct ipvs_service_entry *e = calloc(N, sizeof(*e));
	struct ipvs_service_list l = { e, N };
	bool seen[N] = { false };
	uint32_t seed = 7;
	size_t i;

	assert_non_null(e);
	for (i = 0; i < N; i++) {
		struct ipvs_service *s = &e[i].svc;

		s->af = lcg(&seed) % 3 ? AF_INET : AF_INET6;
		s->fwmark = lcg(&seed) % 5 ? 0 : lcg(&seed) % 4 * 0x50000000U;
		s->protocol = s->fwmark ? 0 : lcg(&seed) % 2 ? 6 : 17;
		rand_addr(&seed, s->af, &s->addr);
		s->port = (uint16_t)(lcg(&seed) % 2 ? lcg(&seed) :
						      lcg(&seed) % 4 * 20000);
		s->timeout = (uint32_t)i;
	}
	assert_int_equal(sort_services(&l), 0);
	for (i = 0; i < N; i++) {
		if (i)
			assert_true(ref_svc_cmp(&e[i - 1].svc, &e[i].svc) <= 0);
		assert_false(seen[e[i].svc.timeout]);
		seen[e[i].svc.timeout] = true;
	}
	free(e);
}

/* More destinations than the stack keys hold, families mixed (tunnels). */
static void test_sort_dests_many(void **state)
{
	enum { N = 100 };
	struct ipvs_dest d[N];
	bool seen[N] = { false };
	uint32_t seed = 11;
	size_t i;
	int r;

	memset(d, 0, sizeof(d));
	for (i = 0; i < N; i++) {
		d[i].af = lcg(&seed) % 2 ? AF_INET : AF_INET6;
		rand_addr(&seed, d[i].af, &d[i].addr);
		d[i].port = (uint16_t)(lcg(&seed) % 2 ? lcg(&seed) :
							lcg(&seed) % 3 * 30000);
		d[i].weight = (int32_t)i;
	}
	assert_int_equal(sort_dests(d, N), 0);
	for (i = 0; i < N; i++) {
		if (i) {
			r = ref_addr_cmp(d[i - 1].af, &d[i - 1].addr, d[i].af,
					 &d[i].addr);
			assert_true(r < 0 ||
				    (!r && d[i - 1].port <= d[i].port));
		}
		assert_false(seen[d[i].weight]);
		seen[d[i].weight] = true;
	}
}

/* --- §2.6 connections ------------------------------------------------- */

static const char conn_head[] = "Pro FromIP   FPrt ToIP     TPrt DestIP   "
				"DPrt State       Expires PEName PEData\n";

static char *conn_file(const char *body, bool header)
{
	static char path[] = "/tmp/test_print_connXXXXXX";
	char *p = strdup(path);
	FILE *f;
	int fd;

	assert_non_null(p);
	fd = mkstemp(p);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	if (header)
		fputs(conn_head, f);
	fputs(body, f);
	assert_int_equal(fclose(f), 0);
	return p;
}

static void check_conns(const char *body, const struct list_opts *o,
			const char *want)
{
	char *path = conn_file(body, true);
	struct cap c;

	assert_int_equal(print_connections(cap_open(&c), path, o), 0);
	cap_check(&c, want);
	unlink(path);
	free(path);
}

/* The kernel prints IPv6 in full form (%pI6), IPv4 as 8 hex digits. */
static const char conn_v4[] = "TCP C0A80001 D431 0A000001 0050 0A010101 0050 "
			      "ESTABLISHED     899\n";
static const char conn_v6[] =
	"TCP 2001:0db8:0000:0000:0000:0000:0000:0001 D431 "
	"2001:0db8:0000:0000:0000:0000:0000:0080 0050 "
	"2001:0db8:0000:0000:0000:0000:0000:00a0 0050 "
	"SYN_RECV         59\n";
/* IPv6 client, IPv4 real server: a mixed-family tunnel. */
static const char conn_mixed[] =
	"TCP 2001:0db8:0000:0000:0000:0000:0000:0001 0050 "
	"2001:0db8:0000:0000:0000:0000:0000:0080 0050 "
	"0A010101 0050 ESTABLISHED      60\n";
/* Minutes are not capped at 59. */
static const char conn_long[] = "UDP 0A000002 0035 0A000001 0035 0A010101 0035 "
				"UDP            7200\n";
/* An unknown protocol keeps its name and gets numeric ports. */
static const char conn_xyz[] = "XYZ 0A000002 0001 0A000001 0002 0A010101 0003 "
			       "NONE              0\n";
/* Longer than 1.31's state[16]: printed whole. */
static const char conn_sctp[] =
	"SCTP 0A000002 0001 0A000001 0002 0A010101 0003 "
	"SHUTDOWN_RECEIVED       5\n";

static char *join(const char *const *parts, size_t n)
{
	size_t i, len = 1;
	char *r;

	for (i = 0; i < n; i++)
		len += strlen(parts[i]);
	r = calloc(1, len);
	assert_non_null(r);
	for (i = 0; i < n; i++)
		strcat(r, parts[i]);
	return r;
}

static void test_connections(void **state)
{
	const char *const parts[] = { conn_v4, conn_v6 };
	char *body = join(parts, 2);

	check_conns(
		body, &numeric_opts,
		"IPVS connection entries\n"
		"pro expire state       source             virtual         "
		"   destination\n"
		"TCP 14:59  ESTABLISHED 192.168.0.1:54321  10.0.0.1:80     "
		"   10.1.1.1:80\n"
		"TCP 00:59  SYN_RECV    [2001:db8::1]:54321 [2001:db8::80]:80 "
		" [2001:db8::a0]:80\n");
	free(body);
}

static void test_connections_mixed_and_odd(void **state)
{
	/* The last, too short line is dropped. */
	const char *const parts[] = { conn_mixed, conn_long, conn_xyz,
				      conn_sctp, "TCP 0A000002\n" };
	char *body = join(parts, 5);

	check_conns(
		body, &numeric_opts,
		"IPVS connection entries\n"
		"pro expire state       source             virtual         "
		"   destination\n"
		"TCP 01:00  ESTABLISHED [2001:db8::1]:80   [2001:db8::80]:80 "
		" 10.1.1.1:80\n"
		"UDP 120:00 UDP         10.0.0.2:53        10.0.0.1:53     "
		"   10.1.1.1:53\n"
		"XYZ 00:00  NONE        10.0.0.2:1         10.0.0.1:2      "
		"   10.1.1.1:3\n"
		"SCTP 00:05  SHUTDOWN_RECEIVED 10.0.0.2:1         10.0.0.1:2"
		"         10.1.1.1:3\n");
	free(body);
}

static void test_connections_names(void **state)
{
	struct list_opts o = { .numeric = false };

	check_conns(
		"TCP 0A090806 D431 0A000001 0050 0A010101 0050 "
		"ESTABLISHED     899\n",
		&o,
		"IPVS connection entries\n"
		"pro expire state       source             virtual         "
		"   destination\n"
		"TCP 14:59  ESTABLISHED www.example.com:54321 10.0.0.1:http "
		"     10.1.1.1:http\n");
}

static void test_connections_persistent(void **state)
{
	struct list_opts o = { .numeric = true, .persistent_conn = true };

	check_conns("UDP 0A00000A 13C4 0A000001 13C4 0A010101 13C4 "
		    "UDP             179 sip call-1234@host\n"
		    "TCP C0A80001 D431 0A000001 0050 0A010101 0050 "
		    "ESTABLISHED     899\n",
		    &o,
		    "IPVS connection entries\n"
		    "pro expire state       source             virtual         "
		    "   destination        pe name          pe_data\n"
		    "UDP 02:59  UDP         10.0.0.10:5060     10.0.0.1:5060   "
		    "   10.1.1.1:5060    sip                call-1234@host\n"
		    "TCP 14:59  ESTABLISHED 192.168.0.1:54321  10.0.0.1:80     "
		    "   10.1.1.1:80\n");
	/* Without --persistent-conn the pe columns are dropped. */
	check_conns("UDP 0A00000A 13C4 0A000001 13C4 0A010101 13C4 "
		    "UDP             179 sip call-1234@host\n",
		    &numeric_opts,
		    "IPVS connection entries\n"
		    "pro expire state       source             virtual         "
		    "   destination\n"
		    "UDP 02:59  UDP         10.0.0.10:5060     10.0.0.1:5060   "
		    "   10.1.1.1:5060\n");
}

static void test_connections_errors(void **state)
{
	char *path = conn_file("", false);
	struct cap c;

	assert_int_equal(print_connections(cap_open(&c), path, &numeric_opts),
			 -2);
	cap_check(&c, "");
	unlink(path);
	free(path);
	assert_int_equal(print_connections(cap_open(&c),
					   "/nonexistent/ip_vs_conn",
					   &numeric_opts),
			 -1);
	cap_check(&c, "");
	/* Only the kernel's header: the titles and no rows. */
	check_conns("", &numeric_opts,
		    "IPVS connection entries\n"
		    "pro expire state       source             virtual         "
		    "   destination\n");
}

/* --- §2.7 timeout and daemon ------------------------------------------ */

static void test_timeout(void **state)
{
	struct ipvs_timeout t = { 900, 120, 300 };
	struct cap c;

	print_timeout(cap_open(&c), &t);
	cap_check(&c, "Timeout (tcp tcpfin udp): 900 120 300\n");
}

static void test_daemon(void **state)
{
	struct ipvs_daemon m = { .state = IPVS_STATE_MASTER,
				 .mcast_ifn = "eth1",
				 .syncid = 7 };
	struct ipvs_daemon b = { .state = IPVS_STATE_BACKUP,
				 .mcast_ifn = "eth0",
				 .syncid = 5,
				 .sync_maxlen = 1472,
				 .mcast_af = AF_INET,
				 .mcast_port = 8848,
				 .mcast_ttl = 1 };
	struct ipvs_daemon none = { 0 };
	struct cap c;
	FILE *f;

	b.mcast_group = addr_of("224.0.0.81");
	f = cap_open(&c);
	print_daemon(f, &m);
	print_daemon(f, &b);
	print_daemon(f, &none);
	cap_check(&c, "master sync daemon (mcast=eth1, syncid=7)\n"
		      "backup sync daemon (mcast=eth0, syncid=5, maxlen=1472, "
		      "group=224.0.0.81, port=8848, ttl=1)\n");

	b.state = IPVS_STATE_MASTER;
	b.mcast_af = AF_INET6;
	b.mcast_group = addr_of("ff02::1:2");
	print_daemon(cap_open(&c), &b);
	cap_check(&c, "master sync daemon (mcast=eth0, syncid=5, maxlen=1472, "
		      "group=ff02::1:2, port=8848, ttl=1)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_largenum),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_version_line),
		cmocka_unit_test(test_sample_numeric),
		cmocka_unit_test(test_sample_names),
		cmocka_unit_test(test_sample_tun_info),
		cmocka_unit_test(test_tun_info_kinds),
		cmocka_unit_test(test_stats_view),
		cmocka_unit_test(test_rate_view),
		cmocka_unit_test(test_thresholds_and_persistent_views),
		cmocka_unit_test(test_ipv6_lines),
		cmocka_unit_test(test_sched_flags),
		cmocka_unit_test(test_persistence_parts),
		cmocka_unit_test(test_fwmark_unsigned),
		cmocka_unit_test(test_unknown_protocol_and_fwd),
		cmocka_unit_test(test_save_sample),
		cmocka_unit_test(test_save_golden_cloudflare),
		cmocka_unit_test(test_name_cuts),
		cmocka_unit_test(test_format_addrport),
		cmocka_unit_test(test_sort_services_numeric),
		cmocka_unit_test(test_sort_dests_numeric),
		cmocka_unit_test(test_sort_services_many),
		cmocka_unit_test(test_sort_dests_many),
		cmocka_unit_test(test_connections),
		cmocka_unit_test(test_connections_mixed_and_odd),
		cmocka_unit_test(test_connections_names),
		cmocka_unit_test(test_connections_persistent),
		cmocka_unit_test(test_connections_errors),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_daemon),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
