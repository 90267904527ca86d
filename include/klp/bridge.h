/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * klp/bridge.h - take a state's data over from a release built without
 * the header
 *
 * A livepatch stream whose running release was built without
 * <klp/state.h> may keep a state's data where klp_state.data points,
 * handing the pointer on with klp_get_prev_state().  The first release
 * built with the header keeps that state (same id), so none of its state
 * callbacks run when it replaces the running one: the data must come
 * over by other means.  klp_state_bridge() moves it into the shadow
 * variable that the state owns, from the post_patch callback of the
 * vmlinux object, which runs on every enable.
 *
 * Only a livepatch that includes this file after <klp/state.h> gets the
 * code; see "Moving a deployed stream" in Documentation/migration.rst.
 */
#ifndef _KLP_BRIDGE_H
#define _KLP_BRIDGE_H

#ifndef _KLP_STATE_H
#error "include <klp/state.h> before <klp/bridge.h>"
#endif

#include <linux/gfp.h>
#include <linux/string.h>

struct __klp_state_bridge_src {
	const void *data;
	size_t size;
};

/* Fills the new shadow variable before anyone can find it. */
static inline int __klp_state_bridge_ctor(void *obj, void *shadow_data,
					  void *ctor_data)
{
	const struct __klp_state_bridge_src *src = ctor_data;

	memcpy(shadow_data, src->data, src->size);
	return 0;
}

/**
 * klp_state_bridge() - take a kept state's data over from a livepatch
 *			built without the header
 * @id:		the state's id; the data goes to the shadow variable with
 *		this id on the NULL object, which the state owns
 *		(KLP_SHADOW_STATE())
 * @size:	size of the data the predecessor's &klp_state.data points to
 * @release:	called with the predecessor's data once it is copied (kfree()
 *		for memory it allocated with kmalloc()), or NULL to leave it
 *
 * Call it from the post_patch callback of the livepatch's vmlinux object,
 * which runs on every enable, after the transition that replaced the
 * predecessor, while klp_get_prev_state() still finds it.  It does
 * something only when the shadow variable does not exist yet and the
 * state kept from an earlier livepatch has non-NULL &klp_state.data: the
 * state comes from a release built without the header.  A release built
 * with it already keeps the data in the shadow variable (its pre_patch
 * made it, or its own bridge did), so an upgrade or a downgrade between
 * such releases, and an enable that introduces the state, change
 * nothing.  An enable that is reversed never gets here, and the
 * predecessor keeps its data.
 *
 * After @release the predecessor's &klp_state.data is NULL: a release
 * built without the header must never replace this one again, so the
 * state keeps a &klp_state.version higher than the predecessor's.
 *
 * Context: process context, as the object callbacks; may sleep.
 * Return: the shadow variable's data when it was taken over by this call,
 * NULL when there was nothing to take over or its allocation failed (a
 * log line then says so; the predecessor's data is left as it was).
 */
static inline void *klp_state_bridge(unsigned long id, size_t size,
				     void (*release)(const void *data))
{
	struct __klp_state_bridge_src src;
	struct klp_state *prev;
	void *data;

	if (klp_shadow_get(NULL, id))
		return NULL;
	prev = klp_get_prev_state(id);
	if (!prev || !prev->data)
		return NULL;
	src.data = prev->data;
	src.size = size;
	data = klp_shadow_alloc(NULL, id, size, GFP_KERNEL,
				__klp_state_bridge_ctor, &src);
	if (!data) {
		pr_err("klp-state: state 0x%lx: no memory to take over the data of the earlier livepatch\n",
		       id);
		return NULL;
	}
	if (release) {
		release(prev->data);
		prev->data = NULL;
	}
	return data;
}

#endif /* _KLP_BRIDGE_H */
