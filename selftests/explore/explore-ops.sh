#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The operations of selftests/invariants/generate, in the guest, on top of
# selftests/lib/functions.sh.  Each logs its command as the state suite
# does, so that the kernel log since start_test is a transcript check-4b
# reads.  An operation that does not apply in the state the kernel is in
# (a disable of a livepatch that is not enabled, a reversal without an
# open transition) does nothing: shrinking drops operations, and what is
# left must still run.
#
# PFX names the livepatch modules: slot a is ${PFX}a, and ${PFX}z is the
# livepatch the cleanup replaces a block_disable state with.
#
# The readers: the script runs on CPU 0, and the target and the module
# are loaded with reader=1, each with a thread bound to another CPU
# (CPU 1 of the two-vCPU guests; unbound with one CPU) that keeps calling
# a function every livepatch replaces.  The replacement looks up and attaches shadow
# variables of the livepatch's is_shadow states (3s, and 9m of the
# module) on keys of its own, all along the sequence, without a line in
# the kernel log.  Each livepatch module counts in its parameter
# reader_counts the calls, the variables found, built and destroyed
# (whoever built them) and the wrong ones; the driver sums them over the
# modules of a sequence as each goes, and the cleanup asserts 4b.8 for
# them: nothing wrong, every variable built destroyed exactly once, and
# no variable left on the target's keys (the target's reader_left) --
# after a forced transition, which keeps variables, only that none was
# destroyed twice.  A failure makes the sequence "not ok" in the guest.

M=test_klp_state_mod
T=test_klp_state_target
PFX=${PFX:-test_klp_state_}
HELD=0
REG=()
EXPLORE_ERR=
FORCED=0
# seconds the reader is left quiet after an operation (lat_phase)
LAT_DWELL=0
# the fault of this run (selftests/explore/faults): FAULT is N, the slab
# allocation of the operation marked "f:" that fails; FAULT_NOW is N
# while that operation runs, FAULT_HIT what fail-nth said of it
FAULT=
FAULT_NOW=
FAULT_HIT=
# the readers' counts of the sequence: calls found made freed wrong
RD=(0 0 0 0 0)

explore_fail()
{
	[ -n "$EXPLORE_ERR" ] || EXPLORE_ERR=$*
}

# faulty insmod FILE PARAM... | faulty write FILE TEXT: the command of
# an "f:" operation, made by selftests/vm/fail-nth.c with fault
# FAULT_NOW armed (by the module's parameter fault= for an insmod:
# selftests/state/test_klp_state_fault.h); a plain insmod otherwise.
# Errors go to stderr as insmod's and the shell's would; what fail-nth
# said goes to FAULT_OUT.
FAULT_OUT=/tmp/fail-nth.out
faulty()
{
	if [ -z "$FAULT_NOW" ]; then
		shift
		insmod "$@"
	elif [ "$1" = insmod ]; then
		# the module arms the count where the livepatches' work
		# begins: the loader's own allocations are not theirs
		fail-nth - "$@" "fault=$FAULT_NOW" >"$FAULT_OUT"
	else
		fail-nth "$FAULT_NOW" "$@" >"$FAULT_OUT"
	fi
}

mod_loaded()
{
	local m

	while read -r m _; do
		[ "$m" != "$1" ] || return 0
	done </proc/modules
	return 1
}

# mod_refs NAME: its reference count (a forced livepatch keeps one)
mod_refs()
{
	local r=0

	[ ! -r "/sys/module/$1/refcnt" ] || read -r r <"/sys/module/$1/refcnt"
	echo "$r"
}

# in_transition: sets TP to the livepatch whose transition is open
in_transition()
{
	local d v

	TP=
	for d in "$SYSFS_KLP"/*; do
		[ -e "$d/transition" ] || continue
		v=0
		read -r v 2>/dev/null <"$d/transition"
		if [ "$v" = 1 ]; then
			TP=${d##*/}
			return 0
		fi
	done
	return 1
}

