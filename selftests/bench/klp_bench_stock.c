// SPDX-License-Identifier: GPL-2.0-only
/*
 * Baseline for the shadow variable benchmark: the algorithm of the stock
 * kernel's shadow variable store, built into this module so that it runs
 * in the same VM as the native core it is compared with.  One hash of
 * 4096 buckets keyed by the parent object, one spinlock taken with
 * interrupts disabled, lookups under RCU, a variable carrying its obj
 * and id, freed with kfree_rcu(), and a free_all that walks every bucket
 * with the lock held, calling the destructor under it.
 *
 * At load, allocates "others" variables of another id and n of its own,
 * timing the allocation and lookups; frees its n variables when 1 is
 * written to "run", and the others when 1 is written to "drop".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/hashtable.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "klp_bench_common.h"

#define KLP_BENCH_STOCK_ID	0x6b6c7001UL
#define KLP_BENCH_OTHER_ID	0x6b6c7003UL

static DEFINE_HASHTABLE(stock_hash, 12);
static DEFINE_SPINLOCK(stock_lock);

struct stock_var {
	struct hlist_node node;
	struct rcu_head rcu_head;
	void *obj;
	unsigned long id;
	char data[];
};

static struct stock_var *stock_find(void *obj, unsigned long id)
{
	struct stock_var *v;

	hash_for_each_possible_rcu(stock_hash, v, node, (unsigned long)obj) {
		if (v->obj == obj && v->id == id)
			return v;
	}
	return NULL;
}

static void *stock_get(void *obj, unsigned long id)
{
	struct stock_var *v;

	rcu_read_lock();
	v = stock_find(obj, id);
	rcu_read_unlock();
	return v ? v->data : NULL;
}

static void *stock_add(void *obj, unsigned long id, size_t size, gfp_t gfp,
		       klp_shadow_ctor_t ctor, void *ctor_data, bool warn)
{
	struct stock_var *v, *old;
	unsigned long flags;
	void *data = stock_get(obj, id);

	if (data)
		goto exists;

	v = kzalloc(sizeof(*v) + size, gfp);
	if (!v)
		return NULL;

	spin_lock_irqsave(&stock_lock, flags);
	old = stock_find(obj, id);
	if (old) {
		spin_unlock_irqrestore(&stock_lock, flags);
		kfree(v);
		data = old->data;
		goto exists;
	}
	v->obj = obj;
	v->id = id;
	if (ctor && ctor(obj, v->data, ctor_data)) {
		spin_unlock_irqrestore(&stock_lock, flags);
		kfree(v);
		return NULL;
	}
	hash_add_rcu(stock_hash, &v->node, (unsigned long)obj);
	spin_unlock_irqrestore(&stock_lock, flags);
	return v->data;

exists:
	if (warn) {
		WARN(1, "duplicate variable <%p, %lx>\n", obj, id);
		return NULL;
	}
	return data;
}

static void *stock_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp,
			 klp_shadow_ctor_t ctor, void *ctor_data)
{
	return stock_add(obj, id, size, gfp, ctor, ctor_data, true);
}

static void *stock_get_or_alloc(void *obj, unsigned long id, size_t size,
				gfp_t gfp, klp_shadow_ctor_t ctor,
				void *ctor_data)
{
	return stock_add(obj, id, size, gfp, ctor, ctor_data, false);
}

static void stock_free_all(unsigned long id, klp_shadow_dtor_t dtor)
{
	struct stock_var *v;
	struct hlist_node *tmp;
	unsigned long flags;
	int bkt;

	spin_lock_irqsave(&stock_lock, flags);
	hash_for_each_safe(stock_hash, bkt, tmp, v, node) {
		if (v->id != id)
			continue;
		hash_del_rcu(&v->node);
		if (dtor)
			dtor(v->obj, v->data);
		kfree_rcu(v, rcu_head);
	}
	spin_unlock_irqrestore(&stock_lock, flags);
}

static const struct bench_store stock_store = {
	.alloc = stock_alloc,
	.get = stock_get,
	.get_or_alloc = stock_get_or_alloc,
};

static int run_set(const char *val, const struct kernel_param *kp)
{
	bench_start();
	stock_free_all(KLP_BENCH_STOCK_ID, bench_dtor);
	return 0;
}

static const struct kernel_param_ops run_ops = {
	.set = run_set,
};
module_param_cb(run, &run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "write 1 to free the n shadow variables");

static int drop_set(const char *val, const struct kernel_param *kp)
{
	stock_free_all(KLP_BENCH_OTHER_ID, bench_others_dtor);
	return 0;
}

static const struct kernel_param_ops drop_ops = {
	.set = drop_set,
};
module_param_cb(drop, &drop_ops, NULL, 0200);
MODULE_PARM_DESC(drop, "write 1 to free the shadow variables of the other id");

static unsigned long long floor_ns;
module_param(floor_ns, ullong, 0400);
MODULE_PARM_DESC(floor_ns, "ns per read of one of N objects with no store, in tenths");

/*
 * The floor under a scattered lookup: the same order over @span objects
 * of a shadow variable's size, each read through an array, with no store
 * in between.  What a lookup among 10^6 costs over one among 10^3
 * beyond this ratio, the store costs; this much, the memory does.
 */
static int floor_set(const char *val, const struct kernel_param *kp)
{
	unsigned long **objs, i, k, nr;
	unsigned int span, round;
	u64 t, best = U64_MAX;
	int ret;

	ret = kstrtouint(val, 0, &span);
	if (ret || !span)
		return ret ?: -EINVAL;
	objs = kvcalloc(span, sizeof(*objs), GFP_KERNEL);
	if (!objs)
		return -ENOMEM;
	ret = -ENOMEM;
	for (nr = 0; nr < span; nr++) {
		objs[nr] = kmalloc(sizeof(struct stock_var) + sizeof(long),
				   GFP_KERNEL);
		if (!objs[nr])
			goto free;
		*objs[nr] = nr;
		if (!(nr % 4096))
			cond_resched();
	}
	for (round = 0; round < BENCH_ROUNDS; round++) {
		t = sched_clock();
		for (i = 0, k = 0; i < BENCH_LOOKUPS; i++) {
			k = (k + 7919) % span;
			if (READ_ONCE(*objs[k]) != k)
				lookup_misses++;
		}
		best = min(best, sched_clock() - t);
		cond_resched();
	}
	floor_ns = div_u64(best * 10, BENCH_LOOKUPS);
	ret = 0;
free:
	while (nr--)
		kfree(objs[nr]);
	kvfree(objs);
	return ret;
}

static const struct kernel_param_ops floor_ops = {
	.set = floor_set,
};
module_param_cb(floor, &floor_ops, NULL, 0200);
MODULE_PARM_DESC(floor, "write N to time reads of N objects with no store (floor_ns)");

static int __init klp_bench_stock_init(void)
{
	int ret = bench_alloc(&stock_store, KLP_BENCH_STOCK_ID,
			      KLP_BENCH_OTHER_ID);

	if (ret) {
		stock_free_all(KLP_BENCH_STOCK_ID, NULL);
		stock_free_all(KLP_BENCH_OTHER_ID, NULL);
	}
	return ret;
}

static void __exit klp_bench_stock_exit(void)
{
	stock_free_all(KLP_BENCH_STOCK_ID, NULL);
	stock_free_all(KLP_BENCH_OTHER_ID, NULL);
}

module_init(klp_bench_stock_init);
module_exit(klp_bench_stock_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state benchmark: the stock shadow variable store");
