"""Growth opportunities: where the market adds the most value, and how fast.

The seed report's "growth opportunities" chapter and the app's Opportunities page show
the same map: per dimension, each segment at x = forecast CAGR, y = value added from the
base year to the last year, bubble area = its share of the last year. Segments are ranked
by value added (the size of the prize), with the CAGR as the speed it comes at.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.core.project import Dimension
from workbench.report.figures import Figures, percent, period_label
from workbench.report.specs import BubbleSpec


@dataclass(frozen=True, slots=True)
class Opportunity:
    series_id: str
    name: str
    cagr: float
    value_added: float
    share_last: float


def opportunities(figures: Figures, dim: Dimension) -> list[Opportunity]:
    """The dimension's segments as opportunities, largest value added first."""
    out = [
        Opportunity(s.series_id, s.name, s.forecast_cagr, figures.value_added(s.series_id),
                    s.share_last)
        for s in figures.dimension(dim)
    ]
    return sorted(out, key=lambda o: -o.value_added if math.isfinite(o.value_added) else math.inf)


def map_spec(figures: Figures, dim: Dimension, limit: int | None = None) -> BubbleSpec:
    """The map of the dimension's opportunities, the `limit` largest when one is given."""
    meta = figures.meta
    points = opportunities(figures, dim)[:limit]
    return BubbleSpec(
        f"Growth opportunities by {dim.name} ({figures.scenario_name})",
        tuple(p.name for p in points),
        tuple(p.cagr for p in points),
        tuple(p.value_added for p in points),
        tuple(p.share_last for p in points),
        f"Forecast CAGR {period_label(figures.forecast_period)}",
        f"Value added {meta.base_year}–{meta.last_year} ({figures.unit})",
    )


def in_words(figures: Figures, dim: Dimension, count: int = 3) -> str:
    """The top opportunities of a dimension as one sentence with their figures."""
    meta = figures.meta
    top = [p for p in opportunities(figures, dim) if math.isfinite(p.value_added)][:count]
    if not top:
        return f"No segment of {dim.name} has figures for {meta.base_year}–{meta.last_year}."
    named = "; ".join(
        f"{p.name} adds {figures.money(p.value_added)} at {percent(p.cagr)} a year "
        f"and holds {percent(p.share_last)} of the market in {meta.last_year}"
        for p in top
    )
    return f"The largest opportunities by {dim.name}, {meta.base_year}–{meta.last_year}: {named}."
