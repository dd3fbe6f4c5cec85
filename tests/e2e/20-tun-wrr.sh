#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 20-tun-wrr.sh: weighted round robin 3:1 through LVS-TUN splits 8 requests 6:2.
# vm-timeout: 150
# shellcheck source=SCRIPTDIR/data/tun-lib.sh
. "$HARNESS_DATA/tun-lib.sh"

check cluster build_cluster
check tun-director on director ipvsadm tun director "$VIP"
check tun-realservers setup_realservers
check ipvs-service on director ipvsadm -A -t "$VIP:80" -s wrr
check ipvs-rs1 on director ipvsadm -a -t "$VIP:80" -r "$RS1:80" -i -w 3
check ipvs-rs2 on director ipvsadm -a -t "$VIP:80" -r "$RS2:80" -i -w 1

seen=$(fetch_many 8)
echo "fetches:$seen"
n1=$(echo "$seen" | tr ' ' '\n' | grep -c '^rs1$')
n2=$(echo "$seen" | tr ' ' '\n' | grep -c '^rs2$')
if [ "$n1" = 6 ] && [ "$n2" = 2 ]; then
	case_pass wrr-6-to-2
else
	case_fail wrr-6-to-2 "rs1 $n1, rs2 $n2:$seen"
fi

sleep 2.5
on director ipvsadm -Ln --stats
rs1_conns=$(on director ipvsadm -Ln --stats |
	awk -v r="$RS1:80" '$2 == r { print $3 }')
if [ "$(stat_of TCP 3)" = 8 ] && [ "$rs1_conns" = 6 ]; then
	case_pass wrr-stats
else
	case_fail wrr-stats "service $(stat_of TCP 3) conns, rs1 $rs1_conns"
fi
