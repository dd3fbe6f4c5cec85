// SPDX-License-Identifier: GPL-2.0-or-later
/* restore.h: what -R and --apply share: the lock, the snapshot, rollback. */
#ifndef CLI_RESTORE_H
#define CLI_RESTORE_H

#include <stdbool.h>

#include "cli/cli.h"
#include "cli/table.h"

/* The table and timeouts as they were before a change began. */
struct restore_state {
	struct ipvs_service_list table;
	struct ipvs_timeout timeout;
};

/*
 * restore_lock - take the exclusive lock that serialises restores and
 * applies between processes; returns the fd to close, or -errno.
 */
int restore_lock(void);

/*
 * restore_apply_plan - send a plan's requests in one batch; returns the
 * number that failed (each reported through fn), or -errno.
 */
long restore_apply_plan(const struct plan *p, ipvs_batch_err_fn fn, void *arg);

/*
 * restore_rollback - bring the table (and, if asked, the timeouts) back to
 * st; prints and returns -1 if that fails.
 */
int restore_rollback(const struct restore_state *st, bool timeouts);

#endif /* CLI_RESTORE_H */
