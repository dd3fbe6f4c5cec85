#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 60-valgrind.sh: memcheck on -R, -Sn, -Ln, --stats, --json and --apply of
# 10,000 services and on a restore that rolls back, against the real
# kernel: zero errors and nothing definitely lost, and each run under
# valgrind prints exactly what the same command prints without it.
# vm-timeout: 900

logs=/tmp/vg-logs
rm -rf "$logs"
mkdir -p "$logs"

if ! command -v valgrind >/dev/null; then
	case_fail valgrind-present "no valgrind in the guest (libc6-dbg, valgrind)"
	exit 1
fi

# vg NAME CMD...: CMD under memcheck, its stdout in $logs/NAME.out; the
# log holds valgrind's own report only.
vg() {
	_vg_name=$1
	shift
	_vg_t0=$(cut -d. -f1 /proc/uptime)
	valgrind -q --tool=memcheck --leak-check=full \
		--errors-for-leak-kinds=definite --error-exitcode=99 \
		--log-file="$logs/$_vg_name.log" "$@" >"$logs/$_vg_name.out"
	_vg_rc=$?
	echo "# $_vg_name: $(($(cut -d. -f1 /proc/uptime) - _vg_t0)) s under valgrind"
	return $_vg_rc
}

# verdict NAME RC WANT_RC REFERENCE: PASS if CMD exited WANT_RC, memcheck
# said nothing and the output equals REFERENCE (a file made without
# valgrind; "-" to skip).
verdict() {
	if [ "$2" != "$3" ]; then
		case_fail "$1" "exit $2, expected $3"
		head -n 40 "$logs/$1.log" | sed 's/^/    | /'
		return 1
	fi
	if [ -s "$logs/$1.log" ]; then
		case_fail "$1" "memcheck reported:"
		head -n 60 "$logs/$1.log" | sed 's/^/    | /'
		return 1
	fi
	if [ "$4" != - ] && ! cmp -s "$4" "$logs/$1.out"; then
		case_fail "$1" "output differs from the run without valgrind"
		diff "$4" "$logs/$1.out" | head -n 10 | sed 's/^/    | /'
		return 1
	fi
	case_pass "$1"
}

# memcheck starts here at all (ld.so's symbols, the tool, the preloads).
if valgrind --tool=memcheck -v ipvsadm -v 2>&1 | grep -q 'Memcheck'; then
	case_pass memcheck-active
else
	case_fail memcheck-active "valgrind does not run memcheck here"
	exit 1
fi

# 10,000 services with 2 tunnel destinations each, spread over the
# kernel's service hash (its key keeps the address's low byte).
awk 'BEGIN {
	for (i = 0; i < 10000; i++) {
		svc = sprintf("10.%d.%d.%d:80", int(i / 2500), int(i / 10) % 250,
			i % 250 + 1)
		printf "-A -t %s -s wrr\n", svc
		for (j = 1; j <= 2; j++)
			printf "-a -t %s -r 192.168.%d.%d:80 -i -w %d\n", svc,
				j, i % 250 + 1, j
	}
}' >/tmp/vg-10k.in

vg restore-10k ipvsadm -R </tmp/vg-10k.in
rc=$?
[ "$(ipvsadm -Sn | wc -l)" = 30000 ] || rc="$rc, $(ipvsadm -Sn | wc -l) lines"
verdict restore-10k "$rc" 0 -

ipvsadm -Sn >/tmp/vg-ref.Sn
vg save-10k ipvsadm -Sn
verdict save-10k $? 0 /tmp/vg-ref.Sn

ipvsadm -Ln >/tmp/vg-ref.Ln
vg list-10k ipvsadm -Ln
verdict list-10k $? 0 /tmp/vg-ref.Ln

ipvsadm -Ln --stats --exact >/tmp/vg-ref.stats
vg stats-10k ipvsadm -Ln --stats --exact
verdict stats-10k $? 0 /tmp/vg-ref.stats

ipvsadm -Ln --json >/tmp/vg-ref.json
vg json-10k ipvsadm -Ln --json
verdict json-10k $? 0 /tmp/vg-ref.json

# --apply of the same set with every tenth service's scheduler changed.
awk '/^-A/ && NR % 30 == 1 { sub(/-s wrr/, "-s rr") } { print }' \
	/tmp/vg-10k.in >/tmp/vg-10k.apply
vg apply-10k ipvsadm --apply /tmp/vg-10k.apply
rc=$?
[ "$(ipvsadm -Sn | grep -c -- '-s rr$')" = 1000 ] || rc="$rc, wrong table"
verdict apply-10k "$rc" 0 -

# A restore whose last line the kernel refuses: rolled back, exit 255.
ipvsadm -C
{
	head -n 3000 /tmp/vg-10k.in
	echo "-A -t 10.0.0.1:80 -s rr"
} >/tmp/vg-fail.in
vg rollback ipvsadm -R </tmp/vg-fail.in
rc=$?
[ -z "$(ipvsadm -Sn)" ] || rc="$rc, table not empty"
verdict rollback "$rc" 255 -
