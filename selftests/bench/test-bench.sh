#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Shadow variable store benchmark.  For N = 1000 and each N of "sizes",
# allocates N shadow variables, times lookups among them, and frees them
# (a) in a copy of the stock store built into klp_bench_stock (one hash
# of 4096 buckets, one lock; its free_all) and (b) by disabling a
# livepatch whose state owns them (the kernel's store, native core).
# Reports the cost of klp_shadow_get() and klp_shadow_get_or_alloc(), the
# time to allocate, the bytes per variable, the longest interrupts-off
# section seen by the irqsoff tracer and the time until the destructor
# ran for the first and the last variable; then the removal of a state
# owning 100 variables with none and with max(sizes) variables of another
# id alive.  Every destructor call, lookup and count is checked.
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

fail() { echo "TEST: shadow variable store ... not ok"; echo "# $*"; exit 1; }

have_irqsoff=0
if grep -qw irqsoff "$T/available_tracers" 2>/dev/null; then
	echo 0 > "$T/options/function-trace" 2>/dev/null
	echo 1 > "$T/options/stacktrace" 2>/dev/null
	echo irqsoff > "$T/current_tracer" || fail "cannot select the irqsoff tracer"
	echo nop > "$T/current_tracer"
	echo 1 > "$T/tracing_on"
	have_irqsoff=1
else
	echo "| no irqsoff tracer in this kernel (CONFIG_IRQSOFF_TRACER): latency columns are n/a"
fi
native=0
[ -f klp_bench_lp.ko ] && native=1

# The tracer runs only around the removals: its hooks on every interrupt
# disable and enable would add their cost to the allocations measured.
reset_lat() {
	[ $have_irqsoff = 0 ] && return
	echo irqsoff > "$T/current_tracer"
	echo 0 > "$T/tracing_max_latency"
}
tracer_off() { [ $have_irqsoff = 0 ] || echo nop > "$T/current_tracer"; }
read_lat() { if [ $have_irqsoff = 1 ]; then cat "$T/tracing_max_latency"; else echo n/a; fi; }
# where the longest section started and ended, and its callers, from the
# tracer's header and stack snapshot
where_lat() {
	[ $have_irqsoff = 1 ] || return 0
	awk '/=> started at:/ { s = $NF } /=> ended at:/ { e = $NF }
	     /<stack trace>/ { p = 1; next } p && /=>/ && n < 3 { c = c (n++ ? "<" : "") $2 }
	     END { printf "%s..%s%s\n", s, e, c ? " " c : "" }' "$T/trace"
}

slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
now_ns() { date +%s%N; }

# Both paths hand the variables to kfree_rcu(): the memory comes back after
# a grace period, in work that the stock walk (interrupts off) holds back
# and the batched walk lets run.  This time counts that work too: from the
# removal until nine tenths of the slab memory the variables took is back.
# Sets BACK_MS, and BACK_AT to the wall clock time then.
wait_memory_back() {
	local t0=$1 base=$2 full=$3 i

	for ((i = 0; i < 3000; i++)); do
		if [ $(( ($(slab_kb) - base) * 10 )) -le $(( full - base )) ]; then
			BACK_AT=$(now_ns)
			BACK_MS=$(( (BACK_AT - t0) / 1000000 ))
			return 0
		fi
		sleep 0.01
	done
	BACK_MS=n/a BACK_AT=	# other allocations hide it: small N on a busy guest
}

# The same time counted from the start of the removal in MOD, as the module
# saw it: for the native core, after the transition of the disable, which
# the stock walk has no equivalent of here.  Sets RM_MS.
removal_back() {
	local t0

	RM_MS=n/a
	[ -n "$BACK_AT" ] || return 0
	read -r t0 <"/sys/module/$1/parameters/t0_real_ns"
	[ "$t0" -gt 0 ] && [ "$BACK_AT" -ge "$t0" ] && RM_MS=$(( (BACK_AT - t0) / 1000000 ))
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

mem_free_kb() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }

# Each variable's self check: every destructor call on a live variable of
# the right key, each of the n and of the others freed exactly once, and
# every lookup of an existing variable found it.
self_check() {
	local mod=$1 what=$2 n=$3 others=$4 p=/sys/module/$1/parameters v
	v=$(cat "$p/freed"); [ "$v" = "$n" ] || fail "$what: $v of $n destructors ran"
	v=$(cat "$p/others_freed"); [ "$v" = "$others" ] ||
		fail "$what: $v of $others destructors of the other id ran"
	v=$(cat "$p/bad"); [ "$v" = 0 ] || fail "$what: $v destructor calls on a freed or unknown variable"
	v=$(cat "$p/lookup_misses"); [ "$v" = 0 ] || fail "$what: $v lookups missed a live variable"
}

