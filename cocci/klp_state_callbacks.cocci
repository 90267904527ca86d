// SPDX-License-Identifier: GPL-2.0-only
/// Move the callbacks of the vmlinux klp_object to a state declared with
/// KLP_STATE() from <klp/state.h>.  Object callbacks run on every enable and
/// disable of the patch, also when an atomic replace carries the change over;
/// state callbacks run only when the state is introduced or removed.
///
/// The callbacks get (struct klp_patch *patch, struct klp_state *state)
/// instead of the object (klp_state for the second where a callback has a
/// local named state; a local named patch keeps the callbacks).
/// obj->name and obj->mod are NULL for vmlinux and are folded; any other
/// use of obj is given the vmlinux object of the patch and reported.  The state id is -D state_id=ID; without it, the existing
/// state the file reads with klp_get_state()/klp_get_prev_state() is reused,
/// else a KLP_MIGRATED_STATE_ID define is emitted, marked for review.
///
// Confidence: Moderate
// Copyright: (C) 2026 the klp-state authors
// Options: --no-includes --include-headers
// Keywords: livepatch, klp_state, callbacks

virtual patch
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

MARK = "KLP_MIGRATED_STATE_ID"
HELPER = "vmlinux_klp_object"

def reset():
    global F
    F = {"cbs": {}, "named": {}, "entries": [], "ids_read": [],
         "state_arr": None, "state_id": None, "file": None,
         "vm": {}, "vm_pos": None, "ok": False, "shared": set(),
         "target": None, "new_entry": None, "need_helper": False,
         "first_fn": None, "fn_lines": {}, "last_entry": None,
         "why": None, "klp_path": None, "klp_dir": None,
         "arr": None, "arr_def": False, "has_objs": False,
         "defs": set(), "all_kinds": {}, "init": None, "oents": {},
         "singles": set(), "single_named": set(), "cb_objs": set(),
         "rt": {}, "rt_all": set(), "rt_pos": set(), "rt_fn": None,
         "null_ids": [], "null_dtor": {}, "owns": False, "bridge": set(),
         "locals": {}}

reset()

def owned(fields):
    """The fields of the target entry, owning its shadow variable."""
    if not F["owns"] or dict(fields).get(".is_shadow") == "true":
        return fields
    dtor = list(F["null_dtor"].get(F["new_id"], {"NULL"}))[0]
    return [(".is_shadow", "true"), (".callbacks.shadow_dtor", dtor)] + \
        [f for f in fields if f[0] not in (".is_shadow", ".callbacks.shadow_dtor")]

def cb_fields():
    return [(".callbacks." + k, F["vm"][k]) for k in KINDS if k in F["vm"]]

def marker_id(path):
    # Derived from the path below the converted tree (klp-migrate passes
    # it), else the file name: the next version of a cumulative patch
    # usually keeps it, two patches of the same name in two directories
    # do not share it.
    return placeholder_id(F["klp_path"], path)

@script:python depends on patch || context || org || report@
@@
reset()

@script:python@
sid << virtual.state_id;
@@
F["state_id"] = sid

@script:python@
kp << virtual.klp_path;
@@
F["klp_path"] = kp

@script:python@
kd << virtual.klp_dir;
@@
F["klp_dir"] = kd

@has_state_header@
@@
#include <klp/state.h>

