#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 10-bad-input.sh: malformed -R input: the exact error with its line
# number, the exit code, and a table left exactly as it was.

ipvsadm -A -t 10.0.0.1:80 -s rr
ipvsadm -a -t 10.0.0.1:80 -r 10.1.1.1 -m
ipvsadm -A -f 7 -s wlc
BEFORE=$(ipvsadm -Sn)

# bad NAME EXIT EXPECTED-STDERR, with the input on stdin.
bad() {
	cat >/tmp/bad.in
	ipvsadm -R </tmp/bad.in >/tmp/bad.out 2>/tmp/bad.err
	rc=$?
	after=$(ipvsadm -Sn)
	err=$(cat /tmp/bad.err)
	if [ "$rc" != "$2" ]; then
		case_fail "$1" "exit $rc, want $2; stderr: $err"
	elif [ -n "$3" ] && [ "$err" != "$3" ]; then
		case_fail "$1" "stderr '$err', want '$3'"
	elif [ "$after" != "$BEFORE" ]; then
		case_fail "$1" "the table changed: $after"
	else
		case_pass "$1"
	fi
}

TRY="Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
printf -- '-A -t 10.0.0.2:80\n-Q\n' | bad unknown-command 2 "line 2: $TRY"
printf -- '-A -t 10.0.0.2:80\n-A -t 10.0.0.3:80 --bogus\n' |
	bad unknown-option 2 "line 2: --bogus: unknown option"
printf -- '-A -t 10.0.0.2:80\n-A -t\n' |
	bad missing-argument 2 "line 2: -t: missing argument"
printf -- '-A -t 300.0.0.1:80\n' |
	bad bad-address 2 "line 1: illegal virtual server address[:port] specified"
printf -- '-A -t 10.0.0.2:99999\n' |
	bad port-range 2 "line 1: illegal virtual server address[:port] specified"
printf -- '-A -t 10.0.0.2:nosuchport\n' |
	bad port-name 2 "line 1: illegal virtual server address[:port] specified"
printf -- '-A -t 10.0.0.2\n' |
	bad zero-port 2 "line 1: Zero port specified for non-persistent service"
printf -- '-a -t 10.0.0.1:80 -r 10.1.1.2 -w -1\n' |
	bad weight-negative 2 "line 1: illegal weight specified"
printf -- '-a -t 10.0.0.1:80 -r 10.1.1.2 -w 2147483648\n' |
	bad weight-range 2 "line 1: illegal weight specified"
printf -- '-a -t 10.0.0.1:80 -r 10.1.1.2 -x abc\n' |
	bad u-threshold 2 "line 1: illegal u_threshold specified"
printf -- '-A -t 10.0.0.2:80 -p 0\n' |
	bad timeout-zero 2 "line 1: invalid timeout value \`0' specified"
printf -- '-A -t 10.0.0.2:80 -p 2678401\n' |
	bad timeout-range 2 "line 1: invalid timeout value \`2678401' specified"
printf -- '-a -t 10.0.0.1:80 -r 10.1.1.2:70000 -m\n' |
	bad dest-port 2 "line 1: illegal real server address[:port] specified"
printf -- '-a -t 10.0.0.1:80 -r 1.2.3.4.5 -m\n' |
	bad dest-address 2 "line 1: illegal real server address[:port] specified"
printf -- '-A -f 0\n' | bad fwmark-zero 2 "line 1: invalid fwmark value \`0' specified"
printf -- '-A -t 10.0.0.2:80 -s rr extra\n' |
	bad trailing-word 2 "line 1: unexpected argument extra"
printf -- '-A -t 10.0.0.2:80\n-R\n' | bad nested-restore 2 "line 2: $TRY"
printf -- '-A -t 10.0.0.2:80 -p 5 -M 300.1.1.1\n' |
	bad netmask 2 "line 1: illegal virtual server persistent mask specified"
printf -- '-a -t 10.0.0.1:80\n' |
	bad matrix-required 2 "line 1: You need to supply the 'real-server' option for the 'add-server' command"
printf -- '-D -t 10.0.0.1:80 -s rr\n' |
	bad matrix-illegal 2 "line 1: Illegal 'scheduler' option with the 'delete-service' command"
printf -- '-L -c --timeout\n' |
	bad matrix-conflict 2 "line 1: The option 'timeout' conflicts with the 'connection' option in the 'list' command"
