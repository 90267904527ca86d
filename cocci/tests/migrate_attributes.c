// SPDX-License-Identifier: GPL-2.0-only
/*
 * A livepatch whose replacement function and callbacks carry GCC
 * attributes with arguments, as some distributions' livepatches do.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

static bool hooks_on;

static int __attribute__((optimize("no-optimize-sibling-calls")))
livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", "this has been live patched");
	return 0;
}

static int __attribute__((cold, optimize("O2"))) hooks_pre_patch(struct klp_object *obj)
{
	hooks_on = true;
	return 0;
}

static void __attribute__((section(".text.unlikely.hooks")))
hooks_post_unpatch(struct klp_object *obj)
{
	hooks_on = false;
}

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = livepatch_cmdline_proc_show,
	}, { }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = hooks_pre_patch,
			.post_unpatch = hooks_post_unpatch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
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
