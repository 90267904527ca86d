// SPDX-License-Identifier: GPL-2.0-only
/* Still object callbacks: they run on every replace, the test stays. */
#include <linux/module.h>
#include <linux/livepatch.h>

#define MODE_STATE	4

static int mode;

static void mode_on(struct klp_object *obj)
{
	struct klp_state *prev;

	prev = klp_get_prev_state(MODE_STATE);
	if (prev)
		return;
	mode = 1;
}

static struct klp_func funcs[] = {
	{ .old_name = "f", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = { .post_patch = mode_on, },
	}, { }
};

static struct klp_state states[] = {
	{ .id = MODE_STATE, .version = 2, },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};
