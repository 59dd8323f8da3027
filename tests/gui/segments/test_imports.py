"""The navigator's pages get the real segment page whichever package is imported first.

`workbench.gui.pages` falls back to a placeholder when it cannot import the segment pages,
so an import cycle would not fail loudly: it would quietly show the wrong page. Each order
is checked in a fresh interpreter, where nothing has been imported yet.
"""

import os
import subprocess
import sys

import pytest

CHECK = """
import {first}
import workbench.gui.pages as pages
from workbench.gui.segments.page import SegmentPage
assert pages.SegmentPage is SegmentPage, pages.SegmentPage
"""


@pytest.mark.parametrize("first", ["workbench.gui.segments", "workbench.gui.main_window"])
def test_pages_list_the_real_segment_page(first):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CHECK.format(first=first)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
