// SPDX-License-Identifier: GPL-2.0-or-later
/* apply.c: --apply and --plan: make the live table equal to a file in -S
 * syntax, changing only what differs. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli/restore.h"
#include "cli/script.h"
#include "cli/table.h"

/* The file describes a table from nothing: build it in memory. */
static int model_line(unsigned int lineno, struct cli_args *a, void *arg)
{
	struct table *model = arg;
	enum ipvs_op op = script_change_op(a);
	int r;

	switch (op) {
	case IPVS_OP_ADD_SERVICE:
	case IPVS_OP_EDIT_SERVICE:
	case IPVS_OP_DEL_SERVICE:
	case IPVS_OP_FLUSH:
	case IPVS_OP_ADD_DEST:
	case IPVS_OP_EDIT_DEST:
	case IPVS_OP_DEL_DEST:
		break;
	default:
		fprintf(stderr,
			"line %u: only table changes belong in a table file\n",
			lineno);
		return EXIT_BAD_ARGS;
	}
	r = table_apply(model, op, &a->svc, &a->dest);
	if (r) {
		fprintf(stderr, "line %u: %s\n", lineno, ipvs_strerror(op, r));
		return EXIT_BAD_ARGS;
	}
	return 0;
}

static int read_model(const char *file, const char *program,
		      struct table *model)
{
	FILE *in = stdin;
	int r;

	if (strcmp(file, "-")) {
		in = fopen(file, "r");
		if (!in) {
			fprintf(stderr, "cannot open %s: %s\n", file,
				strerror(errno));
			return EXIT_LIST_FAIL;
		}
	}
	r = script_each(in, program, model_line, model);
	if (in != stdin)
		fclose(in);
	return r;
}

static int print_plan(const struct plan *p, bool numeric)
{
	size_t i;

	for (i = 0; i < p->num; i++)
		print_plan_step(stdout, p->steps[i].op, &p->steps[i].svc,
				&p->steps[i].dest, numeric);
	/* Like diff(1): 1 when there is something to change. */
	return p->num ? 1 : 0;
}

static void report_step(size_t index, enum ipvs_op op, int err,
			const char *ext_ack, void *arg)
{
	const struct plan *p = arg;

	fprintf(stderr, "apply: ");
	print_plan_step(stderr, op, &p->steps[index].svc, &p->steps[index].dest,
			true);
	fprintf(stderr, "apply: %s\n", ipvs_strerror(op, err));
}

static int apply_plan(const struct plan *p, const struct restore_state *st)
{
	long failed = restore_apply_plan(p, report_step, (void *)p);

	if (failed == 0)
		return 0;
	if (failed < 0)
		fprintf(stderr, "apply: %s\n", strerror((int)-failed));
	restore_rollback(st, false);
	return EXIT_KERNEL;
}

int cli_apply(const struct cli_args *a)
{
	struct table model = { 0 };
	struct restore_state st = { 0 };
	struct plan p = { 0 };
	int lock = -1, rc;

	rc = read_model(a->file, a->program, &model);
	if (rc)
		goto out;
	if (a->cmd == CMD_APPLY)
		lock = restore_lock();
	rc = ipvs_get_all(&st.table);
	if (rc) {
		fprintf(stderr, "%s\n",
			ipvs_strerror(IPVS_OP_GET_SERVICES, rc));
		rc = EXIT_LIST_FAIL;
		goto out;
	}
	rc = plan_build(&st.table, &model.list, &p);
	if (rc) {
		fprintf(stderr, "%s\n", strerror(-rc));
		rc = EXIT_KERNEL;
		goto out;
	}
	if (a->cmd == CMD_PLAN || (a->options & OPTBIT(OPT_TEST)))
		rc = print_plan(&p, true);
	else
		rc = apply_plan(&p, &st);
out:
	plan_free(&p);
	ipvs_free_services(&st.table);
	table_free(&model);
	if (lock >= 0)
		close(lock);
	return rc;
}
