// SPDX-License-Identifier: GPL-2.0-only
/// Callbacks of a named (module) klp_object stay object callbacks: they
/// run when the patched module loads or unloads, and state callbacks never
/// do.  Report them so that whoever migrates knows they keep the stock
/// behaviour, including running again on every atomic replace.
///
// Confidence: High
// Copyright: (C) 2026 the klp-state authors
// Options: --no-includes --include-headers
// Keywords: livepatch, klp_object, callbacks

virtual context
virtual org
virtual report

@r depends on report || org || context@
identifier O, K, f;
expression N != NULL;
expression SZ;
position p;
@@
(
struct klp_object O[] = { ..., { ..., .name = N, ..., .callbacks = { ..., .K@p = f, ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .name = N, ..., .callbacks = { ..., .K@p = f, ... }, ... }, ... };
|
struct klp_object O = { ..., .name = N, ..., .callbacks = { ..., .K@p = f, ... }, ... };
)

@script:python depends on report@
p << r.p;
K << r.K;
f << r.f;
N << r.N;
@@
coccilib.report.print_report(p[0], K + " callback " + f + "() of object " + N +
    " stays an object callback: it runs when that module loads or unloads (state callbacks do not) and again on every atomic replace")

@script:python depends on org@
p << r.p;
f << r.f;
N << r.N;
@@
coccilib.org.print_todo(p[0], f + "() of " + N + " stays an object callback")

@depends on context@
identifier O, K, f;
expression N != NULL;
expression SZ;
@@
(
struct klp_object O[] = { ..., { ..., .name = N, ..., .callbacks = { ...,
* .K = f,
  ... }, ... }, ... };
|
struct klp_object O[SZ] = { ..., { ..., .name = N, ..., .callbacks = { ...,
* .K = f,
  ... }, ... }, ... };
|
struct klp_object O = { ..., .name = N, ..., .callbacks = { ...,
* .K = f,
  ... }, ... };
)
