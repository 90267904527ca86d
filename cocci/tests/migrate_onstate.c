// SPDX-License-Identifier: GPL-2.0-only
/*
 * Already on the state API.  On native kernels init picks the variant of
 * the tuning state's callbacks from a module parameter, through a
 * pointer to the state, an index into the array and klp_get_state().
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <klp/state.h>

#define TUNE_STATE	0x5101
#define SV_TUNE_CACHE	0x5102

static bool aggressive;
module_param(aggressive, bool, 0444);

static int tune_level;

static int tune_on(struct klp_patch *patch, struct klp_state *state)
{
	tune_level = 1;
	return 0;
}

static int __maybe_unused tune_hard_on(struct klp_patch *patch,
				       struct klp_state *state)
{
	tune_level = 3;
	return 0;
}

static void tune_off(struct klp_patch *patch, struct klp_state *state)
{
	tune_level = 0;
}

static void __maybe_unused tune_hard_off(struct klp_patch *patch,
					 struct klp_state *state)
{
	tune_level = 0;
}

static void __maybe_unused cache_drain(struct klp_patch *patch,
				       struct klp_state *state)
{
}

static struct klp_func funcs[] = {
	{ .old_name = "blk_mq_run_hw_queue", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, { }
};

KLP_STATES(states,
	KLP_STATE(TUNE_STATE,
		  .callbacks.pre_patch = tune_on,
		  .callbacks.post_unpatch = tune_off),
	KLP_SHADOW_STATE(SV_TUNE_CACHE, NULL));

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int tune_init(void)
{
#ifndef KLP_STATE_COMPAT
	struct klp_state *st = &states[0];

	if (aggressive) {
		st->callbacks.pre_patch = tune_hard_on;
		klp_get_state(&patch, TUNE_STATE)->callbacks.post_unpatch = tune_hard_off;
	}
	states[1].callbacks.pre_unpatch = cache_drain;
#endif
	return klp_enable_patch(&patch);
}

static void tune_exit(void)
{
}

module_init(tune_init);
module_exit(tune_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
