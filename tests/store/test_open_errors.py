"""Files that are not (good) projects: each refused in one sentence, each left byte-identical."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from tests.store.support import folder_state
from workbench.core.errors import ModelError
from workbench.store import APPLICATION_ID, SCHEMA_VERSION, StoreError, open_project


def refused(path: Path, message: str) -> None:
    """Opening `path` raises StoreError matching `message` and changes no file beside it."""
    before = folder_state(path.parent)
    with pytest.raises(StoreError) as caught:
        open_project(path)
    text = str(caught.value)
    assert re.search(message, text), text
    assert text.count(". ") == 0 and text.endswith("."), "one sentence"
    assert str(path) in text
    assert isinstance(caught.value, ModelError)
    assert folder_state(path.parent) == before


def sqlite_file(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def test_missing_file(tmp_path):
    refused(tmp_path / "absent.mwp", "^There is no project file at ")
    assert list(tmp_path.iterdir()) == []


def test_a_folder(tmp_path):
    (tmp_path / "folder.mwp").mkdir()
    refused(tmp_path / "folder.mwp", "is a folder, not a project file")


@pytest.mark.parametrize(
    "content",
    [b"", b"title,year\nMicro drama,2024\n", b"SQLite format 3", b"PK\x03\x04" + bytes(200)],
    ids=["empty", "csv", "short-header", "zip"],
)
def test_not_sqlite(tmp_path, content):
    path = tmp_path / "not.mwp"
    path.write_bytes(content)
    refused(path, r"is not a Market Workbench project \(not an SQLite database\)\.$")


def test_sqlite_but_not_ours(tmp_path):
    path = sqlite_file(tmp_path / "other.db", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
    refused(path, "is an SQLite database but not a Market Workbench project")


def test_another_applications_id(tmp_path):
    path = sqlite_file(tmp_path / "other.db", "PRAGMA application_id = 1", "CREATE TABLE t (x)")
    refused(path, "is an SQLite database but not a Market Workbench project")


def test_newer_schema(tmp_path):
    path = sqlite_file(
        tmp_path / "future.mwp", f"PRAGMA application_id = {APPLICATION_ID}",
        f"PRAGMA user_version = {SCHEMA_VERSION + 1}", "CREATE TABLE future (x)",
    )
    refused(path, r"saved by a newer version of Market Workbench \(file format "
                  rf"{SCHEMA_VERSION + 1}; this version reads up to {SCHEMA_VERSION}\)")


def test_ours_without_a_version(tmp_path):
    path = sqlite_file(tmp_path / "v0.mwp", f"PRAGMA application_id = {APPLICATION_ID}",
                       "CREATE TABLE t (x)")
    refused(path, r"is damaged and cannot be opened \(its file format is 0\)")


def test_ours_without_tables(tmp_path):
    path = sqlite_file(tmp_path / "bare.mwp", f"PRAGMA application_id = {APPLICATION_ID}",
                       "PRAGMA user_version = 2", "CREATE TABLE t (x)")
    refused(path, r"is damaged and cannot be opened: its table '\w+' is missing\.$")


def test_truncated(project_file):
    data = project_file.read_bytes()
    project_file.write_bytes(data[: len(data) // 2])
    refused(project_file, r"is damaged and cannot be opened \(")


def test_overwritten_pages(project_file):
    data = bytearray(project_file.read_bytes())
    for offset in range(8192, len(data), 4096 * 3):
        data[offset : offset + 600] = bytes(range(200)) * 3
    project_file.write_bytes(bytes(data))
    refused(project_file, r"is damaged and cannot be opened \(")


def test_rows_the_model_refuses(project_file):
    connection = sqlite3.connect(project_file)
    connection.execute("UPDATE metadata SET base_year = first_year - 1")
    connection.commit()
    connection.close()
    refused(project_file, r"is damaged and cannot be opened: years must satisfy")


def test_an_unknown_growth_method(project_file):
    connection = sqlite3.connect(project_file)
    connection.execute("UPDATE growth SET method = 'magic' WHERE series = 'total'")
    connection.commit()
    connection.close()
    refused(project_file, r"is damaged and cannot be opened: unknown growth method 'magic'")


def test_a_good_file_opens_and_stays_identical(project_file):
    before = folder_state(project_file.parent)
    document = open_project(project_file)
    assert not document.is_modified
    assert folder_state(project_file.parent) == before


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE companies SET segments = 'not json'", "expecting value"),
        ("UPDATE trends SET source_ids = '5'", "not iterable"),
        (
            "UPDATE metadata SET first_year = 'soon'",
            "metadata.first_year holds the text 'soon' where a whole number belongs",
        ),
    ],
    ids=["bad-json", "json-not-a-list", "text-for-a-year"],
)
def test_rows_that_are_not_what_we_wrote(project_file, statement, message):
    connection = sqlite3.connect(project_file)
    connection.execute("INSERT INTO trends VALUES ('t', 99, 'Trend', '', '[]', '[]')")
    connection.execute(statement)
    connection.commit()
    connection.close()
    refused(project_file, rf"is damaged and cannot be opened: .*{message}")
