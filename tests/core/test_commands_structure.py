"""Edits of the market's structure and what they take with them.

Project: history 2020–2022, forecast 2023–2025; Technology (A, B), Region (X, Y);
scenarios Base and High; numbers, pins, holds, notes and references hang on A.
"""

import pytest

from workbench.core.commands import (
    AddDimension,
    AddMember,
    AddScenario,
    MoveDimension,
    MoveMember,
    RemoveDimension,
    RemoveMember,
    RemoveScenario,
    RenameDimension,
    RenameMember,
    RenameScenario,
    SetMetadata,
    SetMode,
    SetYearRange,
)
from workbench.core.document import Document
from workbench.core.entities import Assessment, Company, Criterion, Factor, Rating, Trend
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
        [
            Dimension("tech", "Technology", (Member("a", "A"), Member("b", "B"))),
            Dimension("region", "Region", (Member("x", "X"), Member("y", "Y"))),
        ],
        [Scenario("base", "Base"), Scenario("high", "High")],
    )
    for series_id in (TOTAL, "a", "b", "x", "y"):
        p.history[(series_id, 2020)] = p.history[(series_id, 2022)] = 10.0
    p.history_sources[("a", 2020)] = "s"
    p.growth[("high", "a")] = Growth("growth_by_year", rates={2023: 0.1, 2025: 0.3})
    p.growth[("base", "a")] = Growth("manual", values={2023: 1.0, 2024: 2.0})
    p.pins.update({("high", "a", 2024): 5.0, ("base", "b", 2025): 7.0})
    p.holds.update({("a", 2020), ("a", 2025)})
    p.notes.update({("", "a", 2021): "n1", ("high", "a", 2023): "n2"})
    p.companies.append(Company("c", "Co", segments=("a", "x")))
    p.factors.append(Factor("f", "driver", "F", segments=("a",)))
    p.trends.append(Trend("t", "T", segments=("b", "a")))
    criteria = (Criterion("k", "K"),)
    p.assessments.append(
        Assessment("as", "As", "tech", criteria, {("k", "a"): Rating(2), ("k", "b"): Rating(4)})
    )
    return Document(p)


def names(dimension: Dimension) -> list[str]:
    return [m.name for m in dimension.members]


def test_add_rename_and_move_segments(doc):
    doc.execute(AddMember("tech", "C", index=0))
    tech = doc.project.dimension("tech")
    assert names(tech) == ["C", "A", "B"] and tech.members[0].id == "seg-1"
    doc.execute(RenameMember("seg-1", "Cloud"))
    doc.execute(MoveMember("seg-1", 99))
    assert names(doc.project.dimension("tech")) == ["A", "B", "Cloud"]
    assert doc.project.series_ids() == [TOTAL, "a", "b", "seg-1", "x", "y"]


def test_removing_a_segment_takes_everything_that_hangs_on_it(doc):
    doc.execute(RemoveMember("a"))
    p = doc.project
    assert names(p.dimension("tech")) == ["B"]
    assert all(k[0] != "a" for k in [*p.history, *p.history_sources, *p.holds])
    assert all(k[1] != "a" for k in [*p.growth, *p.pins, *p.notes])
    assert p.pins == {("base", "b", 2025): 7.0}
    assert p.companies[0].segments == ("x",) and p.factors[0].segments == ()
    assert p.trends[0].segments == ("b",)
    assert p.assessments[0].cells == {("k", "b"): Rating(4)}
    assert doc.result("base").series == (TOTAL, "b", "x", "y")


