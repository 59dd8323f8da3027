"""Both measures of a scenario computed in one stacked pass give exactly the numbers each
measure gives computed alone: every growth method, pin, hold, bottom-up mode and the
impossible years (blanks, extreme floats) included."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.benchmarks.synthetic import synthetic_project
from tests.strategies import no_entities, plain_ids, projects, with_volume
from workbench.core.commands import SetGrowth
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult, compute_measures, compute_scenario
from workbench.core.measures import VALUE, VOLUME, view
from workbench.core.project import Growth
from workbench.core.sample import sample_document


def assert_same(together: ScenarioResult, alone: ScenarioResult) -> None:
    assert together.series == alone.series and together.row == alone.row
    for name in ("projected", "values", "fixed"):
        assert np.array_equal(getattr(together, name), getattr(alone, name), equal_nan=True)
    for name in ("gaps", "scales", "reasons"):
        mine, theirs = getattr(together, name), getattr(alone, name)
        assert mine.keys() == theirs.keys()
        for dim_id, array in theirs.items():
            assert np.array_equal(mine[dim_id], array, equal_nan=True), (name, dim_id)


def assert_stacked_equals_alone(project) -> None:
    views = [view(project, VALUE), view(project, VOLUME)]
    for scenario in project.scenarios:
        together = compute_measures(views, scenario.id, [None, None])
        for shown, result in zip(views, together, strict=True):
            assert_same(result, compute_scenario(shown, scenario.id))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_forecastable_projects_give_the_same_numbers_stacked(data):
    strategy = projects(
        forecastable=True, ids=plain_ids, entities=no_entities, dimensions=(1, 3)
    )
    assert_stacked_equals_alone(data.draw(with_volume(strategy, forecastable=True)))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_file_gives_the_same_numbers_stacked(data):
    """Blanks, 1e300, -0.0 and methods with unused parameters: the impossible years and
    their reasons are the same too."""
    project = data.draw(with_volume(projects(entities=no_entities)))
    assert_stacked_equals_alone(project)


@pytest.mark.parametrize("years", [2, 12, 31])
def test_large_dimensions_give_the_same_numbers_stacked(years):
    """Sums of more than eight segments are where numpy's summation order shows (pairwise
    down one column, row by row across several): with 60 segments a dimension, pins and
    holds, and a single forecast year (years=2), the stacked pass still equals each measure
    alone bit for bit — so adding a volume never moves a value number by a rounding."""
    project = synthetic_project(
        dimensions=3, members=60, scenarios=3, years=years, companies=0, developments=0,
        volume=True,
    )
    assert project.pins and project.volume.pins
    assert_stacked_equals_alone(project)


def test_the_sample_with_its_volume_gives_the_same_numbers_stacked():
    assert_stacked_equals_alone(sample_document().project)


def test_a_document_computes_a_missing_measure_with_the_other_and_keeps_the_rest(monkeypatch):
    """Opening: both measures of a scenario in one pass. A value edit afterwards recomputes
    the value of its scenario only; the volume's result is the very object it was."""
    passes = []

    def counted(views, scenario_id, histories):
        passes.append((scenario_id, len(views)))
        return compute_measures(views, scenario_id, histories)

    monkeypatch.setattr("workbench.core.document.compute_measures", counted)
    document = sample_document()
    volume = document.result("base", VOLUME)
    value = document.result("base")
    assert passes == [("base", 2)]  # both measures in one pass, the value then cached
    assert_same(value, compute_scenario(document.project, "base"))
    value_growth = document.project.growth[("base", "total")]
    document.execute(SetGrowth("base", "total", Growth("cagr", value_growth.rate + 0.01)))
    assert document.result("base", VOLUME) is volume
    assert_same(document.result("base"), compute_scenario(document.project, "base"))
    assert passes[-1] == ("base", 1)
    volume_growth = document.project.volume.growth[("base", "total")]
    document.execute(
        OnMeasure(VOLUME, SetGrowth("base", "total", Growth("cagr", volume_growth.rate + 0.02)))
    )
    assert_same(
        document.result("base", VOLUME), compute_scenario(view(document.project, VOLUME), "base")
    )


def test_a_value_only_project_shows_the_value_the_two_measure_project_shows():
    """The value-only sample (one measure, nothing stacked) and the sample with its volume
    (value and volume stacked) have the same value inputs: every scenario's value is the
    same to the bit."""
    value_only = Document(sample_document(volume=False).project)
    both = sample_document()
    assert both.project.volume is not None and value_only.project.volume is None
    for scenario in both.project.scenarios:
        assert_same(value_only.result(scenario.id), both.result(scenario.id))
