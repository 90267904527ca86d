#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh: the make command line, on the host (make check-cli).
#
# A bad value of a variable stops any target at once with one line that
# names the valid values, before anything is installed, built or booted;
# migrate takes a relative SRC from the directory make was started in and
# refuses this tree; the harness boots what KVERS and FLAVORS ask for;
# make help and README name every variable.  Prints KTAP and "N passed,
# N failed, N skipped" (or adds to $KLP_TOTALS).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"

. "$here/../lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

# Anything that installs, provisions, boots or converts calls one of these:
# they only say that they ran, and fail.
stubs=$tmp/stubs
mkdir -p "$stubs"
for c in apt-get apt dpkg-query qemu-system-x86_64 spatch; do
	printf '#!/bin/sh\necho "%s $*" >>"%s"\nexit 1\n' "$c" "$tmp/ran" >"$stubs/$c"
	chmod +x "$stubs/$c"
done

# mk DIR PATH ARGS...: make started in DIR, as a user types it, with none
# of the variables of a make that may be running this suite, an empty
# KLP_CACHE and a bound on the time in case it does start work.
mk()
{
	local dir=$1 path=$2

	shift 2
	rm -rf "$tmp/cache" && mkdir "$tmp/cache"
	: >"$tmp/ran"
	(cd "$dir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
		-u KVER -u KVERS -u FLAVOR -u FLAVORS -u SUITES -u JOBS -u MODE \
		-u SRC -u STATE_ID -u STREAM -u BENCH_NS -u DEMO -u SPATCH -u KLP_TOTALS \
		KLP_CACHE="$tmp/cache" PATH="$path" \
		timeout -k 5 20 make "$@") >"$out" 2>&1
}

# at_once: what a refused command line must not have done, as a WHY.
at_once()
{
	local why='' lines

	[ "$1" -ne 0 ] || why="$why; exit status 0"
	[ "$2" -le 5 ] || why="$why; took $2 s"
	lines=$(wc -l <"$out")
	[ "$lines" -eq 1 ] || why="$why; $lines lines of output, not 1"
	[ ! -s "$tmp/ran" ] || why="$why; ran: $(paste -sd ' ' "$tmp/ran")"
	[ -z "$(find "$tmp/cache" -mindepth 1 | head -n 3)" ] ||
		why="$why; wrote to KLP_CACHE: $(find "$tmp/cache" -mindepth 1 | head -n 3 | paste -sd ' ')"
	echo "$why"
}

# bad "ARGS" "LINE": make ARGS in the checkout stops at once with LINE.
bad()
{
	local rc=0 t0=$SECONDS why
	local -a args

	read -ra args <<<"$1"
	# One argument may hold spaces: VAR="a b" is written VAR=a+b.
	args=("${args[@]//+/ }")
	mk "$top" "$stubs:$PATH" "${args[@]}" || rc=$?
	why=$(at_once $rc $((SECONDS - t0)))
	grep -qF -- "$2" "$out" || why="$why; no \"$2\""
	result "$why" "make ${1//+/ }: stops at once: $2"
}

