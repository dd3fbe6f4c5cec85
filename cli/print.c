// SPDX-License-Identifier: GPL-2.0-or-later
/* print.c: the -L listings, -S save lines and number formats of ipvsadm. */

#include <arpa/inet.h>
#include <netdb.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "cli/out.h"
#include "cli/print.h"

/* 1.31 renders every address:port into a 60-byte buffer. */
#define ADDRPORT_LEN 60
/* -L cuts non-IPv6 service names at 33 and destination names at 28. */
#define SVC_NAME_CUT 33
#define DEST_NAME_CUT 28
#define SVC_NAME_LEN 128
#define SCHED_FLAGS_ALL \
	(IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2 | IPVS_SVC_F_SCHED3)
#define FWD_MASK 7
/* 1.31 formats the tunnel column into 16 bytes. */
#define TUN_INFO_LEN 16

/*
 * glibc prints a NULL "%s" as "(null)", and 1.31 passes NULL for what it
 * has no name for (a forwarding method above 3); keep those bytes.
 */
static const char null_text[] = "(null)";

static const struct proto_name {
	uint16_t proto;
	const char *list; /* -L service column */
	const char *opt; /* -S selector */
	const char *db; /* getservbyport() protocol */
} proto_names[] = {
	{ IPPROTO_TCP, "TCP", "-t", "tcp" },
	{ IPPROTO_UDP, "UDP", "-u", "udp" },
	{ IPPROTO_SCTP, "SCTP", "--sctp-service", "sctp" },
	{ 0, "?", "--xxx-service", NULL }, /* anything else: keep last */
};

static const struct fwd_name {
	const char *list;
	const char *opt; /* -S: 1.31 saves Local as -g */
} fwd_names[FWD_MASK + 1] = {
	[IPVS_FWD_MASQ] = { "Masq", "-m" },
	[IPVS_FWD_LOCAL] = { "Local", "-g" },
	[IPVS_FWD_TUNNEL] = { "Tunnel", "-i" },
	[IPVS_FWD_ROUTE] = { "Route", "-g" },
};

static const char *const tun_names[] = {
	[IPVS_TUN_IPIP] = "ipip",
	[IPVS_TUN_GUE] = "gue",
	[IPVS_TUN_GRE] = "gre",
};

/* Indexed by the kernel's tun_flags value, as 1.31 does. */
static const char *const tun_flag_names[] = { "-c", "+c", "r+c" };
static const char *const tun_flag_opts[] = { "--tun-nocsum", "--tun-csum",
					     "--tun-remcsum" };

/* Which name each SCHED1..3 bit has depends on the scheduler. */
static const struct sched_flag_names {
	const char *sched; /* NULL: every other scheduler */
	const char *names[3];
} sched_flag_names[] = {
	{ "sh", { "sh-fallback", "sh-port", NULL } },
	{ "mh", { "mh-fallback", "mh-port", NULL } },
	{ NULL, { "flag-1", "flag-2", "flag-3" } },
};

static const uint32_t sched_flag_bits[3] = { IPVS_SVC_F_SCHED1,
					     IPVS_SVC_F_SCHED2,
					     IPVS_SVC_F_SCHED3 };

static const char *const titles[][2] = {
	[VIEW_DEFAULT] = { "Prot LocalAddress:Port Scheduler Flags",
			   "  -> RemoteAddress:Port           Forward Weight "
			   "ActiveConn InActConn" },
	[VIEW_STATS] = { "Prot LocalAddress:Port               Conns   "
			 "InPkts  OutPkts  InBytes OutBytes",
			 "  -> RemoteAddress:Port" },
	[VIEW_RATE] = { "Prot LocalAddress:Port                 CPS    "
			"InPPS   OutPPS    InBPS   OutBPS",
			"  -> RemoteAddress:Port" },
	[VIEW_THRESHOLDS] = { "Prot LocalAddress:Port            Uthreshold "
			      "Lthreshold ActiveConn InActConn ",
			      "  -> RemoteAddress:Port" },
	[VIEW_PERSISTENT_CONN] = { "Prot LocalAddress:Port            Weight "
				   "   PersistConn ActiveConn InActConn ",
				   "  -> RemoteAddress:Port" },
	[VIEW_TUN_INFO] = { "Prot LocalAddress:Port Scheduler Flags",
			    "  -> RemoteAddress:Port           Forward "
			    "TunnelInfo    Weight ActiveConn InActConn" },
};

/* The fields of a listing row; each is rendered in exactly one place. */
enum field {
	FLD_CONNS,
	FLD_INPKTS,
	FLD_OUTPKTS,
	FLD_INBYTES,
	FLD_OUTBYTES,
	FLD_CPS,
	FLD_INPPS,
	FLD_OUTPPS,
	FLD_INBPS,
	FLD_OUTBPS,
	FLD_FWD,
	FLD_TUN,
	FLD_WEIGHT,
	FLD_ACTIVE,
	FLD_INACT,
	FLD_PERSIST,
	FLD_UTHRESH,
	FLD_LTHRESH,
};

