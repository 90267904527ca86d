#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The kernel's selftest livepatch, as it came and converted by klp-migrate:
# enabled and disabled on its own, both run the same callbacks at the same
# points of the transition.
. "$(dirname "$0")/functions.sh"

M=test_klp_callbacks_demo2

start_test "$M: as it came"
cd orig
load_lp $M
disable_lp $M
cd ..
want=$(transcript)
grep -qx "$M: pre_patch_callback: vmlinux" <<<"$want" ||
	die "the original printed no pre_patch callback"

start_test "$M: converted, it runs the same callbacks as it came"
cd conv
load_lp $M
disable_lp $M
cd ..
check_result "$want"

# The shadow variable fixes over their target module, which allocates a
# dummy object every second: as many SV_LEAK destructor calls as fix1
# attached variables.  The fixes come first, so that no dummy is made by
# the target's own leaking code (kmemleak on debug kernels would see it),
# and the target goes while they are enabled.  The log hides the pointers
# this early after boot, so the calls are counted.
shadow_fixes()
{
	local log attached destroyed

	cd "$1"
	load_lp livepatch_shadow_fix1
	load_lp livepatch_shadow_fix2
	cd ../orig
	load_mod livepatch_shadow_mod
	sleep 4
	unload_mod livepatch_shadow_mod
	cd "../$1"
	disable_lp livepatch_shadow_fix2
	disable_lp livepatch_shadow_fix1
	cd ..
	log=$(log_since_start)
	attached=$(grep -c 'livepatch_fix1_dummy_alloc: dummy @' <<<"$log")
	destroyed=$(grep -c 'livepatch_fix[12]_dummy_leak_dtor: dummy @' <<<"$log")
	[ "$attached" -gt 0 ] || die "fix1 attached no variable"
	[ "$attached" = "$destroyed" ] ||
		die "$attached variables attached, $destroyed destructor calls"
	echo "TEST: $TEST_NAME ... ok"
}

start_test "shadow fixes as they came: one destructor call per variable"
shadow_fixes orig
start_test "shadow fixes converted: one destructor call per variable"
shadow_fixes conv
