/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * klp/state-compat.h - the compat engine of klp/state.h
 *
 * Stock kernels know nothing of state callbacks.  This engine runs inside
 * each livepatch module built with <klp/state.h> and gives the states
 * their semantics with the exported livepatch API only: the module's
 * klp_enable_patch() goes through klp_state_enable_patch(), which hands
 * the kernel tables of its own, and the callbacks of the vmlinux object
 * in them run the state layer around the author's object callbacks.
 *
 * A module has one engine, however many of its files include the header.
 * A livepatch built from one file gets it in that file.  In a livepatch
 * built from several, exactly one file defines KLP_STATE_ENGINE before
 * the include; the others reach that file's engine through three
 * functions whose names start with KLP_STATE_ENGINE_, so that a module
 * where no file, or two files, define it fails to link with a message
 * naming the macro.  The engine's code and data are static: a file that
 * does not hold the engine compiles them, and the compiler drops them.
 *
 * Compat livepatches find each other through a registry kept in a shadow
 * variable (the one store every module can reach); its layout is the
 * protocol of <klp/state-proto.h>.  Include <klp/state.h>, never this
 * file.
 */
#ifndef _KLP_STATE_COMPAT_H
#define _KLP_STATE_COMPAT_H

#ifndef KLP_STATE_COMPAT
#error "include <klp/state.h>, not <klp/state-compat.h>"
#endif

#if !defined(MODULE) || !defined(KBUILD_MODNAME) || !defined(KBUILD_BASENAME)
#error "klp/state.h: build the livepatch as a module with kbuild, which names its files and the module"
#endif

#include <linux/list.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <klp/state-proto.h>

/**
 * KLP_STATE_MAX_OBJS - most objects one livepatch may patch (compat)
 */
#ifndef KLP_STATE_MAX_OBJS
#define KLP_STATE_MAX_OBJS	32
#endif

/*
 * Does this file hold the module's engine?  The one that defines
 * KLP_STATE_ENGINE does; without it, the only file of a module built
 * from one, whose name kbuild gives as the module's.  The comparison of
 * two string constants folds at compile time.
 */
#ifdef KLP_STATE_ENGINE
#define __klp_state_engine_here()	true
#else
#define __klp_state_engine_here()				\
	(!__builtin_strcmp(KBUILD_BASENAME, KBUILD_MODNAME))
#endif

enum __klp_state_phase {
	__KLP_STATE_IDLE,
	__KLP_STATE_ENABLING,
	__KLP_STATE_ENABLED,
	__KLP_STATE_DISABLING,
};

/*
 * A record as this engine stores it.  The protocol selftest builds an
 * engine of a later protocol, whose records have grown, by padding it.
 */
struct __klp_state_slot {
	struct __klp_state_record record;
#ifdef __KLP_STATE_TEST_RECORD_GROWTH
	unsigned long later_protocol[__KLP_STATE_TEST_RECORD_GROWTH];
#endif
};

/*
 * This module's engine: its livepatch and the tables the kernel sees.
 * The tables are allocated at the enable, to the measure of the patch
 * (__klp_state_alloc_tables()), and the module's static data is only
 * what follows.
 */
static struct {
	struct __klp_state_registered self;
	struct __klp_state_slot *slots;
	/* legacy, blocking, reserved, then the states hidden once enabled */
	struct klp_state *kernel_states;
	unsigned int nr_kept;
	unsigned int nr_managed;
	/* vmlinux first, then the modules */
	struct klp_object *objs;
	const struct klp_object **author_objs;
	bool *post_done;
	enum __klp_state_phase phase;
	/* 1: this transition was forced, 2: an earlier one */
	u8 shadows_kept;
	/* the forced marks of earlier transitions, __klp_state_forced_begin() */
	unsigned long marks;
} __klp_state_engine;

#define __klp_state_self	(&__klp_state_engine.self)

static struct klp_func __klp_state_no_funcs[1];
static const struct klp_state_compat __klp_state_plain;

#pragma push_macro("pr_fmt")
#undef pr_fmt
#define pr_fmt(fmt) "klp-state: " fmt

/* ---- registry ---- */

static int __klp_state_registry_ctor(void *obj, void *data, void *ctor_data)
{
	struct __klp_state_registry *registry = data;

	registry->proto = KLP_STATE_PROTO;
	registry->oldest = KLP_STATE_PROTO_OLDEST;
	registry->size = sizeof(*registry);
	INIT_LIST_HEAD(&registry->patches);
	return 0;
}

/*
 * The registry changes only under klp_mutex: every engine changes it from
 * a livepatch callback.  The engine reads it there without more; the
 * lookups, which patched code may call at any time, read it under RCU
 * (klp_state_lookup_begin()).
 */
static struct __klp_state_registry *__klp_state_registry(void)
{
	return klp_shadow_get(NULL, KLP_STATE_RESERVED_ID);
}

static struct __klp_state_registry *__klp_state_registry_get(void)
{
	return klp_shadow_get_or_alloc(NULL, KLP_STATE_RESERVED_ID,
				       sizeof(struct __klp_state_registry),
				       GFP_KERNEL, __klp_state_registry_ctor,
				       NULL);
}

/*
 * The registry goes with the last compat livepatch; klp_shadow_free()
 * frees it after a grace period, so a lookup holding it stays safe.
 */
static noinline void
__klp_state_registry_put(struct __klp_state_registry *registry)
{
	if (registry && list_empty(&registry->patches))
		klp_shadow_free(NULL, KLP_STATE_RESERVED_ID, NULL);
}

/*
 * Every compat livepatch joins the registry for its enable, so that the
 * livepatches it replaces see the replace pending.  Only one with managed
 * states stays once enabled: nothing else of it needs another engine, and
 * a livepatch that is not registered may be replaced by one built without
 * the header.
 */
static void __klp_state_register(struct __klp_state_registry *registry)
{
	list_add_tail_rcu(&__klp_state_self->node, &registry->patches);
}

/* Is this module's livepatch in the registry? */
static bool __klp_state_registered(void)
{
	return __klp_state_engine.nr_managed ||
	       __klp_state_engine.phase == __KLP_STATE_ENABLING;
}

/*
 * An entry leaves the registry with list_del_rcu(): a lookup on another
 * CPU may still walk it.  The entry is static data of its module, which
 * free_module() gives back only after a grace period; its records go
 * after one too (__klp_state_free_tables()).
 */
static noinline void __klp_state_forget(struct __klp_state_registered *patch)
{
	list_del_rcu(&patch->node);
}

static void __klp_state_unregister(struct __klp_state_registry *registry)
{
	if (__klp_state_registered())
		__klp_state_forget(__klp_state_self);
	__klp_state_registry_put(registry);
}

/*
 * A compat transition is pending while this marker exists.  An enable
 * checks it without klp_mutex, so it is a shadow variable of its own:
 * looked up by key, never read.
 */
#define __KLP_STATE_BUSY_KEY	((void *)1)

static bool __klp_state_busy_begin(void)
{
	return klp_shadow_get_or_alloc(__KLP_STATE_BUSY_KEY,
				       KLP_STATE_RESERVED_ID, 0, GFP_KERNEL,
				       NULL, NULL);
}

