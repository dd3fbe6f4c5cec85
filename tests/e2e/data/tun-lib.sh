#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tun-lib.sh: the LVS-TUN cluster of the tutorial, built on namespaces.
#
# A bridge joins client, director, rs1 and rs2.  The director and the
# real servers are configured only with `ipvsadm tun` and `ipvsadm`.

VIP=192.168.1.100
DIP=10.0.0.2
CIP=10.0.0.10
RS1=10.0.0.11
RS2=10.0.0.12

# add_host NS ADDR: a namespace whose eth0 hangs off the bridge br0.
add_host() {
	netns_add "$1" &&
		ip link add "v-$1" type veth peer name eth0 netns "$1" &&
		ip link set "v-$1" master br0 up &&
		ip -n "$1" addr add "$2/24" dev eth0 &&
		ip -n "$1" link set eth0 up
}

# build_cluster: the wiring only; the client reaches the VIP via the
# director, so nobody needs to answer ARP for it.
build_cluster() {
	ip link add br0 type bridge && ip link set br0 up &&
		add_host client "$CIP" && add_host director "$DIP" &&
		add_host rs1 "$RS1" && add_host rs2 "$RS2" &&
		ip -n client route add "$VIP/32" via "$DIP"
}

# on NS CMD...: run CMD inside namespace NS.
on() {
	_ns=$1
	shift
	ip netns exec "$_ns" "$@"
}

# web_server NS: busybox httpd answering with the namespace's name.
web_server() {
	mkdir -p "/srv/$1" && echo "hello from $1" >"/srv/$1/index.html" &&
		on "$1" httpd -p 80 -h "/srv/$1"
}

# setup_realservers: `tun realserver` and a web server on rs1 and rs2.
setup_realservers() {
	for _rs in rs1 rs2; do
		on "$_rs" ipvsadm tun realserver "$VIP" || return 1
		web_server "$_rs" || return 1
	done
}

# fetch: one HTTP GET through the VIP; prints the body.  busybox wget -T
# crashes, so timeout bounds it instead.
fetch() {
	on client timeout 10 wget -q -O - "http://$VIP/" 2>&1
}

# fetch_many N: N fetches, the answering server of each on one line.
fetch_many() {
	_i=0
	_seen=
	while [ "$_i" -lt "$1" ]; do
		_i=$((_i + 1))
		_body=$(fetch)
		_seen="$_seen ${_body##* }"
	done
	echo "$_seen"
}

# stat_of PROTO FIELD: a column of the service's line in -Ln --stats
# (3 Conns, 4 InPkts, 5 OutPkts).  The counters move only with the 2 s
# estimator, so the caller sleeps 2.5 s first.
stat_of() {
	on director ipvsadm -Ln --stats |
		awk -v p="$1" -v f="$2" '$1 == p { print $f; exit }'
}