/* JSON names of the fields, stable snake_case. */
static const char *const field_keys[] = {
	[FLD_CONNS] = "conns",		[FLD_INPKTS] = "inpkts",
	[FLD_OUTPKTS] = "outpkts",	[FLD_INBYTES] = "inbytes",
	[FLD_OUTBYTES] = "outbytes",	[FLD_CPS] = "cps",
	[FLD_INPPS] = "inpps",		[FLD_OUTPPS] = "outpps",
	[FLD_INBPS] = "inbps",		[FLD_OUTBPS] = "outbps",
	[FLD_FWD] = "forward",		[FLD_TUN] = "tunnel",
	[FLD_WEIGHT] = "weight",	[FLD_ACTIVE] = "active_conns",
	[FLD_INACT] = "inactive_conns", [FLD_PERSIST] = "persistent_conns",
	[FLD_UTHRESH] = "u_threshold",	[FLD_LTHRESH] = "l_threshold",
};

static const char *const fwd_json[FWD_MASK + 1] = {
	[IPVS_FWD_MASQ] = "masq",
	[IPVS_FWD_LOCAL] = "local",
	[IPVS_FWD_TUNNEL] = "tunnel",
	[IPVS_FWD_ROUTE] = "route",
};

static const char *const tun_flag_json[] = { "nocsum", "csum", "remcsum" };

enum col_fmt {
	COL_STR, /* " %-*s" */
	COL_INT, /* " %-*d" */
	COL_UINT, /* " %-*u" */
	COL_U64, /* " %*llu" */
	COL_BIG, /* largenum, which brings its own leading space */
};

struct col {
	enum field field;
	enum col_fmt fmt;
	int width;
};

#define MAX_COLS 6

struct row_cols {
	size_t n;
	struct col c[MAX_COLS];
};

#define BIG(f)                  \
	{                       \
		(f), COL_BIG, 0 \
	}

#define STATS_COLS                                                         \
	{                                                                  \
		5,                                                         \
		{                                                          \
			BIG(FLD_CONNS), BIG(FLD_INPKTS), BIG(FLD_OUTPKTS), \
				BIG(FLD_INBYTES), BIG(FLD_OUTBYTES)        \
		}                                                          \
	}

static const struct row_cols stats_cols = STATS_COLS;

static const struct row_cols svc_rate_cols = {
	5,
	{ BIG(FLD_CPS), BIG(FLD_INPPS), BIG(FLD_OUTPPS), BIG(FLD_INBPS),
	  BIG(FLD_OUTBPS) },
};

/* Destination columns after the name, per view. */
static const struct row_cols dest_cols[] = {
	[VIEW_DEFAULT] = { 4,
			   { { FLD_FWD, COL_STR, 7 },
			     { FLD_WEIGHT, COL_INT, 6 },
			     { FLD_ACTIVE, COL_UINT, 10 },
			     { FLD_INACT, COL_UINT, 10 } } },
	[VIEW_STATS] = STATS_COLS,
	/* 1.31 prints the packet and connection rates plain, never K/M. */
	[VIEW_RATE] = { 5,
			{ { FLD_CPS, COL_U64, 8 },
			  { FLD_INPPS, COL_U64, 8 },
			  { FLD_OUTPPS, COL_U64, 8 },
			  BIG(FLD_INBPS),
			  BIG(FLD_OUTBPS) } },
	[VIEW_THRESHOLDS] = { 4,
			      { { FLD_UTHRESH, COL_UINT, 10 },
				{ FLD_LTHRESH, COL_UINT, 10 },
				{ FLD_ACTIVE, COL_UINT, 10 },
				{ FLD_INACT, COL_UINT, 10 } } },
	[VIEW_PERSISTENT_CONN] = { 4,
				   { { FLD_WEIGHT, COL_UINT, 9 },
				     { FLD_PERSIST, COL_UINT, 11 },
				     { FLD_ACTIVE, COL_UINT, 10 },
				     { FLD_INACT, COL_UINT, 10 } } },
	[VIEW_TUN_INFO] = { 5,
			    { { FLD_FWD, COL_STR, 7 },
			      { FLD_TUN, COL_STR, 13 },
			      { FLD_WEIGHT, COL_INT, 6 },
			      { FLD_ACTIVE, COL_UINT, 10 },
			      { FLD_INACT, COL_UINT, 10 } } },
};

struct val {
	const char *s;
	uint64_t u;
	int64_t i;
};

static enum list_view view_of(const struct list_opts *o)
{
	return (unsigned int)o->view <
			       sizeof(dest_cols) / sizeof(dest_cols[0]) ?
		       o->view :
		       VIEW_DEFAULT;
}

/* --- numbers and names ---------------------------------------------- */

/*
 * Decimal digits of v at p; returns the end.  Listings print tens of
 * thousands of addresses and counters: inet_ntop() and printf() were most
 * of -Sn's and -Ln's own work.
 */
static int num_digits(uint64_t v)
{
	int n = 1;

	while ((v /= 10))
		n++;
	return n;
}

static char *put_uint(char *p, uint64_t v)
{
	char *end = p + num_digits(v);

	p = end;
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10));
	return end;
}

/* --- lines ------------------------------------------------------------ */

/*
 * Listings print a line per service and per destination, tens of
 * thousands of them, and stdio's cost per call was most of -Sn's own
 * work: those lines are built here and written with one fwrite.  Each of
 * our lines fits; a longer one would be cut, never overrun.
 */
