#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# total.sh FILE: sums the "passed failed skipped" lines of FILE and prints
# the closing line of a run.  Exits non-zero if anything failed.
set -euo pipefail

read -r p f s < <(awk '{ p += $1; f += $2; s += $3 } END { print p + 0, f + 0, s + 0 }' "$1")
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ] && [ $((p + s)) -gt 0 ]