static void __klp_state_busy_end(void)
{
	klp_shadow_free(__KLP_STATE_BUSY_KEY, KLP_STATE_RESERVED_ID, NULL);
}

static bool __klp_state_busy(void)
{
	return klp_shadow_get(__KLP_STATE_BUSY_KEY, KLP_STATE_RESERVED_ID);
}

/* ---- records ---- */

/*
 * Record @i of @patch.  This module's records have a stride the compiler
 * knows; another module's are walked by the stride its engine recorded.
 */
static __always_inline struct __klp_state_record *
__klp_state_record_of(const struct __klp_state_registered *patch,
		      unsigned int i)
{
	if (__builtin_constant_p(patch == __klp_state_self) &&
	    patch == __klp_state_self)
		return &__klp_state_engine.slots[i].record;
	return __klp_state_record_at(patch, i);
}

/* Every record of a registered livepatch: the one way records are walked. */
#define __klp_state_for_each_record(_patch, _record, _i)		\
	for ((_i) = 0; (_i) < (_patch)->nr_records &&			\
	     ((_record) = __klp_state_record_of(_patch, _i)); (_i)++)

/* ---- who carries a state ---- */

static noinline struct __klp_state_record *
__klp_state_find_record(const struct __klp_state_registered *patch,
			unsigned long id)
{
	struct __klp_state_record *record;
	unsigned int i;

	__klp_state_for_each_record(patch, record, i)
		if (record->state->id == id)
			return record;
	return NULL;
}

/* Is the module of a per-object state patched by @patch now? */
static bool __klp_state_live(const struct __klp_state_registered *patch,
			     const struct __klp_state_record *record)
{
	struct klp_object *obj = __klp_state_obj_of(patch, record);

	return !obj || obj->mod;
}

/*
 * The newest livepatch registered before @newer that carries @id, or
 * NULL; @newer NULL: the newest of all.  Under klp_mutex or RCU.
 */
static struct __klp_state_record *
__klp_state_newest_before(struct __klp_state_registry *registry,
			  const struct __klp_state_registered *newer,
			  unsigned long id)
{
	struct __klp_state_record *record, *found = NULL;
	struct __klp_state_registered *older;

	if (!registry)
		return NULL;
	list_for_each_entry_rcu(older, &registry->patches, node) {
		if (older == newer)
			break;
		record = __klp_state_find_record(older, id);
		if (record)
			found = record;
	}
	return found;
}

/*
 * Is @patch leaving: being disabled, or its enable reversed?  The kernel
 * clears &klp_patch.enabled when such a transition starts.
 */
static bool __klp_state_leaving(const struct __klp_state_registered *patch)
{
	return !READ_ONCE(patch->patch->enabled);
}

/*
 * Does this livepatch introduce @id of a module that loads now?  The
 * oldest carrier that is not leaving does, as the kernel patches the
 * module oldest first; a leaving one only when no other carrier stays,
 * and its transition's end removes the state again.
 */
static bool __klp_state_introduces(struct __klp_state_registry *registry,
				   unsigned long id)
{
	bool leaving = __klp_state_leaving(__klp_state_self);
	struct __klp_state_registered *other;

	list_for_each_entry(other, &registry->patches, node) {
		if (other == __klp_state_self) {
			if (!leaving)
				break;
		} else if (!__klp_state_leaving(other) &&
			   __klp_state_find_record(other, id)) {
			return false;
		}
	}
	return true;
}

/* Does a registered livepatch other than this module's carry @id? */
static bool __klp_state_in_other(struct __klp_state_registry *registry,
				 unsigned long id)
{
	struct __klp_state_registered *other;

	if (!registry)
		return false;
	list_for_each_entry(other, &registry->patches, node)
		if (other != __klp_state_self &&
		    __klp_state_find_record(other, id))
			return true;
	return false;
}

/*
 * Does a livepatch registered after @patch carry @id; with @live, one
 * that patches the state's module now?  A livepatch whose pre_patch
 * refused a loading module does not: the kernel cleared its object's
 * module before it unpatches the others.
 */
static noinline bool __klp_state_in_newer(struct __klp_state_registry *registry,
					  struct __klp_state_registered *patch,
					  unsigned long id, bool live)
{
	struct __klp_state_registered *newer = patch;
	struct __klp_state_record *record;

	list_for_each_entry_continue(newer, &registry->patches, node) {
		record = __klp_state_find_record(newer, id);
		if (record && (!live || __klp_state_live(newer, record)))
			return true;
	}
	return false;
}

/*
 * Is @id present elsewhere?  Compat livepatches are in the registry; the
 * kernel knows the states of the others (built without the header) that
 * were registered before this module's.
 */
static noinline bool __klp_state_elsewhere(struct __klp_state_registry *registry,
				  unsigned long id)
{
	return __klp_state_in_other(registry, id) || klp_get_prev_state(id);
}

/* ---- what happens to one state ---- */

/*
 * The kernel (and livepatches built without the header) read the data of
 * a legacy state through its copy in the kernel's table: it follows the
 * author's entry after every callback.
 */
static noinline void __klp_state_sync_copies(void)
{
	struct __klp_state_record *record;
	unsigned int i;

	__klp_state_for_each_record(__klp_state_self, record, i)
		if (record->kernel_copy)
			record->kernel_copy->data = record->state->data;
}

/*
 * The kernel marks the livepatches a forced transition removes (forced)
 * and leaves the mark when the transition is then reversed.  For its own
 * transitions this engine clears the marks that earlier ones left, and
 * puts them back at the end: in between, a mark says that this
 * transition was forced.  The kernel reads it only when it frees the
 * livepatch, after the end.  A livepatch past the first BITS_PER_LONG
 * keeps its mark.
 */
static noinline void __klp_state_forced_marks(struct __klp_state_registry *registry,
					      bool begin)
{
	struct __klp_state_registered *other;
	unsigned long bit = 1;

	/* no registry: no compat livepatch with managed states */
	if (!registry)
		return;
	list_for_each_entry(other, &registry->patches, node) {
		if (bit && (begin ? other->patch->forced :
			    __klp_state_engine.marks & bit)) {
			other->patch->forced = !begin;
			__klp_state_engine.marks |= bit;
		}
		bit <<= 1;
	}
	if (!begin)
		__klp_state_engine.marks = 0;
}

static void __klp_state_forced_begin(struct __klp_state_registry *registry)
{
	__klp_state_forced_marks(registry, true);
}

static void __klp_state_forced_end(struct __klp_state_registry *registry)
{
	__klp_state_forced_marks(registry, false);
}

/*
 * Variables of id @id were kept after a forced transition while a marker
 * says so: a shadow variable of KLP_STATE_RESERVED_ID that holds @id, never
 * freed.  Under the reserved id no klp_shadow_free_all() of a livepatch
 * hands it to a destructor.  Its key is derived from @id; the keys of the
 * registry and of the busy marker are skipped, and a key taken by the
 * marker of another id makes the next one tried.  Callbacks and module
 * notifiers run under klp_mutex, so markers come one at a time.
 */
