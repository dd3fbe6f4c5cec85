// SPDX-License-Identifier: GPL-2.0-or-later
/* udptool.c: a one-datagram UDP server and client for the guest tests. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * busybox nc has no UDP.  `serve` answers one datagram from the address
 * it was sent to (IP_PKTINFO), as a real server behind LVS-TUN must: the
 * client's `ask` is connected to the VIP and drops a reply from elsewhere.
 */
static const char usage[] =
	"usage: udptool serve PORT NAME TIMEOUT_S   answer one datagram with \"NAME: MSG\"\n"
	"       udptool ask IP PORT MSG TIMEOUT_S   send MSG, print the answer\n"
	"       udptool burst IP PORT SPORT N REPEAT\n"
	"           send REPEAT datagrams from each of the N source ports\n"
	"           SPORT..SPORT+N-1, awaiting no answer\n";

static int wait_readable(int fd, int timeout_s)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r = poll(&p, 1, timeout_s * 1000);

	if (r == 0)
		fprintf(stderr, "udptool: no datagram within %d s\n",
			timeout_s);
	else if (r < 0)
		perror("udptool: poll");
	return r == 1 ? 0 : -1;
}

static int open_bound(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)port) };
	int one = 1, fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 ||
	    setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("udptool: socket");
		return -1;
	}
	return fd;
}

/* The destination address of the datagram just received. */
static struct in_addr dest_of(struct msghdr *m)
{
	struct in_addr none = { 0 };
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO)
			return ((struct in_pktinfo *)CMSG_DATA(c))->ipi_addr;
	return none;
}

static int reply(int fd, struct sockaddr_in *to, struct in_addr from,
		 const char *text)
{
	char cbuf[CMSG_SPACE(sizeof(struct in_pktinfo))] = { 0 };
	struct iovec iov = { (void *)text, strlen(text) };
	struct msghdr m = { .msg_name = to,
			    .msg_namelen = sizeof(*to),
			    .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	struct in_pktinfo pi = { .ipi_spec_dst = from };

	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	if (sendmsg(fd, &m, 0) < 0) {
		perror("udptool: sendmsg");
		return 1;
	}
	return 0;
}

static int serve(int port, const char *name, int timeout_s)
{
	char buf[1024], out[1200], cbuf[256], ip[INET_ADDRSTRLEN];
	struct sockaddr_in from;
	struct iovec iov = { buf, sizeof(buf) - 1 };
	struct msghdr m = { .msg_name = &from,
			    .msg_namelen = sizeof(from),
			    .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct in_addr dst;
	ssize_t n;
	int fd = open_bound(port), rc;

	if (fd < 0 || wait_readable(fd, timeout_s))
		return 1;
	n = recvmsg(fd, &m, 0);
	if (n < 0) {
		perror("udptool: recvmsg");
		return 1;
	}
	buf[n] = '\0';
	dst = dest_of(&m);
	inet_ntop(AF_INET, &from.sin_addr, ip, sizeof(ip));
	printf("got %zd bytes from %s:%d to %s: %s\n", n, ip,
	       ntohs(from.sin_port), inet_ntoa(dst), buf);
	snprintf(out, sizeof(out), "%s: %s", name, buf);
	rc = reply(fd, &from, dst, out);
	close(fd);
	return rc;
}

static int ask(const char *ip, int port, const char *msg, int timeout_s)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)port) };
	char buf[1200];
	ssize_t n;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || inet_pton(AF_INET, ip, &sa.sin_addr) != 1 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    send(fd, msg, strlen(msg), 0) < 0) {
		fprintf(stderr, "udptool: cannot send to %s:%d: %s\n", ip, port,
			strerror(errno));
		return 1;
	}
	if (wait_readable(fd, timeout_s))
		return 1;
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	if (n < 0) {
		perror("udptool: recv");
		return 1;
	}
	buf[n] = '\0';
	printf("%s\n", buf);
	close(fd);
	return 0;
}

/*
 * Fixed source ports make the client's (address, port) pairs known in
 * advance, so that two directors' connection tables can be compared
 * entry by entry; REPEAT > 1 pushes a connection past the sync daemon's
 * threshold (3 packets by default).
 */
static int burst(const char *ip, int port, int sport, int n, int repeat)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)port) };
	char msg[32];
	int i, r;

	if (inet_pton(AF_INET, ip, &to.sin_addr) != 1 || port < 1 ||
	    port > 65535 || sport < 1 || n < 1 || sport + n - 1 > 65535 ||
	    repeat < 1) {
		fputs(usage, stderr);
		return 2;
	}
	for (i = 0; i < n; i++) {
		uint16_t p = (uint16_t)(sport + i);
		struct sockaddr_in me = { .sin_family = AF_INET,
					  .sin_port = htons(p) };
		int fd = socket(AF_INET, SOCK_DGRAM, 0);

		if (fd < 0 || bind(fd, (struct sockaddr *)&me, sizeof(me))) {
			fprintf(stderr, "udptool: cannot bind port %d: %s\n",
				sport + i, strerror(errno));
			return 1;
		}
		snprintf(msg, sizeof(msg), "burst %d", sport + i);
		for (r = 0; r < repeat; r++)
			if (sendto(fd, msg, strlen(msg), 0,
				   (struct sockaddr *)&to, sizeof(to)) < 0) {
				fprintf(stderr,
					"udptool: cannot send to %s:%d: %s\n",
					ip, port, strerror(errno));
				close(fd);
				return 1;
			}
		close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "serve"))
		return serve(atoi(argv[2]), argv[3], atoi(argv[4]));
	if (argc == 6 && !strcmp(argv[1], "ask"))
		return ask(argv[2], atoi(argv[3]), argv[4], atoi(argv[5]));
	if (argc == 7 && !strcmp(argv[1], "burst"))
		return burst(argv[2], atoi(argv[3]), atoi(argv[4]),
			     atoi(argv[5]), atoi(argv[6]));
	fputs(usage, stderr);
	return 2;
}
