"""A small radar chart of the five forces: one axis per force, rings at ratings 1–5."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg

from workbench.gui.qualitative.heatmap import PALETTE

_GRID = "#c8ced6"
_TEXT = "#333333"


def spoke(i: int, count: int, radius: float) -> tuple[float, float]:
    """Axis i of `count`, starting at the top and going clockwise."""
    angle = math.pi / 2 - 2 * math.pi * i / count
    return radius * math.cos(angle), radius * math.sin(angle)


class RadarChart(pg.PlotWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent, background="w")
        self.setMinimumSize(260, 260)
        plot = self.getPlotItem()
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        self.setAspectLocked(True)
        self.ratings: list[int] = []

    def show_ratings(self, labels: Sequence[str], ratings: Sequence[int]) -> None:
        self.ratings = list(ratings)
        plot = self.getPlotItem()
        plot.clear()
        count = len(labels)
        if not count:
            return
        for ring in range(1, 6):
            xs, ys = zip(*(spoke(i % count, count, ring) for i in range(count + 1)), strict=True)
            plot.plot(xs, ys, pen=pg.mkPen(_GRID, width=1))
        for i, label in enumerate(labels):
            x, y = spoke(i, count, 5)
            plot.plot([0, x], [0, y], pen=pg.mkPen(_GRID, width=1))
            lx, ly = spoke(i, count, 6.1)
            anchor = (0.5 - 0.5 * (lx > 0.5) + 0.5 * (lx < -0.5), 0.5 + 0.5 * (ly < 0))
            text = pg.TextItem(label, color=_TEXT, anchor=anchor)
            text.setPos(lx, ly)
            plot.addItem(text)
        points = [spoke(i % count, count, ratings[i % count]) for i in range(count + 1)]
        xs, ys = zip(*points, strict=True)
        fill = pg.mkBrush(PALETTE[3] + "60")
        plot.plot(xs, ys, pen=pg.mkPen(PALETTE[4], width=2),
                  symbol="o", symbolSize=7, symbolBrush=PALETTE[4], symbolPen=None)
        polygon = pg.QtWidgets.QGraphicsPolygonItem(
            pg.QtGui.QPolygonF([pg.QtCore.QPointF(x, y) for x, y in points]))
        polygon.setBrush(fill)
        polygon.setPen(pg.mkPen(None))
        plot.addItem(polygon)
        # Wide enough for the longest label beside the side spokes ("Supplier power").
        plot.setRange(xRange=(-15, 15), yRange=(-7, 7.4), padding=0)
