"""Cell editing: a combo box for the growth method, a line edit for everything else.

Markers for pinned and held cells are the model's DecorationRole (see `styles.marker`), so
the painting stays in C++.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from workbench.gui.segments.layout import METHOD_LABELS


class CellDelegate(QStyledItemDelegate):
    """Paints in C++ (no Python per cell, which keeps a repaint fast); edits the method
    with a combo box and everything else with a line edit."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        if index.model().column(index.column()).kind == "method":
            combo = QComboBox(parent)
            combo.addItems(list(METHOD_LABELS.values()))
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
