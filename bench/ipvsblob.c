// SPDX-License-Identifier: GPL-2.0-or-later
/* ipvsblob.c: turns an -R file into the netlink requests ipvsfloor sends. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "cli/script.h"
#include "libipvs/msg.h"

/*
 * Host tool, run before the benchmark: reads an -R file on stdin, parses
 * it with our own parser and writes every request, built by our own
 * message builder, back to back on stdout.  The family id and sequence
 * numbers are left 0 for ipvsfloor to patch in, so the floor sends exactly
 * the bytes ipvsadm -R sends, and does none of the work of making them.
 */

static int add_line(unsigned int lineno, struct cli_args *a, void *arg)
{
	static const uint8_t pad[NLMSG_ALIGNTO];
	enum ipvs_op op = script_change_op(a);
	struct ipvs_msg_args m = { .svc = &a->svc, .dest = &a->dest };
	struct nl_msg *msg;
	struct nlmsghdr *h;
	int err;

	(void)arg;
	if (op == IPVS_OP_COUNT || op == IPVS_OP_SET_TIMEOUT) {
		fprintf(stderr, "ipvsblob: line %u: not a batched change\n",
			lineno);
		return 2;
	}
	if (op == IPVS_OP_ZERO && !(a->options & OPTBIT(OPT_SERVICE)))
		m.svc = NULL;
	err = ipvs_msg_build(&msg, 0, op, &m);
	if (err) {
		fprintf(stderr, "ipvsblob: line %u: %s\n", lineno,
			strerror(-err));
		return 2;
	}
	h = nlmsg_hdr(msg);
	fwrite(h, 1, h->nlmsg_len, stdout);
	fwrite(pad, 1, NLMSG_ALIGN(h->nlmsg_len) - h->nlmsg_len, stdout);
	nlmsg_free(msg);
	return 0;
}

int main(void)
{
	int rc = script_each(stdin, "ipvsadm", add_line, NULL);

	if (fflush(stdout) || ferror(stdout)) {
		perror("ipvsblob: stdout");
		return 1;
	}
	return rc;
}
