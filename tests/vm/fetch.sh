#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# fetch.sh: downloads and unpacks the guest kernel, busybox and the oracle.
#
# Nothing is installed: each .deb is fetched with `apt-get download` and
# unpacked with `dpkg-deb -x` into a cache directory named after the
# package and its version, so a new kernel ABI or package upload gets its
# own directory and old ones are simply left behind.  The result is
# described in $CACHE/fetch.env, which build-initramfs.sh sources.
set -euo pipefail

CACHE=${IPVS_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipvsadm-vm}
# The oracle is pinned: compat tests compare against this exact upload.
ORACLE_VERSION=${IPVS_ORACLE_VERSION:-1:1.31-1+b1}
APT_TIMEOUT=${IPVS_APT_TIMEOUT:-600}
LIBS=(libnl-3-200 libnl-genl-3-200 libpopt0)

say() { printf 'fetch: %s\n' "$*" >&2; }
die() {
	say "error: $*"
	exit 1
}

for tool in apt-get apt-cache dpkg-deb xz timeout; do
	command -v "$tool" >/dev/null || die "'$tool' not found (run tests/deps.sh)"
done

updated=0
# Stale package lists are the usual cause of a failed download (the
# security archive replaces kernel uploads), so refresh them once.
apt_update_once() {
	[ "$updated" = 0 ] || return 1
	updated=1
	say "refreshing package lists (apt-get update)"
	timeout "$APT_TIMEOUT" apt-get update -q >&2 ||
		die "apt-get update failed or timed out after ${APT_TIMEOUT}s"
}

# The kernel image the metapackage points at today; the ABI is never
# hard-coded because security uploads bump it.
kernel_pkg() {
	# No early exit: SIGPIPE to apt-cache would fail the pipeline.
	apt-cache depends linux-image-amd64 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-/ && !k { k = $2 }
			END { if (k) print k }'
}

candidate() {
	awk -v pkg="$1:" '$0 == pkg { p = 1; next }
		/^[^ ]/ { p = 0 }
		p && $1 == "Candidate:" && $2 != "(none)" { print $2; exit }' \
		<<<"$POLICY"
}

# has_version NAME VERSION: VERSION is in NAME's version table.
has_version() {
	awk -v pkg="$1:" -v ver="$2" '$0 == pkg { p = 1; next }
		/^[^ ]/ { p = 0 }
		p && ($1 == ver || ($1 == "***" && $2 == ver)) { f = 1 }
		END { exit !f }' <<<"$POLICY"
}

# pkg_dir NAME VERSION: the cache directory of one unpacked upload.
pkg_dir() {
	printf '%s/pkg/%s_%s' "$CACHE" "$1" "${2//:/%3a}"
}

