"""What a chart shows: named series of values by year, and the colours they get.

Pages build `ChartSeries` from the document's results and hand them to a chart; the chart
never looks at the project, so the same widget draws segments, scenarios or companies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PALETTE = (
    "#2E5A87",
    "#E07B39",
    "#3C9D5D",
    "#C44E52",
    "#8172B2",
    "#937860",
    "#D67BB4",
    "#7F7F7F",
    "#B5A534",
    "#4FA3C4",
)
"""Muted, print-friendly colours that stay distinct for up to ten series."""


MODES = {
    "lines": "Lines",
    "area": "Stacked area",
    "columns": "Stacked columns",
    "share": "100 % columns (shares)",
}
"""How a chart can draw its series (code → what the chart-type pickers say)."""
COLUMN_MODES = ("columns", "share")


@dataclass(frozen=True)
class ChartSeries:
    """One line (or band, when stacked): a name, one value per year, an optional colour,
    and the years whose values the analyst pinned (marked on the line).

    `values` lines up with the `years` given to the chart; NaN (or None) is a gap.
    """

    name: str
    values: Sequence[float]
    color: str | None = None
    pins: tuple[int, ...] = ()


def colour_of(series: ChartSeries, index: int) -> str:
    """The series' own colour, or the palette's colour for its position."""
    return series.color or PALETTE[index % len(PALETTE)]
