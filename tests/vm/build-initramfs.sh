#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# build-initramfs.sh: builds the guest's cached base archive and the
# per-build overlay holding our ipvsadm, guest tools and the harness.
#
# The base (busybox, glibc, iproute2, modules, the oracle) only changes
# with package versions, so it is cached in $CACHE/initramfs under a key
# made of those versions and of this script.  Our binary changes on every
# build, so it goes into a small uncompressed overlay that is appended;
# the kernel unpacks both.  The result is $WORK/initrd.img.
set -Eeuo pipefail
# set -e exits without a word: say where.
trap 'echo "initramfs: failed (status $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
CACHE=${IPVS_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipvsadm-vm}
WORK=${IPVS_VM_WORK:-$TOP/build/vm}
IPVSADM_BIN=${IPVSADM_BIN:-$TOP/ipvsadm}
GUEST_TOOLS=${IPVS_GUEST_TOOLS:-$TOP/build/guest}
GUEST_LIBDIR=/lib/x86_64-linux-gnu

say() { printf 'initramfs: %s\n' "$*" >&2; }
die() {
	say "error: $*"
	exit 1
}

# Modules to preload, in order.  crc32c_generic comes first because
# libcrc32c only names it as a softdep, which busybox ignores.  Names
# ending in '?' are loaded only if this kernel has them.
MODULES="crc32c_generic libcrc32c nf_defrag_ipv4 nf_defrag_ipv6 nf_conntrack
ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_fo ip_vs_ovf ip_vs_lblc
ip_vs_lblcr ip_vs_dh ip_vs_sh ip_vs_sed ip_vs_nq ip_vs_mh? ip_vs_twos?
nf_conntrack_sip ip_vs_pe_sip tunnel4 ip_tunnel ipip udp_tunnel?
ip6_udp_tunnel? fou? gre? ip_gre? tunnel6? ip6_tunnel? fou6? veth llc stp
bridge dummy?"

[ -f "$CACHE/fetch.env" ] || die "$CACHE/fetch.env missing: run tests/vm/fetch.sh"
# shellcheck source=/dev/null
. "$CACHE/fetch.env"
for tool in cpio gzip ldd readelf sha256sum valgrind; do
	command -v "$tool" >/dev/null || die "'$tool' not found (run tests/deps.sh)"
done
IP_BIN=$(readlink -f "$(command -v ip)") || die "iproute2 'ip' not found"
JQ_BIN=$(readlink -f "$(command -v jq)") || die "jq not found (make deps)"

# copy_file SRC STAGE DEST: DEST is the path inside the guest.
copy_file() {
	mkdir -p "$2$(dirname "$3")"
	cp -L "$1" "$2$3"
}

# add_bin SRC STAGE DEST: a host binary plus every library ldd reports,
# at the same paths; host and guest share Debian 12's glibc.
add_bin() {
	local src=$1 stage=$2 dest=$3 lib
	copy_file "$src" "$stage" "$dest"
	chmod 755 "$stage$dest"
	# ldd fails on static binaries; they need nothing more.
	ldd "$src" >/dev/null 2>&1 || return 0
	for lib in $(ldd "$src" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }
			$1 ~ /^\// { print $1 }'); do
		[ -e "$stage$lib" ] && continue
		# The overlay need not repeat what the base already has.
		grep -qxF "$lib" "$BASE_LIST" 2>/dev/null && continue
		copy_file "$lib" "$stage" "$lib"
	done
}

# pack STAGE OUT: an uncompressed newc archive, owned by root.  The
# staging directory's own mode becomes the mode of the guest's /.
pack() {
	chmod 755 "$1"
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$2"
}

# pad FILE: an appended archive must start 4-byte aligned, or the kernel
# drops it with "invalid magic"; it skips the zero padding.
pad() { truncate -s %4 "$1"; }

add_busybox() {
	local stage=$1 applet
	copy_file "$BUSYBOX" "$stage" /bin/busybox
	chmod 755 "$stage/bin/busybox"
	for applet in $("$BUSYBOX" --list-full); do
		[ "$applet" = bin/busybox ] && continue
		mkdir -p "$stage/$(dirname "$applet")"
		ln -sf /bin/busybox "$stage/$applet"
	done
	# busybox ip knows no netns and no veth: iproute2 replaces it.
	rm -f "$stage/sbin/ip" "$stage/bin/ip"
	add_bin "$IP_BIN" "$stage" /sbin/ip
	# The JSON tests parse our output with the host's jq.
	add_bin "$JQ_BIN" "$stage" /usr/bin/jq
}

