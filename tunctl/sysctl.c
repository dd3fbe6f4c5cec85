// SPDX-License-Identifier: GPL-2.0-or-later
/* sysctl.c: the per-role sysctl table, /proc/sys access and the state file. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tunctl/tun_int.h"

const struct tun_sysctl tun_sysctls[] = {
	/* IPVS forwards what it schedules; the director routes the rest. */
	{ "net.ipv4.ip_forward", 1, TUN_ROLE_DIRECTOR },
	/* The VIP is on every real server: only the director may answer
	 * ARP for it, or clients bypass the balancer. */
	{ "net.ipv4.conf.%s.arp_ignore", 1, TUN_ROLE_REALSERVER },
	{ "net.ipv4.conf.all.arp_ignore", 1, TUN_ROLE_REALSERVER },
	/* Never use the VIP as the source of our own ARP requests. */
	{ "net.ipv4.conf.%s.arp_announce", 2, TUN_ROLE_REALSERVER },
	{ "net.ipv4.conf.all.arp_announce", 2, TUN_ROLE_REALSERVER },
	/* Decapsulated packets arrive on the tunnel from a client routed
	 * via eth0: reverse-path filtering would drop them. */
	{ "net.ipv4.conf.%s.rp_filter", 0, TUN_ROLE_REALSERVER },
	{ "net.ipv4.conf.all.rp_filter", 0, TUN_ROLE_REALSERVER },
};

const size_t tun_nsysctls = sizeof(tun_sysctls) / sizeof(tun_sysctls[0]);

/*
 * tun_sysctl_key - the dotted key for @fmt and @dev.  A dot inside a
 * device name is written '/', as sysctl(8) expects ("conf.eth0/100").
 */
int tun_sysctl_key(char *buf, size_t len, const char *fmt, const char *dev)
{
	char d[TUN_DEV_LEN];
	const char *at;
	size_t i;
	int n;

	snprintf(d, sizeof(d), "%s", dev);
	for (i = 0; d[i]; i++)
		if (d[i] == '.')
			d[i] = '/';
	at = strstr(fmt, "%s");
	if (at)
		n = snprintf(buf, len, "%.*s%s%s", (int)(at - fmt), fmt, d,
			     at + 2);
	else
		n = snprintf(buf, len, "%s", fmt);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* The file of a dotted key: dots and slashes swap, as sysctl(8) does. */
static int key_path(char *buf, size_t len, const char *root, const char *key)
{
	size_t i, off;
	int n = snprintf(buf, len, "%s/%s", root, key);

	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	off = strlen(root) + 1;
	for (i = off; buf[i]; i++) {
		if (buf[i] == '.')
			buf[i] = '/';
		else if (buf[i] == '/')
			buf[i] = '.';
	}
	return 0;
}

int tun_sysctl_read(const char *root, const char *key, int *val)
{
	char path[TUN_PATH_LEN], buf[32], *end;
	ssize_t n;
	long v;
	int fd, r = key_path(path, sizeof(path), root, key);

	if (r)
		return r;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	r = n < 0 ? -errno : 0;
	close(fd);
	if (r)
		return r;
	buf[n] = '\0';
	errno = 0;
	v = strtol(buf, &end, 10);
	if (end == buf || errno || v < INT_MIN || v > INT_MAX)
		return -EINVAL;
	*val = (int)v;
	return 0;
}

int tun_sysctl_write(const char *root, const char *key, int val)
{
	char path[TUN_PATH_LEN], buf[16];
	ssize_t n;
	int fd, len, r = key_path(path, sizeof(path), root, key);

	if (r)
		return r;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = snprintf(buf, sizeof(buf), "%d\n", val);
	n = write(fd, buf, (size_t)len);
	r = n < 0 ? -errno : (n != len ? -EIO : 0);
	if (close(fd) && !r)
		r = -errno;
	return r;
}

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

/*
 * A network namespace's cookie is never reused while the system runs, so
 * the state of a namespace long gone never passes for ours; an inode is
 * reused.  Kernels before 5.14 have no cookie: the inode it is.
 */
static int netns_id(unsigned long long *id)
{
	unsigned long long cookie;
	socklen_t len = sizeof(cookie);
	struct stat self, init;
	int fd;

	if (stat("/proc/self/ns/net", &self))
		return -errno;
	/* Where PID 1 is hidden from us we cannot tell: name it anyway. */
	if (!stat("/proc/1/ns/net", &init) && self.st_ino == init.st_ino &&
	    self.st_dev == init.st_dev)
		return 0; /* the host's own namespace: the plain name */
	*id = (unsigned long long)self.st_ino;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 &&
	    !getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, &cookie, &len))
		*id = cookie;
	if (fd >= 0)
		close(fd);
	return 1;
}

