#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: build livepatches as they came and as
# klp-migrate converts them, for the VM to compare.
#
# orig/ and conv/ hold the same livepatches: every one of the kernel's
# selftest modules and samples that the conversion rewrites (the demo of
# callbacks and the two shadow variable fixes, whose target module is
# built in orig/ only), and the cumulative livepatch of this directory:
# conv/ holds its next release, test_klp_migrate_v2, converted, which
# replaces the running test_klp_migrate_v1.  The fix to a module in
# lp_module.c comes in two releases, test_klp_migrate_modfix and
# test_klp_migrate_modfix2, built from one source as it came and from one
# conversion of it: the same path, so the same state ids.  A stream
# moved to the header with klp/bridge.h: lp_takeover.c built without
# it (test_klp_migrate_r in orig/), lp_bridged.c as two releases with it
# (test_klp_migrate_n and _n2 in conv/), and lp_takeover.c itself
# converted by klp-migrate, which moves the data into the state's shadow
# variable and writes the bridge (test_klp_migrate_m in conv/).  A
# release that keeps its data in a global of its module: lp_global.c
# built without the header (test_klp_migrate_rg in orig/), and as
# klp-migrate converts it after the edit by hand its report names
# (lp_global-moved.diff): test_klp_migrate_ng and _ng2 in conv/.
set -euo pipefail

kdir=$1 out=$2 kver=$3 flavor=$4
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$out/.build

# the kernel's selftest livepatches: lib/livepatch until 6.8
src=
for d in tools/testing/selftests/livepatch/test_modules lib/livepatch; do
	[ -f "$KLP_KSRC/$d/test_klp_callbacks_demo2.c" ] && src=$KLP_KSRC/$d
done
[ -n "$src" ] || { echo "no test_klp_callbacks_demo2.c in $KLP_KSRC" >&2; exit 1; }

rm -rf "$build"
mkdir -p "$build/orig" "$build/conv" "$out/orig" "$out/conv"
samples=$KLP_KSRC/samples/livepatch
[ -f "$samples/livepatch-shadow-fix1.c" ] || { echo "no shadow samples in $KLP_KSRC" >&2; exit 1; }
for d in orig conv; do
	cp "$src/test_klp_callbacks_demo2.c" "$build/$d/"
	# file names as the modules': the tests find them in sysfs
	for f in fix1 fix2; do
		cp "$samples/livepatch-shadow-$f.c" "$build/$d/livepatch_shadow_$f.c"
	done
done
cp "$samples/livepatch-shadow-mod.c" "$build/orig/livepatch_shadow_mod.c"
cp "$here/lp_cumulative.c" "$build/orig/test_klp_migrate_v1.c"
cp "$here/lp_cumulative.c" "$build/conv/test_klp_migrate_v2.c"
cp "$here/../state/test_klp_state_mod.c" "$here/../state/test_klp_state_mod.h" \
	"$here/../state/test_klp_state_reader_cpu.h" \
	"$here/../state/test_klp_state_fault.h" "$build/orig/"
mkdir -p "$build/modfix"
cp "$here/lp_module.c" "$build/modfix/"

# Every file must convert; a report that leaves work by hand fails.
"$top/cocci/klp-migrate" "$build/conv" >"$build/migrate.log" 2>&1 || {
	cat "$build/migrate.log" >&2
	exit 1
}
if [ "$(grep -c '^converted' "$build/migrate.log")" -ne 4 ]; then
	cat "$build/migrate.log" >&2
	exit 1
fi
"$top/cocci/klp-migrate" "$build/modfix" >"$build/modfix.log" 2>&1 &&
	grep -q '^converted' "$build/modfix.log" || {
	cat "$build/modfix.log" >&2
	exit 1
}
for r in modfix modfix2; do
	cp "$here/lp_module.c" "$build/orig/test_klp_migrate_$r.c"
	cp "$build/modfix/lp_module.c" "$build/conv/test_klp_migrate_$r.c"
