#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs last on debug kernels: any object kmemleak finds unreferenced after
# the other suites is a leak of ours (boot leftovers were cleared at boot).
set -u

K=/sys/kernel/debug/kmemleak
name="no memory leaks after the suites"

if [ ! -w $K ]; then
	echo "TEST: $name ... skip: no kmemleak in this kernel (CONFIG_DEBUG_KMEMLEAK)"
	exit 0
fi
# Freed livepatches go through RCU and workqueues; a second scan confirms.
sleep 5
echo scan > $K
sleep 1
echo scan > $K
leaks=$(cat $K)
if [ -n "$leaks" ]; then
	echo "TEST: $name ... not ok"
	printf '%s\n' "$leaks" | head -n 80 | sed 's/^/# /'
	exit 1
fi
echo "TEST: $name ... ok"
