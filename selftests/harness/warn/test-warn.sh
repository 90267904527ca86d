#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
set -euo pipefail

echo -n "TEST: load a module that warns at init ... "
insmod ./klp_harness_warn.ko
rmmod klp_harness_warn
echo ok
