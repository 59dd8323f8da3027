"""The forecast engine: every series of one scenario, as docs/forecast-semantics.md defines it.

One scenario is computed as a (series × years) matrix with numpy: each growth method of
the registry (`workbench.core.methods`) projects its whole group of series at once,
chained methods step year by year across all chained series together, and
reconciliation scales whole dimensions in one operation. The workbook's formulas
reproduce these steps cell by cell, so any change here is a change to the contract.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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
    return compute_measures((project,), scenario_id, (history,))[0]


def compute_measures(
    views: Sequence[Project], scenario_id: str, histories: Sequence[np.ndarray | None]
) -> tuple[ScenarioResult, ...]:
    """`compute_scenario` for several measures of one project at once, one result each.

    The views (`measures.view`, one per typed measure) share the project's structure, so
    their series are stacked into one matrix, measure after measure, and every step runs
    once for all of them: each growth method projects its series of every measure
    together, the chained years are stepped once, and each dimension is reconciled in one
    call with the measures' years side by side (reconciliation treats every year on its
    own). The numbers are exactly those of one measure computed alone; only the fixed cost
    of each step is paid once, which keeps two measures under twice the cost of one.
    """
    first = views[0]
    meta = first.metadata
    series = tuple(first.series_ids())
    row = dict(zip(series, range(len(series)), strict=True))
    stack = _Stack(first, row, len(views))
    hist = np.empty((len(views) * len(series), meta.last_year - meta.first_year + 1))
    for rows, shown, history in zip(stack.measure_rows(), views, histories, strict=True):
        hist[rows] = history_matrix(shown) if history is None else history
    years = meta.forecast_years
    pinned, pin_values = _pins_of(views, scenario_id, row, years)
    fixed = pinned | _holds_of(views, row, years)
    # Extreme but finite inputs may overflow to inf or give inf - inf; those cells are
    # reported by validation as non-finite forecasts, so numpy need not warn about them.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        continuation = _Continuation(stack, fixed)
        projected = _project_all(
            views, scenario_id, series, hist, pinned, pin_values, continuation
        )
        values, recs = _reconcile(stack, projected, fixed)
    shown_fixed = _full_width(fixed, meta)
    return tuple(
        ScenarioResult(
            scenario_id,
            meta.first_year,
            meta.base_year,
            series,
            row,
            projected[rows],
            values[rows],
            {d: r.gap for d, r in rec.items()},
            {d: r.scale for d, r in rec.items()},
            {d: r.reasons for d, r in rec.items()},
            shown_fixed[rows],
        )
        for rows, rec in zip(stack.measure_rows(), recs, strict=True)
    )


class _Stack:
    """Where things are in the stacked matrix: measure m's series are rows m·n … m·n + n − 1
    (n series each, the total first), and each dimension's segments are consecutive rows
    within them (series follow dimension order)."""

    def __init__(self, project: Project, row: dict[str, int], measures: int) -> None:
        self.n = len(row)
        self.starts = range(0, measures * self.n, self.n)
        self.total = row[TOTAL]
        self.blocks = _dimension_rows(project, row)
        self.primary = project.primary_dimension if project.mode == "bottom_up" else None
        self.first_year = project.metadata.first_year
        self.base_year = project.metadata.base_year

    def measure_rows(self) -> list[slice]:
        return [slice(start, start + self.n) for start in self.starts]

    def rows(self, dimension_id: str) -> list[slice]:
        """The dimension's segment rows in every measure."""
        block = self.blocks[dimension_id]
        return [slice(s + block.start, s + block.stop) for s in self.starts]

    def totals(self, columns: np.ndarray) -> np.ndarray:
        """Per measure, the total forecast columns (one, or every forecast year) reconcile
        to: the total series, or in bottom-up mode the sum of the primary dimension's
        segments (when it has any)."""
        primary = self.primary
        if primary is not None and self.blocks[primary].stop > self.blocks[primary].start:
            return np.array([columns[rows].sum(axis=0) for rows in self.rows(primary)])
        return columns[[s + self.total for s in self.starts]]


def _full_width(forecast: np.ndarray, meta) -> np.ndarray:
    """A (series × forecast years) array widened to every year (history columns False)."""
    out = np.zeros((forecast.shape[0], meta.last_year - meta.first_year + 1), forecast.dtype)
    out[:, meta.base_year + 1 - meta.first_year :] = forecast
    return out


def _pins_of(views: Sequence[Project], scenario_id: str, row: dict[str, int], years: range):
    """The scenario's pins of every measure as a stacked (series × forecast years) mask and
    matrix of values."""
    n = len(row)
    mask = np.zeros((len(views) * n, len(years)), dtype=bool)
    values = np.zeros(mask.shape)
    for start, shown in zip(range(0, mask.shape[0], n), views, strict=True):
        for (scn, series_id, year), value in shown.pins.items():
            i = row.get(series_id)
            if scn == scenario_id and i is not None and year in years:
                mask[start + i, year - years.start] = True
                values[start + i, year - years.start] = value
    return mask, values


