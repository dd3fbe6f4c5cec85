#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 30-tun-check.sh: `ipvsadm tun check`, --dry-run, bad input and `tun down`
# on a real kernel: each FAIL names its fix; down puts the sysctls back.
# vm-timeout: 150
# shellcheck source=SCRIPTDIR/data/tun-lib.sh
. "$HARNESS_DATA/tun-lib.sh"

KEYS="net.ipv4.ip_forward net.ipv4.conf.all.arp_ignore
net.ipv4.conf.all.arp_announce net.ipv4.conf.all.rp_filter
net.ipv4.conf.tunl0.arp_ignore net.ipv4.conf.tunl0.arp_announce
net.ipv4.conf.tunl0.rp_filter"

# snap NS: the sysctls `tun` may touch, one key=value a line.
snap() {
	for _k in $KEYS; do
		printf '%s=%s\n' "$_k" \
			"$(on "$1" cat "/proc/sys/$(echo "$_k" | tr . /)")"
	done
}

# expect NAME RC CMD...: PASS if CMD exits with RC; its output is kept on $out.
expect() {
	_name=$1
	_want=$2
	shift 2
	out=$("$@" 2>&1)
	_rc=$?
	if [ "$_rc" = "$_want" ]; then
		case_pass "$_name"
	else
		case_fail "$_name" "exit $_rc, want $_want from: $*"
		printf '%s\n' "$out" | sed 's/^/    | /'
	fi
}

# has NAME TEXT: PASS if the last $out holds the line TEXT.
has() {
	if printf '%s\n' "$out" | grep -qxF "$2"; then
		case_pass "$1"
	else
		case_fail "$1" "no line '$2' in:"
		printf '%s\n' "$out" | sed 's/^/    | /'
	fi
}

vip_count() {
	on "$1" ip -4 addr show dev tunl0 | grep -c "inet $VIP/32"
}

check cluster build_cluster
# A distribution's defaults, so that restoring them means something.
check rs1-distro-defaults on rs1 sysctl -w net.ipv4.conf.all.rp_filter=1 \
	net.ipv4.conf.tunl0.rp_filter=2
before=$(snap rs1)
states=$(ls /run/ipvsadm 2>/dev/null)

# --- dry run and bad input change nothing -----------------------------
expect dry-run 0 on rs1 ipvsadm tun realserver --dry-run "$VIP"
has dry-run-sysctl "sysctl -w net.ipv4.conf.tunl0.arp_ignore=1"
has dry-run-addr "ip addr add $VIP/32 dev tunl0"
has dry-run-up "ip link set tunl0 up"
expect bad-netmask 2 on rs1 ipvsadm tun realserver "$VIP" 10.1.1.1/24
expect bad-ipv6 2 on rs1 ipvsadm tun realserver "$VIP" 2001:db8::1
expect bad-address 2 on rs1 ipvsadm tun realserver "$VIP" www
expect not-ipip 2 on rs1 ipvsadm tun realserver --dev eth0 "$VIP"
expect cannot-create 1 on rs1 ipvsadm tun realserver --dev tunx "$VIP"
expect no-privileges 2 on rs1 su -s /bin/sh \
	-c "ipvsadm tun realserver $VIP" nobody
has no-privileges-says \
	"ipvsadm tun realserver: permission denied: needs CAP_NET_ADMIN (run as root)"
if [ "$(snap rs1)" = "$before" ] && [ "$(vip_count rs1)" = 0 ] &&
	! on rs1 ip link show tunx >/dev/null 2>&1; then
	case_pass nothing-half-done
else
	case_fail nothing-half-done "sysctls, VIP or device changed"
	snap rs1
fi

# --- a configured real server passes -------------------------------------
check tun-realserver on rs1 ipvsadm tun realserver "$VIP"
expect check-realserver 0 on rs1 ipvsadm tun check realserver "$VIP"
printf '%s\n' "$out"
expect check-inferred 0 on rs1 ipvsadm tun check "$VIP"
has check-inferred-role "# tunl0 as realserver (role inferred)"
expect check-json 0 on rs1 ipvsadm tun check --json realserver "$VIP"
case $out in
'{"device":"tunl0","role":"realserver","role_inferred":false,"ok":true,"checks":[{'*) case_pass check-json-shape ;;
*) case_fail check-json-shape "$out" ;;
esac

# --- reset by hand: each missing setting is named with its fix --------
on rs1 sysctl -w net.ipv4.conf.tunl0.arp_ignore=0 net.ipv4.conf.all.rp_filter=1
on rs1 ip link set tunl0 down
expect check-broken 1 on rs1 ipvsadm tun check realserver "$VIP"
printf '%s\n' "$out"
has fail-arp-ignore "FAIL net.ipv4.conf.tunl0.arp_ignore is 0, want 1: sysctl -w net.ipv4.conf.tunl0.arp_ignore=1"
has fail-rp-filter "FAIL net.ipv4.conf.all.rp_filter is 1, want 0: sysctl -w net.ipv4.conf.all.rp_filter=0"
has fail-rp-effective "FAIL effective rp_filter on tunl0 is 1 (max of all=1, tunl0=0), want 0: sysctl -w net.ipv4.conf.all.rp_filter=0"
has fail-link "FAIL tunl0 is not up: ip link set tunl0 up"
nfail=$(printf '%s\n' "$out" | grep -c '^FAIL')
if [ "$nfail" = 4 ]; then
	case_pass check-broken-only-those
else
	case_fail check-broken-only-those "$nfail FAIL lines, want 4"
fi
check tun-realserver-repairs on rs1 ipvsadm tun realserver "$VIP"
check check-repaired on rs1 ipvsadm tun check realserver "$VIP"

# --- down puts back what was there before the first set-up -----------
check tun-down on rs1 ipvsadm tun down "$VIP"
after=$(snap rs1)
if [ "$after" = "$before" ] && [ "$(vip_count rs1)" = 0 ]; then
	case_pass down-restores
else
	case_fail down-restores "before: $before after: $after"
fi
# Other test files leave their namespaces' state behind: compare lists.
if [ "$(ls /run/ipvsadm 2>/dev/null)" = "$states" ]; then
	case_pass down-forgets-state
else
	case_fail down-forgets-state "$(ls /run/ipvsadm)"
fi
expect down-twice 0 on rs1 ipvsadm tun down "$VIP"
expect down-twice-dry 0 on rs1 ipvsadm tun down --dry-run "$VIP"
has down-twice-nothing "# nothing to do"

# --- the director, its role inferred ----------------------------------
fwd=$(on director cat /proc/sys/net/ipv4/ip_forward)
check tun-director on director ipvsadm tun director "$VIP"
expect check-director 0 on director ipvsadm tun check "$VIP"
printf '%s\n' "$out"
has check-director-role "# tunl0 as director (role inferred)"
has check-director-forward "OK net.ipv4.ip_forward is 1"
has check-director-mtu "OK tunl0 mtu 1480 + 20 bytes of IPIP fits the path mtu 1500 (eth0)"
expect check-director-as-rs 1 on director ipvsadm tun check realserver "$VIP"
check tun-director-down on director ipvsadm tun down "$VIP"
if [ "$(on director cat /proc/sys/net/ipv4/ip_forward)" = "$fwd" ]; then
	case_pass director-down-restores
else
	case_fail director-down-restores "ip_forward not back to $fwd"
fi
