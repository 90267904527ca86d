// SPDX-License-Identifier: GPL-2.0-only
/* The state selftest livepatch with the compat engine forced. */
#define KLP_STATE_FORCE_COMPAT
#include "test_klp_state.c"
