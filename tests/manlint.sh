#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# manlint.sh: fails on any warning from groff or mandoc for the man pages.
set -u
rc=0
for m in "$@"; do
	w=$(groff -man -ww -z "$m" 2>&1)
	if [ -n "$w" ]; then
		printf '%s\n' "$w"
		rc=1
	fi
	w=$(mandoc -Tlint -W warning "$m" 2>&1)
	if [ -n "$w" ]; then
		printf '%s\n' "$w"
		rc=1
	fi
done
exit $rc
