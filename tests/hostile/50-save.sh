#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 50-save.sh: ipvsadm-save FILE with the real ipvsadm and a real table on
# a full file system and in a read-only directory: it fails naming FILE
# and leaves the old FILE as it was.  (tests/install/run.sh checks the
# same on the host against a fake ipvsadm.)

if ! command -v ipvsadm-save >/dev/null; then
	case_fail save-installed "no ipvsadm-save in the guest"
	exit 1
fi
awk 'BEGIN {
	for (i = 0; i < 4000; i++)
		printf "-A -t 10.9.%d.%d:80 -s rr\n", int(i / 250), i % 250 + 1
}' | ipvsadm -R

mkdir -p /tmp/full /tmp/ro
mount -t tmpfs -o size=16k tmpfs /tmp/full
echo old >/tmp/full/rules
err=$(ipvsadm-save -n /tmp/full/rules 2>&1)
rc=$?
if [ $rc != 0 ] && [ "$(cat /tmp/full/rules)" = old ] &&
	[ -z "$(find /tmp/full -name '.rules.*')" ] &&
	printf '%s' "$err" | grep -q /tmp/full/rules; then
	case_pass save-full-disk
else
	case_fail save-full-disk "exit $rc: $err; now: $(ls -a /tmp/full)"
fi
umount /tmp/full

mount -t tmpfs -o size=64k tmpfs /tmp/ro
echo old >/tmp/ro/rules
mount -o remount,ro /tmp/ro
err=$(ipvsadm-save -n /tmp/ro/rules 2>&1)
rc=$?
if [ $rc != 0 ] && [ "$(cat /tmp/ro/rules)" = old ] &&
	printf '%s' "$err" | grep -q /tmp/ro/rules; then
	case_pass save-read-only-dir
else
	case_fail save-read-only-dir "exit $rc: $err"
fi
umount /tmp/ro
# And where it can write, the whole table lands.
if ipvsadm-save -n /tmp/rules.ok && [ "$(wc -l </tmp/rules.ok)" = 4000 ]; then
	case_pass save-writable
else
	case_fail save-writable "$(wc -l </tmp/rules.ok) lines"
fi
ipvsadm -C
