// SPDX-License-Identifier: GPL-2.0-only
/* State callbacks with the usual takeover test: the test goes. */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <klp/state.h>

#define MODE_STATE	4

static int mode;

static void mode_set(void)
{
	struct klp_state *prev;

	prev = klp_get_prev_state(MODE_STATE);
	if (prev) {
		pr_info("mode already set\n");
		return;
	}
	mode = 1;
}

static void mode_on(struct klp_patch *patch, struct klp_state *state)
{
	mode_set();
}

static void mode_off(struct klp_patch *patch, struct klp_state *state)
{
	struct klp_state *prev;

	prev = klp_get_prev_state(MODE_STATE);
	if (prev)
		return;
	mode = 0;
}

/* Patched code may ask too: that is not dead, so it stays. */
static int mode_show(void)
{
	struct klp_state *prev;

	prev = klp_get_prev_state(MODE_STATE);
	if (prev)
		return 2;
	return mode;
}

static struct klp_func funcs[] = {
	{ .old_name = "mode_show", .new_func = mode_show, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, { }
};

static struct klp_state states[] = {
	KLP_STATE(MODE_STATE,
		  .version = 2,
		  .callbacks.post_patch = mode_on,
		  .callbacks.pre_unpatch = mode_off),
	{}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};
