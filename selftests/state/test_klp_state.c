// SPDX-License-Identifier: GPL-2.0-only
/*
 * One livepatch source for the state selftests.  Module parameters pick
 * its states from a fixed catalog, so that every test module is built
 * with the header's macros exactly as an author would write them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/poison.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <klp/state.h>

#include "test_klp_state_fault.h"
#include "test_klp_state_mod.h"
#include "test_klp_state_target.h"

#define SHADOW_ID	3
#define SHADOW_MAX	16
#define OBJ_SHADOW_ID	9
#define MOD		"test_klp_state_mod"

static_assert(TEST_KLP_READER_ID == SHADOW_ID);

static char *states = "";
module_param(states, charp, 0400);
MODULE_PARM_DESC(states, "comma separated catalog keys: 1 2 3s 3 4b 4 5v1 5v2 6 7p 8m 9m 10mb 10m 8x 8e 8v 8 8t");

static bool replace;
module_param(replace, bool, 0400);
MODULE_PARM_DESC(replace, "atomic replace");

static ulong fail_pre_patch;
module_param(fail_pre_patch, ulong, 0400);
MODULE_PARM_DESC(fail_pre_patch, "id of the state whose pre_patch fails");

static bool obj_callbacks;
module_param(obj_callbacks, bool, 0400);
MODULE_PARM_DESC(obj_callbacks, "log per-object callbacks");

static bool target;
module_param(target, bool, 0400);
MODULE_PARM_DESC(target, "also patch test_klp_state_target");

static bool mod;
module_param(mod, bool, 0400);
MODULE_PARM_DESC(mod, "also patch " MOD);

static bool fail_obj_pre_patch;
module_param(fail_obj_pre_patch, bool, 0400);
MODULE_PARM_DESC(fail_obj_pre_patch, "the target object's pre_patch fails");

static bool no_vmlinux;
module_param(no_vmlinux, bool, 0400);
MODULE_PARM_DESC(no_vmlinux, "patch the target module only");

static int nr_shadow = 2;
module_param(nr_shadow, int, 0400);
MODULE_PARM_DESC(nr_shadow, "shadow variables the shadow state allocates");

static bool dtor_sleeps;
module_param(dtor_sleeps, bool, 0400);
MODULE_PARM_DESC(dtor_sleeps, "the shadow destructor sleeps (native only)");

static bool dtor_hold;
module_param(dtor_hold, bool, 0600);
MODULE_PARM_DESC(dtor_hold, "state 9's destructor waits while set (native only)");

static bool two_vmlinux;
module_param(two_vmlinux, bool, 0400);
MODULE_PARM_DESC(two_vmlinux, "declare the vmlinux object twice");

static bool no_objs;
module_param(no_objs, bool, 0400);
MODULE_PARM_DESC(no_objs, "leave klp_patch.objs NULL");

static bool late_enable;
module_param(late_enable, bool, 0400);
MODULE_PARM_DESC(late_enable, "call klp_enable_patch() from a work item, after the init");

static uint extra_states;
module_param(extra_states, uint, 0400);
MODULE_PARM_DESC(extra_states, "plain states 101.. to append to the table");

static bool reserved_state;
module_param(reserved_state, bool, 0400);
MODULE_PARM_DESC(reserved_state, "append a plain state with the reserved id");

static bool log_shadows;
module_param(log_shadows, bool, 0400);
MODULE_PARM_DESC(log_shadows, "log shadow constructions, and state 9's destructions");

/*
 * Shadow variables hang off fake objects 1..n, the same in every module.
 * They are keys, never memory: no object can die under its variable, so
 * only the state frees them.
 */
static void *shadow_obj(int i)
{
	return (void *)(unsigned long)(i + 1);
}

/* "shadow_ctor: state N obj K", the format selftests/invariants reads */
static int cb_shadow_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	if (log_shadows)
		pr_info("shadow_ctor: state %lu obj %lu\n",
			((struct klp_state *)ctor_data)->id, (unsigned long)obj);
	return 0;
}

