// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz_netlink.c: libFuzzer target for libipvs's reply parsers: the input
 * is the body of a kernel reply (genl header and attributes), and also the
 * payload of a lone service or destination nest. */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "libipvs/msg.h"
#include "tests/fuzz/fuzz.h"

/*
 * The buffer is exactly as long as the message, as next_msg() in nl.c
 * hands it over (nlmsg_len within the datagram), so that ASan sees any
 * read past its end.
 */
static void parse_reply(const uint8_t *data, size_t size)
{
	struct nlmsghdr *h = malloc(NLMSG_HDRLEN + size);
	union {
		struct ipvs_service svc;
		struct ipvs_dest dest;
		struct ipvs_daemon daemon;
		struct ipvs_timeout timeout;
		struct ipvs_info info;
	} u;

	if (!h)
		return;
	memset(h, 0, NLMSG_HDRLEN);
	h->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + size);
	h->nlmsg_type = 0x20; /* any generic-netlink family id */
	if (size)
		memcpy((uint8_t *)h + NLMSG_HDRLEN, data, size);
	ipvs_parse_info(h, &u.info);
	ipvs_parse_timeout(h, &u.timeout);
	ipvs_parse_service(h, &u.svc);
	ipvs_parse_dest(h, AF_INET, &u.dest);
	ipvs_parse_dest(h, AF_INET6, &u.dest);
	ipvs_parse_daemon(h, &u.daemon);
	free(h);
}

static void parse_nests(const uint8_t *data, size_t size)
{
	struct nlattr *nest;
	struct ipvs_service svc;
	struct ipvs_dest dest;

	/* An attribute's length is 16 bits, header included. */
	if (size > 0xffff - NLA_HDRLEN)
		return;
	nest = malloc(NLA_HDRLEN + size);
	if (!nest)
		return;
	nest->nla_len = (uint16_t)(NLA_HDRLEN + size);
	nest->nla_type = NLA_F_NESTED | 1;
	if (size)
		memcpy((uint8_t *)nest + NLA_HDRLEN, data, size);
	ipvs_parse_service_nest(nest, &svc);
	ipvs_parse_dest_nest(nest, AF_INET, &dest);
	ipvs_parse_dest_nest(nest, AF_INET6, &dest);
	free(nest);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_reply(data, size);
	parse_nests(data, size);
	return 0;
}
