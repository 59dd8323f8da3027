"""Growth opportunities: where the market adds the most, and how fast.

The seed report's "growth opportunities" chapter and the app's Opportunities page show
the same map: per dimension, each segment at x = forecast CAGR, y = the amount it adds
from the base year to the last year, bubble area = its share of the last year. Segments
are ranked by what they add (the size of the prize), with the CAGR as the speed it comes
at. The map is by value unless a measure is named: by volume it shows the subscriptions
(or whatever the volume counts) a segment adds. An average price is no opportunity map:
prices do not add up across segments, so neither "price added" nor a share means anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.core.errors import ModelError
from workbench.core.measures import PRICE, VOLUME
from workbench.core.project import Dimension
from workbench.report.figures import Figures, percent, period_label
from workbench.report.specs import BubbleSpec


@dataclass(frozen=True, slots=True)
class Opportunity:
    """One segment on the map; `value_added` is what it adds in the map's measure (the
    value added on a value map, the volume added on a volume map)."""

    series_id: str
    name: str
    cagr: float
    value_added: float
    share_last: float


def opportunities(figures: Figures, dim: Dimension, measure: str | None = None
                  ) -> list[Opportunity]:
    """The dimension's segments as opportunities, largest first, in `measure` (the
    figures' own measure, the value, when none is named)."""
    f = _of(figures, measure)
    out = [
        Opportunity(s.series_id, s.name, s.forecast_cagr, f.value_added(s.series_id),
                    s.share_last)
        for s in f.dimension(dim)
    ]
    return sorted(out, key=lambda o: -o.value_added if math.isfinite(o.value_added) else math.inf)


def map_spec(figures: Figures, dim: Dimension, limit: int | None = None,
             measure: str | None = None) -> BubbleSpec:
    """The map of the dimension's opportunities, the `limit` largest when one is given."""
    f = _of(figures, measure)
    meta = f.meta
    points = opportunities(f, dim)[:limit]
    return BubbleSpec(
        f"Growth opportunities by {dim.name}{f.tag} ({f.scenario_name})",
        tuple(p.name for p in points),
        tuple(p.cagr for p in points),
        tuple(p.value_added for p in points),
        tuple(p.share_last for p in points),
        f"Forecast CAGR {period_label(f.forecast_period)}",
        f"{added_label(f)} {meta.base_year}–{meta.last_year} ({f.unit})",
    )


def in_words(figures: Figures, dim: Dimension, count: int = 3, measure: str | None = None
             ) -> str:
    """The top opportunities of a dimension as one sentence with their figures."""
    f = _of(figures, measure)
    meta = f.meta
    by = f" by {dim.name}{_by_measure(f)}"
    top = [p for p in opportunities(f, dim) if math.isfinite(p.value_added)][:count]
    if not top:
        return (f"No segment of {dim.name} has figures{_by_measure(f)} for "
                f"{meta.base_year}–{meta.last_year}.")
    of_market = "the market" if f.measure != VOLUME else "the market's volume"
    named = "; ".join(
        f"{p.name} adds {f.money(p.value_added)} at {percent(p.cagr)} a year "
        f"and holds {percent(p.share_last)} of {of_market} in {meta.last_year}"
        for p in top
    )
    return f"The largest opportunities{by}, {meta.base_year}–{meta.last_year}: {named}."


def added_label(figures: Figures) -> str:
    """"Value added" or "Volume added": the map's y axis and the tables' column."""
    return f"{figures.label.capitalize()} added"


def _by_measure(f: Figures) -> str:
    """" by volume" after a volume map's subject; the value's sentence reads as always."""
    return f" by {f.label}" if f.measure == VOLUME else ""


def _of(figures: Figures, measure: str | None) -> Figures:
    f = figures if measure is None else figures.of(measure)
    if f.measure == PRICE:
        raise ModelError("An average price has no opportunity map: prices do not add up "
                         "across segments; choose the value or the volume.")
    return f