static int shadow_count_get(char *buf, const struct kernel_param *kp)
{
	int i, n = 0;

	for (i = 0; i < SHADOW_MAX; i++)
		n += !!klp_shadow_get(shadow_obj(i), SHADOW_ID);
	return sysfs_emit(buf, "%d\n", n);
}

static const struct kernel_param_ops shadow_count_ops = {
	.get = shadow_count_get,
};
module_param_cb(shadow_count, &shadow_count_ops, NULL, 0400);
MODULE_PARM_DESC(shadow_count, "live shadow variables of state 3");

/*
 * The readers of test_klp_state_target and test_klp_state_mod (reader=1)
 * keep calling the functions livepatch_read() and livepatch_mod_read()
 * replace, on another CPU, while the states come and go.  For each
 * is_shadow state of the table, 3s of the whole livepatch and 9m of the
 * module, the replacement looks up and attaches variables on keys of its
 * own: TEST_KLP_READER_KEYS fake objects for state 3, the module's
 * reader_keys[] for state 9, never a key the callbacks use.  Nothing of
 * it is logged, so that the transcripts stay what they are; the counts
 * are in the parameter reader_counts, which the explore driver sums over
 * every livepatch module of a sequence: whichever module built a
 * variable, the one that removes the state destroys it.
 */
#define READER_MAGIC	0x5ead1e55
#define READER_DEAD	0xdead1e55

struct reader_var {
	u32 magic;	/* first: a callback's variable is an int */
	u32 key;
};

static bool reader_patch, reader_obj;
static atomic_long_t reader_calls, reader_found, reader_made, reader_freed,
	reader_bad;

/*
 * Where the reader's variables may be attached: patched code runs only
 * while the livepatch is patched, inside an instance of its states,
 * except after a forced transition, whose removal may complete while
 * the reader is still inside this module's code.  So a removal by this
 * module stops this module's reader first and waits for it to leave,
 * and an introduction by this module lets it attach again (state 9 comes
 * back when its module loads again).
 */
static bool reader_stopped[2];
static atomic_t reader_inside[2];

static bool reader_enter(int scope)
{
	atomic_inc(&reader_inside[scope]);
	/* count in before the flag is read: pairs with reader_stop() */
	smp_mb__after_atomic();
	if (!READ_ONCE(reader_stopped[scope]))
		return true;
	atomic_dec(&reader_inside[scope]);
	return false;
}

static void reader_leave(int scope)
{
	/* the variables' accesses before the count goes */
	smp_mb__before_atomic();
	atomic_dec(&reader_inside[scope]);
}

/* scope 0: state 3, of the whole livepatch; 1: state 9, of the module */
static void reader_stop(int scope)
{
	WRITE_ONCE(reader_stopped[scope], true);
	/* the flag before the count is read: pairs with reader_enter() */
	smp_mb();
	while (atomic_read(&reader_inside[scope]))
		usleep_range(100, 200);
}

static int reader_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	struct reader_var *v = shadow_data;

	v->magic = READER_MAGIC;
	v->key = *(int *)ctor_data;
	atomic_long_inc(&reader_made);
	return 0;
}

/* For the destructors: true when the variable is the reader's. */
static bool reader_dtor(void *shadow_data)
{
	struct reader_var *v = shadow_data;

	if (v->magic == READER_DEAD) {
		atomic_long_inc(&reader_bad);
		return true;
	}
	if (v->magic != READER_MAGIC)
		return false;
	v->magic = READER_DEAD;
	atomic_long_inc(&reader_freed);
	return true;
}

static void reader_visit(unsigned long id, void *key, int i)
{
	struct reader_var *v = klp_shadow_get(key, id);

	if (v) {
		if (v->magic == READER_MAGIC && v->key == i)
			atomic_long_inc(&reader_found);
		else
			atomic_long_inc(&reader_bad);
	}
	v = klp_shadow_get_or_alloc(key, id, sizeof(*v), GFP_KERNEL,
				    reader_ctor, &i);
	if (v && (v->magic != READER_MAGIC || v->key != i))
		atomic_long_inc(&reader_bad);
}

