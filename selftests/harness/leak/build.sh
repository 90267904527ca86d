#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: the module of this negative case.
set -euo pipefail

kdir=$1 outdir=$2 flavor=$4 kver=$3
here=$(cd "$(dirname "$0")" && pwd)
bdir=$KLP_CACHE/build/harness-leak/$flavor-$kver
mkdir -p "$bdir" "$outdir"
cp -p "$here"/*.c "$bdir"/
echo "obj-m := klp_harness_leak.o" >"$bdir/Kbuild"
make -C "$kdir" M="$bdir" modules
cp "$bdir/klp_harness_leak.ko" "$here/test-leak.sh" "$outdir"/
