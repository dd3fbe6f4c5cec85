#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 20-apply.sh: --apply and --plan: only the difference is written, no
# service that stays ever disappears, and a failure changes nothing.
# vm-timeout: 600

# start_sampler KEPT [PREFIX...]: poll `PREFIX ipvsadm -Ln` in the
# background until stop_sampler; every service listed in KEPT must be in
# every sample.  (busybox awk: NR == FNR misfires on an empty first file.)
start_sampler() {
	_kept=$1
	shift
	rm -f /tmp/sampler.stop /tmp/sampler.bad /tmp/sampler.count
	(
		while [ ! -f /tmp/sampler.stop ]; do
			"$@" ipvsadm -Ln | awk '/^TCP/ { print $2 }' >/tmp/sample
			if [ -n "$(awk 'FILENAME == ARGV[1] { s[$0] = 1; next } !s[$0]' /tmp/sample "$_kept")" ]; then
				echo missing >/tmp/sampler.bad
			fi
			echo x >>/tmp/sampler.count
		done
	) &
	_sampler=$!
}

stop_sampler() {
	touch /tmp/sampler.stop
	wait "$_sampler"
}

sampler_saw_all() {
	[ ! -f /tmp/sampler.bad ] && [ -s /tmp/sampler.count ]
}

# W1 of perf-notes: 10,000 TCP services x 4 masq destinations.
w1() {
	awk -v change="$1" 'BEGIN {
		for (i = 0; i < 10000; i++) {
			vip = sprintf("10.%d.%d.%d:80", 10 + int(i / 62500), int(i / 250) % 250, i % 250 + 1)
			# 1% of services: one weight changed, one real server
			# replaced; 0.5% removed; 50 new ones added.
			if (change && i % 200 == 7) continue
			print "-A -t " vip " -s wlc"
			for (j = 1; j <= 4; j++) {
				w = (change && i % 100 == 3 && j == 1) ? 5 : 1
				rs = (change && i % 100 == 5 && j == 4) ? 9 : j
				print "-a -t " vip " -r 192.168." rs "." (i % 250 + 1) ":8080 -m -w " w
			}
		}
		if (change)
			for (i = 0; i < 50; i++)
				print "-A -t 10.99.0." (i + 1) ":80 -s rr"
	}'
}
w1 0 >/tmp/w1.a
w1 1 >/tmp/w1.b

ipvsadm -R </tmp/w1.a
ipvsadm --plan /tmp/w1.b >/tmp/plan
rc=$?
changes=$(wc -l </tmp/plan)
# 100 weights, 100 x (add + delete) real servers, 50 removed, 50 added.
if [ $rc = 1 ] && [ "$changes" = 400 ]; then
	case_pass plan-lists-the-changes
else
	case_fail plan-lists-the-changes "rc $rc, $changes lines"
fi

# A sampler polls the table while the apply runs: every service that is
# in both files must be there in every sample.
awk '/^-A/ { print $3 }' /tmp/w1.a >/tmp/svc.a
awk '/^-A/ { print $3 }' /tmp/w1.b >/tmp/svc.b
# busybox has no comm(1): set operations in awk.
awk 'NR == FNR { a[$0] = 1; next } a[$0]' /tmp/svc.a /tmp/svc.b >/tmp/svc.kept
start_sampler /tmp/svc.kept
IPVSADM_NL_STATS=1 ipvsadm --apply /tmp/w1.b 2>/tmp/apply.err
rc=$?
stop_sampler
writes=$(sed -n 's/.*writes \([0-9]*\).*/\1/p' /tmp/apply.err)
if [ $rc = 0 ] && [ "$writes" = "$changes" ]; then
	case_pass apply-writes-only-changes
else
	case_fail apply-writes-only-changes "rc $rc, $writes writes for $changes changes: $(cat /tmp/apply.err)"
fi
if sampler_saw_all; then
	case_pass no-missing-service-during-apply
else
	case_fail no-missing-service-during-apply "$(wc -l </tmp/sampler.count) samples, a kept service went missing"
fi
# The same file restored into an empty table gives the same table.  A
# fresh namespace: re-adding after -C is slow (the kernel's dest trash).
ipvsadm -Sn >/tmp/got
netns_add fresh
ip netns exec fresh ipvsadm -R </tmp/w1.b
ip netns exec fresh ipvsadm -Sn >/tmp/want
netns_del fresh
check apply-equals-restore cmp /tmp/want /tmp/got
out=$(ipvsadm --plan /tmp/w1.b)
rc=$?
if [ $rc = 0 ] && [ -z "$out" ]; then
	case_pass plan-after-apply-is-empty
else
	case_fail plan-after-apply-is-empty "rc $rc: $(echo "$out" | head -3)"
fi

# A kernel refusal in the middle: everything already done is undone.
before=$(ipvsadm -Sn | md5sum)
{
	sed '/10.99.0.5:80/d' /tmp/w1.b
	echo "-A -t 10.99.0.5:80 -s nosuch"
} >/tmp/w1.bad
ipvsadm --apply /tmp/w1.bad 2>/tmp/bad.err
rc=$?
after=$(ipvsadm -Sn | md5sum)
if [ $rc = 255 ] && [ "$before" = "$after" ] &&
	grep -q 'Scheduler or persistence engine not found' /tmp/bad.err; then
	case_pass apply-rolls-back
else
	case_fail apply-rolls-back "rc $rc: $(head -3 /tmp/bad.err)"
fi
printf -- '-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n' >/tmp/dup
out=$(ipvsadm --apply /tmp/dup 2>&1)
if [ $? = 2 ] && [ "$out" = "line 2: Service already exists" ]; then
	case_pass apply-checks-the-file
else
	case_fail apply-checks-the-file "$out"
fi

# ipvsadm-save / ipvsadm-restore over 1,000 services with 5% changes.
netns_add small
head -n 5000 /tmp/w1.a >/tmp/k.a
awk 'NR % 20 == 3 && /^-a/ { sub(/-w 1/, "-w 7") } { print }' /tmp/k.a >/tmp/k.b
ip netns exec small ipvsadm-restore /tmp/k.a
ip netns exec small ipvsadm-save -n /tmp/saved.rules
if [ "$(grep -c '^-A' /tmp/saved.rules)" = 1000 ]; then
	case_pass save-writes-file
else
	case_fail save-writes-file "$(head -3 /tmp/saved.rules)"
fi
# The same sampler, against ipvsadm-restore of the changed file.
awk '/^-A/ { print $3 }' /tmp/k.a >/tmp/k.kept
start_sampler /tmp/k.kept ip netns exec small
ip netns exec small ipvsadm-restore </tmp/k.b
stop_sampler
if sampler_saw_all; then
	case_pass no-missing-service-during-restore-script
else
	case_fail no-missing-service-during-restore-script "a service went missing"
fi
ip netns exec small ipvsadm -Sn >/tmp/k.got
netns_add small2
ip netns exec small2 ipvsadm -R </tmp/k.b
ip netns exec small2 ipvsadm -Sn >/tmp/k.want
check restore-script-equals cmp /tmp/k.want /tmp/k.got
netns_del small
netns_del small2