/* Replaces test_klp_state_read(): state 3's variables on fake keys. */
static void livepatch_read(void)
{
	int i;

	atomic_long_inc(&reader_calls);
	if (!reader_patch || !reader_enter(0))
		return;
	for (i = 0; i < TEST_KLP_READER_KEYS; i++)
		reader_visit(TEST_KLP_READER_ID, test_klp_reader_key(i), i);
	reader_leave(0);
}

/*
 * Replaces test_klp_state_mod_read(), which only the module's own thread
 * calls, and stops calling before the module's exit function returns:
 * the module's memory, and state 9, outlive every call.
 */
static void livepatch_mod_read(char *keys)
{
	int i;

	atomic_long_inc(&reader_calls);
	if (!reader_obj || !reader_enter(1))
		return;
	for (i = 0; i < TEST_KLP_MOD_READER_KEYS; i++)
		reader_visit(OBJ_SHADOW_ID, keys + i, i);
	reader_leave(1);
}

static int reader_counts_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%ld %ld %ld %ld %ld\n",
			  atomic_long_read(&reader_calls),
			  atomic_long_read(&reader_found),
			  atomic_long_read(&reader_made),
			  atomic_long_read(&reader_freed),
			  atomic_long_read(&reader_bad));
}

static const struct kernel_param_ops reader_counts_ops = {
	.get = reader_counts_get,
};
module_param_cb(reader_counts, &reader_counts_ops, NULL, 0400);
MODULE_PARM_DESC(reader_counts,
		 "reader calls, variables found, made, freed, and wrong ones");

/*
 * The variables of state 9 hang off addresses inside test_klp_state_mod,
 * which a reload of the module may get again: a variable left behind by
 * an unload would be found by the next instance.
 */
static int livepatch_mod_version(void)
{
	return 2;
}

static struct klp_func mod_funcs[] = {
	{
		.old_name = "test_klp_state_mod_version",
		.new_func = livepatch_mod_version,
	}, {
		.old_name = "test_klp_state_mod_read",
		.new_func = livepatch_mod_read,
	}, {}
};

static atomic_t obj_made, obj_freed;

static void *obj_shadow_key(int i)
{
	return mod_funcs[0].old_func + i;
}

/* The variable keeps its key, 1..n, for the destructor to log. */
static int obj_shadow_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	*(int *)shadow_data = obj - obj_shadow_key(0) + 1;
	atomic_inc(&obj_made);
	if (log_shadows)
		pr_info("shadow_ctor: state %d obj %d\n", OBJ_SHADOW_ID,
			*(int *)shadow_data);
	return 0;
}

static void __maybe_unused cb_obj_dtor(void *obj, void *shadow_data)
{
	if (reader_dtor(shadow_data))
		return;
	/* Only the native core promises a context that may sleep. */
	while (READ_ONCE(dtor_hold))
		msleep(20);
	atomic_inc(&obj_freed);
	if (log_shadows)
		pr_info("shadow_dtor: state %d obj %d\n", OBJ_SHADOW_ID,
			*(int *)shadow_data);
}

static int obj_pre_patch_shadows(struct klp_state *state)
{
	int i, found = 0;

	for (i = 0; i < nr_shadow && i < SHADOW_MAX; i++)
		found += !!klp_state_shadow_get(state, obj_shadow_key(i));
	if (found)
		pr_info("pre_patch: state %lu finds %d shadow variables\n",
			state->id, found);
	for (i = 0; i < nr_shadow && i < SHADOW_MAX; i++)
		if (!klp_state_shadow_get_or_alloc(state, obj_shadow_key(i),
						   sizeof(int), GFP_KERNEL,
						   obj_shadow_ctor, NULL))
			return -ENOMEM;
	return 0;
}

static int obj_shadows_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d made, %d freed\n", atomic_read(&obj_made),
			  atomic_read(&obj_freed));
}

