#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
set -euo pipefail

echo -n "TEST: load a module whose init hangs ... "
insmod ./klp_harness_hang.ko
echo ok
