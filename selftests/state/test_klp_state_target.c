// SPDX-License-Identifier: GPL-2.0-only
/*
 * Target of the state selftests: a worker that keeps calling
 * test_klp_state_busy_wait(), where it can be held (block=1) to stall a
 * livepatch transition; with reader=1, a second thread, on another CPU
 * where there is one, that keeps calling test_klp_state_read(), which
 * the livepatches replace with code that looks up and attaches shadow
 * variables.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/livepatch.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/sched/clock.h>

static struct task_struct *worker, *reader_task;

static bool block;

/* Clearing block wakes the worker that sleeps in test_klp_hold(). */
static int block_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_bool(val, kp);

	if (!ret && !READ_ONCE(block) && worker)
		wake_up_process(worker);
	return ret;
}

static const struct kernel_param_ops block_ops = {
	.set = block_set,
	.get = param_get_bool,
};
module_param_cb(block, &block_ops, &block, 0600);
MODULE_PARM_DESC(block, "hold the worker in test_klp_state_busy_wait()");

static bool reader;
module_param(reader, bool, 0400);
MODULE_PARM_DESC(reader, "run a thread that calls test_klp_state_read()");

static int reader_cpu = -1;
module_param(reader_cpu, int, 0400);
MODULE_PARM_DESC(reader_cpu, "the CPU the reader is bound to, -1: none");

#include "test_klp_state_target.h"
#include "test_klp_state_reader_cpu.h"

/* Global and out of line, so that kallsyms finds it under this name. */
noinline void test_klp_state_busy_wait(bool *hold)
{
	test_klp_hold(hold);
}

/* Does nothing until a livepatch replaces it. */
noinline void test_klp_state_read(void)
{
	barrier();
}

/*
 * How long the reader's calls take, in two histograms: quiet (lat_phase
 * 0, a livepatch enabled and nothing happening) and churn (lat_phase 1,
 * livepatches coming and going).  Quarter-octave buckets, written by the
 * reader alone.
 */
#define LAT_BUCKETS	256

static int lat_phase;
module_param(lat_phase, int, 0600);
MODULE_PARM_DESC(lat_phase, "the histogram the reader's calls go to: 0 quiet, 1 churn");

static u32 lat_hist[2][LAT_BUCKETS];
static u64 lat_max[2];

static unsigned int lat_bucket(u64 ns)
{
	unsigned int order;

	if (ns < 4)
		return ns;
	order = ilog2(ns);
	return min(order * 4 + ((ns >> (order - 2)) & 3), LAT_BUCKETS - 1U);
}

/* The largest value that falls in bucket @b. */
static u64 lat_bound(unsigned int b)
{
	if (b < 4)
		return b;
	return ((4ULL + (b & 3) + 1) << (b / 4 - 2)) - 1;
}

static void lat_record(u64 ns)
{
	int phase = READ_ONCE(lat_phase) ? 1 : 0;

	lat_hist[phase][lat_bucket(ns)]++;
	if (ns > lat_max[phase])
		lat_max[phase] = ns;
}

/* The bucket bound below which @permille of the calls fell. */
static u64 lat_quantile(const u32 *hist, u64 count, unsigned int permille)
{
	u64 seen = 0, want = div_u64(count * permille + 999, 1000);
	unsigned int b;

	for (b = 0; b < LAT_BUCKETS; b++) {
		seen += hist[b];
		if (seen >= want)
			return lat_bound(b);
	}
	return lat_bound(LAT_BUCKETS - 1);
}

/*
 * "calls median p99 max" in ns, quiet then churn.  A quantile is its
 * bucket's bound, or the max when that is lower.
 */
static int lat_get(char *buf, const struct kernel_param *kp)
{
	int phase, n = 0;
	u64 count, max;
	unsigned int b;

	for (phase = 0; phase < 2; phase++) {
		for (b = 0, count = 0; b < LAT_BUCKETS; b++)
			count += READ_ONCE(lat_hist[phase][b]);
		max = READ_ONCE(lat_max[phase]);
		n += sysfs_emit_at(buf, n, "%s%llu %llu %llu %llu", phase ? " " : "",
				   count,
				   min(lat_quantile(lat_hist[phase], count, 500), max),
				   min(lat_quantile(lat_hist[phase], count, 990), max),
				   max);
	}
	return n + sysfs_emit_at(buf, n, "\n");
}

static const struct kernel_param_ops lat_ops = {
	.get = lat_get,
};
module_param_cb(lat, &lat_ops, NULL, 0400);
MODULE_PARM_DESC(lat, "the reader's calls: count, median, 99th percentile and max ns, quiet then churn");

static int worker_fn(void *data)
{
	while (!kthread_should_stop()) {
		test_klp_state_busy_wait(&block);
		msleep(20);
	}
	return 0;
}

/*
 * Short batches and a sleep between them: a transition switches the
 * thread while it sleeps, so it never holds one up.
 */
static int reader_fn(void *data)
{
	int i;
	u64 t;

	while (!kthread_should_stop()) {
		for (i = 0; i < 8; i++) {
			t = local_clock();
			test_klp_state_read();
			lat_record(local_clock() - t);
		}
		usleep_range(1000, 2000);
	}
	return 0;
}

/* The reader's keys that still have a variable of the shadow state. */
static int reader_left_get(char *buf, const struct kernel_param *kp)
{
	int i, n = 0;

	for (i = 0; i < TEST_KLP_READER_KEYS; i++)
		n += !!klp_shadow_get(test_klp_reader_key(i),
				      TEST_KLP_READER_ID);
	return sysfs_emit(buf, "%d\n", n);
}

static const struct kernel_param_ops reader_left_ops = {
	.get = reader_left_get,
};
module_param_cb(reader_left, &reader_left_ops, NULL, 0400);
MODULE_PARM_DESC(reader_left, "shadow variables left on the reader's keys");

static int __init test_klp_state_target_init(void)
{
	pr_info("loaded\n");
	worker = kthread_run(worker_fn, NULL, "test_klp_busy");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	if (reader) {
		reader_task = reader_run(reader_fn, "test_klp_read", &reader_cpu);
		if (IS_ERR(reader_task)) {
			kthread_stop(worker);
			return PTR_ERR(reader_task);
		}
	}
	return 0;
}

static void __exit test_klp_state_target_exit(void)
{
	if (reader_task)
		kthread_stop(reader_task);
	WRITE_ONCE(block, false);
	kthread_stop(worker);
	pr_info("unloaded\n");
}

module_init(test_klp_state_target_init);
module_exit(test_klp_state_target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state selftest target");