# After the load: the store's numbers. Sets ALLOC (ns), GET and GOA (tenths
# of ns per call) and BPV (bytes per variable, from MemFree; n/a with
# others).
store_numbers() {
	local p=/sys/module/$1/parameters
	ALLOC=$(cat "$p/alloc_ns") GET=$(cat "$p/get_ns") GOA=$(cat "$p/goa_ns") HOT=$(cat "$p/hot_ns")
	if [ "$3" = 0 ] && [ "$2" -gt 0 ]; then
		BPV=$(( ($4 - $(mem_free_kb)) * 1024 / $2 ))
	else
		BPV=n/a
	fi
}

# stock N OTHERS: sets LAT (us), NS, FIRST and the store's numbers
stock() {
	local base full t0 mem
	base=$(slab_kb) mem=$(mem_free_kb)
	insmod klp_bench_stock.ko n="$1" others="$2" || fail "insmod klp_bench_stock n=$1 others=$2"
	sleep 0.5
	store_numbers klp_bench_stock "$1" "$2" "$mem"
	full=$(slab_kb)
	reset_lat
	t0=$(now_ns)
	echo 1 > /sys/module/klp_bench_stock/parameters/run
	LAT=$(read_lat)
	WHERE=$(where_lat)
	tracer_off
	if [ "$2" = 0 ] && [ "$1" -ge 10000 ]; then
		wait_memory_back "$t0" "$base" "$full"
	else
		BACK_MS=n/a BACK_AT=	# too small to see, or the others keep theirs
	fi
	removal_back klp_bench_stock
	NS=$(cat /sys/module/klp_bench_stock/parameters/gc_ns)
	FIRST=$(cat /sys/module/klp_bench_stock/parameters/first_ns)
	echo 1 > /sys/module/klp_bench_stock/parameters/drop
	echo "$1" > /sys/module/klp_bench_stock/parameters/floor ||
		fail "the memory floor over $1 objects"
	FLOOR=$(cat /sys/module/klp_bench_stock/parameters/floor_ns)
	self_check klp_bench_stock stock "$1" "$2"
	rmmod klp_bench_stock
}

