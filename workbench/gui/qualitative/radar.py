"""A small radar chart of the five forces: one axis per force, rings at ratings 1–5."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics

from workbench.gui.qualitative.heatmap import PALETTE

_GRID = "#c8ced6"
_TEXT = "#333333"
_LABEL_RADIUS = 5.6
"""Where a force's name sits, in rating units (the outer ring is 5)."""
_MARGIN = 8


def spoke(i: int, count: int, radius: float) -> tuple[float, float]:
    """Axis i of `count`, starting at the top and going clockwise."""
    angle = math.pi / 2 - 2 * math.pi * i / count
    return radius * math.cos(angle), radius * math.sin(angle)


class RadarChart(pg.PlotWidget):
    labels: tuple[str, ...] = ()
    """The forces' names as shown (none until `show_ratings`; resizes come before)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background="w")
        self.setMinimumSize(300, 240)
        plot = self.getPlotItem()
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        self.setAspectLocked(True)
        self.ratings: list[int] = []

    def show_ratings(self, labels: Sequence[str], ratings: Sequence[int]) -> None:
        self.ratings, self.labels = list(ratings), tuple(labels)
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
            lx, ly = spoke(i, count, _LABEL_RADIUS)
            anchor = (0.5 - 0.5 * (lx > 0.5) + 0.5 * (lx < -0.5), 0.5 + 0.5 * (ly < 0))
            text = pg.TextItem(label.replace(" ", "\n"), color=_TEXT, anchor=anchor)
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
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.labels:
            self._fit()

    def _fit(self) -> None:
        """As large as the widget allows with every label whole: the rings' radius in
        pixels leaves room for the longest label beside the side spokes and one line
        of text above and below."""
        metrics = QFontMetrics(self.font())
        words = [w for label in self.labels for w in label.split()]  # a word a line
        side = max((metrics.horizontalAdvance(w) for w in words), default=0) + _MARGIN
        lines = max((len(label.split()) for label in self.labels), default=1)
        above = lines * metrics.height() + _MARGIN
        width, height = max(self.width(), 1), max(self.height(), 1)
        unit = max(min((width - 2 * side) / (2 * _LABEL_RADIUS),
                       (height - 2 * above) / (2 * _LABEL_RADIUS)), 1.0)
        half_w, half_h = width / (2 * unit), height / (2 * unit)
        self.getPlotItem().setRange(xRange=(-half_w, half_w), yRange=(-half_h, half_h),
                                    padding=0)
