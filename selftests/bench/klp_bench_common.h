/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the shadow variable benchmark modules: both allocate n shadow
 * variables on synthetic keys, and others of another id, time the
 * allocation and lookups, and time how long it takes until the
 * destructor has run for the last one of the n.  The store they measure
 * is behind struct bench_store: the stock module's own copy of the
 * stock algorithm, or the kernel's klp_shadow_*() API.
 */
#ifndef _KLP_BENCH_COMMON_H
#define _KLP_BENCH_COMMON_H

#include <linux/delay.h>
#include <linux/livepatch.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>

static unsigned int n = 10000;
module_param(n, uint, 0400);
MODULE_PARM_DESC(n, "number of shadow variables");

static unsigned int others;
module_param(others, uint, 0400);
MODULE_PARM_DESC(others, "number of shadow variables of another id, allocated first");

static unsigned long long gc_ns;
module_param(gc_ns, ullong, 0400);
MODULE_PARM_DESC(gc_ns, "ns from the start of the removal to the last destructor call");

static unsigned long long first_ns;
module_param(first_ns, ullong, 0400);
MODULE_PARM_DESC(first_ns, "ns from the start of the removal to the first destructor call");

static unsigned int freed;
module_param(freed, uint, 0400);
MODULE_PARM_DESC(freed, "destructor calls for the n variables");

static unsigned int others_freed;
module_param(others_freed, uint, 0400);
MODULE_PARM_DESC(others_freed, "destructor calls for the other variables");

static unsigned int bad;
module_param(bad, uint, 0400);
MODULE_PARM_DESC(bad, "destructor calls on a variable freed before or never built");

static unsigned long long alloc_ns;
module_param(alloc_ns, ullong, 0400);
MODULE_PARM_DESC(alloc_ns, "ns to allocate the n variables");

static unsigned long long get_ns;
module_param(get_ns, ullong, 0400);
MODULE_PARM_DESC(get_ns, "ns per lookup of an existing variable, in tenths, fastest round");

static unsigned long long goa_ns;
module_param(goa_ns, ullong, 0400);
MODULE_PARM_DESC(goa_ns, "ns per get_or_alloc of an existing variable, in tenths");

static unsigned long long hot_ns;
module_param(hot_ns, ullong, 0400);
MODULE_PARM_DESC(hot_ns, "ns per lookup of one of the first 1000 variables, in tenths");

static unsigned int lookup_misses;
module_param(lookup_misses, uint, 0400);
MODULE_PARM_DESC(lookup_misses, "lookups of existing variables that found none or the wrong one");

static u64 bench_t0;

/*
 * The start of the removal on the guest's wall clock, which the shell
 * reads too (date +%s%N): the memory is back some time after the
 * module's measurements end, and only the shell sees when.
 */
static unsigned long long t0_real_ns;
module_param(t0_real_ns, ullong, 0400);
MODULE_PARM_DESC(t0_real_ns, "CLOCK_REALTIME ns at the start of the last removal");

/* The bench's operations, on the store measured. */
struct bench_store {
	void *(*alloc)(void *obj, unsigned long id, size_t size, gfp_t gfp,
		       klp_shadow_ctor_t ctor, void *ctor_data);
	void *(*get)(void *obj, unsigned long id);
	void *(*get_or_alloc)(void *obj, unsigned long id, size_t size,
			      gfp_t gfp, klp_shadow_ctor_t ctor,
			      void *ctor_data);
};

/* Each variable holds its key: a destructor knows what it frees. */
static int bench_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	*(unsigned long *)shadow_data = (unsigned long)obj;
	return 0;
}

/*
 * sched_clock(), not ktime_get() nor local_clock(): in a small guest both
 * of these stand still (or stop at the next tick) while interrupts are off,
 * exactly during the sections measured here.  The irqsoff tracer reads
 * sched_clock() too, so both columns share one clock.
 *
 * The stock store calls it with its lock held and interrupts disabled.
 */
