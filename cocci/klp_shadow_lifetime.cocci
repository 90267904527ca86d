// SPDX-License-Identifier: GPL-2.0-only
/// A shadow variable attached to an object that can die while its state
/// lives must be freed where the object dies.  A task, an open file or a
/// packet dies long before a state goes; the allocator hands its memory
/// to a new object, and klp_shadow_get() then finds the dead object's
/// variable for the new one.  Warn where such a variable is allocated and
/// the file never calls klp_shadow_free() for its id: the state frees
/// what is left when it is removed, not what is left by each object.
///
// Confidence: Moderate
// Copyright: (C) 2026 the klp-state authors
// Options: --no-includes --include-headers
// Keywords: livepatch, shadow variables, object lifetime

virtual context
virtual org
virtual report

// Per file, with no script state: "make coccicheck" runs spatch with
// --jobs, where the files are spread over processes.
@short_lived_alloc depends on report || org@
symbol current;
expression ID;
position p;
{struct task_struct *, struct seq_file *, struct file *, struct sk_buff *} E;
@@
(
klp_shadow_get_or_alloc@p(current, ID, ...)
|
klp_shadow_alloc@p(current, ID, ...)
|
klp_shadow_get_or_alloc@p(E, ID, ...)
|
klp_shadow_alloc@p(E, ID, ...)
)

@id_freed depends on short_lived_alloc@
expression O, short_lived_alloc.ID;
@@
klp_shadow_free(O, ID, ...)

@script:python depends on short_lived_alloc && !id_freed@
p << short_lived_alloc.p;
ID << short_lived_alloc.ID;
@@
msg = ("shadow variable " + ID + " hangs off a short-lived object (a task, file or packet) and is never"
       " freed with klp_shadow_free(): when the object dies, a new one at the same address finds it;"
       " free it on the object's release path, the state only frees what is left when it goes")
coccilib.report.print_report(p[0], msg)
