"""Fixed segments, holds, spreads and back-solves, against numbers worked out by hand.

Project: history 2020–2022, forecast 2023–2025. Base-year total 100 growing 10 % a year
(110, 121, 133.1); Technology A 60 (20 %) and B 40 (0 %); Region X 30, Y 70 (0 %).
"""

import math

import numpy as np
import pytest

from workbench.core.commands import (
    AddScenario,
    BackSolve,
    SetGrowth,
    SetHold,
    SetMode,
    SetPin,
    SpreadTotal,
)
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.reconcile import reconcile_block
from workbench.core.validation import validate

approx = lambda value: pytest.approx(value, rel=1e-12)  # noqa: E731


@pytest.fixture
def doc() -> Document:
    tech = Dimension("tech", "Technology", (Member("a", "A"), Member("b", "B")))
    region = Dimension("region", "Region", (Member("x", "X"), Member("y", "Y")))
    p = Project(Metadata("Tiny", 2020, 2022, 2025), [tech, region], [Scenario("base", "Base")])
    for series_id, value in {TOTAL: 100.0, "a": 60.0, "b": 40.0, "x": 30.0, "y": 70.0}.items():
        p.history[(series_id, 2022)] = value
    p.growth[("base", TOTAL)] = Growth("cagr", 0.10)
    p.growth[("base", "a")] = Growth("cagr", 0.20)
    return Document(p)


# -- reconciliation ---------------------------------------------------------------------------


def test_a_pin_shows_exactly_as_typed_and_the_free_segments_take_the_rest(doc):
    doc.execute(SetPin("base", "a", 2023, 6.5))
    r = doc.result("base")
    # 2023: total 110; A fixed at 6.5; B (40) takes 110 − 6.5 = 103.5: scale 2.5875.
    assert r.value("a", 2023) == 6.5
    assert r.value("b", 2023) == approx(103.5)
    assert r.scale("tech", 2023) == approx(103.5 / 40)
    assert r.gap("tech", 2023) == approx(6.5 + 40 - 110)


def test_a_chain_goes_on_from_the_pin_as_a_projection(doc):
    doc.execute(SetPin("base", "a", 2023, 6.5))
    r = doc.result("base")
    # A continues from 6.5 / 2.5875, grows 20 %, and is scaled with B to 121 in 2024.
    a = 6.5 / (103.5 / 40) * 1.2
    assert r.projected_value("a", 2024) == approx(a)
    assert r.value("a", 2024) == approx(a * 121 / (a + 40))
    assert r.value("a", 2024) + r.value("b", 2024) == approx(121.0)


def test_unchanged_typing_elsewhere_never_moves_a_pin(doc):
    doc.execute(SetPin("base", "a", 2024, 6.5))
    doc.execute(SetGrowth("base", "b", Growth("cagr", 0.3)))
    doc.execute(SetGrowth("base", TOTAL, Growth("cagr", 0.02)))
    assert doc.result("base").value("a", 2024) == 6.5


@pytest.mark.parametrize(
    ("projected", "fixed", "total", "reason"),
    [
        ([[5.0], [5.0]], [[True], [True]], [20.0], 1),  # no free segment, 10 ≠ 20
        ([[5.0], [0.0]], [[True], [False]], [20.0], 2),  # the free segment is 0
        ([[5.0], [math.nan]], [[True], [False]], [20.0], 3),  # a blank
        ([[25.0], [5.0]], [[True], [False]], [20.0], 4),  # fixed above the total
        ([[1.0], [1e-9]], [[True], [False]], [20.0], 5),  # near-zero denominator
        ([[1000.0], [-1010.0]], [[False], [False]], [5.0], 6),  # would flip signs
    ],
)
def test_where_reconciliation_cannot_be_done_projections_stay(projected, fixed, total, reason):
    done = reconcile_block(np.array(projected), np.array(fixed), np.array(total))
    assert done.reasons.tolist() == [reason]
    np.testing.assert_array_equal(done.values, np.array(projected))
    assert math.isnan(done.scale[0])


def test_fixed_segments_that_fill_the_total_exactly_are_reconciled():
    done = reconcile_block(np.array([[5.0], [15.0]]), np.array([[True], [True]]), np.array([20.0]))
    assert done.reasons.tolist() == [0] and done.scale.tolist() == [1.0]


def test_validation_names_dimension_year_and_reason(doc):
    doc.execute(SetPin("base", "a", 2024, 200.0))
    found = [f for f in validate(doc) if f.code == "reconcile_impossible"]
    assert [(f.dimension_id, f.year) for f in found] == [("tech", 2024)]
    assert found[0].message == (
        "The Base segments of Technology are not reconciled to the total in 2024: the pinned "
        "and held segments add up to more than the total; they show their projections."
    )


# -- holds --------------------------------------------------------------------------------