cli_line()
{
	local kv=$KLP_VALID_KVERS fl=$KLP_VALID_FLAVORS su jobs
	local nums="(valid: 1, 2, 3, ...;"

	jobs="$nums default: one per core, $(nproc) here)"

	# The suites, as selftests/vm/run.sh finds them.
	su=$(cd "$top/selftests" && for b in */build.sh; do
		if [ -x "$b" ]; then echo "${b%/build.sh}"; fi
	done | LC_ALL=C sort | paste -sd ' ')

	bad "check KVERS=5.4" "KVERS: unknown kernel '5.4' (valid: $kv)"
	bad "check-harness KVERS=5.4" "KVERS: unknown kernel '5.4' (valid: $kv)"
	bad "deps KVERS=5.4" "KVERS: unknown kernel '5.4' (valid: $kv)"
	bad "check-native KVERS=6.1+6.1" "KVERS: '6.1' given twice (valid: $kv)"
	bad "kernels KVERS=" "KVERS: empty (valid: $kv)"
	bad "demo KVER=5.4" "KVER: unknown kernel '5.4' (valid: $kv)"
	bad "vm-shell KVER=6.1+6.12" "KVER: one kernel, not '6.1 6.12' (valid: $kv)"
	bad "check-stock KVERS=6.*" "KVERS: unknown kernel '6.*' (valid: $kv)"
	bad "vm-shell FLAVOR=nativ" "FLAVOR: unknown flavor 'nativ' (valid: $fl)"
	bad "kernels FLAVORS=stock+nativ" "FLAVORS: unknown flavor 'nativ' (valid: $fl)"
	bad "check FLAVORS=" "FLAVORS: empty (valid: $fl)"
	bad "check-stock SUITES=" "SUITES: empty (valid: $su)"
	bad "check SUITES=state+stat" "SUITES: unknown suite 'stat' (valid: $su)"
	bad "check JOBS=0" "JOBS: not a number of jobs: '0' $jobs"
	bad "check-cocci JOBS=two" "JOBS: not a number of jobs: 'two' $jobs"
	bad "bench BENCH_NS=10k" \
		"BENCH_NS: not a number of shadow variables: '10k' $nums default \"10000 100000 1000000\")"
	bad "demo DEMO=modules" "DEMO: unknown chapter 'modules' (valid: shadow module format)"
	bad "demo DEMO=" "DEMO: empty (valid: shadow module format)"
	bad "migrate SRC=/usr/src MODE=diff" "MODE: unknown mode 'diff' (valid: patch report)"
	bad "migrate SRC=/usr/src STREAM=fix+1" \
		"STREAM: not a stream name: 'fix 1' (valid: letters, digits, '.', '_', '-' and '/')"
	bad "migrate" "SRC: missing: make migrate SRC=dir [MODE=patch|report] [JOBS=n] [STATE_ID=id] [STREAM=name]"
}

# tree_state: what git sees changed in the checkout, to compare.
tree_state()
{
	git -C "$top" status --porcelain --untracked-files=all 2>/dev/null || true
}

# refused DIR "ARGS" "TEXT" NAME: make ARGS started in DIR refuses, saying
# TEXT, converts nothing and leaves the checkout as it was.
refused()
{
	local dir=$1 want=$3 name=$4 rc=0 t0=$SECONDS before why
	local -a args

	read -ra args <<<"$2"
	before=$(tree_state)
	mk "$dir" "$stubs:$PATH" "${args[@]}" || rc=$?
	why=$(at_once $rc $((SECONDS - t0)))
	grep -qF -- "$want" "$out" || why="$why; no \"$want\""
	[ "$(tree_state)" = "$before" ] || why="$why; the checkout changed"
	result "$why" "$name"
}

migrate()
{
	# A file that converts with nothing left by hand: exit status 0; its
	# result is the one cocci/tests expects of make migrate.
	local t=migrate_shadow_unpatch rc=0 why=''

	mkdir -p "$tmp/caller/lp" "$tmp/caller/elsewhere"
	cp "$top/cocci/tests/$t.c" "$tmp/caller/lp/"
	if ! command -v spatch >/dev/null; then
		skip "make -C checkout migrate SRC=lp converts lp of the caller's directory" \
			"spatch missing (package coccinelle)"
	else
		mk "$tmp/caller" "$PATH" --no-print-directory -C "$top" migrate SRC=lp || rc=$?
		[ $rc -eq 0 ] || why="$why; exit status $rc"
		cmp -s "$tmp/caller/lp/$t.c" "$top/cocci/tests/$t.res" ||
			why="$why; lp/$t.c is not cocci/tests/$t.res"
		grep -qx "converted lp/$t.c" "$out" || why="$why; no \"converted lp/$t.c\""
		result "$why" "make -C checkout migrate SRC=lp converts lp of the caller's directory, named as given"
	fi

	refused "$top" "migrate SRC=." "SRC: '.' ($top) is this klp-state tree" \
		"make migrate SRC=. in the checkout is refused, the checkout unchanged"
	refused "$tmp/caller/elsewhere" "--no-print-directory -C $top migrate SRC=$top" \
		"SRC: '$top' is this klp-state tree" \
		"make -C checkout migrate SRC=checkout is refused"
	refused "$top" "migrate SRC=samples" "SRC: 'samples' ($top/samples) is inside this klp-state tree" \
		"make migrate SRC=samples is refused, the checkout unchanged"
	refused "$tmp" "--no-print-directory -C $top migrate SRC=$(dirname "$top")" \
		"contains this klp-state tree ($top)" \
		"make -C checkout migrate SRC=<its parent> is refused"
	refused "$tmp/caller" "--no-print-directory -C $top migrate SRC=nothere" \
		"SRC: 'nothere' ($tmp/caller/nothere): no such file or directory" \
		"make -C checkout migrate SRC=nothere looks in the caller's directory"

	# cocci/Makefile on its own: klp-migrate refuses (make adds its own line).
	rc=0 why=''
	before=$(tree_state)
	mk "$top" "$stubs:$PATH" --no-print-directory -C cocci migrate SRC=. || rc=$?
	[ $rc -ne 0 ] || why="$why; exit status 0"
	grep -qF "klp-migrate: '.' ($top) is this klp-state tree" "$out" ||
		why="$why; no refusal from klp-migrate"
	[ ! -s "$tmp/ran" ] || why="$why; ran: $(paste -sd ' ' "$tmp/ran")"
	[ "$(tree_state)" = "$before" ] || why="$why; the checkout changed"
	result "$why" "make -C cocci migrate SRC=. in the checkout is refused by klp-migrate"
}

