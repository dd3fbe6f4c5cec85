#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 41-mh.sh: two active directors with `-s mh -b mh-port` and one rules file
# send each client address and port to the same real server, no sync needed.
# vm-timeout: 180
# shellcheck source=SCRIPTDIR/data/sync-lib.sh
. "$HARNESS_DATA/sync-lib.sh"

T=/tmp/41-mh
rm -rf "$T" && mkdir -p "$T"
PORTS=24

check pair build_pair
check tun-dir1 on dir1 ipvsadm tun director "$VIP"
check tun-dir2 on dir2 ipvsadm tun director "$VIP"
check tun-realservers setup_realservers
check rules-dir1 load_rules dir1
check rules-dir2 load_rules dir2
check same-table same_tables
on dir2 ipvsadm -Ln
# No daemon: each director's entries are its own scheduling decisions.
daemon_like_oracle no-daemon-dir1 dir1
daemon_like_oracle no-daemon-dir2 dir2

# The same datagrams, one from each of $PORTS source ports, through each
# director in turn.
check burst-via-dir1 on client udptool burst "$VIP" 5300 40000 "$PORTS" 1
check route-to-dir2 route_via "$DIP2"
check burst-via-dir2 on client udptool burst "$VIP" 5300 40000 "$PORTS" 1
rs_of dir1 UDP "$MH" >"$T/dir1"
rs_of dir2 UDP "$MH" >"$T/dir2"
echo "client port -> real server, dir1 | dir2:"
paste "$T/dir1" "$T/dir2" | sed 's/^/    /'
n1=$(wc -l <"$T/dir1")
n2=$(wc -l <"$T/dir2")
if [ "$n1" = "$PORTS" ] && [ "$n2" = "$PORTS" ]; then
	case_pass mh-one-conn-per-port
else
	case_fail mh-one-conn-per-port "dir1 $n1, dir2 $n2 entries, want $PORTS"
fi
if [ -s "$T/dir1" ] && cmp -s "$T/dir1" "$T/dir2"; then
	case_pass mh-same-choice
else
	case_fail mh-same-choice "the directors chose differently:"
	diff "$T/dir1" "$T/dir2" | sed 's/^/    | /'
fi
# With the port in the hash, one client spreads over both servers.
on1=$(grep -c " $RS1:5300\$" "$T/dir1")
on2=$(grep -c " $RS2:5300\$" "$T/dir1")
if [ "$on1" -gt 0 ] && [ "$on2" -gt 0 ]; then
	case_pass mh-port-spreads
else
	case_fail mh-port-spreads "rs1 $on1, rs2 $on2"
fi
sleep 2.5
c1=$(stat_in dir1 "$MH" 3)
c2=$(stat_in dir2 "$MH" 3)
if [ "$c1" = "$PORTS" ] && [ "$c2" = "$PORTS" ]; then
	case_pass mh-both-scheduled
else
	case_fail mh-both-scheduled "Conns dir1 '$c1', dir2 '$c2', want $PORTS"
fi

# ECMP in front: the client's route spreads flows over both directors by
# a hash of addresses and ports.  When dir1 leaves the route, its flows
# move to dir2 and still reach the real server they had.
check ecmp-l4-hash on client sysctl -w net.ipv4.fib_multipath_hash_policy=1
check ecmp-route on client ip route replace "$VIP/32" \
	nexthop via "$DIP" nexthop via "$DIP2"
check burst-ecmp on client udptool burst "$VIP" 5300 42000 "$PORTS" 1
rs_of dir1 UDP "$MH" | awk '$1 >= 42000' >"$T/ecmp1"
rs_of dir2 UDP "$MH" | awk '$1 >= 42000' >"$T/ecmp2"
e1=$(wc -l <"$T/ecmp1")
e2=$(wc -l <"$T/ecmp2")
echo "ECMP: $e1 flows via dir1, $e2 via dir2"
if [ "$e1" -gt 0 ] && [ "$e2" -gt 0 ] && [ $((e1 + e2)) = "$PORTS" ]; then
	case_pass ecmp-spreads
else
	case_fail ecmp-spreads "dir1 $e1, dir2 $e2, want both and $PORTS in all"
fi
check dir1-leaves route_via "$DIP2"
check burst-after-leave on client udptool burst "$VIP" 5300 42000 "$PORTS" 1
sort -n "$T/ecmp1" "$T/ecmp2" >"$T/ecmp-before"
rs_of dir2 UDP "$MH" | awk '$1 >= 42000' | sort -n >"$T/ecmp-after"
if [ "$(wc -l <"$T/ecmp-after")" = "$PORTS" ] &&
	cmp -s "$T/ecmp-before" "$T/ecmp-after"; then
	case_pass ecmp-flows-keep-realserver
else
	case_fail ecmp-flows-keep-realserver "before, after:"
	diff "$T/ecmp-before" "$T/ecmp-after" | sed 's/^/    | /'
fi