#define LINE_LEN 1024
/*
 * Room past the cut for short writes of a fixed size (spaces, digits):
 * the compiler inlines those, where -Ln made a memset and a memcpy call
 * per column.  The length is clamped to LINE_LEN after each.
 */
#define LINE_SLACK 32

struct line {
	size_t n;
	char b[LINE_LEN + LINE_SLACK];
};

static void l_advance(struct line *l, size_t n)
{
	l->n = n > LINE_LEN - l->n ? LINE_LEN : l->n + n;
}

static void l_mem(struct line *l, const char *s, size_t n)
{
	if (n > LINE_LEN - l->n)
		n = LINE_LEN - l->n;
	memcpy(l->b + l->n, s, n);
	l->n += n;
}

static void l_str(struct line *l, const char *s)
{
	l_mem(l, s, strlen(s));
}

static void l_chr(struct line *l, char c)
{
	if (l->n < LINE_LEN)
		l->b[l->n++] = c;
}

static void l_spaces(struct line *l, int n)
{
	if (n <= 0)
		return;
	/* A fixed size is one inlined store; past the cut is slack. */
	if (n <= LINE_SLACK)
		memset(l->b + l->n, ' ', LINE_SLACK);
	else if ((size_t)n <= LINE_LEN - l->n)
		memset(l->b + l->n, ' ', (size_t)n);
	else
		memset(l->b + l->n, ' ', LINE_LEN - l->n);
	l_advance(l, (size_t)n);
}

/* s in width columns, left-aligned: "%-*s". */
static void l_pad(struct line *l, const char *s, int width)
{
	size_t n = strlen(s);

	l_mem(l, s, n);
	l_spaces(l, width - (int)n);
}

/*
 * lead, then v (negative if neg) in width columns, right-aligned or left
 * with left, then suffix if not NUL: what " %*llu", " %-*d" or "%8llu%c"
 * print.
 */
static void l_num(struct line *l, const char *lead, uint64_t v, bool neg,
		  int width, bool left, char suffix)
{
	int n = num_digits(v) + neg;
	char *p;

	l_str(l, lead);
	if (!left)
		l_spaces(l, width - n);
	/* At most 21 bytes: they fit in the slack. */
	p = l->b + l->n;
	if (neg)
		*p++ = '-';
	put_uint(p, v);
	l_advance(l, (size_t)n);
	if (left)
		l_spaces(l, width - n);
	if (suffix)
		l_chr(l, suffix);
}

static void l_uint(struct line *l, const char *lead, uint64_t v)
{
	l_num(l, lead, v, false, 0, false, 0);
}

static void l_int(struct line *l, const char *lead, int64_t v, int width,
		  bool left)
{
	l_num(l, lead, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0, width,
	      left, 0);
}

/* Unlocked: we have one thread, and the lock was a fifth of each call. */
static void l_write(const struct line *l, FILE *f)
{
	fwrite_unlocked(l->b, 1, l->n, f);
}

/* The line as a C string in buf, cut to len bytes as snprintf would. */
static void l_copy(const struct line *l, char *buf, size_t len)
{
	size_t n = l->n < len - 1 ? l->n : len - 1;

	memcpy(buf, l->b, n);
	buf[n] = '\0';
}

/* A kernel name field, which may fill its array without a NUL. */
static void l_field(struct line *l, const char *s, size_t size)
{
	l_mem(l, s, strnlen(s, size));
}

static void l_largenum(struct line *l, uint64_t n, bool exact)
{
	static const struct {
		uint64_t below;
		uint64_t div;
		char unit;
	} steps[] = {
		{ 1000000000ULL, 1000ULL, 'K' },
		{ 100000000000ULL, 1000000ULL, 'M' },
		{ 100000000000000ULL, 1000000000ULL, 'G' },
	};
	size_t i;
	int len;

	if (exact) {
		len = num_digits(n);
		l_num(l, "", n, false, len <= 8 ? 9 : len + 1, false, 0);
		return;
	}
	if (n < 100000000ULL) {
		l_num(l, "", n, false, 9, false, 0);
		return;
	}
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (n < steps[i].below) {
			l_num(l, "", n / steps[i].div, false, 8, false,
			      steps[i].unit);
			return;
		}
	}
	l_num(l, "", n / 1000000000000ULL, false, 8, false, 'T');
}

void print_largenum(FILE *f, uint64_t n, bool exact)
{
	struct line l;

	l.n = 0;
	l_largenum(&l, n, exact);
	l_write(&l, f);
}

static const struct proto_name *proto_lookup(uint16_t proto)
{
	size_t i, last = sizeof(proto_names) / sizeof(proto_names[0]) - 1;

	for (i = 0; i < last; i++)
		if (proto_names[i].proto == proto)
			return &proto_names[i];
	return &proto_names[last];
}

/* Every octet's digits, padded to four bytes with their count in the last. */
static const char (*octet_table(void))[4]
{
	static char t[256][4];
	unsigned int v;

	if (!t[0][3])
		for (v = 0; v < 256; v++)
			t[v][3] = (char)(put_uint(t[v], v) - t[v]);
	return (const char(*)[4])t;
}

/*
 * Dotted quad at buf (INET_ADDRSTRLEN bytes); returns the end (the NUL).
 * Each octet is copied as four bytes and the spare ones overwritten by
 * what follows: a listing prints two addresses a line.
 */