def test_add_dimension_with_segments_and_rename_move_remove(doc):
    doc.execute(AddDimension("Channel", ["Online", "Retail"], index=1))
    p = doc.project
    assert [d.name for d in p.dimensions] == ["Technology", "Channel", "Region"]
    assert names(p.dimensions[1]) == ["Online", "Retail"]
    doc.execute(RenameDimension("region", "Geography"))
    doc.execute(MoveDimension("region", 0))
    assert [d.name for d in doc.project.dimensions] == ["Geography", "Technology", "Channel"]
    doc.execute(RemoveDimension("tech"))
    p = doc.project
    assert [d.id for d in p.dimensions] == ["region", "dim-1"]
    assert p.assessments == [] and p.companies[0].segments == ("x",)
    assert set(doc.result("base").gaps) == {"region", "dim-1"}


def test_removing_the_stored_primary_dimension_in_top_down_mode_clears_it(doc):
    doc.execute(SetMode("top_down", "tech"))
    doc.execute(RemoveDimension("tech"))
    assert doc.project.primary_dimension is None


def test_add_scenario_copying_another(doc):
    doc.execute(AddScenario("Stress", copy_from="high"))
    p = doc.project
    assert p.scenarios[-1] == Scenario("scn-1", "Stress")
    assert p.growth[("scn-1", "a")] == p.growth[("high", "a")]
    assert p.pins[("scn-1", "a", 2024)] == 5.0 and p.notes[("scn-1", "a", 2023)] == "n2"
    r_copy, r_high = doc.result("scn-1"), doc.result("high")
    assert r_copy.values.tobytes() == r_high.values.tobytes()


def test_add_empty_scenario_uses_default_growth(doc):
    doc.execute(AddScenario("Flat"))
    assert doc.result("scn-1").projected_value("a", 2025) == 10.0


def test_rename_and_remove_scenarios(doc):
    doc.execute(RenameScenario("high", "Optimistic"))
    assert doc.project.scenario("high").name == "Optimistic"
    doc.execute(RemoveScenario("high"))
    p = doc.project
    assert [s.id for s in p.scenarios] == ["base"]
    assert all(k[0] != "high" for k in [*p.growth, *p.pins, *p.notes])
    assert set(doc.results()) == {"base"}


def test_narrowing_the_years_drops_what_falls_outside(doc):
    doc.execute(SetYearRange(2021, 2023, 2024))
    p = doc.project
    assert list(p.metadata.years) == [2021, 2022, 2023, 2024]
    assert set(p.history) == {(s, 2022) for s in (TOTAL, "a", "b", "x", "y")}
    assert p.history_sources == {}
    assert p.growth[("high", "a")].rates == {} and p.growth[("base", "a")].values == {2024: 2.0}
    assert p.pins == {("high", "a", 2024): 5.0}
    assert p.holds == set() and p.notes == {("", "a", 2021): "n1"}
    assert doc.result("base").values.shape == (5, 4)


def test_widening_the_years_keeps_everything(doc):
    before = doc.project.copy()
    doc.execute(SetYearRange(2019, 2022, 2030))
    p = doc.project
    assert p.history == before.history and p.pins == before.pins and p.notes == before.notes
    assert doc.result("base").values.shape == (5, 12)


def test_metadata_and_mode(doc):
    doc.execute(SetMetadata(title="Micro drama", unit="USD millions", description="D"))
    meta = doc.project.metadata
    assert (meta.title, meta.unit, meta.description, meta.base_year) == (
        "Micro drama", "USD millions", "D", 2022,
    )
    doc.execute(SetMode("bottom_up", "region"))
    assert (doc.project.mode, doc.project.primary_dimension) == ("bottom_up", "region")
    assert doc.result("base").gap("region", 2024) == 0.0
    doc.execute(SetMode("top_down"))
    assert doc.project.mode == "top_down"


def test_bottom_up_drops_pins_of_the_total(doc):
    doc.execute(AddScenario("Pinned", scenario_id="p"))
    doc.project.pins[("p", TOTAL, 2024)] = 3.0  # as a file could hold it
    doc.execute(SetMode("bottom_up", "tech"))
    assert ("p", TOTAL, 2024) not in doc.project.pins
    doc.undo()
    assert doc.project.pins[("p", TOTAL, 2024)] == 3.0