def test_a_hold_pins_each_scenarios_shown_number_and_release_removes_only_those(doc):
    doc.execute(AddScenario("High", copy_from="base", scenario_id="high"))
    doc.execute(SetGrowth("high", "b", Growth("cagr", 0.5)))
    doc.execute(SetPin("high", "a", 2024, 9.0))  # the analyst's own pin stays
    shown = {s: doc.result(s).value("a", 2024) for s in ("base", "high")}
    before = dump_json(doc)
    doc.execute(SetHold("a", 2024, True))
    assert doc.project.pins[("base", "a", 2024)] == shown["base"]
    assert doc.project.pin_marks == {("base", "a", 2024): "hold"}
    assert doc.project.pins[("high", "a", 2024)] == 9.0
    doc.execute(SetHold("a", 2024, False))
    assert ("base", "a", 2024) not in doc.project.pins
    assert doc.project.pins[("high", "a", 2024)] == 9.0
    assert dump_json(doc) == before


def test_a_scenario_added_later_gets_its_own_hold_pin(doc):
    doc.execute(SetHold("b", 2025, True))
    doc.execute(AddScenario("Flat", scenario_id="flat"))
    # Flat: total 100 (0 %), A 60, B 40: B shows 40, and that is its hold pin.
    assert doc.project.pins[("flat", "b", 2025)] == approx(40.0)
    assert doc.project.pin_marks[("flat", "b", 2025)] == "hold"


# -- spread -------------------------------------------------------------------------------


def test_a_top_down_spread_keeps_held_segments(doc):
    doc.execute(SetHold("b", 2023, True))
    held = doc.result("base").value("b", 2023)
    doc.execute(SpreadTotal(2023, 125.0, "base"))
    r = doc.result("base")
    assert r.value("b", 2023) == held
    assert r.value("a", 2023) == approx(125.0 - held)


def test_a_spread_refuses_a_total_below_the_fixed_segments(doc):
    doc.execute(SetPin("base", "a", 2023, 100.0))
    with pytest.raises(ModelError, match="already add up to 100 in 2023, more than 90"):
        doc.execute(SpreadTotal(2023, 90.0, "base"))


def test_a_second_bottom_up_spread_replaces_the_first_ones_pins(doc):
    doc.execute(SetMode("bottom_up", "tech"))
    doc.execute(SpreadTotal(2023, 200.0, "base"))
    # A 72 and B 40 share 200 in proportion: 200 × 72/112 and 200 × 40/112.
    assert doc.project.pins[("base", "a", 2023)] == approx(200 * 72 / 112)
    doc.execute(SpreadTotal(2023, 100.0, "base"))
    # The spread's own pins count as free: 100 shared in the same proportion.
    assert doc.project.pins[("base", "a", 2023)] == approx(100 * 72 / 112)
    assert doc.result("base").value(TOTAL, 2023) == approx(100.0)


def test_a_bottom_up_spread_with_free_segments_at_zero_shares_equally(doc):
    doc.execute(SetMode("bottom_up", "region"))
    doc.execute(SetPin("base", "x", 2023, 0.0))
    doc.execute(SetGrowth("base", "y", Growth("manual", values={2023: 0.0, 2024: 0.0, 2025: 0.0})))
    doc.execute(SpreadTotal(2023, 10.0, "base"))  # X is the analyst's pin: fixed at 0
    assert doc.project.pins[("base", "y", 2023)] == 10.0


# -- back-solve ---------------------------------------------------------------------------


def test_back_solve_lands_on_the_shown_target(doc):
    # 2025: total 133.1, B free at 40; A must project 50 × 40 / (133.1 − 50) and shows 50.
    doc.execute(BackSolve("base", {"a": 50.0}))
    r = doc.result("base")
    assert r.value("a", 2025) == approx(50.0)
    assert (1 + doc.project.growth_of("base", "a").rate) ** 3 * 60 == approx(50 * 40 / 83.1)


def test_back_solve_several_targets_together(doc):
    # X and Y are the whole of Region (O is empty), so the targets must add up to 133.1;
    # their projections are then the targets themselves.
    doc.execute(BackSolve("base", {"x": 40.0, "y": 93.1}))
    r = doc.result("base")
    assert (r.value("x", 2025), r.value("y", 2025)) == (approx(40.0), approx(93.1))


def test_back_solve_refuses_targets_that_leave_nothing_for_the_others(doc):
    with pytest.raises(ModelError, match=r"leaves -16\.9 of the 2025 total 133\.1"):
        doc.execute(BackSolve("base", {"a": 150.0}))


def test_back_solve_refuses_targets_that_do_not_add_up_when_nothing_else_is_free(doc):
    with pytest.raises(ModelError, match=r"must add up to 133\.1"):
        doc.execute(BackSolve("base", {"x": 40.0, "y": 90.0}))


def test_back_solve_of_a_bottom_up_primary_segment_needs_no_scaling(doc):
    doc.execute(SetMode("bottom_up", "tech"))
    doc.execute(BackSolve("base", {"b": 80.0}))
    assert doc.project.growth_of("base", "b").rate == approx(2 ** (1 / 3) - 1)
    assert doc.result("base").value("b", 2025) == approx(80.0)
