// SPDX-License-Identifier: GPL-2.0-or-later
/* opts.c: ipvsadm's popt table, option parsers and the option matrix. */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <popt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* popt values of the options that are not single letters. */
enum {
	TAG_SET = 256,
	TAG_START_DAEMON,
	TAG_STOP_DAEMON,
	TAG_MCAST_INTERFACE,
	TAG_TIMEOUT,
	TAG_DAEMON,
	TAG_STATS,
	TAG_RATE,
	TAG_THRESHOLDS,
	TAG_PERSISTENTCONN,
	TAG_SORT,
	TAG_NOSORT,
	TAG_SYNCID,
	TAG_EXACT,
	TAG_PERSISTENCE_ENGINE,
	TAG_SCTP_SERVICE,
	TAG_MCAST_GROUP,
	TAG_MCAST_PORT,
	TAG_MCAST_TTL,
	TAG_SYNC_MAXLEN,
	TAG_TUN_INFO,
	TAG_TUN_TYPE,
	TAG_TUN_PORT,
	TAG_TUN_NOCSUM,
	TAG_TUN_CSUM,
	TAG_TUN_REMCSUM,
	TAG_APPLY,
	TAG_PLAN,
	TAG_BEST_EFFORT,
	TAG_TEST,
	TAG_JSON,
};

#define MAX_TIMEOUT (86400 * 31) /* 31 days, as 1.31 */
#define DEF_PERSISTENT_TIMEOUT 360 /* the man page's 300 is wrong */
#define DEF_SCHED "wlc"
#define DEF_MCAST_IFN "eth0"

/* Names used in the matrix messages, indexed by enum cli_opt. */
static const char *const optnames[OPT_COUNT] = {
	"numeric",
	"connection",
	"service-address",
	"scheduler",
	"persistent",
	"netmask",
	"real-server",
	"forwarding-method",
	"weight",
	"u-threshold",
	"l-threshold",
	"mcast-interface",
	"timeout",
	"daemon",
	"stats",
	"rate",
	"thresholds",
	"persistent-conn",
	"nosort",
	"syncid",
	"exact",
	"ops",
	"pe",
	"sched-flags",
	"mcast-group",
	"mcast-port",
	"mcast-ttl",
	"sync-maxlen",
	"tun-info",
	"tun-type",
	"tun-port",
	"tun-nocsum",
	"tun-csum",
	"tun-remcsum",
	"best-effort",
	"test",
	"json",
};

/* Names of the commands in messages, indexed by enum cli_cmd. */
static const char *const cmdnames[CMD_MATRIX_ROWS] = {
	"add-service", "edit-service", "delete-service", "flush",
	"list",	       "add-server",   "delete-server",	 "edit-server",
	"set",	       "start-daemon", "stop-daemon",	 "restore",
	"save",	       "zero",	       "apply",		 "plan",
};

/*
 * commands_v_options: '+' required, ' ' optional, '1' at most one of the
 * '1' group, 'x' illegal.  Columns follow enum cli_opt.
 */
/* clang-format off */
static const char matrix[CMD_MATRIX_ROWS][OPT_COUNT + 1] = {
	/*                   1.31's 34 columns                  ours */
	[CMD_ADD] =         "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx" "xxx",
	[CMD_EDIT] =        "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx" "xxx",
	[CMD_DEL] =         "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
	[CMD_FLUSH] =       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
	[CMD_LIST] =        " 11xxxxxxxxx11       xxxxxxx xxxxx" "xx ",
	[CMD_ADDDEST] =     "xx+xxx+    xxxxxxxxxxxxxxxxxx     " "xxx",
	[CMD_DELDEST] =     "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
	[CMD_EDITDEST] =    "xx+xxx+    xxxxxxxxxxxxxxxxxx     " "xxx",
	[CMD_TIMEOUT] =     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
	[CMD_STARTDAEMON] = "xxxxxxxxxxx xxxxxxx xxxx    xxxxxx" "xxx",
	[CMD_STOPDAEMON] =  "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx" "xxx",
	[CMD_RESTORE] =     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "  x",
	[CMD_SAVE] =        " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
	[CMD_ZERO] =        "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
	[CMD_APPLY] =       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "x x",
	[CMD_PLAN] =        " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
};
/* clang-format on */

/* The same rules per tunnel type, over tun-port, nocsum, csum, remcsum. */
static const char *const tun_names[] = { "ipip", "gue", "gre" };
static const enum cli_opt tun_opts[] = { OPT_TUN_PORT, OPT_TUN_NOCSUM,
					 OPT_TUN_CSUM, OPT_TUN_REMCSUM };
static const char tun_matrix[3][5] = { "xxxx", "+111", "x11x" };

/* Scheduler flags: name, the scheduler it needs (NULL: any), bit. */
static const struct sched_flag {
	const char *name;
	const char *sched;
	uint32_t bit;
} sched_flags[] = {
	{ "flag-1", NULL, IPVS_SVC_F_SCHED1 },
	{ "flag-2", NULL, IPVS_SVC_F_SCHED2 },
	{ "flag-3", NULL, IPVS_SVC_F_SCHED3 },
	{ "sh-fallback", "sh", IPVS_SVC_F_SCHED1 },
	{ "sh-port", "sh", IPVS_SVC_F_SCHED2 },
	{ "mh-fallback", "mh", IPVS_SVC_F_SCHED1 },
	{ "mh-port", "mh", IPVS_SVC_F_SCHED2 },
};

