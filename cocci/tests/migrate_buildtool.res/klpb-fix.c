// SPDX-License-Identifier: GPL-2.0-only
/* A patched kernel file as klp-build sees it: callbacks by macro. */
#include <linux/module.h>
#include <linux/livepatch_helpers.h>

static bool quirk_on;

static void quirk_enable(struct klp_object *obj)
{
	quirk_on = true;
}
KLP_POST_PATCH_CALLBACK(quirk_enable);

static void quirk_disable(struct klp_object *obj)
{
	quirk_on = false;
}
KLP_PRE_UNPATCH_CALLBACK(quirk_disable);

MODULE_LICENSE("GPL");
