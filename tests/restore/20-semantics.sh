#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 20-semantics.sh: what -R does beyond 1.31: comments, CRLF, --test,
# --best-effort, and the lock that serialises restores.

ipvsadm -A -t 10.0.0.1:80 -s rr

if printf -- '# rules\n-A -t 10.0.0.2:80 -s wrr # web\r\n\t# indented\n-a -t 10.0.0.2:80 -r 10.1.1.1 -m\r\n' |
	ipvsadm -R && ipvsadm -Sn | grep -q '^-a -t 10.0.0.2:80 -r 10.1.1.1:80 -m -w 1$'; then
	case_pass comments-and-crlf
else
	case_fail comments-and-crlf "$(ipvsadm -Sn)"
fi

before=$(ipvsadm -Sn)
out=$(printf -- '-A -t 10.0.0.3:80\n-a -t 10.0.0.3:80 -r 10.1.1.1\n-a -t 10.0.0.3:80 -r 10.1.1.2\n' |
	ipvsadm -R --test)
rc=$?
if [ $rc = 0 ] && [ "$out" = "1 services and 2 destinations would be added" ] &&
	[ "$(ipvsadm -Sn)" = "$before" ]; then
	case_pass test-changes-nothing
else
	case_fail test-changes-nothing "$out"
fi

err=$(printf -- '-A -t 10.0.0.4:80\n-A -t 10.0.0.1:80\n-A -t 10.0.0.5:80\n' |
	ipvsadm -R --best-effort 2>&1)
rc=$?
if [ $rc = 255 ] && [ "$err" = "line 2: Service already exists" ] &&
	ipvsadm -Ln -t 10.0.0.4:80 >/dev/null && ipvsadm -Ln -t 10.0.0.5:80 >/dev/null; then
	case_pass best-effort-continues
else
	case_fail best-effort-continues "rc $rc: $err"
fi

# Two restores at once: each replaces the table; the result is one of
# them entirely, never a mix.
i=0
while [ $i -lt 2000 ]; do
	echo "-A -t 10.3.$((i / 250)).$((i % 250 + 1)):80 -s rr"
	i=$((i + 1))
done >/tmp/a.body
sed 's/-s rr/-s wrr/; s/10\.3\./10.4./' /tmp/a.body >/tmp/b.body
{ echo -C; cat /tmp/a.body; } >/tmp/a.in
{ echo -C; cat /tmp/b.body; } >/tmp/b.in
ipvsadm -R </tmp/a.in &
ipvsadm -R </tmp/b.in &
wait
ipvsadm -Sn >/tmp/final
ipvsadm -C
ipvsadm -R </tmp/a.in && ipvsadm -Sn >/tmp/want.a
ipvsadm -C
ipvsadm -R </tmp/b.in && ipvsadm -Sn >/tmp/want.b
if cmp -s /tmp/final /tmp/want.a || cmp -s /tmp/final /tmp/want.b; then
	case_pass concurrent-restores
else
	case_fail concurrent-restores "$(wc -l </tmp/final) lines, a mix"
fi

# A restore killed mid-way leaves the lock usable.
ipvsadm -R </tmp/a.in &
pid=$!
sleep 0.2
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
if printf -- '-A -t 10.0.0.9:80\n' | timeout 20 ipvsadm -R; then
	case_pass lock-survives-kill
else
	case_fail lock-survives-kill "the next restore failed or hung"
fi