static unsigned long *__klp_state_kept_marker(unsigned long id, bool make)
{
	unsigned long key = id ^ KLP_STATE_RESERVED_ID, *marker;

	for (;; key++) {
		if (key <= (unsigned long)__KLP_STATE_BUSY_KEY)
			continue;
		marker = klp_shadow_get((void *)key, KLP_STATE_RESERVED_ID);
		if (marker && *marker == id)
			return marker;
		if (marker)
			continue;
		if (!make)
			return NULL;
		marker = klp_shadow_alloc((void *)key, KLP_STATE_RESERVED_ID,
					  sizeof(*marker), GFP_KERNEL, NULL, NULL);
		if (marker)
			*marker = id;
		return marker;
	}
}

/*
 * After a forced transition, tasks may still run the code of the
 * livepatches and use the variables: keep them, as the kernel keeps a
 * forced livepatch's module, and say so once (__klp_state_report_kept()).
 * The stock kernel cannot hide them from a later instance of the state:
 * the marker keeps that instance's variables too, never freeing the
 * kept ones.
 */
static noinline void __klp_state_free_shadows(const struct __klp_state_record *record)
{
	struct __klp_state_registry *registry = __klp_state_registry();
	struct __klp_state_registered *other;
	unsigned long id = record->state->id;
	bool forced = false;

	if (!record->compat->is_shadow)
		return;
	/* in a transition the marks are this one's (forced_begin) */
	if (registry && __klp_state_busy())
		list_for_each_entry(other, &registry->patches, node)
			forced |= other->patch->forced;
	if (__klp_state_kept_marker(id, forced)) {
		__klp_state_engine.shadows_kept |= forced ? 1 : 2;
		return;
	}
	/* without a marker, the next removal would free what forced tasks use */
	if (forced) {
		pr_err("'%s': no memory to mark the kept shadow variables of state 0x%lx\n",
		       __klp_state_self->patch->mod->name, id);
		__klp_state_engine.shadows_kept |= 1;
		return;
	}
	klp_shadow_free_all(id, record->compat->callbacks.shadow_dtor);
}

static noinline void __klp_state_report_kept(void)
{
	if (!__klp_state_engine.shadows_kept)
		return;
	pr_notice("'%s': %s, shadow variables of the removed states are kept\n",
		  __klp_state_self->patch->mod->name,
		  __klp_state_engine.shadows_kept & 1 ? "forced transition" :
		  "an earlier transition was forced");
	__klp_state_engine.shadows_kept = 0;
}

static void __klp_state_post_patch_one(struct klp_patch *patch,
				       struct __klp_state_record *record)
{
	if (record->compat->callbacks.post_patch)
		record->compat->callbacks.post_patch(patch, record->state);
	record->active = false;
}

static void __klp_state_pre_unpatch_one(struct klp_patch *patch,
					struct __klp_state_record *record)
{
	if (record->compat->callbacks.pre_unpatch)
		record->compat->callbacks.pre_unpatch(patch, record->state);
}

/* The state is removed: post_unpatch, then its shadow variables. */
static void __klp_state_remove_one(struct klp_patch *patch,
				   struct __klp_state_record *record)
{
	if (record->compat->callbacks.post_unpatch)
		record->compat->callbacks.post_unpatch(patch, record->state);
	__klp_state_free_shadows(record);
	if (record->shadows_left && !record->compat->is_shadow)
		pr_warn("state 0x%lx: livepatch '%s' removes it without is_shadow, the shadow variables an earlier livepatch owned are left\n",
			record->state->id, patch->mod->name);
	record->active = false;
}

/* For __klp_state_finish(): the states of every module */
#define __KLP_STATE_MODULES	((const struct klp_object *)1)

/*
 * The states of @obj that this module's livepatch introduces or removes
 * right now, in array order: post_patch when @patched, else removed.
 * @obj NULL: all of them, the modules' first (__KLP_STATE_MODULES: those
 * of every module), as the states are the outer layer.  Callers use the
 * named wrappers below.
 */
static noinline void __klp_state_finish(const struct klp_object *obj,
					bool patched)
{
	struct klp_patch *patch = __klp_state_self->patch;
	struct __klp_state_record *record;
	unsigned int i;

	if (!obj)
		__klp_state_finish(__KLP_STATE_MODULES, patched);
	__klp_state_for_each_record(__klp_state_self, record, i) {
		if (!record->active ||
		    (record->obj != obj &&
		     (obj != __KLP_STATE_MODULES || !record->obj)))
			continue;
		if (patched)
			__klp_state_post_patch_one(patch, record);
		else
			__klp_state_remove_one(patch, record);
	}
}

static void __klp_state_post_patch_marked(const struct klp_object *obj)
{
	__klp_state_finish(obj, true);
}

static void __klp_state_remove_marked(const struct klp_object *obj)
{
	__klp_state_finish(obj, false);
}

/* ---- states dropped by an atomic replace ---- */

static void __klp_state_warn_is_shadow(const struct __klp_state_registered *old,
				       const struct __klp_state_record *record,
				       struct __klp_state_record *kept)
{
	if (kept->compat->is_shadow != record->compat->is_shadow)
		pr_warn_once("state 0x%lx: is_shadow differs between livepatches '%s' and '%s'\n",
			     record->state->id, old->patch->mod->name,
			     __klp_state_self->patch->mod->name);
	/* remembered, so that the last remover can say what it leaves */
	if (!kept->compat->is_shadow &&
	    (record->compat->is_shadow || record->shadows_left))
		kept->shadows_left = true;
}

/*
 * A replace drops the states the new livepatch lacks.  Each is removed
 * once, by the newest replaced livepatch carrying it, whose callbacks and
 * shadow destructor know it best.
 */
static void __klp_state_drops_begin(struct __klp_state_registry *registry)
{
	struct __klp_state_registered *old;
	struct __klp_state_record *record, *kept;
	unsigned int i;

	list_for_each_entry(old, &registry->patches, node) {
		if (old == __klp_state_self)
			continue;
		__klp_state_for_each_record(old, record, i) {
			record->active = false;
			/* a module that is not loaded has nothing to remove */
			if (!__klp_state_live(old, record))
				continue;
			kept = __klp_state_find_record(__klp_state_self,
						       record->state->id);
			if (kept) {
				__klp_state_warn_is_shadow(old, record, kept);
				continue;
			}
			if (__klp_state_in_newer(registry, old,
						 record->state->id, false))
				continue;
			record->active = true;
			__klp_state_pre_unpatch_one(old->patch, record);
		}
	}
}

/*
 * The replace ends: the replaced livepatches remove the states they drop
 * when it completed (@done), or post_patch undoes their pre_unpatch when
 * it failed or was reversed.  Callers use the named wrappers below.
 */
static noinline void __klp_state_drops_end(struct __klp_state_registry *registry,
					   bool done)
{
	struct __klp_state_registered *old;
	struct __klp_state_record *record;
	unsigned int i;

	list_for_each_entry(old, &registry->patches, node) {
		if (old == __klp_state_self)
			continue;
		__klp_state_for_each_record(old, record, i) {
			if (!record->active)
				continue;
			if (done)
				__klp_state_remove_one(old->patch, record);
			else
				__klp_state_post_patch_one(old->patch, record);
		}
	}
}

/*
 * The replaced livepatches stay registered until the new livepatch's
 * post_patch ran, where klp_get_prev_state() still finds them, as on
 * native kernels.
 */
