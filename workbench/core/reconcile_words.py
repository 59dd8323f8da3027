"""Reconciliation in words: what the gap and scale rows mean, why a cell shows what it
shows, and why a typed rate differs from the CAGR a segment shows.

The tables' tooltips, the inspector and the command line read these sentences, so an
analyst gets the same explanation everywhere. They read the cached forecast only.
"""

from __future__ import annotations

import math

from workbench.core.derived import cagr
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.project import TOTAL, Project
from workbench.core.reconcile import REASONS
from workbench.numbers import number, percent

GAP_LABEL = "Unreconciled: Σ projected − total"
SCALE_LABEL = "Scale of free segments"
"""The labels of the gap and scale rows, in tables, the command line and the workbook."""

RATE_NOTICE = 5e-4
"""A shown CAGR this far (0.05 points) from the typed rate is worth a notice."""


def is_primary(p: Project, dimension_id: str) -> bool:
    return p.mode == "bottom_up" and p.primary_dimension == dimension_id


def rate_text(rate: float, shown: float, fmt=percent) -> str:
    """"12.0 %", or "12.0 % · shown 11.8 %" when reconciliation bends the CAGR (in the
    rate column, so the typed rate comes first); `fmt` writes a percentage (the GUI passes
    its locale's)."""
    if bends(rate, shown):
        return f"{fmt(rate)} · shown {fmt(shown)}"
    return fmt(rate)


def bends(rate: float, shown: float) -> bool:
    """Whether a shown CAGR is far enough from the typed rate to say so."""
    return math.isfinite(shown) and abs(shown - rate) >= RATE_NOTICE


def shown_cagr(p: Project, result: ScenarioResult, series_id: str) -> float:
    a, b = p.metadata.forecast_cagr_years
    return cagr({a: result.value(series_id, a), b: result.value(series_id, b)}, a, b)


def explain_rate(document: Document, scenario_id: str, series_id: str) -> str | None:
    """Why a CAGR series shows a CAGR other than its typed rate (None: no CAGR series)."""
    p = document.project
    g = p.growth_of(scenario_id, series_id)
    if g.method != "cagr" or (series_id == TOTAL and p.mode == "bottom_up"):
        return None
    result = document.result(scenario_id)
    shown = shown_cagr(p, result, series_id)
    a, b = p.metadata.forecast_cagr_years
    typed = f"Typed CAGR {percent(g.rate)}"
    if not math.isfinite(shown) or abs(shown - g.rate) < RATE_NOTICE:
        return f"{typed}; the numbers shown grow at it ({a}–{b})."
    because = (
        "pins in this series restart its growth"
        if series_id == TOTAL or is_primary(p, p.dimension_of(series_id).id)
        else f"reconciliation scales the free segments of {p.dimension_of(series_id).name} "
        "each year so that they add up to the total; the segment keeps its share of the "
        "scaled sum, not its own growth"
    )
    return f"{typed}, shown CAGR {a}–{b} {percent(shown)}: {because}."


def explain_reconciliation(
    document: Document, scenario_id: str, dimension_id: str, year: int, kind: str
) -> str:
    """The tooltip of a gap ("gap") or scale ("scale") cell of a dimension and year."""
    p = document.project
    dim = p.dimension(dimension_id)
    result = document.result(scenario_id)
    gap = number(result.gap(dimension_id, year))
    if kind == "gap":
        return (
            f"Unreconciled gap of {dim.name} in {year}: its segments' own projections add up "
            f"to {gap} more than the total, before reconciliation. A large gap means the "
            "segments' assumptions disagree with the total's. The segments as shown add up "
            "to the total unless the scale row says why not."
        )
    if year <= p.metadata.base_year:
        return "History is not scaled; validation reports history that does not add up."
    if is_primary(p, dimension_id):
        return f"{dim.name} makes the total (bottom-up): nothing is scaled."
    reason = result.reason(dimension_id, year)
    if reason:
        return f"{dim.name} is not reconciled in {year}: {REASONS[reason]}."
    scale = number(result.scale(dimension_id, year), 6)
    return (
        f"Scale of {dim.name} in {year}: its free segments (not pinned or held) are "
        f"multiplied by {scale} so that, with the pinned and held ones as typed, they add "
        "up to the total."
    )


def cell_reconciliation(p: Project, result: ScenarioResult, series_id: str, year: int) -> str:
    """How reconciliation treated one segment cell, appended to its formula in words."""
    if series_id == TOTAL:
        return ""
    dim = p.dimension_of(series_id)
    if is_primary(p, dim.id):
        return ""
    reason = result.reason(dim.id, year)
    if reason:
        return f"; not reconciled: {REASONS[reason]}"
    if result.is_fixed(series_id, year):
        return "; shown exactly (pinned or held: reconciliation scales only the free segments)"
    scale = result.scale(dim.id, year)
    if abs(scale - 1.0) <= 1e-12:
        return ""
    total = number(result.value(TOTAL, year))
    return f", then reconciled: × {number(scale)} so {dim.name} meets the total {total}"
