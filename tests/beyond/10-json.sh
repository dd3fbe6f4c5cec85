#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 10-json.sh: --json for every -L view parses, and says what the text
# says: -Sn rebuilt from the JSON with jq equals ipvsadm -Sn.

# A table with every kind of attribute, and real counters: a local client
# sends through a NAT service into a dummy link.
ip link add dum0 type dummy && ip link set dum0 up
ip addr add 10.9.0.1/24 dev dum0
ip route add 10.0.0.0/24 dev dum0
ipvsadm -R <<'RULES'
-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 10.1.1.1 -m -w 3 -x 100 -y 10
-a -t 10.0.0.1:80 -r 10.1.1.2:8080 -m
-A -u 10.0.0.1:53 -s wlc -o
-a -u 10.0.0.1:53 -r 10.9.0.2:53 -m -w 2
-A -u 10.0.0.4:53 -s rr
-a -u 10.0.0.4:53 -r 10.9.0.3:53 -m
-A -t 10.0.0.2:21 -s lblcr -p 300 -M 255.255.0.0
-a -t 10.0.0.2:21 -r 10.2.2.2 -i -w 0
-A -u 10.0.0.3:5060 -s rr -p 60 --pe sip
-A --sctp-service 10.0.0.5:3868 -s mh -b mh-fallback,mh-port
-a --sctp-service 10.0.0.5:3868 -r 10.2.2.3 -g -w 5
-A -f 5 -s sh -b sh-port -p
-a -f 5 -r 10.9.9.9 -m -w 2
-A -f 7 -6 -s wrr -p 100 -M 64
-a -f 7 -6 -r fc00:1::12 -i -w 10
-A -t [2001:db8::1]:443 -s rr
-a -t [2001:db8::1]:443 -r 2001:db8::113 -g -w 100
-a -t [2001:db8::1]:443 -r 10.3.3.3 -i --tun-type gue --tun-port 6080 --tun-nocsum
-a -t [2001:db8::1]:443 -r 10.3.3.4 -i --tun-type gre --tun-csum
-a -t [2001:db8::1]:443 -r 10.3.3.5 -i --tun-type gue --tun-port 6081 --tun-remcsum
-a -t [2001:db8::1]:443 -r 10.3.3.6 -i
RULES
udptool burst 10.0.0.1 53 40000 5 3 >/dev/null 2>&1
udptool burst 10.0.0.4 53 41000 4 2 >/dev/null 2>&1
sleep 2.5

# The -S grammar, from the JSON alone.
# shellcheck disable=SC2016 # jq's own $variables
JQ_SAVE='
def svc: if .fwmark then "-f \(.fwmark)" + (if .family == "inet6" then " -6" else "" end)
	else ({"tcp":"-t","udp":"-u","sctp":"--sctp-service"}[.protocol]) + " " +
	     (if .family == "inet6" then "[\(.address)]" else .address end) + ":\(.port)" end;
def addr: (if .family == "inet6" then "[\(.address)]" else .address end) + ":\(.port)";
def fwd: {"masq":"-m","tunnel":"-i","route":"-g","local":"-g"}[.forward];
def tun: if .forward != "tunnel" then ""
	elif .tunnel.type == "gue" then " --tun-type gue --tun-port \(.tunnel.port) --tun-\(.tunnel.checksum)"
	elif .tunnel.type == "gre" then " --tun-type gre --tun-\(.tunnel.checksum)"
	else " --tun-type \(.tunnel.type)" end;
.services[] | svc as $s |
("-A \($s) -s \(.scheduler)" +
 (if .persistent then " -p \(.timeout)" +
   (if (.netmask != "255.255.255.255" and .netmask != 128) then " -M \(.netmask)" else "" end)
  else "" end) +
 (if .pe then " --pe \(.pe)" else "" end) +
 (if .one_packet then " -o" else "" end) +
 (if (.sched_flags | length) > 0 then " -b " + (.sched_flags | join(",")) else "" end)),
(.destinations[] | "-a \($s) -r \(addr) \(fwd) -w \(.weight)\(tun)")'

for v in "" --stats --rate --thresholds --persistent-conn --tun-info --exact; do
	name="json-parses${v:+-${v#--}}"
	# shellcheck disable=SC2086 # an empty view is no argument
	if ipvsadm -Ln $v --json | jq -e '.services | length == 9' >/dev/null; then
		case_pass "$name"
	else
		case_fail "$name" "$(ipvsadm -Ln $v --json 2>&1 | head -c 300)"
	fi
done

ipvsadm -Sn >/tmp/text.sn
ipvsadm -Ln -j | jq -r "$JQ_SAVE" >/tmp/json.sn
if cmp -s /tmp/text.sn /tmp/json.sn; then
	case_pass json-rebuilds-save
else
	case_fail json-rebuilds-save "$(diff /tmp/text.sn /tmp/json.sn)"
fi

# Thresholds and counters: the text columns against the JSON numbers.
ipvsadm -Ln --thresholds | awk '/->/ && NR > 3 { print $3, $4 }' >/tmp/t.txt
ipvsadm -Ln --json | jq -r '.services[].destinations[] | "\(.u_threshold) \(.l_threshold)"' >/tmp/t.json
check json-thresholds cmp /tmp/t.txt /tmp/t.json
ipvsadm -Ln --stats --exact | awk 'NR > 3 { print $(NF-4), $(NF-3), $(NF-2), $(NF-1), $NF }' >/tmp/s.txt
ipvsadm -Ln --json | jq -r '.services[] | (., .destinations[]) | .stats | "\(.conns) \(.inpkts) \(.outpkts) \(.inbytes) \(.outbytes)"' >/tmp/s.json
check json-stats cmp /tmp/s.txt /tmp/s.json
if ipvsadm -Ln --json | jq -e '[.services[].stats.inpkts] | add > 0' >/dev/null; then
	case_pass json-counters-nonzero
else
	case_fail json-counters-nonzero "no traffic was counted"
fi

# One service, connections, timeouts, daemons.
check json-one-service sh -c 'ipvsadm -Ln -t 10.0.0.1:80 --json | jq -e ".services[0].destinations | length == 2"'
n_text=$(ipvsadm -Lnc | tail -n +3 | wc -l)
n_json=$(ipvsadm -Lnc --json | jq '.connections | length')
if [ "$n_text" -gt 0 ] && [ "$n_text" = "$n_json" ] &&
	ipvsadm -Lnc --json | jq -e '.connections[0].destination.address == "10.9.0.3"' >/dev/null; then
	case_pass json-connections
else
	case_fail json-connections "text $n_text rows, json $n_json"
fi
ipvsadm --set 100 20 30
check json-timeout sh -c 'ipvsadm -L --timeout --json | jq -e ". == {\"tcp\":100,\"tcp_fin\":20,\"udp\":30}"'
# The kernel refuses a sync daemon while mixed-family tunnels exist.
ipvsadm -C
ip link add v0 type veth peer name v1 && ip link set v0 up && ip link set v1 up
ipvsadm --start-daemon master --mcast-interface v0 --syncid 9
check json-daemon sh -c 'ipvsadm -L --daemon --json | jq -e ".daemons[0] | .state == \"master\" and .mcast_interface == \"v0\" and .syncid == 9"'
ipvsadm --stop-daemon master
check json-no-daemon sh -c 'ipvsadm -L --daemon --json | jq -e ".daemons == []"'
out=$(ipvsadm -Sn --json 2>&1)
if [ $? = 2 ] && [ "$out" = "Illegal 'json' option with the 'save' command" ]; then
	case_pass json-not-for-save
else
	case_fail json-not-for-save "$out"
fi
