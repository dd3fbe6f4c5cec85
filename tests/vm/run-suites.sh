#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run-suites.sh: prepares the guest once, then runs every suite (one boot
# each) and sums their results into one final "vm: N passed, M failed".
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)

total_pass=0
total_fail=0

summary() {
	echo "vm: $total_pass passed, $total_fail failed"
	[ "$total_fail" = 0 ]
}

if ! "$HERE/fetch.sh" || ! "$HERE/build-initramfs.sh"; then
	echo "vm: cannot prepare the guest (see above)"
	total_fail=1
	summary || exit 1
fi

suites=()
for dir in "$HERE"/suites/*/; do
	[ -d "$dir" ] && suites+=("${dir%/}")
done
# Suites kept beside the code they prove, outside tests/vm.
for dir in "$TOP"/tests/compat "$TOP"/tests/e2e "$TOP"/tests/restore \
	"$TOP"/tests/beyond "$TOP"/tests/hostile; do
	if compgen -G "$dir/*.sh" >/dev/null; then
		suites+=("$dir")
	fi
done
if [ ${#suites[@]} -eq 0 ]; then
	echo "vm: no suites found"
	total_fail=1
	summary || exit 1
fi

export IPVS_VM_PREPARED=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for suite in "${suites[@]}"; do
	echo "=== vm suite ${suite#"$TOP"/}"
	"$HERE/run-suite.sh" "$suite" | tee "$log" || true
	# run-suite.sh always ends with its own count; a missing count means
	# it broke before that, which counts as a failure.
	last=$(tail -n 1 "$log")
	if [[ $last =~ ^vm:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		total_pass=$((total_pass + BASH_REMATCH[1]))
		total_fail=$((total_fail + BASH_REMATCH[2]))
	else
		echo "vm: suite ${suite#"$TOP"/} gave no result line"
		total_fail=$((total_fail + 1))
	fi
done
summary
