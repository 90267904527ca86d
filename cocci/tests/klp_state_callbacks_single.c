// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vmlinux object is declared on its own and copied into the
 * patch's (terminated) object table at init.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

static unsigned int saved_ratio;
static unsigned int dirty_ratio = 20;

static int ratio_pre_patch(struct klp_object *obj)
{
	saved_ratio = dirty_ratio;
	return 0;
}

static void ratio_post_patch(struct klp_object *obj)
{
	dirty_ratio = 10;
}

static void ratio_post_unpatch(struct klp_object *obj)
{
	dirty_ratio = saved_ratio;
}

static struct klp_func funcs[] = {
	{ .old_name = "balance_dirty_pages", .new_func = NULL, },
	{ }
};

static struct klp_object vmlinux_obj = {
	.funcs = funcs,
	.callbacks = {
		.pre_patch = ratio_pre_patch,
		.post_patch = ratio_post_patch,
		.post_unpatch = ratio_post_unpatch,
	},
};

static struct klp_object objs[2];

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int ratio_init(void)
{
	objs[0] = vmlinux_obj;
	return klp_enable_patch(&patch);
}

static void ratio_exit(void)
{
}

module_init(ratio_init);
module_exit(ratio_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
