// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixes to ext4 and xfs whose callbacks keep locals named as the
 * parameters of a state callback.  A local named state stays: the
 * struct klp_state * parameter is named klp_state instead, whether the
 * callback uses its object or not.  A local named patch keeps the
 * callbacks of xfs where they are, reported with the local to rename.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>

static int ext4_fix_post_patch_count;
static int ext4_fix_state;

static void ext4_fix_post_patch(struct klp_object *obj)
{
	enum module_state state = obj->mod->state;

	ext4_fix_post_patch_count++;
	pr_info("%s patched in state %d\n", obj->name, state);
}

static void ext4_fix_pre_unpatch(struct klp_object *obj)
{
	int state = READ_ONCE(ext4_fix_state);

	pr_info("ext4 fix leaves state %d\n", state);
}

static void xfs_fix_post_patch(struct klp_object *obj)
{
	int patch = ext4_fix_post_patch_count;

	pr_info("%s patched after %d\n", obj->name, patch);
}

static int ext4_fix_sync(void *sb)
{
	return sb ? 0 : -EINVAL;
}

static int xfs_fix_sync(void *sb)
{
	return sb ? 0 : -EINVAL;
}

static struct klp_func ext4_funcs[] = {
	{
		.old_name = "ext4_sync_fs",
		.new_func = ext4_fix_sync,
	}, { }
};

static struct klp_func xfs_funcs[] = {
	{
		.old_name = "xfs_fs_sync_fs",
		.new_func = xfs_fix_sync,
	}, { }
};

static struct klp_object objs[] = {
	{
		.name = "ext4",
		.funcs = ext4_funcs,
		.callbacks = {
			.post_patch = ext4_fix_post_patch,
			.pre_unpatch = ext4_fix_pre_unpatch,
		},
	}, {
		.name = "xfs",
		.funcs = xfs_funcs,
		.callbacks = {
			.post_patch = xfs_fix_post_patch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
