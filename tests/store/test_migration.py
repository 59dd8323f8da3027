"""Schema version 1 (no cell notes) opens and migrates forward in one transaction, or not at all."""

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

FIXTURE = Path(__file__).parents[1] / "fixtures" / "store" / "v1.mwp"


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


def test_opening_migrates_the_file_forward_in_one_transaction(v1_file, monkeypatch):
    statements: list[str] = []
    real_connect = project_file_module.connect

    def traced(path, mode):
        connection = real_connect(path, mode)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(project_file_module, "connect", traced)
    open_project(v1_file)
    assert pragma(v1_file, "user_version") == SCHEMA_VERSION
    assert {"notes", "pin_marks"} <= tables(v1_file)
    begins = [i for i, s in enumerate(statements) if s.startswith("BEGIN")]
    commits = [i for i, s in enumerate(statements) if s == "COMMIT"]
    create = next(i for i, s in enumerate(statements) if s.startswith("CREATE TABLE notes"))
    stamp = statements.index(f"PRAGMA user_version = {SCHEMA_VERSION}")
    assert len(begins) == 1 and len(commits) == 1
    assert begins[0] < create < stamp < commits[0]


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


def test_a_read_only_old_file_is_refused_unchanged(v1_file, monkeypatch):
    """(The tests may run as root, who may write anything: the check itself is faked.)"""
    monkeypatch.setattr(project_file_module.os, "access", lambda path, mode: False)
    before = folder_state(v1_file.parent)
    with pytest.raises(StoreError, match="needs upgrading from file format 1 but is read-only"):
        open_project(v1_file)
    assert folder_state(v1_file.parent) == before
