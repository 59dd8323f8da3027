"""What the chart under a segment table shows, taken from the document's results.

A dimension page draws its segments (the largest ones and "Other" when there are many:
two hundred lines are no chart), in the measure it shows, with that measure's pins; the
total market page draws the total in every scenario (`page_parts.total_series`), so the
scenarios can be compared at a glance.
"""

from __future__ import annotations

import numpy as np

from workbench.core.engine import ScenarioResult
from workbench.core.project import Project
from workbench.gui.charts import ChartSeries

MAX_LINES = 10


def segment_series(
    project: Project, result: ScenarioResult, dimension_id: str, scenario_id: str,
    typed: bool = True,
) -> list[ChartSeries]:
    """Each segment of the dimension, with the years pinned in `scenario_id` (`project`
    is the measure's view: its pins); beyond MAX_LINES the smallest are summed as Other.
    A derived measure (`typed` False: prices, which neither add up nor have pins) shows
    its MAX_LINES largest segments alone."""
    members = project.dimension(dimension_id).members
    rows = result.values[[result.row[m.id] for m in members]] if members else np.empty((0, 0))
    pins: dict[str, list[int]] = {}
    for scenario, series_id, year in project.pins if typed else ():
        if scenario == scenario_id:
            pins.setdefault(series_id, []).append(year)

    def line(i: int) -> ChartSeries:
        member = members[i]
        return ChartSeries(member.name, rows[i], pins=tuple(sorted(pins.get(member.id, ()))))

    if len(members) <= MAX_LINES:
        return [line(i) for i in range(len(members))]
    size = np.nan_to_num(rows[:, result.col(result.base_year)])
    if not typed:
        return [line(i) for i in np.sort(np.argsort(-size, kind="stable")[:MAX_LINES])]
    keep = np.sort(np.argsort(-size, kind="stable")[: MAX_LINES - 1])
    rest = np.setdiff1d(np.arange(len(members)), keep)
    shown = [line(i) for i in keep.tolist()]
    other = np.nansum(rows[rest], axis=0)
    return [*shown, ChartSeries(f"Other ({len(rest)} segments)", other, "#9aa3ad")]

