# SPDX-License-Identifier: GPL-2.0-only
#
# Sphinx configuration of the HTML documentation of the Debian package
# klp-state-doc: sphinx-build -W -c debian/sphinx Documentation OUT.
# Plain Sphinx from python3-sphinx; the kernel-doc directive of
# Documentation/reference.rst comes from kernel_doc_comments.py here,
# which shows the kernel-doc comments of the identifiers it names as they
# are written in the header, not rendered by the kernel's extension.

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def release():
    """KLP_STATE_VERSION_STRING of include/klp/version.h."""
    with open(os.path.join(top, "include", "klp", "version.h")) as fh:
        m = re.search(r'^#define KLP_STATE_VERSION_STRING\s+"([^"]+)"', fh.read(), re.M)
    return m.group(1)


project = "klp-state"
author = "klp-state developers"
copyright = "2026, klp-state developers"
release = version = release()

extensions = ["kernel_doc_comments"]
kernel_doc_top = top

master_doc = "index"
language = "en"
html_theme = "alabaster"
html_title = "klp-state %s" % release
html_show_sourcelink = False
html_copy_source = False
# Reproducible: no build date in the pages.
html_last_updated_fmt = None
highlight_language = "none"
