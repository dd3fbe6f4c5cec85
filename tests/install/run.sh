#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh: installs into a scratch DESTDIR, runs what was installed, checks ipvsadm-save's atomicity, uninstalls.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
make=${MAKE:-make}
pass=0
fail=0
skip=0

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
dest=$tmp/dest
# Fixed directories, so that the expected list does not depend on this
# machine's pkg-config answers.
dirs="DESTDIR=$dest PREFIX=/usr SBINDIR=/usr/sbin MANDIR=/usr/share/man
SYSTEMDUNITDIR=/lib/systemd/system
BASHCOMPDIR=/usr/share/bash-completion/completions"

ok() {
	pass=$((pass + 1))
	printf 'ok    %s\n' "$1"
}

not_ok() {
	fail=$((fail + 1))
	printf 'FAIL  %s\n' "$1"
	[ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/      /'
}

skipped() {
	skip=$((skip + 1))
	printf 'skip  %s (%s)\n' "$1" "$2"
}

files_under() {
	(cd "$1" && find . ! -type d | sed 's|^\.||' | LC_ALL=C sort)
}

# --- install ----------------------------------------------------------------
# shellcheck disable=SC2086 # $dirs is a list of VAR=value words
if out=$("$make" -C "$root" --no-print-directory install $dirs 2>&1); then
	ok "make install"
else
	not_ok "make install" "$out"
fi

expected='/lib/systemd/system/ipvsadm.service
/usr/sbin/ipvsadm
/usr/sbin/ipvsadm-restore
/usr/sbin/ipvsadm-save
/usr/share/bash-completion/completions/ipvsadm
/usr/share/man/man8/ipvsadm-restore.8
/usr/share/man/man8/ipvsadm-save.8
/usr/share/man/man8/ipvsadm.8'
got=$(files_under "$dest")
if [ "$got" = "$expected" ]; then
	ok "installed file list"
else
	not_ok "installed file list" "$(printf '%s\n' "$expected" >"$tmp/want"
		printf '%s\n' "$got" | diff "$tmp/want" - )"
fi

bad_modes=
for f in $expected; do
	[ -e "$dest$f" ] || continue
	case $f in
	*/sbin/*) want=755 ;;
	*) want=644 ;;
	esac
	mode=$(stat -c %a "$dest$f")
	[ "$mode" = "$want" ] || bad_modes="$bad_modes$f is $mode, want $want
"
done
if [ -z "$bad_modes" ]; then
	ok "file modes"
else
	not_ok "file modes" "$bad_modes"
fi

# --- what was installed works -------------------------------------------------
sbin=$dest/usr/sbin
if out=$("$sbin/ipvsadm" -v 2>&1) &&
	[ "$out" = "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)" ]; then
	ok "installed ipvsadm -v"
else
	not_ok "installed ipvsadm -v" "$out"
fi

for page in ipvsadm.8 ipvsadm-save.8 ipvsadm-restore.8; do
	p=$dest/usr/share/man/man8/$page
	if [ ! -f "$p" ]; then
		not_ok "man -l $page" "not installed"
		continue
	fi
	MANWIDTH=80 man -l -P cat "$p" >"$tmp/man.out" 2>"$tmp/man.err"
	rc=$?
	if [ $rc -eq 0 ] && [ -s "$tmp/man.out" ] && [ ! -s "$tmp/man.err" ]; then
		ok "man -l $page"
	else
		not_ok "man -l $page" "exit $rc, $(wc -l <"$tmp/man.out") lines
$(cat "$tmp/man.err")"
	fi
done

unit=$dest/lib/systemd/system/ipvsadm.service
if [ -f "$unit" ] && ! grep -q @ "$unit" &&
	grep -q '^ExecStart=.*/usr/sbin/ipvsadm-restore ' "$unit" &&
	grep -q '^ExecStop=.*/usr/sbin/ipvsadm-save -n ' "$unit"; then
	ok "unit has its paths substituted"
else
	not_ok "unit has its paths substituted" "$(grep '^Exec' "$unit" 2>&1)"