add_oracle() {
	local stage=$1 root
	add_bin "$ORACLE_ROOT/sbin/ipvsadm" "$stage" /opt/oracle/ipvsadm
	# The oracle runs with Debian's own libraries, not whatever the host
	# happens to have installed.
	for root in $LIB_ROOTS; do
		find "$root" -name '*.so*' \( -type f -o -type l \) \
			-exec cp -a -t "$stage$GUEST_LIBDIR" {} +
	done
}

# valgrind's launcher, memcheck (tests/hostile/60-valgrind.sh) and
# callgrind (profiling by hand); its tools are static, its preloads are not.
# Debian's /usr/bin/valgrind is a shell wrapper that only adds debug
# library paths the guest has not got: the guest runs valgrind.bin itself.
add_valgrind() {
	local stage=$1 lib=/usr/libexec/valgrind f bin id
	bin=$(command -v valgrind)
	[ -x "$bin.bin" ] && bin=$bin.bin
	add_bin "$bin" "$stage" /usr/bin/valgrind
	for f in memcheck-amd64-linux callgrind-amd64-linux \
		vgpreload_core-amd64-linux.so vgpreload_memcheck-amd64-linux.so \
		default.supp; do
		[ -f "$lib/$f" ] || die "valgrind has no $lib/$f"
		copy_file "$lib/$f" "$stage" "$lib/$f"
	done
	# memcheck must redirect ld.so's strlen, and Debian's ld.so keeps no
	# symbols: libc6-dbg's file for it, found by build id, has them.
	id=$(readelf -n /lib64/ld-linux-x86-64.so.2 | awk '/Build ID/ { print $3 }')
	f=/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug
	[ -f "$f" ] || die "no debug symbols for ld.so in $f (package libc6-dbg)"
	copy_file "$f" "$stage" "$f"
}

