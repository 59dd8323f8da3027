"""The forecast engine: every series of one scenario, as docs/forecast-semantics.md defines it.

One scenario is computed as a (series × years) matrix with numpy: each growth method of
the registry (`workbench.core.methods`) projects its whole group of series at once,
chained methods step year by year across all chained series together, and
reconciliation scales whole dimensions in one operation. The workbook's formulas
reproduce these steps cell by cell, so any change here is a change to the contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter, itemgetter

import numpy as np

from workbench.core.methods import INDEX, REGISTERED
from workbench.core.methods.base import ProjectionInput
from workbench.core.project import DEFAULT_GROWTH, TOTAL, Project


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
    The cells are gathered with C-level iterators (`map`, `np.fromiter`) because a large
    project has over a hundred thousand of them.
    """
    meta = project.metadata
    series = project.series_ids()
    row = {s: i for i, s in enumerate(series)}
    out = np.full((len(series), meta.last_year - meta.first_year + 1), np.nan)
    n = len(project.history)
    if not n:
        return out
    keys = project.history
    rows = np.fromiter(map(row.get, map(itemgetter(0), keys), repeat(-1)), np.intp, n)
    cols = np.fromiter(map(itemgetter(1), keys), np.intp, n) - meta.first_year
    values = np.fromiter(project.history.values(), float, n)
    keep = (rows >= 0) & (cols >= 0) & (cols <= meta.base_year - meta.first_year)
    out[rows[keep], cols[keep]] = values[keep]
    return out


def compute_scenario(
    project: Project, scenario_id: str, history: np.ndarray | None = None
) -> ScenarioResult:
    """Forecast every series of `scenario_id` and reconcile the dimensions to the total."""
    meta = project.metadata
    series = tuple(project.series_ids())
    row = dict(zip(series, range(len(series)), strict=True))
    hist = history_matrix(project) if history is None else history
    # Extreme but finite inputs may overflow to inf or give inf - inf; those cells are
    # reported by validation as non-finite forecasts, so numpy need not warn about them.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        projected = _project_all(project, scenario_id, series, row, hist)
        values, gaps = _reconcile(project, row, projected)
    return ScenarioResult(
        scenario_id, meta.first_year, meta.base_year, series, row, projected, values, gaps
    )


def _pins_of(project: Project, scenario_id: str, row: dict[str, int], years: range):
    """The scenario's pins as a (series × forecast years) mask and matrix of values."""
    mask = np.zeros((len(row), len(years)), dtype=bool)
    values = np.zeros(mask.shape)
    for (scn, series_id, year), value in project.pins.items():
        i = row.get(series_id)
        if scn == scenario_id and i is not None and year in years:
            mask[i, year - years.start] = True
            values[i, year - years.start] = value
    return mask, values


_CHAINED = np.array([m.chained for m in REGISTERED])
"""Per registry index: whether the method chains (continues from pins)."""


def _project_all(project, scenario_id, series, row, hist) -> np.ndarray:
    """Each series from its own method, history and pins; no reconciliation yet.

    The per-series Python work is looking up each series' `Growth` (with C-level `map`s);
    everything that follows runs on whole groups of series (one group per method of the
    registry) in numpy. Chained methods give yearly factors that are chained together in
    one pass, so that a pin restarts the chain; the others give values a pin replaces.
    """
    meta = project.metadata
    out = hist.copy()
    years = meta.forecast_years
    fcols = slice(years.start - meta.first_year, years.stop - meta.first_year)
    base_col = meta.base_year - meta.first_year
    pinned, pin_values = _pins_of(project, scenario_id, row, years)
    keys = zip(repeat(scenario_id), series)
    growths = list(map(project.growth.get, keys, repeat(DEFAULT_GROWTH)))
    methods = map(INDEX.__getitem__, map(attrgetter("method"), growths))
    codes = np.fromiter(methods, np.intp, len(growths))
    chained: list[tuple[np.ndarray, np.ndarray]] = []
    for k in np.flatnonzero(np.bincount(codes, minlength=len(REGISTERED))).tolist():
        idx = np.flatnonzero(codes == k)
        method = REGISTERED[k]
        inputs = ProjectionInput(years, meta.base_year, out[idx, base_col])
        projected = method.project([growths[i] for i in idx.tolist()], inputs)
        if method.chained:
            chained.append((idx, projected))
        else:
            out[idx, fcols] = projected
    if chained:
        idx = chained[0][0] if len(chained) == 1 else np.concatenate([c[0] for c in chained])
        factors = chained[0][1] if len(chained) == 1 else np.vstack([c[1] for c in chained])
        _chain(out, idx, factors, base_col, fcols, pinned[idx], pin_values[idx])

    unchained = ~_CHAINED[codes]
    window = out[:, fcols]
    window[unchained] = np.where(pinned[unchained], pin_values[unchained], window[unchained])
    return out


def _chain(out, idx, factors, base_col, fcols, pinned, pin_values) -> None:
    """v[y] = v[y-1] * factor, except that a pin replaces v[y] and the chain goes on from it."""
    block = np.empty(factors.shape)
    prev = out[idx, base_col]
    for j in range(factors.shape[1]):
        prev = np.where(pinned[:, j], pin_values[:, j], prev * factors[:, j])
        block[:, j] = prev
    out[idx, fcols] = block


def _reconcile(project: Project, row: dict[str, int], projected: np.ndarray):
    """Scale each dimension's segments to the total; report each dimension's gap.

    A dimension's segments are consecutive rows (series follow dimension order), so each
    dimension is one slice of the matrix: no copies, no index lists.
    """
    meta = project.metadata
    values = projected.copy()
    fc = slice(meta.base_year + 1 - meta.first_year, None)
    total = values[row[TOTAL]]
    primary = project.primary_dimension if project.mode == "bottom_up" else None
    blocks = _dimension_rows(project, row)
    if primary is not None and blocks[primary].stop > blocks[primary].start:
        total[fc] = projected[blocks[primary], fc].sum(axis=0)
    gaps: dict[str, np.ndarray] = {}
    for dim_id, rows in blocks.items():
        if rows.stop == rows.start:
            gaps[dim_id] = np.full(values.shape[1], np.nan)
            continue
        sums = projected[rows].sum(axis=0)
        gaps[dim_id] = sums - total
        if dim_id == primary:
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            values[rows, fc] = projected[rows, fc] / sums[fc] * total[fc]
    return values, gaps


def _dimension_rows(project: Project, row: dict[str, int]) -> dict[str, slice]:
    blocks = {}
    for dim in project.dimensions:
        start = row[dim.members[0].id] if dim.members else 0
        blocks[dim.id] = slice(start, start + len(dim.members))
    return blocks
