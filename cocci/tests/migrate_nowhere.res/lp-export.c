// SPDX-License-Identifier: GPL-2.0-only
/*
 * A companion module calls the enable hook of this patch by hand, so it
 * is exported with its object signature.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

static unsigned long quirks;

void quirk_post_patch(struct klp_object *obj)
{
	quirks |= 1;
}
EXPORT_SYMBOL_GPL(quirk_post_patch);

static void quirk_pre_unpatch(struct klp_object *obj)
{
	quirks &= ~1UL;
}

static struct klp_func funcs[] = {
	{ .old_name = "vfs_fsync_range", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.post_patch = quirk_post_patch,
			.pre_unpatch = quirk_pre_unpatch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int quirk_init(void)
{
	return klp_enable_patch(&patch);
}

static void quirk_exit(void)
{
}

module_init(quirk_init);
module_exit(quirk_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
