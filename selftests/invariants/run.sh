#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh: the checker of the contract's 4b invariants, on the host (make
# check-invariants).  First its own tests, in tests/:
#   N-*.t          a transcript that violates 4b.N: rejected, for 4b.N
#   ok-*.t         a transcript that keeps every invariant: accepted
#   bad-*.t        input no kernel prints: refused as bad input
#   diff-7-*.a .b  two backends that differ: rejected, for 4b.7
#   diff-ok-*      two that agree (or differ by a compat exception)
#   diff-bad-*     two runs of different commands: refused
# then every expected transcript of selftests/state/test-*.sh, on each
# backend, and each test's native and compat transcripts against each
# other.  Prints KTAP and "N passed, N failed, N skipped" (or adds to
# $KLP_TOTALS).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
check=$here/check-4b
. "$here/../lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

# Expected transcripts of the state suite that assert what the contract
# forbids, each with the invariant it breaks (issue 28 names them): the
# checker must go on rejecting them, for that invariant, until the test
# is corrected; then the entry goes.
#   script, test name, invariant
known=(
)

# judge WANT RC: why the run did not give WANT ("ok", "bad" or an
# invariant's number), from its exit status and output; empty if it did
judge()
{
	local want=$1 rc=$2

	case $want in
	ok)
		[ "$rc" -eq 0 ] || echo "exit status $rc, not 0"
		;;
	bad)
		if [ "$rc" -ne 2 ]; then
			echo "exit status $rc, not 2"
		elif ! grep -q 'bad input\|ran different commands' "$out"; then
			echo "exit status 2 without a reason"
		fi
		;;
	*)
		if [ "$rc" -ne 1 ]; then
			echo "exit status $rc, not 1"
		elif ! head -n1 "$out" | grep -q ":[0-9]*: 4b\.$want ("; then
			echo "rejected, but not for 4b.$want"
		fi
		;;
	esac
}

# say WANT: what a passing run did
say()
{
	case $1 in
	ok) echo "accepted";;
	bad) echo "refused as bad input";;
	*) echo "rejected for 4b.$1";;
	esac
}

