// SPDX-License-Identifier: GPL-2.0-only
/* make migrate: a free in post_unpatch joins the state, in KLP_STATES(). */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <klp/state.h>

#define SV_FLAG		5

static void flag_cleanup(struct klp_patch *patch, struct klp_state *state)
{
	klp_shadow_free_all(SV_FLAG, NULL);
}

static struct klp_func funcs[] = {
	{ .old_name = "f", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, { }
};

static struct klp_state states[] = {
	KLP_STATE(SV_FLAG,
		  .callbacks.post_unpatch = flag_cleanup),
	{}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};
