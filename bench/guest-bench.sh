#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# guest-bench.sh: the benchmark's guest half: times ours, the oracle and the floor.
# vm-timeout: 1800
#
# bench/run.sh copies this into a one-file suite; the harness sources it
# in the guest with /etc/harness.sh.  Every restore goes into a namespace
# of its own that is never reused, and no timing follows a -C (the
# kernel's destination trash would slow it, vm-recipe §9).  The listings
# and the single -a are timed on the table that restore just built.
#
# Output, one line per fact, parsed by bench/run.sh:
#   INFO KEY VALUE...
#   R WORKLOAD OP SIDE RUN WALL_US USER_US SYS_US MAXRSS_KIB EXIT
#   SAME WORKLOAD WHAT yes|no
#   NOTE TEXT

D=${HARNESS_DATA:-/tests/data}
# shellcheck source=/dev/null
. "$D/bench.env"
OURS=/opt/ours/ipvsadm
ORACLE=/opt/oracle/ipvsadm
OUT=/tmp/bench
# ADDS and LISTS (bench.env): the single command's samples and the
# listings of ours and the floor per table, run.sh's.
mkdir -p "$OUT"

echo "INFO kernel $(uname -r)"
echo "INFO cpus $(grep -c '^processor' /proc/cpuinfo)"
echo "INFO cpu $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "INFO mem_kib $(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo)"
echo "INFO run_estimation $(cat /proc/sys/net/ipv4/vs/run_estimation 2>/dev/null || echo '?')"

_n=0
NS=
# fresh: a new namespace with lo up (without it IPVS refuses every RS).
fresh() {
	_n=$((_n + 1))
	NS=bench$_n
	ip netns add "$NS" && ip -n "$NS" link set lo up
}

# drop: empty the table in the foreground, then delete the namespace, so
# that the kernel's asynchronous namespace clean-up (a worker thread) has
# almost nothing left to compete with the next timing; then let it run.
drop() {
	ip netns exec "$NS" "$OURS" -C >/dev/null 2>&1
	netns_del "$NS"
	sleep 1
}

# measure WORKLOAD OP SIDE RUN IN OUT CMD...: one timed run in $NS.
measure() {
	_w=$1 _op=$2 _side=$3 _run=$4 _in=$5 _out=$6
	shift 6
	if _res=$(ip netns exec "$NS" benchrun -i "$_in" -o "$_out" -- "$@"); then
		echo "R $_w $_op $_side $_run $_res"
	else
		echo "NOTE benchrun failed: $_w $_op $_side $_run"
	fi
	case $_res in
	*" 0") ;;
	*) echo "NOTE non-zero exit: $_w $_op $_side run $_run: $_res" ;;
	esac
}

# list_side BIN: the timed listings of _w by _side, run _run.  Their
# output goes to /dev/null, as the floor's would: writing megabytes into
# the guest's tmpfs cost 40-90 ms of kernel time per -Ln of W1, which is
# neither the tool's work nor the IPVS dumps'.
list_side() {
	measure "$_w" Sn "$_side" "$_run" /dev/null /dev/null "$1" -Sn
	# At 100,000 services every listing costs the oracle over a
	# minute; -Sn stands for them there.
	if [ "$_w" != W2 ]; then
		measure "$_w" Ln "$_side" "$_run" /dev/null /dev/null "$1" -Ln
		measure "$_w" Lstats "$_side" "$_run" /dev/null \
			/dev/null "$1" -Ln --stats --exact
	fi
}

# keep_side BIN: untimed listings into files, for the byte comparison.
keep_side() {
	ip netns exec "$NS" "$1" -Sn >"$OUT/$_w.$_side.Sn"
	if [ "$_w" != W2 ]; then
		ip netns exec "$NS" "$1" -Ln >"$OUT/$_w.$_side.Ln"
	fi
}

