// SPDX-License-Identifier: GPL-2.0-or-later
/* table.c: an IPVS table in memory: lookups, kernel-like changes, and the
 * plan of requests that turns one table into another. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/table.h"

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)
#define SVC_USER_FLAGS (~(uint32_t)IPVS_SVC_F_HASHED)

static int addr_cmp(const union ipvs_addr *a, const union ipvs_addr *b)
{
	return memcmp(a, b, sizeof(*a));
}

int table_svc_cmp(const struct ipvs_service *a, const struct ipvs_service *b)
{
	int r = CMP(a->af, b->af);

	if (!r)
		r = CMP(a->fwmark, b->fwmark);
	if (!r && !a->fwmark)
		r = CMP(a->protocol, b->protocol);
	if (!r && !a->fwmark)
		r = addr_cmp(&a->addr, &b->addr);
	if (!r && !a->fwmark)
		r = CMP(a->port, b->port);
	return r;
}

int table_dest_cmp(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	int r = CMP(a->af, b->af);

	if (!r)
		r = addr_cmp(&a->addr, &b->addr);
	if (!r)
		r = CMP(a->port, b->port);
	return r;
}

bool table_svc_same(const struct ipvs_service *a, const struct ipvs_service *b)
{
	return !table_svc_cmp(a, b) &&
	       !strncmp(a->sched_name, b->sched_name, sizeof(a->sched_name)) &&
	       !strncmp(a->pe_name, b->pe_name, sizeof(a->pe_name)) &&
	       (a->flags & SVC_USER_FLAGS) == (b->flags & SVC_USER_FLAGS) &&
	       a->timeout == b->timeout && a->netmask == b->netmask;
}

/* The kernel reports a local real server as Local; it was asked for -g. */
static uint32_t fwd_of(const struct ipvs_dest *d)
{
	uint32_t f = d->conn_flags & 7;

	return f == IPVS_FWD_LOCAL ? IPVS_FWD_ROUTE : f;
}

bool table_dest_same(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	bool tun = fwd_of(a) == IPVS_FWD_TUNNEL;

	return !table_dest_cmp(a, b) && fwd_of(a) == fwd_of(b) &&
	       a->weight == b->weight && a->u_threshold == b->u_threshold &&
	       a->l_threshold == b->l_threshold &&
	       (!tun ||
		(a->tun_type == b->tun_type && a->tun_port == b->tun_port &&
		 a->tun_flags == b->tun_flags));
}

/* FNV-1a over exactly what table_svc_cmp() compares. */
static uint32_t svc_hash(const struct ipvs_service *s)
{
	const uint8_t *p;
	uint32_t h = 2166136261u;
	uint32_t key[3] = { s->af, s->fwmark, s->fwmark ? 0 : s->protocol };
	size_t i;

	for (p = (const uint8_t *)key, i = 0; i < sizeof(key); i++)
		h = (h ^ p[i]) * 16777619u;
	if (s->fwmark)
		return h;
	for (p = (const uint8_t *)&s->addr, i = 0; i < sizeof(s->addr); i++)
		h = (h ^ p[i]) * 16777619u;
	return ((h ^ (s->port & 0xff)) * 16777619u ^ (s->port >> 8)) *
	       16777619u;
}

static uint32_t *bucket_of(struct table *t, const struct ipvs_service *s)
{
	return &t->head[svc_hash(s) & (t->nbuckets - 1)];
}

struct ipvs_service_entry *table_find_svc(struct table *t,
					  const struct ipvs_service *svc)
{
	uint32_t i;

	if (!t->nbuckets)
		return NULL;
	for (i = *bucket_of(t, svc); i; i = t->next[i - 1])
		if (!table_svc_cmp(&t->list.entries[i - 1].svc, svc))
			return &t->list.entries[i - 1];
	return NULL;
}

struct ipvs_dest *table_find_dest(struct ipvs_service_entry *e,
				  const struct ipvs_dest *d)
{
	size_t i;

	for (i = 0; i < e->num_dests; i++)
		if (!table_dest_cmp(&e->dests[i], d))
			return &e->dests[i];
	return NULL;
}

