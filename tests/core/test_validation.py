"""Validation findings on small hand-built projects: each kind, its message and location.

The project: history 2020–2022, forecast 2023–2024, Technology (Alpha, Beta). History:
total 10, 11, 12; Alpha 4, 5, 6; Beta 6, 6, 6 — it adds up, so the clean project has no
findings. Each test breaks one thing, by writing the project's fields directly (as a file
or a workbook could), and checks exactly what is reported.
"""

import pytest
from hypothesis import given

from tests.benchmarks.synthetic import synthetic_project
from tests.strategies import projects
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.entities import Company, Development, Source
from workbench.core.explain import explain_cell
from workbench.core.insights import insights
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.sample import sample_document
from workbench.core.tidy import tidy
from workbench.core.validation import Finding, errors, validate


@pytest.fixture
def project() -> Project:
    tech = Dimension("tech", "Technology", (Member("a", "Alpha"), Member("b", "Beta")))
    p = Project(Metadata("Tiny", 2020, 2022, 2024), [tech], [Scenario("base", "Base")])
    rows = {TOTAL: (10.0, 11.0, 12.0), "a": (4.0, 5.0, 6.0), "b": (6.0, 6.0, 6.0)}
    for series_id, values in rows.items():
        for year, value in zip((2020, 2021, 2022), values, strict=True):
            p.history[(series_id, year)] = value
    p.growth[("base", TOTAL)] = Growth("cagr", 0.1)
    p.growth[("base", "a")] = Growth("cagr", 0.2)
    p.sources.append(Source("src", "CNSA", "White Paper", "2024"))
    return p


def findings(project: Project) -> list[Finding]:
    """Errors and warnings; the information lines have tests of their own."""
    return faults(validate(Document(project)))


def faults(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity != "info"]


def only(project: Project) -> Finding:
    [finding] = findings(project)
    return finding


def test_a_consistent_project_has_no_findings(project):
    assert findings(project) == []


def test_history_that_does_not_add_up_is_reported_per_dimension_and_year(project):
    project.history[("a", 2021)] = 5.5
    assert only(project) == Finding(
        "error",
        "history_sum",
        "The 2021 history of Technology adds up to 11.5, not the total 11 (off by 0.5).",
        year=2021,
        dimension_id="tech",
    )


def test_history_within_the_relative_tolerance_adds_up(project):
    project.history[("a", 2021)] = 5.0 + 5e-9  # 11.000000005 vs 11: 4.5e-10 relative
    assert findings(project) == []
    project.history[("a", 2021)] = 5.0 + 5e-8  # 4.5e-9 relative: too far
    assert only(project).code == "history_sum"


def test_a_missing_base_year_value_is_an_error_and_not_reported_twice(project):
    del project.history[("a", 2022)]
    assert only(project) == Finding(
        "error",
        "missing_base",
        "Alpha has no 2022 (base-year) value, so its forecast cannot start.",
        series_id="a",
        year=2022,
    )


def test_a_manual_series_needs_no_base_year_value(project):
    del project.history[("a", 2022)]
    project.growth[("base", "a")] = Growth("manual", values={2023: 7.0, 2024: 8.0})
    assert findings(project) == []


def test_missing_history_in_earlier_years_is_a_warning_listing_the_years(project):
    del project.history[("b", 2020)]
    del project.history[("b", 2021)]
    assert only(project) == Finding(
        "warning", "missing_history", "Beta has no history for 2020, 2021.", None, "b", 2020
    )


def test_an_s_curve_whose_k_is_not_above_the_base_value_is_an_error(project):
    project.growth[("base", "a")] = Growth("s_curve", k=6.0, r=0.3)
    assert only(project) == Finding(
        "error",
        "s_curve_k",
        "The saturation level K = 6 of Alpha in Base must exceed its 2022 value 6.",
        "base",
        "a",
        2022,
    )


@pytest.mark.parametrize("v0", [0.0, -13.7])
def test_an_s_curve_from_a_base_at_or_below_zero_is_an_error(project, v0):
    project.history[("a", 2022)] = v0
    project.history[("b", 2022)] = 12.0 - v0
    project.growth[("base", "a")] = Growth("s_curve", k=30.0, r=0.3)
    found = [f for f in findings(project) if f.code == "s_curve_base"]
    assert [(f.series_id, f.year) for f in found] == [("a", 2022)]
    assert found[0].message == (
        f"The S-curve of Alpha in Base starts from its 2022 value {v0:g}; it needs a positive "
        "base-year value (from 0 it stays 0, below 0 it runs through a pole)."
    )


