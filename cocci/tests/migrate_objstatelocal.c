// SPDX-License-Identifier: GPL-2.0-only
/*
 * A livepatch for the nfsd module: a reply cache that could grow without
 * bound gets a limit while the fixed code is in.  The callbacks of the
 * module's object read the module's load state into a local named
 * state, which the parameter of a state callback must not clash with.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>

static unsigned int nfsd_fix_limit = 4096;

static unsigned int nfsd_fix_cache_limit(void)
{
	return READ_ONCE(nfsd_fix_limit);
}

static int nfsd_fix_pre_patch(struct klp_object *obj)
{
	enum module_state state = obj->mod->state;

	if (state == MODULE_STATE_GOING)
		return -EBUSY;
	pr_info("nfsd: reply cache limited to %u entries\n", nfsd_fix_limit);
	return 0;
}

static void nfsd_fix_post_unpatch(struct klp_object *obj)
{
	int state = READ_ONCE(nfsd_fix_limit) != 0;

	pr_info("nfsd: reply cache limit %s\n", state ? "lifted" : "was off");
}

static struct klp_func nfsd_funcs[] = {
	{
		.old_name = "nfsd_cache_limit",
		.new_func = nfsd_fix_cache_limit,
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

static int nfsd_fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void nfsd_fix_exit(void)
{
}

module_init(nfsd_fix_init);
module_exit(nfsd_fix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