/* Room for one more element in an array grown by doubling. */
static int grow(void **arr, size_t num, size_t *cap, size_t size)
{
	size_t ncap;
	void *p;

	if (num < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	p = realloc(*arr, ncap * size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* A dest as the kernel keeps it: with its family filled in. */
static struct ipvs_dest dest_for(const struct ipvs_service *svc,
				 const struct ipvs_dest *d)
{
	struct ipvs_dest r = *d;

	if (!r.af)
		r.af = svc->af;
	return r;
}

static int add_dest(struct ipvs_service_entry *e, const struct ipvs_dest *d)
{
	/* Lists from the kernel have no spare room: count it exactly. */
	struct ipvs_dest *p;

	p = realloc(e->dests, (e->num_dests + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	e->dests = p;
	e->dests[e->num_dests++] = dest_for(&e->svc, d);
	return 0;
}

static int apply_dest(struct table *t, enum ipvs_op op,
		      const struct ipvs_service *svc, const struct ipvs_dest *d)
{
	struct ipvs_service_entry *e = table_find_svc(t, svc);
	struct ipvs_dest key, *cur;

	if (!e)
		return -ESRCH;
	key = dest_for(svc, d);
	cur = table_find_dest(e, &key);
	if (op == IPVS_OP_ADD_DEST)
		return cur ? -EEXIST : add_dest(e, &key);
	if (!cur)
		return -ENOENT;
	if (op == IPVS_OP_EDIT_DEST) {
		*cur = key;
		return 0;
	}
	*cur = e->dests[--e->num_dests];
	return 0;
}

/* Index every entry again, into nbuckets buckets. */
static void rehash(struct table *t)
{
	uint32_t *b;
	size_t i;

	memset(t->head, 0, t->nbuckets * sizeof(*t->head));
	for (i = 0; i < t->list.num; i++) {
		b = bucket_of(t, &t->list.entries[i].svc);
		t->next[i] = *b;
		*b = (uint32_t)i + 1;
	}
}

/* Room for one more service; the index grows with the array. */
static int reserve_svc(struct table *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 64;
	void *p;

	if (t->list.num < t->cap)
		return 0;
	if (ncap > UINT32_MAX - 1)
		return -ENOMEM;
	p = realloc(t->list.entries, ncap * sizeof(*t->list.entries));
	if (!p)
		return -ENOMEM;
	t->list.entries = p;
	p = realloc(t->next, ncap * sizeof(*t->next));
	if (!p)
		return -ENOMEM;
	t->next = p;
	p = realloc(t->head, ncap * sizeof(*t->head));
	if (!p)
		return -ENOMEM;
	t->head = p;
	t->cap = ncap;
	t->nbuckets = ncap;
	rehash(t);
	return 0;
}

static int add_svc(struct table *t, const struct ipvs_service *svc)
{
	struct ipvs_service_entry *e;
	uint32_t *b;
	int r;

	if (table_find_svc(t, svc))
		return -EEXIST;
	r = reserve_svc(t);
	if (r)
		return r;
	e = &t->list.entries[t->list.num];
	memset(e, 0, sizeof(*e));
	e->svc = *svc;
	b = bucket_of(t, svc);
	t->next[t->list.num] = *b;
	*b = (uint32_t)++t->list.num;
	return 0;
}

/* Unlink entry index i (code i + 1) from the bucket of its service. */
static void unlink_entry(struct table *t, size_t i)
{
	uint32_t *p = bucket_of(t, &t->list.entries[i].svc);

	while (*p != i + 1)
		p = &t->next[*p - 1];
	*p = t->next[i];
}

/* The last entry moves into the hole, so the array stays dense. */
static void del_svc(struct table *t, struct ipvs_service_entry *e)
{
	size_t i = (size_t)(e - t->list.entries), last = t->list.num - 1;
	uint32_t *p;

	unlink_entry(t, i);
	free(e->dests);
	if (i != last) {
		p = bucket_of(t, &t->list.entries[last].svc);
		while (*p != last + 1)
			p = &t->next[*p - 1];
		*p = (uint32_t)i + 1;
		t->next[i] = t->next[last];
		*e = t->list.entries[last];
	}
	t->list.num--;
}

static void clear(struct table *t)
{
	size_t i;

	for (i = 0; i < t->list.num; i++)
		free(t->list.entries[i].dests);
	t->list.num = 0;
	if (t->nbuckets)
		memset(t->head, 0, t->nbuckets * sizeof(*t->head));
}

void table_free(struct table *t)
{
	clear(t);
	free(t->list.entries);
	free(t->head);
	free(t->next);
	memset(t, 0, sizeof(*t));
}

int table_apply(struct table *t, enum ipvs_op op,
		const struct ipvs_service *svc, const struct ipvs_dest *d)
{
	struct ipvs_service_entry *e;

	switch (op) {
	case IPVS_OP_ADD_SERVICE:
		return add_svc(t, svc);
	case IPVS_OP_FLUSH:
		clear(t);
		return 0;
	case IPVS_OP_ADD_DEST:
	case IPVS_OP_EDIT_DEST:
	case IPVS_OP_DEL_DEST:
		return apply_dest(t, op, svc, d);
	case IPVS_OP_ZERO:
		return svc && !table_find_svc(t, svc) ? -ESRCH : 0;
	case IPVS_OP_EDIT_SERVICE:
	case IPVS_OP_DEL_SERVICE:
		break;
	default:
		return 0;
	}
	e = table_find_svc(t, svc);
	if (!e)
		return -ESRCH;
	if (op == IPVS_OP_EDIT_SERVICE)
		e->svc = *svc; /* same identity: the bucket stays */
	else
		del_svc(t, e);
	return 0;
}

static int push(struct plan *p, enum ipvs_op op, const struct ipvs_service *s,
		const struct ipvs_dest *d)
{
	struct plan_step *st;
	int r = grow((void **)&p->steps, p->num, &p->cap, sizeof(*p->steps));

	if (r)
		return r;
	st = &p->steps[p->num++];
	memset(st, 0, sizeof(*st));
	st->op = op;
	st->svc = *s;
	/* What the kernel reports but must not be sent back: a service
	 * asked to be created "hashed" is never hashed, and Local is the
	 * kernel's name for a -g destination on this host. */
	st->svc.flags &= ~(uint32_t)IPVS_SVC_F_HASHED;
	if (d) {
		st->dest = *d;
		st->dest.conn_flags = fwd_of(d);
	}
	return 0;
}

/* Sorted views, so that matching is a merge and not a quadratic search. */
static int cmp_entry_ptr(const void *a, const void *b)
{
	const struct ipvs_service_entry *const *x = a, *const *y = b;

	return table_svc_cmp(&(*x)->svc, &(*y)->svc);
}

static int cmp_dest_ptr(const void *a, const void *b)
{
	const struct ipvs_dest *const *x = a, *const *y = b;

	return table_dest_cmp(*x, *y);
}

static void *sorted_ptrs(const void *base, size_t num, size_t size,
			 int (*cmp)(const void *, const void *))
{
	const char **v = malloc((num ? num : 1) * sizeof(*v));
	size_t i;

	if (!v)
		return NULL;
	for (i = 0; i < num; i++)
		v[i] = (const char *)base + i * size;
	qsort(v, num, sizeof(*v), cmp);
	return v;
}

/* Destination steps for a kept service: adds, edits, then deletes. */
static int plan_dests(const struct ipvs_service_entry *from,
		      const struct ipvs_service_entry *to, struct plan *p)
{
	const struct ipvs_dest **a, **b;
	size_t i, j, pass;
	int r = -ENOMEM, c;

	a = sorted_ptrs(from->dests, from->num_dests, sizeof(*from->dests),
			cmp_dest_ptr);
	b = sorted_ptrs(to->dests, to->num_dests, sizeof(*to->dests),
			cmp_dest_ptr);
	if (!a || !b)
		goto out;
	r = 0;
	for (pass = 0; pass < 3 && !r; pass++) {
		for (i = j = 0;
		     !r && (i < from->num_dests || j < to->num_dests);) {
			c = i == from->num_dests ? 1 :
			    j == to->num_dests	 ? -1 :
						   table_dest_cmp(a[i], b[j]);
			if (c > 0 && pass == 0)
				r = push(p, IPVS_OP_ADD_DEST, &to->svc, b[j]);
			else if (c == 0 && pass == 1 &&
				 !table_dest_same(a[i], b[j]))
				r = push(p, IPVS_OP_EDIT_DEST, &to->svc, b[j]);
			else if (c < 0 && pass == 2)
				r = push(p, IPVS_OP_DEL_DEST, &from->svc, a[i]);
			i += c <= 0;
			j += c >= 0;
		}
	}
out:
	free(a);
	free(b);
	return r;
}

static int plan_new_svc(const struct ipvs_service_entry *e, struct plan *p)
{
	size_t k;
	int r = push(p, IPVS_OP_ADD_SERVICE, &e->svc, NULL);

	for (k = 0; !r && k < e->num_dests; k++)
		r = push(p, IPVS_OP_ADD_DEST, &e->svc, &e->dests[k]);
	return r;
}

int plan_build(const struct ipvs_service_list *from,
	       const struct ipvs_service_list *to, struct plan *p)
{
	const struct ipvs_service_entry **a, **b;
	size_t i, j;
	int r = -ENOMEM, c;

	memset(p, 0, sizeof(*p));
	a = sorted_ptrs(from->entries, from->num, sizeof(*from->entries),
			cmp_entry_ptr);
	b = sorted_ptrs(to->entries, to->num, sizeof(*to->entries),
			cmp_entry_ptr);
	if (!a || !b)
		goto out;
	r = 0;
	for (i = j = 0; !r && (i < from->num || j < to->num);) {
		c = i == from->num ? 1 :
		    j == to->num   ? -1 :
				     table_svc_cmp(&a[i]->svc, &b[j]->svc);
		if (c > 0) {
			r = plan_new_svc(b[j], p);
		} else if (c == 0) {
			if (!table_svc_same(&a[i]->svc, &b[j]->svc))
				r = push(p, IPVS_OP_EDIT_SERVICE, &b[j]->svc,
					 NULL);
			if (!r)
				r = plan_dests(a[i], b[j], p);
		}
		i += c <= 0;
		j += c >= 0;
	}
	/* Deletions last: every service that stays is complete by then. */
	for (i = j = 0; !r && i < from->num;) {
		c = j == to->num ? -1 : table_svc_cmp(&a[i]->svc, &b[j]->svc);
		if (c < 0)
			r = push(p, IPVS_OP_DEL_SERVICE, &a[i]->svc, NULL);
		i += c <= 0;
		j += c >= 0;
	}
out:
	free(a);
	free(b);
	if (r)
		plan_free(p);
	return r;
}

void plan_free(struct plan *p)
{
	free(p->steps);
	memset(p, 0, sizeof(*p));
}