// Every callback of every object: in an array, a sized array, or a
// single object.
@obj_callback@
identifier O, K, f;
expression SZ;
position p;
@@
(
struct klp_object O[] = { ..., { ..., .callbacks@p = { ..., .K = f, ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .callbacks@p = { ..., .K = f, ... }, ... }, ... };
|
struct klp_object O = { ..., .callbacks@p = { ..., .K = f, ... }, ... };
)

@script:python@
p << obj_callback.p;
K << obj_callback.K;
f << obj_callback.f;
O << obj_callback.O;
@@
F["file"] = p[0].file
F["cb_objs"].add(O)
F["cbs"].setdefault((p[0].line, p[0].column), {})[K] = f

// Every callback field, whatever its value: one that is not a function
// name would be lost with the .callbacks block.
@obj_callback_any@
identifier O, K;
expression SZ, G;
position p;
@@
(
struct klp_object O[] = { ..., { ..., .callbacks@p = { ..., .K = G, ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .callbacks@p = { ..., .K = G, ... }, ... }, ... };
|
struct klp_object O = { ..., .callbacks@p = { ..., .K = G, ... }, ... };
)

@script:python@
p << obj_callback_any.p;
K << obj_callback_any.K;
@@
F["all_kinds"].setdefault((p[0].line, p[0].column), set()).add(K)

@named_obj_callbacks@
identifier O;
expression N, SZ;
position p;
@@
(
struct klp_object O[] = { ..., { ..., .name = N, ..., .callbacks@p = { ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .name = N, ..., .callbacks@p = { ... }, ... }, ... };
|
struct klp_object O = { ..., .name = N, ..., .callbacks@p = { ... }, ... };
)

@script:python@
p << named_obj_callbacks.p;
N << named_obj_callbacks.N;
@@
if N != "NULL":
    F["named"][(p[0].line, p[0].column)] = N

// The patch's state array, if any.
// Names are kept through constraints, not inherited: later rules then
// run in a single binding environment, so "depends on" works for all.
@patch_states@
identifier P : script:python() { F.__setitem__("P", P) is None };
identifier S : script:python() { F.__setitem__("arr", S) is None };
@@
struct klp_patch P = { ..., .states = S, ... };

// The array it names, defined in this file, or the patch's .objs, next to
// which a new array goes: without either the state has nowhere to go.
@states_def depends on patch_states@
identifier S : script:python() { S == F["arr"] };
@@
struct klp_state S[] = { ... };

@script:python@
S << states_def.S;
@@
F["arr_def"] = True

@patch_objs@
identifier P;
expression O;
@@
struct klp_patch P = { ..., .objs = O, ... };

@script:python@
P << patch_objs.P;
@@
F["has_objs"] = True

@state_entry depends on patch_states@
identifier S : script:python() { S == F["arr"] };
initializer E;
position p;
@@
struct klp_state S[] = { ..., E@p, ... };

@script:python@
p << state_entry.p;
@@
txt = src(p[0])
e = parse_entry(txt)
if e is not None:
    F["entries"].append((p[0], e))
elif norm(txt) not in ("{ }", "{}"):
    F["entries"].append((p[0], None))

@state_lookup@
expression E, I;
@@
(
klp_get_state(E, I)
|
klp_get_prev_state(I)
)

@script:python@
I << state_lookup.I;
@@
if I not in F["ids_read"]:
    F["ids_read"].append(I)

// Shadow variables on the NULL object: data moved by hand out of
// klp_state.data or a module global into one variable per system.  When
// its id is the id of a state of the file, that state takes the
// callbacks and owns the variable (KLP_SHADOW_STATE()).
@null_shadow_use@
expression I;
@@
(
klp_shadow_get(NULL, I)
|
klp_shadow_alloc(NULL, I, ...)
|
klp_shadow_get_or_alloc(NULL, I, ...)
)

@script:python@
I << null_shadow_use.I;
@@
if I not in F["null_ids"]:
    F["null_ids"].append(I)

@null_shadow_free@
expression I, D;
@@
klp_shadow_free(NULL, I, D)

@script:python@
I << null_shadow_free.I;
D << null_shadow_free.D;
@@
F["null_dtor"].setdefault(I, set()).add(D)

// Callbacks set at run time.  Converted only in the plain shape: every
// assignment in the file is a statement that module init runs on every
// path, O[constant] or a single O, to one vmlinux object that has no
// static callbacks.
@module_init_fn@
declarer name module_init;
identifier fn;
@@
module_init(fn);

@script:python@
fn << module_init_fn.fn;
@@
F["init"] = fn

@obj_entry@
identifier O;
expression SZ;
initializer E;
position p;
@@
(
struct klp_object O[] = { ..., E@p, ... };
|
struct klp_object O[SZ] = { ..., E@p, ... };
)

@script:python@
O << obj_entry.O;
p << obj_entry.p;
@@
F["oents"].setdefault(O, []).append(((int(p[0].line), int(p[0].column)), src(p[0])))

@single_obj@
identifier O;
@@
struct klp_object O = { ... };

@script:python@
O << single_obj.O;
@@
F["singles"].add(O)

@named_single_obj@
identifier O;
expression N;
@@
struct klp_object O = { ..., .name = N, ... };

@script:python@
O << named_single_obj.O;
N << named_single_obj.N;
@@
if N != "NULL":
    F["single_named"].add(O)

@rt_assignment@
expression E, G;
identifier K =~ "^(pre|post)_(un)?patch$";
position p;
@@
(
E.callbacks.K@p = G
|
E->callbacks.K@p = G
)

@script:python@
p << rt_assignment.p;
E << rt_assignment.E;
@@
if not is_state(E, p[0].file):
    F["rt_all"].add((p[0].line, p[0].column))

// Callbacks of a state, by the type of what holds them: already on the
// state API.
@rt_state@
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
p << rt_state.p;
@@
F["rt_all"].discard((p[0].line, p[0].column))

@rt_indexed@
identifier fn : script:python() { fn == F["init"] };
identifier O, K, f;
expression C;
position p;
@@
fn(...) {
  ...
  O[C].callbacks.K@p = f;
  ...
}

@script:python@
fn << rt_indexed.fn;
O << rt_indexed.O;
C << rt_indexed.C;
K << rt_indexed.K;
f << rt_indexed.f;
p << rt_indexed.p;
@@
F["rt_fn"] = fn
F["file"] = p[0].file
F["rt"][(p[0].line, p[0].column)] = (O, C, K, f)

@rt_single@
identifier fn : script:python() { fn == F["init"] };
identifier O, K, f;
position p;
@@
fn(...) {
  ...
  O.callbacks.K@p = f;
  ...
}

@script:python@
fn << rt_single.fn;
O << rt_single.O;
K << rt_single.K;
f << rt_single.f;
p << rt_single.p;
@@
F["rt_fn"] = fn
F["file"] = p[0].file
F["rt"][(p[0].line, p[0].column)] = (O, "", K, f)

// Functions this file defines: a callback defined elsewhere (an
// #include'd .c file, another translation unit) would keep its
// klp_object signature while the state calls it with the patch and state.
@defined_fn@
identifier fn;
type T;
@@
T fn(...) { ... }

@script:python@
fn << defined_fn.fn;
@@
F["defs"].add(fn)

// A vmlinux callback that takes data over from a release built without
// the header (klp_state_bridge(), <klp/bridge.h>) must run on every
// enable: it stays an object callback.
@bridge_fn@
identifier fn;
type T;
@@
T fn(...) { <+... klp_state_bridge(...) ...+> }

@script:python@
fn << bridge_fn.fn;
@@
F["bridge"].add(fn)

// A local of a callback named as a parameter of the state callback
// would clash with it: "state" renames the parameter, "patch", which
// the conversion itself uses for the patch, keeps the callbacks.
@callback_local@
identifier fn, obj, loc;
type T, T2;
position p;
@@
T fn@p(struct klp_object *obj) { <...
T2 loc;
...> }

@script:python@
fn << callback_local.fn;
loc << callback_local.loc;
p << callback_local.p;
@@
if loc in ("state", "patch"):
    F["locals"].setdefault(fn, {})[loc] = p[0]

// Decide what this file gets.
@script:python@
@@
def rt_target():
    """The vmlinux callbacks set at run time, or why they stay."""
    if set(F["rt"]) != F["rt_all"]:
        return None, "a callback is set at run time outside the plain shape"
    targets = set((O, C) for O, C, K, f in F["rt"].values())
    if len(targets) > 1:
        return None, "callbacks are set at run time into more than one object"
    (O, C), = targets
    if O in F["oents"]:
        ents = sorted(F["oents"][O])
        if not re.match(r"^\d+$", C) or int(C) >= len(ents):
            return None, "index " + C + " of " + O + " is not a constant entry of its initializer"
        text = ents[int(C)][1]
        if entry_name(text):
            return None, O + "[" + C + "] is a named object"
        if ".callbacks" in text:
            return None, O + "[" + C + "] has static callbacks as well"
    elif C == "" and O in F["singles"]:
        if O in F["single_named"]:
            return None, O + " is a named object"
        if O in F["cb_objs"]:
            return None, O + " has static callbacks as well"
    else:
        return None, O + " is not an object the script can read"
    return dict((K, f) for O, C, K, f in F["rt"].values()), None

# Callbacks set into a module's object are klp_object_callbacks.cocci's.
for k, (O, C, K, f) in list(F["rt"].items()):
    text = indexed_entry(F["oents"], O, C)
    if (text is not None and entry_name(text)) or (C == "" and O in F["single_named"]):
        del F["rt"][k]
        F["rt_all"].discard(k)

vm = [k for k in sorted(F["cbs"]) if k not in F["named"] and
      not set(F["cbs"][k].values()) <= F["bridge"]]
if not vm and F["rt"]:
    cbs, _ = rt_target()
    if cbs is not None:
        F["cbs"]["rt"] = cbs
        F["all_kinds"]["rt"] = set(cbs)
        vm = ["rt"]
        F["rt_pos"] = set(F["rt"])
if len(vm) > 1:
    F["why"] = "more than one vmlinux object has callbacks"
elif len(vm) == 1:
    F["vm_pos"] = vm[0]
    F["vm"] = F["cbs"][vm[0]]
    unknown = [k for k in F["vm"] if k not in KINDS]
    for k, cbs in F["cbs"].items():
        if k != vm[0]:
            F["shared"] |= set(cbs.values()) & set(F["vm"].values())
    if unknown:
        F["why"] = "unknown callback field " + ", ".join(unknown)
    elif F["shared"]:
        F["why"] = ("callback " + ", ".join(sorted(F["shared"])) +
                    " is also used by a named object")
    elif F["all_kinds"].get(vm[0], set()) != set(F["vm"]):
        F["why"] = "a callback is not a function name (a cast or another expression)"
    elif any(f not in F["defs"] for f in F["vm"].values()):
        F["why"] = ("callback " + ", ".join(sorted(f for f in set(F["vm"].values()) if f not in F["defs"])) +
                    " is not defined in this file (an #include'd .c file or another one):"
                    " its definition and prototypes would keep the struct klp_object * signature;"
                    " give each (struct klp_patch *, struct klp_state *) there and move the callbacks to"
                    " KLP_STATE() here by hand, or move the definitions into this file and run the conversion again")
    elif len(set(F["vm"].values())) != len(F["vm"]):
        F["why"] = "one function serves several callback kinds"
    elif any(e is None for _, e in F["entries"]):
        F["why"] = "states[] has an entry the script can not read"
    elif nowhere(F["arr"], F["arr_def"], F["has_objs"]):
        F["why"] = nowhere(F["arr"], F["arr_def"], F["has_objs"])
    elif shared_decl(F["file"], F["vm"].values(), F["klp_dir"]):
        F["why"] = shared_decl(F["file"], F["vm"].values(), F["klp_dir"])
    elif any("patch" in F["locals"].get(f, {}) for f in F["vm"].values()):
        F["why"] = ("callback " + ", ".join(sorted(f for f in set(F["vm"].values()) if "patch" in F["locals"].get(f, {}))) +
                    " has a local named patch, which would clash with the parameter of the state callback;"
                    " rename the local and run the conversion again")
if F["vm_pos"] is not None and F["why"] is None:
    F["ok"] = True
    ids = [e[0] for _, e in F["entries"]]
    want = F["state_id"]
    if want is None:
        used = [i for i in F["ids_read"] if i in ids]
        if len(used) == 1:
            want = used[0]
        elif not used:
            # the state whose id the data moved to
            used = [i for i in F["null_ids"] if i in ids]
            if len(used) == 1:
                want = used[0]
    if want is None and MARK in ids:
        # A state this script wrote in an earlier run.
        want = MARK
    if want is not None and want in ids:
        F["target"] = ids.index(want)
        have = [d for d, _ in F["entries"][F["target"]][1][1]]
        both = [k for k in KINDS if k in F["vm"] and ".callbacks." + k in have]
        if both:
            F["ok"] = False
            F["why"] = ("state " + want + " has a ." + both[0] + " callback already: merge the two by hand")
    elif want is None:
        want = MARK
    F["new_id"] = want
    if F["target"] is not None and want in F["null_ids"] and \
            len(F["null_dtor"].get(want, {"NULL"})) == 1:
        F["owns"] = True
    if F["entries"]:
        F["last_entry"] = F["entries"][-1][0]

// A rule to depend on when the file is converted.
@file_converted depends on patch@
identifier Q : script:python() { F["ok"] };
@@
struct klp_patch Q = { ... };

// Report mode: say what would happen and why.
@callbacks_block depends on report || org@
identifier O;
expression SZ;
position p;
@@
(
struct klp_object O[] = { ..., { ..., .callbacks@p = { ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .callbacks@p = { ... }, ... }, ... };
|
struct klp_object O = { ..., .callbacks@p = { ... }, ... };
)

@script:python depends on report@
p << callbacks_block.p;
@@
k = (p[0].line, p[0].column)
if k == F["vm_pos"]:
    if F["ok"]:
        coccilib.report.print_report(p[0], "vmlinux object callbacks " +
            ", ".join(F["vm"][c] for c in KINDS if c in F["vm"]) +
            " can become callbacks of state " + F["new_id"] +
            " (KLP_STATE): they then run only when the state is introduced or removed, not on every enable/disable or replace")
    else:
        coccilib.report.print_report(p[0], "vmlinux object callbacks not converted: " + F["why"])

// The same place klp_manual.cocci reports the assignment at.
@rt_report depends on report@
expression E, G;
identifier K;
position p : script:python() { (p[0].line, p[0].column) in F["rt_pos"] };
@@
E.callbacks.K@p = G

@script:python depends on report@
p << rt_report.p;
K << rt_report.K;
@@
if F["ok"]:
    coccilib.report.print_report(p[0], "callback " + F["vm"][K] + " set as ." + K + " at run time in " +
        F["rt_fn"] + "() can become a callback of state " + F["new_id"] +
        " (KLP_STATE): it then runs only when the state is introduced or removed, not on every enable/disable or replace")
else:
    coccilib.report.print_report(p[0], "vmlinux callbacks set at run time not converted: " + F["why"])

// A local named state: the parameter is named klp_state instead.
@script:python depends on report@
@@
if F["ok"]:
    for fn in sorted(set(F["vm"].values())):
        if "state" in F["locals"].get(fn, {}):
            coccilib.report.print_report(F["locals"][fn]["state"], fn + "() has a local named state: the"
                " struct klp_state * parameter of the state callback is named klp_state instead")

// Where klp_manual.cocci reports the variable as a state made by hand.
@owned_report depends on report@
expression I;
position p;
@@
(
klp_shadow_get_or_alloc@p(NULL, I, ...)
|
klp_shadow_alloc@p(NULL, I, ...)
)

@script:python depends on report@
p << owned_report.p;
I << owned_report.I;
@@
if F["ok"] and F["owns"] and I == F["new_id"]:
    coccilib.report.print_report(p[0], "shadow variable " + I + " on the NULL object has the id of state " + I +
        ": the state takes the callbacks and owns the variable (KLP_SHADOW_STATE), which is then freed when the state"
        " is removed and survives an atomic replace that keeps it")

@script:python depends on org@
p << callbacks_block.p;
@@
k = (p[0].line, p[0].column)
if k == F["vm_pos"]:
    coccilib.org.print_todo(p[0], "vmlinux object callbacks: use KLP_STATE()" +
                            ("" if F["ok"] else " (manual: " + F["why"] + ")"))

@context_callbacks depends on context@
identifier O;
expression SZ;
position p : script:python() { (p[0].line, p[0].column) == F["vm_pos"] };
@@
(
struct klp_object O[] = { ..., { ...,
* .callbacks@p = { ... },
  ... }, ... };
|
struct klp_object O[SZ] = { ..., { ...,
* .callbacks@p = { ... },
  ... }, ... };
|
struct klp_object O = { ...,
* .callbacks@p = { ... },
  ... };
)

// Where the helper would go: before the first callback.
@callback_def depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() };
type T;
position p;
@@
T fn@p(...) { ... }

@script:python@
fn << callback_def.fn;
p << callback_def.p;
@@
l = int(p[0].line)
if F["first_fn"] is None or l < F["fn_lines"][F["first_fn"]]:
    F["first_fn"] = fn
F["fn_lines"][fn] = l

// Patch mode.  Fold what is known about the vmlinux object first.
@fold_branch depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() };
identifier obj;
statement S1, S2;
type T;
@@
T fn(struct klp_object *obj)
{
<...
(
- if (\(obj->mod\|obj->name\)) S1 else S2
+ S2
|
- if (!\(obj->mod\|obj->name\)) S1 else S2
+ S1
|
- if (\(obj->mod\|obj->name\)) S1
|
- if (!\(obj->mod\|obj->name\)) S1
+ S1
)
...>
}

@fold_cond depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() };
identifier obj;
expression E1, E2;
type T;
@@
T fn(struct klp_object *obj)
{
<...
(
- \(obj->mod\|obj->name\) ? E1 : E2
+ E2
|
- !\(obj->mod\|obj->name\) ? E1 : E2
+ E1
)
...>
}

@fold_field depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() };
identifier obj;
type T;
@@
T fn(struct klp_object *obj)
{
<...
(
- obj->mod
+ NULL
|
- obj->name
+ NULL
)
...>
}