static const struct kernel_param_ops obj_shadows_ops = {
	.get = obj_shadows_get,
};
module_param_cb(obj_shadows, &obj_shadows_ops, NULL, 0400);
MODULE_PARM_DESC(obj_shadows, "shadow variables of state 9 made and freed");

/*
 * klp_get_state() must find the very entry the callback got, on every
 * backend, in every phase: sources keep ->data from pre_patch and free it
 * in post_unpatch through it.
 */
static void check_get_state(const char *phase, struct klp_patch *patch,
			    struct klp_state *state)
{
	struct klp_state *found = klp_get_state(patch, state->id);

	if (found != state)
		pr_info("%s: klp_get_state(%lu) is %s, not the callback's state\n",
			phase, state->id, found ? "another entry" : "NULL");
}

static int cb_pre_patch(struct klp_patch *patch, struct klp_state *state)
{
	int i;

	check_get_state("pre_patch", patch, state);
	if (state->id == SHADOW_ID) {
		for (i = 0; i < nr_shadow && i < SHADOW_MAX; i++)
			if (!klp_state_shadow_get_or_alloc(state, shadow_obj(i),
							   sizeof(int),
							   GFP_KERNEL,
							   cb_shadow_ctor, state))
				goto nomem;
	}
	if (state->id == OBJ_SHADOW_ID && obj_pre_patch_shadows(state))
		goto nomem;
	if (state->id == SHADOW_ID || state->id == OBJ_SHADOW_ID)
		WRITE_ONCE(reader_stopped[state->id == OBJ_SHADOW_ID], false);
	if (state->id == fail_pre_patch) {
		pr_info("pre_patch: state %lu fails\n", state->id);
		return -ENODEV;
	}
	pr_info("pre_patch: state %lu\n", state->id);
	return 0;

nomem:
	/* a shadow variable could not be allocated: the transcript says */
	pr_info("pre_patch: state %lu fails\n", state->id);
	return -ENOMEM;
}

static void cb_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	check_get_state("post_patch", patch, state);
	pr_info("post_patch: state %lu\n", state->id);
}

static void cb_pre_unpatch(struct klp_patch *patch, struct klp_state *state)
{
	check_get_state("pre_unpatch", patch, state);
	pr_info("pre_unpatch: state %lu\n", state->id);
}

static void cb_post_unpatch(struct klp_patch *patch, struct klp_state *state)
{
	check_get_state("post_unpatch", patch, state);
	if (state->id == SHADOW_ID || state->id == OBJ_SHADOW_ID)
		reader_stop(state->id == OBJ_SHADOW_ID);
	pr_info("post_unpatch: state %lu\n", state->id);
}

static void cb_shadow_dtor(void *obj, void *shadow_data)
{
	if (reader_dtor(shadow_data))
		return;
	if (!dtor_sleeps) {
		pr_info("shadow_dtor: obj %lu\n", (unsigned long)obj);
		return;
	}
	/* Only the native core promises a context that may sleep. */
	might_sleep();
	usleep_range(1000, 2000);
	pr_info("shadow_dtor: obj %lu, slept%s\n", (unsigned long)obj,
		irqs_disabled() ? " with interrupts off" : "");
}

#define CBS	.callbacks.pre_patch = cb_pre_patch,			\
		.callbacks.post_patch = cb_post_patch,			\
		.callbacks.pre_unpatch = cb_pre_unpatch,		\
		.callbacks.post_unpatch = cb_post_unpatch

