// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fix to nfsd whose callbacks read the module from their object in
 * their first declaration: the object, which the state callbacks get no
 * more, must be there before it.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>

static int nfsd_fix_pre_patch(struct klp_object *obj)
{
	struct module *mod = obj->mod;
	int ret = 0;

	if (!try_module_get(mod))
		ret = -ENODEV;
	else
		module_put(mod);
	pr_info("%s: %s\n", obj->name, ret ? "going away" : "ready");
	return ret;
}

static void nfsd_fix_post_unpatch(struct klp_object *obj)
{
	pr_info("%s: fix removed\n", obj->name);
}

static bool nfsd_fix_check(void *rqstp)
{
	return rqstp != NULL;
}

static struct klp_func nfsd_funcs[] = {
	{
		.old_name = "nfsd_check_request",
		.new_func = nfsd_fix_check,
	}, { }
};

static struct klp_object objs[] = {
	{
		.name = "nfsd",
		.funcs = nfsd_funcs,
		.callbacks = {
			.pre_patch = nfsd_fix_pre_patch,
			.post_unpatch = nfsd_fix_post_unpatch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
