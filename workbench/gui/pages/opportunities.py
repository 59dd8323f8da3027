"""Opportunities: the report's growth-opportunity map, live with the model.

Per dimension, each segment sits at x = forecast CAGR, y = what it adds from the base
year to the last year, with a bubble whose area is its share of the last year; the
largest opportunities are named under the map. The figures come from
`workbench.report.opportunities`, the same code the report's chapter uses, so the page
and the printed map always agree. Scenario and dimension are chosen on the page, the
measure in its header (the window's choice): the map by value or by volume. An average
price has no map (prices do not add up across segments, so no segment "adds" price or
holds a share of it): the page says so in one sentence instead of drawing one.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from workbench.core.errors import ModelError
from workbench.core.measures import VALUE
from workbench.core.project import Dimension
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.charts.series import PALETTE
from workbench.gui.deferred import Deferred
from workbench.gui.measure_switch import MeasureSwitch
from workbench.gui.page import Page
from workbench.gui.page_parts import caption, heading, page_layout
from workbench.report.figures import Figures, amount, percent, period_label
from workbench.report.opportunities import Opportunity, added_label, in_words, opportunities

NAMED = 10
"""The largest opportunities get a label on the map (all are in the table)."""
MAX_BUBBLE = 70.0
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class OpportunitiesPage(Page):
    title = "Opportunities"

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.scenario_box, self.dimension_box = QComboBox(), QComboBox()
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumHeight(280)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.getViewBox().setDefaultPadding(0.18)  # room for the bubbles and labels
        self.scatter = pg.ScatterPlotItem(pxMode=True)
        self.plot.addItem(self.scatter)
        self.labels: list[pg.TextItem] = []
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary = caption("")
        self.summary.setObjectName("opportunities-summary")
        self.measure_switch = MeasureSwitch(bridge, self)
        self.controls = self._controls()
        layout = page_layout(self)
        top = QHBoxLayout()
        top.addWidget(heading("Growth opportunities"), 1)
        top.addWidget(self.measure_switch, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.explanation = caption("")
        layout.addWidget(self.explanation)
        layout.addWidget(self.controls)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        self.filler = QWidget()  # keeps the price's sentence at the top, under the heading
        layout.addWidget(self.filler, 1)
        self.points: list[Opportunity] = []
        self.deferred = Deferred(self, self.redraw)
        self._fill_choices()
        self.scenario_box.currentIndexChanged.connect(lambda _i: self.redraw())
        self.dimension_box.currentIndexChanged.connect(lambda _i: self.redraw())
        self.follow(bridge)
        bridge.measure.chosen.connect(self.deferred.urgent)
        self.redraw()

    def _controls(self) -> QWidget:
        controls = QWidget()
        row = QHBoxLayout(controls)
        row.setContentsMargins(0, 0, 0, 0)
        for text, box in (("Scenario", self.scenario_box), ("Dimension", self.dimension_box)):
            label = QLabel(text)
            label.setBuddy(box)
            box.setMinimumWidth(160)
            row.addWidget(label)
            row.addWidget(box)
            row.addSpacing(12)
        row.addStretch(1)
        return controls

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.deferred.shown()

    # -- following the document -------------------------------------------------------------

    def refresh(self, change: Change) -> None:
        if change.touches("scenarios", "dimensions"):
            self._fill_choices()
        self.deferred.request()

    def reload(self) -> None:
        self._fill_choices()
        self.redraw()

    def _fill_choices(self) -> None:
        """Scenario and dimension lists, keeping the current choices where they remain."""
        project = self.bridge.document.project
        for box, items in (
            (self.scenario_box, [(s.id, s.name) for s in project.scenarios]),
            (self.dimension_box, [(d.id, d.name) for d in project.dimensions if d.members]),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            for ident, name in items:
                box.addItem(name, ident)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    # -- the map ------------------------------------------------------------------------------

    def set_scenario(self, scenario_id: str) -> None:
        self.scenario_box.setCurrentIndex(max(0, self.scenario_box.findData(scenario_id)))

    def current_dimension(self) -> Dimension | None:
        ident = self.dimension_box.currentData()
        project = self.bridge.document.project
        return next((d for d in project.dimensions if d.id == ident), None)

    @property
    def measure(self) -> str:
        """The measure the map is drawn in: the window's choice, as the project has it."""
        return self.bridge.shown_measure

    def redraw(self) -> None:
        scenario_id, dim = self.scenario_box.currentData(), self.current_dimension()
        if scenario_id is None or dim is None:
            self._show_map(True)
            self._show([], None, None)
            return
        figures = Figures(self.bridge.document, scenario_id, self.measure)
        try:
            points = opportunities(figures, dim)
        except ModelError as refusal:  # the average price: the report's sentence, no map
            self._show_map(False)
            self.explanation.setText(str(refusal))
            self.points = []
            return
        self._show_map(True)
        self._show(points, figures, dim)

    def _show_map(self, shown: bool) -> None:
        for part in (self.controls, self.plot, self.summary, self.table):
            part.setVisible(shown)
        self.filler.setVisible(not shown)

    def _show(self, points: list[Opportunity], figures: Figures | None, dim) -> None:
        self.points = points
        for label in self.labels:
            self.plot.removeItem(label)
        self.labels = []
        drawable = [p for p in points if math.isfinite(p.cagr) and math.isfinite(p.value_added)]
        self.scatter.setData(
            x=[p.cagr * 100 for p in drawable], y=[p.value_added for p in drawable],
            size=_sizes(drawable), brush=pg.mkBrush(PALETTE[0] + "73"),
            pen=pg.mkPen(PALETTE[0]), data=[p.name for p in drawable],
        )
        middle = float(np.median([p.cagr for p in drawable])) if drawable else 0.0
        for p in drawable[:NAMED]:
            # labels of the right-hand bubbles hang to their left, so none leaves the plot
            anchor = (1, 1) if p.cagr > middle and len(drawable) > 1 else (0, 1)
            label = pg.TextItem(p.name, color="#1f2d3d", anchor=anchor)
            label.setPos(p.cagr * 100, p.value_added)
            self.plot.addItem(label)
            self.labels.append(label)
        self._fill_table(points)
        if figures is None or dim is None:
            self.explanation.setText("The project has no segments to map yet.")
            self.summary.setText("")
            return
        self._label_axes(figures)
        self.summary.setText(in_words(figures, dim))

    def _label_axes(self, f: Figures) -> None:
        meta = f.meta
        added = f"{added_label(f)} {meta.base_year}–{meta.last_year}"
        of, market = ("", "the market") if f.measure == VALUE else (
            f" of {f.label}", f"the market's {f.label}")
        self.plot.setLabel("bottom", f"Forecast CAGR{of} {period_label(f.forecast_period)} (%)")
        self.plot.setLabel("left", f"{added}<br>({f.unit})")  # two lines: a long unit fits
        self.explanation.setText(
            f"Each bubble is a segment: across, its forecast CAGR{of}; up, the {f.label} it "
            f"adds from {meta.base_year} to {meta.last_year} ({f.unit}); its area, its share "
            f"of {market} in {meta.last_year}. {f.scenario_name} scenario."
        )
        meta_head = ("Segment", f"CAGR {period_label(f.forecast_period)}", added,
                     f"Share {meta.last_year}")
        self.table.setHorizontalHeaderLabels(meta_head)

    def _fill_table(self, points: list[Opportunity]) -> None:
        self.table.setRowCount(len(points))
        for row, p in enumerate(points):
            cells = (p.name, percent(p.cagr), amount(p.value_added), percent(p.share_last))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)


def _sizes(points: list[Opportunity]) -> list[float]:
    """Bubble diameters whose areas follow the last-year shares (the largest MAX_BUBBLE px)."""
    shares = np.nan_to_num(np.array([p.share_last for p in points], dtype=float))
    if not len(shares) or shares.max() <= 0:
        return [10.0] * len(points)
    return list(8.0 + MAX_BUBBLE * np.sqrt(shares / shares.max()))
