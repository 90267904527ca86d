// SPDX-License-Identifier: GPL-2.0-only
#include <linux/module.h>
#include <linux/livepatch.h>
#include "lp-split.h"

static struct klp_func funcs[] = {
	{ .old_name = "vfs_fsync", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = split_setup,
			.post_unpatch = split_teardown,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int split_init(void)
{
	return klp_enable_patch(&patch);
}

static void split_exit(void)
{
}

module_init(split_init);
module_exit(split_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
