// SPDX-License-Identifier: GPL-2.0-only
/*
 * The callbacks are defined here, next to the objects, but their
 * prototypes live in a header that another file of the module includes.
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include "lp-proto.h"

int proto_stats_on(struct klp_object *obj)
{
	proto_stats_users++;
	return 0;
}

void proto_stats_off(struct klp_object *obj)
{
	proto_stats_users--;
}

static struct klp_func funcs[] = {
	{ .old_name = "udp_sendmsg", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = proto_stats_on,
			.pre_unpatch = proto_stats_off,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int proto_init(void)
{
	return klp_enable_patch(&patch);
}

static void proto_exit(void)
{
}

module_init(proto_init);
module_exit(proto_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
