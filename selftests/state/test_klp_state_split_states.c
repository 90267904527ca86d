// SPDX-License-Identifier: GPL-2.0-only
/*
 * One file of a livepatch built from two: the states and their callbacks,
 * with the header.  test_klp_state_split_main.c registers the patch.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/livepatch.h>
#include <linux/module.h>
#include <klp/state.h>

#include "test_klp_state_split.h"

static int split_pre_patch(struct klp_patch *patch, struct klp_state *state)
{
	pr_info("pre_patch: state %lu\n", state->id);
	return 0;
}

static void split_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	pr_info("post_patch: state %lu\n", state->id);
}

static void split_pre_unpatch(struct klp_patch *patch, struct klp_state *state)
{
	pr_info("pre_unpatch: state %lu\n", state->id);
}

static void split_post_unpatch(struct klp_patch *patch,
			       struct klp_state *state)
{
	pr_info("post_unpatch: state %lu\n", state->id);
}

struct klp_state split_states[] = {
	KLP_STATE(1, .callbacks.pre_patch = split_pre_patch,
		  .callbacks.post_patch = split_post_patch,
		  .callbacks.pre_unpatch = split_pre_unpatch,
		  .callbacks.post_unpatch = split_post_unpatch),
	{}
};
