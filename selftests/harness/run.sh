#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh [KVER]
#
# Negative tests of the VM runner: each case must make selftests/vm/run.sh
# fail, within a bounded time, with the expected explanation.  A case
# passes only if the runner failed the expected way.  Prints KTAP and the
# closing line (or adds to $KLP_TOTALS).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"

main() {
	kver=${1:-${KVER:-6.1}}
	check_kver "$kver"
	runner=$top/selftests/vm/run.sh
	logs=$KLP_CACHE/runs/harness
	mkdir -p "$logs"
	garbage=$logs/garbage-kernel
	dd if=/dev/zero bs=1M count=1 status=none | tr '\0' 'k' >"$garbage"

	# name | bound (s) | expected patterns (;-separated, all must match) | runner args
	cases=(
		"a module that warns|400|test-warn: kernel reported problems;WARNING:|$kver stock harness/warn"
		"a module whose init hangs|400|test-hang: load a module whose init hangs: timed out after|--timeout 20 $kver stock harness/hang"
		"a kernel image that is garbage|120|not ok 1 boot;QEMU exited|--kernel $garbage $kver stock harness/warn"
		"a kernel that panics at boot|300|not ok 1 boot;Kernel panic|--append rdinit=/does-not-exist $kver stock harness/warn"
		"a kernel that never reaches the runner|300|not ok 1 boot;did not boot within 40 s|--boot-timeout 40 --append rdinit=/usr/bin/cat $kver stock harness/warn"
		"a module that leaks memory (debug kernel)|900|not ok 1 test-kmemleak: no memory leaks after the suites;unreferenced object|$kver debug harness/leak kmemleak"
	)

	# The kernel and the initramfs are shared by every case: provision once so
	# that the bounds measure the runner, not a build.
	"$top/selftests/kernels/provision.sh" "$kver" stock >/dev/null
	"$top/selftests/kernels/provision.sh" "$kver" debug >/dev/null
	"$top/selftests/vm/mkinitramfs.sh" >/dev/null

	echo "KTAP version 1"
	echo "# suite: harness ($kver)"
	echo "1..${#cases[@]}"
	i=0 passed=0 failed=0
	for c in "${cases[@]}"; do
		IFS='|' read -r name bound patterns args <<<"$c"
		i=$((i + 1))
		log=$logs/case-$i.log
		start=$SECONDS
		# shellcheck disable=SC2086
		env -u KLP_TOTALS timeout -k 10 "$bound" "$runner" --name "harness-$i" $args \
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
	echo "# harness: $passed passed, $failed failed (logs in $logs)"
	if [ -n "${KLP_TOTALS:-}" ]; then
		echo "$passed $failed 0" >>"$KLP_TOTALS"
	else
		echo "$passed passed, $failed failed"
	fi
	[ $failed -eq 0 ]
}

# From main() only: a running instance never reads an edited file.
main "$@"; exit
