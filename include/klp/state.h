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
 * compat: stock kernels from 5.5 on; an engine in this header runs inside
 *	the livepatch module and drives the states from the callbacks of the
 *	patch's vmlinux object.  Define KLP_STATE_FORCE_COMPAT before the
 *	include to use it on a native kernel.
 *
 * See Documentation/state-api.rst for the rules and the compat limits.
 */
#ifndef _KLP_STATE_H
#define _KLP_STATE_H

#include <linux/build_bug.h>
#include <linux/livepatch.h>
#include <linux/version.h>

#if !IS_ENABLED(CONFIG_LIVEPATCH)
#error "klp/state.h: this kernel is built without CONFIG_LIVEPATCH and cannot load livepatches"
#endif

#if KERNEL_VERSION(5, 5, 0) > LINUX_VERSION_CODE
#error "klp/state.h: needs Linux 5.5 or later, the first kernel with struct klp_state"
#endif

/* Build-time check: a state id must be a non-zero constant. */
#define __KLP_STATE_ID(_id)	((_id) + BUILD_BUG_ON_ZERO((_id) == 0))

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
 *		.callbacks.shadow_dtor, .is_shadow, .block_disable, and
 *		.version (non-zero: a legacy versioned state)
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

/**
 * struct klp_state_callbacks - what runs when a state comes or goes
 * @pre_patch:	before code patching when the state is introduced; a
 *		negative error aborts the enable
 * @post_patch:	after the patching transition when the state is introduced
 * @pre_unpatch:	before unpatching when the state is removed
 * @post_unpatch:	after unpatching when the state is removed
 * @shadow_dtor:	destructor of the shadow variables an is_shadow state
 *		owns; it may run with a spinlock held and must not sleep
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

/**
 * struct klp_state_compat - what KLP_STATE() attaches to a stock klp_state
 * @magic:	KLP_STATE_COMPAT_MAGIC, tells it from author data
 * @version:	legacy version, 0 for a managed state
 * @callbacks:	the state's callbacks
 * @is_shadow:	the state owns the shadow variables with its id
 * @block_disable:	the state can not be removed
 *
 * A stock &struct klp_state has no room for callbacks or flags, so the
 * entry's @data points here until klp_enable_patch() takes it back; @data
 * is then free for the author, as on native kernels.
 */
struct klp_state_compat {
	unsigned long magic;
	unsigned int version;
	struct klp_state_callbacks callbacks;
	bool is_shadow;
	bool block_disable;
};

#define KLP_STATE_COMPAT_MAGIC	0x6b6c702d73746174UL

#define KLP_STATE(_id, ...)						\
	{ .id = __KLP_STATE_ID(_id),					\
	  .data = &(struct klp_state_compat){				\
		.magic = KLP_STATE_COMPAT_MAGIC, __VA_ARGS__ } }

#endif /* backend */

/**
 * KLP_SHADOW_STATE() - declare a state that owns shadow variables
 * @_id:	state id, also the id of the shadow variables it owns
 * @_dtor:	&klp_shadow_dtor_t run on each variable when the state is
 *		removed, or NULL; it must not sleep
 * @...:	more designated initializers, as for KLP_STATE()
 */
