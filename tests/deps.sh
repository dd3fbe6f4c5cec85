#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# deps.sh: installs the Debian packages needed to build and test, and only
# the ones that are missing.
set -eu

PKGS="gcc make pkg-config libnl-3-dev libnl-genl-3-dev libnl-route-3-dev
libpopt-dev libcmocka-dev clang-format shellcheck mandoc groff-base
qemu-system-x86 busybox-static cpio xz-utils gzip iproute2 jq
clang libclang-rt-14-dev valgrind libc6-dbg binutils man-db"

missing=""
for p in $PKGS; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	echo "deps: all build and test packages are installed"
	exit 0
fi
echo "deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	echo "deps: must be root to install packages" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # the package list is meant to split
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing
