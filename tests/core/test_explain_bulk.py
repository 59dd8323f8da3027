"""`cell_states` is `cell_state` for a block of cells: checked on every cell of the sample.

The sample is varied first so that every state occurs: a pin, a hold, a manual series with
one typed year, a blank history cell, and the bottom-up total.
"""

import numpy as np
import pytest

from workbench.core.commands import SetGrowth, SetHistory, SetHold, SetMode, SetPin
from workbench.core.errors import ModelError
from workbench.core.explain import (
    STATE_CODES,
    STATES,
    cell_state,
    cell_states,
    explain_cell,
    held_cells,
)
from workbench.core.project import Growth
from workbench.core.sample import sample_document


@pytest.fixture(scope="module")
def document():
    doc = sample_document()
    p = doc.project
    base = p.scenarios[0].id
    first, second = p.dimensions[0].members[:2]
    doc.execute(SetPin(base, first.id, p.metadata.base_year + 1, 1.2))
    doc.execute(SetPin(base, first.id, p.metadata.base_year + 2, 1.5))
    doc.execute(SetHold(second.id, p.metadata.base_year, True))
    doc.execute(SetHold(first.id, p.metadata.base_year + 2, True))  # pinned and held
    doc.execute(SetGrowth(base, second.id, Growth("manual", values={p.metadata.last_year: 9.0})))
    doc.execute(SetHistory(second.id, p.metadata.first_year, None))
    return doc


def every_cell(project):
    return project.series_ids(), list(project.metadata.years)


def test_every_cell_of_every_scenario_matches_cell_state(document):
    p = document.project
    series, years = every_cell(p)
    for scenario in p.scenarios:
        codes = cell_states(p, scenario.id, series, years)
        expected = [[cell_state(p, scenario.id, s, y) for y in years] for s in series]
        assert [[STATES[c] for c in row] for row in codes.tolist()] == expected


def test_all_five_states_occur_in_the_varied_sample(document):
    p = document.project
    codes = cell_states(p, p.scenarios[0].id, *every_cell(p))
    assert set(np.unique(codes).tolist()) == set(STATE_CODES.values())


def test_without_holds_a_held_cell_keeps_the_state_the_inspector_shows(document):
    p = document.project
    series, years = every_cell(p)
    scenario = p.scenarios[0].id
    codes = cell_states(p, scenario, series, years, with_holds=False)
    held = held_cells(p, series, years)
    for i, s in enumerate(series):
        for j, y in enumerate(years):
            info = explain_cell(document, scenario, s, y)
            assert (STATES[codes[i, j]], bool(held[i, j])) == (info.state, info.held)
    assert int(held.sum()) == 2


def test_bottom_up_total_forecast_is_computed(document):
    p = document.project
    document.execute(SetMode("bottom_up", p.dimensions[0].id))
    try:
        series, years = every_cell(p)
        for scenario in p.scenarios:
            codes = cell_states(p, scenario.id, series, years)
            expected = [[cell_state(p, scenario.id, s, y) for y in years] for s in series]
            assert [[STATES[c] for c in row] for row in codes.tolist()] == expected
        forecast = cell_states(p, p.scenarios[0].id, ["total"], list(p.metadata.forecast_years))
        assert set(forecast.ravel().tolist()) == {STATE_CODES["computed"]}
    finally:
        document.undo()


def test_a_block_keeps_the_order_asked_for(document):
    p = document.project
    ids = [m.id for m in p.dimensions[0].members][::-1]
    years = [p.metadata.last_year, p.metadata.first_year]
    codes = cell_states(p, p.scenarios[0].id, ids, years)
    assert codes.shape == (len(ids), 2)
    for i, s in enumerate(ids):
        assert [STATES[c] for c in codes[i]] == [cell_state(p, p.scenarios[0].id, s, y)
                                                 for y in years]


@pytest.mark.parametrize(
    "scenario, series, year, message",
    [
        ("nope", "total", None, "no scenario"),
        (None, "ghost", None, "no segment"),
        (None, "total", 1990, "outside the project's years"),
    ],
)
def test_unknown_cells_are_refused_like_cell_state(document, scenario, series, year, message):
    p = document.project
    scenario = scenario or p.scenarios[0].id
    year = year or p.metadata.base_year
    with pytest.raises(ModelError, match=message):
        cell_states(p, scenario, ["total", series], [p.metadata.base_year, year])
    with pytest.raises(ModelError, match=message):
        cell_state(p, scenario, series, year)
