// SPDX-License-Identifier: GPL-2.0-only
#include <linux/module.h>
#include <linux/livepatch.h>
#include "lp-quota.h"

static struct klp_func funcs[] = {
	{ .old_name = "dquot_alloc_inode", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.post_unpatch = quota_post_unpatch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int quota_fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void quota_fix_exit(void)
{
}

module_init(quota_fix_init);
module_exit(quota_fix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