/* The popt table: every flag of 1.31, with its short letter if any. */
static const struct poptOption popt_table[] = {
	{ "add-service", 'A', POPT_ARG_NONE, NULL, 'A', NULL, NULL },
	{ "edit-service", 'E', POPT_ARG_NONE, NULL, 'E', NULL, NULL },
	{ "delete-service", 'D', POPT_ARG_NONE, NULL, 'D', NULL, NULL },
	{ "clear", 'C', POPT_ARG_NONE, NULL, 'C', NULL, NULL },
	{ "list", 'L', POPT_ARG_NONE, NULL, 'L', NULL, NULL },
	{ "list", 'l', POPT_ARG_NONE, NULL, 'l', NULL, NULL },
	{ "zero", 'Z', POPT_ARG_NONE, NULL, 'Z', NULL, NULL },
	{ "add-server", 'a', POPT_ARG_NONE, NULL, 'a', NULL, NULL },
	{ "edit-server", 'e', POPT_ARG_NONE, NULL, 'e', NULL, NULL },
	{ "delete-server", 'd', POPT_ARG_NONE, NULL, 'd', NULL, NULL },
	{ "set", '\0', POPT_ARG_NONE, NULL, TAG_SET, NULL, NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', NULL, NULL },
	{ "version", 'v', POPT_ARG_NONE, NULL, 'v', NULL, NULL },
	{ "restore", 'R', POPT_ARG_NONE, NULL, 'R', NULL, NULL },
	{ "save", 'S', POPT_ARG_NONE, NULL, 'S', NULL, NULL },
	{ "start-daemon", '\0', POPT_ARG_STRING, NULL, TAG_START_DAEMON, NULL,
	  NULL },
	{ "stop-daemon", '\0', POPT_ARG_STRING, NULL, TAG_STOP_DAEMON, NULL,
	  NULL },
	{ "tcp-service", 't', POPT_ARG_STRING, NULL, 't', NULL, NULL },
	{ "udp-service", 'u', POPT_ARG_STRING, NULL, 'u', NULL, NULL },
	{ "sctp-service", '\0', POPT_ARG_STRING, NULL, TAG_SCTP_SERVICE, NULL,
	  NULL },
	{ "fwmark-service", 'f', POPT_ARG_STRING, NULL, 'f', NULL, NULL },
	{ "scheduler", 's', POPT_ARG_STRING, NULL, 's', NULL, NULL },
	{ "persistent", 'p', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL, NULL, 'p',
	  NULL, NULL },
	{ "netmask", 'M', POPT_ARG_STRING, NULL, 'M', NULL, NULL },
	{ "real-server", 'r', POPT_ARG_STRING, NULL, 'r', NULL, NULL },
	{ "masquerading", 'm', POPT_ARG_NONE, NULL, 'm', NULL, NULL },
	{ "ipip", 'i', POPT_ARG_NONE, NULL, 'i', NULL, NULL },
	{ "gatewaying", 'g', POPT_ARG_NONE, NULL, 'g', NULL, NULL },
	{ "weight", 'w', POPT_ARG_STRING, NULL, 'w', NULL, NULL },
	{ "u-threshold", 'x', POPT_ARG_STRING, NULL, 'x', NULL, NULL },
	{ "l-threshold", 'y', POPT_ARG_STRING, NULL, 'y', NULL, NULL },
	{ "numeric", 'n', POPT_ARG_NONE, NULL, 'n', NULL, NULL },
	{ "connection", 'c', POPT_ARG_NONE, NULL, 'c', NULL, NULL },
	{ "mcast-interface", '\0', POPT_ARG_STRING, NULL, TAG_MCAST_INTERFACE,
	  NULL, NULL },
	{ "syncid", '\0', POPT_ARG_STRING, NULL, TAG_SYNCID, NULL, NULL },
	{ "timeout", '\0', POPT_ARG_NONE, NULL, TAG_TIMEOUT, NULL, NULL },
	{ "daemon", '\0', POPT_ARG_NONE, NULL, TAG_DAEMON, NULL, NULL },
	{ "stats", '\0', POPT_ARG_NONE, NULL, TAG_STATS, NULL, NULL },
	{ "rate", '\0', POPT_ARG_NONE, NULL, TAG_RATE, NULL, NULL },
	{ "thresholds", '\0', POPT_ARG_NONE, NULL, TAG_THRESHOLDS, NULL, NULL },
	{ "persistent-conn", '\0', POPT_ARG_NONE, NULL, TAG_PERSISTENTCONN,
	  NULL, NULL },
	{ "nosort", '\0', POPT_ARG_NONE, NULL, TAG_NOSORT, NULL, NULL },
	{ "sort", '\0', POPT_ARG_NONE, NULL, TAG_SORT, NULL, NULL },
	{ "exact", 'X', POPT_ARG_NONE, NULL, TAG_EXACT, NULL, NULL },
	{ "ipv6", '6', POPT_ARG_NONE, NULL, '6', NULL, NULL },
	{ "ops", 'o', POPT_ARG_NONE, NULL, 'o', NULL, NULL },
	{ "pe", '\0', POPT_ARG_STRING, NULL, TAG_PERSISTENCE_ENGINE, NULL,
	  NULL },
	{ "sched-flags", 'b', POPT_ARG_STRING, NULL, 'b', NULL, NULL },
	{ "mcast-group", '\0', POPT_ARG_STRING, NULL, TAG_MCAST_GROUP, NULL,
	  NULL },
	{ "mcast-port", '\0', POPT_ARG_STRING, NULL, TAG_MCAST_PORT, NULL,
	  NULL },
	{ "mcast-ttl", '\0', POPT_ARG_STRING, NULL, TAG_MCAST_TTL, NULL, NULL },
	{ "sync-maxlen", '\0', POPT_ARG_STRING, NULL, TAG_SYNC_MAXLEN, NULL,
	  NULL },
	{ "tun-info", '\0', POPT_ARG_NONE, NULL, TAG_TUN_INFO, NULL, NULL },
	{ "tun-type", '\0', POPT_ARG_STRING, NULL, TAG_TUN_TYPE, NULL, NULL },
	{ "tun-port", '\0', POPT_ARG_STRING, NULL, TAG_TUN_PORT, NULL, NULL },
	{ "tun-nocsum", '\0', POPT_ARG_NONE, NULL, TAG_TUN_NOCSUM, NULL, NULL },
	{ "tun-csum", '\0', POPT_ARG_NONE, NULL, TAG_TUN_CSUM, NULL, NULL },
	{ "tun-remcsum", '\0', POPT_ARG_NONE, NULL, TAG_TUN_REMCSUM, NULL,
	  NULL },
	{ "apply", '\0', POPT_ARG_STRING, NULL, TAG_APPLY, NULL, NULL },
	{ "plan", '\0', POPT_ARG_STRING, NULL, TAG_PLAN, NULL, NULL },
	{ "best-effort", '\0', POPT_ARG_NONE, NULL, TAG_BEST_EFFORT, NULL,
	  NULL },
	{ "test", '\0', POPT_ARG_NONE, NULL, TAG_TEST, NULL, NULL },
	{ "json", 'j', POPT_ARG_NONE, NULL, TAG_JSON, NULL, NULL },
	POPT_TABLEEND
};

/* Parse state beyond the result: what later checks need to know. */
struct pstate {
	struct cli_args *a;
	struct cli_err *e;
	char sched_flags[256]; /* -b, checked after all options */
	bool dest_port_given;
};

/* Errors end the parse; their text is kept for the caller to print. */
__attribute__((format(printf, 3, 4))) static int
fail(struct cli_err *e, int code, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof(e->msg) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n > sizeof(e->msg) - 2)
		n = sizeof(e->msg) - 2;
	e->msg[n] = '\n';
	e->msg[n + 1] = '\0';
	e->code = code;
	return code;
}

