// SPDX-License-Identifier: GPL-2.0-or-later
/* nocap.c: runs a command as root but without CAP_NET_ADMIN (busybox has
 * no capsh or setpriv --bounding-set to do it). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/capability.h>

/*
 * Root gets every capability of the bounding set back at exec, so the
 * capability leaves the bounding set first, then the three current sets.
 */
static int drop(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	unsigned int i = (unsigned int)cap / 32, bit = 1U << (cap % 32);

	if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
		return -1;
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data) < 0)
		return -1;
	data[i].effective &= ~bit;
	data[i].permitted &= ~bit;
	data[i].inheritable &= ~bit;
	return (int)syscall(SYS_capset, &hdr, data);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: nocap CMD [ARG...]\n", stderr);
		return 2;
	}
	if (drop(CAP_NET_ADMIN) < 0) {
		fprintf(stderr, "nocap: %s\n", strerror(errno));
		return 126;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "nocap: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
