// SPDX-License-Identifier: GPL-2.0-only
/* spatch-args: -D state_id=KNOB_STATE */
/* The id comes from the command line; the array exists already. */
#include <linux/module.h>
#include <linux/livepatch.h>

#define KNOB_STATE	7
#define OLD_STATE	3

static int knob;

static void knob_on(struct klp_object *obj)
{
	knob = 1;
}

static void knob_off(struct klp_object *obj)
{
	knob = 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "knob_show", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = NULL,
		.funcs = funcs,
		.callbacks = {
			.post_patch = knob_on,
			.pre_unpatch = knob_off,
		},
	}, { }
};

static struct klp_state states[] = {
	{ .id = OLD_STATE, .version = 1 },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};
