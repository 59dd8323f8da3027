"""Cell painting and editing: markers for pinned and held cells, a combo for the method.

Colour alone is not enough to tell a pinned or held cell (colour-blind readers, printed
screenshots), so each gets a small shape as well: a triangle in the top-right corner for
a pin, a bar along the left edge for a hold.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QPainter, QPolygonF
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from workbench.gui.segments import styles
from workbench.gui.segments.layout import METHOD_LABELS
from workbench.gui.segments.table_model import HELD_ROLE, STATE_ROLE

_MARK = 6.0


class CellDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        pinned = index.data(STATE_ROLE) == "pinned"
        held = bool(index.data(HELD_ROLE))
        if not (pinned or held):
            return
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        if pinned:
            painter.setBrush(styles.PIN_MARK)
            x, y = float(rect.right()) + 1, float(rect.top())
            corner = [QPointF(x - _MARK, y), QPointF(x, y), QPointF(x, y + _MARK)]
            painter.drawPolygon(QPolygonF(corner))
        if held:
            painter.setBrush(styles.HELD_MARK)
            painter.drawRect(rect.left(), rect.top() + 1, 3, rect.height() - 2)
        painter.restore()

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
