"""The first page: how big the market is, where it goes per scenario, what needs fixing.

Headline figures and the total chart come from the document's results; the findings come
from validation. With a volume, every card carries the volume (with its CAGR) and the
average price's trend under the value, and the chart follows the window's measure. A
finding that names a cell is a link: activating it asks the main window to open the page
of that cell (`navigate` with the finding's target).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QListWidget, QListWidgetItem, QWidget

from workbench.core.measures import PRICE, measure, measures_of, unit_of
from workbench.core.project import TOTAL
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.charts import ForecastChart
from workbench.gui.deferred import Deferred
from workbench.gui.locale_numbers import amount, percent
from workbench.gui.measure_switch import MeasureSwitch
from workbench.gui.measures import MeasureReading
from workbench.gui.page import Page
from workbench.gui.page_parts import (
    PAGE_MARGIN,
    caption,
    card,
    forecast_cagr,
    forecast_cagr_label,
    heading,
    page_layout,
    total_series,
)
from workbench.gui.pages.findings import Finding, findings_of

CARD_SPACING = 12


class OverviewPage(Page):
    title = "Overview"

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        layout = page_layout(self)
        self._title = heading("")
        self._subtitle = caption("")
        top = QHBoxLayout()
        top.addWidget(self._title, 1)
        top.addWidget(MeasureSwitch(bridge, self))
        self._cards = QGridLayout()
        self._cards.setHorizontalSpacing(CARD_SPACING)
        self._cards.setVerticalSpacing(CARD_SPACING)
        self._card_frames: list[QWidget] = []
        self._columns = 0
        self.chart = ForecastChart()
        self.chart.setMinimumHeight(260)
        self.findings = QListWidget()
        self.findings.setMaximumHeight(180)
        # a finding is a sentence: wrapped in a narrow window, never cut behind a scroll bar
        self.findings.setWordWrap(True)
        self.findings.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings.itemActivated.connect(self._open_finding)
        layout.addLayout(top)
        layout.addWidget(self._subtitle)
        layout.addLayout(self._cards)
        layout.addWidget(self.chart, 1)
        layout.addWidget(heading("Validation", 11))
        layout.addWidget(self.findings)
        self.deferred = Deferred(self, self.redraw)
        self.follow(bridge)
        bridge.measure.chosen.connect(self.deferred.urgent)
        self.redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.deferred.shown()

    def refresh(self, change: Change) -> None:
        self.deferred.request()

    def reload(self) -> None:
        self.deferred.request()

    def exported_chart(self) -> ForecastChart:
        return self.chart

    def redraw(self) -> None:
        """Cards, chart and findings from the document as it is now."""
        document = self.bridge.document
        project = document.project
        meta = project.metadata
        units = [meta.unit, *(f"{measure(m).label.lower()} in {unit_of(project, m)}"
                              for m in measures_of(project)[1:])]
        self._title.setText(meta.title)
        self._subtitle.setText(
            f"{' · '.join(units)} · history {meta.first_year}–{meta.base_year} · "
            f"forecast {meta.base_year + 1}–{meta.last_year}"
        )
        self._fill_cards()
        shown = self.bridge.reading()
        self.chart.show_series(
            meta.years, meta.base_year, total_series(shown), unit=shown.unit,
            title=f"Total market by scenario: {shown.label.lower()}, {shown.unit}")
        self._fill_findings(findings_of(document))

    def headline(self) -> dict[str, tuple[float, float]]:
        """(last-year total, forecast CAGR) by scenario name: what the cards show."""
        document = self.bridge.document
        last = document.project.metadata.last_year
        return {
            s.name: (document.result(s.id).value(TOTAL, last), forecast_cagr(document, s.id))
            for s in document.project.scenarios
        }

    def _fill_cards(self) -> None:
        for card_frame in self._card_frames:
            card_frame.deleteLater()
        document = self.bridge.document
        meta = document.project.metadata
        others = [MeasureReading(document, m) for m in measures_of(document.project)[1:]]
        base = document.project.history.get((TOTAL, meta.base_year), math.nan)
        self._card_frames = [card(
            f"Market size {meta.base_year}", amount(base), meta.unit,
            *(_base_line(r, meta.base_year) for r in others))]
        headline = self.headline()
        for scenario in document.project.scenarios:
            last, rate = headline[scenario.name]
            detail = f"{forecast_cagr_label(document)}: {percent(rate)}"
            lines = [_trend_line(r, scenario.id) for r in others]
            self._card_frames.append(
                card(f"{scenario.name} · {meta.last_year}", amount(last), detail, *lines))
        self._columns = 0
        self._place_cards()

    def _place_cards(self) -> None:
        """Cards side by side as far as they fit at their natural width, then in rows:
        a narrow window wraps them instead of cutting their figures."""
        widest = max((c.sizeHint().width() for c in self._card_frames), default=1)
        fit = max(1, (self.width() - 2 * PAGE_MARGIN + CARD_SPACING)
                  // (widest + CARD_SPACING))
        columns = min(len(self._card_frames), fit)
        if columns == self._columns:
            return
        self._columns = columns
        for index, card_frame in enumerate(self._card_frames):
            self._cards.addWidget(card_frame, index // columns, index % columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_cards()

    def minimumSizeHint(self) -> QSize:
        """As narrow as one card: the cards wrap into rows rather than widen the page."""
        hint = super().minimumSizeHint()
        widest = max((c.sizeHint().width() for c in self._card_frames), default=0)
        return QSize(widest + 2 * PAGE_MARGIN, hint.height())

    def _fill_findings(self, findings: list[Finding]) -> None:
        self.findings.clear()
        if all(f.severity == "info" for f in findings):
            self.findings.addItem("✓ No problems found: history adds up and every input is valid.")
        for finding in findings:
            item = QListWidgetItem(f"{finding.marker}  {finding.message}")
            item.setData(Qt.ItemDataRole.UserRole, finding)
            if finding.target is not None:
                item.setToolTip("Double-click or press Enter to open the page at this cell.")
            self.findings.addItem(item)

    def _open_finding(self, item: QListWidgetItem) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(finding, Finding) and finding.target is not None:
            self.navigate.emit(finding.target)


def _base_line(reading: MeasureReading, year: int) -> str:
    """"Volume 797.00": a measure's total in the base year (its unit is in the subtitle)."""
    first = reading.project.scenarios[0].id
    return f"{_word(reading)} {amount(reading.result(first).value(TOTAL, year))}"


def _trend_line(reading: MeasureReading, scenario_id: str) -> str:
    """"Volume 1,234.00 · 8.0 %": a measure's last-year total and its headline CAGR."""
    last = reading.project.metadata.last_year
    value = reading.result(scenario_id).value(TOTAL, last)
    return f"{_word(reading)} {amount(value)} · {percent(forecast_cagr(reading, scenario_id))}"


def _word(reading: MeasureReading) -> str:
    """The measure's name on a card: "Price" for the average price (four cards share a
    row at 1024 pixels; the subtitle names it in full with its unit)."""
    return "Price" if reading.measure == PRICE else reading.label
