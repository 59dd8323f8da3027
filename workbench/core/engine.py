"""The forecast engine: every series of one scenario, as docs/forecast-semantics.md defines it.

One scenario is computed as a (series × years) matrix with numpy: each growth method of
the registry (`workbench.core.methods`) projects its whole group of series at once,
chained methods step year by year across all chained series together, and
reconciliation scales whole dimensions in one operation. The workbook's formulas
reproduce these steps cell by cell, so any change here is a change to the contract.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter, itemgetter

import numpy as np

from workbench.core.methods import INDEX, REGISTERED
from workbench.core.methods.base import ProjectionInput
from workbench.core.project import DEFAULT_GROWTH, TOTAL, Project
from workbench.core.reconcile import Reconciled, reconcile_block


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """All series of one scenario: `projected` before reconciliation, `values` after.

    Rows follow `series` (the total first, then members in dimension order); columns are
    the project's years. Per dimension id and year: `gaps` is the unreconciled gap (the sum
    of the dimension's projected segments minus the total; zero for the primary dimension
    in bottom-up mode), `scales` the factor its free segments got (1 where nothing was
    scaled, NaN where reconciliation was impossible and history years), `reasons` why
    it was impossible (a code of `reconcile.REASONS`, 0 where it was done). `fixed` marks
    the pinned and held cells.
    """

    scenario_id: str
    first_year: int
    base_year: int
    series: tuple[str, ...]
    row: dict[str, int]
    projected: np.ndarray
    values: np.ndarray
    gaps: dict[str, np.ndarray]
    scales: dict[str, np.ndarray]
    reasons: dict[str, np.ndarray]
    fixed: np.ndarray

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

    def scale(self, dimension_id: str, year: int) -> float:
        return float(self.scales[dimension_id][self.col(year)])

    def reason(self, dimension_id: str, year: int) -> int:
        return int(self.reasons[dimension_id][self.col(year)])

    def is_fixed(self, series_id: str, year: int) -> bool:
        return bool(self.fixed[self.row[series_id], self.col(year)])


def derived_result(like: ScenarioResult, values: np.ndarray) -> ScenarioResult:
    """A result computed from others (the average price): `values` in `like`'s layout,
    nothing projected apart from them, nothing reconciled (gaps and scales blank) and
    nothing fixed."""
    blank = {d: np.full(values.shape[1], np.nan) for d in like.gaps}
    return ScenarioResult(
        like.scenario_id,
        like.first_year,
        like.base_year,
        like.series,
        like.row,
        values,
        values,
        blank,
        dict(blank),
        {d: np.zeros(values.shape[1], dtype=like.reasons[d].dtype) for d in like.reasons},
        np.zeros(values.shape, dtype=bool),
    )


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
    """Forecast every series of `scenario_id` and reconcile the dimensions to the total.

    A pinned chained series continues from its pin expressed as a projection: pin ÷ the
    scale its dimension's free segments get that year (see `_Continuation`).
    """
    meta = project.metadata
    series = tuple(project.series_ids())
    row = dict(zip(series, range(len(series)), strict=True))
    hist = history_matrix(project) if history is None else history
    years = meta.forecast_years
    pinned, pin_values = _pins_of(project, scenario_id, row, years)
    fixed = pinned | _holds_of(project, row, years)
    blocks = _dimension_rows(project, row)
    # Extreme but finite inputs may overflow to inf or give inf - inf; those cells are
    # reported by validation as non-finite forecasts, so numpy need not warn about them.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        continuation = _Continuation(project, blocks, fixed)
        projected = _project_all(
            project, scenario_id, series, row, hist, pinned, pin_values, continuation
        )
        values, rec = _reconcile(project, row, blocks, projected, fixed)
    return ScenarioResult(
        scenario_id,
        meta.first_year,
        meta.base_year,
        series,
        row,
        projected,
        values,
        {d: r.gap for d, r in rec.items()},
        {d: r.scale for d, r in rec.items()},
        {d: r.reasons for d, r in rec.items()},
        _full_width(fixed, meta),
    )


def _full_width(forecast: np.ndarray, meta) -> np.ndarray:
    """A (series × forecast years) array widened to every year (history columns False)."""
    out = np.zeros((forecast.shape[0], meta.last_year - meta.first_year + 1), forecast.dtype)
    out[:, meta.base_year + 1 - meta.first_year :] = forecast
    return out


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


def _holds_of(project: Project, row: dict[str, int], years: range) -> np.ndarray:
    """The held cells as a (series × forecast years) mask (holds apply to every scenario)."""
    mask = np.zeros((len(row), len(years)), dtype=bool)
    for series_id, year in project.holds:
        i = row.get(series_id)
        if i is not None and year in years:
            mask[i, year - years.start] = True
    return mask


_CHAINED = np.array([m.chained for m in REGISTERED])
"""Per registry index: whether the method chains (continues from pins)."""


def _project_all(project, scenario_id, series, row, hist, pinned, pin_values, continuation):
    """Each series from its own method, history and pins; no reconciliation yet.

    The per-series Python work is looking up each series' `Growth` (with C-level `map`s);
    everything that follows runs on whole groups of series (one group per method of the
    registry) in numpy. The methods that are not chained come first (values a pin
    replaces), so that a year's column is complete when the chained methods reach it: their
    yearly factors are chained together in one pass, a pin restarting the chain from the
    pin as a projection (`continuation`).
    """
    meta = project.metadata
    out = hist.copy()
    years = meta.forecast_years
    fcols = slice(years.start - meta.first_year, years.stop - meta.first_year)
    base_col = meta.base_year - meta.first_year
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
    unchained = ~_CHAINED[codes]
    window = out[:, fcols]
    window[unchained] = np.where(pinned[unchained], pin_values[unchained], window[unchained])
    if chained:
        idx = chained[0][0] if len(chained) == 1 else np.concatenate([c[0] for c in chained])
        factors = chained[0][1] if len(chained) == 1 else np.vstack([c[1] for c in chained])
        _chain(out, idx, factors, base_col, fcols, pinned, pin_values, continuation)
    return out


def _chain(out, idx, factors, base_col, fcols, pinned, pin_values, continuation) -> None:
    """v[y] = v[y-1] * factor, except that a pin replaces v[y]; in a pinned year the chain
    goes on from the pin as a projection, pin ÷ the year's scale, read off the year's
    column once it is complete."""
    pins, values = pinned[idx], pin_values[idx]
    prev = out[idx, base_col]
    for j in range(factors.shape[1]):
        step = prev * factors[:, j]
        shown = np.where(pins[:, j], values[:, j], step)
        out[idx, fcols.start + j] = shown
        prev = shown
        if pins[:, j].any():
            scales = continuation.scales(j, out[:, fcols.start + j], pinned[:, j])
            prev = np.where(pins[:, j], values[:, j] / scales[idx], step)


class _Continuation:
    """The scale a chained pin is divided by to continue its chain: its dimension's free
    scale that year, 1 where nothing is scaled (the total, bottom-up primary segments,
    years where reconciliation is impossible or its scale is 0)."""

    def __init__(self, project: Project, blocks: dict[str, slice], fixed: np.ndarray) -> None:
        self.fixed = fixed
        self.primary = project.primary_dimension if project.mode == "bottom_up" else None
        self.blocks = {d: b for d, b in blocks.items() if d != self.primary and b.stop > b.start}
        self.primary_rows = blocks.get(self.primary) if self.primary is not None else None

    def scales(self, j: int, column: np.ndarray, pinned: np.ndarray) -> np.ndarray:
        """Per series, for forecast column j (`column`: every series' projection)."""
        out = np.ones(len(column))
        rows = self.primary_rows
        total = column[rows].sum() if rows is not None and rows.stop > rows.start else column[0]
        for rows in self.blocks.values():
            if not pinned[rows].any():
                continue
            done = reconcile_block(
                column[rows, None], self.fixed[rows, j : j + 1], np.array([total])
            )
            scale = float(done.scale[0])
            if math.isfinite(scale) and scale != 0:
                out[rows] = scale
        return out


def _reconcile(project: Project, row: dict[str, int], blocks, projected, fixed):
    """Reconcile each dimension to the total (`reconcile.reconcile_block`).

    A dimension's segments are consecutive rows (series follow dimension order), so each
    dimension is one slice of the matrix. Returns the shown values and, per dimension, a
    `Reconciled` widened to every year: history gaps are Σ history − total history,
    history scales NaN.
    """
    meta = project.metadata
    values = projected.copy()
    fc = slice(meta.base_year + 1 - meta.first_year, None)
    total = values[row[TOTAL]]
    primary = project.primary_dimension if project.mode == "bottom_up" else None
    if primary is not None and blocks[primary].stop > blocks[primary].start:
        total[fc] = projected[blocks[primary], fc].sum(axis=0)
    out: dict[str, Reconciled] = {}
    width = values.shape[1]
    for dim_id, rows in blocks.items():
        if rows.stop == rows.start:
            out[dim_id] = _empty(width, fc, total)
            continue
        gap = projected[rows].sum(axis=0) - total
        scale = np.full(width, np.nan)
        reasons = np.zeros(width, dtype=np.int8)
        if dim_id == primary:
            gap[fc], scale[fc] = 0.0, 1.0
        else:
            done = reconcile_block(projected[rows, fc], fixed[rows], total[fc])
            values[rows, fc] = done.values
            gap[fc], scale[fc], reasons[fc] = done.gap, done.scale, done.reasons
        out[dim_id] = Reconciled(values[rows], scale, gap, reasons)
    return values, out


def _empty(width: int, fc: slice, total: np.ndarray) -> Reconciled:
    """A dimension without segments: its segments add up to 0, which is the gap; no scale."""
    reasons = np.zeros(width, dtype=np.int8)
    reasons[fc] = np.where(np.isfinite(total[fc]) & (total[fc] != 0), 2, 0)
    return Reconciled(np.empty((0, width)), np.full(width, np.nan), -total, reasons)


def _dimension_rows(project: Project, row: dict[str, int]) -> dict[str, slice]:
    blocks = {}
    for dim in project.dimensions:
        start = row[dim.members[0].id] if dim.members else 0
        blocks[dim.id] = slice(start, start + len(dim.members))
    return blocks
