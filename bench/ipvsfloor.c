// SPDX-License-Identifier: GPL-2.0-or-later
/* ipvsfloor.c: the benchmark's floor: raw IPVS netlink with no user-space work. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/genetlink.h>
#include <linux/ip_vs.h>
#include <linux/netlink.h>

/*
 * What the kernel alone costs, to hold ipvsadm against:
 *
 *   ipvsfloor send BLOB   BLOB holds complete requests, built beforehand by
 *                         ipvsblob; only the family id and sequence numbers
 *                         are patched in.  They go out in datagrams as large
 *                         as the socket takes, with no ACK asked except for
 *                         one NOOP barrier at the very end.
 *   ipvsfloor dump        one service dump through a 1 MiB receive buffer,
 *                         then one destination dump per service on a
 *                         second socket that reads NLMSG_GOODSIZE bytes at
 *                         a time (see LEAN_READ); the replies are counted
 *                         and dropped.
 *
 * It links libc only (no libnl start-up cost) and prints one line of
 * counts.  Exit status 1 if the kernel refused anything.
 */

#define SOCK_BUF (16 * 1024 * 1024)
/* Bytes per sendmsg; the kernel allocates one skb for each. */
#define SEND_CHUNK (1024 * 1024)
#define RECV_BUF (1024 * 1024)
/*
 * The kernel sizes dump datagrams by the largest read a socket has seen;
 * above a page they cost it 2.5x more per destination dump, so the
 * cheapest way to ask is with reads of a page less skb_shared_info
 * (x86-64, 4 KiB pages), as libipvs does.
 */
#define LEAN_READ (4096 - 320)

static int fd = -1;
static size_t rlen = RECV_BUF;
static uint32_t seq = 1;
static uint32_t rbuf[RECV_BUF / sizeof(uint32_t)];
static unsigned long errors, replies;

static void die(const char *what)
{
	fprintf(stderr, "ipvsfloor: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int v = SOCK_BUF;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		die("socket");
	/* As root the FORCE variants lift the sysctl caps; else best effort. */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind");
}

static void send_iov(struct iovec *iov, int n)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct msghdr mh = {
		.msg_name = &sa,
		.msg_namelen = sizeof(sa),
		.msg_iov = iov,
		.msg_iovlen = (size_t)n,
	};

	while (sendmsg(fd, &mh, 0) < 0)
		if (errno != EINTR)
			die("sendmsg");
}

static ssize_t recv_dgram(void)
{
	ssize_t n;

	do
		n = recv(fd, rbuf, rlen, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		die("recv");
	return n;
}

/*
 * Read until the message with sequence number last ends the exchange (an
 * ACK, an error or NLMSG_DONE).  fn sees every data message.
 */
static void wait_for(uint32_t last, void (*fn)(struct nlmsghdr *h))
{
	struct nlmsghdr *h;
	struct nlmsgerr *e;
	ssize_t n;
	int len;

	for (;;) {
		n = recv_dgram();
		len = (int)n;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, len);
		     h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				e = NLMSG_DATA(h);
				if (e->error)
					errors++;
				if (h->nlmsg_seq == last)
					return;
			} else if (h->nlmsg_type == NLMSG_DONE) {
				if (h->nlmsg_seq == last)
					return;
			} else {
				replies++;
				if (fn)
					fn(h);
			}
		}
	}
}

struct req {
	struct nlmsghdr n;
	struct genlmsghdr g;
	uint8_t attrs[256];
};

static uint16_t family_id;

static void family_cb(struct nlmsghdr *h)
{
	struct nlattr *a =
		(struct nlattr *)((uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN);
	int rem = (int)h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= rem) {
		if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID)
			memcpy(&family_id, (uint8_t *)a + NLA_HDRLEN,
			       sizeof(family_id));
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((uint8_t *)a + NLA_ALIGN(a->nla_len));
	}
}

static void resolve(void)
{
	struct req r = { 0 };
	struct nlattr *a = (struct nlattr *)r.attrs;
	struct iovec iov;

	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(IPVS_GENL_NAME);
	memcpy((uint8_t *)a + NLA_HDRLEN, IPVS_GENL_NAME,
	       sizeof(IPVS_GENL_NAME));
	r.n.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(a->nla_len);
	r.n.nlmsg_type = GENL_ID_CTRL;
	r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r.n.nlmsg_seq = seq++;
	r.g.cmd = CTRL_CMD_GETFAMILY;
	r.g.version = 1;
	iov.iov_base = &r;
	iov.iov_len = r.n.nlmsg_len;
	send_iov(&iov, 1);
	wait_for(r.n.nlmsg_seq, family_cb);
	if (!family_id) {
		fprintf(stderr, "ipvsfloor: no IPVS family\n");
		exit(2);
	}
}