def test_a_near_zero_free_sum_is_not_reconciled_and_said_so(project):
    # 2023: total 13.2, Alpha pinned at 1 leaves 12.2 for Beta, which projects 1e-9: a
    # scale of 1.2e10 would blow a rounding error up into a segment, so it is refused.
    project.pins[("base", "a", 2023)] = 1.0
    project.growth[("base", "b")] = Growth("manual", values={2023: 1e-9, 2024: 6.0})
    found = [f for f in findings(project) if f.code == "reconcile_impossible"]
    assert [(f.dimension_id, f.year) for f in found] == [("tech", 2023)]
    assert "the free segments nearly cancel out, so the scale would be huge" in found[0].message


def test_an_s_curve_without_k_is_an_error(project):
    project.growth[("base", "b")] = Growth("s_curve", r=0.3)
    finding = only(project)
    assert (finding.code, finding.scenario_id, finding.series_id) == (
        "s_curve_incomplete",
        "base",
        "b",
    )
    assert finding.message == (
        "The S-curve of Beta in Base needs a finite saturation level K and rate r."
    )


def test_growth_at_or_below_minus_100_percent_is_an_error(project):
    project.growth[("base", "a")] = Growth("cagr", -1.5)
    project.growth[("base", "b")] = Growth("growth_by_year", rates={2023: 0.1, 2024: -1.0})
    low_a, low_b = findings(project)
    assert low_a == Finding(
        "error",
        "growth_too_low",
        "The growth of Alpha in Base in 2023 is -150.0 %; it must be above -100 %.",
        "base",
        "a",
        2023,
    )
    assert (low_b.code, low_b.series_id, low_b.year) == ("growth_too_low", "b", 2024)


def test_growth_by_year_with_missing_years_is_a_warning(project):
    project.growth[("base", "b")] = Growth("growth_by_year", rates={2023: 0.1})
    assert only(project) == Finding(
        "warning",
        "missing_growth_rates",
        "The growth by year of Beta in Base has no rate for 2024; 0 % is used.",
        "base",
        "b",
        2024,
    )


def test_negative_history_pins_and_manual_values_are_errors(project):
    project.history[(TOTAL, 2020)] = -2.0
    project.history[("a", 2020)] = -8.0  # keeps 2020 adding up: -8 + 6 = -2
    project.pins[("base", "a", 2023)] = -1.0
    project.growth[("base", "b")] = Growth("manual", values={2023: 6.0, 2024: -0.5})
    found = [(f.code, f.scenario_id, f.series_id, f.year) for f in findings(project)]
    assert found == [
        ("negative_value", None, TOTAL, 2020),
        ("negative_value", None, "a", 2020),
        ("negative_value", "base", "a", 2023),
        ("negative_value", "base", "b", 2024),
    ]
    assert findings(project)[2].message == "The 2023 pinned value of Alpha is negative (-1)."


def test_keys_outside_the_years_are_errors(project):
    project.history[("a", 2019)] = 1.0
    project.pins[("base", "b", 2021)] = 6.0
    project.growth[("base", "b")] = Growth(
        "growth_by_year", rates={2023: 0.0, 2024: 0.0, 2030: 0.1}
    )
    found = [f for f in findings(project) if f.code == "year_out_of_range"]
    assert [(f.scenario_id, f.series_id, f.year) for f in found] == [
        (None, "a", 2019),
        ("base", "b", 2021),
        ("base", "b", 2030),
    ]
    assert found[0].message == "A history value of Alpha is for 2019, outside 2020–2022."
    assert found[1].message == "A pin of Beta is for 2021, outside 2023–2024."


def test_segments_that_add_up_to_zero_cannot_be_reconciled(project):
    zero = Growth("manual", values={2023: 0.0, 2024: 0.0})
    project.growth[("base", "a")] = zero
    project.growth[("base", "b")] = zero
    assert only(project) == Finding(
        "error",
        "reconcile_impossible",
        "The Base segments of Technology are not reconciled to the total in 2023, 2024: "
        "the free segments add up to 0, so there is nothing to scale; they show their "
        "projections.",
        "base",
        None,
        2023,
        "tech",
    )