done

# A stream moved to the header: its release without it, and two
# releases with the bridge (Documentation/migration.rst).
cp "$here/lp_takeover.c" "$build/orig/test_klp_migrate_r.c"
for r in n n2; do
	cp "$here/lp_bridged.c" "$build/conv/test_klp_migrate_$r.c"
done
# R's own source as klp-migrate converts it, with the version raised by
# one (step 1 of "Moving a deployed stream"): the tool moves the data
# out of klp_state.data and writes the bridge, which frees R's memory
# with kfree().  The klp_get_prev_state() tests in its state callbacks
# are dead and go; nothing is left "not converted".
mkdir -p "$build/moved"
sed 's/^\(#define QUIET_STATE_VERSION\t\)1$/\12/' "$here/lp_takeover.c" >"$build/moved/lp_takeover.c"
grep -q '^#define QUIET_STATE_VERSION.2$' "$build/moved/lp_takeover.c" || {
	echo "lp_takeover.c: no QUIET_STATE_VERSION 1 to raise" >&2
	exit 1
}
"$top/cocci/klp-migrate" "$build/moved" >"$build/moved.log" 2>&1 || true
grep -q '^converted' "$build/moved.log" &&
	! grep -q 'not converted:' "$build/moved.log" &&
	grep -q 'klp_state_bridge(QUIET_STATE, sizeof(int), kfree);' "$build/moved/lp_takeover.c" &&
	! grep -q -- '->data' "$build/moved/lp_takeover.c" || {
	cat "$build/moved.log" "$build/moved/lp_takeover.c" >&2
	exit 1
}
cp "$build/moved/lp_takeover.c" "$build/conv/test_klp_migrate_m.c"

# The data in a global of R's module: klp-migrate refuses the file and
# names the edit by hand; with the edit made, it converts the file and
# writes the bridge, which copies the global and frees nothing.
mkdir -p "$build/global"
cp "$here/lp_global.c" "$build/global/"
rc=0
"$top/cocci/klp-migrate" "$build/global" >"$build/global.log" 2>&1 || rc=$?
if [ "$rc" != 1 ] ||
   ! grep -q 'points to saved_msglevel, a global of this module' "$build/global.log" ||
   ! cmp -s "$here/lp_global.c" "$build/global/lp_global.c"; then
	cat "$build/global.log" >&2
	exit 1
fi
patch -s -d "$build/global" -p1 <"$here/lp_global-moved.diff"
rc=0
"$top/cocci/klp-migrate" "$build/global" >"$build/global.log" 2>&1 || rc=$?
if [ "$rc" != 0 ] || ! grep -q '^converted' "$build/global.log" ||
   ! grep -q 'klp_state_bridge(MSGLEVEL_STATE, sizeof(int), NULL);' "$build/global/lp_global.c" ||
   grep -q 'klp_get_prev_state(MSGLEVEL_STATE)' "$build/global/lp_global.c"; then
	cat "$build/global.log" "$build/global/lp_global.c" >&2
	exit 1
fi
cp "$here/lp_global.c" "$build/orig/test_klp_migrate_rg.c"
for r in ng ng2; do
	cp "$build/global/lp_global.c" "$build/conv/test_klp_migrate_$r.c"
done

for d in orig conv; do
	printf 'ccflags-y += -I%s\nobj-m += %s\n' "${KLP_INCLUDE:-$top/include}" \
		"$(cd "$build/$d" && ls *.c | sed 's/\.c$/.o/' | tr '\n' ' ')" \
		>"$build/$d/Kbuild"
	make -s -C "$kdir" M="$build/$d" modules
	cp "$build/$d"/*.ko "$out/$d/"
done

cp "$here/../lib/functions.sh" "$here"/backend-lines "$here"/test-*.sh "$out/"
# The backend the converted modules use, for functions.sh.
case $flavor in
stock) echo compat ;;
*) echo native ;;
esac >"$out/backend"
rm -rf "$build"
