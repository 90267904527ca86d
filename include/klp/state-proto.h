/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * klp/state-proto.h - what compat livepatches share with each other
 *
 * Compat livepatches, each built with its own copy of the header, find
 * and read each other through a registry kept in a shadow variable.  The
 * structures below are that protocol: they only grow, every engine
 * records the sizes it was built with, and an engine reads another's
 * entries up to the members both know.  Nothing here is for authors;
 * include <klp/state.h>.
 */
#ifndef _KLP_STATE_PROTO_H
#define _KLP_STATE_PROTO_H

#ifndef KLP_STATE_COMPAT
#error "include <klp/state.h>, not <klp/state-proto.h>"
#endif

#include <linux/build_bug.h>
#include <linux/list.h>
#include <linux/stddef.h>

/**
 * KLP_STATE_PROTO - protocol of the structures compat livepatches share
 *
 * Each protocol number marks a growth of &struct __klp_state_registry,
 * &struct __klp_state_registered, &struct __klp_state_record or
 * &struct klp_state_compat: a later protocol appends members.  The
 * static assertions below freeze the layout of protocol 2, the first of
 * this scheme.  Protocol 3 adds per-object states (&__klp_state_record.obj).
 */
#ifndef KLP_STATE_PROTO
#define KLP_STATE_PROTO		3
#endif

/**
 * KLP_STATE_PROTO_OLDEST - oldest protocol this engine works with
 *
 * Raised only when a protocol changes the meaning of a member that
 * engines already read.  Two livepatches work together when each one's
 * protocol is at least the other's oldest; otherwise the later enable is
 * refused with a message naming both livepatches and their protocols.
 * A livepatch with per-object states records 3 as its oldest whatever
 * this says: an engine of protocol 2 would take them for patch-wide ones.
 */
#ifndef KLP_STATE_PROTO_OLDEST
#define KLP_STATE_PROTO_OLDEST	2
#endif

/* The oldest protocol that knows per-object states. */
#define __KLP_STATE_PROTO_OBJS	3U

/*
 * The version of the reserved state in the kernel's table.  Its presence
 * is what the stock check needs (a replacement built without the header
 * lacks it); it never changes, so that the engines, not the generic
 * "not compatible" line, judge protocols.
 */
#define __KLP_STATE_RESERVED_VERSION	1

/* One state of a compat livepatch, as the engines see it. */
struct __klp_state_record {
	struct klp_state *state;	/* the author's entry */
	struct klp_state *kernel_copy;	/* a legacy state's copy, or NULL */
	const struct klp_state_compat *compat;
	bool legacy;			/* plain entry, or versioned */
	bool active;			/* introduced or removed right now */
	bool shadows_left;		/* kept from an is_shadow owner */
	/* protocol 3 */
	struct klp_object *obj;		/* a per-object state's, else NULL */
	/* later protocols append here */
};

/* A compat livepatch with managed states, in the registry. */
struct __klp_state_registered {
	struct list_head node;
	struct klp_patch *patch;
	struct __klp_state_record *records;
	unsigned int nr_records;
	unsigned int proto;		/* its engine's KLP_STATE_PROTO */
	unsigned int oldest;		/* the oldest it works with */
	unsigned int record_size;	/* the stride of @records */
	unsigned int compat_size;	/* sizeof(struct klp_state_compat) */
	/* later protocols append here */
};

/* The registry: the shadow variable (NULL, KLP_STATE_RESERVED_ID). */
struct __klp_state_registry {
	unsigned int proto;		/* of the engine that made it */
	unsigned int oldest;
	unsigned int size;
	unsigned int __reserved;
	struct list_head patches;	/* oldest first, RCU */
	/* later protocols append here */
};

#define __KLP_STATE_PTR		sizeof(void *)
#define __KLP_STATE_FROZEN(_type, _member, _offset)			\
	static_assert(offsetof(_type, _member) == (_offset),		\
		      "protocol 2 layout of " #_type " changed at " #_member)

__KLP_STATE_FROZEN(struct __klp_state_registry, proto, 0);
__KLP_STATE_FROZEN(struct __klp_state_registry, oldest, 4);
__KLP_STATE_FROZEN(struct __klp_state_registry, size, 8);
__KLP_STATE_FROZEN(struct __klp_state_registry, patches, 16);
__KLP_STATE_FROZEN(struct __klp_state_registered, node, 0);
__KLP_STATE_FROZEN(struct __klp_state_registered, patch, 2 * __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct __klp_state_registered, records, 3 * __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct __klp_state_registered, nr_records, 4 * __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct __klp_state_registered, proto, 4 * __KLP_STATE_PTR + 4);
__KLP_STATE_FROZEN(struct __klp_state_registered, oldest, 4 * __KLP_STATE_PTR + 8);
__KLP_STATE_FROZEN(struct __klp_state_registered, record_size, 4 * __KLP_STATE_PTR + 12);
__KLP_STATE_FROZEN(struct __klp_state_registered, compat_size, 4 * __KLP_STATE_PTR + 16);
__KLP_STATE_FROZEN(struct __klp_state_record, state, 0);
__KLP_STATE_FROZEN(struct __klp_state_record, kernel_copy, __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct __klp_state_record, compat, 2 * __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct __klp_state_record, legacy, 3 * __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct __klp_state_record, active, 3 * __KLP_STATE_PTR + 1);
__KLP_STATE_FROZEN(struct __klp_state_record, shadows_left, 3 * __KLP_STATE_PTR + 2);
__KLP_STATE_FROZEN(struct klp_state_compat, version, 0);
__KLP_STATE_FROZEN(struct klp_state_compat, callbacks, __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct klp_state_compat, is_shadow,
		   __KLP_STATE_PTR + sizeof(struct klp_state_callbacks));
__KLP_STATE_FROZEN(struct klp_state_compat, block_disable,
		   __KLP_STATE_PTR + sizeof(struct klp_state_callbacks) + 1);
__KLP_STATE_FROZEN(struct klp_state_callbacks, pre_patch, 0);
__KLP_STATE_FROZEN(struct klp_state_callbacks, post_patch, __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct klp_state_callbacks, pre_unpatch, 2 * __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct klp_state_callbacks, post_unpatch, 3 * __KLP_STATE_PTR);
__KLP_STATE_FROZEN(struct klp_state_callbacks, shadow_dtor, 4 * __KLP_STATE_PTR);

/* Record @i of @patch, whose engine may have records of another size. */
static inline struct __klp_state_record *
__klp_state_record_at(const struct __klp_state_registered *patch,
		      unsigned int i)
{
	return (void *)patch->records + i * patch->record_size;
}

/* The object of a per-object state; NULL for patch scope or protocol 2. */
static inline struct klp_object *
__klp_state_obj_of(const struct __klp_state_registered *patch,
		   const struct __klp_state_record *record)
{
	if (patch->record_size < offsetofend(struct __klp_state_record, obj))
		return NULL;
	return record->obj;
}

#endif /* _KLP_STATE_PROTO_H */