static char *ipv4_put(char *buf, const struct in_addr *in)
{
	const uint8_t *b = (const uint8_t *)&in->s_addr;
	const char(*t)[4] = octet_table();
	char *p = buf;
	int i;

	for (i = 0; i < 4; i++) {
		memcpy(p, t[b[i]], 4);
		p += t[b[i]][3];
		*p++ = '.';
	}
	p[-1] = '\0';
	return p - 1;
}

static const char *ipv4_text(char *buf, const struct in_addr *in)
{
	ipv4_put(buf, in);
	return buf;
}

static const char *host_text(char *buf, size_t len, int af,
			     const union ipvs_addr *a, bool numeric)
{
	socklen_t alen = af == AF_INET ? sizeof(struct in_addr) :
					 sizeof(struct in6_addr);
	struct hostent *h;

	if (!numeric) {
		h = gethostbyaddr(a, alen, af);
		if (h && h->h_name)
			return h->h_name;
	}
	if (af == AF_INET && len >= INET_ADDRSTRLEN)
		return ipv4_text(buf, &a->in);
	return inet_ntop(af, a, buf, len);
}

static const char *port_text(char *buf, size_t len, uint16_t port,
			     uint16_t proto, bool numeric)
{
	const char *db = proto_lookup(proto)->db;
	struct servent *se;

	if (!numeric && db) {
		se = getservbyport(htons(port), db);
		if (se && se->s_name)
			return se->s_name;
	}
	if (len >= 6)
		*put_uint(buf, port) = '\0';
	else
		snprintf(buf, len, "%u", port);
	return buf;
}

/* Append s at *at, cutting it (as snprintf would) to fit len bytes. */
static void append(char *buf, size_t len, size_t *at, const char *s)
{
	size_t n = strlen(s);

	if (n > len - 1 - *at)
		n = len - 1 - *at;
	memcpy(buf + *at, s, n);
	*at += n;
	buf[*at] = '\0';
}

int format_addrport(char *buf, size_t len, int af, const union ipvs_addr *a,
		    uint16_t port, uint16_t proto, bool numeric)
{
	char hbuf[INET6_ADDRSTRLEN], pbuf[8], *end;
	const char *host, *serv;
	bool v4 = af == AF_INET;
	size_t at = 0;

	if (!buf || !len)
		return -1;
	/* What -Sn and -Ln print for nearly every line, straight in buf. */
	if (numeric && v4 && len >= sizeof("255.255.255.255:65535")) {
		end = ipv4_put(buf, &a->in);
		*end++ = ':';
		*put_uint(end, port) = '\0';
		return 0;
	}
	host = host_text(hbuf, sizeof(hbuf), af, a, numeric);
	serv = port_text(pbuf, sizeof(pbuf), port, proto, numeric);
	/* Everything but AF_INET is bracketed, whatever the family; the
	 * text is cut at ADDRPORT_LEN as it always was. */
	if (len > ADDRPORT_LEN)
		len = ADDRPORT_LEN;
	buf[0] = '\0';
	append(buf, len, &at, v4 ? "" : "[");
	append(buf, len, &at, host ? host : null_text);
	append(buf, len, &at, v4 ? ":" : "]:");
	append(buf, len, &at, serv);
	return host ? 0 : -1;
}

static const char *fwd_list_name(uint32_t conn_flags)
{
	const char *s = fwd_names[conn_flags & FWD_MASK].list;

	return s ? s : null_text;
}

static const char *fwd_opt(uint32_t conn_flags)
{
	const char *s = fwd_names[conn_flags & FWD_MASK].opt;

	return s ? s : null_text;
}

static const char *table_name(const char *const *t, size_t n, size_t i)
{
	return i < n ? t[i] : NULL;
}

#define TABLE_NAME(t, i) table_name((t), sizeof(t) / sizeof((t)[0]), (i))

/* The --tun-info column: "n/a" unless a tunnel of a known type. */
static void tun_info(char *buf, size_t len, const struct ipvs_dest *d)
{
	const char *type = TABLE_NAME(tun_names, d->tun_type);
	const char *fl = TABLE_NAME(tun_flag_names, d->tun_flags);

	if ((d->conn_flags & FWD_MASK) != IPVS_FWD_TUNNEL || !type) {
		snprintf(buf, len, "n/a");
		return;
	}
	switch (d->tun_type) {
	case IPVS_TUN_GUE:
		snprintf(buf, len, "%s:%d:%s", type, d->tun_port,
			 fl ? fl : null_text);
		break;
	case IPVS_TUN_GRE:
		snprintf(buf, len, "%s:%s", type, fl ? fl : null_text);
		break;
	default:
		snprintf(buf, len, "%s", type);
		break;
	}
}

/* Comma-joined names of the SCHED1..3 bits; may be empty (sh + flag-3). */
static void sched_flags_text(char *buf, size_t len,
			     const struct ipvs_service *s)
{
	const struct sched_flag_names *t = sched_flag_names;
	size_t i, used = 0;
	int n;

	while (t->sched &&
	       strncmp(t->sched, s->sched_name, sizeof(s->sched_name)) != 0)
		t++;
	buf[0] = '\0';
	for (i = 0; i < 3; i++) {
		if (!(s->flags & sched_flag_bits[i]) || !t->names[i])
			continue;
		n = snprintf(buf + used, len - used, "%s%s", used ? "," : "",
			     t->names[i]);
		if (n < 0 || (size_t)n >= len - used)
			return;
		used += n;
	}
}