static struct klp_state catalog[] = {
	KLP_STATE(1, CBS),
	KLP_STATE(2, CBS),
	KLP_SHADOW_STATE(SHADOW_ID, cb_shadow_dtor, CBS),
	KLP_STATE(SHADOW_ID, CBS),
	KLP_STATE(4, CBS, .block_disable = true),
	KLP_STATE(4, CBS),
	KLP_STATE(5, CBS, .version = 1),
	KLP_STATE(5, CBS, .version = 2),
	KLP_STATE(6),
	/* a plain entry whose data no one may read: a fault if read */
	{ .id = 7, .data = (void *)(POISON_POINTER_DELTA + 0x7a) },
#if defined(KLP_STATE_COMPAT) || defined(KLP_HAVE_STATE_OBJECTS)
	KLP_STATE(8, CBS, .obj_name = MOD),
	KLP_SHADOW_STATE(OBJ_SHADOW_ID, cb_obj_dtor, CBS, .obj_name = MOD),
	KLP_STATE(10, CBS, .block_disable = true, .obj_name = MOD),
	KLP_STATE(10, CBS, .obj_name = MOD),
	KLP_STATE(8, CBS, .obj_name = "test_klp_state_nowhere"),
	KLP_STATE(8, CBS, .obj_name = ""),
	KLP_STATE(8, CBS, .version = 1, .obj_name = MOD),
	KLP_STATE(8, CBS),
	KLP_STATE(8, CBS, .obj_name = "test_klp_state_target"),
#endif
};

static const char * const catalog_keys[] = {
	"1", "2", "3s", "3", "4b", "4", "5v1", "5v2", "6", "7p",
#if defined(KLP_STATE_COMPAT) || defined(KLP_HAVE_STATE_OBJECTS)
	"8m", "9m", "10mb", "10m", "8x", "8e", "8v", "8", "8t",
#endif
};

/* room for the catalog twice, more than the limit and the terminator */
static struct klp_state table[ARRAY_SIZE(catalog) * 2 +
			      KLP_STATE_MAX_STATES + 2];

static int obj_pre_patch(struct klp_object *obj)
{
	const char *name = obj->name ?: "vmlinux";

	if (obj->name && fail_obj_pre_patch) {
		pr_info("object pre_patch: %s fails\n", name);
		return -ENODEV;
	}
	pr_info("object pre_patch: %s\n", name);
	return 0;
}

static void obj_post_patch(struct klp_object *obj)
{
	pr_info("object post_patch: %s\n", obj->name ?: "vmlinux");
}

static void obj_pre_unpatch(struct klp_object *obj)
{
	pr_info("object pre_unpatch: %s\n", obj->name ?: "vmlinux");
}

static void obj_post_unpatch(struct klp_object *obj)
{
	pr_info("object post_unpatch: %s\n", obj->name ?: "vmlinux");
}

/* Sleeps like the original while the target holds its worker here. */
static noinline void livepatch_busy_wait(bool *block)
{
	test_klp_hold(block);
}

static struct klp_func no_funcs[] = { {} };

static struct klp_func target_funcs[] = {
	{
		.old_name = "test_klp_state_busy_wait",
		.new_func = livepatch_busy_wait,
	}, {
		.old_name = "test_klp_state_read",
		.new_func = livepatch_read,
	}, {}
};

static struct klp_object objs[5];

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = table,
};

/* What klp_get_state() finds for each entry of the table, outside callbacks. */
static int get_state_get(char *buf, const struct kernel_param *kp)
{
	struct klp_state *state, *found;
	int len = 0;

	for (state = table; state->id; state++) {
		found = klp_get_state(&patch, state->id);
		len += sysfs_emit_at(buf, len, "%s%lu:%s", len ? " " : "",
				     state->id, found == state ? "own" :
				     found ? "other" : "none");
	}
	return len + sysfs_emit_at(buf, len, "\n");
}

static const struct kernel_param_ops get_state_ops = {
	.get = get_state_get,
};
module_param_cb(get_state, &get_state_ops, NULL, 0400);
MODULE_PARM_DESC(get_state, "what klp_get_state() finds for each state");

/*
 * Code that does not know the states: a livepatch written for a stock
 * kernel frees an id with klp_shadow_free_all() in its exit.  Its
 * destructor must be handed only variables attached with that id.
 */
static void cb_foreign_dtor(void *obj, void *shadow_data)
{
	pr_info("foreign_dtor: obj %lu\n", (unsigned long)obj);
}

