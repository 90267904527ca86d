// SPDX-License-Identifier: GPL-2.0-only
/*
 * The state selftest livepatch as a later engine would build it: protocol
 * 4, which still works with protocol 2, and records grown by a member,
 * so that each engine must walk the other's records by their recorded
 * size.
 * It runs the compat engine on every kernel.
 */
#define KLP_STATE_FORCE_COMPAT
#define KLP_STATE_PROTO 4
#define __KLP_STATE_TEST_RECORD_GROWTH 3
#include "test_klp_state.c"
