// SPDX-License-Identifier: GPL-2.0-only
/*
 * Release 2 of the livepatch stream of migrate_stream_v1.c, in a file
 * of another name, converted with the same stream name: the placeholder
 * ids are those of release 1.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

static int cmdline_show(struct seq_file *m, void *v)
{
	seq_puts(m, "patched twice\n");
	return 0;
}

static int audit_on(struct klp_object *obj)
{
	pr_info("audit on\n");
	return 0;
}

static void audit_off(struct klp_object *obj)
{
	pr_info("audit off\n");
}

static void nfs_hook(struct klp_object *obj)
{
	pr_info("%s patched\n", obj->name);
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = cmdline_show, },
	{ }
};

static struct klp_func nfs_funcs[] = {
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = audit_on,
			.post_unpatch = audit_off,
		},
	}, {
		.name = "nfs",
		.funcs = nfs_funcs,
		.callbacks = {
			.post_patch = nfs_hook,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int stream_init(void)
{
	return klp_enable_patch(&patch);
}

static void stream_exit(void)
{
}

module_init(stream_init);
module_exit(stream_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
