"""What the chart under a segment table shows, taken from the document's results.

A dimension page draws its segments (the largest ones and "Other" when there are many:
two hundred lines are no chart); the total market page draws the total in every scenario,
so the scenarios can be compared at a glance.
"""

from __future__ import annotations

import numpy as np

from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.project import TOTAL
from workbench.gui.charts import ChartSeries

MAX_LINES = 10


def segment_series(
    document: Document, result: ScenarioResult, dimension_id: str
) -> list[ChartSeries]:
    """Each segment of the dimension; beyond MAX_LINES the smallest are summed as Other."""
    members = document.project.dimension(dimension_id).members
    rows = result.values[[result.row[m.id] for m in members]] if members else np.empty((0, 0))
    if len(members) <= MAX_LINES:
        return [ChartSeries(m.name, row) for m, row in zip(members, rows, strict=True)]
    size = np.nan_to_num(rows[:, result.col(result.base_year)])
    keep = np.sort(np.argsort(-size, kind="stable")[: MAX_LINES - 1])
    rest = np.setdiff1d(np.arange(len(members)), keep)
    shown = [ChartSeries(members[i].name, rows[i]) for i in keep.tolist()]
    other = np.nansum(rows[rest], axis=0)
    return [*shown, ChartSeries(f"Other ({len(rest)} segments)", other, "#9aa3ad")]


def scenario_totals(document: Document) -> list[ChartSeries]:
    """The total market in every scenario, in scenario order."""
    return [
        ChartSeries(s.name, document.result(s.id).series_values(TOTAL))
        for s in document.project.scenarios
    ]
