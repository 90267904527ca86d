// SPDX-License-Identifier: GPL-2.0-only
/* A sized object array, the terminator left to zero initialisation. */
#include <linux/module.h>
#include <linux/livepatch.h>

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

static struct klp_object objs[2] = {
	{
		.funcs = funcs,
		.callbacks = {
			.post_patch = knob_on,
			.pre_unpatch = knob_off,
		},
	},
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
