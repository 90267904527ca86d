#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-kdir.sh [KVER...]: prints, one a line, the header tree of Debian's
# stock kernel of each KVER (default: every kernel the bed knows), fetched
# and unpacked under $KLP_CACHE/stock on first use (common.sh,
# stock_tree()).  For the scripts that build against the stock headers
# without booting them; nothing is installed into the host.
set -euo pipefail

. "$(dirname "$0")/common.sh"

[ $# -gt 0 ] || set -- $KLP_VALID_KVERS
for k in "$@"; do
	check_kver "$k"
	stock_kdir "$k"
done
