// SPDX-License-Identifier: GPL-2.0-or-later
/* common.c: argv from bytes and offline name lookups for the fuzzers. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"

int fuzz_argv(const uint8_t *data, size_t size, const char *prog, char **argv,
	      char **buf)
{
	char *p;
	size_t off = 0;
	int argc = 1;

	/* One extra NUL so that the last word is terminated too. */
	*buf = malloc(size + 1);
	if (!*buf)
		return -1;
	if (size)
		memcpy(*buf, data, size);
	(*buf)[size] = '\0';
	argv[0] = (char *)prog;
	p = *buf;
	while (off < size && argc < FUZZ_MAX_ARGS) {
		argv[argc++] = p + off;
		off += strlen(p + off) + 1;
	}
	argv[argc] = NULL;
	return argc;
}

void fuzz_quiet_stderr(void)
{
	/*
	 * Only the stdio stream: the sanitizers write their reports to fd 2
	 * directly, and libFuzzer kept its own copy of the old pointer.
	 */
	FILE *f = fopen("/dev/null", "w");

	if (f)
		stderr = f;
}

/*
 * The parsers look names up (hosts, services).  A fuzzer must not ask DNS
 * millions of questions, nor depend on what a resolver answers, so these
 * replace libc's with a fixed, offline table.  The code under test only
 * sees "no such name" or one of these.
 */
static struct in_addr stub_addr;
static char *stub_addrs[] = { (char *)&stub_addr, NULL };
static char stub_host_name[] = "localhost";
static char *stub_aliases[] = { NULL };
static struct hostent stub_host = {
	.h_name = stub_host_name,
	.h_aliases = stub_aliases,
	.h_addrtype = AF_INET,
	.h_length = sizeof(struct in_addr),
	.h_addr_list = stub_addrs,
};

struct hostent *gethostbyname(const char *name)
{
	if (strcmp(name, "localhost") != 0)
		return NULL;
	stub_addr.s_addr = htonl(INADDR_LOOPBACK);
	return &stub_host;
}

struct hostent *gethostbyaddr(const void *addr, socklen_t len, int type)
{
	if (type != AF_INET || len != sizeof(struct in_addr) ||
	    memcmp(addr, &(struct in_addr){ htonl(INADDR_LOOPBACK) }, len))
		return NULL;
	stub_addr.s_addr = htonl(INADDR_LOOPBACK);
	return &stub_host;
}

static const struct {
	const char *name;
	uint16_t port;
} stub_services[] = {
	{ "ftp", 21 },	{ "ssh", 22 },	  { "domain", 53 },
	{ "http", 80 }, { "https", 443 },
};

static char stub_serv_name[16];
static char stub_proto[8];
static char *stub_serv_aliases[] = { NULL };
static struct servent stub_serv = {
	.s_name = stub_serv_name,
	.s_aliases = stub_serv_aliases,
	.s_proto = stub_proto,
};

static struct servent *stub_servent(size_t i, const char *proto)
{
	if (!proto || (strcmp(proto, "tcp") && strcmp(proto, "udp") &&
		       strcmp(proto, "sctp")))
		return NULL;
	snprintf(stub_serv_name, sizeof(stub_serv_name), "%s",
		 stub_services[i].name);
	snprintf(stub_proto, sizeof(stub_proto), "%s", proto);
	stub_serv.s_port = (int)htons(stub_services[i].port);
	return &stub_serv;
}

struct servent *getservbyname(const char *name, const char *proto)
{
	size_t i;

	for (i = 0; i < sizeof(stub_services) / sizeof(stub_services[0]); i++)
		if (!strcmp(name, stub_services[i].name))
			return stub_servent(i, proto);
	return NULL;
}

struct servent *getservbyport(int port, const char *proto)
{
	size_t i;

	for (i = 0; i < sizeof(stub_services) / sizeof(stub_services[0]); i++)
		if (htons(stub_services[i].port) == port)
			return stub_servent(i, proto);
	return NULL;
}
