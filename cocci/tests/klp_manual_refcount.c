// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every version of the patch bumps a count kept on the NULL object: the
 * first one turns the mitigation on, the last one to go turns it off.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/livepatch.h>

#define SV_MITIGATION	0x4d17

struct mitigation {
	int users;
	bool was_on;
};

static bool mitigation_on;

static void mitigation_dtor(void *obj, void *shadow_data)
{
}

static int mitigation_pre_patch(struct klp_object *obj)
{
	struct mitigation *m;

	m = klp_shadow_get_or_alloc(NULL, SV_MITIGATION, sizeof(*m),
				    GFP_KERNEL, NULL, NULL);
	if (!m)
		return -ENOMEM;
	if (!m->users++) {
		m->was_on = mitigation_on;
		mitigation_on = true;
	}
	return 0;
}

static void mitigation_post_unpatch(struct klp_object *obj)
{
	struct mitigation *m = klp_shadow_get(NULL, SV_MITIGATION);

	if (!m || --m->users)
		return;
	mitigation_on = m->was_on;
	klp_shadow_free(NULL, SV_MITIGATION, mitigation_dtor);
}

static struct klp_func funcs[] = {
	{ .old_name = "cpu_show_spectre_v2", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = mitigation_pre_patch,
			.post_unpatch = mitigation_post_unpatch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};
