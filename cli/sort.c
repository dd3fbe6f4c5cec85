// SPDX-License-Identifier: GPL-2.0-or-later
/* sort.c: the listing order of ipvsadm 1.31, with its overflow fixed. */

#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli/print.h"

/*
 * 1.31 returned the difference of two unsigned keys as an int, so keys
 * 2^31 or more apart compared backwards (200.0.0.1 before 1.0.0.1) and
 * the order was not even transitive.  We compare the same fields, in the
 * same order, numerically: the result is 1.31's wherever it did not
 * overflow.
 *
 * Each entry's fields are packed once into a key of four 64-bit words that
 * compare in that order, with the entry's index in the low bits of the
 * last word; the keys are sorted and the entries moved once.  A comparison
 * callback reading the big entries cost a sixth of a 16,000-service save.
 */
struct sort_key {
	uint64_t k[4];
};

#define KEY_INDEX(key) ((uint32_t)(key)->k[3])

/* Host-order address words; an IPv4 address has one, the rest read 0. */
static void addr_words(int af, const union ipvs_addr *a, uint32_t w[4])
{
	int i;

	w[0] = ntohl(a->all[0]);
	for (i = 1; i < 4; i++)
		w[i] = af == AF_INET6 ? ntohl(a->all[i]) : 0;
}

/* fwmark, family, protocol, address words, port. */
static void svc_key(const struct ipvs_service *s, uint32_t idx,
		    struct sort_key *key)
{
	uint32_t w[4];

	addr_words(s->af, &s->addr, w);
	key->k[0] = (uint64_t)s->fwmark << 32 | (uint64_t)s->af << 16 |
		    s->protocol;
	key->k[1] = (uint64_t)w[0] << 32 | w[1];
	key->k[2] = (uint64_t)w[2] << 32 | w[3];
	key->k[3] = (uint64_t)s->port << 32 | idx;
}

/*
 * Address then port.  Tunnel destinations may mix families: the first
 * address word decides, then the family, then the remaining words.
 */
static void dest_key(const struct ipvs_dest *d, uint32_t idx,
		     struct sort_key *key)
{
	uint32_t w[4];

	addr_words(d->af, &d->addr, w);
	key->k[0] = (uint64_t)w[0] << 32 | d->af;
	key->k[1] = (uint64_t)w[1] << 32 | w[2];
	key->k[2] = (uint64_t)w[3] << 32 | d->port;
	key->k[3] = idx;
}

static bool key_lt(const struct sort_key *a, const struct sort_key *b)
{
	int i;

	for (i = 0; i < 3; i++)
		if (a->k[i] != b->k[i])
			return a->k[i] < b->k[i];
	return a->k[3] < b->k[3];
}

static void insertion_sort(struct sort_key *k, size_t n)
{
	struct sort_key t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		if (!key_lt(&k[i], &k[i - 1]))
			continue;
		t = k[i];
		for (j = i; j > 0 && key_lt(&t, &k[j - 1]); j--)
			k[j] = k[j - 1];
		k[j] = t;
	}
}

/*
 * Least significant byte first, one stable counting pass per key byte that
 * differs anywhere: six or so for a table of IPv4 services, where a merge
 * sort compared every key some log2(n) times.  The index bytes are only
 * carried: keys from different entries never tie above them.
 */
static void radix_pass(const struct sort_key *src, struct sort_key *dst,
		       size_t n, int word, int shift)
{
	size_t count[256] = { 0 }, pos = 0, c, i;
	unsigned int b;

	for (i = 0; i < n; i++)
		count[src[i].k[word] >> shift & 0xff]++;
	for (b = 0; b < 256; b++) {
		c = count[b];
		count[b] = pos;
		pos += c;
	}
	for (i = 0; i < n; i++)
		dst[count[src[i].k[word] >> shift & 0xff]++] = src[i];
}

static void sort_keys(struct sort_key *k, struct sort_key *tmp, size_t n)
{
	struct sort_key *src = k, *dst = tmp, *t;
	uint64_t diff[4] = { 0 };
	size_t i;
	int w, shift;

	for (i = 1; i < n; i++)
		for (w = 0; w < 4; w++)
			diff[w] |= k[i].k[w] ^ k[0].k[w];
	diff[3] &= ~(uint64_t)UINT32_MAX;
	for (w = 3; w >= 0; w--) {
		for (shift = 0; shift < 64; shift += 8) {
			if (!(diff[w] >> shift & 0xff))
				continue;
			radix_pass(src, dst, n, w, shift);
			t = src;
			src = dst;
			dst = t;
		}
	}
	if (src != k)
		memcpy(k, src, n * sizeof(*k));
}

/*
 * Move each entry to its sorted place, following the permutation's
 * cycles: every entry is copied once, plus one copy per cycle into tmp.
 */
static void permute(void *base, size_t size, struct sort_key *k, size_t n,
		    void *tmp)
{
	char *b = base;
	size_t i, j, from;

	for (i = 0; i < n; i++) {
		if (KEY_INDEX(&k[i]) == i)
			continue;
		memcpy(tmp, b + i * size, size);
		for (j = i; (from = KEY_INDEX(&k[j])) != i; j = from) {
			memcpy(b + j * size, b + from * size, size);
			k[j].k[3] = j;
		}
		memcpy(b + j * size, tmp, size);
		k[j].k[3] = j;
	}
}

/* Destinations are mostly a handful: their keys live on the stack. */
#define FEW_DESTS 16

int sort_dests(struct ipvs_dest *d, size_t n)
{
	struct sort_key few[FEW_DESTS], *k = few;
	struct ipvs_dest t;
	size_t i;

	if (n < 2)
		return 0;
	if (n > FEW_DESTS) {
		k = malloc(2 * n * sizeof(*k));
		if (!k)
			return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		dest_key(&d[i], (uint32_t)i, &k[i]);
	if (n > FEW_DESTS)
		sort_keys(k, k + n, n);
	else
		insertion_sort(k, n);
	permute(d, sizeof(*d), k, n, &t);
	if (k != few)
		free(k);
	return 0;
}

int sort_services(struct ipvs_service_list *l)
{
	struct ipvs_service_entry t;
	struct sort_key *k;
	size_t i;
	int err;

	if (l->num > 1) {
		k = malloc(2 * l->num * sizeof(*k));
		if (!k)
			return -ENOMEM;
		for (i = 0; i < l->num; i++)
			svc_key(&l->entries[i].svc, (uint32_t)i, &k[i]);
		sort_keys(k, k + l->num, l->num);
		permute(l->entries, sizeof(t), k, l->num, &t);
		free(k);
	}
	for (i = 0; i < l->num; i++) {
		err = sort_dests(l->entries[i].dests, l->entries[i].num_dests);
		if (err)
			return err;
	}
	return 0;
}
