#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR
#
# The kernel's own livepatch selftests, unmodified, from the Debian source
# of the same kernel series ($KLP_KSRC, set by the runner):
#   6.1:  scripts from tools/testing/selftests/livepatch, test modules from
#         lib/livepatch, loaded with modprobe from /lib/modules/*/extra;
#   6.12: scripts and test_modules/ from tools/testing/selftests/livepatch,
#         loaded with insmod from ./test_modules, plus test_klp-call_getpid.
set -euo pipefail

[ $# -eq 4 ] || { echo "usage: $0 KDIR OUTDIR KVER FLAVOR" >&2; exit 2; }
kdir=$1 outdir=$2 kver=$3 flavor=$4
here=$(cd "$(dirname "$0")" && pwd)
: "${KLP_KSRC:?set by the runner: kernel source with the selftests}"
: "${KLP_CACHE:?set by the runner}"
tests=$KLP_KSRC/tools/testing/selftests/livepatch
[ -f "$tests/functions.sh" ] || { echo "no livepatch selftests in $KLP_KSRC" >&2; exit 1; }

# Persistent build directory: module builds stay incremental across runs.
bdir=$KLP_CACHE/build/upstream/$flavor-$kver
mkdir -p "$bdir" "$outdir"
exec 9>"$bdir.lock"
flock 9

# sync_sources SRC DST: copy *.c keeping mtimes, so unchanged files are not
# rebuilt.
sync_sources() {
	mkdir -p "$2"
	cp -p "$1"/*.c "$2"/
}

build_modules() {	# build_modules DIR
	local objs
	objs=$(cd "$1" && ls test_klp*.c | grep -v '\.mod\.c$' | sed 's/\.c$/.o/' | tr '\n' ' ')
	echo "obj-m := $objs" >"$1/Kbuild.new"
	cmp -s "$1/Kbuild.new" "$1/Kbuild" 2>/dev/null || mv "$1/Kbuild.new" "$1/Kbuild"
	rm -f "$1/Kbuild.new"
	make -C "$kdir" M="$1" -j"$(nproc)" modules
}

# On debug kernels, only the scripts that drive the code the backports
# change (enable, disable and replace, states, sysfs, shadow variables):
# KASAN, kmemleak and lockdep have nothing new to find in the others, which
# the native and stock kernels run in full.
if [ "$flavor" = debug ]; then
	cp -p "$tests"/functions.sh "$outdir"/
	for t in livepatch state state-callbacks sysfs shadow-vars; do
		[ ! -f "$tests/test-$t.sh" ] || cp -p "$tests/test-$t.sh" "$outdir"/
	done
else
	cp -p "$tests"/*.sh "$outdir"/
fi
[ ! -f "$tests/settings" ] || cp -p "$tests/settings" "$outdir"/

case $kver in
6.1)
	sync_sources "$KLP_KSRC/lib/livepatch" "$bdir/mod"
	build_modules "$bdir/mod"
	mkdir -p "$outdir/modules"
	cp "$bdir"/mod/*.ko "$outdir/modules/"
	;;
*)
	sync_sources "$tests/test_modules" "$bdir/mod"
	build_modules "$bdir/mod"
	mkdir -p "$outdir/test_modules"
	cp "$bdir"/mod/*.ko "$outdir/test_modules/"
	if [ -f "$tests/test_klp-call_getpid.c" ]; then
		gcc -O2 -Wall -o "$outdir/test_klp-call_getpid" "$tests/test_klp-call_getpid.c"
	fi
	;;
esac
install -m 0755 "$here/setup.sh" "$outdir/setup.sh"
