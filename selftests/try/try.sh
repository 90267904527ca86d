#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# try.sh KVER FLAVOR: make try.  Boots KVER FLAVOR under QEMU with the
# livepatches of $LP and the target modules of $TARGETS (relative paths
# from $KLP_FROM), loads the targets, then each livepatch in the order
# of LP (the first an enable, the next ones upgrades or downgrades as
# each replaces or stacks on what is there; the word "disable" disables
# the newest), disables what is left, and prints the transcript and the
# verdict of selftests/invariants/check-4b on it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"

[ $# -eq 2 ] || die "usage: LP=\"a.ko b.ko\" [TARGETS=\"m.ko\"] $0 KVER FLAVOR"
kver=$1 flavor=$2
check_kver "$kver"
check_flavor "$flavor"
from=${KLP_FROM:-$PWD}
[ -n "${LP:-}" ] || die "LP: no livepatch given (LP=\"v1.ko v2.ko\")"

abs() { case $1 in /*) echo "$1";; *) echo "$from/$1";; esac; }
# The module's name (what insmod, rmmod and the kernel's lines call it),
# under which it is staged.
modname() { modinfo -F name "$1" 2>/dev/null || { local n=${1##*/}; n=${n%.ko}; echo "${n//-/_}"; }; }

# Every file is checked before anything boots.
steps=() files=()
for t in ${TARGETS:-}; do
	f=$(abs "$t")
	[ -f "$f" ] && [[ $f == *.ko ]] || die "TARGETS: $t is not a .ko file"
	steps+=("target $(modname "$f").ko") files+=("$f")
done
for t in $LP; do
	if [ "$t" = disable ]; then
		steps+=(disable)
		continue
	fi
	f=$(abs "$t")
	[ -f "$f" ] && [[ $f == *.ko ]] || die "LP: $t is not a .ko file"
	[ "$(modinfo -F livepatch "$f" 2>/dev/null)" = Y ] ||
		die "LP: $t is not a livepatch (no MODULE_INFO(livepatch, \"Y\"))"
	steps+=("lp $(modname "$f").ko") files+=("$f")
done

envfile=$("$top/selftests/kernels/provision.sh" "$kver" "$flavor") ||
	die "cannot provision $flavor $kver"
. "$envfile"
declare -A seen=()
for f in "${files[@]}"; do
	v=$(modinfo -F vermagic "$f" 2>/dev/null | cut -d' ' -f1)
	[ "$v" = "$KLP_KRELEASE" ] ||
		die "${f##*/} is built for ${v:-an unknown kernel}, not for $flavor $kver ($KLP_KRELEASE): build it against $KLP_KDIR"
	b=$(modname "$f")
	[ -z "${seen[$b]:-}" ] || cmp -s "${seen[$b]}" "$f" ||
		die "two different files of module $b"
	seen[$b]=$f
done

stage=$KLP_CACHE/try/$flavor-$kver
rm -rf "$stage" && mkdir -p "$stage"
for b in "${!seen[@]}"; do
	cp "${seen[$b]}" "$stage/$b.ko"
done
printf '%s\n' "${steps[@]}" >"$stage/steps"
run=$KLP_CACHE/runs/try-$flavor-$kver
out=$(mktemp)
trap 'rm -f "$out"' EXIT
log "booting $flavor $kver ($KLP_KRELEASE) with: $(printf '%s; ' "${steps[@]}")"
rc=0
KLP_TRY_STAGE=$stage KLP_TRY_SUM=$(cat "$stage"/* | sha256sum | cut -c1-16) \
	"$top/selftests/vm/run.sh" --name "try-$flavor-$kver" "$kver" "$flavor" try/suite \
	>"$out" 2>&1 || rc=$?
sed -n '/^| @@TRANSCRIPT-BEGIN/,/^| @@TRANSCRIPT-END/{/@@TRANSCRIPT-/d;s/^| //;p}' \
	"$run/results.log" | tr -d '\r' >"$stage/transcript"
if [ $rc -ne 0 ] || [ ! -s "$stage/transcript" ]; then
	cat "$out"
	die "the run failed (logs in $run)"
fi
echo "# transcript ($flavor $kver, $KLP_KRELEASE; also in $stage/transcript)"
cat "$stage/transcript"
echo "# check-4b, the invariants of state-api.md section 4b:"
crc=0
"$top/selftests/invariants/check-4b" --name transcript "$stage/transcript" || crc=$?
case $crc in
0) echo "# verdict: clean";;
1) echo "# verdict: a violation (above)";;
*) echo "# verdict: not judged: check-4b knows the states of its own test livepatches only (above)";;
esac
[ $crc -ne 1 ]
