#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 30-netns.sh: --netns NAME runs any command inside that namespace.

netns_add other
ipvsadm --netns other -A -t 10.0.0.1:80 -s rr
check netns-first sh -c '/sbin/ip netns exec other ipvsadm -Sn | grep -q "^-A -t 10.0.0.1:80 -s rr$"'
if [ -z "$(ipvsadm -Sn)" ]; then
	case_pass netns-not-here
else
	case_fail netns-not-here "the service is in the test's own namespace"
fi
ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 -m --netns other
check netns-after-command sh -c 'ipvsadm -Ln --netns=other | grep -q "10.1.1.1:80"'
out=$(ipvsadm --netns nosuch -Ln 2>&1)
if [ $? = 2 ] && [ "$out" = 'Cannot enter network namespace "nosuch": No such file or directory' ]; then
	case_pass netns-missing
else
	case_fail netns-missing "$out"
fi
ipvsadm --netns other tun director 192.0.2.10 >/dev/null
check netns-tun sh -c '/sbin/ip -n other addr show dev tunl0 | grep -q "192.0.2.10/32"'
check netns-tun-not-here sh -c '! /sbin/ip addr show dev tunl0 2>/dev/null | grep -q 192.0.2.10'
netns_del other
