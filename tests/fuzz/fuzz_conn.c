// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz_conn.c: libFuzzer target for print_connections: the input is the
 * contents of /proc/net/ip_vs_conn; the listing goes to /dev/null. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>

#include "cli/print.h"
#include "tests/fuzz/fuzz.h"

/* print_connections opens a path: a memfd's, so no disk is involved. */
static char path[64];
static int mem_fd;
static FILE *out;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	mem_fd = memfd_create("ip_vs_conn", 0);
	if (mem_fd < 0) {
		perror("memfd_create");
		exit(1);
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", mem_fd);
	out = fopen("/dev/null", "w");
	if (!out) {
		perror("/dev/null");
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct list_opts opts[] = {
		{ .view = VIEW_DEFAULT, .numeric = true },
		{ .view = VIEW_PERSISTENT_CONN },
	};
	size_t i;

	if (ftruncate(mem_fd, 0) < 0 ||
	    (size && pwrite(mem_fd, data, size, 0) != (ssize_t)size))
		return 0;
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		print_connections(out, path, &opts[i]);
	return 0;
}
