#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
set -euo pipefail

echo -n "TEST: load a module that leaks memory ... "
insmod ./klp_harness_leak.ko
rmmod klp_harness_leak
echo ok
