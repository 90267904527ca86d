#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: generate the sequences of operations
# (selftests/invariants/generate), build the state suite's livepatches
# and modules they run on, and stage them with a test script per chunk
# of sequences.
#
# Environment (make check sets none: seed 1, the bounded run):
#   KLP_EXPLORE_SEED    seed of the random sequences (default 1)
#   KLP_EXPLORE_N       sequences (default 10; 4 on debug kernels, where
#                       a sequence and its compat twin take 21 s)
#   KLP_EXPLORE_LENGTH  operations of a random sequence (default 6)
#   KLP_EXPLORE_DEPTH   every applicable sequence of this many operations
#                       over the small alphabet first (default 0: none)
#   KLP_EXPLORE_KNOWN   1: walk into the known defects too
#   KLP_EXPLORE_FORCED  random sequences that may force (default 1)
#   KLP_EXPLORE_SEQS    sequences given, "OP OP...;OP..." (replay, shrink);
#                       without it, the sequences of ./regressions run
#                       after the generated ones
#   KLP_EXPLORE_FAULTS  1: the allocation failures of ./faults too
#                       (default 1 on debug kernels, 0 elsewhere)
#   KLP_EXPLORE_FAULT_STEP  fail every this many-th allocation of them
#                       (default 1: each; 32 in make check's run)
#   KLP_EXPLORE_CYCLES  a sequence of this many upgrade, downgrade,
#                       disable, enable cycles (default 300 on debug
#                       kernels, 4 in make check's run, 0 elsewhere)
#   KLP_EXPLORE_CHUNK   runs a test script (default 20)
#   KLP_EXPLORE_VARIANT native or compat: one of the two runs (default both)
#
# On native and debug kernels every sequence runs twice: with the
# livepatches on the native core, and built with KLP_STATE_FORCE_COMPAT
# (the host compares the two, 4b.7).  A sequence that forces a
# transition runs on copies of its own, which stay loaded for good.
set -euo pipefail

kdir=$1 out=$2 flavor=$4
here=$(cd "$(dirname "$0")" && pwd)
state=$here/../state
gen=$here/../invariants/generate
build=$out/.build
inc=${KLP_INCLUDE:-$here/../../include}
chunk=${KLP_EXPLORE_CHUNK:-20}

rm -rf "$build"
mkdir -p "$build" "$out"

# make check's bounded run (no seed given): 4 sequences on debug
# kernels, where a sequence and its compat twin take 21 s; every 32nd
# allocation of the fault sequences; 4 cycles
dflt_n=10 dflt_step=1 dflt_cycles=300
[ "$flavor" != debug ] || dflt_n=4
[ -n "${KLP_EXPLORE_SEED:-}" ] || dflt_step=32 dflt_cycles=4

# the sequences: "NAME SEED OP..."
# named PREFIX: the sequences of stdin, a line each ("#" starts a
# comment), checked by the generator and named PREFIX-0, PREFIX-1...
named()
{
	local i=0 ops

	sed -e 's/#.*//' | while read -r ops; do
		[ -n "$ops" ] || continue
		"$gen" --seq "$ops" | sed "s/^given /$1-$i /"
		i=$((i + 1))
	done
}

if [ -n "${KLP_EXPLORE_SEQS:-}" ]; then
	tr ';' '\n' <<<"$KLP_EXPLORE_SEQS" | named given >"$out/sequences"
else
	args=(--seed "${KLP_EXPLORE_SEED:-1}" --count "${KLP_EXPLORE_N:-$dflt_n}"
	      --length "${KLP_EXPLORE_LENGTH:-6}" --depth "${KLP_EXPLORE_DEPTH:-0}"
	      --forced "${KLP_EXPLORE_FORCED:-1}")
	[ "${KLP_EXPLORE_KNOWN:-0}" = 0 ] || args+=(--known)
	"$gen" "${args[@]}" -o "$out/sequences"
	# and the sequences that once failed
	named reg <"$here/regressions" >>"$out/sequences"
	# allocation failures where failslab is (the debug kernels)
	if [ "${KLP_EXPLORE_FAULTS:-$([ "$flavor" = debug ] && echo 1 || echo 0)}" = 1 ]; then
		named fault <"$here/faults" >>"$out/sequences"
	fi
	# upgrade, downgrade, disable and enable again, under the readers,
	# with the shadow variables of states 3 and 9 built and destroyed
	# each time
	cycles=${KLP_EXPLORE_CYCLES:-$([ "$flavor" = debug ] && echo "$dflt_cycles" || echo 0)}
	if [ "$cycles" -gt 0 ]; then
		ops="m+ a+3s.9m"
		for ((i = 0; i < cycles; i++)); do
			ops+=" b*3s.9m a*3s.9m a- a+3s.9m"
		done
		"$gen" --seq "$ops" | sed "s/^given /cycles-$cycles /"
	fi >>"$out/sequences"
	# for the judge, which prints how to run them again
	echo "SEED=${KLP_EXPLORE_SEED:-1} N=${KLP_EXPLORE_N:-$dflt_n}" \
		"LENGTH=${KLP_EXPLORE_LENGTH:-6} DEPTH=${KLP_EXPLORE_DEPTH:-0}" \
		"KNOWN=${KLP_EXPLORE_KNOWN:-0}" >"$out/params"