/*
 * tun_state_path - the state file of @dev.  /run is shared by every
 * network namespace of the host, and each has its own tunl0 and sysctls,
 * so outside the initial namespace the name carries the namespace's id.
 */
int tun_state_path(char *buf, size_t len, const char *dir, const char *dev)
{
	unsigned long long id = 0;
	int n;

	if (netns_id(&id) == 1)
		n = snprintf(buf, len, "%s/tun-%s-net%llu.state", dir, dev, id);
	else
		n = snprintf(buf, len, "%s/tun-%s.state", dir, dev);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

const struct tun_state_ent *tun_state_find(const struct tun_state *st,
					   const char *key)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (!strcmp(st->ent[i].key, key))
			return &st->ent[i];
	return NULL;
}

int tun_state_add(struct tun_state *st, const char *key, int val)
{
	struct tun_state_ent *e;

	if (tun_state_find(st, key))
		return 0; /* the first value recorded is the original one */
	if (st->n == TUN_MAX_STATE || strlen(key) >= TUN_KEY_LEN)
		return -ENOSPC;
	e = &st->ent[st->n++];
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->val = val;
	return 0;
}

static int parse_state_line(struct tun_state *st, char *line)
{
	char *eq, *end;
	long v;

	line[strcspn(line, "\n")] = '\0';
	if (!line[0] || line[0] == '#')
		return 0;
	eq = strchr(line, '=');
	if (!eq)
		return -EINVAL;
	*eq = '\0';
	errno = 0;
	v = strtol(eq + 1, &end, 10);
	if (end == eq + 1 || *end || errno || v < INT_MIN || v > INT_MAX)
		return -EINVAL;
	return tun_state_add(st, line, (int)v);
}

/* A missing file is an empty state: nothing was set up yet. */
int tun_state_load(const char *path, struct tun_state *st)
{
	char line[TUN_KEY_LEN + 32];
	FILE *f;
	int r = 0;

	memset(st, 0, sizeof(*st));
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while (!r && fgets(line, sizeof(line), f))
		r = parse_state_line(st, line);
	fclose(f);
	return r;
}

static int write_state(FILE *f, const struct tun_state *st)
{
	size_t i;

	fputs("# ipvsadm tun: sysctl values before the first set-up\n", f);
	for (i = 0; i < st->n; i++)
		fprintf(f, "%s=%d\n", st->ent[i].key, st->ent[i].val);
	return ferror(f) ? -EIO : 0;
}

/* Written to a temporary file and renamed: never half a state file. */
int tun_state_save(const char *path, const struct tun_state *st)
{
	char tmp[TUN_PATH_LEN + 8], dir[TUN_PATH_LEN], *slash;
	FILE *f;
	int r;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST)
			return -errno;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "we");
	if (!f)
		return -errno;
	r = write_state(f, st);
	if (fclose(f) && !r)
		r = -errno;
	if (!r && rename(tmp, path))
		r = -errno;
	if (r)
		unlink(tmp);
	return r;
}
