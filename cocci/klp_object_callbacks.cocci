// SPDX-License-Identifier: GPL-2.0-only
/// Move the callbacks of a module klp_object to a per-object state:
/// KLP_STATE(id, .obj_name = <the object's .name>, ...) from <klp/state.h>.
/// Object callbacks run on every enable and disable, on every load and
/// unload of the module, and again on every atomic replace; the state's run
/// only when the state is introduced or removed: when the module is patched
/// by a first livepatch carrying it, or unpatched by the last.
///
/// The callbacks get (struct klp_patch *patch, struct klp_state *state),
/// the second named klp_state where the callback has a local named state;
/// one that uses its object finds it again with klp_migrated_object().  Each
/// module gets a KLP_MIGRATED_<MODULE>_STATE_ID define, marked for review.
/// Callbacks that are not plain functions of this file, serve another
/// object or are used elsewhere in the file are reported and left alone.
///
// Confidence: Moderate
// Copyright: (C) 2026 the klp-state authors
// Options: --no-includes --include-headers
// Keywords: livepatch, klp_state, klp_object, callbacks

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

def reset():
    global F
    F = {"cbs": {}, "kinds": {}, "named": {}, "uses": {}, "defs": set(),
         "entries": [], "arr": None, "P": None, "file": None,
         "klp_path": None, "klp_dir": None, "conv": {}, "why": {},
         "arr_def": False, "has_objs": False,
         "init": None, "oents": {}, "single_named": {}, "rt": {}, "rt_all": set(),
         "rt_pos": {}, "rt_fn": None, "cb_objs": set(),
         "fn_obj": {}, "need_obj": set(), "first_fn": None,
         "fn_lines": {}, "locals": {}}

reset()

def id_of(name):
    # As the placeholder of the vmlinux state: from the path below the
    # converted tree, so that the next release of the patch keeps it,
    # and from the module, so that every module gets its own.
    return placeholder_id(F["klp_path"], F["file"], name)

# Script constraints call these: spatch 1.1 can not pass on a
# metavariable whose constraint starts with its own name.
def is_callback(fn):
    return fn in F["fn_obj"]

def uses_obj(fn):
    return fn in F["need_obj"]

def state_param(fn):
    """The name of the struct klp_state * parameter: klp_state where
    the callback keeps a local named state."""
    return "klp_state" if "state" in F["locals"].get(fn, {}) else "state"

def rt_group(p):
    """The object whose run-time callbacks include the one at p, or None."""
    for pos, ks in F["rt_pos"].items():
        if (p.line, p.column) in ks:
            return pos
    return None

def entry(pos):
    name, cbs = F["conv"][pos]
    head = "KLP_STATE(" + define_of(name)
    pad = "\n\t\t  "
    fields = [".obj_name = " + name]
    fields += [".callbacks." + k + " = " + cbs[k] for k in KINDS if k in cbs]
    return head + "," + ",".join(pad + f for f in fields) + ")"

@script:python depends on patch || context || org || report@
@@
reset()

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
F["cb_objs"].add(O)
F["file"] = p[0].file
F["cbs"].setdefault((p[0].line, p[0].column), {})[K] = f

// Every callback field, whatever its value.
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
F["kinds"].setdefault((p[0].line, p[0].column), set()).add(K)

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

// Callbacks that module init puts into a module's object: O[constant]
// or a single O, every assignment a statement init runs on every path.
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
    F["single_named"][O] = N

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

// Every use of an identifier as an expression: a callback used anywhere
// but in its one .callbacks field (a call, another object, a pointer
// kept elsewhere) would see its signature change under it.
@ident_use@
identifier f;
position p;
@@
 f@p

@script:python@
f << ident_use.f;
p << ident_use.p;
@@
F["uses"][f] = F["uses"].get(f, 0) + 1

@defined_fn@
identifier fn;
type T;
@@
T fn(...) { ... }

@script:python@
fn << defined_fn.fn;
@@
F["defs"].add(fn)

// The patch's state array, if any: written anew with the new entries.
@patch_states@
identifier P : script:python() { F.__setitem__("P", P) is None };
identifier S : script:python() { F.__setitem__("arr", S) is None };
@@
struct klp_patch P = { ..., .states = S, ... };

// The array it names, defined in this file, or the patch's .objs, next to
// which a new array goes: without either the states have nowhere to go.
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
if re.sub(r"\s+", "", txt) not in ("{}",):
    F["entries"].append(txt)

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

