// SPDX-License-Identifier: GPL-2.0-only
/* Two unrelated patches that happen to share a file name. */
#include <linux/module.h>
#include <linux/livepatch.h>
#define KLP_STATE_ENGINE
#include <klp/state.h>

/* klp-migrate: review: pick a state id unique to this livepatch. */
#define KLP_MIGRATED_STATE_ID 0x4e9c738cUL

static int fix_a;

static void fix_a_on(struct klp_patch *patch, struct klp_state *state)
{
	fix_a = 1;
}

static struct klp_func funcs[] = {
	{ .old_name = "fix_target_a", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, { }
};

KLP_STATES(states,
	KLP_STATE(KLP_MIGRATED_STATE_ID,
		  .callbacks.post_patch = fix_a_on));

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
};

static int fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void fix_exit(void)
{
}

module_init(fix_init);
module_exit(fix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
