#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 20-nocap.sh: ipvsadm without CAP_NET_ADMIN, ours against the oracle.

if ! command -v nocap >/dev/null; then
	case_fail nocap-helper "nocap missing (tests/guest/nocap.c)"
	exit 1
fi
# The helper itself: CAP_NET_ADMIN (bit 12) is gone from the effective
# and bounding sets of what it runs.
caps=$(nocap cat /proc/self/status)
eff=$(printf '%s\n' "$caps" | sed -n 's/^CapEff:[[:space:]]*//p')
bnd=$(printf '%s\n' "$caps" | sed -n 's/^CapBnd:[[:space:]]*//p')
if [ -n "$eff" ] && [ $((0x$eff >> 12 & 1)) = 0 ] &&
	[ $((0x$bnd >> 12 & 1)) = 0 ]; then
	case_pass nocap-drops-net-admin
else
	case_fail nocap-drops-net-admin "$caps"
fi
compat_cases "$HARNESS_DATA/nocap.cases"

# 1.31 opens IPVS before reading its options, so even -h and -v fail
# there; ours answers them without a kernel (ipvsadm.c, on purpose).
if nocap ipvsadm -h | grep -q '^Usage:' &&
	nocap ipvsadm -v | grep -q '^ipvsadm v1.31 '; then
	case_pass nocap-help-version
else
	case_fail nocap-help-version "-h or -v failed without CAP_NET_ADMIN"
fi
