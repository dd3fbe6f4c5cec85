#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 40-sync.sh: two directors from one rules file, the connection sync daemon
# (master, backup, IPv6 group), -L --daemon against the oracle, failover.
# vm-timeout: 240
# shellcheck source=SCRIPTDIR/data/sync-lib.sh
. "$HARNESS_DATA/sync-lib.sh"

T=/tmp/40-sync
rm -rf "$T" && mkdir -p "$T"

# --- two directors, one table ---------------------------------------------
check pair build_pair
# Only the active director holds the VIP; dir2 gets it at failover.
check tun-dir1 on dir1 ipvsadm tun director "$VIP"
check tun-realservers setup_realservers
check rules-dir1 load_rules dir1
check rules-dir2 load_rules dir2
check same-table same_tables
on dir1 ipvsadm -Ln

# --- the daemons, as the oracle shows them ---------------------------------
daemon_like_oracle no-daemon-yet dir1
check start-master on dir1 ipvsadm --start-daemon master \
	--mcast-interface eth0 --syncid "$SYNCID"
check start-backup on dir2 ipvsadm --start-daemon backup \
	--mcast-interface eth0 --syncid "$SYNCID"
daemon_like_oracle daemon-master dir1 "master sync daemon (mcast=eth0, syncid=7, *group=224.0.0.81, port=8848, ttl=1)"
daemon_like_oracle daemon-backup dir2 "backup sync daemon (mcast=eth0, syncid=7, *group=224.0.0.81, port=8848, ttl=1)"
# A second master in the same namespace is refused the same way.
ours=$(on dir1 ipvsadm --start-daemon master --mcast-interface eth0 2>&1)
rc=$?
oracle=$(on dir1 /opt/oracle/ipvsadm --start-daemon master \
	--mcast-interface eth0 2>&1)
orc=$?
if [ "$rc" != 0 ] && [ "$rc:$ours" = "$orc:$oracle" ]; then
	case_pass second-master-refused
else
	case_fail second-master-refused "ours $rc '$ours', oracle $orc '$oracle'"
fi

# --- connections made through the master appear on the backup -------------
seen=$(fetch_many 6)
echo "fetches via dir1:$seen"
case $seen in
*rs1*rs2* | *rs2*rs1*) case_pass served-by-dir1 ;;
*) case_fail served-by-dir1 "answers:$seen" ;;
esac
# Three datagrams from each port: the third passes the sync threshold.
check udp-burst on client udptool burst "$VIP" 5353 41000 4 3
conns dir1 TCP "$HTTP" >"$T/tcp"
conns dir1 UDP "$UDP" >"$T/udp"
rs_of dir1 UDP "$UDP" >"$T/udp-rs"
echo "master's connections:"
cat "$T/tcp" "$T/udp"
if [ "$(wc -l <"$T/tcp")" = 6 ] && [ "$(wc -l <"$T/udp")" = 4 ]; then
	case_pass master-conns
else
	case_fail master-conns "want 6 TCP and 4 UDP"
fi
if poll 15 contains dir2 "$T/tcp" && poll 5 contains dir2 "$T/udp"; then
	case_pass backup-has-conns
else
	case_fail backup-has-conns "the backup's table:"
	on dir2 ipvsadm -Lnc
fi
# The check has teeth: an entry the master never made is not found.
sed 's/^TCP 10\.0\.0\.10:[0-9]*/TCP 10.0.0.10:9/' "$T/tcp" | head -n 1 >"$T/bogus"
if ! contains dir2 "$T/bogus" && ! contains dir2 "$T/none"; then
	case_pass contains-rejects-missing
else
	case_fail contains-rejects-missing "$(cat "$T/bogus")"
fi
echo "backup's connections:"
on dir2 ipvsadm -Lnc
# The listing of synced entries is the oracle's, expire column aside
# (characters 5-10).  A late sync message may change a state between the
# two listings, hence the retries.
lnc_like_oracle() {
	ours=$(on dir2 ipvsadm -Lnc | cut -c 1-4,11-)
	oracle=$(on dir2 /opt/oracle/ipvsadm -Lnc | cut -c 1-4,11-)
	[ "$(printf '%s\n' "$ours" | wc -l)" -gt 2 ] && [ "$ours" = "$oracle" ]
}
if poll 6 lnc_like_oracle; then
	case_pass backup-lnc-like-oracle
else
	case_fail backup-lnc-like-oracle "-Lnc differs"
	printf 'oracle:\n%s\nours:\n%s\n' "$oracle" "$ours" | sed 's/^/    | /'
fi

# --- failover: the VIP moves to the backup ----------------------------------
# What keepalived does on the transition: the address leaves the old
# master and comes up on the new one, and its gratuitous ARP (here the
# client's route) sends the traffic there.
dir1_before=$(conns dir1 TCP "$HTTP" | wc -l)
check vip-off-dir1 on dir1 ip addr del "$VIP/32" dev tunl0
check tun-dir2 on dir2 ipvsadm tun director "$VIP"
check route-to-dir2 route_via "$DIP2"
seen=$(fetch_many 4)
echo "fetches via dir2:$seen"
case $seen in
" rs1 rs2 rs1 rs2" | " rs2 rs1 rs2 rs1") case_pass served-by-dir2 ;;
*) case_fail served-by-dir2 "answers:$seen" ;;
esac
# The synced UDP entries carry on: the same real servers, no new choice.
check udp-after-failover on client udptool burst "$VIP" 5353 41000 4 1
rs_of dir2 UDP "$UDP" >"$T/udp-rs2"
if [ -s "$T/udp-rs" ] && cmp -s "$T/udp-rs" "$T/udp-rs2"; then
	case_pass udp-same-realservers
