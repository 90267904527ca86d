#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh [--case ID] [KVER]
# run.sh --list | --needs ID
#
# Negative tests of the VM runner: each case must make selftests/vm/run.sh
# fail, within a bounded time, with the expected explanation.  A case
# passes only if the runner failed the expected way.  Prints KTAP and the
# closing line (or adds to $KLP_TOTALS).  --case runs one case, --list
# prints the case ids, --needs the "FLAVOR KVER" kernels a case boots.
#
# The runner is the same for every kernel: the cases boot one, the KVER
# argument or else the first of $KVERS (6.1 by default), and only the cases
# whose flavor is in $FLAVORS run (all by default; --case runs its case
# anyway).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"

# id | name | flavor | bound (s) | expected patterns (;-separated, all must
# match) | runner args after the kernel (@KVER@ and @GARBAGE@ are filled in)
CASES=(
	"warn|a module that warns|stock|400|test-warn: kernel reported problems;WARNING:|@KVER@ stock harness/warn"
	"hang|a module whose init hangs|stock|400|test-hang: load a module whose init hangs: timed out after|--timeout 20 @KVER@ stock harness/hang"
	"garbage|a kernel image that is garbage|stock|120|not ok 1 boot;QEMU exited|--kernel @GARBAGE@ @KVER@ stock harness/warn"
	"panic|a kernel that panics at boot|stock|300|not ok 1 boot;Kernel panic|--append rdinit=/does-not-exist @KVER@ stock harness/warn"
	"noboot|a kernel that never reaches the runner|stock|300|not ok 1 boot;did not boot within 40 s|--boot-timeout 40 --append rdinit=/usr/bin/cat @KVER@ stock harness/warn"
	"onecpu|a kernel that brings up one of its two vCPUs|stock|300|vCPUs online;the guest has 1 of the 2 vCPUs|--append maxcpus=1 @KVER@ stock"
	"leak|a module that leaks memory (debug kernel)|debug|900|not ok 1 test-kmemleak: no memory leaks after the suites;unreferenced object|@KVER@ debug harness/leak kmemleak"
)

# wanted FLAVOR: the case's flavor is one that this run boots.
wanted() { case " ${FLAVORS:-$KLP_VALID_FLAVORS} " in *" $1 "*) return 0;; esac; return 1; }

main() {
	local only= c id name flavor flavors bound patterns args
	local first=${KVERS:-6.1}

	first=${first%% *}
	case ${1:-} in
	--list)
		for c in "${CASES[@]}"; do
			IFS='|' read -r id name flavor _ <<<"$c"
			! wanted "$flavor" || echo "$id"
		done
		return 0;;
	--needs)
		for c in "${CASES[@]}"; do
			IFS='|' read -r id name flavor _ <<<"$c"
			[ "$id" != "$2" ] || echo "$flavor $first"
		done
		return 0;;
	--case)
		only=$2
		shift 2;;
	esac
	kver=${1:-$first}
	check_kver "$kver"
	runner=$top/selftests/vm/run.sh
	logs=$KLP_CACHE/runs/harness
	mkdir -p "$logs"
	garbage=$logs/garbage-kernel
	if [ ! -s "$garbage" ]; then
		dd if=/dev/zero bs=1M count=1 status=none | tr '\0' 'k' >"$garbage.$$"
		mv "$garbage.$$" "$garbage"
	fi

	cases=()
	for c in "${CASES[@]}"; do
		if [ -n "$only" ]; then
			[ "${c%%|*}" = "$only" ] || continue
		else
			IFS='|' read -r id name flavor _ <<<"$c"
			wanted "$flavor" || continue
		fi
		c=${c//@KVER@/$kver}
		cases+=("${c//@GARBAGE@/$garbage}")
	done
	[ -n "$only" ] || [ ${#cases[@]} -gt 0 ] ||
		die "no harness case boots a flavor in FLAVORS '${FLAVORS:-}' (the cases boot stock and debug kernels)"
	[ ${#cases[@]} -gt 0 ] || die "no harness case '$only' (cases: $(FLAVORS='' main --list | tr '\n' ' '))"

	# The kernel and the initramfs are shared by every case: provision once so
	# that the bounds measure the runner, not a build.
	flavors=
	for c in "${cases[@]}"; do
		IFS='|' read -r id name flavor _ <<<"$c"
		"$top/selftests/kernels/provision.sh" "$kver" "$flavor" >/dev/null
		case " $flavors " in *" $flavor "*) ;; *) flavors="$flavors${flavors:+ and }$flavor";; esac
	done
	"$top/selftests/vm/mkinitramfs.sh" >/dev/null

	echo "KTAP version 1"
	echo "# suite: harness${only:+ $only} ($flavors $kver, $(dpkg-query -W -f '${Version}' "linux-source-$kver"))"
	echo "1..${#cases[@]}"
	i=0 passed=0 failed=0
	for c in "${cases[@]}"; do
		IFS='|' read -r id name flavor bound patterns args <<<"$c"
		i=$((i + 1))
		log=$logs/case-$id.log
		start=$SECONDS
		# shellcheck disable=SC2086
		env -u KLP_TOTALS timeout -k 10 "$bound" "$runner" --name "harness-$id" $args \
			>"$log" 2>&1 && rc=0 || rc=$?
		secs=$((SECONDS - start))
		why=
		if [ $rc -eq 0 ]; then
			why="the runner passed"
		elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
			why="the runner did not finish within $bound s"
		else
			IFS=';' read -ra pats <<<"$patterns"
			for p in "${pats[@]}"; do
				grep -qF -- "$p" "$log" || why="${why:+$why; }no '$p' in the output"
			done
		fi
		if [ -z "$why" ]; then
			echo "ok $i $name: runner failed as expected in $secs s"
			passed=$((passed + 1))
		else
			echo "not ok $i $name: $why (exit $rc, $secs s)"
			tail -n 30 "$log" | sed 's/^/# /'
			failed=$((failed + 1))
		fi
		# What the runner said, for the record.
		grep -E '^not ok|did not|timed out|QEMU exited' "$log" | head -n 5 | sed 's/^/#   /' || true
	done
	echo "# harness${only:+ $only}: $passed passed, $failed failed (logs in $logs)"
	if [ -n "${KLP_TOTALS:-}" ]; then
		echo "$passed $failed 0" >>"$KLP_TOTALS"
	else
		echo "$passed passed, $failed failed"
	fi
	[ $failed -eq 0 ]
}

# From main() only: a running instance never reads an edited file.
main "$@"; exit
