"""Canary for the PySide6 pin: signal emits and virtual overrides keep True and None alive.

PySide6 6.12.0 on Python 3.11 drops references to `True` when a signal carries it (two
per `Signal(bool)` emit, measured); after a few hundred repaints the interpreter aborts
("bool_dealloc"). The report of the pin also names `None` and virtual overrides, so both
are watched here too. Python 3.12 made True and None immortal (PEP 683): there the bug is
harmless (6.12.0 measured steady), and pyproject.toml pins `<6.12` for Python 3.11 only.
If this test fails, the installed PySide6 has the bug on this Python: keep the pin.
"""

import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

EMITS = 100
SLACK = 20
"""Temporary references (frames, the test's own locals) may come and go; a leak of one
reference per emit moves it by a hundred or more (and a few hundred lost references
abort the interpreter, so the count stays small)."""


class Emitter(QObject):
    flag = Signal(bool)
    anything = Signal(object)


class Receiver(QObject):
    """A Python override Qt calls (`event`), answering True like a handled event."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:
            self.seen += 1
            return True
        return super().event(event)


def test_emits_keep_true_and_none_alive(qapp):
    emitter, received = Emitter(), []
    emitter.flag.connect(lambda value: received.append(value))
    emitter.anything.connect(lambda value: received.append(value))
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(EMITS):
        emitter.flag.emit(True)
        emitter.anything.emit(None)
    received.clear()
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert abs(after[0] - before[0]) < SLACK, f"True lost {before[0] - after[0]} references"
    assert abs(after[1] - before[1]) < SLACK, f"None lost {before[1] - after[1]} references"


def test_overrides_returning_true_keep_it_alive(qapp):
    receiver = Receiver()
    before = sys.getrefcount(True)
    for _ in range(EMITS):
        QCoreApplication.sendEvent(receiver, QEvent(QEvent.Type.User))
    after = sys.getrefcount(True)
    assert receiver.seen == EMITS
    assert abs(after - before) < SLACK, f"True lost {before - after} references"