/* The persistence mask, when it is not the full one. */
static bool mask_text(char *buf, size_t len, const struct ipvs_service *s)
{
	struct in_addr m;

	if (s->af == AF_INET && s->netmask != 0xffffffffU) {
		m.s_addr = s->netmask;
		return inet_ntop(AF_INET, &m, buf, len) != NULL;
	}
	if (s->af == AF_INET6 && s->netmask != 128) {
		snprintf(buf, len, "%i", (int)s->netmask);
		return true;
	}
	return false;
}

/* A kernel name field (maybe without its NUL) as a C string in dst. */
static void field_text(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* --- version, titles, timeout, daemon -------------------------------- */

void print_version_line(FILE *f, const struct ipvs_info *info)
{
	char v[16];

	snprintf(v, sizeof(v), "%d.%d.%d", (int)((info->version >> 16) & 0xff),
		 (int)((info->version >> 8) & 0xff),
		 (int)(info->version & 0xff));
	out_str(f, "version", "IP Virtual Server version %s", v);
	out_i64(f, "conn_tab_size", " (size=%lld)\n",
		(long long)(int)info->conn_tab_size);
}

void print_title(FILE *f, enum list_view v)
{
	if ((unsigned int)v >= sizeof(titles) / sizeof(titles[0]))
		v = VIEW_DEFAULT;
	out_text(f, "%s\n%s\n", titles[v][0], titles[v][1]);
}

void print_list_begin(FILE *f, const struct ipvs_info *info, enum list_view v)
{
	out_open_object(f, NULL);
	if (info)
		print_version_line(f, info);
	print_title(f, v);
	out_open_array(f, "services");
}

void print_list_end(FILE *f)
{
	out_close_array(f);
	out_close_object(f);
	out_end_document(f);
}

void print_timeout(FILE *f, const struct ipvs_timeout *t)
{
	out_open_object(f, NULL);
	out_i64(f, "tcp", "Timeout (tcp tcpfin udp): %lld",
		(long long)(int)t->tcp);
	out_i64(f, "tcp_fin", " %lld", (long long)(int)t->tcp_fin);
	out_i64(f, "udp", " %lld\n", (long long)(int)t->udp);
	out_close_object(f);
	out_end_document(f);
}

void print_daemon(FILE *f, const struct ipvs_daemon *d)
{
	char group[INET6_ADDRSTRLEN], ifn[IPVS_IFNAME_LEN + 1];
	const char *type;

	if (d->state & IPVS_STATE_MASTER)
		type = "master";
	else if (d->state & IPVS_STATE_BACKUP)
		type = "backup";
	else
		return;
	field_text(ifn, d->mcast_ifn, sizeof(d->mcast_ifn));
	out_open_object(f, NULL);
	out_str(f, "state", "%s", type);
	out_str(f, "mcast_interface", " sync daemon (mcast=%s", ifn);
	out_i64(f, "syncid", ", syncid=%lld", (long long)(int)d->syncid);
	if (d->sync_maxlen)
		out_u64(f, "sync_maxlen", ", maxlen=%llu",
			(unsigned long long)d->sync_maxlen);
	if (d->mcast_af &&
	    inet_ntop(d->mcast_af, &d->mcast_group, group, sizeof(group)))
		out_str(f, "mcast_group", ", group=%s", group);
	if (d->mcast_port)
		out_u64(f, "mcast_port", ", port=%llu",
			(unsigned long long)d->mcast_port);
	if (d->mcast_ttl)
		out_u64(f, "mcast_ttl", ", ttl=%llu",
			(unsigned long long)d->mcast_ttl);
	out_text(f, ")\n");
	out_close_object(f);
}

/* --- -L service and destination lines --------------------------------- */

static void list_svc_name(char *buf, size_t len, const struct ipvs_service *s,
			  bool numeric)
{
	char ap[ADDRPORT_LEN];
	struct line l;

	if (s->fwmark) {
		snprintf(buf, len, "FWM  %u%s", s->fwmark,
			 s->af == AF_INET6 ? " IPv6" : "");
		return;
	}
	format_addrport(ap, sizeof(ap), s->af, &s->addr, s->port, s->protocol,
			numeric);
	if (s->af != AF_INET6 && len > SVC_NAME_CUT)
		len = SVC_NAME_CUT + 1;
	/* snprintf(buf, len, "%-4s %s", ...) */
	l.n = 0;
	l_pad(&l, proto_lookup(s->protocol)->list, 4);
	l_chr(&l, ' ');
	l_str(&l, ap);
	l_copy(&l, buf, len);
}

static struct val stats_val(const struct ipvs_stats *st, enum field fld)
{
	const uint64_t *v[] = {
		[FLD_CONNS] = &st->conns,	[FLD_INPKTS] = &st->inpkts,
		[FLD_OUTPKTS] = &st->outpkts,	[FLD_INBYTES] = &st->inbytes,
		[FLD_OUTBYTES] = &st->outbytes, [FLD_CPS] = &st->cps,
		[FLD_INPPS] = &st->inpps,	[FLD_OUTPPS] = &st->outpps,
		[FLD_INBPS] = &st->inbps,	[FLD_OUTBPS] = &st->outbps,
	};
	struct val r = { 0 };

	if ((size_t)fld < sizeof(v) / sizeof(v[0]))
		r.u = *v[fld];
	return r;
}

static struct val dest_val(const struct ipvs_dest *d, enum field fld, char *tun,
			   size_t tun_len)
{
	struct val r = { 0 };

	switch (fld) {
	case FLD_FWD:
		r.s = fwd_list_name(d->conn_flags);
		break;
	case FLD_TUN:
		tun_info(tun, tun_len, d);
		r.s = tun;
		break;
	case FLD_WEIGHT:
		r.i = d->weight;
		r.u = (uint32_t)d->weight;
		break;
	case FLD_ACTIVE:
		r.u = d->activeconns;
		break;
	case FLD_INACT:
		r.u = d->inactconns;
		break;
	case FLD_PERSIST:
		r.u = d->persistconns;
		break;
	case FLD_UTHRESH:
		r.u = d->u_threshold;
		break;
	case FLD_LTHRESH:
		r.u = d->l_threshold;
		break;
	default:
		r = stats_val(&d->stats, fld);
		break;
	}
	return r;
}

static void l_col(struct line *l, const struct col *c, struct val v, bool exact)
{
	switch (c->fmt) {
	case COL_STR:
		l_chr(l, ' ');
		l_pad(l, v.s ? v.s : null_text, c->width);
		break;
	case COL_INT:
		l_int(l, " ", (int)v.i, c->width, true);
		break;
	case COL_UINT:
		l_num(l, " ", (unsigned int)v.u, false, c->width, true, 0);
		break;
	case COL_U64:
		l_num(l, " ", v.u, false, c->width, false, 0);
		break;
	case COL_BIG:
		l_largenum(l, v.u, exact);
		break;
	}
}

/* Text only (1.31 shows no "ops" here); JSON uses print_svc_sched. */
static void print_svc_stats(FILE *f, const char *name,
			    const struct ipvs_service *s,
			    const struct row_cols *rc, bool exact)
{
	struct line l;
	size_t i;

	l.n = 0;
	l_pad(&l, name, 33);
	for (i = 0; i < rc->n; i++)
		l_col(&l, &rc->c[i], stats_val(&s->stats, rc->c[i].field),
		      exact);
	l_chr(&l, '\n');
	l_write(&l, f);
}

/* Counters and rates, always complete and exact in JSON. */
static void json_stats(FILE *f, const struct ipvs_stats *st)
{
	enum field fld;

	if (!out_json())
		return;
	out_open_object(f, "stats");
	for (fld = FLD_CONNS; fld <= FLD_OUTBYTES; fld++)
		out_json_u64(f, field_keys[fld], stats_val(st, fld).u);
	out_close_object(f);
	out_open_object(f, "rates");
	for (fld = FLD_CPS; fld <= FLD_OUTBPS; fld++)
		out_json_u64(f, field_keys[fld], stats_val(st, fld).u);
	out_close_object(f);
}

static void json_addr(FILE *f, int af, const union ipvs_addr *a, uint16_t port)
{
	char buf[INET6_ADDRSTRLEN];

	if (!out_json())
		return;
	out_json_str(f, "family", af == AF_INET6 ? "inet6" : "inet");
	out_json_str(f, "address", inet_ntop(af, a, buf, sizeof(buf)));
	out_json_u64(f, "port", port);
}

static void json_svc_identity(FILE *f, const struct ipvs_service *s)
{
	if (s->fwmark) {
		out_json_str(f, "family", s->af == AF_INET6 ? "inet6" : "inet");
		out_json_u64(f, "fwmark", s->fwmark);
		return;
	}
	out_json_str(f, "protocol", proto_lookup(s->protocol)->db);
	json_addr(f, s->af, &s->addr, s->port);
}

static void json_sched_flags(FILE *f, const struct ipvs_service *s)
{
	const struct sched_flag_names *t = sched_flag_names;
	size_t i;

	if (!out_json())
		return;
	while (t->sched &&
	       strncmp(t->sched, s->sched_name, sizeof(s->sched_name)) != 0)
		t++;
	out_open_array(f, "sched_flags");
	for (i = 0; i < 3; i++)
		if ((s->flags & sched_flag_bits[i]) && t->names[i])
			out_json_str(f, NULL, t->names[i]);
	out_close_array(f);
}

static void json_netmask(FILE *f, const struct ipvs_service *s)
{
	char buf[INET_ADDRSTRLEN];
	struct in_addr m = { .s_addr = s->netmask };

	if (s->af == AF_INET6)
		out_json_u64(f, "netmask", s->netmask);
	else
		out_json_str(f, "netmask",
			     inet_ntop(AF_INET, &m, buf, sizeof(buf)));
}

static void svc_sched_json(FILE *f, const struct ipvs_service *s,
			   const char *sched, const char *pe)
{
	out_json_str(f, "scheduler", sched);
	json_sched_flags(f, s);
	out_json_bool(f, "persistent", s->flags & IPVS_SVC_F_PERSISTENT);
	out_json_u64(f, "timeout", s->timeout);
	json_netmask(f, s);
	out_json_str(f, "pe", pe[0] ? pe : NULL);
	out_json_bool(f, "one_packet", s->flags & IPVS_SVC_F_ONEPACKET);
}

static void print_svc_sched(FILE *f, const char *name,
			    const struct ipvs_service *s)
{
	char flags[64], mask[INET6_ADDRSTRLEN];
	char sched[IPVS_SCHED_NAME_LEN + 1], pe[IPVS_PE_NAME_LEN + 1];
	bool persistent = s->flags & IPVS_SVC_F_PERSISTENT;
	struct line l;

	field_text(sched, s->sched_name, sizeof(s->sched_name));
	field_text(pe, s->pe_name, sizeof(s->pe_name));
	if (out_json()) {
		svc_sched_json(f, s, sched, pe);
		return;
	}
	l.n = 0;
	l_str(&l, name);
	l_chr(&l, ' ');
	l_str(&l, sched);
	if (s->flags & SCHED_FLAGS_ALL) {
		sched_flags_text(flags, sizeof(flags), s);
		l_str(&l, " (");
		l_str(&l, flags);
		l_chr(&l, ')');
	}
	if (persistent)
		l_uint(&l, " persistent ", s->timeout);
	if (persistent && mask_text(mask, sizeof(mask), s)) {
		l_str(&l, " mask ");
		l_str(&l, mask);
	}
	if (persistent && pe[0]) {
		l_str(&l, " pe ");
		l_str(&l, pe);
	}
	if (s->flags & IPVS_SVC_F_ONEPACKET)
		l_str(&l, " ops");
	l_chr(&l, '\n');
	l_write(&l, f);
}

static int dest_af(const struct ipvs_service *s, const struct ipvs_dest *d)
{
	return d->af ? d->af : s->af;
}

/* Every destination attribute, from the same getters as the columns. */
static void json_dest(FILE *f, const struct ipvs_dest *d)
{
	static const enum field scalars[] = { FLD_WEIGHT,  FLD_UTHRESH,
					      FLD_LTHRESH, FLD_ACTIVE,
					      FLD_INACT,   FLD_PERSIST };
	const char *fl = TABLE_NAME(tun_flag_json, d->tun_flags);
	char tun[TUN_INFO_LEN];
	size_t i;
	struct val v;

	if (!out_json())
		return;
	out_json_str(f, field_keys[FLD_FWD],
		     fwd_json[d->conn_flags & FWD_MASK]);
	for (i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++) {
		v = dest_val(d, scalars[i], tun, sizeof(tun));
		if (scalars[i] == FLD_WEIGHT)
			out_json_i64(f, field_keys[scalars[i]], v.i);
		else
			out_json_u64(f, field_keys[scalars[i]], v.u);
	}
	if ((d->conn_flags & FWD_MASK) == IPVS_FWD_TUNNEL) {
		out_open_object(f, field_keys[FLD_TUN]);
		out_json_str(f, "type", TABLE_NAME(tun_names, d->tun_type));
		out_json_u64(f, "port", d->tun_port);
		out_json_str(f, "checksum", fl);
		out_close_object(f);
	}
	json_stats(f, &d->stats);
}

static void print_dest(FILE *f, const struct ipvs_service *s,
		       const struct ipvs_dest *d, const struct list_opts *o)
{
	const struct row_cols *rc = &dest_cols[view_of(o)];
	char name[ADDRPORT_LEN], tun[TUN_INFO_LEN];
	int af = dest_af(s, d);
	struct line l;
	size_t i;

	if (out_json()) {
		out_open_object(f, NULL);
		json_addr(f, af, &d->addr, d->port);
		json_dest(f, d);
		out_close_object(f);
		return;
	}
	format_addrport(name, af == AF_INET6 ? sizeof(name) : DEST_NAME_CUT + 1,
			af, &d->addr, d->port, s->protocol, o->numeric);
	l.n = 0;
	l_str(&l, "  -> ");
	l_pad(&l, name, 28);
	for (i = 0; i < rc->n; i++)
		l_col(&l, &rc->c[i],
		      dest_val(d, rc->c[i].field, tun, sizeof(tun)), o->exact);
	l_chr(&l, '\n');
	l_write(&l, f);
}

/*
 * One service and its destinations.  Text shows the columns of the view;
 * JSON always carries every attribute, counters and rates included.
 */
void print_service_entry(FILE *f, const struct ipvs_service_entry *e,
			 const struct list_opts *o)
{
	const struct ipvs_service *s = &e->svc;
	enum list_view v = view_of(o);
	char name[SVC_NAME_LEN] = "";
	size_t i;

	out_open_object(f, NULL);
	if (!out_json())
		list_svc_name(name, sizeof(name), s, o->numeric);
	json_svc_identity(f, s);
	if (v == VIEW_STATS && !out_json())
		print_svc_stats(f, name, s, &stats_cols, o->exact);
	else if (v == VIEW_RATE && !out_json())
		print_svc_stats(f, name, s, &svc_rate_cols, o->exact);
	else
		print_svc_sched(f, name, s);
	json_stats(f, &s->stats);
	out_open_array(f, "destinations");
	for (i = 0; i < e->num_dests; i++)
		print_dest(f, s, &e->dests[i], o);
	out_close_array(f);
	out_close_object(f);
}

/* --- -S (restore syntax) ---------------------------------------------- */

static void save_svc_name(char *buf, size_t len, const struct ipvs_service *s,
			  bool numeric)
{
	char ap[ADDRPORT_LEN];
	struct line l;

	if (s->fwmark) {
		snprintf(buf, len, "-f %u%s", s->fwmark,
			 s->af == AF_INET6 ? " -6" : "");
		return;
	}
	format_addrport(ap, sizeof(ap), s->af, &s->addr, s->port, s->protocol,
			numeric);
	/* snprintf(buf, len, "%s %s", ...) */
	l.n = 0;
	l_str(&l, proto_lookup(s->protocol)->opt);
	l_chr(&l, ' ');
	l_str(&l, ap);
	l_copy(&l, buf, len);
}

static void save_service(FILE *f, const char *cmd, const char *name,
			 const struct ipvs_service *s)
{
	char flags[64], mask[INET6_ADDRSTRLEN];
	struct line l;

	l.n = 0;
	l_str(&l, cmd);
	l_chr(&l, ' ');
	l_str(&l, name);
	l_str(&l, " -s ");
	l_field(&l, s->sched_name, sizeof(s->sched_name));
	if (s->flags & IPVS_SVC_F_PERSISTENT) {
		l_uint(&l, " -p ", s->timeout);
		if (mask_text(mask, sizeof(mask), s)) {
			l_str(&l, " -M ");
			l_str(&l, mask);
		}
	}
	/* Unlike -L, -S shows the engine even without persistence. */
	if (s->pe_name[0]) {
		l_str(&l, " --pe ");
		l_field(&l, s->pe_name, sizeof(s->pe_name));
	}
	if (s->flags & IPVS_SVC_F_ONEPACKET)
		l_str(&l, " -o");
	if (s->flags & SCHED_FLAGS_ALL) {
		sched_flags_text(flags, sizeof(flags), s);
		l_str(&l, " -b ");
		l_str(&l, flags);
	}
	l_chr(&l, '\n');
	l_write(&l, f);
}

static void save_tunnel(struct line *l, const struct ipvs_dest *d)
{
	const char *type = TABLE_NAME(tun_names, d->tun_type);
	const char *fl = TABLE_NAME(tun_flag_opts, d->tun_flags);

	if (!type)
		return;
	l_str(l, " --tun-type ");
	l_str(l, type);
	if (d->tun_type == IPVS_TUN_GUE)
		l_int(l, " --tun-port ", d->tun_port, 0, false);
	if (d->tun_type == IPVS_TUN_GUE || d->tun_type == IPVS_TUN_GRE) {
		l_chr(l, ' ');
		l_str(l, fl ? fl : null_text);
	}
}

/* -S never saved thresholds; a plan's -a/-e must carry them. */
static void save_dest(FILE *f, const char *cmd, const char *svc,
		      const struct ipvs_service *s, const struct ipvs_dest *d,
		      bool numeric, bool thresholds)
{
	char name[ADDRPORT_LEN];
	int af = dest_af(s, d);
	struct line l;

	format_addrport(name, sizeof(name), af, &d->addr, d->port, s->protocol,
			numeric);
	/* "%s %s -r %s %s -w %d" */
	l.n = 0;
	l_str(&l, cmd);
	l_chr(&l, ' ');
	l_str(&l, svc);
	l_str(&l, " -r ");
	l_str(&l, name);
	l_chr(&l, ' ');
	l_str(&l, fwd_opt(d->conn_flags));
	l_int(&l, " -w ", d->weight, 0, false);
	if ((d->conn_flags & FWD_MASK) == IPVS_FWD_TUNNEL)
		save_tunnel(&l, d);
	if (thresholds && d->u_threshold)
		l_uint(&l, " -x ", d->u_threshold);
	if (thresholds && d->l_threshold)
		l_uint(&l, " -y ", d->l_threshold);
	l_chr(&l, '\n');
	l_write(&l, f);
}

void print_save_entry(FILE *f, const struct ipvs_service_entry *e, bool numeric)
{
	char name[SVC_NAME_LEN];
	size_t i;

	save_svc_name(name, sizeof(name), &e->svc, numeric);
	save_service(f, "-A", name, &e->svc);
	for (i = 0; i < e->num_dests; i++)
		save_dest(f, "-a", name, &e->svc, &e->dests[i], numeric, false);
}

void print_plan_step(FILE *f, enum ipvs_op op, const struct ipvs_service *s,
		     const struct ipvs_dest *d, bool numeric)
{
	char name[SVC_NAME_LEN], addr[ADDRPORT_LEN];

	save_svc_name(name, sizeof(name), s, numeric);
	switch (op) {
	case IPVS_OP_ADD_SERVICE:
		save_service(f, "-A", name, s);
		break;
	case IPVS_OP_EDIT_SERVICE:
		save_service(f, "-E", name, s);
		break;
	case IPVS_OP_DEL_SERVICE:
		fprintf(f, "-D %s\n", name);
		break;
	case IPVS_OP_ADD_DEST:
		save_dest(f, "-a", name, s, d, numeric, true);
		break;
	case IPVS_OP_EDIT_DEST:
		save_dest(f, "-e", name, s, d, numeric, true);
		break;
	case IPVS_OP_DEL_DEST:
		format_addrport(addr, sizeof(addr), dest_af(s, d), &d->addr,
				d->port, s->protocol, numeric);
		fprintf(f, "-d %s -r %s\n", name, addr);
		break;
	default:
		break;
	}
}
