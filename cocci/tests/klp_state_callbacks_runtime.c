// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hook fills in the vmlinux object's callbacks before enabling the
 * patch, as a hand-written hook module does.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

static bool gate;

static int gate_pre_patch(struct klp_object *obj)
{
	gate = true;
	return 0;
}

static void gate_post_unpatch(struct klp_object *obj)
{
	gate = false;
}

static struct klp_func funcs[] = {
	{ .old_name = "sock_sendmsg", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int gate_init(void)
{
	objs[0].callbacks.pre_patch = gate_pre_patch;
	objs[0].callbacks.post_unpatch = gate_post_unpatch;
	return klp_enable_patch(&patch);
}

static void gate_exit(void)
{
}

module_init(gate_init);
module_exit(gate_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
