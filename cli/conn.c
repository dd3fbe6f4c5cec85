// SPDX-License-Identifier: GPL-2.0-or-later
/* conn.c: the -c listing, converted from the kernel's /proc/net/ip_vs_conn. */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli/out.h"
#include "cli/print.h"

/* 1.31 reads the file in 256-byte pieces; longer lines split the same way. */
#define CONN_LINE_LEN 256
#define ADDRPORT_LEN 60

static const char *const conn_titles[] = {
	"pro expire state       source             virtual            "
	"destination",
	"pro expire state       source             virtual            "
	"destination        pe name          pe_data",
};

/* The kernel's protocol names; anything else gets numeric ports. */
static const struct {
	const char *name;
	uint16_t proto;
} conn_protos[] = {
	{ "TCP", IPPROTO_TCP },
	{ "UDP", IPPROTO_UDP },
	{ "SCTP", IPPROTO_SCTP },
};

/* One procfs line, as the kernel's seq_show prints it. */
struct conn_row {
	int fields; /* how many sscanf could fill: 11 with pe name and data */
	char proto[16];
	char caddr[INET6_ADDRSTRLEN];
	char vaddr[INET6_ADDRSTRLEN];
	char daddr[INET6_ADDRSTRLEN];
	unsigned short cport, vport, dport;
	/* SCTP's SHUTDOWN_RECEIVED overflows 1.31's 16 bytes; print it whole. */
	char state[32];
	unsigned int expires;
	char pe_name[IPVS_PE_NAME_LEN + 1];
	char pe_data[CONN_LINE_LEN];
};

static uint16_t conn_proto(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(conn_protos) / sizeof(conn_protos[0]); i++)
		if (strcmp(conn_protos[i].name, name) == 0)
			return conn_protos[i].proto;
	return 0;
}

/* Full-form IPv6, dotted IPv4 or the kernel's hex IPv4, in that order. */
static int conn_addr(const char *s, union ipvs_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET6, s, &a->in6) > 0)
		return AF_INET6;
	if (inet_pton(AF_INET, s, &a->in) <= 0)
		a->in.s_addr = htonl((uint32_t)strtoul(s, NULL, 16));
	return AF_INET;
}

static int parse_conn(const char *line, struct conn_row *r)
{
	memset(r, 0, sizeof(*r));
	r->fields = sscanf(line,
			   "%15s %45s %hX %45s %hX %45s %hX %31s %u %16s "
			   "%255s",
			   r->proto, r->caddr, &r->cport, r->vaddr, &r->vport,
			   r->daddr, &r->dport, r->state, &r->expires,
			   r->pe_name, r->pe_data);
	return r->fields >= 9 ? 0 : -1;
}

static void json_end(FILE *f, const char *key, int af, const union ipvs_addr *a,
		     unsigned int port)
{
	char buf[INET6_ADDRSTRLEN];

	if (!out_json())
		return;
	out_open_object(f, key);
	out_json_str(f, "address", inet_ntop(af, a, buf, sizeof(buf)));
	out_json_u64(f, "port", port);
	out_close_object(f);
}

static void print_conn(FILE *f, const struct conn_row *r, bool numeric, bool pe)
{
	char cname[ADDRPORT_LEN], vname[ADDRPORT_LEN], dname[ADDRPORT_LEN];
	char expire[16];
	union ipvs_addr c, v, d;
	uint16_t proto = conn_proto(r->proto);
	int af, daf;

	/* The virtual address is the client's family, as the kernel has it. */
	af = conn_addr(r->caddr, &c);
	conn_addr(r->vaddr, &v);
	daf = conn_addr(r->daddr, &d);
	format_addrport(cname, sizeof(cname), af, &c, r->cport, proto, numeric);
	format_addrport(vname, sizeof(vname), af, &v, r->vport, proto, numeric);
	format_addrport(dname, sizeof(dname), daf, &d, r->dport, proto,
			numeric);
	snprintf(expire, sizeof(expire), "%02u:%02u", r->expires / 60,
		 r->expires % 60);
	out_open_object(f, NULL);
	out_str(f, "protocol", "%-3s", r->proto);
	out_text(f, " %-6s", expire);
	out_json_u64(f, "expire", r->expires);
	out_str(f, "state", " %-11s", r->state);
	json_end(f, "client", af, &c, r->cport);
	json_end(f, "virtual", af, &v, r->vport);
	json_end(f, "destination", daf, &d, r->dport);
	/* 1.31's rows swap the widths of the last two header columns. */
	if (pe && r->fields == 11) {
		out_text(f, " %-18s %-18s %-16s", cname, vname, dname);
		out_str(f, "pe_name", " %-18s", r->pe_name);
		out_str(f, "pe_data", " %s\n", r->pe_data);
	} else {
		out_text(f, " %-18s %-18s %s\n", cname, vname, dname);
	}
	out_close_object(f);
}

int print_connections(FILE *f, const char *path, const struct list_opts *o)
{
	bool pe = o->persistent_conn || o->view == VIEW_PERSISTENT_CONN;
	char line[CONN_LINE_LEN];
	struct conn_row r;
	FILE *in;

	in = fopen(path, "r");
	if (!in)
		return -1;
	/* The kernel's own header line. */
	if (!fgets(line, sizeof(line), in)) {
		fclose(in);
		return -2;
	}
	out_text(f, "IPVS connection entries\n%s\n", conn_titles[pe]);
	out_open_object(f, NULL);
	out_open_array(f, "connections");
	while (fgets(line, sizeof(line), in))
		if (parse_conn(line, &r) == 0)
			print_conn(f, &r, o->numeric, pe);
	out_close_array(f);
	out_close_object(f);
	out_end_document(f);
	fclose(in);
	return 0;
}