fi

if bash -n "$dest/usr/share/bash-completion/completions/ipvsadm" 2>"$tmp/err"; then
	ok "completion parses"
else
	not_ok "completion parses" "$(cat "$tmp/err")"
fi

# --- ipvsadm-save and ipvsadm-restore against a fake ipvsadm -----------------
fake=$tmp/fake-ipvsadm
cat >"$fake" <<'EOF'
#!/bin/sh
# Stands in for ipvsadm: records its arguments, acts as $FAKE_MODE says.
printf '%s\n' "$*" >"$FAKE_ARGS"
case ${FAKE_MODE:-ok} in
ok)
	printf '%s\n' '-A -t 192.0.2.10:80 -s rr' \
		'-a -t 192.0.2.10:80 -r 10.0.0.11:80 -m -w 1'
	;;
big)
	i=0
	while [ $i -lt 4000 ]; do
		printf -- '-A -t 192.0.2.10:%d -s wlc\n' $i
		i=$((i + 1))
	done
	;;
fail)
	# Half a table, then the kernel error: nothing of it may land.
	printf '%s\n' '-A -t 192.0.2.10:80 -s rr'
	echo 'Memory allocation problem' >&2
	exit 255
	;;
esac
EOF
chmod 0755 "$fake"
export FAKE_ARGS="$tmp/args"
save=$sbin/ipvsadm-save
restore=$sbin/ipvsadm-restore
work=$tmp/work
mkdir -p "$work"
want_table='-A -t 192.0.2.10:80 -s rr
-a -t 192.0.2.10:80 -r 10.0.0.11:80 -m -w 1'

# No temporary file may be left next to FILE, whatever happened.
leftovers() {
	find "$1" -name '.*.??????' | sed 1q
}

out=$(IPVSADM=$fake "$save" -n)
if [ "$out" = "$want_table" ] && [ "$(cat "$FAKE_ARGS")" = "-S -n" ]; then
	ok "ipvsadm-save -n prints ipvsadm -S -n"
else
	not_ok "ipvsadm-save -n prints ipvsadm -S -n" "$out / $(cat "$FAKE_ARGS")"
fi

echo old >"$work/rules"
chmod 0640 "$work/rules"
if IPVSADM=$fake "$save" -n "$work/rules" &&
	[ "$(cat "$work/rules")" = "$want_table" ] &&
	[ "$(stat -c %a "$work/rules")" = 640 ] && [ -z "$(leftovers "$work")" ]; then
	ok "ipvsadm-save FILE replaces FILE, keeps its mode"
else
	not_ok "ipvsadm-save FILE replaces FILE, keeps its mode" \
		"$(ls -la "$work"; cat "$work/rules")"
fi

echo old >"$work/rules"
err=$(FAKE_MODE=fail IPVSADM=$fake "$save" -n "$work/rules" 2>&1)
rc=$?
if [ $rc -ne 0 ] && [ "$(cat "$work/rules")" = old ] &&
	[ -z "$(leftovers "$work")" ] &&
	printf '%s' "$err" | grep -q "$work/rules"; then
	ok "ipvsadm-save: a failing ipvsadm leaves FILE as it was"
else
	not_ok "ipvsadm-save: a failing ipvsadm leaves FILE as it was" \
		"exit $rc: $err; FILE: $(cat "$work/rules")"
fi

rm -f "$work/rules"
if ! FAKE_MODE=fail IPVSADM=$fake "$save" "$work/rules" 2>/dev/null &&
	[ ! -e "$work/rules" ] && [ -z "$(leftovers "$work")" ]; then
	ok "ipvsadm-save: a failing ipvsadm creates no FILE"
else
	not_ok "ipvsadm-save: a failing ipvsadm creates no FILE" "$(ls -la "$work")"
fi

# A read-only directory: root ignores permissions, so it needs a
# read-only mount, which only a private mount namespace allows here.
# shellcheck disable=SC2016 # expanded by the inner shell
ro_case='
	mount -t tmpfs -o ro,size=64k tmpfs "$1" || exit 77
	IPVSADM=$2 "$3" "$1/rules"
