#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# guest-lib.sh: the guest's /etc/harness.sh: /init, the suite runner and
# the helpers every test file is sourced with.
#
# Runs under busybox ash.  Helpers keep their state in variables prefixed
# with _h_ because they are sourced into the test's own shell.

# Debian's busybox runs its own applets before searching PATH, and its
# `ip` knows neither netns nor veth; route every `ip` to iproute2.
ip() { /sbin/ip "$@"; }

HARNESS_GUEST=1
HARNESS_DATA=/tests/data
export HARNESS_GUEST HARNESS_DATA

# case_pass NAME
case_pass() {
	echo "CASE $1 PASS"
}

# case_fail NAME [WHY...]
case_fail() {
	_h_case=$1
	shift
	echo "CASE $_h_case FAIL"
	[ $# -eq 0 ] || echo "    why: $*"
}

# check NAME CMD [ARG...]: PASS if CMD exits 0; else FAIL with its output.
check() {
	_h_case=$1
	shift
	if _h_out=$("$@" 2>&1); then
		case_pass "$_h_case"
	else
		case_fail "$_h_case" "exit $? from: $*"
		[ -z "$_h_out" ] || printf '%s\n' "$_h_out" | sed 's/^/    | /'
	fi
}

# netns_add NAME: a named namespace with lo up; a fresh netns has lo
# down, and then IPVS refuses every real server as "not unicast".
netns_add() {
	ip netns add "$1" && ip -n "$1" link set lo up
}

# netns_del NAME: a namespace is only freed (and its veth names released)
# once no process is left in it.
netns_del() {
	_h_pids=$(ip netns pids "$1" 2>/dev/null)
	if [ -n "$_h_pids" ]; then
		# shellcheck disable=SC2086 # one pid per word
		kill -9 $_h_pids 2>/dev/null
		_h_try=0
		while [ -n "$(ip netns pids "$1" 2>/dev/null)" ] &&
			[ "$_h_try" -lt 40 ]; do
			sleep 0.05
			_h_try=$((_h_try + 1))
		done
	fi
	ip netns del "$1"
}

harness_clean_netns() {
	for _h_ns in $(ip netns list 2>/dev/null | cut -d' ' -f1); do
		netns_del "$_h_ns"
	done
}

# _h_section TITLE FILE: FILE under a header, with a missing final
# newline made visible rather than glued to the next header.
_h_section() {
	echo "$1"
	if [ -s "$2" ]; then
		cat "$2"
		[ -z "$(tail -c 1 "$2")" ] || printf '\n\\ no newline at end\n'
	fi
}

# _h_report DIR SIDE COUNT: everything one binary did, as one text.
_h_report() {
	_h_i=1
	while [ "$_h_i" -le "$3" ]; do
		if [ "$3" -gt 1 ]; then
			IFS= read -r _h_s <"$1/snip.$_h_i"
			echo "==== line $_h_i: $_h_s"
		fi
		read -r _h_s <"$1/$2.$_h_i.rc"
		echo "== exit code $_h_s"
		_h_section "== stdout" "$1/$2.$_h_i.out"
		_h_section "== stderr" "$1/$2.$_h_i.err"
		_h_i=$((_h_i + 1))
	done
	cat "$1/$2.tab"
}

# The differential runner, run once per binary inside an anonymous
# namespace of its own (unshare -n) that vanishes with its last process.
# $1 is the directory holding snip.1..$3, $2 the side's name; it writes
# $1/$2.report.  busybox's static ip brings lo up 3x faster than iproute2.
# shellcheck disable=SC2016 # expanded by the inner shell
_h_runner='
. /etc/harness.sh
busybox ip link set lo up || exit 126
i=1
while [ "$i" -le "$3" ]; do
	sh -c ". /etc/harness.sh; . \"\$1\"" sh "$1/snip.$i" </dev/null \
		>"$1/$2.$i.out" 2>"$1/$2.$i.err"
	echo "$?" >"$1/$2.$i.rc"
	i=$((i + 1))
done
{
	echo "== ipvsadm -Sn"
	ipvsadm -Sn 2>&1
	echo "-- exit code $?"
	echo "== ipvsadm -Ln"
	ipvsadm -Ln 2>&1
	echo "-- exit code $?"
} >"$1/$2.tab" </dev/null
_h_report "$1" "$2" "$3" >"$1/$2.report"
'

# _h_first_diff DIR COUNT: the first snippet whose results differ.
_h_first_diff() {
	_h_i=1
	while [ "$_h_i" -le "$2" ]; do
		for _h_f in rc out err; do
			if ! cmp -s "$1/oracle.$_h_i.$_h_f" "$1/ours.$_h_i.$_h_f"; then
				echo "$_h_i"
				return 0
			fi
		done
		_h_i=$((_h_i + 1))
	done
	return 1
}

# _h_compat NAME DIR COUNT: run snip.1..COUNT through both binaries and
# compare.  The two sides share nothing (each has its own namespace and
# files), so they run at once, one per guest CPU.
_h_compat() {
	for _h_side in oracle ours; do
		if [ ! -x "/opt/$_h_side/ipvsadm" ]; then
			case_fail "$1" "/opt/$_h_side/ipvsadm is missing"
			return 1
		fi
	done
	unshare -n env PATH="/opt/oracle:$PATH" \
		sh -c "$_h_runner" sh "$2" oracle "$3" </dev/null &
	_h_bg=$!
	unshare -n env PATH="/opt/ours:$PATH" \
		sh -c "$_h_runner" sh "$2" ours "$3" </dev/null
	wait "$_h_bg"
	if cmp -s "$2/oracle.report" "$2/ours.report"; then
		case_pass "$1"
		return 0
	fi
	if [ "$3" = 1 ] && _h_first_diff "$2" 1 >/dev/null; then
		case_fail "$1" "stdout, stderr or exit code differ:" \
			"$(cat "$2/snip.1")"
	elif _h_line=$(_h_first_diff "$2" "$3"); then
		case_fail "$1" "first difference at line $_h_line:" \
			"$(cat "$2/snip.$_h_line")"
	else
		case_fail "$1" "the tables differ afterwards"
	fi
	diff -U 3 -L oracle -L ours "$2/oracle.report" "$2/ours.report" |
		head -n "${HARNESS_DIFF_LINES:-150}"
	return 1
}

# _h_split MODE FILE ROOT NAME: cut FILE into blocks ROOT/1, ROOT/2, ...
# each holding name, count and snip.1..count; blank and '#' lines never
# count.  MODE file: one block NAME; lines: a block per line, named
# STEM:LINENO; cases: a block per "== NAME" header.
_h_split() {
	awk -v mode="$1" -v root="$3" -v fname="$4" -v file="$2" '
	function start(name) {
		k++
		dir = root "/" k
		system("mkdir -p \"" dir "\"")
		print name > (dir "/name")
		close(dir "/name")
		n[k] = 0
	}
	BEGIN {
		stem = file
		sub(/.*\//, "", stem)
		sub(/\.[^.]*$/, "", stem)
		if (mode == "file")
			start(fname)
	}
	{
		t = $0
		sub(/^[ \t]+/, "", t)
	}
	mode == "cases" && t ~ /^== / {
		name = substr(t, 4)
		sub(/[ \t]+$/, "", name)
		start(name)
		next
	}
	t == "" || t ~ /^#/ { next }
	mode == "lines" { start(stem ":" NR) }
	k == 0 {
		print stem ":" NR > (root "/stray")
		next
	}
	{
		f = root "/" k "/snip." ++n[k]
		print > f
		close(f)
	}
	END {
		for (i = 1; i <= k; i++)
			print n[i] > (root "/" i "/count")
	}' "$2"
}

# _h_blocks ROOT: every block _h_split made, each one case.
_h_blocks() {
	_h_k=1
	_h_fails=0
	if [ -f "$1/stray" ]; then
		case_fail "$(head -n 1 "$1/stray")" "lines outside any '== NAME'" \
			"block: $(tr '\n' ' ' <"$1/stray")"
		_h_fails=1
	fi
	while [ -d "$1/$_h_k" ]; do
		_h_compat "$(cat "$1/$_h_k/name")" "$1/$_h_k" \
			"$(cat "$1/$_h_k/count")" || _h_fails=$((_h_fails + 1))
		_h_k=$((_h_k + 1))
	done
	[ "$_h_fails" = 0 ]
}

# _h_compat_split MODE FILE [NAME]
_h_compat_split() {
	if [ ! -r "$2" ]; then
		case_fail "${3:-$2}" "cannot read $2"
		return 1
	fi
	_h_root=$(mktemp -d /tmp/compat.XXXXXX) || return 1
	_h_split "$1" "$2" "$_h_root" "${3:-}"
	_h_blocks "$_h_root"
	_h_rc=$?
	rm -rf "$_h_root"
	return "$_h_rc"
}

# compat NAME SNIPPET: SNIPPET's stdout, stderr and exit code, then the
# -Sn and -Ln tables, must be the same with the oracle and with ours.
compat() {
	_h_root=$(mktemp -d /tmp/compat.XXXXXX) || return 1
	printf '%s\n' "$2" >"$_h_root/snip.1"
	_h_compat "$1" "$_h_root" 1
	_h_rc=$?
	rm -rf "$_h_root"
	return "$_h_rc"
}

# compat_file NAME FILE: one snippet per line of FILE (blank and '#'
# lines skipped), all run in order in the same namespace per binary;
# one case.
compat_file() {
	_h_compat_split file "$2" "$1"
}

# compat_lines FILE: every line of FILE is a case of its own, named
# STEM:LINENO (FILE's name without directory and extension), each in
# fresh namespaces.
compat_lines() {
	_h_compat_split lines "$1"
}

# compat_cases FILE: FILE is made of blocks, each starting with a line
# "== NAME"; each block is one case run like compat_file.
compat_cases() {
	_h_compat_split cases "$1"
}

# harness_file_timeout FILE DEFAULT: a test file may ask for a longer
# limit than the default with a line "# vm-timeout: SECONDS";
# run-suite.sh reads the same line to size the whole boot's limit.
harness_file_timeout() {
	_h_v=$(sed -n 's/^# vm-timeout: *\([0-9][0-9]*\).*/\1/p' "$1" | head -n 1)
	echo "${_h_v:-$2}"
}

# harness_run_suite DIR: every DIR/*.sh in its own fresh namespace,
# framed by @@TEST/@@RC lines that run-suite.sh parses on the host.
harness_run_suite() {
	# shellcheck source=/dev/null
	[ ! -f /etc/suite.env ] || . /etc/suite.env
	_h_default=${HARNESS_TEST_TIMEOUT:-120}
	_h_n=0
	for _h_t in "$1"/*.sh; do
		[ -f "$_h_t" ] || continue
		_h_n=$((_h_n + 1))
		_h_limit=$(harness_file_timeout "$_h_t" "$_h_default")
		echo "@@TEST ${_h_t##*/}"
		harness_clean_netns
		_h_start=$(cut -d. -f1 /proc/uptime)
		if netns_add "t$_h_n"; then
			# An explicit path: busybox timeout would run its own ip.
			# shellcheck disable=SC2016 # expanded by the inner shell
			timeout "$_h_limit" /sbin/ip netns exec "t$_h_n" \
				sh -c '. /etc/harness.sh; . "$1"' sh "$_h_t" \
				</dev/null 2>&1
			_h_rc=$?
		else
			_h_rc=126
		fi
		if [ $(($(cut -d. -f1 /proc/uptime) - _h_start)) -ge "$_h_limit" ]; then
			echo "(stopped by the ${_h_limit} s per-test timeout)"
		fi
		harness_clean_netns
		echo "@@RC ${_h_t##*/} $_h_rc"
	done
}

_h_load_modules() {
	_h_kv=$(uname -r)
	while read -r _h_m; do
		if ! _h_err=$(insmod "/lib/modules/$_h_kv/$_h_m" 2>&1); then
			_h_warn="$_h_warn
@@WARN insmod $_h_m: $_h_err"
		fi
	done </etc/modules.list
}

# harness_init: the whole of /init.  Test output goes to the second serial
# port (out=ttyS1 on the command line), away from kernel messages.
harness_init() {
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	HOME=/root
	export PATH HOME
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev
	mkdir -p /dev/pts /dev/shm
	mount -t devpts devpts /dev/pts
	mount -t tmpfs tmpfs /run
	hostname guest
	_h_cmdline=" $(cat /proc/cmdline) "
	_h_warn=
	case $_h_cmdline in
	*" nomods "*) ;;
	*) _h_load_modules ;;
	esac
	ip link set lo up
	_h_out=/dev/console
	case $_h_cmdline in
	*" out=ttyS1 "*)
		# A failed redirection of `exec` would end /init and panic.
		if (: >/dev/ttyS1) 2>/dev/null; then
			_h_out=/dev/ttyS1
		fi
		;;
	esac
	{
		echo "@@BEGIN kernel=$(uname -r)"
		[ -z "$_h_warn" ] || echo "$_h_warn"
		if [ -f /test.sh ]; then
			sh /test.sh
			_h_rc=$?
		else
			echo "@@WARN no /test.sh in the initramfs"
			_h_rc=125
		fi
		echo "@@END rc=$_h_rc uptime=$(cut -d' ' -f1 /proc/uptime)"
	} >"$_h_out" 2>&1 </dev/null
	sync
	poweroff -f
}
