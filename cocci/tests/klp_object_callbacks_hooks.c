// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fix to two modules, each with its own callbacks: one registers a
 * hook with its module and needs the module, the other only logs.  Both
 * become per-object states; the vmlinux object has no callbacks.
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/reboot.h>

static struct klp_patch patch;
static struct notifier_block nb;

static int hook_mod(struct klp_object *obj)
{
	int ret;

	if (!try_module_get(obj->mod))
		return -ENODEV;
	ret = register_reboot_notifier(&nb);
	if (ret) {
		pr_err("%s: no hook: %d\n", obj->name, ret);
		module_put(obj->mod);
	}
	return ret;
}

static void unhook_mod(struct klp_object *obj)
{
	unregister_reboot_notifier(&nb);
	module_put(obj->mod);
	pr_info("%s unhooked, %s\n", obj->name, patch.mod->name);
}

static void xfs_ready(struct klp_object *obj)
{
	pr_info("xfs fixed\n");
}

static struct klp_func vmlinux_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = NULL, },
	{ }
};

static struct klp_func mod_funcs[] = {
	{ .old_name = "nft_do_chain", .new_func = NULL, },
	{ }
};

static struct klp_func xfs_funcs[] = {
	{ .old_name = "xfs_log_force", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = vmlinux_funcs,
	}, {
		.name = "nf_tables",
		.funcs = mod_funcs,
		.callbacks = {
			.pre_patch = hook_mod,
			.post_unpatch = unhook_mod,
		},
	}, {
		.name = "xfs",
		.funcs = xfs_funcs,
		.callbacks = { .post_patch = xfs_ready, },
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void fix_exit(void)
{
}

module_init(fix_init);
module_exit(fix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
