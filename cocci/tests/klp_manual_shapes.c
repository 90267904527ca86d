// SPDX-License-Identifier: GPL-2.0-only
/* Object tables written in shapes the converting scripts do not read. */
#include <linux/module.h>
#include <linux/livepatch.h>

static void trace_on(struct klp_object *obj)
{
}

static void trace_off(struct klp_object *obj)
{
}

static int mod_check(struct klp_object *obj)
{
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "tcp_sendmsg", .new_func = NULL, },
	{ }
};

static struct klp_func mod_funcs[] = {
	{ .old_name = "nfs_write_begin", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	[0] = {
		.funcs = funcs,
		.callbacks = { .post_patch = trace_on, },
	},
	[1] = {
		.name = "nfs",
		.funcs = mod_funcs,
		.callbacks.pre_patch = mod_check,
	},
	{ }
};

static struct klp_object more[2] = {
	{
		.funcs = funcs,
		.callbacks = { .pre_unpatch = (void (*)(struct klp_object *))trace_off, },
	},
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
