// SPDX-License-Identifier: GPL-2.0-only
/* Must not build: a state with id 0, which would end the array. */
/* expect: KLP_STATE(): a state id must not be zero */
#include <linux/module.h>
#include <klp/state.h>

static struct klp_state states[] __used = {
	KLP_STATE(0),
	{}
};

MODULE_LICENSE("GPL");
