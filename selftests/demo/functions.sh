#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# functions.sh: narration and kernel log helpers of the demo chapters.
# A chapter sets MARK through step() and reads what the kernel said since.

KLP=/sys/kernel/livepatch
MARK=

say()	{ printf '|\n| %s\n' "$*"; }
tell()	{ printf '|    %s\n' "$*"; }
fail()	{ echo "TEST: $CHAPTER ... not ok"; echo "# $*"; exit 1; }

# kernel log of the sample since $1, without timestamps
log_since()
{
	dmesg | sed -n "\|$1|,\$p" | sed 1d | sed 's/^\[[ 0-9.]*\] //' |
		grep -e '^livepatch_state' -e '^livepatch:' |
		grep -v -e 'taint' -e 'transition$'
}

# what the kernel said since the last step, without the per-task lines
since()
{
	log_since "$MARK" | grep -v -e 'new read counter' -e 'freeing read counter'
}

step()
{
	MARK="demo step $(date +%s%N)"
	echo "$MARK" > /dev/kmsg
	say "$1"
	tell "\$ $2"
	eval "$2" >/tmp/demo-step.out 2>&1
	sed 's/^/|      /' /tmp/demo-step.out
}

wait_idle()
{
	local i

	for ((i = 0; i < 300; i++)); do
		grep -qs 1 $KLP/*/transition || return 0
		sleep 0.1
	done
	fail "a transition did not finish"
}

kernel_said()
{
	local out

	wait_idle
	out=$(since)
	tell "the kernel log says:"
	printf '%s\n' "$out" | sed 's/^/|      /'
	for want in "$@"; do
		grep -qF -- "$want" <<< "$out" || fail "missing: $want"
	done
}
