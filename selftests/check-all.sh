#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-all.sh: everything "make check" proves, as independent steps run
# side by side on at most $JOBS cores (default: all of them).
#
# A VM takes one job slot, though its two vCPUs run on two host threads:
# its guest mostly keeps one of them busy.  One that kept more than a
# core busy in its last run takes two (order_steps()).  A kernel build
# takes one too, though it runs make on every core: two builds side by side
# fill each other's single-threaded phases (linking, extraction, config).
# A step starts once the kernels it needs are provisioned.  Each step's
# output is printed whole when it finishes, with a progress line; a table
# of where the time went and the closing "N passed, N failed, N skipped"
# end the run.
#
# Environment: KVERS, FLAVORS, SUITES (as for the Makefile), JOBS.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$here/kernels/common.sh"

# step NAME SLOTS "DEPS" COMMAND...: declare a step, in priority order.
step()
{
	local name=$1

	names+=("$name")
	slots[$name]=$2
	deps[$name]=$3
	shift 3
	cmds[$name]=$(printf '%q ' "$@")
}

declare_steps()
{
	local k f n

	# Kernel builds first: everything else on native kernels waits for them.
	for f in $flavors; do
		[ "$f" != stock ] || continue
		for k in $kvers; do
			step "kernel-$f-$k" 1 "" \
				"$here/kernels/provision.sh" "$k" "$f"
		done
	done
	# A short host check next, for a first result within minutes; then the
	# longest steps, as measured here (order_steps() reorders them by the
	# times of the last run).
	step lint 1 "" "$here/lint/run.sh"
	step cli 1 "" "$here/cli/run.sh"
	step invariants 1 "" "$here/invariants/run.sh"
	step install 1 "" "$here/install/run.sh"
	step host 1 "" "$here/kernels/host-test.sh" $kvers
	step recipes 1 "" "$top/backports/recipes.sh"
	step htmldocs 1 "" "$here/htmldocs/run.sh"
	step try 1 "" "$here/try/run.sh" "${kvers%% *}"
	vm_steps debug stock
	step cocci 1 "$(for k in $kvers; do kernel_dep native "$k"; done | tr '\n' ' ')" \
		make -k --no-print-directory -C "$top/cocci" check JOBS=2
	vm_steps native
	for k in $kvers; do
		step "backports-$k" 1 "$(kernel_dep native "$k")" \
			"$top/backports/check-series.sh" "$k"
	done
	# Two harness cases wait out a timeout (a hung init, a kernel that
	# never reaches the runner) with the guest idle: 7 to 11 s of CPU in
	# 30 to 41 s.  They take no slot and run beside the others, like any
	# step found mostly idle by its last run (order_steps()).
	for k in $("$here/harness/run.sh" --list); do
		case $k in hang | noboot) n=0;; *) n=1;; esac
		step "harness-$k" $n \
			"$("$here/harness/run.sh" --needs "$k" | while read -r f kv; do
				kernel_dep "$f" "$kv"; done | tr '\n' ' ')" \
			"$here/harness/run.sh" --case "$k"
	done
}

