#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-case.sh KDIR OUTDIR KVER FLAVOR: what every negative case's
# build.sh does: build klp_harness_<case>.ko from the case's folder and
# stage it with test-<case>.sh.  The case is the folder's name.
set -euo pipefail

kdir=$1 outdir=$2 kver=$3 flavor=$4
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
case=$(basename "$here")
bdir=$KLP_CACHE/build/harness-$case/$flavor-$kver
mkdir -p "$bdir" "$outdir"
cp -p "$here"/*.c "$bdir"/
echo "obj-m := klp_harness_$case.o" >"$bdir/Kbuild"
make -C "$kdir" M="$bdir" modules
cp "$bdir/klp_harness_$case.ko" "$here/test-$case.sh" "$outdir"/
