"""Helpers the store tests share: dumps that tolerate extreme numbers, folder snapshots,
projects with a volume measure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from tests.benchmarks.synthetic import synthetic_project
from tests.strategies import growths, long_texts, names, numbers, projects
from workbench.core import commands as c
from workbench.core.commands.measures import AddVolume, OnMeasure
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.measures import VOLUME
from workbench.core.project import PIN_MARKS, TOTAL, Growth, MeasureInputs, Project
from workbench.core.sample import sample_document


def dump_of(document: Document) -> str:
    """The canonical dump; the forecast of 1e300-sized inputs may overflow, and that is fine
    here: these tests compare two dumps of the same inputs, not the engine."""
    with np.errstate(all="ignore"):
        return dump_json(document)


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` with its bytes: equal states mean nothing was touched."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def writes(statements: list[str]) -> list[str]:
    """The statements inside the save's transaction (see the `statements` fixture)."""
    begin = statements.index("BEGIN IMMEDIATE")
    return statements[begin + 1 : statements.index("COMMIT", begin)]


def small_project() -> Project:
    """The synthetic project at a size that saves in milliseconds."""
    return synthetic_project(
        dimensions=2, members=6, scenarios=2, years=12, companies=5, developments=20
    )


def _some(draw, keys: list, values) -> dict:
    chosen = draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    return {key: draw(values) for key in chosen}


@st.composite
def volumes(draw, project: Project) -> MeasureInputs:
    """Volume inputs on `project`'s own series, scenarios and years, at the file's edges."""
    meta = project.metadata
    series = project.series_ids()
    scenario_ids = [s.id for s in project.scenarios]
    history_cells = [(s, y) for s in series for y in meta.history_years]
    forecast_cells = [
        (sc, s, y) for sc in scenario_ids for s in series for y in meta.forecast_years
    ]
    pins = _some(draw, forecast_cells, numbers)
    return MeasureInputs(
        unit=draw(names),
        history=_some(draw, history_cells, numbers),
        history_sources=_some(draw, history_cells, names),
        growth=_some(draw, [(sc, s) for sc in scenario_ids for s in series], growths(meta.years)),
        pins=pins,
        holds=set(_some(draw, [(s, y) for s in series for y in meta.years], st.none())),
        pin_marks=_some(draw, list(pins), st.sampled_from(PIN_MARKS)),
        notes=_some(draw, [("", s, y) for s, y in history_cells] + forecast_cells, long_texts),
    )


@st.composite
def projects_with_volume(draw, **shape) -> Project:
    """`projects(**shape)` with a volume measure whose inputs are drawn as the value's are."""
    project = draw(projects(**shape))
    project.volume = draw(volumes(project))
    return project


def sample_with_volume() -> Document:
    """The sample with a volume in every kind of input, each typed by a command."""
    document = sample_document()
    document.execute(AddVolume("million subscriptions"))
    history = [
        c.SetHistory(series, year, value * 3.0)
        for (series, year), value in document.project.history.items()
    ]
    document.execute(OnMeasure(VOLUME, c.Batch("Volume history", history)))
    on_volume = [
        c.SetHistorySource(TOTAL, 2024, document.project.sources[0].id),
        c.SetGrowth("base", TOTAL, Growth("cagr", 0.07)),
        c.SetPin("base", "tiktok", 2027, 41.5),
        c.SetHold("kwai", 2026, True),
        c.SetNote("base", "tiktok", 2027, "Paid subscriptions, company filing."),
    ]
    for command in on_volume:
        document.execute(OnMeasure(VOLUME, command))
    document.mark_saved()
    return document
