// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch for a pointer leak in a proc file: while the
 * fixed code is not everywhere yet, pointers printed with %pK are
 * hidden from unprivileged readers.  The vmlinux callback reads the
 * setting into a local named state, which the parameter of a state
 * callback must not clash with.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/printk.h>
#include <linux/seq_file.h>

static int leakfix_restricted;

static int leakfix_show(struct seq_file *m, void *v)
{
	seq_puts(m, "0000000000000000\n");
	return 0;
}

static int leakfix_pre_patch(struct klp_object *obj)
{
	int state = READ_ONCE(kptr_restrict);

	if (state)
		return 0;
	WRITE_ONCE(kptr_restrict, 1);
	leakfix_restricted = 1;
	return 0;
}

static void leakfix_post_unpatch(struct klp_object *obj)
{
	if (leakfix_restricted)
		WRITE_ONCE(kptr_restrict, 0);
}

static struct klp_func funcs[] = {
	{
		.old_name = "leaky_show",
		.new_func = leakfix_show,
	}, { }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = funcs,
		.callbacks = {
			.pre_patch = leakfix_pre_patch,
			.post_unpatch = leakfix_post_unpatch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int leakfix_init(void)
{
	return klp_enable_patch(&patch);
}

static void leakfix_exit(void)
{
}

module_init(leakfix_init);
module_exit(leakfix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
