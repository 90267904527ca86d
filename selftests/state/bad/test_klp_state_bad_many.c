// SPDX-License-Identifier: GPL-2.0-only
/* Must not build: KLP_STATES() with more than KLP_STATE_MAX_STATES states. */
/* expect: KLP_STATES(): more states than KLP_STATE_MAX_STATES (32) */
#include <linux/module.h>
#include <klp/state.h>

KLP_STATES(states,
	   KLP_STATE(1), KLP_STATE(2), KLP_STATE(3), KLP_STATE(4),
	   KLP_STATE(5), KLP_STATE(6), KLP_STATE(7), KLP_STATE(8),
	   KLP_STATE(9), KLP_STATE(10), KLP_STATE(11), KLP_STATE(12),
	   KLP_STATE(13), KLP_STATE(14), KLP_STATE(15), KLP_STATE(16),
	   KLP_STATE(17), KLP_STATE(18), KLP_STATE(19), KLP_STATE(20),
	   KLP_STATE(21), KLP_STATE(22), KLP_STATE(23), KLP_STATE(24),
	   KLP_STATE(25), KLP_STATE(26), KLP_STATE(27), KLP_STATE(28),
	   KLP_STATE(29), KLP_STATE(30), KLP_STATE(31), KLP_STATE(32),
	   KLP_STATE(33));

static __used struct klp_state *use = states;

MODULE_LICENSE("GPL");
