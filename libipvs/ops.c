// SPDX-License-Identifier: GPL-2.0-or-later
/* ops.c: the public libipvs API, composing request building and the socket. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libipvs/libipvs.h"
#include "libipvs/msg.h"
#include "libipvs/nl.h"

static struct {
	bool ready;
	struct ipvs_info info; /* fetched by ipvs_init(); it never changes */
} lib;

/* Grow *arr (of elem-sized items) so that it holds at least need items. */
static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem)
			return -ENOMEM;
		ncap *= 2;
	}
	p = realloc(*arr, ncap * elem);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

static int request(enum ipvs_op op, const struct ipvs_msg_args *a,
		   ipvs_nl_msg_fn fn, void *arg)
{
	uint32_t buf[IPVS_MSG_MAX / sizeof(uint32_t)];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int n;

	n = ipvs_msg_write(buf, sizeof(buf), ipvs_nl_family(), op, a);
	if (n < 0)
		return n;
	/* Listings ask for destinations once per service: the cheap way. */
	if (op == IPVS_OP_GET_DESTS)
		return ipvs_nl_dump_lean(h, fn, arg);
	return ipvs_nl_exec(h, fn, arg);
}

static int info_cb(struct nlmsghdr *nlh, void *arg)
{
	return ipvs_parse_info(nlh, arg);
}

int ipvs_init(void)
{
	int err;

	if (lib.ready)
		return 0;
	err = ipvs_nl_open();
	if (err)
		return err;
	/* Every IPVS command needs CAP_NET_ADMIN: this surfaces EPERM now. */
	err = request(IPVS_OP_GET_INFO, NULL, info_cb, &lib.info);
	if (err) {
		ipvs_nl_close();
		return err;
	}
	lib.ready = true;
	return 0;
}

void ipvs_close(void)
{
	ipvs_nl_close();
	lib.ready = false;
}

static int call(enum ipvs_op op, const struct ipvs_msg_args *a,
		ipvs_nl_msg_fn fn, void *arg)
{
	int err = ipvs_init();

	return err ? err : request(op, a, fn, arg);
}

int ipvs_get_info(struct ipvs_info *info)
{
	int err = ipvs_init();

	if (!err)
		*info = lib.info;
	return err;
}

static int svc_call(enum ipvs_op op, const struct ipvs_service *svc)
{
	struct ipvs_msg_args a = { .svc = svc };

	return call(op, &a, NULL, NULL);
}

int ipvs_add_service(const struct ipvs_service *svc)
{
	return svc_call(IPVS_OP_ADD_SERVICE, svc);
}

int ipvs_edit_service(const struct ipvs_service *svc)
{
	return svc_call(IPVS_OP_EDIT_SERVICE, svc);
}

int ipvs_del_service(const struct ipvs_service *svc)
{
	return svc_call(IPVS_OP_DEL_SERVICE, svc);
}

int ipvs_zero(const struct ipvs_service *svc)
{
	return svc_call(IPVS_OP_ZERO, svc);
}

int ipvs_flush(void)
{
	return svc_call(IPVS_OP_FLUSH, NULL);
}

static int dest_call(enum ipvs_op op, const struct ipvs_service *svc,
		     const struct ipvs_dest *d)
{
	struct ipvs_msg_args a = { .svc = svc, .dest = d };

	return call(op, &a, NULL, NULL);
}

int ipvs_add_dest(const struct ipvs_service *svc, const struct ipvs_dest *d)
{
	return dest_call(IPVS_OP_ADD_DEST, svc, d);
}

int ipvs_edit_dest(const struct ipvs_service *svc, const struct ipvs_dest *d)
{
	return dest_call(IPVS_OP_EDIT_DEST, svc, d);
}

int ipvs_del_dest(const struct ipvs_service *svc, const struct ipvs_dest *d)
{
	return dest_call(IPVS_OP_DEL_DEST, svc, d);
}

struct one_svc {
	struct ipvs_service svc;
	bool found;
};

static int one_svc_cb(struct nlmsghdr *nlh, void *arg)
{
	struct one_svc *o = arg;
	int err = ipvs_parse_service(nlh, &o->svc);

	o->found = !err;
	return err;
}

int ipvs_get_service(struct ipvs_service *svc)
{
	struct ipvs_msg_args a = { .svc = svc };
	struct one_svc o = { .found = false };
	int err;

	err = call(IPVS_OP_GET_SERVICE, &a, one_svc_cb, &o);
	if (!err && !o.found)
		err = -EINVAL;
	if (!err)
		*svc = o.svc;
	return err;
}