static int cmd_send(const char *path)
{
	struct nlmsghdr noop = {
		.nlmsg_len = NLMSG_HDRLEN,
		.nlmsg_type = NLMSG_NOOP,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
	};
	struct nlmsghdr *h;
	struct iovec iov[2];
	struct stat st;
	size_t off = 0, start = 0, len;
	unsigned long msgs = 0;
	uint8_t *blob;
	int bfd;

	bfd = open(path, O_RDONLY);
	if (bfd < 0 || fstat(bfd, &st) < 0)
		die(path);
	len = (size_t)st.st_size;
	blob = mmap(NULL, len ? len : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		    bfd, 0);
	if (blob == MAP_FAILED)
		die("mmap");
	close(bfd);
	nl_open();
	resolve();
	/* The requests lie back to back: each datagram is a slice of them. */
	while (off < len) {
		h = (struct nlmsghdr *)(blob + off);
		if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > len - off) {
			fprintf(stderr, "ipvsfloor: %s: bad message\n", path);
			return 2;
		}
		if (off + NLMSG_ALIGN(h->nlmsg_len) - start > SEND_CHUNK) {
			iov[0].iov_base = blob + start;
			iov[0].iov_len = off - start;
			send_iov(iov, 1);
			start = off;
		}
		h->nlmsg_type = family_id;
		h->nlmsg_flags = NLM_F_REQUEST;
		h->nlmsg_seq = seq++;
		off += NLMSG_ALIGN(h->nlmsg_len);
		msgs++;
	}
	noop.nlmsg_seq = seq++;
	iov[0].iov_base = blob + start;
	iov[0].iov_len = off - start;
	iov[1].iov_base = &noop;
	iov[1].iov_len = sizeof(noop);
	send_iov(iov, 2);
	wait_for(noop.nlmsg_seq, NULL);
	printf("sent %lu errors %lu\n", msgs, errors);
	return errors ? 1 : 0;
}

/* The identity of every dumped service, as GET_DEST wants it. */
static uint8_t *ids;
static size_t ids_len, ids_cap;

static void put_id(const void *p, size_t n)
{
	if (ids_len + n > ids_cap) {
		ids_cap = ids_cap ? ids_cap * 2 : 1 << 20;
		ids = realloc(ids, ids_cap);
		if (!ids)
			die("realloc");
	}
	memcpy(ids + ids_len, p, n);
	ids_len += n;
}

/*
 * Keep the service nest's identity attributes (family, protocol, address,
 * port, fwmark), as ipvsadm sends them, prefixed by the nest header: the
 * only user-space work the floor does per service.
 */
static void svc_cb(struct nlmsghdr *h)
{
	struct nlattr *nest =
		(struct nlattr *)((uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN);
	struct nlattr hdr = { .nla_type = IPVS_CMD_ATTR_SERVICE };
	struct nlattr *a;
	size_t at = ids_len;
	int rem;

	if ((nest->nla_type & NLA_TYPE_MASK) != IPVS_CMD_ATTR_SERVICE)
		return;
	put_id(&hdr, sizeof(hdr));
	a = (struct nlattr *)((uint8_t *)nest + NLA_HDRLEN);
	rem = nest->nla_len - NLA_HDRLEN;
	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= rem) {
		switch (a->nla_type & NLA_TYPE_MASK) {
		case IPVS_SVC_ATTR_AF:
		case IPVS_SVC_ATTR_PROTOCOL:
		case IPVS_SVC_ATTR_ADDR:
		case IPVS_SVC_ATTR_PORT:
		case IPVS_SVC_ATTR_FWMARK:
			put_id(a, NLA_ALIGN(a->nla_len));
			break;
		}
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((uint8_t *)a + NLA_ALIGN(a->nla_len));
	}
	((struct nlattr *)(ids + at))->nla_len = (uint16_t)(ids_len - at);
}

static int cmd_dump(void)
{
	struct req r = { 0 };
	struct nlattr *a;
	struct iovec iov;
	unsigned long svcs;
	size_t off = 0;

	nl_open();
	resolve();
	r.n.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	r.n.nlmsg_type = family_id;
	r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	r.n.nlmsg_seq = seq++;
	r.g.cmd = IPVS_CMD_GET_SERVICE;
	r.g.version = IPVS_GENL_VERSION;
	iov.iov_base = &r;
	iov.iov_len = r.n.nlmsg_len;
	send_iov(&iov, 1);
	wait_for(r.n.nlmsg_seq, svc_cb);
	svcs = replies;
	close(fd);
	nl_open();
	rlen = LEAN_READ;
	/* One dump at a time per socket: the kernel says EBUSY otherwise. */
	while (off < ids_len) {
		a = (struct nlattr *)(ids + off);
		if (a->nla_len > sizeof(r.attrs))
			return 2; /* svc_cb never keeps that much */
		memcpy(r.attrs, a, a->nla_len);
		r.n.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + a->nla_len;
		r.n.nlmsg_seq = seq++;
		r.g.cmd = IPVS_CMD_GET_DEST;
		iov.iov_len = r.n.nlmsg_len;
		send_iov(&iov, 1);
		wait_for(r.n.nlmsg_seq, NULL);
		off += a->nla_len;
	}
	printf("services %lu dests %lu errors %lu\n", svcs, replies - svcs,
	       errors);
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "send"))
		return cmd_send(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "dump"))
		return cmd_dump();
	fprintf(stderr, "usage: ipvsfloor send BLOB | ipvsfloor dump\n");
	return 2;
}