# native N OTHERS: sets LAT (us), NS, FIRST and the store's numbers
native() {
	local i base full t0 mem
	base=$(slab_kb) mem=$(mem_free_kb)
	insmod klp_bench_lp.ko n="$1" others="$2" || fail "insmod klp_bench_lp n=$1 others=$2"
	wait_transition klp_bench_lp
	sleep 0.5
	store_numbers klp_bench_lp "$1" "$2" "$mem"
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
	tracer_off
	if [ "$2" = 0 ] && [ "$1" -ge 10000 ]; then
		wait_memory_back "$t0" "$base" "$full"
	else
		BACK_MS=n/a BACK_AT=	# too small to see, or the others keep theirs
	fi
	removal_back klp_bench_lp
	NS=$(cat /sys/module/klp_bench_lp/parameters/gc_ns)
	FIRST=$(cat /sys/module/klp_bench_lp/parameters/first_ns)
	echo 1 > /sys/module/klp_bench_lp/parameters/drop
	self_check klp_bench_lp native "$1" "$2"
	for i in $(seq 50); do
		rmmod klp_bench_lp 2>/dev/null && break
		sleep 0.2
	done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.4f", a / b }'; }
ms() { awk -v x="$1" 'BEGIN { if (x == "n/a") print x; else printf "%.2f", x / 1e6 }'; }
tenths() { awk -v x="$1" 'BEGIN { if (x == "n/a") print x; else printf "%.1f", x / 10 }'; }

# One case: N variables owned, OTHERS of another id; stock, then native.
# Sets the s* and n* variables.
run_case() {
	stock "$1" "$2"
	slat=$LAT sns=$NS sfirst=$FIRST swhere=$WHERE sback=$BACK_MS srm=$RM_MS
	salloc=$ALLOC sget=$GET sgoa=$GOA shot=$HOT sbpv=$BPV sfloor=$FLOOR
	if [ $native = 1 ]; then
		native "$1" "$2"
		nlat=$LAT nns=$NS nfirst=$FIRST nwhere=$WHERE nback=$BACK_MS nrm=$RM_MS
		nalloc=$ALLOC nget=$GET ngoa=$GOA nhot=$HOT nbpv=$BPV
	else
		nlat=n/a nns=n/a nfirst=n/a nwhere= nback=n/a nrm=n/a
		nalloc=n/a nget=n/a ngoa=n/a nhot=n/a nbpv=n/a
	fi
}

max=0
for n in $SIZES; do [ "$n" -le "$max" ] || max=$n; done
base_n=1000

gc_rows=() store_rows=() among_rows=() longest=()
for n in $base_n $SIZES; do
	run_case "$n" 0
	store_rows+=("$(printf '%-8s %9s %9s %9s %9s %9s %9s %7s %10s %10s %8s %7s %7s' "$n" \
		"$(tenths "$sget")" "$(tenths "$nget")" "$(tenths "$sgoa")" "$(tenths "$ngoa")" \
		"$(tenths "$shot")" "$(tenths "$nhot")" "$(tenths "$sfloor")" \
		"$(ms "$salloc")" "$(ms "$nalloc")" "$(ratio "$salloc" "$nalloc")" "$sbpv" "$nbpv")")
	[ "$n" = "$base_n" ] && { bget=("$sget" "$nget") bgoa=("$sgoa" "$ngoa") bhot=("$shot" "$nhot") bfloor=$sfloor; }
	[ "$n" = "$max" ] && { mget=("$sget" "$nget") mgoa=("$sgoa" "$ngoa") mhot=("$shot" "$nhot") mfloor=$sfloor; }
	[ "$n" = "$base_n" ] && continue
	gc_rows+=("$(printf '%-8s %14s %14s %10s %10s %10s %8s %10s %10s %8s %10s %10s %8s %10s %10s' "$n" "$slat" "$nlat" \
		"$(ratio "$nlat" "$slat")" "$(ms "$sns")" "$(ms "$nns")" "$(ratio "$nns" "$sns")" \
		"$sback" "$nback" "$(ratio "$nback" "$sback")" \
		"$srm" "$nrm" "$(ratio "$nrm" "$srm")" "$(ms "$sfirst")" "$(ms "$nfirst")")")
	longest+=("N=$n stock: ${swhere:-?}" "N=$n native: ${nwhere:-n/a}")
done
for o in 0 "$max"; do
	run_case 100 "$o"
	among_rows+=("$(printf '%-8s %14s %14s %10s %10s' "$o" "$slat" "$nlat" "$(ms "$sns")" "$(ms "$nns")")")
done

echo "| kernel $(uname -r), $(nproc) CPUs; irqoff in us, times in ms; ratio = native / stock"
echo "| stock: the stock kernel's shadow variable store (4096 buckets, one lock), built into klp_bench_stock"
echo "|"
echo "| store: ns per klp_shadow_get() and per klp_shadow_get_or_alloc() of an existing variable among N"
echo "| (scattered over all N; hot: over 1000 of them), ns per read of one of N objects of that size"
echo "| in the same order with no store (floor), ms to allocate the N (speedup = stock / native),"
echo "| bytes per variable (MemFree before and after the load)"
printf '| %-8s %9s %9s %9s %9s %9s %9s %7s %10s %10s %8s %7s %7s\n' N stock_get nat_get stock_goa nat_goa \
	stock_hot nat_hot floor stock_alloc nat_alloc speedup stock_B nat_B
printf '| %s\n' "${store_rows[@]}"
echo "| lookup cost at N=$max over N=$base_n: get stock $(ratio "${mget[0]}" "${bget[0]}")" \
	"native $(ratio "${mget[1]}" "${bget[1]}"); get_or_alloc stock $(ratio "${mgoa[0]}" "${bgoa[0]}")" \
	"native $(ratio "${mgoa[1]}" "${bgoa[1]}"); hot get stock $(ratio "${mhot[0]}" "${bhot[0]}")" \
	"native $(ratio "${mhot[1]}" "${bhot[1]}"); floor $(ratio "$mfloor" "$bfloor")"
echo "|"
echo "| removal of a state owning N: walk: until the last destructor ran; back: until the memory is back"
echo "| (kfree_rcu work included), from the write that asks for the removal (native: the disable, its"
echo "| transition included); rm: the same, from the start of the removal (stock: the walk; native:"
echo "| post_unpatch); first: until the first destructor ran"
printf '| %-8s %14s %14s %10s %10s %10s %8s %10s %10s %8s %10s %10s %8s %10s %10s\n' N stock_irqoff_us native_irqoff_us \
	irqoff_ratio stock_walk native_walk ratio stock_back native_back ratio stock_rm native_rm ratio \
	stock_first nat_first
printf '| %s\n' "${gc_rows[@]}"
echo "|"
echo "| removal of a state owning 100 while OTHERS variables of another id live"
printf '| %-8s %14s %14s %10s %10s\n' OTHERS stock_irqoff_us native_irqoff_us stock_walk native_walk
printf '| %s\n' "${among_rows[@]}"
echo "| longest interrupts-off sections:"
printf '|   %s\n' "${longest[@]}"
[ $have_irqsoff = 0 ] || echo nop > "$T/current_tracer"
[ $native = 1 ] || echo "| no native state core in this kernel: stock column only"
echo "TEST: shadow variable store ($SIZES) ... ok"
