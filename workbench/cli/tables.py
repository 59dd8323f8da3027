"""The market tables of `workbench show`: per dimension and for the total, by year.

Each table holds, for one scenario, the values the engine computed (history and
reconciled forecast), the total, every segment's share, the CAGRs of the history and the
forecast period, the unreconciled gap (Σ projected − total, before scaling) and the scale
the free segments got: both shown, never hidden (docs/forecast-semantics.md §4). The
renderers in `show` only format these numbers; nothing here formats text.

The tables are of one measure: the value, the volume (reconciled by the same rules) or the
average price (derived: no shares, no gap and no scale, since prices are not reconciled
and do not add up).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.core.derived import growth_ratio, series_names, share_rows
from workbench.core.document import Document
from workbench.core.measures import VALUE, measure, unit_of
from workbench.core.project import TOTAL, Dimension


@dataclass(frozen=True)
class Row:
    series_id: str
    name: str
    values: np.ndarray
    cagrs: tuple[float, ...]
    shares: np.ndarray | None = None


@dataclass(frozen=True)
class Table:
    """The total's table has no dimension, no segment rows, no gap and no scale."""

    dimension_id: str | None
    title: str
    rows: tuple[Row, ...]
    total: Row
    gap: np.ndarray | None
    scale: np.ndarray | None = None


@dataclass(frozen=True)
class MarketTables:
    title: str
    unit: str
    scenario_id: str
    scenario_name: str
    years: tuple[int, ...]
    base_year: int
    periods: tuple[tuple[int, int], ...]
    tables: tuple[Table, ...]
    measure: str = VALUE
    measure_label: str = ""
    """The measure's label for titles ("Volume"); empty for a project with value only, whose
    titles read as they always have."""


def market_tables(document: Document, scenario_id: str, measure_id: str = VALUE) -> MarketTables:
    """The tables of one scenario and measure: the total first, then one per dimension in
    model order."""
    p = document.project
    meta = p.metadata
    result = document.result(scenario_id, measure_id)
    typed = measure(measure_id).typed
    names = series_names(p)
    periods = tuple(
        (a, b)
        for a, b in (meta.history_cagr_years, meta.forecast_cagr_years)
        if a < b
    )

    def row(series_id: str, shares: np.ndarray | None = None) -> Row:
        values = result.series_values(series_id)
        cagrs = tuple(
            float(growth_ratio(values[result.col(a)], values[result.col(b)], b - a))
            for a, b in periods
        )
        return Row(series_id, names[series_id], values, cagrs, shares)

    total = row(TOTAL)
    tables = [Table(None, "Total market", (), total, None)]
    for dim in p.dimensions:
        shares = share_rows(result, dim.member_ids()) if typed else None
        tables.append(_dimension_table(dim, row, shares, total, result))
    return MarketTables(
        meta.title,
        unit_of(p, measure_id),
        scenario_id,
        p.scenario(scenario_id).name,
        tuple(meta.years),
        meta.base_year,
        periods,
        tuple(tables),
        measure_id,
        "" if p.volume is None else measure(measure_id).label,
    )


def _dimension_table(dim: Dimension, row, shares: np.ndarray | None, total: Row, result) -> Table:
    """A dimension's table; a derived measure's (shares None) has no gap and no scale."""
    if shares is None:
        return Table(dim.id, dim.name, tuple(row(m) for m in dim.member_ids()), total, None)
    rows = tuple(row(m, shares[i]) for i, m in enumerate(dim.member_ids()))
    return Table(dim.id, dim.name, rows, total, result.gaps[dim.id], result.scales[dim.id])
