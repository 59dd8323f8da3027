"""Stacked columns, in values or as shares of each year's total (100 % columns).

One bar item per series, each year's column built from the series in order, bottom up.
Forecast columns are drawn lighter than history ones, as the lines are dashed, so the
convention an analyst learns on the line chart holds here too.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

COLUMN_WIDTH = 0.72
"""Of one year: the gap between columns is the rest."""
_FORECAST_ALPHA = 150


def stacked(values: list[np.ndarray], share: bool) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(bottoms, heights) of each series' part of every column; blanks count as zero. As
    shares, each year's column adds up to 100."""
    heights = [np.nan_to_num(np.asarray(v, dtype=float)) for v in values]
    if share and heights:
        totals = np.sum(heights, axis=0)
        scale = np.divide(100.0, totals, out=np.zeros_like(totals), where=totals != 0)
        heights = [h * scale for h in heights]
    bottoms, running = [], np.zeros(len(heights[0]) if heights else 0)
    for height in heights:
        bottoms.append(running.copy())
        running = running + height
    return bottoms, heights


class ColumnStack:
    """The bar items of a stacked column chart on `plot`, one per series."""

    def __init__(self, plot: pg.PlotItem, colours: list[str]) -> None:
        self.plot, self.colours = plot, colours
        self.bars = [pg.BarGraphItem(x=[], height=[], width=COLUMN_WIDTH) for _ in colours]
        for bar in self.bars:
            plot.addItem(bar)
        self.tops = np.array([])

    def draw(self, years: np.ndarray, base_year: int, values: list[np.ndarray],
             share: bool) -> None:
        bottoms, heights = stacked(values, share)
        forecast = years > base_year
        for bar, colour, bottom, height in zip(self.bars, self.colours, bottoms, heights,
                                               strict=True):
            light = QColor(colour)
            light.setAlpha(_FORECAST_ALPHA)
            brushes = [pg.mkBrush(light if f else QColor(colour)) for f in forecast]
            bar.setOpts(x=years, y0=bottom, height=height, width=COLUMN_WIDTH,
                        brushes=brushes, pen=pg.mkPen("w", width=0.5))
        self.tops = bottoms[-1] + heights[-1] if heights else np.array([])

    def items(self) -> list[pg.BarGraphItem]:
        return list(self.bars)

    def remove(self) -> None:
        for bar in self.bars:
            self.plot.removeItem(bar)
