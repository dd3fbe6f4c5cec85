// SPDX-License-Identifier: GPL-2.0-or-later
/* netns.c: --netns NAME: run the whole command inside a named network
 * namespace, as `ip -n NAME` does. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define NETNS_DIR "/run/netns"

static int enter(const char *name)
{
	char path[256];
	int fd, r = 0;

	/* A name, not a path: ip-netns(8) refuses '/' and dot names too. */
	if (!name[0] || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..")) {
		fprintf(stderr, "Invalid network namespace name \"%s\"\n",
			name);
		return EXIT_BAD_ARGS;
	}
	snprintf(path, sizeof(path), "%s/%s", NETNS_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "Cannot enter network namespace \"%s\": %s\n",
			name, strerror(errno));
		r = EXIT_BAD_ARGS;
	}
	if (fd >= 0)
		close(fd);
	return r;
}

/*
 * Every "--netns NAME" or "--netns=NAME" is taken out of argv before the
 * 1.31 parser sees it, so it may stand first or anywhere after the
 * command.  The last one wins.
 */
int cli_netns(int *argc, char **argv)
{
	const char *name = NULL;
	int i, j = 1;

	for (i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--netns")) {
			if (i + 1 >= *argc) {
				fprintf(stderr, "--netns: missing argument\n");
				return EXIT_BAD_ARGS;
			}
			name = argv[++i];
		} else if (!strncmp(argv[i], "--netns=", 8)) {
			name = argv[i] + 8;
		} else {
			argv[j++] = argv[i];
		}
	}
	argv[j] = NULL;
	*argc = j;
	return name ? enter(name) : 0;
}
