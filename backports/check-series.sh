#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-series.sh KVER...: for each kernel version, apply backports/<kver>/
# to a pristine linux-source-<kver> one patch at a time and, after each
# patch, build kernel/livepatch/ with W=1 (no warning allowed) and run
# checkpatch --no-tree on the patch.  Proves the series bisectable.  The
# cover letter (0000-cover-letter.patch) is checked, not applied.
# Trees are kept under $KLP_CACHE/series/<kver>; the configuration is the
# native kernel's (make kernels FLAVORS=native provisions it).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../selftests/kernels/common.sh"

. "$here/../selftests/lib/ktap.sh"

# The cover letter: present, no code, and counting the patches of series.
cover_letter()
{
	local dir=$here/$1 count

	count=$(series_patches "$dir" | grep -vcx '0000-cover-letter.patch')
	[ -f "$dir/0000-cover-letter.patch" ] &&
		grep -q "^Subject: \[PATCH 0/$count\] " "$dir/0000-cover-letter.patch" &&
		! grep -q '^diff --git' "$dir/0000-cover-letter.patch"
	result $? "$1: cover letter for the $count patches of series"
}

# One version: its trees, then a build and a checkpatch per patch.
check_kver()
{
	local kver=$1 base=$KLP_CACHE/series/$1 src obj cfg p i=0 log rc

	src=$base/src
	obj=$base/build
	cfg=$KLP_CACHE/native/$kver/build/.config
	[ -f "$cfg" ] || "$here/../selftests/kernels/provision.sh" "$kver" native >/dev/null ||
		die "no native $kver configuration"
	tree_from_pristine "$kver" "$src"
	mkdir -p "$obj"
	cp "$cfg" "$obj/.config"
	log=$base/build.log
	export CCACHE_DIR=$KLP_CACHE/ccache CCACHE_COMPILERCHECK=content
	export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
	# ccache, and a fixed output tree: only what a patch touches rebuilds.
	kmake() { make -s -C "$src" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$(nproc)" "$@"; }
	kmake olddefconfig >"$log" 2>&1 && kmake prepare >>"$log" 2>&1 ||
		{ tail -n 20 "$log" | sed 's/^/# /'; result 1 "$kver: prepare a pristine tree"; return; }

	cover_letter "$kver"

	for p in $(series_patches "$here/$kver"); do
		# A cover letter is no code patch: nothing to apply or build.
		[ "$p" != 0000-cover-letter.patch ] || continue
		i=$((i + 1))
		patch -d "$src" -p1 --batch --forward --quiet <"$here/$kver/$p" >"$log" 2>&1
		result $? "$kver: $p applies"
		kmake W=1 kernel/livepatch/ >"$log" 2>&1
		if [ $? -ne 0 ] || grep -q 'warning:' "$log"; then
			grep -E 'error|warning' "$log" | head -n 20 | sed 's/^/# /'
			result 1 "$kver: builds after patch $i"
		else
			result 0 "$kver: builds after patch $i"
		fi
		# FILE_PATH_CHANGES asks whether MAINTAINERS covers new files,
		# which --no-tree can not see: LIVE PATCHING covers the
		# selftests and test modules the series adds.
		"$src/scripts/checkpatch.pl" --no-tree --quiet \
			--ignore FILE_PATH_CHANGES "$here/$kver/$p" >"$log" 2>&1
		rc=$?
		[ $rc -eq 0 ] || sed 's/^/# /' "$log"
		result $rc "$kver: checkpatch --no-tree clean on patch $i"
	done
}

echo "KTAP version 1"
echo "# suite: backports (one patch at a time, native configuration;$(for k in "$@"; do
	printf ' linux-source-%s %s' "$k" \
		"$(dpkg-query -W -f '${Version}' "linux-source-$k" 2>/dev/null)"; done))"
for k in "$@"; do
	check_kver "$k"
done
ktap_end
