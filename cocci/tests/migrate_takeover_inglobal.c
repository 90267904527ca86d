// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch that tightens the memory map and overcommit
 * limits while a fix to mmap accounting is applied.  The release that
 * brings the state saves the two limits it changes in a global of its
 * module and points klp_state.data at it; a later release copies them
 * from there into a global of its own while the older one is still
 * loaded.  No release built with the header finds such a global: the
 * file stays as it was and the report names the edit by hand.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/mm.h>

#define MAPLIMIT_STATE		0x3b
#define MAPLIMIT_STATE_VERSION	1

struct map_limits {
	int max_map_count;
	int overcommit_ratio;
};

static struct klp_patch patch;
static struct map_limits map_saved;

static int maplimit_pre_patch(struct klp_object *obj)
{
	struct klp_state *state, *prev;

	state = klp_get_state(&patch, MAPLIMIT_STATE);
	prev = klp_get_prev_state(MAPLIMIT_STATE);
	if (prev) {
		memcpy(&map_saved, prev->data, sizeof(map_saved));
	} else {
		map_saved.max_map_count = sysctl_max_map_count;
		map_saved.overcommit_ratio = sysctl_overcommit_ratio;
	}
	state->data = &map_saved;
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
	sysctl_max_map_count = map_saved.max_map_count;
	sysctl_overcommit_ratio = map_saved.overcommit_ratio;
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
