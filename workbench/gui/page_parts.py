"""Small pieces the shell's pages share: headings, card labels, scenario totals."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from workbench.core.derived import cagr_rows
from workbench.core.document import Document
from workbench.core.project import TOTAL
from workbench.gui.charts import ChartSeries
from workbench.gui.measures import MeasureReading

PAGE_MARGIN = 16
SPACING = 12


def heading(text: str, size: int = 15) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"font-size: {size}pt; font-weight: 600; color: #1f2d3d;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #5a6b7d;")
    label.setWordWrap(True)
    return label


def card(title: str, value: str, detail: str = "", *more: str) -> QFrame:
    """A headline figure: small title, big number, a line of detail (and `more` lines:
    the same figure in the other measures)."""
    frame = QFrame()
    frame.setObjectName("card")
    frame.setStyleSheet(
        "QFrame#card { background: #f6f8fb; border: 1px solid #dbe2ea; border-radius: 6px; }"
    )
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 10)
    layout.setSpacing(2)
    for text, style in (
        (title, "color: #5a6b7d; font-size: 9pt;"),
        (value, "color: #1f2d3d; font-size: 17pt; font-weight: 600;"),
        (detail, "color: #5a6b7d; font-size: 9pt;"),
        *((line, "color: #33414f; font-size: 9pt;") for line in more),
    ):
        label = QLabel(text)
        label.setStyleSheet(style)
        label.setObjectName("card-line")
        layout.addWidget(label)
    return frame


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    layout.setSpacing(SPACING)
    return layout


def total_series(reading: Document | MeasureReading) -> list[ChartSeries]:
    """The total market of every scenario (in the measure `reading` reads), one chart
    line each."""
    return [
        ChartSeries(s.name, reading.result(s.id).series_values(TOTAL))
        for s in reading.project.scenarios
    ]


def forecast_cagr_label(document: Document) -> str:
    """"CAGR 2025–2031": the headline CAGR's name, with its years."""
    a, b = document.project.metadata.forecast_cagr_years
    return f"CAGR {a}–{b}"


def forecast_cagr(reading: Document | MeasureReading, scenario_id: str) -> float:
    """The total's headline CAGR (first forecast year → last year) in one scenario, of
    the measure `reading` reads (a document: the value)."""
    meta = reading.project.metadata
    result = reading.result(scenario_id)
    rates = cagr_rows(result, *meta.forecast_cagr_years)
    return float(np.asarray(rates)[result.row[TOTAL]])
