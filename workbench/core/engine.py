"""The forecast engine: every series of one scenario, exactly as DESIGN.md §3 defines it.

One scenario is computed as a (series × years) matrix with numpy: chained methods step
year by year across all chained series at once, the S-curve is closed form, and
reconciliation scales whole dimensions in one operation. The workbook's formulas
reproduce these steps cell by cell, so any change here is a change to the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.core.project import TOTAL, Project


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """All series of one scenario: `projected` before reconciliation, `values` after.

    Rows follow `series` (the total first, then members in dimension order); columns are
    the project's years. `gaps[dimension id]` is, per year, the sum of the dimension's
    projected segments minus the total (zero for the primary dimension in bottom-up mode).
    """

    scenario_id: str
    first_year: int
    base_year: int
    series: tuple[str, ...]
    row: dict[str, int]
    projected: np.ndarray
    values: np.ndarray
    gaps: dict[str, np.ndarray]

    @property
    def years(self) -> range:
        return range(self.first_year, self.first_year + self.values.shape[1])

    def col(self, year: int) -> int:
        return year - self.first_year

    def value(self, series_id: str, year: int) -> float:
        return float(self.values[self.row[series_id], self.col(year)])

    def series_values(self, series_id: str) -> np.ndarray:
        return self.values[self.row[series_id]]

    def projected_value(self, series_id: str, year: int) -> float:
        return float(self.projected[self.row[series_id], self.col(year)])

    def gap(self, dimension_id: str, year: int) -> float:
        return float(self.gaps[dimension_id][self.col(year)])


def history_matrix(project: Project) -> np.ndarray:
    """History inputs as a (series × years) matrix; blanks and forecast years are NaN.

    It is shared by every scenario, so the document computes it once per history edit.
    """
    meta = project.metadata
    series = project.series_ids()
    row = {s: i for i, s in enumerate(series)}
    out = np.full((len(series), meta.last_year - meta.first_year + 1), np.nan)
    for (series_id, year), value in project.history.items():
        i = row.get(series_id)
        if i is not None and meta.first_year <= year <= meta.base_year:
            out[i, year - meta.first_year] = value
    return out


def compute_scenario(
    project: Project, scenario_id: str, history: np.ndarray | None = None
) -> ScenarioResult:
    """Forecast every series of `scenario_id` and reconcile the dimensions to the total."""
    meta = project.metadata
    series = tuple(project.series_ids())
    row = {s: i for i, s in enumerate(series)}
    hist = history_matrix(project) if history is None else history
    projected = _project_all(project, scenario_id, series, row, hist)
    values, gaps = _reconcile(project, row, projected)
    return ScenarioResult(
        scenario_id, meta.first_year, meta.base_year, series, row, projected, values, gaps
    )


def _pins_of(project: Project, scenario_id: str, row: dict[str, int]) -> dict[int, dict[int, float]]:
    pins: dict[int, dict[int, float]] = {}
    for (scn, series_id, year), value in project.pins.items():
        if scn == scenario_id and series_id in row:
            pins.setdefault(row[series_id], {})[year] = value
    return pins


def _project_all(project, scenario_id, series, row, hist) -> np.ndarray:
    """Each series from its own method, history and pins; no reconciliation yet."""
    meta = project.metadata
    out = hist.copy()
    years = np.arange(meta.base_year + 1, meta.last_year + 1)
    fcols = years - meta.first_year
    base_col = meta.base_year - meta.first_year
    pins = _pins_of(project, scenario_id, row)
    by_method: dict[str, list[int]] = {"cagr": [], "growth_by_year": [], "s_curve": [], "manual": []}
    growths = [project.growth_of(scenario_id, s) for s in series]
    for i, g in enumerate(growths):
        by_method[g.method].append(i)

    chained = by_method["cagr"] + by_method["growth_by_year"]
    if chained:
        factors = np.empty((len(chained), len(years)))
        for k, i in enumerate(chained):
            g = growths[i]
            if g.method == "cagr":
                factors[k] = 1.0 + g.rate
            else:
                factors[k] = [1.0 + g.rates.get(int(y), 0.0) for y in years]
        _chain(out, np.asarray(chained), factors, meta.first_year, fcols, base_col, pins)

    curve = by_method["s_curve"]
    if curve:
        idx = np.asarray(curve)
        k = np.array([np.nan if growths[i].k is None else growths[i].k for i in curve])[:, None]
        r = np.array([np.nan if growths[i].r is None else growths[i].r for i in curve])[:, None]
        v0 = out[idx, base_col][:, None]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            out[np.ix_(idx, fcols)] = k / (1.0 + ((k - v0) / v0) * np.exp(-r * (years - meta.base_year)))

    for i in by_method["manual"]:
        values = growths[i].values
        out[i, fcols] = [values.get(int(y), np.nan) for y in years]

    for i in curve + by_method["manual"]:
        for year, value in pins.get(i, {}).items():
            if meta.base_year < year <= meta.last_year:
                out[i, year - meta.first_year] = value
    return out


def _chain(out, idx, factors, first_year, fcols, base_col, pins) -> None:
    """v[y] = v[y-1] * factor, except that a pin replaces v[y] and the chain goes on from it."""
    pinned = np.zeros(factors.shape, dtype=bool)
    pin_values = np.zeros(factors.shape)
    for k, i in enumerate(idx):
        for year, value in pins.get(int(i), {}).items():
            j = year - first_year - fcols[0]
            if 0 <= j < len(fcols):
                pinned[k, j] = True
                pin_values[k, j] = value
    prev = out[idx, base_col]
    for j, col in enumerate(fcols):
        step = np.where(pinned[:, j], pin_values[:, j], prev * factors[:, j])
        out[idx, col] = step
        prev = step


def _reconcile(project: Project, row: dict[str, int], projected: np.ndarray):
    """Scale each dimension's segments to the total; report each dimension's gap."""
    meta = project.metadata
    values = projected.copy()
    fc = slice(meta.base_year + 1 - meta.first_year, None)
    total = values[row[TOTAL]]
    primary = project.primary_dimension if project.mode == "bottom_up" else None
    if primary is not None:
        members = [row[m] for m in project.dimension(primary).member_ids()]
        if members:
            total[fc] = projected[members, fc].sum(axis=0)
    gaps: dict[str, np.ndarray] = {}
    for dim in project.dimensions:
        idx = [row[m.id] for m in dim.members]
        if not idx:
            gaps[dim.id] = np.full(values.shape[1], np.nan)
            continue
        sums = projected[idx].sum(axis=0)
        gaps[dim.id] = sums - total
        if dim.id == primary:
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            values[idx, fc] = projected[idx, fc] / sums[fc] * total[fc]
    return values, gaps
