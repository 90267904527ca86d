#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: build the state selftest modules
# against KDIR and stage them with the scripts in OUTDIR.
set -euo pipefail

kdir=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
build=$out/.build

rm -rf "$build"
mkdir -p "$build" "$out"
cp "$here"/*.[ch] "$here"/Kbuild "$build"/
make -s -C "$kdir" M="$build" KLP_INCLUDE="$here/../../include" W=1 modules
cp "$build"/*.ko "$out"/
cp "$here"/functions.sh "$here"/backend-lines "$here"/test-*.sh "$out"/

# The transcripts differ per backend only where backend-lines allows it.
if grep -q KLP_HAVE_STATE_CALLBACKS "$kdir/include/linux/livepatch.h" 2>/dev/null; then
	echo native > "$out/backend"
else
	echo compat > "$out/backend"
fi
rm -rf "$build"
