"""Numbers over a value sheet's shown forecast formulas: pins, unless they are what the
engine shows there.

A colleague who types a number over a shown forecast cell (a segment's or the total's)
pins it, as the app does when a number is typed into a forecast cell; it overrides that
year's pin row. A tool that saved values only (or a colleague who pasted the values back)
leaves the number the workbook computed in place of the formula: that is no edit, so it is
not a pin. Which is which can only be told with the whole workbook read (history,
assumptions, pin rows, holds): the engine's result for the workbook's own inputs, without
the numbers in question, is what the formula would have shown.
"""

from __future__ import annotations

import math

from workbench.core.engine import compute_scenario
from workbench.core.project import Project


def same_as_shown(typed: float, computed: float) -> bool:
    """Equal to spreadsheet precision (a tool keeps 15 significant digits)."""
    return math.isfinite(computed) and math.isclose(typed, computed, rel_tol=1e-9, abs_tol=1e-12)


def settle_shown(
    project: Project, shown: dict[tuple[str, str, int], tuple[float, str]], where: dict
) -> None:
    """Make a pin of each number in `shown` that is not what the engine shows for the
    workbook's inputs; `where` gets the cell of each pin made."""
    results = {}
    for key, (value, cell) in shown.items():
        scenario_id, series_id, year = key
        if scenario_id not in results:
            results[scenario_id] = compute_scenario(project, scenario_id)
        result = results[scenario_id]
        if series_id in result.row and same_as_shown(value, result.value(series_id, year)):
            continue
        project.pins[key] = value
        where[("pin", *key)] = cell
