// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz_cmdline.c: libFuzzer target for cli_parse on an argv made of the
 * input's NUL-separated words, as a command line and as a restore line. */
#include <stdlib.h>

#include "cli/cli.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet_stderr();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[FUZZ_MAX_ARGS + 1];
	struct cli_args a;
	struct cli_err e;
	char *buf;
	int argc = fuzz_argv(data, size, "ipvsadm", argv, &buf);

	if (argc < 0)
		return 0;
	/* popt may permute argv: give each parse a fresh copy. */
	cli_parse(argc, argv, false, &a, &e);
	free(buf);
	argc = fuzz_argv(data, size, "ipvsadm", argv, &buf);
	if (argc < 0)
		return 0;
	cli_parse(argc, argv, true, &a, &e);
	free(buf);
	return 0;
}