struct svc_list_ctx {
	struct ipvs_service_list *list;
	size_t cap;
};

static int svc_list_cb(struct nlmsghdr *nlh, void *arg)
{
	struct svc_list_ctx *c = arg;
	struct ipvs_service_list *l = c->list;
	struct ipvs_service_entry *e;
	int err;

	err = grow((void **)&l->entries, &c->cap, l->num + 1, sizeof(*e));
	if (err)
		return err;
	e = &l->entries[l->num];
	memset(e, 0, sizeof(*e));
	err = ipvs_parse_service(nlh, &e->svc);
	if (!err)
		l->num++;
	return err;
}

int ipvs_get_services(struct ipvs_service_list *list)
{
	struct svc_list_ctx c = { .list = list };
	int err;

	list->entries = NULL;
	list->num = 0;
	err = call(IPVS_OP_GET_SERVICES, NULL, svc_list_cb, &c);
	if (err)
		ipvs_free_services(list);
	return err;
}

struct dest_list_ctx {
	uint16_t af;
	struct ipvs_dest *dests;
	size_t num;
	size_t cap;
};

static int dest_list_cb(struct nlmsghdr *nlh, void *arg)
{
	struct dest_list_ctx *c = arg;
	int err;

	err = grow((void **)&c->dests, &c->cap, c->num + 1, sizeof(*c->dests));
	if (err)
		return err;
	err = ipvs_parse_dest(nlh, c->af, &c->dests[c->num]);
	if (!err)
		c->num++;
	return err;
}

/*
 * Destinations are parsed into one scratch array kept for the whole
 * process: listings read it in place, ipvs_get_dests() copies it out at
 * its exact size.  Growing a fresh array per service from 16 entries
 * (3.5 KiB) cost 350 MiB of RSS at 100,000 one-destination services.
 */
static struct dest_list_ctx scratch;

int ipvs_get_dests_scratch(const struct ipvs_service *svc,
			   struct ipvs_dest **dests, size_t *num)
{
	struct ipvs_msg_args a = { .svc = svc };
	int err;

	*dests = NULL;
	*num = 0;
	scratch.af = svc->af;
	scratch.num = 0;
	err = call(IPVS_OP_GET_DESTS, &a, dest_list_cb, &scratch);
	if (err || !scratch.num)
		return err;
	*dests = scratch.dests;
	*num = scratch.num;
	return 0;
}

int ipvs_get_dests(const struct ipvs_service *svc, struct ipvs_dest **dests,
		   size_t *num)
{
	struct ipvs_dest *d;
	int err;

	err = ipvs_get_dests_scratch(svc, &d, num);
	*dests = NULL;
	if (err || !*num)
		return err;
	*dests = malloc(*num * sizeof(*d));
	if (!*dests) {
		*num = 0;
		return -ENOMEM;
	}
	memcpy(*dests, d, *num * sizeof(*d));
	return 0;
}

int ipvs_get_all(struct ipvs_service_list *list)
{
	struct ipvs_service_entry *e;
	size_t i;
	int err;

	err = ipvs_get_services(list);
	for (i = 0; !err && i < list->num; i++) {
		e = &list->entries[i];
		err = ipvs_get_dests(&e->svc, &e->dests, &e->num_dests);
	}
	if (err)
		ipvs_free_services(list);
	return err;
}

void ipvs_free_services(struct ipvs_service_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; i < list->num; i++)
		free(list->entries[i].dests);
	free(list->entries);
	list->entries = NULL;
	list->num = 0;
}

static int timeout_cb(struct nlmsghdr *nlh, void *arg)
{
	return ipvs_parse_timeout(nlh, arg);
}

int ipvs_get_timeout(struct ipvs_timeout *t)
{
	memset(t, 0, sizeof(*t));
	return call(IPVS_OP_GET_TIMEOUT, NULL, timeout_cb, t);
}

int ipvs_set_timeout(const struct ipvs_timeout *t)
{
	struct ipvs_msg_args a = { .timeout = t };

	return call(IPVS_OP_SET_TIMEOUT, &a, NULL, NULL);
}

int ipvs_start_daemon(const struct ipvs_daemon *d)
{
	struct ipvs_msg_args a = { .daemon = d };

	return call(IPVS_OP_START_DAEMON, &a, NULL, NULL);
}

int ipvs_stop_daemon(const struct ipvs_daemon *d)
{
	struct ipvs_msg_args a = { .daemon = d };

	return call(IPVS_OP_STOP_DAEMON, &a, NULL, NULL);
}

