// SPDX-License-Identifier: GPL-2.0-or-later
/* benchrun.c: runs one command and prints its wall time, CPU times, peak RSS. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

/*
 * busybox has neither `time -v` nor a sub-second clock, so this is the
 * guest's stopwatch: CLOCK_MONOTONIC from just before fork() to just after
 * wait4(), which covers process start-up (exec, dynamic linking) as an
 * operator sees it, and the child's own rusage for CPU and ru_maxrss.
 *
 * Usage: benchrun [-i IN] [-o OUT] -- CMD [ARG...]
 * Prints: wall_us user_us sys_us maxrss_kib exit_status
 */

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long tv_us(const struct timeval *tv)
{
	return (long long)tv->tv_sec * 1000000 + tv->tv_usec;
}

/* Replace fd with path opened by flags; the child exits 126 on failure. */
static void redirect(int fd, const char *path, int flags)
{
	int f;

	if (!path)
		return;
	f = open(path, flags, 0644);
	if (f < 0 || dup2(f, fd) < 0) {
		fprintf(stderr, "benchrun: %s: %s\n", path, strerror(errno));
		_exit(126);
	}
	close(f);
}

int main(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	struct rusage ru;
	long long t0, t1;
	int opt, status, rc;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+i:o:")) != -1) {
		switch (opt) {
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: benchrun [-i IN] [-o OUT] -- CMD...\n");
		return 2;
	}
	/* Our own result line must not sit in a buffer the child inherits. */
	fflush(stdout);
	t0 = now_us();
	pid = fork();
	if (pid < 0) {
		perror("benchrun: fork");
		return 1;
	}
	if (pid == 0) {
		redirect(STDIN_FILENO, in, O_RDONLY);
		redirect(STDOUT_FILENO, out, O_WRONLY | O_CREAT | O_TRUNC);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "benchrun: %s: %s\n", argv[optind],
			strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("benchrun: wait4");
			return 1;
		}
	}
	t1 = now_us();
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf("%lld %lld %lld %ld %d\n", t1 - t0, tv_us(&ru.ru_utime),
	       tv_us(&ru.ru_stime), ru.ru_maxrss, rc);
	return 0;
}
