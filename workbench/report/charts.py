"""Charts for print: specs built from the figures, drawn once by matplotlib.

One drawing code serves both writers: the PDF embeds the chart as SVG turned into a
ReportLab drawing (vector, text stays text), the DOCX as a PNG at print resolution.
matplotlib is used through `Figure` objects only (no pyplot state), so a report can be
built on a worker thread while the app keeps drawing its own charts with Qt.
"""

from __future__ import annotations

import io
import math

import numpy as np
from matplotlib import rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from workbench.numbers import number
from workbench.report.specs import BarSpec, BubbleSpec, LineSpec

rcParams["svg.fonttype"] = "none"  # text stays text in the SVG, so the PDF's text is searchable
rcParams["svg.hashsalt"] = "workbench-report"  # the same chart gives the same bytes
rcParams["font.family"] = "sans-serif"
rcParams["font.sans-serif"] = ["DejaVu Sans"]  # the report's typeface (workbench.report.fonts)

WIDTH_IN, HEIGHT_IN = 6.4, 3.1


HISTORY_GREY = "#555555"
"""The one history line of series that share it (the scenarios of a measure)."""


def svg(spec, palette: tuple[str, ...]) -> bytes:
    figure = draw(spec, palette)
    buffer = io.BytesIO()
    FigureCanvasSVG(figure)
    figure.savefig(buffer, format="svg")
    return buffer.getvalue()


def png(spec, palette: tuple[str, ...], dpi: int = 300) -> bytes:
    figure = draw(spec, palette)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    # zlib level 3: most of level 6's size at a third of its time (a chart is mostly flat)
    figure.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def draw(spec, palette: tuple[str, ...]) -> Figure:
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
    figure.subplots_adjust(left=_left_margin(spec), right=0.98, top=0.9, bottom=0.14)
    axes = figure.add_subplot()
    painter = {LineSpec: _bars, BarSpec: _forces, BubbleSpec: _bubbles}[type(spec)]
    if isinstance(spec, LineSpec) and not spec.stacked:
        painter = _lines
    painter(axes, spec, palette)
    axes.set_title(spec.title, fontsize=9.5, loc="left", fontweight="bold")
    axes.tick_params(labelsize=7.5)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


def _left_margin(spec) -> float:
    """Room for the y labels: the force names are long, numbers are short (no clipping)."""
    if isinstance(spec, BarSpec):
        longest = max((len(label) for label in spec.labels), default=10)
        return min(0.5, 0.03 + longest * 0.0125)
    return 0.1


def _bars(axes, spec: LineSpec, palette) -> None:
    years = np.array(spec.years)
    forecast = years > spec.base_year
    bottom = np.zeros(len(years))
    for i, (name, values) in enumerate(spec.series):
        heights = np.nan_to_num(np.array(values, dtype=float))
        colour = palette[i % len(palette)]
        axes.bar(years[~forecast], heights[~forecast], 0.72, bottom[~forecast], color=colour,
                 label=name)
        axes.bar(years[forecast], heights[forecast], 0.72, bottom[forecast], color=colour,
                 alpha=0.55, linewidth=0)
        bottom += heights
    axes.axvline(spec.base_year + 0.5, color="#777777", linewidth=0.8, linestyle="--")
    top = float(np.nanmax(bottom)) if len(bottom) else 1.0
    axes.text(spec.base_year + 0.6, top * 1.02, "forecast →", fontsize=7, color="#555555")
    axes.set_ylabel(spec.unit, fontsize=8)
    axes.set_xticks(years, [str(y) for y in years], rotation=90 if len(years) > 16 else 0)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: number(v)))
    if len(spec.series) > 1:
        axes.legend(fontsize=7, frameon=False, loc="upper left", ncols=2 if
                    len(spec.series) > 4 else 1)


def _lines(axes, spec: LineSpec, palette) -> None:
    """One line per series, solid in history and dashed in the forecast (prices, the
    scenarios). Series that share their history (scenarios do) draw it once, in grey
    under "History": drawn per series, the last one's colour hid the others'."""
    years = np.array(spec.years)
    history = years <= spec.base_year
    forecast = years >= spec.base_year  # the base year joins the two parts
    lines = [np.array(values, dtype=float) for _name, values in spec.series]
    shared = len(lines) > 1 and all(
        np.array_equal(points[history], lines[0][history], equal_nan=True) for points in lines
    )
    if shared:
        axes.plot(years[history], lines[0][history], color=HISTORY_GREY, linewidth=1.6,
                  label="History")
    for i, ((name, _values), points) in enumerate(zip(spec.series, lines, strict=True)):
        colour = palette[i % len(palette)]
        if not shared:
            axes.plot(years[history], points[history], color=colour, linewidth=1.6, label=name)
        axes.plot(years[forecast], points[forecast], color=colour, linewidth=1.6,
                  linestyle="--", label=name if shared else None)
    axes.axvline(spec.base_year + 0.5, color="#777777", linewidth=0.8, linestyle="--")
    axes.set_ylabel(spec.unit, fontsize=8)
    axes.set_xticks(years, [str(y) for y in years], rotation=90 if len(years) > 16 else 0)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: number(v)))
    axes.legend(fontsize=7, frameon=False, loc="best", ncols=2 if len(spec.series) > 4 else 1)


def _forces(axes, spec: BarSpec, palette) -> None:
    positions = np.arange(len(spec.labels))[::-1]
    axes.barh(positions, spec.values, 0.6, color=palette[0])
    for y, value in zip(positions, spec.values, strict=True):
        axes.text(value + 0.05, y, number(value), va="center", fontsize=8)
    axes.set_yticks(positions, spec.labels)
    axes.set_xlim(0, spec.maximum + 0.5)
    axes.set_xticks(range(0, int(spec.maximum) + 1))
    axes.set_xlabel(spec.axis, fontsize=8)


def _bubbles(axes, spec: BubbleSpec, palette) -> None:
    x = np.array(spec.x, dtype=float) * 100.0
    y = np.array(spec.y, dtype=float)
    size = np.nan_to_num(np.array(spec.size, dtype=float))
    area = 40.0 + 2400.0 * size / max(float(size.max()) if len(size) else 1.0, 1e-12)
    # room above and below for the largest bubble (a radius of about a sixth of the
    # plot's height), which is drawn whole rather than cut at the axes
    axes.scatter(x, y, s=area, color=palette[0], alpha=0.45, edgecolors=palette[0],
                 clip_on=False)
    axes.margins(x=0.15, y=0.25)
    middle = float(np.mean(axes.get_xlim()))
    order = sorted(range(len(x)), key=lambda i: -np.nan_to_num(y[i]))[: spec.named]
    for i in order:
        if math.isfinite(x[i]) and math.isfinite(y[i]):
            right = x[i] > middle  # a label in the right half reads leftwards, inside
            axes.annotate(spec.labels[i], (x[i], y[i]), fontsize=7,
                          xytext=(-4 if right else 4, 4), textcoords="offset points",
                          ha="right" if right else "left")
    axes.set_xlabel(spec.xlabel, fontsize=8)
    axes.set_ylabel(spec.ylabel, fontsize=8)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0f} %"))
