"""The engine against numbers worked out by hand from docs/forecast-semantics.md.

The project is tiny on purpose: history 2020–2022 with a total of 100 in the base year,
forecast 2023–2025, Technology (A 60, B 40) and Region (X 30, Y 70). Every expected value
below is written as the arithmetic that produces it.
"""

import math

import numpy as np
import pytest

from workbench.core.engine import compute_scenario, history_matrix
from workbench.core.project import (
    TOTAL,
    Dimension,
    Growth,
    Member,
    Metadata,
    Project,
    Scenario,
)

approx = lambda value: pytest.approx(value, rel=1e-12)  # noqa: E731


@pytest.fixture
def project() -> Project:
    tech = Dimension("tech", "Technology", (Member("a", "A"), Member("b", "B")))
    region = Dimension("region", "Region", (Member("x", "X"), Member("y", "Y")))
    p = Project(
        Metadata("Tiny", 2020, 2022, 2025),
        [tech, region],
        [Scenario("base", "Base"), Scenario("high", "High")],
    )
    base = {TOTAL: 100.0, "a": 60.0, "b": 40.0, "x": 30.0, "y": 70.0}
    for series_id, value in base.items():
        p.history[(series_id, 2020)] = value / 2
        p.history[(series_id, 2021)] = value * 0.8
        p.history[(series_id, 2022)] = value
    return p


def forecast(project: Project, series_id: str, scenario_id: str = "base") -> list[float]:
    result = compute_scenario(project, scenario_id)
    return [result.projected_value(series_id, y) for y in (2023, 2024, 2025)]


def test_history_is_copied_and_forecast_years_start_blank(project):
    project.history[("a", 2019)] = 1.0  # outside the years: ignored
    matrix = history_matrix(project)
    assert matrix.shape == (5, 6)
    assert matrix[0].tolist()[:3] == [50.0, 80.0, 100.0]
    assert np.isnan(matrix[:, 3:]).all()


def test_cagr_compounds_from_the_base_year(project):
    project.growth[("base", TOTAL)] = Growth("cagr", 0.10)
    assert forecast(project, TOTAL) == [approx(110.0), approx(121.0), approx(133.1)]


def test_default_growth_is_flat(project):
    assert forecast(project, "a") == [60.0, 60.0, 60.0]


def test_growth_by_year_treats_a_missing_year_as_zero(project):
    project.growth[("base", TOTAL)] = Growth("growth_by_year", rates={2023: 0.10, 2025: -0.50})
    assert forecast(project, TOTAL) == [approx(110.0), approx(110.0), approx(55.0)]


def test_s_curve_closed_form(project):
    # K = 200, v0 = 100, r = ln 2: v = 200 / (1 + 1 * 2^-t) for t = 1, 2, 3.
    project.growth[("base", TOTAL)] = Growth("s_curve", k=200.0, r=math.log(2))
    assert forecast(project, TOTAL) == [approx(200 / 1.5), approx(200 / 1.25), approx(200 / 1.125)]


def test_manual_values_leave_blanks_blank(project):
    project.growth[("base", "a")] = Growth("manual", values={2023: 5.0, 2025: 7.0})
    values = forecast(project, "a")
    assert values[0] == 5.0 and math.isnan(values[1]) and values[2] == 7.0


def test_cagr_continues_from_a_pin(project):
    project.growth[("base", TOTAL)] = Growth("cagr", 0.10)
    project.pins[("base", TOTAL, 2024)] = 200.0
    assert forecast(project, TOTAL) == [approx(110.0), 200.0, approx(220.0)]


def test_growth_by_year_continues_from_a_pin(project):
    project.growth[("base", TOTAL)] = Growth("growth_by_year", rates={2024: 0.5, 2025: 0.25})
    project.pins[("base", TOTAL, 2023)] = 80.0
    assert forecast(project, TOTAL) == [80.0, approx(120.0), approx(150.0)]


def test_pin_on_s_curve_replaces_one_year_only(project):
    project.growth[("base", TOTAL)] = Growth("s_curve", k=200.0, r=math.log(2))
    project.pins[("base", TOTAL, 2024)] = 1.0
    assert forecast(project, TOTAL) == [approx(200 / 1.5), 1.0, approx(200 / 1.125)]


def test_pin_fills_a_blank_manual_year(project):
    project.growth[("base", "a")] = Growth("manual", values={2023: 5.0})
    project.pins[("base", "a", 2024)] = 6.0
    values = forecast(project, "a")
    assert values[:2] == [5.0, 6.0] and math.isnan(values[2])


