#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: build the benchmark modules against KDIR
# and stage them with the script in OUTDIR.  KLP_BENCH_NS lists the numbers
# of shadow variables to measure: make bench sets it, the suite of make
# check measures 2000 (its self checks, not its times).  The livepatch that measures the
# native core is built only when the kernel has it.
set -euo pipefail

kdir=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
build=$out/.build
native=

# An out-of-tree build directory has no include/: read the source tree's.
if grep -qs KLP_HAVE_STATE_CALLBACKS "$kdir/include/linux/livepatch.h" \
	"${KLP_KSRC:-/nonexistent}/include/linux/livepatch.h"; then
	native=m
fi
rm -rf "$build"
mkdir -p "$build" "$out"
cp "$here"/*.c "$here"/*.h "$here"/Kbuild "$build"/
make -s -C "$kdir" M="$build" KLP_BENCH_NATIVE=$native W=1 modules
cp "$build"/*.ko "$out"/
cp "$here"/test-*.sh "$out"/
echo "${KLP_BENCH_NS:-2000}" >"$out/sizes"
rm -rf "$build"
