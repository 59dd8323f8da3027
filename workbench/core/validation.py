"""Validation: everything in a project that is wrong or incomplete, each with its cell.

Commands refuse bad input, but a project can still be inconsistent as a whole (history
typed segment by segment that does not add up, a segment added without a base-year value)
or arrive from outside (a file, a workbook) with anything in it. `validate` reports it all
without changing anything: errors mean a figure is wrong or cannot be computed, warnings
mean something is incomplete, information says what an analyst should know (how far a
dimension's own projections were from the total before reconciliation). Each finding
names its place so the GUI can go to the cell and `workbench check` can print it; the
order is the model's order, errors first, information last.

Every typed measure is checked by the same rules, on its view of the project (the volume's
history must add up, its base year must be there, its reconciliation must be possible...);
a finding about the volume carries the measure and says so ("Volume: …"). The average
price is computed from the two and has no findings of its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from workbench.core.derived import series_names
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.measures import VALUE, measure, typed_measures, view
from workbench.core.methods import method
from workbench.core.methods.base import Check
from workbench.core.project import TOTAL, Project
from workbench.core.reconcile import REASONS
from workbench.numbers import number, percent

SEVERITIES = ("error", "warning", "info")

GAP_NOTICE = 1e-6
"""An unreconciled gap above this fraction of the total is worth an information line."""

REL_TOLERANCE = 1e-9
"""History adds up when segments and total agree to this relative difference."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem; the location fields that do not apply are None."""

    severity: str  # "error" | "warning" | "info"
    code: str
    message: str
    scenario_id: str | None = None
    series_id: str | None = None
    year: int | None = None
    dimension_id: str | None = None
    entity_id: str | None = None
    measure: str | None = VALUE
    """The typed measure whose numbers the finding is about; None for what the measures
    share (the mode) and the qualitative side."""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def validate(document: Document) -> list[Finding]:
    """Every finding of the document's project, errors first; within a severity the value's
    findings, then the volume's, then the qualitative side's, each in model order."""
    p = document.project
    findings = [*_primary_dimension(p)]
    for measure_id in typed_measures(p):
        findings += _measure_findings(document, measure_id)
    findings += _entity_references(p)
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


def _measure_findings(document: Document, measure_id: str) -> list[Finding]:
    """The findings of one typed measure's numbers, checked on its view of the project."""
    p = view(document.project, measure_id)
    findings = [
        *_unknown_keys(p),
        *_years_out_of_range(p),
        *_negative_inputs(p),
        *_history_sums(p),
        *_missing_history(p),
        *_assumptions(p),
    ]
    if _can_compute(p):
        explained = {(f.scenario_id, f.series_id) for f in findings if f.is_error}
        results = document.results(measure_id)
        for scenario in p.scenarios:
            findings += _forecast(p, results[scenario.id], explained)
        findings += _unreconciled_gaps(p, results)
    if measure_id == VALUE:
        return findings
    label = measure(measure_id).label
    return [replace(f, message=f"{label}: {f.message}", measure=measure_id) for f in findings]


def _error(code: str, message: str, *where, **named) -> Finding:
    return Finding("error", code, message, *where, **named)


def _warning(code: str, message: str, *where, **named) -> Finding:
    return Finding("warning", code, message, *where, **named)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]


def _name(p: Project, series_id: str) -> str:
    return series_names(p).get(series_id, repr(series_id))


def _series(p: Project) -> set[str]:
    return set(p.series_ids())


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


# -- references and ranges of the numbers ---------------------------------------------------