def _holds_of(views: Sequence[Project], row: dict[str, int], years: range) -> np.ndarray:
    """The held cells of every measure as a stacked (series × forecast years) mask (holds
    apply to every scenario)."""
    n = len(row)
    mask = np.zeros((len(views) * n, len(years)), dtype=bool)
    for start, shown in zip(range(0, mask.shape[0], n), views, strict=True):
        for series_id, year in shown.holds:
            i = row.get(series_id)
            if i is not None and year in years:
                mask[start + i, year - years.start] = True
    return mask


_CHAINED = np.array([m.chained for m in REGISTERED])
"""Per registry index: whether the method chains (continues from pins)."""


def _project_all(views, scenario_id, series, hist, pinned, pin_values, continuation):
    """Each series from its own method, history and pins; no reconciliation yet.

    The per-series Python work is looking up each series' `Growth` (with C-level `map`s);
    everything that follows runs on whole groups of series (one group per method of the
    registry, every measure's series together) in numpy. The methods that are not chained
    come first (values a pin replaces), so that a year's column is complete when the
    chained methods reach it: their yearly factors are chained together in one pass, a
    pin restarting the chain from the pin as a projection (`continuation`).
    """
    meta = views[0].metadata
    out = hist.copy()
    years = meta.forecast_years
    fcols = slice(years.start - meta.first_year, years.stop - meta.first_year)
    base_col = meta.base_year - meta.first_year
    keys = list(zip(repeat(scenario_id), series))  # one set of keys for every measure
    growths = [
        growth
        for shown in views
        for growth in map(shown.growth.get, keys, repeat(DEFAULT_GROWTH))
    ]
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

    def __init__(self, stack: _Stack, fixed: np.ndarray) -> None:
        self.stack = stack
        self.fixed = fixed
        self.dimensions = [
            d for d, b in stack.blocks.items() if d != stack.primary and b.stop > b.start
        ]

    def scales(self, j: int, column: np.ndarray, pinned: np.ndarray) -> np.ndarray:
        """Per series, for forecast column j (`column`: every series' projection); each
        dimension with a pin that year is reconciled for every measure in one call."""
        out = np.ones(len(column))
        totals = None
        for dim_id in self.dimensions:
            rows = self.stack.rows(dim_id)
            if not any(pinned[r].any() for r in rows):
                continue
            if totals is None:
                totals = self.stack.totals(column)
            done = _side_by_side(
                [column[r, None] for r in rows], [self.fixed[r, j : j + 1] for r in rows], totals
            )
            for r, scale in zip(rows, done.scale.tolist(), strict=True):
                if math.isfinite(scale) and scale != 0:
                    out[r] = scale
        return out


def _reconcile(stack: _Stack, projected: np.ndarray, fixed: np.ndarray):
    """Reconcile each dimension to the total (`reconcile.reconcile_block`), every measure's
    forecast years side by side in one call.

    Returns the shown values and, per measure and dimension, a `Reconciled` widened to
    every year: history gaps are Σ history − total history, history scales NaN.
    """
    values = projected.copy()
    fc = slice(stack.base_year + 1 - stack.first_year, None)
    totals = [values[start + stack.total] for start in stack.starts]
    for total, reconciled_to in zip(totals, stack.totals(projected[:, fc]), strict=True):
        total[fc] = reconciled_to  # bottom-up: the shown total is the primary's sum
    out: list[dict[str, Reconciled]] = [{} for _ in stack.starts]
    width = values.shape[1]
    for dim_id in stack.blocks:
        segments = stack.rows(dim_id)
        done = None
        if dim_id != stack.primary and segments[0].stop > segments[0].start:
            done = _side_by_side(
                [projected[r, fc] for r in segments],
                [fixed[r] for r in segments],
                np.concatenate([total[fc] for total in totals]),
            )
        for m, (r, total) in enumerate(zip(segments, totals, strict=True)):
            if r.stop == r.start:
                out[m][dim_id] = _empty(width, fc, total)
                continue
            gap = projected[r].sum(axis=0) - total
            scale = np.full(width, np.nan)
            reasons = np.zeros(width, dtype=np.int8)
            if done is None:
                gap[fc], scale[fc] = 0.0, 1.0
            else:
                cols = slice(m * (width - fc.start), (m + 1) * (width - fc.start))
                values[r, fc] = done.values[:, cols]
                gap[fc], scale[fc] = done.gap[cols], done.scale[cols]
                reasons[fc] = done.reasons[cols]
            out[m][dim_id] = Reconciled(values[r], scale, gap, reasons)
    return values, out


def _side_by_side(projected: list[np.ndarray], fixed: list[np.ndarray], totals: np.ndarray):
    """`reconcile_block` of one dimension in every measure, each measure's years beside the
    other's in one call: reconciliation treats each year on its own, so this is each
    measure reconciled alone, bit for bit, as long as every measure has two years or more.
    A single column is summed by numpy pairwise (it is contiguous), several columns row by
    row, so a one-year block is reconciled measure by measure to keep its rounding."""
    if len(projected) == 1:
        return reconcile_block(projected[0], fixed[0], totals)
    if projected[0].shape[1] < 2:
        parts = [
            reconcile_block(p, f, t)
            for p, f, t in zip(projected, fixed, np.split(totals, len(projected)), strict=True)
        ]
        return Reconciled(*(np.hstack([getattr(d, a) for d in parts]) for a in _PARTS))
    return reconcile_block(np.hstack(projected), np.hstack(fixed), totals)


_PARTS = ("values", "scale", "gap", "reasons")


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
