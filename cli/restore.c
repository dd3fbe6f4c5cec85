// SPDX-License-Identifier: GPL-2.0-or-later
/* restore.c: -R: every line validated first, then sent in batches, all or
 * nothing unless --best-effort. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cli/restore.h"
#include "cli/script.h"
#include "cli/table.h"

#define LOCK_FILE "/run/ipvsadm.lock"

/*
 * A restore is a list of segments: a batch of change requests, then at
 * most one command that is not a batched change (a listing, a daemon,
 * --set), run at its place in the input.
 */
struct segment {
	struct ipvs_batch *batch;
	unsigned int *lines; /* line number of each batched request */
	size_t num;
	size_t cap;
	struct cli_args *tail;
	unsigned int tail_line;
};

struct restore {
	struct segment *segs;
	size_t nsegs;
	size_t svcs; /* services and destinations added, for --test */
	size_t dests;
	long failures;
	bool timeouts_set;
};

static struct segment *cur_seg(struct restore *r)
{
	struct segment *s;

	if (r->nsegs && !r->segs[r->nsegs - 1].tail)
		return &r->segs[r->nsegs - 1];
	s = realloc(r->segs, (r->nsegs + 1) * sizeof(*s));
	if (!s)
		return NULL;
	r->segs = s;
	s = &r->segs[r->nsegs];
	memset(s, 0, sizeof(*s));
	s->batch = ipvs_batch_new();
	if (!s->batch)
		return NULL;
	r->nsegs++;
	return s;
}

static int queue(struct segment *s, unsigned int lineno, enum ipvs_op op,
		 const struct cli_args *a)
{
	const struct ipvs_service *svc = &a->svc;
	unsigned int *p;

	if (op == IPVS_OP_ZERO)
		svc = cli_zero_target(a);
	if (s->num == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		p = realloc(s->lines, s->cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		s->lines = p;
	}
	if (ipvs_batch_add(s->batch, op, svc, &a->dest) < 0)
		return -ENOMEM;
	s->lines[s->num++] = lineno;
	return 0;
}

static int add_line(unsigned int lineno, struct cli_args *a, void *arg)
{
	struct restore *r = arg;
	struct segment *s = cur_seg(r);
	enum ipvs_op op = script_change_op(a);

	if (!s)
		goto nomem;
	r->svcs += op == IPVS_OP_ADD_SERVICE;
	r->dests += op == IPVS_OP_ADD_DEST;
	if (op != IPVS_OP_COUNT && op != IPVS_OP_SET_TIMEOUT)
		return queue(s, lineno, op, a) ? EXIT_KERNEL : 0;
	s->tail = malloc(sizeof(*s->tail));
	if (!s->tail)
		goto nomem;
	*s->tail = *a;
	s->tail_line = lineno;
	r->timeouts_set |= a->cmd == CMD_TIMEOUT;
	return 0;
nomem:
	fprintf(stderr, "line %u: %s\n", lineno, strerror(ENOMEM));
	return EXIT_KERNEL;
}

static void free_restore(struct restore *r)
{
	size_t i;

	for (i = 0; i < r->nsegs; i++) {
		ipvs_batch_free(r->segs[i].batch);
		free(r->segs[i].lines);
		free(r->segs[i].tail);
	}
	free(r->segs);
}

struct report {
	const struct segment *seg;
	long failures;
};

static void report_error(size_t index, enum ipvs_op op, int err,
			 const char *ext_ack, void *arg)
{
	struct report *rep = arg;

	fprintf(stderr, "line %u: %s\n", rep->seg->lines[index],
		ipvs_strerror(op, err));
	rep->failures++;
}

/* Run the segments in order; stop at the first failure unless told not. */
static long run_segments(struct restore *r, bool best_effort)
{
	struct report rep = { 0 };
	size_t i;
	long n;

	for (i = 0; i < r->nsegs; i++) {
		rep.seg = &r->segs[i];
		n = ipvs_batch_run(r->segs[i].batch, report_error, &rep);
		if (n < 0) {
			fprintf(stderr, "%s\n", strerror((int)-n));
			return rep.failures + 1;
		}
		if (rep.failures && !best_effort)
			break;
		if (r->segs[i].tail) {
			fflush(stdout);
			if (cli_run(r->segs[i].tail) != 0)
				rep.failures++;
			fflush(stdout);
			if (rep.failures && !best_effort)
				break;
		}
	}
	return rep.failures;
}

/* Serialise restores and applies between processes. */
int restore_lock(void)
{
	int fd = open(LOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}

static int snapshot(struct restore_state *st)
{
	int r = ipvs_get_all(&st->table);

	if (!r)
		r = ipvs_get_timeout(&st->timeout);
	return r;
}

/* Undo: the plan from the table as it is now back to the snapshot. */
int restore_rollback(const struct restore_state *st, bool timeouts)
{
	struct ipvs_service_list now = { 0 };
	struct plan p = { 0 };
	long failed = -EINVAL;
	int r;

	r = ipvs_get_all(&now);
	if (!r)
		r = plan_build(&now, &st->table, &p);
	if (!r)
		failed = restore_apply_plan(&p, NULL, NULL);
	if (!r && timeouts)
		r = ipvs_set_timeout(&st->timeout);
	plan_free(&p);
	ipvs_free_services(&now);
	if (r || failed) {
		fprintf(stderr,
			"rollback failed: the table may differ from before\n");
		return -1;
	}
	return 0;
}

long restore_apply_plan(const struct plan *p, ipvs_batch_err_fn fn, void *arg)
{
	struct ipvs_batch *b = ipvs_batch_new();
	long r = 0;
	size_t i;

	if (!b)
		return -ENOMEM;
	for (i = 0; i < p->num && r >= 0; i++)
		r = ipvs_batch_add(b, p->steps[i].op, &p->steps[i].svc,
				   &p->steps[i].dest);
	if (r >= 0)
		r = ipvs_batch_run(b, fn, arg);
	ipvs_batch_free(b);
	return r;
}

static int test_only(const struct restore *r)
{
	printf("%zu services and %zu destinations would be added\n", r->svcs,
	       r->dests);
	return 0;
}

static int apply_restore(struct restore *r, const struct cli_args *a)
{
	struct restore_state st = { 0 };
	bool best_effort = a->options & OPTBIT(OPT_BEST_EFFORT);
	int lock, rc = 0;

	lock = restore_lock();
	if (!best_effort && snapshot(&st)) {
		fprintf(stderr,
			"cannot read the table to restore it on failure\n");
		rc = EXIT_KERNEL;
		goto out;
	}
	r->failures = run_segments(r, best_effort);
	if (r->failures) {
		rc = EXIT_KERNEL;
		if (!best_effort)
			restore_rollback(&st, r->timeouts_set);
	}
out:
	ipvs_free_services(&st.table);
	if (lock >= 0)
		close(lock);
	return rc;
}

int cli_restore(FILE *in, const struct cli_args *a)
{
	struct restore r = { 0 };
	int rc;

	rc = script_each(in, a->program, add_line, &r);
	if (!rc)
		rc = a->options & OPTBIT(OPT_TEST) ? test_only(&r) :
						     apply_restore(&r, a);
	fflush(stdout);
	free_restore(&r);
	return rc;
}