static void __klp_state_drops_finish(struct __klp_state_registry *registry)
{
	__klp_state_drops_end(registry, true);
}

static void __klp_state_drops_undo(struct __klp_state_registry *registry)
{
	__klp_state_drops_end(registry, false);
}

/* The replaced livepatches leave the registry. */
static void __klp_state_forget_replaced(struct __klp_state_registry *registry)
{
	struct __klp_state_registered *old, *tmp;

	list_for_each_entry_safe(old, tmp, &registry->patches, node)
		if (old != __klp_state_self)
			__klp_state_forget(old);
}

/* Is this module's livepatch replacing others right now? */
static bool __klp_state_replacing(void)
{
	return __klp_state_engine.phase == __KLP_STATE_ENABLING &&
	       __klp_state_self->patch->replace;
}

/* ---- the phases of this module's livepatch ---- */

/* Object @i is patched (@patched) or unpatched: the author's callback. */
static noinline void __klp_state_author_post(unsigned int i, bool patched)
{
	const struct klp_object *author_obj = __klp_state_engine.author_objs[i];
	void (*post)(struct klp_object *obj) = NULL;

	if (author_obj)
		post = patched ? author_obj->callbacks.post_patch :
				 author_obj->callbacks.post_unpatch;
	if (post)
		post(&__klp_state_engine.objs[i]);
}

/*
 * The states are the outer layer: at the end of a transition, the
 * authors' post callbacks of every loaded object run first, then the
 * states.  Run the objects' now, and skip the modules' when the kernel
 * gets to them.
 */
static void __klp_state_objs_post(bool patched)
{
	struct klp_object *obj;
	unsigned int i;

	for (i = 0; __klp_state_engine.objs[i].funcs; i++) {
		obj = &__klp_state_engine.objs[i];
		if (i && !obj->mod)
			continue;
		if (!patched && !obj->callbacks.post_unpatch_enabled)
			continue;
		__klp_state_author_post(i, patched);
		__klp_state_engine.post_done[i] = i != 0;
	}
}

/*
 * The livepatch goes: disabled, or its enable failed or was reversed.
 * After the objects' callbacks, a replace puts back what it began to
 * drop, then the states this livepatch introduced or removes go.
 */
static void __klp_state_leave(struct __klp_state_registry *registry)
{
	__klp_state_objs_post(false);
	/* registered while it replaces: the registry is there */
	if (__klp_state_replacing())
		__klp_state_drops_undo(registry);
	__klp_state_remove_marked(NULL);
	__klp_state_forced_end(registry);
	__klp_state_unregister(registry);
	__klp_state_busy_end();
	__klp_state_engine.phase = __KLP_STATE_IDLE;
}

/*
 * pre_patch of each state of @obj that this livepatch introduces; @obj
 * NULL: the patch-scope ones, and in a replace those of the loaded
 * modules too, as the new pre_patch runs before the old pre_unpatch.
 * A module's state is introduced by the oldest livepatch carrying it,
 * as the kernel patches a loading module oldest first.  On a failure,
 * the states before it are removed, and the shadow variables the
 * failing one attached are freed.
 */
static int __klp_state_introduce(struct __klp_state_registry *registry,
				 const struct klp_object *obj)
{
	struct klp_patch *patch = __klp_state_self->patch;
	struct __klp_state_record *record;
	unsigned long id;
	unsigned int i;
	int ret;

	__klp_state_for_each_record(__klp_state_self, record, i) {
		if (obj ? record->obj != obj :
		    record->obj && !(record->obj->mod && patch->replace))
			continue;
		id = record->state->id;
		record->active = record->obj ?
			__klp_state_introduces(registry, id) :
			!__klp_state_elsewhere(registry, id);
		if (!record->active || !record->compat->callbacks.pre_patch)
			continue;
		ret = record->compat->callbacks.pre_patch(patch, record->state);
		if (ret) {
			record->active = false;
			__klp_state_remove_marked(obj);
			__klp_state_free_shadows(record);
			return ret;
		}
	}
	return 0;
}

/*
 * Do this livepatch and one of protocol @proto, which works with @oldest
 * and later, work together?  Each must be at least the other's oldest.
 */
static bool __klp_state_speaks(unsigned int proto, unsigned int oldest)
{
	return proto >= __klp_state_self->oldest && oldest <= KLP_STATE_PROTO;
}

/*
 * Refuse the enable when the engine of the registry or of a registered
 * livepatch and this one cannot read each other's entries.
 */
static int __klp_state_check_protocols(struct __klp_state_registry *registry)
{
	const struct __klp_state_registered *self = __klp_state_self;
	struct __klp_state_registered *other;

	/* a registry from before protocol 2 has another layout: no walk */
	if (registry->proto < 2)
		goto registry;
	list_for_each_entry(other, &registry->patches, node) {
		if (__klp_state_speaks(other->proto, other->oldest))
			continue;
		pr_err("livepatch '%s' (state protocol %u, works with %u and later) cannot work with livepatch '%s' (state protocol %u, works with %u and later)\n",
		       self->patch->mod->name, KLP_STATE_PROTO, self->oldest,
		       other->patch->mod->name, other->proto, other->oldest);
		return -EINVAL;
	}
registry:
	if (registry->proto < KLP_STATE_PROTO_OLDEST ||
	    registry->oldest > KLP_STATE_PROTO) {
		pr_err("livepatch '%s' (state protocol %u, works with %u and later) cannot read the state registry of protocol %u\n",
		       self->patch->mod->name, KLP_STATE_PROTO, self->oldest,
		       registry->proto);
		return -EINVAL;
	}
	return 0;
}

static int __klp_state_pre_patch(struct klp_object *obj)
{
	const struct klp_object *author_obj = __klp_state_engine.author_objs[0];
	struct klp_patch *patch = __klp_state_self->patch;
	struct __klp_state_registry *registry;
	int ret;

	registry = __klp_state_registry_get();
	if (!registry || !__klp_state_busy_begin()) {
		pr_err("livepatch '%s': out of memory for the state registry\n",
		       patch->mod->name);
		ret = -ENOMEM;
		goto refused;
	}
	/* the lookups of this livepatch's callbacks stop at it from here */
	__klp_state_engine.phase = __KLP_STATE_ENABLING;
	ret = __klp_state_check_protocols(registry) ?:
	      __klp_state_introduce(registry, NULL);
	if (ret)
		goto refused;
	/* registered first: the replaced ones' lookups see the newest */
	__klp_state_register(registry);
	__klp_state_forced_begin(registry);
	if (patch->replace)
		__klp_state_drops_begin(registry);

	if (author_obj && author_obj->callbacks.pre_patch)
		ret = author_obj->callbacks.pre_patch(obj);
	if (ret)
		__klp_state_leave(registry);
	else
		__klp_state_registry_put(registry);
	return ret;

refused:
	/* nothing registered, nothing introduced; no marker is not an error */
	__klp_state_engine.phase = __KLP_STATE_IDLE;
	__klp_state_busy_end();
	__klp_state_registry_put(registry);
	__klp_state_report_kept();
	return ret;
}

