/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * klp/state.h - livepatch states with callbacks and owned shadow variables
 *
 * A state is a change a livepatch makes to the system.  Its callbacks run
 * only when the state is introduced (no other livepatch has it) or removed
 * (the last livepatch having it goes away), so cumulative livepatches stop
 * redoing or forgetting each other's work.  A state may own every shadow
 * variable with its id (freed when the state is removed) and may forbid its
 * removal (block_disable).
 *
 * Two backends, chosen at compile time:
 *
 * native: the kernel carries the klp-state core (it defines
 *	KLP_HAVE_STATE_CALLBACKS); the macros only fill struct klp_state.
 * compat: stock kernels from 5.5 on; an engine (klp/state-compat.h,
 *	included from here) runs inside the livepatch module and drives the
 *	states from the callbacks of the patch's vmlinux object.  Define
 *	KLP_STATE_FORCE_COMPAT before the include to use it on a native
 *	kernel.  A module has one engine: in a livepatch built from
 *	several files, exactly one of them defines KLP_STATE_ENGINE before
 *	the include (a livepatch built from one file needs nothing).
 *
 * See Documentation/state-api.rst for the rules and the compat limits.
 */
#ifndef _KLP_STATE_H
#define _KLP_STATE_H

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/printk.h>
#include <linux/stringify.h>
#include <linux/version.h>
#include <klp/version.h>

#if !IS_ENABLED(CONFIG_LIVEPATCH)
#error "klp/state.h: this kernel is built without CONFIG_LIVEPATCH and cannot load livepatches"
#endif

#if KERNEL_VERSION(5, 5, 0) > LINUX_VERSION_CODE
#error "klp/state.h: needs Linux 5.5 or later, the first kernel with struct klp_state"
#endif

/*
 * The kernels the test bed boots are 6.1 and 6.12.  Another one from 5.5
 * on builds, with a warning, unless the author takes it on: a kernel's
 * livepatch core may differ in ways the compat engine and the backports
 * rely on.  Define KLP_STATE_ALLOW_UNTESTED before the include to build
 * for it without the warning.
 */
#define __KLP_STATE_KERNEL_IS(_major, _minor)				\
	(KERNEL_VERSION(_major, _minor, 0) <= LINUX_VERSION_CODE &&	\
	 KERNEL_VERSION(_major, (_minor) + 1, 0) > LINUX_VERSION_CODE)

#if !defined(KLP_STATE_ALLOW_UNTESTED) &&				\
	!__KLP_STATE_KERNEL_IS(6, 1) && !__KLP_STATE_KERNEL_IS(6, 12)
#warning "klp/state.h: this kernel is untested, the tested ones are Linux 6.1 and 6.12; define KLP_STATE_ALLOW_UNTESTED before the include to build without this warning"
#endif

/**
 * KLP_STATE_RESERVED_ID - the state id the compat engine keeps for itself
 *
 * Compat livepatches with managed states show the kernel a state with
 * this id, so that the stock check refuses a replacement built without
 * the header, and keep their registry in the shadow variables with this
 * id.  No livepatch may use it, on any
 * backend: KLP_STATE() refuses it at build time.
 */
#define KLP_STATE_RESERVED_ID	0x6b6c7073UL

/**
 * KLP_STATE_MAX_STATES - most states one livepatch may declare
 *
 * The same limit on every backend: the compat engine keeps its tables in
 * static storage of this size, KLP_STATES() refuses a larger array at
 * build time and the enable refuses a larger table at load.  Define it
 * before the include to change it.
 */
#ifndef KLP_STATE_MAX_STATES
#define KLP_STATE_MAX_STATES	32
#endif

/*
 * 0 in an integer constant expression, or a build error that reads
 * @_msg when @_cond is false: a static assertion inside an expression,
 * so that it works in the initializer of a static array.
 */
#define __KLP_STATE_ASSERT(_cond, _msg)					\
	(0 * sizeof(struct { _Static_assert(_cond, _msg); int __klp_dummy; }))

