// SPDX-License-Identifier: GPL-2.0-or-later
/* args.c: the `ipvsadm tun` command line: words, options, VIPs, usage. */
#include <arpa/inet.h>
#include <popt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tunctl/tun_int.h"

static const char usage_text[] =
	"Usage:\n"
	"  ipvsadm tun director   [--dev NAME] [--dry-run] VIP...\n"
	"  ipvsadm tun realserver [--dev NAME] [--dry-run] VIP...\n"
	"  ipvsadm tun down       [--dev NAME] [--dry-run] VIP...\n"
	"  ipvsadm tun check      [--dev NAME] [--json] [director|realserver] [VIP...]\n"
	"  ipvsadm tun help\n"
	"\n"
	"Sets up, tears down or checks the host side of LVS-TUN (IP-in-IP)\n"
	"for the given virtual IPv4 addresses (VIPs).  Set-up and down are\n"
	"idempotent: a second run changes nothing.\n"
	"\n"
	"  director    load ipip, create the tunnel device if needed, add each\n"
	"              VIP/32 to it, set it up, net.ipv4.ip_forward=1\n"
	"  realserver  the same device and VIPs, and on the device and on all:\n"
	"              arp_ignore=1, arp_announce=2, rp_filter=0\n"
	"  down        remove the VIPs; once the device has no IPv4 address\n"
	"              left, put back the sysctls set-up changed, as they were\n"
	"              before the first set-up\n"
	"  check       one line per condition (OK, FAIL or WARN) with the command\n"
	"              that fixes it; without a role it is inferred (ip_forward\n"
	"              on and no ARP sysctls set: director)\n"
	"\n"
	"Options:\n"
	"  --dev NAME  the ipip tunnel device (default tunl0)\n"
	"  --dry-run   print the equivalent ip and sysctl commands, change nothing\n"
	"  --json      check only: print the result as one JSON object\n"
	"  -h, --help  this text\n"
	"\n"
	"Exit status:\n"
	"  0  done, nothing needed doing, or every check passed (WARN allowed)\n"
	"  1  a system call failed (netlink, /proc/sys, the state file), the\n"
	"     device is missing and cannot be created, or a check FAILed\n"
	"  2  bad usage or input, nothing changed: unknown word or option, not\n"
	"     an IPv4 address, a netmask given, an IPv6 VIP, a bad device name,\n"
	"     or no CAP_NET_ADMIN\n"
	"\n"
	"Files:\n"
	"  /run/ipvsadm/tun-NAME.state  the sysctl values before the first\n"
	"     set-up (tun-NAME-netID.state outside the initial network\n"
	"     namespace); $IPVSADM_TUN_STATE_DIR replaces /run/ipvsadm\n";

void tun_usage(FILE *f)
{
	fputs(usage_text, f);
}

static const struct {
	const char *word;
	enum tun_cmd cmd;
} cmd_words[] = {
	{ "director", TUN_CMD_DIRECTOR }, { "realserver", TUN_CMD_REALSERVER },
	{ "down", TUN_CMD_DOWN },	  { "check", TUN_CMD_CHECK },
	{ "help", TUN_CMD_HELP },
};

static const struct {
	const char *word;
	enum tun_role role;
} role_words[] = {
	{ "director", TUN_ROLE_DIRECTOR },
	{ "realserver", TUN_ROLE_REALSERVER },
};

const char *tun_role_name(enum tun_role role)
{
	size_t i;

	for (i = 0; i < sizeof(role_words) / sizeof(role_words[0]); i++)
		if (role_words[i].role == role)
			return role_words[i].word;
	return "none";
}

enum { OPT_DEV = 1, OPT_DRY_RUN, OPT_JSON, OPT_HELP };

static const struct poptOption tun_options[] = {
	{ "dev", '\0', POPT_ARG_STRING, NULL, OPT_DEV, NULL, NULL },
	{ "dry-run", '\0', POPT_ARG_NONE, NULL, OPT_DRY_RUN, NULL, NULL },
	{ "json", '\0', POPT_ARG_NONE, NULL, OPT_JSON, NULL, NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, OPT_HELP, NULL, NULL },
	POPT_TABLEEND
};

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen,
						      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return TUN_EXIT_USAGE;
}

