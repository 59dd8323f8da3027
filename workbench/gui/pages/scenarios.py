"""Scenarios: add (copying another), rename, delete, shift every growth rate; compare.

The table has one row per scenario with the total market by year and the forecast CAGR;
a second tab compares every segment with the first scenario (`comparison`); the chart
overlays the totals. Every button is one core command through the bridge. With a volume,
the numbers are those of the window's measure, and shifting growth rates shifts that
measure's (the average price has none: the shift is not offered).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QWidget,
)

from workbench.core.commands import AddScenario, RemoveScenario, RenameScenario, ShiftGrowth
from workbench.core.document import Document
from workbench.core.fields import Field
from workbench.core.measures import measures_of
from workbench.core.project import TOTAL
from workbench.core.transaction import Change
from workbench.gui import dialogs
from workbench.gui.bridge import DocumentBridge
from workbench.gui.charts import ForecastChart
from workbench.gui.deferred import Deferred
from workbench.gui.locale_numbers import amount, percent
from workbench.gui.measure_switch import MeasureSwitch
from workbench.gui.page import Page
from workbench.gui.page_parts import (
    caption,
    forecast_cagr,
    forecast_cagr_label,
    heading,
    page_layout,
    total_series,
)
from workbench.gui.pages.comparison import ComparisonPanel

FORECAST_TINT = QColor("#f3f6fa")


class ScenarioTotalsModel(QAbstractTableModel):
    """Rows: scenarios; columns: every year's total, then the forecast CAGR."""

    def __init__(self, bridge: DocumentBridge) -> None:
        super().__init__()
        self.bridge = bridge

    @property
    def _document(self) -> Document:
        return self.bridge.document


    def reload(self, *_args) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._document.project.scenarios)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._document.project.metadata.years) + 1

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        project = self._document.project
        if orientation == Qt.Orientation.Vertical:
            return project.scenarios[section].name if section < len(project.scenarios) else None
        years = project.metadata.years
        if section < len(years):
            year = years[section]
            return f"{year}" + (" F" if year > project.metadata.base_year else "")
        return forecast_cagr_label(self._document) if section == len(years) else None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        is_rate = index.column() == len(self._document.project.metadata.years)
        if role == Qt.ItemDataRole.DisplayRole:
            return percent(value) if is_rate else amount(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._is_forecast(index.column()):
            return QBrush(FORECAST_TINT)
        return None

    def value(self, row: int, column: int) -> float:
        project = self._document.project
        scenario = project.scenarios[row]
        years = project.metadata.years
        reading = self.bridge.reading()
        if column == len(years):
            return forecast_cagr(reading, scenario.id)
        value = reading.result(scenario.id).value(TOTAL, years[column])
        return value if math.isfinite(value) else math.nan

    def _is_forecast(self, column: int) -> bool:
        meta = self._document.project.metadata
        return column < len(meta.years) and meta.years[column] > meta.base_year


class ScenariosPage(Page):
    title = "Scenarios"

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.model = ScenarioTotalsModel(bridge)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = ForecastChart()
        self.chart.setMinimumHeight(260)
        self.points = QDoubleSpinBox()
        self.points.setRange(-50.0, 50.0)
        self.points.setDecimals(1)
        self.points.setSingleStep(0.5)
        self.points.setSuffix(" pp")
        layout = page_layout(self)
        top = QHBoxLayout()
        top.addWidget(heading("Scenarios"), 1)
        top.addWidget(MeasureSwitch(bridge, self))
        layout.addLayout(top)
        layout.addWidget(
            caption(
                "Each scenario is a set of forecast assumptions; history is shared by all. "
                "Select a scenario to rename, delete or shift its growth rates."
            )
        )
        layout.addLayout(self._buttons())
        layout.addLayout(self._shift_row())
        self.comparison = ComparisonPanel(bridge)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "Total market by year")
        self.tabs.addTab(self.comparison, "Compare with the first scenario")
        self.tabs.setMaximumHeight(260)
        layout.addWidget(self.tabs)
        layout.addWidget(self.chart, 1)
        self._selected: str | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.deferred = Deferred(self, self.redraw)
        self.follow(bridge)
        bridge.measure.chosen.connect(self.deferred.urgent)
        self.redraw()
        self.table.selectRow(0)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in (("Add…", self.add), ("Rename…", self.rename), ("Delete", self.delete)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _shift_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.shift_label = QLabel("Shift every growth rate of the selected scenario by")
        row.addWidget(self.shift_label)
        row.addWidget(self.points)
        self.shift_button = shift = QPushButton("Apply shift")
        shift.clicked.connect(lambda: self.shift(self.points.value() / 100.0))
        row.addWidget(shift)
        row.addStretch(1)
        return row

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.deferred.shown()

    def _remember_selection(self) -> None:
        self._selected = self.selected_scenario()

    def _restore_selection(self) -> None:
        ids = [s.id for s in self.bridge.document.project.scenarios]
        self.table.selectRow(ids.index(self._selected) if self._selected in ids else 0)

    def refresh(self, change: Change) -> None:
        """Rows and columns follow the scenarios and years at once; numbers may wait."""
        if change.touches(Field.SCENARIOS, Field.METADATA):
            self.model.reload()
        self.deferred.request()

    def reload(self) -> None:
        self.model.reload()
        self.deferred.request()

    def exported_chart(self) -> ForecastChart:
        return self.chart

    def redraw(self) -> None:
        """The totals table, the comparison and the chart (every scenario's forecast)."""
        self.model.reload()
        self.comparison.reload()
        reading = self.bridge.reading()
        several = len(measures_of(reading.document.project)) > 1
        first = reading.project.scenarios[0].name
        self.tabs.setTabText(0, f"{reading.label} by year" if several else "Total market by year")
        self.tabs.setTabText(1, f"Compare with {first}")
        self.shift_label.setText(
            "Shift every growth rate of the selected scenario by" if not several
            else f"Shift every {reading.label.lower()} growth rate of the selected scenario by"
            if reading.typed else
            "No rates to shift: the average price follows value and volume")
        for widget in (self.points, self.shift_button):  # the label stays readable: it says why
            widget.setEnabled(reading.typed)
        meta = reading.project.metadata
        self.chart.show_series(
            meta.years, meta.base_year, total_series(reading), unit=reading.unit,
            title=f"Total market by scenario: {reading.label.lower()}, {reading.unit}",
        )

    def selected_scenario(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        scenarios = self.bridge.document.project.scenarios
        if rows and rows[0].row() < len(scenarios):
            return scenarios[rows[0].row()].id
        return None

    # -- actions --------------------------------------------------------------------------

    def add(self) -> None:
        scenarios = self.bridge.document.project.scenarios
        name = dialogs.ask_text(self, "Add scenario", "Name of the new scenario:")
        if name is None:
            return
        labels = ["(start empty)"] + [f"Copy of {s.name}" for s in scenarios]
        choice = dialogs.ask_item(self, "Add scenario", "Assumptions:", labels)
        if choice is None:
            return
        copy_from = scenarios[choice - 1].id if choice > 0 else None
        self.bridge.execute(AddScenario(name, copy_from=copy_from))

    def rename(self) -> None:
        scenario_id = self.selected_scenario()
        if scenario_id is None:
            return
        current = self.bridge.document.project.scenario(scenario_id).name
        name = dialogs.ask_text(self, "Rename scenario", "New name:", current)
        if name is not None:
            self.bridge.execute(RenameScenario(scenario_id, name))

    def delete(self) -> None:
        scenario_id = self.selected_scenario()
        if scenario_id is None:
            return
        name = self.bridge.document.project.scenario(scenario_id).name
        if dialogs.confirm(self, f"Delete the scenario {name} and its assumptions?"):
            self.bridge.execute(RemoveScenario(scenario_id))

    def shift(self, points: float) -> None:
        """Add `points` (0.01 = one point) to every growth rate of the selected scenario."""
        scenario_id = self.selected_scenario()
        if scenario_id is not None and points:
            self.bridge.execute(self.bridge.reading().command(ShiftGrowth(scenario_id, points)))
