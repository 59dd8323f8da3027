"""A QUndoStack that mirrors the core document's undo history.

The core owns undo (every command is undoable without Qt); the GUI only needs Qt's stack
for what it gives menus: "Undo Set growth" texts, enabled states, an undo view. Each core
edit pushes one mirror entry whose undo/redo call back into the document through the
bridge; while a mirror entry replays, the changes it causes are not pushed again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge


class _MirrorEntry(QUndoCommand):
    def __init__(self, mirror: UndoMirror, text: str) -> None:
        super().__init__(text)
        self._mirror = mirror
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo; the edit has already happened
            self._pushed = True
            return
        self._mirror.replay(self._mirror.bridge.redo)

    def undo(self) -> None:
        self._mirror.replay(self._mirror.bridge.undo)


class UndoMirror(QObject):
    def __init__(self, bridge: DocumentBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(bridge.document.undo_limit)
        self._replaying = False
        bridge.changed.connect(self._on_changed)
        bridge.document_replaced.connect(self._on_replaced)

    def replay(self, step) -> None:
        self._replaying = True
        try:
            step()
        finally:
            self._replaying = False

    def _on_changed(self, change: Change) -> None:
        if not self._replaying:
            self.stack.push(_MirrorEntry(self, change.text))

    def _on_replaced(self) -> None:
        self.stack.clear()
        self.stack.setUndoLimit(self.bridge.document.undo_limit)
