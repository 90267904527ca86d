#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Walks the data-format sample through load, upgrade, downgrade and
# disable: per-task counts in layout A (v1), converted to layout B by
# v2 on a task's first read, back to layout A by v2 when v1 replaces it.
# Every step checks the counts two living tasks read back: no read is
# lost on the upgrade or the downgrade.  Lines starting with "|" are the
# narration; the last line is the verdict.
set -u

V1=livepatch_state_format_v1
V2=livepatch_state_format_v2
CHAPTER="demo: a data format across versions"

. ./functions.sh

# Two tasks that stay alive and read /proc/version whenever asked to:
# holder N starts with fd 5 + N to its input.
declare -a HJOB HPID
holder_start()
{
	local n=$1

	rm -f "/tmp/format-holder$n.in" "/tmp/format-holder$n.out"
	mkfifo "/tmp/format-holder$n.in"
	# Not the other holder's input: its end of file must reach it.
	bash -c 'while read -r _; do read -r l < /proc/version; echo "$l"; done' \
		<"/tmp/format-holder$n.in" >"/tmp/format-holder$n.out" 6>&- 7>&- &
	HJOB[n]=$!
	eval "exec $((5 + n))>/tmp/format-holder$n.in"
}

# holder_read N: holder N reads once; prints its line.
holder_read()
{
	local n=$1 out=/tmp/format-holder$1.out lines i

	lines=$(wc -l <"$out")
	echo >&$((5 + n))
	for ((i = 0; i < 100; i++)); do
		[ "$(wc -l <"$out")" -gt "$lines" ] && break
		sleep 0.1
	done
	tail -n1 "$out"
}

holder_stop()
{
	eval "exec $((5 + $1))>&-"
	wait "${HJOB[$1]}"
}

# expect_read N VERSION COUNT LAYOUT: holder N reads, and the livepatch
# VERSION says it is its read number COUNT, kept in LAYOUT.
expect_read()
{
	local line

	line=$(holder_read "$1")
	tell "task $1 reads /proc/version: $line"
	[ -n "${HPID[$1]:-}" ] || HPID[$1]=$(awk '{ print $4 }' <<< "$line")
	[ "$line" = "format v$2: pid ${HPID[$1]} read this $3 times (layout $4)" ] ||
		fail "task $1 read '$line', expected v$2, count $3, layout $4"
}

# no_line TEXT: the kernel said nothing with TEXT since the last step.
no_line()
{
	! grep -qF -- "$1" <<< "$(since)" || fail "unexpected: $1"
}

say "A cumulative livepatch counts, per task, how often the task read /proc/version, in a shadow variable. Version 1 keeps the count in layout A under the state SV_FMT_A; version 2 brings layout B under a new state, SV_FMT_B, reads both and writes B."
step "Load version 1." "insmod ${V1//_/-}.ko"
kernel_said "v1: counting reads of /proc/version in layout A" "patching complete"

say "Two tasks that live on read it: the first twice, the second once."
holder_start 1
holder_start 2
expect_read 1 1 1 A
expect_read 1 1 2 A
expect_read 2 1 1 A

step "Upgrade to version 2. SV_FMT_A is kept, with its variables; SV_FMT_B is introduced. Nothing is converted yet." "insmod ${V2//_/-}.ko"
kernel_said "v2: writing layout B, converting layout A on a task's next read" "patching complete"
no_line "counting reads of /proc/version"
no_line "converted"
step "Unload the replaced v1 module." "rmmod $V1"

MARK="format step $EPOCHREALTIME"
echo "$MARK" > /dev/kmsg
say "The first task reads again: version 2 converts its layout A to layout B, and counts on."
expect_read 1 2 3 B
kernel_said "pid ${HPID[1]}: layout A (2 reads) converted to layout B"
expect_read 1 2 4 B
tell "the second task does not read: its count stays in layout A"

step "Downgrade to version 1, which knows only layout A. Before the transition starts, v2's pre_unpatch of SV_FMT_B converts every layout B back to layout A; then the state goes, with nothing left to free." "insmod ${V1//_/-}.ko"
kernel_said "pid ${HPID[1]}: layout B (4 reads) converted to layout A" \
	"v2: layout B goes: 1 tasks converted back to layout A" \
	"v2: layout B removed" "patching complete"
no_line "freeing layout"
step "Unload the replaced v2 module." "rmmod $V2"

say "Both tasks read under version 1 again: no read was lost, whichever layout held it."
expect_read 1 1 5 A
expect_read 2 1 2 A

step "Disable version 1: SV_FMT_A goes, and with it the counts that are left." "echo 0 > $KLP/$V1/enabled"
kernel_said "v1: layout A removed, freeing what is left" \
	"freeing layout A of pid ${HPID[1]} (5 reads)" \
	"freeing layout A of pid ${HPID[2]} (2 reads)" "unpatching complete"
holder_stop 1
holder_stop 2
rmmod $V1
say "The upgrade converted lazily, the downgrade converted back before the older version ran, and every count survived both."
echo "TEST: $CHAPTER ... ok"
