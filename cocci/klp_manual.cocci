// SPDX-License-Identifier: GPL-2.0-only
/// Report only.  Livepatch shapes the other scripts can not convert safely,
/// each with what it maps to and what to do by hand:
///
///  - callbacks put into an object at run time (an assignment to
///    .callbacks.K, a whole callbacks structure assigned or copied), as
///    kpatch-build and klp-build generated modules do;
///  - a shadow variable on the NULL object: a hand-made patch-wide state,
///    usually a reference count of the patches that made a change;
///  - klp_shadow_free(obj, ID, dtor) of single objects in module exit or in
///    a post-unpatch callback, where KLP_SHADOW_STATE() would free them all.
///
// Confidence: Moderate
// Copyright: (C) 2026 the klp-state authors
// Options: --no-includes --include-headers
// Keywords: livepatch, klp_state, callbacks, shadow variables

virtual context
virtual org
virtual report

@initialize:python@
@@
import re
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(cocci.cocci_file)))
from klp_cocci import *

exits = set()
post_unpatch = set()
null_frees = {}
# Assignments to the callbacks of a struct klp_state: already on the
# state API, not object callbacks.
on_state = set()
# Per file: which function each new_func patches, the ids allocated on
# objects, freed one by one, freed all at once or owned by a state.
G = {}

def reset():
    G.clear()
    G.update({"objs": [], "funcs": {}, "allocs": {}, "frees": {}, "free_all": set(),
              "patch": False, "obj_cb": set(), "cb_mod": {}})

reset()

def at(p):
    return (p.file, p.line, p.column)

def key(e):
    return " ".join(e.split())

def odd(p, O, what):
    coccilib.report.print_report(p, "callbacks of an object of " + O + " written with " + what + ","
        " not converted: write the object as { ..., .callbacks = { .K = fn, ... } } in the array and run"
        " the conversion again")

def plain(e):
    return re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", e.strip()) is not None

@script:python depends on report || org@
@@
reset()

@module_exit_fn depends on report || org@
declarer name module_exit;
identifier fn;
@@
module_exit(fn);

@script:python@
fn << module_exit_fn.fn;
@@
exits.add(fn)

// Callbacks of a state set at run time, by the type of what holds them.
@state_cb depends on report || org@
struct klp_state S;
struct klp_state *SP;
identifier K;
expression G;
position p;
@@
(
S.callbacks.K@p = G
|
SP->callbacks.K@p = G
)

@script:python@
p << state_cb.p;
@@
on_state.add(at(p[0]))

@state_cb2 depends on report || org@
expression E, G;
identifier K;
position p;
@@
(
E.callbacks.K@p = G
|
E->callbacks.K@p = G
)

@script:python@
E << state_cb2.E;
p << state_cb2.p;
@@
if is_state(E, p[0].file):
    on_state.add(at(p[0]))

