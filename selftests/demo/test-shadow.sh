#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Walks the shadow-variable sample through load, upgrade, downgrade and
# disable, telling what happens at each step.  Lines starting with "|"
# are the narration; the last line is the verdict.
#
# Every step checks the read counters against the tasks: each new task
# starts at 1, and the counters made minus the counters freed are
# exactly those of the tasks that are alive and have read the file.  A
# counter that outlives its task fails the next check, whether or not
# the kernel has reused the task's memory yet.
set -u

V1=livepatch_state_shadow_v1
V2=livepatch_state_shadow_v2
CHAPTER=demo
START="demo start $(date +%s%N)"
HOLDER= HOLDER_JOB=
HOLDER_IN=/tmp/demo-holder.in
HOLDER_OUT=/tmp/demo-holder.out

. ./functions.sh

# A new task (a forked subshell: no exec, cheap under TCG) reads twice.
read_twice()
{
	(for i in 1 2; do read -r l < /proc/cmdline; echo "$l"; done)
}

# reads FILE: every task's reads in FILE count 1, 2, ... from its first
reads_start_at_one()
{
	awk '/read this/ {
		pid = $4; n = $7
		if (n != ++want[pid]) {
			printf "pid %s read %s times at its read number %d\n",
			       pid, n, want[pid]
			bad = 1
		}
	} END { exit bad }' "$1"
}

