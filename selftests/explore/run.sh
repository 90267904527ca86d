#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh: make explore.  Runs generated sequences in one VM of KVER and
# FLAVOR, has check-4b judge them, prints which operations and pairs of
# operations ran, then shrinks each failing sequence (delta debugging:
# operations left out while it still breaks the same invariant, one VM
# per round) and prints the shortest with its seed, as a test script.
#
# Environment: KVER (6.1), FLAVOR (stock), SEED (default: the time),
# N (100), LENGTH (6), DEPTH (0: no exhaustive part), KNOWN (0; 1 walks
# into the known defects too), SEQ (run these operations, ";" between
# sequences, instead of generating), SHRINK (1; 0: do not shrink),
# SHRINK_MAX (3: failures shrunk, the first of each invariant);
# KLP_EXPLORE_FAULTS, KLP_EXPLORE_FAULT_STEP and KLP_EXPLORE_CYCLES go
# to build.sh.  On debug kernels the kmemleak scan follows.
set -uo pipefail

# Everything runs from main(): a running instance, which may take an
# hour, never reads a file edited meanwhile.
main()
{
	here=$(cd "$(dirname "$0")" && pwd)
	top=$(cd "$here/../.." && pwd)
	gen=$top/selftests/invariants/generate
	. "$top/selftests/kernels/common.sh"

	kver=${KVER:-6.1} flavor=${FLAVOR:-stock}
	seed=${SEED:-$(date +%s)}
	n=${N:-100} length=${LENGTH:-6} depth=${DEPTH:-0} known=${KNOWN:-0}
	check_kver "$kver"
	check_flavor "$flavor"
	for v in "$n" "$length" "$depth" "$known" "${SHRINK:-1}" "${SHRINK_MAX:-3}"; do
		case $v in '' | *[!0-9]*) die "N, LENGTH, DEPTH, KNOWN, SHRINK, SHRINK_MAX take numbers, not '$v'";; esac
	done
	[ "$length" -ge 1 ] || die "LENGTH must be 1 or more"
	if [ -n "${SEQ:-}" ]; then
		tr ';' '\n' <<<"$SEQ" | while read -r ops; do
			[ -z "$ops" ] || "$gen" --seq "$ops" >/dev/null || exit 1
		done || die "SEQ: not a sequence of operations"
	fi
	run=$KLP_CACHE/runs/explore-$flavor-$kver
	# a long exploration: an hour a script at most
	timeout=${TIMEOUT:-3600}
	# the transcript of one sequence is read from the kernel log: 300
	# cycles log more than the kernels' default buffer holds
	log_buf=64M

	# vm SEQS VARIANT [SUFFIX]: one VM over the given sequences ("" generates
	# them), its files under $run$SUFFIX
	vm()
	{
		KLP_EXPLORE_SEED=$seed KLP_EXPLORE_N=$n KLP_EXPLORE_LENGTH=$length \
		KLP_EXPLORE_DEPTH=$depth KLP_EXPLORE_KNOWN=$known \
		KLP_EXPLORE_FORCED=$(( n / 10 + 1 )) KLP_EXPLORE_SEQS=$1 \
		KLP_EXPLORE_VARIANT=$2 KLP_EXPLORE_CHUNK=${CHUNK:-100} \
			"$top/selftests/vm/run.sh" --timeout "$timeout" \
			--append "log_buf_len=$log_buf" \
			--name "explore-$flavor-$kver${3:-}" "$kver" "$flavor" \
			$(flavor_suites "$flavor" explore)
}

start=$SECONDS
if [ -n "${SEQ:-}" ]; then
	echo "# explore: $flavor $kver, the given sequences"
else
	echo "# explore: $flavor $kver, SEED=$seed N=$n LENGTH=$length DEPTH=$depth KNOWN=$known"
fi
vm "${SEQ:-}" both | tee "$run.out"
rc=${PIPESTATUS[0]}
echo "# explore: VM and judging took $((SECONDS - start)) s"
"$gen" --coverage "$run/stage/suites/explore/sequences" | sed 's/^/# /'
cp "$run/explore/failures" "$run.failures" 2>/dev/null || : >"$run.failures"
cp "$run/stage/suites/explore/sequences" "$run.sequences" 2>/dev/null || true
# the transcripts of this run stay in $run/explore; shrinking's rounds
# run in $run-shrink
[ "$rc" = 0 ] || [ -s "$run.failures" ] || exit "$rc"
[ -s "$run.failures" ] || exit 0
[ "${SHRINK:-1}" = 1 ] || exit 1

# failing ops of a sequence name
ops_of() { awk -v n="$1" '$1 == n { $1 = ""; $2 = ""; sub(/^ +/, ""); print }' "$run.sequences"; }
seed_of() { awk -v n="$1" '$1 == n { print $2 }' "$run.sequences"; }

declare -A done_inv
shrunk=0
while read -r name inv; do
	base=${name%@compat}
	# a run of a fault sequence (NAME-fN, NAME a sequence and NAME-fN
	# not one, as the judge tells them): its sequence runs once per
	# allocation, each candidate of a shrink would as well
	if [[ $base =~ ^(.*)-f([0-9]+)$ ]] && [ -z "$(ops_of "$base")" ] &&
		[ -n "$(ops_of "${BASH_REMATCH[1]}")" ]; then
		echo "# $name ($inv): allocation ${BASH_REMATCH[2]} of $(ops_of "${BASH_REMATCH[1]}") failing; not shrunk"
		echo "#   replay (every allocation again): make explore KVER=$kver FLAVOR=$flavor SEQ='$(ops_of "${BASH_REMATCH[1]}")'"
		continue
	fi
	variant=native
	[ "$name" = "$base" ] || variant=compat
	[ "$inv" != 4b.7 ] || variant=both
	[ -z "${done_inv[$inv/$variant]:-}" ] || continue
	[ $shrunk -lt "${SHRINK_MAX:-3}" ] || break
	done_inv[$inv/$variant]=1
	shrunk=$((shrunk + 1))
	cur=$(ops_of "$base")
	from_seed=$(seed_of "$base")
	echo "# shrinking $name ($inv; seed $from_seed): $cur"
	round=0
	while :; do
		round=$((round + 1))
		cands=$("$gen" --shrink "$cur" | head -n 16)
		[ -n "$cands" ] || break
		vm "$(tr '\n' ';' <<<"$cands")" "$variant" -shrink >"$run.shrink.out" 2>&1
		next=
		while read -r cname cinv; do
			[ "$cinv" = "$inv" ] || continue
			# given-I is the I-th candidate, shortest first
			i=${cname%@compat}
			i=${i#given-}
			next=$(sed -n "$((i + 1))p" <<<"$cands")
			break
		done < <(sort -t- -k2,2n "$run-shrink/explore/failures" 2>/dev/null)
		[ -n "$next" ] || break
		echo "#   round $round: $next"
		cur=$next
	done
	echo "# shrunk: $cur"
	shown=$variant
	[ "$flavor" != stock ] || shown=compat
	echo "#   seed $from_seed, $flavor $kver, $shown, violates $inv"
	echo "#   replay: make explore KVER=$kver FLAVOR=$flavor SEQ='$cur'"
	"$gen" --script "$cur" --name "$inv: $cur" | sed 's/^/#   | /'
done <"$run.failures"
exit 1
}

main "$@"; exit
