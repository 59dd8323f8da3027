"""A `.mwp` from a stranger is data: SQL hidden in it never runs, and every value is
checked before the model sees it. Each hostile file is refused in one sentence naming the
file and what is wrong; the folder is left byte-identical; the command line exits 2."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.store.support import folder_state
from workbench.cli import main
from workbench.store import StoreError, open_project


def tamper(path: Path, *statements: str, schema: bool = False) -> Path:
    """Run SQL on the file as a forger would; `schema` allows rewriting table definitions."""
    connection = sqlite3.connect(path, isolation_level=None)
    if schema:
        connection.execute("PRAGMA writable_schema = ON")
    for statement in statements:
        connection.execute(statement)
    connection.close()
    return path


def refused_everywhere(path: Path, message: str, capsys) -> None:
    """`open_project` and `workbench dump|check|show` all refuse, saying `message`."""
    before = folder_state(path.parent)
    with pytest.raises(StoreError, match=message) as caught:
        open_project(path)
    text = str(caught.value)
    assert str(path) in text and text.endswith(".") and text.count(". ") == 0
    for command in ("dump", "check", "show"):
        assert main([command, str(path)]) == 2, command
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and "Traceback" not in err
        assert str(path) in err
    assert folder_state(path.parent) == before


def test_a_trigger_never_runs(project_file, capsys):
    """Item 5: a trigger deleting every company fired during a plain import or Save."""
    tamper(
        project_file,
        "CREATE TRIGGER wipe AFTER INSERT ON history BEGIN DELETE FROM companies; END",
    )
    refused_everywhere(project_file, r"holds a trigger named 'wipe', SQL that would run", capsys)


def test_a_view_with_an_instead_of_trigger_never_runs(project_file, capsys):
    tamper(
        project_file,
        "CREATE VIEW v AS SELECT * FROM history",
        "CREATE TRIGGER t INSTEAD OF INSERT ON v BEGIN DELETE FROM companies; END",
    )
    refused_everywhere(project_file, r"holds a (trigger|view) named '[tv]'", capsys)


def test_a_recursive_view_in_place_of_a_table_is_never_read(project_file, capsys):
    """Item 6: a view reading without end took memory until MemoryError after 6 GB."""
    tamper(
        project_file,
        "DROP TABLE trends",
        "CREATE VIEW trends AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
        " SELECT 't' || i, i, 'x', 'x', '[]', '[]' FROM n",
    )
    refused_everywhere(project_file, r"holds a view named 'trends'", capsys)


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE history SET value = 'NaN'", r"history\.value holds the text 'NaN' where a number"),
        ("UPDATE history SET value = 'abc'", r"history\.value holds the text 'abc' where a number"),
        (
            "UPDATE history SET year = 'soon' WHERE (series, year) = "
            "(SELECT series, year FROM history LIMIT 1)",
            r"history\.year holds the text 'soon' where a whole",
        ),
        ("UPDATE growth SET rate = x'00ff'", r"growth\.rate holds binary data \(a blob\) where"),
        ("UPDATE growth SET rate = 9e999", r"growth\.rate holds inf, not a finite number"),
        (
            "UPDATE history SET year = 2020.5 WHERE (series, year) = "
            "(SELECT series, year FROM history LIMIT 1)",
            r"history\.year holds a number where a whole number",
        ),
        (
            "UPDATE members SET name = x'01'",
            r"members\.name holds binary data \(a blob\) where text",
        ),
    ],
    ids=[
        "text-NaN",
        "text-value",
        "text-year",
        "blob-rate",
        "infinite-rate",
        "half-year",
        "blob-name",
    ],
)
def test_values_of_the_wrong_kind_are_named(project_file, statement, message, capsys):
    """Item 10: these gave "unexpected error (TypeError)", exit 3."""
    tamper(project_file, statement)
    refused_everywhere(project_file, r"is damaged and cannot be opened: " + message, capsys)


def test_a_redefined_table_that_allows_a_null_title_is_refused(project_file, capsys):
    """Item 11: a NULL title printed "None"; our files never allow one."""
    tamper(
        project_file,
        "UPDATE sqlite_master SET sql = replace(sql, 'title TEXT NOT NULL, first_year', "
        "'title TEXT, first_year') WHERE name = 'metadata'",
        schema=True,
    )
    tamper(project_file, "UPDATE metadata SET title = NULL")
    refused_everywhere(project_file, r"its table 'metadata' is defined differently", capsys)


def test_a_missing_primary_dimension_is_named(project_file, capsys):
    """Item 10: a primary dimension that does not exist gave a KeyError, exit 3."""
    tamper(project_file, "UPDATE metadata SET mode = 'bottom_up', primary_dimension = 'gone'")
    refused_everywhere(project_file, r"the primary dimension 'gone' is not one of", capsys)


def test_an_id_used_twice_is_named(project_file, capsys):
    """Item 10: ids are one namespace (a scenario and a segment cannot share one)."""
    member = sqlite3.connect(project_file).execute("SELECT id FROM members").fetchone()[0]
    tamper(project_file, f"UPDATE scenarios SET id = '{member}' WHERE position = 0")
    refused_everywhere(project_file, rf"the id '{member}' is used twice", capsys)


def test_a_copy_one_byte_short_is_refused(project_file, capsys):
    """Item 11: it opened, and a note silently ended in NUL; `check` said no problems."""
    data = project_file.read_bytes()
    project_file.write_bytes(data[:-1])
    refused_everywhere(project_file, r"holds [\d,]+ bytes where its header counts", capsys)


def test_a_write_ahead_log_file_is_left_as_it_is(project_file, capsys):
    """Item 12: `dump` of a WAL-mode file rewrote its header (reading never changes a file)."""
    tamper(project_file, "PRAGMA journal_mode = WAL")
    assert project_file.read_bytes()[18:20] == b"\x02\x02"
    refused_everywhere(project_file, r"was switched to SQLite's write-ahead log", capsys)


def test_statistics_tables_of_sqlite_itself_are_harmless(project_file):
    tamper(project_file, "ANALYZE")
    assert open_project(project_file).project.metadata.title
