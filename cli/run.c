// SPDX-License-Identifier: GPL-2.0-or-later
/* run.c: carries out a parsed command through libipvs and prints results. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"

#define CONN_FILE "/proc/net/ip_vs_conn"

/* A kernel failure: 1.31 prints the context-sensitive text, exits 255. */
static int kernel_fail(enum ipvs_op op, int err)
{
	fprintf(stderr, "%s\n", ipvs_strerror(op, err));
	return EXIT_KERNEL;
}

static int list_fail(enum ipvs_op op, int err)
{
	fprintf(stderr, "%s\n", ipvs_strerror(op, err));
	return EXIT_LIST_FAIL;
}

static int list_one(struct cli_args *a)
{
	struct ipvs_service_entry e = { .svc = a->svc };
	int r;

	r = ipvs_get_service(&e.svc);
	if (r)
		return list_fail(IPVS_OP_GET_SERVICE, r);
	r = ipvs_get_dests(&e.svc, &e.dests, &e.num_dests);
	if (r)
		return list_fail(IPVS_OP_GET_DESTS, r);
	if (!a->list.nosort)
		r = sort_dests(e.dests, e.num_dests);
	if (r) {
		free(e.dests);
		return list_fail(IPVS_OP_GET_DESTS, r);
	}
	print_list_begin(stdout, NULL, a->list.view);
	print_service_entry(stdout, &e, &a->list);
	print_list_end(stdout);
	free(e.dests);
	return 0;
}

/*
 * The whole table; save is the same walk in restore syntax, always sorted.
 * Each service's destinations are fetched when it is printed, into
 * libipvs's reused array, as 1.31 fetches them: a listing of 100,000
 * services never holds them all, and the first lines appear before the
 * last dump.
 */
static int list_all(struct cli_args *a, bool save)
{
	struct ipvs_service_list l = { 0 };
	struct ipvs_service_entry *e;
	enum ipvs_op failed = IPVS_OP_GET_SERVICES;
	struct ipvs_info info;
	size_t i;
	int r;

	if (!save) {
		r = ipvs_get_info(&info);
		if (r)
			return list_fail(IPVS_OP_GET_INFO, r);
	}
	/* Only these views print counters (JSON always carries them). */
	ipvs_want_stats(!save && (a->list.view == VIEW_STATS ||
				  a->list.view == VIEW_RATE || out_json()));
	r = ipvs_get_services(&l);
	if (r)
		goto out;
	if (save || !a->list.nosort)
		r = sort_services(&l);
	if (r)
		goto out;
	if (!save)
		print_list_begin(stdout, &info, a->list.view);
	failed = IPVS_OP_GET_DESTS;
	for (i = 0; i < l.num && !r; i++) {
		e = &l.entries[i];
		r = ipvs_get_dests_scratch(&e->svc, &e->dests, &e->num_dests);
		if (!r && (save || !a->list.nosort))
			r = sort_dests(e->dests, e->num_dests);
		if (!r && save)
			print_save_entry(stdout, e, a->list.numeric);
		else if (!r)
			print_service_entry(stdout, e, &a->list);
		/* libipvs's array: ipvs_free_services() must not see it. */
		e->dests = NULL;
		e->num_dests = 0;
	}
	if (r)
		goto out;
	if (!save)
		print_list_end(stdout);
out:
	ipvs_want_stats(true);
	ipvs_free_services(&l);
	return r ? list_fail(failed, r) : 0;
}

static int list_daemons(void)
{
	struct ipvs_daemon d[2];
	size_t n = 0, i;

	if (ipvs_get_daemons(d, &n))
		return EXIT_LIST_FAIL;
	out_open_object(stdout, NULL);
	out_open_array(stdout, "daemons");
	for (i = 0; i < n; i++)
		print_daemon(stdout, &d[i]);
	out_close_array(stdout);
	out_close_object(stdout);
	out_end_document(stdout);
	return 0;
}

static int list(struct cli_args *a)
{
	struct ipvs_timeout t;

	if (a->options & OPTBIT(OPT_CONNECTION)) {
		int r = print_connections(stdout, CONN_FILE, &a->list);

		if (r == -1)
			fprintf(stderr, "cannot open file %s\n", CONN_FILE);
		else if (r < 0)
			fprintf(stderr, "unexpected input from %s\n",
				CONN_FILE);
		return r ? EXIT_LIST_FAIL : 0;
	}
	if (a->options & OPTBIT(OPT_TIMEOUT)) {
		if (ipvs_get_timeout(&t))
			return EXIT_LIST_FAIL;
		print_timeout(stdout, &t);
		return 0;
	}
	if (a->options & OPTBIT(OPT_DAEMON))
		return list_daemons();
	if (a->options & OPTBIT(OPT_SERVICE))
		return list_one(a);
	return list_all(a, false);
}

const struct ipvs_service *cli_zero_target(const struct cli_args *a)
{
	return a->options & OPTBIT(OPT_SERVICE) ? &a->svc : NULL;
}

/* Change commands: one libipvs call each, checked the same way. */
static int change(struct cli_args *a)
{
	int r;
	enum ipvs_op op;

	switch (a->cmd) {
	case CMD_ADD:
		op = IPVS_OP_ADD_SERVICE;
		r = ipvs_add_service(&a->svc);
		break;
	case CMD_EDIT:
		op = IPVS_OP_EDIT_SERVICE;
		r = ipvs_edit_service(&a->svc);
		break;
	case CMD_DEL:
		op = IPVS_OP_DEL_SERVICE;
		r = ipvs_del_service(&a->svc);
		break;
	case CMD_FLUSH:
		op = IPVS_OP_FLUSH;
		r = ipvs_flush();
		break;
	case CMD_ADDDEST:
		op = IPVS_OP_ADD_DEST;
		r = ipvs_add_dest(&a->svc, &a->dest);
		break;
	case CMD_EDITDEST:
		op = IPVS_OP_EDIT_DEST;
		r = ipvs_edit_dest(&a->svc, &a->dest);
		break;
	case CMD_DELDEST:
		op = IPVS_OP_DEL_DEST;
		r = ipvs_del_dest(&a->svc, &a->dest);
		break;
	case CMD_ZERO:
		op = IPVS_OP_ZERO;
		r = ipvs_zero(cli_zero_target(a));
		break;
	case CMD_TIMEOUT:
		op = IPVS_OP_SET_TIMEOUT;
		r = ipvs_set_timeout(&a->timeout);
		break;
	case CMD_STARTDAEMON:
		op = IPVS_OP_START_DAEMON;
		r = ipvs_start_daemon(&a->daemon);
		break;
	case CMD_STOPDAEMON:
		op = IPVS_OP_STOP_DAEMON;
		r = ipvs_stop_daemon(&a->daemon);
		break;
	default:
		return EXIT_BAD_ARGS;
	}
	return r ? kernel_fail(op, r) : 0;
}

int cli_run(struct cli_args *a)
{
	switch (a->cmd) {
	case CMD_HELP:
		cli_print_usage(stdout, a->program);
		return 0;
	case CMD_VERSION:
		cli_print_version(stdout);
		return 0;
	case CMD_LIST:
		out_set_json(a->options & OPTBIT(OPT_JSON));
		return list(a);
	case CMD_SAVE:
		return list_all(a, true);
	case CMD_RESTORE:
		return cli_restore(stdin, a);
	case CMD_APPLY:
	case CMD_PLAN:
		return cli_apply(a);
	default:
		return change(a);
	}
}