static void __klp_state_post_patch(struct klp_object *obj)
{
	struct __klp_state_registry *registry = __klp_state_registry();
	bool replaced = __klp_state_replacing();

	__klp_state_objs_post(true);
	if (replaced)
		__klp_state_drops_finish(registry);
	__klp_state_post_patch_marked(NULL);
	__klp_state_forced_end(registry);
	if (replaced)
		__klp_state_forget_replaced(registry);
	/* registered for its enable only; a reversed disable is not one */
	if (!__klp_state_engine.nr_managed &&
	    __klp_state_engine.phase == __KLP_STATE_ENABLING)
		__klp_state_forget(__klp_state_self);
	__klp_state_registry_put(registry);
#ifndef KLP_HAVE_STATE_CALLBACKS
	/* hide the states a later replace may drop from the stock check */
	__klp_state_engine.kernel_states[__klp_state_engine.nr_kept].id = 0;
#endif
	__klp_state_engine.phase = __KLP_STATE_ENABLED;
	__klp_state_busy_end();
	__klp_state_report_kept();
}

static void __klp_state_warn_block_disable(void)
{
	struct __klp_state_record *record;
	unsigned int i;

	__klp_state_for_each_record(__klp_state_self, record, i) {
		if (record->compat->block_disable) {
			pr_err("livepatch '%s' state 0x%lx does not support disable, but this kernel cannot refuse it\n",
			       __klp_state_self->patch->mod->name,
			       record->state->id);
			return;
		}
	}
}

/*
 * Mark the states of @obj (NULL: the patch-scope ones) that go away with
 * it and run their pre_unpatch: on a disable, those not present
 * elsewhere; when a module unloads (@going), those no newer livepatch
 * carries, so that exactly one livepatch removes each, unless a pending
 * replace already began to drop them.  Callers use the named wrappers
 * below.
 */
static noinline void __klp_state_unpatching(const struct klp_object *obj,
					    bool going, bool live)
{
	struct __klp_state_registry *registry = __klp_state_registry();
	struct __klp_state_record *record;
	unsigned long id;
	unsigned int i;

	__klp_state_for_each_record(__klp_state_self, record, i) {
		id = record->state->id;
		if (record->obj != obj || (record->active && going))
			continue;
		record->active = going ?
			!__klp_state_in_newer(registry, __klp_state_self, id,
					      live) :
			!__klp_state_elsewhere(registry, id);
		if (record->active)
			__klp_state_pre_unpatch_one(__klp_state_self->patch,
						    record);
	}
}

/* This livepatch is disabled: the states of @obj it removes. */
static void __klp_state_disable_begin(const struct klp_object *obj)
{
	__klp_state_unpatching(obj, false, false);
}

/*
 * @obj goes (unloads, or a newer livepatch refused its load): the states
 * no newer livepatch patching it carries are this one's to remove.  In
 * this livepatch's own transition the kernel skips the object's
 * pre_unpatch; the state's still runs, from its post_unpatch.
 */
static void __klp_state_going(const struct klp_object *obj)
{
	__klp_state_unpatching(obj, true, true);
}

/*
 * @obj loads while a newer livepatch replaces this one: the states the
 * replace lacks begin to go at once.  The newer livepatches patch the
 * module after this one.
 */
static void __klp_state_dropped_on_load(const struct klp_object *obj)
{
	__klp_state_unpatching(obj, true, false);
}

static void __klp_state_pre_unpatch(struct klp_object *obj)
{
	const struct klp_object *author_obj = __klp_state_engine.author_objs[0];

	__klp_state_engine.phase = __KLP_STATE_DISABLING;
	/* best effort: without the marker a concurrent enable is not busy */
	__klp_state_busy_begin();
	__klp_state_warn_block_disable();
	__klp_state_forced_begin(__klp_state_registry());
	__klp_state_disable_begin(NULL);
	if (author_obj && author_obj->callbacks.pre_unpatch)
		author_obj->callbacks.pre_unpatch(obj);
}

static void __klp_state_post_unpatch(struct klp_object *obj)
{
	__klp_state_leave(__klp_state_registry());
	__klp_state_report_kept();
}

/*
 * The callbacks of the module objects: the module's states wrap the
 * author's callbacks.  The kernel calls them on the enable and the
 * disable, and when the module loads or unloads.
 */
static int __klp_state_obj_pre_patch(struct klp_object *obj)
{
	const struct klp_object *author_obj =
		__klp_state_engine.author_objs[obj - __klp_state_engine.objs];
	/*
	 * The kernel calls it when the module loads, or on the enable; in a
	 * replace, the states of the loaded modules came with the
	 * patch-scope ones (and go with them if the enable fails).
	 */
	bool early = __klp_state_self->patch->replace &&
		     obj->mod->state != MODULE_STATE_COMING;
	int ret = 0;

	if (!early)
		ret = __klp_state_introduce(__klp_state_registry(), obj);
	if (!ret && author_obj->callbacks.pre_patch)
		ret = author_obj->callbacks.pre_patch(obj);
	/* a failing introduction removed its states already */
	if (ret && !early)
		__klp_state_remove_marked(obj);
	return ret;
}

static void __klp_state_obj_pre_unpatch(struct klp_object *obj)
{
	const struct klp_object *author_obj =
		__klp_state_engine.author_objs[obj - __klp_state_engine.objs];

	if (__klp_state_engine.phase == __KLP_STATE_DISABLING)
		__klp_state_disable_begin(obj);
	else
		__klp_state_going(obj);
	if (author_obj->callbacks.pre_unpatch)
		author_obj->callbacks.pre_unpatch(obj);
}

/* Is a replace by a newer livepatch than this module's pending? */
static bool __klp_state_replaced(void)
{
	struct __klp_state_registry *registry = __klp_state_registry();
	struct __klp_state_registered *last;

	if (!registry || __klp_state_engine.phase == __KLP_STATE_ENABLING)
		return false;
	last = list_last_entry(&registry->patches, typeof(*last), node);
	return last != __klp_state_self && last->patch->replace;
}

/*
 * The post_patch and post_unpatch callbacks of the module objects.  The
 * kernel calls post_patch once it patched the object and post_unpatch
 * once it unpatched it: &klp_object.patched tells which.  Both skip what
 * __klp_state_objs_post() already ran.
 */
static void __klp_state_obj_post(struct klp_object *obj)
{
	unsigned int i = obj - __klp_state_engine.objs;
	bool patched = obj->patched;

	if (__klp_state_engine.post_done[i]) {
		__klp_state_engine.post_done[i] = false;
		return;
	}
	if (!patched && __klp_state_engine.phase != __KLP_STATE_ENABLED)
		__klp_state_going(obj);
	__klp_state_author_post(i, patched);
	__klp_state_finish(obj, patched);
	/* no transition ends an unload: say now what it kept */
	if (obj->mod->state == MODULE_STATE_GOING)
		__klp_state_report_kept();
	/*
	 * The module loads while a replace is pending: the newest replaced
	 * livepatch carrying a state the replace lacks begins to drop it at
	 * once, as the native core does; the replace's end removes it.
	 */
	if (patched && __klp_state_replaced())
		__klp_state_dropped_on_load(obj);
}