'
mkdir -p "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	echo old >"$tmp/ro/rules"
	chmod 0555 "$tmp/ro"
	err=$(IPVSADM=$fake "$save" "$tmp/ro/rules" 2>&1)
	rc=$?
	chmod 0755 "$tmp/ro"
	if [ $rc -ne 0 ] && [ "$(cat "$tmp/ro/rules")" = old ] &&
		printf '%s' "$err" | grep -q "$tmp/ro/rules"; then
		ok "ipvsadm-save: a read-only directory fails clearly"
	else
		not_ok "ipvsadm-save: a read-only directory fails clearly" "exit $rc: $err"
	fi
elif command -v unshare >/dev/null 2>&1; then
	err=$(unshare -m sh -c "$ro_case" sh "$tmp/ro" "$fake" "$save" 2>&1)
	rc=$?
	if [ $rc -eq 77 ]; then
		skipped "ipvsadm-save: read-only directory" "cannot mount here"
	elif [ $rc -ne 0 ] && printf '%s' "$err" | grep -q "$tmp/ro/rules"; then
		ok "ipvsadm-save: a read-only directory fails clearly"
	else
		not_ok "ipvsadm-save: a read-only directory fails clearly" "exit $rc: $err"
	fi
else
	skipped "ipvsadm-save: read-only directory" "root without unshare"
fi

# A full disk: a tiny file system that takes the old file but not a
# table of 4000 services.
# shellcheck disable=SC2016 # expanded by the inner shell
full_case='
	mount -t tmpfs -o size=16k tmpfs "$1" || exit 77
	echo old >"$1/rules"
	FAKE_MODE=big IPVSADM=$2 "$3" "$1/rules"
	rc=$?
	[ "$(cat "$1/rules")" = old ] || { echo "FILE changed" >&2; exit 3; }
	[ -z "$(find "$1" -name ".rules.*")" ] || { echo "temp left" >&2; exit 3; }
	exit $rc
'
mkdir -p "$tmp/full"
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1; then
	err=$(unshare -m sh -c "$full_case" sh "$tmp/full" "$fake" "$save" 2>&1)
	rc=$?
	if [ $rc -eq 77 ]; then
		skipped "ipvsadm-save: full disk" "cannot mount here"
	elif [ $rc -eq 1 ] && printf '%s' "$err" | grep -q "$tmp/full/rules"; then
		ok "ipvsadm-save: a full disk fails clearly, FILE unchanged"
	else
		not_ok "ipvsadm-save: a full disk fails clearly, FILE unchanged" \
			"exit $rc: $err"
	fi
else
	skipped "ipvsadm-save: full disk" "needs root and unshare"
fi

IPVSADM=$fake "$restore" "$work/rules" >/dev/null 2>&1
a1=$(cat "$FAKE_ARGS")
IPVSADM=$fake "$restore" </dev/null >/dev/null 2>&1
a2=$(cat "$FAKE_ARGS")
if [ "$a1" = "--apply $work/rules" ] && [ "$a2" = "--apply -" ]; then
	ok "ipvsadm-restore runs ipvsadm --apply FILE, or - for stdin"
else
	not_ok "ipvsadm-restore runs ipvsadm --apply FILE, or - for stdin" "$a1 / $a2"
fi

# --- uninstall ----------------------------------------------------------------
# shellcheck disable=SC2086 # $dirs is a list of VAR=value words
if out=$("$make" -C "$root" --no-print-directory uninstall $dirs 2>&1); then
	ok "make uninstall"
else
	not_ok "make uninstall" "$out"
fi
got=$(files_under "$dest")
if [ -z "$got" ]; then
	ok "nothing left after uninstall"
else
	not_ok "nothing left after uninstall" "$got"
fi

printf 'install: %d passed, %d failed' "$pass" "$fail"
[ $skip -eq 0 ] || printf ', %d skipped' "$skip"
printf '\n'
[ $fail -eq 0 ]
