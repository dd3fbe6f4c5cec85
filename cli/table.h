// SPDX-License-Identifier: GPL-2.0-or-later
/* table.h: an IPVS table held in memory, and the plan that turns one into
 * another. */
#ifndef CLI_TABLE_H
#define CLI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "libipvs/libipvs.h"

/*
 * Identity order: a strict, transitive order on what names a service (af,
 * fwmark or protocol + address + port) and a destination (af, address,
 * port).  Used for lookups, never for what the user sees.
 */
int table_svc_cmp(const struct ipvs_service *a, const struct ipvs_service *b);
int table_dest_cmp(const struct ipvs_dest *a, const struct ipvs_dest *b);

/* Same identity and same attributes (what -E / -e would change). */
bool table_svc_same(const struct ipvs_service *a, const struct ipvs_service *b);
bool table_dest_same(const struct ipvs_dest *a, const struct ipvs_dest *b);

/*
 * A table being built from a file: the services in an array, with a hash
 * index on their identity so that a 100,000-service file is read in
 * linear time.  Zero-initialised means empty.
 */
struct table {
	struct ipvs_service_list list;
	size_t cap; /* entries allocated */
	uint32_t *head; /* per bucket: entry index + 1, 0 for none */
	uint32_t *next; /* per entry: the next in its bucket, same code */
	size_t nbuckets; /* a power of two, or 0 before the first service */
};

/* Lookups; NULL when absent. */
struct ipvs_service_entry *table_find_svc(struct table *t,
					  const struct ipvs_service *svc);
struct ipvs_dest *table_find_dest(struct ipvs_service_entry *e,
				  const struct ipvs_dest *d);

/*
 * Changes to the model, with the kernel's answers: 0 or the negative errno
 * the kernel gives for the same request on the same table.
 */
int table_apply(struct table *t, enum ipvs_op op,
		const struct ipvs_service *svc, const struct ipvs_dest *d);
void table_free(struct table *t);

/* One request of a plan. */
struct plan_step {
	enum ipvs_op op;
	struct ipvs_service svc;
	struct ipvs_dest dest;
};

struct plan {
	struct plan_step *steps;
	size_t num;
	size_t cap;
};

/*
 * plan_build - the requests that make table from equal to table to, in an
 * order that never deletes a service that stays: new services with their
 * destinations, then per kept service its edit, new destinations, changed
 * destinations and only then removed ones; removed services last.
 */
int plan_build(const struct ipvs_service_list *from,
	       const struct ipvs_service_list *to, struct plan *p);
void plan_free(struct plan *p);

#endif /* CLI_TABLE_H */
