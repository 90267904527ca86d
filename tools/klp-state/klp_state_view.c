// SPDX-License-Identifier: GPL-2.0-only
/*
 * klp_state_view: the states of the compat livepatches, read-only.
 *
 * The compat engine keeps its registry in the kernel's shadow variable
 * (NULL, KLP_STATE_RESERVED_ID); this module reads it and shows one line
 * per state of each registered livepatch in
 * /sys/module/klp_state_view/parameters/states, oldest livepatch first:
 *
 *	LIVEPATCH ID SCOPE KIND FLAGS
 *
 * SCOPE is "patch" or "module:NAME" (with "(loaded)" while the livepatch
 * patches it), KIND "managed" or "legacy" (with ":vVERSION" when
 * versioned), FLAGS a comma-separated list of is_shadow, block_disable
 * and owner (the newest registered livepatch carrying the id: the one
 * whose callbacks and destructor remove it), or "-".  Livepatches that
 * carry no managed state are not in the registry once enabled; those
 * built without the header never are.  The view costs the livepatches
 * nothing: no engine has code for it.
 */
#define KLP_STATE_FORCE_COMPAT
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/livepatch.h>
#include <klp/state.h>

/* Is @record's id carried by a livepatch registered after @patch? */
static bool view_carried_later(struct __klp_state_registry *registry,
			       struct __klp_state_registered *patch,
			       unsigned long id)
{
	struct __klp_state_registered *later = patch;
	unsigned int i;

	list_for_each_entry_continue_rcu(later, &registry->patches, node)
		for (i = 0; i < later->nr_records; i++)
			if (__klp_state_record_at(later, i)->state->id == id)
				return true;
	return false;
}

/* The protocol 3 members of a record's compat entry, when it has them. */
static const char *view_obj_name(const struct __klp_state_registered *patch,
				 const struct __klp_state_record *record)
{
	if (record->legacy ||
	    patch->compat_size < offsetofend(struct klp_state_compat, obj_name))
		return NULL;
	return record->compat->obj_name;
}

static int view_record(char *buf, int len,
		       struct __klp_state_registry *registry,
		       struct __klp_state_registered *patch,
		       const struct __klp_state_record *record)
{
	const struct klp_state *state = record->state;
	const struct klp_object *obj = __klp_state_obj_of(patch, record);
	const char *obj_name = view_obj_name(patch, record);
	char flags[40] = "";

	if (!record->legacy && record->compat->is_shadow)
		strlcat(flags, ",is_shadow", sizeof(flags));
	if (!record->legacy && record->compat->block_disable)
		strlcat(flags, ",block_disable", sizeof(flags));
	if (!view_carried_later(registry, patch, state->id))
		strlcat(flags, ",owner", sizeof(flags));

	len += scnprintf(buf + len, PAGE_SIZE - len, "%s %lu ",
			 patch->patch->mod->name, state->id);
	if (obj_name)
		len += scnprintf(buf + len, PAGE_SIZE - len, "module:%s%s ",
				 obj_name, obj && obj->mod ? "(loaded)" : "");
	else
		len += scnprintf(buf + len, PAGE_SIZE - len, "patch ");
	if (record->legacy && state->version)
		len += scnprintf(buf + len, PAGE_SIZE - len, "legacy:v%u ",
				 state->version);
	else
		len += scnprintf(buf + len, PAGE_SIZE - len, "%s ",
				 record->legacy ? "legacy" : "managed");
	return len + scnprintf(buf + len, PAGE_SIZE - len, "%s\n",
			       flags[0] ? flags + 1 : "-");
}

static int view_states_get(char *buf, const struct kernel_param *kp)
{
	struct __klp_state_registry *registry;
	struct __klp_state_registered *patch;
	unsigned int i;
	int len = 0;

	rcu_read_lock();
	registry = klp_shadow_get(NULL, KLP_STATE_RESERVED_ID);
	if (registry && (registry->proto < KLP_STATE_PROTO_OLDEST ||
			 registry->oldest > KLP_STATE_PROTO)) {
		len = scnprintf(buf, PAGE_SIZE,
				"state registry of protocol %u: this view reads %u to %u\n",
				registry->proto, KLP_STATE_PROTO_OLDEST,
				KLP_STATE_PROTO);
		registry = NULL;
	}
	if (registry)
		list_for_each_entry_rcu(patch, &registry->patches, node)
			for (i = 0; i < patch->nr_records; i++)
				len = view_record(buf, len, registry, patch,
						  __klp_state_record_at(patch, i));
	rcu_read_unlock();
	return len;
}

static const struct kernel_param_ops view_states_ops = {
	.get = view_states_get,
};
module_param_cb(states, &view_states_ops, NULL, 0444);
MODULE_PARM_DESC(states, "the states of the compat livepatches, one per line");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("read-only view of the states of klp-state compat livepatches");
