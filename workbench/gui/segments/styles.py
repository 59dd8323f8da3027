"""How a cell looks: the modelling convention (blue inputs, black formulas) and markers.

One table of colours so the table's cells (`cells.py`), the marker key under it and the
screenshots agree.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPixmap, QPolygonF

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

STATE_WORDS = {
    "input": "Input",
    "computed": "Computed",
    "pinned": "Pinned",
    "blank": "Blank",
}


@cache
def marker(pinned: bool, held: bool) -> QPixmap:
    """The small shape before a cell's number: a bar for held, a triangle for pinned.

    Colour alone does not tell a pinned or held cell (colour-blind readers, printed
    screenshots), so each also has a shape.
    """
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    if held:
        painter.setBrush(HELD_MARK)
        painter.drawRect(0, 0, 3, 12)
    if pinned:
        painter.setBrush(PIN_MARK)
        painter.drawPolygon(QPolygonF([QPointF(5, 1), QPointF(12, 6), QPointF(5, 11)]))
    painter.end()
    return pixmap


@cache
def brush(colour: str) -> QBrush:
    """One shared brush per colour (cells ask for them thousands of times a repaint)."""
    return QBrush(QColor(colour))


@cache
def font(bold: bool = False, italic: bool = False) -> QFont:
    f = QFont()
    f.setBold(bold)
    f.setItalic(italic)
    return f


def legend_html(forecast_label: str) -> str:
    """The key under the table: what input, computed, pinned, held and forecast look like."""
    return (
        f"<span style='color:{INPUT_TEXT.name()};background:{INPUT_FILL.name()}'>"
        "&nbsp;1.00&nbsp;</span> input &nbsp;&nbsp; 1.00 computed &nbsp;&nbsp; "
        f"<span style='color:{PIN_MARK.name()}'>&#9654;</span> pinned &nbsp;&nbsp; "
        f"<span style='color:{HELD_MARK.name()}'>&#9646;</span> held &nbsp;&nbsp; "
        f"<span style='background:{FORECAST_FILL.name()}'>&nbsp;{forecast_label}&nbsp;</span>"
        " forecast year"
    )