# add_one SIDE K: one timed -a of destination K by SIDE.
add_one() {
	case $1 in
	ours)
		measure "$_w" add1 ours "$_run" /dev/null /dev/null "$OURS" \
			-a -t 10.1.0.0:80 -r "10.250.250.$2:80" -m -w 1
		;;
	oracle)
		measure "$_w" add1 oracle "$_run" /dev/null /dev/null "$ORACLE" \
			-a -t 10.1.0.0:80 -r "10.250.251.$2:80" -m -w 1
		;;
	floor)
		measure "$_w" add1 floor "$_run" /dev/null /dev/null \
			ipvsfloor send "$D/one$2.blob"
		;;
	esac
}

# add_three: the single -a of ours, the oracle and the floor in turn, the
# order reversed every other time, each side adding destinations of its
# own to the table ours just restored.  Taken on three tables at three
# times, the medians of this ~40 ms command moved by 15-50% from bench to
# bench; side by side they meet the same kernel state and background.
add_three() {
	for _k in $ADDS; do
		if [ $((_k % 2)) = 1 ]; then
			_order="ours oracle floor"
		else
			_order="floor oracle ours"
		fi
		for _s in $_order; do
			add_one "$_s" "$_k"
		done
	done
}

# run_side WORKLOAD SIDE RUN: restore, listings and one -a, in a fresh
# namespace.
run_side() {
	_w=$1 _side=$2 _run=$3
	_f=$D/$(echo "$_w" | tr 'W' 'w')
	fresh || {
		echo "NOTE cannot create a namespace"
		return 1
	}
	if [ "$_side" = floor ]; then
		measure "$_w" restore floor "$_run" /dev/null /dev/null \
			ipvsfloor send "$_f.blob"
		for _k in $LISTS; do
			measure "$_w" dump floor "$_run" /dev/null /dev/null \
				ipvsfloor dump
		done
		if [ "$_run" = 1 ]; then
			# The floor must build the very table ipvsadm -R builds.
			ip netns exec "$NS" "$OURS" -Sn >"$OUT/$_w.floor.Sn"
		fi
	else
		if [ "$_side" = ours ]; then
			_bin=$OURS
		else
			_bin=$ORACLE
		fi
		measure "$_w" restore "$_side" "$_run" "$_f.R" /dev/null \
			"$_bin" -R
		_lists=1
		[ "$_side" = ours ] && _lists=$LISTS
		for _k in $_lists; do
			list_side "$_bin"
		done
		if [ "$_run" = 1 ]; then
			keep_side "$_bin"
		fi
		if [ "$_side" = ours ]; then
			add_three
		fi
	fi
	drop
}

# same WORKLOAD WHAT A B: byte-identical or not; a few lines of diff if not.
same() {
	if [ ! -f "$3" ] || [ ! -f "$4" ]; then
		echo "SAME $1 $2 missing"
	elif cmp -s "$3" "$4"; then
		echo "SAME $1 $2 yes"
	else
		echo "SAME $1 $2 no"
		diff "$3" "$4" | head -n 10 | sed 's/^/NOTE   /'
	fi
}

for w in $WORKLOADS; do
	runs=${RUNS:?}
	oracle_runs=${ORACLE_RUNS:?}
	r=1
	while [ "$r" -le "$runs" ]; do
		# Alternate the order, so that neither side always goes first.
		if [ $((r % 2)) = 1 ]; then
			order="ours oracle floor"
		else
			order="floor oracle ours"
		fi
		for side in $order; do
			[ "$side" != oracle ] || [ "$r" -le "$oracle_runs" ] ||
				continue
			run_side "$w" "$side" "$r"
		done
		if [ "$r" = 1 ]; then
			same "$w" Sn "$OUT/$w.oracle.Sn" "$OUT/$w.ours.Sn"
			same "$w" Ln "$OUT/$w.oracle.Ln" "$OUT/$w.ours.Ln"
			same "$w" floor-Sn "$OUT/$w.ours.Sn" "$OUT/$w.floor.Sn"
			rm -f "$OUT/$w".*
		fi
		r=$((r + 1))
	done
done
exit 0