static int set_option(struct pstate *ps, enum cli_opt o)
{
	if (ps->a->options & OPTBIT(o))
		return fail(ps->e, EXIT_BAD_ARGS,
			    "multiple '%s' options specified", optnames[o]);
	ps->a->options |= OPTBIT(o);
	return 0;
}

/* 1.31's string_to_number: base 10, whole string, inside [min, max]. */
static int parse_number(const char *s, long long min, long long max,
			long long *out)
{
	char *end;
	long long v = 0;
	size_t i;

	/* Plain digits, as in nearly every line; strtoll() for the rest
	 * (signs, blanks, overflow) keeps its exact answers. */
	for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 18; i++)
		v = v * 10 + (s[i] - '0');
	if (i && !s[i]) {
		if (v < min || v > max)
			return -1;
		*out = v;
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* NULL before any -t/-u/--sctp-service: no name can be looked up then. */
static const char *proto_name(uint16_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_SCTP:
		return "sctp";
	default:
		return NULL;
	}
}

static int parse_port(const char *s, uint16_t proto, uint16_t *port)
{
	struct servent *se;
	long long v;

	if (parse_number(s, 0, 65535, &v) == 0) {
		*port = (uint16_t)v;
		return 0;
	}
	if (!proto_name(proto))
		return -1;
	se = getservbyname(s, proto_name(proto));
	if (!se)
		return -1;
	*port = ntohs((uint16_t)se->s_port);
	return 0;
}

/*
 * a.b.c.d in plain decimal, the form files nearly always use.  Anything
 * else (octal, hex, fewer parts, names) is left to inet_aton() and the
 * resolver, so every address still means what it meant to 1.31.
 */
static bool dotted_quad(const char *s, struct in_addr *in)
{
	uint32_t v = 0, part;
	int i, digits;

	for (i = 0; i < 4; i++, s++) {
		part = 0;
		for (digits = 0; *s >= '0' && *s <= '9' && digits < 4; digits++)
			part = part * 10 + (uint32_t)(*s++ - '0');
		if (!digits || digits > 3 || part > 255 ||
		    (digits > 1 && s[-digits] == '0'))
			return false;
		if (*s != (i < 3 ? '.' : '\0'))
			return false;
		v = v << 8 | part;
	}
	in->s_addr = htonl(v);
	return true;
}

/* An IPv4 literal in any inet_aton form, or a host name (first address). */
static int parse_host4(const char *s, struct in_addr *in)
{
	struct hostent *he;

	if (dotted_quad(s, in) || inet_aton(s, in))
		return 0;
	he = gethostbyname(s);
	if (!he || he->h_addrtype != AF_INET || !he->h_addr_list[0])
		return -1;
	memcpy(in, he->h_addr_list[0], sizeof(*in));
	return 0;
}

enum { ADDR_OK = 1, PORT_OK = 2 };

/*
 * host[:port], [v6]:port or a bare v6 literal.  Returns ADDR_OK|PORT_OK
 * bits of what was found, or 0 when the text is not an address.
 */
static int parse_addrport(const char *text, uint16_t proto, uint16_t *af,
			  union ipvs_addr *addr, uint16_t *port)
{
	char buf[512];
	char *host = buf, *portp = NULL, *p;
	size_t len = strnlen(text, sizeof(buf));
	int found = 0;

	if (len == sizeof(buf))
		return 0;
	memcpy(buf, text, len + 1);
	if (buf[0] == '[') {
		host = buf + 1;
		p = strchr(host, ']');
		/* 1.31 wants a port after a bracketed address. */
		if (!p || p[1] != ':')
			return 0;
		*p = '\0';
		portp = p + 2;
	} else if ((p = strrchr(buf, ':')) && p == strchr(buf, ':')) {
		*p = '\0';
		portp = p + 1;
	}
	memset(addr, 0, sizeof(*addr));
	/* Every IPv6 literal has a colon; most lines hold IPv4 only. */
	if (strchr(host, ':') && inet_pton(AF_INET6, host, &addr->in6) > 0) {
		*af = AF_INET6;
	} else if (strchr(host, ':') || parse_host4(host, &addr->in) < 0) {
		return 0;
	} else {
		*af = AF_INET;
	}
	found = ADDR_OK;
	if (portp) {
		if (parse_port(portp, proto, port) < 0)
			return 0;
		found |= PORT_OK;
	}
	return found;
}

static int opt_service(struct pstate *ps, uint16_t proto, const char *arg)
{
	struct ipvs_service *svc = &ps->a->svc;
	int r;

	r = set_option(ps, OPT_SERVICE);
	if (r)
		return r;
	svc->protocol = proto;
	if (!(parse_addrport(arg, proto, &svc->af, &svc->addr, &svc->port) &
	      ADDR_OK))
		return fail(ps->e, EXIT_BAD_ARGS,
			    "illegal virtual server address[:port] specified");
	svc->netmask = svc->af == AF_INET6 ? 128 : 0xffffffff;
	return 0;
}

