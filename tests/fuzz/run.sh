#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh: runs each libFuzzer target over its seed corpus for a number of
# executions (or seconds) and prints one closing "fuzz: N passed, N failed".
#
# Usage: run.sh RUNS SECONDS BIN...   (SECONDS 0: no time limit)
# A target's seeds and regression inputs are tests/fuzz/corpus/NAME/ (read
# only); what it discovers goes to build/fuzz/corpus/NAME/, and a crash to
# build/fuzz/artifacts/.
set -u
runs=$1
secs=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$top/build/fuzz
passed=0
failed=0
mkdir -p "$work/artifacts"
for bin in "$@"; do
	name=${bin##*/fuzz_}
	seeds=$top/tests/fuzz/corpus/$name
	mkdir -p "$work/corpus/$name" "$seeds"
	# The restore reader has its own 4096-byte line limit to cross.
	maxlen=4096
	[ "$name" = script ] && maxlen=9000
	log=$work/$name.log
	"$bin" -runs="$runs" -max_total_time="$secs" -max_len="$maxlen" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/$name-" \
		"$work/corpus/$name" "$seeds" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" = 0 ]; then
		passed=$((passed + 1))
		echo "ok: fuzz_$name (${execs:-?} executions)"
	else
		failed=$((failed + 1))
		# The sanitizer's report and the input that caused it.
		grep -A 40 -m 1 -E '^==[0-9]+==|runtime error|^ALARM|^SUMMARY' \
			"$log" | head -n 60
		echo "FAIL: fuzz_$name (exit $rc; log $log, input in $work/artifacts/)"
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
