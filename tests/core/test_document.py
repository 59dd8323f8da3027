"""The document: undo stack, listeners, cached forecasts, saved state and dirty keys."""

import pytest

from workbench.core.commands import (
    AddScenario,
    Batch,
    RenameScenario,
    SetGrowth,
    SetHistory,
    SetHistorySource,
    SetMetadata,
    SetPin,
    SetYearRange,
)
from workbench.core.document import Document
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL, Growth, Metadata, Project, Scenario
from workbench.core.transaction import WHOLE


@pytest.fixture
def doc() -> Document:
    p = Project(
        Metadata("T", 2020, 2022, 2025),
        [],
        [Scenario("base", "Base"), Scenario("high", "High")],
        sources=[Source("s", "Publisher")],
    )
    p.history[(TOTAL, 2022)] = 100.0
    return Document(p)


def test_undo_and_redo_texts_and_stacks(doc):
    assert (doc.can_undo, doc.can_redo, doc.undo_text, doc.redo_text) == (False, False, "", "")
    doc.execute(SetHistory(TOTAL, 2021, 1.0))
    doc.execute(SetPin("base", TOTAL, 2024, 2.0))
    assert doc.undo_text == "Pin value"
    doc.undo()
    assert (doc.undo_text, doc.redo_text) == ("Set history value", "Pin value")
    doc.execute(SetHistory(TOTAL, 2020, 3.0))
    assert not doc.can_redo and doc.redo() is None
    doc.undo()
    doc.undo()
    assert doc.undo() is None and doc.project.history == {(TOTAL, 2022): 100.0}


def test_listeners_hear_every_edit_undo_and_redo(doc):
    heard = []
    unsubscribe = doc.subscribe(heard.append)
    doc.execute(SetHistory(TOTAL, 2021, 1.0))
    doc.undo()
    doc.redo()
    assert [c.text for c in heard] == [
        "Set history value", "Undo Set history value", "Redo Set history value",
    ]
    assert all(c.keys["history"] == {(TOTAL, 2021)} for c in heard)
    unsubscribe()
    doc.undo()
    assert len(heard) == 3


def test_a_refused_edit_is_not_heard_and_changes_nothing(doc):
    heard = []
    doc.subscribe(heard.append)
    with pytest.raises(ModelError):
        doc.execute(Batch("b", [SetHistory(TOTAL, 2021, 1.0), SetHistory(TOTAL, 2030, 1.0)]))
    assert heard == [] and not doc.can_undo and (TOTAL, 2021) not in doc.project.history


def test_undo_limit_drops_the_oldest_steps(doc):
    doc.undo_limit = 2
    for year, value in ((2020, 1.0), (2021, 2.0), (2022, 3.0)):
        doc.execute(SetHistory(TOTAL, year, value))
    doc.undo()
    doc.undo()
    assert not doc.can_undo and doc.project.history[(TOTAL, 2020)] == 1.0


def test_forecasts_are_cached_until_an_edit_touches_their_scenario(doc):
    base, high = doc.result("base"), doc.result("high")
    doc.execute(SetGrowth("high", TOTAL, Growth("cagr", 0.5)))
    assert doc.result("base") is base
    assert doc.result("high") is not high and doc.result("high").value(TOTAL, 2023) == 150.0
    doc.execute(SetHistorySource(TOTAL, 2022, "s"))
    assert doc.result("base") is base
    doc.execute(SetHistory(TOTAL, 2022, 10.0))
    assert doc.result("base") is not base and doc.result("base").value(TOTAL, 2025) == 10.0
    doc.undo()
    assert doc.result("base").value(TOTAL, 2025) == 100.0


def test_scenario_edits_refresh_the_list_of_results(doc):
    doc.execute(AddScenario("Low", copy_from="high", scenario_id="low"))
    assert list(doc.results()) == ["base", "high", "low"]
    doc.execute(RenameScenario("low", "Bear"))
    doc.undo()
    doc.undo()
    assert list(doc.results()) == ["base", "high"]
    with pytest.raises(ModelError, match="no scenario with id 'low'"):
        doc.result("low")


def test_modified_state_follows_undo_and_save(doc):
    assert not doc.is_modified
    doc.execute(SetHistory(TOTAL, 2021, 1.0))
    assert doc.is_modified
    doc.undo()
    assert not doc.is_modified
    doc.redo()
    doc.mark_saved()
    assert not doc.is_modified and doc.dirty() == {}
    doc.undo()
    assert doc.is_modified
    doc.redo()
    assert not doc.is_modified
    doc.mark_unsaved()
    assert doc.is_modified


def test_dirty_collects_changed_keys_since_the_last_save(doc):
    doc.execute(SetHistory(TOTAL, 2021, 1.0))
    doc.execute(SetPin("base", TOTAL, 2024, 2.0))
    doc.execute(SetHistory(TOTAL, 2020, 3.0))
    assert doc.dirty() == {
        "history": {(TOTAL, 2021), (TOTAL, 2020)},
        "pins": {("base", TOTAL, 2024)},
    }
    doc.execute(RenameScenario("base", "Central"))
    assert doc.dirty()["scenarios"] is WHOLE
    doc.mark_saved()
    doc.undo()
    assert doc.dirty() == {"scenarios": WHOLE}


def test_renames_keep_the_forecasts_and_layout_changes_drop_them(doc):
    doc.execute(SetGrowth("high", TOTAL, Growth("cagr", 0.5)))
    base, high = doc.result("base"), doc.result("high")
    doc.execute(RenameScenario("high", "Bull"))
    doc.execute(SetMetadata(title="Renamed"))
    assert doc.result("base") is base and doc.result("high") is high
    doc.execute(SetYearRange(2020, 2022, 2026))
    assert doc.result("high").value(TOTAL, 2026) == pytest.approx(100 * 1.5**4)
    assert doc.result("base") is not base
