// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fix to ext4 whose callback keeps a local named state, which the
 * parameter of the state callback it would become clashes with: the
 * callbacks stay object callbacks until the local is renamed.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>

static int ext4_fix_post_patch_count;

static void ext4_fix_post_patch(struct klp_object *obj)
{
	enum module_state state = obj->mod->state;

	ext4_fix_post_patch_count++;
	pr_info("%s patched in state %d\n", obj->name, state);
}

static int ext4_fix_sync(void *sb)
{
	return sb ? 0 : -EINVAL;
}

static struct klp_func ext4_funcs[] = {
	{
		.old_name = "ext4_sync_fs",
		.new_func = ext4_fix_sync,
	}, { }
};

static struct klp_object objs[] = {
	{
		.name = "ext4",
		.funcs = ext4_funcs,
		.callbacks = {
			.post_patch = ext4_fix_post_patch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