# freed: no livepatch waits to be freed, disabled or replaced with its
# transition over.  The native core runs the destructors of the states
# it removed when it frees the livepatch, after the transition: the
# next operation must not start before, or the two backends' frees
# fall under different commands.
freed()
{
	local d e t

	for d in "$SYSFS_KLP"/*; do
		[ -e "$d/enabled" ] || continue
		e=1 t=0
		read -r e 2>/dev/null <"$d/enabled"
		read -r t 2>/dev/null <"$d/transition"
		[ "$e" = 0 ] && [ "$t" = 0 ] && return 1
	done
	return 0
}

# worker_pid: the pid of the target's worker, test_klp_busy
worker_pid()
{
	local f c

	for f in /proc/[0-9]*/comm; do
		c=
		read -r c 2>/dev/null <"$f" || continue
		[ "$c" != test_klp_busy ] || { f=${f%/comm}; echo "${f#/proc/}"; return 0; }
	done
	return 1
}

# blocked: the open transition (TP) waits for the held worker.  Every
# livepatch here patches test_klp_state_busy_wait(), where the held
# worker sleeps: it cannot switch until released, and the transition
# ends only if the worker is already at its target (the enabled of the
# transition livepatch: 1 patching, 0 unpatching, a reversal included).
blocked()
{
	local pid st=-1 tgt=1

	pid=$(worker_pid) || return 1
	read -r st 2>/dev/null <"/proc/$pid/patch_state" || return 1
	read -r tgt 2>/dev/null <"$SYSFS_KLP/$TP/enabled" || return 1
	[ "$st" != -1 ] && [ "$st" != "$tgt" ]
}

# settle: wait for the open transition to end unless the held worker
# blocks it, then for the livepatches it let go to be freed.  The
# transition work retries once a second: which transitions end must
# not depend on how fast the guest runs.
settle()
{
	loop_until "! in_transition || { [ $HELD = 1 ] && blocked; }" ||
		explore_fail "a transition never ended"
	loop_until freed || explore_fail "a livepatch was never freed"
}

# reader_take NAME: add the reader counts of livepatch module NAME, which
# goes, or stays loaded for good after the sequence (forced)
reader_take()
{
	local c=() i

	read -r -a c 2>/dev/null <"/sys/module/$1/parameters/reader_counts" ||
		return 0
	for i in 0 1 2 3 4; do
		RD[i]=$((RD[i] + ${c[i]:-0}))
	done
}

# rmmod_lp NAME: unload a livepatch that is no longer registered
rmmod_lp()
{
	loop_until "[ ! -e $SYSFS_KLP/$1 ]" || { explore_fail "$1 never went"; return 1; }
	[ "$(mod_refs "$1")" = 0 ] || return 1
	reader_take "$1"
	log "% rmmod $1"
	loop_until "rmmod $1 2>/dev/null" || explore_fail "rmmod $1 failed"
}

# op_enable TOKEN: a+K.K[!N|!o] or a*...
op_enable()
{
	local s=${1:0:1} r=${1:1:1} rest=${1:2} fail='' n e t err params=()

	n=$PFX$s
	case $rest in *!*) fail=${rest#*!}; rest=${rest%%!*};; esac
	if mod_loaded "$n"; then
		# registered, or in a transition: the enable does not apply;
		# disabled, it may still be on its way out: rmmod_lp waits
		e=0 t=0
		read -r e 2>/dev/null <"$SYSFS_KLP/$n/enabled"
		read -r t 2>/dev/null <"$SYSFS_KLP/$n/transition"
		[ "$e" = 0 ] && [ "$t" = 0 ] || return 0
		rmmod_lp "$n" || return 0
	fi
	[ -z "$rest" ] || params+=("states=${rest//./,}")
	[ "$r" != '*' ] || params+=(replace=1)
	params+=(target=1 mod=1 log_shadows=1)
	case $fail in
	'') ;;
	o) params+=(obj_callbacks=1 fail_obj_pre_patch=1);;
	*) params+=("fail_pre_patch=$fail");;
	esac
	log "% insmod $n.ko ${params[*]}"
	if err=$(faulty insmod "$n.ko" "${params[@]}" 2>&1); then
		REG+=("$n")
	else
		log "$err"
	fi
	settle
}