/* Build-time check: a state id is a non-zero constant, not the reserved one. */
#define __KLP_STATE_ID(_id)						\
	((_id) +							\
	 __KLP_STATE_ASSERT((_id) != 0,					\
			    "KLP_STATE(): a state id must not be zero") +	\
	 __KLP_STATE_ASSERT((_id) != KLP_STATE_RESERVED_ID,		\
			    "KLP_STATE(): state id 0x6b6c7073 is KLP_STATE_RESERVED_ID, which the compat engine keeps for itself"))

#if defined(KLP_HAVE_STATE_CALLBACKS) && !defined(KLP_STATE_FORCE_COMPAT)

/**
 * KLP_STATE_NATIVE - defined when the kernel's own state core is used
 */
#define KLP_STATE_NATIVE 1

/**
 * KLP_STATE() - declare a state in a &struct klp_state array
 * @_id:	non-zero state id, unique among all livepatches on a system
 * @...:	designated initializers of the state:
 *		.callbacks.pre_patch, .callbacks.post_patch,
 *		.callbacks.pre_unpatch, .callbacks.post_unpatch,
 *		.callbacks.shadow_dtor, .is_shadow, .block_disable,
 *		.obj_name and .version (non-zero: a legacy versioned state)
 *
 * With .obj_name, the name of one of the livepatch's module objects, the
 * state belongs to that module: it is introduced when the module gets
 * patched (at the enable, or when the module loads) and removed when the
 * module is unpatched for the last time (a disable, a replace without the
 * state, or the module's unload), its shadow variables with it.
 *
 * The array ends with an empty entry and must have static storage.  Point
 * &klp_patch.states at it and call klp_enable_patch() as usual.  The entry
 * sets &klp_state.managed: without a .version, the kernel manages the
 * state by its callbacks; a plain entry without the macro stays a legacy
 * state, whatever its version.
 */
#define KLP_STATE(_id, ...) \
	{ .id = __KLP_STATE_ID(_id), .managed = true, __VA_ARGS__ }

#else /* compat backend */

/**
 * KLP_STATE_COMPAT - defined when the compat engine of this header is used
 */
#define KLP_STATE_COMPAT 1

#ifndef KLP_HAVE_STATE_CALLBACKS
/**
 * struct klp_state_callbacks - what runs when a state comes or goes
 * @pre_patch:	before code patching when the state is introduced; a
 *		negative error aborts the enable
 * @post_patch:	after the patching transition when the state is introduced
 * @pre_unpatch:	before unpatching when the state is removed
 * @post_unpatch:	after unpatching when the state is removed
 * @shadow_dtor:	destructor of the shadow variables an is_shadow state
 *		owns; the compat backend runs it with a spinlock held, where
 *		it must not sleep (the native core runs it without locks)
 *
 * All members are optional.  On native kernels the kernel defines this
 * structure with the same members.
 */
struct klp_state_callbacks {
	int (*pre_patch)(struct klp_patch *patch, struct klp_state *state);
	void (*post_patch)(struct klp_patch *patch, struct klp_state *state);
	void (*pre_unpatch)(struct klp_patch *patch, struct klp_state *state);
	void (*post_unpatch)(struct klp_patch *patch, struct klp_state *state);
	klp_shadow_dtor_t shadow_dtor;
};
#endif /* a native kernel defines it, forced compat uses that one */

/**
 * struct klp_state_compat - what KLP_STATE() attaches to a stock klp_state
 * @version:	legacy version, 0 for a managed state
 * @callbacks:	the state's callbacks
 * @is_shadow:	the state owns the shadow variables with its id
 * @block_disable:	the state can not be removed
 * @obj_name:	the module whose lifetime the state follows, NULL for the
 *		whole livepatch
 *
 * A stock &struct klp_state has no room for callbacks or flags, so the
 * entry's @data points here until klp_enable_patch() takes it back; @data
 * is then free for the author, as on native kernels.
 */
