// SPDX-License-Identifier: GPL-2.0-only
/* Only a module object has callbacks: they become a per-object state. */
#include <linux/module.h>
#include <linux/livepatch.h>

static void mod_ready(struct klp_object *obj)
{
	pr_info("%s patched\n", obj->name);
}

static struct klp_func funcs[] = {
	{ .old_name = "f", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "some_module",
		.funcs = funcs,
		.callbacks = { .post_patch = mod_ready, },
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
