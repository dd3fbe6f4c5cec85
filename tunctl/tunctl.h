// SPDX-License-Identifier: GPL-2.0-or-later
/* tunctl.h: the `ipvsadm tun ...` subcommand's entry point. */
#ifndef TUNCTL_TUNCTL_H
#define TUNCTL_TUNCTL_H

/*
 * tun_main - run `ipvsadm tun ARGS...`; argv[0] is "tun".  Returns the
 * process exit code.
 */
int tun_main(int argc, char **argv);

#endif /* TUNCTL_TUNCTL_H */