def test_pins_and_growth_belong_to_their_scenario(project):
    project.growth[("high", TOTAL)] = Growth("cagr", 0.5)
    project.pins[("high", TOTAL, 2023)] = 1.0
    assert forecast(project, TOTAL, "base") == [100.0, 100.0, 100.0]
    assert forecast(project, TOTAL, "high") == [1.0, 1.5, 2.25]


def test_blank_base_year_gives_a_blank_chain_until_a_pin(project):
    del project.history[("a", 2022)]
    project.pins[("base", "a", 2024)] = 10.0
    values = forecast(project, "a")
    # The 2024 pin shows as typed; B (40) takes the other 90: scale 90 / 40 = 2.25, so the
    # chain goes on from 10 / 2.25 and, scaled again in 2025, shows 10 once more.
    assert math.isnan(values[0]) and values[1:] == [10.0, approx(10.0 / 2.25)]
    assert compute_scenario(project, "base").value("a", 2025) == approx(10.0)


@pytest.fixture
def top_down(project) -> Project:
    """2023: total 110 (10 %); A 72 (20 %) + B 40 = 112; X 30 (manual) + Y 70 = 100."""
    project.growth[("base", TOTAL)] = Growth("cagr", 0.10)
    project.growth[("base", "a")] = Growth("cagr", 0.20)
    project.growth[("base", "x")] = Growth("manual", values={2023: 30.0, 2024: 30.0, 2025: 30.0})
    return project


def test_top_down_reconciles_each_dimension_to_the_total(top_down):
    r = compute_scenario(top_down, "base")
    assert r.value(TOTAL, 2023) == approx(110.0)
    assert r.value("a", 2023) == approx(72 / 112 * 110)
    assert r.value("b", 2023) == approx(40 / 112 * 110)
    assert r.value("x", 2023) == approx(33.0)  # 30 / 100 × 110
    assert r.value("y", 2023) == approx(77.0)
    assert r.projected_value("a", 2023) == approx(72.0)


def test_top_down_gaps_per_dimension_and_year(top_down):
    r = compute_scenario(top_down, "base")
    # 2024: A 86.4 + B 40 = 126.4 against 121; X 30 + Y 70 = 100 against 121.
    assert r.gap("tech", 2023) == approx(2.0)
    assert r.gap("tech", 2024) == approx(126.4 - 121.0)
    assert r.gap("region", 2023) == approx(-10.0)
    assert r.gap("region", 2024) == approx(-21.0)
    assert r.gaps["region"].shape == (6,)


def test_history_is_never_scaled_but_its_gap_is_reported(top_down):
    top_down.history[("a", 2021)] = 50.0  # A 50 + B 32 = 82 against a total of 80
    r = compute_scenario(top_down, "base")
    assert r.value("a", 2021) == 50.0
    assert r.gap("tech", 2021) == approx(2.0)
    assert r.gap("region", 2021) == 0.0


def test_bottom_up_total_is_the_sum_of_the_primary_dimension(top_down):
    top_down.mode, top_down.primary_dimension = "bottom_up", "tech"
    r = compute_scenario(top_down, "base")
    assert r.value(TOTAL, 2023) == approx(112.0)
    assert r.value(TOTAL, 2022) == 100.0  # history stays the input
    assert r.value("a", 2023) == approx(72.0) and r.value("b", 2023) == 40.0
    assert r.value("x", 2023) == approx(33.6)  # 30 / 100 × 112
    assert r.value("y", 2023) == approx(78.4)
    assert r.gap("tech", 2023) == 0.0 and r.gap("tech", 2025) == 0.0
    assert r.gap("region", 2023) == approx(-12.0)


def test_reconciled_dimensions_add_up_to_the_total(top_down):
    for mode in ("top_down", "bottom_up"):
        top_down.mode, top_down.primary_dimension = mode, "region"
        r = compute_scenario(top_down, "base")
        for dim in top_down.dimensions:
            idx = [r.row[m] for m in dim.member_ids()]
            sums = r.values[idx, 3:].sum(axis=0)
            np.testing.assert_allclose(sums, r.series_values(TOTAL)[3:], rtol=1e-12)


def test_a_dimension_without_segments_falls_short_by_the_whole_total(project):
    project.dimensions.append(Dimension("empty", "Empty"))
    r = compute_scenario(project, "base")
    assert r.gaps["empty"].tolist() == [-50.0, -80.0, -100.0, -100.0, -100.0, -100.0]
    assert r.reasons["empty"].tolist() == [0, 0, 0, 2, 2, 2]


def test_result_layout(project):
    r = compute_scenario(project, "base")
    assert r.series == (TOTAL, "a", "b", "x", "y")
    assert list(r.years) == list(range(2020, 2026))
    assert r.col(2023) == 3 and r.row["x"] == 3
    assert r.series_values("b").tolist()[:3] == [20.0, 32.0, 40.0]