fi
[ -s "$out/sequences" ] || { echo "no sequence to run" >&2; exit 1; }

# compat twins on the kernels whose modules get the native core;
# KLP_EXPLORE_VARIANT=native or compat runs one of the two there
twin=0 native=1
[ "$flavor" = stock ] || twin=1
case ${KLP_EXPLORE_VARIANT:-both} in
both) ;;
native) twin=0;;
compat) [ $twin = 0 ] || native=0;;
*) echo "KLP_EXPLORE_VARIANT: both, native or compat" >&2; exit 1;;
esac

cp "$state"/test_klp_state.c "$state"/test_klp_state_[abc].c \
	"$state"/test_klp_state_f[ab].c "$state"/test_klp_state_mod.[ch] \
	"$state"/test_klp_state_target.[ch] \
	"$state"/test_klp_state_reader_cpu.h "$state"/test_klp_state_fault.h "$build"/
mods="test_klp_state_target.o test_klp_state_mod.o"

# wrap NAME COMPAT: another livepatch module from test_klp_state.c
wrap()
{
	{
		echo "// SPDX-License-Identifier: GPL-2.0-only"
		echo "/* A copy of the state selftest livepatch for selftests/explore. */"
		[ "$2" = 0 ] || echo "#define KLP_STATE_FORCE_COMPAT"
		echo '#include "test_klp_state.c"'
	} >"$build/$1.c"
}
wrap test_klp_state_z 0
mods+=" test_klp_state_a.o test_klp_state_b.o test_klp_state_c.o test_klp_state_z.o"
if [ $twin = 1 ]; then
	wrap test_klp_state_fc 1
	wrap test_klp_state_fz 1
	mods+=" test_klp_state_fa.o test_klp_state_fb.o test_klp_state_fc.o test_klp_state_fz.o"
fi

# the runs: "NAME PREFIX OP...", the forced ones on copies and last: the
# compat engine's kept variables stay where later runs of either backend
# find them, which leaves --diff only what comes before (judge)
: >"$build/runs"
nforced=0
grep -e ' force$' -e ' force ' "$out/sequences" >"$build/forced" || true
while read -r name _ ops; do
	pfx=test_klp_state_ cpfx=test_klp_state_f
	case " $ops " in
	*" force "*)
		pfx=test_klp_state_x$nforced cpfx=test_klp_state_xf$nforced
		for s in a b c z; do
			wrap "$pfx$s" 0
			mods+=" $pfx$s.o"
			[ $twin = 0 ] && continue
			wrap "$cpfx$s" 1
			mods+=" $cpfx$s.o"
		done
		nforced=$((nforced + 1))
		;;
	esac
	[ $native = 0 ] || echo "$name $pfx $ops" >>"$build/runs"
	[ $twin = 0 ] || echo "$name@compat $cpfx $ops" >>"$build/runs"
done < <(grep -v -x -F -f "$build/forced" "$out/sequences"; cat "$build/forced")

printf 'ccflags-y += -I$(KLP_INCLUDE)\nobj-m += %s\n' "$mods" >"$build/Kbuild"
make -s -C "$kdir" M="$build" KLP_INCLUDE="$inc" modules
cp "$build"/*.ko "$out"/

backend=$(modinfo -F klp_state_backend "$out/test_klp_state_a.ko")
case $backend in
native|compat) echo "$backend" >"$out/backend" ;;
*) echo "test_klp_state_a.ko does not say its backend" >&2; exit 1 ;;
esac
[ -n "$(modinfo -F klp_state_objects "$out/test_klp_state_a.ko")" ] || {
	echo "the livepatches have no per-object states" >&2
	exit 1
}
cp "$here"/../lib/functions.sh "$state"/backend-lines "$here"/explore-ops.sh "$out"/

# a test script per chunk of runs; the guest runs them in the order of
# their names: the plain runs (runs.NNN), one script per run of a fault
# sequence (which runs it once per allocation) or of the cycles
# (runs.sNN), then the runs that force (runs.xNNN), whose kept variables
# stay for the rest of the boot
rm -f "$out"/runs.* "$out"/test-explore-*.sh
special='$1 ~ /^(fault|cycles)-/' forcing='$2 ~ /^test_klp_state_x/'
awk "!($special) && !($forcing)" "$build/runs" |
	split -l "$chunk" -d -a 3 - "$out/runs."
awk "$special" "$build/runs" | split -l 1 -d -a 2 - "$out/runs.s"
awk "$forcing" "$build/runs" | split -l "$chunk" -d -a 3 - "$out/runs.x"
for f in "$out"/runs.*; do
	n=${f##*.}
	step=
	[ "${n#s}" = "$n" ] || step="FAULT_STEP=${KLP_EXPLORE_FAULT_STEP:-$dflt_step} "
	cat >"$out/test-explore-$n.sh" <<EOT
#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Generated sequences, chunk $n: see selftests/explore/build.sh.
. "\$(dirname "\$0")/functions.sh"
. "\$(dirname "\$0")/explore-ops.sh"
${step}explore_runs "\$(dirname "\$0")/runs.$n"
EOT
	chmod +x "$out/test-explore-$n.sh"
done
rm -rf "$build"
