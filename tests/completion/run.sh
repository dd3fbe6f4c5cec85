#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh: drives the bash completion of ipvsadm on typed lines, against a fake live table.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/ipvsadm.bash-completion
. "$root/scripts/ipvsadm.bash-completion"

pass=0
fail=0
table_calls=0

# The completion reads the table with `ipvsadm -Sn`: this stands in for it.
ipvsadm() {
	if [[ $* != -Sn ]]; then
		echo "fake ipvsadm: unexpected arguments: $*" >&2
		return 2
	fi
	table_calls=$((table_calls + 1))
	cat <<'EOF'
-A -t 192.0.2.10:80 -s wrr
-a -t 192.0.2.10:80 -r 10.0.0.11:80 -i -w 1 --tun-type ipip
-a -t 192.0.2.10:80 -r 10.0.0.12:80 -i -w 2 --tun-type ipip
-A -t 192.0.2.10:443 -s wlc
-a -t 192.0.2.10:443 -r 10.0.0.13:443 -g -w 1
-A -t [2001:db8::1]:80 -s rr
-A -u 192.0.2.53:53 -s rr
-A --sctp-service 192.0.2.5:3868 -s mh -b mh-port
-A -f 1 -s wlc -p 360
-A -f 2 -6 -s rr
EOF
}

# The VIPs `ipvsadm tun down` offers come from `ip address show`.
ip() {
	printf '%s\n' \
		"7: tunl0    inet 192.0.2.10/32 scope global tunl0\\       valid_lft forever" \
		"7: tunl0    inet 192.0.2.11/32 scope global tunl0\\       valid_lft forever"
}