op_disable()
{
	local n=$PFX$1 e=0 err

	[ -e "$SYSFS_KLP/$n/enabled" ] || return 0
	read -r e <"$SYSFS_KLP/$n/enabled"
	[ "$e" = 1 ] || return 0
	if [ -n "$FAULT_NOW" ]; then
		log "% echo 0 > $SYSFS_KLP/$n/enabled"
		err=$(faulty write "$SYSFS_KLP/$n/enabled" 0 2>&1) ||
			log "write error: ${err##*: }"
	else
		write_enabled "$n" 0
	fi
	settle
}

op_reverse()
{
	local e=0

	in_transition || return 0
	read -r e <"$SYSFS_KLP/$TP/enabled"
	write_enabled "$TP" $((1 - e))
	settle
}

op_force()
{
	in_transition || return 0
	FORCED=1
	log "% echo 1 > $SYSFS_KLP/$TP/force"
	echo 1 >"$SYSFS_KLP/$TP/force"
	settle
}

op_load()
{
	local err

	! mod_loaded $M || return 0
	log "% insmod $M.ko reader=1"
	err=$(faulty insmod $M.ko reader=1 2>&1) || log "$err"
	settle
}

op_unload()
{
	mod_loaded $M || return 0
	log "% rmmod $M"
	loop_until "rmmod $M 2>/dev/null" || explore_fail "rmmod $M failed"
	settle
}

op_hold()
{
	[ $HELD = 0 ] || return 0
	set_param $T block 1
	sleep 0.5
	HELD=1
}

op_release()
{
	[ $HELD = 1 ] || return 0
	set_param $T block 0
	HELD=0
	settle
}

