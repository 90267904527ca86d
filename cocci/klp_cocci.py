# SPDX-License-Identifier: GPL-2.0-only
"""What the semantic patches of this directory share: reading the text
under a position, reading and writing entries of a klp_state array, and
the placeholder state ids.

Each .cocci script imports it from its own directory:

    @initialize:python@
    @@
    import os, sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(cocci.cocci_file)))
    from klp_cocci import *
"""

import os
import re
import sys
import zlib

sys.dont_write_bytecode = True

__all__ = ["KINDS", "CONST", "src", "split_top", "norm", "parse_entry",
           "fmt_entry", "placeholder_id", "define_of", "callbacks",
           "exported", "declared_in_headers", "objects_of_module",
           "file_text", "nowhere", "shared_decl", "is_state",
           "func_modules", "one_module", "obj_name_field",
           "entry_name", "indexed_entry"]

KINDS = ["pre_patch", "post_patch", "pre_unpatch", "post_unpatch"]

# A state id that can go into a static initializer.
CONST = re.compile(r"^([A-Z_][A-Z0-9_]*|\(?[0-9][0-9a-fA-FxXuUlL]*\)?)$")


def file_text(path):
    with open(path) as fh:
        return fh.read()


def src(p):
    """Original text under a position (columns are 0-based, end exclusive)."""
    lines = file_text(p.file).split("\n")
    l0, c0, l1, c1 = int(p.line) - 1, int(p.column), int(p.line_end) - 1, int(p.column_end)
    if l0 == l1:
        return lines[l0][c0:c1]
    return "\n".join([lines[l0][c0:]] + lines[l0 + 1:l1] + [lines[l1][:c1]])


def split_top(s):
    """Split on commas outside brackets."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def parse_entry(text):
    """Entry of a klp_state array -> (id, [(designator, value)]), or None."""
    t = norm(text)
    m = re.match(r"^(KLP_STATE|KLP_SHADOW_STATE)\s*\((.*)\)$", t)
    if m:
        args = split_top(m.group(2))
        if not args:
            return None
        fields = []
        rest = args[1:]
        if m.group(1) == "KLP_SHADOW_STATE":
            if not rest:
                return None
            fields += [(".is_shadow", "true"), (".callbacks.shadow_dtor", rest[0])]
            rest = rest[1:]
        for a in rest:
            d, _, v = a.partition("=")
            fields.append((norm(d), norm(v)))
        return (args[0], fields)
    m = re.match(r"^\{(.*)\}$", t)
    if not m:
        return None
    ident, fields = None, []
    for a in split_top(m.group(1)):
        d, eq, v = a.partition("=")
        if not eq:
            return None
        d, v = norm(d).replace(" ", ""), norm(v)
        if d == ".id":
            ident = v
        elif d == ".callbacks":
            inner = re.match(r"^\{(.*)\}$", v)
            if not inner:
                return None
            for b in split_top(inner.group(1)):
                dd, _, vv = b.partition("=")
                fields.append((".callbacks" + norm(dd).replace(" ", ""), norm(vv)))
        else:
            fields.append((d, v))
    if ident is None:
        return None
    return (ident, fields)


def fmt_entry(ident, fields):
    """KLP_STATE() or KLP_SHADOW_STATE() for an id and its designators."""
    shadow = dict(fields).get(".is_shadow") == "true"
    rest = [f for f in fields if not (shadow and f[0] == ".is_shadow")]
    if shadow:
        dtor = dict(rest).get(".callbacks.shadow_dtor", "NULL")
        rest = [f for f in rest if f[0] != ".callbacks.shadow_dtor"]
        head = "KLP_SHADOW_STATE(" + ident + ", " + dtor
    else:
        head = "KLP_STATE(" + ident
    if not rest:
        return head + ")"
    col = 8 + len(head.split("(")[0]) + 1
    tabs, spaces = divmod(col, 8)
    pad = "\n" + "\t" * tabs + " " * spaces
    return head + "," + ",".join(pad + d + " = " + v for d, v in rest) + ")"


def placeholder_id(klp_path, path, module=None):
    """A placeholder state id, from what klp-migrate passes as klp_path
    (the stream's name when one is given, else the path below the
    converted tree), else the file name, and the module of a per-object
    state: with a stream name every release and run of the stream gets
    the same ids and another stream others."""
    base = klp_path or path.rsplit("/", 1)[-1]
    if module is not None:
        base += ":" + module.strip('"')
    return "0x%08xUL" % ((zlib.crc32(base.encode()) & 0x7fffffff) | 0x1000)


def define_of(name):
    """KLP_MIGRATED_<NAME>_STATE_ID for an object's .name expression."""
    word = re.sub(r"[^A-Za-z0-9]+", "_", name.strip('"')).strip("_").upper()
    return "KLP_MIGRATED_" + (word or "MODULE") + "_STATE_ID"