def _unknown_keys(p: Project) -> Iterator[Finding]:
    series, scenarios = _series(p), {s.id for s in p.scenarios}
    sources = {s.id for s in p.sources}
    keyed: list[tuple[str, str, str | None, tuple]] = [
        ("history", k[0], None, k) for k in p.history
    ]
    keyed += [("growth assumption", k[1], k[0], k) for k in p.growth]
    keyed += [("pin", k[1], k[0], k) for k in p.pins]
    keyed += [("hold", k[0], None, k) for k in sorted(p.holds)]
    keyed += [("note", k[1], k[0] or None, k) for k in p.notes]
    for what, series_id, scenario_id, key in keyed:
        if series_id not in series:
            yield _error(
                "unknown_series",
                f"A {what} {key} names an unknown series {series_id!r}.",
                scenario_id,
                series_id,
            )
        elif scenario_id is not None and scenario_id not in scenarios:
            yield _error(
                "unknown_scenario",
                f"A {what} of {_name(p, series_id)} names an unknown scenario {scenario_id!r}.",
                scenario_id,
                series_id,
            )
    for (series_id, year), source_id in p.history_sources.items():
        if source_id not in sources:
            yield _error(
                "unknown_source",
                f"The {year} history of {_name(p, series_id)} "
                f"cites an unknown source {source_id!r}.",
                None,
                series_id,
                year,
            )


def _primary_dimension(p: Project) -> Iterator[Finding]:
    """The mode is shared by the measures: said once."""
    if p.mode == "bottom_up" and p.primary_dimension not in {d.id for d in p.dimensions}:
        yield _error(
            "unknown_dimension",
            f"Bottom-up mode names an unknown primary dimension {p.primary_dimension!r}.",
            dimension_id=p.primary_dimension,
            measure=None,
        )


def _years_out_of_range(p: Project) -> Iterator[Finding]:
    meta, series = p.metadata, _series(p)
    history = range(meta.first_year, meta.base_year + 1)
    forecast = range(meta.base_year + 1, meta.last_year + 1)
    cells: list[tuple[str, str | None, str, int, range]] = [
        ("history value", None, s, y, history) for s, y in p.history
    ]
    cells += [("source citation", None, s, y, history) for s, y in p.history_sources]
    cells += [("pin", scn, s, y, forecast) for scn, s, y in p.pins]
    cells += [("hold", None, s, y, meta.years) for s, y in sorted(p.holds)]
    cells += [("note", scn or None, s, y, forecast if scn else history) for scn, s, y in p.notes]
    for (scn, s), g in p.growth.items():
        what = f"{g.method.replace('_', ' ')} entry"
        for param in method(g.method).by_year():
            cells += [(what, scn, s, y, forecast) for y in getattr(g, param.field)]
    for what, scenario_id, series_id, year, allowed in cells:
        if series_id in series and year not in allowed:
            yield _error(
                "year_out_of_range",
                f"A {what} of {_name(p, series_id)} is for "
                f"{year}, outside {allowed[0]}–{allowed[-1]}.",
                scenario_id,
                series_id,
                year,
            )


def _negative_inputs(p: Project) -> Iterator[Finding]:
    cells: list[tuple[str, str | None, str, int, float]] = [
        ("history", None, s, y, v) for (s, y), v in p.history.items()
    ]
    cells += [("pinned value", scn, s, y, v) for (scn, s, y), v in p.pins.items()]
    for (scn, s), g in p.growth.items():
        if method(g.method).typed:
            cells += [("typed value", scn, s, y, v) for y, v in g.values.items()]
    for what, scenario_id, series_id, year, value in cells:
        if not math.isfinite(value):
            yield _error(
                "non_finite_input",
                f"The {year} {what} of {_name(p, series_id)} is not a finite number.",
                scenario_id,
                series_id,
                year,
            )
        elif value < 0:
            yield _error(
                "negative_value",
                f"The {year} {what} of {_name(p, series_id)} is negative ({number(value)}).",
                scenario_id,
                series_id,
                year,
            )


# -- history ------------------------------------------------------------------------------


