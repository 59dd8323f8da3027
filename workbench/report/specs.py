"""Chart specs: what each chart of the report shows, as plain data (no drawing library).

Chapter builders make specs; `workbench.report.charts` draws them. Keeping the specs apart
means building a report model (and the app's Opportunities page) never loads matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_SERIES = 8
"""Charts of a dimension show its largest segments and one "Others" series for the rest."""


@dataclass(frozen=True)
class LineSpec:
    """Values by year: bars for one series, stacked bars for several; forecast lighter.

    `stacked` False draws one line per series instead (an average price does not add up
    across segments, so stacking prices would draw a meaningless sum)."""

    title: str
    years: tuple[int, ...]
    base_year: int
    unit: str
    series: tuple[tuple[str, tuple[float, ...]], ...]
    stacked: bool = True


@dataclass(frozen=True)
class BarSpec:
    """Horizontal bars on a fixed scale (Porter's five forces: ratings 1 to 5)."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    maximum: float
    axis: str


@dataclass(frozen=True)
class BubbleSpec:
    """The opportunity map: x forecast CAGR, y value added, bubble area the last-year share."""

    title: str
    labels: tuple[str, ...]
    x: tuple[float, ...]
    y: tuple[float, ...]
    size: tuple[float, ...]
    xlabel: str
    ylabel: str
    named: int = 12


def top_and_others(series: list[tuple[str, np.ndarray]], last: int) -> list[tuple[str, tuple]]:
    """The `MAX_SERIES - 1` largest series (by the last year) and one "Others" for the rest."""
    if len(series) <= MAX_SERIES:
        return [(name, tuple(map(float, values))) for name, values in series]
    order = sorted(range(len(series)), key=lambda i: -np.nan_to_num(series[i][1][last]))
    keep, rest = order[: MAX_SERIES - 1], order[MAX_SERIES - 1 :]
    others = np.nansum([series[i][1] for i in rest], axis=0)
    out = [(series[i][0], tuple(map(float, series[i][1]))) for i in sorted(keep)]
    return [*out, (f"Others ({len(rest)} segments)", tuple(map(float, others)))]


def largest_beside(series: list[tuple[str, np.ndarray]], size: np.ndarray,
                   extra: tuple[str, np.ndarray]) -> list[tuple[str, tuple]]:
    """The `MAX_SERIES - 1` series largest by `size` (in their order) and `extra` (a total
    line): for lines that cannot be summed into an "Others" series, such as prices."""
    order = sorted(range(len(series)), key=lambda i: -np.nan_to_num(size[i]))
    keep = sorted(order[: MAX_SERIES - 1])
    shown = [series[i] for i in keep] + [extra]
    return [(name, tuple(map(float, values))) for name, values in shown]