// Decide, object by object.
@script:python@
@@
def why_not(pos):
    cbs = F["cbs"].get(pos, {})
    unknown = [k for k in cbs if k not in KINDS]
    if not cbs or F["kinds"].get(pos, set()) != set(cbs):
        return "a callback is not a function name (a cast or another expression)"
    if unknown:
        return "unknown callback field " + ", ".join(unknown)
    if len(set(cbs.values())) != len(cbs):
        return "one function serves several callback kinds"
    away = sorted(f for f in set(cbs.values()) if f not in F["defs"])
    if away:
        return (callbacks(away) + " not defined in this file:"
                " the definition and prototypes would keep the struct klp_object * signature")
    clash = sorted(f + "()" for f in set(cbs.values()) if "patch" in F["locals"].get(f, {}))
    if clash:
        return (", ".join(clash) + " " + ("has" if len(clash) == 1 else "have") + " a local named patch,"
                " which would clash with the parameter of the state callback"
                " (struct klp_patch *patch): rename the local")
    more = sorted(f for f in set(cbs.values()) if F["uses"].get(f, 0) > 1)
    if more:
        return (callbacks(more) + " also used elsewhere in this file"
                " (another object, a call or a pointer), which the new signature would break")
    return (nowhere(F["arr"], F["arr_def"], F["has_objs"]) or
            shared_decl(F["file"], cbs.values(), F["klp_dir"]))

# Callbacks set at run time into a module's object: one group per object.
groups = {}
for k in sorted(F["rt"], key=lambda k: (int(k[0]), int(k[1]))):
    O, C, K, f = F["rt"][k]
    text = indexed_entry(F["oents"], O, C)
    name = entry_name(text) if text is not None else F["single_named"].get(O) if C == "" else None
    if name:
        groups.setdefault((O, C), []).append((k, name, text, K, f))
for (O, C), ks in groups.items():
    pos = ks[0][0]
    F["named"][pos] = ks[0][1]
    F["cbs"][pos] = dict((K, f) for _, _, _, K, f in ks)
    F["kinds"][pos] = set(F["cbs"][pos])
    F["rt_pos"][pos] = [k for k, _, _, _, _ in ks]
    if set(F["rt"]) != F["rt_all"]:
        F["why"][pos] = "a callback is set at run time outside the plain shape"
    elif len(ks) != len(set(K for _, _, _, K, _ in ks)):
        F["why"][pos] = "a callback kind is set twice"
    elif (ks[0][2] or "").find(".callbacks") >= 0 or (C == "" and O in F["cb_objs"]):
        F["why"][pos] = O + ("[" + C + "]" if C else "") + " has static callbacks as well"

for pos, name in F["named"].items():
    if pos in F["why"]:
        continue
    why = why_not(pos)
    if why:
        F["why"][pos] = why
        continue
    F["conv"][pos] = (name, F["cbs"][pos])
    for f in F["cbs"][pos].values():
        F["fn_obj"][f] = name
names = [n for n, _ in F["conv"].values()]
for pos in [p for p in F["conv"] if names.count(F["conv"][p][0]) > 1]:
    F["why"][pos] = "more than one object is named " + F["conv"][pos][0]
    for f in F["conv"].pop(pos)[1].values():
        del F["fn_obj"][f]

@file_converted depends on patch@
identifier Q : script:python() { bool(F["conv"]) };
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
if k in F["conv"]:
    name, cbs = F["conv"][k]
    fns = [cbs[c] for c in KINDS if c in cbs]
    coccilib.report.print_report(p[0], "object callbacks " + ", ".join(fns) + " of " + name +
        " can become callbacks of state " + define_of(name) + " (KLP_STATE with .obj_name):"
        " they then run when the module is patched by a first livepatch carrying the state"
        " or unpatched by the last one, not again on every atomic replace")
elif k in F["why"]:
    coccilib.report.print_report(p[0], "object callbacks of " + F["named"][k] +
        " not converted: " + F["why"][k] +
        "; they stay object callbacks and run again on every atomic replace")

// The same place klp_manual.cocci reports the assignment at.
@rt_report depends on report@
expression E, G;
identifier K;
position p : script:python() { rt_group(p[0]) is not None };
@@
E.callbacks.K@p = G

@script:python depends on report@
p << rt_report.p;
K << rt_report.K;
@@
k = rt_group(p[0])
name = F["named"][k]
if k in F["conv"]:
    coccilib.report.print_report(p[0], "callback " + F["cbs"][k][K] + " set as ." + K + " of " + name + " at run time in " +
        F["rt_fn"] + "() can become a callback of state " + define_of(name) + " (KLP_STATE with .obj_name):"
        " it then runs when the module is patched by a first livepatch carrying the state"
        " or unpatched by the last one, not again on every atomic replace")
else:
    coccilib.report.print_report(p[0], "callbacks of " + name + " set at run time not converted: " + F["why"][k])

// A local named state: the parameter is named klp_state instead.
@script:python depends on report@
@@
named = [fn for fn in F["fn_obj"] if "state" in F["locals"].get(fn, {})]
for fn in sorted(named, key=lambda f: int(F["locals"][f]["state"].line)):
    coccilib.report.print_report(F["locals"][fn]["state"], fn + "() has a local named state: the"
        " struct klp_state * parameter of the state callback is named klp_state instead")

@script:python depends on org@
p << callbacks_block.p;
@@
k = (p[0].line, p[0].column)
if k in F["conv"]:
    coccilib.org.print_todo(p[0], "callbacks of " + F["conv"][k][0] + ": use a per-object KLP_STATE()")
elif k in F["why"]:
    coccilib.org.print_todo(p[0], "callbacks of " + F["named"][k] + " stay object callbacks: " + F["why"][k])