# lat_phase 0|1: where the target's reader puts the time of its calls:
# 1 (churn) while an operation runs, 0 (quiet) after one once every
# registered livepatch is enabled and no transition is open.  Between a
# disable and the next enable, there is none: still churn.
lat_phase()
{
	local d e p=$1

	if [ "$p" = 0 ]; then
		p=1
		for d in "$SYSFS_KLP"/*; do
			[ -e "$d/enabled" ] || continue
			e=0
			read -r e 2>/dev/null <"$d/enabled"
			[ "$e" = 1 ] || { p=1; break; }
			p=0
		done
		! in_transition || p=1
	fi
	echo "$p" >/sys/module/$T/parameters/lat_phase 2>/dev/null
	# the cycles leave the reader a quiet while after each operation
	[ "$p" = 1 ] || [ "$LAT_DWELL" = 0 ] || sleep "$LAT_DWELL"
}

# explore_seq OP...: the sequence, after loading the target
explore_seq()
{
	local op

	HELD=0 REG=() EXPLORE_ERR= FORCED=0 RD=(0 0 0 0 0) READER=
	! mod_loaded $T || rmmod $T
	log "% insmod $T.ko reader=1"
	insmod $T.ko reader=1 || { explore_fail "insmod $T failed"; return; }
	for op in "$@"; do
		lat_phase 1
		case $op in
		f:*)
			# the operation of the fault: "f:OP"
			FAULT_NOW=$FAULT
			rm -f "$FAULT_OUT"
			explore_op "${op#f:}"
			FAULT_NOW=
			FAULT_HIT=
			[ ! -r "$FAULT_OUT" ] || read -r FAULT_HIT <"$FAULT_OUT"
			FAULT_HIT=${FAULT_HIT#fail-nth: }
			log "# fault $FAULT of ${op#f:}: ${FAULT_HIT:-not run}"
			[ -n "$FAULT_HIT" ] ||
				explore_fail "${op#f:} did not run, nothing to inject into"
			;;
		*) explore_op "$op";;
		esac
		lat_phase 0
	done
	lat_phase 1
}

# explore_op OP: one operation
explore_op()
{
	case $1 in
	[abc][+*]*) op_enable "$1";;
	[abc]-) op_disable "${1:0:1}";;
	m+) op_load;;
	m-) op_unload;;
	h+) op_hold;;
	h-) op_release;;
	rev) op_reverse;;
	force) op_force;;
	*) explore_fail "unknown operation $1";;
	esac
}

# explore_clean: the end of every sequence (4b.8): release the worker,
# unload the module, disable every livepatch (one with a block_disable
# state replaced by ${PFX}z, which carries states 4 and 10 without the
# flag; the module is gone, so it introduces nothing but 4), unload them
# and the target.
explore_clean()
{
	local i n d e z=${PFX}z left=10

	op_release
	settle
	# the module first: its states go with it, and the replace below
	# then introduces no state of its own
	op_unload
	for ((i = ${#REG[@]} - 1; i >= -1 && left > 0; i--)); do
		if [ $i -ge 0 ]; then
			n=${REG[i]}
		else
			# whatever is still enabled, in no particular order (a
			# disabled one may still be on its way out)
			n=
			for d in "$SYSFS_KLP"/*; do
				e=0
				read -r e 2>/dev/null <"$d/enabled"
				[ "$e" != 1 ] || { n=${d##*/}; break; }
			done
			[ -n "$n" ] || break
			i=0 left=$((left - 1))
		fi
		e=0
		read -r e 2>/dev/null <"$SYSFS_KLP/$n/enabled"
		[ "$e" = 1 ] || continue
		if ! write_enabled "$n" 0; then
			[ -e "$SYSFS_KLP/$n/enabled" ] || continue
			mod_loaded "$z" && { rmmod_lp "$z" || continue; }
			log "% insmod $z.ko states=4,10m replace=1 target=1 mod=1 log_shadows=1"
			if ! insmod "$z.ko" states=4,10m replace=1 target=1 mod=1 \
				log_shadows=1 2>/dev/null; then
				explore_fail "$z could not take over $n"
				break
			fi
			settle
			write_enabled "$z" 0 || explore_fail "$z refused its disable"
		fi
		settle
	done
	for d in "$SYSFS_KLP"/*; do
		[ ! -e "$d" ] || loop_until "[ ! -e $d ]" ||
			explore_fail "${d##*/} is still registered"
	done
	for n in "${PFX}"a "${PFX}"b "${PFX}"c "$z"; do
		! mod_loaded "$n" || rmmod_lp "$n"
	done
	# what a forced transition keeps loaded: its counts as they are
	for n in "${PFX}"a "${PFX}"b "${PFX}"c "$z"; do
		! mod_loaded "$n" || reader_take "$n"
	done
	! mod_loaded $M || { log "% rmmod $M"; rmmod $M || explore_fail "rmmod $M failed"; }
	reader_check
	! mod_loaded $T || { log "% rmmod $T"; rmmod $T || explore_fail "rmmod $T failed"; }
}

