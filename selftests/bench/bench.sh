#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bench.sh [KVER]: boot the native KVER kernel and print the shadow variable
# garbage collection table, stock klp_shadow_free_all() and the native core
# side by side in one VM run.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kver=${1:-6.1}
cache=${KLP_CACHE:-$HOME/.cache/klp-state}
ktap=$(mktemp)
trap 'rm -f "$ktap"' EXIT

export KLP_BENCH_NS=${KLP_BENCH_NS:-10000 100000 1000000}
# The test kernel has no ACPI: without HPET or PM timer it cannot calibrate
# the TSC and falls back to a jiffies sched_clock(), which stands still with
# interrupts off.  Under TCG the guest reads the host's TSC: give its rate.
khz=$(awk '/^cpu MHz/ { printf "%d", $4 * 1000; exit }' /proc/cpuinfo)
echo "Benchmarking N = $KLP_BENCH_NS on native $kver under QEMU (TSC ${khz:-?} kHz)..."
# One vCPU: with two, served in turns by one TCG thread, a short
# interrupts-off section of one vCPU lasts as long as the other's turn.
"$here/../vm/run.sh" --name bench-"$kver" --timeout 3000 --smp 1 \
	${khz:+--append tsc_early_khz=$khz} "$kver" native bench >"$ktap" 2>&1
rc=$?
sed -n 's/^| |//p' "$cache/runs/bench-$kver/results.log" 2>/dev/null | tr -d '\r'
if [ $rc -ne 0 ]; then
	echo "The benchmark failed:"
	cat "$ktap"
fi
exit $rc
