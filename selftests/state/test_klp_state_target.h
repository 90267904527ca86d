/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TEST_KLP_STATE_TARGET_H
#define _TEST_KLP_STATE_TARGET_H

/* The function the state selftest livepatches replace. */
void test_klp_state_busy_wait(bool *hold);

#endif