static void bench_dtor(void *obj, void *shadow_data)
{
	unsigned long *key = shadow_data;

	if (*key != (unsigned long)obj) {
		bad++;
		return;
	}
	*key = 0;	/* a second call for the same variable counts as bad */
	if (!freed++)
		first_ns = sched_clock() - bench_t0;
	if (freed == n)
		gc_ns = sched_clock() - bench_t0;
}

static void bench_others_dtor(void *obj, void *shadow_data)
{
	unsigned long *key = shadow_data;

	if (*key != (unsigned long)obj) {
		bad++;
		return;
	}
	*key = 0;
	others_freed++;
}

static void bench_start(void)
{
	freed = 0;
	gc_ns = 0;
	first_ns = 0;
	bench_t0 = sched_clock();
	t0_real_ns = ktime_get_real_ns();
}

/*
 * Synthetic parent objects: the shadow API uses them only as keys, and
 * no memory behind them can die or be reused while the state lives.
 * The other id's variables take the same keys: they share the stock
 * store's hash chains.
 */
static void *bench_key(unsigned long i)
{
	return (void *)(i * 64);
}

static int bench_fill(const struct bench_store *st, unsigned long id,
		      unsigned int nr)
{
	unsigned long i;

	for (i = 1; i <= nr; i++) {
		if (!st->alloc(bench_key(i), id, sizeof(long), GFP_KERNEL,
			       bench_ctor, NULL))
			return -ENOMEM;
		if (!(i % 4096))
			cond_resched();
	}

	return 0;
}

#define BENCH_LOOKUPS	65536
#define BENCH_ROUNDS	5

enum bench_op { BENCH_GET, BENCH_GET_OR_ALLOC, BENCH_HOT };

/*
 * BENCH_LOOKUPS calls of @op on existing variables, in a scattered order
 * over the first @span of them; returns the tenths of ns per call of the
 * fastest of BENCH_ROUNDS rounds: a round that the host took the vCPU
 * from tells nothing about the store.
 */
static u64 bench_lookups(const struct bench_store *st, unsigned long id,
			 enum bench_op op, unsigned int span)
{
	unsigned long i, k, *p;
	unsigned int round;
	u64 t, best = U64_MAX;

	for (round = 0; round < BENCH_ROUNDS; round++) {
		t = sched_clock();
		for (i = 0, k = 0; i < BENCH_LOOKUPS; i++) {
			k = (k + 7919) % span;
			if (op == BENCH_GET_OR_ALLOC)
				p = st->get_or_alloc(bench_key(k + 1), id,
						     sizeof(long), GFP_KERNEL,
						     bench_ctor, NULL);
			else
				p = st->get(bench_key(k + 1), id);
			if (!p || *p != (unsigned long)bench_key(k + 1))
				lookup_misses++;
		}
		best = min(best, sched_clock() - t);
		cond_resched();
	}

	return div_u64(best * 10, BENCH_LOOKUPS);
}

/*
 * Allocate the others, then the n variables, timed, then time lookups
 * and get_or_alloc calls of existing variables, in a scattered order
 * over all n, and lookups of the first 1000 only.
 */
static int bench_alloc(const struct bench_store *st, unsigned long id,
		       unsigned long other_id)
{
	u64 t;
	int ret;

	ret = bench_fill(st, other_id, others);
	if (ret)
		return ret;

	t = sched_clock();
	ret = bench_fill(st, id, n);
	alloc_ns = sched_clock() - t;
	if (ret || !n)
		return ret;

	/*
	 * The lookups measure the store as it is with the variables in it:
	 * the native one grows its tables in a work item, give it the CPU.
	 */
	msleep(2000);

	lookup_misses = 0;
	get_ns = bench_lookups(st, id, BENCH_GET, n);
	goa_ns = bench_lookups(st, id, BENCH_GET_OR_ALLOC, n);
	/* A hot set: the same 1000 variables (or all n), whatever n is. */
	hot_ns = bench_lookups(st, id, BENCH_HOT, min(n, 1000U));

	return 0;
}

#endif /* _KLP_BENCH_COMMON_H */