def _history_sums(p: Project) -> Iterator[Finding]:
    """Per dimension and history year where the total and every segment have a value."""
    for dim in p.dimensions:
        if not dim.members:
            continue
        for year in p.metadata.history_years:
            total = p.history.get((TOTAL, year))
            found = [p.history.get((m, year)) for m in dim.member_ids()]
            parts = [v for v in found if v is not None]
            if total is None or len(parts) < len(found):
                continue
            amount = sum(parts)  # exact enough for a 1e-9 tolerance; inf past the float range
            if not math.isclose(amount, total, rel_tol=REL_TOLERANCE, abs_tol=1e-12):
                yield Finding(
                    "error",
                    "history_sum",
                    f"The {year} history of {dim.name} adds up to {number(amount, 6)}, "
                    f"not the total {number(total, 6)} (off by "
                    f"{number(amount - total, 6)}).",
                    year=year,
                    dimension_id=dim.id,
                )


def _base_needed(p: Project, series_id: str) -> bool:
    if series_id == TOTAL and p.mode == "bottom_up":
        return False
    return any(method(p.growth_of(s.id, series_id).method).needs_base for s in p.scenarios)


def _missing_history(p: Project) -> Iterator[Finding]:
    base = p.metadata.base_year
    for series_id, name in series_names(p).items():
        if (series_id, base) not in p.history and _base_needed(p, series_id):
            yield _error(
                "missing_base",
                f"{name} has no {base} (base-year) value, so its forecast cannot start.",
                None,
                series_id,
                base,
            )
        blank = [y for y in range(p.metadata.first_year, base) if (series_id, y) not in p.history]
        if blank:
            yield _warning(
                "missing_history",
                f"{name} has no history for {_years(blank)}.",
                None,
                series_id,
                blank[0],
            )


# -- assumptions --------------------------------------------------------------------------


def _assumptions(p: Project) -> Iterator[Finding]:
    names = series_names(p)
    for scenario in p.scenarios:
        for series_id, name in names.items():
            if series_id == TOTAL and p.mode == "bottom_up":
                continue
            yield from _growth_findings(p, scenario.id, series_id, f"{name} in {scenario.name}")


def _growth_findings(p: Project, scenario_id: str, series_id: str, at: str) -> Iterator[Finding]:
    """The rules of the series' growth method (the registry holds them); `at` names the
    series and scenario ("Alpha in Base") for the messages."""
    g = p.growth_of(scenario_id, series_id)
    meta = p.metadata
    check = Check(
        g,
        at,
        p.history.get((series_id, meta.base_year)),
        meta.base_year,
        meta.forecast_years,
        False,
        number,
        percent,
    )
    for problem in method(g.method).problems(check):
        yield Finding(
            problem.severity, problem.code, problem.message, scenario_id, series_id, problem.year
        )


# -- the forecast -------------------------------------------------------------------------


def _can_compute(p: Project) -> bool:
    return p.mode != "bottom_up" or p.primary_dimension in {d.id for d in p.dimensions}


def _forecast(p: Project, result: ScenarioResult, explained: set) -> list[Finding]:
    """Blank or infinite projections not already explained, and impossible reconciliations."""
    scenario_id = result.scenario_id
    meta = p.metadata
    years = np.arange(meta.base_year + 1, meta.last_year + 1)
    fcols = years - meta.first_year
    name = p.scenario(scenario_id).name
    out = []
    for i, series_id in enumerate(result.series):
        if series_id == TOTAL and p.mode == "bottom_up":
            continue
        if (scenario_id, series_id) in explained or (None, series_id) in explained:
            continue
        bad = years[~np.isfinite(result.projected[i, fcols])].tolist()
        if bad:
            out.append(
                _error(
                    "non_finite",
                    f"The {name} forecast of "
                    f"{p.series_name(series_id)} has no finite value for {_years(bad)}.",
                    scenario_id,
                    series_id,
                    bad[0],
                )
            )
    explained |= {(scenario_id, f.series_id) for f in out}
    return out + list(_unreconciled(p, result, name, explained))


