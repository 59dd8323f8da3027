"""How a segment table cell is painted and edited.

Painting stays in C++ (Qt's item style draws text, fill and marker); only the cell's
options are filled in from Python, in one call per cell straight from the model's row
cache. Qt's own delegate would ask the model for seven roles per cell instead, and each
question crossing from C++ to Python costs more than drawing the cell. Editing uses a
combo box for the growth method and a line edit for everything else.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from workbench.core.methods import labels
from workbench.gui.segments.cells import (
    ALIGNMENT,
    BACKGROUND,
    DECORATION,
    DISPLAY,
    FONT,
    FOREGROUND,
)

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
_TEXT = QPalette.ColorRole.Text
_icons: dict[int, QIcon] = {}
_metrics: dict[str, QFontMetrics] = {}


class CellDelegate(QStyledItemDelegate):
    """Fills a cell's style options from the segment model's row cache; edits the method
    with a combo box and everything else with a line edit."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.model().cells(index.row())
        c = index.column()
        option.index = index
        option.text = row[DISPLAY][c]
        option.displayAlignment = row[ALIGNMENT][c]
        features = _HAS_DISPLAY
        fill, text, marker = row[BACKGROUND][c], row[FOREGROUND][c], row[DECORATION][c]
        if fill is not None:
            option.backgroundBrush = fill
        if text is not None:
            option.palette.setBrush(_TEXT, text)
        if marker is not None:
            features |= _HAS_DECORATION
            option.icon = _icon(marker)
            option.decorationSize = marker.size()
        option.features = features
        font = row.get(FONT)
        if font is not None:
            option.font = font[c]
            option.fontMetrics = _metrics_of(font[c])

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        if index.model().column(index.column()).kind == "method":
            combo = QComboBox(parent)
            combo.addItems(list(labels().values()))
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


def _icon(marker: QPixmap) -> QIcon:
    """One icon per marker pixmap (there are three), made once."""
    icon = _icons.get(marker.cacheKey())
    if icon is None:
        icon = _icons[marker.cacheKey()] = QIcon(marker)
    return icon


def _metrics_of(font: QFont) -> QFontMetrics:
    """Metrics of the table's few fonts (bold total, italic derived rows), made once."""
    key = font.key()
    metrics = _metrics.get(key)
    if metrics is None:
        metrics = _metrics[key] = QFontMetrics(font)
    return metrics
