"""The forecast chart: history solid, forecast dashed, the forecast years shaded.

It draws lines, stacked areas, stacked columns or 100 % columns (`MODES`), marks pinned
forecast values, names what it shows in a title, and can be copied or saved (right-click).

Every page that plots values by year (segments, the total across scenarios, company
shares) uses this one widget, so the convention an analyst learns on one page holds on all
of them. The legend sits to the right of the plot, never over the lines or bands.

Redrawing after an edit must be cheap on a large project: the plot items are reused
(`setData`, and only for series whose values changed) when the shape of the chart is
unchanged, and the value axis runs to a round number above the largest value, so a small
edit moves no axis and Qt repaints only the plot area.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPainter, QTextDocument
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QLabel, QMenu, QVBoxLayout, QWidget

from workbench.gui import dialogs
from workbench.gui.charts.columns import ColumnStack
from workbench.gui.charts.readout import readout_html
from workbench.gui.charts.series import COLUMN_MODES, ChartSeries, colour_of

_AXIS = "#4A4A4A"
_REGION = (46, 90, 135, 22)
_MAX_TICKS = 16
_TICK_GAP = 14
"""Pixels between two year labels, at the least."""
_LEGEND_GAP = 10
"""Pixels between the plot's right edge and the legend, and around the legend."""
_TITLE_ROW = 30
"""Pixels pyqtgraph gives the title's row; a title of three lines gets what it needs."""
_TITLE_BREAKS = ((" · ", ""), (": ", ":"), (", ", ","))
"""Where a long title is broken, in turn (the text before the break keeps `kept`)."""
_NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0)


class _Curve:
    """The plot items of one series: the history line, the forecast line, a stacked fill.

    Plain curve items (not pyqtgraph's PlotDataItem, which adds symbols, down-sampling
    and a second item per line): redrawing twenty lines after each edit stays cheap.
    """

    def __init__(self, plot: pg.PlotItem, colour: str) -> None:
        self.history = pg.PlotCurveItem(pen=pg.mkPen(colour, width=2), connect="finite")
        dashed = pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine)
        dashed.setDashPattern([3.0, 2.5])
        self.forecast = pg.PlotCurveItem(pen=dashed, connect="finite")
        self.pins = pg.ScatterPlotItem(symbol="d", size=10, brush=pg.mkBrush("w"),
                                       pen=pg.mkPen(colour, width=2))
        plot.addItem(self.history)
        plot.addItem(self.forecast)
        plot.addItem(self.pins)
        self.edge: pg.PlotCurveItem | None = None
        self.fill: pg.FillBetweenItem | None = None
        self.shown: np.ndarray | None = None
        """The values last drawn, so unchanged series are not drawn again."""

    def stack_on(self, plot: pg.PlotItem, below: pg.PlotCurveItem, colour: str) -> None:
        """A band from `below` up to this series' full-range edge (never drawn itself)."""
        self.edge = pg.PlotCurveItem()
        brush = QColor(colour)
        brush.setAlpha(110)
        self.fill = pg.FillBetweenItem(below, self.edge, brush=pg.mkBrush(brush))
        self.fill.setZValue(-5)
        plot.addItem(self.fill)

    def items(self) -> list:
        return [self.history, self.forecast, self.pins] + ([self.fill] if self.fill else [])


