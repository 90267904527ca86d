// SPDX-License-Identifier: GPL-2.0-only
/*
 * The state selftest livepatch as an engine that no longer works with
 * protocol 3 would build it: its enable next to a protocol 3 livepatch,
 * and the other way round, must be refused.
 */
#define KLP_STATE_FORCE_COMPAT
#define KLP_STATE_PROTO 5
#define KLP_STATE_PROTO_OLDEST 5
#include "test_klp_state.c"
