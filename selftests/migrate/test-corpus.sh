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
