"""Older files open: version 1 (no cell notes) and version 3 (value-only, before measures)
are read through a copy migrated in memory, the file left as it was until the next save
writes it whole in the current version; a file from a newer build is refused."""

from __future__ import annotations

import math
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.store.support import folder_state
from workbench.core.commands import SetNote
from workbench.core.entities import Rating
from workbench.core.project import Growth
from workbench.store import SCHEMA_VERSION, StoreError, open_project, save_project, schema
from workbench.store import project_file as project_file_module

FIXTURES = Path(__file__).parents[1] / "fixtures" / "store"
FIXTURE = FIXTURES / "v1.mwp"


@pytest.fixture
def v1_file(tmp_path) -> Path:
    path = tmp_path / "old.mwp"
    shutil.copyfile(FIXTURE, path)
    return path


def pragma(path: Path, name: str):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


def tables(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        return {name for (name,) in rows}
    finally:
        connection.close()


def test_the_fixture_is_version_1_without_notes():
    assert pragma(FIXTURE, "user_version") == 1
    assert "notes" not in tables(FIXTURE)


def test_version_1_opens_with_everything_it_held(v1_file):
    project = open_project(v1_file).project
    assert project.metadata.title == "Version one market"
    assert (project.metadata.first_year, project.metadata.base_year) == (2020, 2022)
    assert (project.mode, project.primary_dimension) == ("bottom_up", "region")
    assert [m.name for m in project.dimension("region").members] == ["Asia", "Europe"]
    assert project.history[("asia", 2021)] == 7.5
    assert project.history_sources == {("total", 2022): "src-1"}
    europe = project.growth[("base", "europe")]
    assert europe.method == "growth_by_year" and europe.rates[2023] == 0.05
    assert math.copysign(1.0, europe.rates[2024]) == -1.0
    assert project.growth[("low", "asia")] == Growth("s_curve", 0.0, {}, 20.0, 0.4, {})
    assert project.growth[("low", "europe")].values == {2023: 6.5, 2025: 7.25}
    assert project.pins == {("base", "asia", 2024): 12.0}
    assert project.holds == {("europe", 2022)}
    assert project.notes == {}
    company = project.companies[0]
    assert (company.segments, company.shares) == (("asia",), {2022: 0.25})
    assert company.source_ids == ("src-1",)
    assert project.assessments[0].cells[("c-1", "asia")] == Rating(4, "Mature")
    assert project.key_questions[0].answer == "Nine million in 2022."


def test_opening_an_older_file_leaves_it_as_it_was_until_the_next_save(v1_file, statements):
    before = folder_state(v1_file.parent)
    document = open_project(v1_file)
    assert folder_state(v1_file.parent) == before, "reading never changes a file"
    assert not [s for s in statements if s.startswith(("CREATE", "PRAGMA user_version ="))]
    assert not document.is_modified
    save_project(document, v1_file)
    assert pragma(v1_file, "user_version") == SCHEMA_VERSION
    assert {"notes", "pin_marks", "measures", "volume_history"} <= tables(v1_file)
    assert "BEGIN IMMEDIATE" not in statements, "written whole, not into the old tables"
    assert open_project(v1_file).project == document.project


def test_a_migrated_file_takes_notes_and_keeps_them(v1_file):
    document = open_project(v1_file)
    document.execute(SetNote("base", "asia", 2024, "Pinned after the Q3 call."))
    save_project(document, v1_file)
    notes = open_project(v1_file).project.notes
    assert notes == {("base", "asia", 2024): "Pinned after the Q3 call."}


def test_a_failing_migration_leaves_the_file_untouched(v1_file, monkeypatch):
    broken = schema.MIGRATIONS[2] + "; CREATE TABLE notes (again)"
    monkeypatch.setitem(schema.MIGRATIONS, 2, broken)
    before = folder_state(v1_file.parent)
    with pytest.raises(StoreError, match=r"could not be upgraded from file format 1: table notes "
                                         r"already exists\.$"):
        open_project(v1_file)
    assert folder_state(v1_file.parent) == before


def test_a_read_only_old_file_opens_unchanged(v1_file, monkeypatch):
    """(The tests may run as root, who may write anything: the check itself is faked.)"""
    monkeypatch.setattr(project_file_module.os, "access", lambda path, mode: False)
    before = folder_state(v1_file.parent)
    assert open_project(v1_file).project.metadata.title == "Version one market"
    assert folder_state(v1_file.parent) == before


@pytest.mark.parametrize("name", ["v1.mwp", "v3.mwp"])
def test_every_older_fixture_opens_and_saves_as_the_current_version(tmp_path, name):
    path = tmp_path / name
    shutil.copyfile(FIXTURES / name, path)
    document = open_project(path)
    assert document.project.volume is None
    assert document.project.pins[("base", "asia", 2024)] == 12.0
    document.execute(SetNote("base", "europe", 2025, "Checked."))
    save_project(document, path)
    assert pragma(path, "user_version") == SCHEMA_VERSION == 4
    assert open_project(path).project == document.project


def test_version_3_opens_value_only_with_its_notes_and_pin_marks(tmp_path):
    assert pragma(FIXTURES / "v3.mwp", "user_version") == 3
    assert "measures" not in tables(FIXTURES / "v3.mwp")
    path = tmp_path / "v3.mwp"
    shutil.copyfile(FIXTURES / "v3.mwp", path)
    project = open_project(path).project
    assert project.metadata.title == "Version three market"
    assert project.volume is None
    assert project.notes == {
        ("", "asia", 2021): "Restated in the 2023 report.",
        ("base", "asia", 2024): "Pinned after the Q3 call.",
    }
    assert project.pin_marks == {("base", "europe", 2023): "spread"}
    assert project.pins[("base", "europe", 2023)] == 6.4


def test_version_3_saved_whole_elsewhere_is_version_4(tmp_path):
    path = tmp_path / "v3.mwp"
    shutil.copyfile(FIXTURES / "v3.mwp", path)
    document = open_project(path)
    save_project(document, tmp_path / "copy.mwp")
    assert pragma(tmp_path / "copy.mwp", "user_version") == 4
    assert {"measures", "volume_history"} <= tables(tmp_path / "copy.mwp")
    assert open_project(tmp_path / "copy.mwp").project == document.project


def test_a_version_4_file_stamped_by_a_newer_build_is_refused_unchanged(tmp_path):
    path = tmp_path / "future.mwp"
    shutil.copyfile(FIXTURES / "v3.mwp", path)
    save_project(open_project(path), tmp_path / "four.mwp")
    connection = sqlite3.connect(tmp_path / "four.mwp")
    connection.execute("PRAGMA user_version = 5")
    connection.commit()
    connection.close()
    before = folder_state(tmp_path)
    with pytest.raises(StoreError, match=r"four\.mwp was saved by a newer version of Market "
                                         r"Workbench \(file format 5; this version reads up "
                                         r"to 4\)\.$"):
        open_project(tmp_path / "four.mwp")
    assert folder_state(tmp_path) == before
