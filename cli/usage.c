// SPDX-License-Identifier: GPL-2.0-or-later
/* usage.c: the help, version, try-help and start-up texts of ipvsadm 1.31. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#define IPVSADM_VERSION "v1.31 2019/12/24"
#define DEF_SCHED "wlc"
#define DEF_TUN_TYPE "ipip"

/*
 * The synopsis names the program once per line, as 1.31 does with
 * argv[0]; the rest is fixed text with the defaults substituted.
 */
static const char *const synopsis[] = {
	"-A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]",
	"-D virtual-service",
	"-C",
	"-R",
	"-S [-n]",
	"-a|e virtual-service -r server-address [options]",
	"-d virtual-service -r server-address",
	"-L|l [virtual-service] [options]",
	"-Z [virtual-service]",
	"--set tcp tcpfin udp",
	"--start-daemon {master|backup} [daemon-options]",
	"--stop-daemon {master|backup}",
	"-h",
};

static const char commands_text[] =
	"Commands:\n"
	"Either long or short options are allowed.\n"
	"  --add-service     -A        add virtual service with options\n"
	"  --edit-service    -E        edit virtual service with options\n"
	"  --delete-service  -D        delete virtual service\n"
	"  --clear           -C        clear the whole table\n"
	"  --restore         -R        restore rules from stdin\n"
	"  --save            -S        save rules to stdout\n"
	"  --add-server      -a        add real server with options\n"
	"  --edit-server     -e        edit real server with options\n"
	"  --delete-server   -d        delete real server\n"
	"  --list            -L|-l     list the table\n"
	"  --zero            -Z        zero counters in a service or all services\n"
	"  --set tcp tcpfin udp        set connection timeout values\n"
	"  --start-daemon              start connection sync daemon\n"
	"  --stop-daemon               stop connection sync daemon\n"
	"  --help            -h        display this help message\n"
	"\n";

static const char service_text[] =
	"virtual-service:\n"
	"  --tcp-service|-t  service-address   service-address is host[:port]\n"
	"  --udp-service|-u  service-address   service-address is host[:port]\n"
	"  --sctp-service    service-address   service-address is host[:port]\n"
	"  --fwmark-service|-f fwmark          fwmark is an integer greater than zero\n"
	"\n";

/* Split where 1.31 substitutes the default scheduler and tunnel type. */
static const char options_text_1[] =
	"Options:\n"
	"  --ipv6         -6                   fwmark entry uses IPv6\n"
	"  --scheduler    -s scheduler         one of rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh,\n"
	"                                      the default scheduler is ";
static const char options_text_2[] =
	".\n"
	"  --pe            engine              alternate persistence engine may be sip,\n"
	"                                      not set by default.\n"
	"  --persistent   -p [timeout]         persistent service\n"
	"  --netmask      -M netmask           persistent granularity mask\n"
	"  --real-server  -r server-address    server-address is host (and port)\n"
	"  --gatewaying   -g                   gatewaying (direct routing) (default)\n"
	"  --ipip         -i                   ipip encapsulation (tunneling)\n"
	"  --masquerading -m                   masquerading (NAT)\n"
	"  --tun-type      type                one of ipip|gue|gre,\n"
	"                                      the default tunnel type is ";
static const char options_text_3[] =
	".\n"
	"  --tun-port      port                tunnel destination port\n"
	"  --tun-nocsum                        tunnel encapsulation without checksum\n"
	"  --tun-csum                          tunnel encapsulation with checksum\n"
	"  --tun-remcsum                       tunnel encapsulation with remote checksum\n"
	"  --weight       -w weight            capacity of real server\n"
	"  --u-threshold  -x uthreshold        upper threshold of connections\n"
	"  --l-threshold  -y lthreshold        lower threshold of connections\n"
	"  --connection   -c                   output of current IPVS connections\n"
	"  --timeout                           output of timeout (tcp tcpfin udp)\n"
	"  --daemon                            output of daemon information\n"
	"  --stats                             output of statistics information\n"
	"  --rate                              output of rate information\n"
	"  --exact                             expand numbers (display exact values)\n"
	"  --thresholds                        output of thresholds information\n"
	"  --persistent-conn                   output of persistent connection info\n"
	"  --tun-info                          output of tunnel information\n"
	"  --nosort                            disable sorting output of service/server entries\n"
	"  --sort                              does nothing, for backwards compatibility\n"
	"  --ops          -o                   one-packet scheduling\n"
	"  --numeric      -n                   numeric output of addresses and ports\n"
	"  --sched-flags  -b flags             scheduler flags (comma-separated)\n";

static const char daemon_text[] =
	"Daemon Options:\n"
	"  --syncid sid                        syncid for connection sync (default=255)\n"
	"  --sync-maxlen length                Max sync message length (default=1472)\n"
	"  --mcast-interface interface         multicast interface for connection sync\n"
	"  --mcast-group address               IPv4/IPv6 group (default=224.0.0.81)\n"
	"  --mcast-port port                   UDP port (default=8848)\n"
	"  --mcast-ttl ttl                     Multicast TTL (default=1)\n";

void cli_print_version(FILE *f)
{
	fprintf(f,
		"ipvsadm " IPVSADM_VERSION
		" (compiled with popt and IPVS v%d.%d.%d)\n",
		1, 2, 1);
}

void cli_print_usage(FILE *f, const char *program)
{
	size_t i;

	cli_print_version(f);
	fputs("Usage:\n", f);
	for (i = 0; i < sizeof(synopsis) / sizeof(synopsis[0]); i++)
		fprintf(f, "  %s %s\n", program, synopsis[i]);
	fputs("\n", f);
	fputs(commands_text, f);
	fputs(service_text, f);
	fputs(options_text_1, f);
	fputs(DEF_SCHED, f);
	fputs(options_text_2, f);
	fputs(DEF_TUN_TYPE, f);
	fputs(options_text_3, f);
	fputs(daemon_text, f);
}

void cli_format_tryhelp(char *buf, size_t len, const char *program)
{
	snprintf(buf, len, "Try `%s -h' or '%s --help' for more information.\n",
		 program, program);
}

void cli_print_init_error(FILE *f, int err)
{
	fprintf(f,
		"Can't initialize ipvs: %s\n"
		"Are you sure that IP Virtual Server is built in the kernel or as module?\n",
		ipvs_strerror(IPVS_OP_INIT, err));
}
