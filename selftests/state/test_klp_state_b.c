// SPDX-License-Identifier: GPL-2.0-only
/* Another module from the same source, to stack livepatches. */
#include "test_klp_state.c"
