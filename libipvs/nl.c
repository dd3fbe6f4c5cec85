// SPDX-License-Identifier: GPL-2.0-or-later
/* nl.c: the one IPVS netlink socket: open, resolve, send, batch, receive. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <linux/ip_vs.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "libipvs/libipvs.h"
#include "libipvs/nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Room for thousands of queued error acks during a batch. */
#define SOCK_BUF_SIZE (4 * 1024 * 1024)
/* Kernel memory one error ack may cost in our receive queue (truesize). */
#define ACK_COST 2048
#define BATCH_MIN_MSGS 16
#define BATCH_MAX_MSGS 4096

static struct {
	struct nl_sock *sk;
	int fd;
	int family;
	uint32_t seq;
	size_t batch_max_msgs;
	bool modprobe_done;
	char ext_ack[256];
	struct ipvs_nl_counters cnt;
} nl = { .fd = -1 };

/* uint32_t arrays keep netlink headers aligned. */
static uint32_t rbuf[IPVS_NL_RECV_BUF / sizeof(uint32_t)];
static uint32_t sbuf[IPVS_NL_BATCH_DGRAM / sizeof(uint32_t)];

static const struct {
	int nle;
	int err;
} nle_tab[] = {
	{ NLE_NOMEM, ENOMEM },
	{ NLE_PERM, EPERM },
	{ NLE_OBJ_NOTFOUND, ENOPROTOOPT },
	{ NLE_NOACCESS, EACCES },
	{ NLE_AF_NOSUPPORT, EAFNOSUPPORT },
	{ NLE_PROTO_MISMATCH, EPROTONOSUPPORT },
};

static int nle_errno(int nle)
{
	size_t i;

	for (i = 0; i < sizeof(nle_tab) / sizeof(nle_tab[0]); i++)
		if (nle_tab[i].nle == abs(nle))
			return -nle_tab[i].err;
	return -ENOPROTOOPT;
}

void ipvs_nl_get_counters(struct ipvs_nl_counters *c)
{
	*c = nl.cnt;
}

const char *ipvs_nl_ext_ack(void)
{
	return nl.ext_ack;
}

int ipvs_nl_family(void)
{
	return nl.family;
}

static void set_opt(int level, int name, int val)
{
	/* Best effort: old kernels or no privilege only cost performance. */
	(void)setsockopt(nl.fd, level, name, &val, sizeof(val));
}

static void tune_socket(void)
{
	int rcvbuf = 0;
	socklen_t len = sizeof(rcvbuf);

	nl_socket_set_buffer_size(nl.sk, SOCK_BUF_SIZE, SOCK_BUF_SIZE);
	set_opt(SOL_SOCKET, SO_SNDBUFFORCE, SOCK_BUF_SIZE);
	set_opt(SOL_SOCKET, SO_RCVBUFFORCE, SOCK_BUF_SIZE);
	set_opt(SOL_NETLINK, NETLINK_EXT_ACK, 1);
	set_opt(SOL_NETLINK, NETLINK_CAP_ACK, 1);
	if (getsockopt(nl.fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &len) < 0)
		rcvbuf = 0;
	nl.batch_max_msgs = (size_t)rcvbuf / ACK_COST;
	if (nl.batch_max_msgs < BATCH_MIN_MSGS)
		nl.batch_max_msgs = BATCH_MIN_MSGS;
	if (nl.batch_max_msgs > BATCH_MAX_MSGS)
		nl.batch_max_msgs = BATCH_MAX_MSGS;
}

static int sock_open(void)
{
	int err;

	nl.sk = nl_socket_alloc();
	if (!nl.sk)
		return -ENOMEM;
	err = genl_connect(nl.sk);
	if (err < 0)
		return nle_errno(err);
	nl.cnt.sockets++;
	nl.fd = nl_socket_get_fd(nl.sk);
	tune_socket();
	return 0;
}

static int resolve_family(void)
{
	int id;

	nl.cnt.family_lookups++;
	id = genl_ctrl_resolve(nl.sk, IPVS_GENL_NAME);
	if (id < 0)
		return nle_errno(id);
	nl.family = id;
	return 0;
}

