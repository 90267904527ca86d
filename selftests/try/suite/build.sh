#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: stages what selftests/try/try.sh
# prepared in $KLP_TRY_STAGE (the modules, the steps) with the script
# that runs them.  Only make try sets it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ -n "${KLP_TRY_STAGE:-}" ] && [ -f "$KLP_TRY_STAGE/steps" ] || {
	echo "try/suite: staged by make try only (no KLP_TRY_STAGE)" >&2
	exit 1
}
cp "$KLP_TRY_STAGE"/* "$2"/
cp "$here/test-try.sh" "$2"/
