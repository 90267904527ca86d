/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the shadow variable garbage collection benchmark modules: both
 * allocate the same number of shadow variables on synthetic keys and time
 * how long it takes until the destructor has run for the last one.
 */
#ifndef _KLP_BENCH_COMMON_H
#define _KLP_BENCH_COMMON_H

#include <linux/livepatch.h>
#include <linux/sched/clock.h>

static unsigned int n = 10000;
module_param(n, uint, 0400);
MODULE_PARM_DESC(n, "number of shadow variables");

static unsigned long long gc_ns;
module_param(gc_ns, ullong, 0400);
MODULE_PARM_DESC(gc_ns, "ns from the start of the removal to the last destructor call");

static unsigned int freed;
module_param(freed, uint, 0400);
MODULE_PARM_DESC(freed, "destructor calls");

static u64 bench_t0;

/*
 * sched_clock(), not ktime_get() nor local_clock(): in a small guest both
 * of these stand still (or stop at the next tick) while interrupts are off,
 * exactly during the sections measured here.  The irqsoff tracer reads
 * sched_clock() too, so both columns share one clock.
 *//* Called with klp_shadow_lock held and interrupts disabled. */
static void bench_dtor(void *obj, void *shadow_data)
{
	if (++freed == n)
		gc_ns = sched_clock() - bench_t0;
}

static void bench_start(void)
{
	freed = 0;
	gc_ns = 0;
	bench_t0 = sched_clock();
}

/*
 * Synthetic parent objects: the shadow API uses them only as keys, and
 * no memory behind them can die or be reused while the state lives.
 */
static int bench_alloc(unsigned long id)
{
	unsigned long i;

	for (i = 1; i <= n; i++) {
		if (!klp_shadow_alloc((void *)(i * 64), id, sizeof(long),
				      GFP_KERNEL, NULL, NULL))
			return -ENOMEM;
		if (!(i % 4096))
			cond_resched();
	}

	return 0;
}

#endif /* _KLP_BENCH_COMMON_H */
