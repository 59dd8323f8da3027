"""Validation per measure: the volume is checked by the value's rules, each finding about it
says so, and the average price has none of its own.

The project: history 2020–2022, forecast 2023–2024, Technology (Alpha, Beta); value and
volume both add up (value: total 10, 11, 12 = Alpha 4, 5, 6 + Beta 6, 6, 6; volume: the
same × 100 in million subscriptions), so the clean project has no findings. Each test
breaks one thing in the volume and checks exactly what is reported.
"""

import pytest
from hypothesis import given

from tests.benchmarks.synthetic import synthetic_project
from tests.strategies import projects, with_volume
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.explain import explain_cell
from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.project import (
    TOTAL,
    Dimension,
    Growth,
    MeasureInputs,
    Member,
    Metadata,
    Project,
    Scenario,
)
from workbench.core.tidy import tidy
from workbench.core.validation import Finding, validate


@pytest.fixture
def project() -> Project:
    tech = Dimension("tech", "Technology", (Member("a", "Alpha"), Member("b", "Beta")))
    p = Project(Metadata("Tiny", 2020, 2022, 2024), [tech], [Scenario("base", "Base")])
    p.volume = MeasureInputs("million subscriptions")
    rows = {TOTAL: (10.0, 11.0, 12.0), "a": (4.0, 5.0, 6.0), "b": (6.0, 6.0, 6.0)}
    for series_id, values in rows.items():
        for year, value in zip((2020, 2021, 2022), values, strict=True):
            p.history[(series_id, year)] = value
            p.volume.history[(series_id, year)] = 100 * value
    for inputs in (p, p.volume):
        inputs.growth[("base", TOTAL)] = Growth("cagr", 0.1)
        inputs.growth[("base", "a")] = Growth("cagr", 0.2)
    return p


def faults(project: Project) -> list[Finding]:
    return [f for f in validate(Document(project)) if f.severity != "info"]


def test_a_consistent_project_with_a_volume_has_no_findings(project):
    assert faults(project) == []


def test_volume_history_that_does_not_add_up_is_the_volume_s_finding(project):
    project.volume.history[("a", 2021)] = 550.0
    assert faults(project) == [
        Finding(
            "error",
            "history_sum",
            "Volume: The 2021 history of Technology adds up to 1,150, not the total 1,100 "
            "(off by 50).",
            year=2021,
            dimension_id="tech",
            measure=VOLUME,
        )
    ]


def test_a_volume_without_a_base_year_value_cannot_forecast(project):
    del project.volume.history[("b", 2022)]
    [finding] = [f for f in faults(project) if f.is_error]
    assert finding == Finding(
        "error",
        "missing_base",
        "Volume: Beta has no 2022 (base-year) value, so its forecast cannot start.",
        None,
        "b",
        2022,
        measure=VOLUME,
    )


def test_the_same_fault_in_both_measures_is_said_for_each(project):
    project.pins[("base", "a", 2024)] = -1.0
    project.volume.pins[("base", "a", 2024)] = -1.0
    found = [f for f in faults(project) if f.code == "negative_value"]
    assert [(f.measure, f.message) for f in found] == [
        (VALUE, "The 2024 pinned value of Alpha is negative (-1)."),
        (VOLUME, "Volume: The 2024 pinned value of Alpha is negative (-1)."),
    ]


def test_an_impossible_volume_reconciliation_names_the_measure(project):
    project.volume.pins[("base", "a", 2024)] = 5000.0  # above the volume's total
    [finding] = [f for f in faults(project) if f.code == "reconcile_impossible"]
    assert finding.measure == VOLUME
    assert finding.message.startswith("Volume: The Base segments of Technology are not reconciled")
    assert (finding.scenario_id, finding.year, finding.dimension_id) == ("base", 2024, "tech")


def test_the_volume_s_unreconciled_gap_is_information_about_the_volume(project):
    found = [f for f in validate(Document(project)) if f.code == "unreconciled_gap"]
    assert [(f.measure, f.message.split(":")[0]) for f in found] == [
        (VALUE, "Technology"),
        (VOLUME, "Volume"),
    ]


def test_a_blank_volume_gives_the_price_no_findings_of_its_own(project):
    project.volume.history = {k: v for k, v in project.volume.history.items() if k[0] != "b"}
    project.volume.history[("b", 2022)] = 0.0  # a price divides by zero here: blank, not a fault
    codes = {(f.measure, f.code) for f in faults(project)}
    assert codes == {(VOLUME, "history_sum"), (VOLUME, "missing_history")}


def test_a_value_only_project_reports_as_before(project):
    project.volume = None
    project.history[("a", 2021)] = 5.5
    [finding] = faults(project)
    assert finding.measure == VALUE and finding.message.startswith("The 2021 history")


def test_the_synthetic_project_s_volume_validates_and_leaves_the_value_as_it_was():
    shape = dict(dimensions=2, members=12, scenarios=2, years=12, companies=4, developments=8)
    value_only, both = synthetic_project(**shape), synthetic_project(**shape, volume=True)
    assert (both.history, both.growth, both.pins) == (
        value_only.history, value_only.growth, value_only.pins
    )
    assert both.volume.history and both.volume.history != both.history
    assert [f for f in validate(Document(both)) if f.severity != "info"] == []


@given(with_volume(projects()))
def test_any_project_with_a_volume_a_file_can_hold_is_validated_and_explained(project):
    """Extreme floats, dangling ids and keys outside the years in either measure, any
    volume unit: findings, never exceptions, for every measure; nothing changes."""
    document = Document(project)
    before = dump_json(document)
    found = validate(document)
    assert validate(document) == found
    assert all(f.message.endswith(".") for f in found)
    assert all(f.message.startswith("Volume: ") for f in found if f.measure == VOLUME)
    if any(f.code == "unknown_dimension" for f in found):
        return  # bottom-up without its primary dimension: there is no forecast to show
    frame = tidy(document)
    assert list(dict.fromkeys(frame.measure)) == [VALUE, VOLUME, PRICE]
    meta = project.metadata
    edges = (meta.first_year, meta.base_year, meta.base_year + 1, meta.last_year)
    for scenario in project.scenarios:
        for series_id in project.series_ids()[:3]:
            for year in edges:
                for measure in (VALUE, VOLUME, PRICE):
                    info = explain_cell(document, scenario.id, series_id, year, measure)
                    assert info.formula
    assert dump_json(document) == before
