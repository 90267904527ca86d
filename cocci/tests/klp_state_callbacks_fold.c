// SPDX-License-Identifier: GPL-2.0-only
/* The vmlinux object's callbacks become a new state with a marker id. */
#include <linux/module.h>
#include <linux/livepatch.h>

static void show(const char *what, struct klp_object *obj)
{
	pr_info("%s: %s\n", what, obj->name ? obj->name : "vmlinux");
}

static int fix_setup(struct klp_object *obj)
{
	if (obj->mod)
		pr_info("module %s\n", obj->mod->name);
	else
		pr_info("vmlinux\n");
	show(__func__, obj);
	return 0;
}

static void fix_cleanup(struct klp_object *obj)
{
	if (!obj->name)
		pr_info("cleanup of vmlinux\n");
}

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = NULL,
	}, { }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = fix_setup,
			.post_unpatch = fix_cleanup,
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
module_init(fix_init);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