# The kernels the VM runner's negative cases boot.
harness()
{
	local why='' r=$top/selftests/harness/run.sh

	: >"$out"
	for c in $("$r" --list); do
		KVERS="6.12 6.1" "$r" --needs "$c" >>"$out"
	done
	! awk '$2 != "6.12"' "$out" | grep -q . || why="a case boots another kernel than 6.12"
	result "$why" "harness: KVERS=\"6.12 6.1\": every case boots 6.12"

	FLAVORS=stock "$r" --list >"$out"
	why=''
	while read -r c; do
		FLAVORS=stock "$r" --needs "$c"
	done <"$out" | grep -qv '^stock ' && why="a case boots another flavor than stock"
	[ -s "$out" ] || why="no case left"
	result "$why" "harness: FLAVORS=stock: only the cases on stock kernels"
}

# The variables a user can set: the Makefiles' own, and these, which only
# reach the scripts.
variables()
{
	{
		echo KVER KVERS FLAVOR FLAVORS SUITES JOBS SRC MODE STATE_ID STREAM BENCH_NS DEMO SPATCH KLP_CACHE
		grep -ohE '[$][(][A-Z][A-Z0-9_]*[)]' "$top/Makefile" "$top/cocci/Makefile" |
			sed 's/^..//; s/.$//'
	} | tr ' ' '\n' | grep -vxE 'MAKE|MAKECMDGOALS|MAKEFILE_LIST|CURDIR|PWD|HOME|SHELL|COCCI_DIR' |
		LC_ALL=C sort -u
}

docs()
{
	local v why=''

	mk "$top" "$stubs:$PATH" help || true
	for v in $(variables); do
		grep -qw -- "$v" "$out" || why="$why $v"
	done
	result "${why:+not named:$why}" "make help names every variable ($(variables | paste -sd ' '))"

	why=''
	for v in $(variables); do
		grep -qw -- "$v" "$top/README.md" || why="$why $v"
	done
	cp "$top/README.md" "$out"
	result "${why:+not named:$why}" "README.md names every variable"

	# The example of a refused value is what make prints.
	mk "$top" "$stubs:$PATH" check KVERS=5.4 || true
	why=''
	grep -qxF -- "    $(cat "$out")" "$top/README.md" || why="README.md does not show this line"
	result "$why" "README.md shows the line make check KVERS=5.4 prints"

	# What make check ends with, digits made N.
	echo "3 1 2" >"$tmp/totals"
	v=$("$top/selftests/total.sh" "$tmp/totals" | sed 's/[0-9]\+/N/g') || true
	why=''
	tr -s ' \n' ' ' <"$top/README.md" | grep -qF -- "the line \`$v\`" ||
		why="README.md does not say the run closes with \"$v\""
	echo "$v" >"$out"
	result "$why" "README.md tells the closing line total.sh prints"
}

echo "KTAP version 1"
echo "# suite: cli (make $(make --version | sed -n '1s/.* //p') on the checkout in $top)"
cli_line
migrate
harness
docs
ktap_end
