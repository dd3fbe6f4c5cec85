// SPDX-License-Identifier: GPL-2.0-or-later
/* nl.c: the IPVS netlink sockets: open, resolve, send, batch, receive. */
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
/*
 * The kernel allocates each dump datagram at the size of the largest read
 * the socket has seen (capped near 32 KiB), or NLMSG_GOODSIZE if that is
 * more.  Above one page those come from the page allocator: in the guest a
 * destination dump of a few entries took 2.5x longer on a socket that had
 * read 64 KiB than on one that never read more than NLMSG_GOODSIZE.  So
 * the per-service destination dumps run on a second socket that reads
 * NLMSG_GOODSIZE: a page less struct skb_shared_info (320 bytes on 64-bit
 * kernels with 4 KiB pages).  A kernel whose NLMSG_GOODSIZE is larger
 * shows up as a truncated read; we then go back to the main socket.
 */
#define LEAN_SHINFO 320
#define LEAN_PAGE_MAX 8192

static struct {
	struct nl_sock *sk;
	int fd;
	int family;
	uint32_t seq;
	size_t batch_max_msgs;
	bool modprobe_done;
	char ext_ack[256];
	struct ipvs_nl_counters cnt;
	int lean_fd; /* the destination-dump socket, -1 until needed */
	bool lean_off; /* it truncated a read: this kernel needs bigger ones */
	size_t lean_read; /* bytes per read on it */
	size_t lean_read_test; /* a test's choice instead, 0 for none */
	uint8_t *lean_buf; /* one whole dump, datagram after datagram */
	size_t lean_cap;
} nl = { .fd = -1, .lean_fd = -1 };

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

static void lean_close(void)
{
	if (nl.lean_fd >= 0)
		close(nl.lean_fd);
	nl.lean_fd = -1;
	free(nl.lean_buf);
	nl.lean_buf = NULL;
	nl.lean_cap = 0;
}

void ipvs_nl_close(void)
{
	if (nl.sk)
		nl_socket_free(nl.sk);
	nl.sk = NULL;
	nl.fd = -1;
	nl.family = 0;
	lean_close();
}

/* The next whole message at *off in buf's first len bytes, or NULL. */
static struct nlmsghdr *msg_at(const void *buf, size_t len, size_t *off)
{
	struct nlmsghdr *h;

	if (*off > len || len - *off < NLMSG_HDRLEN)
		return NULL;
	h = (struct nlmsghdr *)((uint8_t *)buf + *off);
	if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > len - *off)
		return NULL;
	*off += NLMSG_ALIGN(h->nlmsg_len);
	return h;
}

