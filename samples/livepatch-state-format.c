// SPDX-License-Identifier: GPL-2.0-only
/*
 * livepatch-state-format.c - per-task data that changes its layout
 *
 * The fix makes /proc/version count, per task, how often the task read
 * it, in a shadow variable attached to the task, and frees the variable
 * when the task is reaped (release_thread(), as in
 * livepatch-state-shadow.c).
 *
 * Version 1 keeps the count in layout A (struct fmt_a) under the state
 * SV_FMT_A.  Version 2 needs more (a wider count and the time of the
 * last read) and brings layout B (struct fmt_b) under a new state,
 * SV_FMT_B, while it keeps SV_FMT_A, so that the upgrade keeps every
 * layout A variable.  Version 2 reads both and writes B only: a task's
 * layout A variable is converted to layout B the first time the task
 * reads under version 2, by the task itself, so the upgrade converts
 * nothing at once and a task that never reads again keeps layout A.
 *
 * A downgrade to version 1 drops SV_FMT_B, which version 1 does not
 * know: its variables would be freed with the state, and the counts
 * they hold lost.  So the pre_unpatch callback of SV_FMT_B, which runs
 * in version 2 before the downgrade's transition starts, converts every
 * task's layout B variable back to layout A (the tasks can be walked;
 * shadow variables cannot), and tells the code of version 2 that still
 * runs during the transition to write layout A.  When the transition
 * is reversed, the post_patch callback lets version 2 write layout B
 * again.  A disable of version 2 converts the same way, and the state
 * SV_FMT_A then frees everything.
 *
 * One lock orders the conversions of a task against each other and
 * against its release.
 *
 * Built twice, by livepatch-state-format-v1.c and -v2.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <klp/state.h>

#ifndef FORMAT_VERSION
#define FORMAT_VERSION 1
#endif

/* Shadow variable ids are global: keep them unique per fix. */
#define SV_FMT_A	0x5ead21
#define SV_FMT_B	0x5ead22

/* Layout A, version 1's: the same in every version that carries it. */
struct fmt_a {
	pid_t pid;
	unsigned int reads;
};

/* May run with a spinlock held, on a task that is gone: no obj here. */
static void fmt_a_dtor(void *obj, void *shadow_data)
{
	struct fmt_a *a = shadow_data;

	pr_info("freeing layout A of pid %d (%u reads)\n", a->pid, a->reads);
}

static DEFINE_SPINLOCK(fmt_lock);

#if FORMAT_VERSION >= 2
/* Layout B, version 2's. */
struct fmt_b {
	pid_t pid;
	u64 reads;
	unsigned long last_read;
};

static void fmt_b_dtor(void *obj, void *shadow_data)
{
	struct fmt_b *b = shadow_data;

	pr_info("freeing layout B of pid %d (%llu reads)\n", b->pid, b->reads);
}

/* Set while SV_FMT_B is being removed: version 2 writes layout A. */
static bool fmt_write_a;

/* Layout B from the task's layout A, if it has one. */
static int fmt_b_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	struct fmt_b *b = shadow_data;
	struct fmt_a *a = ctor_data;

	b->pid = ((struct task_struct *)obj)->pid;
	b->reads = a ? a->reads : 0;
	if (a)
		pr_info("pid %d: layout A (%u reads) converted to layout B\n",
			b->pid, a->reads);
	return 0;
}

/* Layout A from @ctor_data, the task's layout B, or from nothing. */
static int fmt_a_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	struct fmt_a *a = shadow_data;
	struct fmt_b *b = ctor_data;

	a->pid = ((struct task_struct *)obj)->pid;
	a->reads = b ? b->reads : 0;
	return 0;
}

/* Under fmt_lock: @task's layout B, if any, becomes layout A. */
static bool fmt_b_to_a(struct task_struct *task)
{
	struct fmt_b *b;
	struct fmt_a *a;

	b = klp_shadow_get(task, SV_FMT_B);
	if (!b)
		return false;
	a = klp_shadow_get_or_alloc(task, SV_FMT_A, sizeof(*a), GFP_ATOMIC,
				    fmt_a_ctor, b);
	if (!a)
		return false;
	pr_info("pid %d: layout B (%llu reads) converted to layout A\n",
		b->pid, b->reads);
	klp_shadow_free(task, SV_FMT_B, NULL);
	return true;
}