/*
 * The callbacks the kernel calls for every object of the engine's table.
 * The vmlinux object (first, and never a module) carries the patch-scope
 * states, which wrap every object's callbacks; a module object carries
 * its own states.  A post callback runs once the kernel patched or
 * unpatched the object: &klp_object.patched tells which.  After each,
 * the kernel's copies of the legacy states follow the author's entries.
 */
static __cold int __klp_state_on_pre_patch(struct klp_object *obj)
{
	int ret;

	if (!obj->name)
		ret = __klp_state_pre_patch(obj);
	else
		ret = __klp_state_obj_pre_patch(obj);
	__klp_state_sync_copies();
	return ret;
}

static __cold void __klp_state_on_pre_unpatch(struct klp_object *obj)
{
	if (!obj->name)
		__klp_state_pre_unpatch(obj);
	else
		__klp_state_obj_pre_unpatch(obj);
	__klp_state_sync_copies();
}

static __cold void __klp_state_on_post(struct klp_object *obj)
{
	if (obj->name)
		__klp_state_obj_post(obj);
	else if (obj->patched)
		__klp_state_post_patch(obj);
	else
		__klp_state_post_unpatch(obj);
	__klp_state_sync_copies();
}

static const struct klp_callbacks __klp_state_callbacks = {
	.pre_patch = __klp_state_on_pre_patch,
	.post_patch = __klp_state_on_post,
	.pre_unpatch = __klp_state_on_pre_unpatch,
	.post_unpatch = __klp_state_on_post,
};

/* ---- checking and building the tables ---- */

/* What KLP_STATE() attached to @state, NULL for a plain entry. */
static const struct klp_state_compat * __init
__klp_state_compat_of(const struct klp_state *state)
{
	/* the version alone tells: a plain entry's data is never read */
	return state->version == KLP_STATE_VERSION_MARK ? state->data : NULL;
}

/* Managed: declared by KLP_STATE() with version 0; the rest is legacy. */
static bool __init __klp_state_managed(const struct klp_state *state)
{
	const struct klp_state_compat *compat = __klp_state_compat_of(state);

	return compat && !compat->version;
}

/* The module object of @patch named @name, NULL when there is none. */
static struct klp_object * __init
__klp_state_find_obj(struct klp_object *objs, const char *name)
{
	struct klp_object *obj;

	for (obj = objs; obj->funcs || obj->name; obj++)
		if (obj->name && !strcmp(obj->name, name))
			return obj;
	return NULL;
}

/* A per-object state names a module the livepatch patches. */
static int __init __klp_state_check_obj_name(struct klp_patch *patch,
					     const struct klp_state *state)
{
	const struct klp_state_compat *compat = __klp_state_compat_of(state);
	const char *obj_name = compat ? compat->obj_name : NULL;

	if (!obj_name || (!compat->version && *obj_name &&
			  __klp_state_find_obj(patch->objs, obj_name)))
		return 0;
	pr_err("state 0x%lx of livepatch '%s' names object '%s', which %s\n",
	       state->id, patch->mod->name, obj_name, compat->version ?
	       "needs a state without a version" :
	       "the livepatch does not patch");
	return -EINVAL;
}

/*
 * A state keeps its scope across livepatches: one that a registered
 * livepatch has for the whole livepatch, or for another module, would
 * never be removed with its module, or removed where it was never
 * introduced.  Under RCU: the enable does not hold klp_mutex yet.
 */
static int __init __klp_state_check_scope(struct klp_patch *patch,
					  const struct klp_state *state,
					  const char *obj_name)
{
	struct __klp_state_registry *registry;
	struct __klp_state_registered *other;
	struct __klp_state_record *record;
	const struct klp_object *obj;
	int ret = 0;

	rcu_read_lock();
	registry = __klp_state_registry();
	if (!registry)
		goto out;
	list_for_each_entry_rcu(other, &registry->patches, node) {
		record = __klp_state_find_record(other, state->id);
		if (!record)
			continue;
		obj = __klp_state_obj_of(other, record);
		if (obj ? obj_name && !strcmp(obj->name, obj_name) : !obj_name)
			continue;
		pr_err("state 0x%lx of livepatch '%s' has another scope than in livepatch '%s'\n",
		       state->id, patch->mod->name, other->patch->mod->name);
		ret = -EINVAL;
		break;
	}
out:
	rcu_read_unlock();
	return ret;
}