static int free_all_set(const char *val, const struct kernel_param *kp)
{
	unsigned long id;
	int ret;

	ret = kstrtoul(val, 0, &id);
	if (ret)
		return ret;
	klp_shadow_free_all(id, cb_foreign_dtor);
	return 0;
}

static const struct kernel_param_ops free_all_ops = {
	.set = free_all_set,
};
module_param_cb(free_all, &free_all_ops, NULL, 0200);
MODULE_PARM_DESC(free_all, "klp_shadow_free_all() of the id written, as code outside the states would");

static int parse_states(void)
{
	char *list, *key, *cur;
	int i, n = 0, ret = 0;

	cur = list = kstrdup(states, GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	while ((key = strsep(&cur, ",")) && ret == 0) {
		if (!*key)
			continue;
		i = match_string(catalog_keys, ARRAY_SIZE(catalog_keys), key);
		if (i < 0 || n == ARRAY_SIZE(table) - 1) {
			ret = -EINVAL;
		} else {
			table[n++] = catalog[i];
			reader_patch |= !strcmp(key, "3s");
			reader_obj |= !strcmp(key, "9m");
		}
	}
	kfree(list);
	/* tables only the load can judge: the header's macros never see them */
	if (extra_states > KLP_STATE_MAX_STATES + 1 ||
	    n + extra_states + reserved_state > ARRAY_SIZE(table) - 1)
		return -EINVAL;
	for (i = 0; i < extra_states; i++)
		table[n++].id = 101 + i;
	if (reserved_state)
		table[n++].id = KLP_STATE_RESERVED_ID;
	return ret;
}

static void setup_objs(void)
{
	struct klp_callbacks cbs = {
		.pre_patch = obj_pre_patch,
		.post_patch = obj_post_patch,
		.pre_unpatch = obj_pre_unpatch,
		.post_unpatch = obj_post_unpatch,
	};
	int n = 0;

	if (!no_vmlinux) {
		objs[n].funcs = no_funcs;
		if (obj_callbacks)
			objs[n].callbacks = cbs;
		n++;
	}
	if (two_vmlinux)
		objs[n++].funcs = no_funcs;
	if (target || no_vmlinux) {
		objs[n].name = "test_klp_state_target";
		objs[n].funcs = target_funcs;
		if (obj_callbacks)
			objs[n].callbacks = cbs;
		n++;
	}
	if (mod) {
		objs[n].name = MOD;
		objs[n].funcs = mod_funcs;
		if (obj_callbacks)
			objs[n].callbacks = cbs;
	}
}

/* An enable the kernel documents as the init's job, after the init. */
static void late_enable_fn(struct work_struct *work)
{
	pr_info("late enable: %d\n", klp_enable_patch(&patch));
}

static DECLARE_WORK(late_enable_work, late_enable_fn);

static int __init test_klp_state_init(void)
{
	int ret = parse_states();

	if (ret) {
		pr_err("bad states parameter '%s'\n", states);
		return ret;
	}
	setup_objs();
	if (no_objs)
		patch.objs = NULL;
	patch.replace = replace;
	if (late_enable) {
		schedule_work(&late_enable_work);
		return 0;
	}
	test_klp_fault_arm();
	return klp_enable_patch(&patch);
}

static void __exit test_klp_state_exit(void)
{
	flush_work(&late_enable_work);
	if (atomic_read(&obj_made) || atomic_read(&obj_freed))
		pr_info("exit: %d shadow variables made, %d freed\n",
			atomic_read(&obj_made), atomic_read(&obj_freed));
}

module_init(test_klp_state_init);
module_exit(test_klp_state_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
/* Which backend the header chose: the transcripts depend on it. */
#ifdef KLP_STATE_NATIVE
MODULE_INFO(klp_state_backend, "native");
#else
MODULE_INFO(klp_state_backend, "compat");
#endif
#if defined(KLP_STATE_COMPAT) || defined(KLP_HAVE_STATE_OBJECTS)
MODULE_INFO(klp_state_objects, "Y");
#endif
MODULE_DESCRIPTION("klp-state selftest livepatch");