printf -- '-A -t 10.0.0.2:80 -b bogus\n' |
	bad sched-flag 2 "line 1: invalid scheduler flag \`bogus'"
printf -- '-a -t 10.0.0.1:80 -r 10.1.1.2 -m --tun-type gre\n' |
	bad tunnel-conflict 2 "line 1: Tunnel options conflict with forward method"
printf -- '-A -6 -f 1\n' | bad ipv6-before-fwmark 2 "line 1: -6 used before -f"
printf -- '\n\n\n-A -t 10.0.0.2:80\n\n-A bogus\n' |
	bad line-numbers-count-blanks 2 "line 6: unexpected argument bogus"
printf -- '-A -t 10.0.0.2:80 # a comment\n-A -u 10.0.0.2:53 bad\n' |
	bad after-comment 2 "line 2: unexpected argument bad"
printf -- '--set 1 2\n' | bad set-arity 2 "line 1: --set option requires 3 timeout values"
printf -- '--start-daemon bogus\n' |
	bad daemon-state 2 "line 1: illegal start-daemon parameter specified"
{
	printf -- '-A -t 10.0.0.2:80 -s '
	head -c 5000 /dev/zero | tr '\0' x
	printf '\n'
} | bad line-5000-bytes 2 "line 1: line longer than 4096 bytes"
printf -- '-A -t 10.0.0.2:80\n-A -t 10.0.0.3:80\000\n' |
	bad nul-byte 2 "line 2: NUL byte in input"
{
	printf -- '-A -t 10.0.0.2:80'
	i=0
	while [ $i -lt 300 ]; do
		printf ' -n'
		i=$((i + 1))
	done
	printf '\n'
} | bad too-many-words 2 "line 1: too many arguments"
head -c 3000 /bin/busybox | bad binary-file 2 ""

# Kernel refusals: every request is undone, each failing line named.
printf -- '-a -t 10.0.0.5:80 -r 10.1.1.1 -m\n-A -t 10.0.0.5:80\n' |
	bad server-before-service 255 "line 1: Service not defined"
printf -- '-A -t 10.0.0.2:80\n-A -t 10.0.0.2:80\n' |
	bad duplicate-service 255 "line 2: Service already exists"
printf -- '-A -t 10.0.0.2:80\n-a -t 10.0.0.1:80 -r 10.1.1.1 -m\n' |
	bad duplicate-destination 255 "line 2: Destination already exists"
printf -- '-A -t 10.0.0.2:80 -s nosuch\n' |
	bad unknown-scheduler 255 "line 1: Scheduler or persistence engine not found"
printf -- '-A -t 10.0.0.2:80\n-D -t 10.9.9.9:80\n' |
	bad delete-missing 255 "line 2: No such service"
printf -- '-e -t 10.0.0.1:80 -r 10.1.1.9 -m\n' |
	bad edit-missing-dest 255 "line 1: No such destination"
printf -- '-C\n-A -t 10.0.0.9:80 -s nosuch\n' |
	bad rollback-flush 255 "line 2: Scheduler or persistence engine not found"
printf -- '-D -t 10.0.0.1:80\n-A -t 10.0.0.1:80 -s nosuch\n' |
	bad rollback-delete 255 "line 2: Scheduler or persistence engine not found"
printf -- '-E -t 10.0.0.1:80 -s wrr -p 10\n-e -t 10.0.0.1:80 -r 10.1.1.1 -g -w 9\n-D -t 10.9.9.9:80\n' |
	bad rollback-edits 255 "line 3: No such service"
printf -- '-A -t 10.0.0.2:80\n-A -t 10.0.0.2:80\n-A -t 10.0.0.3:80\n-A -t 10.0.0.3:80\n' |
	bad every-failure-named 255 "line 2: Service already exists
line 4: Service already exists"

# A kernel error on the last of 10,000 lines: all 9,999 are undone.
i=0
while [ $i -lt 9999 ]; do
	echo "-A -t 10.2.$((i / 250)).$((i % 250 + 1)):80 -s rr"
	i=$((i + 1))
done >/tmp/big.in
echo "-A -t 10.0.0.1:80 -s rr" >>/tmp/big.in
bad last-of-10000 255 "line 10000: Service already exists" </tmp/big.in

# Inputs that are fine and must change nothing.
: | bad empty-file 0 ""
printf '# only\n   # comments\n\n' | bad only-comments 0 ""