# module_path NAME: the path of NAME's .ko relative to lib/modules/KVER.
declare -A MODPATH=() MODDEPS=()
read_modules_dep() {
	local key deps name
	while IFS=: read -r key deps; do
		name=${key##*/}
		name=${name%%.ko*}
		MODPATH[${name//-/_}]=$key
		MODDEPS[$key]=$deps
	done <"$KERNEL_ROOT/lib/modules/$KVER/modules.dep"
}

declare -A LOADED=()
LOAD_ORDER=()
# want_module PATH: dependencies first, each once.
want_module() {
	local path=$1 dep
	[ -n "${LOADED[$path]:-}" ] && return 0
	LOADED[$path]=1
	for dep in ${MODDEPS[$path]}; do
		want_module "$dep"
	done
	LOAD_ORDER+=("$path")
}

add_modules() {
	local stage=$1 m name src dst f
	local mdir=/lib/modules/$KVER
	read_modules_dep
	for m in $MODULES; do
		name=${m%\?}
		if [ -z "${MODPATH[$name]:-}" ]; then
			[ "$name" != "$m" ] && continue
			die "kernel $KVER has no module $name"
		fi
		want_module "${MODPATH[$name]}"
	done
	: >"$stage/etc/modules.list"
	for m in "${LOAD_ORDER[@]}"; do
		src=$KERNEL_ROOT$mdir/$m
		dst=$m
		mkdir -p "$stage$mdir/$(dirname "$m")"
		# busybox insmod cannot read zstd; it handles gzip and xz itself.
		case $m in
		*.zst)
			dst=${m%.zst}
			zstd -qdc "$src" >"$stage$mdir/$dst" ||
				die "cannot decompress $m (is zstd installed?)"
			;;
		*) cp "$src" "$stage$mdir/$dst" ;;
		esac
		printf '%s\n' "$dst" >>"$stage/etc/modules.list"
	done
	for f in modules.builtin modules.order; do
		[ -f "$KERNEL_ROOT$mdir/$f" ] && cp "$KERNEL_ROOT$mdir/$f" "$stage$mdir/"
	done
	# A trimmed modules.dep/alias lets the guest's modprobe (and the
	# kernel's request_module) find exactly the modules we ship.
	"$BUSYBOX" depmod -b "$stage" "$KVER" || die "busybox depmod failed"
}

add_etc() {
	local stage=$1 f
	mkdir -p "$stage/etc"
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
		>"$stage/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$stage/etc/group"
	printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
		>"$stage/etc/hosts"
	# glibc 2.36 has nss_files built in, so 'files' needs no libnss_*.so.
	for f in passwd group shadow hosts networks protocols services \
		ethers rpc netgroup; do
		printf '%s: files\n' "$f"
	done >"$stage/etc/nsswitch.conf"
	for f in services protocols; do
		[ -f "/etc/$f" ] || die "host has no /etc/$f (package netbase)"
		cp "/etc/$f" "$stage/etc/$f"
	done
}

# The whole of /init lives in guest-lib.sh (harness_init), which comes
# with the overlay, so changing it never invalidates the base.
add_init() {
	printf '#!/bin/sh\n. /etc/harness.sh\nharness_init\n' >"$1/init"
	chmod 755 "$1/init"
}

build_base() {
	local out=$1 stage
	stage=$(mktemp -d "$CACHE/initramfs/stage.XXXXXX")
	mkdir -p "$stage"/{proc,sys,dev,run,tmp,root,mnt,etc} "$stage$GUEST_LIBDIR" \
		"$stage/lib64" "$stage/usr/local/bin" "$stage/usr/sbin"
	chmod 1777 "$stage/tmp"
	add_busybox "$stage"
	add_oracle "$stage"
	add_valgrind "$stage"
	add_etc "$stage"
	add_modules "$stage"
	add_init "$stage"
	pack "$stage" "$out.cpio"
	(cd "$stage" && find . ! -type d | sed 's/^\.//') >"$out.list"
	gzip -1 -n <"$out.cpio" >"$out.tmp"
	rm -rf "$stage" "$out.cpio"
	pad "$out.tmp"
	mv "$out.tmp" "$out"
}

build_overlay() {
	local out=$1 stage tool lib
	stage=$(mktemp -d "$WORK/overlay.XXXXXX")
	mkdir -p "$stage/etc" "$stage/usr/sbin" "$stage/usr/local/bin"
	cp "$HERE/guest-lib.sh" "$stage/etc/harness.sh"
	if [ -x "$IPVSADM_BIN" ]; then
		add_bin "$IPVSADM_BIN" "$stage" /opt/ours/ipvsadm
		ln -s /opt/ours/ipvsadm "$stage/usr/sbin/ipvsadm"
		# `tun` dlopen()s libnl-route-3: ldd does not list it.
		# awk reads to the end: an early exit could kill ldconfig with
		# SIGPIPE, which pipefail and set -e made a silent failure.
		lib=$(ldconfig -p | awk '$1 == "libnl-route-3.so.200" &&
			/x86-64/ && !lib { lib = $NF } END { print lib }')
		[ -n "$lib" ] || die "libnl-route-3.so.200 not found (make deps)"
		copy_file "$lib" "$stage" "$lib"
	else
		say "warning: $IPVSADM_BIN not built; the guest has no /opt/ours/ipvsadm"
	fi
	# The wrapper scripts that make install puts beside ipvsadm.
	for tool in ipvsadm-save ipvsadm-restore; do
		install -m 0755 "$TOP/scripts/$tool" "$stage/usr/sbin/$tool"
	done
	if [ -d "$GUEST_TOOLS" ]; then
		for tool in "$GUEST_TOOLS"/*; do
			if [ ! -f "$tool" ] || [ ! -x "$tool" ]; then
				continue
			fi
			add_bin "$tool" "$stage" "/usr/local/bin/${tool##*/}"
		done
	fi
	pack "$stage" "$out"
	rm -rf "$stage"
	pad "$out"
}

mkdir -p "$CACHE/initramfs" "$WORK"
key=$(
	{
		printf '%s\n' "$PKG_VERSIONS" "$KVER" "$IP_BIN"
		dpkg-query -W libc6 libc6-dbg iproute2 netbase valgrind 2>/dev/null || true
		cat "$0" /etc/services /etc/protocols
	} | sha256sum | cut -c1-16
)
base=$CACHE/initramfs/base-$key.cpio.gz
BASE_LIST=/nonexistent
if [ ! -f "$base" ] || [ ! -f "$base.list" ]; then
	say "building base archive (kernel $KVER)"
	build_base "$base"
	# Bases of older versions are never used again.
	find "$CACHE/initramfs" -name 'base-*' ! -name "${base##*/}*" -delete
fi
BASE_LIST=$base.list
build_overlay "$WORK/ours.cpio"
cat "$base" "$WORK/ours.cpio" >"$WORK/initrd.img.tmp"
mv "$WORK/initrd.img.tmp" "$WORK/initrd.img"
say "ready: $WORK/initrd.img ($(du -k "$WORK/initrd.img" | cut -f1) KiB)"
