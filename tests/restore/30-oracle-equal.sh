#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 30-oracle-equal.sh: valid inputs give the same table as 1.31's -R, read
# back with 1.31's -Sn.
# vm-timeout: 300

# same NAME: /tmp/in restored by each binary in a namespace of its own.
same() {
	for side in oracle ours; do
		netns_add "eq-$side"
		ip netns exec "eq-$side" "/opt/$side/ipvsadm" -R </tmp/in \
			>/dev/null 2>"/tmp/$side.err"
		echo "rc $?" >>"/tmp/$side.err"
		ip netns exec "eq-$side" /opt/oracle/ipvsadm -Sn >"/tmp/$side.sn"
		netns_del "eq-$side"
	done
	if cmp -s /tmp/oracle.sn /tmp/ours.sn &&
		cmp -s /tmp/oracle.err /tmp/ours.err; then
		case_pass "$1"
	else
		case_fail "$1" "tables or results differ"
		diff /tmp/oracle.sn /tmp/ours.sn | head -20
		diff /tmp/oracle.err /tmp/ours.err | head -5
	fi
}

scheds="rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh"
n=0
for s in $scheds; do
	n=$((n + 1))
	{
		echo "-A -t 10.0.$n.1:80 -s $s"
		echo "-a -t 10.0.$n.1:80 -r 10.1.$n.1 -m -w $n"
		echo "-a -t 10.0.$n.1:80 -r 10.1.$n.2:8080 -m -x 10 -y 2"
		echo "-A -u 10.0.$n.1:53 -s $s -p $((n * 10))"
		echo "-a -u 10.0.$n.1:53 -r 10.1.$n.3 -i -w 0"
	} >/tmp/in
	same "sched-$s"
done
printf -- '-A -f 1 -s sh -b sh-fallback,sh-port\n-a -f 1 -r 10.1.1.1 -m\n-A -f 2 -6 -s mh -b mh-port -p 30 -M 64\n-a -f 2 -6 -r 2001:db8::1 -i -w 4\n' >/tmp/in
same fwmark
printf -- '-A -t [2001:db8::1]:443 -s rr -p 600 -M 64\n-a -t [2001:db8::1]:443 -r 2001:db8::113 -g -w 100\n-a -t [2001:db8::1]:443 -r 10.3.3.3 -i --tun-type gue --tun-port 6080 --tun-nocsum\n' >/tmp/in
same ipv6-mixed
printf -- '-A --sctp-service 10.0.0.5:3868 -s mh -b mh-fallback\n-a --sctp-service 10.0.0.5:3868 -r 10.2.2.3 -g -w 5\n' >/tmp/in
same sctp
printf -- '-A -t 10.0.0.1:443 -s rr\n-a -t 10.0.0.1:443 -r 10.3.3.3 -i --tun-type gue --tun-port 6080 --tun-csum\n-a -t 10.0.0.1:443 -r 10.3.3.4 -i --tun-type gre --tun-csum\n-a -t 10.0.0.1:443 -r 10.3.3.5 -i --tun-type gue --tun-port 6081 --tun-remcsum\n-a -t 10.0.0.1:443 -r 10.3.3.6 -i --tun-type ipip\n' >/tmp/in
same tunnels
printf -- '-A -u 10.0.0.2:5060 -s rr -p 60 --pe sip\n-A -u 10.0.0.3:53 -s rr -o\n' >/tmp/in
same pe-and-ops
printf -- 'ipvsadm -A ipvsadm -t 10.0.0.2:80\t-s wrr\r\n\n\n-a -t 10.0.0.2:80 -r 10.1.1.1 -g -w 2' >/tmp/in
same tokens
printf -- '-A -t 10.0.0.1:80\n-E -t 10.0.0.1:80 -s sh -p 5\n-a -t 10.0.0.1:80 -r 10.1.1.1 -m\n-e -t 10.0.0.1:80 -r 10.1.1.1 -m -w 5\n-d -t 10.0.0.1:80 -r 10.1.1.1\n' >/tmp/in
same edits-and-deletes
printf -- '-A -t 10.0.0.1:80\n-A -t 10.0.0.2:80\n-D -t 10.0.0.1:80\n-C\n-A -t 10.0.0.3:80\n-Z\n' >/tmp/in
same flush-inside
printf -- '-A -t 10.0.0.1:80\n--set 100 20 30\n-Ln\n' >/tmp/in
same set-and-list
: >/tmp/in
same empty
for k in 1 2 3 4 5 6 7 8 9 10; do
	i=0
	while [ $i -lt $((k * 37)) ]; do
		echo "-A -t 10.$k.$((i / 200)).$((i % 200 + 1)):$((80 + k)) -s wrr"
		echo "-a -t 10.$k.$((i / 200)).$((i % 200 + 1)):$((80 + k)) -r 10.200.$k.$((i % 200 + 1)) -m -w $((i % 7))"
		i=$((i + 1))
	done >/tmp/in
	same "generated-$k"
done
i=0
while [ $i -lt 10000 ]; do
	echo "-A -t 10.5.$((i / 250)).$((i % 250 + 1)):80 -s rr"
	echo "-a -t 10.5.$((i / 250)).$((i % 250 + 1)):80 -r 10.6.0.1 -i -w 1"
	i=$((i + 1))
done >/tmp/in
same ten-thousand-services