def _unreconciled(
    p: Project, result: ScenarioResult, name: str, explained: set
) -> Iterator[Finding]:
    """One error per dimension and reason: the years its segments could not be reconciled.

    A dimension one of whose series (or the total) already has an error is left out: that
    error is the reason, and saying it twice would only bury it.
    """
    forecast = list(p.metadata.forecast_years)
    scenario_id = result.scenario_id
    for dim in p.dimensions:
        series = [TOTAL, *dim.member_ids()]
        if any((scenario_id, s) in explained or (None, s) in explained for s in series):
            continue
        codes = [result.reason(dim.id, y) for y in forecast]
        for code in sorted(set(codes) - {0}):
            years = [y for y, c in zip(forecast, codes, strict=True) if c == code]
            why = REASONS[code] if dim.members else "the dimension has no segments yet"
            yield _error(
                "reconcile_impossible",
                f"The {name} segments of {dim.name} are not reconciled to the total in "
                f"{_years(years)}: {why}; they show their projections.",
                result.scenario_id,
                None,
                years[0],
                dim.id,
            )


def _unreconciled_gaps(p: Project, results: dict[str, ScenarioResult]) -> Iterator[Finding]:
    """Per dimension, the largest gap between its projections and the total before
    reconciliation, over scenarios and forecast years (information, not a fault)."""
    primary = p.primary_dimension if p.mode == "bottom_up" else None
    fc = slice(p.metadata.base_year + 1 - p.metadata.first_year, None)
    named = [(s.name, results[s.id]) for s in p.scenarios]
    for dim in p.dimensions:
        if dim.id == primary or not dim.members:
            continue
        worst = (0.0, "", 0, 0.0)
        for name, result in named:
            with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
                share = np.abs(result.gaps[dim.id][fc]) / np.abs(result.values[0, fc])
            share = np.where(result.reasons[dim.id][fc] == 0, np.nan_to_num(share), 0.0)
            j = int(np.argmax(share))
            if share[j] > worst[0]:
                worst = (float(share[j]), name, j, float(result.gaps[dim.id][fc][j]))
        if worst[0] > GAP_NOTICE:
            _, name, j, gap = worst
            year = p.metadata.base_year + 1 + j
            yield Finding(
                "info",
                "unreconciled_gap",
                f"{dim.name}: the segments' own projections differ from the total by up to "
                f"{number(gap)} ({percent(worst[0])} of it; {name}, {year}) "
                "before reconciliation scales the free segments to fit.",
                year=year,
                dimension_id=dim.id,
            )


# -- the qualitative side -----------------------------------------------------------------


def _entity_references(p: Project) -> Iterator[Finding]:
    members = {m.id for d in p.dimensions for m in d.members}
    sources = {s.id for s in p.sources}
    companies = {c.id for c in p.companies}
    for collection in ("companies", "developments", "factors", "trends"):
        for e in getattr(p, collection):
            label = getattr(e, "name", None) or getattr(e, "title", None) or e.id
            for segment in getattr(e, "segments", ()):
                if segment not in members:
                    yield _reference(e, f"{label!r} names an unknown segment {segment!r}.")
            cited = [*getattr(e, "source_ids", ()), getattr(e, "source_id", None)]
            for source_id in cited:
                if source_id is not None and source_id not in sources:
                    yield _reference(e, f"{label!r} cites an unknown source {source_id!r}.")
            if collection == "developments" and e.company_id not in companies:
                yield _reference(
                    e, f"Development {e.id!r} belongs to an unknown company {e.company_id!r}."
                )
    yield from _assessment_references(p)


def _assessment_references(p: Project) -> Iterator[Finding]:
    dims = {d.id: d for d in p.dimensions}
    for a in p.assessments:
        dim = dims.get(a.dimension_id)
        if dim is None:
            yield _reference(
                a, f"Assessment {a.name!r} is of an unknown dimension {a.dimension_id!r}."
            )
            continue
        for member in sorted({m for _c, m in a.cells} - set(dim.member_ids())):
            yield _reference(
                a, f"Assessment {a.name!r} rates {member!r}, not a segment of {dim.name}."
            )


def _reference(entity, message: str) -> Finding:
    return _warning("unknown_reference", message, entity_id=entity.id, measure=None)
