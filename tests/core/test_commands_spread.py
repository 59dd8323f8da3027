"""Spreading a total to its segments and scaling history to the total, worked by hand.

Project: history 2020–2022, forecast 2023–2025; Technology A 60 + B 40 = 100 in 2022
(the total); Region X 10 + Y 30 + Z 0 = 40 in 2022 (does not add up).
"""

import pytest

from workbench.core.commands import ScaleHistoryToTotal, SetHold, SetMode, SpreadTotal, distribute
from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL, Dimension, Member, Metadata, Project, Scenario


@pytest.fixture
def doc() -> Document:
    p = Project(
        Metadata("Tiny", 2020, 2022, 2025),
        [
            Dimension("tech", "Technology", (Member("a", "A"), Member("b", "B"))),
            Dimension("region", "Region", (Member("x", "X"), Member("y", "Y"), Member("z", "Z"))),
        ],
        [Scenario("base", "Base")],
    )
    p.history.update({(TOTAL, 2022): 100.0, ("a", 2022): 60.0, ("b", 2022): 40.0})
    p.history.update({("x", 2022): 10.0, ("y", 2022): 30.0, ("z", 2022): 0.0})
    return Document(p)


def test_distribute_is_proportional():
    assert distribute({"a": 60.0, "b": 40.0}, set(), 150.0, "T") == {"a": 90.0, "b": 60.0}


def test_distribute_is_even_when_all_are_zero():
    assert distribute({"a": 0.0, "b": 0.0, "c": 0.0}, set(), 9.0, "T") == {
        "a": 3.0, "b": 3.0, "c": 3.0,
    }


def test_distribute_keeps_held_values():
    # 100 - 50 held = 50 left for a (10) and c (30): 12.5 and 37.5.
    out = distribute({"a": 10.0, "b": 50.0, "c": 30.0}, {"b"}, 100.0, "T")
    assert out == {"a": 12.5, "b": 50.0, "c": 37.5}


def test_distribute_refuses_when_everything_is_held():
    with pytest.raises(ModelError, match="Every segment of T is pinned or held"):
        distribute({"a": 1.0}, {"a"}, 2.0, "T")
    assert distribute({"a": 1.0}, {"a"}, 1.0, "T") == {"a": 1.0}


def test_distribute_refuses_holds_above_the_target():
    with pytest.raises(ModelError, match="already add up to more than 40"):
        distribute({"a": 50.0, "b": 1.0}, {"a"}, 40.0, "T")


def test_spread_a_history_total_to_every_dimension(doc):
    doc.execute(SetHold("y", 2022, True))
    doc.execute(SpreadTotal(2022, 200.0))
    h = doc.project.history
    assert h[(TOTAL, 2022)] == 200.0
    assert (h[("a", 2022)], h[("b", 2022)]) == (120.0, 80.0)
    # Y is held at 30; X 10 and Z 0 share the other 170 in proportion: 170 and 0.
    assert (h[("x", 2022)], h[("y", 2022)], h[("z", 2022)]) == (170.0, 30.0, 0.0)
    assert doc.undo_text == "Spread total"


def test_spread_only_the_listed_dimensions(doc):
    doc.execute(SpreadTotal(2022, 50.0, dimension_ids=["region"]))
    h = doc.project.history
    assert h[("a", 2022)] == 60.0 and h[("x", 2022)] == 12.5 and h[("y", 2022)] == 37.5


def test_spread_into_blank_segments_is_even(doc):
    doc.execute(SpreadTotal(2021, 90.0, dimension_ids=["region"]))
    assert [doc.project.history[(m, 2021)] for m in "xyz"] == [30.0, 30.0, 30.0]


def test_spread_a_top_down_forecast_pins_the_total(doc):
    doc.execute(SpreadTotal(2024, 130.0, "base"))
    assert doc.project.pins == {("base", TOTAL, 2024): 130.0}
    assert doc.result("base").value("a", 2024) == pytest.approx(78.0)  # 60 / 100 × 130


def test_spread_a_bottom_up_forecast_pins_the_primary_segments(doc):
    doc.execute(SetMode("bottom_up", "tech"))
    doc.execute(SetHold("b", 2024, True))
    doc.execute(SpreadTotal(2024, 130.0, "base"))
    # The hold pins B at the 40 it shows; A takes the rest: 90, a pin marked as the spread's.
    assert doc.project.pins == {("base", "a", 2024): 90.0, ("base", "b", 2024): 40.0}
    assert doc.project.pin_marks == {("base", "a", 2024): "spread", ("base", "b", 2024): "hold"}
    assert doc.result("base").value(TOTAL, 2024) == 130.0


def test_scale_history_to_the_total(doc):
    doc.execute(ScaleHistoryToTotal("region"))
    h = doc.project.history
    # 10 : 30 : 0 scaled to 100: 25, 75, 0. Years without a total are left alone.
    assert (h[("x", 2022)], h[("y", 2022)], h[("z", 2022)]) == (25.0, 75.0, 0.0)
    assert ("x", 2021) not in h


def test_scale_history_keeps_holds(doc):
    doc.execute(SetHold("z", 2022, True))
    doc.execute(SetHold("x", 2022, True))
    doc.execute(ScaleHistoryToTotal("region", [2022]))
    assert doc.project.history[("y", 2022)] == 90.0
