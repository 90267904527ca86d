// SPDX-License-Identifier: GPL-2.0-only
/// Shadow variables freed by hand with klp_shadow_free_all(ID, dtor) in
/// module exit or in a vmlinux post-unpatch callback are owned by a state
/// instead: KLP_SHADOW_STATE(ID, dtor) frees them when the state is
/// removed, and keeps them when a replacing patch carries the state on.
/// The manual free goes.  The ID must be a constant (it lands in a static
/// initializer); other calls are reported.
///
// Confidence: Moderate
// Copyright: (C) 2026 the klp-state authors
// Options: --no-includes --include-headers
// Keywords: livepatch, klp_state, shadow variables

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
    F = {"cbs": {}, "named": {}, "entries": [], "exit": set(),
         "frees": [], "todo": {}, "ok": False, "drop": set(),
         "post_unpatch": set(), "arr": None, "arr_def": False,
         "has_objs": False, "objs": [], "funcs": {}, "allocs": {}}

reset()

@script:python depends on patch || context || org || report@
@@
reset()

@has_state_header@
@@
#include <klp/state.h>

@vm_post_unpatch@
identifier O, f;
expression SZ;
position p;
@@
(
struct klp_object O[] = { ..., { ..., .callbacks@p = { ..., .post_unpatch = f, ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .callbacks@p = { ..., .post_unpatch = f, ... }, ... }, ... };
|
struct klp_object O = { ..., .callbacks@p = { ..., .post_unpatch = f, ... }, ... };
)

@script:python@
p << vm_post_unpatch.p;
f << vm_post_unpatch.f;
@@
F["cbs"][(p[0].line, p[0].column)] = f

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

@module_exit_fn@
declarer name module_exit;
identifier fn;
@@
module_exit(fn);

@script:python@
fn << module_exit_fn.fn;
@@
F["exit"].add(fn)

// Every manual free, wherever it is.
@free_all_call@
identifier fn;
expression I, D;
position p;
@@
fn(...) { <... klp_shadow_free_all@p(I, D); ...> }

@script:python@
fn << free_all_call.fn;
I << free_all_call.I;
D << free_all_call.D;
p << free_all_call.p;
@@
F["frees"].append((fn, I, D, p[0]))

// Where the variables are attached, and which module the functions that
// attach them patch: variables that hang off one module's objects only
// can belong to a state of that module (.obj_name).
@sv_alloc@
identifier fn;
expression O != NULL;
expression ID;
@@
fn(...) { <...
(
klp_shadow_alloc(O, ID, ...)
|
klp_shadow_get_or_alloc(O, ID, ...)
)
...> }

@script:python@
fn << sv_alloc.fn;
ID << sv_alloc.ID;
@@
F["allocs"].setdefault(norm(ID), set()).add(fn)

@lp_funcs@
identifier FA;
initializer E;
position p;
@@
struct klp_func FA[] = { ..., E@p, ... };

@script:python@
FA << lp_funcs.FA;
p << lp_funcs.p;
@@
F["funcs"].setdefault(FA, []).append(src(p[0]))

@lp_objs@
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
F["objs"].append(src(p[0]))

@script:python@
@@
for k, f in F["cbs"].items():
    if k not in F["named"]:
        F["post_unpatch"].add(f)
for _, e in F["entries"]:
    if e is not None:
        F["post_unpatch"] |= set(v for d, v in e[1] if d == ".callbacks.post_unpatch")
for fn, I, D, p in F["frees"]:
    key = (p.line, p.column)
    if fn not in F["exit"] and fn not in F["post_unpatch"]:
        F["todo"][key] = "not in module exit or a vmlinux post-unpatch callback: shadow variables of " + I + " keep their manual lifetime"
    elif not CONST.match(I):
        F["todo"][key] = "id " + I + " is not a constant: declare the state by hand"
    elif any(e is None for _, e in F["entries"]):
        F["todo"][key] = "states[] has an entry the script can not read"
    elif nowhere(F["arr"], F["arr_def"], F["has_objs"]):
        F["todo"][key] = nowhere(F["arr"], F["arr_def"], F["has_objs"])
    elif any(I == I2 and D != D2 for _, I2, D2, _ in F["frees"]):
        F["todo"][key] = "shadow variables of " + I + " are freed with different destructors"
    else:
        F["drop"].add(key)
F["ok"] = bool(F["drop"])

@file_converted depends on patch@
identifier Q : script:python() { F["ok"] };
@@
struct klp_patch Q = { ... };

@free_all_report depends on report || org || context@
expression I, D;
position p;
@@
klp_shadow_free_all@p(I, D)

@script:python depends on report@
p << free_all_report.p;
I << free_all_report.I;
D << free_all_report.D;
@@
key = (p[0].line, p[0].column)
if key in F["drop"]:
    mod = one_module(F["allocs"].get(norm(I)), func_modules(F["objs"], F["funcs"]))
    coccilib.report.print_report(p[0], "use KLP_SHADOW_STATE(" + I + ", " + D + "): the shadow variables then live as long as the state, also across an atomic replace that keeps it, and are freed when it is removed instead of at module unload" +
        ("; they hang off objects of " + mod + " only: KLP_SHADOW_STATE(" + I + ", " + D + ", .obj_name = " + mod +
         ") would also free them when " + mod + " unloads, review and add it" if mod else ""))
elif key in F["todo"]:
    coccilib.report.print_report(p[0], "klp_shadow_free_all() kept: " + F["todo"][key])

@script:python depends on org@
p << free_all_report.p;
I << free_all_report.I;
@@
key = (p[0].line, p[0].column)
if key in F["drop"]:
    coccilib.org.print_todo(p[0], "use KLP_SHADOW_STATE(" + I + ", ...)")

@context_free_all depends on context@
expression I, D;
position p : script:python() { (p[0].line, p[0].column) in F["drop"] };
@@
* klp_shadow_free_all@p(I, D);

@drop_free_all depends on patch@
expression I, D;
position p : script:python() { (p[0].line, p[0].column) in F["drop"] };
@@
- klp_shadow_free_all@p(I, D);

@script:python state_array_text@
e;
arr;
@@
if not F["ok"]:
    cocci.include_match(False)
else:
    ents = [(p, e) for p, e in F["entries"]]
    added = []
    for fn, I, D, p in sorted(F["frees"], key=lambda x: (int(x[3].line), int(x[3].column))):
        if (p.line, p.column) not in F["drop"] or I in added:
            continue
        added.append(I)
        for i, (q, e) in enumerate(ents):
            if e[0] == I:
                f = [x for x in e[1] if x[0] not in (".is_shadow", ".callbacks.shadow_dtor")]
                ents[i] = (None, (I, f + [(".is_shadow", "true"), (".callbacks.shadow_dtor", D)]))
                break
        else:
            ents.append((None, (I, [(".is_shadow", "true"), (".callbacks.shadow_dtor", D)])))
    out = [src(q) if q is not None else fmt_entry(*e) for q, e in ents]
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

@add_include depends on patch && !has_state_header && file_converted@
@@
#include <linux/livepatch.h>
+#include <klp/state.h>