/* The kernel's dev_valid_name(), and no name that is a sysctl directory. */
static bool dev_name_ok(const char *s)
{
	size_t len = strlen(s);

	if (!len || len >= TUN_DEV_LEN || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	if (!strcmp(s, "all") || !strcmp(s, "default"))
		return false;
	return !strpbrk(s, "/: \t\n\r\v\f");
}

/* A VIP must be a host's own unicast address. */
static bool unicast_ok(struct in_addr a)
{
	unsigned int top = ntohl(a.s_addr) >> 24;

	return top != 0 && top != 127 && top < 224;
}

static int parse_vip(const char *s, struct in_addr *out, char *err,
		     size_t errlen)
{
	struct in6_addr a6;

	if (strchr(s, '/'))
		return fail(
			err, errlen,
			"VIP `%s': give the address without a netmask (a VIP is always /32)",
			s);
	if (inet_pton(AF_INET6, s, &a6) == 1)
		return fail(
			err, errlen,
			"VIP `%s': IPv6 VIPs are not supported yet (IPv4 only)",
			s);
	if (inet_pton(AF_INET, s, out) != 1)
		return fail(err, errlen, "VIP `%s': not an IPv4 address", s);
	if (!unicast_ok(*out))
		return fail(err, errlen, "VIP `%s': not a unicast address", s);
	return 0;
}

static int add_vip(struct tun_args *a, const char *s, char *err, size_t errlen)
{
	struct in_addr v;
	size_t i;
	int r = parse_vip(s, &v, err, errlen);

	if (r)
		return r;
	for (i = 0; i < a->nvips; i++)
		if (a->vips[i].s_addr == v.s_addr)
			return 0; /* a repeated VIP is still one VIP */
	if (a->nvips == TUN_MAX_VIPS)
		return fail(err, errlen, "too many VIPs (at most %d at a time)",
			    TUN_MAX_VIPS);
	a->vips[a->nvips++] = v;
	return 0;
}

static int parse_cmd_word(struct tun_args *a, const char *w, char *err,
			  size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof(cmd_words) / sizeof(cmd_words[0]); i++) {
		if (!strcmp(w, cmd_words[i].word)) {
			a->cmd = cmd_words[i].cmd;
			return 0;
		}
	}
	return fail(
		err, errlen,
		"unknown command `%s' (director, realserver, down, check or help)",
		w);
}

static void parse_role_word(struct tun_args *a, const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(role_words) / sizeof(role_words[0]); i++)
		if (!strcmp(w, role_words[i].word))
			a->role = role_words[i].role;
}

static int parse_option(poptContext con, int opt, struct tun_args *a, char *err,
			size_t errlen)
{
	char *arg;
	int r = 0;

	switch (opt) {
	case OPT_DEV:
		arg = poptGetOptArg(con);
		if (!arg || !dev_name_ok(arg))
			r = fail(err, errlen, "bad device name `%s'",
				 arg ? arg : "");
		else
			snprintf(a->dev, sizeof(a->dev), "%s", arg);
		free(arg);
		return r;
	case OPT_DRY_RUN:
		a->dry_run = true;
		return 0;
	case OPT_JSON:
		a->json = true;
		return 0;
	case OPT_HELP:
		a->cmd = TUN_CMD_HELP;
		return 0;
	}
	return fail(err, errlen, "%s: %s",
		    poptBadOption(con, POPT_BADOPTION_NOALIAS),
		    poptStrerror(opt));
}

static int parse_words(poptContext con, struct tun_args *a, char *err,
		       size_t errlen)
{
	const char *w;
	int r;

	if (a->cmd == TUN_CMD_HELP)
		return 0;
	w = poptGetArg(con);
	if (!w)
		return fail(err, errlen, "no command given");
	r = parse_cmd_word(a, w, err, errlen);
	if (r || a->cmd == TUN_CMD_HELP)
		return r;
	if (a->cmd == TUN_CMD_CHECK && poptPeekArg(con)) {
		parse_role_word(a, poptPeekArg(con));
		if (a->role)
			poptGetArg(con);
	}
	while ((w = poptGetArg(con))) {
		r = add_vip(a, w, err, errlen);
		if (r)
			return r;
	}
	return 0;
}

/* Combinations that parse but mean nothing. */
static int check_combination(const struct tun_args *a, char *err, size_t errlen)
{
	if (a->cmd == TUN_CMD_HELP)
		return 0;
	if (a->json && a->cmd != TUN_CMD_CHECK)
		return fail(err, errlen, "--json goes with check only");
	if (a->dry_run && a->cmd == TUN_CMD_CHECK)
		return fail(
			err, errlen,
			"--dry-run goes with director, realserver and down (check changes nothing)");
	if (!a->nvips && a->cmd != TUN_CMD_CHECK)
		return fail(err, errlen, "no VIP given");
	return 0;
}

/*
 * tun_parse - fill @a from `tun ARGS...` (argv[0] is "tun").  Returns 0, or
 * TUN_EXIT_USAGE with the reason in @err.
 */
int tun_parse(int argc, char **argv, struct tun_args *a, char *err,
	      size_t errlen)
{
	poptContext con;
	int opt, r = 0;

	memset(a, 0, sizeof(*a));
	snprintf(a->dev, sizeof(a->dev), "%s", TUN_DEFAULT_DEV);
	err[0] = '\0';
	con = poptGetContext("ipvsadm tun", argc, (const char **)argv,
			     tun_options, 0);
	if (!con)
		return fail(err, errlen, "out of memory");
	while (!r && (opt = poptGetNextOpt(con)) != -1)
		r = parse_option(con, opt, a, err, errlen);
	if (!r)
		r = parse_words(con, a, err, errlen);
	if (!r)
		r = check_combination(a, err, errlen);
	poptFreeContext(con);
	return r;
}
