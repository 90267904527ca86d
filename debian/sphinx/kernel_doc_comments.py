# SPDX-License-Identifier: GPL-2.0-only
"""A stand-in for the kernel's kernel-doc Sphinx extension.

``.. kernel-doc:: FILE`` with ``:identifiers: NAME...`` shows, for each
NAME, the kernel-doc comment of FILE that documents it, as a literal
block under the name; without ``:identifiers:``, every kernel-doc comment
of FILE.  A NAME that FILE does not document is a warning, so that a
build with -W fails on it.  FILE is relative to the top of the tree
(``kernel_doc_top`` in conf.py).
"""

import os
import re

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.util import logging

logger = logging.getLogger(__name__)

# /** NAME - ..., /** NAME() - ..., /** struct NAME - ...
HEAD = re.compile(r"^(?:(?:struct|union|enum|typedef)\s+)?(\w+)(?:\(\))?\s+-\s")


def comments(path):
    """(name, text) of each kernel-doc comment of PATH, in order."""
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    out = []
    for m in re.finditer(r"/\*\*\n(.*?)\*/", src, re.S):
        lines = [re.sub(r"^\s*\* ?", "", l) for l in m.group(1).rstrip().split("\n")]
        head = HEAD.match(lines[0]) if lines else None
        if head:
            out.append((head.group(1), "\n".join(lines).rstrip()))
    return out


class KernelDoc(Directive):
    required_arguments = 1
    option_spec = {"identifiers": directives.unchanged,
                   "export": directives.unchanged,
                   "internal": directives.unchanged,
                   "no-identifiers": directives.unchanged,
                   "functions": directives.unchanged,
                   "doc": directives.unchanged_required}

    def run(self):
        env = self.state.document.settings.env
        rel = self.arguments[0]
        path = os.path.join(env.config.kernel_doc_top, rel)
        env.note_dependency(path)
        found = dict(comments(path))
        names = self.options.get("identifiers", "").split() or list(found)
        out = []
        for name in names:
            if name not in found:
                logger.warning("kernel-doc: %s does not document %s", rel, name,
                               location=(env.docname, self.lineno))
                continue
            section = nodes.rubric(text=name)
            out.append(section)
            out.append(nodes.literal_block(found[name], found[name]))
        return out


def setup(app):
    app.add_config_value("kernel_doc_top", "", "env")
    app.add_directive("kernel-doc", KernelDoc)
    return {"version": "1", "parallel_read_safe": True}
