"""The transaction log: write-through, exact replay both ways, and what a change reports."""

import pytest

from workbench.core.project import TOTAL, Dimension, Growth, Metadata, Project, Scenario
from workbench.core.transaction import WHOLE, Transaction


@pytest.fixture
def project() -> Project:
    p = Project(Metadata("T", 2020, 2022, 2025), [], [Scenario("base", "Base")])
    p.history[(TOTAL, 2022)] = 100.0
    p.holds.add(("a", 2021))
    return p


def test_writes_go_through_and_replay_backwards_and_forwards(project):
    before = project.copy()
    tx = Transaction(project)
    tx.set("history", (TOTAL, 2022), 120.0)
    tx.set("history", (TOTAL, 2021), 90.0)
    tx.delete("holds", ("a", 2021))
    tx.set("holds", ("b", 2020), True)
    tx.set("growth", ("base", TOTAL), Growth("cagr", 0.1))
    tx.replace("scenarios", [Scenario("base", "Central")])
    after = project.copy()
    assert project.history == {(TOTAL, 2022): 120.0, (TOTAL, 2021): 90.0}
    assert project.holds == {("b", 2020)}
    tx.undo()
    assert project == before
    tx.redo()
    assert project == after


def test_the_same_key_written_twice_undoes_to_the_first_value(project):
    tx = Transaction(project)
    tx.set("history", (TOTAL, 2022), 1.0)
    tx.set("history", (TOTAL, 2022), 2.0)
    tx.delete("history", (TOTAL, 2022))
    tx.undo()
    assert project.history == {(TOTAL, 2022): 100.0}
    tx.redo()
    assert project.history == {}


def test_writes_that_change_nothing_are_not_logged(project):
    tx = Transaction(project)
    tx.set("history", (TOTAL, 2022), 100.0)
    tx.set("holds", ("a", 2021), True)
    tx.delete("history", (TOTAL, 2000))
    tx.delete("holds", ("z", 2020))
    tx.replace("scenarios", [Scenario("base", "Base")])
    tx.replace("mode", "top_down")
    assert not tx


def test_a_number_of_another_type_is_a_change(project):
    tx = Transaction(project)
    tx.set("history", (TOTAL, 2022), 100)
    assert tx and type(project.history[(TOTAL, 2022)]) is int


def test_change_reports_keys_and_scenarios(project):
    tx = Transaction(project)
    tx.set("growth", ("base", TOTAL), Growth("cagr", 0.1))
    tx.set("pins", ("high", TOTAL, 2024), 5.0)
    tx.set("notes", ("base", TOTAL, 2024), "n")
    change = tx.change("Edit")
    assert change.text == "Edit"
    assert change.scenarios == {"base", "high"}
    assert change.keys["pins"] == {("high", TOTAL, 2024)}
    assert change.fields == {"growth", "pins", "notes"}
    assert change.touches("notes", "history") and not change.touches("history")


def test_a_whole_replacement_or_history_edit_touches_every_scenario(project):
    tx = Transaction(project)
    tx.set("growth", ("base", TOTAL), Growth("cagr", 0.1))
    tx.replace("dimensions", [Dimension("d", "D")])
    change = tx.change("Add dimension")
    assert change.scenarios is None and change.keys["dimensions"] is WHOLE
    tx2 = Transaction(project)
    tx2.set("history", (TOTAL, 2021), 5.0)
    assert tx2.change("Set").scenarios is None


def test_history_sources_touch_no_forecast_and_holds_touch_every_scenario(project):
    tx = Transaction(project)
    tx.set("history_sources", (TOTAL, 2022), "s")
    tx.set("pin_marks", ("base", TOTAL, 2024), "hold")
    assert tx.change("Cite").scenarios == frozenset()
    tx.set("holds", (TOTAL, 2020), True)
    assert tx.change("Hold").scenarios is None