struct klp_state_compat {
	unsigned int version;
	struct klp_state_callbacks callbacks;
	bool is_shadow;
	bool block_disable;
	const char *obj_name;
};

/**
 * KLP_STATE_VERSION_MARK - &klp_state.version of a KLP_STATE() entry (compat)
 *
 * Until the enable, this version tells the engine that the entry was
 * declared by KLP_STATE() and that its &klp_state.data points to a
 * &struct klp_state_compat, which holds the real version.  The engine
 * reads no other entry's data.  No livepatch may use it as a version.
 */
#define KLP_STATE_VERSION_MARK	0x6b6c706dU

#define KLP_STATE(_id, ...)						\
	{ .id = __KLP_STATE_ID(_id),					\
	  .version = KLP_STATE_VERSION_MARK,				\
	  .data = &(struct klp_state_compat){ __VA_ARGS__ } }

#endif /* backend */

/**
 * KLP_SHADOW_STATE() - declare a state that owns shadow variables
 * @_id:	state id, also the id of the shadow variables it owns
 * @_dtor:	&klp_shadow_dtor_t run on each variable when the state is
 *		removed, or NULL; it must not sleep on the compat backend
 * @...:	more designated initializers, as for KLP_STATE()
 */
#define KLP_SHADOW_STATE(_id, _dtor, ...)				\
	KLP_STATE(_id, .is_shadow = true,				\
		  .callbacks.shadow_dtor = (_dtor), ##__VA_ARGS__)

/**
 * KLP_STATES() - define a livepatch's array of states
 * @_name:	name of the array of &struct klp_state, which is static
 * @...:	its entries: KLP_STATE(), KLP_SHADOW_STATE() or plain
 *		initializers of &struct klp_state
 *
 * Defines ``static struct klp_state _name[]`` with the entries and the
 * empty entry that ends the array, and fails the build when there are
 * more than KLP_STATE_MAX_STATES entries.  End it with a semicolon::
 *
 *	KLP_STATES(states, KLP_STATE(1), KLP_SHADOW_STATE(2, dtor));
 */
#define KLP_STATES(_name, ...)						\
	static struct klp_state _name[] = { __VA_ARGS__, {} };		\
	static_assert(ARRAY_SIZE(_name) - 1 <= KLP_STATE_MAX_STATES,	\
		      "KLP_STATES(): more states than KLP_STATE_MAX_STATES (" \
		      __stringify(KLP_STATE_MAX_STATES) ")")

#pragma push_macro("pr_fmt")
#undef pr_fmt
#define pr_fmt(fmt) "klp-state: " fmt

/*
 * The limits every backend enforces at load, for the tables the build
 * could not see: at most KLP_STATE_MAX_STATES states, none with the
 * reserved id.
 */
static inline int __klp_state_check_limits(const struct klp_patch *patch)
{
	const struct klp_state *state;
	unsigned int nr = 0;

	for (state = patch->states; state && state->id; state++) {
		if (++nr > KLP_STATE_MAX_STATES) {
			pr_err("livepatch '%s' has more than %d states\n",
			       patch->mod->name, KLP_STATE_MAX_STATES);
			return -E2BIG;
		}
		if (state->id == KLP_STATE_RESERVED_ID) {
			pr_err("state id 0x%lx in livepatch '%s' is reserved\n",
			       state->id, patch->mod->name);
			return -EINVAL;
		}
	}
	return 0;
}

#pragma pop_macro("pr_fmt")

/**
 * klp_state_shadow_get() - the shadow variable a state owns on an object
 * @state:	the state, as passed to a state callback
 * @obj:	the object the variable is attached to
 *
 * Return: the variable's data, or NULL when there is none.
 */
static inline void *klp_state_shadow_get(const struct klp_state *state,
					 void *obj)
{
	return klp_shadow_get(obj, state->id);
}

/**
 * klp_state_shadow_get_or_alloc() - get or attach a state's shadow variable
 * @state:	the state owning the variable
 * @obj:	the object to attach it to
 * @size:	size of the variable's data
 * @gfp_flags:	allocation flags
 * @ctor:	optional constructor, runs under a spinlock
 * @ctor_data:	passed to @ctor
 *
 * Return: the variable's data, or NULL on allocation or @ctor failure.
 */
static inline void *klp_state_shadow_get_or_alloc(const struct klp_state *state,
						  void *obj, size_t size,
						  gfp_t gfp_flags,
						  klp_shadow_ctor_t ctor,
						  void *ctor_data)
{
	return klp_shadow_get_or_alloc(obj, state->id, size, gfp_flags,
				       ctor, ctor_data);
}

/*
 * What `modinfo -F klp_state` shows of a livepatch built with the header:
 * the header's version, the backend and, for the compat engine, its
 * protocol.  Only klp_state_enable_patch() refers to it, so that it is
 * emitted once per module, by the file that enables the livepatch.
 */
#ifdef KLP_STATE_NATIVE
#define __KLP_STATE_STAMP	"native"
#else
#include <klp/state-proto.h>
#define __KLP_STATE_STAMP	"compat protocol " __stringify(KLP_STATE_PROTO)
#endif
static const char __klp_state_stamp[] __section(".modinfo") __aligned(1) =
	"klp_state=" KLP_STATE_VERSION_STRING " " __KLP_STATE_STAMP;

/* Keep the stamp in the file that calls this; no instruction. */
static __always_inline void __klp_state_stamp_here(void)
{
	asm volatile ("" : : "i" (__klp_state_stamp));
}

#ifdef KLP_STATE_NATIVE

/**
 * klp_state_enable_patch() - enable a livepatch with states
 * @patch:	the livepatch, with states declared by KLP_STATE()
 *
 * What klp_enable_patch() does, plus the states.  On both backends it
 * first refuses a table of more than KLP_STATE_MAX_STATES states or one
 * with KLP_STATE_RESERVED_ID, with a log line naming the livepatch.  On
 * native kernels it then calls the kernel's klp_enable_patch(), whose
 * core handles the states; the compat engine's version of this function
 * hands the kernel tables of its own (Documentation/compat.rst).
 *
 * Return: 0 on success, a negative error otherwise.
 */
static inline int klp_state_enable_patch(struct klp_patch *patch)
{
	int ret;

	__klp_state_stamp_here();
	if (patch && patch->mod) {
		ret = __klp_state_check_limits(patch);
		if (ret)
			return ret;
	}
	return (klp_enable_patch)(patch);
}

#else /* compat backend */

#include <klp/state-compat.h>

/**
 * klp_get_state() - redirected to klp_state_get_state() (compat)
 * @patch:	a livepatch
 * @id:		state id
 *
 * Finds the author's entry of every state of a compat livepatch, in every
 * phase, as the kernel's does on native kernels.
 */
#define klp_get_state(patch, id)	klp_state_get_state(patch, id)

/**
 * klp_get_prev_state() - redirected to klp_state_get_prev_state() (compat)
 * @id:		state id
 *
 * Sees the managed states of older compat livepatches too.
 */
#define klp_get_prev_state(id)		klp_state_get_prev_state(id)

#endif /* backend */

/**
 * klp_enable_patch() - redirected to klp_state_enable_patch()
 * @patch:	the livepatch
 *
 * A livepatch's init keeps calling klp_enable_patch(); in a file that
 * includes this header the call goes through klp_state_enable_patch():
 * the compat engine, or the limits check before the native core.  The
 * file that calls it must include the header: a call from a file
 * without it reaches the kernel directly, and the compat engine never
 * runs.
 */
#define klp_enable_patch(patch)		klp_state_enable_patch(patch)

#endif /* _KLP_STATE_H */