else
	case_fail udp-same-realservers "dir1: $(cat "$T/udp-rs") dir2: $(cat "$T/udp-rs2")"
fi
sleep 2.5
on dir2 ipvsadm -Ln --stats
tcp_conns=$(stat_in dir2 "$HTTP" 3)
udp_conns=$(stat_in dir2 "$UDP" 3)
udp_in=$(stat_in dir2 "$UDP" 4)
if [ "$tcp_conns" = 4 ] && [ "$udp_conns" = 0 ] && [ "$udp_in" = 4 ]; then
	case_pass backup-scheduled-only-new
else
	case_fail backup-scheduled-only-new \
		"TCP Conns '$tcp_conns' (want 4), UDP Conns '$udp_conns' (want 0), UDP InPkts '$udp_in' (want 4)"
fi
if [ "$(conns dir1 TCP "$HTTP" | wc -l)" = "$dir1_before" ]; then
	case_pass dir1-idle
else
	case_fail dir1-idle "dir1 saw new connections"
fi

# --- stop -------------------------------------------------------------------
check stop-master on dir1 ipvsadm --stop-daemon master
check stop-backup on dir2 ipvsadm --stop-daemon backup
daemon_like_oracle stopped-dir1 dir1
daemon_like_oracle stopped-dir2 dir2

# --- the kernel refuses a daemon while mixed-family tunnels exist ----------
# An IPv6 service with an IPv4 tunnel destination; same answer from both.
compat mixed-family-refused '
ip link add s0 type veth peer name s1 && ip link set s0 up && ip link set s1 up
ipvsadm -A -t [2001:db8::100]:80 -s rr
ipvsadm -a -t [2001:db8::100]:80 -r 10.0.0.11:80 -i
ipvsadm --start-daemon master --mcast-interface s0 --syncid 7
echo "start-daemon: exit $?"
ipvsadm -L --daemon'
# ... and that answer is a refusal (the client's table is otherwise unused).
on client ipvsadm -A -t "[2001:db8::100]:80" -s rr &&
	on client ipvsadm -a -t "[2001:db8::100]:80" -r "$RS1:80" -i
out=$(on client ipvsadm --start-daemon master --mcast-interface eth0 2>&1)
rc=$?
echo "mixed family: --start-daemon exit $rc: $out"
if [ "$rc" != 0 ] && [ -z "$(on client ipvsadm -L --daemon)" ]; then
	case_pass mixed-family-no-daemon
else
	case_fail mixed-family-no-daemon "exit $rc: $out"
fi
on client ipvsadm -C

# --- the same over an IPv6 group, the roles swapped -------------------------
# dir2 holds the VIP now, so it is the master; dir1 takes the backup role.
ipv6_group() {
	G6=ff02::8848
	if poll 10 link_local_ready dir1 && poll 10 link_local_ready dir2; then
		case_pass ipv6-link-local
	else
		case_fail ipv6-link-local "no usable fe80:: address on eth0"
	fi
	check start-master6 on dir2 ipvsadm --start-daemon master \
		--mcast-interface eth0 --syncid "$SYNCID" --mcast-group "$G6"
	check start-backup6 on dir1 ipvsadm --start-daemon backup \
		--mcast-interface eth0 --syncid "$SYNCID" --mcast-group "$G6"
	daemon_like_oracle daemon-master6 dir2 "master sync daemon (mcast=eth0, syncid=7, *group=$G6, port=8848, ttl=1)"
	daemon_like_oracle daemon-backup6 dir1 "backup sync daemon (mcast=eth0, syncid=7, *group=$G6, port=8848, ttl=1)"
	conns dir2 TCP "$HTTP" >"$T/before6"
	seen=$(fetch_many 3)
	echo "fetches via dir2:$seen"
	conns dir2 TCP "$HTTP" >"$T/after6"
	minus "$T/after6" "$T/before6" >"$T/new6"
	echo "new on the master:"
	cat "$T/new6"
	if [ "$(wc -l <"$T/new6")" = 3 ] && poll 15 contains dir1 "$T/new6"; then
		case_pass ipv6-group-synced
	else
		case_fail ipv6-group-synced "the backup (dir1) has:"
		on dir1 ipvsadm -Lnc
	fi
	check stop-master6 on dir2 ipvsadm --stop-daemon master
	check stop-backup6 on dir1 ipvsadm --stop-daemon backup
	daemon_like_oracle stopped6-dir1 dir1
	daemon_like_oracle stopped6-dir2 dir2
}
if [ -d /proc/sys/net/ipv6 ]; then
	ipv6_group
else
	echo "no IPv6 in the guest kernel: the IPv6 group variant is not run"
fi