#define KLP_SHADOW_STATE(_id, _dtor, ...)				\
	KLP_STATE(_id, .is_shadow = true,				\
		  .callbacks.shadow_dtor = (_dtor), ##__VA_ARGS__)

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

#ifdef KLP_STATE_COMPAT
/* ---- compat engine: stock kernels, exported livepatch API only ---- */

#include <linux/list.h>
#include <linux/printk.h>
#include <linux/string.h>

/**
 * KLP_STATE_MAX_STATES - most states one livepatch may declare (compat)
 *
 * The engine keeps its tables in static storage so that nothing is left
 * to free when the module goes; define it before the include to change it.
 */
#ifndef KLP_STATE_MAX_STATES
#define KLP_STATE_MAX_STATES	32
#endif

/**
 * KLP_STATE_MAX_OBJS - most objects one livepatch may patch (compat)
 */
#ifndef KLP_STATE_MAX_OBJS
#define KLP_STATE_MAX_OBJS	32
#endif

/*
 * Livepatches built with this header find each other through a registry
 * kept in a shadow variable (the only store every module can reach) and
 * read each other's tables.  Any change of the structures below needs a
 * new protocol number.  Every compat patch also shows the kernel a state
 * with the reserved id and the protocol as version, so the stock
 * compatibility check refuses a replacement by a patch that would never
 * call our callbacks: one built without the header, or an older protocol.
 */
#define KLP_STATE_PROTO		1
#define KLP_STATE_RESERVED_ID	0x6b6c7073UL

struct __klp_state_rec {
	struct klp_state *state;	/* what the callbacks get */
	const struct klp_state_compat *c;
	bool active;			/* introduced or removed right now */
};

struct __klp_state_reg_patch {
	struct list_head node;
	struct klp_patch *patch;
	struct __klp_state_rec *recs;
	unsigned int nr;
};

struct __klp_state_reg {
	unsigned int proto;
	struct list_head patches;	/* oldest first */
};

enum { __KLP_IDLE, __KLP_ENABLING, __KLP_ENABLED, __KLP_DISABLING };

static struct {
	struct __klp_state_reg_patch self;
	struct __klp_state_rec recs[KLP_STATE_MAX_STATES];
	/* the table the kernel sees: reserved, legacy, blocking, the rest */
	struct klp_state ktable[KLP_STATE_MAX_STATES + 2];
	unsigned int nr_kept;
	struct klp_object objs[KLP_STATE_MAX_OBJS + 2];
	const struct klp_object *uobj[KLP_STATE_MAX_OBJS + 1];
	bool done[KLP_STATE_MAX_OBJS + 1];
	int phase;
} __klp_state_eng __maybe_unused;

static struct klp_func __klp_state_no_funcs[1] __maybe_unused;
static const struct klp_state_compat __klp_state_plain __maybe_unused;

#pragma push_macro("pr_fmt")
#undef pr_fmt
#define pr_fmt(fmt) "livepatch: " fmt

static int __maybe_unused __klp_state_reg_ctor(void *obj, void *data,
					       void *ctor_data)
{
	struct __klp_state_reg *reg = data;

	reg->proto = KLP_STATE_PROTO;
	INIT_LIST_HEAD(&reg->patches);
	return 0;
}

static struct __klp_state_reg * __maybe_unused __klp_state_reg(void)
{
	return klp_shadow_get(NULL, KLP_STATE_RESERVED_ID);
}

/* The registry goes with the last compat patch. */
static void __maybe_unused __klp_state_reg_put(struct __klp_state_reg *reg)
{
	if (list_empty(&reg->patches))
		klp_shadow_free(NULL, KLP_STATE_RESERVED_ID, NULL);
}

static bool __maybe_unused __klp_state_in(const struct __klp_state_reg_patch *p,
					  unsigned long id)
{
	unsigned int i;

	for (i = 0; i < p->nr; i++)
		if (p->recs[i].state->id == id)
			return true;
	return false;
}

/* Is @id carried by a registered patch after @p (or any but @p)? */
static bool __maybe_unused __klp_state_other(struct __klp_state_reg *reg,
					     struct __klp_state_reg_patch *p,
					     unsigned long id, bool newer)
{
	struct __klp_state_reg_patch *q = p;

	if (!newer)
		q = list_entry(&reg->patches, struct __klp_state_reg_patch,
			       node);
	list_for_each_entry_continue(q, &reg->patches, node)
		if (q != p && __klp_state_in(q, id))
			return true;
	return false;
}

static void __maybe_unused __klp_state_remove(struct klp_patch *patch,
					      struct __klp_state_rec *r)
{
	if (r->c->callbacks.post_unpatch)
		r->c->callbacks.post_unpatch(patch, r->state);
	if (r->c->is_shadow)
		klp_shadow_free_all(r->state->id, r->c->callbacks.shadow_dtor);
	r->active = false;
}

/*
 * A replace drops the states that the new patch lacks.  Each is handled
 * once, by the newest replaced patch carrying it, whose callbacks and
 * shadow destructor know it best.
 */
static void __maybe_unused __klp_state_drop_begin(struct __klp_state_reg *reg)
{
	struct __klp_state_reg_patch *self = &__klp_state_eng.self, *p;
	struct __klp_state_rec *r;
	unsigned int i;

	list_for_each_entry(p, &reg->patches, node) {
		for (i = 0; i < p->nr; i++) {
			r = &p->recs[i];
			if (__klp_state_in(self, r->state->id)) {
				unsigned int j;

				for (j = 0; j < self->nr; j++)
					if (self->recs[j].state->id ==
					    r->state->id &&
					    self->recs[j].c->is_shadow !=
					    r->c->is_shadow)
						pr_warn_once("state %lu: is_shadow differs between livepatches '%s' and '%s'\n",
							     r->state->id,
							     p->patch->mod->name,
							     self->patch->mod->name);
				r->active = false;
				continue;
			}
			r->active = !__klp_state_other(reg, p, r->state->id,
						       true);
			if (r->active && r->c->callbacks.pre_unpatch)
				r->c->callbacks.pre_unpatch(p->patch, r->state);
		}
	}
}

/* After the transition: finish the drops (@done) or undo them. */
static void __maybe_unused __klp_state_drop_end(struct __klp_state_reg *reg,
						bool done)
{
	struct __klp_state_reg_patch *p, *tmp;
	struct __klp_state_rec *r;
	unsigned int i;

	list_for_each_entry_safe(p, tmp, &reg->patches, node) {
		if (p == &__klp_state_eng.self)
			continue;
		for (i = 0; i < p->nr; i++) {
			r = &p->recs[i];
			if (!r->active)
				continue;
			if (done)
				__klp_state_remove(p->patch, r);
			else if (r->c->callbacks.post_patch)
				r->c->callbacks.post_patch(p->patch, r->state);
			r->active = false;
		}
		if (done)
			list_del(&p->node);
	}
}

/* Enable failed or was reversed: put everything back. */
static void __maybe_unused __klp_state_undo_enable(struct __klp_state_reg *reg)
{
	struct __klp_state_reg_patch *self = &__klp_state_eng.self;
	unsigned int i;

	if (self->patch->replace)
		__klp_state_drop_end(reg, false);
	for (i = 0; i < self->nr; i++)
		if (self->recs[i].active)
			__klp_state_remove(self->patch, &self->recs[i]);
	list_del(&self->node);
	__klp_state_reg_put(reg);
	__klp_state_eng.phase = __KLP_IDLE;
}

static int __maybe_unused __klp_state_pre_patch(struct klp_object *obj)
{
	struct __klp_state_reg_patch *self = &__klp_state_eng.self;
	const struct klp_object *u = __klp_state_eng.uobj[0];
	struct klp_patch *patch = self->patch;
	struct __klp_state_reg *reg;
	struct __klp_state_rec *r;
	unsigned int i, j;
	int ret = 0;

	reg = klp_shadow_get_or_alloc(NULL, KLP_STATE_RESERVED_ID,
				      sizeof(*reg), GFP_KERNEL,
				      __klp_state_reg_ctor, NULL);
	if (!reg)
		return -ENOMEM;
	if (reg->proto != KLP_STATE_PROTO) {
		pr_err("livepatch '%s' speaks state protocol %u, the installed livepatches speak %u\n",
		       patch->mod->name, KLP_STATE_PROTO, reg->proto);
		return -EINVAL;
	}

	for (i = 0; i < self->nr; i++) {
		r = &self->recs[i];
		r->active = !__klp_state_other(reg, self, r->state->id, false);
		if (!r->active || !r->c->callbacks.pre_patch)
			continue;
		ret = r->c->callbacks.pre_patch(patch, r->state);
		if (ret) {
			r->active = false;
			for (j = 0; j < i; j++)
				if (self->recs[j].active)
					__klp_state_remove(patch,
							   &self->recs[j]);
			__klp_state_reg_put(reg);
			return ret;
		}
	}
	if (patch->replace)
		__klp_state_drop_begin(reg);
	list_add_tail(&self->node, &reg->patches);
	__klp_state_eng.phase = __KLP_ENABLING;

	if (u && u->callbacks.pre_patch)
		ret = u->callbacks.pre_patch(obj);
	if (ret)
		__klp_state_undo_enable(reg);
	return ret;
}

/*
 * Object post callbacks run before the state's, as with the native core,
 * so call those of the loaded objects now and skip them when the kernel
 * gets to them.
 */
static void __maybe_unused __klp_state_objs_post(bool patched)
{
	struct klp_object *obj;
	const struct klp_object *u;
	unsigned int i;

	for (i = 0; i <= KLP_STATE_MAX_OBJS; i++) {
		obj = &__klp_state_eng.objs[i];
		u = __klp_state_eng.uobj[i];
		if (!obj->funcs)
			break;
		if (i && !obj->mod)
			continue;
		if (patched && u && u->callbacks.post_patch) {
			u->callbacks.post_patch(obj);
		} else if (!patched && u && u->callbacks.post_unpatch &&
			   obj->callbacks.post_unpatch_enabled) {
			u->callbacks.post_unpatch(obj);
		} else {
			continue;
		}
		if (i)
			__klp_state_eng.done[i] = true;
	}
}

static void __maybe_unused __klp_state_post_patch(struct klp_object *obj)
{
	struct __klp_state_reg_patch *self = &__klp_state_eng.self;
	struct __klp_state_reg *reg = __klp_state_reg();
	struct __klp_state_rec *r;
	unsigned int i;

	__klp_state_objs_post(true);
	if (__klp_state_eng.phase == __KLP_ENABLING && self->patch->replace)
		__klp_state_drop_end(reg, true);
	for (i = 0; i < self->nr; i++) {
		r = &self->recs[i];
		if (r->active && r->c->callbacks.post_patch)
			r->c->callbacks.post_patch(self->patch, r->state);
	}
	/* Hide the states a later replace may drop from the stock check. */
	__klp_state_eng.ktable[__klp_state_eng.nr_kept].id = 0;
	__klp_state_eng.phase = __KLP_ENABLED;
}

static void __maybe_unused __klp_state_pre_unpatch(struct klp_object *obj)
{
	struct __klp_state_reg_patch *self = &__klp_state_eng.self;
	const struct klp_object *u = __klp_state_eng.uobj[0];
	struct __klp_state_reg *reg = __klp_state_reg();
	struct __klp_state_rec *r;
	bool told = false;
	unsigned int i;

	__klp_state_eng.phase = __KLP_DISABLING;
	for (i = 0; i < self->nr; i++) {
		r = &self->recs[i];
		if (r->c->block_disable && !told) {
			pr_err("livepatch '%s' state %lu does not support disable, but this kernel cannot refuse it\n",
			       self->patch->mod->name, r->state->id);
			told = true;
		}
		r->active = !__klp_state_other(reg, self, r->state->id, false);
		if (r->active && r->c->callbacks.pre_unpatch)
			r->c->callbacks.pre_unpatch(self->patch, r->state);
	}
	if (u && u->callbacks.pre_unpatch)
		u->callbacks.pre_unpatch(obj);
}

static void __maybe_unused __klp_state_post_unpatch(struct klp_object *obj)
{
	struct __klp_state_reg_patch *self = &__klp_state_eng.self;
	struct __klp_state_reg *reg = __klp_state_reg();
	unsigned int i;

	__klp_state_objs_post(false);
	if (__klp_state_eng.phase == __KLP_ENABLING) {
		__klp_state_undo_enable(reg);
		return;
	}
	for (i = 0; i < self->nr; i++)
		if (self->recs[i].active)
			__klp_state_remove(self->patch, &self->recs[i]);
	list_del(&self->node);
	__klp_state_reg_put(reg);
	__klp_state_eng.phase = __KLP_IDLE;
}

/* Module objects: skip the post callbacks already run with the states'. */
static void __maybe_unused __klp_state_obj_post_patch(struct klp_object *obj)
{
	unsigned int i = obj - __klp_state_eng.objs;

	if (__klp_state_eng.done[i])
		__klp_state_eng.done[i] = false;
	else
		__klp_state_eng.uobj[i]->callbacks.post_patch(obj);
}

static void __maybe_unused __klp_state_obj_post_unpatch(struct klp_object *obj)
{
	unsigned int i = obj - __klp_state_eng.objs;

	if (__klp_state_eng.done[i])
		__klp_state_eng.done[i] = false;
	else
		__klp_state_eng.uobj[i]->callbacks.post_unpatch(obj);
}

static const struct klp_state_compat * __maybe_unused
__klp_state_blob(const struct klp_state *s)
{
	const struct klp_state_compat *c = s->data;

	return c && c->magic == KLP_STATE_COMPAT_MAGIC ? c : NULL;
}

/* Check the tables before touching anything: a refusal changes nothing. */
static int __maybe_unused __klp_state_check(struct klp_patch *patch)
{
	const char *name = patch->mod->name;
	struct klp_state *s, *t;
	struct klp_object *o;
	unsigned int n = 0;

	for (s = patch->states; s && s->id; s++) {
		if (++n > KLP_STATE_MAX_STATES) {
			pr_err("livepatch '%s' has more than %d states\n",
			       name, KLP_STATE_MAX_STATES);
			return -E2BIG;
		}
		if (s->id == KLP_STATE_RESERVED_ID) {
			pr_err("state id %lu in livepatch '%s' is reserved\n",
			       s->id, name);
			return -EINVAL;
		}
		for (t = patch->states; t != s; t++) {
			if (t->id == s->id) {
				pr_err("duplicate state id %lu in livepatch '%s'\n",
				       s->id, name);
				return -EINVAL;
			}
		}
	}
	n = 0;
	for (o = patch->objs; o && (o->funcs || o->name); o++)
		n += !!o->name;
	if (n > KLP_STATE_MAX_OBJS) {
		pr_err("livepatch '%s' patches more than %d objects\n",
		       name, KLP_STATE_MAX_OBJS);
		return -E2BIG;
	}
	return 0;
}

static void __maybe_unused __klp_state_setup_objs(struct klp_patch *patch)
{
	struct klp_object *eo = __klp_state_eng.objs, *o;
	struct klp_callbacks *cb = &eo[0].callbacks;
	unsigned int n = 1;

	eo[0].funcs = __klp_state_no_funcs;
	for (o = patch->objs; o && (o->funcs || o->name); o++) {
		if (!o->name) {
			eo[0] = *o;
			__klp_state_eng.uobj[0] = o;
			continue;
		}
		eo[n] = *o;
		__klp_state_eng.uobj[n] = o;
		if (o->callbacks.post_patch)
			eo[n].callbacks.post_patch = __klp_state_obj_post_patch;
		if (o->callbacks.post_unpatch)
			eo[n].callbacks.post_unpatch =
				__klp_state_obj_post_unpatch;
		n++;
	}
	/* vmlinux goes first: its callbacks are the states' outer layer */
	cb->pre_patch = __klp_state_pre_patch;
	cb->post_patch = __klp_state_post_patch;
	cb->pre_unpatch = __klp_state_pre_unpatch;
	cb->post_unpatch = __klp_state_post_unpatch;
}

/* Split the author's table into what the callbacks and the kernel see. */
static void __maybe_unused __klp_state_setup_states(struct klp_patch *patch)
{
	struct klp_state *kt = __klp_state_eng.ktable, *s;
	struct __klp_state_rec *r = __klp_state_eng.recs;
	const struct klp_state_compat *c;
	unsigned int n = 0, k = 1, pass;

	kt[0].id = KLP_STATE_RESERVED_ID;
	kt[0].version = KLP_STATE_PROTO;
	for (s = patch->states; s && s->id; s++, n++) {
		c = __klp_state_blob(s);
		r[n].c = c ?: &__klp_state_plain;
		if (c) {
			s->data = NULL;
			s->version = c->version;
		}
		r[n].state = s;
	}
	/* legacy states, then blocking ones, then the ones hidden later */
	for (pass = 0; pass < 3; pass++) {
		for (s = patch->states, r = __klp_state_eng.recs; s && s->id;
		     s++, r++) {
			if (pass != (s->version ? 0 : r->c->block_disable ? 1 : 2))
				continue;
			kt[k] = *s;
			/* legacy data is shared through the kernel's table */
			if (s->version)
				r->state = &kt[k];
			k++;
		}
		if (pass == 1)
			__klp_state_eng.nr_kept = k;
	}
	__klp_state_eng.self.recs = __klp_state_eng.recs;
	__klp_state_eng.self.nr = n;
}

/**
 * __klp_state_enable_patch() - klp_enable_patch() with the compat engine
 * @patch:	the livepatch, with states declared by KLP_STATE()
 *
 * The header redirects klp_enable_patch() here: it checks the state table,
 * gives the kernel the object and state tables the engine needs and calls
 * the kernel's klp_enable_patch().
 *
 * Return: 0 on success, a negative error otherwise.
 */
static int __maybe_unused __klp_state_enable_patch(struct klp_patch *patch)
{
	struct klp_object *objs;
	struct klp_state *states, *s;
	unsigned int i;
	int ret;

	if (!patch || !patch->mod)
		return klp_enable_patch(patch);
	if (__klp_state_eng.self.patch) {
		pr_err("livepatch '%s': one livepatch per module\n",
		       patch->mod->name);
		return -EBUSY;
	}
	ret = __klp_state_check(patch);
	if (ret)
		return ret;

	objs = patch->objs;
	states = patch->states;
	__klp_state_eng.self.patch = patch;
	__klp_state_setup_objs(patch);
	__klp_state_setup_states(patch);
	patch->objs = __klp_state_eng.objs;
	patch->states = __klp_state_eng.ktable;

	ret = klp_enable_patch(patch);
	if (ret) {
		/* give the author's tables back as they were */
		for (s = states, i = 0; s && s->id; s++, i++)
			if (__klp_state_eng.recs[i].c != &__klp_state_plain)
				s->data = (void *)__klp_state_eng.recs[i].c;
		patch->objs = objs;
		patch->states = states;
		__klp_state_eng.self.patch = NULL;
	}
	return ret;
}

#pragma pop_macro("pr_fmt")

/* The module's own klp_enable_patch() call goes through the engine. */
#define klp_enable_patch(patch) __klp_state_enable_patch(patch)

#endif /* KLP_STATE_COMPAT */

#endif /* _KLP_STATE_H */