static int opt_fwmark(struct pstate *ps, const char *arg)
{
	struct ipvs_service *svc = &ps->a->svc;
	long long v;
	int r;

	r = set_option(ps, OPT_SERVICE);
	if (r)
		return r;
	if (parse_number(arg, 1, UINT32_MAX, &v) < 0)
		return fail(ps->e, EXIT_BAD_ARGS,
			    "invalid fwmark value `%s' specified", arg);
	svc->fwmark = (uint32_t)v;
	svc->af = AF_INET;
	svc->protocol = IPPROTO_TCP;
	svc->netmask = 0xffffffff;
	return 0;
}

static int opt_server(struct pstate *ps, const char *arg)
{
	struct ipvs_dest *d = &ps->a->dest;
	int r, found;

	r = set_option(ps, OPT_SERVER);
	if (r)
		return r;
	found = parse_addrport(arg, ps->a->svc.protocol, &d->af, &d->addr,
			       &d->port);
	if (!(found & ADDR_OK))
		return fail(ps->e, EXIT_BAD_ARGS,
			    "illegal real server address[:port] specified");
	/* 1.31 copies the service port as it stands when -r is parsed. */
	if (!(found & PORT_OK))
		d->port = ps->a->svc.port;
	return 0;
}

static int opt_persistent(struct pstate *ps, const char *arg)
{
	struct ipvs_service *svc = &ps->a->svc;
	long long v = DEF_PERSISTENT_TIMEOUT;
	int r;

	r = set_option(ps, OPT_PERSISTENT);
	if (r)
		return r;
	svc->flags |= IPVS_SVC_F_PERSISTENT;
	if (arg && parse_number(arg, 1, MAX_TIMEOUT, &v) < 0)
		return fail(ps->e, EXIT_BAD_ARGS,
			    "invalid timeout value `%s' specified", arg);
	svc->timeout = (uint32_t)v;
	return 0;
}

static int opt_netmask(struct pstate *ps, const char *arg)
{
	struct ipvs_service *svc = &ps->a->svc;
	struct in_addr in;
	long long v;
	int r;

	r = set_option(ps, OPT_NETMASK);
	if (r)
		return r;
	if (svc->af == AF_INET6) {
		/* atoi(), as 1.31: "64x" is 64, and junk is 0 (refused). */
		v = strtol(arg, NULL, 10);
		if (v < 1 || v > 128)
			return fail(ps->e, EXIT_BAD_ARGS,
				    "illegal ipv6 netmask specified");
		svc->netmask = (uint32_t)v;
		return 0;
	}
	if (parse_host4(arg, &in) < 0)
		return fail(ps->e, EXIT_BAD_ARGS,
			    "illegal virtual server persistent mask specified");
	svc->netmask = in.s_addr;
	return 0;
}

/* A numeric option with a range and its own error text. */
static int opt_number(struct pstate *ps, enum cli_opt o, const char *arg,
		      long long min, long long max, const char *errtext,
		      long long *out)
{
	int r = set_option(ps, o);

	if (r)
		return r;
	if (parse_number(arg, min, max, out) < 0)
		return fail(ps->e, EXIT_BAD_ARGS, "%s", errtext);
	return 0;
}

static int opt_forward(struct pstate *ps, uint32_t method)
{
	int r = set_option(ps, OPT_FORWARD);

	if (!r)
		ps->a->dest.conn_flags = method;
	return r;
}

static int opt_daemon_state(struct pstate *ps, const char *arg, bool start)
{
	if (!strcmp(arg, "master"))
		ps->a->daemon.state = IPVS_STATE_MASTER;
	else if (!strcmp(arg, "backup"))
		ps->a->daemon.state = IPVS_STATE_BACKUP;
	else
		return fail(ps->e, EXIT_BAD_ARGS,
			    start ? "illegal start-daemon parameter specified" :
				    "illegal start_daemon specified");
	return 0;
}

static int opt_mcast_group(struct pstate *ps, const char *arg)
{
	struct ipvs_daemon *d = &ps->a->daemon;
	int r = set_option(ps, OPT_MCAST_GROUP);

	if (r)
		return r;
	if (strchr(arg, ':')) {
		if (inet_pton(AF_INET6, arg, &d->mcast_group.in6) <= 0 ||
		    !IN6_IS_ADDR_MULTICAST(&d->mcast_group.in6))
			return fail(ps->e, EXIT_BAD_ARGS,
				    "invalid IPv6 mcast-group `%s'", arg);
		d->mcast_af = AF_INET6;
		return 0;
	}
	if (inet_pton(AF_INET, arg, &d->mcast_group.in) <= 0 ||
	    !IN_MULTICAST(ntohl(d->mcast_group.in.s_addr)))
		return fail(ps->e, EXIT_BAD_ARGS,
			    "invalid IPv4 mcast-group `%s'", arg);
	d->mcast_af = AF_INET;
	return 0;
}

static int opt_tun_type(struct pstate *ps, const char *arg)
{
	size_t i;
	int r = set_option(ps, OPT_TUN_TYPE);

	if (r)
		return r;
	for (i = 0; i < sizeof(tun_names) / sizeof(tun_names[0]); i++) {
		if (!strcmp(arg, tun_names[i])) {
			ps->a->dest.tun_type = (uint8_t)i;
			return 0;
		}
	}
	return fail(ps->e, EXIT_BAD_ARGS, "illegal tunnel type specified");
}

static int opt_tun_flag(struct pstate *ps, enum cli_opt o, uint16_t flags)
{
	int r = set_option(ps, o);

	if (!r)
		ps->a->dest.tun_flags = flags;
	return r;
}

