# SPDX-License-Identifier: GPL-2.0-only
#
# Sphinx configuration of make htmldocs (scripts/htmldocs.sh):
# sphinx-build -W -c Documentation/sphinx Documentation OUT, with the
# kernel-doc extension of a Debian linux-source tree, whose directory
# KLP_KERNEL_SPHINX names (Documentation/sphinx/kerneldoc.py and
# kernellog.py there, scripts/kernel-doc next to them), so that
# Documentation/reference.rst renders the kernel-doc comments of
# include/klp/*.h as the kernel's own documentation does.

import os
import re
import sys

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
kernel = os.environ["KLP_KERNEL_SPHINX"]
sys.path.insert(0, os.path.join(kernel, "Documentation", "sphinx"))


def release():
    """KLP_STATE_VERSION_STRING of include/klp/version.h."""
    with open(os.path.join(top, "include", "klp", "version.h")) as fh:
        m = re.search(r'^#define KLP_STATE_VERSION_STRING\s+"([^"]+)"', fh.read(), re.M)
    return m.group(1)


project = "klp-state"
author = "klp-state developers"
copyright = "2026, klp-state developers"
release = version = release()

extensions = ["kerneldoc"]
kerneldoc_bin = os.path.join(kernel, "scripts", "kernel-doc")
kerneldoc_srctree = top

master_doc = "index"
exclude_patterns = ["man", "sphinx"]
language = "en"
primary_domain = "c"
highlight_language = "none"
html_theme = "alabaster"
# Room for the 80-column code blocks and the tables of the pages.
html_theme_options = {"page_width": "1180px", "body_max_width": "none"}
html_title = "klp-state %s" % release
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
