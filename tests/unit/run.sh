#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh: runs cmocka test binaries and prints one closing summary line.
set -u
name=$1
shift
passed=0
failed=0
for t in "$@"; do
	out=$("$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" != 0 ]; then
		printf '%s\n' "$out"
		[ -z "$f" ] && failed=$((failed + 1))
		echo "FAIL: $t (exit $rc)"
	else
		echo "ok: $t (${p:-0} tests)"
	fi
done
echo "$name: $passed passed, $failed failed"
[ "$failed" = 0 ]