static void copy_name(char *dst, size_t len, const char *src)
{
	/* 1.31 silently cuts scheduler, pe and interface names. */
	size_t n = strnlen(src, len - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Options that only set a flag bit, with what they change in the view. */
static int opt_flag(struct pstate *ps, int c)
{
	static const struct {
		int tag;
		enum cli_opt opt;
	} flags[] = {
		{ 'n', OPT_NUMERIC },
		{ 'c', OPT_CONNECTION },
		{ TAG_TIMEOUT, OPT_TIMEOUT },
		{ TAG_DAEMON, OPT_DAEMON },
		{ TAG_STATS, OPT_STATS },
		{ TAG_RATE, OPT_RATE },
		{ TAG_THRESHOLDS, OPT_THRESHOLDS },
		{ TAG_PERSISTENTCONN, OPT_PERSISTENTCONN },
		{ TAG_NOSORT, OPT_NOSORT },
		{ TAG_EXACT, OPT_EXACT },
		{ TAG_TUN_INFO, OPT_TUN_INFO },
		{ 'o', OPT_ONEPACKET },
		{ TAG_BEST_EFFORT, OPT_BEST_EFFORT },
		{ TAG_TEST, OPT_TEST },
		{ TAG_JSON, OPT_JSON },
	};
	size_t i;

	if (c == 'o')
		ps->a->svc.flags |= IPVS_SVC_F_ONEPACKET;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (flags[i].tag == c)
			return set_option(ps, flags[i].opt);
	return -1;
}

/* Numeric options: range, 1.31's error text, and where the value goes. */
#define FIELD(m) offsetof(struct cli_args, m), sizeof(((struct cli_args *)0)->m)
static const struct num_opt {
	int tag;
	enum cli_opt opt;
	long long min, max;
	const char *err;
	size_t off, size;
} num_opts[] = {
	{ 'w', OPT_WEIGHT, 0, INT_MAX, "illegal weight specified",
	  FIELD(dest.weight) },
	{ 'x', OPT_UTHRESHOLD, 0, INT_MAX, "illegal u_threshold specified",
	  FIELD(dest.u_threshold) },
	{ 'y', OPT_LTHRESHOLD, 0, INT_MAX, "illegal l_threshold specified",
	  FIELD(dest.l_threshold) },
	{ TAG_SYNCID, OPT_SYNCID, 0, 255, "illegal syncid specified",
	  FIELD(daemon.syncid) },
	{ TAG_SYNC_MAXLEN, OPT_SYNC_MAXLEN, 1, 65535 - 28,
	  "illegal sync-maxlen specified", FIELD(daemon.sync_maxlen) },
	{ TAG_MCAST_PORT, OPT_MCAST_PORT, 1, 65535,
	  "illegal mcast-port specified", FIELD(daemon.mcast_port) },
	{ TAG_MCAST_TTL, OPT_MCAST_TTL, 1, 255, "illegal mcast-ttl specified",
	  FIELD(daemon.mcast_ttl) },
	{ TAG_TUN_PORT, OPT_TUN_PORT, 1, 65535, "illegal tunnel port specified",
	  FIELD(dest.tun_port) },
};
#undef FIELD

/* Every range is non-negative and fits its field: store the low bytes. */
static void store_number(void *p, size_t size, long long v)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	memcpy(p,
	       size == 1 ? (void *)&u8 :
	       size == 2 ? (void *)&u16 :
			   &u32,
	       size);
}

static int opt_numeric_field(struct pstate *ps, int c, const char *arg)
{
	const struct num_opt *n;
	long long v = 0;
	int r;

	for (n = num_opts; n < num_opts + sizeof(num_opts) / sizeof(*n); n++) {
		if (n->tag != c)
			continue;
		r = opt_number(ps, n->opt, arg, n->min, n->max, n->err, &v);
		if (!r)
			store_number((char *)ps->a + n->off, n->size, v);
		return r;
	}
	return -1;
}

/* One option after the command; -1 means "not an option for here". */
static int parse_one(struct pstate *ps, int c, const char *arg)
{
	struct cli_args *a = ps->a;
	int r;

	/* The switch first: it holds the options of nearly every line. */
	switch (c) {
	case 't':
		return opt_service(ps, IPPROTO_TCP, arg);
	case 'u':
		return opt_service(ps, IPPROTO_UDP, arg);
	case TAG_SCTP_SERVICE:
		return opt_service(ps, IPPROTO_SCTP, arg);
	case 'f':
		return opt_fwmark(ps, arg);
	case '6':
		if (!a->svc.fwmark)
			return fail(ps->e, EXIT_BAD_ARGS,
				    "-6 used before -f\n");
		a->svc.af = AF_INET6;
		a->svc.netmask = 128;
		return 0;
	case 's':
		r = set_option(ps, OPT_SCHEDULER);
		if (!r)
			copy_name(a->svc.sched_name, sizeof(a->svc.sched_name),
				  arg);
		return r;
	case 'p':
		return opt_persistent(ps, arg);
	case 'M':
		return opt_netmask(ps, arg);
	case TAG_PERSISTENCE_ENGINE:
		r = set_option(ps, OPT_PERSISTENCE_ENGINE);
		if (!r)
			copy_name(a->svc.pe_name, sizeof(a->svc.pe_name), arg);
		return r;
	case 'b':
		r = set_option(ps, OPT_SCHED_FLAGS);
		snprintf(ps->sched_flags, sizeof(ps->sched_flags), "%s", arg);
		return r;
	case 'r':
		return opt_server(ps, arg);
	case 'm':
		return opt_forward(ps, IPVS_FWD_MASQ);
	case 'i':
		return opt_forward(ps, IPVS_FWD_TUNNEL);
	case 'g':
		return opt_forward(ps, IPVS_FWD_ROUTE);
	case TAG_MCAST_INTERFACE:
		r = set_option(ps, OPT_MCAST);
		if (!r)
			copy_name(a->daemon.mcast_ifn,
				  sizeof(a->daemon.mcast_ifn), arg);
		return r;
	case TAG_MCAST_GROUP:
		return opt_mcast_group(ps, arg);
	case TAG_TUN_TYPE:
		return opt_tun_type(ps, arg);
	case TAG_TUN_NOCSUM:
		return opt_tun_flag(ps, OPT_TUN_NOCSUM, 0);
	case TAG_TUN_CSUM:
		return opt_tun_flag(ps, OPT_TUN_CSUM, IPVS_TUN_F_CSUM);
	case TAG_TUN_REMCSUM:
		return opt_tun_flag(ps, OPT_TUN_REMCSUM, IPVS_TUN_F_REMCSUM);
	case TAG_SORT:
		return 0;
	}
	r = opt_flag(ps, c);
	return r >= 0 ? r : opt_numeric_field(ps, c, arg);
}

/* The first option must be the command. */
static int parse_command(struct pstate *ps, int c, const char *arg)
{
	static const struct {
		int tag;
		enum cli_cmd cmd;
	} cmds[] = {
		{ 'A', CMD_ADD },
		{ 'E', CMD_EDIT },
		{ 'D', CMD_DEL },
		{ 'C', CMD_FLUSH },
		{ 'L', CMD_LIST },
		{ 'l', CMD_LIST },
		{ 'a', CMD_ADDDEST },
		{ 'd', CMD_DELDEST },
		{ 'e', CMD_EDITDEST },
		{ TAG_SET, CMD_TIMEOUT },
		{ 'R', CMD_RESTORE },
		{ 'S', CMD_SAVE },
		{ 'Z', CMD_ZERO },
		{ 'h', CMD_HELP },
		{ 'v', CMD_VERSION },
		{ TAG_START_DAEMON, CMD_STARTDAEMON },
		{ TAG_STOP_DAEMON, CMD_STOPDAEMON },
		{ TAG_APPLY, CMD_APPLY },
		{ TAG_PLAN, CMD_PLAN },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (cmds[i].tag != c)
			continue;
		ps->a->cmd = cmds[i].cmd;
		if (c == TAG_START_DAEMON || c == TAG_STOP_DAEMON)
			return opt_daemon_state(ps, arg, c == TAG_START_DAEMON);
		if (c == TAG_APPLY || c == TAG_PLAN) {
			/* One file per process: no need to carry its room
			 * in every parsed restore line. */
			static char file[4096];

			snprintf(file, sizeof(file), "%s", arg);
			ps->a->file = file;
		}
		return 0;
	}
	return -1;
}

static int tryhelp(struct pstate *ps)
{
	cli_format_tryhelp(ps->e->msg, sizeof(ps->e->msg), ps->a->program);
	ps->e->code = EXIT_KERNEL;
	return EXIT_KERNEL;
}

static int parse_set_args(struct pstate *ps, poptContext ctx)
{
	uint32_t *fields[] = { &ps->a->timeout.tcp, &ps->a->timeout.tcp_fin,
			       &ps->a->timeout.udp };
	const char *arg;
	long long v;
	size_t i;

	for (i = 0; i < 3; i++) {
		arg = poptGetArg(ctx);
		if (!arg)
			return fail(ps->e, EXIT_BAD_ARGS,
				    "--set option requires 3 timeout values");
		if (parse_number(arg, 0, MAX_TIMEOUT, &v) < 0)
			return fail(ps->e, EXIT_BAD_ARGS,
				    "invalid timeout value `%s' specified",
				    arg);
		*fields[i] = (uint32_t)v;
	}
	return 0;
}

static int parse_sched_flags(struct pstate *ps)
{
	const char *sched = ps->a->svc.sched_name;
	char buf[256], *tok, *save = NULL;
	uint32_t bits = 0;
	size_t i;

	snprintf(buf, sizeof(buf), "%s", ps->sched_flags);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(sched_flags) / sizeof(sched_flags[0]);
		     i++)
			if (!strcmp(tok, sched_flags[i].name))
				break;
		if (i == sizeof(sched_flags) / sizeof(sched_flags[0]))
			return fail(ps->e, EXIT_BAD_ARGS,
				    "invalid scheduler flag `%s'", tok);
		if (sched_flags[i].sched && strcmp(sched, sched_flags[i].sched))
			return fail(ps->e, EXIT_BAD_ARGS,
				    "incompatible scheduler flag `%s'", tok);
		bits |= sched_flags[i].bit;
	}
	ps->a->svc.flags &=
		~(IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2 | IPVS_SVC_F_SCHED3);
	ps->a->svc.flags |= bits;
	return 0;
}