# Split a line the way bash does for completion: at blanks, and with
# every run of colons a word of its own (':' is in COMP_WORDBREAKS).
complete_line() {
	local line=$1 w piece
	local -a words=()
	COMP_WORDS=()
	read -r -a words <<<"$line"
	[[ $line == *' ' || ${#words[@]} -eq 0 ]] && words+=('')
	for w in "${words[@]}"; do
		if [[ $w != *:* ]]; then
			COMP_WORDS+=("$w")
			continue
		fi
		while [[ -n $w ]]; do
			if [[ $w == :* ]]; then
				piece=${w%%[!:]*}
			else
				piece=${w%%:*}
			fi
			COMP_WORDS+=("$piece")
			w=${w#"$piece"}
		done
	done
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMPREPLY=()
	_ipvsadm ipvsadm "${COMP_WORDS[COMP_CWORD]}" \
		"${COMP_WORDS[COMP_CWORD - 1]-}"
}

ok() {
	pass=$((pass + 1))
	printf 'ok    %s\n' "$1"
}

not_ok() {
	fail=$((fail + 1))
	printf 'FAIL  %s\n      %s\n      got: %s\n' "$1" "$2" "${COMPREPLY[*]-}"
}

# exact LINE WORD...: the completions are exactly these, in any order.
exact() {
	local line=$1 got want
	shift
	complete_line "$line"
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[[ $# -eq 0 ]] && want=''
	[[ ${#COMPREPLY[@]} -eq 0 ]] && got=''
	if [[ $got == "$want" ]]; then
		ok "'$line'"
	else
		not_ok "'$line'" "want: $want"
	fi
}

# has LINE +WORD... -WORD...: these are offered (+) and these are not (-).
has() {
	local line=$1 w c found
	shift
	complete_line "$line"
	for w in "$@"; do
		found=0
		for c in "${COMPREPLY[@]}"; do
			[[ $c == "${w:1}" ]] && found=1
		done
		if [[ ${w:0:1} == + && $found == 0 ]]; then
			not_ok "'$line'" "missing: ${w:1}"
			return
		fi
		if [[ ${w:0:1} == - && $found == 1 ]]; then
			not_ok "'$line'" "offered but illegal: ${w:1}"
			return
		fi
	done
	ok "'$line'"
}

# Commands.
has 'ipvsadm ' +-A +--add-service +-L +-R +--apply +--plan +tun +--start-daemon \
	-'-n' -'--test'
exact 'ipvsadm --st' --start-daemon --stop-daemon
exact 'ipvsadm -C ' # takes nothing

# Options follow the command's row of the option matrix.
has 'ipvsadm -A -t 192.0.2.1:80 -' +-s +--scheduler +-p +-M +--pe +-b +-o \
	-'-t' -'-u' -'-r' -'-w' -'-n' -'--stats' -'-6'
has 'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.21 -' +-g +-i +-m +-w +-x +-y \
	+--tun-type +--tun-port +--tun-csum -'-t' -'-r' -'-s' -'-p'
has 'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.21 -i --tun-csum --' \
	+--tun-port -'--tun-nocsum' -'--tun-remcsum' -'--gatewaying' -'--ipip'
has 'ipvsadm -L --' +--stats +--rate +--thresholds +--persistent-conn \
	+--tun-info +--exact +--nosort +--numeric +--timeout +--daemon \
	-'--weight' -'--scheduler' -'--test'
has 'ipvsadm -L -n -' -'-n' -'--numeric' +-c +--stats
exact 'ipvsadm -R -' --best-effort --test
exact 'ipvsadm -S ' -n --numeric
exact 'ipvsadm --plan rules ' -n --numeric
exact 'ipvsadm --apply rules ' --test
exact 'ipvsadm --stop-daemon master ' --syncid
has 'ipvsadm -A -f 7 -' +-6 +--ipv6 +-s
has 'ipvsadm -A -t 192.0.2.1:80 -' -'-6' -'--ipv6'

# Argument values.
exact 'ipvsadm -A -t 192.0.2.1:80 -s ' rr wrr lc wlc lblc lblcr dh sh sed nq \
	fo ovf mh twos
exact 'ipvsadm -A -t 192.0.2.1:80 --scheduler w' wrr wlc
exact 'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.21 -i --tun-type ' ipip gue gre
exact 'ipvsadm --start-daemon ' master backup
exact 'ipvsadm --stop-daemon b' backup
exact 'ipvsadm -A -t 192.0.2.1:80 -s sh -b ' flag-1 flag-2 flag-3 \
	sh-fallback sh-port
exact 'ipvsadm -A -t 192.0.2.1:80 -s mh -b mh-port,mh-f' mh-port,mh-fallback
exact 'ipvsadm -A -t 192.0.2.1:80 -b ' flag-1 flag-2 flag-3
exact 'ipvsadm -e -t 192.0.2.10:80 -r 10.0.0.11 -w ' # a number: nothing

# Virtual services of the live table, for commands on existing ones.
exact 'ipvsadm -E -t ' 192.0.2.10:80 192.0.2.10:443 '[2001:db8::1]:80'
exact 'ipvsadm -D -t 192.0.2.10:' 80 443
exact 'ipvsadm -L -t [2001:db8::' '1]:80'
exact 'ipvsadm -Z -u ' 192.0.2.53:53
exact 'ipvsadm -a --sctp-service ' 192.0.2.5:3868
exact 'ipvsadm -L -f ' 1 2
exact 'ipvsadm -d -t 192.0.2.10:80 -r ' 10.0.0.11:80 10.0.0.12:80
exact 'ipvsadm -e -t 192.0.2.10:443 -r 10.0.0.1' 10.0.0.13:443
calls=$table_calls
exact 'ipvsadm -A -t ' # a new service: the table has nothing to offer
if ((table_calls == calls)); then
	ok "-A does not read the live table"
else
	not_ok "-A does not read the live table" "ipvsadm -Sn was run"
fi

# Files for --apply and --plan.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/rules.ipvs"
exact "ipvsadm --apply $tmp/rules." "$tmp/rules.ipvs"

# ipvsadm tun.
exact 'ipvsadm tun ' director realserver down check help --help
has 'ipvsadm tun check -' +--json +--dev -'--dry-run'
has 'ipvsadm tun director --' +--dev +--dry-run -'--json'
exact 'ipvsadm tun check ' director realserver
exact 'ipvsadm tun check realserver ' # VIPs are typed, not guessed
exact 'ipvsadm tun down ' 192.0.2.10 192.0.2.11

printf 'completion: %d passed, %d failed\n' "$pass" "$fail"
[[ $fail -eq 0 ]]
