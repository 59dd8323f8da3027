"""Scenario comparison: each segment in every scenario against the first one (Base).

One row per series (the total market, then the segments of the chosen dimension); for the
chosen year, the first scenario's value, then for every other scenario its value, the
change against the first in the measure's unit and in per cent, in the measure the window
shows (value, volume or average price). An analyst reads "in
Optimistic, TikTok is 1.2 bn (+14 %) above Base in 2031" straight off a row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core import measures
from workbench.core.document import Document
from workbench.core.project import TOTAL
from workbench.gui.bridge import DocumentBridge
from workbench.gui.locale_numbers import amount, percent
from workbench.numbers import DASH

_UP, _DOWN = QColor("#1d6b3a"), QColor("#a3262a")


@dataclass(frozen=True)
class _Column:
    scenario_id: str
    kind: str  # "value", "change" or "ratio"
    label: str


class ComparisonModel(QAbstractTableModel):
    """Rows: the total and the segments of `dimension_id` (None: the total alone)."""

    def __init__(self, bridge: DocumentBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.dimension_id: str | None = None
        self.year: int | None = None
        self._rows: list[tuple[str, str]] = []
        self._columns: list[_Column] = []
        self.reload()

    @property
    def _document(self) -> Document:
        return self.bridge.document

    def show(self, dimension_id: str | None, year: int | None) -> None:
        self.dimension_id, self.year = dimension_id, year
        self.reload()

    def reload(self, *_args) -> None:
        """Rows, columns and numbers from the document as it is now."""
        self.beginResetModel()
        project = self._document.project
        if self.dimension_id not in {d.id for d in project.dimensions}:
            self.dimension_id = None
        if self.year not in project.metadata.years:
            self.year = project.metadata.last_year
        self._rows = [(TOTAL, "Total market")]
        if self.dimension_id is not None:
            self._rows += [(m.id, m.name) for m in project.dimension(self.dimension_id).members]
        first, *others = project.scenarios or [None]
        self._columns = [] if first is None else [_Column(first.id, "value", first.name)]
        for s in others:
            self._columns += [_Column(s.id, "value", s.name),
                              _Column(s.id, "change", f"{s.name}\nvs {first.name}"),
                              _Column(s.id, "ratio", f"{s.name}\nvs {first.name}, %")]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self._rows[section][1] if section < len(self._rows) else None
        return self._columns[section].label if section < len(self._columns) else None

    def figure(self, row: int, column: int) -> float:
        """The number a cell shows: a value, a change in the unit, or a change ratio."""
        series_id = self._rows[row][0]
        spec = self._columns[column]
        value = self._value(spec.scenario_id, series_id)
        if spec.kind == "value":
            return value
        base = self._value(self._columns[0].scenario_id, series_id)
        if spec.kind == "change":
            return value - base
        return value / base - 1.0 if base else math.nan

    def _value(self, scenario_id: str, series_id: str) -> float:
        measure = self.bridge.shown_measure
        return self._document.result(scenario_id, measure).value(series_id, self.year)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        figure = self.figure(index.row(), index.column())
        kind = self._columns[index.column()].kind
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(figure, kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and kind != "value" and math.isfinite(figure):
            return QBrush(_UP if figure > 0 else _DOWN) if figure else None
        return None


def _text(figure: float, kind: str) -> str:
    if not math.isfinite(figure):
        return DASH
    if kind == "value":
        return amount(figure)
    sign = "+" if figure > 0 else ""
    return sign + (amount(figure) if kind == "change" else percent(figure))


class ComparisonPanel(QWidget):
    """The comparison table with its two choices: which dimension's segments, which year."""

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.model = ComparisonModel(bridge)
        self.dimension = QComboBox()
        self.year = QComboBox()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        bar = QHBoxLayout()
        for text, combo in (("Segments of", self.dimension), ("in", self.year)):
            label = QLabel(text)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self._chosen)
        bar.addStretch(1)
        self.measure = QLabel()
        self.measure.setStyleSheet("color: #5a6b7d;")
        bar.addWidget(self.measure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        """The choices from the project (keeping the current ones), then the table."""
        project = self.bridge.document.project
        dimensions = [(None, "Total market only"), *((d.id, d.name) for d in project.dimensions)]
        chosen_dimension = self.model.dimension_id or (
            project.dimensions[0].id if project.dimensions else None)
        _fill(self.dimension, dimensions, chosen_dimension)
        years = [(y, f"{y}" + (" F" if y > project.metadata.base_year else ""))
                 for y in project.metadata.years]
        _fill(self.year, years, self.model.year or project.metadata.last_year)
        shown = self.bridge.shown_measure
        self.measure.setText(f"{measures.measure(shown).label}, {measures.unit_of(project, shown)}")
        self._chosen()

    def _chosen(self, *_args) -> None:
        self.model.show(self.dimension.currentData(), self.year.currentData())


def _fill(combo: QComboBox, items: list[tuple[object, str]], current: object) -> None:
    combo.blockSignals(True)
    combo.clear()
    for data, text in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
