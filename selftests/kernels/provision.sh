#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# provision.sh KVER FLAVOR
#
# Makes one kernel ready for the VM runner and writes its description to
# $KLP_CACHE/kernels/<flavor>-<kver>.env (printed on stdout):
#   KLP_KVER KLP_FLAVOR KLP_KRELEASE KLP_KIMAGE KLP_KDIR KLP_KSRC KLP_DEBVER
# KLP_KDIR is what out-of-tree modules build against; KLP_KSRC holds the
# kernel's own tools/testing/selftests (and lib/livepatch on 6.1).
#
#   stock:  Debian's image and headers of the series, as apt offers them now,
#           fetched with apt-get download and unpacked under
#           $KLP_CACHE/stock/<release>: nothing is installed into the host.
#   native: linux-source-<kver> with backports/<kver>/series applied, built
#           from tinyconfig + config fragments, incrementally, with ccache.
#   debug:  the native tree again, in a tree of its own, plus
#           config-debug.fragment (KASAN, kmemleak, lockdep, list and
#           object debugging).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/common.sh"

[ $# -eq 2 ] || die "usage: $0 KVER FLAVOR"
kver=$1 flavor=$2
check_kver "$kver"
check_flavor "$flavor"

mkdir -p "$KLP_CACHE/kernels"
# Concurrent runs share the cache: one provisioning per kernel at a time.
exec 9>"$KLP_CACHE/kernels/$flavor-$kver.lock"
flock 9
envfile=$KLP_CACHE/kernels/$flavor-$kver.env
tarball=/usr/src/linux-source-$kver.tar.xz
[ -r "$tarball" ] || die "$tarball missing (package linux-source-$kver)"
debver=$(dpkg-query -W -f '${Version}' "linux-source-$kver")

# Extract only the paths the upstream and migrate suites need; stock
# kernels come with headers, not sources.
stock_sources() {
	local dst=$KLP_CACHE/src/$kver key top_dir=linux-source-$kver members
	members=("$top_dir/tools/testing/selftests/livepatch"
		 "$top_dir/tools/testing/selftests/kselftest*"
		 "$top_dir/samples/livepatch")
	[ "$kver" != 6.1 ] || members+=("$top_dir/lib/livepatch")
	# the key names the members too: a new member extracts again
	key="$(tarball_key "$kver") ${members[*]}"
	if [ "$(cat "$dst.stamp" 2>/dev/null)" != "$key" ]; then
		log "extracting selftests of linux-source-$kver $debver"
		rm -rf "$dst" "$dst.stamp"
		mkdir -p "$dst"
		tar -xJf "$tarball" -C "$dst" --strip-components=1 \
			--wildcards "${members[@]}"
		echo "$key" >"$dst.stamp"
	fi
	echo "$dst"
}

provision_stock() {
	local dir release img

	dir=$(stock_tree "$kver") || exit 1
	release=$(basename "$dir")
	img=$dir/boot/vmlinuz-$release
	write_env "$release" "$img" "$dir/usr/src/linux-headers-$release" "$(stock_sources)" \
		"$(awk -F_ -v p="linux-image-$release" '$1 == p { sub("%3a", ":", $2); print $2 }' "$dir.stamp")"
}

# Everything that decides the content of the patched source tree.
series_key() {
	local dir=$top/backports/$kver
	tarball_key "$kver"
	# Contents only: the same series in another clone is the same tree.
	if [ -f "$dir/series" ]; then
		sha256sum <"$dir/series"
		series_patches "$dir" | while read -r p; do
			echo "$p $(sha256sum <"$dir/$p")"
		done
	fi
}

native_sources() {
	local src=$1 key dir=$top/backports/$kver p
	key=$(series_key | sha256sum | cut -d' ' -f1)
	if [ "$(cat "$src.stamp" 2>/dev/null)" = "$key" ]; then
		return 0
	fi
	log "linking linux-source-$kver $debver into $src"
	rm -f "$src.stamp"
	tree_from_pristine "$kver" "$src"
	if [ -f "$dir/series" ]; then
		for p in $(series_patches "$dir"); do
			log "applying backports/$kver/$p"
			patch -d "$src" -p1 --batch --forward --quiet <"$dir/$p" ||
				{ rm -rf "$src"; die "backports/$kver/$p does not apply"; }
		done
	fi
	echo "$key" >"$src.stamp"
}

fragments() {
	local f

	echo "$here/config.fragment"
	for f in "$here/config-$kver.fragment" "$here/config-$flavor.fragment"; do
		[ ! -f "$f" ] || echo "$f"
	done
}

native_config() {
	local src=$1 obj=$2 key frag sym want got bad=0
	key=$( (cat "$src.stamp"; cat $(fragments)) | sha256sum | cut -d' ' -f1)
	if [ -f "$obj/.config" ] && [ "$(cat "$obj/.config.stamp" 2>/dev/null)" = "$key" ]; then
		return 0
	fi
	log "configuring $kver: tinyconfig + $(fragments | xargs -n1 basename | tr '\n' ' ')"
	make -s -C "$src" O="$obj" ARCH=x86_64 tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" \
		$(fragments) >"$obj/merge_config.log" 2>&1
	make -s -C "$src" O="$obj" ARCH=x86_64 olddefconfig >>"$obj/merge_config.log" 2>&1
	# merge_config.sh -m does not check; do it so that a symbol that lost
	# a dependency is reported instead of silently missing.
	for frag in $(fragments); do
		while IFS='=' read -r sym want; do
			got=$(grep -E "^$sym=" "$obj/.config" | cut -d= -f2- || true)
			if [ "$got" != "$want" ]; then
				warn "$sym: wanted $want, got ${got:-n}"
				case $sym in
				CONFIG_LIVEPATCH|CONFIG_MODULES|CONFIG_UNWINDER_ORC|\
				CONFIG_SERIAL_8250_CONSOLE|CONFIG_BLK_DEV_INITRD) bad=1;;
				esac
			fi
		done < <(grep -E '^CONFIG_[A-Z0-9_]+=' "$frag")
	done
	[ $bad -eq 0 ] || die "kernel config for $kver lacks essential options"
	echo "$key" >"$obj/.config.stamp"
}

