#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: build the samples for the demo.
set -euo pipefail

kdir=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
build=$out/.build

rm -rf "$build"
mkdir -p "$build"
cp "$here"/../../samples/*.c "$here"/../../samples/Kbuild "$build"/
make -s -C "$kdir" M="$build" KLP_INCLUDE="$here/../../include" modules
cp "$build"/*.ko "$here"/test-demo.sh "$out"/
rm -rf "$build"
