// SPDX-License-Identifier: GPL-2.0-only
/*
 * The state selftest livepatch as an engine of protocol 2 would build it,
 * which knows no per-object states: a livepatch with them must not work
 * with it, whichever of the two comes first.
 * It runs the compat engine on every kernel.
 */
#define KLP_STATE_FORCE_COMPAT
#define KLP_STATE_PROTO 2
#define KLP_STATE_PROTO_OLDEST 2
#include "test_klp_state.c"
