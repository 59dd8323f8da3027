"""The market tables of `workbench show`: per dimension and for the total, by year.

Each table holds, for one scenario, the values the engine computed (history and
reconciled forecast), the total, every segment's share, the CAGRs of the history and the
forecast period, the unreconciled gap (Σ projected − total, before scaling) and the scale
the free segments got: both shown, never hidden (docs/forecast-semantics.md §4). The
renderers in `show` only format these numbers; nothing here formats text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.core.derived import growth_ratio, series_names, share_rows
from workbench.core.document import Document
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


def market_tables(document: Document, scenario_id: str) -> MarketTables:
    """The tables of one scenario: the total first, then one per dimension in model order."""
    p = document.project
    meta = p.metadata
    result = document.result(scenario_id)
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
        tables.append(
            _dimension_table(
                dim, row, share_rows(result, dim.member_ids()), total, result
            )
        )
    return MarketTables(
        meta.title,
        meta.unit,
        scenario_id,
        p.scenario(scenario_id).name,
        tuple(meta.years),
        meta.base_year,
        periods,
        tuple(tables),
    )


def _dimension_table(dim: Dimension, row, shares: np.ndarray, total: Row, result) -> Table:
    rows = tuple(row(m, shares[i]) for i, m in enumerate(dim.member_ids()))
    return Table(dim.id, dim.name, rows, total, result.gaps[dim.id], result.scales[dim.id])
