// SPDX-License-Identifier: GPL-2.0-only
/* Shadow variables on a fixed set of objects, freed one by one on unload. */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/livepatch.h>

#define SV_QUEUE_STATS	0x51

static struct net_device *tracked[8];

static void stats_dtor(void *obj, void *shadow_data)
{
}

static struct klp_func funcs[] = {
	{ .old_name = "netif_rx", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = funcs, },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int stats_init(void)
{
	return klp_enable_patch(&patch);
}

static void stats_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(tracked); i++)
		if (tracked[i])
			klp_shadow_free(tracked[i], SV_QUEUE_STATS, stats_dtor);
}

module_init(stats_init);
module_exit(stats_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
