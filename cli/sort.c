// SPDX-License-Identifier: GPL-2.0-or-later
/* sort.c: the listing order of ipvsadm 1.31, with its overflow fixed. */

#include <arpa/inet.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "cli/print.h"

/*
 * 1.31 returned the difference of two unsigned keys as an int, so keys
 * 2^31 or more apart compared backwards (200.0.0.1 before 1.0.0.1) and
 * the order was not even transitive.  We compare the same keys, in the same
 * order, numerically: the result is 1.31's wherever it did not overflow.
 */
static int cmp_u32(uint32_t a, uint32_t b)
{
	return (a > b) - (a < b);
}

/*
 * Addresses compare as host-order words: four for IPv6, one for IPv4.  A
 * mixed pair (tunnel destinations) compares its first words, then family.
 */
static int addr_cmp(int af_a, const union ipvs_addr *a, int af_b,
		    const union ipvs_addr *b)
{
	int words = af_a == AF_INET6 ? 4 : 1;
	int i, r;

	r = cmp_u32(ntohl(a->all[0]), ntohl(b->all[0]));
	if (r)
		return r;
	if (af_a != af_b)
		return cmp_u32((uint32_t)af_a, (uint32_t)af_b);
	for (i = 1; i < words; i++) {
		r = cmp_u32(ntohl(a->all[i]), ntohl(b->all[i]));
		if (r)
			return r;
	}
	return 0;
}

static int svc_cmp(const void *pa, const void *pb)
{
	const struct ipvs_service *a =
		&((const struct ipvs_service_entry *)pa)->svc;
	const struct ipvs_service *b =
		&((const struct ipvs_service_entry *)pb)->svc;
	int r;

	r = cmp_u32(a->fwmark, b->fwmark);
	if (!r)
		r = cmp_u32(a->af, b->af);
	if (!r)
		r = cmp_u32(a->protocol, b->protocol);
	if (!r)
		r = addr_cmp(a->af, &a->addr, b->af, &b->addr);
	if (!r)
		r = cmp_u32(a->port, b->port);
	return r;
}

static int dest_cmp(const void *pa, const void *pb)
{
	const struct ipvs_dest *a = pa;
	const struct ipvs_dest *b = pb;
	int r;

	r = addr_cmp(a->af, &a->addr, b->af, &b->addr);
	if (!r)
		r = cmp_u32(a->port, b->port);
	return r;
}

/*
 * A listing sorts each service's destinations, mostly a handful and
 * already in order: insertion sort there, where qsort's set-up cost more
 * than the sorting.  Keys are unique within a service, so both give the
 * same order.
 */
#define FEW_DESTS 16

static void insertion_sort(struct ipvs_dest *d, size_t n)
{
	struct ipvs_dest t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		if (dest_cmp(&d[i - 1], &d[i]) <= 0)
			continue;
		t = d[i];
		for (j = i; j > 0 && dest_cmp(&d[j - 1], &t) > 0; j--)
			d[j] = d[j - 1];
		d[j] = t;
	}
}

void sort_dests(struct ipvs_dest *d, size_t n)
{
	if (n <= FEW_DESTS)
		insertion_sort(d, n);
	else
		qsort(d, n, sizeof(*d), dest_cmp);
}

void sort_services(struct ipvs_service_list *l)
{
	size_t i;

	if (l->num > 1)
		qsort(l->entries, l->num, sizeof(l->entries[0]), svc_cmp);
	for (i = 0; i < l->num; i++)
		sort_dests(l->entries[i].dests, l->entries[i].num_dests);
}
