// SPDX-License-Identifier: GPL-2.0-only
/* Must not build: KLP_STATE() with the id the compat engine reserves. */
/* expect: state id 0x6b6c7073 is KLP_STATE_RESERVED_ID */
#include <linux/module.h>
#include <klp/state.h>

static struct klp_state states[] __used = {
	KLP_STATE(KLP_STATE_RESERVED_ID),
	{}
};

MODULE_LICENSE("GPL");
