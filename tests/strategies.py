"""The one hypothesis strategy for whole projects, `projects()`, and the shapes tests ask of it.

By default a project is anything a file may hold, at its edges: unicode everywhere (ids
included), long texts, extreme floats (1e-300, 1e300, -0.0, the smallest subnormal), every
growth method with parameters the method does not use, pins, holds, notes on history and
forecast cells, and every kind of entity in a drawn order. Projects are built with the
constructors, not commands, so they reach corners (a note on a year outside the range, a
source id nobody defines) that the file must still keep.

`projects(forecastable=True)` draws what the engine can forecast: every series has a
positive base-year value and a valid assumption of a registered growth method (seeded
through the method's registry entry), and bottom-up mode names a real primary dimension.
The keywords shape the rest: the engine's laws (tests/core/test_properties.py) ask for
small projects with plain ids and no entities, the workbook round trip
(tests/excel/test_roundtrip.py) for names with formula-like characters, one dimension and
entities that cite each other.

`with_volume(projects(...))` gives each drawn project a volume measure whose inputs are
drawn by the very rules of the value's (forecastable or not), with a unit of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hypothesis import strategies as st

from workbench.core.entities import (
    DEVELOPMENT_KINDS,
    FACTOR_KINDS,
    FORCE_IDS,
    Assessment,
    Company,
    Criterion,
    Development,
    Factor,
    Force,
    KeyQuestion,
    Rating,
    Source,
    Trend,
)
from workbench.core.fields import MEASURE_INPUTS
from workbench.core.methods import REGISTERED, codes
from workbench.core.methods.base import Seed
from workbench.core.project import (
    MODES,
    TOTAL,
    Dimension,
    Growth,
    MeasureInputs,
    Member,
    Metadata,
    Project,
    Scenario,
)

_CHARACTERS = st.characters(blacklist_categories=("Cs",))
texts = st.text(_CHARACTERS, max_size=12)
long_texts = st.one_of(texts, st.text(_CHARACTERS, min_size=200, max_size=3000))
names = st.text(_CHARACTERS, min_size=1, max_size=12).filter(str.strip)
numbers = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1e-300, 1e300, -1e300, 5e-324, 0.1, 1 / 3]),
)
ratings = st.integers(1, 5)
dates = st.one_of(
    st.just(""),
    st.integers(1900, 2100).map(str),
    st.tuples(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
)


def _ids(draw, prefix: str, most: int, at_least: int = 0) -> list[str]:
    """Up to `most` ids, unique by their prefix and index, each with a unicode tail."""
    return [f"{prefix}{i}{draw(texts)}" for i in range(draw(st.integers(at_least, most)))]


def _links(ids: list[str], most: int):
    """Tuples of distinct ids drawn from `ids` (a company's segments, a trend's sources)."""
    return st.lists(st.sampled_from(ids), unique=True, max_size=most) if ids else st.just([])


def _subset(draw, keys: list, values) -> dict:
    chosen = draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    return {key: draw(values) for key in chosen}


@st.composite
def metadata(draw, text=names, units=texts, history: int = 6, forecast: int = 6) -> Metadata:
    first = draw(st.integers(1900, 2090))
    base = first + draw(st.integers(0, history))
    last = base + draw(st.integers(1, forecast))
    return Metadata(draw(text), first, base, last, draw(units), draw(texts), draw(long_texts))


@st.composite
def growths(draw, years: range) -> Growth:
    year_values = st.dictionaries(st.sampled_from(list(years)), numbers, max_size=4)
    return Growth(
        draw(st.sampled_from(codes())),
        draw(numbers),
        draw(year_values),
        draw(st.none() | numbers),
        draw(st.none() | numbers),
        draw(year_values),
    )


@st.composite
def valid_growths(draw, v0: float, years: range) -> Growth:
    """Any registered method with parameters it accepts: its registry entry seeds what the
    draw leaves open (a manual value in every year, K above v0 for a curve)."""
    grows, rates = draw(st.sampled_from(REGISTERED)), st.floats(-0.5, 0.5)
    chosen = draw(st.lists(st.sampled_from(list(years)), unique=True))
    start = Growth(
        grows.code,
        draw(rates),
        rates={y: draw(rates) for y in chosen},
        k=v0 * draw(st.floats(1.1, 5.0)),
        r=draw(st.floats(0.05, 1.0)),
    )
    current = {y: draw(st.floats(1.0, 1000.0)) for y in years}
    return grows.seeded(start, Seed(v0, years, current))


@st.composite
def projects(
    draw,
    *,
    forecastable: bool = False,
    text=names,
    units=texts,
    values=numbers,
    ids: Callable[[Any, str, int, int], list[str]] | None = None,
    dimensions: tuple[int, int] = (0, 3),
    members: tuple[int, int] = (0, 4),
    scenarios: tuple[int, int] = (1, 3),
    years: tuple[int, int] = (6, 6),
    entities: Callable[[Any, Project], None] | None = None,
) -> Project:
    """A project of the shape the keywords ask for (see the module docstring).

    `text` draws names, `units` the unit, `values` history values and pins; `ids(draw,
    prefix, most, at_least)` draws ids (default: unicode-tailed); `years` is the most
    history and forecast years; `entities(draw, project)` fills the qualitative side
    (default: every kind, references dangling or not)."""
    new_ids = ids or _ids
    meta = draw(metadata(text, units, *years))
    dimension_ids = new_ids(draw, "dim", dimensions[1], dimensions[0])
    dims = [
        Dimension(d, draw(text), tuple(
            Member(m, draw(text)) for m in new_ids(draw, f"{d}.m", members[1], members[0])
        ))
        for d in dimension_ids
    ]
    project = Project(meta, dims, [
        Scenario(s, draw(text)) for s in new_ids(draw, "scn", scenarios[1], scenarios[0])
    ])
    (_forecastable if forecastable else _model)(draw, project, values)
    (entities or _entities)(draw, project)
    return project


@st.composite
def with_volume(
    draw, strategy, *, forecastable: bool = False, units=texts, values=numbers
) -> Project:
    """A project of `strategy` with a volume measure: its inputs drawn as the value's are
    (`forecastable` as for `projects`, where a bottom-up total has no pins), against the
    same structure."""
    project = draw(strategy)
    blank = {str(f): type(getattr(project, str(f)))() for f in MEASURE_INPUTS}
    drawn = replace(project, **blank)
    (_forecastable if forecastable else _model)(draw, drawn, values)
    inputs = {str(f): getattr(drawn, str(f)) for f in MEASURE_INPUTS}
    if forecastable and project.mode == "bottom_up":
        inputs["pins"] = {k: v for k, v in inputs["pins"].items() if k[1] != TOTAL}
    project.volume = MeasureInputs(draw(units), **inputs)
    return project


def _model(draw, project: Project, values) -> None:
    meta = project.metadata
    series = project.series_ids()
    scenario_ids = [s.id for s in project.scenarios]
    history_cells = [(s, y) for s in series for y in meta.history_years]
    forecast_cells = [(c, s, y) for c in scenario_ids for s in series for y in meta.forecast_years]
    project.history = _subset(draw, history_cells, values)
    project.history_sources = _subset(draw, history_cells, names)
    growth_keys = [(c, s) for c in scenario_ids for s in series]
    project.growth = _subset(draw, growth_keys, growths(meta.years))
    project.pins = _subset(draw, forecast_cells, values)
    project.holds = set(_subset(draw, [(s, y) for s in series for y in meta.years], st.none()))
    note_cells = [("", s, y) for s, y in history_cells] + forecast_cells
    project.notes = _subset(draw, note_cells, long_texts)
    project.mode = draw(st.sampled_from(MODES))
    project.primary_dimension = draw(st.sampled_from([None, *(d.id for d in project.dimensions)]))


def _forecastable(draw, project: Project, values) -> None:
    """Every series: history drawn from `values` with a positive base-year value, a valid
    growth per scenario, a pin or a hold now and then; bottom-up half the time."""
    meta = project.metadata
    positive = st.floats(1.0, 1000.0)
    for series_id in project.series_ids():
        for year in meta.history_years:
            if year != meta.base_year and draw(st.booleans()):
                project.history[(series_id, year)] = draw(values)
        v0 = project.history[(series_id, meta.base_year)] = draw(positive)
        for scenario in project.scenarios:
            growth = draw(valid_growths(v0, meta.forecast_years))
            project.growth[(scenario.id, series_id)] = growth
            for year in meta.forecast_years:
                if draw(st.integers(0, 5)) == 0:
                    project.pins[(scenario.id, series_id, year)] = draw(positive)
        for year in meta.years:
            if series_id != TOTAL and draw(st.integers(0, 5)) == 0:
                project.holds.add((series_id, year))
    if project.dimensions and draw(st.booleans()):
        project.mode = "bottom_up"
        project.primary_dimension = draw(st.sampled_from(project.dimensions)).id
        project.pins = {k: v for k, v in project.pins.items() if k[1] != TOTAL}


def no_entities(draw, project: Project) -> None:
    """For tests of the numbers alone."""


def plain_ids(draw, prefix: str, most: int, at_least: int = 0) -> list[str]:
    """Ids without unicode tails: d0, d0m1, s0."""
    short = {"dim": "d", "scn": "s"}.get(prefix, prefix.replace(".", ""))
    return [f"{short}{i}" for i in range(draw(st.integers(at_least, most)))]


def _entities(draw, project: Project) -> None:
    member_ids = [m.id for d in project.dimensions for m in d.members]
    links = _links(member_ids, 3)
    sources = [
        Source(i, draw(names), draw(texts), draw(dates), draw(texts), draw(st.booleans()))
        for i in _ids(draw, "src", 3)
    ]
    source_links = _links([s.id for s in sources], 2)
    project.sources = sources
    project.companies = [
        Company(
            i, draw(names), draw(texts), draw(st.none() | st.integers(1600, 2200)), draw(texts),
            draw(texts), draw(texts), draw(long_texts), draw(texts), tuple(draw(links)),
            draw(st.dictionaries(st.integers(1900, 2100), st.floats(0.0, 1.0), max_size=3)),
            tuple(draw(source_links)),
        )
        for i in _ids(draw, "co", 3)
    ]
    company_ids = [c.id for c in project.companies] or ["nobody"]
    project.developments = [
        Development(
            i, draw(st.sampled_from(company_ids)), draw(dates),
            draw(st.sampled_from(DEVELOPMENT_KINDS)), draw(long_texts),
            draw(st.none() | st.sampled_from([s.id for s in sources] or ["unknown source"])),
        )
        for i in _ids(draw, "dev", 4)
    ]
    project.factors = [
        Factor(i, draw(st.sampled_from(FACTOR_KINDS)), draw(names), draw(long_texts), draw(ratings),
               draw(ratings), draw(ratings), tuple(draw(links)), tuple(draw(source_links)))
        for i in _ids(draw, "fac", 3)
    ]
    project.trends = [
        Trend(i, draw(names), draw(texts), tuple(draw(links)), tuple(draw(source_links)))
        for i in _ids(draw, "tr", 2)
    ]
    force_ids = draw(st.permutations(FORCE_IDS))[: draw(st.integers(0, len(FORCE_IDS)))]
    project.forces = [Force(f, draw(ratings), draw(long_texts)) for f in force_ids]
    project.assessments = [draw(assessments(i, project)) for i in _ids(draw, "as", 2)]
    project.key_questions = [
        KeyQuestion(i, draw(names), draw(long_texts)) for i in _ids(draw, "kq", 3)
    ]


@st.composite
def assessments(draw, assessment_id: str, project: Project) -> Assessment:
    dimension = draw(st.sampled_from(project.dimensions)) if project.dimensions else None
    criteria = tuple(Criterion(c, draw(names)) for c in _ids(draw, "crit", 3))
    members = list(dimension.member_ids()) if dimension else []
    cells = [(c.id, m) for c in criteria for m in members]
    rated = _subset(draw, cells, st.builds(Rating, ratings, texts))
    dimension_id = dimension.id if dimension else "nowhere"
    return Assessment(assessment_id, draw(names), dimension_id, criteria, rated)

