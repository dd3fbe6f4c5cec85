#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 30-limits.sh: unknown schedulers and engines, a sync daemon without its
# interface, a service with 1,000 destinations, 100,000 services and a
# connection table of 10,000 entries; ours against the oracle.
# vm-timeout: 400

compat_cases "$HARNESS_DATA/limits.cases"

# -R differs from 1.31 on purpose: nothing is applied when a line fails,
# and the error names the line.
err=$(printf -- '-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.2:80 -s bogus\n' |
	ipvsadm -R 2>&1)
rc=$?
if [ $rc = 255 ] &&
	[ "$err" = "line 2: Scheduler or persistence engine not found" ] &&
	[ -z "$(ipvsadm -Sn)" ]; then
	case_pass unknown-in-restore
else
	case_fail unknown-in-restore "exit $rc: $err; $(ipvsadm -Sn)"
fi
ipvsadm -C

# One service, 1,000 destinations: restored, listed and saved alike.
{
	echo "-A -t 10.0.0.1:80 -s wrr"
	i=0
	while [ $i -lt 1000 ]; do
		echo "-a -t 10.0.0.1:80 -r 10.2.$((i / 250)).$((i % 250 + 1)):8080 -m -w $((i % 7 + 1))"
		i=$((i + 1))
	done
} >/tmp/dests-1000.in
compat dests-1000 'ipvsadm -R </tmp/dests-1000.in
ipvsadm -Ln --stats | wc -l
ipvsadm -Ln -t 10.0.0.1:80 | tail -n 1'

# 100,000 services: restored by ours, then listed by both in this one
# namespace (the listing is sorted, so the same text is expected).
awk 'BEGIN {
	for (i = 0; i < 100000; i++)
		printf "-A -t 10.%d.%d.%d:80 -s rr\n",
			int(i / 62500) + 100, int(i / 250) % 250, i % 250 + 1
}' >/tmp/svc-100k.in
if ipvsadm -R </tmp/svc-100k.in; then
	case_pass services-100k-restore
else
	case_fail services-100k-restore "exit $?"
fi
ipvsadm -Ln >/tmp/ours.100k 2>&1
rc_ours=$?
/opt/oracle/ipvsadm -Ln >/tmp/oracle.100k 2>&1
rc_oracle=$?
lines=$(wc -l </tmp/ours.100k)
# Three title lines, one line per service.
if [ "$rc_ours" = 0 ] && [ "$lines" = 100003 ]; then
	case_pass services-100k-list-count
else
	case_fail services-100k-list-count "exit $rc_ours, $lines lines"
fi
if [ "$rc_oracle" = "$rc_ours" ] && cmp -s /tmp/oracle.100k /tmp/ours.100k; then
	case_pass services-100k-list-oracle
else
	case_fail services-100k-list-oracle "exit $rc_oracle/$rc_ours"
	diff /tmp/oracle.100k /tmp/ours.100k | head -n 20
fi
ipvsadm -C
rm -f /tmp/ours.100k /tmp/oracle.100k /tmp/svc-100k.in

# 10,000 UDP connections: a client namespace sends one datagram from each
# of 10,000 ports to a NAT service; the real server need not exist.
netns_add cl
ip link add v-cl type veth peer name eth0 netns cl
ip addr add 10.7.0.1/24 dev v-cl
ip link set v-cl up
ip -n cl addr add 10.7.0.2/24 dev eth0
ip -n cl link set eth0 up
ip -n cl route add default via 10.7.0.1
ip addr add 10.7.1.1/32 dev lo
ipvsadm -A -u 10.7.1.1:53 -s rr
ipvsadm -a -u 10.7.1.1:53 -r 10.7.0.3:53 -m
ip netns exec cl udptool burst 10.7.1.1 53 20000 10000 1
# The expire column counts down between the two reads: leave it out.
ipvsadm -Lnc >/tmp/ours.conn 2>&1
rc_ours=$?
/opt/oracle/ipvsadm -Lnc >/tmp/oracle.conn 2>&1
rc_oracle=$?
n=$(grep -c '^UDP ' /tmp/ours.conn)
if [ "$rc_ours" = 0 ] && [ "$n" = 10000 ]; then
	case_pass connections-10k-count
else
	case_fail connections-10k-count "exit $rc_ours, $n UDP entries"
fi
if [ "$rc_ours" = "$rc_oracle" ] &&
	[ "$(awk '{ $2 = ""; print }' /tmp/ours.conn)" = \
		"$(awk '{ $2 = ""; print }' /tmp/oracle.conn)" ]; then
	case_pass connections-10k-oracle
else
	case_fail connections-10k-oracle "exit $rc_oracle/$rc_ours"
	diff /tmp/oracle.conn /tmp/ours.conn | head -n 20
fi
# Names instead of numbers: the same rows, looked up (files only).
ipvsadm -Lc >/tmp/ours.conn 2>&1
/opt/oracle/ipvsadm -Lc >/tmp/oracle.conn 2>&1
if [ "$(awk '{ $2 = ""; print }' /tmp/ours.conn)" = \
	"$(awk '{ $2 = ""; print }' /tmp/oracle.conn)" ]; then
	case_pass connections-10k-names-oracle
else
	case_fail connections-10k-names-oracle
	diff /tmp/oracle.conn /tmp/ours.conn | head -n 20
fi
rm -f /tmp/ours.conn /tmp/oracle.conn