provision_native() {
	local base=$KLP_CACHE/$flavor/$kver src obj key start
	src=$base/src
	obj=$base/build
	mkdir -p "$base" "$obj" "$KLP_CACHE/ccache"
	native_sources "$src"
	native_config "$src" "$obj"
	# The same sources and configuration built before: nothing to do, and
	# a no-op make of a kernel tree still costs seconds per VM run.
	key=$(cat "$src.stamp" "$obj/.config.stamp")
	if [ ! -f "$obj/arch/x86/boot/bzImage" ] ||
	   [ "$(cat "$obj/.build.stamp" 2>/dev/null)" != "$key" ]; then
		rm -f "$obj/.build.stamp"
		start=$SECONDS
		log "building $kver in $obj (ccache, -j$(nproc))"
		export CCACHE_DIR=$KLP_CACHE/ccache
		# Compiler path and flags in the cache key, not file mtimes: a
		# re-extracted tree still hits the cache.
		export CCACHE_COMPILERCHECK=content CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
		make -s -C "$src" O="$obj" ARCH=x86_64 CC="ccache gcc" \
			KBUILD_BUILD_USER=klp \
			KBUILD_BUILD_HOST=klp -j"$(nproc)" all >"$base/build.log" 2>&1 ||
			{ tail -n 40 "$base/build.log" >&2; die "kernel $kver build failed (log: $base/build.log)"; }
		log "built $kver in $((SECONDS - start)) s"
		echo "$key" >"$obj/.build.stamp"
	fi
	write_env "$(cat "$obj/include/config/kernel.release")" \
		"$obj/arch/x86/boot/bzImage" "$obj" "$src" "$debver"
}

provision_debug() {
	provision_native
}

write_env() {
	cat >"$envfile.tmp" <<EOT
KLP_KVER=$kver
KLP_FLAVOR=$flavor
KLP_KRELEASE=$1
KLP_KIMAGE=$2
KLP_KDIR=$3
KLP_KSRC=$4
KLP_DEBVER=$5
KLP_DEBSRC=linux-source-$kver/$debver
EOT
	mv "$envfile.tmp" "$envfile"
	echo "$envfile"
}

# Last line, read whole before it runs: a build in progress never reads an
# edited file.
"provision_$flavor"; exit
