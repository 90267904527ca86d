// SPDX-License-Identifier: GPL-2.0-only
/* Must not build: KLP_STATES() checks the ids of its entries too. */
/* expect: KLP_STATE(): a state id must not be zero */
#include <linux/module.h>
#include <klp/state.h>

KLP_STATES(states, KLP_STATE(1), KLP_SHADOW_STATE(0, NULL));

static __used struct klp_state *use = states;

MODULE_LICENSE("GPL");
