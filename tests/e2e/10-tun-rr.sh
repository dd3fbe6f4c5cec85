#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 10-tun-rr.sh: the tutorial's LVS-TUN cluster set up with `ipvsadm tun`:
# round robin over HTTP, UDP through the tunnel, replies bypass the director.
# vm-timeout: 180
# shellcheck source=SCRIPTDIR/data/tun-lib.sh
. "$HARNESS_DATA/tun-lib.sh"

check cluster build_cluster
check tun-director on director ipvsadm tun director "$VIP"
check tun-realservers setup_realservers
check ipvs-service on director ipvsadm -A -t "$VIP:80" -s rr
check ipvs-rs1 on director ipvsadm -a -t "$VIP:80" -r "$RS1:80" -i -w 1
check ipvs-rs2 on director ipvsadm -a -t "$VIP:80" -r "$RS2:80" -i -w 1

# Idempotent: a second run has nothing to do and says so when asked.
for ns in director rs1 rs2; do
	role=realserver
	[ "$ns" = director ] && role=director
	out=$(on "$ns" ipvsadm tun "$role" --dry-run "$VIP" 2>&1)
	if [ "$out" = "# nothing to do" ] &&
		on "$ns" ipvsadm tun "$role" "$VIP"; then
		case_pass "tun-$ns-twice"
	else
		case_fail "tun-$ns-twice" "second dry run said: $out"
	fi
done

seen=$(fetch_many 10)
echo "fetches:$seen"
case $seen in
" rs1 rs2 rs1 rs2 rs1 rs2 rs1 rs2 rs1 rs2" | \
	" rs2 rs1 rs2 rs1 rs2 rs1 rs2 rs1 rs2 rs1")
	case_pass rr-alternates
	;;
*) case_fail rr-alternates "answers:$seen" ;;
esac

# UDP: each real server answers from the VIP, straight to the client.
check ipvs-udp-service on director ipvsadm -A -u "$VIP:5353" -s rr
check ipvs-udp-rs1 on director ipvsadm -a -u "$VIP:5353" -r "$RS1:5353" -i -w 1
check ipvs-udp-rs2 on director ipvsadm -a -u "$VIP:5353" -r "$RS2:5353" -i -w 1
for rs in rs1 rs2; do
	on "$rs" udptool serve 5353 "$rs" 15 >"/tmp/udp-$rs.log" 2>&1 &
done
sleep 0.5
answer=$(on client udptool ask "$VIP" 5353 via-tunnel 10 2>&1)
echo "udp answer: $answer"
case $answer in
"rs1: via-tunnel" | "rs2: via-tunnel") case_pass udp-through-tunnel ;;
*) case_fail udp-through-tunnel "answer: $answer" ;;
esac
# The server that got nothing gives up after its 15 s timeout.
cat /tmp/udp-rs1.log /tmp/udp-rs2.log

sleep 2.5
on director ipvsadm -Ln --stats
conns=$(stat_of TCP 3)
if [ "$conns" = 10 ]; then
	case_pass stats-conns
else
	case_fail stats-conns "TCP Conns '$conns', want 10"
fi
# Replies go from the real servers straight to the client.
out_tcp=$(stat_of TCP 5)
out_udp=$(stat_of UDP 5)
in_tcp=$(stat_of TCP 4)
if [ "$out_tcp" = 0 ] && [ "$out_udp" = 0 ] && [ "${in_tcp:-0}" -gt 0 ]; then
	case_pass replies-bypass-director
else
	case_fail replies-bypass-director \
		"OutPkts TCP '$out_tcp' UDP '$out_udp', InPkts TCP '$in_tcp'"
fi
if [ "$(stat_of UDP 3)" = 1 ]; then
	case_pass stats-udp-conn
else
	case_fail stats-udp-conn "UDP Conns '$(stat_of UDP 3)', want 1"
fi
