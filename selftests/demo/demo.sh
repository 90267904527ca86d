#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# demo.sh [KVER]: boot a stock kernel under QEMU and narrate the demo, its
# chapters those of KLP_DEMO (default: all).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kver=${1:-6.1}
cache=${KLP_CACHE:-$HOME/.cache/klp-state}
ktap=$(mktemp)
trap 'rm -f "$ktap"' EXIT

echo "Booting stock Debian $kver under QEMU (no KVM: this takes a while)..."
"$here/../vm/run.sh" --name demo-$kver "$kver" stock demo >"$ktap" 2>&1
rc=$?
sed -n 's/^| |//p' "$cache/runs/demo-$kver/results.log" 2>/dev/null | tr -d '\r'
if [ $rc -ne 0 ]; then
	echo "The demo failed:"
	cat "$ktap"
fi
exit $rc
