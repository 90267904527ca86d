#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A livepatch built with the header says, in its modinfo, which header
# version, backend and compat protocol it carries: once per module,
# however many of its files include the header; nothing without it.
. "$(dirname "$0")/functions.sh"

read -r VERSION <"$(dirname "$0")/version"

# stamp MOD: log what modinfo shows of MOD's stamp, a line per value
stamp()
{
	local v

	log "% modinfo -F klp_state $1.ko"
	while IFS= read -r v; do
		log "$1: $v"
	done < <(modinfo -F klp_state "$1.ko")
}

if [ "$BACKEND" = native ]; then
	OWN="$VERSION native"
else
	OWN="$VERSION compat protocol 3"
fi

start_test "modinfo shows the stamp of the header once per livepatch"
stamp test_klp_state_a
stamp test_klp_state_split
stamp test_klp_state_fa
stamp test_klp_state_p2
stamp test_klp_state_plain
check_result "% modinfo -F klp_state test_klp_state_a.ko
test_klp_state_a: $OWN
% modinfo -F klp_state test_klp_state_split.ko
test_klp_state_split: $OWN
% modinfo -F klp_state test_klp_state_fa.ko
test_klp_state_fa: $VERSION compat protocol 3
% modinfo -F klp_state test_klp_state_p2.ko
test_klp_state_p2: $VERSION compat protocol 2
% modinfo -F klp_state test_klp_state_plain.ko"