# reader_check: 4b.8 for the readers' variables, every livepatch gone
# but the target still loaded
reader_check()
{
	local left=0 cpu=-1 lat=()

	read -r left 2>/dev/null </sys/module/$T/parameters/reader_left
	read -r cpu 2>/dev/null </sys/module/$T/parameters/reader_cpu
	read -r -a lat 2>/dev/null </sys/module/$T/parameters/lat
	READER="${RD[0]} calls, ${RD[1]} found, ${RD[2]} made, ${RD[3]} freed, $left left, reader on CPU $cpu"
	[ ${#lat[@]} != 8 ] ||
		READER+="; ns per call (calls median p99 max): quiet ${lat[*]:0:4}, churn ${lat[*]:4:4}"
	if [ "${RD[4]}" != 0 ]; then
		explore_fail "reader: ${RD[4]} wrong variables ($READER)"
	elif [ $FORCED = 0 ] && [ "${RD[2]}" != "${RD[3]}" ]; then
		explore_fail "reader: ${RD[2]} variables built, ${RD[3]} destroyed"
	elif [ $FORCED = 0 ] && [ "$left" != 0 ]; then
		explore_fail "reader: $left variables left on the target's keys"
	elif [ "${RD[3]}" -gt "${RD[2]}" ]; then
		explore_fail "reader: ${RD[3]} variables destroyed, ${RD[2]} built"
	fi
}

# explore_check NAME: print the transcript, each line tagged for the
# host ("@@T NAME line"), then the result: not ok when the sequence
# could not be run or cleaned up (check-4b on the host judges the rest)
explore_check()
{
	local line

	transcript_lines || explore_fail "start line not in the kernel log"
	for line in "${GOT[@]}"; do
		echo "@@T $1 $line"
	done
	if [ -z "$EXPLORE_ERR" ]; then
		echo "TEST: $1 ... ok"
	else
		echo "TEST: $1 ... not ok"
		echo "# $EXPLORE_ERR"
	fi
	echo "# reader: $READER"
}

# explore_runs FILE: run the sequences of FILE, lines "NAME PFX OP..."
explore_runs()
{
	local line name pfx d left='' w=()

	# the readers go to another CPU than this one
	taskset -pc 0 $$ >/dev/null 2>&1 || true

	# read -a: an operation such as "b*" must not meet pathname expansion
	while read -r -u 9 line; do
		read -r -a w <<<"$line"
		name=${w[0]} pfx=${w[1]}
		if [ -n "$left" ]; then
			echo "TEST: $name ... not ok"
			echo "# not run: $left"
			continue
		fi
		PFX=$pfx
		case " ${w[*]:2}" in
		*" f:"*) fault_runs "$name" "${w[@]:2}";;
		*) explore_run "$name" "${w[@]:2}";;
		esac
	done 9<"$1"
}

# explore_run NAME OP...: one run of a sequence.  Sets left when it left
# a livepatch registered, which would spoil the next ones.
explore_run()
{
	local name=$1 d

	shift
	case $name in
	cycles-*) LAT_DWELL=0.25;;
	*) LAT_DWELL=0;;
	esac
	start_test "$name"
	explore_seq "$@"
	explore_clean
	explore_check "$name"
	for d in "$SYSFS_KLP"/*; do
		[ ! -e "$d" ] || left="${d##*/} left registered by $name"
	done
}

# fault_runs NAME OP...: the sequence once per slab allocation of its
# "f:" operation, the Nth failing in run NAME-fN (NAME-fN@compat for
# NAME@compat), until a run's operation makes fewer than N.  With
# FAULT_STEP S, the allocations 1, 1 + S, 1 + 2S...  Failslab skips
# allocations that may sleep unless debugfs says otherwise.
FAULT_MAX=${FAULT_MAX:-600}
FAULT_STEP=${FAULT_STEP:-1}
fault_runs()
{
	local name=$1 base at='' n made runs=0 fs=/sys/kernel/debug/failslab

	shift
	base=${name%@*}
	[ "$base" = "$name" ] || at=@${name#*@}
	if [ ! -w /proc/self/fail-nth ] || [ ! -w $fs/ignore-gfp-wait ]; then
		echo "TEST: $base-f1$at ... skip: no fault injection (CONFIG_FAILSLAB, CONFIG_FAULT_INJECTION_DEBUG_FS)"
		return 0
	fi
	echo N >$fs/ignore-gfp-wait
	echo 0 >$fs/verbose
	for ((n = 1; n <= FAULT_MAX; n += FAULT_STEP)); do
		FAULT=$n
		runs=$((runs + 1))
		explore_run "$base-f$n$at" "$@"
		[ -z "$left" ] || break
		[ "$FAULT_HIT" = injected ] || break
	done
	FAULT=
	echo Y >$fs/ignore-gfp-wait
	# "not reached, L left": the operation made n - L allocations
	made=?
	case $FAULT_HIT in
	"not reached, "*" left")
		made=${FAULT_HIT#not reached, }
		made=$((n - ${made% left}));;
	esac
	echo "# $base$at: the operation makes $made allocations; $runs runs failed allocation 1, $((1 + FAULT_STEP)), $((1 + 2 * FAULT_STEP))..."
	[ $n -le $FAULT_MAX ] || {
		echo "TEST: $base$at: faults ... not ok"
		echo "# more than $FAULT_MAX allocations: FAULT_MAX"
	}
}
