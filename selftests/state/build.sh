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

# KLP_STATE() must refuse the reserved id at build time.
mkdir "$build/bad"
cp "$here"/bad/*.c "$build/bad"/
echo 'ccflags-y += -I$(KLP_INCLUDE)
obj-m += test_klp_state_bad_id.o' >"$build/bad/Kbuild"
if make -s -C "$kdir" M="$build/bad" KLP_INCLUDE="$here/../../include" \
	modules >"$build/bad.log" 2>&1; then
	echo "KLP_STATE() accepted the reserved state id" >&2
	exit 1
fi
grep -q 'BUILD_BUG_ON_ZERO\|negative width' "$build/bad.log" || {
	cat "$build/bad.log" >&2
	echo "the reserved state id failed the build for another reason" >&2
	exit 1
}
cp "$here"/functions.sh "$here"/backend-lines "$here"/test-*.sh "$out"/

# The transcripts differ per backend only where backend-lines allows it;
# the module records the backend the header chose.
backend=$(modinfo -F klp_state_backend "$out/test_klp_state_a.ko")
case $backend in
native|compat) echo "$backend" > "$out/backend" ;;
*) echo "test_klp_state_a.ko does not say its backend" >&2; exit 1 ;;
esac
rm -rf "$build"
