#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run-suite.sh: boots the guest once and runs every *.sh of one suite
# directory in it, each in a fresh network namespace; reports per case.
#
# Usage: run-suite.sh SUITE_DIR
# The last line is always "vm: N passed, M failed"; the exit status is
# non-zero if anything failed or the guest did not finish.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
CACHE=${IPVS_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipvsadm-vm}
WORK=${IPVS_VM_WORK:-$TOP/build/vm}
TEST_TIMEOUT=${IPVS_VM_TEST_TIMEOUT:-120}
MEM=${IPVS_VM_MEM:-512}
# Extra kernel arguments, e.g. "nomods" to rely on module auto-loading.
APPEND=${IPVS_VM_APPEND:-}
# Lines of console to show when the guest did not finish.
TAIL_LINES=25

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 SUITE_DIR" >&2
	exit 2
fi
SUITE=$(cd "$1" && pwd)
NAME=${SUITE%/}
NAME=${NAME##*/}

finish() {
	echo "vm: $1 passed, $2 failed"
	[ "$2" = 0 ] || exit 1
	exit 0
}

# Callers that prepared the images already (run-suites.sh) skip this.
if [ "${IPVS_VM_PREPARED:-0}" != 1 ]; then
	if ! "$HERE/fetch.sh" || ! "$HERE/build-initramfs.sh"; then
		echo "vm: cannot prepare the guest (see above)"
		finish 0 1
	fi
fi
# shellcheck source=/dev/null
. "$CACHE/fetch.env"
KERNEL=${KERNEL:-$KERNEL_VMLINUX}
if [ ! -f "$KERNEL" ] || [ ! -r "$KERNEL" ]; then
	echo "vm: kernel image '$KERNEL' does not exist or is unreadable"
	finish 0 1
fi
if [ ! -f "$WORK/initrd.img" ]; then
	echo "vm: $WORK/initrd.img missing: run tests/vm/build-initramfs.sh"
	finish 0 1
fi

shopt -s nullglob
tests=("$SUITE"/*.sh)
if [ ${#tests[@]} -eq 0 ]; then
	echo "vm: suite $NAME has no *.sh test files"
	finish 0 1
fi

RUN=$WORK/runs/$NAME
rm -rf "$RUN"
mkdir -p "$RUN/stage/tests" "$RUN/stage/etc"
cp "${tests[@]}" "$RUN/stage/tests/"
if [ -d "$SUITE/data" ]; then
	cp -r "$SUITE/data" "$RUN/stage/tests/data"
fi
printf 'HARNESS_TEST_TIMEOUT=%s\n' "$TEST_TIMEOUT" >"$RUN/stage/etc/suite.env"
printf '#!/bin/sh\n. /etc/harness.sh\nharness_run_suite /tests\n' \
	>"$RUN/stage/test.sh"
# The archive's "." entry sets the mode of the guest's /.
chmod 755 "$RUN/stage"
(cd "$RUN/stage" && find . | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --quiet) >"$RUN/tests.cpio"
cp "$WORK/initrd.img" "$RUN/initrd.img"
# Each appended archive must start 4-byte aligned.
truncate -s %4 "$RUN/initrd.img"
cat "$RUN/tests.cpio" >>"$RUN/initrd.img"

# Serial output is slow (about 150 KB/s) but a whole suite still fits the
# budget; a hang or a guest that never boots is cut off here.
limit=60
for t in "${tests[@]}"; do
	own=$(sed -n 's/^# vm-timeout: *\([0-9][0-9]*\).*/\1/p' "$t" | head -n 1)
	limit=$((limit + ${own:-$TEST_TIMEOUT}))
done
limit=${IPVS_VM_TIMEOUT:-$limit}
# Two TCG guests on two host cores slow each other down enough to hit
# timeouts, so guests sharing a cache take turns.
exec 9>"$CACHE/qemu.lock"
if ! flock -n 9; then
	echo "vm: waiting for another guest (lock $CACHE/qemu.lock)"
	flock 9
fi
: >"$RUN/console.log"
: >"$RUN/results.txt"
start=$EPOCHREALTIME
echo "vm: suite $NAME: booting guest for ${#tests[@]} test file(s)"
set +e
timeout --kill-after=5 "$limit" qemu-system-x86_64 \
	-machine pc -accel tcg -cpu max -smp 2 -m "$MEM" \
	-nodefaults -no-user-config -display none -no-reboot \
	-serial "file:$RUN/console.log" -serial "file:$RUN/results.txt" \
	-kernel "$KERNEL" -initrd "$RUN/initrd.img" \
	-append "console=ttyS0 quiet panic=-1 mitigations=off out=ttyS1${APPEND:+ $APPEND}" \
	</dev/null >"$RUN/qemu.log" 2>&1
qrc=$?
set -e
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

# The guest's tty turns \n into \r\n.
tr -d '\r' <"$RUN/results.txt" >"$RUN/results.clean"

pass=0
fail=0
current=
output=()
file_fails=0
file_cases=0

show_output() {
	local line
	# A transcript (demo.sh) wants the guest's output as it is.
	if [ "${IPVS_VM_SHOW_OUTPUT:-0}" = 1 ]; then
		printf '%s\n' "${output[@]}"
		return 0
	fi
	echo "    --- output of $1:"
	for line in "${output[@]}"; do
		printf '    | %s\n' "$line"
	done
}

end_file() {
	local file=$1 rc=$2
	if [ "$rc" != 0 ] && [ "$file_fails" = 0 ]; then
		echo "  FAIL $file (exit code $rc)"
		fail=$((fail + 1))
		file_fails=1
	elif [ "$file_cases" = 0 ]; then
		echo "  PASS $file"
		pass=$((pass + 1))
	fi
	if [ "$file_fails" != 0 ] || [ "${IPVS_VM_SHOW_OUTPUT:-0}" = 1 ]; then
		show_output "$file"
	fi
}

ended=0
while IFS= read -r line; do
	case $line in
	"@@TEST "*)
		current=${line#@@TEST }
		output=()
		file_fails=0
		file_cases=0
		;;
	"@@RC "*)
		rest=${line#@@RC }
		end_file "${rest% *}" "${rest##* }"
		current=
		;;
	"@@END "*) ended=1 ;;
	"@@WARN "*) echo "vm: guest: ${line#@@WARN }" ;;
	*)
		[ -n "$current" ] || continue
		output+=("$line")
		if [[ $line =~ ^CASE\ (.+)\ (PASS|FAIL)$ ]]; then
			file_cases=$((file_cases + 1))
			# A transcript shows its CASE lines itself.
			[ "${IPVS_VM_SHOW_OUTPUT:-0}" = 1 ] ||
				echo "  ${BASH_REMATCH[2]} ${BASH_REMATCH[1]}"
			if [ "${BASH_REMATCH[2]}" = PASS ]; then
				pass=$((pass + 1))
			else
				fail=$((fail + 1))
				file_fails=$((file_fails + 1))
			fi
		fi
		;;
	esac
done <"$RUN/results.clean"

if [ -n "$current" ]; then
	echo "  FAIL $current (the guest stopped while it ran)"
	fail=$((fail + 1))
	show_output "$current"
fi
if [ "$ended" != 1 ]; then
	why="no @@END marker"
	if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		why="$why; killed after ${limit} s"
	fi
	if grep -q 'Kernel panic' "$RUN/console.log"; then
		why="$why; the guest kernel panicked"
	fi
	echo "vm: guest did not finish ($why, qemu exit $qrc); last console lines:"
	tail -n "$TAIL_LINES" "$RUN/console.log" | tr -d '\r' | sed 's/^/    | /'
	[ -s "$RUN/console.log" ] || echo "    (the console is empty)"
	if [ -s "$RUN/qemu.log" ]; then
		echo "vm: qemu said:"
		sed 's/^/    | /' "$RUN/qemu.log"
	fi
	fail=$((fail + 1))
fi
echo "vm: suite $NAME took ${elapsed} s (logs in $RUN)"
finish "$pass" "$fail"
