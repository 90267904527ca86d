// SPDX-License-Identifier: GPL-2.0-only
/*
 * One pair of callbacks for every object: they log which object is
 * being patched, the kernel or one of two modules.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>

static int trace_attach(struct klp_object *obj)
{
	pr_info("attach: %s\n", obj->mod ? obj->mod->name : "vmlinux");
	return 0;
}

static void trace_detach(struct klp_object *obj)
{
	pr_info("detach: %s\n", obj->mod ? obj->mod->name : "vmlinux");
}

static struct klp_func vm_funcs[] = {
	{ .old_name = "do_sys_openat2", .new_func = NULL, },
	{ }
};

static struct klp_func fuse_funcs[] = {
	{ .old_name = "fuse_open", .new_func = NULL, },
	{ }
};

static struct klp_func ovl_funcs[] = {
	{ .old_name = "ovl_open", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = vm_funcs,
		.callbacks = {
			.pre_patch = trace_attach,
			.post_unpatch = trace_detach,
		},
	}, {
		.name = "fuse",
		.funcs = fuse_funcs,
		.callbacks = {
			.pre_patch = trace_attach,
			.post_unpatch = trace_detach,
		},
	}, {
		.name = "overlay",
		.funcs = ovl_funcs,
		.callbacks = {
			.post_unpatch = trace_detach,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int opentrace_init(void)
{
	return klp_enable_patch(&patch);
}

static void opentrace_exit(void)
{
}

module_init(opentrace_init);
module_exit(opentrace_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
