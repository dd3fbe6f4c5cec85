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
	enum ipvs_op op = script_change_op(a);
	struct ipvs_msg_args m = { .svc = &a->svc, .dest = &a->dest };
	uint8_t buf[IPVS_MSG_MAX];
	int len;

	(void)arg;
	if (op == IPVS_OP_COUNT || op == IPVS_OP_SET_TIMEOUT) {
		fprintf(stderr, "ipvsblob: line %u: not a batched change\n",
			lineno);
		return 2;
	}
	if (op == IPVS_OP_ZERO)
		m.svc = cli_zero_target(a);
	len = ipvs_msg_write(buf, sizeof(buf), 0, op, &m);
	if (len < 0) {
		fprintf(stderr, "ipvsblob: line %u: %s\n", lineno,
			strerror(-len));
		return 2;
	}
	fwrite(buf, 1, (size_t)len, stdout);
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