/* One matrix row against the options given; the first violation wins. */
static int check_row(struct cli_err *e, const char *row, const char *name,
		     const enum cli_opt *cols, size_t ncols, uint64_t options,
		     const char *what)
{
	size_t j;
	int last = -1;

	for (j = 0; j < ncols; j++) {
		enum cli_opt o = cols ? cols[j] : (enum cli_opt)j;
		bool set = options & OPTBIT(o);

		if (!set && row[j] == '+')
			return fail(
				e, EXIT_BAD_ARGS,
				"You need to supply the '%s' option for the '%s' %s",
				optnames[o], name, what);
		if (set && row[j] == 'x')
			return fail(e, EXIT_BAD_ARGS,
				    "Illegal '%s' option with the '%s' %s",
				    optnames[o], name, what);
		if (set && row[j] == '1') {
			if (last >= 0)
				return fail(
					e, EXIT_BAD_ARGS,
					"The option '%s' conflicts with the '%s' option in the '%s' %s",
					optnames[o], optnames[last], name,
					what);
			last = (int)o;
		}
	}
	return 0;
}

/*
 * The matrix row as three masks, built on first use: most lines pass,
 * and a pass needs no walk over every column.  A line that fails goes
 * through check_row(), which words the error.
 */
static bool row_allows(enum cli_cmd cmd, uint64_t options)
{
	static struct {
		uint64_t need, bad, one;
		bool ready;
	} m[CMD_MATRIX_ROWS];
	uint64_t one;
	size_t j;

	if (!m[cmd].ready) {
		for (j = 0; j < OPT_COUNT; j++) {
			m[cmd].need |= (uint64_t)(matrix[cmd][j] == '+') << j;
			m[cmd].bad |= (uint64_t)(matrix[cmd][j] == 'x') << j;
			m[cmd].one |= (uint64_t)(matrix[cmd][j] == '1') << j;
		}
		m[cmd].ready = true;
	}
	one = options & m[cmd].one;
	return !(m[cmd].need & ~options) && !(m[cmd].bad & options) &&
	       !(one & (one - 1));
}

