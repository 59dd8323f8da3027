"""The canonical dump: same project, same bytes, whatever order things were typed in."""

import json

import pytest

from workbench.core.document import Document
from workbench.core.dump import DUMP_FORMAT, dump, dump_json
from workbench.core.entities import Assessment, Criterion, Rating
from workbench.core.project import (
    TOTAL,
    Dimension,
    Growth,
    Member,
    Metadata,
    Project,
    Scenario,
)


def build(reverse: bool = False) -> Project:
    """The same project, its keyed inputs inserted in one order or the other."""
    p = Project(
        Metadata("Tiny", 2020, 2021, 2023),
        [Dimension("d", "D", (Member("b", "B"), Member("a", "A")))],
        [Scenario("s", "S")],
    )
    history = [((TOTAL, 2021), 10.0), (("a", 2021), 4.0), (("b", 2021), 6.0), (("a", 2020), 0.1)]
    pins = [(("s", "a", 2023), 5.0), (("s", TOTAL, 2022), 11.0)]
    holds = [("a", 2020), ("b", 2021), (TOTAL, 2020)]
    for items in (history, pins, holds):
        if reverse:
            items.reverse()
    p.history.update(history)
    p.pins.update(pins)
    p.holds.update(holds)
    p.growth[("s", "a")] = Growth("growth_by_year", rates={2023: 0.2, 2022: 0.1})
    p.assessments.append(Assessment(
        "as", "As", "d", (Criterion("k", "K"),), {("k", "b"): Rating(2), ("k", "a"): Rating(4)},
    ))
    return p


def test_same_project_same_bytes():
    assert dump_json(Document(build())) == dump_json(Document(build(reverse=True)))


def test_order_follows_the_model_not_the_typing():
    data = dump(Document(build(reverse=True)))
    assert data["format"] == DUMP_FORMAT
    assert list(data["history"]) == [TOTAL, "b", "a"]
    assert list(data["history"]["a"]) == ["2020", "2021"]
    assert data["holds"] == [[TOTAL, 2020], ["b", 2021], ["a", 2020]]
    assert list(data["pins"]["s"]) == [TOTAL, "a"]
    assert data["assumptions"]["s"]["a"]["rates"] == {"2022": 0.1, "2023": 0.2}
    assert [c["member"] for c in data["assessments"][0]["cells"]] == ["a", "b"]


def test_every_series_has_its_assumption_written_out():
    data = dump(Document(build()))
    assert data["assumptions"]["s"][TOTAL] == {
        "method": "cagr", "rate": 0.0, "rates": {}, "k": None, "r": None, "values": {},
    }


def test_forecast_values_and_gaps_are_included_with_blanks_as_null():
    p = build()
    text = dump_json(Document(p))
    data = json.loads(text)
    total = data["forecast"]["s"]["values"][TOTAL]
    assert total == [None, 10.0, 11.0, 11.0]  # 2020 blank; 2022 pinned; 2023 flat
    assert data["forecast"]["s"]["gaps"]["d"][1] == 0.0
    assert "NaN" not in text and text.endswith("\n")


def test_numbers_are_written_exactly():
    p = build()
    p.history[("a", 2020)] = 0.1 + 0.2
    data = json.loads(dump_json(Document(p)))
    assert data["history"]["a"]["2020"] == 0.30000000000000004


@pytest.mark.parametrize("rate", [0, 0.0])
def test_equal_assumptions_dump_the_same(rate):
    p = build()
    p.growth[("s", "b")] = Growth("cagr", rate)
    reference = build()
    reference.growth[("s", "b")] = Growth("cagr", 0.0)
    assert dump_json(Document(p)) == dump_json(Document(reference))