// Whatever is left needs the object itself.
@callback_uses_obj depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() };
identifier obj;
position p;
type T;
@@
T fn(struct klp_object *obj)
{
<...
obj@p
...>
}

@script:python@
p << callback_uses_obj.p;
@@
F["need_helper"] = True

@obj_to_vmlinux depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() };
identifier obj;
type T;
@@
T fn(struct klp_object *obj)
{
<...
- obj
+ vmlinux_klp_object(patch)
...>
}

// The helper, from an earlier run.
@vm_helper_def@
@@
struct klp_object *vmlinux_klp_object(...) { ... }

@add_vm_helper depends on patch && !vm_helper_def@
identifier fn : script:python() { F["need_helper"] and fn == F["first_fn"] };
@@
+static struct klp_object *vmlinux_klp_object(struct klp_patch *patch)
+{
+	struct klp_object *obj = patch->objs;
+
+	/* State callbacks get no object: find the one stock passed. */
+	while (obj->name)
+		obj++;
+	return obj;
+}
+
 fn(...) { ... }

// The new parameter is the patch whose callbacks run, which is the
// global one: keep uses of a global named "patch" meaning the same.
@global_patch_use depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() };
identifier obj, f;
identifier gp : script:python() { gp == "patch" };
type T;
@@
T fn(struct klp_object *obj)
{
<...
(
- &gp
+ gp
|
- gp.f
+ gp->f
)
...>
}