class ForecastChart(QWidget):
    """Lines (or a stacked area) by year with a hover read-out of year and values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._years = np.array([], dtype=float)
        self._base_year = 0
        self._series: list[ChartSeries] = []
        self._mode = "lines"
        self._unit = ""
        self._title = ""
        self._columns: ColumnStack | None = None
        self._curves: list[_Curve] = []
        self._frame: tuple | None = None
        self._title_fit: tuple | None = None
        self._zero = pg.PlotCurveItem()
        self._labelled: list[int] = []
        self._build()

    def _build(self) -> None:
        self._readout = QLabel(" ")
        self._readout.setTextFormat(Qt.TextFormat.RichText)
        self._readout.setStyleSheet("color: #333; padding: 2px 6px;")
        self._view = pg.PlotWidget(background="w")
        self._view.setMinimumHeight(160)
        plot = self._plot = self._view.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=False, y=True, alpha=0.15)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(_AXIS))
            axis.setTextPen(pg.mkPen(_AXIS))
            axis.enableAutoSIPrefix(False)
            # The y axis draws the grid across the plot, so every curve update repaints
            # it; a cached pixmap makes that a copy instead of redrawing each label.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._legend = pg.LegendItem(
            labelTextColor=_AXIS, brush=(255, 255, 255, 235), pen=pg.mkPen("#d5dbe3")
        )
        self._legend.setParentItem(plot)
        self._region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(*_REGION))
        for line in self._region.lines:
            line.setPen(pg.mkPen(None))
        self._region.setZValue(-10)
        self._cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#999", width=1))
        self._cursor.hide()
        plot.addItem(self._cursor, ignoreBounds=True)
        self._view.scene().sigMouseMoved.connect(self._hover)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._view.customContextMenuRequested.connect(self._show_menu)
        plot.vb.sigResized.connect(self._update_year_ticks)
        # The labels are spaced to fit (`_update_year_ticks`); the first and last year
        # must show even where their text reaches past the plot's edge.
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._readout)
        layout.addWidget(self._view, 1)

    # -- public API -----------------------------------------------------------------------

    def show_series(
        self,
        years: Sequence[int],
        base_year: int,
        series: list[ChartSeries],
        stacked: bool = False,
        unit: str = "",
        mode: str | None = None,
        title: str = "",
    ) -> None:
        """Draw `series` over `years`; years after `base_year` are the forecast. `mode` is
        one of `MODES` (`stacked` alone asks for a stacked area); `title` names what is
        shown (measure, unit, scenario)."""
        mode = mode or ("area" if stacked else "lines")
        years_arr = np.asarray(list(years), dtype=float)
        reuse = (
            mode == self._mode
            and [s.name for s in series] == [s.name for s in self._series]
            and [s.color for s in series] == [s.color for s in self._series]
            and np.array_equal(years_arr, self._years)
        )
        self._years, self._base_year, self._mode = years_arr, base_year, mode
        self._series, self._unit, self._title = list(series), unit, title
        if not reuse:
            self._rebuild()
        self._update_data()
        self._update_axes()

    @property
    def series(self) -> list[ChartSeries]:
        """What the chart currently shows, in drawing order."""
        return list(self._series)

    @property
    def stacked(self) -> bool:
        return self._mode == "area"

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def title(self) -> str:
        return self._title

    def column_tops(self) -> list[float]:
        """The height of each year's column (columns modes; for inspection)."""
        return [] if self._columns is None else self._columns.tops.tolist()

    def pinned_points(self) -> list[tuple[str, list[tuple[float, float]]]]:
        """(series name, [(year, value)]) of the pin markers drawn, per series."""
        return [(s.name, [(float(x), float(y)) for x, y in zip(*c.pins.getData(), strict=True)])
                for s, c in zip(self._series, self._curves, strict=True)]

    def copy_to_clipboard(self) -> None:
        """The chart as an image on the clipboard (pastes into Word, PowerPoint, Excel)."""
        QGuiApplication.clipboard().setImage(self._view.grab().toImage())

    def plot_widget(self) -> pg.PlotWidget:
        """The pyqtgraph view that draws the chart (its viewport is where it paints)."""
        return self._view

    def legend(self) -> pg.LegendItem:
        """The legend (right of the plot), for inspection."""
        return self._legend

    def plot_items(self) -> list[tuple[pg.PlotCurveItem, pg.PlotCurveItem]]:
        """(history line, forecast line) per series, for inspection and styling tests."""
        return [(c.history, c.forecast) for c in self._curves]

    @property
    def years(self) -> list[int]:
        return [int(y) for y in self._years]

    def year_labels(self) -> list[int]:
        """The years the x axis labels (as many as fit; always the first and last)."""
        return list(self._labelled)

    def readout_at(self, year: int) -> str:
        """The hover read-out for `year` as plain text (what the label shows)."""
        doc = QTextDocument()
        doc.setHtml(self._readout_for(year))
        return doc.toPlainText()

    def export_png(self, path: str | Path, width: int = 1600) -> None:
        """Write the chart as a PNG image `width` pixels wide."""
        exporter = exporters.ImageExporter(self._plot)
        exporter.parameters()["width"] = int(width)
        exporter.export(str(path))

    def export_svg(self, path: str | Path) -> None:
        """Write the chart as an SVG drawing (vector; for reports).

        Qt's own SVG generator renders the scene: pyqtgraph's SVGExporter cannot parse the
        path syntax of current Qt releases.
        """
        rect = self._view.sceneRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(", ".join(s.name for s in self._series))
        painter = QPainter(generator)
        try:
            self._view.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        finally:
            painter.end()

    # -- drawing --------------------------------------------------------------------------

    def _rebuild(self) -> None:
        for curve in self._curves:
            for item in curve.items():
                self._plot.removeItem(item)
        if self._columns is not None:
            self._columns.remove()
            self._columns = None
        self._legend.clear()
        self._curves = []
        if self._region.scene() is None:
            self._plot.addItem(self._region, ignoreBounds=True)
        colours = [colour_of(s, index) for index, s in enumerate(self._series)]
        if self._mode in COLUMN_MODES:
            self._columns = ColumnStack(self._plot, colours)
            for s, colour in zip(self._series, colours, strict=True):
                self._legend.addItem(pg.PlotCurveItem(pen=pg.mkPen(colour, width=8)), s.name)
        else:
            for index, (s, colour) in enumerate(zip(self._series, colours, strict=True)):
                curve = _Curve(self._plot, colour)
                if self._mode == "area":
                    curve.stack_on(self._plot, self._floor(), colour)
                else:  # the first series on top: a copied scenario never hides Base
                    for item in (curve.history, curve.forecast, curve.pins):
                        item.setZValue(len(self._series) - index)
                self._legend.addItem(curve.history, s.name)
                self._curves.append(curve)
        self._place_legend()

    def _place_legend(self) -> None:
        """The legend in a margin right of the plot, its top aligned with the plot's."""
        self._legend.setColumnCount(2 if len(self._series) > 12 else 1)
        self._legend.updateSize()
        width = self._legend.boundingRect().width() if self._series else 0.0
        self._legend.setVisible(bool(self._series))
        self._plot.setContentsMargins(0, 0, width + 2 * _LEGEND_GAP if width else 0, 0)
        self._legend.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-_LEGEND_GAP // 2, 4))

    def _floor(self) -> pg.PlotCurveItem:
        """The line the next band sits on: the previous series' edge, or zero."""
        return self._curves[-1].edge if self._curves else self._zero

    def _update_data(self) -> None:
        if self._columns is not None:
            values = [np.array([np.nan if v is None else v for v in s.values], dtype=float)
                      for s in self._series]
            self._columns.draw(self._years, self._base_year, values, self._mode == "share")
            return
        years = self._years
        split = int(np.searchsorted(years, self._base_year, side="right"))
        head = slice(0, split)
        tail = slice(max(split - 1, 0), len(years))
        running = np.zeros(len(years))
        for curve, s in zip(self._curves, self._series, strict=True):
            values = np.array([np.nan if v is None else v for v in s.values], dtype=float)
            if self._mode == "area":
                running = running + np.nan_to_num(values)
                values = running.copy()
            if curve.shown is not None and np.array_equal(curve.shown, values, equal_nan=True):
                continue
            curve.shown = values
            curve.history.setData(years[head], values[head])
            curve.forecast.setData(years[tail], values[tail])
            pinned = np.isin(years, s.pins)
            curve.pins.setData(years[pinned], values[pinned])
            if curve.edge is not None:
                curve.edge.setData(years, values)
        if self._mode == "area":
            self._zero.setData(years, np.zeros(len(years)))

    def _update_axes(self) -> None:
        """Years, forecast region, value range, unit and title; untouched when all are as
        they were (setting any of them redraws the axes)."""
        years = self._years
        unit = "% of the total" if self._mode == "share" else self._unit
        frame = (tuple(years), self._base_year, self._value_range(), unit)
        if frame != self._frame:
            self._frame = frame
            if len(years):
                self._region.setRegion((self._base_year, years[-1]))
                self._region.setVisible(bool(self._base_year < years[-1]))
                self._update_year_ticks()
                self._plot.setXRange(years[0] - 0.5, years[-1] + 0.5, padding=0)
            self._plot.setYRange(*frame[2], padding=0)
            self._plot.setLabel("left", unit)
        self._fit_title()

    def _fit_title(self) -> None:
        """The title on the fewest lines that keep the plot within the chart: broken
        after its " · ", then its ": ", then its ", " ("Technology: average price, USD per
        paid subscription · Base scenario"). A wider title stretches the whole plot past
        the chart's right edge, and the legend beside the plot is cut off."""
        fit = (self._title, self._view.width(), self._legend.boundingRect().width())
        if fit == self._title_fit:
            return
        self._title_fit = fit
        plot = self._plot
        if not self._title:
            plot.setTitle(None)
        for shown in _title_lines(self._title) if self._title else ():
            plot.setTitle(shown, color=_AXIS, size="10pt")
            if plot.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() <= self._view.width():
                break
        if self._title:  # pyqtgraph gives the title a row of 30 px: two lines at most
            height = max(_TITLE_ROW, plot.titleLabel.item.boundingRect().height())
            plot.titleLabel.setMaximumHeight(height)
            plot.layout.setRowFixedHeight(0, height)
        # a longer title stretched the plot past the view, and it never shrinks back by
        # itself (the view sets the plot's size only when the view is resized)
        plot.setGeometry(self._view.range)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._frame is not None:  # drawn: the title may need a line more, or one less
            self._update_axes()

    def _update_year_ticks(self) -> None:
        """Year labels as many as fit the axis without touching, always the first and the
        last year (the step divides the span when it can)."""
        years = [int(y) for y in self._years]
        if not years:
            return
        axis = self._plot.getAxis("bottom")
        label = QFontMetrics(axis.font()).horizontalAdvance(str(years[-1])) + _TICK_GAP
        room = max(2, int(self._plot.vb.width() // label))
        step = _year_step(len(years), min(room, _MAX_TICKS))
        shown = years[::step] if (len(years) - 1) % step == 0 else [*years[::step][:-1],
                                                                   years[-1]]
        axis.setTicks([[(y, str(y)) for y in shown]])
        self._labelled = shown

    def _value_range(self) -> tuple[float, float]:
        """From zero (or a round number below a negative value) to a round number above
        the largest value drawn, so that small edits leave the axis where it is."""
        if self._mode == "share":
            return 0.0, 100.0
        drawn = [c.shown for c in self._curves if c.shown is not None]
        if self._columns is not None:
            drawn = [self._columns.tops]
        values = np.concatenate(drawn) if drawn else np.array([])
        values = values[np.isfinite(values)]
        if not len(values):
            return 0.0, 1.0
        high, low = float(values.max()), float(values.min())
        top = _round_up(high * 1.04) if high > 0 else 0.0
        bottom = -_round_up(-low * 1.04) if low < 0 else 0.0
        return bottom, top if top > bottom else bottom + 1.0

    # -- hover ----------------------------------------------------------------------------

    def _hover(self, position: QPointF) -> None:
        if not len(self._years) or not self._plot.sceneBoundingRect().contains(position):
            self._cursor.hide()
            return
        x = self._plot.vb.mapSceneToView(position).x()
        year = int(self._years[int(np.argmin(np.abs(self._years - x)))])
        self._cursor.setPos(year)
        self._cursor.show()
        self._readout.setText(self._readout_for(year))

    def _show_menu(self, position) -> None:
        menu = QMenu(self)
        menu.addAction("Copy chart", self.copy_to_clipboard)
        menu.addAction("Save chart as PNG or SVG…", self.save_as)
        menu.exec(self._view.mapToGlobal(position))

    def save_as(self) -> bool:
        """Ask where, then write a PNG or (by its extension) an SVG file."""
        path = dialogs.ask_save_path(self, "Save chart", dialogs.IMAGE_FILTER, "chart.png")
        if not path:
            return False
        if path.lower().endswith(".svg"):
            self.export_svg(path)
        else:
            self.export_png(path if path.lower().endswith(".png") else path + ".png")
        return True

    def _readout_for(self, year: int) -> str:
        col = int(np.argmin(np.abs(self._years - year))) if len(self._years) else 0
        values = [float(s.values[col]) if s.values[col] is not None else np.nan
                  for s in self._series]
        colours = [colour_of(s, i) for i, s in enumerate(self._series)]
        names = [s.name for s in self._series]
        return readout_html(year, year > self._base_year, names, values, colours, self._unit)



def _title_lines(title: str):
    """The title on one line, then broken at each of `_TITLE_BREAKS` in turn (HTML)."""
    lines = [title]
    yield title
    for mark, kept in _TITLE_BREAKS:
        at = next((i for i, line in enumerate(lines) if mark in line), None)
        if at is not None:
            head, _, tail = lines[at].partition(mark)
            lines[at:at + 1] = [f"{head}{kept}", tail]
            yield "<br>".join(lines)


def _year_step(count: int, room: int) -> int:
    """The smallest step that shows at most `room` of `count` years, preferring one that
    divides the span (so the last year falls on a label)."""
    least = max(1, int(np.ceil(count / max(room, 1))))
    span = max(count - 1, 1)
    return next((s for s in range(least, least + 3) if span % s == 0), least)


def _round_up(value: float) -> float:
    """The smallest of _NICE_STEPS × 10^k at or above `value` > 0."""
    scale = 10.0 ** np.floor(np.log10(value))
    return next(step * scale for step in _NICE_STEPS if step * scale >= value * (1 - 1e-12))

