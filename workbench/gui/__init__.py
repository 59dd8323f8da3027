"""The desktop app (PySide6 + pyqtgraph): main window, pages, charts, dialogs.

Importing the package first checks the Qt binding for a known reference-counting bug
(see `_guard_signal_emit`), because every page emits signals from Python all day.
"""

from __future__ import annotations

import ctypes
import sys


def _guard_signal_emit() -> None:
    """Survive PySide6 6.12.0, whose `SignalInstance.emit` returns a borrowed `True`.

    On Python < 3.12 `True` is an ordinary object: each emit from Python drops one of its
    references, and after a few thousand emits (a pyqtgraph chart emits on every mouse
    move) the interpreter aborts with "bool_dealloc". Python 3.12 made `True` immortal;
    where the bug is present we do the same by giving `True` a reference count it cannot
    run out of, and the same for `False` and `None`, which other calls of that build drop
    too ("none_dealloc"). The real fix is a PySide6 version without the bug (6.11.3 has
    none).
    """
    if sys.version_info >= (3, 12):
        return
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    if sys.getrefcount(True) < before:  # the same build also drops None and False
        for constant in (True, False, None):
            ctypes.c_ssize_t.from_address(id(constant)).value += 1 << 40


_guard_signal_emit()
