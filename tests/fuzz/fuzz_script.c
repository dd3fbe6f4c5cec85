// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz_script.c: libFuzzer target for the restore reader: script_each over
 * the input as a file, with a callback that accepts every line. */
#include <stdio.h>

#include "cli/script.h"
#include "tests/fuzz/fuzz.h"

static int accept_line(unsigned int lineno, struct cli_args *a, void *arg)
{
	/* Touch what a real callback reads, so that ASan sees it. */
	return script_change_op(a) == IPVS_OP_COUNT && a->cmd < CMD_NONE;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet_stderr();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in;

	/* fmemopen refuses a zero size; an empty file is /dev/null. */
	in = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
	if (!in)
		return 0;
	script_each(in, "ipvsadm", accept_line, NULL);
	fclose(in);
	return 0;
}
