// SPDX-License-Identifier: GPL-2.0-or-later
/* print.h: every listing, save line and number format ipvsadm prints. */
#ifndef CLI_PRINT_H
#define CLI_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "libipvs/libipvs.h"

/* Which columns a listing shows; the precedence is decided by the caller. */
enum list_view {
	VIEW_DEFAULT,
	VIEW_STATS,
	VIEW_RATE,
	VIEW_THRESHOLDS,
	VIEW_PERSISTENT_CONN,
	VIEW_TUN_INFO,
};

struct list_opts {
	enum list_view view;
	bool numeric; /* -n: no name lookups */
	bool exact; /* --exact / -X: no K/M/G/T */
	bool nosort; /* --nosort: kernel order */
	bool persistent_conn; /* --persistent-conn (also changes -c) */
};

/* ipvsadm's "largenum": %9llu, or n/1000 etc. with K/M/G/T; exact widths. */
void print_largenum(FILE *f, uint64_t n, bool exact);

/*
 * format_addrport - ipvsadm's addrport_to_anyname: "a.b.c.d:port" or
 * "[v6]:port", names (host via gethostbyaddr, port via getservbyport for
 * proto) unless numeric.  Returns 0, or -1 when it could not format.
 */
int format_addrport(char *buf, size_t len, int af, const union ipvs_addr *a,
		    uint16_t port, uint16_t proto, bool numeric);

/* "IP Virtual Server version 1.2.1 (size=4096)\n" */
void print_version_line(FILE *f, const struct ipvs_info *info);

/* The two title lines of view v. */
void print_title(FILE *f, enum list_view v);

/*
 * A listing's frame: the version line (unless info is NULL, as for one
 * service) and the title, or in JSON the document and its "services".
 */
void print_list_begin(FILE *f, const struct ipvs_info *info, enum list_view v);
void print_list_end(FILE *f);

/* One service line and its destination lines, in view o->view. */
void print_service_entry(FILE *f, const struct ipvs_service_entry *e,
			 const struct list_opts *o);

/* One service line and its destinations in -S (restore) syntax. */
void print_save_entry(FILE *f, const struct ipvs_service_entry *e,
		      bool numeric);

/*
 * sort_services - ipvsadm 1.31's order (fwmark, af, protocol, address
 * words, port), compared numerically where 1.31 overflowed, and each
 * entry's destinations by address then port.  0, or -ENOMEM
 * when there is no memory for the sort keys.
 */
int sort_services(struct ipvs_service_list *l);
int sort_dests(struct ipvs_dest *d, size_t n);

/* "Timeout (tcp tcpfin udp): 900 120 300\n" */
void print_timeout(FILE *f, const struct ipvs_timeout *t);

/* "master sync daemon (mcast=..., syncid=..., ...)\n" */
void print_daemon(FILE *f, const struct ipvs_daemon *d);

/*
 * print_connections - the -c listing from the procfs file path (normally
 * /proc/net/ip_vs_conn).  Returns 0, or -1 when the file cannot be opened
 * (the caller prints ipvsadm's message), or -2 when it has not even the
 * kernel's header line (1.31: "unexpected input from %s", exit 1).
 * --persistent-conn (o->persistent_conn) adds the pe name and pe data.
 */
int print_connections(FILE *f, const char *path, const struct list_opts *o);

/*
 * print_plan_step - one change as the ipvsadm command line that makes it
 * (-A/-E/-D or -a/-e/-d with every attribute), so a plan can be fed to -R.
 */
void print_plan_step(FILE *f, enum ipvs_op op, const struct ipvs_service *s,
		     const struct ipvs_dest *d, bool numeric);

#endif /* CLI_PRINT_H */
