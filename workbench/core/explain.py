"""Cell explanations: what a cell is and how its number came about, in words.

An analyst who sees 9.91 in a forecast cell must be able to ask "where does this come
from?" and get the answer the engine actually used: the method, its parameters, a pin,
the reconciliation factor. The GUI's inspector shows `explain_cell`; tables mark cells by
`cell_state`. Both read the model and the cached forecast; neither computes a forecast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.core.derived import format_number, format_percent
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL, Project

STATES = ("input", "computed", "pinned", "held", "blank")
METHOD_NAMES = {
    "cagr": "CAGR",
    "growth_by_year": "growth by year",
    "s_curve": "S-curve",
    "manual": "manual values",
}


@dataclass(frozen=True, slots=True)
class CellInfo:
    """A cell's state (input, computed, pinned or blank), whether it is held, its source
    and note, and its formula in words."""

    state: str
    held: bool
    source: Source | None
    note: str
    formula: str


def cell_state(project: Project, scenario_id: str, series_id: str, year: int) -> str:
    """One of STATES; "held" wins, because a held cell is what spreading will not touch."""
    _check_cell(project, scenario_id, series_id, year)
    if (series_id, year) in project.holds:
        return "held"
    return _state(project, scenario_id, series_id, year)


def explain_cell(document: Document, scenario_id: str, series_id: str, year: int) -> CellInfo:
    p = document.project
    _check_cell(p, scenario_id, series_id, year)
    state = _state(p, scenario_id, series_id, year)
    history = year <= p.metadata.base_year
    note = p.notes.get(("" if history else scenario_id, series_id, year), "")
    source = _source(p, series_id, year) if history else None
    if history:
        formula = _history_formula(state, source)
    else:
        result = document.result(scenario_id)
        formula = _forecast_formula(p, result, state, series_id, year)
        formula += _reconciliation(p, result, series_id, year)
    return CellInfo(state, (series_id, year) in p.holds, source, note, formula)


def _check_cell(p: Project, scenario_id: str, series_id: str, year: int) -> None:
    p.scenario(scenario_id)
    p.check_series(series_id)
    if year not in p.metadata.years:
        raise ModelError(
            f"{year} is outside the project's years "
            f"({p.metadata.first_year}–{p.metadata.last_year})."
        )


def _state(p: Project, scenario_id: str, series_id: str, year: int) -> str:
    if year <= p.metadata.base_year:
        return "input" if (series_id, year) in p.history else "blank"
    if series_id == TOTAL and p.mode == "bottom_up":
        return "computed"
    if (scenario_id, series_id, year) in p.pins:
        return "pinned"
    g = p.growth_of(scenario_id, series_id)
    if g.method == "manual":
        return "input" if year in g.values else "blank"
    return "computed"


def _source(p: Project, series_id: str, year: int) -> Source | None:
    source_id = p.history_sources.get((series_id, year))
    return next((s for s in p.sources if s.id == source_id), None)


def _history_formula(state: str, source: Source | None) -> str:
    if state == "blank":
        return "Blank: no history value typed"
    return f"Input (history), source: {source.label()}" if source else "Input (history), no source"


def _forecast_formula(p: Project, result: ScenarioResult, state: str, series_id, year) -> str:
    g = p.growth_of(result.scenario_id, series_id)
    method = METHOD_NAMES[g.method]
    if series_id == TOTAL and p.mode == "bottom_up":
        primary = p.dimension(p.primary_dimension).name
        return f"{year} = sum of the {primary} segments (bottom-up)"
    if state == "pinned":
        pin = p.pins[(result.scenario_id, series_id, year)]
        return f"Pinned at {format_number(pin)} (replaces the {method})"
    if g.method == "manual":
        return "Typed (manual method)" if state == "input" else "Blank: no value typed (manual)"
    if g.method == "s_curve":
        v0 = result.projected_value(series_id, p.metadata.base_year)
        return (
            "S-curve: K / (1 + ((K − v0)/v0)·e^(−r·t)) with "
            f"K = {_param(g.k)}, r = {_param(g.r)}, t = {year - p.metadata.base_year}, "
            f"v0 = {format_number(v0)}"
        )
    if g.method == "cagr":
        return f"{year} = {year - 1} × (1 + {format_percent(g.rate)}) (CAGR)"
    if year not in g.rates:
        return f"{year} = {year - 1} × (1 + 0.0 %) (growth by year; no rate typed)"
    return f"{year} = {year - 1} × (1 + {format_percent(g.rates[year])}) (growth by year)"


def _param(value: float | None) -> str:
    return "not set" if value is None else format_number(value)


def _reconciliation(p: Project, result: ScenarioResult, series_id: str, year: int) -> str:
    """How reconciliation scaled a segment: its dimension's factor and the total it met."""
    if series_id == TOTAL:
        return ""
    dim = p.dimension_of(series_id)
    if p.mode == "bottom_up" and dim.id == p.primary_dimension:
        return ""
    total = result.value(TOTAL, year)
    sums = math.fsum(result.projected_value(m, year) for m in dim.member_ids())
    if sums == 0 or not math.isfinite(sums):
        added = format_number(sums)
        return f", then reconciled: impossible, the {dim.name} segments add up to {added}"
    factor = total / sums
    if abs(factor - 1.0) <= 1e-12:
        return ""
    return f", then reconciled: × {format_number(factor)} to the total of {format_number(total)}"