@context_callbacks depends on context@
identifier O;
expression SZ;
position p : script:python() { (p[0].line, p[0].column) in F["conv"] };
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

// Patch mode.  The callbacks that use their object, and the first of
// them, where the helper goes.
@callback_uses_obj depends on patch@
identifier fn : script:python() { is_callback(fn) };
identifier obj;
type T;
@@
T fn(struct klp_object *obj)
{
<+...
obj
...+>
}

@script:python@
fn << callback_uses_obj.fn;
@@
F["need_obj"].add(fn)

@callback_def depends on patch@
identifier fn : script:python() { uses_obj(fn) };
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

// The helper, from an earlier run.
@obj_helper_def@
@@
struct klp_object *klp_migrated_object(...) { ... }

@add_obj_helper depends on patch && !obj_helper_def@
identifier fn : script:python() { F["first_fn"] == fn };
@@
+static struct klp_object *klp_migrated_object(struct klp_patch *patch,
+					      const char *name)
+{
+	struct klp_object *obj = patch->objs;
+
+	/* State callbacks get no object: find the one stock passed. */
+	while (obj->funcs || obj->name) {
+		if (obj->name && !strcmp(obj->name, name))
+			return obj;
+		obj++;
+	}
+	return NULL;
+}
+
 fn(...) { ... }

// The new parameter is the patch whose callbacks run, which is the
// global one: keep uses of a global named "patch" meaning the same.
@global_patch_use depends on patch@
identifier fn : script:python() { is_callback(fn) };
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

@callback_with_obj depends on patch@
identifier fn : script:python() { uses_obj(fn) };
@@
fn(...) { ... }

@script:python obj_name_text@
fn << callback_with_obj.fn;
n;
sp;
@@
coccinelle.n = cocci.make_ident(F["fn_obj"][fn])
coccinelle.sp = cocci.make_ident(state_param(fn))

// The object as a local variable: first, when the first declaration
// reads it; after the first declaration, or followed by a blank line
// where there is none.
@signature_obj_first depends on patch@
identifier callback_with_obj.fn;
identifier obj_name_text.n, obj_name_text.sp;
identifier obj, x;
type T, T2;
@@
 T fn(
- struct klp_object *obj
+ struct klp_patch *patch, struct klp_state *sp
 )
 {
+	struct klp_object *obj = klp_migrated_object(patch, n);
  T2 x = <+... obj ...+>;
  ...
 }

@signature_obj_after_decl depends on patch@
identifier callback_with_obj.fn;
identifier obj_name_text.n, obj_name_text.sp;
identifier obj;
declaration D;
type T;
@@
 T fn(
- struct klp_object *obj
+ struct klp_patch *patch, struct klp_state *sp
 )
 {
  D
+	struct klp_object *obj = klp_migrated_object(patch, n);
  ...
 }

@signature_obj depends on patch@
identifier callback_with_obj.fn;
identifier obj_name_text.n, obj_name_text.sp;
identifier obj;
type T;
@@
 T fn(
- struct klp_object *obj
+ struct klp_patch *patch, struct klp_state *sp
 )
 {
+	struct klp_object *obj = klp_migrated_object(patch, n);
+
  ...
 }

@callback_plain depends on patch@
identifier fn : script:python() { is_callback(fn) };
@@
fn(...) { ... }

@script:python plain_param_text@
fn << callback_plain.fn;
sp;
@@
coccinelle.sp = cocci.make_ident(state_param(fn))

@callback_signature depends on patch@
identifier callback_plain.fn;
identifier plain_param_text.sp;
identifier obj;
type T;
@@
 T fn(
- struct klp_object *obj
+ struct klp_patch *patch, struct klp_state *sp
 ) { ... }

@callback_prototype depends on patch@
identifier fn : script:python() { is_callback(fn) };
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
position p : script:python() { (p[0].line, p[0].column) in F["conv"] };
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
position p : script:python() { rt_group(p[0]) in F["conv"] };
@@
- E.callbacks.K@p = G;

@script:python state_array_text@
e;
arr;
@@
if not F["conv"]:
    cocci.include_match(False)
else:
    out = F["entries"] + [entry(p) for p in sorted(F["conv"], key=lambda k: (int(k[0]), int(k[1])))]
    coccinelle.e = cocci.make_ident(",\n\t".join(out))
    coccinelle.arr = cocci.make_ident(F["arr"] or "states")

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
w;
@@
if not F["conv"]:
    cocci.include_match(False)
else:
    # The name of the first define, then its value and the other defines.
    names = sorted(set(n for n, _ in F["conv"].values()), key=define_of)
    coccinelle.v = cocci.make_ident(define_of(names[0]))
    coccinelle.w = cocci.make_ident("\n".join(
        [id_of(names[0])] + ["#define " + define_of(n) + " " + id_of(n) for n in names[1:]]))

@add_placeholder_define depends on patch@
identifier placeholder_text.v;
identifier placeholder_text.w;
@@
#include <klp/state.h>
+
+/* klp-migrate: review: pick state ids unique to this livepatch, one per module. */
+#define v w
