// SPDX-License-Identifier: GPL-2.0-only
/*
 * Only the callbacks: the objects and the patch are in lp-quota-main.c.
 * The teardown frees the warning counts of the quota structures it
 * knows of, one by one.
 */
#include <linux/livepatch.h>
#include <linux/list.h>
#include <linux/slab.h>
#include "lp-quota.h"

struct quota_track {
	struct list_head node;
	void *dquot;
};

static LIST_HEAD(tracked);

void quota_post_unpatch(struct klp_object *obj)
{
	struct quota_track *t, *n;

	list_for_each_entry_safe(t, n, &tracked, node) {
		klp_shadow_free(t->dquot, SV_QUOTA_WARN, NULL);
		list_del(&t->node);
		kfree(t);
	}
}
