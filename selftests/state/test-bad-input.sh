#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Patch tables the kernel refuses are refused on every backend, and the
# refusal leaves nothing behind.
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a

# The kernel itself refuses a second vmlinux object only when sysfs
# reports the duplicate directory, with a stack dump: compat only.
if [ "$BACKEND" = native ]; then
	echo "TEST: two vmlinux objects are refused ... skip the kernel's own sysfs check refuses them"
else
	start_test "two vmlinux objects are refused"
	load_fail $A states=1 two_vmlinux=1
	check_result "% insmod $A.ko states=1 two_vmlinux=1
livepatch: livepatch '$A' has more than one vmlinux object
insmod: ERROR: could not insert module $A.ko: Invalid parameters"
fi
