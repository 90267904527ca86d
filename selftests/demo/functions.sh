#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# functions.sh: narration and kernel log helpers of the demo chapters.
# A chapter sets MARK through step() and reads what the kernel said since.

KLP=/sys/kernel/livepatch
MARK=
# Forks are slow in the guest: the helpers read with builtins.
shopt -s extglob

say()	{ printf '|\n| %s\n' "$*"; }
tell()	{ printf '|    %s\n' "$*"; }
fail()	{ echo "TEST: $CHAPTER ... not ok"; echo "# $*"; exit 1; }

# indent FILE: print FILE as the output of a command
indent()
{
	local line

	while IFS= read -r line || [ -n "$line" ]; do
		printf '|      %s\n' "$line"
	done <"$1"
}

# sample_log MARK [SKIP...]: the sample's kernel log since MARK, without
# timestamps and without the lines that contain a SKIP.  dmesg writes a
# file, which mapfile reads in blocks.
sample_log()
{
	local mark=$1 lines line skip i

	shift
	dmesg >/tmp/demo-dmesg.since
	mapfile -t lines </tmp/demo-dmesg.since
	for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
		[[ ${lines[i]} != *"$mark"* ]] || break
	done
	[ $i -ge 0 ] || return 0
	for line in "${lines[@]:i + 1}"; do
		line=${line#\[*([ 0-9.])\] }
		case $line in
		*taint* | *transition) continue;;
		livepatch_state* | livepatch:*) ;;
		*) continue;;
		esac
		for skip in "$@"; do
			[[ $line != *"$skip"* ]] || continue 2
		done
		printf '%s\n' "$line"
	done
}

# kernel log of the sample since $1, without timestamps
log_since()
{
	sample_log "$1"
}

# what the kernel said since the last step, without the per-task lines
since()
{
	sample_log "$MARK" 'new read counter' 'freeing read counter'
}

step()
{
	MARK="demo step $EPOCHREALTIME"
	echo "$MARK" > /dev/kmsg
	say "$1"
	tell "\$ $2"
	eval "$2" >/tmp/demo-step.out 2>&1
	indent /tmp/demo-step.out
}

# klp_busy: some livepatch is in a transition, or is disabled and not
# freed yet; native shadow destructors run only when it is freed.
klp_busy()
{
	local d v

	for d in "$KLP"/*/; do
		v=1
		[ ! -r "$d/enabled" ] || read -r v <"$d/enabled" 2>/dev/null
		[ "$v" != 0 ] || return 0
		v=0
		[ ! -r "$d/transition" ] || read -r v <"$d/transition" 2>/dev/null
		[ "$v" != 1 ] || return 0
	done
	return 1
}

wait_idle()
{
	local i

	for ((i = 0; i < 300; i++)); do
		klp_busy || return 0
		sleep 0.1
	done
	fail "a livepatch did not settle in 30 s"
}

kernel_said()
{
	local out

	wait_idle
	since >/tmp/demo-said
	tell "the kernel log says:"
	indent /tmp/demo-said
	out=$(</tmp/demo-said)
	for want in "$@"; do
		[[ $out == *"$want"* ]] || fail "missing: $want"
	done
}
