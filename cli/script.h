// SPDX-License-Identifier: GPL-2.0-or-later
/* script.h: reading ipvsadm command lines from a file, as -R and --apply
 * take them. */
#ifndef CLI_SCRIPT_H
#define CLI_SCRIPT_H

#include <stdio.h>

#include "cli/cli.h"

/*
 * script_each - read every line of in, tokenise it as 1.31's -R does
 * (blanks, no quoting, "ipvsadm" tokens dropped) plus '#' comments, and
 * parse it.  fn is called for each command line with its line number;
 * a non-zero return stops the walk and is returned.  A line that does not
 * parse is reported on stderr as "line N: <ipvsadm's text>" and gives 2.
 */
typedef int (*script_fn)(unsigned int lineno, struct cli_args *a, void *arg);

int script_each(FILE *in, const char *program, script_fn fn, void *arg);

/* The libipvs operation of a change command, or IPVS_OP_COUNT. */
enum ipvs_op script_change_op(const struct cli_args *a);

#endif /* CLI_SCRIPT_H */
