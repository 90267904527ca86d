// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fix to a module as distributions write it without the header: the
 * new code needs a hook in the module, which the object callbacks set up
 * when the module gets patched and take down when it is unpatched.  Every
 * release of the cumulative livepatch carries the same callbacks, and the
 * stock kernel runs the new release's again on each atomic replace.
 * build.sh builds two releases of it, as it is and converted.
 */
#include <linux/livepatch.h>
#include <linux/module.h>

static int livepatch_mod_version(void)
{
	return 2;
}

static int fix_hook(struct klp_object *obj)
{
	pr_info("%s: hooking %s\n", KBUILD_MODNAME, obj->name);
	return 0;
}

static void fix_unhook(struct klp_object *obj)
{
	pr_info("%s: unhooking %s\n", KBUILD_MODNAME, obj->mod->name);
}

static struct klp_func funcs[] = {
	{
		.old_name = "test_klp_state_mod_version",
		.new_func = livepatch_mod_version,
	}, { }
};

static struct klp_object objs[] = {
	{
		.name = "test_klp_state_mod",
		.funcs = funcs,
		.callbacks = {
			.pre_patch = fix_hook,
			.post_unpatch = fix_unhook,
		},
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
