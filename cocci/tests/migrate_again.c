// SPDX-License-Identifier: GPL-2.0-only
/*
 * A release converted once already: the state of the vmlinux object
 * and the state of nfsd are there, with the helpers the conversion
 * wrote.  This release adds callbacks again, to the vmlinux object and
 * to a new sunrpc object, that use their objects.
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <klp/state.h>

/* klp-migrate: review: pick a state id unique to this livepatch. */
#define KLP_MIGRATED_STATE_ID 0x6a0c3d51UL

/* klp-migrate: review: pick state ids unique to this livepatch, one per module. */
#define KLP_MIGRATED_NFSD_STATE_ID 0x2b6e01f7UL

static unsigned int lease_secs = 90;

static struct klp_object *vmlinux_klp_object(struct klp_patch *patch)
{
	struct klp_object *obj = patch->objs;

	/* State callbacks get no object: find the one stock passed. */
	while (obj->name)
		obj++;
	return obj;
}

static int lease_pre_patch(struct klp_patch *patch, struct klp_state *state)
{
	pr_info("%s: %d functions\n", __func__,
		vmlinux_klp_object(patch)->funcs ? 1 : 0);
	lease_secs = 30;
	return 0;
}

static void lease_post_unpatch(struct klp_object *obj)
{
	pr_info("%s: %d functions\n", __func__, obj->funcs ? 1 : 0);
	lease_secs = 90;
}

static struct klp_object *klp_migrated_object(struct klp_patch *patch,
					      const char *name)
{
	struct klp_object *obj = patch->objs;

	/* State callbacks get no object: find the one stock passed. */
	while (obj->funcs || obj->name) {
		if (obj->name && !strcmp(obj->name, name))
			return obj;
		obj++;
	}
	return NULL;
}

static int nfsd_on(struct klp_patch *patch, struct klp_state *state)
{
	struct klp_object *obj = klp_migrated_object(patch, "nfsd");

	pr_info("%s: %s\n", __func__, obj->name);
	return 0;
}

static int rpc_on(struct klp_object *obj)
{
	pr_info("%s: %s\n", __func__, obj->name);
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "locks_delete_lock_ctx", .new_func = NULL, },
	{ }
};

static struct klp_func nfsd_funcs[] = {
	{ .old_name = "nfsd4_renew", .new_func = NULL, },
	{ }
};

static struct klp_func rpc_funcs[] = {
	{ .old_name = "svc_process", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.post_unpatch = lease_post_unpatch,
		},
	}, {
		.name = "nfsd",
		.funcs = nfsd_funcs,
	}, {
		.name = "sunrpc",
		.funcs = rpc_funcs,
		.callbacks = {
			.pre_patch = rpc_on,
		},
	}, { }
};

KLP_STATES(states,
	KLP_STATE(KLP_MIGRATED_STATE_ID,
		  .callbacks.pre_patch = lease_pre_patch),
	KLP_STATE(KLP_MIGRATED_NFSD_STATE_ID,
		  .obj_name = "nfsd",
		  .callbacks.pre_patch = nfsd_on));

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int lease_init(void)
{
	return klp_enable_patch(&patch);
}

static void lease_exit(void)
{
}

module_init(lease_init);
module_exit(lease_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
