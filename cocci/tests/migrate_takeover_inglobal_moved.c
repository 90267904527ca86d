// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch that tightens the memory map and overcommit
 * limits while a fix to mmap accounting is applied, after the edit by
 * hand that the report on its release keeping the saved limits in a
 * global of its module names: the limits live in the shadow variable on
 * the NULL object with the state's id, and the version went up by one.
 * The conversion gives the state the callbacks and the variable, and
 * writes the bridge that copies the global of the running release,
 * freeing nothing.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/mm.h>

#define MAPLIMIT_STATE		0x3b
#define MAPLIMIT_STATE_VERSION	2

struct map_limits {
	int max_map_count;
	int overcommit_ratio;
};

static int maplimit_pre_patch(struct klp_object *obj)
{
	struct map_limits *saved;

	if (klp_get_prev_state(MAPLIMIT_STATE))
		return 0;
	saved = klp_shadow_alloc(NULL, MAPLIMIT_STATE, sizeof(*saved),
				 GFP_KERNEL, NULL, NULL);
	if (!saved)
		return -ENOMEM;
	saved->max_map_count = sysctl_max_map_count;
	saved->overcommit_ratio = sysctl_overcommit_ratio;
	return 0;
}

static void maplimit_post_patch(struct klp_object *obj)
{
	if (klp_get_prev_state(MAPLIMIT_STATE))
		return;
	sysctl_max_map_count = 32768;
	sysctl_overcommit_ratio = 25;
}

static void maplimit_pre_unpatch(struct klp_object *obj)
{
	struct map_limits *saved = klp_shadow_get(NULL, MAPLIMIT_STATE);

	sysctl_max_map_count = saved->max_map_count;
	sysctl_overcommit_ratio = saved->overcommit_ratio;
}

static struct klp_func funcs[] = {
	{ }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = funcs,
		.callbacks = {
			.pre_patch = maplimit_pre_patch,
			.post_patch = maplimit_post_patch,
			.pre_unpatch = maplimit_pre_unpatch,
		},
	}, { }
};

static struct klp_state states[] = {
	{
		.id = MAPLIMIT_STATE,
		.version = MAPLIMIT_STATE_VERSION,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int maplimit_init(void)
{
	return klp_enable_patch(&patch);
}

static void maplimit_exit(void)
{
}

module_init(maplimit_init);
module_exit(maplimit_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
