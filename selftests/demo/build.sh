#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: build the samples for the demo and
# stage its chapters, those of KLP_DEMO (default: all), in that order.
set -euo pipefail

kdir=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
build=$out/.build
n=0

rm -rf "$build"
mkdir -p "$build"
cp "$here"/../../samples/*.c "$here"/../../samples/Kbuild "$build"/
make -s -C "$kdir" M="$build" KLP_INCLUDE="${KLP_INCLUDE:-$here/../../include}" modules
cp "$build"/*.ko "$here"/functions.sh "$out"/
for c in ${KLP_DEMO:-shadow module format}; do
	n=$((n + 1))
	cp "$here/test-$c.sh" "$out/test-$n-$c.sh"
done
rm -rf "$build"