# the checker's own tests
own()
{
	local t base want rc

	for t in "$here"/tests/*.t; do
		base=$(basename "$t" .t)
		case $base in
		ok-*) want=ok;;
		bad-*) want=bad;;
		[0-9]*-*) want=${base%%-*};;
		*) echo "# tests/$base.t: no expectation in its name"; want=none;;
		esac
		(cd "$here/tests" && "$check" "$base.t") >"$out" 2>&1
		rc=$?
		result "$(judge "$want" $rc)" "tests/$base.t: $(say "$want")"
	done
	for t in "$here"/tests/diff-*.a; do
		base=$(basename "$t" .a)
		case $base in
		diff-ok-*) want=ok;;
		diff-bad-*) want=bad;;
		diff-[0-9]*-*) want=${base#diff-} want=${want%%-*};;
		esac
		(cd "$here/tests" && "$check" --diff "$base.a" "$base.b") \
			>"$out" 2>&1
		rc=$?
		result "$(judge "$want" $rc)" "tests/$base: --diff $(say "$want")"
	done
}

# one FILE NAME [WANT]: check-4b on one expected transcript
one()
{
	local rc

	"$check" --name "$2" "$1" >"$out" 2>&1
	rc=$?
	if [ "${3:-ok}" = ok ]; then
		result "$(judge ok $rc)" "$2"
	else
		result "$(judge "$3" $rc)" \
			"$2: rejected for 4b.$3, as issue 28 says (a known defect)"
		[ "$rc" -ne 1 ] || sed -n '1s/^/# /p' "$out"
	fi
}

# pair KEY NATIVE COMPAT: check-4b --diff on a test's two transcripts
pair()
{
	local rc

	"$check" --diff "$2" "$3" >"$out" 2>&1
	rc=$?
	result "$(judge ok $rc)" "native and compat: $1"
	[ "$rc" -ne 0 ] || sed -n -e "s|$tmp/||g" -e '/^# /p' "$out"
}

# expected: check-4b on each expected transcript of the state suite, and
# --diff on each test's two.  Those expected clean go to one run of
# check-4b; only if it finds something does each get a run of its own.
expected()
{
	local ext=$tmp/state backend file script name want k ks kn ki i
	local -a clean=() names=() keys=() pairs=() args=()
	local -A native compat

	if ! "$here/extract" "$ext" >"$out" 2>&1; then
		result "the expected transcripts could not be extracted" \
			"selftests/state: extract"
		return
	fi
	while IFS=$'\t' read -r backend file script name; do
		want=ok
		for k in "${known[@]}"; do
			IFS=$'\t' read -r ks kn ki <<<"$k"
			[ "$ks" != "$script" ] || [ "$kn" != "$name" ] || want=$ki
		done
		if [ "$want" = ok ]; then
			clean+=("$ext/$file")
			names+=("$backend/$script: $name")
		else
			one "$ext/$file" "$backend/$script: $name" "$want"
		fi
		if [ "$backend" = native ]; then
			native["$script: $name"]=$file
		else
			compat["$script: $name"]=$file
		fi
	done <"$ext/index"
	if "$check" "${clean[@]}" >"$out" 2>&1; then
		for name in "${names[@]}"; do
			result "" "$name"
		done
	else
		for i in "${!clean[@]}"; do
			one "${clean[$i]}" "${names[$i]}"
		done
	fi

	mapfile -t keys < <(printf '%s\n' "${!native[@]}" | LC_ALL=C sort)
	for k in "${keys[@]}"; do
		[ -n "${compat[$k]:-}" ] || continue
		# test-protocol's protocol 3 engine is the compat build of the
		# same source, test_klp_state_fa, on native kernels (other
		# tests, such as test-reader, load test_klp_state_fa on both)
		mkdir -p "$tmp/${native[$k]%/*}"
		if [ "${k%%: *}" = test-protocol ]; then
			sed 's/\btest_klp_state_fa\b/test_klp_state_a/g' \
				"$ext/${native[$k]}" >"$tmp/${native[$k]}"
		else
			cp "$ext/${native[$k]}" "$tmp/${native[$k]}"
		fi
		pairs+=("$k")
	done
	args=()
	for k in "${pairs[@]}"; do
		args+=("$tmp/${native[$k]}" "$ext/${compat[$k]}")
	done
	if "$check" --diff "${args[@]}" >"$out" 2>&1; then
		for k in "${pairs[@]}"; do
			result "" "native and compat: $k"
		done
		sed -n -e "s|$tmp/||g" -e "s|state/||g" -e '/^# /p' "$out"
	else
		for k in "${pairs[@]}"; do
			pair "$k" "$tmp/${native[$k]}" "$ext/${compat[$k]}"
		done
	fi
}

# generator: the sequences of generate, which selftests/explore runs
generator()
{
	local gen=$here/generate why a b s

	why=
	"$gen" --seed 7 --count 20 --forced 2 -o "$tmp/g1" >"$out" 2>&1 &&
		"$gen" --seed 7 --count 20 --forced 2 -o "$tmp/g2" >>"$out" 2>&1 ||
		why="generate failed"
	[ -n "$why" ] || cmp -s "$tmp/g1" "$tmp/g2" || why="two runs of seed 7 differ"
	result "$why" "generate: a seed gives the same sequences again"

	why=
	"$gen" --seed 7 --count 5 -o "$tmp/g3" >"$out" 2>&1 || why="generate failed"
	[ -n "$why" ] || head -n 5 "$tmp/g1" | cut -d' ' -f1,2 |
		cmp -s - <(cut -d' ' -f1,2 "$tmp/g3") || why="the first 5 of 20 are not the 5"
	result "$why" "generate: sequence i comes from seed SEED:i, whatever N"

	why=
	for a in 2:30 3:148; do
		b=$("$gen" --depth "${a%%:*}" --count 0 2>"$out" | wc -l)
		[ "$b" = "${a#*:}" ] || why="$why depth ${a%%:*}: $b sequences, not ${a#*:}"
	done
	result "$why" "generate: every applicable sequence of depth 2 (30) and 3 (148), as the README says"

	# A list of its own for what follows: an entry of known-defects goes
	# when its defect is fixed, and the list may be empty.
	printf '%s\n' '# new-1, fixed: a replace that drops a state and introduces one of the loaded module' \
		'new-1 replace-introduces-module-state: en & replace & intro-obj & drops' \
		>"$tmp/known"

	why=
	b=$("$gen" --known-file "$tmp/known" --depth 3 --count 0 2>"$out" | wc -l)
	[ "$b" = 146 ] || why="$b sequences, not 146"
	result "$why" "generate --known-file: the sample's defect leaves out 2 of the 148 sequences of depth 3"

	why=
	while read -r _ _ s; do
		a=$("$gen" --known-file "$tmp/known" --known-in "$s" 2>&1)
		[ -z "$a" ] || { why="'$s' walks into $a"; break; }
	done < <("$gen" --known-file "$tmp/known" --seed 7 --count 20 --forced 2
		"$gen" --known-file "$tmp/known" --depth 3 --count 0)
	result "$why" "generate: without --known, no sequence walks into a known defect (the sample's)"

	why=
	a=$("$gen" --known-file "$tmp/known" --known-in 'm+ a*1 b*8m' 2>&1)
	case $a in new-1\ *) ;; *) why="not found: '$a'";; esac
	result "$why" "generate --known-in: a replace introducing a loaded module's state and dropping another is the sample's defect new-1"

	why=
	a=$("$gen" --known-file "$tmp/known" --known-list 2>&1)
	[ "$a" = "new-1 replace-introduces-module-state: en & replace & intro-obj & drops" ] ||
		why="listed '$a'"
	result "$why" "generate --known-list: the entries of --known-file, without comments"

	why=
	"$gen" --known-file "$tmp/known" --seed 3 --count 40 --known -o "$tmp/g4" >"$out" 2>&1 ||
		why="generate failed"
	while read -r _ _ s; do
		[ -z "$("$gen" --known-file "$tmp/known" --known-in "$s" 2>&1)" ] || { a=1; break; }
	done <"$tmp/g4"
	[ -n "$why" ] || [ "${a:-}" = 1 ] || why="40 sequences with --known, none walks into a known defect"
	result "$why" "generate --known: sequences walk into the known defects"

	why=
	s=$("$gen" --shrink 'a*1 m+ h+ b*8m h- a-' 2>&1)
	[ "$(head -n1 <<<"$s")" = "b*8m h- a-" ] || why="first candidate '$(head -n1 <<<"$s")', not the second half"
	grep -qx 'a\*1 m+ h+ b\*8m h-' <<<"$s" || why="$why; no candidate without the last operation"
	result "$why" "generate --shrink: halves first, then single operations left out"

	for a in 'a+1.zz' 'q-' 'a*1!x'; do
		"$gen" --seq "$a" >"$out" 2>&1
		b=$?
		why=
		[ $b = 2 ] || why="exit status $b, not 2"
		grep -q "^generate: " "$out" || why="$why; no line that says why"
		result "$why" "generate --seq '$a': refused as bad input"
	done
}

echo "KTAP version 1"
echo "# suite: invariants (check-4b on $(/usr/bin/python3 --version 2>&1))"
own
expected
generator
ktap_end
