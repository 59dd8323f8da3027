"""A segment page: the total market, or one dimension, as a table over a forecast chart.

The page wires the pieces together and keeps them current: on every `changed` from the
bridge it refreshes the table's numbers (one dataChanged over the rows that moved) and the
chart, but only when the change touches the scenario on screen (or, on the total page, any
scenario's forecast); structural changes rebuild, and a new document rebuilds everything.
A page that is not on screen redraws its chart when it is shown again, not on every edit:
the total page's chart would otherwise compute every scenario after each keystroke.

A project with a volume shows the measure switch in the header: the table, the chart and
their titles follow the window's choice (value, volume or the derived average price).
"""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.fields import STRUCTURE, Field
from workbench.core.measures import measures_of
from workbench.core.project import TOTAL, Project
from workbench.core.reconcile_words import rate_text
from workbench.core.transaction import Change
from workbench.gui import locale_numbers, page_parts
from workbench.gui.bridge import DocumentBridge
from workbench.gui.charts import MODES, ForecastChart
from workbench.gui.measure_switch import MeasureSwitch
from workbench.gui.page import CellTarget, Page, Target
from workbench.gui.segments import styles
from workbench.gui.segments.chart_feed import segment_series
from workbench.gui.segments.context_menu import CellMenu
from workbench.gui.segments.table_model import SegmentTableModel
from workbench.gui.segments.view import SegmentTableView

_WIDTHS = {"name": 150, "cagr_history": 92, "cagr_forecast": 92,
           "method": 112, "rate": 72, "k": 72, "r": 72}
"""Least widths; a header wider than these widens its column."""
_ROW_HEIGHT = 24
_NAME_MAX = 260
_TABLE_CHROME = 82
"""Pixels of a table box besides its rows: header, frame, scroll bar, marker legend."""
_TABLE_MIN, _CHART_MIN = 150, 220


