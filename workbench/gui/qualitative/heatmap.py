"""Ratings 1–5 as a heat map: one sequential palette for impacts, forces and assessments.

The palette is a single hue from pale to deep, so a darker cell always means "more"
(stronger impact, stronger force, higher score) without implying good or bad; the figure
stays in the cell so the colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

PALETTE = ("#eef4fa", "#c9dcef", "#8fb5dc", "#4f86c0", "#23568f")
"""Background of ratings 1..5."""


def rating_color(rating: int) -> QColor:
    return QColor(PALETTE[max(1, min(5, rating)) - 1])


def rating_text_color(rating: int) -> QColor:
    """White on the two deep shades, near-black on the pale ones: always readable."""
    return QColor("#ffffff" if rating >= 4 else "#1b2631")


class RatingDelegate(QStyledItemDelegate):
    """Edits a rating with a 1–5 spin box, so an out-of-range score cannot be typed."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(1, 5)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setValue(int(value) if value not in (None, "") else 3)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
