// SPDX-License-Identifier: GPL-2.0-only
/* One function serves vmlinux and a module: left alone (reported). */
#include <linux/module.h>
#include <linux/livepatch.h>

static int note(struct klp_object *obj)
{
	pr_info("%s\n", obj->name ? obj->name : "vmlinux");
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "f", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = { .pre_patch = note, },
	}, {
		.name = "some_module",
		.funcs = funcs,
		.callbacks = { .pre_patch = note, },
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