class SegmentPage(Page):
    """`dimension_id` None is the total market page (with the scenario overlay chart).

    It shows (`inspected`) the `CellTarget` of its current year cell of a series, or None.
    """

    title = "Total market"
    inspects = True

    def __init__(
        self, bridge: DocumentBridge, dimension_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge, self.dimension_id = bridge, dimension_id
        self._chart_stale = False
        project = bridge.document.project
        if dimension_id is not None:
            self.title = project.dimension(dimension_id).name
        self.model = SegmentTableModel(bridge, dimension_id, project.scenarios[0].id)
        self._build()
        self._fill_scenarios()
        self._after_rebuild()
        self.follow(bridge)
        bridge.measure.chosen.connect(self._on_measure)

    # -- the page contract ------------------------------------------------------------------

    @classmethod
    def instances(cls, project: Project) -> list[tuple[str, str]]:
        return [(TOTAL, cls.title), *((d.id, d.name) for d in project.dimensions)]

    @classmethod
    def create(cls, bridge: DocumentBridge, ident: str) -> SegmentPage:
        return cls(bridge, None if ident == TOTAL else ident)

    @classmethod
    def shows(cls, project: Project, target: Target) -> str | None:
        if not isinstance(target, CellTarget):
            return None
        if target.series_id == TOTAL:
            return TOTAL
        return next(
            (d.id for d in project.dimensions if target.series_id in d.member_ids()), None
        )

    @property
    def ident(self) -> str:
        return self.dimension_id or TOTAL

    def dimension(self) -> str | None:
        return self.dimension_id

    def inspection(self) -> CellTarget | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row, column = self.model.row(index.row()), self.model.column(index.column())
        if row.is_series and column.kind == "year":
            return CellTarget(self.scenario_id, row.key, column.year, self.model.measure)
        return None

    def show_target(self, target: Target) -> None:
        """Show `target`'s scenario and put the current cell on its series and year (the
        row's name when the target names no year)."""
        if not isinstance(target, CellTarget):
            return
        if target.measure in measures_of(self.bridge.document.project):
            self.bridge.measure.pick(target.measure)
        if target.scenario_id:
            self.set_scenario(target.scenario_id)
        layout = self.model.layout
        rows = [i for i, r in enumerate(layout.rows) if r.is_series and r.key == target.series_id]
        columns = [i for i, c in enumerate(layout.columns)
                   if c.year == target.year or (target.year is None and c.kind == "name")]
        if rows and columns:
            self.select_cell(rows[0], columns[0])

    def exported_chart(self) -> ForecastChart:
        return self.chart

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = page_parts.page_layout(self)
        layout.addLayout(self._top_bar())
        caption_row = QHBoxLayout()
        caption_row.addWidget(self._caption, 1)
        self.measure_switch = MeasureSwitch(self.bridge, self)
        caption_row.addWidget(self.measure_switch, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(caption_row)
        self.blank_note = QLabel()
        self.blank_note.setWordWrap(True)
        self.blank_note.setStyleSheet(
            "background: #fff4e0; border: 1px solid #f0c36d; border-radius: 4px; padding: 6px;")
        self.blank_note.hide()
        layout.addWidget(self.blank_note)
        self.table = SegmentTableView()
        self.table.setModel(self.model)
        self.table.selectionModel().currentChanged.connect(
            lambda *_: self.inspected.emit(self.inspection()))
        for view in (self.table, self.table.frozen):
            view.customContextMenuRequested.connect(
                lambda position, view=view: self._show_menu(view, position))
        self._marker_legend = legend = QLabel()
        legend.setStyleSheet("color: #5f6b7a; padding: 2px 0;")
        table_box = QWidget()
        box = QVBoxLayout(table_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.table, 1)
        box.addWidget(legend)
        self.chart = ForecastChart()
        splitter = self._splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(table_box)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self._dragged = False
        splitter.splitterMoved.connect(self._on_dragged)
        layout.addWidget(splitter, 1)

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self._heading = page_parts.heading(self.title)
        self._caption = page_parts.caption("")
        bar.addWidget(self._heading, 1)
        self.scenario_box = QComboBox()
        self.scenario_box.setMinimumWidth(120)
        self.scenario_box.currentIndexChanged.connect(self._on_scenario_chosen)
        self.chart_mode = QComboBox()
        for code, label in MODES.items():
            self.chart_mode.addItem(label, code)
        for combo in (self.scenario_box, self.chart_mode):  # long names elide, not widen
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.chart_mode.currentIndexChanged.connect(lambda _i: self._refresh_chart())
        for text, widget in (("Scenario", self.scenario_box), ("Chart", self.chart_mode)):
            label = QLabel(text)
            label.setStyleSheet("color: #5a6b7d;")
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
            if self.dimension_id is None and widget is self.chart_mode:
                label.hide()
                widget.hide()
        return bar

    # -- public API -------------------------------------------------------------------------

    @property
    def scenario_id(self) -> str:
        return self.model.scenario_id

    def set_scenario(self, scenario_id: str) -> None:
        ids = [s.id for s in self.bridge.document.project.scenarios]
        self.scenario_box.setCurrentIndex(ids.index(scenario_id))

    def set_chart_mode(self, mode: str) -> None:
        """Draw the chart as `mode` (a key of `charts.MODES`)."""
        self.chart_mode.setCurrentIndex(self.chart_mode.findData(mode))

    def context_menu(self, index: QModelIndex) -> QMenu:
        """The right-click menu of a cell (tests trigger its actions directly)."""
        return CellMenu(self.model, index, self).build()

    def select_cell(self, row: int, column: int) -> None:
        """Make (row, column) the current cell and bring it into view, now and once the
        page has its final size (a page built for a jump is laid out a moment later)."""
        index = self.model.index(row, column)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        QTimer.singleShot(0, self.table, lambda: self.table.scrollTo(self.table.currentIndex()))

    # -- reacting ---------------------------------------------------------------------------

    def refresh(self, change: Change) -> None:
        if change.touches_any(STRUCTURE):
            self._rebuild()
            return
        reading = self.model.reading
        if not reading.concerns(change):  # the other measure's inputs alone
            return
        if change.touches(reading.field(Field.HISTORY)):
            self._explain_blanks()
        mine = change.scenarios is None or self.scenario_id in change.scenarios
        if mine or change.touches(reading.field(Field.HOLDS)):
            # Off screen, the table only forgets its numbers (no forecast is read to
            # compare rows); on screen it announces just the rows that moved.
            self.model.refresh_values(change if self._on_screen() else None)
        if mine or (self.dimension_id is None and change.scenarios):
            self._refresh_chart()

    def reload(self) -> None:
        self._rebuild()

    def _on_measure(self, _measure: str) -> None:
        """The window switched measures: the table and chart show the new one."""
        if self.model.measure != self.bridge.shown_measure:
            self._rebuild()
            self.inspected.emit(self.inspection())

    def _rebuild(self) -> None:
        project = self.bridge.document.project
        if self.dimension_id is not None and self.dimension_id not in {
            d.id for d in project.dimensions
        }:
            return  # the shell removes the page of a removed dimension
        self._fill_scenarios()
        self.model.rebuild()
        self._after_rebuild()

    def _after_rebuild(self) -> None:
        project = self.bridge.document.project
        meta = project.metadata
        reading = self.model.reading
        if self.dimension_id is not None:
            self.title = project.dimension(self.dimension_id).name
        self._heading.setText(self.title)
        self._marker_legend.setText(styles.legend_html(f"{meta.base_year + 1}F"))
        self._marker_legend.setVisible(reading.typed)
        self.chart_mode.setEnabled(reading.typed)
        self._caption.setText(
            f"<b>{reading.label}</b>, {escape(reading.unit)} · "
            f"history {meta.first_year}–{meta.base_year} · "
            f"forecast {meta.base_year + 1}–{meta.last_year} · "
            f"{'top-down' if project.mode == 'top_down' else 'bottom-up'}"
        )
        self._size_columns()
        self._refresh_chart()
        self._explain_blanks()

    def _explain_blanks(self) -> None:
        """Say why a dimension's forecast is blank: segments without a base-year value
        (the forecast of every segment depends on all of them)."""
        reading = self.model.reading
        project = reading.project
        base = project.metadata.base_year
        shows_members = self.dimension_id is not None and reading.typed
        members = project.dimension(self.dimension_id).members if shows_members else ()
        missing = [m.name for m in members if (m.id, base) not in project.history]
        self.blank_note.setVisible(bool(missing))
        if missing:
            names = ", ".join(missing)
            measure = "" if reading.measure == "value" else f" ({reading.label.lower()})"
            self.blank_note.setText(
                f"The forecast of {self.title}{measure} is blank: {names} "
                f"{'has' if len(missing) == 1 else 'have'} no {base} value, and every "
                f"segment's forecast depends on all of them. Type the {base} value in the "
                f"table to fill it in.")

    def _size_columns(self) -> None:
        """Fixed widths (no measuring of every cell): the year columns fit the largest
        value, the name column the longest row label (within limits), the others their
        header's longest line."""
        values = self.model.result.values
        largest = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 0.0
        metrics = self.table.fontMetrics()
        year_width = max(54, metrics.horizontalAdvance(locale_numbers.amount(largest)) + 16)
        longest = max((metrics.horizontalAdvance(r.label) for r in self.model.layout.rows),
                      default=0)
        header_font = QFont(self.table.horizontalHeader().font())
        header_font.setBold(True)  # as the header's style sheet draws it
        bold = QFontMetrics(header_font)
        for i, column in enumerate(self.model.layout.columns):
            header = max(bold.horizontalAdvance(line) for line in column.label.split("\n"))
            width = max(_WIDTHS.get(column.kind, year_width), header + 22)
            if column.kind == "name":
                width = min(max(longest + 28, width), _NAME_MAX)
            elif column.kind == "rate" and self.model.bends_a_rate():
                notice = rate_text(-0.888, 0.888, locale_numbers.percent)
                width = max(width, metrics.horizontalAdvance(notice) + 16)
            self.table.setColumnWidth(i, width)
        self.table.frozen.show_first_column_only()
        self._split()

    def _split(self) -> None:
        """Give the table the height of its rows (within limits), the chart the rest,
        until the analyst drags the splitter."""
        if self._dragged:
            return
        table = self.model.rowCount() * _ROW_HEIGHT + _TABLE_CHROME
        height = self._splitter.height()
        table = min(table, max(_TABLE_MIN, height - _CHART_MIN), int(height * 0.62))
        self._splitter.setSizes([max(table, _TABLE_MIN), max(height - table, _CHART_MIN)])

    def _on_dragged(self, _position: int, _index: int) -> None:
        self._dragged = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._split()

    def _fill_scenarios(self) -> None:
        scenarios = self.bridge.document.project.scenarios
        ids = [s.id for s in scenarios]
        current = self.model.scenario_id if self.model.scenario_id in ids else ids[0]
        self.scenario_box.blockSignals(True)
        self.scenario_box.clear()
        for s in scenarios:
            self.scenario_box.addItem(s.name, s.id)
        self.scenario_box.setCurrentIndex(ids.index(current))
        self.scenario_box.blockSignals(False)
        self.model.scenario_id = current

    def _on_scenario_chosen(self, index: int) -> None:
        if index < 0:
            return
        self.model.set_scenario(self.scenario_box.itemData(index))
        self._refresh_chart()
        self.inspected.emit(self.inspection())

    def _on_screen(self) -> bool:
        """Whether the page is shown, or would be with its window (a hidden page of the
        window's stack is not)."""
        return self.chart.isVisibleTo(self.window())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._chart_stale:
            self._refresh_chart()

    def _refresh_chart(self) -> None:
        """Redraw the chart now if it can be seen, else when the page is shown."""
        self._chart_stale = not self._on_screen()
        if self._chart_stale:
            return
        reading = self.model.reading
        meta, unit, measure = reading.project.metadata, reading.unit, reading.label.lower()
        if self.dimension_id is None:
            series = page_parts.total_series(reading)
            mode, title = "lines", f"Total market by scenario: {measure}, {unit}"
        else:
            series = segment_series(reading.project, self.model.result, self.dimension_id,
                                    self.scenario_id, reading.typed)
            mode = self.chart_mode.currentData() if reading.typed else "lines"
            scenario = reading.project.scenario(self.scenario_id).name
            if mode == "share":
                measure = f"share of the market's {measure}"
            title = f"{self.title}: {measure}, {unit} · {scenario} scenario"
        self.chart.show_series(meta.years, meta.base_year, series, unit=unit,
                               mode=mode, title=title)

    def _show_menu(self, view: QTableView, position: QPoint) -> None:
        index = view.indexAt(position)
        if index.isValid():
            self.context_menu(index).exec(view.viewport().mapToGlobal(position))
