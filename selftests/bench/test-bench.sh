#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Shadow variable garbage collection benchmark.  For each N, allocates N
# shadow variables and frees them (a) with the stock klp_shadow_free_all()
# and (b) by disabling a livepatch whose state owns them (native core,
# batched).  Reports the longest interrupts-off section seen by the irqsoff
# tracer and the time until the destructor ran for the last variable.
#
# The sizes come from the file "sizes", staged by build.sh.  Lines starting
# with "| " are the report that bench.sh shows on the host.
set -u
cd "$(dirname "$0")"

SIZES=$(cat sizes 2>/dev/null || echo 10000)
KLP=/sys/kernel/livepatch
T=/sys/kernel/tracing
[ -d "$T/options" ] || T=/sys/kernel/debug/tracing
[ -d "$T/options" ] || mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null
[ -d "$T/options" ] || T=/sys/kernel/tracing

fail() { echo "TEST: shadow garbage collection ... not ok"; echo "# $*"; exit 1; }

have_irqsoff=0
if grep -qw irqsoff "$T/available_tracers" 2>/dev/null; then
	echo 0 > "$T/options/function-trace" 2>/dev/null
	echo 1 > "$T/options/stacktrace" 2>/dev/null
	echo irqsoff > "$T/current_tracer" || fail "cannot select the irqsoff tracer"
	echo 1 > "$T/tracing_on"
	have_irqsoff=1
else
	echo "| no irqsoff tracer in this kernel (CONFIG_IRQSOFF_TRACER): latency columns are n/a"
fi
native=0
[ -f klp_bench_lp.ko ] && native=1

reset_lat() { [ $have_irqsoff = 0 ] || echo 0 > "$T/tracing_max_latency"; }
read_lat() { if [ $have_irqsoff = 1 ]; then cat "$T/tracing_max_latency"; else echo n/a; fi; }
# the caller of the longest section, from the tracer's stack snapshot
where_lat() {
	[ $have_irqsoff = 1 ] || return 0
	awk '/<stack trace>/ { p = 1; next } p && /=>/ { print $2; n++ } n == 3 { exit }' \
		"$T/trace" | paste -sd'<'
}

slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
now_ns() { date +%s%N; }

# Both paths hand the variables to kfree_rcu(): the memory comes back after
# a grace period, in work that the stock walk (interrupts off) holds back
# and the batched walk lets run.  This time counts that work too: from the
# removal until nine tenths of the slab memory the variables took is back.
# Sets BACK_MS.
wait_memory_back() {
	local t0=$1 base=$2 full=$3 i

	for ((i = 0; i < 3000; i++)); do
		if [ $(( ($(slab_kb) - base) * 10 )) -le $(( full - base )) ]; then
			BACK_MS=$(( ($(now_ns) - t0) / 1000000 ))
			return 0
		fi
		sleep 0.01
	done
	BACK_MS=n/a	# other allocations hide it: small N on a busy guest
}

# The waits in the measured windows fork nothing: the guest kernel runs on
# one CPU, where a forking shell would take it from the freeing worker.
wait_transition() {
	local i v
	for ((i = 0; i < 600; i++)); do
		read -r v 2>/dev/null <"$KLP/$1/transition" || return 0
		[ "$v" = 1 ] || return 0
		sleep 0.1
	done
	fail "transition of $1 did not finish"
}

# stock N: sets LAT (us) and NS
stock() {
	local freed base full t0
	base=$(slab_kb)
	insmod klp_bench_stock.ko n="$1" || fail "insmod klp_bench_stock n=$1"
	sleep 0.5
	full=$(slab_kb)
	reset_lat
	t0=$(now_ns)
	echo 1 > /sys/module/klp_bench_stock/parameters/run
	LAT=$(read_lat)
	WHERE=$(where_lat)
	wait_memory_back "$t0" "$base" "$full"
	NS=$(cat /sys/module/klp_bench_stock/parameters/gc_ns)
	freed=$(cat /sys/module/klp_bench_stock/parameters/freed)
	rmmod klp_bench_stock
	[ "$freed" = "$1" ] || fail "stock: $freed of $1 destructors ran"
}

# native N: sets LAT (us) and NS
native() {
	local freed i base full t0
	base=$(slab_kb)
	insmod klp_bench_lp.ko n="$1" || fail "insmod klp_bench_lp n=$1"
	wait_transition klp_bench_lp
	sleep 0.5
	full=$(slab_kb)
	reset_lat
	t0=$(now_ns)
	echo 0 > "$KLP/klp_bench_lp/enabled" || fail "disable klp_bench_lp"
	wait_transition klp_bench_lp
	# The destructors run when the core frees the livepatch, which then
	# leaves sysfs.
	for ((i = 0; i < 600; i++)); do
		[ -e "$KLP/klp_bench_lp" ] || break
		sleep 0.1
	done
	LAT=$(read_lat)
	WHERE=$(where_lat)
	wait_memory_back "$t0" "$base" "$full"
	NS=$(cat /sys/module/klp_bench_lp/parameters/gc_ns)
	freed=$(cat /sys/module/klp_bench_lp/parameters/freed)
	for i in $(seq 50); do
		rmmod klp_bench_lp 2>/dev/null && break
		sleep 0.2
	done
	[ "$freed" = "$1" ] || fail "native: $freed of $1 destructors ran"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.4f", a / b }'; }

echo "| kernel $(uname -r), $(nproc) CPUs; irqoff in us, times in ms; ratio = native / stock"
echo "| walk: until the last destructor ran; back: until the memory is back (kfree_rcu work included)"
printf '| %-8s %14s %14s %10s %10s %10s %8s %10s %10s %8s\n' N stock_irqoff_us native_irqoff_us irqoff_ratio \
	stock_walk native_walk ratio stock_back native_back ratio
longest=()
for n in $SIZES; do
	stock "$n"
	slat=$LAT sns=$NS swhere=$WHERE sback=$BACK_MS
	if [ $native = 1 ]; then
		native "$n"
		nlat=$LAT nns=$NS nwhere=$WHERE nback=$BACK_MS
	else
		nlat=n/a nns=n/a nback=n/a
	fi
	printf '| %-8s %14s %14s %10s %10s %10s %8s %10s %10s %8s\n' "$n" "$slat" "$nlat" \
		"$(ratio "$nlat" "$slat")" \
		"$(awk -v x="$sns" 'BEGIN { printf "%.2f", x / 1e6 }')" \
		"$(awk -v x="$nns" 'BEGIN { if (x == "n/a") print x; else printf "%.2f", x / 1e6 }')" \
		"$(ratio "$nns" "$sns")" "$sback" "$nback" "$(ratio "$nback" "$sback")"
	longest+=("N=$n stock: ${swhere:-?}" "N=$n native: ${nwhere:-n/a}")
done
echo "| longest interrupts-off sections:"
printf '|   %s\n' "${longest[@]}"
[ $have_irqsoff = 0 ] || echo nop > "$T/current_tracer"
[ $native = 1 ] || echo "| no native state core in this kernel: stock column only"
echo "TEST: shadow garbage collection ($SIZES) ... ok"
