"""Derived figures: CAGR, year-on-year growth, shares (written by `workbench.numbers`).

docs/forecast-semantics.md §7 defines them; the engine never stores them because they
follow from the values. Tables, charts, insights, the command line and the workbook's cached values
all call these functions, so a figure reads the same everywhere. Where a figure is not
defined (a blank value, a start at or below zero, a zero total) the result is NaN, shown
as a dash, never a made-up number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from workbench.core.engine import ScenarioResult
from workbench.core.project import TOTAL, Project


def growth_ratio(start, end, periods: int):
    """(end/start)^(1/periods) - 1, element-wise; NaN where it is undefined.

    Undefined: a blank, a start at or below zero, a negative end, or no periods. Two plain
    numbers take a scalar path: insights ask for thousands of single CAGRs.
    """
    if isinstance(start, int | float) and isinstance(end, int | float):
        start, end = float(start), float(end)
        if not (periods > 0 and start > 0 and end >= 0):
            return math.nan
        try:
            return (end / start) ** (1.0 / periods) - 1.0
        except OverflowError:  # growth beyond what a float holds
            return math.inf
    start = np.asarray(start, dtype=float)
    end = np.asarray(end, dtype=float)
    if periods <= 0:
        return np.full(np.broadcast(start, end).shape, np.nan)[()]
    ok = (start > 0) & (end >= 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.where(ok, (end / np.where(ok, start, 1.0)) ** (1.0 / periods) - 1.0, np.nan)
    return out[()]


def cagr(values_by_year: Mapping[int, float], a: int, b: int) -> float:
    """CAGR(a, b) = (v[b]/v[a])^(1/(b-a)) - 1 (docs/forecast-semantics.md §7); NaN if undefined."""
    start = values_by_year.get(a, math.nan)
    end = values_by_year.get(b, math.nan)
    return float(growth_ratio(start, end, b - a))


def cagr_rows(result: ScenarioResult, a: int, b: int) -> np.ndarray:
    """The CAGR(a, b) of every series of a scenario, in `result.series` order."""
    return growth_ratio(result.values[:, result.col(a)], result.values[:, result.col(b)], b - a)


def yoy(values_by_year: Mapping[int, float]) -> dict[int, float]:
    """Growth over the previous year, for every year whose previous year has a value."""
    return {
        year: float(growth_ratio(values_by_year[year - 1], value, 1))
        for year, value in sorted(values_by_year.items())
        if year - 1 in values_by_year
    }


def yoy_rows(values: np.ndarray) -> np.ndarray:
    """Year-on-year growth of a (series × years) matrix; the first column is NaN."""
    out = np.full(values.shape, np.nan)
    out[..., 1:] = growth_ratio(values[..., :-1], values[..., 1:], 1)
    return out


def shares(values: Mapping[str, float], total: float) -> dict[str, float]:
    """Each value's share of `total`; NaN for all when the total is zero or blank."""
    usable = math.isfinite(total) and total != 0
    return {key: (value / total if usable else math.nan) for key, value in values.items()}


def share_rows(result: ScenarioResult, series_ids: list[str] | tuple[str, ...]) -> np.ndarray:
    """Shares of the total, per year, for `series_ids` (a segments × years matrix)."""
    total = result.values[result.row[TOTAL]]
    rows = result.values[[result.row[s] for s in series_ids]]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(total != 0, rows / np.where(total != 0, total, 1.0), np.nan)


# -- names of series ------------------------------------------------------------------------


def series_names(project: Project) -> dict[str, str]:
    """Every series' name by id, built once (`Project.series_name` searches each time)."""
    names = {TOTAL: project.series_name(TOTAL)}
    names.update((m.id, m.name) for d in project.dimensions for m in d.members)
    return names
