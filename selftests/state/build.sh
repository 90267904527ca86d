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

# The transcripts differ per backend only where backend-lines allows it;
# the module records the backend the header chose.
backend=$(modinfo -F klp_state_backend "$out/test_klp_state_a.ko")
case $backend in
native|compat) echo "$backend" > "$out/backend" ;;
*) echo "test_klp_state_a.ko does not say its backend" >&2; exit 1 ;;
esac
rm -rf "$build"
