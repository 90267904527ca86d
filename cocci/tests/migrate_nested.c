// SPDX-License-Identifier: GPL-2.0-only
/*
 * Callbacks given with nested designators, one a line, in the vmlinux
 * object and in the ext4 object.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

static int wb_limit = 64;

static int wb_pre_patch(struct klp_object *obj)
{
	wb_limit = 16;
	return 0;
}

static void wb_post_unpatch(struct klp_object *obj)
{
	wb_limit = 64;
}

static void ext4_on(struct klp_object *obj)
{
	pr_info("%s: %s patched\n", __func__, obj->name);
}

static struct klp_func funcs[] = {
	{ .old_name = "wb_writeback", .new_func = NULL, },
	{ }
};

static struct klp_func ext4_funcs[] = {
	{ .old_name = "ext4_writepages", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks.pre_patch = wb_pre_patch,
		.callbacks.post_unpatch = wb_post_unpatch,
	}, {
		.name = "ext4",
		.funcs = ext4_funcs,
		.callbacks.post_patch = ext4_on,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int wb_init(void)
{
	return klp_enable_patch(&patch);
}

static void wb_exit(void)
{
}

module_init(wb_init);
module_exit(wb_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
