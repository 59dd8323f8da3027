"""A company's share estimates by year: a table of percentages and a small chart.

Shares are stored as fractions (0.182) and shown and typed as percentages ("18.2 %");
an empty cell means no estimate for that year. Each typed cell is one undoable edit of
the company's `shares`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.transaction import Change
from workbench.gui import locale_numbers
from workbench.gui.bridge import DocumentBridge
from workbench.gui.qualitative.editing import update_entity
from workbench.numbers import NumberError

Index = QModelIndex | QPersistentModelIndex
FORECAST_TINT = QColor("#f4f7fb")


def parse_percent(text: str) -> float | None:
    """'18.2', '18.2%' or '18,2 %' -> 0.182; '' -> None (no estimate)."""
    try:
        return locale_numbers.read_percent(str(text))
    except NumberError:
        example = locale_numbers.percent(0.182)
        raise ModelError(f"A share must be a percentage like {example}; got {text!r}.") from None


class SharesModel(QAbstractTableModel):
    """One row per project year, one column: the company's share of the market."""

    def __init__(self, bridge: DocumentBridge, parent=None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.company_id: str | None = None
        self._years = list(self._project_years())
        bridge.changed.connect(self._on_changed)
        bridge.document_replaced.connect(lambda: self.show_company(None))

    def _project_years(self) -> range:
        return self.bridge.document.project.metadata.years

    def shares(self) -> dict[int, float]:
        if self.company_id is None:
            return {}
        return self.bridge.document.project.entity("companies", self.company_id).shares

    def years(self) -> list[int]:
        return list(self._years)

    def show_company(self, company_id: str | None) -> None:
        self.beginResetModel()
        self.company_id = company_id
        self._years = list(self._project_years())
        self.endResetModel()

    def _on_changed(self, change: Change) -> None:
        if change.touches(Field.METADATA):
            self.show_company(self.company_id)
        elif change.touches(Field.COMPANIES) and self._years:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._years) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.company_id is None else len(self._years)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return "Share of market"
        return str(self._years[section]) if 0 <= section < len(self._years) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        year = self._years[index.row()]
        share = self.shares().get(year)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if share is None else locale_numbers.percent(share)
        if role == Qt.ItemDataRole.EditRole:
            return "" if share is None else locale_numbers.plain(share * 100, 6)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.BackgroundRole and self._is_forecast(year):
            return FORECAST_TINT
        return None

    def _is_forecast(self, year: int) -> bool:
        return year > self.bridge.document.project.metadata.base_year

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.company_id is None:
            return False
        try:
            share = parse_percent(value)
        except ModelError as exc:
            self.bridge.error.emit(str(exc))
            return False
        shares = dict(self.shares())
        year = self._years[index.row()]
        if share is None:
            shares.pop(year, None)
        else:
            shares[year] = share
        return update_entity(self.bridge, "companies", self.company_id, shares=shares)