/* Change requests in a datagram: what the benchmarks call kernel writes. */
static void count_writes(const void *buf, size_t len)
{
	const struct nlmsghdr *h;
	const struct genlmsghdr *g;
	size_t off = 0;

	while ((h = msg_at(buf, len, &off))) {
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

static int send_buf(int fd, const void *buf, size_t len)
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
		n = sendmsg(fd, &mh, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	count_writes(buf, len);
	return (size_t)n == len ? 0 : -EIO;
}

/* One datagram from the kernel into buf; returns its length or -errno. */
static ssize_t recv_into(int fd, void *buf, size_t size)
{
	struct sockaddr_nl sa;
	struct iovec iov = { .iov_base = buf, .iov_len = size };
	struct msghdr mh = {
		.msg_name = &sa,
		.msg_namelen = sizeof(sa),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n;

	for (;;) {
		nl.cnt.recvmsg++;
		n = recvmsg(fd, &mh, 0);
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

static ssize_t recv_dgram(void)
{
	return recv_into(nl.fd, rbuf, sizeof(rbuf));
}

static struct nlmsghdr *next_msg(size_t len, size_t *off)
{
	return msg_at(rbuf, len, off);
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

int ipvs_nl_exec(struct nlmsghdr *h, ipvs_nl_msg_fn fn, void *arg)
{
	struct exec_ctx x = { .fn = fn, .arg = arg };
	int err;

	if (!nl.sk)
		return -ENOTCONN;
	h->nlmsg_flags |= NLM_F_REQUEST;
	if (!(h->nlmsg_flags & NLM_F_DUMP))
		h->nlmsg_flags |= NLM_F_ACK;
	h->nlmsg_seq = x.seq = nl.seq++;
	nl.ext_ack[0] = '\0';
	err = send_buf(nl.fd, h, h->nlmsg_len);
	if (!err)
		err = exec_wait(&x);
	return err;
}

/* --- destination dumps on the lean socket -------------------------------- */

static int lean_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	long page;
	int one = 1, err;

	if (nl.lean_fd >= 0)
		return 0;
	page = sysconf(_SC_PAGESIZE);
	if (nl.lean_off || page <= LEAN_SHINFO)
		return -EOPNOTSUPP;
	nl.lean_fd =
		socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl.lean_fd < 0)
		return -errno;
	if (bind(nl.lean_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = -errno;
		lean_close();
		return err;
	}
	(void)setsockopt(nl.lean_fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			 sizeof(one));
	(void)setsockopt(nl.lean_fd, SOL_NETLINK, NETLINK_CAP_ACK, &one,
			 sizeof(one));
	nl.lean_read = (size_t)(page < LEAN_PAGE_MAX ? page : LEAN_PAGE_MAX) -
		       LEAN_SHINFO;
	if (nl.lean_read_test)
		nl.lean_read = nl.lean_read_test;
	nl.cnt.dump_sockets++;
	return 0;
}

/* Whether a datagram holds the message that ends exchange seq. */
static bool ends(const void *buf, size_t len, uint32_t seq)
{
	const struct nlmsghdr *h;
	size_t off = 0;

	while ((h = msg_at(buf, len, &off)))
		if (h->nlmsg_seq == seq && (h->nlmsg_type == NLMSG_DONE ||
					    h->nlmsg_type == NLMSG_ERROR ||
					    h->nlmsg_type == NLMSG_OVERRUN))
			return true;
	return false;
}

/*
 * Read the whole reply to seq into lean_buf before anyone sees it, so a
 * truncated read can still be answered from the main socket.
 */
static int lean_collect(uint32_t seq, size_t *used)
{
	size_t need;
	ssize_t n;
	uint8_t *p;

	for (*used = 0;;) {
		need = *used + nl.lean_read;
		if (need > nl.lean_cap) {
			p = realloc(nl.lean_buf, need * 2);
			if (!p)
				return -ENOMEM;
			nl.lean_buf = p;
			nl.lean_cap = need * 2;
		}
		n = recv_into(nl.lean_fd, nl.lean_buf + *used, nl.lean_read);
		if (n < 0)
			return (int)n;
		p = nl.lean_buf + *used;
		*used += NLMSG_ALIGN((size_t)n);
		if (ends(p, (size_t)n, seq))
			return 0;
	}
}

void ipvs_nl_test_lean_read(size_t n)
{
	lean_close();
	nl.lean_off = false;
	nl.lean_read_test = n;
}

int ipvs_nl_dump_lean(struct nlmsghdr *h, ipvs_nl_msg_fn fn, void *arg)
{
	struct exec_ctx x = { .fn = fn, .arg = arg };
	struct nlmsghdr *m;
	size_t used, off = 0;
	int err;

	if (!nl.sk)
		return -ENOTCONN;
	if (lean_open())
		return ipvs_nl_exec(h, fn, arg);
	h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
	h->nlmsg_seq = x.seq = nl.seq++;
	nl.ext_ack[0] = '\0';
	err = send_buf(nl.lean_fd, h, h->nlmsg_len);
	if (!err)
		err = lean_collect(x.seq, &used);
	if (err == -EMSGSIZE) {
		nl.lean_off = true;
		lean_close();
		return ipvs_nl_exec(h, fn, arg);
	}
	/* A dump we stopped reading would make the next one EBUSY. */
	if (err) {
		lean_close();
		return err;
	}
	while (!x.done && (m = msg_at(nl.lean_buf, used, &off)))
		exec_msg(m, &x);
	return x.kerr ? x.kerr : x.perr;
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
		err = send_buf(nl.fd, sbuf, len);
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
