"""Quitting after a copy ends the process cleanly (PySide6 crashed on our clipboard data)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication
from workbench.gui.segments.clipboard import FULL_NUMBERS, copied_cells
app = QApplication([])
QApplication.clipboard().setMimeData(copied_cells("1.5\\t2", "1.5000001\\t2"))
assert QApplication.clipboard().mimeData().hasFormat(FULL_NUMBERS)
print("copied")
"""


def test_the_process_ends_cleanly_after_a_copy():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.stdout.strip() == "copied"
    assert done.returncode == 0, done.stderr
