#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: build the state selftest modules
# against KDIR and stage them with the scripts in OUTDIR.
set -euo pipefail

kdir=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
build=$out/.build
inc=${KLP_INCLUDE:-$here/../../include}

rm -rf "$build"
mkdir -p "$build" "$out"
cp "$here"/*.[ch] "$here"/Kbuild "$build"/
# the view of tools/klp-state, which test-list.sh runs
cp "$here/../../tools/klp-state/klp_state_view.c" "$build"/
echo 'obj-m += klp_state_view.o' >>"$build/Kbuild"
make -s -C "$kdir" M="$build" KLP_INCLUDE="$inc" W=1 modules
cp "$build"/*.ko "$out"/

# The tables the compiler can judge fail the build, each with the
# sentence its file names on its "expect:" line.
for bad in "$here"/bad/*.c; do
	name=$(basename "${bad%.c}")
	expect=$(sed -n 's|^/\* expect: \(.*\) \*/$|\1|p' "$bad")
	rm -rf "$build/bad" && mkdir "$build/bad"
	cp "$bad" "$build/bad"/
	printf 'ccflags-y += -I$(KLP_INCLUDE)\nobj-m += %s.o\n' "$name" \
		>"$build/bad/Kbuild"
	if make -s -C "$kdir" M="$build/bad" KLP_INCLUDE="$inc" \
		modules >"$build/bad.log" 2>&1; then
		echo "bad/$name.c built" >&2
		exit 1
	fi
	grep -qF -- "$expect" "$build/bad.log" || {
		cat "$build/bad.log" >&2
		echo "bad/$name.c failed the build without \"$expect\"" >&2
		exit 1
	}
done
cp "$here"/../lib/functions.sh "$here"/backend-lines "$here"/test-*.sh "$out"/
cp "$here/../../tools/klp-state/klp-state" "$out"/
sed -n 's/^#define KLP_STATE_VERSION_STRING[[:space:]]*"\(.*\)"$/\1/p' \
	"$inc/klp/version.h" >"$out/version"
[ -s "$out/version" ] || { echo "no KLP_STATE_VERSION_STRING in $inc/klp/version.h" >&2; exit 1; }

# The transcripts differ per backend only where backend-lines allows it;
# the module records the backend the header chose.
backend=$(modinfo -F klp_state_backend "$out/test_klp_state_a.ko")
case $backend in
native|compat) echo "$backend" > "$out/backend" ;;
*) echo "test_klp_state_a.ko does not say its backend" >&2; exit 1 ;;
esac
rm -rf "$build"