static void run_modprobe(void)
{
	char *const argv[] = { "/sbin/modprobe", "--", "ip_vs", NULL };
	pid_t pid;
	int fd, status;

	pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

int ipvs_nl_open(void)
{
	int err;

	if (nl.sk)
		return 0;
	err = sock_open();
	if (!err)
		err = resolve_family();
	if (err == -ENOPROTOOPT && !nl.modprobe_done) {
		nl.modprobe_done = true;
		run_modprobe();
		err = resolve_family();
	}
	if (err)
		goto out;
	nl.seq = nl_socket_use_seq(nl.sk);
out:
	if (err)
		ipvs_nl_close();
	return err;
}

void ipvs_nl_close(void)
{
	if (nl.sk)
		nl_socket_free(nl.sk);
	nl.sk = NULL;
	nl.fd = -1;
	nl.family = 0;
}

/* Change requests in a datagram: what the benchmarks call kernel writes. */
static void count_writes(const void *buf, size_t len)
{
	const struct nlmsghdr *h = buf;
	int rem = (int)len;
	const struct genlmsghdr *g;

	for (; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
		if (h->nlmsg_type != nl.family ||
		    h->nlmsg_len < NLMSG_LENGTH(sizeof(*g)))
			continue;
		g = NLMSG_DATA(h);
		switch (g->cmd) {
		case IPVS_CMD_NEW_SERVICE:
		case IPVS_CMD_SET_SERVICE:
		case IPVS_CMD_DEL_SERVICE:
		case IPVS_CMD_NEW_DEST:
		case IPVS_CMD_SET_DEST:
		case IPVS_CMD_DEL_DEST:
		case IPVS_CMD_NEW_DAEMON:
		case IPVS_CMD_DEL_DAEMON:
		case IPVS_CMD_SET_CONFIG:
		case IPVS_CMD_ZERO:
		case IPVS_CMD_FLUSH:
			nl.cnt.writes++;
			break;
		}
	}
}

static int send_buf(const void *buf, size_t len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr mh = {
		.msg_name = &sa,
		.msg_namelen = sizeof(sa),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n;

	do {
		nl.cnt.sendmsg++;
		n = sendmsg(nl.fd, &mh, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	count_writes(buf, len);
	return (size_t)n == len ? 0 : -EIO;
}

/* One datagram from the kernel into rbuf; returns its length or -errno. */
static ssize_t recv_dgram(void)
{
	struct sockaddr_nl sa;
	struct iovec iov = { .iov_base = rbuf, .iov_len = sizeof(rbuf) };
	struct msghdr mh = {
		.msg_name = &sa,
		.msg_namelen = sizeof(sa),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n;

	for (;;) {
		nl.cnt.recvmsg++;
		n = recvmsg(nl.fd, &mh, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (mh.msg_flags & MSG_TRUNC)
			return -EMSGSIZE;
		if (sa.nl_pid == 0)
			return n;
	}
}

/* The next whole message at *off in a datagram of len bytes, or NULL. */
static struct nlmsghdr *next_msg(size_t len, size_t *off)
{
	struct nlmsghdr *h;

	if (*off > len || len - *off < NLMSG_HDRLEN)
		return NULL;
	h = (struct nlmsghdr *)((uint8_t *)rbuf + *off);
	if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > len - *off)
		return NULL;
	*off += NLMSG_ALIGN(h->nlmsg_len);
	return h;
}

static const struct nla_policy ext_pol[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
};

static void save_ext_ack(const struct nlmsghdr *h)
{
	const struct nlmsgerr *e = NLMSG_DATA(h);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*e));
	const char *s;
	size_t n;

	nl.ext_ack[0] = '\0';
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(h->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	}
	if (off >= h->nlmsg_len ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)h + off),
		      (int)(h->nlmsg_len - off), ext_pol) < 0 ||
	    !tb[NLMSGERR_ATTR_MSG])
		return;
	s = nla_data(tb[NLMSGERR_ATTR_MSG]);
	n = strnlen(s, (size_t)nla_len(tb[NLMSGERR_ATTR_MSG]));
	if (n >= sizeof(nl.ext_ack))
		n = sizeof(nl.ext_ack) - 1;
	memcpy(nl.ext_ack, s, n);
	nl.ext_ack[n] = '\0';
}

/* The errno an NLMSG_ERROR carries (0 for an ACK), -EINVAL if truncated. */
static int ack_errno(const struct nlmsghdr *h)
{
	const struct nlmsgerr *e = NLMSG_DATA(h);

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
		return -EINVAL;
	if (e->error > 0)
		return -EINVAL;
	if (e->error)
		save_ext_ack(h);
	return e->error;
}

/* The error an NLMSG_DONE may carry at the end of a failed dump. */
static int done_errno(const struct nlmsghdr *h)
{
	int err;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(err)))
		return 0;
	memcpy(&err, NLMSG_DATA(h), sizeof(err));
	return err < 0 ? err : 0;
}

struct exec_ctx {
	uint32_t seq;
	ipvs_nl_msg_fn fn;
	void *arg;
	int kerr; /* the kernel's answer */
	int perr; /* the first parse failure */
	bool done;
};

static void exec_msg(struct nlmsghdr *h, struct exec_ctx *x)
{
	int err;

	if (h->nlmsg_seq != x->seq)
		return; /* stale: from an earlier, abandoned request */
	switch (h->nlmsg_type) {
	case NLMSG_ERROR:
		x->kerr = ack_errno(h);
		x->done = true;
		break;
	case NLMSG_DONE:
		x->kerr = done_errno(h);
		x->done = true;
		break;
	case NLMSG_NOOP:
		break;
	case NLMSG_OVERRUN:
		x->kerr = -ENOBUFS;
		x->done = true;
		break;
	default:
		if (!x->fn || x->perr)
			break;
		err = x->fn(h, x->arg);
		if (err)
			x->perr = err;
	}
}