@callback_signature depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() and "state" not in F["locals"].get(fn, ()) };
identifier obj;
type T;
@@
 T fn(
- struct klp_object *obj
+ struct klp_patch *patch, struct klp_state *state
 ) { ... }

@callback_signature_state_local depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() and "state" in F["locals"].get(fn, ()) };
identifier obj;
type T;
@@
 T fn(
- struct klp_object *obj
+ struct klp_patch *patch, struct klp_state *klp_state
 ) { ... }

@callback_prototype depends on patch@
identifier fn : script:python() { F["ok"] and fn in F["vm"].values() };
identifier obj;
type T;
@@
 T fn(
- struct klp_object *obj
+ struct klp_patch *patch, struct klp_state *state
 );

@drop_callbacks_block depends on patch@
identifier O;
expression SZ;
position p : script:python() { F["ok"] and (p[0].line, p[0].column) == F["vm_pos"] };
@@
(
struct klp_object O[] = { ..., {
  ...,
- .callbacks@p = { ... },
  ... }, ... };
|
struct klp_object O[SZ] = { ..., {
  ...,
- .callbacks@p = { ... },
  ... }, ... };
|
struct klp_object O = {
  ...,
- .callbacks@p = { ... },
  ... };
)

@drop_rt_assignment depends on patch@
expression E, G;
identifier K;
position p : script:python() { F["ok"] and (p[0].line, p[0].column) in F["rt_pos"] };
@@
- E.callbacks.K@p = G;