download() {
	local name=$1 version=$2 dir=$3 tmp
	tmp=$(mktemp -d "$CACHE/dl.XXXXXX")
	say "downloading $name=$version"
	if ! (cd "$tmp" && timeout "$APT_TIMEOUT" apt-get download -q \
		"$name=$version") >"$tmp/log" 2>&1; then
		grep -v 'unsandboxed as root' "$tmp/log" >&2
		say "apt-get download $name=$version failed or took over ${APT_TIMEOUT}s"
		rm -rf "$tmp"
		return 1
	fi
	set -- "$tmp"/*.deb
	[ -f "$1" ] || {
		rm -rf "$tmp"
		return 1
	}
	rm -rf "$dir.new"
	mkdir -p "$dir.new"
	dpkg-deb -x "$1" "$dir.new/root" || die "dpkg-deb -x failed on $1"
	rm -rf "$tmp"
}

# vmlinuz is a bzImage whose payload is an xz stream; booting the ELF
# inside directly (PVH entry) skips SeaBIOS and in-guest decompression.
extract_vmlinux() {
	local vmlinuz=$1 out=$2 off
	# The magic may also occur by chance earlier in the setup code, so
	# try each hit until one decompresses to an ELF image.
	while read -r off; do
		# xz stops at the end of its stream; the trailing bytes are not ours.
		if xz -dc --single-stream >"$out.tmp" 2>/dev/null \
			< <(tail -c +"$((off + 1))" "$vmlinuz") &&
			[ "$(head -c 4 "$out.tmp" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
			mv "$out.tmp" "$out"
			return 0
		fi
	done < <(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$vmlinuz" | cut -d: -f1)
	rm -f "$out.tmp"
	return 1
}

# finish_kernel DIR: the .deb has no modules.dep (its postinst makes it).
finish_kernel() {
	local dir=$1 kver busybox=$2
	kver=$(basename "$(find "$dir/root/lib/modules" -mindepth 1 \
		-maxdepth 1 -type d | head -n 1)")
	[ -n "$kver" ] || die "no lib/modules/<version> in $dir"
	"$busybox" depmod -b "$dir/root" "$kver" ||
		die "busybox depmod failed for $kver"
	extract_vmlinux "$dir/root/boot/vmlinuz-$kver" "$dir/vmlinux" ||
		die "no xz-compressed ELF kernel found in vmlinuz-$kver"
}

# fetch_pkg NAME VERSION NEEDED [FINISH...]: unpack once; the stamp file
# marks a complete unpack, so an interrupted run is redone rather than
# trusted, and so is one whose NEEDED file (relative to the cache
# directory) has gone since.
fetch_pkg() {
	local name=$1 version=$2 needed=$3 dir
	shift 3
	dir=$(pkg_dir "$name" "$version")
	[ -f "$dir/.complete" ] && [ -s "$dir/$needed" ] && return 0
	if ! download "$name" "$version" "$dir"; then
		return 1
	fi
	if [ $# -gt 0 ]; then
		"$@" "$dir.new"
	fi
	touch "$dir.new/.complete"
	rm -rf "$dir"
	mv "$dir.new" "$dir"
}

# resolve: sets the package names and versions from the apt lists, with
# as few apt-cache calls as possible (each costs about half a second).
resolve() {
	local lib
	KPKG=$(kernel_pkg)
	POLICY=$(apt-cache policy busybox-static ipvsadm "${LIBS[@]}" ${KPKG:+"$KPKG"} \
		2>/dev/null)
	KVERSION=${KPKG:+$(candidate "$KPKG")}
	BB_VERSION=$(candidate busybox-static)
	declare -gA LIBV=()
	for lib in "${LIBS[@]}"; do
		LIBV[$lib]=$(candidate "$lib")
	done
	[ -n "$KPKG" ] && [ -n "$KVERSION" ] && [ -n "$BB_VERSION" ] &&
		[ -n "${LIBV[libnl-3-200]}" ] && [ -n "${LIBV[libnl-genl-3-200]}" ] &&
		[ -n "${LIBV[libpopt0]}" ] && has_version ipvsadm "$ORACLE_VERSION"
}

fetch_all() {
	local lib bb
	fetch_pkg busybox-static "$BB_VERSION" root/bin/busybox || return 1
	bb=$(pkg_dir busybox-static "$BB_VERSION")/root/bin/busybox
	fetch_pkg ipvsadm "$ORACLE_VERSION" root/sbin/ipvsadm || return 1
	for lib in "${LIBS[@]}"; do
		fetch_pkg "$lib" "${LIBV[$lib]}" root || return 1
	done
	fetch_pkg "$KPKG" "$KVERSION" vmlinux finish_kernel_with "$bb" ||
		return 1
}

finish_kernel_with() { finish_kernel "$2" "$1"; }

mkdir -p "$CACHE/pkg" || die "cannot create cache directory $CACHE"

if ! resolve; then
	apt_update_once
	resolve || die "cannot resolve packages (kernel '${KPKG:-?}'," \
		"ipvsadm=$ORACLE_VERSION): not in the apt lists"
fi
if ! fetch_all; then
	apt_update_once || die "download failed"
	resolve || die "packages vanished from the apt lists after update"
	fetch_all || die "download failed even after apt-get update"
fi

KDIR=$(pkg_dir "$KPKG" "$KVERSION")
KVER=$(basename "$(find "$KDIR/root/lib/modules" -mindepth 1 -maxdepth 1 \
	-type d | head -n 1)")
{
	printf 'KVER=%q\n' "$KVER"
	printf 'KERNEL_ROOT=%q\n' "$KDIR/root"
	printf 'KERNEL_VMLINUX=%q\n' "$KDIR/vmlinux"
	printf 'BUSYBOX=%q\n' "$(pkg_dir busybox-static "$BB_VERSION")/root/bin/busybox"
	printf 'ORACLE_ROOT=%q\n' "$(pkg_dir ipvsadm "$ORACLE_VERSION")/root"
	printf 'LIB_ROOTS=%q\n' "$(for lib in "${LIBS[@]}"; do
		pkg_dir "$lib" "${LIBV[$lib]}"
		printf '/root '
	done)"
	printf 'PKG_VERSIONS=%q\n' "$KPKG=$KVERSION busybox-static=$BB_VERSION \
ipvsadm=$ORACLE_VERSION $(for lib in "${LIBS[@]}"; do
		printf '%s=%s ' "$lib" "${LIBV[$lib]}"
	done)"
} >"$CACHE/fetch.env.new"
mv "$CACHE/fetch.env.new" "$CACHE/fetch.env"
say "ready: kernel $KVER in $CACHE"