// Post-unpatch callbacks, wherever they are given.
@post_unpatch_callback depends on report || org@
identifier f;
identifier O;
expression E, SZ;
@@
(
struct klp_object O[] = { ..., { ..., .callbacks = { ..., .post_unpatch = f, ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .callbacks = { ..., .post_unpatch = f, ... }, ... }, ... };
|
struct klp_object O = { ..., .callbacks = { ..., .post_unpatch = f, ... }, ... };
|
E.callbacks.post_unpatch = f
|
E->callbacks.post_unpatch = f
)

@script:python@
f << post_unpatch_callback.f;
@@
post_unpatch.add(f)

@null_free depends on report || org@
expression ID, D;
@@
klp_shadow_free(NULL, ID, D)

@script:python@
ID << null_free.ID;
D << null_free.D;
@@
null_frees.setdefault(key(ID), D)

// Callbacks of an object set at run time.
@rt_obj_callback depends on report || org@
identifier fn;
identifier K =~ "^(pre|post)_(un)?patch$";
expression E, F;
position p : script:python() { at(p[0]) not in on_state };
@@
fn(...) { <...
(
E.callbacks.K@p = F
|
E->callbacks.K@p = F
) ...> }

@script:python depends on report@
fn << rt_obj_callback.fn;
K << rt_obj_callback.K;
F << rt_obj_callback.F;
p << rt_obj_callback.p;
@@
coccilib.report.print_report(p[0], "callback " + F + " is set as ." + K + " at run time in " + fn + "()," +
    " not converted: give it in the object's static initializer (.callbacks = { ." + K + " = " + F + " }) and run the"
    " conversion again, or declare KLP_STATE(id, .callbacks." + K + " = ...) by hand with a"
    " (struct klp_patch *, struct klp_state *) callback")

@rt_callbacks_copy depends on report || org@
identifier fn;
expression E, S, N;
position p;
@@
fn(...) { <...
(
memcpy@p(&E.callbacks, S, N)
|
memcpy@p(&E->callbacks, S, N)
|
E.callbacks@p = S
|
E->callbacks@p = S
) ...> }

@script:python depends on report@
fn << rt_callbacks_copy.fn;
p << rt_callbacks_copy.p;
@@
coccilib.report.print_report(p[0], "a whole callbacks structure is copied into an object at run time in " + fn + "()," +
    " not converted: the functions it holds run on every enable and replace; move them to KLP_STATE() by hand"
    " (callbacks then take (struct klp_patch *, struct klp_state *)) and drop the copy")

// A shadow variable on NULL is one per system: a state made by hand.
@null_shadow depends on report || org@
expression ID;
position p;
@@
(
klp_shadow_get_or_alloc@p(NULL, ID, ...)
|
klp_shadow_alloc@p(NULL, ID, ...)
)

@script:python depends on report@
ID << null_shadow.ID;
p << null_shadow.p;
@@
d = null_frees.get(key(ID), "dtor")
# A state of the file owns it already: converted.
if ID not in re.findall(r"\bKLP_SHADOW_STATE\s*\(\s*(\w+)", file_text(p[0].file)):
    coccilib.report.print_report(p[0], "shadow variable " + ID + " on the NULL object is a hand-made shared state, not converted:"
        " it maps to KLP_SHADOW_STATE(" + ID + ", " + d + ", .callbacks.pre_patch = ..., .callbacks.post_unpatch = ...):"
        " do the first patch's change in pre_patch and the last one's undo in post_unpatch, drop the reference count,"
        " and let the state free the variable")

// Functions with the signature of an object callback that returns
// nothing: post_patch, pre_unpatch or post_unpatch, maybe of objects in
// another file.
@obj_cb_sig depends on report || org@
identifier fn, obj;
@@
void fn(struct klp_object *obj) { ... }

@script:python@
fn << obj_cb_sig.fn;
@@
G["obj_cb"].add(fn)

// Single frees where the state would free them all.
@single_free depends on report || org@
identifier fn;
expression O != NULL;
expression ID, D;
position p;
@@
fn(...) { <... klp_shadow_free@p(O, ID, D) ...> }

@script:python depends on report@
fn << single_free.fn;
ID << single_free.ID;
D << single_free.D;
p << single_free.p;
@@
if fn in exits or fn in post_unpatch or fn in G["obj_cb"]:
    coccilib.report.print_report(p[0], "klp_shadow_free() of single objects of " + ID + " in " + fn + "(), not converted:"
        " if this frees every shadow variable of " + ID + ", use KLP_SHADOW_STATE(" + ID + ", " + D + ") and drop the"
        " frees; they then happen when the state is removed, not on every unload or replace")

// Shadow variables that nothing frees when the livepatch goes: attached
// to objects, maybe freed one by one where an object dies, but never
// all at once (klp_shadow_free_all() or a state that owns them).
@sv_alloc depends on report || org@
identifier fn;
expression O != NULL;
expression ID;
position p;
@@
fn(...) { <...
(
klp_shadow_alloc@p(O, ID, ...)
|
klp_shadow_get_or_alloc@p(O, ID, ...)
)
...> }

@script:python@
fn << sv_alloc.fn;
ID << sv_alloc.ID;
p << sv_alloc.p;
@@
G["allocs"].setdefault(key(ID), []).append((fn, p[0]))
G["file"] = p[0].file

@sv_free depends on report || org@
identifier fn;
expression O != NULL;
expression ID, D;
@@
fn(...) { <... klp_shadow_free(O, ID, D) ...> }

@script:python@
fn << sv_free.fn;
ID << sv_free.ID;
D << sv_free.D;
@@
G["frees"].setdefault(key(ID), []).append((fn, D))

@sv_free_all depends on report || org@
expression ID, D;
@@
klp_shadow_free_all(ID, D)

@script:python@
ID << sv_free_all.ID;
@@
G["free_all"].add(key(ID))

// The objects the new functions patch, to name a module's objects.
@lp_funcs depends on report || org@
identifier FA;
initializer E;
position p;
@@
struct klp_func FA[] = { ..., E@p, ... };

@script:python@
FA << lp_funcs.FA;
p << lp_funcs.p;
@@
G["funcs"].setdefault(FA, []).append(src(p[0]))

@lp_objs depends on report || org@
identifier O;
expression SZ;
initializer E;
position p;
@@
(
struct klp_object O[] = { ..., E@p, ... };
|
struct klp_object O[SZ] = { ..., E@p, ... };
|
struct klp_object O = E@p;
)

@script:python@
p << lp_objs.p;
@@
G["objs"].append(src(p[0]))

@lp_patch depends on report || org@
identifier P;
@@
struct klp_patch P = { ... };

@script:python@
P << lp_patch.P;
@@
G["patch"] = True

@script:python depends on report@
@@
mods = func_modules(G["objs"], G["funcs"])
owned = set(re.findall(r"\bKLP_SHADOW_STATE\s*\(\s*(\w+)", file_text(G["file"]))) if G["allocs"] else set()
for ID, allocs in G["allocs"].items():
    if not G["patch"] or ID in G["free_all"] or ID in owned:
        continue
    fns = sorted(set(f for f, _ in allocs))
    freed = G["frees"].get(ID, [])
    dtor = freed[0][1] if freed else "NULL"
    p = sorted(allocs, key=lambda a: (int(a[1].line), int(a[1].column)))[0][1]
    one = "freed one by one in " + ", ".join(sorted(set(f + "()" for f, _ in freed))) if freed else "never freed"
    mod = one_module(fns, mods)
    coccilib.report.print_report(p, "shadow variables of " + ID + " are attached in " +
        ", ".join(f + "()" for f in fns) + " and " + one + ", but nothing frees the rest when the livepatch"
        " is disabled or replaced, not converted: they map to KLP_SHADOW_STATE(" + ID + ", " + dtor +
        obj_name_field(mod) + "), which frees them when the state is removed" +
        (" (a state of " + mod + ", whose objects they hang off: its unload frees them too)" if mod else "") +
        "; add it to the patch's states by hand")

// Objects whose callbacks the converting scripts do not read: an index
// designator, nested designators, a callback that is not a plain name.
// One rule each: a disjunction stops at the first branch that matches.
@index_designator depends on report || org@
identifier O;
expression SZ, N;
position p;
@@
(
struct klp_object O[] = { ..., [N] = { ..., .callbacks@p = { ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., [N] = { ..., .callbacks@p = { ... }, ... }, ... };
)

@nested_designator depends on report || org@
identifier O, K;
expression SZ, N, G;
position p;
@@
(
struct klp_object O[] = { ..., [N] = { ..., .callbacks.K@p = G, ... }, ... };
|
struct klp_object O[SZ] = { ..., [N] = { ..., .callbacks.K@p = G, ... }, ... };
|
struct klp_object O[] = { ..., { ..., .callbacks.K@p = G, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .callbacks.K@p = G, ... }, ... };
|
struct klp_object O = { ..., .callbacks.K@p = G, ... };
)

@callback_expression depends on report || org@
identifier O, K;
expression SZ;
expression F : script:python() { not plain(F) };
position p;
@@
(
struct klp_object O[] = { ..., { ..., .callbacks@p = { ..., .K = F, ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .callbacks@p = { ..., .K = F, ... }, ... }, ... };
|
struct klp_object O = { ..., .callbacks@p = { ..., .K = F, ... }, ... };
)

@script:python depends on report@
O << index_designator.O;
p << index_designator.p;
@@
odd(p[0], O, "an index designator")

@script:python depends on report@
O << nested_designator.O;
p << nested_designator.p;
@@
odd(p[0], O, "nested designators .callbacks.K = ...")

@script:python depends on report@
O << callback_expression.O;
p << callback_expression.p;
@@
odd(p[0], O, "a callback that is not a function name")
