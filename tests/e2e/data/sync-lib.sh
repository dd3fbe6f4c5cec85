#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# sync-lib.sh: two LVS-TUN directors on one segment, both loaded from one
# rules file, for the sync daemon, failover and consistent-hashing tests.
#
# Built on tun-lib.sh: the same bridge, client, real servers and VIP, with
# dir1 ($DIP) and dir2 ($DIP2) in place of the single director.

# shellcheck source=SCRIPTDIR/tun-lib.sh
. "$HARNESS_DATA/tun-lib.sh"

DIP2=10.0.0.3
RULES=$HARNESS_DATA/sync-rules
# For the test files: the sync id and the rules file's three services.
# shellcheck disable=SC2034
{
	SYNCID=7
	HTTP=$VIP:80
	UDP=$VIP:5353
	MH=$VIP:5300
}

# build_pair: the wiring; the client's route to the VIP picks the
# director, as keepalived's gratuitous ARP or a router would.  Snooping
# off: the bridge floods multicast like a plain switch, IPv6 groups too.
build_pair() {
	ip link add br0 type bridge mcast_snooping 0 && ip link set br0 up &&
		add_host client "$CIP" && add_host dir1 "$DIP" &&
		add_host dir2 "$DIP2" &&
		add_host rs1 "$RS1" && add_host rs2 "$RS2" &&
		ip -n client route add "$VIP/32" via "$DIP"
}

# load_rules NS: the one rules file into NS's empty table.
load_rules() {
	on "$1" ipvsadm -R <"$RULES"
}

# same_tables: both directors hold exactly the same table.
same_tables() {
	_t1=$(on dir1 ipvsadm -Sn) && _t2=$(on dir2 ipvsadm -Sn) &&
		[ -n "$_t1" ] && [ "$_t1" = "$_t2" ]
}

# route_via DIP: the client reaches the VIP through that director.
route_via() {
	on client ip route replace "$VIP/32" via "$1"
}

# conns NS PROTO VIP:PORT: NS's connections to one service, as
# "pro source virtual destination", sorted: every -Lnc column but the
# expire time and the state, which differ between directors.
conns() {
	on "$1" ipvsadm -Lnc |
		awk -v p="$2" -v v="$3" '$1 == p && $5 == v { print $1, $4, $5, $6 }' |
		sort
}

# rs_of NS PROTO VIP:PORT: "client-port real-server" per connection.
rs_of() {
	conns "$1" "$2" "$3" | awk '{ n = split($2, c, ":"); print c[n], $4 }'
}

# minus A B: the lines of file A that are not in file B.  (busybox
# `grep -vxF -f B` drops every line when B is empty.)
minus() {
	awk 'FILENAME == ARGV[1] { have[$0] = 1; next } !($0 in have)' "$2" "$1"
}

# contains NS FILE: FILE is not empty and every line of it is among NS's
# connections of the same protocol and service (FILE holds `conns` lines).
contains() {
	[ -s "$2" ] || return 1
	read -r _p _c _v _d <"$2"
	conns "$1" "$_p" "$_v" >"$2.have"
	[ -z "$(minus "$2" "$2.have")" ]
}

# poll SECONDS CMD...: CMD every half second until it succeeds, for at
# most SECONDS.  The master flushes its sync buffer every 2 s.
poll() {
	_left=$(($1 * 2))
	shift
	until "$@"; do
		_left=$((_left - 1))
		[ "$_left" -gt 0 ] || return 1
		sleep 0.5
	done
}

# stat_in NS VIP:PORT FIELD: a column of one service's line in
# -Ln --stats (3 Conns, 4 InPkts, 5 OutPkts); the caller waits 2.5 s for
# the estimator first.
stat_in() {
	on "$1" ipvsadm -Ln --stats |
		awk -v s="$2" -v f="$3" '$2 == s { print $f; exit }'
}

# daemon_like_oracle NAME NS [PATTERN]: `-L --daemon` in NS prints the
# same and exits the same with our ipvsadm and the oracle, exit 0 and
# output matching the shell PATTERN (none: no output at all).
daemon_like_oracle() {
	_ours=$(on "$2" ipvsadm -L --daemon 2>&1)
	_orc=$?
	_oracle=$(on "$2" /opt/oracle/ipvsadm -L --daemon 2>&1)
	_orc="$_orc $?"
	printf '%s -L --daemon (exit %s):\n%s\n' "$2" "${_orc% *}" "$_ours" |
		sed 's/^/    /'
	if [ "$_ours" != "$_oracle" ] || [ "${_orc% *}" != "${_orc#* }" ]; then
		case_fail "$1" "ours and the oracle differ (exit ours oracle: $_orc)"
		printf 'oracle:\n%s\nours:\n%s\n' "$_oracle" "$_ours" |
			sed 's/^/    | /'
		return 1
	fi
	if [ "$_orc" != "0 0" ]; then
		case_fail "$1" "exit $_orc"
		return 1
	fi
	# shellcheck disable=SC2254 # PATTERN is a pattern on purpose
	case $_ours in
	${3:-""}) case_pass "$1" ;;
	*) case_fail "$1" "unexpected: $_ours" ;;
	esac
}

# link_local_ready NS: eth0 has an IPv6 link-local address past DAD, the
# source an IPv6 sync socket needs.
link_local_ready() {
	_a=$(on "$1" ip -6 addr show dev eth0 scope link)
	case $_a in
	*tentative*) return 1 ;;
	*inet6\ fe80:*) return 0 ;;
	*) return 1 ;;
	esac
}