def callbacks(fns):
    """'callback f is' or 'callbacks f, g are'."""
    fns = list(fns)
    if len(fns) == 1:
        return "callback " + fns[0] + " is"
    return "callbacks " + ", ".join(fns) + " are"


def exported(path, fn):
    """Whether the file exports fn to other modules."""
    return re.search(r"\bEXPORT_SYMBOL\w*\s*\(\s*%s\s*\)" % re.escape(fn),
                     file_text(path)) is not None


INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def declared_in_headers(path, fn, where=None):
    """The first local header the file includes ("...", looked up next
    to the file or in where) that declares fn, or None: other files that
    include it would keep the old prototype."""
    dirs = [d for d in (where, os.path.dirname(path)) if d]
    decl = re.compile(r"\b%s\s*\(" % re.escape(fn))
    for inc in INCLUDE.findall(file_text(path)):
        for d in dirs:
            h = os.path.join(d, inc)
            if os.path.isfile(h):
                if decl.search(file_text(h)):
                    return inc
                break
    return None


def objects_of_module(names):
    """The one module name of a set of object names, or None."""
    names = set(names)
    if len(names) == 1:
        n, = names
        if n not in (None, "NULL"):
            return n
    return None


def nowhere(arr, arr_defined, has_objs):
    """Why a converted file would have no array of states to put its
    states in, or None: the callbacks or frees would be dropped and the
    state registered nowhere."""
    if arr is not None and not arr_defined:
        return ("the patch's .states = " + arr + " is not an array defined in this file"
                " (struct klp_state " + arr + "[] = { ... }): the state would have nowhere to go;"
                " add it to that array by hand")
    if arr is None and not has_objs:
        return ("the static initializer of struct klp_patch names neither .objs nor .states"
                " (objects hooked up at run time, or no klp_patch in this file):"
                " the state would have nowhere to go; name .objs in the initializer"
                " and run the conversion again")
    return None


def shared_decl(path, fns, where=None):
    """Why the callbacks fns can not change their signature in this file,
    or None: exported, or declared in a header that other files include."""
    for f in sorted(set(fns)):
        if exported(path, f):
            return ("callback " + f + " is exported (EXPORT_SYMBOL): other modules would call it"
                    " with the struct klp_object * signature; change it and its callers by hand and"
                    " move the callbacks to KLP_STATE(), or give the state callbacks of their own")
        h = declared_in_headers(path, f, where)
        if h:
            return ("callback " + f + " is declared in \"" + h + "\", which other files include:"
                    " the definition would change and the prototype there would not;"
                    " change both by hand and move the callbacks to KLP_STATE()")
    return None


def is_state(expr, path):
    """Whether expr, the E of E.callbacks or E->callbacks, is a struct
    klp_state that spatch could not type: a call of klp_get_state() or
    klp_get_prev_state(), or an array defined with KLP_STATES()."""
    e = norm(expr)
    if re.match(r"^\(?\s*klp_get_(prev_)?state\s*\(", e):
        return True
    m = re.match(r"^\(?\s*&?\s*(\w+)\s*(\[.*\])?\s*\)?$", e)
    if not m:
        return False
    return re.search(r"\bKLP_STATES\s*\(\s*%s\s*," % re.escape(m.group(1)),
                     file_text(path)) is not None


def func_modules(objs, funcs):
    """{new_func: the .name of its object, None for vmlinux}, from the
    text of the entries of the file's klp_object arrays (objs, a list)
    and klp_func arrays (funcs, {array: [entries]})."""
    arr_of = {}
    for arr, ents in funcs.items():
        for e in ents:
            m = re.search(r"\.new_func\s*=\s*&?\s*(\w+)", e)
            if m:
                arr_of[m.group(1)] = arr
    mod_of = {}
    for e in objs:
        f = re.search(r"\.funcs\s*=\s*(\w+)", e)
        if not f:
            continue
        n = re.search(r"\.name\s*=\s*(\"[^\"]*\"|\w+)", e)
        mod_of[f.group(1)] = n.group(1) if n and n.group(1) != "NULL" else None
    return dict((fn, mod_of[a]) for fn, a in arr_of.items() if a in mod_of)


def one_module(fns, modules):
    """The module whose objects every function of fns patches, or None:
    shadow variables attached only there hang off that module's objects."""
    if not fns or any(f not in modules for f in fns):
        return None
    return objects_of_module(modules[f] for f in fns)


def obj_name_field(module):
    return ", .obj_name = " + module if module else ""


def entry_name(text):
    """The .name of an object's initializer text, None for vmlinux."""
    n = re.search(r"\.name\s*=\s*(\"[^\"]*\"|\w+)", text)
    return n.group(1) if n and n.group(1) != "NULL" else None


def indexed_entry(oents, O, C):
    """The text of entry C of the object array O, or None."""
    if O not in oents or not re.match(r"^\d+$", C):
        return None
    ents = sorted(oents[O])
    return ents[int(C)][1] if int(C) < len(ents) else None
