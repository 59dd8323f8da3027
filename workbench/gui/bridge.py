"""The GUI's one door into the core: a Qt object around the current `Document`.

Pages never touch a `Document` directly for edits: they call `execute`, which turns a
refused edit into one clear message, and they listen to `changed` (a core `Change`) to
refresh only what it touched. `document_replaced` fires on New/Open/Recover, after which
pages rebuild from scratch. The window's choice of measure lives here too (`measure`),
because every page is built with the bridge and they all show the same one.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from workbench.core.commands import Command
from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.gui.measures import MeasureChoice, MeasureReading


class DocumentBridge(QObject):
    changed = Signal(object)
    """A core `Change`, after every edit, undo and redo."""

    document_replaced = Signal()
    error = Signal(str)
    """One sentence for the user; the main window shows it in a dialog."""
    status = Signal(str)
    """One sentence for the status bar: a refusal that needs no dialog (typing on a
    derived page)."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._unsubscribe = document.subscribe(self.changed.emit)
        self.measure = MeasureChoice(self)
        """The measure this window's market pages show."""

    @property
    def document(self) -> Document:
        return self._document

    @property
    def shown_measure(self) -> str:
        """The measure the pages show now: the window's choice, as the project has it."""
        return self.measure.shown(self._document.project)

    def reading(self) -> MeasureReading:
        """The document as the pages show it now (in `shown_measure`)."""
        return MeasureReading(self._document, self.shown_measure)

    def replace_document(self, document: Document) -> None:
        self._unsubscribe()
        self._document = document
        self._unsubscribe = document.subscribe(self.changed.emit)
        self.document_replaced.emit()

    def execute(self, command: Command) -> bool:
        """Run `command`; a refused edit emits `error` with its sentence and returns False."""
        try:
            self._document.execute(command)
        except ModelError as exc:
            self.error.emit(str(exc))
            return False
        return True

    def undo(self) -> None:
        self._document.undo()

    def redo(self) -> None:
        self._document.redo()
