"""Numbers typed over the workbook's computed cells (totals, CAGRs, shares, gaps): never
taken, and never dropped in silence either.

The reader collects each computed cell that holds a number instead of its formula; here
each is compared with what the app computes for that cell, so a tool that saved values
only (the same numbers) says nothing, and a number of the analyst's own is listed as not
taken, with the reason and where to make the change instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.core.derived import growth_ratio
from workbench.core.document import Document
from workbench.core.measures import VALUE
from workbench.core.project import TOTAL
from workbench.excel.layout import GAP, SHARE, cagr_cols, year_col
from workbench.excel.plan import ImportNote
from workbench.numbers import amount, plain_percent


@dataclass(frozen=True)
class TypedOver:
    """A computed cell holding a value: the block's scenario, the row's id, its column."""

    sheet: str
    cell: str
    scenario_id: str
    row_id: str
    col: int
    value: object


def not_taken(
    document: Document, typed: list[TypedOver], measure: str = VALUE
) -> list[ImportNote]:
    """A note for each typed-over computed cell whose value is not what the app computes
    (for the measure whose sheet it is on)."""
    notes = []
    for item in typed:
        computed, what, percent = _computed(document, item, measure)
        value = item.value
        if isinstance(value, int | float) and _same(float(value), computed):
            continue
        shown = plain_percent(value) if percent and isinstance(value, float) else _show(value)
        notes.append(
            ImportNote(
                "Not taken",
                item.sheet,
                item.cell,
                f"{shown} typed over the {what}, which the workbook computes; "
                "change the inputs it is computed from instead",
            )
        )
    return notes


def _computed(document: Document, item: TypedOver, measure: str) -> tuple[float, str, bool]:
    """The app's value of the cell, what it is in words, and whether it is a rate."""
    meta = document.project.metadata
    result = document.result(item.scenario_id, measure)
    hist, fore = cagr_cols(meta)
    row_id = item.row_id
    if item.col in (hist, fore):
        a, b = (
            (meta.first_year, meta.base_year)
            if item.col == hist
            else (meta.base_year, meta.last_year)
        )
        series = _series(row_id)
        values = result.series_values(series) if series in result.row else None
        cagr = (
            math.nan
            if values is None
            else growth_ratio(float(values[result.col(a)]), float(values[result.col(b)]), b - a)
        )
        return cagr, f"CAGR {a}–{b}", True
    year = meta.first_year + item.col - year_col(meta, meta.first_year)
    if row_id.startswith(SHARE):
        total = result.value(TOTAL, year)
        part = result.value(row_id[len(SHARE) :], year)
        return (part / total if total else math.nan), f"share in {year}", True
    if row_id.startswith(GAP):
        return result.gap(row_id[len(GAP) :], year), f"gap in {year}", False
    return result.value(_series(row_id), year), f"total in {year}", False


def _series(row_id: str) -> str:
    return row_id[len(SHARE) :] if row_id.startswith(SHARE) else row_id


def _same(typed: float, computed: float) -> bool:
    if math.isnan(computed):
        return False
    return math.isclose(typed, computed, rel_tol=1e-9, abs_tol=1e-12)


def _show(value: object) -> str:
    return amount(value) if isinstance(value, float | int) else repr(str(value))
