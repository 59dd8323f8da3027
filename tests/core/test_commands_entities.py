"""Edits of the qualitative entities: add, update, move, remove with cascades, merge."""

import pytest

from workbench.core.commands import (
    AddEntity,
    MergeCompanies,
    MoveEntity,
    RemoveEntity,
    SetHistorySource,
    UpdateEntity,
)
from workbench.core.document import Document
from workbench.core.entities import Company, Development, Factor, Force, Source, Trend
from workbench.core.project import TOTAL, Dimension, Member, Metadata, Project, Scenario


@pytest.fixture
def doc() -> Document:
    p = Project(
        Metadata("Tiny", 2020, 2022, 2025),
        [Dimension("tech", "Technology", (Member("a", "A"), Member("b", "B")))],
        [Scenario("base", "Base")],
        sources=[Source("s1", "Publisher One"), Source("s2", "Publisher Two")],
        companies=[
            Company("c1", "ReelShort", headquarters="", founded=None, segments=("a",),
                    shares={2024: 0.2}, source_ids=("s1",)),
            Company("c2", "Reel Short Inc.", headquarters="Sunnyvale", founded=2022,
                    segments=("b", "a"), shares={2024: 0.5, 2023: 0.1}, source_ids=("s2", "s1")),
        ],
        developments=[
            Development("d1", "c1", "2024-01", "product", "Launch.", "s1"),
            Development("d2", "c2", "2024-03", "funding", "Raised money.", "s2"),
            Development("d3", "c1", "2024-06", "partnership", "Deal."),
        ],
        forces=[Force("rivalry", 4, "Crowded.")],
    )
    return Document(p)


def ids(items) -> list[str]:
    return [e.id for e in items]


def test_add_at_a_position_and_update(doc):
    doc.execute(AddEntity("factors", Factor("f1", "driver", "Cheap data", segments=("a",))))
    doc.execute(AddEntity("factors", Factor("f2", "challenge", "Regulation"), index=0))
    assert ids(doc.project.factors) == ["f2", "f1"]
    doc.execute(UpdateEntity("factors", Factor("f1", "driver", "Cheaper data", impact_long=5)))
    assert doc.project.factors[1].title == "Cheaper data"
    assert doc.project.factors[1].impact_long == 5
    doc.execute(UpdateEntity("forces", Force("rivalry", 5)))
    assert doc.project.forces == [Force("rivalry", 5)]


def test_move(doc):
    doc.execute(MoveEntity("developments", "d3", 0))
    assert ids(doc.project.developments) == ["d3", "d1", "d2"]
    doc.execute(MoveEntity("developments", "d3", -4))
    assert ids(doc.project.developments) == ["d3", "d1", "d2"]
    doc.execute(MoveEntity("developments", "d3", 10))
    assert ids(doc.project.developments) == ["d1", "d2", "d3"]


def test_removing_a_company_removes_its_developments(doc):
    doc.execute(RemoveEntity("companies", "c1"))
    assert ids(doc.project.companies) == ["c2"]
    assert ids(doc.project.developments) == ["d2"]
    doc.undo()
    assert ids(doc.project.developments) == ["d1", "d2", "d3"]


def test_removing_a_source_uncites_it_everywhere(doc):
    doc.execute(SetHistorySource(TOTAL, 2021, "s1"))
    doc.execute(SetHistorySource("a", 2021, "s2"))
    doc.execute(AddEntity("trends", Trend("t1", "Vertical", source_ids=("s1",))))
    doc.execute(RemoveEntity("sources", "s1"))
    p = doc.project
    assert ids(p.sources) == ["s2"]
    assert p.history_sources == {("a", 2021): "s2"}
    assert [d.source_id for d in p.developments] == [None, "s2", None]
    assert [c.source_ids for c in p.companies] == [(), ("s2",)]
    assert p.trends[0].source_ids == ()


def test_merging_companies(doc):
    doc.execute(MergeCompanies("c1", "c2"))
    p = doc.project
    assert ids(p.companies) == ["c1"]
    merged = p.companies[0]
    assert merged.name == "ReelShort"  # the kept company's facts win
    assert (merged.headquarters, merged.founded) == ("Sunnyvale", 2022)  # blanks are filled
    assert merged.segments == ("a", "b")
    assert merged.shares == {2024: 0.2, 2023: 0.1}
    assert merged.source_ids == ("s1", "s2")
    assert [d.company_id for d in p.developments] == ["c1", "c1", "c1"]
    assert doc.undo_text == "Merge companies"


def test_entity_edits_leave_the_forecasts_cached(doc):
    result = doc.result("base")
    change = doc.execute(AddEntity("trends", Trend("t1", "Vertical")))
    assert change.scenarios == frozenset() and change.fields == {"trends"}
    assert doc.result("base") is result
