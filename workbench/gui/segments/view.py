"""The segment table view with a spreadsheet's keyboard (docs/architecture.md, "Tables").

Typing over a cell or F2 edits it; Enter commits and moves down, Tab right (Shift for the
other way), without opening the next cell; Delete clears the selected inputs; Ctrl+C,
Ctrl+X and Ctrl+V exchange tab-separated text with Excel. The shell's Edit menu has Cut,
Copy and Paste shortcuts too; the view claims those keys while it has the focus
(ShortcutOverride), and the menu's actions hand it the same key when it has the focus.
Pasting one value into a selection of several cells fills them all, as in Excel. The name
column is frozen (`FrozenColumn`): it stays in view while the years scroll sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from workbench.core.errors import ModelError
from workbench.gui.segments.clipboard import (
    block_cells,
    copied_cells,
    copy_text,
    pasted_text,
    read_block,
)
from workbench.gui.segments.delegate import CellDelegate
from workbench.gui.segments.frozen import FrozenColumn
from workbench.gui.segments.table_model import SegmentTableModel

_CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CLIPBOARD_KEYS = (
    QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste
)
_Hint = QAbstractItemDelegate.EndEditHint
_Move = QAbstractItemView.CursorAction
_AFTER_EDIT = {
    _Hint.SubmitModelCache: _Move.MoveDown,
    _Hint.EditNextItem: _Move.MoveNext,
    _Hint.EditPreviousItem: _Move.MovePrevious,
}
"""Where the cursor goes when an edit ends with Enter, Tab or Shift+Tab (as in Excel)."""


class SegmentTableView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen: FrozenColumn | None = None
        self.setItemDelegate(CellDelegate(self))
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # A style sheet on the table itself would route every cell's paint through the
        # (slow) style-sheet style; the header alone is cheap to style.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe0f5"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#111111"))
        self.setPalette(palette)
        header.setStyleSheet(
            "QHeaderView::section { background: #f7f8fa; border: none;"
            " border-bottom: 1px solid #d5dbe3; border-right: 1px solid #eceff3;"
            " padding: 4px 6px; font-weight: 600; }"
        )

    def setModel(self, model: QAbstractItemModel) -> None:
        super().setModel(model)
        if self.frozen is not None:
            self.frozen.deleteLater()
        self.frozen = FrozenColumn(self, CellDelegate(self), self._frozen_count)

    def _frozen_count(self) -> int:
        model = self.model()
        return model.layout.frozen if isinstance(model, SegmentTableModel) else 1

    def segment_model(self) -> SegmentTableModel:
        model = self.model()
        assert isinstance(model, SegmentTableModel)
        return model

    # -- the frozen column ------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.frozen is not None:
            self.frozen.sync_geometry()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.frozen is not None:
            self.frozen.sync_geometry()

    def edit(self, index: QModelIndex, trigger=None, event=None):
        """A name or assumption is edited on the frozen columns, where the editor can be
        seen (the table's own columns lie under them)."""
        frozen = self.frozen is not None and index.column() < self.frozen.count()
        view = self.frozen if frozen else None
        if trigger is None:
            return (view or super()).edit(index)
        if view is not None:
            return QTableView.edit(view, index, trigger, event)
        return super().edit(index, trigger, event)

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        """The frozen columns never scroll (they are always in view on the overlay); a
        cell is brought out from under them."""
        if self.frozen is not None and index.column() >= self.frozen.count():
            super().scrollTo(index, hint)
            covered = self.frozen.width_covered() - self.visualRect(index).x()
            if covered > 0:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - covered)

    # -- keyboard ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._claims(event):
            event.accept()
            return True
        return super().event(event)

    def _claims(self, event: QKeyEvent) -> bool:
        return (
            any(event.matches(key) for key in _CLIPBOARD_KEYS) or event.key() in _CLEAR_KEYS
        ) and self.state() != QAbstractItemView.State.EditingState

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
        elif event.key() in _CLEAR_KEYS:
            self.clear_selection()
        elif event.key() in _ENTER_KEYS:
            up = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._step(_Move.MoveUp if up else _Move.MoveDown)
        elif _types(event) and not self.segment_model().reading.typed:
            self.segment_model().refuse_typing()
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        """A double-click edits; on the average price it says why it cannot."""
        super().mouseDoubleClickEvent(event)
        at = self.indexAt(event.position().toPoint())
        if at.isValid() and not self.segment_model().reading.typed:
            self.segment_model().refuse_typing()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter, Tab and Shift+Tab commit and move on without editing the next cell."""
        move = _AFTER_EDIT.get(hint)
        super().closeEditor(editor, _Hint.NoHint if move is not None else hint)
        if move is not None:
            self._step(move)

    def _step(self, move: QAbstractItemView.CursorAction) -> None:
        index = self.moveCursor(move, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.selectionModel().setCurrentIndex(index, flags)
            self.setFocus()

    # -- clipboard --------------------------------------------------------------------------

    def copy_selection(self) -> None:
        model, indexes = self.segment_model(), self.selectedIndexes()
        shown = copy_text(indexes, lambda r, c: str(model.data(model.index(r, c)) or ""))
        if shown:
            full = copy_text(indexes, model.copy_text)
            QGuiApplication.clipboard().setMimeData(copied_cells(shown, full))

    def cut_selection(self) -> None:
        """Ctrl+X: copy the selection, then clear its inputs (one undo step, as Delete)."""
        self.copy_selection()
        self.clear_selection()

    def paste_clipboard(self) -> bool:
        """Paste the clipboard's block from the top-left selected cell as one step."""
        return self.paste_text(pasted_text(QGuiApplication.clipboard().mimeData()))

    def paste_text(self, text: str) -> bool:
        """Paste a block from the top-left selected cell, or fill the selection with one
        value; either way one undo step."""
        start = self._top_left()
        block = read_block(text)
        if start is None or not block:
            return False
        model = self.segment_model()
        selected = self.selectedIndexes()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            cells = [(i.row(), i.column(), block[0][0]) for i in selected]
            return model.apply(sorted(cells), "Fill")
        try:
            cells = block_cells(model, start[0], start[1], block)
        except ModelError as exc:
            model.bridge.error.emit(str(exc))
            return False
        return model.apply(cells, "Paste")

    def clear_selection(self) -> bool:
        """Delete: clear every typed value in the selection (other cells are skipped)."""
        model = self.segment_model()
        if not model.reading.typed:
            model.refuse_typing()
            return False
        cells = [
            (i.row(), i.column(), "")
            for i in self.selectedIndexes()
            if model.column(i.column()).kind == "year"
            and model.flags(i) & Qt.ItemFlag.ItemIsEditable
        ]
        return bool(cells) and model.apply(cells, "Clear cells")

    def _top_left(self) -> tuple[int, int] | None:
        indexes = self.selectedIndexes() or [self.currentIndex()]
        valid = [i for i in indexes if i.isValid()]
        if not valid:
            return None
        return min(i.row() for i in valid), min(i.column() for i in valid)


def _types(event: QKeyEvent) -> bool:
    """Whether a key press would start an edit: F2, or a character typed without Ctrl."""
    if event.key() == Qt.Key.Key_F2:
        return True
    control = event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                   | Qt.KeyboardModifier.AltModifier)
    return bool(event.text().strip()) and not control
