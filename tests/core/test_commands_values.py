"""Edits of numbers, with results worked by hand: history, growth, pins, back-solve, shifts.

Project: history 2020–2022 (total 100 in 2022), forecast 2023–2025; one dimension,
Technology, with A (60) and B (40); scenarios Base and High.
"""

import pytest

from workbench.core.commands import (
    BackSolveCagr,
    SetGrowth,
    SetHistory,
    SetHistorySource,
    SetHold,
    SetNote,
    SetPin,
    ShiftGrowth,
)
from workbench.core.document import Document
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.project import (
    TOTAL,
    Dimension,
    Growth,
    Member,
    Metadata,
    Project,
    Scenario,
)


@pytest.fixture
def doc() -> Document:
    p = Project(
        Metadata("Tiny", 2020, 2022, 2025),
        [Dimension("tech", "Technology", (Member("a", "A"), Member("b", "B")))],
        [Scenario("base", "Base"), Scenario("high", "High")],
        sources=[Source("src", "Publisher")],
    )
    p.history.update({(TOTAL, 2022): 100.0, ("a", 2022): 60.0, ("b", 2022): 40.0})
    return Document(p)


def test_history_value_and_its_source(doc):
    doc.execute(SetHistory("a", 2021, 50.0))
    doc.execute(SetHistorySource("a", 2021, "src"))
    assert doc.project.history[("a", 2021)] == 50.0
    assert doc.project.history_sources[("a", 2021)] == "src"
    doc.execute(SetHistory("a", 2021, None))
    assert ("a", 2021) not in doc.project.history
    assert ("a", 2021) not in doc.project.history_sources


def test_history_edit_reaches_every_scenario(doc):
    doc.execute(SetGrowth("high", "a", Growth("cagr", 0.5)))
    doc.results()
    change = doc.execute(SetHistory("a", 2022, 80.0))
    assert change.scenarios is None
    assert doc.result("base").value("a", 2023) == pytest.approx(80 / 120 * 100)
    assert doc.result("high").projected_value("a", 2023) == pytest.approx(120.0)


def test_growth_edit_touches_its_scenario_only(doc):
    change = doc.execute(SetGrowth("high", TOTAL, Growth("cagr", 0.1)))
    assert change.scenarios == {"high"} and change.keys["growth"] == {("high", TOTAL)}
    assert doc.result("high").value(TOTAL, 2025) == pytest.approx(133.1)
    assert doc.result("base").value(TOTAL, 2025) == 100.0


def test_pin_and_unpin(doc):
    doc.execute(SetGrowth("base", TOTAL, Growth("cagr", 0.1)))
    doc.execute(SetPin("base", TOTAL, 2024, 150.0))
    assert doc.result("base").value(TOTAL, 2025) == pytest.approx(165.0)
    doc.execute(SetPin("base", TOTAL, 2024, None))
    assert doc.result("base").value(TOTAL, 2025) == pytest.approx(133.1)


def test_back_solve_from_the_base_year(doc):
    # (133.1 / 100) ^ (1/3) - 1 = 10 %
    doc.execute(BackSolveCagr("base", TOTAL, 133.1))
    assert doc.project.growth_of("base", TOTAL).rate == pytest.approx(0.10, rel=1e-12)
    assert doc.result("base").value(TOTAL, 2025) == pytest.approx(133.1, rel=1e-12)


def test_back_solve_from_the_last_pin(doc):
    # 2025: total 100, B free at 40, so A must project 60 × 40 / (100 − 60) = 60. The chain
    # restarts at the 2024 pin of 50 as a projection: B got (100 − 50) / 40 = 1.25 that
    # year, so 50 / 1.25 = 40, and 40 × (1 + g) = 60 → g = 50 %.
    doc.execute(SetPin("base", "a", 2023, 10.0))
    doc.execute(SetPin("base", "a", 2024, 50.0))
    doc.execute(BackSolveCagr("base", "a", 60.0))
    assert doc.project.growth_of("base", "a").rate == pytest.approx(0.50, rel=1e-12)
    assert doc.result("base").value("a", 2025) == pytest.approx(60.0, rel=1e-12)


def test_back_solve_keeps_the_other_parameters(doc):
    doc.execute(SetGrowth("base", "b", Growth("cagr", 0.0, rates={2024: 0.3})))
    doc.execute(BackSolveCagr("base", "b", 80.0))
    assert doc.project.growth_of("base", "b").rates == {2024: 0.3}


def test_back_solve_refuses_a_blank_base(doc):
    doc.execute(SetHistory("a", 2022, None))
    with pytest.raises(ModelError, match="needs a positive 2022 value"):
        doc.execute(BackSolveCagr("base", "a", 60.0))


def test_shift_growth_moves_rates_not_curves(doc):
    doc.execute(SetGrowth("high", TOTAL, Growth("cagr", 0.05)))
    doc.execute(SetGrowth("high", "a", Growth("growth_by_year", rates={2023: 0.1, 2025: 0.2})))
    doc.execute(SetGrowth("high", "b", Growth("s_curve", k=90.0, r=0.4)))
    doc.execute(ShiftGrowth("high", 0.02))
    p = doc.project
    assert p.growth_of("high", TOTAL).rate == pytest.approx(0.07)
    assert p.growth_of("high", "a").rates == pytest.approx({2023: 0.12, 2025: 0.22})
    assert p.growth_of("high", "b") == Growth("s_curve", k=90.0, r=0.4)
    assert p.growth_of("base", TOTAL).rate == 0.0
    assert doc.undo_text == "Shift growth rates"


def test_holds_and_notes(doc):
    doc.execute(SetHold("a", 2024, True))
    doc.execute(SetNote("high", "b", 2025, "Aggressive."))
    doc.execute(SetNote("", TOTAL, 2020, "From the filing."))
    assert doc.project.holds == {("a", 2024)}
    assert doc.project.notes == {
        ("high", "b", 2025): "Aggressive.",
        ("", TOTAL, 2020): "From the filing.",
    }
    doc.execute(SetHold("a", 2024, False))
    doc.execute(SetNote("high", "b", 2025, ""))
    assert doc.project.holds == set() and ("high", "b", 2025) not in doc.project.notes
