// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module callbacks the script leaves alone: one function serves two
 * modules, one is also called directly, one is a cast.  All are
 * reported; nothing changes.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

static void mod_ready(struct klp_object *obj)
{
	pr_info("%s patched\n", obj->name);
}

static void mod_gone(struct klp_object *obj)
{
	pr_info("%s unpatched\n", obj->name);
}

static void mod_going(struct klp_object *obj)
{
	mod_gone(obj);
}

static int mod_check(void *obj)
{
	return obj ? 0 : -EINVAL;
}

static struct klp_func funcs[] = {
	{ .old_name = "f", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "ext4",
		.funcs = funcs,
		.callbacks = { .post_patch = mod_ready, },
	}, {
		.name = "btrfs",
		.funcs = funcs,
		.callbacks = {
			.post_patch = mod_ready,
			.post_unpatch = mod_gone,
		},
	}, {
		.name = "xfs",
		.funcs = funcs,
		.callbacks = {
			.pre_patch = (int (*)(struct klp_object *))mod_check,
			.pre_unpatch = mod_going,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
