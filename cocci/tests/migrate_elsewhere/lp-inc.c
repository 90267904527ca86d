// SPDX-License-Identifier: GPL-2.0-only
/* The callbacks live in a .c file of their own, pulled in here. */
#include <linux/module.h>
#include <linux/livepatch.h>

#include "lp-inc-hooks.c"

static struct klp_func funcs[] = {
	{ .old_name = "do_sys_open", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = audit_hooks_on,
			.post_unpatch = audit_hooks_off,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int lp_inc_init(void)
{
	return klp_enable_patch(&patch);
}

static void lp_inc_exit(void)
{
}

module_init(lp_inc_init);
module_exit(lp_inc_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
