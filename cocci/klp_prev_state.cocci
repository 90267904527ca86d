// SPDX-License-Identifier: GPL-2.0-only
/// Stock versioned states hand a change over from the replaced patch by
/// testing klp_get_prev_state() in the callbacks.  Once the callbacks are
/// state callbacks (KLP_STATE), the takeover is implicit: they run only
/// when the state is introduced or removed, never when a replacing patch
/// keeps it, so klp_get_prev_state() returns NULL there and the branch is
/// dead.  The common shape, "prev = klp_get_prev_state(ID); if (prev) ...",
/// and the test of the call itself, "if (klp_get_prev_state(ID)) ...",
/// both without an else, in a state callback or a helper only state
/// callbacks call, are removed; every use is reported.
///
//# klp_state.data is not handed over: a patch that keeps the state never
//# runs its callbacks, so its own klp_state.data stays NULL.  Keep such
//# data in a shadow variable owned by the state (KLP_SHADOW_STATE).
//
// Confidence: Moderate
// Copyright: (C) 2026 the klp-state authors
// Options: --no-includes --include-headers
// Keywords: livepatch, klp_state, klp_get_prev_state

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
    F = {"state_cbs": set(), "obj_cbs": set(), "callers": {},
         "vars": set(), "safe": set(), "data": set(),
         "dead_tests": set(), "test_fns": set(), "dead_spans": []}

def state_only(f):
    """Does f run only as a state callback, or only from them?"""
    if f in F["state_cbs"]:
        return True
    c = F["callers"].get(f, set())
    return bool(c) and f not in F["obj_cbs"] and all(x in F["state_cbs"] for x in c)

reset()

@script:python depends on patch || context || org || report@
@@
reset()

@state_entry@
identifier S;
initializer E;
position p;
@@
struct klp_state S[] = { ..., E@p, ... };

@script:python@
p << state_entry.p;
@@
t = norm(src(p[0]))
m = re.match(r"^KLP_(SHADOW_)?STATE\((.*)\)$", t)
if m:
    for a in split_top(m.group(2)):
        d, eq, v = a.partition("=")
        if eq and norm(d).startswith(".callbacks.") and "shadow_dtor" not in d:
            F["state_cbs"].add(norm(v))

