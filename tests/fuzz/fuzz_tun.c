// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz_tun.c: libFuzzer target for tun_parse on an argv made of the
 * input's NUL-separated words. */
#include <stdlib.h>

#include "tunctl/tun_int.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[FUZZ_MAX_ARGS + 1];
	struct tun_args a;
	char err[256];
	char *buf;
	int argc = fuzz_argv(data, size, "tun", argv, &buf);

	if (argc < 0)
		return 0;
	tun_parse(argc, argv, &a, err, sizeof(err));
	free(buf);
	return 0;
}
