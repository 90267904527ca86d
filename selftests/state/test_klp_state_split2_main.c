// SPDX-License-Identifier: GPL-2.0-only
/* The two-file livepatch again, as a second module to stack or replace. */
#include "test_klp_state_split_main.c"
