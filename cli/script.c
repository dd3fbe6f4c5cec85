// SPDX-License-Identifier: GPL-2.0-or-later
/* script.c: reading ipvsadm command lines from a file, as -R and --apply
 * take them: 1.31's tokeniser plus comments, with line numbers. */
#include <string.h>

#include "cli/script.h"

#define MAX_LINE 4096 /* 1.31's token buffer */
#define MAX_ARGS 256

/*
 * Blanks split tokens, nothing quotes, every "ipvsadm" token is dropped
 * wherever it stands (as in 1.31), and a token starting with '#' ends the
 * line (1.31 had no comments).
 */
static int tokenize(char *line, char **argv, int max)
{
	char *save = NULL, *tok;
	int argc = 1;

	for (tok = strtok_r(line, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (tok[0] == '#')
			break;
		if (!strcmp(tok, "ipvsadm"))
			continue;
		if (argc >= max - 1)
			return -1;
		argv[argc++] = tok;
	}
	argv[argc] = NULL;
	return argc;
}

static int line_error(unsigned int lineno, const char *msg)
{
	fprintf(stderr, "line %u: %s\n", lineno, msg);
	return EXIT_BAD_ARGS;
}

/*
 * One physical line, read byte by byte so that a NUL byte is seen (a
 * string function would silently cut the line there).  *len is the
 * line's length without its newline, even when the buffer cut it.
 */
static int read_line(FILE *in, char *buf, size_t size, size_t *len)
{
	size_t n = 0;
	int c, nul = 0;

	while ((c = getc_unlocked(in)) != EOF && c != '\n') {
		nul |= c == '\0';
		if (n + 1 < size)
			buf[n] = (char)c;
		n++;
	}
	if (n == 0 && c == EOF)
		return 0;
	buf[n < size ? n : size - 1] = '\0';
	*len = n;
	return nul ? -1 : 1;
}

static int parse_line(unsigned int lineno, char *line, const char *program,
		      script_fn fn, void *arg)
{
	char *argv[MAX_ARGS];
	struct cli_args a;
	struct cli_err e;
	int argc, r;
	size_t n;

	argv[0] = (char *)program;
	argc = tokenize(line, argv, MAX_ARGS);
	if (argc < 0)
		return line_error(lineno, "too many arguments");
	if (argc < 2)
		return 0;
	r = cli_parse(argc, argv, true, &a, &e);
	if (r) {
		n = strlen(e.msg);
		while (n && e.msg[n - 1] == '\n')
			e.msg[--n] = '\0';
		return line_error(lineno, e.msg);
	}
	return fn(lineno, &a, arg);
}

int script_each(FILE *in, const char *program, script_fn fn, void *arg)
{
	char line[MAX_LINE + 2];
	unsigned int lineno = 0;
	size_t len;
	int r;

	while ((r = read_line(in, line, sizeof(line), &len)) != 0) {
		lineno++;
		if (r < 0)
			return line_error(lineno, "NUL byte in input");
		if (len > MAX_LINE)
			return line_error(lineno,
					  "line longer than 4096 bytes");
		r = parse_line(lineno, line, program, fn, arg);
		if (r)
			return r;
	}
	if (ferror(in))
		return line_error(lineno + 1, "read error");
	return 0;
}

enum ipvs_op script_change_op(const struct cli_args *a)
{
	static const enum ipvs_op ops[CMD_MATRIX_ROWS] = {
		[CMD_ADD] = IPVS_OP_ADD_SERVICE,
		[CMD_EDIT] = IPVS_OP_EDIT_SERVICE,
		[CMD_DEL] = IPVS_OP_DEL_SERVICE,
		[CMD_FLUSH] = IPVS_OP_FLUSH,
		[CMD_LIST] = IPVS_OP_COUNT,
		[CMD_ADDDEST] = IPVS_OP_ADD_DEST,
		[CMD_DELDEST] = IPVS_OP_DEL_DEST,
		[CMD_EDITDEST] = IPVS_OP_EDIT_DEST,
		[CMD_TIMEOUT] = IPVS_OP_SET_TIMEOUT,
		[CMD_STARTDAEMON] = IPVS_OP_COUNT,
		[CMD_STOPDAEMON] = IPVS_OP_COUNT,
		[CMD_RESTORE] = IPVS_OP_COUNT,
		[CMD_SAVE] = IPVS_OP_COUNT,
		[CMD_ZERO] = IPVS_OP_ZERO,
		[CMD_APPLY] = IPVS_OP_COUNT,
		[CMD_PLAN] = IPVS_OP_COUNT,
	};

	if (a->cmd < 0 || a->cmd >= CMD_MATRIX_ROWS)
		return IPVS_OP_COUNT;
	return ops[a->cmd];
}
