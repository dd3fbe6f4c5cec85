// SPDX-License-Identifier: GPL-2.0-or-later
/* restore.c: the -R loop: ipvsadm 1.31's tokeniser, one command a line. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define MAX_LINE 4096
#define MAX_ARGS 256

/*
 * Split a line as 1.31 does: on blanks, no quoting, and every token that
 * is exactly "ipvsadm" dropped wherever it stands.
 */
static int tokenize(char *line, char **argv, int max)
{
	char *save = NULL, *tok;
	int argc = 1;

	for (tok = strtok_r(line, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (!strcmp(tok, "ipvsadm"))
			continue;
		if (argc >= max - 1)
			break;
		argv[argc++] = tok;
	}
	argv[argc] = NULL;
	return argc;
}

/* Parse errors stop the restore; kernel errors do not; the last line's
 * status is the exit status, as in 1.31. */
int cli_restore(FILE *in, const char *program)
{
	char line[MAX_LINE + 2];
	char *argv[MAX_ARGS];
	struct cli_args a;
	struct cli_err e;
	int argc, r = 0;

	argv[0] = (char *)program;
	while (fgets(line, sizeof(line), in)) {
		argc = tokenize(line, argv, MAX_ARGS);
		if (argc < 2)
			continue;
		r = cli_parse(argc, argv, true, &a, &e);
		if (r) {
			fputs(e.msg, stderr);
			return r;
		}
		r = cli_run(&a);
		fflush(stdout);
	}
	return r;
}