static int check_dest(struct pstate *ps)
{
	struct cli_args *a = ps->a;
	struct ipvs_dest *d = &a->dest;
	const uint64_t tun_any = OPTBIT(OPT_TUN_TYPE) | OPTBIT(OPT_TUN_PORT) |
				 OPTBIT(OPT_TUN_NOCSUM) | OPTBIT(OPT_TUN_CSUM) |
				 OPTBIT(OPT_TUN_REMCSUM);

	/* Direct routing and tunnels cannot change the port. */
	if (d->conn_flags != IPVS_FWD_MASQ && !a->svc.fwmark)
		d->port = a->svc.port;
	if (d->af != a->svc.af && d->conn_flags != IPVS_FWD_TUNNEL)
		return fail(
			ps->e, EXIT_BAD_ARGS,
			"Different address family is allowed only for tunneling servers");
	if (!(a->options & tun_any))
		return 0;
	if (d->conn_flags != IPVS_FWD_TUNNEL)
		return fail(ps->e, EXIT_BAD_ARGS,
			    "Tunnel options conflict with forward method");
	return check_row(ps->e, tun_matrix[d->tun_type], tun_names[d->tun_type],
			 tun_opts, 4, a->options, "tunnel type");
}

static int check_list(struct pstate *ps)
{
	uint64_t o = ps->a->options;
	uint64_t views = OPTBIT(OPT_STATS) | OPTBIT(OPT_RATE) |
			 OPTBIT(OPT_THRESHOLDS);
	uint64_t others = OPTBIT(OPT_CONNECTION) | OPTBIT(OPT_TIMEOUT) |
			  OPTBIT(OPT_DAEMON);

	if (((o & others) && (o & views)) ||
	    ((o & (OPTBIT(OPT_TIMEOUT) | OPTBIT(OPT_DAEMON))) &&
	     (o & OPTBIT(OPT_PERSISTENTCONN))))
		return fail(ps->e, EXIT_BAD_ARGS,
			    "options conflicts in the list command");
	return 0;
}

static void set_list_opts(struct cli_args *a)
{
	/* One view wins, in 1.31's order of precedence. */
	static const struct {
		enum cli_opt opt;
		enum list_view view;
	} order[] = {
		{ OPT_STATS, VIEW_STATS },
		{ OPT_RATE, VIEW_RATE },
		{ OPT_THRESHOLDS, VIEW_THRESHOLDS },
		{ OPT_PERSISTENTCONN, VIEW_PERSISTENT_CONN },
		{ OPT_TUN_INFO, VIEW_TUN_INFO },
	};
	size_t i;

	a->list.view = VIEW_DEFAULT;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (a->options & OPTBIT(order[i].opt)) {
			a->list.view = order[i].view;
			break;
		}
	}
	a->list.numeric = a->options & OPTBIT(OPT_NUMERIC);
	a->list.exact = a->options & OPTBIT(OPT_EXACT);
	a->list.nosort = a->options & OPTBIT(OPT_NOSORT);
	a->list.persistent_conn = a->options & OPTBIT(OPT_PERSISTENTCONN);
}

/* Everything 1.31 checks once all options are read, in its order. */
static int check_all(struct pstate *ps, poptContext ctx)
{
	struct cli_args *a = ps->a;
	const char *arg;
	int r;

	if (a->cmd == CMD_TIMEOUT) {
		r = parse_set_args(ps, ctx);
		if (r)
			return r;
	}
	arg = ctx ? poptGetArg(ctx) : NULL;
	if (arg)
		return fail(ps->e, EXIT_BAD_ARGS, "unexpected argument %s",
			    arg);
	if ((a->cmd == CMD_ADD || a->cmd == CMD_EDIT) && !a->svc.sched_name[0])
		copy_name(a->svc.sched_name, sizeof(a->svc.sched_name),
			  DEF_SCHED);
	if (a->options & OPTBIT(OPT_SCHED_FLAGS)) {
		r = parse_sched_flags(ps);
		if (r)
			return r;
	}
	if (!row_allows(a->cmd, a->options)) {
		r = check_row(ps->e, matrix[a->cmd], cmdnames[a->cmd], NULL,
			      OPT_COUNT, a->options, "command");
		if (r)
			return r;
	}
	if (a->cmd == CMD_ADD || a->cmd == CMD_EDIT) {
		if (!a->svc.fwmark && !a->svc.port &&
		    !(a->svc.flags & IPVS_SVC_F_PERSISTENT))
			return fail(
				ps->e, EXIT_BAD_ARGS,
				"Zero port specified for non-persistent service");
		if ((a->svc.flags & IPVS_SVC_F_ONEPACKET) && !a->svc.fwmark &&
		    a->svc.protocol != IPPROTO_UDP)
			return fail(
				ps->e, EXIT_BAD_ARGS,
				"One-Packet Scheduling is only for UDP virtual services");
	}
	if (a->cmd == CMD_ADDDEST || a->cmd == CMD_EDITDEST) {
		r = check_dest(ps);
		if (r)
			return r;
	}
	if (a->cmd == CMD_LIST)
		return check_list(ps);
	return 0;
}

/*
 * The fast path for -R lines.  A restore of 10,000 services is 50,000
 * lines, and a popt context per line cost more than the kernel's work.
 * Lines written the way -S writes them (one command, then whole-word
 * options each with its argument in the next word) are read here with
 * the same option handlers and the same checks; anything else (bundled
 * or abbreviated options, "=", -p with its optional value, a stray word)
 * goes to popt, so errors and corner cases stay exactly popt's.
 */
