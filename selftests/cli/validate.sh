#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# validate.sh NAME=VALUE...
# validate.sh --valid NAME
#
# Checks the variables of a make command line before any target installs,
# builds or boots anything.  Prints one line naming the first bad variable
# and its valid values and exits 1; prints nothing and exits 0 if all are
# good.  The Makefile stops on that line.
#
#   KVER KVERS FLAVOR FLAVORS SUITES JOBS MODE STREAM BENCH_NS DEMO   as in "make help"
#   SRC=dir FROM=dir   migrate: SRC as given, FROM where make was started
#
# A name that is not given is not checked; a name given empty is.  --valid
# prints the valid values of KVERS, FLAVORS, SUITES, MODE or DEMO, for "make help".
set -euo pipefail
# The values are lists of words, never patterns: KVER='*' is no file list.
set -f

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"
# What cocci/klp-migrate --mode takes.
modes="patch report"
# The chapters of make demo, in the order they are told.
chapters="shadow module format"

bad()
{
	echo "$*"
	exit 1
}

# one_of NAME WHAT "VALID" VALUE...: each VALUE is one of VALID, once.
one_of()
{
	local name=$1 what=$2 valid=$3 v seen=" "

	shift 3
	[ $# -gt 0 ] || bad "$name: empty (valid: $valid)"
	for v in "$@"; do
		case " $valid " in
		*" $v "*) ;;
		*) bad "$name: unknown $what '$v' (valid: $valid)";;
		esac
		case $seen in
		*" $v "*) bad "$name: '$v' given twice (valid: $valid)";;
		esac
		seen="$seen$v "
	done
}

# Suites are the directories with a build.sh, as selftests/vm/run.sh wants.
suites()
{
	local - b

	set +f
	for b in "$top"/selftests/*/build.sh; do
		[ -x "$b" ] || continue
		b=${b%/build.sh}
		echo "${b##*/}"
	done | LC_ALL=C sort | paste -sd ' '
}

# 1, 2, 3, ...: no leading zero, which bash arithmetic reads as octal.
positive() { case $1 in ''|*[!0-9]*|0*) return 1;; esac; }

check_src()
{
	local why

	[ -n "$1" ] || bad "SRC: missing: make migrate SRC=dir [MODE=patch|report] [JOBS=n] [STATE_ID=id] [STREAM=name]"
	# The migration tool itself decides what it refuses to touch.
	why=$(cd "$2" && "$top/cocci/klp-migrate" --check -- "$1" 2>&1) ||
		bad "SRC: ${why#klp-migrate: }"
}

main()
{
	local arg name val v from='' src='' has_src=''

	if [ "${1:-}" = --valid ]; then
		case ${2:-} in
		KVER|KVERS) echo "$KLP_VALID_KVERS";;
		FLAVOR|FLAVORS) echo "$KLP_VALID_FLAVORS";;
		SUITES) suites;;
		MODE) echo "$modes";;
		DEMO) echo "$chapters";;
		*) bad "validate.sh: no list of valid values for '${2:-}'";;
		esac
		return 0
	fi
	for arg in "$@"; do
		name=${arg%%=*}
		val=${arg#*=}
		# Word splitting is what make does to these lists, too.
		# shellcheck disable=SC2086
		case $name in
		KVER)
			[[ $val != *[[:space:]]* ]] ||
				bad "KVER: one kernel, not '$val' (valid: $KLP_VALID_KVERS)"
			one_of KVER kernel "$KLP_VALID_KVERS" $val;;
		KVERS)
			one_of KVERS kernel "$KLP_VALID_KVERS" $val;;
		FLAVOR)
			[[ $val != *[[:space:]]* ]] ||
				bad "FLAVOR: one flavor, not '$val' (valid: $KLP_VALID_FLAVORS)"
			one_of FLAVOR flavor "$KLP_VALID_FLAVORS" $val;;
		FLAVORS)
			one_of FLAVORS flavor "$KLP_VALID_FLAVORS" $val;;
		SUITES)
			one_of SUITES suite "$(suites)" $val;;
		JOBS)
			# Empty is the default: one per core.
			[ -z "$val" ] || positive "$val" ||
				bad "JOBS: not a number of jobs: '$val' (valid: 1, 2, 3, ...; default: one per core, $(nproc) here)";;
		MODE)
			[ -z "$val" ] || one_of MODE mode "$modes" $val;;
		STREAM)
			# Empty: the placeholder ids derive from the path.
			[ -z "$val" ] || [[ $val =~ ^[A-Za-z0-9._/-]+$ ]] ||
				bad "STREAM: not a stream name: '$val' (valid: letters, digits, '.', '_', '-' and '/')";;
		DEMO)
			one_of DEMO chapter "$chapters" $val;;
		BENCH_NS)
			[[ $val = *[![:space:]]* ]] ||
				bad "BENCH_NS: empty (valid: 1, 2, 3, ...; default \"10000 100000 1000000\")"
			for v in $val; do
				positive "$v" ||
					bad "BENCH_NS: not a number of shadow variables: '$v' (valid: 1, 2, 3, ...; default \"10000 100000 1000000\")"
			done;;
		SRC)
			src=$val has_src=1;;
		FROM)
			from=$val;;
		*)
			bad "validate.sh: unknown variable '$name'";;
		esac
	done
	[ -z "$has_src" ] || check_src "$src" "${from:-$PWD}"
}

main "$@"
