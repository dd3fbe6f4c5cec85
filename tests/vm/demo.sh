#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# demo.sh: `make demo`: an LVS-TUN cluster in one guest, driven by our
# ipvsadm, shown as a transcript of real commands and their real output.
#
# The same file runs twice: on the host it boots the guest with itself as
# the only test; in the guest (HARNESS_GUEST=1) it builds the cluster.

VIP=10.0.1.100
FETCHES=4

# show CMD...: print the command, then its output; keep its exit code.
show() {
	printf '$ %s\n' "$*"
	"$@" 2>&1
	_rc=$?
	[ "$_rc" = 0 ] || echo "[exit code $_rc]"
	return "$_rc"
}

# add_host NS ADDR: a namespace whose eth0 hangs off the bridge br0.
add_host() {
	netns_add "$1" &&
		show ip link add "v-$1" type veth peer name eth0 netns "$1" &&
		show ip link set "v-$1" master br0 up &&
		show ip -n "$1" addr add "$2/24" dev eth0 &&
		show ip -n "$1" link set eth0 up
}

# real_server NS: `ipvsadm tun realserver` puts the VIP on tunl0 to
# accept IPIP and silences ARP for it; then a web server that says who it is.
real_server() {
	show ip netns exec "$1" ipvsadm tun realserver "$VIP" &&
		show ip netns exec "$1" ipvsadm tun check realserver "$VIP" ||
		return 1
	mkdir -p "/srv/$1" && echo "hello from $1" >"/srv/$1/index.html"
	show ip netns exec "$1" httpd -p 80 -h "/srv/$1"
}

setup() {
	echo "# a bridge, a client, a director and two real servers"
	show ip link add br0 type bridge && show ip link set br0 up &&
		add_host cl 10.0.0.10 && add_host dir 10.0.0.2 &&
		add_host rs1 10.0.0.11 && add_host rs2 10.0.0.12 &&
		show ip -n cl route add "$VIP/32" via 10.0.0.2 &&
		echo "# each real server: one command sets it up, one checks it" &&
		real_server rs1 && real_server rs2
}

director() {
	echo "# the director: the VIP on tunl0 and forwarding, then the service"
	show ip netns exec dir which ipvsadm &&
		show ip netns exec dir ipvsadm -v &&
		show ip netns exec dir ipvsadm tun director "$VIP" &&
		show ip netns exec dir ipvsadm -A -t "$VIP:80" -s rr &&
		show ip netns exec dir ipvsadm -a -t "$VIP:80" -r 10.0.0.11:80 -i -w 1 &&
		show ip netns exec dir ipvsadm -a -t "$VIP:80" -r 10.0.0.12:80 -i -w 1 &&
		show ip netns exec dir ipvsadm -Ln
}

# fetch: busybox wget -T crashes, so timeout bounds it instead.
fetch() {
	echo "# the client fetches through the VIP; replies bypass the director"
	_seen=
	_i=0
	while [ "$_i" -lt "$FETCHES" ]; do
		_i=$((_i + 1))
		printf '$ %s\n' "ip netns exec cl timeout 10 wget -q -O - http://$VIP/"
		_body=$(ip netns exec cl timeout 10 wget -q -O - "http://$VIP/" 2>&1)
		echo "$_body"
		case $_body in
		"hello from rs"[12]) _seen="$_seen ${_body##* }" ;;
		*) return 1 ;;
		esac
	done
	case $_seen in
	*rs1*rs2* | *rs2*rs1*) return 0 ;;
	esac
	echo "(round robin never reached both real servers:$_seen)"
	return 1
}

# stats: counters move only with the 2 s estimator, hence the sleep.
stats() {
	show sleep 2.5 &&
		show ip netns exec dir ipvsadm -Ln --stats || return 1
	_conns=$(ip netns exec dir ipvsadm -Ln --stats |
		awk '$1 == "TCP" { print $3; exit }')
	if [ "$_conns" != "$FETCHES" ]; then
		echo "(expected $FETCHES connections in the stats, saw '$_conns')"
		return 1
	fi
}

demo_guest() {
	if setup && director && fetch && stats; then
		case_pass demo
	else
		case_fail demo "the transcript above stops at the failing step"
		return 1
	fi
}

if [ "${HARNESS_GUEST:-0}" = 1 ]; then
	demo_guest
	exit
fi

here=$(cd "$(dirname "$0")" && pwd)
work=${IPVS_VM_WORK:-$here/../../build/vm}
mkdir -p "$work/demo" || exit 1
cp "$0" "$work/demo/demo.sh" || exit 1
IPVS_VM_SHOW_OUTPUT=1 exec "$here/run-suite.sh" "$work/demo"
