"""The desktop app (PySide6 + pyqtgraph): main window, pages, charts, dialogs.

PySide6 is pinned below 6.12.0 for Python 3.11 in pyproject.toml: that build drops
references to `True` on signal emits under Python 3.11 (two per `Signal(bool)` emit of
True), and the interpreter aborts after a few hundred repaints. From Python 3.12, True and
None are immortal and the pin does not apply. tests/gui/test_pyside_canary.py watches it.
"""
