// SPDX-License-Identifier: GPL-2.0-only
/*
 * livepatch-state-shadow.c - a shadow-variable fix in two versions
 *
 * The fix makes /proc/cmdline count, per task, how often the task read
 * it.  The count lives in a shadow variable attached to the task.
 *
 * A shadow variable must go when its object dies: the kernel hands a
 * dead task's task_struct to the next new task, and a counter left
 * behind would then be found by klp_shadow_get() for that new task.  So
 * the fix also patches release_thread(), which release_task() calls
 * once for every task that is reaped, and frees the task's variables
 * there.
 *
 * The state SV_READS owns the counters as well.  A cumulative upgrade
 * that keeps the state keeps every counter of the living tasks; the
 * last livepatch carrying the state frees what is left when it goes
 * (the counters of tasks still alive, and those of tasks that were
 * reaped by a not yet patched task during a transition).
 *
 * Version 2 keeps SV_READS and adds SV_FIRST, which remembers when the
 * task first read the file.  Downgrading from v2 to v1 removes SV_FIRST:
 * v2's own post_unpatch callback runs and v2's destructor frees its
 * variables, although v1 never heard of them.
 *
 * Built twice, by livepatch-state-shadow-v1.c and -v2.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <klp/state.h>

#ifndef FIX_VERSION
#define FIX_VERSION 1
#endif

/* Shadow variable ids are global: keep them unique per fix. */
#define SV_READS	0x5ead01
#define SV_FIRST	0x5ead02

struct read_counter {
	pid_t pid;
	int reads;
};

/* Runs for current, which is alive: its pid can be read here. */
static int reads_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	struct read_counter *counter = shadow_data;

	counter->pid = ((struct task_struct *)obj)->pid;
	pr_info("new read counter for pid %d\n", counter->pid);
	return 0;
}

/*
 * May run with a spinlock held: no sleeping here.  The task may be gone
 * already (a state removal frees what is left): do not touch obj.
 */
static void reads_dtor(void *obj, void *shadow_data)
{
	struct read_counter *counter = shadow_data;

	pr_info("freeing read counter of pid %d (%d reads)\n",
		counter->pid, counter->reads);
}

static int livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	struct read_counter *counter;

	counter = klp_shadow_get_or_alloc(current, SV_READS, sizeof(*counter),
					  GFP_KERNEL, reads_ctor, NULL);
	if (counter)
		counter->reads++;
#if FIX_VERSION >= 2
	{
		unsigned long *first;

		first = klp_shadow_get_or_alloc(current, SV_FIRST,
						sizeof(*first), GFP_KERNEL,
						NULL, NULL);
		if (first && !*first)
			*first = jiffies;
	}
#endif
	seq_printf(m, "livepatch v%d: pid %d read this %d times\n",
		   FIX_VERSION, current->pid, counter ? counter->reads : -1);
	return 0;
}

#if FIX_VERSION >= 2
static void first_dtor(void *obj, void *shadow_data)
{
	pr_info("freeing first-read time\n");
}
#endif

/*
 * The task is reaped: free its variables before its task_struct can
 * be reused.  The rest is what x86-64's release_thread() does.
 */
static void livepatch_release_thread(struct task_struct *dead_task)
{
	WARN_ON(dead_task->mm);
	klp_shadow_free(dead_task, SV_READS, reads_dtor);
#if FIX_VERSION >= 2
	klp_shadow_free(dead_task, SV_FIRST, first_dtor);
#endif
}

static void reads_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	pr_info("v%d: counting reads of /proc/cmdline from now on\n",
		FIX_VERSION);
}

static void reads_post_unpatch(struct klp_patch *patch,
			       struct klp_state *state)
{
	pr_info("v%d: read counting removed, freeing the counters\n",
		FIX_VERSION);
}

#if FIX_VERSION >= 2
static void first_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	pr_info("v%d: remembering first reads from now on\n", FIX_VERSION);
}

static void first_post_unpatch(struct klp_patch *patch,
			       struct klp_state *state)
{
	pr_info("v%d: first-read times removed, freeing them\n", FIX_VERSION);
}
#endif

/* a preprocessor directive can not go inside the macro's arguments */
#if FIX_VERSION >= 2
KLP_STATES(states,
	   KLP_SHADOW_STATE(SV_READS, reads_dtor,
			    .callbacks.post_patch = reads_post_patch,
			    .callbacks.post_unpatch = reads_post_unpatch),
	   KLP_SHADOW_STATE(SV_FIRST, first_dtor,
			    .callbacks.post_patch = first_post_patch,
			    .callbacks.post_unpatch = first_post_unpatch));
#else
KLP_STATES(states,
	   KLP_SHADOW_STATE(SV_READS, reads_dtor,
			    .callbacks.post_patch = reads_post_patch,
			    .callbacks.post_unpatch = reads_post_unpatch));
#endif

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = livepatch_cmdline_proc_show,
	}, {
		.old_name = "release_thread",
		.new_func = livepatch_release_thread,
	}, {}
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = funcs,
	}, {}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int livepatch_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_exit(void)
{
}

module_init(livepatch_init);
module_exit(livepatch_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state sample: a shadow-variable fix, cumulative versions");
