#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Walks the module fix sample (samples/livepatch-state-module.c) through
# upgrade, the target module's unload and reload under the livepatch,
# downgrade and disable.  Lines starting with "|" are the narration; the
# last line is the verdict.
#
# Every step checks the item counters: what /proc shows for each item,
# and the counters made minus the counters freed since the chapter
# began, which must be the three of the loaded target's items, or none.
set -u

CHAPTER="demo: shadow variables of a module"
T=livepatch_state_target
V1=livepatch_state_module_v1
V2=livepatch_state_module_v2
START="demo module start $(date +%s%N)"
SETUP="counting reads of the $T items from now on"
REMOVE="$T unpatched, freeing its item counters"

. ./functions.sh

# shows VERSION COUNT: the target lists its three items, each shown
# COUNT times under livepatch VERSION (0: not patched)
shows()
{
	local want="" got i

	for i in 1 2 3; do
		if [ "$1" = 0 ]; then
			want+="item $i"$'\n'
		else
			want+="livepatch v$1: item $i shown $2 times"$'\n'
		fi
	done
	# each read counts: read once
	got=$(cat /proc/$T)
	tell "\$ cat /proc/$T"
	printf '%s\n' "$got" | sed 's/^/|      /'
	[ "$got"$'\n' = "$want" ] ||
		fail "/proc/$T shows '$got', expected v$1 and count $2"
}

# counters N: N counters alive, counted from the kernel log
counters()
{
	local made freed

	dmesg >/tmp/demo-dmesg
	read -r made freed < <(awk -v start="$START" '
		index($0, start) { on = 1; next }
		!on { next }
		/: new counter for item/ { m++ }
		/: freeing the counter of item/ { f++ }
		END { print (on ? m + 0 : "lost"), f + 0 }' /tmp/demo-dmesg)
	[ "$made" != lost ] || fail "the kernel log lost the chapter's start"
	tell "shadow variables: $made item counters made, $freed freed," \
	     "$((made - freed)) alive"
	[ $((made - freed)) = "$1" ] ||
		fail "$made made - $freed freed counters, expected $1 alive"
}

# not_said TEXT: the kernel did not say TEXT since the last step
not_said()
{
	! since | grep -qF -- "$1" || fail "unexpected: $1"
}

echo "$START" > /dev/kmsg

say "A fix to a module. $T keeps three items for as long as it is loaded; version 1 of the fix counts how often each item is shown, in a shadow variable attached to the item, owned by the state SV_ITEM_READS, which names the module."
step "Load the target module." "insmod ${T//_/-}.ko"
shows 0
step "Load version 1 of the fix." "insmod ${V1//_/-}.ko"
kernel_said "v1: $SETUP" "patching complete"
shows 1 1
shows 1 2
counters 3

step "Upgrade to version 2: it keeps SV_ITEM_READS, so no callback of the state runs and the counters go on." "insmod ${V2//_/-}.ko"
kernel_said "patching complete"
not_said "$SETUP"
shows 2 3
counters 3
step "Unload the replaced v1 module." "rmmod $V1"

step "Unload the target under the livepatch: the module is unpatched, the state goes with it and its counters are freed before the module's memory is." "rmmod $T"
kernel_said "v2: $REMOVE" "freeing the counter of item 1 (3 reads)" \
	"freeing the counter of item 3 (3 reads)"
counters 0

step "Load the target again: the state is introduced again, and the new items, wherever the allocator put them, start from zero." "insmod ${T//_/-}.ko"
kernel_said "v2: $SETUP"
shows 2 1
counters 3

step "Downgrade to version 1: it keeps the state as well; again nothing runs." "insmod ${V1//_/-}.ko"
kernel_said "patching complete"
not_said "$SETUP"
not_said "freeing the counter"
shows 1 2
step "Unload the replaced v2 module." "rmmod $V2"

step "Disable version 1: the target is unpatched for the last time, SV_ITEM_READS goes and frees the counters." "echo 0 > $KLP/$V1/enabled"
kernel_said "v1: $REMOVE" "freeing the counter of item 2 (2 reads)" \
	"unpatching complete"
counters 0
wait_idle
rmmod $V1
shows 0
rmmod $T
say "The counters lived exactly as long as the module's items, across upgrade, downgrade and reload, and the setup ran once per life of the module."
echo "TEST: $CHAPTER ... ok"
