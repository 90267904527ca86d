#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check.sh FLAVOR "KVERS" "SUITES"
#
# Runs the suites on each kernel of one flavor, one VM per kernel, going on
# after a failure.  Ends with "N passed, N failed, N skipped" unless
# KLP_TOTALS names a file that collects the counts of a larger run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/kernels/common.sh"

main() {
	[ $# -eq 3 ] || die "usage: $0 FLAVOR \"KVERS\" \"SUITES\""
	flavor=$1 kvers=$2 suites=$3
	check_flavor "$flavor"
	for k in $kvers; do check_kver "$k"; done
	[ -n "$suites" ] || die "no suite selected (SUITES is empty)"

	own_totals=
	if [ -z "${KLP_TOTALS:-}" ]; then
		KLP_TOTALS=$(mktemp)
		own_totals=1
		trap 'rm -f "$KLP_TOTALS"' EXIT
	fi
	export KLP_TOTALS

	rc=0
	for k in $kvers; do
		# shellcheck disable=SC2086
		while read -r g; do
			n=$flavor-$k
			[ "$g" != explore ] || n=$n-explore
			g=$(flavor_suites "$flavor" $g)
			echo "# ==== $flavor $k: $g"
			counted "$n" "$here/vm/run.sh" --name "$n" \
				--smp "$(group_smp $g)" "$k" "$flavor" $g || rc=1
		done < <(vm_groups $suites)
	done

	[ -z "$own_totals" ] || "$here/total.sh" "$KLP_TOTALS"
	exit $rc
}

# From main() only: a running instance never reads an edited file.
main "$@"; exit
