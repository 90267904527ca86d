// SPDX-License-Identifier: GPL-2.0-only
/* Objects filled in by init, the way generated patch modules do it. */
#include <linux/module.h>
#include <linux/string.h>
#include <linux/livepatch.h>

struct hook_set {
	struct klp_callbacks cbs;
	const char *objname;
};

static int tune_pre(struct klp_object *obj)
{
	return 0;
}

static void tune_post(struct klp_object *obj)
{
}

static struct hook_set mod_hooks = {
	.cbs = { .post_patch = tune_post },
	.objname = "ext4",
};

static struct klp_func vm_funcs[] = {
	{ .old_name = "vfs_statfs", .new_func = NULL, },
	{ }
};

static struct klp_func ext4_funcs[] = {
	{ .old_name = "ext4_statfs", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = vm_funcs, },
	{ .name = "ext4", .funcs = ext4_funcs, },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int tune_init(void)
{
	int i;

	for (i = 0; objs[i].funcs; i++) {
		if (!objs[i].name)
			objs[i].callbacks.pre_patch = tune_pre;
		else
			memcpy(&objs[i].callbacks, &mod_hooks.cbs,
			       sizeof(mod_hooks.cbs));
	}
	return klp_enable_patch(&patch);
}

static void tune_exit(void)
{
}

module_init(tune_init);
module_exit(tune_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
