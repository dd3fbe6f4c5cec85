#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 10-asan.sh: every command and view, a 1,000-line -R, --apply and the
# error paths through the ASan+UBSan build of ipvsadm: no report allowed.
# vm-timeout: 300

asan=/usr/local/bin/ipvsadm-asan
logs=/tmp/asan-logs
bin=/tmp/asan-bin
if [ ! -x "$asan" ]; then
	case_fail asan-binary "$asan missing (make asan-ipvsadm)"
	exit 1
fi
rm -rf "$logs" "$bin"
mkdir -p "$logs" "$bin"
# Named ipvsadm so that usage texts read as they do in normal use.
ln -s "$asan" "$bin/ipvsadm"
# A report goes to a file of its own: its existence is the failure.
ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:log_path=$logs/asan
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan
export ASAN_OPTIONS UBSAN_OPTIONS

# reports NAME WHAT: one case, FAIL with the reports found since the last.
reports() {
	if [ -z "$(ls "$logs")" ]; then
		case_pass "$1"
		return 0
	fi
	case_fail "$1" "sanitizer reports after $2:"
	head -n 60 "$logs"/* | sed 's/^/    | /'
	rm -f "$logs"/*
	return 1
}

# The runtime is there and reads its options: a silent binary without
# it would pass everything below.
if ASAN_OPTIONS=help=1 "$asan" -v 2>&1 | grep -q 'AddressSanitizer'; then
	case_pass asan-runtime-active
else
	case_fail asan-runtime-active "no ASan runtime in $asan"
fi

# The command lines, in order, each noted before it runs.
: >/tmp/asan-ran
grep -v -e '^#' -e '^$' "$HARNESS_DATA/asan.cmds" | while IFS= read -r line; do
	echo "$line" >>/tmp/asan-ran
	PATH="$bin:$PATH" sh -c "$line" </dev/null >/dev/null 2>&1
	if [ -n "$(ls "$logs")" ]; then
		echo "    report after: $line"
	fi
done
reports asan-commands-and-views "the lines above"
ran=$(wc -l </tmp/asan-ran)
want=$(grep -c -v -e '^#' -e '^$' "$HARNESS_DATA/asan.cmds")
if [ "$ran" = "$want" ]; then
	case_pass asan-all-lines-ran
else
	case_fail asan-all-lines-ran "$ran of $want"
fi

# -R of 1,000 lines (200 services, 4 destinations each), then --test,
# --best-effort with failures, --apply of another table and --plan.
i=0
while [ $i -lt 200 ]; do
	vip=10.20.$((i / 250)).$((i % 250 + 1))
	echo "-A -t $vip:80 -s rr"
	for r in 1 2 3 4; do
		echo "-a -t $vip:80 -r 10.21.$r.$((i % 250 + 1)):8080 -m -w $r"
	done
	i=$((i + 1))
done >/tmp/asan-1000.in
sed 's/-s rr/-s wlc/; s/-w 4/-w 9/' /tmp/asan-1000.in >/tmp/asan-apply.in
PATH="$bin:$PATH"
export PATH
ipvsadm -C
ipvsadm -R </tmp/asan-1000.in
rc_restore=$?
ipvsadm -R --test </tmp/asan-1000.in >/dev/null 2>&1
ipvsadm -R --best-effort </tmp/asan-1000.in >/dev/null 2>&1
ipvsadm --plan /tmp/asan-apply.in >/dev/null
ipvsadm --apply /tmp/asan-apply.in
rc_apply=$?
ipvsadm -Ln --stats >/dev/null
ipvsadm -Sn >/tmp/asan-saved
printf -- '-A -t 10.0.0.1:80\nbogus line\n' | ipvsadm -R >/dev/null 2>&1
printf -- '-A -t 10.0.0.1:80\000\n' | ipvsadm -R >/dev/null 2>&1
ipvsadm -C
if [ "$rc_restore" = 0 ] && [ "$rc_apply" = 0 ] &&
	[ "$(wc -l </tmp/asan-saved)" = 1000 ]; then
	case_pass asan-restore-1000-results
else
	case_fail asan-restore-1000-results "restore $rc_restore, apply" \
		"$rc_apply, $(wc -l </tmp/asan-saved) lines saved"
fi
reports asan-restore-1000 "-R, --apply and --plan of 1,000 lines"
