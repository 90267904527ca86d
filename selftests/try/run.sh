#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh [KVER]: make try with two sample livepatches (the shadow fix's
# v1 and v2, as v1, v2, v1: an upgrade and a downgrade) on stock KVER
# (default 6.1), typed from the directory the samples were built in; the
# transcript must show each step's state callbacks, end with every
# module unloaded, and carry check-4b's verdict.  Bad LP values stop
# make try before anything boots.  Prints KTAP and "N passed, N failed"
# (or adds to $KLP_TOTALS).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"

kver=${1:-6.1}
. "$here/../lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

# try DIR ARGS...: make try typed in DIR
try() { local d=$1; shift; (cd "$d" && make -s --no-print-directory -C "$top" try "$@"); }

echo "KTAP version 1"
echo "# suite: try (make try with samples/livepatch-state-shadow v1 and v2 on stock $kver)"

b=$tmp/lp
mkdir -p "$b"
cp "$top"/samples/*.c "$top"/samples/Kbuild "$b"/
build_env "$top"
kdir=$(stock_kdir "$kver") &&
	make -C "$kdir" M="$b" KLP_INCLUDE="$KLP_INCLUDE" modules >"$out" 2>&1
result $? "the samples build against stock $kver"

try "$b" KVER="$kver" >"$out" 2>&1
! [ $? = 0 ] && grep -q 'LP: no livepatch given' "$out"
result $? "no LP: a clear error"
try "$b" LP=nothere.ko KVER="$kver" >"$out" 2>&1
! [ $? = 0 ] && grep -q 'LP: nothere.ko is not a .ko file' "$out"
result $? "a missing file: a clear error"
try "$b" LP=livepatch-state-target.ko KVER="$kver" >"$out" 2>&1
! [ $? = 0 ] && grep -q 'LP: livepatch-state-target.ko is not a livepatch' "$out"
result $? "a module that is no livepatch: a clear error"

try "$b" LP="livepatch-state-shadow-v1.ko livepatch-state-shadow-v2.ko livepatch-state-shadow-v1.ko" \
	KVER="$kver" FLAVOR=stock >"$out" 2>&1
rc=$?
cp "$out" "$tmp/run"
# The lines that must come, in this order.
want=(
	'% insmod livepatch_state_shadow_v1.ko'
	'livepatch_state_shadow_v1: v1: counting reads of /proc/cmdline from now on'
	'% insmod livepatch_state_shadow_v2.ko'
	'livepatch_state_shadow_v2: v2: remembering first reads from now on'
	"livepatch: 'livepatch_state_shadow_v2': patching complete"
	'% rmmod livepatch_state_shadow_v1'
	'% insmod livepatch_state_shadow_v1.ko'
	'livepatch_state_shadow_v2: v2: first-read times removed, freeing them'
	'% rmmod livepatch_state_shadow_v2'
	'% echo 0 > /sys/kernel/livepatch/livepatch_state_shadow_v1/enabled'
	'livepatch_state_shadow_v1: v1: read counting removed, freeing the counters'
	'% rmmod livepatch_state_shadow_v1'
	'# verdict: '
)
i=0
while IFS= read -r line; do
	[ $i -lt ${#want[@]} ] || break
	[[ $line != "${want[i]}"* ]] || i=$((i + 1))
done <"$tmp/run"
# v1's state is introduced once: the downgrade keeps it (v2 carries it).
[ $rc = 0 ] && [ $i = ${#want[@]} ] &&
	[ "$(sed '/^# check-4b/q' "$tmp/run" | grep -c 'counting reads of /proc/cmdline from now on')" = 1 ] ||
	{ echo "exit $rc; the lines in order stop before: ${want[i]:-}"; cat "$tmp/run"; false; } >"$out"
result $? "v1, v2, v1: the transcript of an upgrade and a downgrade, everything unloaded, check-4b's verdict"

ktap_end
