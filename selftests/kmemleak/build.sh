#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: nothing to build; stage the scan.
set -euo pipefail

cp "$(dirname "$0")"/test-kmemleak.sh "$2"/