static int __init __klp_state_check_states(struct klp_patch *patch)
{
	struct klp_state *state, *other;
	int ret;

	ret = __klp_state_check_limits(patch);
	if (ret)
		return ret;
	for (state = patch->states; state && state->id; state++) {
		ret = __klp_state_check_obj_name(patch, state);
		if (ret)
			return ret;
		if (!__klp_state_managed(state))
			continue;
		ret = __klp_state_check_scope(patch, state,
				__klp_state_compat_of(state)->obj_name);
		if (ret)
			return ret;
		/* duplicate legacy ids are accepted, as on stock kernels */
		for (other = patch->states; other->id; other++) {
			if (other != state && other->id == state->id) {
				pr_err("duplicate state id 0x%lx in livepatch '%s'\n",
				       state->id, patch->mod->name);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * The kernel's object table: vmlinux first, whose callbacks are the
 * states' outer layer (one without functions when the livepatch has
 * none), then the modules in the author's order, their callbacks wrapped.
 * A second vmlinux object and more modules than the table holds are
 * refused before anything is given to the kernel.
 */
static int __init __klp_state_setup_objs(struct klp_patch *patch)
{
	struct klp_object *objs = __klp_state_engine.objs, *obj;
	const char *name = patch->mod->name;
	bool vmlinux = false;
	unsigned int nr = 1;

	objs[0].funcs = __klp_state_no_funcs;
	for (obj = patch->objs; obj->funcs || obj->name; obj++) {
		if (!obj->name) {
			if (vmlinux) {
				pr_err("livepatch '%s' has more than one vmlinux object\n",
				       name);
				return -EINVAL;
			}
			vmlinux = true;
			objs[0] = *obj;
			__klp_state_engine.author_objs[0] = obj;
			continue;
		}
		if (nr > KLP_STATE_MAX_OBJS) {
			pr_err("livepatch '%s' patches more than %d objects\n",
			       name, KLP_STATE_MAX_OBJS);
			return -E2BIG;
		}
		objs[nr] = *obj;
		__klp_state_engine.author_objs[nr++] = obj;
	}
	while (nr--)
		objs[nr].callbacks = __klp_state_callbacks;
	return 0;
}

/* Take the callbacks and the real version back from KLP_STATE(). */
static void __init __klp_state_setup_records(struct klp_patch *patch)
{
	struct __klp_state_registered *self = __klp_state_self;
	const struct klp_state_compat *compat;
	struct __klp_state_record *record;
	struct klp_state *state;
	unsigned int i = 0;

	self->records = &__klp_state_engine.slots[0].record;
	self->record_size = sizeof(struct __klp_state_slot);
	self->compat_size = sizeof(*compat);
	self->proto = KLP_STATE_PROTO;
	self->oldest = KLP_STATE_PROTO_OLDEST;
	__klp_state_engine.nr_managed = 0;
	for (state = patch->states; state && state->id; state++, i++) {
		record = __klp_state_record_of(self, i);
		compat = __klp_state_compat_of(state);
		record->compat = compat ?: &__klp_state_plain;
		if (compat) {
			state->data = NULL;
			state->version = compat->version;
		}
		record->state = state;
		record->legacy = !compat || state->version;
		record->active = false;
		record->shadows_left = false;
		record->obj = compat && compat->obj_name ?
			__klp_state_find_obj(__klp_state_engine.objs + 1,
					     compat->obj_name) : NULL;
		/* engines before protocol 3 would take it for patch scope */
		if (record->obj)
			self->oldest = max(self->oldest, __KLP_STATE_PROTO_OBJS);
		__klp_state_engine.nr_managed += !record->legacy;
	}
	self->nr_records = i;
}

enum __klp_state_kind {
	__KLP_STATE_KIND_LEGACY,
	__KLP_STATE_KIND_BLOCKING,
	__KLP_STATE_KIND_HIDDEN,
};

static enum __klp_state_kind __init
__klp_state_kind(const struct __klp_state_record *record)
{
	if (record->legacy)
		return __KLP_STATE_KIND_LEGACY;
	if (record->compat->block_disable)
		return __KLP_STATE_KIND_BLOCKING;
	return __KLP_STATE_KIND_HIDDEN;
}

/* Append the copies of the states of @kind to the kernel's table. */
static unsigned int __init __klp_state_copy_kind(unsigned int next,
						 enum __klp_state_kind kind)
{
	struct klp_state *copy = &__klp_state_engine.kernel_states[next];
	struct __klp_state_record *record;
	unsigned int i;

	__klp_state_for_each_record(__klp_state_self, record, i) {
		if (__klp_state_kind(record) != kind)
			continue;
		*copy = *record->state;
#ifdef KLP_HAVE_STATE_CALLBACKS
		/*
		 * Forced compat: the native core sees the copies as managed
		 * states without callbacks, so that a replace may drop them
		 * unless they block it.  Nothing is hidden from it: it keeps
		 * a sysfs directory per state and removes those it sees.
		 */
		copy->managed = !record->legacy;
		copy->block_disable = record->compat->block_disable;
#endif
		/* the kernel reads legacy data through its copy */
		record->kernel_copy = record->legacy ? copy : NULL;
		copy++;
		next++;
	}
	return next;
}

/*
 * The table the kernel sees: legacy states, blocking ones, the reserved
 * state, then the managed ones, hidden once the livepatch is enabled on
 * stock kernels.  The reserved state stays visible only when there are
 * managed states.
 */
static void __init __klp_state_setup_kernel_states(void)
{
	struct klp_state *reserved;
	unsigned int next;

	next = __klp_state_copy_kind(0, __KLP_STATE_KIND_LEGACY);
	next = __klp_state_copy_kind(next, __KLP_STATE_KIND_BLOCKING);
	reserved = &__klp_state_engine.kernel_states[next];
	reserved->id = KLP_STATE_RESERVED_ID;
	reserved->version = __KLP_STATE_RESERVED_VERSION;
	__klp_state_engine.nr_kept = next + !!__klp_state_engine.nr_managed;
	__klp_state_copy_kind(next + 1, __KLP_STATE_KIND_HIDDEN);
}

/* The enable failed: give the author's tables back as they were. */
static void __init __klp_state_restore(struct klp_patch *patch,
				       struct klp_object *objs,
				       struct klp_state *states)
{
	struct __klp_state_record *record;
	unsigned int i;

	__klp_state_for_each_record(__klp_state_self, record, i) {
		if (record->compat == &__klp_state_plain)
			continue;
		record->state->data = (void *)record->compat;
		record->state->version = KLP_STATE_VERSION_MARK;
	}
	patch->objs = objs;
	patch->states = states;
	__klp_state_self->patch = NULL;
}

/* ---- the tables' lifetime ---- */

/*
 * The tables the kernel is given must last as long as it may use them:
 * the object table, kobjects included, until it drops its reference to
 * the module, after it freed the livepatch.  No code of the module runs
 * between that and the module's exit, so the tables go there, or at
 * once when the enable fails.  Another engine's lookup may have found
 * this module's records before they left the registry: a grace period
 * first.
 */
static void __klp_state_free_tables(void)
{
	synchronize_rcu();
	kfree(__klp_state_engine.objs);
	__klp_state_engine.objs = NULL;
}

#ifdef CONFIG_MODULE_UNLOAD
static void (*__klp_state_author_exit)(void);

static void __klp_state_exit(void)
{
	__klp_state_author_exit();
	__klp_state_free_tables();
}

/*
 * Run __klp_state_exit() when the module goes, around the author's exit.
 * A module without an exit cannot be unloaded, and keeps the tables.
 */
static void __init __klp_state_take_exit(void)
{
	if (!THIS_MODULE->exit || THIS_MODULE->exit == __klp_state_exit)
		return;
	__klp_state_author_exit = THIS_MODULE->exit;
	THIS_MODULE->exit = __klp_state_exit;
}
#else
static inline void __klp_state_take_exit(void)
{
}
#endif

/*
 * One allocation, sized from the patch: the kernel's object table (a
 * vmlinux object may be added, then the end), the author's objects and
 * their post_done flags, the kernel's state table (the reserved state,
 * then the end) and the records.  The limits are checked before.
 */
static int __init __klp_state_alloc_tables(const struct klp_patch *patch)
{
	const struct klp_object *obj;
	const struct klp_state *state;
	size_t nr_objs = 2, nr_states = 0;
	void *tables;

	for (obj = patch->objs; obj->funcs || obj->name; obj++)
		nr_objs++;
	for (state = patch->states; state && state->id; state++)
		nr_states++;
	tables = kzalloc(nr_objs * (sizeof(struct klp_object) +
				    sizeof(struct klp_object *) + sizeof(bool)) +
			 (nr_states + 2) * sizeof(struct klp_state) +
			 nr_states * sizeof(struct __klp_state_slot),
			 GFP_KERNEL);
	if (!tables)
		return -ENOMEM;
	__klp_state_engine.objs = tables;
	tables += nr_objs * sizeof(struct klp_object);
	__klp_state_engine.kernel_states = tables;
	tables += (nr_states + 2) * sizeof(struct klp_state);
	__klp_state_engine.slots = tables;
	tables += nr_states * sizeof(struct __klp_state_slot);
	__klp_state_engine.author_objs = tables;
	__klp_state_engine.post_done = tables + nr_objs * sizeof(obj);
	return 0;
}

/* klp_state_enable_patch() in the file that holds the engine. */
static noinline int __init __klp_state_enable(struct klp_patch *patch)
{
	struct klp_object *objs;
	struct klp_state *states;
	int ret;

	if (!patch || !patch->mod || !patch->objs)
		return (klp_enable_patch)(patch);
	/* as the kernel would, once past its compatibility check */
	if (__klp_state_busy())
		return -EBUSY;
	if (__klp_state_self->patch) {
		pr_err("livepatch '%s': one livepatch per module\n",
		       patch->mod->name);
		return -EBUSY;
	}
	ret = __klp_state_check_states(patch) ?:
	      __klp_state_alloc_tables(patch);
	if (ret)
		return ret;
	ret = __klp_state_setup_objs(patch);
	if (ret)
		goto free;

	objs = patch->objs;
	states = patch->states;
	__klp_state_self->patch = patch;
	__klp_state_setup_records(patch);
	__klp_state_setup_kernel_states();
	patch->objs = __klp_state_engine.objs;
	patch->states = __klp_state_engine.kernel_states;

	ret = (klp_enable_patch)(patch);
	if (!ret) {
		__klp_state_take_exit();
		return 0;
	}
	__klp_state_restore(patch, objs, states);
free:
	__klp_state_free_tables();
	return ret;
}

/*
 * klp_enable_patch() belongs in the module's init, and the enable's code
 * goes with the module's init code once it is loaded.  Authors' init
 * functions are not always marked __init, hence __ref; a call from
 * anywhere else is refused before it could reach freed code.
 */
static noinline int __ref __klp_state_enable_from_init(struct klp_patch *patch)
{
	if (THIS_MODULE->state != MODULE_STATE_COMING) {
		pr_err("livepatch '%s': klp_enable_patch() must be called from the module's init\n",
		       THIS_MODULE->name);
		return -EINVAL;
	}
	return __klp_state_enable(patch);
}

/* ---- lookups, from any context ---- */

/*
 * The engine's record of @patch: this module's or another compat one's.
 * Under RCU: another module's entry stays readable until a grace period
 * after it left the registry.
 */
static struct __klp_state_registered *
__klp_state_find_patch(const struct klp_patch *patch)
{
	struct __klp_state_registry *registry;
	struct __klp_state_registered *other;

	if (patch == __klp_state_self->patch)
		return __klp_state_self;
	registry = __klp_state_registry();
	if (!registry)
		return NULL;
	list_for_each_entry_rcu(other, &registry->patches, node)
		if (other->patch == patch)
			return other;
	return NULL;
}

/* klp_state_get_state() in the file that holds the engine. */
static struct klp_state *__klp_state_get_state(struct klp_patch *patch,
					       unsigned long id)
{
	struct __klp_state_registered *found;
	struct __klp_state_record *record = NULL;

	if (id == KLP_STATE_RESERVED_ID)
		return klp_get_state(patch, id);
	rcu_read_lock();
	found = __klp_state_find_patch(patch);
	if (found)
		record = __klp_state_find_record(found, id);
	rcu_read_unlock();
	if (!found)
		return klp_get_state(patch, id);
	return record ? record->state : NULL;
}

/*
 * Where klp_get_prev_state() stops: at the livepatch in transition, as
 * the kernel's does.  That is this module's while its livepatch is being
 * enabled or disabled.  A transition of another compat livepatch that
 * runs this one's callbacks (a replace of it, a module loading during
 * an enable) is the newest livepatch's.  With no transition pending,
 * this module's: the kernel's own lookup is meant for transitions only.
 * Under RCU.
 */
static const struct __klp_state_registered *
__klp_state_prev_limit(struct __klp_state_registry *registry)
{
	enum __klp_state_phase phase = __klp_state_engine.phase;

	if (phase == __KLP_STATE_ENABLING || phase == __KLP_STATE_DISABLING ||
	    !registry || !__klp_state_busy())
		return __klp_state_self;
	/* compared, never read: an entry that left meanwhile stops no walk */
	return list_entry(READ_ONCE(registry->patches.prev),
			  struct __klp_state_registered, node);
}

/* klp_state_get_prev_state() in the file that holds the engine. */
static struct klp_state *__klp_state_get_prev_state(unsigned long id)
{
	struct __klp_state_registry *registry;
	struct __klp_state_record *found;

	rcu_read_lock();
	registry = __klp_state_registry();
	found = __klp_state_newest_before(registry,
					  __klp_state_prev_limit(registry), id);
	rcu_read_unlock();
	return found ? found->state : klp_get_prev_state(id);
}

#pragma pop_macro("pr_fmt")

/* ---- the entry points, from every file of the module ---- */

/*
 * The engine of a livepatch built from several files, for the files that
 * do not hold it.  Their names make the link error of a module where no
 * file, or two, define KLP_STATE_ENGINE name the macro.
 */
int KLP_STATE_ENGINE_enable_patch(struct klp_patch *patch);
struct klp_state *KLP_STATE_ENGINE_get_state(struct klp_patch *patch,
					     unsigned long id);
struct klp_state *KLP_STATE_ENGINE_get_prev_state(unsigned long id);

#ifdef KLP_STATE_ENGINE
int KLP_STATE_ENGINE_enable_patch(struct klp_patch *patch)
{
	return __klp_state_enable_from_init(patch);
}

struct klp_state *KLP_STATE_ENGINE_get_state(struct klp_patch *patch,
					     unsigned long id)
{
	return __klp_state_get_state(patch, id);
}

struct klp_state *KLP_STATE_ENGINE_get_prev_state(unsigned long id)
{
	return __klp_state_get_prev_state(id);
}
#endif

/**
 * klp_state_enable_patch() - enable a livepatch with states
 * @patch:	the livepatch, with states declared by KLP_STATE()
 *
 * What klp_enable_patch() does, plus the states.  On the compat backend
 * it checks the tables, gives the kernel the object and state tables the
 * engine needs and calls the kernel's klp_enable_patch(); a refusal
 * changes nothing.  One livepatch per module.  Call it from the module's
 * init, or keep calling klp_enable_patch(), which the header redirects
 * here in every file that includes it.
 *
 * Return: 0 on success, a negative error otherwise.
 */
static inline int klp_state_enable_patch(struct klp_patch *patch)
{
	__klp_state_stamp_here();
	if (__klp_state_engine_here())
		return __klp_state_enable_from_init(patch);
	return KLP_STATE_ENGINE_enable_patch(patch);
}

/**
 * klp_state_get_state() - klp_get_state() that knows the compat tables
 * @patch:	a livepatch
 * @id:		state id
 *
 * For this module's livepatch and every registered compat livepatch it
 * returns the author's own entry, in every phase and from every file of
 * the module; for other livepatches it asks the kernel.  Safe from
 * patched code in any context.  The header redirects klp_get_state()
 * here.
 *
 * Return: the state, or NULL when @patch has none with @id.
 */
static inline struct klp_state *klp_state_get_state(struct klp_patch *patch,
						    unsigned long id)
{
	if (__klp_state_engine_here())
		return __klp_state_get_state(patch, id);
	return KLP_STATE_ENGINE_get_state(patch, id);
}

/**
 * klp_state_get_prev_state() - klp_get_prev_state() that knows compat
 * @id:		state id
 *
 * Like the kernel's, call it during a transition, from a callback.  It
 * returns the author's entry of the newest compat livepatch registered
 * before this module's, else what the kernel finds; the same from every
 * file of the module.  The header redirects klp_get_prev_state() here.
 *
 * Return: the state, or NULL when no older livepatch has @id.
 */
static inline struct klp_state *klp_state_get_prev_state(unsigned long id)
{
	if (__klp_state_engine_here())
		return __klp_state_get_prev_state(id);
	return KLP_STATE_ENGINE_get_prev_state(id);
}

#endif /* _KLP_STATE_COMPAT_H */