def test_a_blank_forecast_value_is_a_non_finite_forecast(project):
    project.growth[("base", "a")] = Growth("manual", values={2023: 7.0})
    assert only(project) == Finding(
        "error",
        "non_finite",
        "The Base forecast of Alpha has no finite value for 2024.",
        "base",
        "a",
        2024,
    )


def test_references_to_unknown_series_scenarios_and_sources(project):
    project.history[("ghost", 2021)] = 1.0
    project.pins[("future", "a", 2023)] = 7.0
    project.history_sources[("a", 2021)] = "nowhere"
    found = findings(project)
    assert [(f.code, f.scenario_id, f.series_id) for f in found] == [
        ("unknown_series", None, "ghost"),
        ("unknown_scenario", "future", "a"),
        ("unknown_source", None, "a"),
    ]
    assert found[2].message == "The 2021 history of Alpha cites an unknown source 'nowhere'."


def test_entity_references_to_unknown_segments_sources_and_companies_are_warnings(project):
    project.companies.append(Company("c1", "Hicon", segments=("a", "ghost"), source_ids=("x",)))
    project.developments.append(Development("d1", "c9", "2024", "product", "Launch", "src"))
    found = findings(project)
    assert [(f.severity, f.entity_id, f.message) for f in found] == [
        ("warning", "c1", "'Hicon' names an unknown segment 'ghost'."),
        ("warning", "c1", "'Hicon' cites an unknown source 'x'."),
        ("warning", "d1", "Development 'd1' belongs to an unknown company 'c9'."),
    ]


def test_bottom_up_with_an_unknown_primary_dimension_is_an_error(project):
    project.mode, project.primary_dimension = "bottom_up", "gone"
    finding = only(project)
    assert (finding.code, finding.dimension_id) == ("unknown_dimension", "gone")


def test_errors_come_first_and_the_order_is_stable(project):
    del project.history[("b", 2020)]  # a warning, found early
    project.history[("a", 2021)] = 9.0  # an error, found later
    first = findings(project)
    assert [f.severity for f in first] == ["error", "warning"]
    assert errors(first) == first[:1]
    assert findings(project) == first


def test_an_unreconciled_dimension_is_information_with_its_largest_gap(project):
    # 2024: total 12 × 1.1² = 14.52; Alpha 6 × 1.2² = 8.64 and Beta 6 project 14.64,
    # 0.12 over the total (0.83 % of it); 2023: 7.2 + 6 − 13.2 = 0.
    found = validate(Document(project))
    assert found == [
        Finding(
            "info",
            "unreconciled_gap",
            "Technology: the segments' own projections differ from the total by up to 0.12 "
            "(0.826 % of it; Base, 2024) before reconciliation scales the free segments to fit.",
            year=2024,
            dimension_id="tech",
        )
    ]


def test_validation_changes_nothing(project):
    project.history[("a", 2021)] = 9.0
    document = Document(project)
    before = dump_json(document)
    validate(document)
    assert dump_json(document) == before


def test_the_sample_and_the_synthetic_project_validate_cleanly():
    assert errors(validate(sample_document())) == []
    small = synthetic_project(dimensions=2, members=10, scenarios=2, companies=5, developments=20)
    assert faults(validate(Document(small))) == []


@given(projects())
def test_any_project_a_file_can_hold_is_validated_and_explained_without_failing(project):
    """Extreme floats, dangling ids, keys outside the years: findings, never exceptions."""
    document = Document(project)
    before = dump_json(document)
    found = validate(document)
    assert validate(document) == found
    assert all(f.severity in ("error", "warning", "info") for f in found)
    assert all(f.message.endswith(".") for f in found)
    if any(f.code == "unknown_dimension" for f in found):
        return  # bottom-up without its primary dimension: there is no forecast to show
    tidy(document)
    meta = project.metadata
    edges = (meta.first_year, meta.base_year, meta.base_year + 1, meta.last_year)
    for scenario in project.scenarios:
        insights(document, scenario.id)
        for series_id in project.series_ids()[:3]:
            for year in edges:
                explain_cell(document, scenario.id, series_id, year)
    assert dump_json(document) == before


def test_a_dimension_without_segments_says_so(project):
    project.dimensions.append(Dimension("channel", "Channel"))
    found = [f for f in findings(project) if f.dimension_id == "channel"]
    assert [f.message for f in found] == [
        "The Base segments of Channel are not reconciled to the total in 2023, 2024: the "
        "dimension has no segments yet; they show their projections."
    ]