@obj_callback@
identifier O, K, f;
expression SZ;
@@
(
struct klp_object O[] = { ..., { ..., .callbacks = { ..., .K = f, ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .callbacks = { ..., .K = f, ... }, ... }, ... };
|
struct klp_object O = { ..., .callbacks = { ..., .K = f, ... }, ... };
)

@script:python@
f << obj_callback.f;
@@
F["obj_cbs"].add(f)

@call_edge@
identifier caller, callee;
@@
caller(...) { <... callee(...) ...> }

@script:python@
caller << call_edge.caller;
callee << call_edge.callee;
@@
F["callers"].setdefault(callee, set()).add(caller)

@prev_state_check@
identifier fn, P;
expression I;
statement S;
position p;
@@
fn(...) {
<...
P = klp_get_prev_state@p(I);
if (P) S
...>
}

@script:python@
fn << prev_state_check.fn;
p << prev_state_check.p;
P << prev_state_check.P;
@@
if state_only(fn):
    F["safe"].add(fn)
    F["vars"].add(P)

// "if (klp_get_prev_state(ID)) return;" and the like: without an else,
// the test and what it guards are dead where the call returns NULL.
@prev_state_test@
identifier fn;
expression I;
statement S;
position p, ps;
@@
fn(...) {
<...
if (klp_get_prev_state@p(I)) S@ps
...>
}

@script:python@
fn << prev_state_test.fn;
p << prev_state_test.p;
ps << prev_state_test.ps;
@@
if state_only(fn):
    F["dead_tests"].add((p[0].file, p[0].line, p[0].column))
    F["dead_spans"].append((ps[0].file, int(ps[0].line), int(ps[0].line_end), p[0].line))
    F["test_fns"].add(fn)

@data_handover depends on report || org@
identifier P, X;
@@
X->data = P->data

@script:python@
P << data_handover.P;
@@
F["data"].add(P)

// Every call, each on its own: "fn(...) { <... call ...> }" gives one
// match for two calls in one function.
@prev_state_call depends on report || org || context@
expression I;
position p;
@@
klp_get_prev_state@p(I)

@script:python depends on report@
p << prev_state_call.p;
I << prev_state_call.I;
@@
fn = p[0].current_element
if (p[0].file, p[0].line, p[0].column) in F["dead_tests"]:
    msg = ("takeover of state " + I + " is implicit: " + fn +
           "() runs only from state callbacks, which run only when the state is introduced or removed, never when a replacing patch keeps it;"
           " klp_get_prev_state() returns NULL here, and the test goes with what it guards")
elif any(f == p[0].file and a <= int(p[0].line) <= b for f, a, b, _ in F["dead_spans"]):
    msg = ("klp_get_prev_state(" + I + ") in " + fn + "() goes with the dead test of line " +
           [t for f, a, b, t in F["dead_spans"] if f == p[0].file and a <= int(p[0].line) <= b][0] +
           ", whose branch it is in")
elif fn in F["safe"]:
    msg = ("takeover of state " + I + " is implicit: " + fn +
           "() runs only from state callbacks, which run only when the state is introduced or removed, never when a replacing patch keeps it;"
           " klp_get_prev_state() returns NULL here and the branch goes")
else:
    msg = ("klp_get_prev_state(" + I + ") in " + fn + "() kept: " +
           ("it is reached from object callbacks, which still run on every replace: convert them with klp_state_callbacks.cocci first"
            if fn in F["obj_cbs"] or any(c in F["obj_cbs"] for c in F["callers"].get(fn, ()))
            else ("it runs only from state callbacks, where the call returns NULL, but the use is not a test the script removes"
                  " (a test with an else, a negation or more than the call, or the result kept for later): simplify it by hand"
                  " as if the call returned NULL" if state_only(fn) else
                  "not the common shape or not only reached from state callbacks; with state callbacks the takeover is implicit, review by hand")))
if F["data"] and not F.get("data_said"):
    # Once per file: the handover is one, however many calls lead to it.
    F["data_said"] = True
    msg += ("; klp_state.data is not handed over to a patch that keeps the state (its callbacks do not run):"
            " move the data by hand into a shadow variable owned by the state (KLP_SHADOW_STATE)")
coccilib.report.print_report(p[0], msg)

@script:python depends on org@
p << prev_state_call.p;
@@
fn = p[0].current_element
coccilib.org.print_todo(p[0], "klp_get_prev_state() in " + fn + ": takeover is implicit with state callbacks")

@context_prev_state depends on context@
identifier fn : script:python() { fn in F["safe"] };
identifier P;
expression I;
statement S;
@@
fn(...) {
<...
* P = klp_get_prev_state(I);
* if (P) S
...>
}

@context_prev_test depends on context@
identifier fn : script:python() { fn in F["test_fns"] };
expression I;
statement S;
@@
fn(...) {
<...
* if (klp_get_prev_state(I)) S
...>
}

@drop_prev_test depends on patch@
identifier fn : script:python() { fn in F["test_fns"] };
expression I;
statement S;
@@
fn(...) {
<...
- if (klp_get_prev_state(I)) S
...>
}

@drop_prev_check depends on patch@
identifier fn : script:python() { fn in F["safe"] };
identifier P;
expression I;
statement S;
@@
fn(...) {
<...
- P = klp_get_prev_state(I);
- if (P) S
...>
}

@depends on patch@
identifier fn : script:python() { fn in F["safe"] };
identifier P : script:python() { P in F["vars"] };
type T;
@@
fn(...) {
...
- T *P;
... when != P
}
