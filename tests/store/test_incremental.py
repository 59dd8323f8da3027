"""Save onto the document's own file writes only what changed, and is still exactly right."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.store.support import dump_of, folder_state, small_project, writes
from workbench.core import commands as c
from workbench.core.commands.measures import AddVolume, OnMeasure, RemoveVolume, SetVolumeUnit
from workbench.core.document import Document
from workbench.core.entities import Trend
from workbench.core.errors import ModelError
from workbench.core.measures import typed_measures
from workbench.core.methods import codes
from workbench.core.project import TOTAL, Growth
from workbench.core.sample import sample_document
from workbench.store import (
    ChangedOnDisk,
    StoreError,
    open_project,
    save_project,
    save_project_as,
)
from workbench.store import project_file as project_file_module


def rowids(path: Path, table: str) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute(f"SELECT id, rowid FROM {table}").fetchall())
    finally:
        connection.close()


def test_one_edited_cell_writes_one_row(tmp_path, statements):
    path = tmp_path / "p.mwp"
    document = Document(small_project())
    save_project(document, path)
    document.execute(c.SetHistory("d0m1", 2003, 42.0))
    statements.clear()
    save_project(document, path)
    assert writes(statements) == [
        "INSERT OR REPLACE INTO history (series, year, value) VALUES ('d0m1', 2003, 42.0)"
    ]
    assert open_project(path).project.history[("d0m1", 2003)] == 42.0


def test_one_edited_development_rewrites_that_row_only(tmp_path, statements):
    path = tmp_path / "p.mwp"
    document = Document(small_project())
    save_project(document, path)
    before = rowids(path, "developments")
    edited = document.project.developments[7]
    document.execute(c.UpdateEntity("developments", replace(edited, text="Renamed the app.")))
    statements.clear()
    save_project(document, path)
    done = writes(statements)
    assert len(done) == 2
    assert done[0] == f"DELETE FROM developments WHERE id = '{edited.id}'"
    assert done[1].startswith("INSERT INTO developments ")
    after = rowids(path, "developments")
    assert {k: v for k, v in after.items() if k != edited.id} == {
        k: v for k, v in before.items() if k != edited.id
    }
    assert open_project(path).project.developments[7].text == "Renamed the app."


def test_moving_an_entity_renumbers_without_rewriting(tmp_path, statements):
    path = tmp_path / "p.mwp"
    document = Document(small_project())
    save_project(document, path)
    moved = document.project.developments[2].id
    document.execute(c.MoveEntity("developments", moved, 5))
    statements.clear()
    save_project(document, path)
    assert all(s.startswith("UPDATE developments SET position") for s in writes(statements))
    assert len(writes(statements)) == 4
    assert dump_of(open_project(path)) == dump_of(document)


def test_nothing_changed_writes_nothing(tmp_path, statements):
    path = tmp_path / "p.mwp"
    document = Document(small_project())
    save_project(document, path)
    statements.clear()
    save_project(document, path)
    assert writes(statements) == []


def test_undo_past_the_save_is_written_back(tmp_path):
    path = tmp_path / "p.mwp"
    document = sample_document()
    document.execute(c.SetHistory("tiktok", 2020, 1.25))
    save_project(document, path)
    document.undo()
    document.execute(c.RemoveEntity("companies", document.project.companies[0].id))
    save_project(document, path)
    assert dump_of(open_project(path)) == dump_of(document)


def test_save_elsewhere_writes_whole_and_the_first_file_is_then_stale(tmp_path):
    first, second = tmp_path / "a.mwp", tmp_path / "b.mwp"
    document = sample_document()
    save_project(document, first)
    document.execute(c.SetHistory("tiktok", 2020, 1.25))
    save_project(document, second)
    assert dump_of(open_project(second)) == dump_of(document)
    document.execute(c.SetHistory("kwai", 2020, 0.5))
    save_project(document, first)
    assert dump_of(open_project(first)) == dump_of(document)


def test_a_file_changed_behind_our_back_is_rewritten_whole(tmp_path):
    path = tmp_path / "p.mwp"
    document = sample_document()
    save_project(document, path)
    connection = sqlite3.connect(path)
    connection.execute("DELETE FROM history")
    connection.commit()
    connection.close()
    document.execute(c.SetHistory("tiktok", 2020, 1.25))
    changed = path.read_bytes()
    with pytest.raises(ChangedOnDisk, match=r"was changed on disk by another window or program"):
        save_project(document, path)
    assert path.read_bytes() == changed
    save_project(document, path, overwrite=True)
    assert dump_of(open_project(path)) == dump_of(document)


def test_a_document_marked_saved_by_someone_else_is_written_whole(tmp_path):
    path = tmp_path / "p.mwp"
    document = sample_document()
    save_project(document, path)
    document.execute(c.SetHistory("tiktok", 2020, 1.25))
    document.mark_saved()
    save_project(document, path)
    assert open_project(path).project.history[("tiktok", 2020)] == 1.25


def test_save_as_keeps_the_documents_file_and_marks_it_saved(tmp_path):
    document = sample_document()
    document.execute(c.SetHistory("tiktok", 2020, 1.25))
    save_project_as(document, tmp_path / "as.mwp")
    assert not document.is_modified
    assert project_file_module.saved_file(document).path == (tmp_path / "as.mwp").resolve()


# -- any sequence of edits, saved after each ---------------------------------------------------

values = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False), st.just(-0.0))


def _edit(data: st.DataObject, document: Document) -> None:
    """One drawn edit (or undo/redo) of the sample; edits the model refuses are skipped."""
    p = document.project
    series = data.draw(st.sampled_from(p.series_ids()))
    scenario = data.draw(st.sampled_from([s.id for s in p.scenarios]))
    history_year = data.draw(st.sampled_from(list(p.metadata.history_years)))
    forecast_year = data.draw(st.sampled_from(list(p.metadata.forecast_years)))
    member = data.draw(st.sampled_from([m.id for d in p.dimensions for m in d.members]))
    company = data.draw(st.sampled_from(p.companies)) if p.companies else None
    measure = data.draw(st.sampled_from(typed_measures(p)))
    choices = {
        "history": lambda: c.SetHistory(series, history_year, data.draw(values)),
        "pin": lambda: c.SetPin(scenario, series, forecast_year, data.draw(values)),
        "growth": lambda: c.SetGrowth(scenario, series, Growth(
            data.draw(st.sampled_from(codes())), data.draw(st.floats(-0.5, 0.5)),
            {forecast_year: 0.1}, 1e3, 0.3, {forecast_year: 2.0})),
        "hold": lambda: c.SetHold(series, history_year, data.draw(st.booleans())),
        "note": lambda: c.SetNote(data.draw(st.sampled_from(["", scenario])), series,
                                  history_year, data.draw(st.text(max_size=5))),
        "add volume": lambda: AddVolume("million subscriptions"),
        "remove volume": RemoveVolume,
        "volume unit": lambda: SetVolumeUnit(data.draw(st.text(min_size=1, max_size=6))),
        "rename": lambda: c.RenameMember(member, data.draw(st.text(min_size=1, max_size=6))),
        "add member": lambda: c.AddMember(p.dimensions[0].id, data.draw(st.text(min_size=1))),
        "remove member": lambda: c.RemoveMember(member),
        "move member": lambda: c.MoveMember(member, data.draw(st.integers(0, 3))),
        "add scenario": lambda: c.AddScenario(data.draw(st.text(min_size=1)), scenario),
        "remove scenario": lambda: c.RemoveScenario(scenario),
        "company": lambda: c.UpdateEntity("companies", replace(company, name="Renamed")),
        "remove company": lambda: c.RemoveEntity("companies", company.id),
        "add trend": lambda: c.AddEntity("trends", Trend(f"t{len(p.trends)}x", "New trend"), 0),
        "move source": lambda: c.MoveEntity("sources", p.sources[-1].id, 0),
        "mode": lambda: c.SetMode(data.draw(st.sampled_from(["top_down", "bottom_up"])),
                                  p.dimensions[-1].id),
        "years": lambda: c.SetYearRange(p.metadata.first_year + 1, p.metadata.base_year,
                                        p.metadata.last_year - 1),
        "undo": None,
        "redo": None,
    }
    if company is None:
        del choices["company"], choices["remove company"]
    choice = data.draw(st.sampled_from(sorted(choices)))
    if choice in ("undo", "redo"):
        getattr(document, choice)()
        return
    command = choices[choice]()
    if choice in _MEASURE_INPUT_EDITS:
        command = OnMeasure(measure, command)  # the value's, or the volume's when it has one
    with contextlib.suppress(ModelError):
        document.execute(command)


_MEASURE_INPUT_EDITS = ("history", "pin", "growth", "hold", "note")


@settings(max_examples=25)
@given(st.data())
def test_any_sequence_of_edits_saves_exactly(data):
    """Of either measure, adding and removing the volume among them."""
    document = sample_document(volume=data.draw(st.booleans()))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.mwp"
        save_project(document, path)
        for _step in range(data.draw(st.integers(1, 6))):
            for _edit_index in range(data.draw(st.integers(1, 3))):
                _edit(data, document)
            save_project(document, path)
            reopened = open_project(path)
            assert reopened.project == document.project
            assert dump_of(reopened) == dump_of(document)


def test_the_total_row_is_just_another_series(tmp_path):
    path = tmp_path / "p.mwp"
    document = sample_document()
    save_project(document, path)
    document.execute(c.SetGrowth("base", TOTAL, Growth("manual", values={2030: 1.5})))
    save_project(document, path)
    assert open_project(path).project.growth[("base", TOTAL)].values == {2030: 1.5}


def test_a_failed_save_changes_no_file_and_leaves_the_document_unsaved(tmp_path, monkeypatch):
    path = tmp_path / "p.mwp"
    document = Document(small_project())
    save_project(document, path)
    before = folder_state(tmp_path)
    document.execute(c.SetHistory("d0m1", 2003, 42.0))

    def fail_half_way(connection, project, dirty, saved_entities):
        connection.execute("DELETE FROM history")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(project_file_module, "write_changes", fail_half_way)
    with pytest.raises(StoreError, match=r"^Cannot save .*p\.mwp: disk I/O error\.$"):
        save_project(document, path)
    assert folder_state(tmp_path) == before
    assert document.is_modified


def test_a_failed_whole_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "p.mwp"
    document = Document(small_project())
    save_project(document, path)
    before = folder_state(tmp_path)

    def fail_half_way(connection, project):
        connection.execute("INSERT INTO scenarios VALUES ('x', 0, 'X')")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(project_file_module, "write_project", fail_half_way)
    with pytest.raises(StoreError, match=r"^Cannot save .*p\.mwp: database or disk is full\.$"):
        save_project_as(document, path)
    assert folder_state(tmp_path) == before