static int exec_wait(struct exec_ctx *x)
{
	struct nlmsghdr *h;
	size_t off;
	ssize_t n;

	while (!x->done) {
		n = recv_dgram();
		if (n < 0)
			return (int)n;
		off = 0;
		while (!x->done && (h = next_msg((size_t)n, &off)))
			exec_msg(h, x);
	}
	return x->kerr ? x->kerr : x->perr;
}

int ipvs_nl_exec(struct nl_msg *msg, ipvs_nl_msg_fn fn, void *arg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct exec_ctx x = { .fn = fn, .arg = arg };
	int err;

	if (!nl.sk)
		return -ENOTCONN;
	h->nlmsg_flags |= NLM_F_REQUEST;
	if (!(h->nlmsg_flags & NLM_F_DUMP))
		h->nlmsg_flags |= NLM_F_ACK;
	h->nlmsg_seq = x.seq = nl.seq++;
	nl.ext_ack[0] = '\0';
	err = send_buf(h, h->nlmsg_len);
	if (!err)
		err = exec_wait(&x);
	return err;
}

/* --- batches ------------------------------------------------------------- */

struct batch_ctx {
	uint32_t first_seq;
	size_t base; /* batch index of the datagram's first request */
	size_t count; /* requests in the datagram; the barrier follows */
	ipvs_nl_err_fn fn;
	void *arg;
	long failed;
	bool done;
};

/*
 * Copy requests [pos, ...) into sbuf up to limit bytes, each with its own
 * sequence number and no ACK flag, then a NOOP barrier that does ask for
 * one: the kernel answers only failures, then the barrier.
 */
static size_t pack(const uint8_t *arena, const size_t *offs, size_t pos,
		   size_t n, size_t limit, struct batch_ctx *c, size_t *len)
{
	uint8_t *out = (uint8_t *)sbuf;
	struct nlmsghdr *h;
	size_t i, l, used = 0;

	for (i = pos; i < n && i - pos < nl.batch_max_msgs; i++) {
		h = (struct nlmsghdr *)(arena + offs[i]);
		l = NLMSG_ALIGN(h->nlmsg_len);
		if (used + l + NLMSG_HDRLEN > limit && i > pos)
			break;
		if (used + l + NLMSG_HDRLEN > sizeof(sbuf))
			break;
		memset(out + used, 0, l);
		memcpy(out + used, h, h->nlmsg_len);
		h = (struct nlmsghdr *)(out + used);
		h->nlmsg_flags = NLM_F_REQUEST;
		h->nlmsg_seq = c->first_seq + (uint32_t)(i - pos);
		used += l;
	}
	h = (struct nlmsghdr *)(out + used);
	memset(h, 0, NLMSG_HDRLEN);
	h->nlmsg_len = NLMSG_HDRLEN;
	h->nlmsg_type = NLMSG_NOOP;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = c->first_seq + (uint32_t)(i - pos);
	*len = used + NLMSG_HDRLEN;
	return i - pos;
}

static void batch_msg(const struct nlmsghdr *h, struct batch_ctx *c)
{
	uint32_t k = h->nlmsg_seq - c->first_seq;
	int err;

	if (h->nlmsg_type != NLMSG_ERROR || k > c->count)
		return;
	err = ack_errno(h);
	if (k == c->count) {
		c->done = true;
		return;
	}
	if (!err)
		return;
	c->failed++;
	if (c->fn)
		c->fn(c->base + k, err, nl.ext_ack[0] ? nl.ext_ack : NULL,
		      c->arg);
}

static int batch_wait(struct batch_ctx *c)
{
	struct nlmsghdr *h;
	size_t off;
	ssize_t n;

	c->done = false;
	while (!c->done) {
		n = recv_dgram();
		if (n < 0)
			return (int)n;
		off = 0;
		while ((h = next_msg((size_t)n, &off)))
			batch_msg(h, c);
	}
	return 0;
}

long ipvs_nl_batch(const uint8_t *arena, const size_t *offs, size_t n,
		   ipvs_nl_err_fn fn, void *arg)
{
	struct batch_ctx c = { .fn = fn, .arg = arg };
	size_t pos = 0, limit = IPVS_NL_BATCH_DGRAM, len;
	int err;

	if (!nl.sk)
		return -ENOTCONN;
	while (pos < n) {
		c.first_seq = nl.seq;
		c.base = pos;
		c.count = pack(arena, offs, pos, n, limit, &c, &len);
		if (!c.count)
			return -EMSGSIZE;
		err = send_buf(sbuf, len);
		/* Nothing of a refused datagram ran: resend it smaller. */
		if ((err == -EMSGSIZE || err == -ENOBUFS) && c.count > 1) {
			limit /= 2;
			continue;
		}
		if (err)
			return err;
		nl.seq += (uint32_t)c.count + 1;
		err = batch_wait(&c);
		if (err)
			return err;
		pos += c.count;
	}
	return c.failed;
}
