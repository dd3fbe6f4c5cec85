#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh: valgrind memcheck on the host: every unit test binary, and the
# ipvsadm paths that need no IPVS kernel (usage, version, the start-up
# failure, tun's parser, dry run and check).  The kernel-backed paths run
# under ASan in the guest instead (tests/hostile/10-asan.sh).
#
# Usage: run.sh IPVSADM UNIT_BIN...
set -u
ipvsadm=$1
shift
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# vg NAME CMD...: memcheck errors or definite/indirect leaks fail it (not
# "possibly lost": libnl's constructors keep some blocks); the
# command's own exit code does not matter.
vg() {
	name=$1
	shift
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect \
		--log-file="$log" "$@" >/dev/null 2>&1 </dev/null
	if [ $? = 99 ]; then
		failed=$((failed + 1))
		echo "FAIL: $name"
		sed 's/^/    | /' "$log" | head -n 40
	else
		passed=$((passed + 1))
		echo "ok: $name"
	fi
}

for t in "$@"; do
	vg "${t##*/}" "$t"
done
vg "ipvsadm -h" "$ipvsadm" -h
vg "ipvsadm -v" "$ipvsadm" -v
vg "ipvsadm -Ln (start-up)" "$ipvsadm" -Ln
vg "ipvsadm bad option" "$ipvsadm" -A -t 1.2.3.4:99999
vg "ipvsadm tun help" "$ipvsadm" tun help
vg "ipvsadm tun bad VIP" "$ipvsadm" tun director 10.0.0.1/24
vg "ipvsadm tun dry run" "$ipvsadm" tun realserver --dry-run 10.9.9.9
vg "ipvsadm tun check" "$ipvsadm" tun check --json 10.9.9.9
echo "valgrind: $passed passed, $failed failed"
[ "$failed" = 0 ]