/* Under fmt_lock: the reads of current, in the layout of the moment. */
static unsigned long fmt_count_read(char *layout)
{
	struct fmt_a *a;
	struct fmt_b *b;

	if (fmt_write_a) {
		fmt_b_to_a(current);
		*layout = 'A';
		a = klp_shadow_get_or_alloc(current, SV_FMT_A, sizeof(*a),
					    GFP_ATOMIC, fmt_a_ctor, NULL);
		return a ? ++a->reads : 0;
	}
	*layout = 'B';
	b = klp_shadow_get(current, SV_FMT_B);
	if (!b) {
		a = klp_shadow_get(current, SV_FMT_A);
		b = klp_shadow_alloc(current, SV_FMT_B, sizeof(*b), GFP_ATOMIC,
				     fmt_b_ctor, a);
		if (!b)
			return 0;
		if (a)
			klp_shadow_free(current, SV_FMT_A, NULL);
	}
	b->last_read = jiffies;
	return ++b->reads;
}
#else
static unsigned long fmt_count_read(char *layout)
{
	struct fmt_a *a;

	*layout = 'A';
	a = klp_shadow_get_or_alloc(current, SV_FMT_A, sizeof(*a), GFP_ATOMIC,
				    NULL, NULL);
	if (!a)
		return 0;
	a->pid = current->pid;
	return ++a->reads;
}
#endif

static int livepatch_version_proc_show(struct seq_file *m, void *v)
{
	unsigned long reads;
	char layout;

	spin_lock(&fmt_lock);
	reads = fmt_count_read(&layout);
	spin_unlock(&fmt_lock);
	seq_printf(m, "format v%d: pid %d read this %lu times (layout %c)\n",
		   FORMAT_VERSION, current->pid, reads, layout);
	return 0;
}

/*
 * The task is reaped: free its variables before its task_struct can
 * be reused.  The rest is what x86-64's release_thread() does.
 */
static void livepatch_release_thread(struct task_struct *dead_task)
{
	WARN_ON(dead_task->mm);
	spin_lock(&fmt_lock);
	klp_shadow_free(dead_task, SV_FMT_A, fmt_a_dtor);
#if FORMAT_VERSION >= 2
	klp_shadow_free(dead_task, SV_FMT_B, fmt_b_dtor);
#endif
	spin_unlock(&fmt_lock);
}

static void fmt_a_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	pr_info("v%d: counting reads of /proc/version in layout A\n",
		FORMAT_VERSION);
}

static void fmt_a_post_unpatch(struct klp_patch *patch,
			       struct klp_state *state)
{
	pr_info("v%d: layout A removed, freeing what is left\n",
		FORMAT_VERSION);
}

#if FORMAT_VERSION >= 2
static void fmt_b_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	spin_lock(&fmt_lock);
	fmt_write_a = false;
	spin_unlock(&fmt_lock);
	pr_info("v%d: writing layout B, converting layout A on a task's next read\n",
		FORMAT_VERSION);
}

/* Before the downgrade's (or the disable's) transition starts. */
static void fmt_b_pre_unpatch(struct klp_patch *patch,
			      struct klp_state *state)
{
	struct task_struct *p, *t;
	unsigned int n = 0;

	spin_lock(&fmt_lock);
	fmt_write_a = true;
	rcu_read_lock();
	for_each_process_thread(p, t)
		n += fmt_b_to_a(t);
	rcu_read_unlock();
	spin_unlock(&fmt_lock);
	pr_info("v%d: layout B goes: %u tasks converted back to layout A\n",
		FORMAT_VERSION, n);
}

static void fmt_b_post_unpatch(struct klp_patch *patch,
			       struct klp_state *state)
{
	pr_info("v%d: layout B removed\n", FORMAT_VERSION);
}
#endif

/* a preprocessor directive can not go inside the macro's arguments */
#if FORMAT_VERSION >= 2
KLP_STATES(states,
	   KLP_SHADOW_STATE(SV_FMT_A, fmt_a_dtor,
			    .callbacks.post_patch = fmt_a_post_patch,
			    .callbacks.post_unpatch = fmt_a_post_unpatch),
	   KLP_SHADOW_STATE(SV_FMT_B, fmt_b_dtor,
			    .callbacks.post_patch = fmt_b_post_patch,
			    .callbacks.pre_unpatch = fmt_b_pre_unpatch,
			    .callbacks.post_unpatch = fmt_b_post_unpatch));
#else
KLP_STATES(states,
	   KLP_SHADOW_STATE(SV_FMT_A, fmt_a_dtor,
			    .callbacks.post_patch = fmt_a_post_patch,
			    .callbacks.post_unpatch = fmt_a_post_unpatch));
#endif

static struct klp_func funcs[] = {
	{
		.old_name = "version_proc_show",
		.new_func = livepatch_version_proc_show,
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
MODULE_DESCRIPTION("klp-state sample: per-task data whose layout changes between versions");
