// SPDX-License-Identifier: GPL-2.0-or-later
/* script.c: reading ipvsadm command lines from a file, as -R and --apply
 * take them: 1.31's tokeniser plus comments, with line numbers. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cli/script.h"

#define MAX_LINE 4096 /* 1.31's token buffer */
#define MAX_ARGS 256

/*
 * Blanks split tokens, nothing quotes, every "ipvsadm" token is dropped
 * wherever it stands (as in 1.31), and a token starting with '#' ends the
 * line (1.31 had no comments).
 */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int tokenize(char *line, char **argv, int max)
{
	char *tok = line;
	int argc = 1;

	/* Plain loops: strspn()'s vector setup costs more on short words. */
	for (;;) {
		while (is_blank(*tok))
			tok++;
		if (!*tok || tok[0] == '#')
			break;
		for (line = tok; *line && !is_blank(*line); line++)
			;
		if (*line)
			*line++ = '\0';
		if (tok[0] != 'i' || strcmp(tok, "ipvsadm")) {
			if (argc >= max - 1)
				return -1;
			argv[argc++] = tok;
		}
		tok = line;
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
 * One physical line without its newline; -1 if it holds a NUL byte (a
 * string function would silently cut the line there), 0 at the end.
 */
static ssize_t read_line(FILE *in, char **buf, size_t *cap)
{
	ssize_t n = getline(buf, cap, in);

	if (n <= 0)
		return 0;
	if ((*buf)[n - 1] == '\n')
		(*buf)[--n] = '\0';
	return memchr(*buf, '\0', (size_t)n) ? -1 : n + 1;
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
	unsigned int lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int r = 0;

	while (!r && (n = read_line(in, &line, &cap)) != 0) {
		lineno++;
		if (n < 0)
			r = line_error(lineno, "NUL byte in input");
		else if (n - 1 > MAX_LINE)
			r = line_error(lineno, "line longer than 4096 bytes");
		else
			r = parse_line(lineno, line, program, fn, arg);
	}
	free(line);
	if (!r && ferror(in))
		r = line_error(lineno + 1, "read error");
	return r;
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
