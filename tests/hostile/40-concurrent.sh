#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 40-concurrent.sh: two -R and an --apply started together end in a table
# equal to one of the three inputs; an --apply killed mid-way leaves the
# lock usable.  (Two -R alone and a killed -R: tests/restore.)
# vm-timeout: 240

# gen NET SCHED: 2,000 services of 10.NET.x.y with scheduler SCHED.
gen() {
	awk -v net="$1" -v s="$2" 'BEGIN {
		for (i = 0; i < 2000; i++)
			printf "-A -t 10.%d.%d.%d:80 -s %s\n", net, int(i / 250),
				i % 250 + 1, s
	}'
}
{ echo -C; gen 3 rr; } >/tmp/a.in
{ echo -C; gen 4 wrr; } >/tmp/b.in
gen 5 lc >/tmp/c.apply

# What each input gives on its own.
for x in a b; do
	ipvsadm -C
	ipvsadm -R </tmp/$x.in && ipvsadm -Sn >/tmp/want.$x
done
ipvsadm -C
ipvsadm --apply /tmp/c.apply && ipvsadm -Sn >/tmp/want.c

round=1
ok=1
while [ $round -le 2 ]; do
	ipvsadm -C
	ipvsadm -R </tmp/a.in &
	p1=$!
	ipvsadm --apply /tmp/c.apply &
	p2=$!
	ipvsadm -R </tmp/b.in &
	p3=$!
	wait $p1
	r1=$?
	wait $p2
	r2=$?
	wait $p3
	r3=$?
	ipvsadm -Sn >/tmp/final
	if [ "$r1$r2$r3" != 000 ] || { ! cmp -s /tmp/final /tmp/want.a &&
		! cmp -s /tmp/final /tmp/want.b &&
		! cmp -s /tmp/final /tmp/want.c; }; then
		ok=0
		why="round $round: exits $r1 $r2 $r3, $(wc -l </tmp/final) lines"
	fi
	round=$((round + 1))
done
if [ $ok = 1 ]; then
	case_pass restore-restore-apply-together
else
	case_fail restore-restore-apply-together "$why"
fi

# An --apply killed while it works: the next writer still gets the lock,
# and the table is whole (what it was, or the file's).
ipvsadm -C
ipvsadm -R </tmp/a.in
ipvsadm --apply /tmp/c.apply &
pid=$!
sleep 0.3
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
if timeout 30 ipvsadm --apply /tmp/c.apply && ipvsadm -Sn >/tmp/final &&
	cmp -s /tmp/final /tmp/want.c; then
	case_pass lock-survives-killed-apply
else
	case_fail lock-survives-killed-apply "the next --apply failed or hung"
fi
if printf -- '-A -t 10.0.0.9:80\n' | timeout 30 ipvsadm -R; then
	case_pass restore-after-killed-apply
else
	case_fail restore-after-killed-apply "the next -R failed or hung"
fi
ipvsadm -C