# order_steps: the longest step first, by the times of the last runs
# (longest processing time first: the short steps fill the gaps at the
# end).  The kernel builds and host checks keep their place in front; a step
# never timed goes first among the others, and declaration order breaks
# ties, so that a first run keeps the declared order.  A time belongs to
# the step's command (the suites a VM runs, not the clone it ran from).
# A step that used less than half a core in its last run while the host
# had half a core or more idle (a VM waiting on guest timers: stock 6.1
# retries each transition a second later, 160 s of CPU in 381 s) takes no
# slot: it runs beside the others, which it slows less than a slot held
# idle would.  A step starved by a busy host uses little CPU too: without
# the host's idle time that judgement fed itself, every step ran beside
# every other and the debug guests missed their boot timeout.  At most
# $jobs steps without a slot run at once.  A suite VM that used more than
# a core (its two vCPUs both computed) takes two slots.
order_steps()
{
	local s i k c d n front=() rest=()

	declare -gA last=() lastcpu=() key=()
	for s in "${names[@]}"; do
		key[$s]=$(printf '%s' "${cmds[$s]//"$top"/}" | md5sum | cut -c1-16)
	done
	declare -gA lastidle=()
	if [ -f "$times" ]; then
		while read -r k i c d n; do
			last[$k]=$i
			# "key secs cpu name" before the host's idle time was kept
			[ -n "$n" ] || d=-
			case $c in '' | *[!0-9]*) ;; *) lastcpu[$k]=$c;; esac
			case $d in '' | *[!0-9]*) ;; *) lastidle[$k]=$d;; esac
		done <"$times"
	fi
	for s in "${names[@]}"; do
		i=${last[${key[$s]}]:-0} c=${lastcpu[${key[$s]}]:-}
		d=${lastidle[${key[$s]}]:-0}
		if [ -z "$c" ] || [ "$i" -lt 10 ] || [ "${slots[$s]}" -ne 1 ]; then
			continue
		elif [ $((c * 2)) -lt "$i" ] && [ "$d" -ge 50 ]; then
			slots[$s]=0
		elif [ -n "${vms[$s]:-}" ] && [ "$c" -gt "$i" ]; then
			slots[$s]=2
		fi
	done
	for s in "${names[@]}"; do
		case $s in
		kernel-* | lint | cli | invariants) front+=("$s");;
		*) rest+=("$s");;
		esac
	done
	[ ${#rest[@]} -gt 0 ] || return 0
	mapfile -t rest < <(for i in "${!rest[@]}"; do
		s=${rest[i]}
		echo "${last[${key[$s]}]:-999999} $i $s"
	done | sort -k1,1nr -k2,2n | cut -d' ' -f3)
	names=("${front[@]}" "${rest[@]}")
}

# save_times: this run's step times join those of earlier runs
save_times()
{
	local s k i c d n

	declare -A what=()
	if [ -f "$times" ]; then
		while read -r k i c d n; do
			# "key secs name", "key secs cpu name": older formats
			[ -n "$n" ] || n=$d
			[ -n "$n" ] || n=$c
			what[$k]=$n
		done <"$times"
	fi
	for s in "${names[@]}"; do
		[ -n "${ended[$s]:-}" ] || continue
		last[${key[$s]}]=$((ended[$s] - started[$s]))
		lastcpu[${key[$s]}]=$(cat "$out/$s.cpu" 2>/dev/null || echo -)
		lastidle[${key[$s]}]=$(cat "$out/$s.idle" 2>/dev/null || echo -)
		what[${key[$s]}]=$s
	done
	for k in "${!last[@]}"; do
		echo "$k ${last[$k]} ${lastcpu[$k]:--} ${lastidle[$k]:--} ${what[$k]:-}"
	done | LC_ALL=C sort >"$times.$$" && mv "$times.$$" "$times"
}

# vm_steps FLAVOR...: a VM per kernel of each FLAVOR this run tests
vm_steps()
{
	local f k g n

	for f in "$@"; do
		has_flavor "$f" || continue
		for k in $kvers; do
			# shellcheck disable=SC2086
			while read -r g; do
				n=$f-$k
				[ "$g" != explore ] || n=$n-explore
				step "$n" 1 "$(kernel_dep "$f" "$k")" \
					"$here/vm/run.sh" --name "$n" \
					--smp "$(group_smp $g)" "$k" "$f" \
					$(flavor_suites "$f" $g)
				vms[$n]=1
			done < <(vm_groups $suites)
		done
	done
}

has_flavor() { case " $flavors " in *" $1 "*) return 0;; esac; return 1; }

# The step that provisions kernel FLAVOR KVER, if this run builds it.
kernel_dep()
{
	[ "$1" != stock ] && has_flavor "$1" && echo "kernel-$1-$2" || true
}

now() { echo $((SECONDS - t0)); }

# idle_ticks: the host's idle and iowait time, in clock ticks, all CPUs
idle_ticks() { awk '$1 == "cpu" { print $5 + $6; exit }' /proc/stat; }
mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }

start_step()
{
	local s=$1

	started[$s]=$(now)
	used=$((used + slots[$s]))
	[ "${slots[$s]}" -ne 0 ] || beside=$((beside + 1))
	(
		export KLP_TOTALS=$out/$s.totals
		: >"$KLP_TOTALS"
		cd "$top"
		idle0=$(idle_ticks) t1=$SECONDS
		eval "counted $s ${cmds[$s]}" >"$out/$s.log" 2>&1 && rc=0 || rc=$?
		# The host's idle cores while it ran, in hundredths of a core
		echo $(( ($(idle_ticks) - idle0) * 100 /
			($(getconf CLK_TCK) * (SECONDS - t1 + 1)) )) >"$out/$s.idle"
		# CPU seconds of the step's processes (user + system), for the
		# table; "times" in this shell, not in a pipeline's subshell
		times >"$out/$s.times"
		awk 'NR == 2 { for (i = 1; i <= 2; i++) {
			split($i, t, /[ms]/); c += t[1] * 60 + t[2] }
			printf "%d\n", c + 0.5 }' "$out/$s.times" >"$out/$s.cpu"
		echo "$rc" >"$out/$s.rc"
	) &
	pids[$s]=$!
}

