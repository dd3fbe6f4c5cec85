#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# gen-workload.sh: writes benchmark workload W1..W5 in ipvsadm -R syntax.
#
# Usage: gen-workload.sh W1|W2|W3|W4|W5 > FILE
# Deterministic (no randomness), POSIX awk only.  Definitions follow
# perf-notes §7.  Service i has the address 10.(1+i/65536).(i/256%256).(i%256),
# so every workload has the TCP service 10.1.0.0:80 that the single-command
# measurement adds a destination to.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 W1|W2|W3|W4|W5" >&2
	exit 2
fi

awk -v w="$1" '
function vip(i) {
	return sprintf("10.%d.%d.%d", 1 + int(i / 65536), int(i / 256) % 256,
		i % 256)
}
# rip(k, i): real server k of service i, unique within the service.
function rip(k, i) {
	return sprintf("10.%d.%d.%d", 100 + k, int(i / 256) % 256, i % 256)
}
# n services x d masq/route destinations, rr, every service TCP port 80.
function simple(n, d, fwd,    i, k, s) {
	for (i = 0; i < n; i++) {
		s = vip(i) ":80"
		print "-A -t " s " -s rr"
		for (k = 0; k < d; k++)
			print "-a -t " s " -r " rip(k, i) ":80 " fwd " -w 1"
	}
}
# 100 services x 100 destinations with weights 1..10.
function wide(    i, k, s) {
	for (i = 0; i < 100; i++) {
		s = vip(i) ":80"
		print "-A -t " s " -s wlc"
		for (k = 0; k < 100; k++)
			printf "-a -t %s -r 192.168.%d.%d:8080 -m -w %d\n", s, k,
				i + 1, k % 10 + 1
	}
}
# Mixed: a quarter each TCP, UDP, fwmark and IPv6 TCP; rr, wlc, sh with
# sh-port, mh with mh-port in turn; every fifth persistent; 2-8
# destinations with weights 0..10 and -g/-i/-m in turn.
function mixed(n,    i, k, kind, s, a, sched, fwd, d, r) {
	split("-g -i -m", fwd, " ")
	for (i = 0; i < n; i++) {
		kind = i % 4
		if (kind == 0)
			s = "-t " vip(i) ":80"
		else if (kind == 1)
			s = "-u " vip(i) ":53"
		else if (kind == 2)
			s = "-f " (i + 1)
		else
			s = sprintf("-t [2001:db8::%x]:443", i + 1)
		sched = int(i / 4) % 4
		a = "-A " s
		if (sched == 0)
			a = a " -s rr"
		else if (sched == 1)
			a = a " -s wlc"
		else if (sched == 2)
			a = a " -s sh -b sh-port"
		else
			a = a " -s mh -b mh-port"
		if (i % 5 == 0)
			a = a " -p " (60 * (1 + i % 7))
		print a
		d = 2 + i % 7
		for (k = 0; k < d; k++) {
			if (kind == 3)
				r = sprintf("[2001:db8:%x::%x]:443", k + 1, i + 1)
			else
				r = rip(k, i) ":" (kind == 1 ? 53 : 80)
			printf "-a %s -r %s %s -w %d\n", s, r,
				fwd[1 + (i + k) % 3], (i * 3 + k) % 11
		}
	}
}
BEGIN {
	if (w == "W1")
		simple(10000, 4, "-m")
	else if (w == "W2")
		simple(100000, 1, "-g")
	else if (w == "W3")
		simple(16000, 1, "-g")
	else if (w == "W4")
		wide()
	else if (w == "W5")
		mixed(2000)
	else {
		print "unknown workload " w > "/dev/stderr"
		exit 2
	}
}'
