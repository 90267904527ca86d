// SPDX-License-Identifier: GPL-2.0-only
/* The callbacks look after the one state the file reads: join it. */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/slab.h>

#define LIMIT_STATE	12

static struct klp_patch patch;

static int limit_alloc(struct klp_object *obj)
{
	struct klp_state *s = klp_get_state(&patch, LIMIT_STATE);

	s->data = kzalloc(sizeof(int), GFP_KERNEL);
	return s->data ? 0 : -ENOMEM;
}

static void limit_free(struct klp_object *obj)
{
	kfree(klp_get_state(&patch, LIMIT_STATE)->data);
}

static struct klp_func funcs[] = {
	{ .old_name = "limit_show", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = NULL,	/* vmlinux */
		.funcs = funcs,
		.callbacks = {
			.pre_patch = limit_alloc,
			.post_unpatch = limit_free,
		},
	}, { }
};

static struct klp_state states[] = {
	{
		.id = LIMIT_STATE,
		.version = 2,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};
