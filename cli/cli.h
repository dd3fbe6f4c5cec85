// SPDX-License-Identifier: GPL-2.0-or-later
/* cli.h: the parsed ipvsadm command line and the functions that act on it. */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "libipvs/libipvs.h"
#include "cli/print.h"

/* Commands, in the order of ipvsadm 1.31's option matrix rows. */
enum cli_cmd {
	CMD_NONE = -1,
	CMD_ADD,
	CMD_EDIT,
	CMD_DEL,
	CMD_FLUSH,
	CMD_LIST,
	CMD_ADDDEST,
	CMD_DELDEST,
	CMD_EDITDEST,
	CMD_TIMEOUT,
	CMD_STARTDAEMON,
	CMD_STOPDAEMON,
	CMD_RESTORE,
	CMD_SAVE,
	CMD_ZERO,
	/* Ours, not in 1.31. */
	CMD_APPLY,
	CMD_PLAN,
	CMD_MATRIX_ROWS,
	/* Not in the matrix: answered before any check. */
	CMD_HELP = CMD_MATRIX_ROWS,
	CMD_VERSION,
};

/* Option bits, in the order of the matrix columns and of their names. */
enum cli_opt {
	OPT_NUMERIC,
	OPT_CONNECTION,
	OPT_SERVICE,
	OPT_SCHEDULER,
	OPT_PERSISTENT,
	OPT_NETMASK,
	OPT_SERVER,
	OPT_FORWARD,
	OPT_WEIGHT,
	OPT_UTHRESHOLD,
	OPT_LTHRESHOLD,
	OPT_MCAST,
	OPT_TIMEOUT,
	OPT_DAEMON,
	OPT_STATS,
	OPT_RATE,
	OPT_THRESHOLDS,
	OPT_PERSISTENTCONN,
	OPT_NOSORT,
	OPT_SYNCID,
	OPT_EXACT,
	OPT_ONEPACKET,
	OPT_PERSISTENCE_ENGINE,
	OPT_SCHED_FLAGS,
	OPT_MCAST_GROUP,
	OPT_MCAST_PORT,
	OPT_MCAST_TTL,
	OPT_SYNC_MAXLEN,
	OPT_TUN_INFO,
	OPT_TUN_TYPE,
	OPT_TUN_PORT,
	OPT_TUN_NOCSUM,
	OPT_TUN_CSUM,
	OPT_TUN_REMCSUM,
	/* Ours, checked after all of 1.31's. */
	OPT_BEST_EFFORT,
	OPT_TEST,
	OPT_JSON,
	OPT_COUNT
};

#define OPTBIT(o) (1ULL << (o))

/* Exit codes of ipvsadm 1.31. */
#define EXIT_LIST_FAIL 1
#define EXIT_BAD_ARGS 2
#define EXIT_KERNEL 255

struct cli_args {
	enum cli_cmd cmd;
	uint64_t options; /* OPTBIT(OPT_*) of every option given */
	struct ipvs_service svc;
	struct ipvs_dest dest;
	struct ipvs_daemon daemon;
	struct ipvs_timeout timeout;
	struct list_opts list;
	const char *program; /* argv[0], for usage texts */
	const char *file; /* --apply / --plan FILE ("-": stdin) */
};

/* What a failed parse prints (to stderr) and the exit code it ends with. */
struct cli_err {
	int code;
	char msg[512];
};

/*
 * cli_parse - ipvsadm's command line into *a.  Returns 0, or the exit
 * code with e->msg holding the exact text 1.31 prints on stderr.  When
 * restoring, a nested -R is refused as 1.31 refuses it.
 */
int cli_parse(int argc, char **argv, bool restoring, struct cli_args *a,
	      struct cli_err *e);

/* cli_zero_target - the service -Z names, or NULL for every service. */
const struct ipvs_service *cli_zero_target(const struct cli_args *a);

/* cli_run - carry out a parsed command; returns the exit code. */
int cli_run(struct cli_args *a);

/*
 * cli_restore - -R: read every line of in, validate all, then apply them
 * all or nothing (a->options: --best-effort, --test); returns the exit code.
 */
int cli_restore(FILE *in, const struct cli_args *a);

/* cli_apply - --apply / --plan: make the table equal to a file. */
int cli_apply(const struct cli_args *a);

/*
 * cli_netns - take every --netns NAME out of argv and enter that network
 * namespace; returns 0 or the exit code after printing why it could not.
 */
int cli_netns(int *argc, char **argv);

/* Texts printed outside the parser (usage.c). */
void cli_print_usage(FILE *f, const char *program);
void cli_print_version(FILE *f);
void cli_format_tryhelp(char *buf, size_t len, const char *program);
void cli_print_init_error(FILE *f, int err);

#endif /* CLI_CLI_H */
