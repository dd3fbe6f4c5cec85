#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 90-no-ipvs.sh: IPVS not loaded and modprobe failing: ours and the oracle
# print the same two lines and exit code.  Last in the suite: it unloads
# ip_vs (put back at the end for any later file).
# vm-timeout: 120

fail_bin=/tmp/no-modprobe
printf '#!/bin/sh\nexit 1\n' >"$fail_bin"
chmod 755 "$fail_bin"
old_helper=$(cat /proc/sys/kernel/modprobe)

# put_back: modprobe and the kernel's helper as they were, ip_vs loaded.
put_back() {
	umount /sbin/modprobe 2>/dev/null
	echo "$old_helper" >/proc/sys/kernel/modprobe
	modprobe ip_vs 2>/dev/null
}
trap put_back EXIT

# Both ways of loading a module fail: ipvsadm's own /sbin/modprobe and
# the kernel's request_module() for the generic-netlink family.
echo "$fail_bin" >/proc/sys/kernel/modprobe
mount --bind "$fail_bin" /sbin/modprobe

# Namespaces of earlier files are freed asynchronously and schedulers
# hold ip_vs until their services are gone: retry for a while.
try=0
while grep -q '^ip_vs ' /proc/modules && [ $try -lt 100 ]; do
	awk '$1 ~ /^ip_vs_/ { print $1 }' /proc/modules |
		while read -r m; do rmmod "$m" 2>/dev/null; done
	rmmod ip_vs 2>/dev/null || sleep 0.1
	try=$((try + 1))
done
if grep -q '^ip_vs ' /proc/modules; then
	case_fail ipvs-unloaded "ip_vs still loaded: $(grep '^ip_vs' /proc/modules)"
	exit 1
fi
case_pass ipvs-unloaded

compat no-ipvs-list 'ipvsadm -Ln'
compat no-ipvs-add 'ipvsadm -A -t 10.0.0.1:80 -s rr'
compat no-ipvs-restore 'printf -- "-A -t 10.0.0.1:80\n" | ipvsadm -R'
compat no-ipvs-save 'ipvsadm -Sn'
compat no-ipvs-conns 'ipvsadm -Lnc'
# Where ours differs on purpose: -h and -v need no kernel (ipvsadm.c).
if ipvsadm -h | grep -q '^Usage:' && ipvsadm -v | grep -q '^ipvsadm v1.31 '; then
	case_pass no-ipvs-help-version
else
	case_fail no-ipvs-help-version "-h or -v failed without IPVS"
fi
compat no-ipvs-bad-option 'ipvsadm -A -t 1.2.3.4:99999'
if grep -q '^ip_vs ' /proc/modules; then
	case_fail ipvs-stays-unloaded "something loaded ip_vs"
else
	case_pass ipvs-stays-unloaded
fi
