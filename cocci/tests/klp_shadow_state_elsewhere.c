// SPDX-License-Identifier: GPL-2.0-only
/* Frees outside exit and post-unpatch keep their manual lifetime. */
#include <linux/module.h>
#include <linux/livepatch.h>

#define SV_TMP		9

static void drop_all(void)
{
	klp_shadow_free_all(SV_TMP, NULL);
}

static void mod_gone(struct klp_object *obj)
{
	klp_shadow_free_all(SV_TMP, NULL);
}

static struct klp_func funcs[] = {
	{ .old_name = "f", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "some_module",
		.funcs = funcs,
		.callbacks = { .post_unpatch = mod_gone, },
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