static const struct fast_word {
	const char *word;
	int tag;
	bool arg;
} fast_cmds[] = {
	{ "-A", 'A', false }, { "-E", 'E', false }, { "-D", 'D', false },
	{ "-a", 'a', false }, { "-e", 'e', false }, { "-d", 'd', false },
}, fast_opts[] = {
	{ "-t", 't', true },
	{ "-u", 'u', true },
	{ "--sctp-service", TAG_SCTP_SERVICE, true },
	{ "-f", 'f', true },
	{ "-6", '6', false },
	{ "-s", 's', true },
	{ "-M", 'M', true },
	{ "--pe", TAG_PERSISTENCE_ENGINE, true },
	{ "-o", 'o', false },
	{ "-b", 'b', true },
	{ "-r", 'r', true },
	{ "-g", 'g', false },
	{ "-i", 'i', false },
	{ "-m", 'm', false },
	{ "-w", 'w', true },
	{ "-x", 'x', true },
	{ "-y", 'y', true },
	{ "--tun-type", TAG_TUN_TYPE, true },
	{ "--tun-port", TAG_TUN_PORT, true },
	{ "--tun-nocsum", TAG_TUN_NOCSUM, false },
	{ "--tun-csum", TAG_TUN_CSUM, false },
	{ "--tun-remcsum", TAG_TUN_REMCSUM, false },
};

/* A table of words, its "-X" words indexed by their letter on first use. */
struct fast_index {
	const struct fast_word *words;
	size_t n;
	const struct fast_word *shorts[128];
	bool ready;
};

#define FAST_INDEX(t)                                         \
	{                                                     \
		.words = (t), .n = sizeof(t) / sizeof((t)[0]) \
	}
static struct fast_index cmd_index = FAST_INDEX(fast_cmds);
static struct fast_index opt_index = FAST_INDEX(fast_opts);
#undef FAST_INDEX

static const struct fast_word *fast_find(struct fast_index *x, const char *word)
{
	unsigned char c;
	size_t i;

	if (!x->ready) {
		for (i = 0; i < x->n; i++)
			if (!x->words[i].word[2])
				x->shorts[(unsigned char)x->words[i].word[1] &
					  127] = &x->words[i];
		x->ready = true;
	}
	/* Every word in the tables starts with '-'. */
	if (word[0] == '-' && word[1] && !word[2]) {
		c = (unsigned char)word[1];
		return c < 128 ? x->shorts[c] : NULL;
	}
	for (i = 0; i < x->n; i++)
		if (!strcmp(x->words[i].word, word))
			return &x->words[i];
	return NULL;
}

/* Returns the parse result, or -1 when popt must read the line. */
static int fast_parse(struct pstate *ps, int argc, char **argv)
{
	const struct fast_word *w;
	int i, r;

	w = fast_find(&cmd_index, argc > 1 ? argv[1] : "");
	if (!w || parse_command(ps, w->tag, NULL) < 0)
		return -1;
	for (i = 2; i < argc; i++) {
		w = fast_find(&opt_index, argv[i]);
		if (!w || (w->arg && i + 1 >= argc))
			return -1;
		r = parse_one(ps, w->tag, w->arg ? argv[++i] : NULL);
		if (r)
			return r;
	}
	return check_all(ps, NULL);
}

static void set_defaults(struct cli_args *a, const char *program)
{
	memset(a, 0, sizeof(*a));
	a->cmd = CMD_NONE;
	a->program = program;
	a->dest.weight = 1;
	a->dest.conn_flags = IPVS_FWD_ROUTE;
	a->svc.netmask = 0xffffffff;
	copy_name(a->daemon.mcast_ifn, sizeof(a->daemon.mcast_ifn),
		  DEF_MCAST_IFN);
}

static int parse_options(struct pstate *ps, poptContext ctx, bool restoring)
{
	char *arg;
	int c, r;

	/* popt hands each argument over as a malloc'd copy: ours to free. */
	c = poptGetNextOpt(ctx);
	arg = c >= 0 ? poptGetOptArg(ctx) : NULL;
	r = c < 0 ? -1 : parse_command(ps, c, arg);
	free(arg);
	if (r < 0)
		return tryhelp(ps);
	if (ps->e->code)
		return ps->e->code;
	if (ps->a->cmd == CMD_HELP || ps->a->cmd == CMD_VERSION)
		return 0;
	if (restoring && ps->a->cmd == CMD_RESTORE)
		return tryhelp(ps);
	while ((c = poptGetNextOpt(ctx)) >= 0) {
		arg = poptGetOptArg(ctx);
		r = parse_one(ps, c, arg);
		free(arg);
		if (r < 0)
			return fail(ps->e, EXIT_BAD_ARGS, "invalid option `%s'",
				    poptBadOption(ctx, POPT_BADOPTION_NOALIAS));
		if (r)
			return r;
	}
	if (c < -1) {
		snprintf(ps->e->msg, sizeof(ps->e->msg), "%s: %s\n",
			 poptBadOption(ctx, POPT_BADOPTION_NOALIAS),
			 poptStrerror(c));
		ps->e->code = EXIT_KERNEL;
		return EXIT_KERNEL;
	}
	return check_all(ps, ctx);
}

int cli_parse(int argc, char **argv, bool restoring, struct cli_args *a,
	      struct cli_err *e)
{
	struct pstate ps = { .a = a, .e = e };
	poptContext ctx;
	int r;

	set_defaults(a, argv[0]);
	e->code = 0;
	e->msg[0] = '\0';
	if (restoring) {
		r = fast_parse(&ps, argc, argv);
		if (r >= 0) {
			if (!r)
				set_list_opts(a);
			return r;
		}
		set_defaults(a, argv[0]);
		e->code = 0;
		e->msg[0] = '\0';
	}
	ctx = poptGetContext(argv[0], argc, (const char **)argv, popt_table, 0);
	if (!ctx)
		return fail(e, EXIT_BAD_ARGS, "%s", strerror(ENOMEM));
	r = parse_options(&ps, ctx, restoring);
	poptFreeContext(ctx);
	if (!r)
		set_list_opts(a);
	return r;
}
