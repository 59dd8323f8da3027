"""Cell explanations: what a cell is and how its number came about, in words.

An analyst who sees 9.91 in a forecast cell must be able to ask "where does this come
from?" and get the answer the engine actually used: the method, its parameters, a pin,
the reconciliation factor. The GUI's inspector shows `explain_cell`; tables mark cells by
`cell_states`, the same rule as `cell_state` for a block of cells at once (a table repaints
hundreds of cells after every edit, and checking each cell's series on its own walks every
segment). All read the model and the cached forecast; none computes a forecast.

A volume cell is explained exactly as a value cell, from the volume's inputs and forecast
(its view of the project) and in its unit; an average-price cell shows its division, both
numbers and the factor ("USD 3.2 per subscription = 2.55 USD billions ÷ 797 million
subscriptions × 1,000"). `cell_state` and `cell_states` take the measure's view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.measures import PRICE, VALUE, VOLUME, price_unit, unit_of, view
from workbench.core.methods import method
from workbench.core.methods.base import Explanation
from workbench.core.project import TOTAL, Project
from workbench.core.reconcile_words import cell_reconciliation
from workbench.numbers import number, percent

STATES = ("input", "computed", "pinned", "held", "blank")
STATE_CODES = {state: code for code, state in enumerate(STATES)}
"""The code of each state in the arrays of `cell_states`: STATES[code] is the state."""


@dataclass(frozen=True, slots=True)
class CellInfo:
    """A cell's state (input, computed, pinned or blank), whether it is held, its source
    and note, its formula in words, and the unit its number is in (the measure's)."""

    state: str
    held: bool
    source: Source | None
    note: str
    formula: str
    unit: str = ""


def cell_state(project: Project, scenario_id: str, series_id: str, year: int) -> str:
    """One of STATES; "held" wins, because a held cell is what spreading will not touch."""
    _check_cell(project, scenario_id, series_id, year)
    if (series_id, year) in project.holds:
        return "held"
    return _state(project, scenario_id, series_id, year)


def cell_states(
    project: Project,
    scenario_id: str,
    series_ids: Sequence[str],
    years: Sequence[int],
    with_holds: bool = True,
) -> np.ndarray:
    """`cell_state` of every (series, year) cell as a (series × years) array of STATE_CODES.

    The cells are checked once for the whole block. With `with_holds` False a held cell
    keeps its underlying state (input, pinned...), for a table that marks "held" apart.
    """
    project.scenario(scenario_id)
    known = set(project.series_ids())
    unknown = next((s for s in series_ids if s not in known), None)
    if unknown is not None:
        project.check_series(unknown)
    for year in years:
        _check_year(project, year)
    codes = np.array(
        [
            [STATE_CODES[s] for s in _row_states(project, scenario_id, series_id, years)]
            for series_id in series_ids
        ],
        dtype=np.int8,
    ).reshape(len(series_ids), len(years))
    if with_holds:
        codes[held_cells(project, series_ids, years)] = STATE_CODES["held"]
    return codes


def held_cells(project: Project, series_ids: Sequence[str], years: Sequence[int]) -> np.ndarray:
    """Whether each (series, year) cell is held, as a (series × years) boolean array.

    It walks the holds (a handful) rather than the cells (thousands).
    """
    rows = {s: i for i, s in enumerate(series_ids)}
    cols = {y: j for j, y in enumerate(years)}
    held = np.zeros((len(series_ids), len(years)), dtype=bool)
    for series_id, year in project.holds:
        if series_id in rows and year in cols:
            held[rows[series_id], cols[year]] = True
    return held


def explain_cell(
    document: Document, scenario_id: str, series_id: str, year: int, measure: str = VALUE
) -> CellInfo:
    """What the cell of `measure` (value, volume or price) is and how its number came about."""
    if measure == PRICE:
        return _price_cell(document, scenario_id, series_id, year)
    p = view(document.project, measure)
    _check_cell(p, scenario_id, series_id, year)
    state = _state(p, scenario_id, series_id, year)
    history = year <= p.metadata.base_year
    note = p.notes.get(("" if history else scenario_id, series_id, year), "")
    source = _source(p, series_id, year) if history else None
    if history:
        formula = _history_formula(state, source)
    else:
        result = document.result(scenario_id, measure)
        formula = _forecast_formula(p, result, state, series_id, year)
        formula += cell_reconciliation(p, result, series_id, year)
    return CellInfo(state, (series_id, year) in p.holds, source, note, formula, p.metadata.unit)


def _price_cell(document: Document, scenario_id: str, series_id: str, year: int) -> CellInfo:
    """The average price: computed from the value and the volume, never typed or held."""
    p = document.project
    _check_cell(p, scenario_id, series_id, year)
    unit = price_unit(p)
    value = document.result(scenario_id).value(series_id, year)
    volume = document.result(scenario_id, VOLUME).value(series_id, year)
    price = document.result(scenario_id, PRICE).value(series_id, year)
    if np.isfinite(price):
        division = (
            f"{number(value)} {p.metadata.unit} ÷ {number(volume)} {unit_of(p, VOLUME)}"
            f"{unit.times}"
        )
        return CellInfo("computed", False, None, "", f"{unit.amount(price)} = {division}",
                        unit.text)  # fmt: skip
    if not np.isfinite(volume):
        why = f"no volume for {year}"
    elif volume == 0:
        why = f"the volume is 0 in {year}"
    else:
        why = f"no value for {year}"
    return CellInfo("blank", False, None, "", f"Blank: {why}, so no average price", unit.text)


def _check_cell(p: Project, scenario_id: str, series_id: str, year: int) -> None:
    p.scenario(scenario_id)
    p.check_series(series_id)
    _check_year(p, year)


def _check_year(p: Project, year: int) -> None:
    if year not in p.metadata.years:
        raise ModelError(
            f"{year} is outside the project's years "
            f"({p.metadata.first_year}–{p.metadata.last_year})."
        )


def _state(p: Project, scenario_id: str, series_id: str, year: int) -> str:
    return _row_states(p, scenario_id, series_id, (year,))[0]


def _row_states(p: Project, scenario_id: str, series_id: str, years: Sequence[int]) -> list[str]:
    """The state of one series in each of `years` (holds aside): the one rule for states."""
    base = p.metadata.base_year
    computed_total = series_id == TOTAL and p.mode == "bottom_up"
    g = p.growth_of(scenario_id, series_id)
    typed = method(g.method).typed
    states = []
    for year in years:
        if year <= base:
            states.append("input" if (series_id, year) in p.history else "blank")
        elif computed_total:
            states.append("computed")
        elif (scenario_id, series_id, year) in p.pins:
            states.append("pinned")
        elif typed:
            states.append("input" if year in g.values else "blank")
        else:
            states.append("computed")
    return states


def _source(p: Project, series_id: str, year: int) -> Source | None:
    source_id = p.history_sources.get((series_id, year))
    return next((s for s in p.sources if s.id == source_id), None)


def _history_formula(state: str, source: Source | None) -> str:
    if state == "blank":
        return "Blank: no history value typed"
    return f"Input (history), source: {source.label()}" if source else "Input (history), no source"


def _forecast_formula(p: Project, result: ScenarioResult, state: str, series_id, year) -> str:
    g = p.growth_of(result.scenario_id, series_id)
    grows = method(g.method)
    if series_id == TOTAL and p.mode == "bottom_up":
        primary = p.dimension(p.primary_dimension).name
        return f"{year} = sum of the {primary} segments (bottom-up)"
    if state == "pinned":
        pin = p.pins[(result.scenario_id, series_id, year)]
        return f"Pinned at {number(pin)} (replaces the {grows.noun})"
    base = p.metadata.base_year
    v0 = result.projected_value(series_id, base)
    return grows.explain(Explanation(g, year, base, v0, state, number, percent))