@script:python state_array_text@
e;
arr;
@@
if not F["ok"]:
    cocci.include_match(False)
else:
    out = []
    for i, (p, ent) in enumerate(F["entries"]):
        if i == F["target"]:
            out.append(fmt_entry(ent[0], owned(ent[1]) + cb_fields()))
        else:
            out.append(src(p))
    if F["target"] is None:
        out.append(fmt_entry(F["new_id"], cb_fields()))
    coccinelle.e = cocci.make_ident(",\n\t".join(out))
    coccinelle.arr = cocci.make_ident(F.get("arr") or "states")

// The array is written anew: spatch can not replace a multi-line
// initializer by generated text without mangling its last line.
@drop_state_array depends on patch && patch_states && file_converted@
identifier S : script:python() { S == F["arr"] };
@@
- struct klp_state S[] = { ... };

@write_state_array depends on patch && patch_states@
identifier P : script:python() { P == F["P"] };
identifier state_array_text.e, state_array_text.arr;
@@
+static struct klp_state arr[] = {
+	e,
+	{}
+};
+
 struct klp_patch P = { ... };

@add_state_array depends on patch && !patch_states@
identifier P;
expression O;
identifier state_array_text.e;
@@
+static struct klp_state states[] = {
+	e,
+	{}
+};
+
 struct klp_patch P = {
  ...,
  .objs = O,
+ .states = states,
  ...
 };

// Before mkid: a script rule that drops its match ends the file's run.
@add_include depends on patch && !has_state_header && file_converted@
@@
#include <linux/livepatch.h>
+#include <klp/state.h>

@script:python placeholder_text@
v;
@@
if not F["ok"] or F["new_id"] != MARK or F["target"] is not None:
    cocci.include_match(False)
else:
    coccinelle.v = cocci.make_ident(marker_id(F["file"]))

@add_placeholder_define depends on patch@
identifier placeholder_text.v;
@@
#include <klp/state.h>
+
+/* klp-migrate: review: pick a state id unique to this livepatch. */
+#define KLP_MIGRATED_STATE_ID v
