// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch with a system-wide change and a hook in the
 * module it fixes: the vmlinux callbacks become a state of the patch,
 * the module's a state of the module.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/printk.h>

static int saved_loglevel;

static int raise_loglevel(struct klp_object *obj)
{
	saved_loglevel = console_loglevel;
	console_loglevel = CONSOLE_LOGLEVEL_DEBUG;
	return 0;
}

static void restore_loglevel(struct klp_object *obj)
{
	console_loglevel = saved_loglevel;
}

static int mod_hook(struct klp_object *obj)
{
	pr_info("hooking %s\n", obj->name);
	return 0;
}

static void mod_unhook(struct klp_object *obj)
{
	pr_info("unhooking %s\n", obj->name);
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = NULL, },
	{ }
};

static struct klp_func mod_funcs[] = {
	{ .old_name = "nft_do_chain", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = raise_loglevel,
			.post_unpatch = restore_loglevel,
		},
	}, {
		.name = "nf_tables",
		.funcs = mod_funcs,
		.callbacks = {
			.pre_patch = mod_hook,
			.pre_unpatch = mod_unhook,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int livepatch_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_exit(void)
{
}

module_init(livepatch_init);
module_exit(livepatch_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