# finish_step NAME: print its output and progress line, add its counts.
finish_step()
{
	local s=$1 rc p=0 f=0 k=0 a b c

	wait "${pids[$s]}" || true
	unset "pids[$s]"
	used=$((used - slots[$s]))
	[ "${slots[$s]}" -ne 0 ] || beside=$((beside - 1))
	ended[$s]=$(now)
	rc=$(cat "$out/$s.rc" 2>/dev/null || echo 125)
	while read -r a b c; do
		p=$((p + a)) f=$((f + b)) k=$((k + c))
	done <"$out/$s.totals"
	cat "$out/$s.log"
	# Steps that only provision count nothing unless they fail.
	if [ "$rc" = 0 ] && [ $((p + f + k)) -eq 0 ] && [ "${s#kernel-}" = "$s" ]; then
		echo "not ok 1 $s: finished without any test result"
		f=1
	fi
	echo "$p $f $k" >>"$totals"
	status[$s]=$([ $f -eq 0 ] && echo ok || echo FAILED)
	counts[$s]="$p/$f/$k"
	printf '# [%s] %s: %s (%d passed, %d failed, %d skipped) in %s\n' \
		"$(mmss "$(now)")" "$s" "${status[$s]}" $p $f $k \
		"$(mmss $((ended[$s] - started[$s])))"
}

# fits NAME: a slot is free for it, or it needs none and fewer than $jobs
# such steps run
fits()
{
	if [ "${slots[$1]}" -eq 0 ]; then
		[ "$beside" -lt "$jobs" ]
	else
		[ $((used + slots[$1])) -le "$jobs" ]
	fi
}

ready()
{
	local d

	for d in ${deps[$1]}; do
		[ -n "${ended[$d]:-}" ] || return 1
	done
}

main()
{
	local s left rest

	kvers=${KVERS:-$KLP_VALID_KVERS}
	flavors=${FLAVORS:-$KLP_VALID_FLAVORS}
	suites=${SUITES-upstream state demo migrate explore}
	jobs=${JOBS:-$(nproc)}
	for k in $kvers; do check_kver "$k"; done
	for f in $flavors; do check_flavor "$f"; done
	[ -n "$suites" ] || die "no suite selected (SUITES is empty)"
	case $jobs in ''|*[!0-9]*|0) die "JOBS must be a positive number, not '$jobs'";; esac
	# The harness cases read them: the first kernel, the flavors of this run.
	export KVERS=$kvers FLAVORS=$flavors
	build_env "$top"

	declare -gA slots deps cmds started ended pids status counts vms
	names=()
	declare_steps
	times=$KLP_CACHE/check-times
	order_steps
	for s in "${names[@]}"; do
		[ "${slots[$s]}" -le "$jobs" ] || slots[$s]=$jobs
	done

	out=$KLP_CACHE/check.$$
	rm -rf "$out" && mkdir -p "$out"
	totals=$out/totals
	: >"$totals"
	trap 'cleanup' EXIT
	t0=$SECONDS used=0 beside=0
	# Each step in a process group of its own, for cleanup().
	set -m
	echo "# make check: ${#names[@]} steps, $jobs at a time (KVERS=\"$kvers\" FLAVORS=\"$flavors\" SUITES=\"$suites\")"

	left=("${names[@]}")
	while [ ${#left[@]} -gt 0 ] || [ ${#pids[@]} -gt 0 ]; do
		# Start what is ready, in priority order, while slots are free.
		rest=()
		for s in "${left[@]}"; do
			if ready "$s" && fits "$s"; then
				start_step "$s"
			else
				rest+=("$s")
			fi
		done
		left=("${rest[@]}")
		[ ${#pids[@]} -gt 0 ] || break
		wait -n || true
		for s in "${!pids[@]}"; do
			[ -f "$out/$s.rc" ] && finish_step "$s"
		done
	done

	echo "# where the time went (wall $(mmss "$(now)"), $jobs at a time):"
	printf '#   %-22s %5s %5s %6s %6s  %s\n' step start end secs cpu result
	for s in "${names[@]}"; do
		[ -n "${ended[$s]:-}" ] || continue
		printf '#   %-22s %5s %5s %6d %6s  %s %s\n' "$s" "$(mmss "${started[$s]}")" \
			"$(mmss "${ended[$s]}")" $((ended[$s] - started[$s])) \
			"$(cat "$out/$s.cpu" 2>/dev/null || echo -)" \
			"${status[$s]}" "${counts[$s]}"
	done
	save_times
	"$here/total.sh" "$totals" || return 1
}

# A run stopped early takes its steps (and their VMs) with it.
cleanup()
{
	local p

	for p in "${pids[@]}"; do
		kill -TERM -- "-$p" 2>/dev/null || true
	done
	rm -rf "$out"
}

main "$@"; exit
