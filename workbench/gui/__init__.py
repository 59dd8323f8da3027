"""The desktop app (PySide6 + pyqtgraph): main window, pages, charts, dialogs.

PySide6 is pinned below 6.12.0 in pyproject.toml: that build drops references to `True`
and `None` on every signal emit and virtual override under Python 3.11, and aborts the
interpreter after a few thousand repaints.
"""