struct daemon_ctx {
	struct ipvs_daemon *out;
	size_t num;
};

static int daemon_cb(struct nlmsghdr *nlh, void *arg)
{
	struct daemon_ctx *c = arg;
	struct ipvs_daemon d;
	int err = ipvs_parse_daemon(nlh, &d);

	if (err)
		return err;
	if (c->num < 2) /* the kernel has at most a master and a backup */
		c->out[c->num++] = d;
	return 0;
}

int ipvs_get_daemons(struct ipvs_daemon out[2], size_t *num)
{
	struct daemon_ctx c = { .out = out };
	int err;

	memset(out, 0, 2 * sizeof(*out));
	err = call(IPVS_OP_GET_DAEMON, NULL, daemon_cb, &c);
	*num = err ? 0 : c.num;
	return err;
}

const char *ipvs_last_ext_ack(void)
{
	const char *s = ipvs_nl_ext_ack();

	return s[0] ? s : NULL;
}

/* --- batches ------------------------------------------------------------- */

struct ipvs_batch {
	uint8_t *arena; /* the serialized requests, back to back */
	size_t used;
	size_t cap;
	size_t *offs;
	enum ipvs_op *ops;
	size_t n;
	size_t offs_cap;
	size_t ops_cap;
};

struct ipvs_batch *ipvs_batch_new(void)
{
	return calloc(1, sizeof(struct ipvs_batch));
}

void ipvs_batch_free(struct ipvs_batch *b)
{
	if (!b)
		return;
	free(b->arena);
	free(b->offs);
	free(b->ops);
	free(b);
}

size_t ipvs_batch_len(const struct ipvs_batch *b)
{
	return b ? b->n : 0;
}

static int batch_reserve(struct ipvs_batch *b, size_t len)
{
	int err;

	if (b->used > SIZE_MAX - len)
		return -ENOMEM;
	err = grow((void **)&b->arena, &b->cap, b->used + len, 1);
	if (!err)
		err = grow((void **)&b->offs, &b->offs_cap, b->n + 1,
			   sizeof(*b->offs));
	if (!err)
		err = grow((void **)&b->ops, &b->ops_cap, b->n + 1,
			   sizeof(*b->ops));
	return err;
}

static long batch_push(struct ipvs_batch *b, enum ipvs_op op,
		       const struct ipvs_msg_args *a)
{
	long ret;
	int len;

	if (!b || !ipvs_op_is_change(op))
		return -EINVAL;
	ret = ipvs_init();
	if (!ret)
		ret = batch_reserve(b, IPVS_MSG_MAX);
	if (ret)
		return ret;
	len = ipvs_msg_write(b->arena + b->used, IPVS_MSG_MAX, ipvs_nl_family(),
			     op, a);
	if (len < 0)
		return len;
	b->offs[b->n] = b->used;
	b->ops[b->n] = op;
	b->used += (size_t)len;
	return (long)b->n++;
}

long ipvs_batch_add(struct ipvs_batch *b, enum ipvs_op op,
		    const struct ipvs_service *svc, const struct ipvs_dest *d)
{
	struct ipvs_msg_args a = { .svc = svc, .dest = d };

	if (op == IPVS_OP_SET_TIMEOUT)
		return -EINVAL; /* see ipvs_batch_add_timeout() */
	return batch_push(b, op, &a);
}

long ipvs_batch_add_timeout(struct ipvs_batch *b, const struct ipvs_timeout *t)
{
	struct ipvs_msg_args a = { .timeout = t };

	return batch_push(b, IPVS_OP_SET_TIMEOUT, &a);
}

struct batch_run_ctx {
	const struct ipvs_batch *b;
	ipvs_batch_err_fn fn;
	void *arg;
};

static void batch_err(size_t index, int err, const char *ext_ack, void *arg)
{
	struct batch_run_ctx *c = arg;

	if (c->fn && index < c->b->n)
		c->fn(index, c->b->ops[index], err, ext_ack, c->arg);
}

long ipvs_batch_run(struct ipvs_batch *b, ipvs_batch_err_fn fn, void *arg)
{
	struct batch_run_ctx c = { .b = b, .fn = fn, .arg = arg };
	long ret;

	if (!b)
		return -EINVAL;
	ret = b->n ? ipvs_init() : 0;
	if (!ret && b->n)
		ret = ipvs_nl_batch(b->arena, b->offs, b->n, batch_err, &c);
	b->n = 0;
	b->used = 0;
	return ret;
}