# counters PIDS...: the live counters are exactly those of PIDS.  One
# pass over the kernel log since the demo started: forks are slow here.
counters()
{
	local made freed first alive want

	dmesg >/tmp/demo-dmesg
	read -r made freed first alive < <(awk -v start="$START" '
		index($0, start) { on = 1; next }
		!on { next }
		/new read counter for pid/ { made[$NF]++; m++ }
		/freeing read counter of pid/ { freed[$(NF - 2)]++; f++ }
		/freeing first-read time/ { first++ }
		END {
			if (!on) { print "lost"; exit }
			for (p in made)
				for (i = freed[p]; i < made[p]; i++)
					alive = alive "," p
			for (p in freed)
				if (freed[p] > made[p])
					alive = alive ",freed-without-made:" p
			print m + 0, f + 0, first + 0, substr(alive, 2)
		}' /tmp/demo-dmesg)
	[ "$made" != lost ] || fail "the kernel log lost the demo's start"
	alive=$(tr ',' '\n' <<< "$alive" | sort | tr '\n' ' ')
	alive=${alive# }
	want=$(printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' ')
	tell "shadow variables: $made read counters made, $freed freed," \
	     "$((made - freed)) alive${alive:+ (pid ${alive% })};" \
	     "$first first-read times freed"
	[ "$alive" = "$want" ] ||
		fail "live read counters of pids '${alive% }', expected '${want% }'"
	[ $((made - freed)) = $# ] ||
		fail "$made made - $freed freed counters, $# tasks hold one"
	FIRST=$first
}

# A task that stays alive and reads /proc/cmdline whenever asked to.
holder_start()
{
	rm -f "$HOLDER_IN" "$HOLDER_OUT"
	mkfifo "$HOLDER_IN"
	bash -c 'while read -r _; do read -r l < /proc/cmdline; echo "$l"; done' \
		<"$HOLDER_IN" >"$HOLDER_OUT" &
	HOLDER_JOB=$!
	exec 5>"$HOLDER_IN"
}

# holder_read: the holder reads once; prints its line.
holder_read()
{
	local n i

	n=$(wc -l <"$HOLDER_OUT")
	echo >&5
	for ((i = 0; i < 100; i++)); do
		[ "$(wc -l <"$HOLDER_OUT")" -gt "$n" ] && break
		sleep 0.1
	done
	tail -n1 "$HOLDER_OUT"
}

holder_stop()
{
	exec 5>&-
	wait "$HOLDER_JOB"
}

# expect_read LINE VERSION COUNT: LINE is the holder's read number COUNT.
expect_read()
{
	[ "$1" = "livepatch v$2: pid $HOLDER read this $3 times" ] ||
		fail "the holder read '$1', expected v$2 and count $3"
}

echo "$START" > /dev/kmsg

say "A cumulative livepatch fixes /proc/cmdline: version 1 counts, per task, how often the task read it, in a shadow variable owned by the state SV_READS. It frees a task's counter when the task is reaped."
step "Load version 1." "insmod ${V1//_/-}.ko"
kernel_said "v1: counting reads of /proc/cmdline from now on" "patching complete"
tell "sysfs: $(ls $KLP) enabled=$(cat $KLP/$V1/enabled)"
counters

step "One task reads /proc/cmdline twice, another once." "read_twice; cat /proc/cmdline"
[ "$(grep -c 'read this 1 times' /tmp/demo-step.out)" = 2 ] &&
	[ "$(grep -c 'read this 2 times' /tmp/demo-step.out)" = 1 ] ||
	fail "expected two first reads and one second read"
reads_start_at_one /tmp/demo-step.out >/tmp/demo-bad || fail "$(cat /tmp/demo-bad)"
tell "both tasks are gone: their counters went with them"
counters

say "A task that lives on reads it once."
holder_start
line=$(holder_read)
tell "$line"
HOLDER=$(awk '{ print $4 }' <<< "$line")
expect_read "$line" 1 1
counters "$HOLDER"

say "Twenty short-lived tasks read it twice each, one after the other: none finds a dead task's counter."
tell "\$ for i in \$(seq 20); do read_twice; done"
for i in $(seq 20); do read_twice; done >/tmp/demo-step.out 2>&1
sed -n '1,2s/^/|      /p' /tmp/demo-step.out
tell "  ... and $(($(wc -l </tmp/demo-step.out) - 2)) more lines"
[ "$(grep -c 'read this' /tmp/demo-step.out)" = 40 ] || fail "expected 40 reads"
reads_start_at_one /tmp/demo-step.out >/tmp/demo-bad || fail "$(cat /tmp/demo-bad)"
counters "$HOLDER"

step "Upgrade to version 2: it keeps SV_READS and adds SV_FIRST. Only the new state's callbacks run; the counters survive." "insmod ${V2//_/-}.ko"
kernel_said "v2: remembering first reads from now on" "patching complete"
grep -q "counting reads" <<< "$(since)" && fail "SV_READS was set up twice"
tell "sysfs: $(ls $KLP); v1 is replaced and can be unloaded"
counters "$HOLDER"
line=$(holder_read)
tell "the living task reads again: $line"
expect_read "$line" 2 2
step "Unload the replaced v1 module." "rmmod $V1"
step "Under v2, new readers get counters too, and lose them when they go." "read_twice"
reads_start_at_one /tmp/demo-step.out >/tmp/demo-bad || fail "$(cat /tmp/demo-bad)"
counters "$HOLDER"

step "Downgrade to version 1: it lacks SV_FIRST, so v2's own callbacks remove it and free its shadow variables." "insmod ${V1//_/-}.ko"
kernel_said "v2: first-read times removed, freeing them" "freeing first-read time"
step "Unload the replaced v2 module." "rmmod $V2"
counters "$HOLDER"
[ "$FIRST" -ge 1 ] || fail "the downgrade freed no first-read time"
line=$(holder_read)
tell "the living task reads again: $line"
expect_read "$line" 1 3

step "Disable version 1: SV_READS goes, and with it the counters that are left." "echo 0 > $KLP/$V1/enabled"
kernel_said "v1: read counting removed, freeing the counters" \
	"unpatching complete"
log_since "$MARK" | grep -qF "freeing read counter of pid $HOLDER (3 reads)" ||
	fail "the living task's counter was not freed with the state"
counters
holder_stop
rmmod $V1
say "Nothing was set up twice, no counter outlived its task or its state, and the downgrade cleaned up after the newer version."
echo "TEST: demo ... ok"
