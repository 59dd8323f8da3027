"""How a cell looks: the modelling convention (blue inputs, black formulas) and markers.

One table of colours so the table, its delegate, the marker legend under it and the
screenshots agree.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont

INPUT_TEXT = QColor("#1747a6")
INPUT_FILL = QColor("#eaf1fc")
PINNED_TEXT = QColor("#8a3b00")
PINNED_FILL = QColor("#fff0dc")
PIN_MARK = QColor("#e07b39")
HELD_MARK = QColor("#7b4fc4")
FORECAST_FILL = QColor("#f3f5f8")
GAP_TEXT = QColor("#b42318")
MUTED_TEXT = QColor("#5f6b7a")
FORECAST_HEADER = QColor("#2e5a87")

TEXT_BY_STATE = {"input": INPUT_TEXT, "pinned": PINNED_TEXT}
FILL_BY_STATE = {"input": INPUT_FILL, "pinned": PINNED_FILL}

STATE_WORDS = {
    "input": "Input",
    "computed": "Computed",
    "pinned": "Pinned",
    "blank": "Blank",
}


def brush(colour: QColor) -> QBrush:
    return QBrush(colour)


def font(bold: bool = False, italic: bool = False) -> QFont:
    f = QFont()
    f.setBold(bold)
    f.setItalic(italic)
    return f


LEGEND_HTML = (
    f"<span style='color:{INPUT_TEXT.name()};background:{INPUT_FILL.name()}'>&nbsp;1.00&nbsp;"
    "</span> input &nbsp;&nbsp; 1.00 computed &nbsp;&nbsp; "
    f"<span style='color:{PIN_MARK.name()}'>&#9698;</span> pinned &nbsp;&nbsp; "
    f"<span style='color:{HELD_MARK.name()}'>&#9646;</span> held &nbsp;&nbsp; "
    f"<span style='background:{FORECAST_FILL.name()}'>&nbsp;2025F&nbsp;</span> forecast year"
)
